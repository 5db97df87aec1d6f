package quotes

import (
	"slices"
	"strings"
	"testing"
)

// TestBareCue: a verb of saying that opens its clause (after adverbs
// only) has its subject elided; nobody is told so, and the name the
// elided subject stands for is marked: the sentence's first name before
// the verb, else the name opening the sentence before.
func TestBareCue(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text, who string
		none            bool
		feat            string // the feature who gets, or ""
	}{
		{"elided after a clause", "王建国昨天从正门进入大楼，宣称“我们是光明正大接管的，没有任何问题。”", "王建国", true, "bare_cue|first"},
		{"adverbs before the verb", "王建国昨天从正门进入大楼，并补充说：“我们是光明正大接管的，没有任何问题。”", "王建国", true, "bare_cue|first"},
		{"previous sentence", "王建国昨天从正门进入大楼。随后表示：“我们是光明正大接管的，没有任何问题。”", "王建国", true, "bare_cue|prev_sent"},
		{"subject written", "王建国昨天从正门进入大楼，李明宣称“我们是光明正大接管的，没有任何问题。”", "王建国", false, ""},
		{"no verb", "王建国昨天从正门进入大楼。“我们是光明正大接管的，没有任何问题。”", "王建国", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := lastCands(t, tc.text)
			if got := slices.Contains(cs[""], "none|bare_cue"); got != tc.none {
				t.Errorf("none|bare_cue %v, want %v: %v", got, tc.none, cs[""])
			}
			fs, ok := cs[tc.who]
			if !ok {
				t.Fatalf("%s not a candidate: %v", tc.who, cs)
			}
			for _, f := range []string{"bare_cue|first", "bare_cue|prev_sent"} {
				if got, want := slices.Contains(fs, f), f == tc.feat; got != want {
					t.Errorf("%s %v, want %v: %v", f, got, want, fs)
				}
			}
		})
	}
}

// TestBareCueReading: bareCue over short clauses, the verb given.
func TestBareCueReading(t *testing.T) {
	for _, tc := range []struct {
		text, verb string
		want       bool
	}{
		{"他进入大楼，宣称", "宣称", true},
		{"宣称", "宣称", true},
		{"他进入大楼，并且又说", "说", true},
		{"他进入大楼，官员宣称", "宣称", false},
		{"他宣称", "宣称", false},
	} {
		d := newDoc(rulesOnly(), tc.text, tc.text, nil, nil)
		gov := len(d.norm) - len([]rune(tc.verb))
		if got := d.bareCue(0, gov); got != tc.want {
			t.Errorf("%q: bareCue %v, want %v", tc.text, got, tc.want)
		}
	}
	d := newDoc(rulesOnly(), "宣称", "宣称", nil, nil)
	if d.bareCue(0, -1) {
		t.Error("no verb: bare")
	}
}

// TestPronounOpensSentence: 他 or 她 opening the sentence is the subject
// of a clause before the quote's own (她表示，自己忍受了“…”), read as a
// pronoun before it is; a name opening it is not.
func TestPronounOpensSentence(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"pronoun", "李梅昨天再次出庭作证。她表示，自己多年来忍受了“太多的情感、言语及肢体虐待”。", true},
		{"name", "李梅昨天再次出庭作证。王芳表示，自己多年来忍受了“太多的情感、言语及肢体虐待”。", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			none := lastNone(t, tc.text)
			if got := slices.Contains(none, "none|pronoun"); got != tc.want {
				t.Errorf("none|pronoun %v, want %v: %v", got, tc.want, none)
			}
		})
	}
}

// TestDominantNoCue: a quote with no verb of saying, in a post where one
// speaker had most of the named quotes so far (two at least), marks that
// speaker; with a verb, or after one quote only, it does not.
func TestDominantNoCue(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	const (
		two  = "王建国说：“我们当时根本没有任何办法离开那里。”\n王建国又说：“所有的人都在等待上面的命令。”\n"
		one  = "王建国说：“我们当时根本没有任何办法离开那里。”\n"
		last = "那一年的冬天格外寒冷。\n“没有人知道接下来会发生什么事情。”"
	)
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"two before", two + last, true},
		{"one before", one + last, false},
		{"a verb", two + "那一年的冬天格外寒冷，李明说：“没有人知道接下来会发生什么事情。”", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := lastCands(t, tc.text)
			fs, ok := cs["王建国"]
			if !ok {
				t.Fatalf("王建国 not a candidate: %v", cs)
			}
			if got := slices.Contains(fs, "dominant|no_cue"); got != tc.want {
				t.Errorf("dominant|no_cue %v, want %v: %v", got, tc.want, fs)
			}
		})
	}
}

// TestNoneQNext: nobody reads the cluster of the word right after the
// closing mark (“…”一词, “…”为由, “…”他说); with no word there, none.
func TestNoneQNext(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"a word after", "王建国昨天在会上表示，“我们是光明正大接管的，没有任何问题”的说法并不可信。", true},
		{"text ends", "王建国昨天在会上表示，“我们是光明正大接管的，没有任何问题”", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			none := lastNone(t, tc.text)
			got := slices.ContainsFunc(none, func(f string) bool { return strings.HasPrefix(f, "none|lc_qnext=") })
			if got != tc.want {
				t.Errorf("none|lc_qnext %v, want %v: %v", got, tc.want, none)
			}
		})
	}
}
