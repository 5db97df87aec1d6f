package quotes

import "testing"

// TestCueNames: a Latin name opening the cue's clause speaks; a word that
// names no one (a lower-case Latin word, a field before a role, a role with
// no body named) makes no speaker.
func TestCueNames(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	s := rulesOnly()
	for _, tc := range []struct {
		name, text string
		want       []string // text=speaker pairs; speaker "?" for none
	}{
		{"a spokesperson with no body named", "一位发言人说：“我们没有理由相信这一点。”", []string{"我们没有理由相信这一点。=?"}},
		{"a time word is no body", "昨天一位发言人说：“我们没有理由相信这一点。”", []string{"我们没有理由相信这一点。=?"}},
		{"a field before 人士 is no body", "业内人士说：“捐赠合法合规。”", []string{"捐赠合法合规。=?"}},
		{"a field before 专家 is no body", "军事专家认为：“捐赠合法合规。”", []string{"捐赠合法合规。=?"}},
		{"某 names nobody", "华南某基金相关人士说：“捐赠合法合规。”", []string{"捐赠合法合规。=?"}},
		{"a Latin name opening the clause", "对此，Keso还提及了原因：“他们没有成功。”", []string{"他们没有成功。=Keso"}},
		{"a hyphenated Latin name and an adverb", "Gomez-Mont 开门见山地说：“城市需要想象力。”", []string{"城市需要想象力。=Gomez-Mont"}},
		{"a lower-case Latin word is no name", "app还提及了原因：“他们没有成功。”", []string{"他们没有成功。=?"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			norm, toks, ms := chain(t, tc.text)
			checkSpeakers(t, speakers(s.Find("doc", tc.text, norm, toks, ms)), tc.want)
		})
	}
}

// FuzzCueNames: the stage with the Latin reading finds quotes within the
// text on any input, a Latin speaker among it.
func FuzzCueNames(f *testing.F) {
	for _, s := range []string{"Keso还提及：“好的。”", "A-还说：“好的。”", " -. 说“", "Gomez-Mont 开门说，“城市”", "A B C D说：“是”", "，Ab还称“x”"} {
		f.Add(s)
	}
	s := rulesOnly()
	f.Fuzz(func(t *testing.T, text string) {
		n := len([]rune(text))
		for _, q := range s.Find("doc", text, text, nil, nil) {
			if q.Start < 0 || q.Stop > n || q.Start > q.Stop {
				t.Fatalf("%q: quote at [%d,%d) of %d", text, q.Start, q.Stop, n)
			}
		}
	})
}
