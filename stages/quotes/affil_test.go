package quotes

import "testing"

// TestAffiliation: a body written before a person's title and name marks
// the body b_affil and the person b_affiliated; a body that is the
// subject of a verb before the person, or one apart from the person by a
// comma, marks neither.
func TestAffiliation(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text   string
		body, person string // substrings of the marked candidates; "" for none
	}{
		{"outlet, reporter, name", "《纽约时报》记者王小明就写文章批评：“她攻击了所有记者。”", "纽约时报", "王小明"},
		{"country, title, name", "美国国务卿蓬佩奥周三表示：“我们对此深感关切。”", "美国", "蓬佩奥"},
		{"body of the name, 的", "外交部的发言人赵立坚周三表示：“我们对此深感关切。”", "外交部", "赵立坚"},
		{"a verb between", "外交部批评蓬佩奥，并表示：“我们对此深感关切。”", "", ""},
		{"a comma between", "美国国务院周三发表声明，蓬佩奥表示：“我们对此深感关切。”", "", ""},
		{"a conjunction between", "据美国和记者蓬佩奥的消息，会议称：“我们对此深感关切。”", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := lastCands(t, tc.text)
			checkOnlyWith(t, cs, "b_affil", tc.body)
			checkOnlyWith(t, cs, "b_affiliated", tc.person)
		})
	}
}

// TestAffilGap: the text between a body and a person that makes an
// affiliation.
func TestAffilGap(t *testing.T) {
	for _, tc := range []struct {
		gap  string
		want bool
	}{
		{"记者", true},
		{"》记者", true},
		{"》执行主编 ", true},
		{"的发言人", true},
		{"副总统", true},
		{"", false},
		{"批评", false},
		{"，记者", false},
		{"和记者", false},
		{"今天对记者", false},
		{"说记者", false},
	} {
		text := "机构" + tc.gap + "某人"
		d := newDoc(rulesOnly(), text, text, nil, nil)
		a := len([]rune("机构"))
		if got := d.affilGap(a, a+len([]rune(tc.gap))); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.gap, got, tc.want)
		}
	}
}

// TestPossessor: a person whose 的 owns the subject of the verb of saying
// (王建国的朋友说) is marked b_possessor; the one who says it, or a person
// the clause only mentions, is not.
func TestPossessor(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text, want string // want: a substring of the marked candidate; "" for none
	}{
		{"a friend", "李明昨天被带走。据悉，王建国的朋友说：“他们什么都没有告诉我们。”", "王建国"},
		{"a lawyer, 表示", "王建国的辩护律师周三表示：“他们什么都没有告诉我们。”", "王建国"},
		{"the speaker", "王建国周三表示：“他们什么都没有告诉我们。”", ""},
		{"的 not before the verb", "王建国的案子开庭了。李明说：“他们什么都没有告诉我们。”", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkOnlyWith(t, lastCands(t, tc.text), "b_possessor", tc.want)
		})
	}
}
