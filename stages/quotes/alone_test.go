package quotes

import (
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// TestAlone: a quote a rule decides alone is listed with the rule's name
// and the subject it read; one with candidates is not. An unnamed speaker
// is decided alone in English text only.
func TestAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		text, want string // want "" for not listed
	}{
		{"一位士兵说：“我们对结果感到满意。”", ""}, // the model decides (nobody among its candidates)
		{"他们说：“我们对结果感到满意。”", "plural: 他们"},
		{"This article appeared in the Europe section of the print edition under the headline \"Newtonian Europe\"", "unnamed: "},
		{"王毅说：“我们对结果感到满意。”", ""},
	} {
		norm, toks, ms := chain(t, tc.text)
		why := rulesOnly().Alone(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: tc.text}, Norm: norm, Tokens: toks, Mentions: ms})
		got := ""
		for _, w := range why {
			got = w
		}
		if len(why) > 1 || got != tc.want {
			t.Errorf("%s: %v, want %q", tc.text, why, tc.want)
		}
	}
}
