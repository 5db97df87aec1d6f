package quotes

import (
	"slices"
	"testing"
)

// TestNobodyFeatures: nobody is marked none|bare_subject where the verb's
// subject names no one, before the quote or after it, and none|term where
// the quoted words read as a term; neither where a name or a pronoun
// speaks, or the quote is a clause.
func TestNobodyFeatures(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text string
		feat       string
		want       bool
	}{
		{"plain subject before", "王建国昨天去了滑雪场。旅游业界表示，“希望民众可以帮助我们办好冬季滑雪季。”", "none|bare_subject", true},
		{"plain subject after", "王建国昨天去了滑雪场。“希望民众可以帮助我们办好冬季滑雪季。”这位银行家说。", "none|bare_subject", true},
		{"named subject", "王建国昨天去了滑雪场。李明表示，“希望民众可以帮助我们办好冬季滑雪季。”", "none|bare_subject", false},
		{"pronoun subject", "王建国昨天去了滑雪场。他表示，“希望民众可以帮助我们办好冬季滑雪季。”", "none|bare_subject", false},
		{"一词 term", "王建国昨天说，“长臂管辖和霸凌”一词最近很流行。", "none|term", true},
		{"repeated term", "王建国批评“长臂管辖和霸凌”。李明说，这就是“长臂管辖和霸凌”。", "none|term", true},
		{"a clause", "王建国昨天说，“我们反对长臂管辖，也反对霸凌。”", "none|term", false},
		{"a phrase said once", "王建国昨天说，美国在搞“长臂管辖和霸凌”，必须反对。", "none|term", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			none := lastNone(t, tc.text)
			if got := slices.Contains(none, tc.feat); got != tc.want {
				t.Errorf("%s %v, want %v: %v", tc.feat, got, tc.want, none)
			}
		})
	}
}

// TestHead: a naming followed by a noun head before the verb (当地政府人员说)
// is marked b_head; a naming followed by a title (特朗普总统说), an adverb or
// a setting, or by the verb itself, is not.
func TestHead(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text, want string // want: a substring of the marked candidate; "" for none
	}{
		{"a body's staff", "李明昨天被带走。宿迁市政府工作人员说：“他们什么都没有告诉我们。”", "宿迁市政府"},
		{"the speaker", "李明昨天被带走。王建国表示：“他们什么都没有告诉我们。”", ""},
		{"a title", "李明昨天被带走。特朗普总统表示：“他们什么都没有告诉我们。”", ""},
		{"a setting", "李明昨天被带走。王建国周三在会上表示：“他们什么都没有告诉我们。”", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkOnlyWith(t, lastCands(t, tc.text), "b_head", tc.want)
		})
	}
}

// TestHeadAfter and TestTermQuote read the text alone, without the chain.
func TestHeadAfter(t *testing.T) {
	for _, tc := range []struct {
		gap  string
		want bool
	}{
		{"工作人员", true},
		{"一位朋友", true},
		{"", false},
		{"总统", false},
		{"也", false},
		{"昨天", false},
		{"的朋友", false},
		{"，朋友", false},
		{"很多很多的朋友们", false},
	} {
		text := "某机构" + tc.gap + "表示：“好”"
		d := newDoc(rulesOnly(), text, text, nil, nil)
		a := len([]rune("某机构"))
		if got := d.headAfter(a, len([]rune(text))-3); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.gap, got, tc.want)
		}
	}
}
