package quotes

import "testing"

// TestCueNames: a body or a Latin name in the cue's clause that no list
// knows speaks where the words around it are sure, and nobody speaks where
// no body is named.
func TestCueNames(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	s := rulesOnly()
	for _, tc := range []struct {
		name, text string
		want       []string // text=speaker pairs; speaker "?" for none
	}{
		{"an unknown company's spokesperson", "英伟达一位发言人说：“我们没有理由相信这一点。”", []string{"我们没有理由相信这一点。=英伟达"}},
		{"an unknown company's spokesperson, no quantifier", "英伟达发言人说：“我们没有理由相信这一点。”", []string{"我们没有理由相信这一点。=英伟达"}},
		{"a spokesperson with no body named", "一位发言人说：“我们没有理由相信这一点。”", []string{"我们没有理由相信这一点。=?"}},
		{"a time word is no body", "昨天一位发言人说：“我们没有理由相信这一点。”", []string{"我们没有理由相信这一点。=?"}},
		{"someone related to a company", "股东大会批准了捐赠，贵州茅台相关人士说：“捐赠合法合规。”", []string{"捐赠合法合规。=贵州茅台"}},
		{"a field before 人士 is no body", "业内人士说：“捐赠合法合规。”", []string{"捐赠合法合规。=?"}},
		{"a field before 专家 is no body", "军事专家认为：“捐赠合法合规。”", []string{"捐赠合法合规。=?"}},
		{"an inn's employee", "望奎镇福顺楼旅店的员工告诉记者：“他们昨天就走了。”", []string{"他们昨天就走了。=望奎镇福顺楼旅店"}},
		{"a company's employee, the kind alone", "公司的员工告诉记者：“他们昨天就走了。”", []string{"他们昨天就走了。=?"}},
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

// FuzzCueNames: the readings stay within the text on any input.
func FuzzCueNames(f *testing.F) {
	for _, s := range []string{"英伟达一位发言人说", "的员工", "相关人士", "Keso还", "A-", " -. 说", "（）的员工说"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		d := &doc{norm: rs, text: rs}
		for b := 0; b <= len(rs); b++ {
			for a := 0; a <= b; a++ {
				if sp, ok := d.bodyNamedBefore(a, b); ok && len([]rune(sp.surface)) > b-a {
					t.Fatalf("%q [%d,%d): %q", s, a, b, sp.surface)
				}
				d.memberOfBody(a, b)
				d.latinOpener(a, b)
				for e := a; e <= b; e++ {
					d.spokesBody(a, e, b)
				}
			}
		}
	})
}
