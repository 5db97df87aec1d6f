package gazetteer

import (
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	in := "# id\tname\n" +
		"xi-jinping\t习近平\t習近平\tXi Jinping\tchn\t习总书记|習總書記\tleader\n" +
		"\n" +
		"short\t某人\n" +
		"dup\t甲\t甲\t\t\t甲|乙\t\r\n"
	got, err := Parse(strings.NewReader(in), "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d entries", len(got))
	}
	x := got[0]
	if x.ID != "xi-jinping" || x.NameT != "習近平" || x.Country != "CHN" || !slices.Equal(x.Aliases, []string{"习总书记", "習總書記"}) || x.Note != "leader" {
		t.Errorf("entry %+v", x)
	}
	if got[1].Name != "某人" || got[1].Aliases != nil {
		t.Errorf("short entry %+v", got[1])
	}
	if f := got[2].Forms(); !slices.Equal(f, []string{"甲", "乙"}) {
		t.Errorf("forms %q", f)
	}
	for _, bad := range []string{
		"a\t甲\nb\t乙\na\t丙\n", // duplicate id
		"\t甲\n",              // no id
		"a b\t甲\n",           // space in id
		"a\t甲\t\t\tUS\n",     // not alpha-3
	} {
		if _, err := Parse(strings.NewReader(bad), "bad"); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestMerge(t *testing.T) {
	base := []Entry{{ID: "a", Name: "甲"}, {ID: "b", Name: "乙"}}
	got := Merge(base, []Entry{{ID: "b", Name: "乙二"}, {ID: "c", Name: "丙"}})
	var names []string
	for _, e := range got {
		names = append(names, e.Name)
	}
	if !slices.Equal(names, []string{"甲", "乙二", "丙"}) || base[1].Name != "乙" {
		t.Errorf("merged %q, base %+v", names, base)
	}
}
