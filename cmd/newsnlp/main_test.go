package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/newsnlp/newsnlp/stages/write"
)

// runCLI runs a command line in-process.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// readTable reads a Parquet file written by a run.
func readTable(t testing.TB, path string) arrow.Table {
	t.Helper()
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

// onlyPart is the part file of a table of a run that wrote it in one part
// (a fresh run).
func onlyPart(t testing.TB, out, table string) string {
	t.Helper()
	parts, err := write.TableParts(out, table)
	if err != nil || len(parts) != 1 {
		t.Fatalf("%s: %d parts (%v)", table, len(parts), err)
	}
	return parts[0]
}

// tableGlob is how DuckDB names a run's table: its folder of part files.
func tableGlob(out, table string) string { return filepath.Join(out, table, "*.parquet") }

// eachRow calls f for every row of tbl with a column accessor.
func eachRow(t testing.TB, tbl arrow.Table, f func(col func(string) arrow.Array, i int)) {
	tr := array.NewTableReader(tbl, 4096)
	defer tr.Release()
	for tr.Next() {
		rec := tr.RecordBatch()
		cols := map[string]arrow.Array{}
		for i, fld := range rec.Schema().Fields() {
			cols[fld.Name] = rec.Column(i)
		}
		col := func(name string) arrow.Array {
			c, ok := cols[name]
			if !ok {
				t.Fatalf("no column %s", name)
			}
			return c
		}
		for i := 0; i < int(rec.NumRows()); i++ {
			f(col, i)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{nil, exitUsage, "Usage"},
		{[]string{"frobnicate"}, exitUsage, "unknown command"},
		{[]string{"run", "--out", dir}, exitUsage, "no archive"},
		{[]string{"run", dir}, exitUsage, "--out DIR is required"},
		{[]string{"run", filepath.Join(dir, "missing"), "--out", dir}, exitUsage, "no such file"},
		{[]string{"run", dir, "--out", dir, "--include", "[x"}, exitUsage, "bad glob"},
		{[]string{"run", dir, "--out", dir, "--workers", "0"}, exitUsage, "workers"},
		{[]string{"run", "-h"}, exitOK, "Usage: newsnlp run"},
		{[]string{"inspect"}, exitUsage, "no post"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.msg)
		}
	}
}

func TestRunRefusesToOverwrite(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(in, "a.md"), []byte("---\ntitle: \"a\"\n---\n<p>x</p>"), 0o644)
	if code, _, stderr := runCLI(t, "run", "-q", in, "--out", out); code != exitOK {
		t.Fatalf("first run: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "run", "-q", in, "--out", out); code != exitFailed || !strings.Contains(stderr, "--overwrite") {
		t.Errorf("second run without --overwrite: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "run", "-q", "--overwrite", in, "--out", out); code != exitOK {
		t.Errorf("run with --overwrite: %d %s", code, stderr)
	}
}

func TestRunInterruptedLeavesNoTable(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	for i := range 200 {
		os.WriteFile(filepath.Join(in, strings.Repeat("x", i%7+1)+string(rune('a'+i%26))+".md"), []byte("<p>正文</p>"), 0o644)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errb bytes.Buffer
	code := run(ctx, []string{"run", in, "--out", out}, &bytes.Buffer{}, &errb)
	if code != exitInterrupted {
		t.Fatalf("exit %d, stderr %s", code, errb.String())
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("interrupted run left %q", names)
	}
}

// run.json and the closing summary count the rows of every table, the
// corpus statistics included.
func TestRunReportCountsEveryTable(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCLI(t, "run", "../../testdata/posts", "--out", out, "--min-freq", "1", "--keyness-top", "5")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r runReport
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	for _, name := range write.Tables {
		tbl := readTable(t, onlyPart(t, out, name))
		rows := tbl.NumRows()
		tbl.Release()
		if got, ok := r.Tables[name]; !ok || got != rows {
			t.Errorf("run.json tables[%s] = %d (listed %v), file has %d rows", name, got, ok, rows)
		}
		if want := fmt.Sprintf("%s (%d rows)", name, rows); !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q", want)
		}
		if (name == "keyness" || name == "cooccurrence") && rows == 0 {
			t.Errorf("%s: no rows; the test needs some to mean anything", name)
		}
	}
}

// TestMemoryLimited: the commands that stream posts run under the memory
// limit; eval and train, whose live heap is above it, do not.
func TestMemoryLimited(t *testing.T) {
	for cmd, want := range map[string]bool{"run": true, "inspect": true, "report": true, "idf": true, "eval": false, "train": false} {
		if got := memoryLimited(cmd); got != want {
			t.Errorf("memoryLimited(%q) = %v, want %v", cmd, got, want)
		}
	}
}
