package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/newsnlp/newsnlp/cmd/internal/evaluate"
	"github.com/newsnlp/newsnlp/stages/entities"
)

const trainPeopleUsage = `Usage: newsnlp train people --gold DIR --out FILE [options]

Fits the decision over proposed person names (models/names/decision.tsv)
on hand-annotated posts (DIR as for newsnlp eval): every name the tagger
and the discovery rules propose in them, labelled by whether the gold
lists it among the post's people, with its source, the tagger's
confidence, its shape and the cues around it. The fit is deterministic:
the same gold, models and lexicons give the same file, byte for byte.
newsnlp eval --folds 5 reports how the same fit does on posts it was not
fitted on.

Options:
`

func cmdTrainPeople(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train people", trainPeopleUsage, stderr)
	var gold, out string
	fit := entities.DefaultDecisionFit
	var m modelOptions
	fs.StringVar(&gold, "gold", "", "directory of gold posts and annotations (required)")
	fs.StringVar(&out, "out", "", "the decision file to write (required)")
	fs.Float64Var(&fit.L2, "l2", fit.L2, "L2 penalty of the fit")
	fs.IntVar(&fit.MinCount, "min-count", fit.MinCount, "features seen in fewer proposals get no weight")
	fs.Float64Var(&fit.RegisterWeight, "register-weight", fit.RegisterWeight, "the weight of a proposal in the register sentences (models/names/register.txt) against a gold post's share of one")
	m.Register(fs)
	if _, err := parseInterspersed(fs, args[1:]); err != nil {
		return err
	}
	if gold == "" || out == "" {
		fs.Usage()
		return fmt.Errorf("%w: --gold DIR and --out FILE are required", errUsage)
	}
	sys, err := evalSystem(m)
	if err != nil {
		return err
	}
	b, err := buildStages(m)
	if err != nil {
		return err
	}
	st, err := entities.NewStage(b.gaz, entities.StageOptions{Names: b.names, Off: strings.Split(m.Off, ",")})
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	dec, n, err := evaluate.TrainPeople(ctx, gold, sys, st, fit)
	if errors.Is(err, evaluate.ErrNoGold) {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err != nil {
		return err
	}
	if err := writeModel(out, dec); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "people decision: fitted on %d proposals (%d weights), gold %s -> %s\n", n, dec.Weights(), dec.Gold, out)
	return nil
}
