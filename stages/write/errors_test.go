package write

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// fullDisk is a file that takes only so many bytes, shared with the other
// files of the run, and then fails as a full disk does.
type fullDisk struct {
	io.WriteCloser
	left *atomic.Int64
}

func (f fullDisk) Write(p []byte) (int, error) {
	if f.left.Add(-int64(len(p))) < 0 {
		return 0, &os.PathError{Op: "write", Path: "table", Err: syscall.ENOSPC}
	}
	return f.WriteCloser.Write(p)
}

// snapshot is the directory's files (at any depth) and their contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		m[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// writeMany writes the sample documents n times over (distinct seq and
// ids), enough rows for the writer to flush row groups during the run.
func writeMany(w *Writer, n int) error {
	for i := range n {
		for _, d := range sampleDocs() {
			d.Seq += int64(3 * i)
			d.ID = fmt.Sprintf("%s%08d", d.ID[:8], i)
			if err := w.Write(d); err != nil {
				return err
			}
		}
	}
	return w.Close()
}

// A disk that fills up at any point of a run (opening the tables, a row
// group written while documents come in, the last bytes of a table at
// the end) gives a clear error, leaves no temporary file, and leaves the
// earlier run's tables as they were.
func TestFullDiskLeavesEarlierTables(t *testing.T) {
	dir := t.TempDir()
	writeSample(t, dir, nil)
	before := snapshot(t, dir)

	// What a whole run of the same rows writes, to place the failures.
	var total atomic.Int64
	total.Store(1 << 40)
	wrapOutput = func(f io.WriteCloser) io.WriteCloser { return fullDisk{f, &total} }
	defer func() { wrapOutput = nil }()
	other := t.TempDir()
	w, err := Open(other, Options{Meta: map[string]string{"newsnlp.version": "test"}})
	if err != nil {
		t.Fatal(err)
	}
	copies := 4200 // 16,800 mentions: a row group flushed mid-run
	if testing.Short() {
		copies = 10 // failures at Open and at Close only (the race detector makes the rest slow)
	}
	if err := writeMany(w, copies); err != nil {
		t.Fatal(err)
	}
	written := 1<<40 - total.Load()
	if written < int64(copies)*20 {
		t.Fatalf("a whole run wrote %d bytes", written)
	}

	for _, limit := range []int64{0, 3, 5000, written / 3, written / 2, written - 1} {
		total.Store(limit)
		w, err := Open(dir, Options{Overwrite: true, Meta: map[string]string{"newsnlp.version": "test"}})
		if err == nil {
			err = writeMany(w, copies)
			if err != nil {
				w.Abort()
			}
		}
		t.Logf("disk full after %d of %d bytes: %v", limit, written, err)
		switch {
		case err == nil:
			t.Errorf("disk full after %d of %d bytes: no error", limit, written)
		case !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "the disk is full") || !strings.Contains(err.Error(), dir):
			t.Errorf("disk full after %d of %d bytes: %v", limit, written, err)
		}
		after := snapshot(t, dir)
		if len(after) != len(before) {
			t.Errorf("disk full after %d bytes: the directory holds %d files, before %d", limit, len(after), len(before))
		}
		for name, b := range before {
			if after[name] != b {
				t.Errorf("disk full after %d bytes: %s changed", limit, name)
			}
		}
	}
}

// An output directory that cannot be written gives a clear error and
// keeps its tables. Root writes whatever the mode says: there the
// command's test mounts a read-only file system instead.
func TestReadOnlyDirKeepsTables(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which may write a directory of mode 0555; TestOutputNotWritable in cmd/newsnlp covers a read-only file system")
	}
	dir := t.TempDir()
	writeSample(t, dir, nil)
	before := snapshot(t, dir)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	_, err := Open(dir, Options{Overwrite: true})
	if !errors.Is(err, syscall.EACCES) || !strings.Contains(err.Error(), "not writable") {
		t.Errorf("Open of a read-only directory: %v", err)
	}
	after := snapshot(t, dir)
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s changed", name)
		}
	}
}

// ParsePathText gives back the path PathText rendered, and refuses the
// renderings that two paths share.
func TestParsePathText(t *testing.T) {
	for _, tc := range []struct {
		path string
		ok   bool
	}{
		{"plain.md", true},
		{"2025-01-19-谈\\\"难民\\\"涌入.md", true},
		{`back\slash\\double.md`, true},
		{`looks\xd6like-an-escape.md`, false}, // an invalid name renders so too
		{"gbk-\xd6\xd0\xce\xc4.md", false},    // renders as gbk-\xd6\xd0…, which is also a valid name
		{"bad-\xff-and-\\-slash.md", false},   // likewise
	} {
		got, ok := ParsePathText(PathText(tc.path))
		if ok != tc.ok || (ok && got != tc.path) {
			t.Errorf("%q: got %q, %v; want ok %v", tc.path, got, ok, tc.ok)
		}
	}
	// Valid names that read like escapes of an invalid one are refused.
	if _, ok := ParsePathText(`gbk-\xd6\xd0.md`); ok {
		t.Error(`gbk-\xd6\xd0.md: accepted though an invalid name renders so too`)
	}
}
