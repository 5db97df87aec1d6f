package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/stages/parse"
)

func sources(t *testing.T) []source {
	t.Helper()
	srcs, err := readSources(context.Background(), []string{"../../../testdata/posts"})
	if err != nil {
		t.Fatal(err)
	}
	return srcs
}

func generate(t *testing.T, srcs []source, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Generate(&b, srcs, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The archive is a function of the sources, the count and the seed: a
// figure measured on it can be measured again.
func TestDeterministic(t *testing.T) {
	srcs := sources(t)
	opt := DefaultOptions
	opt.N = 300
	a, b := generate(t, srcs, opt), generate(t, srcs, opt)
	if !bytes.Equal(a, b) {
		t.Fatal("two archives of the same seed differ")
	}
	opt.Seed++
	if bytes.Equal(a, generate(t, srcs, opt)) {
		t.Fatal("another seed gave the same archive")
	}
	// A shorter archive is the start of a longer one (100k posts are the
	// first 100k of the million).
	opt.Seed--
	opt.N = 100
	short := readAll(t, generate(t, srcs, opt))
	long := readAll(t, a)
	for i := range short {
		if short[i].path != long[i].path || !bytes.Equal(short[i].data, long[i].data) {
			t.Fatalf("post %d of the shorter archive differs", i)
		}
	}
}

type entry struct {
	path string
	data []byte
}

func readAll(t *testing.T, b []byte) []entry {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var out []entry
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, entry{h.Name, data})
	}
}

// The posts are realistic variations: unique paths, every post parses,
// dates moved back within the bounds, outlets varied, bodies changed, and
// about the share of near-duplicates asked for.
func TestVariation(t *testing.T) {
	srcs := sources(t)
	opt := DefaultOptions
	opt.N = 4 * len(srcs)
	opt.Dups = 0.1
	posts := readAll(t, generate(t, srcs, opt))
	if len(posts) != opt.N {
		t.Fatalf("%d posts, want %d", len(posts), opt.N)
	}
	orig := map[string]time.Time{}
	origBody := map[string]bool{}
	for _, s := range srcs {
		if p, err := parse.Parse(s.path, []byte(s.head+s.body)); err == nil {
			orig[s.outlet] = p.Published
		}
		origBody[s.body] = true
	}
	paths := map[string]bool{}
	outlets := map[string]bool{}
	changed, variants, failed := 0, 0, 0
	for _, e := range posts {
		if paths[e.path] {
			t.Fatalf("path %q twice", e.path)
		}
		paths[e.path] = true
		p, err := parse.Parse(e.path, e.data)
		if err != nil {
			// The sample holds hostile posts (binary, empty): so does
			// the synthetic archive.
			failed++
			continue
		}
		outlets[p.Outlet] = true
		if strings.Contains(p.Outlet, "·") {
			variants++
		}
		if !p.Published.IsZero() && p.Published.After(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: date %v moved forward", e.path, p.Published)
		}
		if !origBody[string(e.data[bytes.Index(e.data, []byte("\n------\n"))+1:])] {
			changed++
		}
	}
	if failed > opt.N/10 {
		t.Errorf("%d of %d posts do not parse", failed, opt.N)
	}
	if variants < opt.N/2 || variants > opt.N*9/10 {
		t.Errorf("%d of %d posts in outlet variants, want about 3/4", variants, opt.N)
	}
	if changed < opt.N*3/4 {
		t.Errorf("%d of %d posts changed from their source", changed, opt.N)
	}
	g := newGenerator(srcs, DefaultOptions)
	dups := 0
	for range 2000 {
		if g.next().dup {
			dups++
		}
	}
	if want := 2000 * DefaultOptions.Dups; float64(dups) < want*0.7 || float64(dups) > want*1.3 {
		t.Errorf("%d near-duplicates in 2000 posts, want about %.0f", dups, want)
	}
}

// "-o -" writes the same uncompressed tarball as "-o FILE.tar", to
// standard output.
func TestStdout(t *testing.T) {
	opt := DefaultOptions
	opt.N = 50
	file := filepath.Join(t.TempDir(), "s.tar")
	if err := run(file, []string{"../../../testdata/posts"}, opt, nil); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := run("-", []string{"../../../testdata/posts"}, opt, &b); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || !bytes.Equal(b.Bytes(), want) {
		t.Fatalf("standard output: %d bytes, want the %d of the file", b.Len(), len(want))
	}
}
