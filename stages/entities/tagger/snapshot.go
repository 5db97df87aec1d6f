package tagger

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"slices"

	"github.com/newsnlp/newsnlp/stages/internal/binform"
)

// A snapshot is a model as Read leaves it, in a binary form that loads in
// a tenth of the time: the text form costs half a second of processor
// time to decompress, parse, hash and sort, which every run pays at
// start-up and a daily --update of a hundred posts pays in full. The text
// file stays the model of record (reviewable, written by Train); the
// snapshot is made from it (go generate in models/names) and names the
// text file's checksum, so that a stale snapshot is never used.
//
// Layout, zstd-compressed: magic, the text file's checksum, a table of the
// distinct weights (4 significant digits give few), then every array of
// the model with each weight as a varint index into that table, and a
// CRC-32C of all of it last.

const snapMagic = "newsnlp-tagger-snapshot-1\n"

// AppendSnapshot appends the snapshot of m, made for the text file whose
// checksum is sum.
func (m *Model) AppendSnapshot(dst []byte, sum []byte) ([]byte, error) {
	b, err := m.rawSnapshot(sum)
	if err != nil {
		return nil, err
	}
	c, err := binform.Compress(b)
	if err != nil {
		return nil, err
	}
	return append(dst, c...), nil
}

// rawSnapshot is the snapshot before compression.
func (m *Model) rawSnapshot(sum []byte) ([]byte, error) {
	if m.table == nil {
		return nil, errors.New("tagger: snapshot of a model not read")
	}
	var b []byte
	b = append(b, snapMagic...)
	b = binary.AppendUvarint(b, uint64(len(sum)))
	b = append(b, sum...)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(m.Threshold))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(m.Temperature))
	b = binary.AppendUvarint(b, uint64(m.nFeat))

	// The weights, each once.
	var all []float32
	m.eachWeights(func(w *[nLabels]float32) { all = append(all, w[:]...) })
	bits := make([]uint32, len(all))
	for i, x := range all {
		bits[i] = math.Float32bits(x)
	}
	slices.Sort(bits)
	bits = slices.Compact(bits)
	b = binary.AppendUvarint(b, uint64(len(bits)))
	for _, x := range bits {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	index := make(map[uint32]uint64, len(bits))
	for i, x := range bits {
		index[x] = uint64(i)
	}

	// The shapes: characters with weights (BMP and beyond, in index
	// order), character pairs (in index order), the hashed table's used
	// slots (gaps and keys).
	b = binary.AppendUvarint(b, uint64(len(m.uniW)))
	runes := make([]rune, len(m.uniW))
	for r, x := range m.uni {
		if x != 0 {
			runes[x] = rune(r)
		}
	}
	for r, x := range m.uniHi {
		runes[x] = r
	}
	for _, r := range runes[min(1, len(runes)):] {
		b = binary.AppendUvarint(b, uint64(r))
	}
	b = binary.AppendUvarint(b, uint64(len(m.pairW)))
	pairs := make([]uint64, len(m.pairW))
	for k, x := range m.pairs {
		pairs[x] = k
	}
	for _, k := range pairs[min(1, len(pairs)):] {
		b = binary.AppendUvarint(b, k)
	}
	b = binary.AppendUvarint(b, uint64(len(m.table)))
	used, last := 0, -1
	for i := range m.table {
		if m.table[i].key != 0 {
			used++
		}
	}
	b = binary.AppendUvarint(b, uint64(used))
	for i := range m.table {
		if k := m.table[i].key; k != 0 {
			b = binary.AppendUvarint(b, uint64(i-last))
			b = binary.LittleEndian.AppendUint64(b, k)
			last = i
		}
	}
	m.eachWeights(func(w *[nLabels]float32) {
		for _, x := range w {
			b = binary.AppendUvarint(b, index[math.Float32bits(x)])
		}
	})
	return binform.Seal(b), nil
}

// eachWeights calls f with each of the model's weight vectors, in the
// snapshot's order: the shapes (characters, pairs, the table's used
// slots) decide how many there are.
func (m *Model) eachWeights(f func(w *[nLabels]float32)) {
	f(&m.bias)
	for a := range m.trans {
		f(&m.trans[a])
	}
	for i := range m.cls {
		for j := range m.cls[i] {
			f(&m.cls[i][j])
		}
	}
	for i := range m.lex {
		f(&m.lex[i])
	}
	for i := range m.uniW {
		for j := range m.uniW[i] {
			f(&m.uniW[i][j])
		}
	}
	for i := range m.pairW {
		for j := range m.pairW[i] {
			f(&m.pairW[i][j])
		}
	}
	for i := range m.table {
		if m.table[i].key != 0 {
			f(&m.table[i].w)
		}
	}
}

// ReadSnapshot reads a snapshot made for the text file whose checksum is
// sum. A snapshot of another file, or a damaged one, is an error: the
// caller reads the text file instead.
func ReadSnapshot(data []byte, sum []byte) (*Model, error) {
	raw, err := binform.Decompress(data, "tagger: snapshot")
	if err != nil {
		return nil, err
	}
	return readRawSnapshot(raw, sum)
}

func readRawSnapshot(raw, sum []byte) (*Model, error) {
	r, err := binform.Open(raw, snapMagic, "tagger: snapshot")
	if err != nil {
		return nil, err
	}
	if got := r.Bytes(r.Count("checksum"), "checksum"); !bytes.Equal(got, sum) {
		if r.Err() != nil {
			return nil, r.Err()
		}
		return nil, errors.New("tagger: snapshot of another model file")
	}
	m := &Model{}
	m.Threshold = r.Float64("threshold")
	m.Temperature = r.Float64("temperature")
	m.nFeat = r.Count("features")
	values := make([]float32, r.Count("weights"))
	for i := range values {
		values[i] = math.Float32frombits(r.Uint32("weight"))
	}

	if n := r.Count("characters"); n > 0 {
		m.uniW = make([][5][nLabels]float32, n)
		for x := 1; x < n && r.Err() == nil; x++ {
			c := r.Uvarint("character")
			switch {
			case c < 0x10000:
				if m.uni == nil {
					m.uni = make([]int32, 0x10000)
				}
				m.uni[c] = int32(x)
			case c <= utf8Max:
				if m.uniHi == nil {
					m.uniHi = map[rune]int32{}
				}
				m.uniHi[rune(c)] = int32(x)
			default:
				r.Fail("character")
			}
		}
	}
	if n := r.Count("pairs"); n > 0 {
		m.pairs = make(map[uint64]int32, n)
		m.pairW = make([][4][nLabels]float32, n)
		for x := 1; x < n && r.Err() == nil; x++ {
			m.pairs[r.Uvarint("pair")] = int32(x)
		}
	}
	// buildTable's table has at least twice the slots of its features, at
	// most four times: a bound on what a bad snapshot can allocate.
	size, used := r.Uvarint("table"), r.Count("table")
	if used > int(size) || size&(size-1) != 0 || size > 4*uint64(used)+1 {
		r.Fail("table")
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	m.table = make([]entry, size)
	slot := -1
	for range used {
		slot += int(r.Uvarint("slot"))
		if slot < 0 || slot >= len(m.table) {
			r.Fail("slot")
			break
		}
		m.table[slot].key = r.Uint64("key")
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	m.eachWeights(func(w *[nLabels]float32) {
		for l := range w {
			x := r.Uvarint("weight")
			if x >= uint64(len(values)) {
				r.Fail("weight")
				return
			}
			w[l] = values[x]
		}
	})
	if err := r.End(); err != nil {
		return nil, err
	}
	m.indexPairs()
	return m, nil
}

const utf8Max = 0x10FFFF
