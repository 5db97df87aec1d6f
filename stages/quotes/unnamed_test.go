package quotes

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// TestUnnamedInside: someone unnamed inside the sentence before a quote,
// after a place or an organisation, marks the quote for nobody; a person
// named after the quantifier does not.
func TestUnnamedInside(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"place before", "宿迁市至少三座教堂被强拆。当地一名村干部称，“信徒比共产党员还要多，共产党管不了他们。”", true},
		{"anonymous official", "有不愿具名的前中国疾控中心官员向美联社表示，他认为“这是出于政治考虑，因为海外人士关注此事。”", true},
		{"named after", "宿迁市至少三座教堂被强拆。当地一名村干部王建国称，“信徒比共产党员还要多，共产党管不了他们。”", false},
		{"named subject", "宿迁市至少三座教堂被强拆。村干部王建国称，“信徒比共产党员还要多，共产党管不了他们。”", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			none := lastNone(t, tc.text)
			if got := slices.Contains(none, "none|unnamed_in"); got != tc.want {
				t.Errorf("none|unnamed_in %v, want %v: %v", got, tc.want, none)
			}
		})
	}
}

// lastNone returns the features of nobody, the candidate "", for the last
// quote of text; it fails the test where the rules decided that quote alone.
func lastNone(t *testing.T, text string) []string {
	t.Helper()
	return lastCands(t, text)[""]
}

// lastCands returns the candidates' features by surface for the last quote
// of text run through the chain; it fails the test where the rules decided
// that quote alone.
func lastCands(t *testing.T, text string) map[string][]string {
	t.Helper()
	norm, toks, ms := chain(t, text)
	qs := candFeaturesOf(t, text, norm, toks, ms)
	if len(qs) == 0 || qs[len(qs)-1] == nil {
		t.Fatal("no candidates: the rules decided alone")
	}
	return qs[len(qs)-1]
}

// candFeaturesOf returns each quote's candidates' features by surface
// (nobody's under "").
func candFeaturesOf(t *testing.T, text, norm string, toks []pipeline.Token, ms []pipeline.Mention) []map[string][]string {
	t.Helper()
	_, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms})
	var out []map[string][]string
	for _, cs := range cands {
		if cs == nil {
			out = append(out, nil)
			continue
		}
		m := map[string][]string{}
		for _, c := range cs {
			m[c.Surface] = c.Features
		}
		out = append(out, m)
	}
	return out
}

// checkOnlyWith checks that exactly one named candidate of cs carries
// feature feat and that its surface holds want; none when want is "".
func checkOnlyWith(t *testing.T, cs map[string][]string, feat, want string) {
	t.Helper()
	var got []string
	for s, fs := range cs {
		if s != "" && slices.Contains(fs, feat) {
			got = append(got, s)
		}
	}
	switch {
	case want == "" && len(got) > 0:
		t.Errorf("%s %v, want none", feat, got)
	case want != "" && (len(got) != 1 || !strings.Contains(got[0], want)):
		t.Errorf("%s %v, want %s", feat, got, want)
	}
}

// TestUnnamedInsideEveryWord: each word of unnamedInner is found, at the
// start, in the middle and at the end of the stretch (unnamedInnerFirst
// lets no first character through unread).
func TestUnnamedInsideEveryWord(t *testing.T) {
	for _, w := range unnamedInner {
		for _, text := range []string{string(w) + "官员称", "当地" + string(w) + "官员称", "当地" + string(w)} {
			d := newDoc(rulesOnly(), text, text, nil, nil)
			if !d.unnamedInside(0, len(d.norm)) {
				t.Errorf("%q: %q not found", text, string(w))
			}
		}
	}
	d := newDoc(rulesOnly(), "当地官员称", "当地官员称", nil, nil)
	if d.unnamedInside(0, len(d.norm)) {
		t.Error("当地官员称: unnamed")
	}
}
