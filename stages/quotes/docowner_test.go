package quotes

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// TestDocOwner: the owner of a document that speaks is a candidate of the
// quote, marked doc_owner, wherever the document was introduced; a
// document with no issuer (a constitution) proposes none, and nobody is
// marked none|doc_no_owner.
func TestDocOwner(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	far := strings.Repeat("当天股市平稳，交易量与上周相当，分析人士认为市场情绪稳定。", 12)
	for _, tc := range []struct {
		name, text string
		owner      string // a substring of the owner's surface; "" for none
		noOwner    bool   // nobody marked none|doc_no_owner
	}{
		{"outlet's commentary", "新华社周一发表评论，批评美国的做法。评论说：“美国应该停止干涉别国内政。”", "新华社", false},
		{"statement in the sentence, no document subject", "中国外交部发表声明，宣称“台湾是中国领土不可分割的一部分”。", "", false},
		{"statement in the sentence, its subject", "中国外交部发表声明。声明宣称“台湾是中国领土不可分割的一部分”。", "外交部", false},
		{"owner out of the window", "美国国务卿蓬佩奥周三发表声明，谴责北京的做法。" + far + "声明指出：“香港曾经是繁荣的地方。”", "蓬佩奥", false},
		{"this article", "人民日报刊发文章，谈论中美关系。这篇文章说：“中美合则两利，斗则俱伤。”", "人民日报", false},
		{"a constitution", "宪法第一条规定了国家性质。该文件说：“中华人民共和国是社会主义国家。”", "", true},
		{"no document", "美国国务卿蓬佩奥周三在华盛顿说：“香港曾经是繁荣的地方。”", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := lastCands(t, tc.text)
			checkOnlyWith(t, cs, "doc_owner", tc.owner)
			if got := slices.Contains(cs[""], "none|doc_no_owner"); got != tc.noOwner {
				t.Errorf("none|doc_no_owner %v, want %v", got, tc.noOwner)
			}
			if got := slices.Contains(cs[""], "none|doc_owned"); got != (tc.owner != "") {
				t.Errorf("none|doc_owned %v, want %v", got, tc.owner != "")
			}
		})
	}
}

// TestDocOwnerAt: the owner read at a document noun, from made-up
// sentences, with the names given.
func TestDocOwnerAt(t *testing.T) {
	for _, tc := range []struct {
		text  string
		names []string // the mentions, organisations, in order
		want  string
	}{
		{"新华社的评论", []string{"新华社"}, "新华社"},
		{"新华社报道", []string{"新华社"}, "新华社"},
		{"欧盟在声明中", []string{"欧盟"}, "欧盟"},
		{"汇丰首次就华为争议发表声明", []string{"汇丰", "华为"}, "汇丰"},
		{"北京直辖的中国网随即发表文章", []string{"北京", "中国网"}, "中国网"},
		{"北京的天气与文章", []string{"北京"}, ""},
		{"他们讨论了欧盟，文章", []string{"欧盟"}, ""},
	} {
		d := newDoc(rulesOnly(), tc.text, tc.text, nil, mentionsOf(tc.text, tc.names))
		p := strings.LastIndex(tc.text, "评论")
		for _, w := range []string{"报道", "声明", "文章"} {
			if k := strings.LastIndex(tc.text, w); k > p {
				p = k
			}
		}
		at := len([]rune(tc.text[:p]))
		sp, _, ok := d.docOwnerAt(at)
		if got := sp.surface; ok != (tc.want != "") || got != tc.want {
			t.Errorf("%s: owner %q (%v), want %q", tc.text, got, ok, tc.want)
		}
	}
}

// TestDocOccsOdd: odd texts (empty, a noun at the very end or start, a
// determiner alone) read without a panic.
func TestDocOccsOdd(t *testing.T) {
	for _, text := range []string{"", "文章", "该", "的文章", "评论区", "新华社发表", "，声明", "发表“声明”", "据报道"} {
		d := newDoc(rulesOnly(), text, text, nil, nil)
		occs := d.docOccs()
		if text == "文章" && (len(occs) != 1 || occs[0].hasOwner) {
			t.Errorf("%q: %+v", text, occs)
		}
		if text == "评论区" && len(occs) != 0 {
			t.Errorf("评论区 read as a document: %+v", occs)
		}
		for i := 0; i <= len(d.norm); i++ {
			d.docSubject(quoteCtx{sent: 0, clause: i, gov: -1}, i)
		}
	}
}

// mentionsOf names each of names (as organisations) where it is first
// written in text, in rune positions.
func mentionsOf(text string, names []string) []pipeline.Mention {
	var out []pipeline.Mention
	for _, n := range names {
		m := mention(text, n, "org:"+n)
		m.Type = "organization"
		out = append(out, m)
	}
	return out
}
