package quotes

import (
	"strings"
	"testing"
)

// TestPostEvidence: a candidate of a quote with no verb of saying and no
// colon gets what the rules read of it across the whole post, before the
// quote and after it: the other quotes they give it (not this one) and
// whether it is the post's main speaker (none on a tie, whatever the
// map's order); a name that never speaks gets zero; a quote with a verb
// of saying gets none of it.
func TestPostEvidence(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	q1, q2, q3 := quoteA, quoteB, quoteC
	// Far enough that the verbs before it are outside the last quote's
	// window of candidates.
	filler := strings.Repeat("会议讨论了经济发展和环境保护等议题。", 25)
	spoke := "外交部发言人王建国说：" + q1 + "\n王建国还表示：" + q2 + "\n"
	met := "王建国与李明出席了会议。\n"
	tie := "王建国说：" + q1 + "\n李明说：" + q2 + "\n王建国表示：" + q3 + "\n李明表示：" + q1 + "\n"
	for _, tc := range []struct {
		name, text string
		quote      int // which quote's candidates, from the first
		who        string
		want, not  []string
	}{
		{"spoke before", spoke + filler + "\n" + met + q3, 2, "王建国",
			[]string{"post_quotes|no_cue=3", "post_main|no_cue"}, []string{"post_quotes|no_cue=0"}},
		{"never speaks", spoke + filler + "\n" + met + q3, 2, "李明",
			[]string{"post_quotes|no_cue=0"}, []string{"post_main|no_cue"}},
		{"speaks after", met + q3 + "\n" + filler + "\n" + spoke, 0, "王建国",
			[]string{"post_quotes|no_cue=3", "post_main|no_cue"}, nil},
		{"a verb of saying: none of it", spoke + filler + "\n" + met + q3, 1, "王建国",
			nil, []string{"post_quotes|no_cue=1", "post_quotes|no_cue=3", "post_main|no_cue"}},
		{"a tie leaves no main speaker", tie + filler + "\n" + met + q2, 4, "王建国",
			[]string{"post_quotes|no_cue=3"}, []string{"post_main|no_cue"}},
		{"a tie leaves no main speaker (the other)", tie + filler + "\n" + met + q2, 4, "李明",
			[]string{"post_quotes|no_cue=3"}, []string{"post_main|no_cue"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			norm, toks, ms := chain(t, tc.text)
			qs := candFeaturesOf(t, tc.text, norm, toks, ms)
			if tc.quote >= len(qs) || qs[tc.quote] == nil {
				t.Fatalf("no candidates for quote %d: %v", tc.quote, qs)
			}
			hasFeatures(t, qs[tc.quote], tc.who, tc.want, tc.not)
		})
	}
}
