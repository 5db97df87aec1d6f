package segment

import (
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/go-ego/gse"
	"github.com/newsnlp/newsnlp/pipeline"
)

// cut is gse's Segment (shortest path over the dictionary, no search mode)
// done again with buffers reused across posts, giving code point offsets
// directly. gse's own allocates per character (its split into units, a
// pseudo-token for every character that starts no word, the path): about
// a quarter of a run's allocation and so of its garbage collection. The
// path is the same, float for float: the same walk through the same trie
// that gse's Dictionary.LookupTokens makes, the same distances added in
// the same order, the same ties (TestCutEqualsGse compares it with gse's
// Segment).
//
// gse keeps a token's length in units and its path value unexported, and
// cedar its trie's nodes; they are read through layout-checked mirrors
// (gToken, cTrie; mirrorsMatch). Should a gse or cedar release change
// those layouts, cutting falls back to gse's Segment.

// cutDict is what cut reads of gse's dictionary, copied out by New so
// that gse's own can go. The trie is walked in place, without
// LookupTokens' calls and error values per unit; each node is one word
// (cutNode: cedar's are two ints, 36 MB, where the walk's cache misses
// go); each token's length and path value sit in a dense array with its
// part of speech (eight bytes a token, where gse's tokens are eighty);
// and the path holds token numbers, not pointers, so clearing it costs no
// write barriers. None of it holds a pointer but the few parts of speech:
// the garbage collector has nothing to mark in it.
type cutDict struct {
	maxLen int
	nodes  []cutNode
	toks   []tokInfo
	pos    []string // the parts of speech, which tokInfo numbers
	// first is where the walk stands after one common Han character
	// from the root: most walks start with one, and its three bytes are
	// three dependent loads from the trie that one load from this table
	// (336 KB, which stays in cache) replaces. It holds the node reached
	// as well as its number, which saves the next step a load.
	first []firstHop
}

// firstHop is the walk from the root through one character: the node
// reached (node -1: no word starts with it) and the token ending there
// (-1: none).
type firstHop struct {
	nd        cutNode
	node, tok int32
}

// The characters that first covers: CJK Unified Ideographs.
const firstLo, firstHi = 0x4e00, 0x9fff

// cutNode is a node of cedar's trie in one word, as the walk reads it:
// where its children are (base: the child by byte k is base^k; for a
// node without children, a block of 256 nodes past cedar's that no step
// enters), its parent (check: nodeNone for a free slot) and the
// token that ends at it (tok: tokNone for none). Cedar keeps the token of
// a node with children in a child of its own (by byte 0), one more
// dependent load at the end of each unit; here the node holds it.
type cutNode uint64

const (
	nodeBits = 22
	nodeNone = 1<<nodeBits - 1
	tokNone  = 1<<(64-2*nodeBits) - 1
)

func (n cutNode) base() int32  { return int32(n & nodeNone) }
func (n cutNode) check() int32 { return int32(n >> nodeBits & nodeNone) }
func (n cutNode) tok() int32   { return int32(n >> (2 * nodeBits)) }

type tokInfo struct {
	dist  float32
	units uint16
	pos   uint16
}

// newCutDict returns what cut reads of seg's dictionary, or nil when the
// mirrors do not match, a value does not fit, or seg is set to cut
// otherwise than cut does.
func newCutDict(seg *gse.Segmenter) *cutDict {
	if !mirrorsMatch() || seg == nil || seg.Dict == nil || seg.Num || seg.Alpha || seg.AlphaNum {
		return nil
	}
	m := (*gDict)(unsafe.Pointer(seg.Dict))
	if m.trie == nil {
		return nil
	}
	t := (*cTrie)(unsafe.Pointer(m.trie))
	if len(t.array) >= nodeNone-0x200 || len(m.Tokens) >= tokNone {
		return nil
	}
	c := &cutDict{maxLen: m.maxTokenLen, toks: make([]tokInfo, len(m.Tokens))}
	if c.nodes = packNodes(t.array, t.Reduced, len(m.Tokens)); c.nodes == nil {
		return nil
	}
	posNum := map[string]uint16{}
	for i := range m.Tokens {
		tk := &m.Tokens[i]
		p, ok := posNum[tk.pos]
		if !ok {
			if len(c.pos) > math.MaxUint16 {
				return nil
			}
			p = uint16(len(c.pos))
			posNum[tk.pos] = p
			c.pos = append(c.pos, tk.pos)
		}
		if len(tk.text) > math.MaxUint16 {
			return nil
		}
		c.toks[i] = tokInfo{tk.distance, uint16(len(tk.text)), p}
	}
	c.first = make([]firstHop, firstHi-firstLo+1)
	var buf [utf8.UTFMax]byte
	for r := rune(firstLo); r <= firstHi; r++ {
		c.first[r-firstLo] = c.walk(buf[:utf8.EncodeRune(buf[:], r)])
	}
	return c
}

// packNodes returns cedar's nodes as cutNodes, or nil when one that a walk
// can reach does not fit. A node's base and token are what cedar's Jump
// and Value read of it (and of its child by byte 0), on a reduced trie
// or not.
func packNodes(array []cNode, reduced bool, toks int) []cutNode {
	// Steps from a node without children go to the block past cedar's
	// nodes, whose checks match no node: they fail as Jump fails there,
	// without a test of their own.
	leaf := (len(array) + 0xff) &^ 0xff
	none := cutNode(leaf) | nodeNone<<nodeBits | tokNone<<(2*nodeBits)
	nodes := make([]cutNode, leaf+0x100)
	for i := len(array); i < len(nodes); i++ {
		nodes[i] = none
	}
	for i, nd := range array {
		base, fits := nd.baseV, true
		if reduced {
			base = -(base + 1)
		}
		if nd.baseV >= 0 && reduced {
			base = leaf // Jump stops at it
		} else if base < 0 || base >= len(array) {
			fits = false
		}
		tok := nd.baseV
		if tok < 0 {
			tok = tokNone
			if bs := base; bs >= 0 && bs < len(array) && array[bs].check == i && array[bs].baseV >= 0 {
				tok = array[bs].baseV
			}
		}
		if tok != tokNone && tok >= toks {
			fits = false
		}
		check := nd.check
		if check < 0 {
			check = nodeNone
		} else if check >= len(array) {
			fits = false
		}
		if !fits {
			if nd.check < 0 && i != 0 {
				// A free slot: no walk reaches it.
				nodes[i] = none
				continue
			}
			return nil
		}
		nodes[i] = cutNode(base) | cutNode(check)<<nodeBits | cutNode(tok)<<(2*nodeBits)
	}
	return nodes
}

// walk is cut's walk through one unit from the root.
func (c *cutDict) walk(unit []byte) firstHop {
	from, nd := int32(0), c.nodes[0]
	for _, k := range unit {
		to := nd.base() ^ int32(k)
		if int(to) >= len(c.nodes) || c.nodes[to].check() != from {
			return firstHop{0, -1, -1}
		}
		from, nd = to, c.nodes[to]
	}
	tok := nd.tok()
	if tok == tokNone {
		tok = -1
	}
	return firstHop{nd, from, tok}
}

// firstOf returns the walk through unit from the root when first holds
// it.
func (c *cutDict) firstOf(unit []byte) (firstHop, bool) {
	if len(unit) != 3 || unit[0] < 0xe4 || unit[0] > 0xe9 {
		return firstHop{}, false
	}
	// split makes a three-byte unit of one valid character only.
	r := rune(unit[0]&0x0f)<<12 | rune(unit[1]&0x3f)<<6 | rune(unit[2]&0x3f)
	if r < firstLo || r > firstHi {
		return firstHop{}, false
	}
	return c.first[r-firstLo], true
}

// step is the best path so far to the end of a unit: its length, and the
// token that ends it (units long; -1 for a unit no word starts with).
// A word found by the walk is held in the same form: its path value, its
// length and its number.
type step struct {
	dist  float32
	units int32
	tok   int32
}

// batch is how many positions cut walks at once.
const batch = 128

// cursor is one position's walk through the trie, under way.
type cursor struct {
	nd     cutNode // the node reached
	from   int32   // its number
	p, end int32   // the next byte of the key; the end of the current unit
	j, lim int32   // the current unit; the end of the window
	slot   int32   // the position, from the batch's first
}

// cutBuf is one cut's scratch space, kept for the next.
type cutBuf struct {
	key   []byte  // the text, lowercased as gse does its units
	kat   []int32 // byte offset of each unit, then of the end
	at    []int32 // code point offset of each unit, then of the end
	lower []byte  // key when lowercasing changes the text
	caps  []int32 // the units that lowercasing changed, in order
	path  []step
	// One batch's walks: the words each position's walk found, in the
	// order found (maxLen slots a position), and how many.
	found []step
	nf    []int32
	curs  []cursor
}

// upper reports whether lowercasing changed any of units [from, to).
func (b *cutBuf) upper(from, to int) bool {
	if len(b.caps) == 0 {
		return false
	}
	i, _ := slices.BinarySearch(b.caps, int32(from))
	return i < len(b.caps) && int(b.caps[i]) < to
}

var cutBufs = sync.Pool{New: func() any { return new(cutBuf) }}

// maxPooled bounds the units of a buffer kept for reuse: a huge post's
// buffers go to the collector rather than stay in the pool.
const maxPooled = 1 << 20

// cut segments norm as gse's Segment does; ok is false when gse's token
// layout is unknown or norm is too long for int32 offsets (then the
// caller uses gse).
func (s *Segmenter) cut(norm string) (out []pipeline.Token, ok bool) {
	c := s.cd
	if c == nil || len(norm) > math.MaxInt32 {
		return nil, false
	}
	b := cutBufs.Get().(*cutBuf)
	defer func() {
		b.key = nil // norm's bytes, when nothing was lowercased
		if cap(b.kat) <= maxPooled {
			cutBufs.Put(b)
		}
	}()
	b.split(norm)
	n := len(b.kat) - 1
	if n == 0 {
		return nil, true
	}
	maxLen := c.maxLen
	if cap(b.path) < n {
		b.path = make([]step, n)
	}
	path := b.path[:n]
	clear(path)
	if len(b.found) < batch*maxLen {
		b.found = make([]step, batch*maxLen)
		b.nf = make([]int32, batch)
		b.curs = make([]cursor, 0, batch)
	}
	for lo := 0; lo < n; lo += batch {
		hi := min(lo+batch, n)
		c.lookup(b, lo, hi)
		// The shortest path, as gse's Segment adds it up: positions in
		// order, each position's words in the order its walk found them,
		// then its pseudo-token.
		for cur := lo; cur < hi; cur++ {
			var base float32
			if cur > 0 {
				base = path[cur-1].dist
			}
			k := cur - lo
			words := b.found[k*maxLen : k*maxLen+int(b.nf[k])]
			for _, w := range words {
				l, d := int(w.units), base+w.dist
				if p := &path[cur+l-1]; p.dist == 0 || p.dist > d {
					*p = step{d, int32(l), w.tok}
				}
			}
			if len(words) == 0 || words[0].units > 1 {
				// gse's pseudo-token: one unit, distance 32, part of speech x.
				if p, d := &path[cur], base+32; p.dist == 0 || p.dist > d {
					*p = step{d, 1, -1}
				}
			}
		}
	}
	toks := c.toks
	words := 0
	for i := n - 1; i >= 0; i -= int(path[i].units) {
		words++
	}
	out = make([]pipeline.Token, words)
	at := b.at
	for i := n - 1; i >= 0; i -= int(path[i].units) {
		words--
		p := path[i]
		pos, word := "x", uint32(0)
		if p.tok >= 0 {
			pos = c.pos[toks[p.tok].pos]
			word = uint32(p.tok) + 1
			if b.upper(i+1-int(p.units), i+1) {
				word = 0 // the text is not the (lowercased) word
			}
		}
		out[words] = pipeline.Token{Start: at[i+1-int(p.units)], Stop: at[i+1], POS: pos, Word: word}
	}
	return out, true
}

// lookup walks the trie from each position of [lo, hi) as gse's
// LookupTokens(units[cur:min(cur+maxLen, n)]) does (cedar's Jump unit by
// unit from the node reached, and its Value at each node), and leaves the
// words found in b.found and b.nf. The walks go on side by side, one byte
// each a round: a walk's steps depend on each other, each a likely cache
// miss in the 16 MB of nodes, but the walks of different positions do
// not, so a round's loads are in flight together rather than one after
// another.
func (c *cutDict) lookup(b *cutBuf, lo, hi int) {
	maxLen := c.maxLen
	key, kat := b.key, b.kat
	n := len(kat) - 1
	nodes, toks := c.nodes, c.toks
	nf, found := b.nf[:hi-lo], b.found
	clear(nf)
	add := func(slot, tok int32) {
		t := toks[tok]
		found[int(slot)*maxLen+int(nf[slot])] = step{t.dist, int32(t.units), tok}
		nf[slot]++
	}
	curs := b.curs[:0]
	root := nodes[0]
	for i := lo; i < hi; i++ {
		lim := int32(min(i+maxLen, n))
		cs := cursor{nd: root, p: kat[i], end: kat[i+1], j: int32(i), lim: lim, slot: int32(i - lo)}
		if h, ok := c.firstOf(key[kat[i]:kat[i+1]]); ok {
			// The first unit's walk, looked up.
			if h.node < 0 {
				continue
			}
			if h.tok >= 0 {
				add(cs.slot, h.tok)
			}
			if cs.j++; cs.j == lim {
				continue
			}
			cs.from, cs.nd = h.node, h.nd
			cs.p, cs.end = kat[cs.j], kat[cs.j+1]
		}
		curs = append(curs, cs)
	}
	for len(curs) > 0 {
		// A byte of every walk. The walks that fail are dropped without
		// a branch: whether a step fails is as good as random, and a
		// mispredicted branch would throw away the loads issued after it.
		w, ends := 0, 0
		for i := range curs {
			cs := &curs[i]
			to := cs.nd.base() ^ int32(key[cs.p])
			nd := nodes[to]
			ok := nd.check() == cs.from
			cs.from, cs.nd = to, nd
			cs.p++
			curs[w] = *cs
			inc := 0
			if ok {
				inc = 1
			}
			w += inc
			e := 0
			if cs.p == cs.end {
				e = 1
			}
			ends += e & inc
		}
		curs = curs[:w]
		if ends == 0 {
			continue
		}
		// The walks at the end of a unit: the word ending there, if any.
		w = 0
		for _, cs := range curs {
			if cs.p == cs.end {
				if t := cs.nd.tok(); t != tokNone {
					add(cs.slot, t)
				}
				if cs.j++; cs.j == cs.lim {
					continue
				}
				cs.end = kat[cs.j+1]
			}
			curs[w] = cs
			w++
		}
		curs = curs[:w]
	}
	b.curs = curs
}

// split cuts text into gse's units (SplitTextToWords): a run of letters
// and digits of at most two bytes each (Latin, Greek, Cyrillic …),
// lowercased when gse.ToLower is set, or any other single character; and
// records each unit's byte and code point offsets. Lowercasing keeps
// every byte where it was, so the units are key's bytes between those
// offsets.
func (b *cutBuf) split(text string) {
	kat, at, caps := b.kat[:0], b.at[:0], b.caps[:0]
	runes := int32(0)
	inRun, runUpper, anyUpper := false, false, false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if !inRun {
				inRun, runUpper = true, false
				kat, at = append(kat, int32(i)), append(at, runes)
			}
			if 'A' <= r && r <= 'Z' && gse.ToLower {
				runUpper, anyUpper = true, true
			}
		} else {
			if inRun && runUpper {
				caps = append(caps, int32(len(kat)-1))
			}
			inRun = false
			kat, at = append(kat, int32(i)), append(at, runes)
		}
		runes++
		i += size
	}
	if inRun && runUpper {
		caps = append(caps, int32(len(kat)-1))
	}
	b.kat, b.at, b.caps = append(kat, int32(len(text))), append(at, runes), caps
	b.key = unsafe.Slice(unsafe.StringData(text), len(text))
	if anyUpper {
		// Every ASCII capital is in a run of letters: lowercasing the
		// runs lowercases them all.
		lower := append(b.lower[:0], text...)
		for i, c := range lower {
			if 'A' <= c && c <= 'Z' {
				lower[i] = c + 'a' - 'A'
			}
		}
		b.key, b.lower = lower, lower
	}
}

// WordID returns the id that tokens of the text word carry (Token.Word):
// its dictionary word's number from 1, or 0 when the dictionary does not
// hold word as it is written (or gse cuts: then tokens carry no ids). Ids
// are dense, below NumWords: stages index arrays by them.
func (s *Segmenter) WordID(word string) uint32 {
	c := s.cd
	if c == nil || word == "" {
		return 0
	}
	h := c.walk(unsafe.Slice(unsafe.StringData(word), len(word)))
	if h.tok < 0 || int(h.tok) >= len(c.toks) {
		return 0
	}
	return uint32(h.tok) + 1
}

// NumWords bounds the ids of WordID: 0 when tokens carry none.
func (s *Segmenter) NumWords() int {
	if s.cd == nil {
		return 0
	}
	return len(s.cd.toks) + 1
}
