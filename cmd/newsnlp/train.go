package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsnlp/newsnlp/cmd/internal/evaluate"
	"github.com/newsnlp/newsnlp/models/speakers"
	"github.com/newsnlp/newsnlp/stages/quotes"
)

const trainUsage = `Usage: newsnlp train speakers --gold DIR --out FILE [options]
       newsnlp train names --corpus DIR --out FILE [options]   (see newsnlp train names -h)
       newsnlp train people --gold DIR --out FILE [options]    (see newsnlp train people -h)
       newsnlp train clusters --corpus DIR --out FILE          (see newsnlp train clusters -h)

Fits the speaker model of the quote stage on hand-annotated posts (DIR as for
newsnlp eval): for every quote the rules find and the gold matches, its
candidate speakers and which of them the gold names. The fit is
deterministic: the same gold and the same lexicons give the same file, byte
for byte. Use the file with --speaker-model, or copy it to
models/speakers/speakers.tsv to ship it. newsnlp eval --folds 5 reports how
the same fit does on posts it was not fitted on.

Options:
`

func cmdTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "names" {
		return cmdTrainNames(ctx, args, stderr)
	}
	if len(args) > 0 && args[0] == "people" {
		return cmdTrainPeople(ctx, args, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "clusters" {
		return cmdTrainClusters(ctx, args, stderr)
	}
	if len(args) == 0 || args[0] != "speakers" {
		fmt.Fprint(stderr, trainUsage)
		return fmt.Errorf("%w: train needs the word speakers, names, people or clusters", errUsage)
	}
	fs := newFlagSet("train speakers", trainUsage, stderr)
	var gold, out, corpus, extraFile string
	fit := quotes.DefaultFit
	var m modelOptions
	fs.StringVar(&gold, "gold", "", "directory of gold posts and annotations (required)")
	fs.StringVar(&out, "out", "", "the model file to write (required)")
	fs.Float64Var(&fit.L2, "l2", fit.L2, "L2 penalty of the fit")
	fs.IntVar(&fit.MinCount, "min-count", fit.MinCount, "features seen in fewer quotes get no weight")
	var trees, treesOver string
	var bags bagFlags
	fs.StringVar(&trees, "speaker-trees", defaultSpeakerTrees, "also fit boosted regression trees at these depths (e.g. 3), the depth and the number of trees chosen by cross-validation over the gold's folds; none: the linear model alone")
	fs.StringVar(&treesOver, "speaker-trees-over", "linear", "with --speaker-trees: linear (trees on the linear model's scores), none (trees alone) or half")
	bags.register(fs)
	registerExtraFlags(fs, &corpus, &extraFile)
	m.Register(fs)
	if _, err := parseInterspersed(fs, args[1:]); err != nil {
		return err
	}
	if err := bags.checkShort(); err != nil {
		return err
	}
	if gold == "" || out == "" {
		fs.Usage()
		return fmt.Errorf("%w: --gold DIR and --out FILE are required", errUsage)
	}
	extra, err := readExtra(corpus, extraFile)
	if err != nil {
		return err
	}
	if extra == nil {
		fmt.Fprintln(stderr, "newsnlp: without --corpus the speaker model learns from the gold set alone (not the shipped recipe)")
	}
	// The fit reads the rules' candidates alone, and must work when the
	// embedded model it replaces no longer reads.
	m.NoSpeakerModel = true
	sys, err := evalSystem(m)
	if err != nil {
		return err
	}
	var t *evaluate.Trees
	if trees != "none" && trees != "" {
		if t, err = parseTrees(trees, treesOver); err != nil {
			return err
		}
		if err := bags.apply(t); err != nil {
			return err
		}
	}
	model, n, err := evaluate.TrainSpeakers(ctx, gold, sys, fit, extra, t)
	if errors.Is(err, evaluate.ErrNoGold) {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err != nil {
		return err
	}
	if err := writeModel(out, model); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "speaker model: fitted on %d quotes, gold %s -> %s\n", n, model.Gold, out)
	return nil
}

// writeModel writes a trained model to out, whole or not at all.
func writeModel(out string, m io.WriterTo) error {
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	return writeFileAtomic(out, buf.Bytes())
}

// registerExtraFlags adds the flags of the extra speaker annotations.
func registerExtraFlags(fs *flag.FlagSet, corpus, extraFile *string) {
	fs.StringVar(corpus, "corpus", "", "directory of the corpus tarballs (*.tar.gz) holding the posts of the extra speaker annotations; the speaker model then learns from those too (as the shipped one does)")
	fs.StringVar(extraFile, "speaker-extra", "", "with --corpus: speaker annotations of corpus posts, one JSON post per line (default: the shipped models/speakers/extra.jsonl)")
}

// readHeldout reads the held-out speaker annotations: nil without a
// corpus or with "none".
func readHeldout(corpus, file string) (*evaluate.Extra, error) {
	if corpus == "" && file != "" && file != "none" {
		return nil, fmt.Errorf("%w: --heldout needs --corpus", errUsage)
	}
	if file == "none" {
		return nil, nil
	}
	x, err := readAnnotations(corpus, file, speakers.Heldout())
	if err != nil {
		return nil, fmt.Errorf("held-out annotations: %w", err)
	}
	return x, nil
}

// readExtra reads the extra speaker annotations: nil without a corpus.
func readExtra(corpus, file string) (*evaluate.Extra, error) {
	if corpus == "" && file != "" {
		return nil, fmt.Errorf("%w: --speaker-extra needs --corpus", errUsage)
	}
	return readAnnotations(corpus, file, speakers.Extra())
}

// readAnnotations reads speaker annotations of corpus posts from file, or
// the shipped text when file is empty: nil without a corpus.
func readAnnotations(corpus, file, shipped string) (*evaluate.Extra, error) {
	if corpus == "" {
		return nil, nil
	}
	var r io.Reader = strings.NewReader(shipped)
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	ps, err := evaluate.ReadExtra(r)
	if err != nil {
		return nil, err
	}
	return &evaluate.Extra{Posts: ps, Corpus: corpus}, nil
}
