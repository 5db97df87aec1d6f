package lexicon

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestLists(t *testing.T) {
	for name, l := range map[string][]string{"surnames": Surnames(), "titles": Titles(), "speech verbs": SpeechVerbs()} {
		if len(l) < 50 {
			t.Errorf("%s: only %d entries", name, len(l))
		}
		seen := map[string]bool{}
		for _, w := range l {
			if seen[w] {
				t.Errorf("%s: %q twice", name, w)
			}
			seen[w] = true
		}
	}
	for _, s := range Surnames() {
		if n := utf8.RuneCountInString(s); n < 1 || n > 2 {
			t.Errorf("surname %q has %d characters", s, n)
		}
	}
	if !slices.Contains(Surnames(), "欧阳") || !slices.Contains(Titles(), "国务卿") || !slices.Contains(SpeechVerbs(), "表示") {
		t.Error("a common entry is missing")
	}
}

func TestSounds(t *testing.T) {
	s := Sounds()
	if len(s) < 3500 {
		t.Fatalf("only %d characters have readings", len(s))
	}
	for _, tc := range []struct {
		r    rune
		want string
	}{{'戴', "dai"}, {'大', "dai"}, {'卫', "wei"}, {'维', "wei"}, {'吕', "lü"}, {'斯', "si"}} {
		if !slices.Contains(s[tc.r], tc.want) {
			t.Errorf("%c: readings %v, want %s among them", tc.r, s[tc.r], tc.want)
		}
	}
}

// TestCompaniesNotPeople: every company is a word no stage takes for a
// person, and none is listed twice (not_people.txt lost the ones it moved).
func TestCompaniesNotPeople(t *testing.T) {
	not := map[string]int{}
	for _, w := range NotPeople() {
		not[w]++
	}
	if len(Companies()) == 0 {
		t.Fatal("no companies")
	}
	for _, c := range Companies() {
		if not[c] != 1 {
			t.Errorf("%s is %d times among the words never people, want once", c, not[c])
		}
	}
	for _, w := range []string{"英伟达", "阿里巴巴", "华为", "汇丰"} {
		if not[w] == 0 {
			t.Errorf("%s may be taken for a person", w)
		}
	}
}

// TestVoicesNotRoles: an organisation's documents and offices (声明, 官网)
// are read with the roles by the quote stage but are no person's role.
func TestVoicesNotRoles(t *testing.T) {
	voices := Voices()
	for _, w := range []string{"声明", "公告", "官网", "新闻处", "新闻办"} {
		if !slices.Contains(voices, w) {
			t.Errorf("%s: not a voice", w)
		}
		if slices.Contains(PersonRoles(), w) {
			t.Errorf("%s: a person's role", w)
		}
		if !slices.Contains(Roles(), w) {
			t.Errorf("%s: not read by the quote stage (Roles)", w)
		}
	}
	if len(Roles()) != len(PersonRoles())+len(voices) {
		t.Errorf("Roles: %d words, want %d + %d", len(Roles()), len(PersonRoles()), len(voices))
	}
}
