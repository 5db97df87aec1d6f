package write

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/corpus"
)

func sampleOptions(extra Options) Options {
	extra.Meta = map[string]string{"newsnlp.version": "test"}
	return extra
}

// writeDocs writes docs into dir; kept ones are passed by as an update
// adding to the run in dir would.
func writeDocs(t *testing.T, dir string, opt Options, docs []*pipeline.Doc) {
	t.Helper()
	w, err := Open(dir, sampleOptions(opt))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// A run that adds posts to the run in a directory (Continue) leaves the
// earlier parts as they were and gives, part files together, the tables
// of a fresh run over every post: entities and near-duplicate groups
// included.
func TestContinueEqualsFreshRun(t *testing.T) {
	docs := sampleDocs()
	later := *docs[0] // the same text again: a near-duplicate of the first
	later.Seq, later.ID, later.Source.Path, later.SimHash = 3, "1111111111111111", "repo/again.md", 42
	docs[0].SimHash = 42
	all := append(docs, &later)

	fresh := t.TempDir()
	writeDocs(t, fresh, Options{}, all)
	// The saved state read by Open, or beforehand (ReadState) as an
	// update does while its models load.
	// (No "=" in the subtests' names: DuckDB reads a folder named k=v in
	// a path as a hive partition column.)
	for _, ahead := range []bool{false, true} {
		t.Run(map[bool]string{false: "read by Open", true: "read ahead"}[ahead], func(t *testing.T) {
			continueEqualsFresh(t, fresh, all, &later, ahead)
		})
	}
}

func continueEqualsFresh(t *testing.T, fresh string, all []*pipeline.Doc, later *pipeline.Doc, ahead bool) {
	docs := all[:3]
	dir := t.TempDir()
	writeDocs(t, dir, Options{}, all[:3])
	before := snapshot(t, dir)
	var next []*pipeline.Doc
	for _, d := range sampleDocs() {
		d.Kept = true
		next = append(next, d)
	}
	opt := Options{Continue: true}
	if ahead {
		st, err := ReadState(dir, opt.Corpus)
		if err != nil {
			t.Fatal(err)
		}
		opt.State = st
	}
	writeDocs(t, dir, opt, append(next, later))
	after := snapshot(t, dir)
	for _, name := range []string{"documents", "mentions", "quotes", "keywords", "errors", "ledger"} {
		p := part0(dir, name)
		if after[p] != before[p] {
			t.Errorf("%s: the earlier part changed", name)
		}
	}
	if parts, _ := TableParts(dir, "documents"); len(parts) != 2 {
		t.Errorf("documents: %d parts, want 2", len(parts))
	}
	if parts, _ := TableParts(dir, "errors"); len(parts) != 1 {
		t.Errorf("errors: %d parts, want 1 (no new errors, no new part)", len(parts))
	}
	if parts, _ := TableParts(dir, "entities"); len(parts) != 1 {
		t.Errorf("entities: %d parts, want 1", len(parts))
	}

	db := openDuck(t)
	for _, name := range Tables {
		a, b := filepath.Join(fresh, name, "*.parquet"), filepath.Join(dir, name, "*.parquet")
		for _, q := range [][2]string{{a, b}, {b, a}} {
			var n int64
			if err := db.QueryRow(`SELECT count(*) FROM (SELECT * FROM read_parquet(?) EXCEPT ALL SELECT * FROM read_parquet(?))`, q[0], q[1]).Scan(&n); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if n != 0 {
				t.Errorf("%s: %d rows of %s not in %s", name, n, q[0], q[1])
			}
		}
	}
	var group string
	db.QueryRow(`SELECT dup_group FROM read_parquet(?) WHERE doc_id = '1111111111111111'`, filepath.Join(dir, "documents", "*.parquet")).Scan(&group)
	if group != docs[0].ID {
		t.Errorf("the later copy's dup_group = %q, want %q", group, docs[0].ID)
	}
	var mentions int64
	db.QueryRow(`SELECT mention_count FROM read_parquet(?) WHERE entity_id = 'person:qin-gang'`, filepath.Join(dir, "entities", "*.parquet")).Scan(&mentions)
	if mentions != 4 {
		t.Errorf("person:qin-gang: %d mentions, want 4 (2 a post)", mentions)
	}
}

// Continue needs a state; a fresh run replaces the tables of the older
// one-file layout.
func TestContinueWithoutStateAndOldLayout(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir, Options{Continue: true}); !errors.Is(err, errNoState) {
		t.Errorf("Continue in an empty directory: %v", err)
	}
	if _, err := ReadState(dir, corpus.Options{}); !errors.Is(err, errNoState) {
		t.Errorf("ReadState of an empty directory: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "documents.parquet"), []byte("old layout"), 0o644)
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrExists) {
		t.Errorf("Open over the old layout: %v, want ErrExists", err)
	}
	writeDocs(t, dir, Options{Overwrite: true}, sampleDocs())
	if _, err := os.Stat(filepath.Join(dir, "documents.parquet")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old layout's table is still there: %v", err)
	}
}

// The statistics follow the saved run in its stream (StatsFollow); a state
// of an earlier version, the statistics inside the gob message, still
// reads. Both restore statistics that count as the saved ones did.
func TestStateStatsFollow(t *testing.T) {
	st := corpus.New(corpus.Options{})
	for i := range 200 {
		d := &pipeline.Doc{ID: fmt.Sprint("d", i), TermWords: []pipeline.TermWord{{Term: fmt.Sprint("t", i%7*(1+i%3)), Count: int32(5 + i%3)}, {Term: "共同", Count: 2}},
			Post: &pipeline.Post{Outlet: fmt.Sprint("o", i%3), Published: time.Date(2024, time.Month(1+i%4), 2, 0, 0, 0, 0, time.UTC)}, SimHash: uint64(i) << 30}
		d.Mentions = []pipeline.Mention{{EntityID: fmt.Sprint("person:", i%4), Type: "person"}, {EntityID: fmt.Sprint("person:", (i+1)%4), Type: "person"}}
		st.Add(d)
	}
	want, err := st.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	run := func() *savedRun {
		return &savedRun{Gen: 3, Rows: map[string]int64{"documents": 200}, Parts: map[string][]string{}}
	}
	for _, tc := range []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"streamed", func(w io.Writer) error { return writeState(w, run(), st) }},
		{"inside, as earlier versions wrote it", func(w io.Writer) error {
			s := run()
			s.Stats = want
			return writeState(w, s, nil)
		}},
	} {
		dir := t.TempDir()
		f, err := os.Create(filepath.Join(dir, stateName))
		if err != nil {
			t.Fatal(err)
		}
		if err := tc.write(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		got, err := readState(dir)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got.Gen != 3 || got.Rows["documents"] != 200 || len(got.Stats) != len(want) {
			t.Fatalf("%s: gen %d, rows %v, %d bytes of statistics, want %d", tc.name, got.Gen, got.Rows, len(got.Stats), len(want))
		}
		back, err := restoreStats(corpus.Options{}, got.Stats)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if k, w := back.Keyness(), st.Keyness(); len(w) == 0 || !reflect.DeepEqual(k, w) {
			t.Errorf("%s: keyness of the restored statistics differs (%d rows, want %d)", tc.name, len(k), len(w))
		}
		if c, w := back.Cooccurrence(), st.Cooccurrence(); len(w) == 0 || !reflect.DeepEqual(c, w) {
			t.Errorf("%s: cooccurrence of the restored statistics differs (%d rows, want %d)", tc.name, len(c), len(w))
		}
	}
}

// mentionDoc is a post naming n times, in turn, the entities of ids.
func mentionDoc(seq int, n int, ids ...string) *pipeline.Doc {
	d := &pipeline.Doc{Seq: int64(seq), ID: fmt.Sprintf("%016x", seq+1),
		Source: pipeline.Origin{Archive: "corpus", Path: fmt.Sprintf("p%d.md", seq)},
		Post:   &pipeline.Post{Format: "text", Encoding: "utf-8", Text: "x", Runes: 1}}
	for i := range n {
		id := ids[i%len(ids)]
		d.Mentions = append(d.Mentions, pipeline.Mention{EntityID: id, Type: "person", Surface: "x", Start: i, Stop: i + 1, Method: "test", Name: id})
	}
	return d
}

// A table that grows with the posts goes on in a new part every
// partGroups row groups, so that the writer holds the footers and Bloom
// filters of a bounded file; the parts read as the one table a single
// file held, in order, and an update's parts are numbered after them.
func TestPartsRoll(t *testing.T) {
	docs := []*pipeline.Doc{mentionDoc(0, maxGroupRows, "person:a", "person:b"), mentionDoc(1, maxGroupRows+5, "person:c")}
	later := mentionDoc(2, maxGroupRows, "person:d") // exactly one group
	one := t.TempDir()
	writeDocs(t, one, Options{}, append(docs, later))

	defer func(n int) { partGroups = n }(partGroups)
	partGroups = 1
	dir := t.TempDir()
	writeDocs(t, dir, Options{}, docs)
	names := func(table string) []string {
		t.Helper()
		parts, err := TableParts(dir, table)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range parts {
			parts[i] = filepath.Base(p)
		}
		return parts
	}
	// Two full groups rolled while writing, five rows left for the
	// close; one group of documents, written at the close.
	if got, want := names("mentions"), []string{"part-00000.parquet", "part-00001.parquet", "part-00002.parquet"}; !reflect.DeepEqual(got, want) {
		t.Errorf("mentions' parts %v, want %v", got, want)
	}
	if got := names("documents"); len(got) != 1 {
		t.Errorf("documents' parts %v, want one", got)
	}
	before := snapshot(t, dir)
	// An update: its parts come after every earlier one; a group that
	// fills its part exactly leaves no empty part behind.
	later.Kept = false
	for _, d := range docs {
		d.Kept = true
	}
	writeDocs(t, dir, Options{Continue: true}, append(docs, later))
	for p, b := range before {
		table := filepath.Base(filepath.Dir(p))
		if now, _ := os.ReadFile(p); perPost[table] && filepath.Ext(p) == ".parquet" && string(now) != b {
			t.Errorf("%s changed", p)
		}
	}
	if got, want := names("mentions"), []string{"part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet"}; !reflect.DeepEqual(got, want) {
		t.Errorf("mentions' parts after the update %v, want %v", got, want)
	}
	if got, want := names("documents"), []string{"part-00000.parquet", "part-00003.parquet"}; !reflect.DeepEqual(got, want) {
		t.Errorf("documents' parts after the update %v, want %v", got, want)
	}

	db := openDuck(t)
	for _, name := range Tables {
		var n int64
		q := `SELECT count(*) FROM (SELECT * FROM read_parquet(?) EXCEPT ALL SELECT * FROM read_parquet(?))`
		for _, ab := range [][2]string{{one, dir}, {dir, one}} {
			if err := db.QueryRow(q, filepath.Join(ab[0], name, "*.parquet"), filepath.Join(ab[1], name, "*.parquet")).Scan(&n); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if n != 0 {
				t.Errorf("%s: %d rows of %s not in %s", name, n, ab[0], ab[1])
			}
		}
	}
	// In the order written, part by part.
	var inOrder bool
	err := db.QueryRow(`SELECT bool_and(doc_id = lag_doc OR lag_doc IS NULL OR doc_id > lag_doc) FROM
		(SELECT doc_id, lag(doc_id) OVER (ORDER BY filename, file_row_number) AS lag_doc
		 FROM read_parquet(?, filename = true, file_row_number = true))`, filepath.Join(dir, "mentions", "*.parquet")).Scan(&inOrder)
	if err != nil || !inOrder {
		t.Errorf("mentions are not in input order across the parts (%v)", err)
	}
}
