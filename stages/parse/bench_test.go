package parse

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline/corpustest"
	"github.com/newsnlp/newsnlp/stages/parse/credits"
)

// BenchmarkParse parses the first 1,000 posts of news.tar.gz, with
// allocations and processor time per iteration (cpu-s/op):
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench Parse -benchmem -count 6 ./stages/parse
func BenchmarkParse(b *testing.B) {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		b.Skip("NEWSNLP_CORPUS not set")
	}
	names, raws := corpustest.Bodies(b, filepath.Join(dir, "news.tar.gz"), 1000, nil)
	size := 0
	for _, raw := range raws {
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	// Processor time per iteration moves less with the machine's load
	// than ns/op does.
	c0 := corpustest.CPUTime()
	defer func() { b.ReportMetric((corpustest.CPUTime()-c0).Seconds()/float64(b.N), "cpu-s/op") }()
	for b.Loop() {
		for i, raw := range raws {
			Parse(names[i], raw)
		}
	}
}

// BenchmarkCredits reads the credits of the first 1,000 posts of
// news.tar.gz, parsed beforehand: credits.Extract alone, which the Parse
// benchmark's noise hides.
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench Credits -count 6 ./stages/parse
func BenchmarkCredits(b *testing.B) {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		b.Skip("NEWSNLP_CORPUS not set")
	}
	names, raws := corpustest.Bodies(b, filepath.Join(dir, "news.tar.gz"), 1000, nil)
	var ins []credits.Input
	for i, raw := range raws {
		p, paras, err := parse(names[i], raw, "")
		if err != nil || p == nil {
			continue
		}
		ins = append(ins, credits.Input{Paragraphs: paras, Outlet: p.Outlet, Published: p.Published, Title: p.Title})
	}
	b.ReportAllocs()
	c0 := corpustest.CPUTime()
	defer func() { b.ReportMetric((corpustest.CPUTime()-c0).Seconds()/float64(b.N), "cpu-s/op") }()
	for b.Loop() {
		for _, in := range ins {
			credits.Extract(in)
		}
	}
}
