package quotes

import (
	"slices"
	"testing"
)

// TestChainLink: a quote with no verb of saying gets, on the previous
// speaker, the stretch since that speaker's quote: whether a verb named
// the speaker there (head) or it was carried on (link, and how many
// quotes), who else was named between, how many paragraphs lie between.
// A quote with a verb of its own gets none of it.
func TestChainLink(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	q1, q2, q3 := quoteA, quoteB, quoteC
	for _, tc := range []struct {
		name, text string
		quote      int // which quote's candidates, from the last back (0 the last)
		who        string
		want, not  []string
	}{
		{"next paragraph", "外交部发言人王建国说：" + q1 + "\n" + q2, 0, "王建国",
			[]string{"chain|head", "chain|others=0", "chain|paras=1"}, []string{"chain|link"}},
		{"same paragraph", "外交部发言人王建国说：" + q1 + q2, 0, "王建国",
			[]string{"chain|head", "chain|others=0", "chain|paras=0"}, nil},
		{"someone named between", "外交部发言人王建国说：" + q1 + "\n美国国务院发言人普莱斯当天也出席了会议。\n" + q2, 0, "王建国",
			[]string{"chain|head", "chain|others=1", "chain|paras=2"}, nil},
		{"carried on", "外交部发言人王建国说：" + q1 + "\n" + q2 + "\n" + q3, 0, "王建国",
			[]string{"chain|link", "chain|quotes=1", "chain|others=0", "chain|paras=1"}, []string{"chain|head"}},
		{"a verb of its own", "外交部发言人王建国说：" + q1 + "\n他又说：" + q2, 0, "王建国",
			nil, []string{"chain|head", "chain|link", "chain|others=0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			norm, toks, ms := chain(t, tc.text)
			qs := candFeaturesOf(t, tc.text, norm, toks, ms)
			k := len(qs) - 1 - tc.quote
			if k < 1 || qs[k] == nil {
				t.Fatalf("no candidates for quote %d: %v", k, qs)
			}
			hasFeatures(t, qs[k], tc.who, tc.want, tc.not)
		})
	}
}

// TestCueFarAfter: a speaker named after the quote whose verb of saying
// stands farther than a_cue reads gets a_cue_far; a verb past a comma, or
// with any name between (a country too: the reading is narrow, as
// measured), does not count.
func TestCueFarAfter(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	const q = "“这些事故经常伴随饥饿和死亡，很多渔村现在有寡妇村之称，”"
	for _, tc := range []struct {
		name, text, who string
		want            bool
	}{
		{"far verb", q + "王建国在上周发表的一份关于渔业问题的长篇报告中说。", "王建国", true},
		{"near verb (a_cue)", q + "王建国在报告中说。", "王建国", false},
		{"comma", q + "王建国随后离开了会场，记者追问时他说。", "王建国", false},
		{"a name between", q + "王建国在上周发表的一份关于朝鲜渔业的长篇报告中说。", "王建国", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			norm, toks, ms := chain(t, tc.text)
			qs := candFeaturesOf(t, tc.text, norm, toks, ms)
			if len(qs) == 0 || qs[0] == nil {
				t.Fatalf("no candidates: %v", qs)
			}
			fs, ok := qs[0][tc.who]
			if !ok {
				t.Fatalf("%s not a candidate: %v", tc.who, qs[0])
			}
			if got := slices.Contains(fs, "a_cue_far"); got != tc.want {
				t.Errorf("a_cue_far %v, want %v: %v", got, tc.want, fs)
			}
		})
	}
}

// Three full quotes with no name in them, for the candidate tests.
const (
	quoteA = "“我们反对任何形式的干涉，这一立场从未改变。”"
	quoteB = "“中方将继续与各方保持沟通，推动问题的解决。”"
	quoteC = "“我们希望有关国家停止错误做法，回到正确轨道。”"
)

// hasFeatures checks that who is among a quote's candidates (cands, from
// candFeaturesOf) with every feature of want and none of not.
func hasFeatures(t *testing.T, cands map[string][]string, who string, want, not []string) {
	t.Helper()
	fs, ok := cands[who]
	if !ok {
		t.Fatalf("%s not a candidate: %v", who, cands)
	}
	for _, f := range want {
		if !slices.Contains(fs, f) {
			t.Errorf("%s lacks %s: %v", who, f, fs)
		}
	}
	for _, f := range not {
		if slices.Contains(fs, f) {
			t.Errorf("%s has %s: %v", who, f, fs)
		}
	}
}
