package main

import (
	"archive/tar"
	"compress/gzip"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/pipeline/corpustest"
	"github.com/newsnlp/newsnlp/stages/write"
)

type post struct {
	name string
	body []byte
}

// corpusPosts returns the first n posts under prefix of a tarball.
func corpusPosts(t *testing.T, tarball, prefix string, n int) []post {
	t.Helper()
	names, bodies := corpustest.Bodies(t, tarball, n, func(name string) bool { return strings.HasPrefix(name, prefix) })
	out := make([]post, len(names))
	for i := range names {
		out[i] = post{filepath.Base(names[i]), bodies[i]}
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

// run --update gives the tables of a fresh run over the archive as it is
// now, every table (entity counts, corpus statistics, dup_group and the
// ledger included), and processes only the new and changed posts: new
// posts after the earlier ones are added as new part files, the earlier
// parts left as they are; other changes (posts changed, removed, or new
// ones among the earlier) rewrite the tables from the ledger.
func TestUpdateEqualsFreshRun(t *testing.T) {
	corpus := corpusDir(t)
	posts := corpusPosts(t, filepath.Join(corpus, "news.tar.gz"), "zhouxiang93123+waimei/_posts/", 190)
	if len(posts) < 190 {
		t.Fatalf("%d posts", len(posts))
	}
	// A directory is walked in name order: the posts that come later by
	// name are the next day's.
	sort.Slice(posts, func(i, j int) bool { return posts[i].name < posts[j].name })
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
	put(post{"0-empty.md", nil})
	put(post{"0-dup-a.md", posts[40].body}) // a near-duplicate group from the start
	out := filepath.Join(dir, "out")
	args := []string{"run", archive, "--out", out, "--update", "-q", "--workers", "2", "--min-freq", "2"}
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("first run: %d %s", code, stderr)
	}
	if r := readRunJSON(t, out); r.Restored != 0 || r.Kept != 0 || r.Documents != 151 {
		t.Fatalf("first run: %d documents, %d restored, %d kept", r.Documents, r.Restored, r.Kept)
	}
	firstParts := dirFiles(t, out)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fresh := filepath.Join(dir, "fresh")
	freshRun := func() {
		t.Helper()
		os.RemoveAll(fresh)
		freshArgs := append([]string{}, args...)
		freshArgs[3] = fresh
		if code, _, stderr := runCLI(t, freshArgs...); code != exitOK {
			t.Fatalf("fresh run: %d %s", code, stderr)
		}
	}

	// The next day: 40 new posts after the others, one repeating an
	// earlier post.
	for _, p := range posts[150:] {
		put(p)
	}
	put(post{"zz-dup-b.md", posts[41].body})
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("update: %d %s", code, stderr)
	}
	if r := readRunJSON(t, out); r.Kept != 151 || r.Restored != 0 || r.Documents != 151+41 {
		t.Errorf("update adding posts: %d documents, %d kept, %d restored; want %d, 151, 0", r.Documents, r.Kept, r.Restored, 151+41)
	}
	// The earlier run's parts of documents, mentions … are untouched.
	now := dirFiles(t, out)
	for _, table := range []string{"documents", "mentions", "quotes", "keywords", "errors", "ledger"} {
		p := filepath.Join(out, table, "part-00000.parquet")
		if b, ok := now[p]; !ok || b != firstParts[p] {
			t.Errorf("%s: the earlier part was rewritten or removed", p)
		}
	}
	if parts, _ := write.TableParts(out, "documents"); len(parts) != 2 {
		t.Errorf("documents: %d parts, want 2", len(parts))
	}
	// run.json counts the rows of every table, the earlier parts' too.
	r := readRunJSON(t, out)
	for _, name := range write.Tables {
		var n int64
		db.QueryRow(`SELECT count(*) FROM '` + tableGlob(out, name) + `'`).Scan(&n)
		if r.Tables[name] != n {
			t.Errorf("run.json: %s has %d rows, the table %d", name, r.Tables[name], n)
		}
	}
	freshRun()
	sameTables(t, db, fresh, out)
	var groups int
	db.QueryRow(`SELECT count(DISTINCT dup_group) FROM '` + tableGlob(out, "documents") + `' WHERE dup_group <> doc_id`).Scan(&groups)
	if groups < 2 {
		t.Errorf("%d near-duplicate groups, want at least the 2 made", groups)
	}
	// The comparison sees a difference where there is one.
	var changed int
	db.QueryRow(`SELECT count(*) FROM (SELECT * FROM '` + tableGlob(fresh, "documents") + `' EXCEPT ALL SELECT * FROM '` + filepath.Join(out, "documents", "part-00000.parquet") + `')`).Scan(&changed)
	if changed < 40 {
		t.Errorf("the first run's documents differ from the fresh run's by %d rows only", changed)
	}

	// The day after: 5 changed, 10 gone, the empty one filled, and a new
	// post among the earlier ones.
	for _, p := range posts[:5] {
		put(post{p.name, append(p.body, "\n<p>更正：本文已更新。美国国务院发言人表示，中国外交部回应。</p>\n"...)})
	}
	for _, p := range posts[20:30] {
		os.Remove(filepath.Join(archive, p.name))
	}
	put(post{"0-empty.md", []byte("<p>补上的内容</p>")})
	put(post{"0-dup-c.md", posts[160].body}) // a new post repeating a later one
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("update: %d %s", code, stderr)
	}
	if r := readRunJSON(t, out); r.Restored != 192-5-10 || r.Kept != 0 || r.Documents != 192-10+2 {
		t.Errorf("update: %d documents, %d restored, %d kept; want %d, %d, 0", r.Documents, r.Restored, r.Kept, 192-10+2, 192-5-10)
	}
	freshRun()
	sameTables(t, db, fresh, out)
	if parts, _ := write.TableParts(out, "documents"); len(parts) != 1 {
		t.Errorf("documents: %d parts after a rewrite, want 1", len(parts))
	}

	// Other settings: refused, or everything again with --overwrite.
	other := append(append([]string{}, args...), "--keywords", "5")
	if code, _, stderr := runCLI(t, other...); code != exitFailed || !strings.Contains(stderr, "other settings") {
		t.Errorf("update with other settings: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, append(other, "--overwrite")...); code != exitOK {
		t.Errorf("update with other settings and --overwrite: %d %s", code, stderr)
	} else if r := readRunJSON(t, out); r.Restored != 0 || r.Kept != 0 {
		t.Errorf("update with other settings and --overwrite restored %d posts, kept %d", r.Restored, r.Kept)
	}
}

// writeTarGz writes posts into a tarball, gzip-compressed unless its name
// ends in .tar, every entry with the same modification time but those
// edited, an hour later.
func writeTarGz(t *testing.T, name string, posts []post, edited ...string) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	var w io.WriteCloser = nopCloser{f}
	if !strings.HasSuffix(name, ".tar") {
		w = gzip.NewWriter(f)
	}
	tw := tar.NewWriter(w)
	for _, p := range posts {
		h := &tar.Header{Name: "_posts/" + p.name, Mode: 0o644, Size: int64(len(p.body)), ModTime: time.Unix(1700000000, 0), Typeflag: tar.TypeReg}
		if slices.Contains(edited, p.name) {
			h.ModTime = h.ModTime.Add(time.Hour)
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(p.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// An --update over tarballs passes a tarball whose size, modification
// time and content are those the earlier run read without decompressing
// it, and still gives a fresh run's tables; a tarball changed in any of
// the three is read again.
func TestUpdateUnreadArchives(t *testing.T) {
	corpus := corpusDir(t)
	posts := corpusPosts(t, filepath.Join(corpus, "news.tar.gz"), "zhouxiang93123+waimei/_posts/", 110)
	if len(posts) < 110 {
		t.Fatalf("%d posts", len(posts))
	}
	dir := t.TempDir()
	// a is not compressed, so that a post changed in one byte leaves its
	// size as it was.
	a, b := filepath.Join(dir, "a.tar"), filepath.Join(dir, "b.tar.gz")
	writeTarGz(t, a, posts[:50])
	writeTarGz(t, b, posts[50:90])
	out, fresh := filepath.Join(dir, "out"), filepath.Join(dir, "fresh")
	args := []string{"run", a, b, "--out", out, "--update", "-q", "--workers", "2", "--min-freq", "2"}
	update := func(what string, unread, kept, restored int64) {
		t.Helper()
		if code, _, stderr := runCLI(t, args...); code != exitOK {
			t.Fatalf("%s: %d %s", what, code, stderr)
		}
		if r := readRunJSON(t, out); r.UnreadArchives != unread || r.Kept != kept || r.Restored != restored {
			t.Errorf("%s: %d archives unread, %d kept, %d restored; want %d, %d, %d", what, r.UnreadArchives, r.Kept, r.Restored, unread, kept, restored)
		}
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	same := func() {
		t.Helper()
		os.RemoveAll(fresh)
		freshArgs := append([]string{}, args...)
		freshArgs[4] = fresh
		if code, _, stderr := runCLI(t, freshArgs...); code != exitOK {
			t.Fatalf("fresh run: %d %s", code, stderr)
		}
		sameTables(t, db, fresh, out)
	}
	update("first run", 0, 0, 0)
	// The daily case: b grows; a is passed unread.
	writeTarGz(t, b, posts[50:110])
	update("b grown", 1, 90, 0)
	same()
	// a rewritten with the same bytes but a new time: read (its posts are
	// known by their own sizes and times), nothing new.
	ab, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(a, later, later); err != nil {
		t.Fatal(err)
	}
	update("a touched", 1, 110, 0)
	// a changed in one byte of a post (edited: its own time changes), the
	// tarball's size and time kept: the hash tells, and the changed post is
	// processed again.
	changed := append([]post(nil), posts[:50]...)
	body := append([]byte(nil), changed[10].body...)
	body[len(body)-2] ^= 1
	changed[10].body = body
	writeTarGz(t, a, changed, changed[10].name)
	if fi, err := os.Stat(a); err != nil || fi.Size() != int64(len(ab)) {
		t.Fatalf("the changed tarball has another size (%v)", err)
	}
	if err := os.Chtimes(a, later, later); err != nil {
		t.Fatal(err)
	}
	update("a changed, same size and time", 0, 0, 109)
	same()
}
