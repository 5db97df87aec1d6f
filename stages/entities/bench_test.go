package entities

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/parse"
)

// corpusDocs are the first posts of the real corpus's news archive, parsed
// and segmented once per process.
var (
	corpusOnce sync.Once
	corpusSet  []*pipeline.Doc
	corpusErr  error
)

type collect struct {
	mu   sync.Mutex
	docs []*pipeline.Doc
}

func (c *collect) Write(d *pipeline.Doc) error {
	if d.Post != nil {
		c.mu.Lock()
		c.docs = append(c.docs, d)
		c.mu.Unlock()
	}
	return nil
}

func corpusSample(b *testing.B, n int) []*pipeline.Doc {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		b.Skip("NEWSNLP_CORPUS not set")
	}
	_, seg := setup(b)
	corpusOnce.Do(func() {
		c := &collect{}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		src := pipeline.Archives{Paths: []string{filepath.Join(dir, "news.tar.gz")}, Filter: pipeline.Filter{Exts: []string{".md"}}}
		_, corpusErr = pipeline.Run(ctx, src, []pipeline.Stage{parse.New(), seg}, c, pipeline.Config{Workers: 2})
		corpusSet = c.docs
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpusSet[:min(n, len(corpusSet))]
}

// BenchmarkFind runs the stage over 3,000 real posts (segmented beforehand):
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench Find -count 6 ./stages/entities
func BenchmarkFind(b *testing.B) {
	docs := corpusSample(b, 3000)
	st, _ := setup(b)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Post.Text))
	}
	b.SetBytes(bytes)
	for b.Loop() {
		for _, d := range docs {
			st.Find(d.Post.Text, d.Norm, d.Tokens, credits(d.Post))
		}
	}
}

// BenchmarkFindNamesCorpus is BenchmarkFind with the name tagger, over 500
// real posts.
func BenchmarkFindNamesCorpus(b *testing.B) {
	docs := corpusSample(b, 500)
	st := withNames(b)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Post.Text))
	}
	b.SetBytes(bytes)
	for b.Loop() {
		for _, d := range docs {
			st.Find(d.Post.Text, d.Norm, d.Tokens, credits(d.Post))
		}
	}
}
