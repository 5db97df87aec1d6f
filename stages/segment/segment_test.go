package segment

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	once   sync.Once
	shared *Segmenter
)

func seg(t testing.TB) *Segmenter {
	once.Do(func() {
		s, err := New([]Word{{Text: "布林肯", Freq: 20000, POS: "nr"}, {Text: "王毅", Freq: 3000, POS: "nr"}, {Text: "大纪元", Freq: 20000, POS: "nt"}})
		if err != nil {
			panic(err)
		}
		shared = s
	})
	return shared
}

func words(s *Segmenter, text string) []string {
	r := []rune(text)
	var out []string
	for _, t := range s.Tokens(text) {
		out = append(out, string(r[t.Start:t.Stop]))
	}
	return out
}

func TestNamesStayWhole(t *testing.T) {
	s := seg(t)
	got := strings.Join(words(s, "美国国务卿布林肯会晤中共外长王毅。大纪元记者报导"), "/")
	for _, w := range []string{"/布林肯/", "/王毅/", "/大纪元/"} {
		if !strings.Contains("/"+got+"/", w) {
			t.Errorf("%s not whole in %s", w, got)
		}
	}
}

// TestTokensCoverText checks that tokens tile the text in order, with code
// point offsets, for every script.
func TestTokensCoverText(t *testing.T) {
	s := seg(t)
	for _, tc := range []struct{ text, script string }{
		{"美国国务卿布林肯7月在印尼会晤中共外长王毅后，表示担心。", "simplified"},
		{"蔡英文總統表示，臺灣將與美國加強合作。Mike Pompeo說：「好。」", "traditional"},
		{"The Economist reports that Xi Jinping met Joe Biden.", "english"},
		{"𠀀𪚥 emoji 😀 and \n newlines\t", "mixed"},
		{"", "simplified"},
	} {
		norm := s.Normalize(tc.text, tc.script)
		if utf8.RuneCountInString(norm) != utf8.RuneCountInString(tc.text) {
			t.Fatalf("Normalize changed the length of %q", tc.text)
		}
		toks := s.Tokens(norm)
		pos := int32(0)
		for _, tk := range toks {
			if tk.Start != pos || tk.Stop <= tk.Start {
				t.Fatalf("%q: token [%d,%d) after %d", tc.text, tk.Start, tk.Stop, pos)
			}
			pos = tk.Stop
		}
		if int(pos) != utf8.RuneCountInString(tc.text) {
			t.Errorf("%q: tokens end at %d of %d", tc.text, pos, utf8.RuneCountInString(tc.text))
		}
	}
}

func TestTraditionalMatchesSimplified(t *testing.T) {
	s := seg(t)
	trad := s.Normalize("國務卿布林肯會晤外長王毅", "traditional")
	if trad != "国务卿布林肯会晤外长王毅" {
		t.Errorf("Normalize = %q", trad)
	}
}

func BenchmarkTokens(b *testing.B) {
	s := seg(b)
	text := strings.Repeat("美国国务卿布林肯7月在印尼会晤中共外长王毅后，表示担心中国（中共）与俄罗斯结盟。", 50)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			s.Tokens(text)
		}
	})
}
