package entities

import (
	"strings"
	"testing"
)

// idsOf maps each person mention's surface to the ids it got, in text order.
func idsOf(t *testing.T, text string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range find(t, text) {
		if m.Type == "person" {
			out[m.Surface] = append(out[m.Surface], m.EntityID)
		}
	}
	return out
}

func TestDottedLinks(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       map[string]string // surface → id of every mention of it
	}{
		{
			// Another McCarthy: her own id, and the later bare family
			// name follows her.
			name: "another person of the family name",
			text: "美国环保署前署长吉娜·麦卡锡周二说，气候问题刻不容缓。麦卡锡表示，她会继续推动减排。",
			want: map[string]string{"吉娜·麦卡锡": "person:吉娜·麦卡锡", "麦卡锡": "person:吉娜·麦卡锡"},
		},
		{
			// A transliteration variant of the lexicon's 大卫·珀杜.
			name: "same person, other spelling",
			text: "共和党参议员戴维·珀杜周三在佐治亚州发表讲话。",
			want: map[string]string{"戴维·珀杜": "person:david-perdue"},
		},
		{
			name: "a relative, the person named before",
			text: "特朗普周一在白宫发表讲话。他的侄女玛丽·特朗普在新书中写道，家族长期不和。",
			want: map[string]string{"特朗普": "person:donald-trump", "玛丽·特朗普": "person:玛丽·特朗普"},
		},
		{
			name: "a Latin initial is the same person",
			text: "作家玛丽·L·特朗普出版了回忆录。特朗普总统的侄女玛丽·特朗普说，这本书写了真相。",
			want: map[string]string{"玛丽·L·特朗普": "person:玛丽·L·特朗普", "玛丽·特朗普": "person:玛丽·L·特朗普"},
		},
		{
			// The lexicon's own dotted form: no change.
			name: "lexicon form",
			text: "众议院议长凯文·麦卡锡周二表示，他将推动法案表决。麦卡锡说，时间不多了。",
			want: map[string]string{"凯文·麦卡锡": "person:kevin-mccarthy", "麦卡锡": "person:kevin-mccarthy"},
		},
		{
			name: "spaces beside the dot",
			text: "第一夫人梅拉妮娅 · 特朗普周二访问了一所学校。",
			want: map[string]string{"梅拉妮娅 · 特朗普": "person:梅拉妮娅·特朗普"},
		},
		{
			// Jr. and a Latin initial before an alias's given name.
			name: "junior and initial",
			text: "小约瑟夫·R·拜登周三宣誓就任美国总统。",
			want: map[string]string{"小约瑟夫·R·拜登": "person:joe-biden"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := idsOf(t, tc.text)
			for surface, id := range tc.want {
				ids := got[surface]
				if len(ids) == 0 {
					t.Errorf("%s: no mention in %v", surface, got)
				}
				for _, g := range ids {
					if g != id {
						t.Errorf("%s: id %s, want %s (all: %v)", surface, g, id, got)
					}
				}
			}
		})
	}
}

func TestGivenFits(t *testing.T) {
	st, _ := setup(t)
	g := st.g
	for _, tc := range []struct {
		id, given string
		want      bool
	}{
		{"person:david-perdue", "戴维", true},    // 大卫: dai, wei
		{"person:viktor-orban", "维克多", true},   // 维克托: d and t
		{"person:joe-biden", "小约瑟夫", true},     // 约瑟夫 inside
		{"person:bob-menendez", "罗伯特", true},   // Bob is Robert
		{"person:kevin-mccarthy", "吉娜", false}, // Gina McCarthy
		{"person:donald-trump", "玛丽", false},
		{"person:donald-trump", "弗雷德", false}, // shares 德 only
		{"person:joe-biden", "博", false},
		{"person:bashar-al-assad", "塔拉尔", false}, // Talal Asad
		{"person:vincent-van-gogh", "文森特", true}, // 梵·高 names no given name
	} {
		e, ok := g.Entity(tc.id)
		if !ok {
			t.Fatalf("no lexicon entity %s", tc.id)
		}
		if got := g.givenFits(e, tc.given); got != tc.want {
			t.Errorf("givenFits(%s, %s) = %v, want %v (given names %v)", tc.id, tc.given, got, tc.want, e.given)
		}
	}
}

func TestSplitSyllable(t *testing.T) {
	for _, tc := range []struct{ in, init, fin string }{
		{"zhang", "zh", "ang"}, {"ai", "", "ai"}, {"ya", "", "ia"}, {"yi", "", "i"},
		{"you", "", "iu"}, {"yu", "", "ü"}, {"wei", "", "ui"}, {"wu", "", "u"},
		{"wa", "", "ua"}, {"ju", "j", "ü"}, {"lü", "l", "ü"},
	} {
		if i, f := splitSyllable(tc.in); i != tc.init || f != tc.fin {
			t.Errorf("splitSyllable(%s) = %q, %q; want %q, %q", tc.in, i, f, tc.init, tc.fin)
		}
	}
}

func TestMergedGiven(t *testing.T) {
	e := &Entity{forms: []string{"哈梅内伊", "阿里·哈梅内伊"}}
	for _, tc := range []struct {
		s    string
		want string
		ok   bool
	}{
		{"阿里·哈梅内伊", "", false}, // a form itself
		{"阿亚图拉·阿里·哈梅内伊", "阿亚图拉|阿里", true},
		{"穆罕默德·R·哈梅内伊", "穆罕默德", true},
		{"哈梅内伊·阿里", "", false},
		{"吉尔·拜登", "", false},
		{"R·哈梅内伊", "", false},
	} {
		got, ok := mergedGiven(e, tc.s)
		if ok != tc.ok || strings.Join(got, "|") != tc.want {
			t.Errorf("mergedGiven(%s) = %v, %v; want %s, %v", tc.s, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzMergedGiven reads any text as a name merged into a person: no panic,
// and the parts it returns are Han parts of the text before the form.
func FuzzMergedGiven(f *testing.F) {
	e := &Entity{forms: []string{"麦卡锡", "凯文·麦卡锡"}}
	for _, s := range []string{"吉娜·麦卡锡", "·麦卡锡", "麦卡锡", "a·b·麦卡锡", "··麦卡锡", "吉娜·麦卡锡·麦卡锡"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts, ok := mergedGiven(e, s)
		if !ok {
			return
		}
		for _, p := range parts {
			if p == "" || !strings.Contains(s, p) || !strings.ContainsFunc(p, isHan) {
				t.Errorf("mergedGiven(%q): part %q", s, p)
			}
		}
	})
}
