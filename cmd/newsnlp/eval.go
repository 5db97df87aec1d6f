package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/newsnlp/newsnlp/cmd/internal/evaluate"
	"github.com/newsnlp/newsnlp/stages/quotes"
)

const evalUsage = `Usage: newsnlp eval --gold DIR [options]

Scores the pipeline against hand-annotated posts: DIR holds NNN.md (a post)
beside NNN.json (its annotation, in the format of the gold guide). Prints
precision, recall and F1 per type (people, countries, outlets, reporters,
editors), matching names alias-aware and insensitive to script, side by side
with the baseline a user would otherwise pick: gse's own part-of-speech tags
(nr as people, ns as countries, nt and nz as outlets); quote detection and
speaker accuracy, for the rules alone, the shipped speaker model and (with
--folds) the model cross-validated on the gold's folds; keywords. Then the
misses and false hits of each post.

Options:
`

func cmdEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval", evalUsage, stderr)
	var gold, floors, jsonOut, spkErrs, peopleErrs, corpus, extraFile, heldoutFile string
	var quiet bool
	var trees, treesOver string
	var bags bagFlags
	o := evaluate.Options{Fit: quotes.DefaultFit}
	var m modelOptions
	fs.StringVar(&gold, "gold", "", "directory of gold posts and annotations (required)")
	fs.StringVar(&floors, "floors", "", "fail (exit 1) when a figure is below its floor, e.g. "+evaluate.DefaultFloors+"; \"default\" means these")
	fs.StringVar(&jsonOut, "json", "", "also write the scores and the per-post detail to this JSON file")
	fs.BoolVar(&quiet, "q", false, "print the score table only, not the per-post detail")
	fs.BoolVar(&o.SpeakersOnly, "speakers-only", false, "score the quotes and speakers alone (not the people, countries, outlets, credits, keywords or the gse baseline): the same speaker figures in about half the time; floors then only on quotes, speakers, quotes+speakers, short-quotes, extra-speakers and heldout-speakers")
	fs.BoolVar(&o.NoTransfer, "no-transfer", false, "with --folds and --corpus: leave out the transfer rows (the extra posts scored by a fit on the gold alone and the gold by one on the extra posts), which no floor reads: about two minutes less")
	fs.BoolVar(&o.ShortOnly, "short-only", false, "with --folds and --speakers-only: cross-validate the short-quote detector alone (its short F1 on the gold and the extra posts; the speaker columns are the rules')")
	fs.StringVar(&trees, "speaker-trees", defaultSpeakerTrees, "with --folds: boosted regression trees (softmax loss over a quote's candidates) in the speaker model cross-validated, at these depths (e.g. 2,3,4), the depth and the number of trees (up to "+strconv.Itoa(quotes.DefaultBoost.Rounds)+") chosen by nested cross-validation, as train speakers fits the shipped one; none: the linear model alone; see models/speakers/README.md")
	fs.StringVar(&treesOver, "speaker-trees-over", "linear", "with --speaker-trees: linear (trees on the linear model's scores, as shipped), none (trees alone) or half (half the linear model, half trees)")
	bags.register(fs)
	fs.Float64Var(&quotes.ShortThreshold, "short-threshold", quotes.ShortThreshold, "the log-odds above which the short-quote detector keeps a span when its model has no short|threshold line (with --short-threshold-cv=false, every fit's)")
	fs.IntVar(&o.Folds, "folds", 0, "also cross-validate the speaker model (train on all folds but one, post NNN being in fold NNN mod k, score that one, for each) and the choice of the name tagger's threshold and veto; the quote and people floors then hold the cross-validated figures")
	fs.Float64Var(&o.Fit.L2, "l2", o.Fit.L2, "with --folds: the L2 penalty of the speaker model's fit")
	fs.StringVar(&o.Sequence.Train, "speaker-prev-train", evaluate.DefaultSequence.Train, "with --folds: the speakers of earlier quotes that the training quotes' features (previous speaker, quotes so far) see: rules, gold (teacher forcing) or cross (a model's fitted on the other inner folds, left to right)")
	fs.StringVar(&o.Sequence.Decode, "speaker-decode", evaluate.DefaultSequence.Decode, "with --folds: the speakers of earlier quotes that a scored quote's features see: rules, or greedy (the model's own, left to right)")
	fs.StringVar(&spkErrs, "speaker-errors", "", "with --folds: write the held-out quotes given a wrong speaker, with their candidates, and the short quotes missed or added, to this file (with --short-only: the short quotes alone)")
	fs.StringVar(&peopleErrs, "people-errors", "", "with --folds: write the people each post and register sentence misses or finds wrongly under the decision fitted without its fold to this file")
	registerExtraFlags(fs, &corpus, &extraFile)
	fs.StringVar(&heldoutFile, "heldout", "", "with --corpus: annotated corpus posts nothing is fitted on (the format of --speaker-extra), scored with the model as run, --speaker-model's or the shipped one (default: the shipped models/speakers/heldout.jsonl); none: no such rows")
	m.Register(fs)
	registerPeopleFlags(fs, &m)
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if err := bags.checkShort(); err != nil {
		return err
	}
	if gold == "" {
		fs.Usage()
		return fmt.Errorf("%w: --gold DIR is required", errUsage)
	}
	dflt := floors == "default"
	if dflt {
		floors = evaluate.DefaultFloors
	}
	floor, err := evaluate.ParseFloors(floors)
	if err != nil {
		return fmt.Errorf("%w: --floors: %v", errUsage, err)
	}
	if dflt && corpus == "" {
		// Without the corpus there are no extra posts to score.
		delete(floor, evaluate.ExtraFloor)
		delete(floor, evaluate.HeldoutFloor)
	}
	if dflt && heldoutFile == "none" {
		delete(floor, evaluate.HeldoutFloor)
	}
	if dflt && o.Folds == 0 && (corpus == "" || heldoutFile == "none") {
		// No calibration scored: neither cross-validated nor held out.
		delete(floor, evaluate.ConfidentFloor)
	}
	if o.SpeakersOnly {
		for t := range floor {
			if !evaluate.IsQuoteFloor(t) {
				return fmt.Errorf("%w: --speakers-only scores no %s: floors only on quotes, speakers, quotes+speakers, short-quotes, extra-speakers, heldout-speakers and confident-speakers", errUsage, t)
			}
		}
	}
	if err := o.Sequence.Check(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if o.Sequence != evaluate.DefaultSequence && o.Folds == 0 {
		return fmt.Errorf("%w: --speaker-prev-train and --speaker-decode need --folds", errUsage)
	}
	if o.Folds == 1 || o.Folds < 0 {
		return fmt.Errorf("%w: --folds wants 2 or more", errUsage)
	}
	if o.Extra, err = readExtra(corpus, extraFile); err != nil {
		return err
	}
	if o.Heldout, err = readHeldout(corpus, heldoutFile); err != nil {
		return err
	}
	for _, e := range []struct {
		flag, path string
		w          *io.Writer
	}{{"speaker-errors", spkErrs, &o.SpeakerErrors}, {"people-errors", peopleErrs, &o.PeopleErrors}} {
		if e.path == "" {
			continue
		}
		if o.Folds == 0 {
			return fmt.Errorf("%w: --%s needs --folds", errUsage, e.flag)
		}
		f, err := os.Create(e.path)
		if err != nil {
			return err
		}
		defer f.Close()
		*e.w = f
	}
	if trees == defaultSpeakerTrees && o.Folds == 0 {
		trees = "" // the default recipe: only the cross-validation fits models
	}
	if trees != "" && trees != "none" {
		if o.Folds == 0 {
			return fmt.Errorf("%w: --speaker-trees needs --folds", errUsage)
		}
		t, err := parseTrees(trees, treesOver)
		if err != nil {
			return err
		}
		if err := bags.apply(t); err != nil {
			return err
		}
		o.Trees = t
	}
	sys, err := evalSystem(m)
	if err != nil {
		return err
	}
	if o.Folds > 1 {
		if err := peopleCV(m, &o); err != nil {
			return err
		}
	}
	res, err := evaluate.Evaluate(ctx, gold, sys, o)
	if errors.Is(err, evaluate.ErrNoGold) {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err != nil {
		return err
	}
	below := res.Below(floor)
	res.Print(stdout, quiet)
	if jsonOut != "" {
		if err := writeJSONFile(jsonOut, res); err != nil {
			return err
		}
	}
	if len(below) > 0 {
		return fmt.Errorf("below the floor: %s", strings.Join(below, "; "))
	}
	return nil
}

// evalSystem is the pipeline that eval and train measure: the one run
// would use with the same options.
func evalSystem(m modelOptions) (evaluate.System, error) {
	b, err := buildStages(m)
	if err != nil {
		return evaluate.System{}, err
	}
	return evaluate.System{Stages: b.stages, Gazetteer: b.gaz, Segmenter: b.seg, Keywords: b.kw}, nil
}

// defaultSpeakerTrees is the shipped speaker model's recipe: depth-3
// trees on the linear model's scores (models/speakers/README.md).
const defaultSpeakerTrees = "3"

// defaultSpeakerBags is the number of fits the shipped speaker model
// averages (models/speakers/README.md, "Bagging").
const defaultSpeakerBags = 8

// defaultSpeakerDistill is the number of trees the shipped model's bags
// are distilled into (models/speakers/README.md, "Twenty-fourth round").
const defaultSpeakerDistill = 300

// bagFlags are the speaker model's bagging flags, as eval and train take
// them (evaluate.Trees' Bags, BagFrac, Inner, LinearOnly), and the trees'
// shrinkage and most rounds, so that the boosting's settings can be
// re-chosen under bagging (models/speakers/README.md, "Ninth round").
type bagFlags struct {
	n      int
	mode   string
	frac   float64
	shrink float64
	rounds int
	temper bool
	calib  bool
	// distill, distillDepth: evaluate.Trees' Distill and DistillDepth.
	distill      int
	distillDepth int
}

func (b *bagFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&b.n, "speaker-bags", defaultSpeakerBags, "with speaker trees: average this many fits, each on a subsample of the training posts, into the speaker model; 1: one fit")
	fs.StringVar(&b.mode, "speaker-bag-mode", "posts", "with --speaker-bags: posts (each bag a share of the posts, --speaker-bag-frac), bootstrap (posts drawn with replacement), linear (bag the linear model only, one set of trees on the average) or inner (average the inner folds' fits and the refit instead)")
	fs.Float64Var(&b.frac, "speaker-bag-frac", 0.8, "with --speaker-bag-mode posts or linear: the share of the training posts each bag draws")
	fs.IntVar(&evaluate.BagDraw, "bag-draw", 0, "draw the speaker model's and the short-quote detector's bags with this seed number; 0: the shipped draw. One fit's figures move by about ±0.003 with the draw alone: judge a change by the mean over several draws (models/speakers/README.md)")
	fs.IntVar(&evaluate.ShortBags, "short-bags", evaluate.ShortBags, "average this many fits of the short-quote detector, each on 80% of the training posts; 1: one fit")
	fs.Float64Var(&evaluate.ShortL2, "short-l2", evaluate.ShortL2, "the short-quote detector's L2 penalty")
	fs.Float64Var(&evaluate.ShortExtraWeight, "short-extra-weight", evaluate.ShortExtraWeight, "the weight of the extra posts' short spans in the short-quote detector's fit: 1, 1/n (each gold span counted n times) or 0 (the gold's alone)")
	fs.BoolVar(&evaluate.ShortThresholdCV, "short-threshold-cv", evaluate.ShortThresholdCV, "choose the short-quote detector's threshold with each fit by inner cross-validation on its training posts, and write it into the model (short|threshold); off: --short-threshold")
	fs.StringVar(&evaluate.ShortThresholdRule, "short-threshold-rule", evaluate.ShortThresholdRule, "how the inner cross-validation picks the short-quote detector's threshold: median (of the inner folds' own F1-best thresholds) or f1 (the F1-best over their spans pooled, before short31)")
	fs.StringVar(&evaluate.ShortSrcFeature, "short-src", evaluate.ShortSrcFeature, "a feature the short-quote detector's fit adds to the extra posts' spans, with its pair with short|spk_gov, and the run never makes (e.g. short|src_extra): their labels' leaning fitted apart, the run reading every span as the gold's; empty: none")
	fs.BoolVar(&evaluate.ShortSpeaker, "short-speaker", evaluate.ShortSpeaker, "the short-quote detector asks a speaker model (fitted on the quotes of 6+ characters) about each short span: the short|spk_ features")
	fs.Float64Var(&b.shrink, "speaker-shrink", quotes.DefaultBoost.Shrink, "with speaker trees: each tree's leaf values times this")
	fs.IntVar(&b.rounds, "speaker-max-trees", quotes.DefaultBoost.Rounds, "with speaker trees: the most trees the nested cross-validation tries")
	fs.BoolVar(&b.temper, "speaker-temperature", true, "with speaker trees: divide the model's scores by a temperature fitted on the nested cross-validation's held-out quotes, calibrating the confidence (the speakers chosen stay the same)")
	fs.IntVar(&b.distill, "speaker-distill", defaultSpeakerDistill, "with --speaker-bags over 1 (bag modes posts and bootstrap): replace the bags' trees by this many trees fitted to the bags' averaged answers, when they have more (one set of trees: the stage sums a seventh as many); 0: keep every bag's trees")
	fs.IntVar(&b.distillDepth, "speaker-distill-depth", 0, "with --speaker-distill: the depth of its trees (1 to 4); 0: the depth chosen for the bags")
	fs.Func("speaker-rules-alone", "the rules' findings that decide a speaker alone, without the model, comma-separated (of label, asker, joint, plural, passive, unnamed; none: the model decides every quote; unnamed: in Chinese text too, as before the twenty-fifth round); default joint,plural,passive,label,asker (models/speakers/README.md, twenty-fifth round)", func(v string) error {
		alone, err := parseRulesAlone(v)
		if err == nil {
			quotes.RulesAlone = alone
		}
		return err
	})
	fs.BoolVar(&quotes.GuessNames, "speaker-guess-names", quotes.GuessNames, "read a name no mention covers at a verb of saying (曾怡硕说：, 张少波对本台说) as a speaker candidate marked guess_name (models/speakers/README.md, twenty-sixth round)")
	fs.BoolVar(&b.calib, "speaker-calibration", true, "with speaker trees: map the best candidate's probability to the confidence column by a map fitted on the nested cross-validation's held-out quotes, their unreachable speakers counted as wrong, and give quotes the rules decide alone the share of them found right (the speakers chosen stay the same)")
}

// parseRulesAlone reads --speaker-rules-alone.
func parseRulesAlone(v string) (map[string]bool, error) {
	alone := map[string]bool{}
	for _, r := range strings.Split(v, ",") {
		switch r {
		case "none":
		case "label", "asker", "joint", "plural", "passive", "unnamed":
			alone[r] = true
		default:
			return nil, fmt.Errorf("unknown rule %q", r)
		}
	}
	return alone, nil
}

// checkShort refuses short-quote detector settings no fit can use: the
// flags write evaluate's settings directly, with or without trees.
func (b *bagFlags) checkShort() error {
	if w := evaluate.ShortExtraWeight; !(w >= 0 && w <= 1) {
		return fmt.Errorf("%w: --short-extra-weight: want a weight from 0 to 1", errUsage)
	}
	if evaluate.ShortBags < 1 || evaluate.ShortBags > 50 || !(evaluate.ShortL2 >= 0) {
		return fmt.Errorf("%w: --short-bags: want 1 to 50 fits; --short-l2: want a penalty of 0 or more", errUsage)
	}
	if err := evaluate.CheckShortThresholdRule(evaluate.ShortThresholdRule); err != nil {
		return fmt.Errorf("%w: --short-threshold-rule: %v", errUsage, err)
	}
	if evaluate.BagDraw < 0 || evaluate.BagDraw > 1_000_000 {
		return fmt.Errorf("%w: --bag-draw: want a draw number from 0 to 1000000", errUsage)
	}
	return nil
}

// apply sets t's bagging as the flags say.
func (b *bagFlags) apply(t *evaluate.Trees) error {
	if b.n < 1 || b.n > 50 || b.frac <= 0 || b.frac >= 1 {
		return fmt.Errorf("%w: --speaker-bags: want 1 to 50 bags of a share in (0, 1)", errUsage)
	}
	if b.shrink <= 0 || b.shrink > 1 || b.rounds < 1 || b.rounds > 2000 {
		return fmt.Errorf("%w: --speaker-shrink: want a shrinkage in (0, 1] and --speaker-max-trees 1 to 2000", errUsage)
	}
	t.Bags, t.BagFrac = b.n, b.frac
	t.Temper, t.Calibrate = b.temper, b.calib
	t.Boost.Shrink, t.Boost.Rounds = b.shrink, b.rounds
	if b.distill < 0 || b.distill > 2000 || b.distillDepth < 0 || b.distillDepth > 4 {
		return fmt.Errorf("%w: --speaker-distill: want 0 to 2000 trees of depth 0 to 4", errUsage)
	}
	t.Distill, t.DistillDepth = b.distill, b.distillDepth
	switch b.mode {
	case "posts":
	case "bootstrap":
		t.BagFrac = 1
	case "linear":
		t.LinearOnly = true
	case "inner":
		t.Inner, t.Bags = true, 1
	default:
		return fmt.Errorf("%w: --speaker-bag-mode: want posts, bootstrap, linear or inner, got %q", errUsage, b.mode)
	}
	return nil
}

// parseTrees reads --speaker-trees (depths, comma-separated) and
// --speaker-trees-over, as eval and train take them.
func parseTrees(depths, over string) (*evaluate.Trees, error) {
	t := &evaluate.Trees{Boost: quotes.DefaultBoost, Over: over}
	for _, d := range strings.Split(depths, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(d))
		if err != nil || n < 1 || n > 8 {
			return nil, fmt.Errorf("%w: --speaker-trees: want depths 1 to 8, comma-separated, got %q", errUsage, depths)
		}
		t.Depths = append(t.Depths, n)
	}
	if !slices.Contains([]string{"none", "linear", "half"}, over) {
		return nil, fmt.Errorf("%w: --speaker-trees-over: want none, linear or half, got %q", errUsage, over)
	}
	return t, nil
}
