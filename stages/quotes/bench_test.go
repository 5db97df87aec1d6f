package quotes

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/pipeline/corpustest"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/parse"
)

var (
	realOnce sync.Once
	realDocs []*pipeline.Doc
	realErr  error
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

// realSample returns the first n posts of the corpus's news archive, parsed,
// segmented and with their entities, once per process.
func realSample(b *testing.B, n int) []*pipeline.Doc {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		b.Skip("NEWSNLP_CORPUS not set")
	}
	realOnce.Do(func() {
		g, err := entities.LoadGazetteer(entities.Options{})
		if err != nil {
			realErr = err
			return
		}
		chain(&testing.T{}, "") // loads the segmenter
		c := &collect{}
		src := pipeline.Archives{Paths: []string{filepath.Join(dir, "news.tar.gz")}, Filter: pipeline.Filter{Exts: []string{".md"}}}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, realErr = pipeline.Run(ctx, src, []pipeline.Stage{parse.New(), chainSeg, entities.New(g)}, c, pipeline.Config{Workers: 2})
		realDocs = c.docs
	})
	if realErr != nil {
		b.Fatal(realErr)
	}
	return realDocs[:min(n, len(realDocs))]
}

// BenchmarkProcessReal runs the stage over 2,000 real posts, with the
// speaker model and with the rules alone:
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench ProcessReal -count 6 ./stages/quotes
func BenchmarkProcessReal(b *testing.B) {
	docs := realSample(b, 2000)
	var size int64
	for _, d := range docs {
		size += int64(len(d.Post.Text))
	}
	for _, bc := range []struct {
		name string
		s    *Stage
	}{{"model", New()}, {"rules", rulesOnly()}} {
		bc.s.UseWords(chainSeg) // as a run's stage reads the clusters
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			cpu := corpustest.CPUTime()
			for b.Loop() {
				for _, d := range docs {
					if err := bc.s.Process(context.Background(), d); err != nil {
						b.Fatal(err)
					}
				}
			}
			// Processor time (the collector's too), steadier than wall
			// time on a shared machine.
			b.ReportMetric((corpustest.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// BenchmarkTreeSum sums the shipped trees for the candidates of 2,000 real
// posts (their features' bits, in text order) by each way there is: the
// walk of the nodes, the memo in front of the leaf masks (as the stage
// does) or of the walk, the leaf masks alone.
func BenchmarkTreeSum(b *testing.B) {
	m := New().model
	if m == nil || m.masks == nil {
		b.Skip("no trees")
	}
	var sets [][]uint64
	rules := rulesOnly()
	for _, d := range realSample(b, 2000) {
		_, cands := rules.Candidates(d)
		for _, cs := range cands {
			for _, c := range cs {
				set := make([]uint64, len(m.tf)/64+1)
				for _, f := range c.Features {
					if k, ok := m.tf[f]; ok {
						set[k>>6] |= 1 << (k & 63)
					}
				}
				sets = append(sets, set)
			}
		}
	}
	b.Logf("%d candidates", len(sets))
	var sink float64
	run := func(name string, sum func(set []uint64) float64) {
		b.Run(name, func(b *testing.B) {
			cpu := corpustest.CPUTime()
			for b.Loop() {
				for _, s := range sets {
					sink += sum(s)
				}
			}
			// Processor time per candidate: wall time says how busy
			// the machine is.
			b.ReportMetric(float64((corpustest.CPUTime()-cpu).Nanoseconds())/float64(b.N*len(sets)), "cpu-ns/cand")
		})
	}
	run("walk", m.treeSum)
	var fs featSink
	fs.m = m
	run("memo", func(set []uint64) float64 {
		copy(fs.treeBits(), set)
		return fs.treeSum()
	})
	var t treeMemo
	run("memo-walk", func(set []uint64) float64 {
		i, ok := t.lookup(m, set)
		if !ok {
			t.put(i, set, m.treeSum(set))
		}
		return t.vals[i]
	})
	room, touched := make([]leafMask, len(m.roots)), make([]uint16, len(m.roots)+1)
	run("masks", func(set []uint64) float64 { return m.masks.sum(set, room, touched) })
	_ = sink
}
