package write

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
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
// origin: the stages' output. Terms are sorted, so that equal posts give
// equal bytes.
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

// The encoder and decoder serve EncodeAll and DecodeAll, which are safe
// for concurrent use.
var (
	zenc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	zdec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
)

// EncodeState is a post's processed form, for the ledger.
func EncodeState(d *pipeline.Doc) ([]byte, error) {
	st := docState{Post: d.Post, Mentions: d.Mentions, Quotes: d.Quotes, Keywords: d.Keywords, SimHash: d.SimHash}
	for t, n := range d.Terms {
		st.Terms = append(st.Terms, termCount{t, n})
	}
	sort.Slice(st.Terms, func(i, j int) bool { return st.Terms[i].Term < st.Terms[j].Term })
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&st); err != nil {
		return nil, err
	}
	return zenc.EncodeAll(buf.Bytes(), nil), nil
}

// RestoreState fills d with the processed form EncodeState made.
func RestoreState(d *pipeline.Doc, b []byte) error {
	raw, err := zdec.DecodeAll(b, nil)
	if err != nil {
		return err
	}
	var st docState
	if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(&st); err != nil {
		return err
	}
	if st.Post == nil {
		return fmt.Errorf("ledger state without a post")
	}
	d.Post, d.Mentions, d.Quotes, d.Keywords, d.SimHash = st.Post, st.Mentions, st.Quotes, st.Keywords, st.SimHash
	d.Terms = make(map[string]int, len(st.Terms))
	for _, tc := range st.Terms {
		d.Terms[tc.Term] = tc.Count
	}
	return nil
}

// StateStage computes each document's ledger state (EncodeState) on the
// workers: in the sink, which is one goroutine, it would take about a
// tenth of a run's time. Run it after every other stage.
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
		plain(optStrCol("content_hash", func(r L) string {
			if r.d.Post == nil {
				return ""
			}
			return r.d.Post.Blob
		})),
		strCol("table", func(r L) string {
			if r.d.Err != nil {
				return "errors"
			}
			return "documents"
		}),
		int64Col("seq", func(r L) int64 { return r.d.Seq }),
		binCol("state", func(r L) []byte { return r.state }),
	}
}

// Earlier is the ledger of an earlier run in a directory: what --update
// may restore rather than process. It keeps an index of the ledger in
// memory (origin, id, hash: about 200 bytes a post) and reads the posts'
// processed forms from the file as they are asked for, in ledger order, so
// that memory does not grow with the archive; a post asked for out of that
// order (an archive reordered) is processed again instead.
type Earlier struct {
	byKey map[ledgerKey]earlierEntry

	f          *os.File
	rdr        *file.Reader
	rr         pqarrow.RecordReader
	batch      *array.Binary
	batchStart int64 // ledger row of batch's first value
	next       int64 // ledger row after the last batch read
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
	f, err := os.Open(filepath.Join(dir, "ledger.parquet"))
	if err != nil {
		return nil, err
	}
	e := &Earlier{byKey: map[ledgerKey]earlierEntry{}, f: f}
	if err := e.readIndex(); err != nil {
		e.Close()
		return nil, fmt.Errorf("ledger.parquet: %w", err)
	}
	return e, nil
}

func (e *Earlier) readIndex() error {
	rdr, err := file.NewParquetReader(e.f)
	if err != nil {
		return err
	}
	e.rdr = rdr
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
	rr, err := fr.GetRecordReader(context.Background(), cols, nil)
	if err != nil {
		return err
	}
	defer rr.Release()
	var row int64
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
		arch, path, id, hash, tbl := str[0], str[1], str[2], str[3], str[4]
		for i := 0; i < int(rec.NumRows()); i, row = i+1, row+1 {
			if tbl.Value(i) != "documents" || hash.IsNull(i) {
				continue
			}
			e.byKey[ledgerKey{arch.Value(i), path.Value(i)}] = earlierEntry{docID: id.Value(i), hash: hash.Value(i), row: row}
		}
	}
	if err := rr.Err(); err != nil {
		return err
	}
	// The processed forms, read as asked for, a few hundred at a time.
	fr, err = pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 256}, memory.NewGoAllocator())
	if err != nil {
		return err
	}
	e.rr, err = fr.GetRecordReader(context.Background(), []int{ledgerColumn("state")}, nil)
	return err
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
		if en.row < e.next || e.rr == nil || !e.rr.Next() {
			return nil, false
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
	if e.rr != nil {
		e.rr.Release()
		e.rr = nil
	}
	if e.rdr != nil {
		e.rdr.Close()
	}
	return e.f.Close()
}

// ReadMeta returns the key-value metadata (version, settings, model
// checksums) of the run in dir, from its ledger.
func ReadMeta(dir string) (map[string]string, error) {
	rdr, err := file.OpenParquetFile(filepath.Join(dir, "ledger.parquet"), false)
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
