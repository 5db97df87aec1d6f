package segment

import (
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
// path is the same, float for float: the same dictionary lookups
// (Dictionary.LookupTokens), the same distances added in the same order,
// the same ties (TestCutEqualsGse compares it with gse's Segment).
//
// gse keeps a token's length in units and its path value unexported; they
// are read through the layout-checked mirror of gse.Token that the
// prebuilt dictionary uses (gToken, mirrorsMatch). Should a gse release
// change that layout, cutting falls back to gse's Segment.

// step is the best path so far to the end of a unit: its length, and the
// word that ends it (units long; tok nil for a unit no word starts with).
type step struct {
	dist  float32
	units int32
	tok   *gse.Token
}

// cutBuf is one cut's scratch space, kept for the next.
type cutBuf struct {
	units []gse.Text
	at    []int32 // code point offset of each unit, then of the end
	lower []byte  // lowercased ASCII runs, which units point into
	path  []step
	found []*gse.Token
}

var cutBufs = sync.Pool{New: func() any { return new(cutBuf) }}

// maxPooled bounds the units of a buffer kept for reuse: a huge post's
// buffers go to the collector rather than stay in the pool.
const maxPooled = 1 << 20

// cut segments norm as gse's Segment does; ok is false when gse's token
// layout is unknown (then the caller uses gse).
func (s *Segmenter) cut(norm string) (out []pipeline.Token, ok bool) {
	dict := s.seg.Dict
	if !mirrorsMatch() || dict == nil || s.seg.Num || s.seg.Alpha || s.seg.AlphaNum {
		return nil, false
	}
	b := cutBufs.Get().(*cutBuf)
	defer func() {
		if cap(b.units) <= maxPooled {
			clear(b.path) // drop the pointers into the dictionary
			cutBufs.Put(b)
		}
	}()
	b.split(norm)
	units := b.units
	n := len(units)
	if n == 0 {
		return nil, true
	}
	maxLen := dict.MaxTokenLen()
	if cap(b.found) < maxLen {
		b.found = make([]*gse.Token, maxLen)
	}
	found := b.found[:maxLen]
	if cap(b.path) < n {
		b.path = make([]step, n)
	}
	path := b.path[:n]
	clear(path)
	for cur := range n {
		var base float32
		if cur > 0 {
			base = path[cur-1].dist
		}
		k := dict.LookupTokens(units[cur:min(cur+maxLen, n)], found)
		for _, tok := range found[:k] {
			t := (*gToken)(unsafe.Pointer(tok))
			l, d := len(t.text), base+t.distance
			if p := &path[cur+l-1]; p.dist == 0 || p.dist > d {
				*p = step{d, int32(l), tok}
			}
		}
		if k == 0 || len((*gToken)(unsafe.Pointer(found[0])).text) > 1 {
			// gse's pseudo-token: one unit, distance 32, part of speech x.
			if p, d := &path[cur], base+32; p.dist == 0 || p.dist > d {
				*p = step{d, 1, nil}
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
		pos := "x"
		if p.tok != nil {
			pos = p.tok.Pos()
		}
		out[words] = pipeline.Token{Start: at[i+1-int(p.units)], Stop: at[i+1], POS: pos}
	}
	return out, true
}

// split cuts text into gse's units (SplitTextToWords): a run of letters
// and digits of at most two bytes each (Latin, Greek, Cyrillic …),
// lowercased when gse.ToLower is set, or any other single character; and
// records each unit's code point offset.
func (b *cutBuf) split(text string) {
	units, at := b.units[:0], b.at[:0]
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
			l := len(lower)
			for _, c := range u {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				lower = append(lower, c)
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
	b.units, b.at, b.lower = units, append(at, runes), lower
}
