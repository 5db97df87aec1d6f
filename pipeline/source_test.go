package pipeline

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/iotest"
	"time"
)

// oddNames are file names seen in real archives: newlines, backspace,
// quotes, backslashes, leading and trailing spaces, invalid UTF-8.
var oddNames = []string{
	"2020-07-30-美四大科技巨头国会听证\u00a0提及中国\n.md",
	"2020-08-02-TikTok称不会离开美国 \n\n.md",
	"2018-04-12-\x08叙利亚.md",
	`2025-01-19-谈\"难民\"涌入.md`,
	"2020-07-21- 维权律师.md",
	"trailing space .md",
	"gbk-\xd6\xd0\xce\xc4.md",
	"plain.md",
}

func collectWalk(t *testing.T, src Source) []*Doc {
	t.Helper()
	var docs []*Doc
	if err := src.Walk(context.Background(), func(d *Doc) error {
		docs = append(docs, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return docs
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestArchivesDirectoryOddNames(t *testing.T) {
	root := filepath.Join(t.TempDir(), "archive")
	for _, n := range oddNames {
		writeFile(t, filepath.Join(root, "posts", n), "content of "+n)
	}
	writeFile(t, filepath.Join(root, "posts", "image.png"), "not a post")
	writeFile(t, filepath.Join(root, ".git", "x.md"), "not a post either")

	docs := collectWalk(t, Archives{Paths: []string{root}, Filter: Filter{Exts: []string{".md"}}})
	var got []string
	for _, d := range docs {
		if d.Err != nil {
			t.Errorf("%q: %v", d.Source.Path, d.Err)
		}
		if string(d.Raw) != "content of "+strings.TrimPrefix(d.Source.Path, "posts/") {
			t.Errorf("%q: read %q", d.Source.Path, d.Raw)
		}
		if d.Source.Size != int64(len(d.Raw)) {
			t.Errorf("%q: size %d", d.Source.Path, d.Source.Size)
		}
		got = append(got, strings.TrimPrefix(d.Source.Path, "posts/"))
	}
	want := slices.Clone(oddNames)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("walked\n%q\nwant (byte order)\n%q", got, want)
	}
}

func TestArchivesTarMatchesDirectory(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "archive")
	tgz := filepath.Join(dir, "archive.tar.gz")
	f, err := os.Create(tgz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	sorted := slices.Clone(oddNames)
	slices.Sort(sorted)
	for _, n := range sorted {
		body := "content of " + n
		writeFile(t, filepath.Join(root, "repo", n), body)
		if err := tw.WriteHeader(&tar.Header{Name: "repo/" + n, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	tw.WriteHeader(&tar.Header{Name: "repo/sub/", Typeflag: tar.TypeDir, Mode: 0o755})
	tw.Close()
	zw.Close()
	f.Close()

	filter := Filter{Exts: []string{".md"}}
	fromDir := collectWalk(t, Archives{Paths: []string{root}, Filter: filter})
	fromTar := collectWalk(t, Archives{Paths: []string{tgz}, Filter: filter})
	if len(fromDir) != len(oddNames) || len(fromTar) != len(oddNames) {
		t.Fatalf("dir %d docs, tar %d docs, want %d", len(fromDir), len(fromTar), len(oddNames))
	}
	for i := range fromDir {
		a, b := fromDir[i], fromTar[i]
		if a.Source.Path != b.Source.Path || a.ID != b.ID || string(a.Raw) != string(b.Raw) {
			t.Errorf("dir %q %s, tar %q %s", a.Source.Path, a.ID, b.Source.Path, b.ID)
		}
	}
	n, bytes, err := Archives{Paths: []string{tgz, root}, Filter: filter}.Count(context.Background())
	if err != nil || n != int64(2*len(oddNames)) || bytes == 0 {
		t.Errorf("Count = %d, %d, %v", n, bytes, err)
	}
}

func TestArchivesIDsStableAndUnique(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	writeFile(t, filepath.Join(a, "x.md"), "1")
	writeFile(t, filepath.Join(b, "x.md"), "2")
	first := collectWalk(t, Archives{Paths: []string{a, b}})
	again := collectWalk(t, Archives{Paths: []string{a, b}})
	if first[0].ID == first[1].ID {
		t.Errorf("same path in two archives gave one id %s", first[0].ID)
	}
	for i := range first {
		if first[i].ID != again[i].ID || len(first[i].ID) != 16 {
			t.Errorf("id not stable: %s vs %s", first[i].ID, again[i].ID)
		}
	}
	alone := collectWalk(t, Archives{Paths: []string{a}})
	if alone[0].ID != first[0].ID {
		t.Errorf("id depends on the other archives of the run")
	}
}

func TestArchivesReportsBadEntries(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "ok.md"), "fine")
	writeFile(t, filepath.Join(root, "big.md"), strings.Repeat("x", 2000))
	// A loop: loop/self points back at its parent.
	os.MkdirAll(filepath.Join(root, "loop"), 0o755)
	if err := os.Symlink("..", filepath.Join(root, "loop", "self")); err != nil {
		t.Fatal(err)
	}
	os.Symlink("nowhere.md", filepath.Join(root, "broken.md"))
	// Reading /proc/self/mem at offset 0 fails even for root.
	os.Symlink("/proc/self/mem", filepath.Join(root, "unreadable.md"))
	if os.Geteuid() != 0 {
		writeFile(t, filepath.Join(root, "secret", "x.md"), "x")
		os.Chmod(filepath.Join(root, "secret"), 0)
		defer os.Chmod(filepath.Join(root, "secret"), 0o755)
	}

	docs := collectWalk(t, Archives{Paths: []string{root}, Filter: Filter{Exts: []string{".md"}, MaxSize: 1000}})
	byPath := map[string]*Doc{}
	for _, d := range docs {
		byPath[d.Source.Path] = d
	}
	if d := byPath["ok.md"]; d == nil || d.Err != nil {
		t.Errorf("ok.md: %+v", d)
	}
	for path, stage := range map[string]string{
		"big.md": "read", "loop/self": "walk", "broken.md": "walk", "unreadable.md": "read",
	} {
		d := byPath[path]
		if d == nil || d.Err == nil || d.Err.Stage != stage {
			t.Errorf("%s: want a %s error, got %+v", path, stage, d)
		}
	}
	if os.Geteuid() != 0 {
		if d := byPath["secret"]; d == nil || d.Err == nil {
			t.Errorf("unreadable directory not reported: %+v", d)
		}
	}
}

func TestFilter(t *testing.T) {
	f := Filter{Exts: []string{".md"}, Include: []string{"repo/_posts/**"}, Exclude: []string{"*.history.md", "**/draft/**"}}
	for path, want := range map[string]bool{
		"repo/_posts/2020/a.md":         true,
		"repo/_posts/a.MD":              true,
		"repo/_posts/a.txt":             false,
		"repo/other/a.md":               false,
		"repo/_posts/x.history.md":      false,
		"repo/_posts/draft/a.md":        false,
		"repo/_posts/name\nwith nl.md":  true,
		"repo/_posts/\x08backspace.md":  true,
		"repo/_posts/ leading space.md": true,
	} {
		if got := f.Match(path); got != want {
			t.Errorf("Match(%q) = %v, want %v", path, got, want)
		}
	}
	if err := (Filter{Include: []string{"[unclosed"}}).Validate(); err == nil {
		t.Error("bad glob accepted")
	}
}

// Every tar entry that looks like a post ends as a Doc: links, devices,
// pipes and names that climb out of the archive as errors, a truncated
// tarball as an error after the entries before the cut.
func TestArchivesTarAccountsForEveryEntry(t *testing.T) {
	dir := t.TempDir()
	tgz := filepath.Join(dir, "odd.tar")
	f, err := os.Create(tgz)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(f)
	add := func(h *tar.Header, body string) {
		h.Mode = 0o644
		h.Size = int64(len(body))
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	add(&tar.Header{Name: "a.md", Typeflag: tar.TypeReg}, "post a")
	add(&tar.Header{Name: "sym.md", Typeflag: tar.TypeSymlink, Linkname: "a.md"}, "")
	add(&tar.Header{Name: "hard.md", Typeflag: tar.TypeLink, Linkname: "a.md"}, "")
	add(&tar.Header{Name: "null.md", Typeflag: tar.TypeChar, Devmajor: 1, Devminor: 3}, "")
	add(&tar.Header{Name: "disk.md", Typeflag: tar.TypeBlock, Devmajor: 8}, "")
	add(&tar.Header{Name: "pipe.md", Typeflag: tar.TypeFifo}, "")
	add(&tar.Header{Name: "../up.md", Typeflag: tar.TypeReg}, "climbs out")
	add(&tar.Header{Name: "/etc/abs.md", Typeflag: tar.TypeReg}, "absolute")
	add(&tar.Header{Name: "sub/", Typeflag: tar.TypeDir}, "")
	add(&tar.Header{Name: "image.png", Typeflag: tar.TypeSymlink, Linkname: "x"}, "")
	add(&tar.Header{Name: "b.md", Typeflag: tar.TypeReg}, "post b")
	tw.Close()
	f.Close()

	docs := collectWalk(t, Archives{Paths: []string{tgz}, Filter: Filter{Exts: []string{".md"}}})
	got := map[string]string{}
	for _, d := range docs {
		if d.Err != nil {
			got[d.Source.Path] = d.Err.Err
		} else {
			got[d.Source.Path] = "read: " + string(d.Raw)
		}
	}
	for path, want := range map[string]string{
		"a.md": "read: post a", "b.md": "read: post b",
		"sym.md": "symbolic link", "hard.md": "hard link", "null.md": "device", "disk.md": "device",
		"pipe.md": "named pipe", "up.md": "unsafe entry name", "etc/abs.md": "unsafe entry name",
	} {
		if !strings.Contains(got[path], want) {
			t.Errorf("%s: got %q, want %q", path, got[path], want)
		}
	}
	if len(docs) != 9 {
		t.Errorf("%d docs, want 9: %q", len(docs), got)
	}

	// Truncated in the middle of b.md's data.
	raw, _ := os.ReadFile(tgz)
	cut := filepath.Join(dir, "cut.tar")
	os.WriteFile(cut, raw[:len(raw)-1024-512-200], 0o644)
	docs = collectWalk(t, Archives{Paths: []string{cut}, Filter: Filter{Exts: []string{".md"}}})
	last := docs[len(docs)-1]
	if last.Err == nil || last.Source.Path != "b.md" && last.Source.Path != "" {
		t.Errorf("truncated tarball: last doc %q %+v", last.Source.Path, last.Err)
	}
}

// A device or named pipe in a directory archive is reported, never opened.
func TestArchivesDirectoryPipe(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "a.md"), "post")
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.md"), 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	docs := collectWalk(t, Archives{Paths: []string{root}, Filter: Filter{Exts: []string{".md"}}})
	if len(docs) != 2 || docs[1].Source.Path != "pipe.md" || docs[1].Err == nil || !strings.Contains(docs[1].Err.Err, "not a regular file") {
		t.Fatalf("docs %+v", docs)
	}
}

// Reads of a tarball check the context: skipping a huge entry (a gzip
// bomb) stops when the run is cancelled.
func TestCtxReaderStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var reads int
	r := ctxReader{ctx, readerFunc(func(p []byte) (int, error) {
		reads++
		if reads == 3 {
			cancel()
		}
		return len(p), nil
	})}
	buf := make([]byte, 10)
	var err error
	for range 10 {
		if _, err = r.Read(buf); err != nil {
			break
		}
	}
	if err != context.Canceled || reads != 3 {
		t.Errorf("ctxReader: err %v after %d reads", err, reads)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// An input the caller knows by origin, size and time (Unchanged) comes
// without its bytes and Kept; the others are read. In a tarball the
// entries after a skipped one are still read right.
func TestArchivesUnchangedNotRead(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "archive")
	tgz := filepath.Join(dir, "archive.tar")
	f, err := os.Create(tgz)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(f)
	mtime := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, n := range []string{"a.md", "b.md", "c.md"} {
		body := "content of " + n
		writeFile(t, filepath.Join(root, n), body)
		os.Chtimes(filepath.Join(root, n), mtime, mtime)
		tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg, ModTime: mtime})
		tw.Write([]byte(body))
	}
	tw.Close()
	f.Close()
	for _, archive := range []string{root, tgz} {
		var asked []string
		src := Archives{Paths: []string{archive}, Filter: Filter{Exts: []string{".md"}}, Unchanged: func(o Origin) bool {
			asked = append(asked, o.Path)
			return o.Path != "b.md" && o.Size == int64(len("content of a.md")) && o.ModTime.Equal(mtime)
		}}
		docs := collectWalk(t, src)
		if len(docs) != 3 || len(asked) != 3 {
			t.Fatalf("%s: %d docs, %d asked", archive, len(docs), len(asked))
		}
		for _, d := range docs {
			read := d.Source.Path == "b.md"
			if d.Kept == read || (d.Raw != nil) != read || (read && string(d.Raw) != "content of b.md") {
				t.Errorf("%s %s: kept %v, raw %q", archive, d.Source.Path, d.Kept, d.Raw)
			}
		}
	}
}

// Walked reports a tarball's size, time, SHA-256 and number of inputs;
// Replay, given them back, passes the tarball unread with the inputs it
// names, and a hash that differs (the function given checked it) makes
// the walk read the tarball as usual, hashing leaving the offset as it was.
func TestArchivesReplayAndWalked(t *testing.T) {
	dir := t.TempDir()
	tgz := filepath.Join(dir, "archive.tar.gz")
	f, err := os.Create(tgz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	for _, n := range []string{"a.md", "b.md", "c.txt", "d.md"} {
		body := strings.Repeat("content of "+n+"\n", 20000) // past the walker's first buffer
		tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg})
		tw.Write([]byte(body))
	}
	tw.Close()
	zw.Close()
	f.Close()
	raw, err := os.ReadFile(tgz)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	fi, _ := os.Stat(tgz)
	want := ArchiveFile{Path: tgz, Size: fi.Size(), MTime: fi.ModTime().UnixNano(), SHA256: hex.EncodeToString(sum[:]), Inputs: 3}

	var walked []ArchiveFile
	src := Archives{Paths: []string{tgz}, Filter: Filter{Exts: []string{".md"}}, Walked: func(f ArchiveFile) { walked = append(walked, f) }}
	read := collectWalk(t, src)
	if len(walked) != 1 || walked[0] != want || len(read) != 3 {
		t.Fatalf("walked %+v, %d docs; want %+v", walked, len(read), want)
	}

	origins := []Origin{{Archive: tgz, Path: "a.md", Size: 1}, {Archive: tgz, Path: "x.md", Size: 2}}
	for _, tc := range []struct {
		name   string
		sum    string
		replay bool
	}{{"same bytes", want.SHA256, true}, {"other bytes", strings.Repeat("0", 64), false}} {
		walked = nil
		src.Replay = func(f ArchiveFile, hash func() (string, error)) ([]Origin, bool) {
			if f.Path != want.Path || f.Size != want.Size || f.MTime != want.MTime {
				t.Errorf("%s: asked about %+v", tc.name, f)
			}
			h, err := hash()
			return origins, err == nil && h == tc.sum
		}
		docs := collectWalk(t, src)
		if len(walked) != 1 || walked[0].SHA256 != want.SHA256 {
			t.Errorf("%s: walked %+v", tc.name, walked)
		}
		if tc.replay {
			if len(docs) != 2 || !docs[0].Kept || docs[0].Raw != nil || docs[1].Source != origins[1] || walked[0].Inputs != 2 {
				t.Errorf("%s: %d docs, first kept %v", tc.name, len(docs), len(docs) > 0 && docs[0].Kept)
			}
			continue
		}
		if len(docs) != 3 {
			t.Fatalf("%s: %d docs", tc.name, len(docs))
		}
		for i, d := range docs {
			if d.Kept || d.Err != nil || !bytes.Equal(d.Raw, read[i].Raw) || d.ID != read[i].ID {
				t.Errorf("%s: %s read differently after hashing: %v", tc.name, d.Source.Path, d.Err)
			}
		}
	}
}

// TestReadSized checks that reading at a declared size gives what
// io.ReadAll gives, whether the size is right, short, long or absent, and
// passes a reader's error on.
func TestReadSized(t *testing.T) {
	data := []byte(strings.Repeat("新闻 news ", 300))
	for _, size := range []int64{int64(len(data)), 0, -1, 1, int64(len(data)) - 1, int64(len(data)) + 1, 1 << 40} {
		for name, r := range map[string]func() io.Reader{
			"whole":    func() io.Reader { return bytes.NewReader(data) },
			"one byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
			"data+EOF": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
		} {
			got, err := readSized(r(), size)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("size %d, %s: %d bytes, %v", size, name, len(got), err)
			}
		}
	}
	boom := errors.New("boom")
	got, err := readSized(io.MultiReader(bytes.NewReader(data[:10]), iotest.ErrReader(boom)), int64(len(data)))
	if !errors.Is(err, boom) || !bytes.Equal(got, data[:10]) {
		t.Errorf("failing reader: %d bytes, %v", len(got), err)
	}
}
