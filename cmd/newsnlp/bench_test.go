package main

import (
	"context"
	"io"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/segment"
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

// BenchmarkPipelineVsGse measures, in one run, gse's segmentation alone on
// the texts of news.tar.gz (two goroutines sharing the segmenter, the
// stage's dictionary) and the pipeline on the same archive (parse,
// segment, entities, write, two workers; no quotes, keywords or corpus
// statistics), and reports both in megabytes of
// text per second and their ratio:
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench PipelineVsGse -count 5 ./cmd/newsnlp
func BenchmarkPipelineVsGse(b *testing.B) {
	in := filepath.Join(corpusDir(b), "news.tar.gz")
	bu, err := buildStages(modelOptions{})
	if err != nil {
		b.Fatal(err)
	}
	seg := bu.stages[1].(*segment.Segmenter)
	// The texts, as the segment stage sees them.
	var texts []string
	var textBytes int64
	parseOnly := bu.stages[:1]
	if _, err := pipeline.Run(context.Background(), pipeline.Archives{Paths: []string{in}, Filter: pipeline.Filter{Exts: []string{".md"}}}, parseOnly,
		sinkFunc(func(d *pipeline.Doc) error {
			if d.Post != nil {
				t := seg.Normalize(d.Post.Text, d.Post.Script)
				texts = append(texts, t)
				textBytes += int64(len(t))
			}
			return nil
		}), pipeline.Config{Workers: 2}); err != nil {
		b.Fatal(err)
	}
	var gseTime, pipeTime time.Duration
	for b.Loop() {
		t0 := time.Now()
		var wg sync.WaitGroup
		next := make(chan string)
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for t := range next {
					seg.Tokens(t)
				}
			}()
		}
		for _, t := range texts {
			next <- t
		}
		close(next)
		wg.Wait()
		gseTime += time.Since(t0)

		t0 = time.Now()
		o := runOptions{Archives: []string{in}, Out: b.TempDir(), Workers: 2, Exts: []string{".md"}, MaxSize: 64 << 20, Quiet: true,
			NoStats: true, onlyStages: 3}
		if _, err := runPipeline(context.Background(), o, io.Discard); err != nil {
			b.Fatal(err)
		}
		pipeTime += time.Since(t0)
	}
	mb := float64(textBytes) * float64(b.N) / 1e6
	b.ReportMetric(mb/gseTime.Seconds(), "gse-MB/s")
	b.ReportMetric(mb/pipeTime.Seconds(), "pipeline-MB/s")
	b.ReportMetric(gseTime.Seconds()/pipeTime.Seconds(), "ratio")
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}
