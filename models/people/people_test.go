package people

import "testing"

func TestLoad(t *testing.T) {
	es, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(es) < 1000 {
		t.Fatalf("%d entries, want at least 1000", len(es))
	}
	owner := map[string]string{}
	for _, e := range es {
		if e.Country != "" && len(e.Country) != 3 {
			t.Errorf("%s: country %q", e.ID, e.Country)
		}
		for _, f := range e.Forms() {
			if prev, ok := owner[f]; ok && prev != e.ID {
				t.Errorf("form %q belongs to %s and %s", f, prev, e.ID)
			}
			owner[f] = e.ID
		}
	}
	for form, id := range map[string]string{"习近平": "xi-jinping", "蓬佩奥": "mike-pompeo", "布林肯": "antony-blinken", "王毅": "wang-yi-diplomat"} {
		if owner[form] != id {
			t.Errorf("%q belongs to %q, want %q", form, owner[form], id)
		}
	}
}
