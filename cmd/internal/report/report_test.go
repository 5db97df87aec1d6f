package report

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in         string
		end        bool
		want       string
		wantFailed bool
	}{
		{"2020", false, "2020-01-01", false},
		{"2020", true, "2021-01-01", false},
		{"2020-05", false, "2020-05-01", false},
		{"2020-05", true, "2020-06-01", false},
		{"2020-12", true, "2021-01-01", false},
		{"2020-05-31", true, "2020-06-01", false},
		{" 2020-05-03 ", false, "2020-05-03", false},
		{"May 2020", false, "", true},
		{"2020-13", false, "", true},
		{"", false, "", true},
	} {
		got, err := ParseDate(c.in, c.end)
		if (err != nil) != c.wantFailed {
			t.Errorf("ParseDate(%q): error %v", c.in, err)
			continue
		}
		if err == nil && (got.Format("2006-01-02") != c.want || got.Location() != time.UTC) {
			t.Errorf("ParseDate(%q, %v) = %v, want %s UTC", c.in, c.end, got, c.want)
		}
	}
}

// writeParquet writes one int64 column "n" with the given values.
func writeParquet(t *testing.T, path string, vals ...int64) {
	t.Helper()
	mem := memory.NewGoAllocator()
	b := array.NewInt64Builder(mem)
	b.AppendValues(vals, nil)
	col := b.NewArray()
	defer col.Release()
	sch := arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64}}, nil)
	rec := array.NewRecordBatch(sch, []arrow.Array{col}, int64(len(vals)))
	defer rec.Release()
	tbl := array.NewTableFromRecords(sch, []arrow.RecordBatch{rec})
	defer tbl.Release()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := pqarrow.WriteTable(tbl, f, 2, parquet.NewWriterProperties(), pqarrow.DefaultWriterProps()); err != nil {
		t.Fatal(err)
	}
}

func readInts(t *testing.T, mem memory.Allocator, out, table string) ([]int64, error) {
	t.Helper()
	var got []int64
	err := scanTable(context.Background(), mem, out, table, []string{"n"}, func(cols []arrow.Array, n int) error {
		for i := range n {
			v, err := intAt(cols[0], i)
			if err != nil {
				return err
			}
			got = append(got, v)
		}
		return nil
	})
	return got, err
}

// TestTableLayouts: a table is OUT/<table>.parquet or a folder of part
// files, read in name order; and nothing read is left allocated.
func TestTableLayouts(t *testing.T) {
	out := t.TempDir()
	writeParquet(t, filepath.Join(out, "single.parquet"), 1, 2, 3)
	if err := os.Mkdir(filepath.Join(out, "parts"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeParquet(t, filepath.Join(out, "parts", "part-1.parquet"), 4, 5)
	writeParquet(t, filepath.Join(out, "parts", "part-0.parquet"), 1, 2, 3)
	if err := os.WriteFile(filepath.Join(out, "parts", "notes.txt"), []byte("not a part"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(out, "emptydir"), 0o755); err != nil {
		t.Fatal(err)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, c := range []struct {
		table string
		want  []int64
	}{{"single", []int64{1, 2, 3}}, {"parts", []int64{1, 2, 3, 4, 5}}} {
		got, err := readInts(t, mem, out, c.table)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: %v %v, want %v", c.table, got, err, c.want)
		}
	}
	for _, table := range []string{"missing", "emptydir"} {
		if _, err := readInts(t, mem, out, table); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %v, want a missing table", table, err)
		}
	}
	if _, err := readInts(t, mem, out, "single"); err != nil {
		t.Fatal(err)
	}
	err := scanTable(context.Background(), mem, out, "single", []string{"nope"}, func([]arrow.Array, int) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("a missing column: %v", err)
	}
	_, glob, err := tableFiles(out, "parts")
	if err != nil || glob != filepath.Join(out, "parts", "*.parquet") {
		t.Errorf("glob %q %v", glob, err)
	}
}

func TestMonthRangeAndTicks(t *testing.T) {
	ms := monthRange("2019-11", "2021-02")
	if len(ms) != 16 || ms[0] != "2019-11" || ms[2] != "2020-01" || ms[15] != "2021-02" {
		t.Fatalf("monthRange: %v", ms)
	}
	labels := func(max int) []string {
		var l []string
		for _, tk := range (monthTicks{ms, max}).Ticks(0, float64(len(ms)-1)) {
			l = append(l, tk.Label)
		}
		return l
	}
	if got := labels(20); len(got) != 16 || got[0] != "2019-11" {
		t.Errorf("every month: %v", got)
	}
	if got := labels(6); !slices.Equal(got, []string{"2020-01", "2020-04", "2020-07", "2020-10", "2021-01"}) {
		t.Errorf("quarters: %v", got)
	}
	if got := labels(3); !slices.Equal(got, []string{"2020", "2021"}) {
		t.Errorf("years: %v", got)
	}
}

// TestSpan: the months of the charts leave out sparse tails.
func TestSpan(t *testing.T) {
	d := &data{}
	add := func(month string, n int) {
		for range n {
			d.docs = append(d.docs, doc{month: month})
		}
	}
	add("1970-01", 1)
	add("2020-01", 300)
	add("2020-03", 300)
	add("2031-05", 1)
	b := &builder{d: d}
	if got := b.span(); len(got) != 3 || got[0] != "2020-01" || got[2] != "2020-03" {
		t.Errorf("span: %v", got)
	}
}

// TestOffer: a speaker keeps its best sample quotes in order.
func TestOffer(t *testing.T) {
	docs := []doc{{ms: 1, hasTS: true}, {ms: 5, hasTS: true}, {}}
	sp := &spAgg{}
	for _, q := range []sample{
		{quoteID: "a", inRange: false, conf: 0.9, doc: 1},
		{quoteID: "b", inRange: true, conf: 0.6, doc: 0},
		{quoteID: "c", inRange: true, conf: 0.6, doc: 1},
		{quoteID: "d", inRange: true, conf: 0.6, doc: 2},
		{quoteID: "e", inRange: true, conf: 0.8, doc: 2},
	} {
		sp.offer(q, docs)
	}
	var got []string
	for _, q := range sp.samples {
		got = append(got, q.quoteID)
	}
	if !slices.Equal(got, []string{"e", "c", "b"}) {
		t.Errorf("samples %v, want [e c b]", got)
	}
}

// TestFontFallback: without a CJK font the report still draws, with
// Liberation Sans.
func TestFontFallback(t *testing.T) {
	saved := cjkFonts
	cjkFonts = []string{filepath.Join(t.TempDir(), "none.ttc")}
	defer func() { cjkFonts = saved }()
	st := newStyle()
	if st.fontFile != "" {
		t.Fatalf("font %q", st.fontFile)
	}
	svg, err := st.hbars("", "posts", []string{"特朗普", "拜登"}, []float64{3, 2}, nil)
	if err != nil || !bytes.Contains([]byte(svg), []byte("特朗普")) || !strings.HasPrefix(string(svg), "<svg ") {
		t.Errorf("%v %.200s", err, svg)
	}
}
