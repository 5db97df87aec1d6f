package pipeline

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mapFS is a store of objects in memory, named mem://…, as a bucket holds
// them: flat names, no folders.
type mapFS struct {
	objs map[string][]byte
	mod  map[string]time.Time
}

func (m mapFS) Handles(p string) bool { return strings.HasPrefix(p, "mem://") }

func (m mapFS) Stat(_ context.Context, p string) (int64, time.Time, error) {
	b, ok := m.objs[p]
	if !ok {
		return 0, time.Time{}, fs.ErrNotExist
	}
	return int64(len(b)), m.mod[p], nil
}

func (m mapFS) ListAll(_ context.Context, dir string) ([]string, error) {
	var out []string
	for n := range m.objs {
		if strings.HasPrefix(n, dir+"/") {
			out = append(out, n)
		}
	}
	return out, nil
}

func (m mapFS) Open(_ context.Context, p string) (io.ReadCloser, error) {
	b, ok := m.objs[p]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// copyTree puts a local tree's files into m under prefix, with their
// modification times.
func copyTree(t *testing.T, m mapFS, root, prefix string) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		m.objs[prefix+"/"+filepath.ToSlash(rel)] = b
		m.mod[prefix+"/"+filepath.ToSlash(rel)] = fi.ModTime()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// An archive in a store is walked as its local copy: the same posts in
// the same order (a folder's files before a later name's, as a local walk
// goes down folders), with the same IDs, bytes, sizes, times and errors;
// a tarball read from the store is its local file's; ReadRange reads the
// positions List gave.
func TestArchivesRemoteAsLocal(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "archive")
	for _, n := range append(oddNames, "a/x.md", "a-b/y.md", "a.md", "a/b/z.md", "sub/deep/er/w.md") {
		writeFile(t, filepath.Join(root, n), "content of "+n)
	}
	writeFile(t, filepath.Join(root, "image.png"), "not a post")
	writeFile(t, filepath.Join(root, ".git", "x.md"), "not a post either")
	writeFile(t, filepath.Join(root, "big.md"), strings.Repeat("大", 100))
	tgz := filepath.Join(dir, "t.tar.gz")
	f, err := os.Create(tgz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	for i, n := range []string{"p/1.md", "p/2.md", "p/../../evil.md", "a.md"} {
		body := strings.Repeat("x", i+1)
		tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg, ModTime: time.Unix(int64(i), 0)})
		tw.Write([]byte(body))
	}
	tw.Close()
	zw.Close()
	f.Close()
	single := filepath.Join(dir, "one.md")
	writeFile(t, single, "a single post")

	m := mapFS{objs: map[string][]byte{}, mod: map[string]time.Time{}}
	copyTree(t, m, root, "mem://b/archive")
	m.objs["mem://b/archive/"] = nil // a folder placeholder, as consoles make
	for _, p := range []string{tgz, single} {
		b, _ := os.ReadFile(p)
		m.objs["mem://b/"+filepath.Base(p)] = b
	}

	filter := Filter{Exts: []string{".md"}, MaxSize: 100}
	local := Archives{Paths: []string{root, tgz, single, filepath.Join(dir, "missing")}, Filter: filter}
	remote := Archives{Paths: []string{"mem://b/archive/", "mem://b/t.tar.gz", "mem://b/one.md", "mem://b/missing"}, Filter: filter, Remote: m}
	name := map[string]string{}
	for i, p := range remote.Paths {
		name[p] = local.Paths[i]
	}
	want, got := collectWalk(t, local), collectWalk(t, remote)
	if len(got) != len(want) || len(want) < len(oddNames)+10 {
		t.Fatalf("%d posts from the store, %d from the disk", len(got), len(want))
	}
	for i := range want {
		a, b := want[i], got[i]
		errA, errB := "", ""
		if a.Err != nil {
			errA = a.Err.Stage
		}
		if b.Err != nil {
			errB = b.Err.Stage
		}
		if name[b.Source.Archive] != a.Source.Archive || a.Source.Path != b.Source.Path || a.ID != b.ID || !bytes.Equal(a.Raw, b.Raw) ||
			a.Source.Size != b.Source.Size || !a.Source.ModTime.Equal(b.Source.ModTime) || errA != errB {
			t.Errorf("%d: disk %s %q %s %d %v %q, store %s %q %s %d %v %q", i, a.Source.Archive, a.Source.Path, a.ID, a.Source.Size, a.Source.ModTime, errA,
				b.Source.Archive, b.Source.Path, b.ID, b.Source.Size, b.Source.ModTime, errB)
		}
	}

	// ReadRange over the store: positions as List gave them.
	var listed []*Doc
	remote.List(context.Background(), func(d *Doc) error {
		if d.Raw != nil {
			t.Errorf("%s: read by List", d.Source.Path)
		}
		listed = append(listed, d)
		return nil
	})
	if len(listed) != len(got) {
		t.Fatalf("List gave %d posts, Walk %d", len(listed), len(got))
	}
	var ranged []*Doc
	for _, arch := range remote.Paths {
		n := 0
		for _, d := range listed {
			if d.Source.Archive == arch {
				n++
			}
		}
		for lo := 0; lo < n; lo += 3 {
			err := remote.ReadRange(context.Background(), arch, lo, min(lo+3, n), func(d *Doc) error {
				ranged = append(ranged, d)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(ranged) != len(got) {
		t.Fatalf("ranges read %d posts, Walk %d", len(ranged), len(got))
	}
	for i, d := range ranged {
		if d.Source.Path != got[i].Source.Path || !bytes.Equal(d.Raw, got[i].Raw) {
			t.Errorf("%d: range read %q, walk %q", i, d.Source.Path, got[i].Source.Path)
		}
	}
}

// A store that fails to open an object gives that post an errors row.
func TestArchivesRemoteReadError(t *testing.T) {
	m := mapFS{objs: map[string][]byte{"mem://b/d/x.md": []byte("x")}, mod: map[string]time.Time{}}
	docs := collectWalk(t, Archives{Paths: []string{"mem://b/d"}, Remote: failOpen{m}})
	if len(docs) != 1 || docs[0].Err == nil || docs[0].Err.Stage != "read" || docs[0].Source.Path != "x.md" {
		t.Fatalf("docs %+v", docs)
	}
}

type failOpen struct{ mapFS }

func (failOpen) Open(context.Context, string) (io.ReadCloser, error) {
	return nil, errors.New("connection reset")
}
