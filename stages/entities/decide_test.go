package entities

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/models/names"
)

// TestFitDecision fits a model on examples a single feature separates and
// reads it back: the fit is deterministic, the file round-trips, and the
// weights point the right way.
func TestFitDecision(t *testing.T) {
	var ex []DecisionExample
	for i := range 40 {
		name := i%2 == 0
		fs := []Feature{{"bias", 1}, {"src=tagger", 1}}
		if name {
			fs = append(fs, Feature{"title", 1})
		}
		if i%5 == 0 {
			fs = append(fs, Feature{"rare" + strings.Repeat("x", i), 1}) // seen once: no weight
		}
		ex = append(ex, DecisionExample{Features: fs, Person: name})
	}
	o := DecisionFit{L2: 1, MinCount: 3, Gold: "abc"}
	m, err := FitDecision(ex, o)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := FitDecision(ex, o)
	var a, b bytes.Buffer
	m.WriteTo(&a)
	m2.WriteTo(&b)
	if a.String() != b.String() {
		t.Fatal("two fits of the same examples differ")
	}
	if strings.Contains(a.String(), "rare") {
		t.Errorf("a feature seen once got a weight:\n%s", a.String())
	}
	r, err := ReadDecision(strings.NewReader(a.String()))
	if err != nil {
		t.Fatal(err)
	}
	if r.Gold != "abc" || r.Cut != DefaultCut || r.Weights() != m.Weights() {
		t.Errorf("read back gold %q cut %v weights %d; wrote %d", r.Gold, r.Cut, r.Weights(), m.Weights())
	}
	yes := []Feature{{"bias", 1}, {"src=tagger", 1}, {"title", 1}}
	no := []Feature{{"bias", 1}, {"src=tagger", 1}}
	if py, pn := r.P(yes), r.P(no); py < 0.8 || pn > 0.2 || math.Abs(py-m.P(yes)) > 1e-5 {
		t.Errorf("P(title) %.3f, P(none) %.3f (fitted %.3f)", py, pn, m.P(yes))
	}
}

// TestFitDecisionEmpty: with nothing proposed (the tagger off) the fit
// gives a model without weights, not an error.
func TestFitDecisionEmpty(t *testing.T) {
	m, err := FitDecision(nil, DefaultDecisionFit)
	if err != nil || m.Weights() != 0 {
		t.Fatalf("model %v, error %v", m, err)
	}
}

func TestReadDecisionErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"empty", "", "empty"},
		{"not a model", "bias\t1\n", "not a decision model"},
		{"no tab", decisionHeader + "\nbias 1\n", "no tab"},
		{"bad weight", decisionHeader + "\nbias\tx\n", "bad weight"},
		{"infinite weight", decisionHeader + "\nbias\tInf\n", "bad weight"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadDecision(strings.NewReader(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestShippedDecision reads the embedded decision: fitted on the gold and
// the register sentences, with weights for the sources.
func TestShippedDecision(t *testing.T) {
	m, err := ReadDecision(names.Decision())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Gold) != 16 || m.Cut != DefaultCut || m.Weights() < 20 {
		t.Errorf("gold %q, cut %v, %d weights", m.Gold, m.Cut, m.Weights())
	}
	for _, f := range []string{"bias", "src=tagger", "t:logit"} {
		if m.w[f] == 0 {
			t.Errorf("no weight for %s", f)
		}
	}
}

func TestReadRegister(t *testing.T) {
	ls, err := ReadRegister(strings.NewReader("# comment\n\n[[张三]]和[[李四]]说。\n没有[[名字\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 2 || ls[0].Text != "张三和李四说。" || len(ls[0].Names) != 2 || ls[0].Names[1] != [2]int{3, 5} {
		t.Fatalf("got %+v", ls)
	}
	if ls[1].Text != "没有名字" || len(ls[1].Names) != 0 {
		t.Errorf("an unclosed mark: got %+v", ls[1])
	}
}

// FuzzReadDecision: a decision file of the user's never panics the reader.
func FuzzReadDecision(f *testing.F) {
	f.Add(decisionHeader + "\ngold\tx\ncut\t0.5\nbias\t1\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ReadDecision(strings.NewReader(s))
		if err == nil && math.IsNaN(m.P([]Feature{{"bias", 1}})) {
			t.Errorf("NaN probability from %q", s)
		}
	})
}

// TestThingHeads: a lexicon person that a thing's head follows is proposed
// to the decision (里根号航空母舰: a ship), and the shipped decision drops
// it; the same name before a verb is no proposal and stays.
func TestThingHeads(t *testing.T) {
	st := withNames(t)
	_, seg := setup(t)
	for _, tc := range []struct {
		text   string
		head   bool // a thing's head right after 里根
		person bool // 里根 is a person mention
	}{
		{"照片：尼米兹号和里根号航空母舰组成的编队在南海演习。", true, false},
		{"美国前总统里根说，这是一个新的开始。", false, true},
	} {
		norm := seg.Normalize(tc.text, "simplified")
		d := newDoc(st.g, tc.text, norm, seg.Tokens(norm))
		d.matchLexicon()
		if got := d.lexiconHeaded(); got != tc.head {
			t.Errorf("%s: lexiconHeaded %v, want %v", tc.text, got, tc.head)
		}
		person := false
		for _, m := range findWith(t, st, tc.text) {
			person = person || m.Type == "person" && m.Surface == "里根"
		}
		if person != tc.person {
			t.Errorf("%s: 里根 a person %v, want %v", tc.text, person, tc.person)
		}
	}
}

// TestToGloss: a transliteration cut short before a Latin gloss reaches
// the gloss; one that ends at the gloss, one not all transliteration and
// one followed by no gloss stay as they are.
func TestToGloss(t *testing.T) {
	st, seg := setup(t)
	for _, tc := range []struct {
		text       string
		i, j, want int
	}{
		{"利特维年科（Alexander Litvinenko）遭毒杀。", 0, 3, 5},
		{"利特维年科（Alexander Litvinenko）遭毒杀。", 0, 5, 5},
		{"利特维年科在伦敦遭毒杀。", 0, 3, 3},
		{"王小明年科（Alexander）说。", 0, 3, 3},
		{"利特维（alexander）说。", 0, 2, 2},
	} {
		norm := seg.Normalize(tc.text, "simplified")
		d := newDoc(st.g, tc.text, norm, seg.Tokens(norm))
		if got := d.toGloss(tc.i, tc.j); got != tc.want {
			t.Errorf("%s [%d,%d): toGloss %d, want %d", tc.text, tc.i, tc.j, got, tc.want)
		}
	}
}

// TestCuesElsewhere: a name the post introduces once with a title or a
// verb of saying carries that cue at its bare occurrences too (翻译家郑克鲁
// … 郑克鲁，祖籍广东), for the decision.
func TestCuesElsewhere(t *testing.T) {
	st := withNames(t)
	_, seg := setup(t)
	for _, tc := range []struct {
		text, name, want string
	}{
		{"法国文学专家王克鲁近日去世。王克鲁，祖籍广东。", "王克鲁", "title-any"},
		{"王克鲁，祖籍广东。后来王克鲁说，他喜欢法语。", "王克鲁", "verb-any"},
	} {
		norm := seg.Normalize(tc.text, "simplified")
		var ps []Proposal
		st.findCollect(tc.text, norm, seg.Tokens(norm), nil, true, &ps)
		seen := false
		for _, p := range ps {
			if p.Text != tc.name {
				continue
			}
			seen = true
			if !slices.ContainsFunc(p.Features, func(f Feature) bool { return f.Name == tc.want }) {
				t.Errorf("%s: proposal %s at %d lacks %s: %v", tc.text, p.Text, p.Start, tc.want, p.Features)
			}
		}
		if !seen {
			t.Errorf("%s: %s not proposed", tc.text, tc.name)
		}
	}
}

// TestThingElsewhere: a span the post writes elsewhere before a company's
// head (华恒集团 … 华恒表示) carries thing-any at every occurrence, for the
// decision; a name the post never writes so does not.
func TestThingElsewhere(t *testing.T) {
	st := withNames(t)
	_, seg := setup(t)
	for _, tc := range []struct {
		text, name string
		want       bool
	}{
		{"华恒集团去年亏损。华恒表示将出售资产。", "华恒", true},
		{"王克鲁，祖籍广东。后来王克鲁说，他喜欢法语。", "王克鲁", false},
	} {
		norm := seg.Normalize(tc.text, "simplified")
		var ps []Proposal
		st.findCollect(tc.text, norm, seg.Tokens(norm), nil, true, &ps)
		seen := false
		for _, p := range ps {
			if p.Text != tc.name {
				continue
			}
			seen = true
			if got := slices.ContainsFunc(p.Features, func(f Feature) bool { return f.Name == "thing-any" }); got != tc.want {
				t.Errorf("%s: proposal %s at %d: thing-any %v, want %v", tc.text, p.Text, p.Start, got, tc.want)
			}
		}
		if !seen {
			t.Errorf("%s: %s not proposed", tc.text, tc.name)
		}
	}
}

// TestTitleTrimmed: a tagger span that ends in a title (周泽律师: the
// tagger reads the two as one span here) is proposed without it, as the
// name.
func TestTitleTrimmed(t *testing.T) {
	st := withNames(t)
	_, seg := setup(t)
	text := "证人被抓了。周泽律师写过很多类似的案例。"
	norm := seg.Normalize(text, "simplified")
	var ps []Proposal
	st.findCollect(text, norm, seg.Tokens(norm), nil, true, &ps)
	var got []string
	for _, p := range ps {
		got = append(got, p.Text)
	}
	if !slices.Contains(got, "周泽") || slices.Contains(got, "周泽律师") {
		t.Errorf("%s: proposed %v, want 周泽 and not 周泽律师", text, got)
	}
}

// TestGlossSpanTaken: when the tagger cut a transliteration short before
// its Latin gloss and the span to the gloss passes the cut too, the name
// is the span to the gloss: the two carry the same features but for the
// cut, so the decision cannot tell them apart and the gloss ends the name.
func TestGlossSpanTaken(t *testing.T) {
	st := withNames(t)
	for _, tc := range []struct{ text, want, not string }{
		{"华盛顿智库“美国企业公共政策研究所”的国际法专家伊凡娜·斯特德纳（Ivana Stradner）说，中共在疫情爆发初期没有及时。", "伊凡娜·斯特德纳", "伊凡娜·斯特"},
		{"说谎作为一种政治工具并非什么新鲜事。尼科洛·马基雅维利(Niccolo Machiavelli)在16世纪的文章中写道。", "尼科洛·马基雅维利", "尼科洛·马基雅"},
	} {
		var got []string
		for _, m := range findWith(t, st, tc.text) {
			if m.Type == "person" {
				got = append(got, m.Surface)
			}
		}
		if !slices.Contains(got, tc.want) || slices.Contains(got, tc.not) {
			t.Errorf("%s: people %v, want %s", tc.text, got, tc.want)
		}
	}
}

// TestVerbHead: a head gse reads as a verb is a company's head until a
// number or an aspect particle after it makes it the verb (张瑞强投资 990
// 万元); 柏瑞投资的 and 安邦集团 keep theirs.
func TestVerbHead(t *testing.T) {
	st, seg := setup(t)
	for _, tc := range []struct {
		text string
		j    int
		head bool
	}{
		{"张瑞强投资 990 万元，都兴家投资 990 万元。", 3, false},
		{"张瑞强投资了两家公司。", 3, false},
		{"柏瑞投资的基金经理说。", 2, true},
		{"施罗德投资管理公司表示。", 3, true},
		{"安邦集团的吴小晖。", 2, true},
	} {
		norm := seg.Normalize(tc.text, "simplified")
		d := newDoc(st.g, tc.text, norm, seg.Tokens(norm))
		if got := d.thingHeadAt(tc.j); got != tc.head {
			t.Errorf("%s at %d: thingHeadAt %v, want %v", tc.text, tc.j, got, tc.head)
		}
		if got := d.anyHeadAt(tc.j); got != tc.head {
			t.Errorf("%s at %d: anyHeadAt %v, want %v", tc.text, tc.j, got, tc.head)
		}
	}
}

// TestVerbHeadPerson: 张瑞强, whom the post writes before 投资 the verb
// (张瑞强投资 990 万元), is no company's name.
func TestVerbHeadPerson(t *testing.T) {
	st := withNames(t)
	text := "华茂瑞成的股东之一张瑞强，在包头做服装市场起家。与马永茂相似，张瑞强 2006 年后来北京发展。注册资本 3000 万元，其中马永茂投资 1020 万元，张瑞强投资 990 万元，都兴家投资 990 万元。马永茂还先后两次和华茂瑞成的合伙人张瑞强一起去南昌看莫建成。"
	n := countMentions(findWith(t, st, text), "person", "张瑞强")
	if n != 4 {
		t.Errorf("张瑞强: %d mentions, want 4", n)
	}
}

// TestEndsInHead: a tagger span whose own last word is a company's or a
// thing's head (幸咖啡 of 瑞幸咖啡, 雅高股价) is no person.
func TestEndsInHead(t *testing.T) {
	st := withNames(t)
	for _, m := range findWith(t, st, "瑞幸咖啡的股价大跌，雅高股价下跌。") {
		if m.Type == "person" {
			t.Errorf("person %s", m.Surface)
		}
	}
}
