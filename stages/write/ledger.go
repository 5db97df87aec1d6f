package write

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
	"github.com/newsnlp/newsnlp/pipeline"
)

// The ledger accounts for every input of a run, one row each in input
// order: where it came from, its content's hash, and what became of it (a
// documents row, or an errors row). For a document it also keeps the
// post's processed form (state: what the stages made of it, compressed),
// so that `run --update` restores unchanged posts instead of processing
// them again, and still writes every table, the corpus statistics and
// dup_group included, as a fresh run would.

// docState is what the writer needs of a processed post, beyond its
// origin: the stages' output. Terms are in the order the keyword stage
// found them (which equal posts share: equal posts give equal bytes);
// states of earlier runs hold them sorted.
type docState struct {
	Post     *pipeline.Post
	Mentions []pipeline.Mention
	Quotes   []pipeline.Quote
	Keywords []pipeline.Keyword
	Terms    []termCount
	SimHash  uint64
}

type termCount struct {
	Term  string
	Count int
}

// A state is its encoding (statebin.go) compressed as a Snappy block (s2's
// Snappy-compatible encoder) behind the byte stateBin. Snappy costs about a
// fifth of the processor time of zstd's fastest level on states (which took
// 4% of a whole run) for ledgers about a fifth larger. States of earlier
// runs still restore, since --update copies them into the new ledger as
// they are: gob bytes as a Snappy block behind the byte stateSnappy, and
// before those gob bytes in zstd frames, which begin with the byte 0x28.
const (
	stateSnappy = 0x01
	stateBin    = 0x02
)

// zdec serves DecodeAll, which is safe for concurrent use: readState
// reads the saved run with it, and RestoreState earlier runs' zstd states.
var zdec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))

// EncodeState is a post's processed form, for the ledger.
func EncodeState(d *pipeline.Doc) ([]byte, error) {
	e := stateEncs.Get().(*stateEnc)
	defer stateEncs.Put(e)
	st := docState{Post: d.Post, Mentions: d.Mentions, Quotes: d.Quotes, Keywords: d.Keywords, SimHash: d.SimHash, Terms: e.terms[:0]}
	// Not sorted (sorting took a third of the states' time): the order
	// is the keyword stage's, and RestoreState sorts.
	for _, tw := range d.TermWords {
		st.Terms = append(st.Terms, termCount{tw.Term, int(tw.Count)})
	}
	raw, err := appendStateBin(e.raw[:0], &st)
	clear(st.Terms) // the pool keeps the slice, not the terms
	e.terms = st.Terms[:0]
	if err != nil {
		return nil, err
	}
	e.raw = raw
	n := s2.MaxEncodedLen(len(raw))
	if n < 0 {
		return nil, fmt.Errorf("ledger state: %d bytes, too large", len(raw))
	}
	if cap(e.packed) < 1+n {
		e.packed = make([]byte, 1+n)
	}
	// Compressed into the kept buffer, then copied out at its size: the
	// state lives until the writer has it, and the bound is above the raw
	// length.
	packed := s2.EncodeSnappy(e.packed[1:cap(e.packed)], raw)
	out := make([]byte, 1+len(packed))
	out[0] = stateBin
	copy(out[1:], packed)
	return out, nil
}

// stateEnc holds one encoding's buffers for the next.
type stateEnc struct {
	raw    []byte
	terms  []termCount
	packed []byte
}

var stateEncs = sync.Pool{New: func() any { return new(stateEnc) }}

// decodeState reads a state in any of the forms runs have written.
func decodeState(b []byte) (*docState, error) {
	if len(b) > 0 && b[0] == stateBin {
		raw, err := s2.Decode(nil, b[1:])
		if err != nil {
			return nil, err
		}
		return decodeStateBin(raw)
	}
	var raw []byte
	var err error
	if len(b) > 0 && b[0] == stateSnappy {
		raw, err = s2.Decode(nil, b[1:])
	} else {
		raw, err = zdec.DecodeAll(b, nil)
	}
	if err != nil {
		return nil, err
	}
	var st docState
	if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(&st); err != nil {
		return nil, err
	}
	return &st, nil
}

// RestoreState fills d with the processed form EncodeState made.
func RestoreState(d *pipeline.Doc, b []byte) error {
	st, err := decodeState(b)
	if err != nil {
		return err
	}
	if st.Post == nil {
		return fmt.Errorf("ledger state without a post")
	}
	d.Post, d.Mentions, d.Quotes, d.Keywords, d.SimHash = st.Post, st.Mentions, st.Quotes, st.Keywords, st.SimHash
	// In text order, whatever order the state holds them in: a post
	// restores the same from a state of this run or of an earlier one.
	d.TermWords = make([]pipeline.TermWord, len(st.Terms))
	for i, tc := range st.Terms {
		d.TermWords[i] = pipeline.TermWord{Term: tc.Term, Count: int32(tc.Count)}
	}
	slices.SortFunc(d.TermWords, func(a, b pipeline.TermWord) int { return strings.Compare(a.Term, b.Term) })
	return nil
}

// StateStage computes each document's ledger state (EncodeState) on the
// workers rather than in the sink, which is one goroutine and the run's
// narrowest point (the states are about 2% of a run's processor time).
// Run it after every other stage.
type StateStage struct{}

// Name implements pipeline.Stage.
func (StateStage) Name() string { return "state" }

// Process implements pipeline.Stage.
func (StateStage) Process(_ context.Context, d *pipeline.Doc) error {
	if d.Post == nil {
		return nil
	}
	b, err := EncodeState(d)
	d.State = b
	return err
}

// ledgerRow is one input of the run.
type ledgerRow struct {
	d     *pipeline.Doc
	state []byte
}

func ledgerColumns() []column[ledgerRow] {
	type L = ledgerRow
	return []column[L]{
		strCol("archive", func(r L) string { return PathText(r.d.Source.Archive) }),
		strCol("path", func(r L) string { return PathText(r.d.Source.Path) }),
		optStrCol("doc_id", func(r L) string { return r.d.ID }),
		int64Col("size", func(r L) int64 { return r.d.Source.Size }),
		unranged(plain(optStrCol("content_hash", func(r L) string {
			if r.d.Hash != "" {
				return r.d.Hash
			}
			if r.d.Post == nil {
				return ""
			}
			return r.d.Post.Blob
		}))),
		strCol("table", func(r L) string {
			if r.d.Err != nil {
				return "errors"
			}
			return "documents"
		}),
		int64Col("seq", func(r L) int64 { return r.d.Seq }),
		int64Col("mtime_ns", func(r L) int64 {
			if r.d.Source.ModTime.IsZero() {
				return 0
			}
			return r.d.Source.ModTime.UnixNano()
		}),
		binCol("state", func(r L) []byte { return r.state }),
	}
}

// Earlier is the ledger of an earlier run in a directory: what --update
// may keep or restore rather than process. It keeps an index of the
// ledger in memory (origin, id, hash: about 200 bytes a post) and reads the
// posts' processed forms from the part files as they are asked for, in
// ledger order, so that memory does not grow with the archive; a post
// asked for out of that order (an archive reordered) is processed again
// instead.
type Earlier struct {
	byKey map[ledgerKey]earlierEntry
	// rows is every input of the earlier run, in its input order.
	rows []Input

	files      []string
	part       int // index in files of the part being read
	rdr        *file.Reader
	rr         pqarrow.RecordReader
	batch      *array.Binary
	batchStart int64 // ledger row of batch's first value
	next       int64 // ledger row after the last batch read
}

// Input is one input of an earlier run, as its ledger tells it.
type Input struct {
	Archive, Path string // as PathText renders them
	DocID, Hash   string // Hash: empty when the bytes were never read
	Size          int64
	MTime         int64 // modification time, Unix nanoseconds; 0 when unknown
	Doc           bool  // a documents row (else an errors row)
}

type ledgerKey struct{ archive, path string }

type earlierEntry struct {
	docID, hash string
	row         int64
}

// ledgerColumn returns the index of a ledger column, whose columns are
// all flat (leaf index = field index).
func ledgerColumn(name string) int {
	for i, c := range ledgerColumns() {
		if c.field.Name == name {
			return i
		}
	}
	panic("no ledger column " + name)
}

// ReadLedger reads the index of the ledger of the run in dir. Close it
// after use.
func ReadLedger(dir string) (*Earlier, error) {
	files, err := TableParts(dir, "ledger")
	if err != nil {
		return nil, err
	}
	e := &Earlier{byKey: map[ledgerKey]earlierEntry{}, files: files, part: -1}
	for _, f := range files {
		if err := e.readIndex(f); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
	}
	return e, nil
}

func (e *Earlier) readIndex(path string) error {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return err
	}
	defer rdr.Close()
	if rdr.MetaData().Schema.NumColumns() != len(ledgerColumns()) {
		return fmt.Errorf("not a ledger of this version")
	}
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.NewGoAllocator())
	if err != nil {
		return err
	}
	names := []string{"archive", "path", "doc_id", "content_hash", "table"}
	var cols []int
	for _, n := range names {
		cols = append(cols, ledgerColumn(n))
	}
	cols = append(cols, ledgerColumn("size"), ledgerColumn("mtime_ns"))
	rr, err := fr.GetRecordReader(context.Background(), cols, nil)
	if err != nil {
		return err
	}
	defer rr.Release()
	row := int64(len(e.rows))
	for rr.Next() {
		rec := rr.RecordBatch()
		var str [5]*array.String
		for i := range names {
			s, ok := rec.Column(i).(*array.String)
			if !ok {
				return fmt.Errorf("not a ledger of this version")
			}
			str[i] = s
		}
		size, ok := rec.Column(len(names)).(*array.Int64)
		mtime, ok2 := rec.Column(len(names) + 1).(*array.Int64)
		if !ok || !ok2 {
			return fmt.Errorf("not a ledger of this version")
		}
		arch, path, id, hash, tbl := str[0], str[1], str[2], str[3], str[4]
		for i := 0; i < int(rec.NumRows()); i, row = i+1, row+1 {
			in := Input{Archive: arch.Value(i), Path: path.Value(i), DocID: id.Value(i), Size: size.Value(i), MTime: mtime.Value(i), Doc: tbl.Value(i) == "documents"}
			if !hash.IsNull(i) {
				in.Hash = hash.Value(i)
			}
			e.rows = append(e.rows, in)
			if !in.Doc || in.Hash == "" {
				continue
			}
			e.byKey[ledgerKey{in.Archive, in.Path}] = earlierEntry{docID: in.DocID, hash: in.Hash, row: row}
		}
	}
	return rr.Err()
}

// Inputs returns every input of the earlier run, in its input order.
func (e *Earlier) Inputs() []Input { return e.rows }

// openPart starts reading the processed forms of the next part file.
func (e *Earlier) openPart() bool {
	e.closePart()
	e.part++
	if e.part >= len(e.files) {
		return false
	}
	rdr, err := file.OpenParquetFile(e.files[e.part], false)
	if err != nil {
		return false
	}
	e.rdr = rdr
	// The processed forms, read as asked for, a few hundred at a time.
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 256}, memory.NewGoAllocator())
	if err != nil {
		return false
	}
	e.rr, err = fr.GetRecordReader(context.Background(), []int{ledgerColumn("state")}, nil)
	return err == nil
}

func (e *Earlier) closePart() {
	if e.rr != nil {
		e.rr.Release()
		e.rr = nil
	}
	if e.rdr != nil {
		e.rdr.Close()
		e.rdr = nil
	}
	e.batch = nil
}

// Lookup returns the processed form of a post of the earlier run with the
// same origin, id and content hash. It is not safe for concurrent use.
func (e *Earlier) Lookup(d *pipeline.Doc, hash string) ([]byte, bool) {
	en, ok := e.byKey[ledgerKey{PathText(d.Source.Archive), PathText(d.Source.Path)}]
	if !ok || en.docID != d.ID || en.hash != hash {
		return nil, false
	}
	for {
		if e.batch != nil && en.row >= e.batchStart && en.row < e.next {
			return bytes.Clone(e.batch.Value(int(en.row - e.batchStart))), true
		}
		if en.row < e.next {
			return nil, false
		}
		for e.rr == nil || !e.rr.Next() {
			if e.part >= len(e.files) || !e.openPart() {
				return nil, false
			}
		}
		rec := e.rr.RecordBatch()
		b, ok := rec.Column(0).(*array.Binary)
		if !ok {
			return nil, false
		}
		e.batch, e.batchStart, e.next = b, e.next, e.next+rec.NumRows()
	}
}

// Len is the number of documents the earlier run holds.
func (e *Earlier) Len() int { return len(e.byKey) }

// Close releases the ledger file.
func (e *Earlier) Close() error {
	e.closePart()
	return nil
}

// ReadMeta returns the key-value metadata (version, settings, model
// checksums) of the run in dir, from its ledger.
func ReadMeta(dir string) (map[string]string, error) {
	files, err := TableParts(dir, "ledger")
	if err != nil {
		return nil, err
	}
	rdr, err := file.OpenParquetFile(files[0], false)
	if err != nil {
		return nil, err
	}
	defer rdr.Close()
	m := map[string]string{}
	kv := rdr.MetaData().KeyValueMetadata()
	for i, k := range kv.Keys() {
		m[k] = kv.Values()[i]
	}
	return m, nil
}
