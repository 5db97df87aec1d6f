// Package keywords is the keyword stage: it scores the terms of each post's
// body by TF-IDF and by TextRank, and fingerprints the body for
// near-duplicate detection.
//
// Terms are the content words of the segmenter (nouns, proper nouns, verbal
// nouns, abbreviations, Latin words), with stop words, numbers and single
// characters removed; political terms of models/lexicon/terms.txt are single
// words of the segmenter's dictionary (一国两制, 香港国安法); a word the entity
// stage links to a person, country or outlet becomes the entity's canonical
// name, so that 川普 and 特朗普 count as one term. The title is left out:
// keywords say what the body is about, and the title stays a check on them.
//
// Document frequencies come from a background model: jieba's IDF table, as
// gse ships it, or a model built from an archive (newsnlp idf build), loaded
// with --idf. TextRank ranks a co-occurrence graph of the terms (window of
// five) with gonum's PageRank.
package keywords

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/lexicon"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/internal/sigfig"
)

// Stage is the keyword stage. It is safe for concurrent use.
type Stage struct {
	idf  *IDF
	stop map[string]bool
	topN int
	// byWord is idf's weight of each dictionary word, by the word id of
	// its tokens (pipeline.Token.Word): an array read where a lookup by
	// text hashed the term. Empty without Options.Words.
	byWord []float32
	// stopWord has bit id set for each stop word that is a dictionary
	// word: a bit set stays in cache where an array of bools did not.
	stopWord []uint64
}

// Words numbers the segmenter's dictionary words as its tokens do
// (segment.Segmenter).
type Words interface {
	WordID(word string) uint32 // 0 for no word of the dictionary
	NumWords() int             // bound on the ids
}

// Options configure the stage.
type Options struct {
	IDF  *IDF // document frequencies; nil means the embedded background model
	TopN int  // keywords per method and post; 0 means 10
	// Words, when set, numbers the words that the tokens' ids refer to:
	// weights are then read by id. nil: by text, as for terms that are
	// no dictionary words.
	Words Words
}

// New builds the stage.
func New(opt Options) (*Stage, error) {
	s := &Stage{idf: opt.IDF, stop: map[string]bool{}, topN: opt.TopN}
	if s.idf == nil {
		var err error
		if s.idf, err = Background(); err != nil {
			return nil, err
		}
	}
	if s.topN <= 0 {
		s.topN = 10
	}
	for _, w := range lexicon.Stopwords() {
		s.stop[w] = true
	}
	if opt.Words != nil && opt.Words.NumWords() > 0 {
		s.byWord = s.idf.byWord(opt.Words)
		s.stopWord = make([]uint64, (len(s.byWord)+63)/64)
		for w := range s.stop {
			if id := opt.Words.WordID(w); id != 0 && int(id) < len(s.byWord) {
				s.stopWord[id/64] |= 1 << (id % 64)
			}
		}
	}
	return s, nil
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "keywords" }

// Process implements pipeline.Stage: it sets d.Keywords, d.TermWords and
// d.SimHash. It needs the segment stage's Norm and Tokens and uses the
// entity stage's Mentions.
func (s *Stage) Process(_ context.Context, d *pipeline.Doc) error {
	if d.Post == nil {
		return nil
	}
	sv := solvers.Get().(*solver)
	defer sv.put()
	terms, words := s.appendTerms(sv.terms[:0], sv.words[:0], d)
	sv.terms, sv.words = terms, words
	// One index of the distinct terms serves the counts, TF-IDF and
	// TextRank: each term is looked up once per occurrence, not three
	// times.
	ix := s.indexTerms(terms, words, sv)
	// The counts, before rank reorders the nodes.
	tw := make([]pipeline.TermWord, len(ix.nodes))
	for i, nd := range ix.nodes {
		tw[i] = pipeline.TermWord{Term: nd.term, Count: int32(nd.freq), Word: nd.word}
	}
	d.TermWords = tw
	kw := s.tfidf(ix.nodes)
	d.Keywords = append(kw, s.rank(terms, ix, sv)...)
	d.SimHash = simHash(bodyText(d))
	return nil
}

// termIndex numbers the distinct terms of a post in order of first
// occurrence, with their counts.
type termIndex struct {
	nodes []termNode
	occ   []int32 // the number of each occurrence's term
}

type termNode struct {
	term        string
	freq, first int
	k           int32  // the term's number (nodes may be reordered)
	word        uint32 // its word id (pipeline.Token.Word), 0 for none
}

// indexTerms indexes terms, whose word ids are words (nil: none), in
// sv's buffers: a term's node carries the word id of its first
// occurrence. The map by text is the solver's, emptied between posts
// rather than made for each (a post's few hundred terms keep it small and
// in cache; an array by word id as long as the dictionary missed the
// cache more often, and an entity's name, which comes as text, had to be
// looked up in the dictionary to be counted with its word).
func (s *Stage) indexTerms(terms []string, words []uint32, sv *solver) termIndex {
	ix := termIndex{nodes: sv.nodes[:0], occ: sv.occ[:0]}
	if sv.byText == nil {
		sv.byText = make(map[string]int32, len(terms)/2)
	}
	for i, t := range terms {
		k, ok := sv.byText[t]
		if !ok {
			k = int32(len(ix.nodes))
			sv.byText[t] = k
			nd := termNode{term: t, first: i, k: k}
			if words != nil {
				nd.word = words[i]
			}
			ix.nodes = append(ix.nodes, nd)
		}
		ix.nodes[k].freq++
		ix.occ = append(ix.occ, k)
	}
	sv.nodes, sv.occ = ix.nodes, ix.occ
	return ix
}

// TitleTerms returns the content terms of the title, as Terms reads the
// body: the yardstick of keyword evaluation.
func (s *Stage) TitleTerms(d *pipeline.Doc) []string {
	end := bodyStart(d)
	if end == 0 {
		return nil
	}
	title := *d
	title.Post = &pipeline.Post{Text: d.Post.Text}
	var toks []pipeline.Token
	for _, t := range d.Tokens {
		if int(t.Stop) <= end {
			toks = append(toks, t)
		}
	}
	title.Tokens = toks
	return s.Terms(&title)
}

// bodyStart returns the code point where the body begins (after the title
// line).
func bodyStart(d *pipeline.Doc) int {
	for _, sp := range d.Post.Spans {
		if sp.Kind == "title" {
			return sp.Stop
		}
	}
	return 0
}

// bodyText returns the normalised text after the title line.
func bodyText(d *pipeline.Doc) string {
	norm := d.Norm
	if norm == "" {
		norm = d.Post.Text
	}
	var c cursor
	c.s = norm
	c.seek(bodyStart(d))
	return norm[c.b:]
}

// cursor turns increasing code point offsets into byte offsets of s
// without converting s to runes: a post's tokens come in text order.
type cursor struct {
	s    string
	b, r int // byte and code point offset of the position
}

// seek moves to code point r (back to the start first if r lies behind)
// and reports whether s has that many code points.
func (c *cursor) seek(r int) bool {
	if r < c.r {
		c.b, c.r = 0, 0
	}
	for c.r < r {
		if c.b >= len(c.s) {
			return false
		}
		if c.s[c.b] < utf8.RuneSelf {
			c.b++
		} else {
			_, n := utf8.DecodeRuneInString(c.s[c.b:])
			c.b += n
		}
		c.r++
	}
	return true
}

// contentPOS are the parts of speech of candidate terms.
func contentPOS(pos string) bool {
	return pos != "" && pos[0] == 'n' || pos == "vn" || pos == "j" || pos == "eng" || pos == "x"
}

// Terms returns the content terms of the body in text order.
func (s *Stage) Terms(d *pipeline.Doc) []string {
	out, _ := s.appendTerms(nil, nil, d)
	return out
}

// appendTerms appends the content terms of the body to out and their word
// ids to words (0 for a term that is no token's word, an entity's name).
func (s *Stage) appendTerms(out []string, words []uint32, d *pipeline.Doc) ([]string, []uint32) {
	norm := d.Norm
	if norm == "" {
		norm = d.Post.Text
	}
	from := bodyStart(d)
	// Entity mentions, by start, to name the words they cover: the last
	// one starting at a word's start. Mentions come in text order and so
	// do tokens, so one walk through both finds them; a map serves
	// mentions out of order.
	ms := d.Mentions
	var ment map[int]pipeline.Mention
	if !slices.IsSortedFunc(ms, func(a, b pipeline.Mention) int { return a.Start - b.Start }) {
		ment = make(map[int]pipeline.Mention, len(ms))
		for _, m := range ms {
			ment[m.Start] = m
		}
	}
	mentionAt := func(start int, mi *int) (pipeline.Mention, bool) {
		if ment != nil {
			m, ok := ment[start]
			return m, ok
		}
		if *mi > 0 && *mi <= len(ms) && ms[*mi-1].Start >= start {
			*mi = 0 // tokens out of order: walk again
		}
		for *mi < len(ms) && ms[*mi].Start < start {
			*mi++
		}
		j := *mi
		if j == len(ms) || ms[j].Start != start {
			return pipeline.Mention{}, false
		}
		for j+1 < len(ms) && ms[j+1].Start == start {
			j++
		}
		return ms[j], true
	}
	mi := 0
	skipTo := 0
	c := cursor{s: norm}
	for _, t := range d.Tokens {
		start, stop := int(t.Start), int(t.Stop)
		if start < from || start < skipTo {
			continue
		}
		if m, ok := mentionAt(start, &mi); ok && m.Type != "country" {
			if !c.seek(stop) {
				continue
			}
			// People and outlets by their canonical name; a compound's
			// country characters are no terms.
			out = append(out, m.Name)
			words = append(words, 0)
			skipTo = m.Stop
			continue
		}
		if !contentPOS(t.POS) {
			continue // before finding the text: most tokens stop here
		}
		if !c.seek(start) {
			continue
		}
		b := c.b
		if !c.seek(stop) {
			continue
		}
		// A substring of the text: no copy.
		w := norm[b:c.b]
		if !s.goodTerm(w, t.Word) {
			continue
		}
		if t.POS == "x" && !isLatinWord(w) {
			continue
		}
		out = append(out, w)
		words = append(words, t.Word)
	}
	return out, words
}

func isLatinWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	for _, c := range w {
		if !(c < 0x80 && unicode.IsLetter(c)) {
			return false
		}
	}
	return true
}

// goodTerm rejects stop words, numbers, single characters and punctuation.
// id is w's word id (0 for none): a stop word that is a dictionary word
// is known by it without hashing w.
func (s *Stage) goodTerm(w string, id uint32) bool {
	n, letters := 0, 0
	for _, c := range w {
		n++
		// The common ideographs are all letters: no search of
		// unicode.IsLetter's table for them.
		if c >= 0x4e00 && c <= 0x9fff || unicode.IsLetter(c) {
			letters++
		}
	}
	// The stop words last: most words that fail, fail before the lookup.
	if n < 2 || letters != n {
		return false
	}
	if id != 0 && int(id) < len(s.byWord) {
		return s.stopWord[id/64]&(1<<(id%64)) == 0
	}
	return !s.stop[w]
}

// TFIDF returns the top terms of a post by term frequency times inverse
// document frequency.
func (s *Stage) TFIDF(counts map[string]int) []pipeline.Keyword {
	nodes := make([]termNode, 0, len(counts))
	for t, n := range counts {
		nodes = append(nodes, termNode{term: t, freq: n})
	}
	return s.tfidf(nodes)
}

// tfidf is TFIDF over distinct terms with their counts, in any order.
func (s *Stage) tfidf(nodes []termNode) []pipeline.Keyword {
	type scored struct {
		t string
		v float64
	}
	// The top terms by (score descending, term): a total order, so keeping
	// the best topN as they come gives what sorting all would.
	top := make([]scored, 0, s.topN+1)
	for _, nd := range nodes {
		t, n := nd.term, nd.freq
		var w float64
		if nd.word != 0 && int(nd.word) < len(s.byWord) {
			if v := s.byWord[nd.word]; v == v {
				w = float64(v)
			} else {
				w = s.idf.unknown
			}
		} else {
			w = s.idf.Weight(t)
		}
		c := scored{t, float64(n) * w}
		if len(top) == s.topN && !better(c.v, c.t, top[len(top)-1].v, top[len(top)-1].t) {
			continue
		}
		i := len(top)
		for i > 0 && better(c.v, c.t, top[i-1].v, top[i-1].t) {
			i--
		}
		top = append(top, scored{})
		copy(top[i+1:], top[i:])
		top[i] = c
		if len(top) > s.topN {
			top = top[:s.topN]
		}
	}
	var out []pipeline.Keyword
	for i, c := range top {
		out = append(out, pipeline.Keyword{Term: c.t, Method: "tfidf", Score: sigfig.Round(c.v), Rank: i + 1})
	}
	return out
}

// better orders TF-IDF scores: higher first, then the term.
func better(v float64, t string, w float64, u string) bool {
	if v != w {
		return v > w
	}
	return t < u
}

// window is TextRank's co-occurrence span, in terms; maxNodes bounds the
// graph to a post's most frequent terms, among which the top ones are.
const (
	window   = 5
	maxNodes = 80
)

// TextRank returns the top terms of a post by PageRank over the graph of
// terms that occur within a window of each other.
func (s *Stage) TextRank(terms []string) []pipeline.Keyword {
	if len(terms) < 2 {
		return nil
	}
	sv := solvers.Get().(*solver)
	defer sv.put()
	return s.rank(terms, s.indexTerms(terms, nil, sv), sv)
}

// rank is TextRank over terms indexed by ix, with sv's buffers. It
// reorders ix.nodes.
func (s *Stage) rank(terms []string, ix termIndex, sv *solver) []pipeline.Keyword {
	if len(terms) < 2 {
		return nil
	}
	// The nodes: the most frequent terms (first seen first on ties).
	nodes := topNodes(ix.nodes, maxNodes)
	names := sv.names[:0]
	// id of each distinct term: its place among the nodes, or -1.
	id := grown(&sv.id, len(ix.nodes))
	for i := range id {
		id[i] = -1
	}
	for i, nd := range nodes {
		names = append(names, nd.term)
		id[nd.k] = int64(i)
	}
	sv.names = names
	// Each term's node, from the index's numbers: no lookup by text.
	seq := grown(&sv.seq, len(terms))
	for i, k := range ix.occ {
		seq[i] = id[k]
	}
	g := &sv.g
	g.reset(len(names))
	for i, a := range seq {
		if a < 0 {
			continue
		}
		for j := i + 1; j < len(seq) && j < i+window; j++ {
			if b := seq[j]; b >= 0 {
				g.addEdge(a, b)
			}
		}
	}
	rank := pageRank(sv, 0.85)
	if rank == nil {
		rank = make([]float64, len(names))
	}
	order := grown(&sv.order, len(names))
	for id := range order {
		order[id] = int64(id)
	}
	// slices.SortFunc runs the same pdqsort as sort.Slice, comparison
	// for comparison (both are generated from one template), so the
	// order is sort.Slice's even where the tolerance makes ties that do
	// not chain; it only swaps without reflection.
	slices.SortFunc(order, func(a, b int64) int {
		ra, rb := rank[a], rank[b]
		if math.Abs(ra-rb) > 1e-12 {
			if ra > rb {
				return -1
			}
			return 1
		}
		return strings.Compare(names[a], names[b])
	})
	var out []pipeline.Keyword
	for i := 0; i < len(order) && i < s.topN; i++ {
		out = append(out, pipeline.Keyword{Term: names[order[i]], Method: "textrank", Score: sigfig.Round(rank[order[i]]), Rank: i + 1})
	}
	return out
}

// topNodes moves the k most frequent of nodes (first seen first on ties)
// to the front of nodes, in that order, and returns them. nodes must be in
// order of first occurrence, as indexTerms makes them: then the nodes at
// or above the k-th node's frequency are known from a count of the
// frequencies, and only they are sorted, not a long post's hundreds of
// terms seen once (what sorting all and keeping k gave, node for node).
func topNodes(nodes []termNode, k int) []termNode {
	byFreq := func(a, b termNode) int {
		if a.freq != b.freq {
			return b.freq - a.freq
		}
		return a.first - b.first
	}
	if len(nodes) <= k {
		// A total order (first is unique), so any sort gives this
		// one; slices' is the cheaper.
		slices.SortFunc(nodes, byFreq)
		return nodes
	}
	// count[f] counts the nodes of frequency f, those of maxFreq or more
	// together.
	const maxFreq = 64
	var count [maxFreq + 1]int
	for _, nd := range nodes {
		count[min(nd.freq, maxFreq)]++
	}
	// The k-th node's frequency, f, and how many of the nodes of
	// frequency f are among the k: the first ones seen.
	f, need := maxFreq, k
	for ; f > 0 && count[f] < need; f-- {
		need -= count[f]
	}
	if f == maxFreq || f == 0 {
		// k nodes or more as frequent as maxFreq (or a count gone
		// wrong): sort them all.
		slices.SortFunc(nodes, byFreq)
		return nodes[:k]
	}
	// The chosen nodes to the front, in their order (the others are
	// swapped behind them, in any order).
	j := 0
	for i, nd := range nodes {
		if nd.freq > f || nd.freq == f && need > 0 {
			if nd.freq == f {
				need--
			}
			nodes[i], nodes[j] = nodes[j], nd
			j++
		}
	}
	slices.SortFunc(nodes[:j], byFreq)
	return nodes[:j]
}

// grown returns (*b)[:n], reallocated if its capacity is short.
func grown(b *[]int64, n int) []int64 {
	if cap(*b) < n {
		*b = make([]int64, n)
	}
	*b = (*b)[:n]
	return *b
}

// SimHash fingerprints text by its character 4-grams (spaces and
// punctuation dropped): posts that share most of their text share most
// bits.
func SimHash(text []rune) uint64 { return simHash(string(text)) }

// simHash is SimHash reading the text as it is stored: a post's body needs
// no conversion to runes.
func simHash(text string) uint64 {
	var w [4]rune // the last four letters or digits
	seen := 0
	// Each bit of the fingerprint is set when more than half the 4-grams'
	// hashes have it. The ones are counted eight bits at a time in byte
	// lanes (lanes[j] counts bits j, j+8, …, j+56), emptied into ones
	// before a lane can overflow.
	var ones [64]int32
	var lanes [8]uint64
	const low = 0x0101010101010101
	flush := func() {
		for j, l := range lanes {
			for b := 0; b < 8; b++ {
				ones[8*b+j] += int32(byte(l >> (8 * b)))
			}
		}
		lanes = [8]uint64{}
	}
	n := 0
	for _, r := range text {
		switch {
		case r >= 0x4e00 && r <= 0x9fff, r >= '0' && r <= '9', r >= 'a' && r <= 'z':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r < 0x80 || !unicode.IsLetter(r) && !unicode.IsDigit(r):
			continue
		default:
			r = unicode.ToLower(r)
		}
		w[0], w[1], w[2], w[3] = w[1], w[2], w[3], r
		if seen++; seen < 4 {
			continue
		}
		v := mix(uint64(w[0])<<42 ^ uint64(w[1])<<21 ^ uint64(w[2]) ^ uint64(w[3])*0x9e3779b97f4a7c15)
		for j := range lanes {
			lanes[j] += v >> j & low
		}
		if n++; n%255 == 0 {
			flush()
		}
	}
	if n == 0 {
		return 0
	}
	flush()
	var out uint64
	for bit := range 64 {
		if 2*int(ones[bit]) > n {
			out |= 1 << bit
		}
	}
	return out
}

// mix is splitmix64's finaliser: a cheap, well-spread 64-bit hash.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
