package evaluate

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/quotes"
)

func TestEvalScoring(t *testing.T) {
	// Alias-aware, script-insensitive matching: a system entity that goes
	// by any of the gold forms matches it once.
	sys := []item{newItem("蓬佩奥", "蓬佩奥", "Mike Pompeo"), newItem("库格尔曼", "库格尔曼"), newItem("假人", "假人")}
	gold := []item{newItem("蓬佩奧", "蓬佩奧", "彭佩奥"), newItem("迈克尔‧库格尔曼", "迈克尔‧库格尔曼", "库格尔曼"), newItem("漏掉", "漏掉")}
	c, miss, fa := matchItems(sys, gold)
	if c.tp != 2 || c.fp != 1 || c.fn != 1 || miss[0] != "漏掉" || fa[0] != "假人" {
		t.Errorf("counts %+v misses %v false %v", c, miss, fa)
	}
	p, r, f := counts{tp: 8, fp: 2, fn: 0}.prf()
	if p != 0.8 || r != 1 || f < 0.888 || f > 0.889 {
		t.Errorf("prf = %v %v %v", p, r, f)
	}
	if _, err := ParseFloors("people=0.9,bogus=1"); err == nil {
		t.Error("unknown type accepted")
	}
	if f, err := ParseFloors("quotes=0.9,speakers=0.8,quotes+speakers=0.7"); err != nil || f["speakers"] != 0.8 {
		t.Errorf("quote floors: %v %v", f, err)
	}
	var q quoteScores
	q.Speakers.Matched, q.Speakers.Correct = 4, 3
	q.EndToEnd = counts{tp: 1, fp: 1, fn: 0}
	if q.score("speakers") != 0.75 || q.score("quotes") != 0 || q.score("quotes+speakers") < 0.666 || q.score("quotes+speakers") > 0.667 {
		t.Errorf("quote scores %v %v %v", q.score("quotes"), q.score("speakers"), q.score("quotes+speakers"))
	}
	// The short quotes' floor reads their detection F1, cross-validated
	// where there is a cross-validation.
	q.Short = counts{tp: 3, fp: 1, fn: 1}
	floor, err := ParseFloors(ShortFloor + "=0.76")
	if err != nil {
		t.Fatal(err)
	}
	cv := quoteScores{Short: counts{tp: 1, fp: 1, fn: 1}}
	for _, tc := range []struct {
		res   Result
		below bool
	}{
		{Result{Quotes: q}, true},                                          // 0.75 < 0.76
		{Result{Quotes: cv, CV: &q}, true},                                 // the CV's 0.75
		{Result{Quotes: q, CV: &quoteScores{Short: counts{tp: 4}}}, false}, // CV 1.0
	} {
		tc.res.Scores = map[string]map[string]scoreJ{"newsnlp": {}}
		if b := tc.res.Below(floor); (len(b) > 0) != tc.below {
			t.Errorf("short floor 0.76 on %+v: below %v", tc.res.CV, b)
		}
	}
}

// TestExtraFloor: the floor on the extra posts' cross-validated speakers
// holds their figure, and fails loudly when they were not scored.
func TestExtraFloor(t *testing.T) {
	testOtherFloor(t, ExtraFloor, 0.72, func(res *Result, q *quoteScores) { res.ExtraCV = q })
}

// TestHeldoutFloor: the floor on the held-out posts' speakers holds their
// figure with the model as run, and fails loudly when they were not
// scored; the cross-validated figures do not stand in for it.
func TestHeldoutFloor(t *testing.T) {
	testOtherFloor(t, HeldoutFloor, 0.78, func(res *Result, q *quoteScores) { res.Heldout = q })
}

// testOtherFloor checks a floor on speakers of posts other than the gold
// at f: unscored, 1 point under and 1 point over it, with the gold's and
// the other posts' figures well above it; set puts the posts' scores in.
func testOtherFloor(t *testing.T, name string, f float64, set func(res *Result, q *quoteScores)) {
	t.Helper()
	floor, err := ParseFloors(fmt.Sprintf("speakers=0.5,%s=%v", name, f))
	if err != nil {
		t.Fatal(err)
	}
	var cv, extra, held, q quoteScores
	for _, s := range []*quoteScores{&cv, &extra, &held} {
		s.Speakers.Matched, s.Speakers.Correct = 10, 9
	}
	n := int(math.Round(f * 100))
	for _, c := range []struct {
		scored bool
		right  int
		below  bool
	}{{false, 0, true}, {true, n - 1, true}, {true, n + 1, false}} {
		q.Speakers.Matched, q.Speakers.Correct = 100, c.right
		res := &Result{CV: &cv, ExtraCV: &extra, Heldout: &held, Scores: map[string]map[string]scoreJ{}}
		if c.scored {
			set(res, &q)
		} else {
			set(res, nil)
		}
		below := res.Below(floor)
		if got := len(below) > 0; got != c.below {
			t.Errorf("%s scored %v, %d right: below %q", name, c.scored, c.right, below)
		}
		for _, b := range below {
			if !strings.HasPrefix(b, name) {
				t.Errorf("below %q: only the %s floor should fail", b, name)
			}
		}
	}
}

// TestExtraTrain: each extra post is held out in exactly one fold (scored
// by models that never saw it); every gold post is on the training side of
// every fold.
func TestExtraTrain(t *testing.T) {
	var posts []speakerPost
	for i := range 12 {
		posts = append(posts, speakerPost{extra: true, xfold: i}, speakerPost{fold: i % 5})
	}
	for i, p := range posts {
		held := 0
		for k := range 5 {
			if !extraTrain(5, k)(&p) {
				held++
			}
		}
		if want := map[bool]int{true: 1, false: 0}[p.extra]; held != want {
			t.Errorf("post %d (extra %v): held out in %d folds, want %d", i, p.extra, held, want)
		}
	}
}

func TestFolds(t *testing.T) {
	for post, want := range map[string]int{"/g/001.md": 1, "/g/305.md": 0, "/g/396.md": 1, "/g/seed.md": 0, "039.md": 4} {
		if got := foldOf(post, 5); got != want {
			t.Errorf("foldOf(%s) = %d, want %d", post, got, want)
		}
	}
}

func TestAlignQuotes(t *testing.T) {
	gold := []goldQuote{{Speaker: "甲", Text: "中俄不是盟友关系。"}, {Speaker: "?", Text: "好人"}}
	sys := []pipeline.Quote{{Kind: "reported", Text: "中俄不是盟友关系。"}, {Kind: "direct", Text: "中俄不是盟友关系"}, {Kind: "partial", Text: "好人"}}
	got := alignQuotes(gold, sys)
	if got[0] != -1 || got[1] != 0 || got[2] != 1 {
		t.Errorf("alignQuotes = %v, want [-1 0 1] (reported speech is never a quote in marks)", got)
	}
}

// TestChoosePerFold: each fold is scored with the setting best on the
// other folds, not with the one best overall.
func TestChoosePerFold(t *testing.T) {
	// Two settings, four posts in folds 0, 1, 0, 1. Setting a is perfect on
	// fold 0 and poor on fold 1; b the other way round.
	good, poor := counts{tp: 9, fp: 1, fn: 0}, counts{tp: 2, fp: 5, fn: 7}
	per := [][]counts{
		{good, poor, good, poor}, // a
		{poor, good, poor, good}, // b
	}
	cv := choosePerFold(per, []int{0, 1, 0, 1}, 2, []string{"a", "b"})
	// Fold 0 is chosen on fold 1, where b is best, and scored with b: poor.
	if got, want := cv.Chosen, []string{"b", "a"}; got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("chosen %v, want %v", got, want)
	}
	if cv.All.TP != 8 || cv.All.FP != 20 || cv.All.FN != 28 {
		t.Errorf("pooled %+v, want tp 8 fp 20 fn 28", cv.All)
	}
	if cv.Settings[0].InSample.TP != 22 || cv.Settings[1].InSample.TP != 22 {
		t.Errorf("in-sample %+v", cv.Settings)
	}
}

// TestPeopleErrors: the error file names each missed gold person and each
// false one with the methods that found it and its place in the text.
func TestPeopleErrors(t *testing.T) {
	text := "记者王五报道，张三和支付宝说。"
	d := &pipeline.Doc{Norm: text, Mentions: []pipeline.Mention{
		{EntityID: "person:张三", Type: "person", Name: "张三", Surface: "张三", Start: 7, Stop: 9, Method: "lexicon"},
		{EntityID: "person:支付宝", Type: "person", Name: "支付宝", Surface: "支付宝", Start: 10, Stop: 13, Method: "tagger"},
		{EntityID: "person:支付宝", Type: "person", Name: "支付宝", Surface: "支付宝", Start: 10, Stop: 13, Method: "coref"},
	}}
	g := &goldDoc{People: []goldEntity{{Name: "张三"}, {Name: "王五"}}}
	gaz, err := entities.LoadGazetteer(entities.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	writePeopleErrors(&b, "001.md", &System{Gazetteer: gaz}, d, g)
	want := "001.md\tmiss\t王五\t\t\n001.md\tfalse\t支付宝\ttagger,coref\t王五报道，张三和[支付宝]说。\n"
	if b.String() != want {
		t.Errorf("people errors:\n%q\nwant\n%q", b.String(), want)
	}
}

// TestGoldLogProb: the softmax probability of the gold candidates
// together, as the trees' number is chosen by.
func TestGoldLogProb(t *testing.T) {
	for _, c := range []struct {
		scores []float64
		gold   []int
		want   float64
	}{
		{[]float64{0, 0}, []int{0}, math.Log(0.5)},
		{[]float64{0, 0}, []int{0, 1}, 0},
		{[]float64{1000, 0, 0}, []int{1}, -1000},
		{[]float64{math.Log(3), 0}, []int{0}, math.Log(0.75)},
	} {
		if got := goldLogProb(c.scores, c.gold); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("goldLogProb(%v, %v) = %v, want %v", c.scores, c.gold, got, c.want)
		}
	}
}

// TestChooseTrees: the fewest trees within one standard error of the best
// summed likelihood, the best where nothing fewer comes close.
func TestChooseTrees(t *testing.T) {
	curve := func(top float64, noise float64, n int) [][]float64 {
		// r = 0, 1, 2: per-quote log-likelihoods rising to top.
		out := make([][]float64, 3)
		for r := range out {
			for i := range n {
				x := -1 + float64(r)*top/2
				if i%2 == 0 {
					x += noise
				} else {
					x -= noise
				}
				out[r] = append(out[r], x)
			}
		}
		return out
	}
	// A clear gain of 0.2 a quote at every step: the best (2 trees).
	if d, r := chooseTrees([]int{3}, [][][]float64{curve(0.4, 0, 100)}); d != 3 || r != 2 {
		t.Errorf("clear gain: depth %d, %d trees; want 3, 2", d, r)
	}
	// Gains far inside the noise: none.
	flat := curve(0.002, 0, 100)
	for r := range flat {
		for i := range flat[r] {
			flat[r][i] += float64((i*7+r*3)%5) - 2
		}
	}
	if _, r := chooseTrees([]int{3}, [][][]float64{flat}); r != 0 {
		t.Errorf("flat: %d trees; want 0", r)
	}
}

// TestShortErrorsLabel: each error line carries the held-out scoring it
// comes from (the extra posts are scored cross-validated and by the model
// fitted on the gold alone), so that lists of two versions diff within one.
func TestShortErrorsLabel(t *testing.T) {
	text := "他说“好”，又说“坏”。"
	p := &speakerPost{name: "x0007.md", extra: true, xfold: 2, fold: -1,
		doc:  &pipeline.Doc{Post: &pipeline.Post{Text: text}},
		gold: &goldDoc{Quotes: []goldQuote{{Speaker: "他", Text: "好"}}}}
	var b strings.Builder
	writeShortErrors(&b, "xfold 2", p, []pipeline.Quote{{Text: "坏", Start: 9, Rule: "short"}})
	want := "x0007.md xfold 2 [short missed] \"好\" [他]\n  …他说“「好」\n" +
		"x0007.md xfold 2 [short added] \"坏\" (short)\n  …他说“好”，又说“「坏」\n"
	if b.String() != want {
		t.Errorf("short errors:\n%q\nwant\n%q", b.String(), want)
	}
}

// TestExtraArchives: the extra posts' figure is also given per archive
// (an outlet's ".history" posts with its own), for archives of 20 posts or
// more.
func TestExtraArchives(t *testing.T) {
	sd := &speakerData{}
	add := func(file string, n int, extra bool) {
		for range n {
			sd.posts = append(sd.posts, speakerPost{extra: extra, gold: &goldDoc{File: file}})
		}
	}
	add("b+news/_posts/x.md", 15, true)
	add("b+news.history/_posts/y.md", 5, true)
	add("a+oped/_posts/z.md", 25, true)
	add("c+few/_posts/w.md", 19, true)
	add("d+gold/_posts/v.md", 30, false)
	if got := sd.extraArchives(); !slices.Equal(got, []string{"a+oped", "b+news"}) {
		t.Errorf("archives %q", got)
	}
}

// A bag's draw of a post depends on the bag and the post alone (the same
// every run, whatever the other posts), takes about the share asked, and
// differs between bags; a bootstrap draws each post once on average.
func TestInBag(t *testing.T) {
	var posts []speakerPost
	for i := range 1000 {
		posts = append(posts, speakerPost{name: fmt.Sprintf("%03d.md", i)})
	}
	for _, frac := range []float64{0.8, 1} {
		drawn, same := 0, 0
		for i := range posts {
			a, b := inBag(0, &posts[i], frac), inBag(1, &posts[i], frac)
			if again := inBag(0, &posts[i], frac); again != a {
				t.Fatalf("frac %v: post %s drawn %d then %d", frac, posts[i].name, a, again)
			}
			drawn += a
			if a == b {
				same++
			}
		}
		if mean := float64(drawn) / 1000; math.Abs(mean-min(frac, 1)) > 0.06 {
			t.Errorf("frac %v: %v draws a post, want about %v", frac, mean, frac)
		}
		if same > 900 {
			t.Errorf("frac %v: bags 0 and 1 agree on %d of 1000 posts", frac, same)
		}
	}
	// An extra post is told from a gold post of the same name by its file.
	x := speakerPost{name: "001.md", extra: true, gold: &goldDoc{File: "a/001.md"}}
	y := speakerPost{name: "001.md", extra: true, gold: &goldDoc{File: "b/001.md"}}
	differ := false
	for b := range 20 {
		differ = differ || inBag(b, &x, 0.5) != inBag(b, &y, 0.5)
	}
	if !differ {
		t.Error("two extra posts of one name drawn alike in 20 bags")
	}
	// Another draw draws other posts; draw 0 is the shipped one whatever
	// the draws asked before it.
	defer func(d int) { BagDraw = d }(BagDraw)
	first := make([]int, len(posts))
	for i := range posts {
		first[i] = inBag(0, &posts[i], 0.8)
	}
	BagDraw = 3
	same := 0
	for i := range posts {
		if inBag(0, &posts[i], 0.8) == first[i] {
			same++
		}
	}
	if same > 900 {
		t.Errorf("draw 3 agrees with draw 0 on %d of 1000 posts", same)
	}
	BagDraw = 0
	for i := range posts {
		if inBag(0, &posts[i], 0.8) != first[i] {
			t.Fatalf("draw 0 again: post %s drawn otherwise", posts[i].name)
		}
	}
}

// TestFitShortBagged: the bagged short-quote detector is one logistic
// model that scores a span as the mean of its bags' fits (each on the
// posts inBag draws), and the same data give the same file.
func TestFitShortBagged(t *testing.T) {
	defer func(b int) { ShortBags = b }(ShortBags)
	sd := shortData(false)
	train := func(p *speakerPost) bool { return p.fold != 0 }
	o := quotes.FitOptions{MinCount: 1}
	ShortBags = 1
	var parts []*quotes.Model
	for b := range 4 {
		m, err := sd.fitShort(func(p *speakerPost) bool { return train(p) && inBag(b, p, 0.8) > 0 }, o)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, m)
	}
	ShortBags = 4
	m, file := fitShortFile(t, sd, train, o)
	if _, again := fitShortFile(t, sd, train, o); again != file {
		t.Errorf("two fits on the same data differ:\n%s\n%s", file, again)
	}
	differ := false
	for _, f := range shortFeats {
		c := quotes.Candidate{Type: "unknown", Features: f}
		var mean float64
		for _, p := range parts {
			mean += p.Score(c) / 4
		}
		if got := m.Score(c); math.Abs(got-mean) > 1e-5 {
			t.Errorf("%v: bagged score %v, mean of the bags %v", f, got, mean)
		}
		differ = differ || math.Abs(parts[0].Score(c)-parts[1].Score(c)) > 1e-6
	}
	if !differ {
		t.Error("the bags' fits are alike: not drawn on different posts")
	}
}

// shortFeats are the made-up short spans' features of shortData.
var shortFeats = [][]string{{"short|said"}, {"short|title"}, {"short|said", "short|colon"}, {"short|colon"}}

// shortData is 40 made-up posts in five folds, each with the same four
// short spans labelled by a fixed pattern, for the detector's fits; with
// gold, each post is a gold post.
func shortData(gold bool) *speakerData {
	sd := &speakerData{gold: "test"}
	for i := range 40 {
		p := speakerPost{name: fmt.Sprintf("%03d.md", i), fold: i % 5}
		if gold {
			p.gold = &goldDoc{}
		}
		for k, f := range shortFeats {
			p.shorts = append(p.shorts, quotes.ShortSpan{Text: "好", Features: f})
			p.shortGold = append(p.shortGold, (i+k)%3 != 0 && k != 1 || i%7 == 0)
		}
		sd.posts = append(sd.posts, p)
	}
	return sd
}

// fitShortFile fits the short-quote detector on train and returns it with
// its model file's text.
func fitShortFile(t *testing.T, sd *speakerData, train func(*speakerPost) bool, o quotes.FitOptions) (*quotes.Model, string) {
	t.Helper()
	m, err := sd.fitShort(train, o)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return m, b.String()
}

// TestQuoteScoresJSON: --json carries the quote detection counts and F1,
// not empty objects.
func TestQuoteScoresJSON(t *testing.T) {
	var q quoteScores
	q.Substantive = counts{tp: 3, fp: 1, fn: 1}
	q.Speakers.Matched, q.Speakers.Correct = 3, 2
	b, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"substantive":{"TP":3,"FP":1,"FN":1,"P":0.75,"R":0.75,"F1":0.75}`, `"speakers":{"Matched":3,"Correct":2}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}

// TestTemperatureOf: quotes whose right candidate is drawn from
// softmax(s/2) give back a temperature near 2, and ones drawn from
// softmax(s/0.5) one near 0.5: the fit finds over- and underconfidence.
func TestTemperatureOf(t *testing.T) {
	for _, want := range []float64{2, 0.5} {
		rng := rand.New(rand.NewPCG(1, 2))
		var qs []scoredQuote
		for range 4000 {
			s := make([]float64, 2+rng.IntN(5))
			for i := range s {
				s[i] = rng.NormFloat64() * 3
			}
			p := make([]float64, len(s))
			sum := 0.0
			for i, x := range s {
				p[i] = math.Exp(x / want)
				sum += p[i]
			}
			u, g := rng.Float64()*sum, 0
			for g < len(p)-1 && u > p[g] {
				u -= p[g]
				g++
			}
			qs = append(qs, scoredQuote{s, []int{g}})
		}
		if got := temperatureOf(qs); math.Abs(got-want) > 0.1*want {
			t.Errorf("quotes drawn at temperature %v: fitted %v", want, got)
		}
	}
	if got := temperatureOf(nil); got != 1 {
		t.Errorf("no quotes: %v, want 1", got)
	}
}

// TestConfidentFloor: the floor on the quotes at a confidence of 0.9 or
// more reads the top band of every calibration scored (one below fails it,
// by name), not the other bands, and fails loudly with none scored.
func TestConfidentFloor(t *testing.T) {
	floor, err := ParseFloors(ConfidentFloor + "=0.95")
	if err != nil {
		t.Fatal(err)
	}
	ev := func(name string, top, mid int) speakerEval {
		return speakerEval{Name: name, Calib: []calibBand{
			{Lo: 0.8, Hi: 0.9, Quotes: 100, Correct: mid},
			{Lo: 0.9, Hi: 1.0001, Quotes: 100, Correct: top},
		}}
	}
	for _, c := range []struct {
		evs  []speakerEval
		want []string // the names below
	}{
		{nil, []string{"not scored"}},
		{[]speakerEval{ev("gold", 96, 10), ev("held", 95, 10)}, nil},
		{[]speakerEval{ev("gold", 96, 90), ev("held", 94, 90)}, []string{"held"}},
		{[]speakerEval{ev("gold", 90, 90), ev("extra", 94, 99)}, []string{"gold", "extra"}},
	} {
		res := &Result{calibrated: c.evs, Scores: map[string]map[string]scoreJ{}}
		below := res.Below(floor)
		if len(below) != len(c.want) {
			t.Errorf("%+v: below %q, want %q", c.evs, below, c.want)
			continue
		}
		for _, w := range c.want {
			found := false
			for _, b := range below {
				found = found || strings.HasPrefix(b, ConfidentFloor) && strings.Contains(b, w)
			}
			if !found {
				t.Errorf("%+v: below %q, want one naming %q", c.evs, below, w)
			}
		}
	}
}
