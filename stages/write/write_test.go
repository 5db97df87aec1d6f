package write

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/newsnlp/newsnlp/pipeline"
)

var published = time.Date(2022, 7, 21, 11, 59, 37, 0, time.UTC)

func sampleDocs() []*pipeline.Doc {
	good := &pipeline.Doc{
		Seq: 0, ID: "0123456789abcdef",
		Source: pipeline.Origin{Archive: "corpus", Path: "repo/2022-07-21-秦刚\n.md", Size: 4645},
		Post: &pipeline.Post{
			Blob: "5c638c635bd20f54476598ab25ae9b6521e2d2c2", Format: "jekyll", Encoding: "utf-8",
			Layout: "post", Title: "秦刚称中俄不是盟友", Author: "大纪元", Outlet: "大纪元",
			URL: "https://www.epochtimes.com/gb/22/7/21/n13785999.htm", Tags: []string{"大纪元"},
			Categories: []string{"news", "大纪元"}, Comments: true, DateRaw: "2022-07-21T11:59:37.000Z",
			Published: published, SourceTS: published, Script: "simplified",
			Dateline: "大纪元2022年07月21日讯", DatelineDate: time.Date(2022, 7, 21, 0, 0, 0, 0, time.UTC),
			Reporters: []string{"徐简"}, Editors: []string{"李寰宇"},
			Text: "秦刚称中俄不是盟友\n秦刚说：“中俄不是盟友关系。”", Runes: 26,
			Spans:    []pipeline.Span{{Kind: "title", Start: 0, Stop: 9}, {Kind: "paragraph", Start: 10, Stop: 26}},
			Media:    []pipeline.Media{{Kind: "image", Src: "https://x/a.jpg", Alt: "王毅"}},
			Links:    []pipeline.Link{{Href: "/tag/秦刚", Text: "秦刚", Start: 10, Stop: 12}},
			Warnings: nil,
		},
		Mentions: []pipeline.Mention{
			{EntityID: "person:qin-gang", Type: "person", Surface: "秦刚", Start: 0, Stop: 2, Method: "lexicon", Name: "秦刚"},
			{EntityID: "country:CHN", Type: "country", Surface: "中", Start: 3, Stop: 4, Method: "compound", Name: "中国"},
			{EntityID: "person:qin-gang", Type: "person", Surface: "秦刚", Start: 10, Stop: 12, Method: "lexicon", Name: "秦刚"},
			{EntityID: "person:某人", Type: "person", Surface: "某人", Start: 20, Stop: 22, Method: "speech", Name: "某人"},
		},
		Quotes: []pipeline.Quote{{ID: "0123456789abcdef:1", Kind: "direct", Text: "中俄不是盟友关系。", Start: 15, Stop: 24,
			Speaker: "秦刚", SpeakerEntityID: "person:qin-gang", SpeakerType: "person", Cue: "说", Rule: "cue-before", Confidence: 0.9}},
	}
	empty := &pipeline.Doc{
		Seq: 1, ID: "fedcba9876543210", Source: pipeline.Origin{Archive: "corpus", Path: "bad-\xd6\xd0.md", Size: 0},
		Err: &pipeline.DocError{Stage: "parse", Err: "empty file"},
	}
	bare := &pipeline.Doc{
		Seq: 2, ID: "00000000000000ff", Source: pipeline.Origin{Archive: "corpus", Path: "bare.md", Size: 3},
		Post: &pipeline.Post{Format: "text", Encoding: "utf-8", Text: "abc", Runes: 3},
	}
	return []*pipeline.Doc{good, empty, bare}
}

func writeSample(t *testing.T, dir string, mem memory.Allocator) {
	t.Helper()
	writeSampleOpts(t, dir, mem, false)
}

func writeSampleOverwrite(t *testing.T, dir string) { writeSampleOpts(t, dir, nil, true) }

func writeSampleOpts(t *testing.T, dir string, mem memory.Allocator, overwrite bool) {
	t.Helper()
	lookup := func(id string) (EntityInfo, bool) {
		if id == "person:qin-gang" {
			return EntityInfo{Name: "秦刚", NameEn: "Qin Gang", Country: "CHN", Aliases: []string{"秦剛"}}, true
		}
		return EntityInfo{}, false
	}
	w, err := Open(dir, Options{Meta: map[string]string{"newsnlp.version": "test"}, Allocator: mem, Entity: lookup, Overwrite: overwrite})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range sampleDocs() {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func readTable(t *testing.T, path string) arrow.Table {
	t.Helper()
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	if v := rdr.MetaData().KeyValueMetadata().FindValue("newsnlp.version"); v == nil || *v != "test" {
		t.Errorf("%s: metadata newsnlp.version = %v", path, v)
	}
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

func TestWriterRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	dir := t.TempDir()
	writeSample(t, dir, mem)

	docs := readTable(t, part0(dir, "documents"))
	defer docs.Release()
	if docs.NumRows() != 2 {
		t.Fatalf("documents: %d rows", docs.NumRows())
	}
	rec := array.NewTableReader(docs, 10)
	defer rec.Release()
	rec.Next()
	r := rec.RecordBatch()
	col := func(name string) arrow.Array {
		i := r.Schema().FieldIndices(name)
		if len(i) != 1 {
			t.Fatalf("no column %s", name)
		}
		return r.Column(i[0])
	}
	if got := col("doc_id").(*array.String).Value(0); got != "0123456789abcdef" {
		t.Errorf("doc_id = %q", got)
	}
	if got := col("path").(*array.String).Value(0); got != "repo/2022-07-21-秦刚\n.md" {
		t.Errorf("path = %q", got)
	}
	if got := col("published_at").(*array.Timestamp).Value(0); got != arrow.Timestamp(published.UnixMilli()) {
		t.Errorf("published_at = %v", got)
	}
	if !col("published_at").IsNull(1) || !col("outlet").IsNull(1) {
		t.Error("zero time and empty outlet should be null")
	}
	if ty := col("published_at").DataType().(*arrow.TimestampType); ty.TimeZone != "UTC" || ty.Unit != arrow.Millisecond {
		t.Errorf("published_at type %v", ty)
	}
	cats := col("categories").(*array.List)
	start, end := cats.ValueOffsets(0)
	vals := cats.ListValues().(*array.String)
	var got []string
	for i := start; i < end; i++ {
		got = append(got, vals.Value(int(i)))
	}
	if !slices.Equal(got, []string{"news", "大纪元"}) {
		t.Errorf("categories = %q", got)
	}
	spans := col("spans").(*array.List)
	if s, e := spans.ValueOffsets(0); e-s != 2 {
		t.Errorf("spans of doc 0: %d", e-s)
	}
	if got := col("text").(*array.String).Value(0); !strings.HasPrefix(got, "秦刚称中俄") {
		t.Errorf("text = %q", got)
	}

	errs := readTable(t, part0(dir, "errors"))
	defer errs.Release()
	if errs.NumRows() != 1 {
		t.Fatalf("errors: %d rows", errs.NumRows())
	}
	ments := readTable(t, part0(dir, "mentions"))
	defer ments.Release()
	if ments.NumRows() != 4 {
		t.Errorf("mentions: %d rows", ments.NumRows())
	}
	ents := readTable(t, part0(dir, "entities"))
	defer ents.Release()
	if ents.NumRows() != 3 {
		t.Errorf("entities: %d rows", ents.NumRows())
	}

	// Nothing but the tables' parts and the state is left in the directory.
	var names []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, rel)
		}
		return err
	})
	want := []string{stateName}
	for _, tbl := range Tables {
		want = append(want, filepath.Join(tbl, "part-00000.parquet"))
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("directory holds %q", names)
	}
}

// part0 is the one part file of a table written by a fresh run into an
// empty directory.
func part0(dir, table string) string { return filepath.Join(dir, table, "part-00000.parquet") }

func TestWriterDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeSample(t, a, nil)
	writeSample(t, b, nil)
	for _, name := range Tables {
		x, _ := os.ReadFile(part0(a, name))
		y, _ := os.ReadFile(part0(b, name))
		if len(x) == 0 || string(x) != string(y) {
			t.Errorf("%s differs between two identical runs", name)
		}
	}
}

func TestWriterAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	writeSample(t, dir, nil)
	before, _ := os.ReadFile(part0(dir, "documents"))

	if _, err := Open(dir, Options{}); !errors.Is(err, ErrExists) {
		t.Fatalf("Open over an earlier run: %v, want ErrExists", err)
	}
	w, err := Open(dir, Options{Overwrite: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range sampleDocs() {
		w.Write(d)
	}
	w.Abort()
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(Tables)+1 {
		t.Errorf("abort left %d entries", len(entries))
	}
	for _, name := range Tables {
		if parts, _ := TableParts(dir, name); len(parts) != 1 {
			t.Errorf("abort left %s with %d parts", name, len(parts))
		}
	}
	after, _ := os.ReadFile(part0(dir, "documents"))
	if string(before) != string(after) {
		t.Error("abort changed the earlier run's table")
	}
}

func TestPathText(t *testing.T) {
	for in, want := range map[string]string{
		"a/b.md":          "a/b.md",
		"a\nb\x08.md":     "a\nb\x08.md",
		`x\"y".md`:        `x\"y".md`,
		"gbk-\xd6\xd0.md": `gbk-\xd6\xd0.md`,
		"\xff\\back.md":   `\xff\\back.md`,
		"中文 trailing .md": "中文 trailing .md",
	} {
		if got := PathText(in); got != want {
			t.Errorf("PathText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDuckDBReadsTables checks the files as analysts open them: DuckDB's
// types for lists, structs, timestamps and dates, and the offset contract
// in SQL.
func TestDuckDBReadsTables(t *testing.T) {
	dir := t.TempDir()
	writeSample(t, dir, nil)
	db := openDuck(t)
	docs := part0(dir, "documents")

	types := map[string]string{}
	rows, err := db.Query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))", docs)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n, ty string
		rows.Scan(&n, &ty)
		types[n] = ty
	}
	rows.Close()
	for col, want := range map[string]string{
		"doc_id":        "VARCHAR",
		"size":          "BIGINT",
		"published_at":  "TIMESTAMP WITH TIME ZONE",
		"dateline_date": "DATE",
		"tags":          "VARCHAR[]",
		"comments":      "BOOLEAN",
		"char_count":    "INTEGER",
		"spans":         `STRUCT(kind VARCHAR, "start" INTEGER, stop INTEGER)[]`,
		"links":         `STRUCT(href VARCHAR, "text" VARCHAR, "start" INTEGER, stop INTEGER)[]`,
	} {
		if types[col] != want {
			t.Errorf("DuckDB type of %s = %q, want %q", col, types[col], want)
		}
	}

	var title, epoch, link, reporter string
	var n int
	err = db.QueryRow(`
		SELECT title, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S'),
		       substring(text, links[1].start + 1, links[1].stop - links[1].start),
		       reporters[1], len(spans)
		FROM read_parquet(?) WHERE doc_id = '0123456789abcdef'`, docs).Scan(&title, &epoch, &link, &reporter, &n)
	if err != nil {
		t.Fatal(err)
	}
	if title != "秦刚称中俄不是盟友" || epoch != "2022-07-21 11:59:37" || link != "秦刚" || reporter != "徐简" || n != 2 {
		t.Errorf("DuckDB read %q %q %q %q %d", title, epoch, link, reporter, n)
	}
	// Mentions join documents, and the offsets give the surface in SQL.
	var bad, joined int
	if err := db.QueryRow(`SELECT count(*) FILTER (WHERE substring(d.text, m.start + 1, m.stop - m.start) <> m.surface), count(*)
		FROM read_parquet(?) m JOIN read_parquet(?) d USING (doc_id)`, part0(dir, "mentions"), docs).Scan(&bad, &joined); err != nil {
		t.Fatal(err)
	}
	if joined != 4 || bad != 1 { // the sample's 某人 is not at its offsets
		t.Errorf("mentions joined %d, %d surfaces differ from their offsets", joined, bad)
	}
	var qtext, speaker string
	var conf float64
	if err := db.QueryRow(`SELECT q.text, q.speaker, q.confidence FROM read_parquet(?) q JOIN read_parquet(?) d USING (doc_id)
		WHERE substring(d.text, q.start + 1, q.stop - q.start) = q.text`, part0(dir, "quotes"), docs).Scan(&qtext, &speaker, &conf); err != nil {
		t.Fatal(err)
	}
	if qtext != "中俄不是盟友关系。" || speaker != "秦刚" || conf != 0.9 {
		t.Errorf("quote row %q %q %v", qtext, speaker, conf)
	}
	var name, en, src string
	var docCount, mentionCount int
	if err := db.QueryRow("SELECT name, name_en, source, doc_count, mention_count FROM read_parquet(?) WHERE entity_id = 'person:qin-gang'",
		part0(dir, "entities")).Scan(&name, &en, &src, &docCount, &mentionCount); err != nil {
		t.Fatal(err)
	}
	if name != "秦刚" || en != "Qin Gang" || src != "lexicon" || docCount != 1 || mentionCount != 2 {
		t.Errorf("entity row %q %q %q %d %d", name, en, src, docCount, mentionCount)
	}
	var stage, path string
	if err := db.QueryRow("SELECT stage, path FROM read_parquet(?)", part0(dir, "errors")).Scan(&stage, &path); err != nil {
		t.Fatal(err)
	}
	if stage != "parse" || path != `bad-\xd6\xd0.md` {
		t.Errorf("errors row: %q %q", stage, path)
	}
}

// The temporary files a killed run left are removed by the next.
func TestOpenRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "mentions"), 0o755)
	for _, n := range []string{".documents.parquet.tmp-123", ".run.json.tmp-9", ".errors.parquet.tmp-x", "mentions/.part-00003.parquet.tmp-77", stateName + ".tmp-5"} {
		os.WriteFile(filepath.Join(dir, n), []byte("partial"), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	w, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if m, _ := filepath.Glob(filepath.Join(dir, "*", ".part*")); len(m) > 0 {
		t.Errorf("left %q", m)
	}
	for _, name := range Tables {
		os.Remove(filepath.Join(dir, name))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "notes.txt" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q", names)
	}
}

// A run killed at any step of its commit (a rename, a removal of a part
// it replaces) leaves, once the directory is opened again, all of its
// tables in place, never a mix with the earlier run's.
func TestCommitKilledWhileRenaming(t *testing.T) {
	ref := t.TempDir()
	writeSample(t, ref, nil)
	steps := 2*len(Tables) + 1 // renames (tables and state), removals
	for kill := range steps {
		dir := t.TempDir()
		writeSampleOverwrite(t, dir)
		// The earlier run: other bytes in every part.
		for _, name := range Tables {
			os.WriteFile(part0(dir, name), []byte("earlier run"), 0o644)
		}
		commitHook = func(i int) {
			if i == kill {
				panic("killed")
			}
		}
		func() {
			defer func() { recover() }()
			writeSampleOverwrite(t, dir)
		}()
		commitHook = nil
		if _, err := os.Stat(filepath.Join(dir, journalName)); err != nil {
			t.Fatalf("kill at step %d: no journal: %v", kill, err)
		}
		w, err := Open(dir, Options{Overwrite: true})
		if err != nil {
			t.Fatal(err)
		}
		w.Abort()
		for _, name := range Tables {
			parts, _ := TableParts(dir, name)
			if len(parts) != 1 {
				t.Errorf("kill at step %d: %s has %d parts", kill, name, len(parts))
				continue
			}
			x, _ := os.ReadFile(part0(ref, name))
			y, _ := os.ReadFile(parts[0])
			if string(x) != string(y) {
				t.Errorf("kill at step %d: %s is not the run's table", kill, name)
			}
		}
	}
}

// TestLargeValuesSmallPages checks that a column of large values is cut
// into pages near the Parquet writer's page size (1 MB), not into pages of
// the writer's default batch of 1,024 values (here 3 MB each; see
// largeBatch), and that every value reads back.
func TestLargeValuesSmallPages(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, Options{Meta: map[string]string{"newsnlp.version": "test"}})
	if err != nil {
		t.Fatal(err)
	}
	const n, size = 3000, 3000
	texts := make([]string, n)
	for i := range texts {
		texts[i] = strings.Repeat(string(rune('a'+i%26)), size-8) + fmt.Sprintf("%08d", i)
		d := &pipeline.Doc{Seq: int64(i), ID: fmt.Sprintf("%016x", i), Source: pipeline.Origin{Archive: "a", Path: fmt.Sprintf("%d.md", i), Size: size},
			Post: &pipeline.Post{Format: "text", Encoding: "utf-8", Text: texts[i], Runes: size}}
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rdr, err := file.OpenParquetFile(part0(dir, "documents"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	col := rdr.MetaData().Schema.ColumnIndexByName("text")
	if col < 0 {
		t.Fatal("no text column")
	}
	pages, most := 0, int32(0)
	for g := range rdr.NumRowGroups() {
		pr, err := rdr.RowGroup(g).GetColumnPageReader(col)
		if err != nil {
			t.Fatal(err)
		}
		for pr.Next() {
			if p, ok := pr.Page().(file.DataPage); ok {
				pages++
				most = max(most, p.UncompressedSize())
			}
		}
		if err := pr.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if most > 3<<19 {
		t.Errorf("largest page of the text column: %d bytes in %d pages, want at most 1.5 MB", most, pages)
	}
	tbl := readTable(t, part0(dir, "documents"))
	defer tbl.Release()
	got := 0
	ci := tbl.Schema().FieldIndices("text")[0]
	for _, ch := range tbl.Column(ci).Data().Chunks() {
		a := ch.(*array.String)
		for i := range a.Len() {
			if a.Value(i) != texts[got] {
				t.Fatalf("text %d differs", got)
			}
			got++
		}
	}
	if got != n {
		t.Errorf("%d texts read back, want %d", got, n)
	}
}

// TestLargeColumnSizedOnce checks that the documents' text column is not
// grown by doubling: once its first row group holds sizeAfter bytes, and
// in every later group, its data buffer has room for the whole group (no
// reallocation until the group is written), over three groups of texts of
// varying length.
func TestLargeColumnSizedOnce(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, Options{Meta: map[string]string{"newsnlp.version": "test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	col := -1
	for i, c := range w.docs.cols {
		if c.field.Name == "text" {
			col = i
		}
	}
	if col < 0 || !w.docs.cols[col].large {
		t.Fatal("no large text column")
	}
	text := func() *array.BinaryBuilder { return w.docs.b.Field(col).(*array.StringBuilder).BinaryBuilder }
	groups, grew := 0, 0
	for i := 0; groups < 3; i++ {
		size := 40000 + 20000*(i%3)
		d := &pipeline.Doc{Seq: int64(i), ID: fmt.Sprintf("%016x", i), Source: pipeline.Origin{Archive: "a", Path: fmt.Sprintf("%d.md", i), Size: int64(size)},
			Post: &pipeline.Post{Format: "text", Encoding: "utf-8", Text: strings.Repeat("x", size), Runes: size}}
		rows, before := w.docs.rows, text().DataCap()
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
		if w.docs.rows < rows {
			groups++ // the row was the group's last: written, builder sized anew
			continue
		}
		if after := text().DataCap(); after != before && (groups > 0 || w.docs.pending-docSize(d) >= sizeAfter) {
			grew++
			t.Errorf("group %d, row %d: the text column's data grew from %d to %d bytes", groups, w.docs.rows, before, after)
		}
		if grew > 3 {
			t.FailNow()
		}
	}
}

// TestNumbersPlain checks that number columns are written without a
// dictionary (plain, then compressed: smaller and cheaper on this
// output) and string columns with one, unless marked plain; nested
// columns (a list's values, a struct's fields) included. Statistics are
// kept but for the columns marked unranged.
func TestNumbersPlain(t *testing.T) {
	dir := t.TempDir()
	writeSample(t, dir, nil)
	for _, c := range []struct {
		table, column string
		dict, stats   bool
	}{
		{"mentions", "start", false, true}, {"mentions", "stop", false, true}, {"mentions", "entity_id", true, true}, {"mentions", "doc_id", true, true},
		{"quotes", "confidence", false, true}, {"quotes", "start", false, true}, {"quotes", "speaker", true, true}, {"quotes", "text", false, false},
		{"quotes", "quote_id", false, true},
		{"documents", "size", false, true}, {"documents", "published_at", false, true}, {"documents", "char_count", false, true}, {"documents", "outlet", true, true},
		{"documents", "text", false, false}, {"documents", "tags.list.element", true, true},
		{"documents", "spans.list.element.kind", true, true}, {"documents", "spans.list.element.start", false, true}, {"documents", "spans.list.element.stop", false, true},
		{"documents", "media.list.element.src", false, true}, {"documents", "media.list.element.alt", false, true},
		{"documents", "links.list.element.href", false, true}, {"documents", "links.list.element.text", false, true},
		{"documents", "links.list.element.start", false, true},
	} {
		rdr, err := file.OpenParquetFile(part0(dir, c.table), false)
		if err != nil {
			t.Fatal(err)
		}
		i := rdr.MetaData().Schema.ColumnIndexByName(c.column)
		if i < 0 {
			t.Fatalf("%s: no column %s", c.table, c.column)
		}
		cc, err := rdr.MetaData().RowGroup(0).ColumnChunk(i)
		if err != nil {
			t.Fatal(err)
		}
		if got := cc.HasDictionaryPage(); got != c.dict {
			t.Errorf("%s.%s: dictionary page %v, want %v", c.table, c.column, got, c.dict)
		}
		if got, _ := cc.StatsSet(); got != c.stats {
			t.Errorf("%s.%s: statistics %v, want %v", c.table, c.column, got, c.stats)
		}
		rdr.Close()
	}
}

// TestBloomFilters checks that the id columns analysts look up by
// equality carry Bloom filters: a value the chunk holds is kept, one it
// does not is ruled out, and a column without a filter rules nothing out.
// Read with arrow-go's reader, since DuckDB's parquet_bloom_probe names
// the wrong leaf once a list column precedes (documents.dup_group).
func TestBloomFilters(t *testing.T) {
	dir := t.TempDir()
	writeSample(t, dir, nil)
	for _, c := range []struct {
		table, column, present string
		bloom                  bool
	}{
		{"documents", "doc_id", "0123456789abcdef", true},
		{"documents", "dup_group", "00000000000000ff", true},
		{"mentions", "doc_id", "0123456789abcdef", true},
		{"mentions", "entity_id", "person:qin-gang", true},
		{"quotes", "doc_id", "0123456789abcdef", true},
		{"quotes", "speaker_entity_id", "person:qin-gang", true},
		{"mentions", "surface", "秦刚", false},
		{"quotes", "speaker", "秦刚", false},
	} {
		rdr, err := file.OpenParquetFile(part0(dir, c.table), false)
		if err != nil {
			t.Fatal(err)
		}
		i := rdr.MetaData().Schema.ColumnIndexByName(c.column)
		rg, err := rdr.GetBloomFilterReader().RowGroup(0)
		if err != nil {
			t.Fatal(err)
		}
		bf, err := rg.GetColumnBloomFilter(i)
		if err != nil {
			t.Fatal(err)
		}
		rdr.Close()
		if (bf != nil) != c.bloom {
			t.Errorf("%s.%s: Bloom filter %v, want %v", c.table, c.column, bf != nil, c.bloom)
			continue
		}
		if bf == nil {
			continue
		}
		has := func(v string) bool { return bf.CheckHash(metadata.GetHash(bf.Hasher(), parquet.ByteArray(v))) }
		if !has(c.present) {
			t.Errorf("%s.%s: the filter rules out %q, which the chunk holds", c.table, c.column, c.present)
		}
		if has("person:nobody-at-all") {
			t.Errorf("%s.%s: the filter keeps a value the chunk does not hold", c.table, c.column)
		}
	}
}

// TestDuckDBSkipsByBloom checks the point of the filters: DuckDB reads
// only the row group that can hold the id looked up, where the groups'
// minimum and maximum would have it read both.
func TestDuckDBSkipsByBloom(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, Options{Meta: map[string]string{"newsnlp.version": "test"}})
	if err != nil {
		t.Fatal(err)
	}
	// Two posts of maxGroupRows mentions each, both groups spanning
	// person:a … person:z; only the second names person:rare.
	for n, ids := range [][]string{{"person:a", "person:z"}, {"person:a", "person:rare", "person:z"}} {
		d := &pipeline.Doc{Seq: int64(n), ID: fmt.Sprintf("%016x", n+1),
			Source: pipeline.Origin{Archive: "corpus", Path: fmt.Sprintf("p%d.md", n)},
			Post:   &pipeline.Post{Format: "text", Encoding: "utf-8", Text: "x", Runes: 1}}
		for i := 0; i < maxGroupRows; i++ {
			id := ids[i%len(ids)]
			d.Mentions = append(d.Mentions, pipeline.Mention{EntityID: id, Type: "person", Surface: "x", Start: 0, Stop: 1, Method: "test", Name: id})
		}
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	db := openDuck(t)
	plan := duckPlan(t, db, "SELECT count(*) FROM read_parquet(?) WHERE entity_id = 'person:rare'", part0(dir, "mentions"))
	if !strings.Contains(plan, "Row Groups Scanned: 1 / 2") {
		t.Errorf("DuckDB did not skip the row group without person:rare:\n%s", plan)
	}
}

// TestDuckDBBloomAfterLists guards the documents table, whose filtered
// dup_group comes after list columns: DuckDB 2.0's parquet_bloom_probe
// reads the wrong leaf there, so the scan, which analysts rely on, must be
// seen to skip the right groups and still count every row.
func TestDuckDBBloomAfterLists(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, Options{Meta: map[string]string{"newsnlp.version": "test"}})
	if err != nil {
		t.Fatal(err)
	}
	// Posts of 6 MB each cut the documents into groups by bytes.
	text := strings.Repeat("x", 6<<20)
	var last string
	for n := 0; n < 6; n++ {
		d := &pipeline.Doc{Seq: int64(n), ID: fmt.Sprintf("%016x", n+1),
			Source: pipeline.Origin{Archive: "corpus", Path: fmt.Sprintf("p%d.md", n)},
			Post:   &pipeline.Post{Format: "text", Encoding: "utf-8", Text: text + fmt.Sprint(n), Runes: len(text) + 1}}
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
		last = d.ID
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	db := openDuck(t)
	docs := filepath.Join(dir, "documents", "*.parquet")
	var groups int
	if err := db.QueryRow("SELECT count(DISTINCT row_group_id) FROM parquet_metadata(?)", docs).Scan(&groups); err != nil {
		t.Fatal(err)
	}
	if groups < 2 {
		t.Fatalf("documents in %d row group, want several", groups)
	}
	for _, c := range []string{"doc_id", "dup_group"} {
		q := "SELECT count(*) FROM read_parquet(?) WHERE " + c + " = ?"
		var n int
		if err := db.QueryRow(q, docs, last).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%s = %s: %d rows, want 1", c, last, n)
		}
		if plan := duckPlan(t, db, q, docs, last); !strings.Contains(plan, fmt.Sprintf("Row Groups Scanned: 1 / %d", groups)) {
			t.Errorf("%s: DuckDB did not skip the groups without %s:\n%s", c, last, plan)
		}
	}
}

// openDuck opens an in-memory DuckDB, closed when the test ends.
func openDuck(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// duckPlan returns DuckDB's EXPLAIN ANALYZE of query.
func duckPlan(t *testing.T, db *sql.DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.Query("EXPLAIN ANALYZE "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(v)
	}
	return plan.String()
}
