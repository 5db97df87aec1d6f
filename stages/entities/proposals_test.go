package entities

import (
	"slices"
	"testing"
)

// TestLooseSources runs the two proposal sources after the title rule (no
// other rule, no decision) on sentences written for the test: the names they propose.
func TestLooseSources(t *testing.T) {
	st, seg := setup(t)
	cases := []struct {
		text string
		want []string
	}{
		// role + name + verb of saying, whatever gse's words.
		{"媒体人张颖对本台说，这是第一次。", []string{"张颖"}},
		{"时评人苏星河分析说，当局不会让步。", []string{"苏星河"}},
		{"学者毛尖认为，这部剧拍得不好。", nil}, // 毛尖/n, a common noun to gse: refused with 宏观, 信心
		{"首席宏观分析师指出，不会。", nil},
		{"出版人洪晃说，她不后悔。", []string{"洪晃"}},
		{"分析师亚历山德罗夫认为，莫斯科在拖延。", []string{"亚历山德罗夫"}},
		// words no name is: a noun cut short, a title, an adverb, a
		// verb made a noun (分析师).
		{"开发该技术的科研人员曾夸张地戏称，那是奇迹。", nil},
		{"瑞穗银行亚洲首席策略师说，美元会跌。", nil},
		{"基金首席宏观债券分析师说，不会。", nil},
		// no verb of saying near: nothing.
		{"媒体人张颖昨天去了北京开会。", nil},
		// no role before: nothing.
		{"昨天张颖对本台说，这是第一次。", nil},
		// Latin names where discoverLatin does not look.
		{"Nathan Schneider是科罗拉多大学的教授。", []string{"Nathan Schneider"}},
		{"他说：“不行。”，Cindy Southworth，一位专家说。", []string{"Cindy Southworth"}},
		{"“他们会监视你，”Cindy Southworth，全国反暴力网络副总裁说。", []string{"Cindy Southworth"}},
		{"Country Joe McDonald则演唱了他的歌。", []string{"Country Joe McDonald"}},
		{"它由律师Rylan Peery和Ralph Cutler在伊萨卡岛创立。", []string{"Ralph Cutler"}}, // listed after a person the title rule found
		{"它由Rylan Peery和Ralph Cutler在伊萨卡岛创立。", nil},                        // no person found before
		{"Fomalhaut Techno Solutions是一家日本实验室。", nil},
		{"HBO Max宣布，续集将重返。", nil},
		{"该公司CEOAnand Sanwal先生表示同意。", []string{"Anand Sanwal"}},
		{"此前，Gregory Allen 发表文章。", nil}, // after a comma: not a sentence start
		{"Gregory Allen 发表文章说，这不对。", []string{"Gregory Allen"}},
		// a firm: latinNameAt refuses it.
		{"Data-Pop Alliance是一家机构。", nil},
		// a name with nothing after that marks it: nothing.
		{"Nathan Schneider的书。", nil},
	}
	for _, c := range cases {
		norm := seg.Normalize(c.text, "simplified")
		d := newDoc(st.g, c.text, norm, seg.Tokens(norm))
		d.discoverTitled() // the rules before them
		d.discoverRoleSay()
		d.discoverLatinLoose()
		var got []string
		for _, f := range d.found {
			if f.method == "rolesay" || f.method == "latin_loose" {
				got = append(got, string(d.norm[f.start:f.stop]))
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.text, got, c.want)
		}
	}
}

// FuzzLooseSources: the sources read untrusted text; they must not panic
// and every name they propose lies inside the text and is no shorter than
// two characters.
func FuzzLooseSources(f *testing.F) {
	st, seg := setup(f)
	for _, s := range []string{"媒体人张颖对本台说", "CEOAnand Sanwal先生", "Nathan Schneider是", "”，Cindy Southworth，一位", "人A", "师亚历", "AB", "学者毛"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		norm := seg.Normalize(text, "simplified")
		d := newDoc(st.g, text, norm, seg.Tokens(norm))
		d.discoverRoleSay()
		d.discoverLatinLoose()
		for _, x := range d.found {
			if x.start < 0 || x.stop > len(d.norm) || x.stop-x.start < 2 {
				t.Fatalf("%q: bad span %d..%d", text, x.start, x.stop)
			}
		}
	})
}
