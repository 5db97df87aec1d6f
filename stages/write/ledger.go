package write

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"
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
// may restore rather than process.
type Earlier struct {
	byKey map[ledgerKey]earlierEntry
}

type ledgerKey struct{ archive, path string }

type earlierEntry struct {
	docID, hash string
	state       []byte
}

// ReadLedger reads the ledger of the run in dir.
func ReadLedger(dir string) (*Earlier, error) {
	f, err := os.Open(filepath.Join(dir, "ledger.parquet"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rdr, err := file.NewParquetReader(f)
	if err != nil {
		return nil, fmt.Errorf("ledger.parquet: %w", err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.NewGoAllocator())
	if err != nil {
		return nil, err
	}
	rr, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		return nil, err
	}
	defer rr.Release()
	e := &Earlier{byKey: map[ledgerKey]earlierEntry{}}
	for rr.Next() {
		rec := rr.RecordBatch()
		col := func(name string) arrow.Array {
			if i := rec.Schema().FieldIndices(name); len(i) == 1 {
				return rec.Column(i[0])
			}
			return nil
		}
		arch, _ := col("archive").(*array.String)
		path, _ := col("path").(*array.String)
		id, _ := col("doc_id").(*array.String)
		hash, _ := col("content_hash").(*array.String)
		tbl, _ := col("table").(*array.String)
		state, _ := col("state").(*array.Binary)
		if arch == nil || path == nil || id == nil || hash == nil || tbl == nil || state == nil {
			return nil, fmt.Errorf("ledger.parquet: not a ledger of this version")
		}
		for i := 0; i < int(rec.NumRows()); i++ {
			if tbl.Value(i) != "documents" || hash.IsNull(i) {
				continue
			}
			e.byKey[ledgerKey{arch.Value(i), path.Value(i)}] = earlierEntry{
				docID: id.Value(i), hash: hash.Value(i), state: bytes.Clone(state.Value(i)),
			}
		}
	}
	if err := rr.Err(); err != nil {
		return nil, fmt.Errorf("ledger.parquet: %w", err)
	}
	return e, nil
}

// Lookup returns the processed form of a post of the earlier run with the
// same origin, id and content hash.
func (e *Earlier) Lookup(d *pipeline.Doc, hash string) ([]byte, bool) {
	en, ok := e.byKey[ledgerKey{PathText(d.Source.Archive), PathText(d.Source.Path)}]
	if !ok || en.docID != d.ID || en.hash != hash {
		return nil, false
	}
	return en.state, true
}

// Len is the number of documents the earlier run holds.
func (e *Earlier) Len() int { return len(e.byKey) }

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
