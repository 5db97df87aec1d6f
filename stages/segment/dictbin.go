package segment

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
	"unsafe"

	"github.com/go-ego/gse"
	"github.com/newsnlp/newsnlp/stages/internal/binform"
	"github.com/vcaesar/cedar"
)

// The prebuilt dictionary (dict.bin, written by go generate) holds what
// gse's text loader spends its second on: the tokens as parsed, each
// token's search-mode parts (gse's CalcToken, half of the loading time),
// and the double-array trie's arrays as the text loader leaves them.
// Reading the arrays rather than inserting the tokens again saves a
// start-up the daily --update pays in full (0.3 s of processor time and
// 150 MB of garbage from the trie's doublings).
//
// gse keeps tokens and parts in unexported fields and offers no way to
// save or load them, so the loader fills mirrors of gse's structs and
// hands gse pointers to them. The mirrors are checked against gse's types
// field by field (name, offset, size, kind) before use: a gse release that
// changes a layout makes New fall back to the text loader, and
// TestPrebuilt fails, rather than anything being misread.

type gDict struct {
	trie        *cedar.Cedar
	maxTokenLen int
	Tokens      []gToken
	totalFreq   float64
}

type gToken struct {
	text     []gse.Text
	freq     float64
	pos      string
	distance float32
	segments []*gSegment
}

type gSegment struct {
	start, end int
	Position   int
	token      *gToken
}

// cTrie mirrors cedar.Cedar, the trie of gse's dictionary, for cut.
type cTrie struct {
	Reduced bool

	array  []cNode
	nInfos []cNInfo
	blocks []cBlock
	reject [257]int

	blocksHeadFull   int
	blocksHeadClosed int
	blocksHeadOpen   int

	capacity int
	size     int
	ordered  bool
	maxTrial int
}

type cNode struct {
	baseV, check int
}

type cNInfo struct {
	sibling, child byte
}

type cBlock struct {
	prev, next, num, reject, trial, eHead int
}

// sameLayout reports whether two types have the same fields at the same
// offsets with the same sizes and kinds, recursively through pointers,
// slices and arrays.
func sameLayout(a, b reflect.Type, seen map[[2]reflect.Type]bool) bool {
	if a == b {
		return true
	}
	if a.Size() != b.Size() || a.Kind() != b.Kind() || a.Align() != b.Align() {
		return false
	}
	if seen[[2]reflect.Type{a, b}] {
		return true
	}
	seen[[2]reflect.Type{a, b}] = true
	switch a.Kind() {
	case reflect.Struct:
		if a.NumField() != b.NumField() {
			return false
		}
		for i := 0; i < a.NumField(); i++ {
			fa, fb := a.Field(i), b.Field(i)
			if fa.Name != fb.Name || fa.Offset != fb.Offset || !sameLayout(fa.Type, fb.Type, seen) {
				return false
			}
		}
	case reflect.Pointer, reflect.Slice:
		return sameLayout(a.Elem(), b.Elem(), seen)
	case reflect.Array:
		return a.Len() == b.Len() && sameLayout(a.Elem(), b.Elem(), seen)
	}
	return true
}

// mirrorsMatch reports whether the mirrors above match gse's types in
// this build.
var mirrorsMatch = sync.OnceValue(func() bool {
	seen := map[[2]reflect.Type]bool{}
	return sameLayout(reflect.TypeFor[gDict](), reflect.TypeFor[gse.Dictionary](), seen) &&
		sameLayout(reflect.TypeFor[gSegment](), reflect.TypeFor[gse.Segment](), seen) &&
		sameLayout(reflect.TypeFor[cTrie](), reflect.TypeFor[cedar.Cedar](), seen)
})

var errLayout = errors.New("segment: gse's layout is not the one this code mirrors")

const dictMagic = "newsnlp-gse-dict-3\n"

// encodeDict writes d in the prebuilt form. Every search-mode part must be
// a token of the dictionary or one of the pseudo-tokens gse makes for a
// unit the dictionary lacks (frequency 1, distance 32, pos x).
func encodeDict(d *gse.Dictionary) ([]byte, error) {
	if !mirrorsMatch() {
		return nil, errLayout
	}
	m := (*gDict)(unsafe.Pointer(d))
	var b bytes.Buffer
	b.WriteString(dictMagic)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { b.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	f64 := func(x float64) { b.Write(binary.LittleEndian.AppendUint64(tmp[:0], math.Float64bits(x))) }

	uv(uint64(m.maxTokenLen))
	f64(m.totalFreq)
	// Parts of speech are few: a table, then an index per token.
	posIdx := map[string]int{}
	var posList []string
	for i := range m.Tokens {
		p := m.Tokens[i].pos
		if _, ok := posIdx[p]; !ok {
			posIdx[p] = len(posList)
			posList = append(posList, p)
		}
	}
	uv(uint64(len(posList)))
	for _, p := range posList {
		uv(uint64(len(p)))
		b.WriteString(p)
	}
	uv(uint64(len(m.Tokens)))
	// Each token: its text, as the bytes (the trie's key) then the
	// units' lengths; its frequency, mostly a whole number; its part of
	// speech.
	for i := range m.Tokens {
		t := &m.Tokens[i]
		n := 0
		for _, u := range t.text {
			n += len(u)
		}
		uv(uint64(n))
		for _, u := range t.text {
			b.Write(u)
		}
		uv(uint64(len(t.text)))
		for _, u := range t.text {
			uv(uint64(len(u)))
		}
		if t.freq >= 0 && t.freq < 1<<52 && t.freq == math.Trunc(t.freq) {
			uv(uint64(t.freq) << 1)
		} else {
			uv(1)
			f64(t.freq)
		}
		uv(uint64(posIdx[t.pos]))
	}
	if err := encodeTrie(&b, (*cTrie)(unsafe.Pointer(m.trie))); err != nil {
		return nil, err
	}
	// The parts: their number, then for each its length in units, whether
	// it is a pseudo-token, the units skipped before it (gse leaves out a
	// part of one kana), and the index of the token it is.
	base := uintptr(unsafe.Pointer(unsafe.SliceData(m.Tokens)))
	size := unsafe.Sizeof(gToken{})
	for i := range m.Tokens {
		t := &m.Tokens[i]
		uv(uint64(len(t.segments)))
		unit, pos := 0, 0
		for _, s := range t.segments {
			skip := 0
			for pos < s.start && unit < len(t.text) {
				pos += len(t.text[unit])
				unit++
				skip++
			}
			pt := s.token
			p := uintptr(unsafe.Pointer(pt))
			if pos != s.start || unit+len(pt.text) > len(t.text) || s.Position != 0 {
				return nil, fmt.Errorf("segment: token %d: a part that does not fit", i)
			}
			code := uint64(len(pt.text)) << 2
			if p >= base && p < base+uintptr(len(m.Tokens))*size && (p-base)%size == 0 {
				if !textEqual(pt.text, t.text[unit:unit+len(pt.text)]) {
					return nil, fmt.Errorf("segment: token %d: a part that is not its text", i)
				}
			} else if len(pt.text) == 1 && pt.freq == 1 && pt.distance == 32 && pt.pos == "x" &&
				bytes.Equal(pt.text[0], t.text[unit]) {
				code |= 2
			} else {
				return nil, fmt.Errorf("segment: token %d: a part that is neither a token nor a pseudo-token", i)
			}
			if skip > 0 {
				uv(code | 1)
				uv(uint64(skip))
			} else {
				uv(code)
			}
			if code&2 == 0 {
				uv(uint64((p - base) / size))
			}
			for _, u := range pt.text {
				pos += len(u)
			}
			unit += len(pt.text)
			if pos != s.end {
				return nil, fmt.Errorf("segment: token %d: a part that does not fit", i)
			}
		}
	}
	// A checksum last: the trie's arrays are read as they are, and a
	// damaged form must be refused rather than give a trie that sends a
	// later walk out of bounds.
	return binform.Compress(binform.Seal(b.Bytes()))
}

func textEqual(a, b []gse.Text) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// encodeTrie writes the trie's counters and the used part of its arrays
// (the rest is zero until cedar grows into it): each node's two fields as
// varints of their distance from the node, the sibling and child labels as
// two bytes, each block's six counters as varints.
func encodeTrie(b *bytes.Buffer, t *cTrie) error {
	if t.size > t.capacity || t.capacity%256 != 0 || t.size%256 != 0 ||
		len(t.array) != t.capacity || len(t.nInfos) != t.capacity || len(t.blocks) != t.capacity>>8 {
		return errors.New("segment: a trie of unexpected shape")
	}
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { b.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	sv := func(x int) { b.Write(tmp[:binary.PutVarint(tmp[:], int64(x))]) }
	flag := func(v bool) uint64 {
		if v {
			return 1
		}
		return 0
	}
	uv(flag(t.Reduced))
	uv(flag(t.ordered))
	uv(uint64(t.capacity))
	uv(uint64(t.size))
	for _, x := range []int{t.blocksHeadFull, t.blocksHeadClosed, t.blocksHeadOpen, t.maxTrial} {
		sv(x)
	}
	for _, x := range t.reject {
		sv(x)
	}
	for i, n := range t.array {
		if i >= t.size {
			if n != (cNode{}) || t.nInfos[i] != (cNInfo{}) {
				return errors.New("segment: a trie with nodes past its size")
			}
			continue
		}
		sv(nodeDelta(n.baseV, i))
		sv(nodeDelta(n.check, i))
	}
	for _, x := range t.nInfos[:t.size] {
		b.WriteByte(x.sibling)
		b.WriteByte(x.child)
	}
	for i, x := range t.blocks {
		if i >= t.size>>8 {
			if x != (cBlock{}) {
				return errors.New("segment: a trie with blocks past its size")
			}
			continue
		}
		for _, v := range []int{x.prev, x.next, x.num, x.reject, x.trial, x.eHead} {
			sv(v)
		}
	}
	return nil
}

// nodeDelta makes a node's field small where the trie is regular: a free
// node links to its neighbours (-(i-1) and -(i+1)), and a used node's
// parent and children lie mostly near it. Negative fields (free-list
// links) and others are told apart by the lowest bit.
func nodeDelta(v, i int) int {
	if v < 0 {
		return (v+i)<<1 | 1
	}
	return (v - i) << 1
}

func nodeValue(d, i int) int {
	if d&1 != 0 {
		return d>>1 - i
	}
	return d>>1 + i
}

// trie reads what encodeTrie wrote. The arrays are allocated at the
// trie's capacity, as cedar would have them, so that a later insert
// grows them as it would have.
func readTrie(r *binform.Reader) *cTrie {
	t := &cTrie{}
	t.Reduced = r.Uvarint("trie") == 1
	t.ordered = r.Uvarint("trie") == 1
	capacity, size := r.Uvarint("trie capacity"), r.Uvarint("trie size")
	// Each used node takes at least four bytes of the form: a bound on
	// what a bad file can make the reader allocate.
	if size > capacity || capacity%256 != 0 || size%256 != 0 || size > uint64(r.Left())/4 || capacity > 2*size+256 {
		r.Fail("trie size")
		return nil
	}
	t.capacity, t.size = int(capacity), int(size)
	t.blocksHeadFull, t.blocksHeadClosed, t.blocksHeadOpen, t.maxTrial = r.Varint("trie"), r.Varint("trie"), r.Varint("trie"), r.Varint("trie")
	for i := range t.reject {
		t.reject[i] = r.Varint("trie")
	}
	t.array = make([]cNode, t.capacity)
	for i := range t.size {
		t.array[i] = cNode{baseV: nodeValue(r.Varint("trie node"), i), check: nodeValue(r.Varint("trie node"), i)}
	}
	infos := r.Bytes(2*t.size, "trie labels")
	if r.Err() != nil {
		return nil
	}
	t.nInfos = make([]cNInfo, t.capacity)
	for i := range t.size {
		t.nInfos[i] = cNInfo{sibling: infos[2*i], child: infos[2*i+1]}
	}
	t.blocks = make([]cBlock, t.capacity>>8)
	for i := range t.size >> 8 {
		t.blocks[i] = cBlock{r.Varint("trie block"), r.Varint("trie block"), r.Varint("trie block"),
			r.Varint("trie block"), r.Varint("trie block"), r.Varint("trie block")}
	}
	if r.Err() != nil {
		return nil
	}
	return t
}

// decodeDict builds gse's dictionary from the prebuilt form. The tokens'
// units and parts are carved out of a few large arrays rather than
// allocated one by one; the units' bytes point into the decompressed
// form, which the dictionary keeps.
func decodeDict(compressed []byte) (*gse.Dictionary, error) { return decodeDictParts(compressed, true) }

// decodeDictParts is decodeDict, leaving the tokens' search-mode parts
// out unless parts: cutting does not read them, and linking them is a
// good part of the loading time.
func decodeDictParts(compressed []byte, parts bool) (*gse.Dictionary, error) {
	if !mirrorsMatch() {
		return nil, errLayout
	}
	raw, err := binform.Decompress(compressed, "segment: prebuilt dictionary")
	if err != nil {
		return nil, err
	}
	return decodeRawParts(raw, parts)
}

// decodeRaw builds the dictionary from the decompressed form.
func decodeRaw(raw []byte) (*gse.Dictionary, error) { return decodeRawParts(raw, true) }

// decodeRawParts is decodeRaw, the parts left out unless parts (the
// dictionary is then for newCutDict only, not for gse to cut with).
func decodeRawParts(raw []byte, parts bool) (*gse.Dictionary, error) {
	r, err := binform.Open(raw, dictMagic, "segment: prebuilt dictionary")
	if err != nil {
		return nil, err
	}
	m := &gDict{}
	m.maxTokenLen = int(r.Uvarint("max token length"))
	m.totalFreq = r.Float64("total frequency")
	posList := make([]string, r.Count("parts of speech"))
	for i := range posList {
		posList[i] = string(r.Bytes(r.Count("part of speech"), "part of speech"))
	}
	n := r.Count("tokens")
	m.Tokens = make([]gToken, n)
	var units []gse.Text
	logTotal := float32(math.Log2(m.totalFreq))
	for i := 0; i < n && r.Err() == nil; i++ {
		t := &m.Tokens[i]
		key := r.Bytes(r.Count("text"), "text")
		k := r.Count("units")
		if cap(units)-len(units) < k {
			units = make([]gse.Text, 0, max(k, 1<<16))
		}
		off := 0
		for j := 0; j < k; j++ {
			l := r.Count("unit")
			if off+l > len(key) {
				r.Fail("unit")
				break
			}
			units = append(units, key[off:off+l:off+l])
			off += l
		}
		if off != len(key) {
			r.Fail("units")
			break
		}
		t.text = units[len(units)-k : len(units) : len(units)]
		if f := r.Uvarint("frequency"); f&1 == 0 {
			t.freq = float64(f >> 1)
		} else {
			t.freq = r.Float64("frequency")
		}
		p := r.Uvarint("part of speech")
		if p >= uint64(len(posList)) {
			r.Fail("part of speech")
			break
		}
		t.pos = posList[p]
		t.distance = logTotal - float32(math.Log2(t.freq))
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	ct := readTrie(r)
	if r.Err() != nil {
		return nil, r.Err()
	}
	trie := (*cedar.Cedar)(unsafe.Pointer(ct))
	m.trie = trie
	if !parts {
		return (*gse.Dictionary)(unsafe.Pointer(m)), nil
	}
	var segs []gSegment
	var segPtrs []*gSegment
	var pseudo []gToken
	for i := 0; i < n && r.Err() == nil; i++ {
		t := &m.Tokens[i]
		ns := r.Count("parts")
		if cap(segs)-len(segs) < ns {
			segs = make([]gSegment, 0, max(ns, 1<<16))
		}
		if cap(segPtrs)-len(segPtrs) < ns {
			segPtrs = make([]*gSegment, 0, max(ns, 1<<16))
		}
		unit, pos := 0, 0
		for j := 0; j < ns; j++ {
			code := r.Uvarint("part")
			if code&1 == 1 {
				skip := r.Count("part")
				if unit+skip > len(t.text) {
					r.Fail("part")
					break
				}
				for _, u := range t.text[unit : unit+skip] {
					pos += len(u)
				}
				unit += skip
			}
			l, isPseudo := int(code>>2), code&2 != 0
			if l < 1 || unit+l > len(t.text) || (isPseudo && l != 1) {
				r.Fail("part")
				break
			}
			start := pos
			for _, u := range t.text[unit : unit+l] {
				pos += len(u)
			}
			var pt *gToken
			if isPseudo {
				if len(pseudo) == cap(pseudo) {
					pseudo = make([]gToken, 0, 1<<10)
				}
				pseudo = append(pseudo, gToken{text: t.text[unit : unit+1 : unit+1], freq: 1, distance: 32, pos: "x"})
				pt = &pseudo[len(pseudo)-1]
			} else {
				x := r.Uvarint("part")
				if x >= uint64(n) || !textEqual(m.Tokens[x].text, t.text[unit:unit+l]) {
					r.Fail("part")
					break
				}
				pt = &m.Tokens[x]
			}
			unit += l
			segs = append(segs, gSegment{start: start, end: pos, token: pt})
			segPtrs = append(segPtrs, &segs[len(segs)-1])
		}
		if r.Err() != nil {
			break
		}
		// gse leaves an empty slice, not nil, for a token it does not
		// divide further.
		if ns == 0 {
			t.segments = []*gSegment{}
		} else {
			t.segments = segPtrs[len(segPtrs)-ns : len(segPtrs) : len(segPtrs)]
		}
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	if err := r.End(); err != nil {
		return nil, err
	}
	return (*gse.Dictionary)(unsafe.Pointer(m)), nil
}
