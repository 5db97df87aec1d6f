package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/newsnlp/newsnlp/cmd/internal/wordclusters"
	"github.com/newsnlp/newsnlp/pipeline"
)

const trainClustersUsage = `Usage: newsnlp train clusters --corpus DIR --out FILE [options]

Learns word clusters (models/clusters) from the words of every archive in DIR
(*.tar.gz, *.tgz, *.tar, sorted by name), parsed and segmented as a run reads
them (simplified script): the most frequent words, described by the words
one and two places around them, grouped at four levels from fine to coarse
(see models/clusters/README.md). The same corpus and lexicons give the same
FILE byte for byte. The header names the checksum of DIR's MANIFEST.jsonl.gz
(uncompressed), or of the archives where there is none.

Options:
`

func cmdTrainClusters(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlagSet("train clusters", trainClustersUsage, stderr)
	var corpus, out string
	var maxPosts, workers int
	var quiet bool
	o := wordclusters.Default
	fs.StringVar(&corpus, "corpus", "", "directory of archives to train from (required)")
	fs.StringVar(&out, "out", "", "the clusters file to write (required)")
	fs.IntVar(&maxPosts, "max-posts", 0, "use only the first N posts (0: all)")
	fs.IntVar(&workers, "workers", 0, "goroutines per stage (default: number of CPUs)")
	fs.IntVar(&o.Words, "words", o.Words, "most frequent words clustered")
	fs.IntVar(&o.MinCount, "min-count", o.MinCount, "words seen fewer times are not clustered")
	fs.BoolVar(&quiet, "q", false, "print nothing but errors")
	if _, err := parseInterspersed(fs, args[1:]); err != nil {
		return err
	}
	if corpus == "" || out == "" {
		fs.Usage()
		return fmt.Errorf("%w: --corpus DIR and --out FILE are required", errUsage)
	}
	archives, err := corpusArchives(corpus)
	if err != nil {
		return err
	}
	sum, err := corpusChecksum(corpus, archives)
	if err != nil {
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(math.MaxInt64)
	}
	logf := func(format string, a ...any) {
		if !quiet {
			fmt.Fprintf(stderr, "newsnlp: "+format+"\n", a...)
		}
	}
	start := time.Now()
	b, err := buildStages(modelOptions{TopN: 10})
	if err != nil {
		return err
	}
	var src pipeline.Source = pipeline.Archives{Paths: archives, Filter: pipeline.Filter{Exts: []string{".md", ".markdown"}, MaxSize: 64 << 20}}
	if maxPosts > 0 {
		src = firstN{src, maxPosts}
	}
	c := wordclusters.NewCounter()
	posts := 0
	_, err = pipeline.Run(ctx, src, b.stages[:2], sinkFunc(func(d *pipeline.Doc) error {
		if d.Err == nil && d.Post != nil {
			addWords(c, d)
			posts++
		}
		return nil
	}), pipeline.Config{Workers: workers})
	if err != nil {
		return err
	}
	logf("%d words read from %d posts in %s", c.Tokens(), posts, time.Since(start).Round(time.Second))
	o.Log = logf
	cl, err := c.Train(o)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := cl.Write(&buf, sum, o); err != nil {
		return err
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	logf("%d words clustered, written to %s (%d bytes) in %s", len(cl.Words), out, buf.Len(), time.Since(start).Round(time.Second))
	return nil
}

// addWords gives the counter a post's words (its tokens of the simplified
// text), a run per line.
func addWords(c *wordclusters.Counter, d *pipeline.Doc) {
	norm := []rune(d.Norm)
	var run []string
	for _, t := range d.Tokens {
		s, e := int(t.Start), min(int(t.Stop), len(norm))
		if s >= e {
			continue
		}
		w := string(norm[s:e])
		if strings.ContainsRune(w, '\n') {
			c.Add(run)
			run = run[:0]
			continue
		}
		run = append(run, w)
	}
	c.Add(run)
}

// corpusChecksum identifies the corpus: its manifest's lines (the blob id
// of every post), or the archives' bytes where there is no manifest.
func corpusChecksum(dir string, archives []string) (string, error) {
	h := sha256.New()
	f, err := os.Open(filepath.Join(dir, "MANIFEST.jsonl.gz"))
	if err == nil {
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return "", err
		}
		if _, err := io.Copy(h, zr); err != nil {
			return "", err
		}
		return "manifest " + hex.EncodeToString(h.Sum(nil))[:16], nil
	}
	for _, a := range archives {
		f, err := os.Open(a)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return "archives " + hex.EncodeToString(h.Sum(nil))[:16], nil
}
