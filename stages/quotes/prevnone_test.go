package quotes

import (
	"slices"
	"testing"
)

// TestPrevNobody: a quote after one the rules give nobody (一名网友说) is
// marked none|prev_none; after a named speaker's quote it is not.
func TestPrevNobody(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"list of comments", "李文亮去世后，一名网友留言说：“看了纽约时报的报道，心里很难受。”\n“世界真的没有好一点，我不想你枉死。”", true},
		{"text between", "李文亮去世后，一名网友留言说：“看了纽约时报的报道，心里很难受。”他的同事王建国也说：“世界真的没有好一点，我不想你枉死。”", true},
		{"a named speaker before", "李文亮去世后，他的同事王建国说：“看了纽约时报的报道，心里很难受。”\n“世界真的没有好一点，我不想你枉死。”", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			norm, toks, ms := chain(t, tc.text)
			qs := candFeaturesOf(t, tc.text, norm, toks, ms)
			if len(qs) < 2 || qs[len(qs)-1] == nil {
				t.Fatalf("no candidates for the second quote: %v", qs)
			}
			none := qs[len(qs)-1][""]
			if got := slices.Contains(none, "none|prev_none"); got != tc.want {
				t.Errorf("none|prev_none %v, want %v: %v", got, tc.want, none)
			}
		})
	}
}
