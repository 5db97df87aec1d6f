package entities

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/newsnlp/newsnlp/stages/internal/lbfgs"
)

// The decision over proposed names: the tagger's spans and the discovery
// rules' names are proposals, and a logistic model over what is known of
// each (its source, the tagger's confidence, its shape and length, gse's
// word and tag, the cues around it, how often the post repeats it) says
// which become mentions. It replaces hand-set rules (a least confidence
// per shape, a veto of the rules' names) by one fit on the annotated
// posts, cross-validated by newsnlp eval --folds.

// Feature is one input of the decision: a name and a value (1 for the
// binary ones).
type Feature struct {
	Name  string
	Value float64
}

// Proposal is a span a source proposes as a person: its place, the
// simplified text, its source (tagger, or the rule's method) and its
// features.
type Proposal struct {
	Start, Stop int
	Text        string
	Source      string
	Features    []Feature
}

// Decision is the fitted logistic model: weights by feature name and the
// least probability a proposal needs.
type Decision struct {
	w   map[string]float64
	Cut float64
	// Gold is the checksum of the annotations it was fitted on.
	Gold string
}

// DefaultCut is the least probability of a proposal that becomes a
// mention.
const DefaultCut = 0.5

// P is the probability the model gives the proposal's being a person.
func (m *Decision) P(fs []Feature) float64 {
	z := 0.0
	for _, f := range fs {
		z += m.w[f.Name] * f.Value
	}
	return 1 / (1 + math.Exp(-z))
}

// Weights returns the number of non-zero weights.
func (m *Decision) Weights() int { return len(m.w) }

// DecisionExample is a proposal with its label.
type DecisionExample struct {
	Features []Feature
	Person   bool
	// Weight is the example's share of the loss (0 counts as 1): the
	// scores count people per post, not mentions, so a post's proposals
	// of one text share one weight.
	Weight float64
}

// DecisionFit sets the fit: L2 penalty, and the least number of examples
// a feature needs to get a weight.
type DecisionFit struct {
	L2       float64
	MinCount int
	Gold     string
	// RegisterWeight is the weight of a proposal in the out-of-register
	// sentences (0 counts as 1), against a gold post's share of one.
	RegisterWeight float64
}

// DefaultDecisionFit are the shipped model's settings (L2 1 against 0.5,
// 2 and 5 by cross-validated people F1 on the gold: 0.923, 0.922, 0.920,
// 0.915; a register sentence's proposal weighs 2, against 1 and 4: people
// CV 0.926, 0.927, 0.923 and the register sentences' cross-validated
// recall 0.816, 0.801, 0.837, at precision 0.95).
var DefaultDecisionFit = DecisionFit{L2: 1, MinCount: 3, RegisterWeight: 2}

// FitDecision fits the model by L-BFGS from zero weights; the same
// examples in the same order give the same weights.
func FitDecision(ex []DecisionExample, o DecisionFit) (*Decision, error) {
	seen := map[string]int{}
	for _, e := range ex {
		for _, f := range e.Features {
			seen[f.Name]++
		}
	}
	var names []string
	for f, n := range seen {
		if n >= o.MinCount || f == "bias" {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	if len(ex) == 0 {
		// Nothing proposed (the tagger off): nothing to decide.
		return &Decision{w: map[string]float64{}, Cut: DefaultCut, Gold: o.Gold}, nil
	}
	idx := map[string]int{}
	for i, f := range names {
		idx[f] = i
	}
	type row struct {
		k    []int
		v    []float64
		y, w float64
	}
	rows := make([]row, 0, len(ex))
	for _, e := range ex {
		var r row
		for _, f := range e.Features {
			if k, ok := idx[f.Name]; ok {
				r.k = append(r.k, k)
				r.v = append(r.v, f.Value)
			}
		}
		if e.Person {
			r.y = 1
		}
		r.w = e.Weight
		if r.w == 0 {
			r.w = 1
		}
		rows = append(rows, r)
	}
	loss := func(w, grad []float64) float64 {
		total := 0.0
		for i := range grad {
			grad[i] = 0
		}
		for i, x := range w {
			if names[i] != "bias" {
				total += o.L2 / 2 * x * x
				if grad != nil {
					grad[i] += o.L2 * x
				}
			}
		}
		for _, r := range rows {
			z := 0.0
			for j, k := range r.k {
				z += w[k] * r.v[j]
			}
			p := 1 / (1 + math.Exp(-z))
			total -= r.w * (r.y*math.Log(max(p, 1e-300)) + (1-r.y)*math.Log(max(1-p, 1e-300)))
			if grad == nil {
				continue
			}
			for j, k := range r.k {
				grad[k] += r.w * (p - r.y) * r.v[j]
			}
		}
		return total
	}
	ws, err := lbfgs.Fit(len(names), loss)
	if err != nil {
		return nil, fmt.Errorf("people decision: fit: %v", err)
	}
	m := &Decision{w: map[string]float64{}, Cut: DefaultCut, Gold: o.Gold}
	for i, f := range names {
		if ws[i] != 0 {
			m.w[f] = ws[i]
		}
	}
	return m, nil
}

const decisionHeader = "# newsnlp people decision v1"

// WriteTo writes the model as ReadDecision reads it: a header, the gold's
// checksum, the cut, then the weights sorted by feature.
func (m *Decision) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	b.WriteString(decisionHeader + ": logistic model over proposed person names.\n")
	b.WriteString("# Made by `newsnlp train people`; features are described in stages/entities/decide.go.\n")
	fmt.Fprintf(&b, "gold\t%s\n", m.Gold)
	fmt.Fprintf(&b, "cut\t%s\n", strconv.FormatFloat(m.Cut, 'g', 6, 64))
	names := make([]string, 0, len(m.w))
	for f := range m.w {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		fmt.Fprintf(&b, "%s\t%s\n", f, strconv.FormatFloat(m.w[f], 'g', 6, 64))
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// ReadDecision reads a model written by WriteTo.
func ReadDecision(r io.Reader) (*Decision, error) {
	m := &Decision{w: map[string]float64{}, Cut: DefaultCut}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if line == 1 && !strings.HasPrefix(t, decisionHeader) {
			return nil, fmt.Errorf("people decision: not a decision model (first line %q)", t)
		}
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		k, v, ok := strings.Cut(t, "\t")
		if !ok {
			return nil, fmt.Errorf("people decision: line %d: no tab", line)
		}
		if k == "gold" {
			m.Gold = v
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("people decision: line %d: bad weight %q", line, v)
		}
		if k == "cut" {
			m.Cut = x
			continue
		}
		m.w[k] = x
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if line == 0 {
		return nil, fmt.Errorf("people decision: empty file")
	}
	return m, nil
}

// Feature names made of two parts are interned: a proposal's features
// then cost no allocation for their names.
var (
	fnameMu    sync.RWMutex
	fnameCache = map[[2]string]string{}
)

func fname(a, b string) string {
	k := [2]string{a, b}
	fnameMu.RLock()
	v, ok := fnameCache[k]
	fnameMu.RUnlock()
	if ok {
		return v
	}
	fnameMu.Lock()
	defer fnameMu.Unlock()
	if v, ok := fnameCache[k]; ok {
		return v
	}
	if len(fnameCache) > 1<<12 {
		return a + b // a bound, whatever tags gse makes up
	}
	v = a + b
	fnameCache[k] = v
	return v
}

var (
	lenNames     = []string{"len=0", "len=1", "len=2", "len=3", "len=4", "len=5", "len=6"}
	wordsNames   = []string{"words=0", "words=1", "words=2", "words=3", "words=4"}
	surnameNames = []string{"surname0", "surname1", "surname2"}
	occNames     = []string{"occ=0", "occ=1", "occ=2", "occ=3"}
)

// proposal describes the span [i, j) of source src ("tagger" or a rule's
// method) whose tagger confidence is conf, for the decision.
func (d *doc) proposal(i, j int, src string, conf float64) Proposal {
	fs := d.fbuf[:0]
	if d.collect != nil {
		fs = make([]Feature, 0, 40) // kept: a buffer of its own
	}
	defer func() {
		if d.collect == nil {
			d.fbuf = fs
		}
	}()
	g := "r"
	switch src {
	case "tagger":
		g = "t"
	case "lexicon":
		g = "l"
	}
	bin := func(name string) { fs = append(fs, Feature{name, 1}) }
	bin("bias")
	bin(fname("src=", src))
	latin := !d.hasHan(i, j)
	conf = min(max(conf, 1e-4), 1-1e-4)
	switch {
	case latin:
		// The tagger reads Chinese characters: its confidence in a
		// Latin-script name (Beto O'Rourke) says nothing either way.
	case conf < 0.1:
		bin(fname(g, ":conf<.1"))
	case conf < 0.3:
		bin(fname(g, ":conf<.3"))
	case conf < 0.5:
		bin(fname(g, ":conf<.5"))
	case conf < 0.7:
		bin(fname(g, ":conf<.7"))
	case conf < 0.9:
		bin(fname(g, ":conf<.9"))
	default:
		bin(fname(g, ":conf>=.9"))
	}
	if !latin {
		fs = append(fs, Feature{fname(g, ":logit"), math.Log(conf / (1 - conf))})
	}
	shape := "other"
	switch d.nameShape(i, j) {
	case shapeFull:
		shape = "full"
		for k := i; k < j; k++ {
			if d.norm[k] == '·' {
				shape = "dotted"
			}
		}
	case shapeShort:
		shape = "short"
	case shapeTrans:
		shape = "trans"
	}
	bin(fname(g, ":shape="+shape))
	bin(fname("shape=", shape))
	if latin {
		bin(fname(g, ":latin"))
	} else {
		bin(lenNames[min(j-i, 6)])
	}
	// gse's words: one word and its tag, or where the span cuts words.
	ts, te, pos := d.token(i)
	p2 := pos
	if len(p2) > 2 {
		p2 = p2[:2]
	}
	switch {
	case ts == i && te == j:
		bin(fname("word=", p2))
	case ts != i:
		bin("cut-start")
	}
	if !d.tokEnd(j) {
		bin("cut-end")
		if _, _, pos := d.token(j - 1); strings.HasPrefix(pos, "nr") {
			bin("cut-end-nr")
		}
	}
	words := 0
	for k := i; k < j; {
		_, e, _ := d.token(k)
		words++
		k = max(e, k+1)
	}
	bin(wordsNames[min(words, 4)])
	// Glued to the next word (王琳琳发).
	if j < len(d.norm) && !d.tokEnd(j) && d.han(j) && !d.covered[j] {
		if s, _, _ := d.token(j - 1); s < i || s >= j {
			bin("glued")
		}
	}
	// The characters: a surname, given-name characters, transliteration.
	if sn := d.surnameAt(i, true); sn > 0 {
		bin(surnameNames[min(sn, 2)])
		given := 0
		for k := i + sn; k < j; k++ {
			if d.g.given.Has(d.norm[k]) {
				given++
			}
		}
		if given == j-i-sn {
			bin("given=all")
		} else if given == 0 {
			bin("given=none")
		}
	}
	trans := 0
	for k := i; k < j; k++ {
		if d.isTrans(k) || d.norm[k] == '·' {
			trans++
		}
	}
	if trans == j-i {
		bin("trans=all")
	}
	if r := at(d.norm, j-1); nameStop.Has(r) || funcChars.Has(r) {
		bin("last=func")
	}
	// A last character that heads organisations (科, 局, 社): a hard veto
	// for the rules' names, a weight for the tagger's (苏博科 is a name).
	if d.orgFinalAt(i, j) {
		bin("org-final")
	}
	// The cues around it. A Latin-script name is often set off from the
	// Chinese around it by spaces (议员 Beto O'Rourke 在内): its cues are
	// read past them.
	ci, cj := i, j
	if latin {
		for ci > 0 && d.norm[ci-1] == ' ' {
			ci--
		}
		for cj < len(d.norm) && d.norm[cj] == ' ' {
			cj++
		}
	}
	if ci > 0 && d.han(ci-1) && d.titleEndsAt(ci) >= 0 {
		bin("title")
	}
	if d.namingEndsAt(ci) {
		bin("naming")
	}
	for k := cj; k <= cj+2 && k < len(d.norm); k++ {
		if d.tokStart(k) && d.verbAfter(k) {
			bin("verb")
			break
		}
		if isPunct(d.norm[k]) {
			break
		}
	}
	if d.propAt(j, propHonorFirst) && d.hasAt(j, honorifics) {
		bin("honorific")
	}
	switch p := at(d.norm, ci-1); {
	case ci == 0 || p == '\n':
		bin("prev=start")
	case p == '、' || p == '和' || p == '与' || p == '及':
		bin("prev=list")
	case p == '《' || p == '“' || p == '「':
		bin("prev=open")
	case isPunct(p):
		bin("prev=punct")
	}
	if d.thingHeadAt(j) {
		bin("thing-head")
	}
	// The same cues read whatever gse's words: a role noun before, a verb
	// of saying at most three characters after, a Latin gloss.
	if d.roleBefore(ci) {
		bin("role-before")
	}
	if d.sayAfter(cj) {
		bin("say-after")
	}
	if d.glossLatinAt(j) {
		bin("gloss-latin")
	}
	switch n := at(d.norm, cj); {
	case n == 0 || n == '\n':
		bin("next=end")
	case n == '、' || n == '等':
		bin("next=list")
	case n == '》' || n == '”' || n == '」':
		bin("next=close")
	case n == '的':
		bin("next=de")
	case isPunct(n):
		bin("next=punct")
	case d.covered[j]:
		bin("next=mention")
	}
	// How the post uses it: repeated, or a part of or a longer form of a
	// name found elsewhere (a boundary error), or its given name alone.
	text := string(d.norm[i:j])
	occ := d.occurrences(text, d.norm[i:j])
	bin(occNames[min(occ&occCount, 3)])
	// A post introduces a name once, with a title or a verb of saying
	// (翻译家郑克鲁), and then repeats it bare (郑克鲁，祖籍广东): the cues
	// at any of its occurrences count for each.
	if occ&occTitle != 0 {
		bin("title-any")
	}
	if occ&occVerb != 0 {
		bin("verb-any")
	}
	// A post that writes the span before a company's or a thing's head
	// elsewhere (安邦集团 … 安邦, 迪士尼乐园 … 迪士尼) names the company or
	// brand by it: one occurrence bare reads as a name, the others do not.
	if occ&occThing != 0 {
		bin("thing-any")
	}
	var same, prefix, extends bool
	first := d.norm[i]
	for _, f := range d.found {
		// Each relation needs the same first character: it is compared
		// first, and turns away most names without a string comparison.
		if d.norm[f.start] != first || f.typ != "person" || f.start == i && f.stop == j {
			continue
		}
		other, span := d.norm[f.start:f.stop], d.norm[i:j]
		switch {
		case runesEqual(other, span):
			same = true
		case len(other) > len(span) && runesEqual(other[:len(span)], span):
			prefix = true
		case len(span) > len(other) && runesEqual(span[:len(other)], other):
			extends = true
		}
	}
	if isCredit(d.credits, text) {
		bin("credit")
	}
	if same {
		bin("found-same")
	}
	if prefix {
		bin("prefix-of-found")
	}
	if extends {
		bin("extends-found")
	}
	return Proposal{Start: i, Stop: j, Text: text, Source: src, Features: fs}
}

// The proposals' cache of a text's occurrences (doc.occ) holds their
// count, at most 3, and whether a title or naming word precedes one or a
// verb of saying follows one.
const (
	occCount = 1<<4 - 1
	occTitle = 1 << 4
	occVerb  = 1 << 5
	occThing = 1 << 6
)

// occurrences returns the count of name's occurrences in the post (up to
// three) and its cues there (occTitle, occVerb, occThing), cached by text.
func (d *doc) occurrences(text string, name []rune) int {
	occ, ok := d.occ[text]
	if !ok {
		if d.occ == nil {
			d.occ = map[string]int{}
		}
		// Only up to three count (occNames): a name the post repeats
		// stops the count early.
		if !d.occIndexed {
			d.occIdx.build(d.norm)
			d.occIndexed = true
		}
		occ = d.occIdx.count(d.norm, name, 3)
		occ |= d.cuesAt(name)
		d.occ[text] = occ
	}
	return occ
}

// maxCueOcc bounds the occurrences cuesAt reads.
const maxCueOcc = 32

// cuesAt returns occTitle, occVerb and occThing for the cues around the
// occurrences of name in the post.
func (d *doc) cuesAt(name []rune) int {
	cues := 0
	d.occIdx.each(d.norm, name, maxCueOcc, func(k int) bool {
		if d.anyHeadAt(k + len(name)) {
			cues |= occThing
		}
		if k > 0 && d.han(k-1) && d.titleEndsAt(k) >= 0 || d.namingEndsAt(k) {
			cues |= occTitle
		}
		for e := k + len(name); e <= k+len(name)+2 && e < len(d.norm); e++ {
			if d.tokStart(e) && d.verbAfter(e) {
				cues |= occVerb
				break
			}
			if isPunct(d.norm[e]) {
				break
			}
		}
		return cues != occTitle|occVerb|occThing
	})
	return cues
}

// thingHeads are words that, right after a name, make it the name of a
// thing named after a person rather than the person: a ship (里根号), a
// company or fund (施罗德投资, 卓悦控股), an institution or a building
// (普瑞特艺术学院, 马哈德机场), a prize (普利策奖), a style or doctrine
// (奥威尔式), a war or a dynasty (拿破仑战争), a law or an effect. They are
// general heads of Chinese proper nouns, not names met in the gold.
var thingHeads = words(
	"号", "舰", "式", "主义", "主义者", "体",
	"投资", "集团", "公司", "控股", "资本", "基金", "银行", "证券", "百货", "酒店", "商场", "股份", "资产", "保险", "品牌", "基金会",
	"大学", "学院", "艺术学院", "中学", "小学", "医院", "研究所", "研究院", "研究中心", "中心", "博物馆", "图书馆", "纪念馆", "纪念堂",
	"机场", "车站", "大桥", "大道", "大街", "广场", "公园", "大厦", "体育场", "球场",
	"奖", "奖章", "勋章", "新闻奖", "文学奖", "奖学金",
	"战争", "王朝", "法案", "定律", "效应", "号航母", "号航空母舰",
)

// thingHeadAt reports a head of thingHeads from j to the end of gse's word
// there (a name may end inside a word gse made: 施罗德/投资 or 施/罗德投资)
// or, of two characters or more, starting that rest (投资管理); a head of
// one character must be the whole rest (号, not 号召).
func (d *doc) thingHeadAt(j int) bool { return d.headAt(j, thingHeads, false) }

// anyHeads are heads that, after a span anywhere in a post, show it names
// a company, a brand or a place of business rather than a person (安邦财险,
// 迪士尼乐园, 安信信托, 瑞幸咖啡, 雅高股价): thingHeads and the words of
// business that follow company names, not names met in the gold.
var anyHeads = append(words(
	"乐园", "信托", "财险", "人寿", "超市", "商城", "门店", "股价", "股票", "市值", "旗下", "平台",
	"账户", "账号", "用户", "咖啡", "珠宝", "黄金", "药业", "科技", "电子", "汽车", "地产", "物业", "航空", "快递",
), thingHeads...)

// anyHeadAt is thingHeadAt over anyHeads, where a head of two characters
// or more may also end a word of gse's past the one at j (雅高/股价 or
// 雅高股/价): a head of one character must be the whole rest of the word.
func (d *doc) anyHeadAt(j int) bool { return d.headAt(j, anyHeads, true) }

// headAt reports a head of heads from j to the end of gse's word there, or
// (two characters or more) inside it, or, with past, to the end of a later
// word; not where gse reads it as a verb taking an object (verbHead).
func (d *doc) headAt(j int, heads wordList, past bool) bool {
	if j >= len(d.norm) || !d.han(j) {
		return false
	}
	_, e, _ := d.token(j)
	for _, w := range heads {
		k := j + len(w)
		if k <= len(d.norm) && (k == e || len(w) >= 2 && (k < e || past && d.tokEnd(k))) && runesEqual(d.norm[j:k], w) && !d.verbHead(j, k) {
			return true
		}
	}
	return false
}

// endsInHead reports a span [i, j) whose last word of gse's is a head of
// anyHeads of two characters or more, after a character of its own
// (瑞幸/咖啡's 幸咖啡, 雅高/股价).
func (d *doc) endsInHead(i, j int) bool {
	for _, w := range anyHeads {
		k := j - len(w)
		if len(w) >= 2 && k > i && d.tokStart(k) && d.tokEnd(j) && runesEqual(d.norm[k:j], w) {
			return true
		}
	}
	return false
}

// verbHead reports a head [j, k) that gse reads as a verb (投资/vn,
// 控股/v, 快递/v) and that takes an object there, a number or an aspect
// particle after it: 张瑞强投资 990 万元 and 投资了 are the verb, while
// 柏瑞投资的基金 and 施罗德投资管理 are the company. gse tags such a word
// the same wherever it stands, so the words after it decide.
func (d *doc) verbHead(j, k int) bool {
	if s, e, pos := d.token(j); s != j || e != k || !strings.HasPrefix(pos, "v") {
		return false
	}
	for k < len(d.norm) && d.norm[k] == ' ' {
		k++
	}
	r := at(d.norm, k)
	return unicode.IsDigit(r) || strings.ContainsRune("〇一二三四五六七八九十两几数了过着", r)
}

// headedLexicon reports a lexicon person that a thing's head follows.
func (d *doc) headedLexicon(f found) bool {
	return f.ent != nil && f.typ == "person" && f.method == "lexicon" && d.thingHeadAt(f.stop)
}

// lexiconHeaded reports a found name for which headedLexicon holds.
func (d *doc) lexiconHeaded() bool {
	for _, f := range d.found {
		if d.headedLexicon(f) {
			return true
		}
	}
	return false
}

// judgeLexicon proposes the lexicon's people that a thing's head follows
// (里根号, 施罗德投资, 奥威尔式): a name the decision gives less than its
// cut is dropped. Other lexicon names are kept unjudged: the gazetteer is
// right 99 times in 100.
func (d *doc) judgeLexicon() {
	kept := d.found[:0]
	for _, f := range d.found {
		if d.headedLexicon(f) {
			p := d.proposal(f.start, f.stop, "lexicon", 0.5)
			if d.collect != nil {
				*d.collect = append(*d.collect, p)
			} else if d.decide.P(p.Features) < d.decide.Cut {
				for k := f.start; k < f.stop; k++ {
					d.covered[k] = false
				}
				d.thing = append(d.thing, [2]int{f.start, f.stop})
				continue
			}
		}
		kept = append(kept, f)
	}
	d.found = kept
}

// overThing reports a span [i, j) that overlaps a lexicon person the
// decision dropped as a thing's name: it was judged already.
func (d *doc) overThing(i, j int) bool {
	for _, t := range d.thing {
		if i < t[1] && t[0] < j {
			return true
		}
	}
	return false
}
