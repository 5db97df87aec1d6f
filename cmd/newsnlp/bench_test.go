package main

import (
	"context"
	"io"
	"path/filepath"
	"syscall"
	"testing"
)

// BenchmarkRunNews is parse + write over news.tar.gz, read directly from
// the tarball, as `newsnlp run` does it. It reports input MB/s (b.SetBytes)
// and the process's peak RSS; run it alone for the RSS figure to mean the
// pipeline's:
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench RunNews -count 5 ./cmd/newsnlp
func BenchmarkRunNews(b *testing.B) {
	in := filepath.Join(corpusDir(b), "news.tar.gz")
	var bytes int64
	for b.Loop() {
		out := b.TempDir()
		o := runOptions{Archives: []string{in}, Out: out, Workers: 0, Exts: []string{".md", ".markdown"}, MaxSize: 64 << 20, Quiet: true}
		rep, err := runPipeline(context.Background(), o, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		bytes = rep.InputBytes
	}
	b.SetBytes(bytes)
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}
