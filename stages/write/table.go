package write

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// column is one column of a table of rows of type R: its Arrow field and how
// a row fills it.
type column[R any] struct {
	field arrow.Field
	add   func(b array.Builder, r R)
	// plain turns Parquet's dictionary encoding off: for columns whose
	// values rarely repeat (text, ids, URLs), where it only costs time.
	plain bool
	// unranged turns the column chunks' statistics (min, max) off: for
	// values no one filters by range (a post's text, its title, a quote's
	// text, paths, URLs, hashes, the ledger's states), whose minimum and
	// maximum cost a comparison of every value and prune no reads.
	unranged bool
	// bloom writes a Bloom filter of each column chunk: for ids analysts
	// look up by equality (a post, a person, a term) whose values are
	// hashes or are spread over every row group, so that minimum and
	// maximum prune nothing; DuckDB and Spark skip the row groups whose
	// filter rules the value out.
	bloom bool
	// stored turns compression off: for values compressed already.
	stored bool
	// large marks values of kilobytes (a post's text, a ledger state):
	// the table is then written in batches of largeBatch values (see
	// newTable).
	large bool
}

// table writes rows of type R to one Parquet file, a part of a table. The
// file is written under a temporary name and renamed into place by the
// commit, so that a part appears whole or not at all.
type table[R any] struct {
	name   string
	cols   []column[R]
	schema *arrow.Schema
	b      *array.RecordBuilder
	// The part being written: fw is nil between a part closed at roll
	// groups and the next row group (see flush).
	fw     *pqarrow.FileWriter
	f      *os.File
	tmp    string
	final  string
	folder string
	gen    int // the part's number
	props  *parquet.WriterProperties
	aprops pqarrow.ArrowWriterProperties
	// roll, when above 0, closes a part after that many row groups and
	// goes on in a part numbered one higher (see partGroups).
	roll    int
	groups  int    // row groups in the part being written
	done    []part // parts closed, complete under their temporary names
	rows    int    // rows in the builder
	total   int64
	pending int // approximate bytes in the builder
	// sizeOf estimates a row's bytes, to flush before the builder grows large.
	sizeOf func(R) int
	// sized: the large columns' data has room for the row group (see
	// append and flush).
	sized    bool
	finished bool // the file is closed
}

// Flush thresholds: a row group holds at most this many rows or bytes.
// Groups of 131,072 rows made the files of mentions, keywords, quotes and
// co-occurrence 2-20% smaller, but held eight times the rows in the
// builders and moved the writing of the smaller tables to the close (see
// README, Performance).
const (
	maxGroupRows  = 16384
	maxGroupBytes = 16 << 20
)

// Sizing of a large column's data (see append and flush): once a table
// bounded in bytes has this much in its first row group, its large
// columns get room for a whole group at once, plus groupHeadroom, so
// that a group a little larger than the one before does not double them.
const (
	sizeAfter     = 1 << 20
	groupHeadroom = 1 << 20
)

// A column's Bloom filter (see column.bloom) is sized to the distinct
// values its chunk holds: the writer keeps candidates of 32 KiB down to
// 2 KiB and writes the smallest that still meets bloomFPP. 32 KiB holds a
// full group's 16,384 distinct values at 1% false positives.
const (
	maxBloomBytes = 32 << 10
	bloomFPP      = 0.01
)

// largeBatch is the number of values a table with a large column hands
// the Parquet writer at a time. The writer checks a page's size only after
// each batch, 1,024 values by default: posts' texts (about 6 KB each) and
// ledger states (about 9 KB) made pages of 6-9 MB instead of the 1 MB page
// size, and each page's buffers (the encoder's, the page's copy, zstd's
// window) were allocated, cleared and copied at that size, about half of
// them as fresh large allocations that the runtime had to return to the
// system to stay under the memory limit. 64 values keep pages near 1 MB.
// The values written are the same; only page boundaries move.
const largeBatch = 64

// smallBatch is the number of values the other tables hand the Parquet
// writer at a time: 8,192 values of a few bytes each (ids, names,
// offsets) are well under a page, and each batch costs the writer a pass
// over its levels and a page-size check.
const smallBatch = 8192

// newTable starts part gen of table name: DIR/name/part-NNNNN.parquet,
// written under a hidden temporary name in the same folder.
func newTable[R any](mem memory.Allocator, dir, name string, gen int, cols []column[R], meta map[string]string, sizeOf func(R) int) (*table[R], error) {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = c.field
	}
	keys, vals := sortedMeta(meta)
	md := arrow.NewMetadata(keys, vals)
	schema := arrow.NewSchema(fields, &md)

	folder := filepath.Join(dir, name)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return nil, err
	}
	opts := []parquet.WriterProperty{
		parquet.WithAllocator(mem),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(1),
		parquet.WithCreatedBy("newsnlp"),
		parquet.WithMaxRowGroupLength(maxGroupRows),
		parquet.WithDictionaryDefault(true),
		parquet.WithStats(true),
		parquet.WithMaxBloomFilterBytes(maxBloomBytes),
	}
	batch := int64(smallBatch)
	for _, c := range cols {
		if c.large {
			batch = largeBatch
			break
		}
	}
	opts = append(opts, parquet.WithBatchSize(batch))
	for _, c := range cols {
		for _, l := range leaves(c.field) {
			// Numbers are written plain (zstd still compresses them): a
			// dictionary's hash table per column chunk cost more than
			// the few bytes it saved (see README, Performance).
			if c.plain || numeric(l.typ) {
				opts = append(opts, parquet.WithDictionaryFor(l.path, false))
			}
			if c.unranged {
				opts = append(opts, parquet.WithStatsFor(l.path, false))
			}
			if c.bloom {
				opts = append(opts, parquet.WithBloomFilterEnabledFor(l.path, true),
					parquet.WithAdaptiveBloomFilterEnabledFor(l.path, true),
					parquet.WithBloomFilterFPPFor(l.path, bloomFPP))
			}
			if c.stored {
				opts = append(opts, parquet.WithCompressionFor(l.path, compress.Codecs.Uncompressed))
			}
		}
	}
	t := &table[R]{
		name: name, cols: cols, schema: schema, b: array.NewRecordBuilder(mem, schema),
		folder: folder, gen: gen, sizeOf: sizeOf, props: parquet.NewWriterProperties(opts...),
		aprops: pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(mem)),
	}
	// The first part is made at once, so that a table without rows is
	// an empty file rather than none.
	if err := t.open(); err != nil {
		t.b.Release()
		os.Remove(folder) // fails, as it should, unless empty
		return nil, err
	}
	return t, nil
}

// part is a complete part file under its temporary name, and the name
// the commit gives it.
type part struct{ tmp, final string }

// open starts part t.gen under a hidden temporary name in the table's
// folder.
func (t *table[R]) open() error {
	f, err := os.CreateTemp(t.folder, "."+partName(t.gen)+".tmp-*")
	if err != nil {
		return err
	}
	var out io.WriteCloser = f
	if wrapOutput != nil {
		out = wrapOutput(f)
	}
	fw, err := pqarrow.NewFileWriter(t.schema, out, t.props, t.aprops)
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	t.fw, t.f, t.tmp, t.final, t.groups = fw, f, f.Name(), filepath.Join(t.folder, partName(t.gen)), 0
	return nil
}

// closePart completes the part being written (its footer and Bloom
// filters, which the Parquet writer holds until then) and keeps it for
// the commit.
func (t *table[R]) closePart() error {
	fw := t.fw
	t.fw = nil
	if err := fw.Close(); err != nil { // also closes the file
		os.Remove(t.tmp)
		return fmt.Errorf("%s: %w", t.name, err)
	}
	if err := os.Chmod(t.tmp, 0o644); err != nil {
		os.Remove(t.tmp)
		return err
	}
	t.done = append(t.done, part{t.tmp, t.final})
	return nil
}

// leaf is one Parquet column of an Arrow field: its dotted path as the
// Parquet writer's per-column properties name it, and its type.
type leaf struct {
	path string
	typ  arrow.DataType
}

// leaves lists the Parquet columns an Arrow field is written as. A list's
// values are at NAME.list.element and a struct's fields below it, and
// the writer's per-column options name these paths: an option for a
// nested field's own name sets nothing.
func leaves(f arrow.Field) []leaf {
	var out []leaf
	var walk func(path string, t arrow.DataType)
	walk = func(path string, t arrow.DataType) {
		switch t := t.(type) {
		case *arrow.ListType:
			walk(path+".list.element", t.Elem())
		case *arrow.StructType:
			for _, sf := range t.Fields() {
				walk(path+"."+sf.Name, sf.Type)
			}
		default:
			out = append(out, leaf{path, t})
		}
	}
	walk(f.Name, f.Type)
	return out
}

// numeric reports a column of fixed-width numbers.
func numeric(t arrow.DataType) bool {
	switch t.ID() {
	case arrow.INT32, arrow.INT64, arrow.FLOAT64, arrow.TIMESTAMP, arrow.DATE32:
		return true
	}
	return false
}

// append adds a row, writing a row group when the builder is full.
func (t *table[R]) append(r R) error {
	for i, c := range t.cols {
		c.add(t.b.Field(i), r)
	}
	t.rows++
	t.total++
	if t.sizeOf != nil {
		t.pending += t.sizeOf(r)
		if !t.sized && t.pending >= sizeAfter {
			// A builder growing by doubling to a group's 16 MB
			// allocated, cleared and copied about twice that, in fresh
			// memory each time (page faults): a few percent of a run
			// of 2,000 posts.
			t.sized = true
			t.reserveLarge(maxGroupBytes + groupHeadroom)
		}
	}
	if t.rows >= maxGroupRows || t.pending >= maxGroupBytes {
		return t.flush(true)
	}
	return nil
}

// reserveLarge gives the large columns room for n bytes of data in all.
func (t *table[R]) reserveLarge(n int) {
	for i, c := range t.cols {
		if !c.large {
			continue
		}
		switch b := t.b.Field(i).(type) {
		case *array.BinaryBuilder:
			b.ReserveData(n - b.DataLen())
		case *array.StringBuilder:
			b.ReserveData(n - b.DataLen())
		}
	}
}

// flush writes the rows of the builder as a row group. With again, the
// builder is sized at once for a group like this one: its buffers pass
// to the record, and a builder that grew them anew by doubling would
// allocate and copy about twice the group's bytes (a sixth of a run's
// allocation went to that).
func (t *table[R]) flush(again bool) error {
	if t.rows == 0 {
		return nil
	}
	rows := t.rows
	var data []int
	if again {
		data = make([]int, len(t.cols))
		for i := range t.cols {
			if b, ok := t.b.Field(i).(*array.BinaryBuilder); ok {
				data[i] = b.DataLen()
			} else if b, ok := t.b.Field(i).(*array.StringBuilder); ok {
				data[i] = b.DataLen()
			}
		}
	}
	if t.fw == nil {
		t.gen++
		if err := t.open(); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	rec := t.b.NewRecordBatch()
	t.rows, t.pending = 0, 0
	err := t.fw.Write(rec)
	rec.Release()
	if err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	if t.groups++; t.roll > 0 && t.groups >= t.roll {
		if err := t.closePart(); err != nil {
			return err
		}
	}
	// Sized after the group is written and released, so that the two are
	// not held at once.
	if again {
		for i := range t.cols {
			f := t.b.Field(i)
			f.Reserve(rows)
			if data[i] == 0 {
				continue
			}
			if t.cols[i].large {
				// A group the size of this one plus some: exactly this
				// one's size, the next group, as likely larger as not,
				// doubled the buffer about every other time.
				data[i] += groupHeadroom
			}
			if b, ok := f.(*array.BinaryBuilder); ok {
				b.ReserveData(data[i])
			} else if b, ok := f.(*array.StringBuilder); ok {
				b.ReserveData(data[i])
			}
		}
		t.sized = true
	}
	return nil
}

// finish writes what is left and closes the temporary file, complete but
// not yet in place (see Writer.Close).
func (t *table[R]) finish() error {
	if err := t.flush(false); err != nil {
		t.abort()
		return err
	}
	t.finished = true
	t.b.Release()
	if t.fw != nil {
		if err := t.closePart(); err != nil {
			t.abort()
			return err
		}
	}
	return nil
}

// files are the table's parts in the order written: once ready or
// finished, every part it will have (the one being written last).
func (t *table[R]) files() []part {
	if t.fw == nil {
		return t.done
	}
	return append(t.done[:len(t.done):len(t.done)], part{t.tmp, t.final})
}

// ready opens the part that the rows left in the builder go to, if the
// last one was closed, so that files names every part before finish
// writes them (the commit's journal is made while they are written).
func (t *table[R]) ready() error {
	if t.fw != nil || t.rows == 0 || t.finished {
		return nil
	}
	t.gen++
	if err := t.open(); err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	return nil
}

// lastGen is the number of the table's last part.
func (t *table[R]) lastGen() int { return t.gen }

func (t *table[R]) rowCount() int64 { return t.total }

func (t *table[R]) isFinished() bool { return t.finished }

func (t *table[R]) tableName() string { return t.name }

// abort drops the table: no file is left behind, nor the table's folder
// when this run made it.
func (t *table[R]) abort() {
	if !t.finished {
		t.finished = true
		t.b.Release()
	}
	if t.fw != nil {
		t.fw.Close()
		t.f.Close()
		t.fw = nil
	}
	os.Remove(t.tmp)
	for _, p := range t.done {
		os.Remove(p.tmp)
	}
	t.done = nil
	os.Remove(t.folder) // fails, as it should, unless empty
}

// Column constructors. Each takes the field name and a getter.

func strCol[R any](name string, get func(R) string) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.BinaryTypes.String},
		add:   func(b array.Builder, r R) { b.(*array.StringBuilder).Append(get(r)) },
	}
}

// optStrCol is a string column where "" is stored as null.
func optStrCol[R any](name string, get func(R) string) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true},
		add: func(b array.Builder, r R) {
			if s := get(r); s != "" {
				b.(*array.StringBuilder).Append(s)
			} else {
				b.AppendNull()
			}
		},
	}
}

func plain[R any](c column[R]) column[R] {
	c.plain = true
	return c
}

// unranged writes a column without statistics, for values analysts do not
// filter by range (see column.unranged).
func unranged[R any](c column[R]) column[R] {
	c.unranged = true
	return c
}

// bloomed writes a Bloom filter of the column (see column.bloom).
func bloomed[R any](c column[R]) column[R] {
	c.bloom = true
	return c
}

// large marks a column of large values (see largeBatch).
func large[R any](c column[R]) column[R] {
	c.large = true
	return c
}

func int64Col[R any](name string, get func(R) int64) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int64},
		add:   func(b array.Builder, r R) { b.(*array.Int64Builder).Append(get(r)) },
	}
}

func int32Col[R any](name string, get func(R) int) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int32},
		add:   func(b array.Builder, r R) { b.(*array.Int32Builder).Append(int32(get(r))) },
	}
}

func float64Col[R any](name string, get func(R) float64) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Float64},
		add:   func(b array.Builder, r R) { b.(*array.Float64Builder).Append(get(r)) },
	}
}

func binCol[R any](name string, get func(R) []byte) column[R] {
	return column[R]{
		field:    arrow.Field{Name: name, Type: arrow.BinaryTypes.Binary},
		add:      func(b array.Builder, r R) { b.(*array.BinaryBuilder).Append(get(r)) },
		plain:    true,
		unranged: true,
		// The ledger's states are compressed each (Snappy blocks, see ledger.go).
		stored: true,
		large:  true,
	}
}

func boolCol[R any](name string, get func(R) bool) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.FixedWidthTypes.Boolean},
		add:   func(b array.Builder, r R) { b.(*array.BooleanBuilder).Append(get(r)) },
	}
}

var tsUTC = &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}

// tsCol is a UTC timestamp in milliseconds; the zero time is null.
func tsCol[R any](name string, get func(R) time.Time) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: tsUTC, Nullable: true},
		add: func(b array.Builder, r R) {
			t := get(r)
			if t.IsZero() {
				b.AppendNull()
				return
			}
			b.(*array.TimestampBuilder).Append(arrow.Timestamp(t.UnixMilli()))
		},
	}
}

// dateCol is a calendar date; the zero time is null.
func dateCol[R any](name string, get func(R) time.Time) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		add: func(b array.Builder, r R) {
			t := get(r)
			if t.IsZero() {
				b.AppendNull()
				return
			}
			b.(*array.Date32Builder).Append(arrow.Date32FromTime(t))
		},
	}
}

func strListCol[R any](name string, get func(R) []string) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.ListOf(arrow.BinaryTypes.String)},
		add: func(b array.Builder, r R) {
			lb := b.(*array.ListBuilder)
			lb.Append(true)
			vb := lb.ValueBuilder().(*array.StringBuilder)
			for _, s := range get(r) {
				vb.Append(s)
			}
		},
	}
}

// structField describes one field of a list<struct> column.
type structField[E any] struct {
	field arrow.Field
	add   func(b array.Builder, e E)
}

func sfStr[E any](name string, get func(E) string) structField[E] {
	return structField[E]{
		field: arrow.Field{Name: name, Type: arrow.BinaryTypes.String},
		add:   func(b array.Builder, e E) { b.(*array.StringBuilder).Append(get(e)) },
	}
}

func sfInt32[E any](name string, get func(E) int) structField[E] {
	return structField[E]{
		field: arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int32},
		add:   func(b array.Builder, e E) { b.(*array.Int32Builder).Append(int32(get(e))) },
	}
}

// structListCol is a list of structs, one per element of get(r).
func structListCol[R, E any](name string, get func(R) []E, fields ...structField[E]) column[R] {
	afs := make([]arrow.Field, len(fields))
	for i, f := range fields {
		afs[i] = f.field
	}
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.ListOf(arrow.StructOf(afs...))},
		add: func(b array.Builder, r R) {
			lb := b.(*array.ListBuilder)
			lb.Append(true)
			sb := lb.ValueBuilder().(*array.StructBuilder)
			for _, e := range get(r) {
				sb.Append(true)
				for i, f := range fields {
					f.add(sb.FieldBuilder(i), e)
				}
			}
		},
	}
}
