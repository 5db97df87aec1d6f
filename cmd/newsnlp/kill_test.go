package main

import (
	"archive/tar"
	"compress/gzip"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/pipeline/corpustest"
	"github.com/newsnlp/newsnlp/stages/write"
)

// sameTables reports, per table, the rows of one directory's table missing
// from the other's, both ways (EXCEPT ALL in DuckDB), as error messages.
func sameTables(t *testing.T, db *sql.DB, want, got string) {
	t.Helper()
	for _, name := range write.Tables {
		a, b := tableGlob(want, name), tableGlob(got, name)
		for _, q := range [][2]string{{a, b}, {b, a}} {
			var n int64
			err := db.QueryRow(fmt.Sprintf(`SELECT count(*) FROM (SELECT * FROM '%s' EXCEPT ALL SELECT * FROM '%s')`, q[0], q[1])).Scan(&n)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				break
			}
			if n != 0 {
				t.Errorf("%s: %d rows of %s not in %s", name, n, q[0], q[1])
			}
		}
	}
}

// A run killed (SIGKILL) at random moments and then run again ends with
// tables identical to an uninterrupted run's; after every kill each table
// in the directory is whole and the earlier run's or the new one's.
// The run reads 120 real posts copied from news.tar.gz;
// NEWSNLP_KILL_POINTS sets the number of kills (default 4).
func TestKilledRunsEndIdentical(t *testing.T) {
	corpus := corpusDir(t)
	if testing.Short() {
		t.Skip("builds the command and runs it many times")
	}
	points := 4
	if v := os.Getenv("NEWSNLP_KILL_POINTS"); v != "" {
		points, _ = strconv.Atoi(v)
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub.tar.gz")
	subArchive(t, filepath.Join(corpus, "news.tar.gz"), sub, "duty-machine+chinadigitaltimes/articles/", 120)
	args := func(out string) []string {
		return []string{"run", sub, "--out", out, "--overwrite", "-q", "--workers", "2"}
	}
	ref := filepath.Join(dir, "ref")
	t0 := time.Now()
	if out, err := exec.Command(bin, args(ref)...).CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	full := time.Since(t0)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var docs int
	db.QueryRow(fmt.Sprintf(`SELECT count(*) FROM '%s'`, tableGlob(ref, "documents"))).Scan(&docs)
	if docs < 100 {
		t.Fatalf("reference run: %d documents", docs)
	}

	out := filepath.Join(dir, "out")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for i := range points {
		cmd := exec.Command(bin, args(out)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Anywhere from the start to a little past a whole run.
		at := time.Duration(rng.Float64() * 1.1 * float64(full))
		time.Sleep(at)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		t.Logf("kill %d at %v: %v", i, at.Round(time.Millisecond), err)
		// Every visible table is whole: DuckDB reads it to the end.
		tables, _ := filepath.Glob(filepath.Join(out, "*", "*.parquet"))
		for _, f := range tables {
			var n int64
			if err := db.QueryRow(fmt.Sprintf(`SELECT count(*) FROM '%s'`, f)).Scan(&n); err != nil {
				t.Errorf("kill %d: %s unreadable: %v", i, filepath.Base(f), err)
			}
		}
	}
	if b, err := exec.Command(bin, args(out)...).CombinedOutput(); err != nil {
		t.Fatalf("run after the kills: %v\n%s", err, b)
	}
	sameTables(t, db, ref, out)
	checkNothingLeft(t, out)

	// --update adding the last 20 posts to a run over the first 100,
	// killed at random moments, then run again: the tables of a fresh run.
	grown := filepath.Join(dir, "grown.tar.gz")
	subArchive(t, filepath.Join(corpus, "news.tar.gz"), grown, "duty-machine+chinadigitaltimes/articles/", 120)
	refGrown := filepath.Join(dir, "ref-grown")
	if b, err := exec.Command(bin, "run", grown, "--out", refGrown, "-q", "--workers", "2").CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, b)
	}
	subArchive(t, filepath.Join(corpus, "news.tar.gz"), grown, "duty-machine+chinadigitaltimes/articles/", 100)
	upd := filepath.Join(dir, "upd")
	update := []string{"run", grown, "--out", upd, "--update", "-q", "--workers", "2"}
	if b, err := exec.Command(bin, update...).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, b)
	}
	subArchive(t, filepath.Join(corpus, "news.tar.gz"), grown, "duty-machine+chinadigitaltimes/articles/", 120)
	for i := range (points + 1) / 2 {
		cmd := exec.Command(bin, update...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		at := time.Duration(rng.Float64() * float64(full))
		time.Sleep(at)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		t.Logf("update killed %d at %v: %v", i, at.Round(time.Millisecond), err)
	}
	if b, err := exec.Command(bin, update...).CombinedOutput(); err != nil {
		t.Fatalf("update after the kills: %v\n%s", err, b)
	}
	sameTables(t, db, refGrown, upd)
	checkNothingLeft(t, upd)
}

// checkNothingLeft reports temporary files and journals left in a run's
// directory.
func checkNothingLeft(t *testing.T, out string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(out, ".*"))
	parts, _ := filepath.Glob(filepath.Join(out, "*", ".*"))
	for _, f := range append(left, parts...) {
		if filepath.Base(f) != ".newsnlp-state" {
			t.Errorf("left behind: %s", f)
		}
	}
}

// subArchive copies the first n posts under prefix of a tarball into a
// new gzip-compressed tarball.
func subArchive(t *testing.T, from, to, prefix string, n int) {
	t.Helper()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(out)
	tw := tar.NewWriter(zw)
	if n > 0 {
		corpustest.Each(t, from, func(h *tar.Header, r io.Reader) bool {
			if !strings.HasPrefix(h.Name, prefix) {
				return true
			}
			if err := tw.WriteHeader(h); err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(tw, r); err != nil {
				t.Fatal(err)
			}
			n--
			return n > 0
		})
	}
	for _, c := range []io.Closer{tw, zw, out} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
