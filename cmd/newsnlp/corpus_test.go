package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/newsnlp/newsnlp/stages/write"
)

// corpusDir returns the real corpus named by NEWSNLP_CORPUS. The test is
// skipped when the variable is unset, and fails when it is set but the
// corpus is not there: CI sets it, and a missing corpus must not pass.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		t.Skip("NEWSNLP_CORPUS not set")
	}
	for _, f := range []string{"news.tar.gz", "opinion.tar.gz", "MANIFEST.jsonl.gz"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("NEWSNLP_CORPUS=%s: %v", dir, err)
		}
	}
	return dir
}

// manifestEntry is one line of the corpus manifest.
type manifestEntry struct {
	File       string  `json:"file"`
	Archive    string  `json:"archive"`
	Title      *string `json:"title"`
	Date       *string `json:"date"`
	Author     *string `json:"author"`
	Categories *string `json:"categories"`
}

func readManifest(t testing.TB, dir string) map[string]manifestEntry {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "MANIFEST.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]manifestEntry{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e manifestEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		m[e.File] = e
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

func nonEmpty(s *string) bool {
	return s != nil && strings.Trim(strings.TrimSpace(*s), `"[] `) != ""
}

// TestCorpus runs the whole pipeline over the real corpus, reading both
// tarballs directly, and checks the tables against the corpus manifest.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	if testing.Short() {
		t.Skip("-short")
	}
	manifest := readManifest(t, dir)
	out := t.TempDir()
	code, _, stderr := runCLI(t, "run", "-q", filepath.Join(dir, "news.tar.gz"), filepath.Join(dir, "opinion.tar.gz"), "--out", out)
	if code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}

	var report runReport
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &report); err != nil {
		t.Fatal(err)
	}

	docs := readTable(t, onlyPart(t, out, "documents"))
	defer docs.Release()
	errs := readTable(t, onlyPart(t, out, "errors"))
	defer errs.Release()

	if got := docs.NumRows() + errs.NumRows(); got != int64(len(manifest)) || report.Files != int64(len(manifest)) {
		t.Errorf("documents %d + errors %d = %d rows, run.json files %d; the manifest lists %d posts",
			docs.NumRows(), errs.NumRows(), got, report.Files, len(manifest))
	}
	eachRow(t, errs, func(col func(string) arrow.Array, i int) {
		t.Errorf("real post rejected: %s: %s: %s", col("path").(*array.String).Value(i),
			col("stage").(*array.String).Value(i), col("error").(*array.String).Value(i))
	})

	seen := map[string]bool{}
	ids := map[string]bool{}
	var missingTitle, missingOutlet, missingDate int
	eachRow(t, docs, func(col func(string) arrow.Array, i int) {
		path := col("path").(*array.String).Value(i)
		seen[path] = true
		id := col("doc_id").(*array.String).Value(i)
		if ids[id] {
			t.Errorf("doc_id %s twice", id)
		}
		ids[id] = true
		e, ok := manifest[path]
		if !ok {
			t.Errorf("%q: not in the manifest", path)
			return
		}
		if nonEmpty(e.Title) && col("title").(*array.String).Value(i) == "" {
			missingTitle++
			t.Errorf("%q: no title; front matter has %s", path, *e.Title)
		}
		if (nonEmpty(e.Author) || nonEmpty(e.Categories)) && col("outlet").IsNull(i) {
			missingOutlet++
			t.Errorf("%q: no outlet", path)
		}
		if nonEmpty(e.Date) && col("published_at").IsNull(i) {
			missingDate++
			t.Errorf("%q: no published_at; front matter has %s", path, *e.Date)
		}
		text := col("text").(*array.String).Value(i)
		n := utf8.RuneCountInString(text)
		if int(col("char_count").(*array.Int32).Value(i)) != n {
			t.Errorf("%q: char_count %d, text has %d code points", path, col("char_count").(*array.Int32).Value(i), n)
		}
		checkSpans(t, path, col("spans").(*array.List), i, n)
		checkSpans(t, path, col("links").(*array.List), i, n)
	})
	checkMentions(t, docs, onlyPart(t, out, "mentions"), "surface")
	checkMentions(t, docs, onlyPart(t, out, "quotes"), "text")
	for _, name := range []string{"keywords", "keyness", "cooccurrence", "entities"} {
		tbl := readTable(t, onlyPart(t, out, name))
		if tbl.NumRows() == 0 {
			t.Errorf("%s is empty", name)
		}
		tbl.Release()
	}
	if len(seen) != len(manifest) {
		t.Errorf("%d distinct paths in documents, manifest has %d", len(seen), len(manifest))
	}
	t.Logf("%d documents, %d errors; missing title %d, outlet %d, date %d; %.1f MB/s",
		docs.NumRows(), errs.NumRows(), missingTitle, missingOutlet, missingDate, report.MBPerSecond)
}

// checkSpans asserts that every [start, stop) of a list<struct> row lies in
// a text of n code points.
func checkSpans(t *testing.T, path string, l *array.List, row, n int) {
	t.Helper()
	st := l.ListValues().(*array.Struct)
	var starts, stops *array.Int32
	for i := 0; i < st.NumField(); i++ {
		switch st.DataType().(*arrow.StructType).Field(i).Name {
		case "start":
			starts = st.Field(i).(*array.Int32)
		case "stop":
			stops = st.Field(i).(*array.Int32)
		}
	}
	a, b := l.ValueOffsets(row)
	for j := a; j < b; j++ {
		s, e := int(starts.Value(int(j))), int(stops.Value(int(j)))
		if s < 0 || e < s || e > n {
			t.Errorf("%q: span [%d, %d) outside text of %d", path, s, e, n)
		}
	}
}

// TestDeterministicAcrossWorkers checks that 1 and 4 workers give
// byte-identical tables, every one of them.
func TestDeterministicAcrossWorkers(t *testing.T) {
	in := filepath.Join("..", "..", "testdata", "posts")
	if dir := os.Getenv("NEWSNLP_CORPUS"); dir != "" && !testing.Short() {
		in = filepath.Join(corpusDir(t), "news.tar.gz")
	}
	var tables [2]map[string][]byte
	for i, w := range []string{"1", "4"} {
		out := t.TempDir()
		if code, _, stderr := runCLI(t, "run", "-q", "--workers", w, in, "--out", out); code != exitOK {
			t.Fatalf("workers %s: exit %d: %s", w, code, stderr)
		}
		tables[i] = map[string][]byte{}
		for _, name := range write.Tables {
			b, err := os.ReadFile(onlyPart(t, out, name))
			if err != nil {
				t.Fatal(err)
			}
			tables[i][name] = b
		}
	}
	for name, b := range tables[0] {
		if !bytes.Equal(b, tables[1][name]) {
			t.Errorf("%s differs between 1 and 4 workers", name)
		}
	}
}

// checkMentions asserts text[start:stop] == surface for every row of a table
// of spans (mentions, quotes). Both tables are in input order, so they are
// read side by side.
func checkMentions(t *testing.T, docs arrow.Table, path, surfaceCol string) {
	t.Helper()
	ms := readTable(t, path)
	defer ms.Release()
	type mention struct {
		doc, surface string
		start, stop  int
	}
	var all []mention
	eachRow(t, ms, func(col func(string) arrow.Array, i int) {
		all = append(all, mention{col("doc_id").(*array.String).Value(i), col(surfaceCol).(*array.String).Value(i),
			int(col("start").(*array.Int32).Value(i)), int(col("stop").(*array.Int32).Value(i))})
	})
	k, bad := 0, 0
	eachRow(t, docs, func(col func(string) arrow.Array, i int) {
		id := col("doc_id").(*array.String).Value(i)
		if k >= len(all) || all[k].doc != id {
			return
		}
		text := []rune(col("text").(*array.String).Value(i))
		for ; k < len(all) && all[k].doc == id; k++ {
			m := all[k]
			if m.start < 0 || m.stop > len(text) || m.start > m.stop || string(text[m.start:m.stop]) != m.surface {
				if bad++; bad <= 10 {
					t.Errorf("doc %s: mention %q at [%d,%d) does not match its text", id, m.surface, m.start, m.stop)
				}
			}
		}
	})
	if k != len(all) {
		t.Errorf("%d of %d mentions not in document order or of unknown documents", len(all)-k, len(all))
	}
	t.Logf("%d mentions, %d not at their offsets", len(all), bad)
}
