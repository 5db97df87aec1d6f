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
// LookupTokens' calls and error values per unit; its nodes are halved to
// two int32s (cedar's are two ints: 36 MB, where the walk's cache misses
// go); each token's length and path value sit in a dense array with its
// part of speech (eight bytes a token, where gse's tokens are eighty);
// and the path holds token numbers, not pointers, so clearing it costs no
// write barriers. None of it holds a pointer but the few parts of speech:
// the garbage collector has nothing to mark in it.
type cutDict struct {
	maxLen  int
	nodes   []cNode32
	reduced bool
	toks    []tokInfo
	pos     []string // the parts of speech, which tokInfo numbers
	// first is where the walk stands after one common Han character
	// from the root: most walks start with one, and its three bytes are
	// three dependent loads from the trie that one load from this table
	// (168 KB, which stays in cache) replaces.
	first []firstHop
}

// firstHop is the walk from the root through one character: the node
// reached (-1: no word starts with it) and the token ending there (-1:
// none).
type firstHop struct {
	node, tok int32
}

// The characters that first covers: CJK Unified Ideographs.
const firstLo, firstHi = 0x4e00, 0x9fff

// cNode32 is cedar's node in half the bytes.
type cNode32 struct {
	baseV, check int32
}

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
	if len(t.array) > math.MaxInt32 || len(m.Tokens) > math.MaxInt32 {
		return nil
	}
	c := &cutDict{maxLen: m.maxTokenLen, nodes: make([]cNode32, len(t.array)), reduced: t.Reduced, toks: make([]tokInfo, len(m.Tokens))}
	for i, nd := range t.array {
		if nd.baseV != int(int32(nd.baseV)) || nd.check != int(int32(nd.check)) {
			return nil
		}
		c.nodes[i] = cNode32{int32(nd.baseV), int32(nd.check)}
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

// walk is cut's walk through one unit from the root.
func (c *cutDict) walk(unit []byte) firstHop {
	from := int32(0)
	for _, k := range unit {
		nd := c.nodes[from]
		if nd.baseV >= 0 && c.reduced {
			return firstHop{-1, -1}
		}
		bs := nd.baseV
		if c.reduced {
			bs = -(bs + 1)
		}
		to := bs ^ int32(k)
		if to < 0 || int(to) >= len(c.nodes) || c.nodes[to].check != from {
			return firstHop{-1, -1}
		}
		from = to
	}
	v := c.nodes[from].baseV
	if v < 0 {
		bs := v
		if c.reduced {
			bs = -(bs + 1)
		}
		if bs < 0 || int(bs) >= len(c.nodes) || c.nodes[bs].check != from || c.nodes[bs].baseV < 0 {
			return firstHop{from, -1}
		}
		v = c.nodes[bs].baseV
	}
	return firstHop{from, v}
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
type step struct {
	dist  float32
	units int32
	tok   int32
}

// cutBuf is one cut's scratch space, kept for the next.
type cutBuf struct {
	units []gse.Text
	at    []int32 // code point offset of each unit, then of the end
	lower []byte  // lowercased ASCII runs, which units point into
	caps  []int32 // the units that lowercasing changed, in order
	path  []step
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
// layout is unknown (then the caller uses gse).
func (s *Segmenter) cut(norm string) (out []pipeline.Token, ok bool) {
	c := s.cd
	if c == nil {
		return nil, false
	}
	b := cutBufs.Get().(*cutBuf)
	defer func() {
		if cap(b.units) <= maxPooled {
			cutBufs.Put(b)
		}
	}()
	b.split(norm)
	units := b.units
	n := len(units)
	if n == 0 {
		return nil, true
	}
	maxLen := c.maxLen
	if cap(b.path) < n {
		b.path = make([]step, n)
	}
	path := b.path[:n]
	clear(path)
	nodes, toks, reduced := c.nodes, c.toks, c.reduced
	for cur := range n {
		var base float32
		if cur > 0 {
			base = path[cur-1].dist
		}
		// LookupTokens(units[cur:min(cur+maxLen, n)]): cedar's Jump unit
		// by unit from the node reached, and its Value at each node.
		from, found, firstUnits := int32(0), 0, int32(0)
		us := units[cur:min(cur+maxLen, n)]
		if h, ok := c.firstOf(us[0]); ok {
			// The first unit's walk, looked up.
			us = us[1:]
			if h.node < 0 {
				us = nil
			} else if from = h.node; h.tok >= 0 {
				t := toks[h.tok]
				firstUnits = int32(t.units)
				found++
				l, d := int(t.units), base+t.dist
				if p := &path[cur+l-1]; p.dist == 0 || p.dist > d {
					*p = step{d, int32(l), h.tok}
				}
			}
		}
	walk:
		for _, word := range us {
			to := int32(0)
			for _, k := range word {
				nd := nodes[from]
				if nd.baseV >= 0 && reduced {
					break walk
				}
				bs := nd.baseV
				if reduced {
					bs = -(bs + 1)
				}
				to = bs ^ int32(k)
				if nodes[to].check != from {
					break walk
				}
				from = to
			}
			from = to
			v := nodes[from].baseV
			if v < 0 {
				bs := v
				if reduced {
					bs = -(bs + 1)
				}
				if nodes[bs].check != from || nodes[bs].baseV < 0 {
					continue
				}
				v = nodes[bs].baseV
			}
			t := toks[v]
			if found == 0 {
				firstUnits = int32(t.units)
			}
			found++
			l, d := int(t.units), base+t.dist
			if p := &path[cur+l-1]; p.dist == 0 || p.dist > d {
				*p = step{d, int32(l), int32(v)}
			}
		}
		if found == 0 || firstUnits > 1 {
			// gse's pseudo-token: one unit, distance 32, part of speech x.
			if p, d := &path[cur], base+32; p.dist == 0 || p.dist > d {
				*p = step{d, 1, -1}
			}
		}
	}
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

// split cuts text into gse's units (SplitTextToWords): a run of letters
// and digits of at most two bytes each (Latin, Greek, Cyrillic …),
// lowercased when gse.ToLower is set, or any other single character; and
// records each unit's code point offset.
func (b *cutBuf) split(text string) {
	units, at, caps := b.units[:0], b.at[:0], b.caps[:0]
	if cap(b.lower) < len(text) {
		b.lower = make([]byte, 0, len(text))
	}
	// lower never grows past len(text), so units pointing into it stay valid.
	lower := b.lower[:0]
	raw := unsafe.Slice(unsafe.StringData(text), len(text))
	runes := int32(0)
	runStart, runRunes := -1, int32(0)
	endRun := func(end int) {
		if runStart < 0 {
			return
		}
		at = append(at, runes-runRunes)
		u := raw[runStart:end:end]
		if gse.ToLower {
			l, changed := len(lower), false
			for _, c := range u {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
					changed = true
				}
				lower = append(lower, c)
			}
			if changed {
				caps = append(caps, int32(len(units)))
			}
			u = lower[l:len(lower):len(lower)]
		}
		units = append(units, u)
		runStart = -1
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if runStart < 0 {
				runStart, runRunes = i, 0
			}
			runRunes++
		} else {
			endRun(i)
			at = append(at, runes)
			units = append(units, raw[i:i+size:i+size])
		}
		runes++
		i += size
	}
	endRun(len(text))
	b.units, b.at, b.lower, b.caps = units, append(at, runes), lower, caps
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
