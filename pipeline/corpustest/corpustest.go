// Package corpustest reads the entries of the shared corpus's tarballs for
// tests and benchmarks, which take the first posts of an archive or every
// n-th, so that each does not open, decompress and walk a tarball its own way,
// and gives the benchmarks one clock of processor time.
package corpustest

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"syscall"
	"testing"
	"time"
)

// CPUTime is the processor time the process has used so far, user and
// system, every thread's (the collector's too): on a machine shared with
// other work a steadier figure than the wall time of ns/op.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Each calls fn with the header and contents of each regular file of the
// gzip-compressed tarball, in archive order, until fn returns false or the
// archive ends. fn may read r or leave it. Any error fails tb.
func Each(tb testing.TB, tarball string, fn func(h *tar.Header, r io.Reader) bool) {
	tb.Helper()
	f, err := os.Open(tarball)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", tarball, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			tb.Fatalf("%s: %v", tarball, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		if !fn(h, tr) {
			return
		}
	}
}

// Bodies returns the names and contents of the first n regular files of the
// tarball whose names keep returns true for (nil keeps every file).
func Bodies(tb testing.TB, tarball string, n int, keep func(name string) bool) (names []string, bodies [][]byte) {
	tb.Helper()
	Each(tb, tarball, func(h *tar.Header, r io.Reader) bool {
		if len(bodies) >= n {
			return false
		}
		if keep != nil && !keep(h.Name) {
			return true
		}
		b, err := io.ReadAll(r)
		if err != nil {
			tb.Fatalf("%s: %s: %v", tarball, h.Name, err)
		}
		names = append(names, h.Name)
		bodies = append(bodies, b)
		return true
	})
	return names, bodies
}
