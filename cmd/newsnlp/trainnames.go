package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/newsnlp/newsnlp/cmd/internal/setup"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
	"github.com/newsnlp/newsnlp/stages/segment"
)

const trainNamesUsage = `Usage: newsnlp train names --corpus DIR --out FILE [options]

Trains the person-name tagger (models/names) by distant supervision: every
archive in DIR (*.tar.gz, *.tgz, *.tar, sorted by name) is parsed and
segmented, the gazetteer and the discovery rules find the people of each
post, and the clauses whose name-like words they all explain become the
training examples (see models/names/README.md). The same corpus and
lexicons give the same FILE byte for byte. A FILE ending in .gz is
gzip-compressed.

Options:
`

func cmdTrainNames(ctx context.Context, args []string, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "names" {
		fmt.Fprint(stderr, trainNamesUsage)
		return fmt.Errorf("%w: train needs the word names", errUsage)
	}
	fs := newFlagSet("train names", trainNamesUsage, stderr)
	var corpus, out string
	var maxPosts, epochs, workers int
	var threshold, temperature float64
	var quiet, augment, mask bool
	fs.StringVar(&corpus, "corpus", "", "directory of archives to train from (required)")
	fs.StringVar(&out, "out", "", "the model file to write (required)")
	fs.IntVar(&maxPosts, "max-posts", 0, "use only the first N posts (0: all)")
	fs.IntVar(&epochs, "epochs", 4, "passes over the examples")
	fs.IntVar(&workers, "workers", 0, "goroutines per stage (default: number of CPUs)")
	fs.Float64Var(&threshold, "threshold", defaultNamesThreshold, "the span confidence written into the model as its default (the command uses its own, see defaultNamesThreshold)")
	fs.Float64Var(&temperature, "temperature", defaultNamesTemperature, "the divisor of scores for confidences, written into the model")
	fs.BoolVar(&augment, "augment", true, "add a copy of each clause with names in which generated names replace them (see models/names/README.md)")
	fs.BoolVar(&mask, "mask-unknown", false, "keep the clauses with a name-like stretch no source explains, that stretch left out of the loss, instead of dropping them (see models/names/README.md)")
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
	if os.Getenv("GOMEMLIMIT") == "" {
		// The examples are a gigabyte of live heap: under the run's memory
		// limit the collector would run without pause.
		debug.SetMemoryLimit(math.MaxInt64)
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(100)
		}
	}
	logf := func(format string, a ...any) {
		if !quiet {
			fmt.Fprintf(stderr, "newsnlp: "+format+"\n", a...)
		}
	}
	exs, posts, err := nameExamples(ctx, archives, maxPosts, workers, augment, mask)
	if err != nil {
		return err
	}
	chars, unknown := 0, 0
	for _, ex := range exs {
		chars += len(ex.Labels)
		for _, l := range ex.Labels {
			if l == tagger.Unknown {
				unknown++
			}
		}
	}
	logf("%d examples (%d characters, %d left out of the loss) from %d posts", len(exs), chars, unknown, posts)
	m := tagger.Train(exs, tagger.TrainOptions{Epochs: epochs, Seed: 10, Threshold: threshold, Temperature: temperature, Progress: func(e, wrong int) {
		logf("pass %d: %d of %d examples wrong", e, wrong, len(exs))
	}})
	var buf bytes.Buffer
	if strings.HasSuffix(out, ".gz") {
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err := m.WriteText(zw); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
	} else if err := m.WriteText(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	logf("%d features written to %s (%d bytes)", m.Features(), out, buf.Len())
	return nil
}

// nameExamples parses and segments the archives and returns the tagger's
// training examples in input order, and the number of posts read.
func nameExamples(ctx context.Context, archives []string, maxPosts, workers int, augment, mask bool) ([]tagger.Example, int, error) {
	b, err := buildStages(modelOptions{TopN: 10})
	if err != nil {
		return nil, 0, err
	}
	// Hidden lexicon names are shown cut as gse cuts them without the
	// lexicons' words, as names no lexicon holds are cut.
	plain, err := segment.New(nil)
	if err != nil {
		return nil, 0, err
	}
	opt := entities.StageOptions{Plain: plain.Tokens, MaskUnknown: mask}
	if augment {
		opt.Augment = &entities.Augment{Segment: b.seg.Tokens, Names: gseNames(plain)}
	}
	ent, err := entities.NewStage(b.gaz, opt)
	if err != nil {
		return nil, 0, err
	}
	ex := &exampleStage{ent: ent, out: map[int64][]tagger.Example{}}
	var src pipeline.Source = pipeline.Archives{Paths: archives, Filter: pipeline.Filter{Exts: []string{".md", ".markdown"}, MaxSize: 64 << 20}}
	if maxPosts > 0 {
		src = firstN{src, maxPosts}
	}
	var exs []tagger.Example
	posts := 0
	stages := []pipeline.Stage{b.stages[0], b.stages[1], ex}
	_, err = pipeline.Run(ctx, src, stages, sinkFunc(func(d *pipeline.Doc) error {
		e := ex.take(d.Seq)
		if d.Err == nil && d.Post != nil {
			exs = append(exs, e...)
			posts++
		}
		return nil
	}), pipeline.Config{Workers: workers})
	return exs, posts, err
}

// gseNames are the words of gse's own dictionary tagged as person names,
// whose surnames, given-name characters and transliterations the names
// generated for training follow.
func gseNames(s *segment.Segmenter) []string {
	var out []string
	for _, t := range s.Gse().Dict.Tokens {
		if t.Pos() == "nr" {
			out = append(out, t.Text())
		}
	}
	return out
}

// firstN is the first n files of a source.
type firstN struct {
	src pipeline.Source
	n   int
}

var errEnough = fmt.Errorf("enough posts")

func (f firstN) Walk(ctx context.Context, emit func(*pipeline.Doc) error) error {
	k := 0
	err := f.src.Walk(ctx, func(d *pipeline.Doc) error {
		if k >= f.n {
			return errEnough
		}
		k++
		return emit(d)
	})
	if err == errEnough {
		return nil
	}
	return err
}

// exampleStage makes the examples of each post beside the pipeline's Doc,
// which has no field for them; the sink takes them in input order.
type exampleStage struct {
	ent *entities.Stage
	mu  sync.Mutex
	out map[int64][]tagger.Example
}

func (*exampleStage) Name() string { return "name-examples" }

func (s *exampleStage) Process(_ context.Context, d *pipeline.Doc) error {
	e := s.ent.NameExamples(d)
	s.mu.Lock()
	s.out[d.Seq] = e
	s.mu.Unlock()
	return nil
}

func (s *exampleStage) take(seq int64) []tagger.Example {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.out[seq]
	delete(s.out, seq)
	return e
}

// defaultNamesThreshold is the least confidence of a tagger span that
// becomes a mention, chosen by measurement on the development gold (see
// models/names/README.md).
const defaultNamesThreshold = setup.DefaultNamesThreshold

// defaultNamesTemperature softens the perceptron's scores into
// confidences that a threshold can tell apart (chosen with the threshold).
const defaultNamesTemperature = 8

// corpusArchives lists the archives of a corpus directory, in byte order
// of their names, as the training commands read them.
func corpusArchives(corpus string) ([]string, error) {
	var archives []string
	for _, pat := range []string{"*.tar.gz", "*.tgz", "*.tar"} {
		m, err := filepath.Glob(filepath.Join(corpus, pat))
		if err != nil {
			return nil, err
		}
		archives = append(archives, m...)
	}
	sort.Strings(archives)
	if len(archives) == 0 {
		return nil, fmt.Errorf("%w: no archives (*.tar.gz, *.tgz, *.tar) in %s", errUsage, corpus)
	}
	return archives, nil
}
