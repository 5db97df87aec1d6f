package quotes

import (
	"slices"
	"strings"
	"testing"
)

// TestAnaphor: a subject that stands for a body named before (该公司, 该报,
// 该发言人) makes that body a candidate marked anaphor, wherever it was
// named; with no body named before, nobody is marked none|anaphor_none,
// a spokesperson of no body named too (the rules decided it alone until
// the model learnt unnamed speakers: decidesAlone).
func TestAnaphor(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	far := strings.Repeat("当天股市平稳，交易量与上周相当，分析人士认为市场情绪稳定。", 12)
	for _, tc := range []struct {
		name, text string
		body       string // a substring of the body's surface; "" for none
		none       bool   // nobody marked none|anaphor_none
		final      bool   // the rules decide alone: no candidates
	}{
		{"the company two paragraphs before", "华为公司周二发布新款手机，股价上涨。\n\n" + far + "\n\n该公司发言人表示：“我们对结果感到满意。”", "华为", false, false},
		{"the spokesperson's body", "美国国务院发言人周三谈到香港问题。\n\n" + far + "\n\n该发言人称：“我们对此深感关切。”", "国务院", false, false},
		{"the spokesperson's body in the sentence", "推特发言人表示，与振华并无数据共享协议。领英发言人则表示，根据用户协议，该公司不允许使用“搜刮或复制信息的软件”。", "领英", false, false},
		{"no body named", "该公司发言人表示：“我们对结果感到满意。”", "", true, false},
		{"a spokesperson of nobody", "一位发言人周三谈到香港问题。该发言人称：“我们对此深感关切。”", "", true, false},
		{"no anaphor", "华为公司周二发布新款手机。黄仁勋说：“我们对结果感到满意。”", "", false, false},
		{"this trip is no body", "华为公司周二发布新款手机。此行他说：“我们对结果感到满意。”", "", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			norm, toks, ms := chain(t, tc.text)
			qs := candFeaturesOf(t, tc.text, norm, toks, ms)
			if len(qs) == 0 {
				t.Fatal("no quote")
			}
			if final := qs[len(qs)-1] == nil; final != tc.final {
				t.Fatalf("no candidates %v, want %v", final, tc.final)
			}
			if tc.final {
				return
			}
			cs := qs[len(qs)-1]
			checkOnlyWith(t, cs, "anaphor", tc.body)
			if got := slices.Contains(cs[""], "none|anaphor_none"); got != tc.none {
				t.Errorf("none|anaphor_none %v, want %v", got, tc.none)
			}
			if got := slices.Contains(cs[""], "none|anaphor"); got != (tc.body != "") {
				t.Errorf("none|anaphor %v, want %v", got, tc.body != "")
			}
		})
	}
}

// TestAnaphorSubject: which clause openings are anaphors, and the body
// read for them, from made-up sentences with the names given.
func TestAnaphorSubject(t *testing.T) {
	for _, tc := range []struct {
		text  string
		names []string // organisations, named where first written
		on    bool     // the clause opens with an anaphor
		want  string   // the body; "" for none
	}{
		{"禹州法院和教育局开会。该法院称", []string{"禹州法院", "教育局"}, true, "禹州法院"},
		{"禹州法院和教育局开会。该局称", []string{"禹州法院", "教育局"}, true, "教育局"},
		{"禹州法院开会。这家机构称", []string{"禹州法院"}, true, "禹州法院"},
		{"禹州法院开会。而该机构则称", []string{"禹州法院"}, true, "禹州法院"},
		{"禹州法院开会。该报道称", []string{"禹州法院"}, false, ""},
		{"禹州法院开会。该部分称", []string{"禹州法院"}, false, ""},
		{"禹州法院开会。这部电影称", []string{"禹州法院"}, false, ""},
		{"禹州法院开会。此行他称", []string{"禹州法院"}, false, ""},
		{"该机构称", nil, true, ""},
		{"禹州法院开会。该国总统称", []string{"禹州法院"}, false, ""},
		{"禹州法院开会。该国政府称", []string{"禹州法院"}, true, ""},
	} {
		d := newDoc(rulesOnly(), tc.text, tc.text, nil, mentionsOf(tc.text, tc.names))
		open := len(d.norm)
		sent := d.sentStart(open - 1)
		a := d.anaphorFor(quoteCtx{sent: sent, clause: d.clauseStart(sent, open), gov: -1}, open)
		if a.on != tc.on || a.found != (tc.want != "") || a.body.surface != tc.want {
			t.Errorf("%s: on %v found %v body %q, want %v %q", tc.text, a.on, a.found, a.body.surface, tc.on, tc.want)
		}
	}
}

// FuzzAnaphor: odd texts read without a panic, at every position.
func FuzzAnaphor(f *testing.F) {
	for _, s := range []string{"", "该", "该公司", "。该发言人", "“该报”称", "外交部的一位发言人。该发言人说", "上述", "这"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var names []string
		if strings.Contains(text, "外交部") {
			names = []string{"外交部"}
		}
		d := newDoc(rulesOnly(), text, text, nil, mentionsOf(text, names))
		for i := 0; i <= len(d.norm); i++ {
			sent := 0
			if i > 0 {
				sent = d.sentStart(i - 1)
			}
			d.anaphorFor(quoteCtx{sent: sent, clause: i, gov: -1}, i)
		}
	})
}
