package report

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// batchRows is the number of rows per record batch read: large tables
// (mentions, quotes) stream through in slices of this size.
const batchRows = 16 << 10

// tableFiles returns the Parquet files of a run's table: OUT/<table>.parquet,
// or the part files of a folder OUT/<table>/*.parquet (in name order), so
// that a report reads either layout. The glob is the form DuckDB's
// read_parquet takes for the same files.
func tableFiles(out, table string) (files []string, glob string, err error) {
	single := filepath.Join(out, table+".parquet")
	if st, err := os.Stat(single); err == nil && !st.IsDir() {
		return []string{single}, single, nil
	}
	dir := filepath.Join(out, table)
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		parts, err := filepath.Glob(filepath.Join(dir, "*.parquet"))
		if err != nil {
			return nil, "", err
		}
		sort.Strings(parts)
		if len(parts) > 0 {
			return parts, filepath.Join(dir, "*.parquet"), nil
		}
	}
	return nil, "", fmt.Errorf("table %s: neither %s nor %s/*.parquet: %w", table, single, dir, fs.ErrNotExist)
}

// scanTable streams the named columns of a table, batch by batch, to f.
// cols[i] of f's argument is the column named names[i]; a column the table
// lacks is an error. Batches are released after f returns: f must copy
// what it keeps.
func scanTable(ctx context.Context, mem memory.Allocator, out, table string, names []string, f func(cols []arrow.Array, n int) error) error {
	files, _, err := tableFiles(out, table)
	if err != nil {
		return err
	}
	for _, path := range files {
		if err := scanFile(ctx, mem, path, names, f); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}

func scanFile(ctx context.Context, mem memory.Allocator, path string, names []string, f func(cols []arrow.Array, n int) error) error {
	pf, err := file.OpenParquetFile(path, true)
	if err != nil {
		return err
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: batchRows}, mem)
	if err != nil {
		return err
	}
	var leaves []int
	for _, name := range names {
		found := false
		for _, fld := range fr.Manifest.Fields {
			if fld.Field.Name == name {
				leaves = appendLeaves(leaves, fld)
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("no column %q", name)
		}
	}
	rr, err := fr.GetRecordReader(ctx, leaves, nil)
	if err != nil {
		return err
	}
	defer rr.Release()
	cols := make([]arrow.Array, len(names))
	for rr.Next() {
		rec := rr.RecordBatch()
		sch := rec.Schema()
		for i, name := range names {
			idx := sch.FieldIndices(name)
			if len(idx) == 0 {
				return fmt.Errorf("no column %q in batch", name)
			}
			cols[i] = rec.Column(idx[0])
		}
		if err := f(cols, int(rec.NumRows())); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return rr.Err()
}

func appendLeaves(dst []int, fld pqarrow.SchemaField) []int {
	if fld.IsLeaf() {
		return append(dst, fld.ColIndex)
	}
	for _, c := range fld.Children {
		dst = appendLeaves(dst, c)
	}
	return dst
}

// strings reads a string column; nulls are "" with ok false.
type strs struct{ a *array.String }

func strCol(a arrow.Array) (strs, error) {
	s, ok := a.(*array.String)
	if !ok {
		return strs{}, fmt.Errorf("column %s is not a string column", a.DataType())
	}
	return strs{s}, nil
}

func (s strs) at(i int) (string, bool) {
	if s.a.IsNull(i) {
		return "", false
	}
	return s.a.Value(i), true
}

// str is at without the validity: null is "".
func (s strs) str(i int) string {
	if s.a.IsNull(i) {
		return ""
	}
	return s.a.Value(i)
}

// intAt reads an integer column of any width.
func intAt(a arrow.Array, i int) (int64, error) {
	switch c := a.(type) {
	case *array.Int64:
		return c.Value(i), nil
	case *array.Int32:
		return int64(c.Value(i)), nil
	case *array.Uint64:
		return int64(c.Value(i)), nil
	}
	return 0, fmt.Errorf("column %s is not an integer column", a.DataType())
}

func floatAt(a arrow.Array, i int) (float64, error) {
	switch c := a.(type) {
	case *array.Float64:
		return c.Value(i), nil
	case *array.Float32:
		return float64(c.Value(i)), nil
	}
	return 0, fmt.Errorf("column %s is not a float column", a.DataType())
}

// listStrings calls f for each string of row i of a list<string> column.
func listStrings(a arrow.Array, i int, f func(string)) error {
	l, ok := a.(*array.List)
	if !ok {
		return fmt.Errorf("column %s is not a list column", a.DataType())
	}
	vals, ok := l.ListValues().(*array.String)
	if !ok {
		return fmt.Errorf("column %s is not a list of strings", a.DataType())
	}
	if l.IsNull(i) {
		return nil
	}
	start, end := l.ValueOffsets(i)
	for j := start; j < end; j++ {
		if !vals.IsNull(int(j)) {
			f(vals.Value(int(j)))
		}
	}
	return nil
}
