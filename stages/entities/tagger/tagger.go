// Package tagger is a character-level tagger of person names: BIOES labels
// over the characters of a clause, scored by a linear model (an averaged
// perceptron, see Train) and decoded by Viterbi. It knows nothing of
// gazetteers or segmenters: the caller fills an Input with the character
// classes, words and lexicon hits it has, and the tagger turns them into
// hashed features. The model is a plain text file (one feature a line,
// gzip-compressed for embedding), reproduced byte for byte by Train.
package tagger

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Labels: a name's Begin, Inside, End, a Single-character name, Outside.
const (
	B = iota
	I
	E
	S
	O
	nLabels
)

var labelNames = [nLabels]string{"B", "I", "E", "S", "O"}

// Character classes (Input.Class): bits for Han characters, codes for the
// rest. The caller decides which characters are which.
const (
	ClassSurname   byte = 1 << iota // a one-character surname
	ClassSurname2                   // the first character of a two-character surname
	ClassTranslit                   // a character of transliterated foreign names
	ClassGiven                      // a character of Chinese given names
	ClassStop                       // a function word or verb that ends a name
	ClassNonHan    byte = 0x80      // OR one of the codes below
	ClassDigit     byte = ClassNonHan | 1
	ClassUpper     byte = ClassNonHan | 2 // Latin capital
	ClassLower     byte = ClassNonHan | 3
	ClassPunct     byte = ClassNonHan | 4
	ClassDot       byte = ClassNonHan | 5 // the middle dot of foreign names
	ClassSpace     byte = ClassNonHan | 6
	ClassOtherChar byte = ClassNonHan | 7
)

// Lexicon hits (Input.Lex).
const (
	LexNone byte = iota
	LexPersonB
	LexPersonI
	LexPersonE
	LexPersonS
	LexCountry
	LexOutlet
	LexNotPerson // a word listed as never a person (白宫, 阿里巴巴)
)

// Context flags (Input.Ctx): the cues the discovery rules use.
const (
	CtxTitleBefore  byte = 1 << iota // a title or role ends right before the character
	CtxVerbAfter                     // a verb of saying follows within a few characters
	CtxHonorAfter                    // 先生, 女士 … follow the character
	CtxNamingBefore                  // 名叫, 名为 … end right before the character
)

// Input is one clause as the tagger sees it. All slices have len(Runes)
// elements; Tok* are clause-relative bounds of the word covering each
// character (clipped to the clause), POS its part of speech ("" for none).
type Input struct {
	Runes             []rune
	Class             []byte
	TokStart, TokStop []int32
	POS               []string
	Lex               []byte
	Ctx               []byte
}

// Model is a trained tagger, read-only after loading and safe for
// concurrent use.
type Model struct {
	named []namedFeature // the features by name, kept by Train for WriteText
	w     []hashed       // hashed features in the order added (a later one of the same hash wins)
	wts   []float32      // nLabels per feature
	table []entry        // the same, open addressing: one cache line a lookup
	nFeat int            // features of every template
	// The direct templates (see direct): a character's weights at the
	// five offsets, a class's, a lexicon code's, a character pair's at
	// the four offsets. A character or pair without weights has index 0.
	bias  [nLabels]float32
	uni   []int32 // BMP character → index into uniW
	uniHi map[rune]int32
	uniW  [][5][nLabels]float32
	cls   [5][256][nLabels]float32
	lex   [256][nLabels]float32
	pairs map[uint64]int32
	pairW [][4][nLabels]float32
	// pairTab is pairs as scores reads it (see indexPairs).
	pairTab []pairSlot
	trans   [nLabels + 1][nLabels]float32
	// Threshold is the span confidence the model was tuned with (written
	// in the file; the caller may use another).
	Threshold float64
	// Temperature divides the scores before marginals are taken: a
	// perceptron's scores are large, and without it every confidence
	// would be 0 or 1.
	Temperature float64
}

// Span is a name the tagger found: clause-relative [Start, Stop), and the
// least marginal probability of its labels (0–1).
type Span struct {
	Start, Stop int
	Conf        float64
}

// allowed reports whether label b may follow label a (a == nLabels: the
// clause start).
func allowed(a, b int) bool {
	open := a == B || a == I
	if open {
		return b == I || b == E
	}
	return b == B || b == S || b == O
}

func allowedEnd(a int) bool { return a != B && a != I }

// The labels allowed admits, in label order, written out for the chain's
// loops (viterbi, forwardBackward): two or three pairs a label instead of
// asking allowed of all five.
var (
	inName  = []int{B, I}    // the labels I and E follow; B and I are followed by I, E
	outName = []int{E, S, O} // the labels B, S and O follow; E, S and O are followed by B, S, O
	toName  = []int{I, E}
	toOut   = []int{B, S, O}
)

// before returns the labels that l may follow (a label, not the clause
// start).
func before(l int) []int {
	if l == I || l == E {
		return inName
	}
	return outName
}

// after returns the labels that may follow l.
func after(l int) []int {
	if l == B || l == I {
		return toName
	}
	return toOut
}

// featureSink receives the hashed features of one position; with
// recording on (training), also the template and the value's bytes.
type featureSink func(h uint64, tmpl byte, val []byte)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hasher builds one feature's hash: the template id, then the value bytes.
type hasher struct {
	h    uint64
	tmpl byte
	rec  bool
	val  []byte
}

func (x *hasher) start(tmpl byte) {
	x.h = (fnvOffset ^ uint64(tmpl)) * fnvPrime
	x.tmpl = tmpl
	x.val = x.val[:0]
}

func (x *hasher) b(c byte) {
	x.h = (x.h ^ uint64(c)) * fnvPrime
	if x.rec {
		x.val = append(x.val, c)
	}
}

func (x *hasher) r(c rune) {
	var buf [4]byte
	n := utf8.EncodeRune(buf[:], c)
	for _, c := range buf[:n] {
		x.b(c)
	}
}

func (x *hasher) s(s string) {
	for i := 0; i < len(s); i++ {
		x.b(s[i])
	}
}

// templates names the feature templates for the model file; the index is
// the template id.
var templates = []string{
	"bias", "c-2", "c-1", "c0", "c+1", "c+2",
	"c-2c-1", "c-1c0", "c0c+1", "c+1c+2", "c-1c0c+1",
	"k-2", "k-1", "k0", "k+1", "k+2", "k-1k0k+1",
	"tok", "pos", "word", "prev", "next",
	"lex", "lex-1lex+1", "ctx", "c0k-1", "c0ctx",
}

const (
	tBias = iota
	tC
	_
	_
	_
	_
	tBi
	_
	_
	_
	tTri
	tK
	_
	_
	_
	_
	tKKK
	tTok
	tPOS
	tWord
	tPrev
	tNext
	tLex
	tLexLR
	tCtx
	tC0K
	tC0Ctx
)

const pad = rune(0x2402) // outside the clause

func at(in *Input, i int) rune {
	if i < 0 || i >= len(in.Runes) {
		return pad
	}
	return in.Runes[i]
}

func classAt(in *Input, i int) byte {
	if i < 0 || i >= len(in.Runes) {
		return 0xff
	}
	return in.Class[i]
}

func lexAt(in *Input, i int) byte {
	if i < 0 || i >= len(in.Runes) {
		return 0xff
	}
	return in.Lex[i]
}

// features emits the features of position i. The value of each template
// is written byte by byte into the hash: no allocation per feature.
func features(in *Input, i int, h *hasher, sink featureSink) {
	emit := func() { sink(h.h, h.tmpl, h.val) }
	h.start(tBias)
	emit()
	for k := -2; k <= 2; k++ {
		h.start(byte(tC + k + 2))
		h.r(at(in, i+k))
		emit()
		h.start(byte(tK + k + 2))
		h.b(classAt(in, i+k))
		emit()
	}
	for k := -2; k <= 1; k++ {
		h.start(byte(tBi + k + 2))
		h.r(at(in, i+k))
		h.r(at(in, i+k+1))
		emit()
	}
	h.start(tLex)
	h.b(lexAt(in, i))
	emit()
	hashedFeatures(in, i, h, sink)
}

// direct reports the templates that Model.scores reads from arrays indexed
// by character, class or character pair instead of the hashed table.
func direct(tmpl int) bool {
	return tmpl == tBias || tmpl >= tC && tmpl < tC+5 || tmpl >= tK && tmpl < tK+5 || tmpl >= tBi && tmpl < tBi+4 || tmpl == tLex
}

// hashedFeatures emits the features of position i that are not direct.
func hashedFeatures(in *Input, i int, h *hasher, sink featureSink) {
	emit := func() { sink(h.h, h.tmpl, h.val) }
	h.start(tTri)
	h.r(at(in, i-1))
	h.r(at(in, i))
	h.r(at(in, i+1))
	emit()
	h.start(tKKK)
	h.b(classAt(in, i-1))
	h.b(classAt(in, i))
	h.b(classAt(in, i+1))
	emit()
	s, e := int(in.TokStart[i]), int(in.TokStop[i])
	tp := tokPos(i, s, e)
	h.start(tTok)
	h.b(tp)
	h.b(byte(min(e-s, 5)))
	emit()
	if p := in.POS[i]; p != "" {
		h.start(tPOS)
		h.b(tp)
		h.s(p)
		emit()
	}
	if e-s >= 2 && e-s <= 6 {
		h.start(tWord)
		h.b(tp)
		for _, c := range in.Runes[s:e] {
			h.r(c)
		}
		emit()
	}
	if i == s && s > 0 {
		ps := int(in.TokStart[s-1])
		if s-ps <= 6 {
			h.start(tPrev)
			for _, c := range in.Runes[ps:s] {
				h.r(c)
			}
			emit()
		}
	}
	if i == e-1 && e < len(in.Runes) {
		ne := int(in.TokStop[e])
		if ne-e <= 6 {
			h.start(tNext)
			for _, c := range in.Runes[e:ne] {
				h.r(c)
			}
			emit()
		}
	}
	h.start(tLexLR)
	h.b(lexAt(in, i-1))
	h.b(lexAt(in, i+1))
	emit()
	h.start(tCtx)
	h.b(in.Ctx[i])
	if i > 0 {
		h.b(in.Ctx[i-1])
	}
	emit()
	h.start(tC0K)
	h.r(at(in, i))
	h.b(classAt(in, i-1))
	emit()
	if in.Ctx[i] != 0 {
		h.start(tC0Ctx)
		h.r(at(in, i))
		h.b(in.Ctx[i])
		emit()
	}
}

// tokPos is the position of i in its word: 0 single, 1 first, 2 middle,
// 3 last.
func tokPos(i, s, e int) byte {
	switch {
	case e-s <= 1:
		return 0
	case i == s:
		return 1
	case i == e-1:
		return 3
	}
	return 2
}

// scorer adds up a position's weights. Its add method is the sink of
// features, made once per clause: it only keeps the hashes, and sum looks
// them all up at once, in the order added.
type scorer struct {
	m   *Model
	acc [nLabels]float32
	hs  [maxHashed]uint64
	n   int
}

// maxHashed bounds the hashed features of one position (hashedFeatures
// emits at most 11).
const maxHashed = 16

func (s *scorer) add(h uint64, _ byte, _ []byte) {
	if s.n < len(s.hs) {
		s.hs[s.n] = h
		s.n++
	}
}

// sum adds the weights of the hashes kept by add to acc, in the order
// they were added (float sums depend on it), and forgets them. Most
// lookups miss the cache: the first slot of every hash is read in one
// pass, whose loads do not wait for each other, before the probing.
func (s *scorer) sum() {
	t := s.m.table
	n := s.n
	s.n = 0
	if len(t) == 0 {
		return
	}
	mask := uint64(len(t) - 1)
	var first [maxHashed]uint64
	for j, h := range s.hs[:n] {
		first[j] = t[(h^h>>29)&mask].key
	}
	for j, h := range s.hs[:n] {
		if first[j] == 0 {
			continue
		}
		for k := (h ^ h>>29) & mask; ; k = (k + 1) & mask {
			e := &t[k]
			if e.key == h {
				addW(&s.acc, &e.w)
				break
			}
			if e.key == 0 {
				break
			}
		}
	}
}

// entry is a feature of the open-addressing table; key 0 is empty (a
// feature hashing to 0 is dropped: one in 2^64).
type entry struct {
	key uint64
	w   [nLabels]float32
}

// buildTable makes the lookup table from w and wts.
func (m *Model) buildTable() {
	// A slice sorted rather than a map: loading adds half a million
	// features, and the table wants them in a fixed order anyway.
	slices.SortStableFunc(m.w, func(a, b hashed) int { return cmp.Compare(a.h, b.h) })
	uniq := m.w[:0]
	for _, f := range m.w {
		if n := len(uniq); n > 0 && uniq[n-1].h == f.h {
			uniq[n-1] = f
			continue
		}
		uniq = append(uniq, f)
	}
	m.w = uniq
	n := 1
	for n < 2*len(m.w) {
		n <<= 1
	}
	m.indexPairs()
	m.table = make([]entry, n)
	mask := uint64(n - 1)
	for _, f := range m.w {
		h := f.h
		if h == 0 {
			continue
		}
		k := (h ^ h>>29) & mask
		for m.table[k].key != 0 {
			k = (k + 1) & mask
		}
		i := int(f.i)
		m.table[k].key = h
		copy(m.table[k].w[:], m.wts[i*nLabels:i*nLabels+nLabels])
	}
}

// hashed is a feature of the hashed table: its hash and its index into
// the weights.
type hashed struct {
	h uint64
	i int32
}

// scores fills sc[i-from][l] with the emission score of label l at i, for
// i in [from, to): the sum of the weights of the features of i (see
// features), the direct ones read from arrays, the rest from the hashed
// table. The direct templates are four in five of a position's features;
// an array read instead of a hashed lookup, mostly a cache miss in the
// large table, is most of the tagger's speed.
func (m *Model) scores(in *Input, from, to int, sc [][nLabels]float32) {
	var hs hasher
	s := &scorer{m: m}
	sink := s.add
	// The pairs of characters starting at from-2 … to: each is read at four
	// offsets.
	var buf [64]int32
	pairs := buf[:0]
	for p := from - 2; p <= to; p++ {
		pairs = append(pairs, m.pairIndex(at(in, p), at(in, p+1)))
	}
	// Likewise the characters from-2 … to+1, each read at five offsets.
	var ubuf [64]int32
	uni := ubuf[:0]
	for p := from - 2; p < to+2; p++ {
		uni = append(uni, m.uniIndex(at(in, p)))
	}
	for i := from; i < to; i++ {
		s.acc = m.bias
		for k := range 5 {
			if x := uni[i+k-from]; x != 0 {
				addW(&s.acc, &m.uniW[x][k])
			}
			addW(&s.acc, &m.cls[k][classAt(in, i+k-2)])
		}
		for k := range 4 {
			if x := pairs[i+k-from]; x != 0 {
				addW(&s.acc, &m.pairW[x][k])
			}
		}
		addW(&s.acc, &m.lex[lexAt(in, i)])
		hashedFeatures(in, i, &hs, sink)
		s.sum()
		sc[i-from] = s.acc
	}
}

func addW(acc, w *[nLabels]float32) {
	for l := range nLabels {
		acc[l] += w[l]
	}
}

// valid is the rune a feature's value holds for r: the hasher writes an
// invalid rune as U+FFFD.
func valid(r rune) rune {
	if !utf8.ValidRune(r) {
		return utf8.RuneError
	}
	return r
}

func (m *Model) uniIndex(r rune) int32 {
	r = valid(r)
	if r < 0x10000 {
		if m.uni == nil {
			return 0
		}
		return m.uni[r]
	}
	return m.uniHi[r]
}

func (m *Model) pairIndex(a, b rune) int32 {
	t := m.pairTab
	if len(t) == 0 {
		return 0
	}
	k := (uint64(valid(a))<<32 | uint64(valid(b))) + 1
	mask := uint64(len(t) - 1)
	for p := pairHash(k) & mask; ; p = (p + 1) & mask {
		switch t[p].key {
		case k:
			return t[p].x
		case 0:
			return 0
		}
	}
}

// pairSlot is a slot of pairTab: a pair's key plus one (0 is empty) and
// its index into pairW.
type pairSlot struct {
	key uint64
	x   int32
}

func pairHash(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> 32 }

// indexPairs builds pairTab from pairs, once a model is loaded: open
// addressing at most half full, one cache line a lookup where the map
// took two and a hash of the key. The pairs go in by index, so that a
// model has one table however it was loaded.
func (m *Model) indexPairs() {
	if len(m.pairs) == 0 {
		m.pairTab = nil
		return
	}
	n := 1
	for n < 2*len(m.pairs) {
		n <<= 1
	}
	byIndex := make([]uint64, len(m.pairW))
	for k, x := range m.pairs {
		byIndex[x] = k + 1
	}
	t := make([]pairSlot, n)
	mask := uint64(n - 1)
	for x, k := range byIndex {
		if k == 0 {
			continue
		}
		p := pairHash(k) & mask
		for t[p].key != 0 {
			p = (p + 1) & mask
		}
		t[p] = pairSlot{k, int32(x)}
	}
	m.pairTab = t
}

// add puts a feature's weights where scores reads them: the direct
// templates in their arrays, the rest under their hash (w, wts; the table
// is built by buildTable once all are added).
func (m *Model) add(tmpl int, value string, w [nLabels]float32) {
	m.nFeat++
	if direct(tmpl) {
		rs := []rune(value)
		switch {
		case tmpl == tBias:
			m.bias = w
			return
		case tmpl >= tC && tmpl < tC+5 && len(rs) == 1:
			x := m.uniIndex(rs[0])
			if x == 0 {
				if len(m.uniW) == 0 {
					m.uniW = make([][5][nLabels]float32, 1)
				}
				x = int32(len(m.uniW))
				m.uniW = append(m.uniW, [5][nLabels]float32{})
				if rs[0] < 0x10000 {
					if m.uni == nil {
						m.uni = make([]int32, 0x10000)
					}
					m.uni[rs[0]] = x
				} else {
					if m.uniHi == nil {
						m.uniHi = map[rune]int32{}
					}
					m.uniHi[rs[0]] = x
				}
			}
			m.uniW[x][tmpl-tC] = w
			return
		case tmpl >= tK && tmpl < tK+5 && len(value) == 1:
			m.cls[tmpl-tK][value[0]] = w
			return
		case tmpl == tLex && len(value) == 1:
			m.lex[value[0]] = w
			return
		case tmpl >= tBi && tmpl < tBi+4 && len(rs) == 2:
			if m.pairs == nil {
				m.pairs = map[uint64]int32{}
				m.pairW = make([][4][nLabels]float32, 1)
			}
			k := uint64(rs[0])<<32 | uint64(rs[1])
			x := m.pairs[k]
			if x == 0 {
				x = int32(len(m.pairW))
				m.pairs[k] = x
				m.pairW = append(m.pairW, [4][nLabels]float32{})
			}
			m.pairW[x][tmpl-tBi] = w
			return
		}
		// A value no position can have (a file written by hand): kept
		// where it does no harm.
	}
	m.w = append(m.w, hashed{hashOf(tmpl, value), int32(len(m.wts) / nLabels)})
	m.wts = append(m.wts, w[:]...)
}

// Tag returns the names of the clause. Each span's confidence is the least
// marginal probability of its labels, the scores read as a linear-chain
// CRF's potentials.
func (m *Model) Tag(in *Input) []Span { return m.Analyze(in).Spans }

// Result is a tagged clause: the names found, and what gives the
// marginal probability of every label, to score other sources' spans.
// The probabilities are taken when Conf asks for them: it reads the
// positions of a few spans, not five exponentials at every position.
type Result struct {
	Spans []Span
	// The forward and backward log sums of forwardBackward, and the log
	// of the sum over every sequence.
	alpha, beta [][nLabels]float64
	z           float64
}

// marg is the marginal probability of label l at i.
func (r *Result) marg(i, l int) float64 {
	// A disallowed label's probability, math.Exp(-Inf), is 0.
	if v := r.alpha[i][l] + r.beta[i][l] - r.z; !math.IsInf(v, -1) {
		return math.Exp(v)
	}
	return 0
}

// Conf returns the tagger's confidence that [s, e) is a name: the least
// marginal probability of the labels that make it one.
func (r *Result) Conf(s, e int) float64 {
	if s < 0 || e > len(r.alpha) || e <= s {
		return 0
	}
	if e-s == 1 {
		return r.marg(s, S)
	}
	c := math.Min(r.marg(s, B), r.marg(e-1, E))
	for i := s + 1; i < e-1; i++ {
		c = math.Min(c, r.marg(i, I))
	}
	return c
}

// Analyze tags the clause.
func (m *Model) Analyze(in *Input) *Result { return m.AnalyzeRange(in, 0, len(in.Runes), true) }

// AnalyzeRange tags the characters [from, to) of the clause as a chain of
// their own (the features still read the characters around them); the
// result's offsets are relative to from. Tagging only the stretches
// around possible names is what keeps the tagger cheap. Without all, the
// marginals (for Conf) are only computed when a name was found.
func (m *Model) AnalyzeRange(in *Input, from, to int, all bool) *Result {
	r := m.AnalyzeRangeWith(in, from, to, all, new(Scratch))
	// The result must outlive the scratch: its slices are the scratch's.
	c := *r
	return &c
}

// Scratch holds the buffers of AnalyzeRangeWith, reused from call to
// call. One goroutine uses a Scratch at a time; the zero value is ready.
type Scratch struct {
	sc     [][nLabels]float32
	delta  [][nLabels]float32
	back   [][nLabels]int8
	labels []int
	alpha  [][nLabels]float64
	beta   [][nLabels]float64
	res    Result
}

// AnalyzeRangeWith is AnalyzeRange with the buffers of s: the result is
// s's and holds until the next call with s.
func (m *Model) AnalyzeRangeWith(in *Input, from, to int, all bool, s *Scratch) *Result {
	r := &s.res
	r.Spans, r.alpha, r.beta = r.Spans[:0], nil, nil
	from, to = max(from, 0), min(to, len(in.Runes))
	n := to - from
	if n <= 0 {
		return r
	}
	s.sc = grow(s.sc, n)
	sc := s.sc
	m.scores(in, from, to, sc)
	labels := viterbi(sc, &m.trans, s)
	if !all && !slices.ContainsFunc(labels, func(l int) bool { return l != O }) {
		return r
	}
	t := float32(1)
	if m.Temperature > 0 {
		t = float32(m.Temperature)
	}
	// The scores divided by the temperature, in place: viterbi was their
	// last reader.
	for i := range sc {
		for l := range nLabels {
			sc[i][l] /= t
		}
	}
	var ttr [nLabels + 1][nLabels]float32
	for a := range ttr {
		for b := range ttr[a] {
			ttr[a][b] = m.trans[a][b] / t
		}
	}
	r.alpha, r.beta, r.z = forwardBackward(sc, &ttr, s)
	for i := 0; i < n; i++ {
		switch labels[i] {
		case S:
			r.Spans = append(r.Spans, Span{Start: i, Stop: i + 1, Conf: r.Conf(i, i+1)})
		case B:
			j := i + 1
			for j < n && labels[j] == I {
				j++
			}
			if j < n && labels[j] == E {
				r.Spans = append(r.Spans, Span{Start: i, Stop: j + 1, Conf: r.Conf(i, j+1)})
			}
			i = j
		}
	}
	return r
}

// grow returns s with length n, reallocated only when too small; the
// elements are not cleared.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, max(n, 2*cap(s)))
	}
	return s[:n]
}

// viterbi returns the best label sequence that the BIES scheme allows, in
// s's buffer.
func viterbi(sc [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, s *Scratch) []int {
	n := len(sc)
	neg := float32(math.Inf(-1))
	s.delta, s.back = grow(s.delta, n), grow(s.back, n)
	delta, back := s.delta, s.back
	for l := range nLabels {
		delta[0][l] = neg
		if allowed(nLabels, l) {
			delta[0][l] = trans[nLabels][l] + sc[0][l]
		}
	}
	back[0] = [nLabels]int8{}
	for i := 1; i < n; i++ {
		prev := &delta[i-1]
		for l := range nLabels {
			best, arg := neg, int8(0)
			for _, p := range before(l) {
				if prev[p] == neg {
					continue
				}
				if v := prev[p] + trans[p][l]; v > best {
					best, arg = v, int8(p)
				}
			}
			delta[i][l] = best + sc[i][l]
			if best == neg {
				delta[i][l] = neg
			}
			back[i][l] = arg
		}
	}
	best, arg := neg, O
	for l := range nLabels {
		if allowedEnd(l) && delta[n-1][l] > best {
			best, arg = delta[n-1][l], l
		}
	}
	s.labels = grow(s.labels, n)
	out := s.labels
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
	return out
}

// forwardBackward runs forward-backward in log space over the allowed
// sequences: the forward and backward sums of each position and label,
// and the log of the sum over every sequence (Result.marg).
func forwardBackward(sc [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, s *Scratch) (alpha, beta [][nLabels]float64, z float64) {
	n := len(sc)
	negInf := math.Inf(-1)
	s.alpha, s.beta = grow(s.alpha, n), grow(s.beta, n)
	alpha, beta = s.alpha, s.beta
	for l := range nLabels {
		alpha[0][l] = negInf
		if allowed(nLabels, l) {
			alpha[0][l] = float64(trans[nLabels][l] + sc[0][l])
		}
	}
	var tmp [nLabels]float64
	for i := 1; i < n; i++ {
		prev := &alpha[i-1]
		for l := range nLabels {
			ps := before(l)
			for k, p := range ps {
				tmp[k] = prev[p] + float64(trans[p][l])
			}
			alpha[i][l] = logSumExp(tmp[:len(ps)]) + float64(sc[i][l])
		}
	}
	for l := range nLabels {
		beta[n-1][l] = negInf
		if allowedEnd(l) {
			beta[n-1][l] = 0
		}
	}
	for i := n - 2; i >= 0; i-- {
		next, nsc := &beta[i+1], &sc[i+1]
		for l := range nLabels {
			nxs := after(l)
			for k, nx := range nxs {
				tmp[k] = float64(trans[l][nx]+nsc[nx]) + next[nx]
			}
			beta[i][l] = logSumExp(tmp[:len(nxs)])
		}
	}
	for l := range nLabels {
		if !allowedEnd(l) {
			tmp[l] = negInf
		} else {
			tmp[l] = alpha[n-1][l]
		}
	}
	return alpha, beta, logSumExp(tmp[:])
}

func logSumExp(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = math.Max(m, x)
	}
	if math.IsInf(m, -1) {
		return m
	}
	if math.IsInf(m, 1) {
		return logSumExpRef(xs, m)
	}
	// The terms whose exponential is known are not computed: the largest
	// is math.Exp(0), exactly 1, and a disallowed label's, math.Exp(-Inf),
	// exactly 0. The sum is the same, bit for bit.
	s := 0.0
	for _, x := range xs {
		switch {
		case x == m:
			s++
		case math.IsInf(x, -1):
		default:
			s += math.Exp(x - m)
		}
	}
	return m + math.Log(s)
}

// logSumExpRef is logSumExp term by term, for a largest term m.
func logSumExpRef(xs []float64, m float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += math.Exp(x - m)
	}
	return m + math.Log(s)
}

// The model file: a header line, a threshold line, the transition
// weights, then one line per feature: template, value (Go-quoted), five
// weights (B I E S O). Features are keyed by their hash, so the value is
// for readers; the file is read back by hashing template and value again.
const header = "# newsnlp person-name tagger v1: BIOES over characters, averaged perceptron"

// WriteText writes a model made by Train in its text form.
func (m *Model) WriteText(w io.Writer) error {
	if m.named == nil {
		return errors.New("tagger: only a trained model can be written")
	}
	feats := m.named
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, header)
	fmt.Fprintf(bw, "threshold\t%s\n", fmtW(float32(m.Threshold)))
	if m.Temperature > 0 {
		fmt.Fprintf(bw, "temperature\t%s\n", fmtW(float32(m.Temperature)))
	}
	for a := 0; a <= nLabels; a++ {
		name := "^"
		if a < nLabels {
			name = labelNames[a]
		}
		fmt.Fprintf(bw, "trans\t%s", name)
		for b := range nLabels {
			fmt.Fprintf(bw, "\t%s", fmtW(m.trans[a][b]))
		}
		fmt.Fprintln(bw)
	}
	for _, f := range feats {
		fmt.Fprintf(bw, "%s\t%s", templates[f.tmpl], strconv.Quote(f.value))
		for _, x := range f.w {
			fmt.Fprintf(bw, "\t%s", fmtW(x))
		}
		fmt.Fprintln(bw)
	}
	return bw.Flush()
}

func parseW(s string) (float32, error) {
	v, err := strconv.ParseFloat(s, 32)
	return float32(v), err
}

func fmtW(x float32) string {
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(float64(x), 'g', 4, 32)
}

type namedFeature struct {
	tmpl  int
	value string
	w     [nLabels]float32
}

// hashOf hashes a feature from its template and value as features does.
func hashOf(tmpl int, value string) uint64 {
	var h hasher
	h.start(byte(tmpl))
	h.s(value)
	return h.h
}

// Read reads a model written by Train (plain or gzip-compressed text).
func Read(r io.Reader) (*Model, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(2); err == nil && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	tmplID := map[string]int{}
	for i, t := range templates {
		tmplID[t] = i
	}
	m := &Model{}
	var fields [2 + nLabels + 1]string
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if line == 1 {
			if s != header {
				return nil, errors.New("tagger: not a name-tagger model")
			}
			continue
		}
		f := splitTabs(s, &fields)
		bad := func() error { return fmt.Errorf("tagger: model line %d: malformed", line) }
		switch f[0] {
		case "threshold", "temperature":
			if len(f) != 2 {
				return nil, bad()
			}
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil || v < 0 {
				return nil, bad()
			}
			if f[0] == "threshold" {
				m.Threshold = v
			} else {
				m.Temperature = v
			}
			continue
		case "trans":
			if len(f) != 2+nLabels {
				return nil, bad()
			}
			a := nLabels
			for k, n := range labelNames {
				if n == f[1] {
					a = k
				}
			}
			for b := range nLabels {
				v, err := strconv.ParseFloat(f[2+b], 32)
				if err != nil {
					return nil, bad()
				}
				m.trans[a][b] = float32(v)
			}
			continue
		}
		if len(f) != 2+nLabels {
			return nil, bad()
		}
		t, ok := tmplID[f[0]]
		if !ok {
			return nil, bad()
		}
		v, err := unquote(f[1])
		if err != nil {
			return nil, bad()
		}
		var w [nLabels]float32
		for b := range nLabels {
			x, err := strconv.ParseFloat(f[2+b], 32)
			if err != nil {
				return nil, bad()
			}
			w[b] = float32(x)
		}
		m.add(t, v, w)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if line == 0 {
		return nil, errors.New("tagger: empty model")
	}
	m.buildTable()
	return m, nil
}

// splitTabs splits a model line at its tabs into buf, without allocating;
// a line of more fields than buf holds gives one field more than any
// valid line has, the rest left in it.
func splitTabs(s string, buf *[2 + nLabels + 1]string) []string {
	n := 0
	for n < len(buf)-1 {
		before, after, found := strings.Cut(s, "\t")
		buf[n] = before
		n++
		if !found {
			return buf[:n]
		}
		s = after
	}
	buf[n] = s
	return buf[:n+1]
}

// unquote is strconv.Unquote with a fast path for the values without
// escapes, most of a model's.
func unquote(s string) (string, error) {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' && !strings.ContainsAny(s[1:len(s)-1], "\\\"") && utf8.ValidString(s) {
		return s[1 : len(s)-1], nil
	}
	return strconv.Unquote(s)
}

// Features returns the number of features of the model.
func (m *Model) Features() int { return m.nFeat }

// sortFeatures orders features by template and value: the file's order.
func sortFeatures(fs []namedFeature) {
	sort.Slice(fs, func(a, b int) bool {
		if fs[a].tmpl != fs[b].tmpl {
			return fs[a].tmpl < fs[b].tmpl
		}
		return fs[a].value < fs[b].value
	})
}
