package entities

import (
	"strings"
	"testing"
)

// TestCompanyShortName: a two-character name that the post writes three
// times or more as the start of a company of the lists (阿里 of 阿里巴巴) is
// that company, not a person — neither the short name nor the company's
// own name (which expandNames made a person of) is a person's mention.
func TestCompanyShortName(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		person     string // a surface that must (or must not) be a person
		want       bool
	}{
		{
			name:   "company's short name",
			text:   "阿里巴巴周五发表声明。阿里认为这只是对手在炒作。阿里巴巴集团称，阿里巴巴的技术只用于测试。阿里表示会配合调查。",
			person: "阿里", want: false,
		},
		{
			name:   "the company's own name",
			text:   "阿里巴巴周五发表声明。阿里认为这只是对手在炒作。阿里巴巴集团称，阿里巴巴的技术只用于测试。阿里表示会配合调查。",
			person: "阿里巴巴", want: false,
		},
		{
			// Once is not enough to take a person's name for a company's.
			name:   "a person of that name",
			text:   "伊朗外长扎里夫的助手阿里周五表示，谈判仍在继续。阿里说，伊朗不会让步。他此前在阿里巴巴工作。",
			person: "阿里", want: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := false
			var all []string
			for _, m := range find(t, tc.text) {
				if m.Type == "person" {
					all = append(all, m.Surface+"="+m.EntityID)
					got = got || m.Surface == tc.person
				}
			}
			if got != tc.want {
				t.Errorf("%s a person: %v, want %v (people: %s)", tc.person, got, tc.want, strings.Join(all, ", "))
			}
		})
	}
}

// TestVoicesAreNoRoles: an organisation's document or office before a
// name (新城控股公告王振华辞去: the verb 'announced') is no role; a person's
// role is.
func TestVoicesAreNoRoles(t *testing.T) {
	st, seg := setup(t)
	for _, tc := range []struct {
		text, before string
		want         bool
	}{
		{"新城控股公告王振华辞去职务。", "公告", false},
		{"白宫声明鲍威尔不是团队成员。", "声明", false},
		{"外交部官网王某某的名字被删除。", "官网", false},
		{"国务院新闻办张某某主持发布会。", "新闻办", false},
		{"野村证券分析师史家龙认为，会跌。", "分析师", true},
		{"外交部发言人赵立坚说，不会。", "发言人", true},
	} {
		norm := seg.Normalize(tc.text, "simplified")
		d := newDoc(st.g, tc.text, norm, seg.Tokens(norm))
		j := strings.Index(tc.text, tc.before)
		if j < 0 {
			t.Fatalf("%s: no %s", tc.text, tc.before)
		}
		end := len([]rune(tc.text[:j])) + len([]rune(tc.before))
		if got := d.roleBefore(end); got != tc.want {
			t.Errorf("%s: roleBefore after %s = %v, want %v", tc.text, tc.before, got, tc.want)
		}
	}
}
