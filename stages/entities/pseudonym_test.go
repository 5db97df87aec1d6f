package entities

import (
	"slices"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// findAll is find with the made-up names apart.
func findAll(t testing.TB, text string) (ms, pseud []pipeline.Mention) {
	st, seg := setup(t)
	norm := seg.Normalize(text, "simplified")
	return st.FindAll(text, norm, seg.Tokens(norm), nil)
}

func surfaces(ms []pipeline.Mention, typ string) []string {
	var out []string
	for _, m := range ms {
		if typ == "" || m.Type == typ {
			out = append(out, m.Surface)
		}
	}
	return out
}

// TestPseudonyms: the names a post marks as made up are no people (the gold
// guide), with every other form of them, and go to the pseudonyms apart.
func TestPseudonyms(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		pseud      []string // the pseudonyms' mentions, in text order
		people     []string // the people left
	}{
		{"bracket after", "工厂员工李玲（化名）告诉记者，工资很低。李玲说，生活困难。外交部发言人汪文斌说，中方反对。",
			[]string{"李玲", "李玲"}, []string{"汪文斌"}},
		{"half-width bracket after a space", "家住香港的王佳 (化名) 看着货架。王佳说，大家都很害怕。",
			[]string{"王佳", "王佳"}, nil},
		{"a name the gazetteer knows, made up here", "为自身安全，他要求使用化名王浩。王浩说，工厂有上千员工。",
			[]string{"王浩", "王浩"}, nil},
		{"化名 before a name in marks", "她被化名为“王军”关押。", []string{"王军"}, nil},
		{"a note that lists them", "赵明和杨零是两名学生。（应受访者要求，赵明和杨零为化名）", []string{"赵明", "杨零", "赵明", "杨零"}, nil},
		{"a Latin name", "不少中产人士和Rocky（化名）一样打算移民。", []string{"Rocky"}, nil},
		{"an honorific", "王先生（化名）对记者说，他很担心。", []string{"王先生"}, nil},
		{"a word in the bracket's place", "队长蜘蛛 (化名) 开始设定锚点。", []string{"蜘蛛"}, nil},
		{"小 and a character", "女婴小果 (化名) 咽拭子检测呈阳性。", []string{"小果"}, nil},
		{"no name before the note", "律师李进说，文中其余人物均为化名。", nil, []string{"李进"}},
		{"化名 as a verb's object names nobody", "为何要化名关押？她选择以化名接受采访。律师李进说。", nil, []string{"李进"}},
		{"a foreigner's Chinese name", "外交大臣多米尼克·拉布（Dominic Raab；英国驻港澳总领馆汉化名：蓝韬文）称，北京此举是骚扰。", nil, []string{"多米尼克·拉布", "Dominic Raab", "蓝韬文"}},
		{"化 of another word", "她是文化名人，曾与全球暖化名义下的组织合作。", nil, nil},
		{"a note that makes up everyone", "工人王大明对记者说，工资很低。外交部发言人汪文斌说，中方反对。（文中人物均为化名）",
			[]string{"王大明"}, []string{"汪文斌"}},
		{"a note of those interviewed", "工人王大明对记者说，工资很低。*受访者皆为化名", []string{"王大明"}, nil},
		{"a note that leaves one out", "苟晶说，她要找一个答案。工人王大明对记者说，工资很低。（除苟晶外，其他人均为化名）",
			[]string{"王大明"}, []string{"苟晶", "苟晶"}},
		{"a note that leaves several out", "工人陆春生对记者说，他很担心。工人王大明对记者说，工资很低。文内除周恒良、陆春生外，其余均为化名。",
			[]string{"王大明"}, []string{"陆春生", "陆春生"}},
		{"a note that lists names is no blanket", "工人李泽对记者说，工资很低。律师李进说，他会上诉。（文中李泽、阿强均为化名）",
			[]string{"李泽", "李泽", "阿强"}, []string{"李进"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms, pseud := findAll(t, tc.text)
			if got := surfaces(pseud, ""); !slices.Equal(got, tc.pseud) {
				t.Errorf("pseudonyms %q, want %q", got, tc.pseud)
			}
			if got := surfaces(ms, "person"); !slices.Equal(got, tc.people) {
				t.Errorf("people %q, want %q", got, tc.people)
			}
			for _, m := range pseud {
				if m.Type != "person" || m.Method != "pseudonym" {
					t.Errorf("pseudonym %+v: want type person, method pseudonym", m)
				}
			}
		})
	}
}
