package quotes

import (
	"math/rand/v2"
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
		{"a short form stands for the full name", "宋会春不服禹州市人民法院的判决。禹州法院在判决书中称：“原告的诉讼请求缺乏事实依据。”",
			"禹州市人民法院", "b_sent_first", nil},
		{"中国银行 is no short form of 中国人民银行", "中国人民银行发布通知。中国银行随后表示：“我们将严格执行相关规定。”",
			"中国银行", "org_name", nil},
		{"a hotel, by its class of head", "阆中印象大酒店工作人员表示：“张飞酒店昨天住了一个疑似新冠的客人。”", "阆中印象大酒店", "org_name", nil},
		{"a ministry's department", "外交部军控司的微博官方帐号宣称：“我们是从正门进入，光明正大接管的。”", "外交部军控司", "org_name", nil},
		{"a city's cultural centre", "嵊州市三界文化馆发布的一则报道称，因为“农村教堂多，信教群众多，宗教活动频繁。”", "嵊州市三界文化馆", "org_name", nil},
		{"a country's body abroad", "以色列驻华大使馆最新向中国官媒表示，“有关信息并未得到以色列政府的证实、支持或核准。”", "以色列驻华大使馆", "org_name", nil},
		{"a watchdog, by 观察", "全球渔业观察表示：“这些渔船多次关闭定位系统，违反了相关法律。”", "全球渔业观察", "org_name", nil},
		{"a head over two of gse's words (资产/管理)", "摩根资产管理发表报告称：“市场的波动还会持续一段时间。”", "摩根资产管理", "org_name", nil},
		{"a head over two of gse's words (国/保)", "四中全会时，福州市国保恐吓他：“如果去北京就要被收监。”", "福州市国保", "org_name", nil},
		{"a name across a verb gse cut out of it", "港大校友关注组发表声明，认为此决定是“基于政治考虑的打压”。", "港大校友关注组", "org_name", nil},
		{"a name across a verb, after a digit", "据12港人关注组称，“他们至今无法与家人直接沟通。”", "港人关注组", "org_name", nil},
		{"no name across a verb and its object", "会后，香港民主派人士谴责当局：“这是对法治的践踏。”", "", "", []string{"香港民主派人士谴责当局", "人士谴责当局"}},
		{"no watchdog in a medical observation", "他被送去医学观察，院方表示：“目前他的情况稳定。”", "", "", []string{"医学观察", "送去医学观察"}},
		{"a company the entity stage takes for no person", "英伟达周三表示：“我们将继续遵守所有适用的出口管制规定。”", "英伟达", "org_name", nil},
		{"no company inside another word", "中华为了复兴付出了代价，他说：“这段历史不能忘记。”", "", "", []string{"华为"}},
		{"no organisation in 有所", "他有所保留地说：“这件事情我们还要再研究一下。”", "", "", []string{"有所", "他有所"}},
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

// TestCutOrgCandidates: a person the entity stage names only as the start
// of an organisation's name (柏瑞投 in every 柏瑞投资) is that organisation,
// with no entity; a person also named alone stays a person, and the
// organisation its name opens is a candidate of its own.
func TestCutOrgCandidates(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		name, text, cut string   // cut: a person mention added at each of its occurrences
		want, not       []string // organisation candidates of the last quote; candidates it must not have
		person          string   // a person candidate it keeps
	}{
		{"every mention cut short", "柏瑞投资则表达了比较悲观的看法。同样影响经济的还有德国与法国的大选。柏瑞投资认为，“在未来18个月内，我们会看到美国新政府的上任。”",
			"柏瑞投", []string{"柏瑞投资"}, []string{"柏瑞投"}, ""},
		{"a person also named alone", "特朗普周二在白宫说，他不会让步。特朗普政府随后在声明中称：“我们将继续推动这项政策。”",
			"特朗普", []string{"特朗普政府"}, nil, "特朗普"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			norm, toks, ms := chain(t, tc.text)
			r := []rune(tc.text)
			cut := []rune(tc.cut)
			for i := 0; i+len(cut) <= len(r); i++ {
				if string(r[i:i+len(cut)]) == tc.cut && !slices.ContainsFunc(ms, func(m pipeline.Mention) bool { return m.Start == i }) {
					ms = append(ms, pipeline.Mention{EntityID: "person:cut", Type: "person", Surface: tc.cut, Start: i, Stop: i + len(cut), Name: tc.cut})
				}
			}
			slices.SortFunc(ms, func(a, b pipeline.Mention) int { return a.Start - b.Start })
			_, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: tc.text}, Norm: norm, Tokens: toks, Mentions: ms})
			if len(cands) == 0 {
				t.Fatal("no quote")
			}
			last := cands[len(cands)-1]
			byName := map[string]Candidate{}
			for _, c := range last {
				byName[c.Surface] = c
			}
			for _, w := range tc.want {
				c, ok := byName[w]
				if !ok {
					t.Fatalf("no candidate %s among %v", w, last)
				}
				if c.Type != "organization" || c.EntityID != "" {
					t.Errorf("%s: type %s, entity %q; want an organisation with no entity", w, c.Type, c.EntityID)
				}
			}
			for _, n := range tc.not {
				if _, ok := byName[n]; ok {
					t.Errorf("%s is a candidate", n)
				}
			}
			if tc.person != "" {
				if c, ok := byName[tc.person]; !ok || c.Type != "person" {
					t.Errorf("%s is not a person candidate: %+v", tc.person, c)
				}
			}
		})
	}
}

// TestFullFormsKeyed: fullForms, comparing the names' packed first and
// last characters first, gives every name the full form the scan of all
// pairs gives (fullFormsAll, its earlier form), on random posts of names
// over a few characters, references among them.
func TestFullFormsKeyed(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(xs ...string) []rune { return []rune(xs[rng.IntN(len(xs))]) }
	full := 0
	for range 300 {
		var norm []rune
		var names []orgName
		for range rng.IntN(40) {
			a := len(norm)
			norm = append(norm, pick("禹州", "宁阳", "禹阳", "中国", "北")...)
			norm = append(norm, pick("", "市", "县", "乡", "区")...)
			norm = append(norm, pick("法院", "人民法院", "政府", "人民政府", "人民检察院", "银行", "人民银行", "院")...)
			n := len(norm) - a
			names = append(names, orgName{name: [2]int{a, a + n}, span: [2]int{a, a + n}, ref: rng.IntN(8) == 0})
		}
		d := &doc{norm: norm}
		got := slices.Clone(names)
		d.fullForms(got)
		want := slices.Clone(names)
		fullFormsAll(d, want)
		for i := range got {
			if got[i].name != want[i].name {
				t.Fatalf("%q: name %d (%q) stands for %v, the scan of all pairs says %v", string(norm), i, string(norm[names[i].span[0]:names[i].span[1]]), got[i].name, want[i].name)
			}
			if got[i].name != got[i].span {
				full++
			}
		}
	}
	if full < 20 {
		t.Errorf("%d names given a full form: the posts test too little", full)
	}
}

// fullFormsAll is fullForms as it was: every pair of names compared.
func fullFormsAll(d *doc, names []orgName) {
	for i := range names {
		x := &names[i]
		if x.ref || x.span[1]-x.span[0] < 4 {
			continue
		}
		best := -1
		for j := range names {
			y := names[j]
			if y.ref || y.span[1]-y.span[0] <= x.span[1]-x.span[0] || (best >= 0 && y.span[1]-y.span[0] <= names[best].span[1]-names[best].span[0]) {
				continue
			}
			if d.shortFormOf(d.norm[x.span[0]:x.span[1]], d.norm[y.span[0]:y.span[1]]) {
				best = j
			}
		}
		if best >= 0 {
			x.name = names[best].span
		}
	}
}

// TestCompanyNotPerson: a company of the lexicon that gse's dictionary
// tags as a person's name (华为 and 谷歌 nr, 亚马逊 nrt) is an organisation
// among the candidates, so the speaker_type column says so.
func TestCompanyNotPerson(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct{ text, company string }{
		{"美国商务部周五宣布新的出口管制措施。华为发言人回应说：“我们对这一决定深表失望。”", "华为"},
		{"这名亚马逊发言人表示：“我们正在调查此事，并将采取行动。”", "亚马逊"},
		{"谷歌一名发言人向记者表示：“我们遵守所有适用的法律。”", "谷歌"},
	} {
		found := false
		for _, cs := range orgCands(t, tc.text) {
			_, ok := cs[tc.company]
			found = found || ok
		}
		if !found {
			t.Errorf("%s: %s is no organisation candidate", tc.text, tc.company)
		}
	}
}

// TestCompanyReportedNotPerson: the rules' own subject reading (nounSubject)
// types a lexicon company jieba tags as a name an organisation too, in
// reported speech, which no model re-reads.
func TestCompanyReportedNotPerson(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct{ text, company string }{
		{"标题\n明报引述港府消息人士形容。谷歌发言人表示，自从港区国安法实施以来，公司已没有应香港当局要求提供资料。", "谷歌"},
		{"标题\n华为发言人表示，该公司今年夏天开始测试这些基站。", "华为"},
	} {
		norm, toks, ms := chain(t, tc.text)
		found := false
		for _, q := range rulesOnly().Find("doc", tc.text, norm, toks, ms) {
			if q.Speaker != tc.company {
				continue
			}
			found = true
			if q.SpeakerType != "organization" {
				t.Errorf("%s: %s typed %s", tc.text, q.Speaker, q.SpeakerType)
			}
		}
		if !found {
			t.Errorf("%s: no quote of %s", tc.text, tc.company)
		}
	}
}
