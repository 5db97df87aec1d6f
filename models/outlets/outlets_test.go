package outlets

import "testing"

func TestLoad(t *testing.T) {
	es, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(es) < 200 {
		t.Fatalf("%d entries, want at least 200", len(es))
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
	for form, id := range map[string]string{"华尔街日报": "wsj", "华日": "wsj", "WSJ": "wsj", "路透社": "reuters", "德国之声": "dw"} {
		if owner[form] != id {
			t.Errorf("%q belongs to %q, want %q", form, owner[form], id)
		}
	}
}
