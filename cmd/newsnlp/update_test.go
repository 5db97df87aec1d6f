package main

import (
	"archive/tar"
	"compress/gzip"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type post struct {
	name string
	body []byte
}

// corpusPosts returns the first n posts under prefix of a tarball.
func corpusPosts(t *testing.T, tarball, prefix string, n int) []post {
	t.Helper()
	f, err := os.Open(tarball)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var out []post
	for len(out) < n {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg || !strings.HasPrefix(h.Name, prefix) {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, post{filepath.Base(h.Name), b})
	}
	return out
}

func readRunJSON(t *testing.T, dir string) runReport {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r runReport
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// run --update after posts were added, changed and removed gives the
// tables of a fresh run over the archive as it is now, every table
// (entity counts, corpus statistics, dup_group and the ledger included),
// and processes only the new and changed posts.
func TestUpdateEqualsFreshRun(t *testing.T) {
	corpus := corpusDir(t)
	posts := corpusPosts(t, filepath.Join(corpus, "news.tar.gz"), "zhouxiang93123+waimei/_posts/", 190)
	if len(posts) < 190 {
		t.Fatalf("%d posts", len(posts))
	}
	dir := t.TempDir()
	archive := filepath.Join(dir, "archive")
	os.MkdirAll(archive, 0o755)
	put := func(p post) {
		if err := os.WriteFile(filepath.Join(archive, p.name), p.body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range posts[:150] {
		put(p)
	}
	put(post{"empty.md", nil})
	put(post{"dup-a.md", posts[40].body}) // a near-duplicate group from the start
	out := filepath.Join(dir, "out")
	args := []string{"run", archive, "--out", out, "--update", "-q", "--workers", "2", "--min-freq", "2"}
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("first run: %d %s", code, stderr)
	}
	if r := readRunJSON(t, out); r.Restored != 0 || r.Documents != 151 {
		t.Fatalf("first run: %d documents, %d restored", r.Documents, r.Restored)
	}
	first, _ := os.ReadFile(filepath.Join(out, "documents.parquet"))
	os.WriteFile(filepath.Join(dir, "first.parquet"), first, 0o644)

	// The next day: 40 new posts, 5 changed, 10 gone, the empty one filled.
	for _, p := range posts[150:] {
		put(p)
	}
	for _, p := range posts[:5] {
		put(post{p.name, append(p.body, "\n<p>更正：本文已更新。美国国务院发言人表示，中国外交部回应。</p>\n"...)})
	}
	for _, p := range posts[20:30] {
		os.Remove(filepath.Join(archive, p.name))
	}
	put(post{"empty.md", []byte("<p>补上的内容</p>")})
	put(post{"dup-b.md", posts[160].body}) // a new post repeating a new one
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("update: %d %s", code, stderr)
	}
	if r := readRunJSON(t, out); r.Restored != 151-5-10 || r.Documents != 190-10+3 {
		t.Errorf("update: %d documents, %d restored; want %d and %d", r.Documents, r.Restored, 190-10+3, 151-5-10)
	}
	fresh := filepath.Join(dir, "fresh")
	freshArgs := append([]string{}, args...)
	freshArgs[3] = fresh
	if code, _, stderr := runCLI(t, freshArgs...); code != exitOK {
		t.Fatalf("fresh run: %d %s", code, stderr)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sameTables(t, db, fresh, out)
	var groups, changed int
	db.QueryRow(`SELECT count(DISTINCT dup_group) FROM '` + out + `/documents.parquet' WHERE dup_group <> doc_id`).Scan(&groups)
	if groups < 2 {
		t.Errorf("%d near-duplicate groups, want at least the 2 made", groups)
	}
	// The comparison sees a difference where there is one.
	db.QueryRow(`SELECT count(*) FROM (SELECT * FROM '` + fresh + `/documents.parquet' EXCEPT ALL SELECT * FROM '` + filepath.Join(dir, "first.parquet") + `')`).Scan(&changed)
	if changed < 40 {
		t.Errorf("the first run's documents differ from the fresh run's by %d rows only", changed)
	}

	// Other settings: refused, or everything again with --overwrite.
	other := append(append([]string{}, args...), "--keywords", "5")
	if code, _, stderr := runCLI(t, other...); code != exitFailed || !strings.Contains(stderr, "other settings") {
		t.Errorf("update with other settings: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, append(other, "--overwrite")...); code != exitOK {
		t.Errorf("update with other settings and --overwrite: %d %s", code, stderr)
	} else if r := readRunJSON(t, out); r.Restored != 0 {
		t.Errorf("update with other settings and --overwrite restored %d posts", r.Restored)
	}
}
