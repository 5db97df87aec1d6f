package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/keywords"
)

const idfUsage = `Usage: newsnlp idf build ARCHIVE... --out FILE [options]

Counts in how many posts of the archives each term occurs and writes the
document frequencies to FILE, for later runs to score keywords with
(newsnlp run --idf FILE): a background model from your own corpus instead of
the general one gse ships.

Options:
`

func cmdIDF(ctx context.Context, args []string, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "build" {
		fmt.Fprint(stderr, idfUsage)
		return fmt.Errorf("%w: idf needs the word build", errUsage)
	}
	fs := newFlagSet("idf build", idfUsage, stderr)
	var out string
	var minDF, workers int
	var m modelOptions
	fs.StringVar(&out, "out", "", "the model file to write (required)")
	fs.IntVar(&minDF, "min-df", 2, "keep terms found in at least this many posts")
	fs.IntVar(&workers, "workers", 0, "goroutines per stage (default: number of CPUs)")
	m.Register(fs)
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) == 0 || out == "" {
		fs.Usage()
		return fmt.Errorf("%w: give archives and --out FILE", errUsage)
	}
	b, err := buildStages(m)
	if err != nil {
		return err
	}
	df := keywords.NewDF()
	src := pipeline.Archives{Paths: pos, Filter: pipeline.Filter{Exts: []string{".md", ".markdown"}, MaxSize: 64 << 20}}
	if _, err := pipeline.Run(ctx, src, b.stages, sinkFunc(func(d *pipeline.Doc) error {
		if d.Err == nil && d.TermWords != nil {
			df.Add(d.TermWords)
		}
		return nil
	}), pipeline.Config{Workers: workers}); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := df.Write(&buf, minDF); err != nil {
		return err
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "newsnlp: document frequencies of %d posts written to %s\n", df.Docs, out)
	return nil
}
