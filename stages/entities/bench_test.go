package entities

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/pipeline/corpustest"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
	"github.com/newsnlp/newsnlp/stages/parse"
)

// corpusSet holds the first posts of the real corpus's news archive,
// parsed and segmented once per process: as many as the largest sample
// asked for so far (reading stops there, so that a benchmark of 500 posts
// does not wait for the whole archive to be segmented).
var (
	corpusMu  sync.Mutex
	corpusSet []*pipeline.Doc
	corpusAll bool // the archive holds no more posts than corpusSet
)

// errEnough stops a run once the sample is complete.
var errEnough = errors.New("enough posts")

type collect struct {
	mu   sync.Mutex
	n    int
	docs []*pipeline.Doc
}

func (c *collect) Write(d *pipeline.Doc) error {
	if d.Post != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		if len(c.docs) >= c.n {
			return errEnough
		}
		c.docs = append(c.docs, d)
	}
	return nil
}

// corpusSample returns the first n posts of the archive (in its order),
// or all of them when it holds fewer.
func corpusSample(b testing.TB, n int) []*pipeline.Doc {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		b.Skip("NEWSNLP_CORPUS not set")
	}
	_, seg := setup(b)
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if len(corpusSet) < n && !corpusAll {
		c := &collect{n: n}
		src := pipeline.Archives{Paths: []string{filepath.Join(dir, "news.tar.gz")}, Filter: pipeline.Filter{Exts: []string{".md"}}}
		_, err := pipeline.Run(context.Background(), src, []pipeline.Stage{parse.New(), seg}, c, pipeline.Config{Workers: 2})
		if err != nil && !errors.Is(err, errEnough) {
			b.Fatal(err)
		}
		corpusSet, corpusAll = c.docs, err == nil
	}
	return corpusSet[:min(n, len(corpusSet))]
}

// BenchmarkFind runs the stage over 3,000 real posts (segmented beforehand):
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench Find -count 6 ./stages/entities
func BenchmarkFind(b *testing.B) {
	st, _ := setup(b)
	benchFind(b, st, corpusSample(b, 3000))
}

// benchFind runs st over docs in each iteration, with allocations and the
// processor time per iteration (cpu-ns/op).
func benchFind(b *testing.B, st *Stage, docs []*pipeline.Doc) {
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Post.Text))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	cpu := corpustest.CPUTime()
	for b.Loop() {
		for _, d := range docs {
			st.Find(d.Post.Text, d.Norm, d.Tokens, credits(d.Post))
		}
	}
	b.ReportMetric(float64(corpustest.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// BenchmarkFindNamesCorpus is BenchmarkFind with the name tagger, over 500
// real posts.
func BenchmarkFindNamesCorpus(b *testing.B) {
	benchFind(b, withNames(b), corpusSample(b, 500))
}

// BenchmarkFindNames2000 is BenchmarkFindNamesCorpus over the first 2,000
// posts, the sample of cmd/newsnlp's RunVsGse: its longer posts and
// proposals weigh as in a whole run (the first 500 underweight them).
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench FindNames2000 -benchtime 5x -count 6 ./stages/entities
func BenchmarkFindNames2000(b *testing.B) {
	benchFind(b, withNames(b), corpusSample(b, 2000))
}

// BenchmarkTagger2000 runs the name tagger alone over the windows it reads
// in the first 2,000 posts (as tagNames makes them after the lexicon and
// the discovery rules, before any tagger span is judged), collected
// once: the tagger's layout changes measured without the rest of the
// stage's noise.
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench Tagger2000 -count 10 ./stages/entities
func BenchmarkTagger2000(b *testing.B) {
	st := withNames(b)
	type window struct {
		in       tagger.Input
		from, to int
		all      bool
	}
	var ws []window
	chars := 0
	for _, pd := range corpusSample(b, 2000) {
		d, _ := st.findIn(newDoc(st.g, "", "", nil), pd.Post.Text, pd.Norm, pd.Tokens, credits(pd.Post), false, nil)
		lex := d.lexCodes()
		d.startVerbMemo()
		names := d.ruleNames()
		for _, c := range d.clauses() {
			if !d.worthTagging(c[0], c[1]) {
				continue
			}
			for _, w := range d.nameWindows(c[0], c[1], names) {
				a, e := max(c[0], w[0]-3), min(c[1], w[1]+3)
				var in tagger.Input
				d.tagInput(a, e, lex, nil, nil, nil, &in)
				in = tagger.Input{Runes: slices.Clone(in.Runes), Class: slices.Clone(in.Class), TokStart: slices.Clone(in.TokStart), TokStop: slices.Clone(in.TokStop), POS: slices.Clone(in.POS), Lex: slices.Clone(in.Lex), Ctx: slices.Clone(in.Ctx)}
				ws = append(ws, window{in, w[0] - a, w[1] - a, nameIn(names, w[0], w[1])})
				chars += w[1] - w[0]
			}
		}
	}
	var s tagger.Scratch
	cpu := corpustest.CPUTime()
	for b.Loop() {
		for i := range ws {
			w := &ws[i]
			st.names.AnalyzeRangeWith(&w.in, w.from, w.to, w.all, &s)
		}
	}
	b.ReportMetric(float64(corpustest.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(len(ws)), "windows")
	b.ReportMetric(float64(chars), "chars")
}
