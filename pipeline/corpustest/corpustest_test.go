package corpustest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTarball(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	add := func(h *tar.Header, body string) {
		h.Size = int64(len(body))
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	add(&tar.Header{Name: "a/", Typeflag: tar.TypeDir, Mode: 0o755}, "")
	add(&tar.Header{Name: "a/1.md", Typeflag: tar.TypeReg, Mode: 0o644}, "one")
	add(&tar.Header{Name: "a/l.md", Typeflag: tar.TypeSymlink, Linkname: "1.md"}, "")
	add(&tar.Header{Name: "a/2.txt", Typeflag: tar.TypeReg, Mode: 0o644}, "two")
	add(&tar.Header{Name: "a/3.md", Typeflag: tar.TypeReg, Mode: 0o644}, "three")
	add(&tar.Header{Name: "a/4.md", Typeflag: tar.TypeReg, Mode: 0o644}, "four")
	tw.Close()
	zw.Close()
	p := filepath.Join(t.TempDir(), "x.tar.gz")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBodies(t *testing.T) {
	p := writeTarball(t)
	md := func(name string) bool { return strings.HasSuffix(name, ".md") }
	for _, c := range []struct {
		n    int
		keep func(string) bool
		want string
	}{
		{10, nil, "a/1.md=one a/2.txt=two a/3.md=three a/4.md=four"},
		{2, md, "a/1.md=one a/3.md=three"},
		{0, nil, ""},
	} {
		names, bodies := Bodies(t, p, c.n, c.keep)
		var got []string
		for i := range names {
			got = append(got, names[i]+"="+string(bodies[i]))
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("Bodies(%d): %q, want %q", c.n, g, c.want)
		}
	}
}

func TestEachStops(t *testing.T) {
	p := writeTarball(t)
	var seen []string
	Each(t, p, func(h *tar.Header, r io.Reader) bool {
		seen = append(seen, h.Name)
		return len(seen) < 2
	})
	if strings.Join(seen, " ") != "a/1.md a/2.txt" {
		t.Errorf("saw %q", seen)
	}
}
