package quotes

import (
	"slices"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// orgCands returns the organisation candidates of each quote of a text run
// through the segmenter and the entity stage, with their features.
func orgCands(t *testing.T, text string) []map[string][]string {
	t.Helper()
	norm, toks, ms := chain(t, text)
	_, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms})
	var out []map[string][]string
	for _, cs := range cands {
		m := map[string][]string{}
		for _, c := range cs {
			if c.Type == "organization" {
				m[c.Surface] = c.Features
			}
		}
		out = append(out, m)
	}
	return out
}

// TestOrgCandidates: organisations the entity stage does not know are
// candidates, read by their head word, and 该组织 stands for the last one.
func TestOrgCandidates(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text string
		want       string // an organisation candidate of the last quote
		feature    string // one of its features
		not        []string
	}{
		{"head word after nouns", "这一真小人的坦诚引起了国际特赦组织的注意，该组织称：“令人惊讶的是，这种话居然出现在官方文件中。”",
			"国际特赦组织", "org_ref", nil},
		{"place and bureau", "香港教育局发布的新指引称，“近二十年的史事不少仍在发展中，未有结论。”", "香港教育局", "org_name", nil},
		{"county government", "宁阳县人民政府向周新夫妇送达了告知书，称“因当时安置时间距今时间跨度较长，材料无法找到。”", "宁阳县人民政府", "b_sent_first", nil},
		{"no organisation in 东部 or 全部", "美国东部的全部居民都说：“我们对这件事情一无所知。”", "", "", []string{"美国东部", "东部", "全部"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qs := orgCands(t, tc.text)
			if len(qs) == 0 {
				t.Fatal("no quote")
			}
			last := qs[len(qs)-1]
			if tc.want != "" {
				fs, ok := last[tc.want]
				if !ok {
					t.Fatalf("no candidate %s among %v", tc.want, keys(last))
				}
				if !slices.Contains(fs, tc.feature) {
					t.Errorf("%s lacks %s: %v", tc.want, tc.feature, fs)
				}
			}
			for _, n := range tc.not {
				if _, ok := last[n]; ok {
					t.Errorf("%s is a candidate", n)
				}
			}
		})
	}
}
