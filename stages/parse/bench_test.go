package parse

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParse parses the first 1,000 posts of news.tar.gz, with
// allocations:
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench Parse -benchmem -count 6 ./stages/parse
func BenchmarkParse(b *testing.B) {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		b.Skip("NEWSNLP_CORPUS not set")
	}
	f, err := os.Open(filepath.Join(dir, "news.tar.gz"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var names []string
	var raws [][]byte
	size := 0
	for len(raws) < 1000 {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			b.Fatal(err)
		}
		names = append(names, h.Name)
		raws = append(raws, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, raw := range raws {
			Parse(names[i], raw)
		}
	}
}
