package evaluate

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/quotes"
)

// ShortThresholdCV chooses the short-quote detector's threshold with each
// fit, by inner cross-validation on the fit's own training posts (never on
// a held-out fold), and writes it into the model (quotes.ShortThresholdName);
// off: the package's fixed quotes.ShortThreshold. An F1-optimal threshold
// depends on the weights it goes with.
var ShortThresholdCV = true

// ShortSrcFeature, when not empty, is a feature the detector's fit adds to
// every extra post's short spans and the run never makes: the extra posts'
// annotators' own leaning (they label title-line spans and terms in
// reported speech otherwise than the gold, GUIDE.md) is fitted apart, and
// prediction reads every span as the gold's.
var ShortSrcFeature = "short|src_extra"

// shortThresholdGrid is the thresholds the inner cross-validation tries
// (log-odds).
var shortThresholdGrid = func() []float64 {
	var g []float64
	for t := -3.0; t <= 2.0001; t += 0.05 {
		g = append(g, math.Round(t*100)/100)
	}
	return g
}()

// innerFold is a training post's inner fold: a gold post's own (NNN mod
// 5), an extra post's its extra fold.
func innerFold(p *speakerPost) int {
	if p.extra {
		return p.xfold % 5
	}
	return foldOf(p.name, 5)
}

// scoredSpan is a held-out short span's log-odds and gold label.
type scoredSpan struct {
	score float64
	gold  bool
}

// chooseShortThreshold returns the threshold ShortThresholdRule picks
// from the training posts keep accepts, each scored by a detector fitted
// on the other inner folds (fit), with the gold short quotes no span holds
// counted as misses at every threshold.
func (sd *speakerData) chooseShortThreshold(keep func(p *speakerPost) bool, shorts func(p *speakerPost) []quotes.ShortSpan, fit func(keep func(p *speakerPost) bool) (*quotes.Model, error)) (float64, error) {
	var inner []innerHeld
	for j := range 5 {
		in := func(p *speakerPost) bool { return keep(p) && innerFold(p) == j }
		has := false
		for i := range sd.posts {
			if in(&sd.posts[i]) {
				has = true
				break
			}
		}
		if !has {
			continue
		}
		m, err := fit(func(p *speakerPost) bool { return keep(p) && innerFold(p) != j })
		if err != nil {
			return 0, fmt.Errorf("inner fold %d: %v", j, err)
		}
		var h innerHeld
		for i := range sd.posts {
			p := &sd.posts[i]
			if !in(p) {
				continue
			}
			pos := 0
			for k, s := range shorts(p) {
				if p.extra && !p.shortKnown[k] {
					continue
				}
				if p.shortGold[k] {
					pos++
				}
				h.spans = append(h.spans, scoredSpan{m.ShortScore(s.Features), p.shortGold[k]})
			}
			if p.gold != nil {
				h.missed += max(0, goldShortCount(p.gold.Quotes)-pos)
			}
		}
		inner = append(inner, h)
	}
	return pickThreshold(ShortThresholdRule, inner, shortThresholdGrid)
}

// innerHeld is one inner fold's held-out short spans, scored by the
// detector fitted on the other inner folds, and its gold short quotes no
// span holds.
type innerHeld struct {
	spans  []scoredSpan
	missed int
}

// ShortThresholdRule is how chooseShortThreshold picks the threshold from
// the inner folds' scored spans (pickThreshold; eval and train
// --short-threshold-rule). The median of the folds' own choices: the
// pooled best F1 ("f1", before short31) sat at either edge of a flat
// curve, −0.40 or −0.70 as two features came or went, and over news
// posts the low edge adds mostly terms (short30).
var ShortThresholdRule = "median"

// pickThreshold picks a threshold of grid from the inner folds' held-out
// spans by rule:
//
//	median  the median of each fold's own best-F1 threshold (an even
//	        count: the grid's point nearest the middle two's mean)
//	f1      the best F1 over the folds' spans pooled (bestThreshold)
//
// A floor on pooled precision, the highest threshold within E of the best
// F1 and the F1 averaged over a window were tried and dropped (short31,
// models/speakers/README.md).
func pickThreshold(rule string, inner []innerHeld, grid []float64) (float64, error) {
	var pooled []scoredSpan
	missed := 0
	for _, h := range inner {
		pooled = append(pooled, h.spans...)
		missed += h.missed
	}
	switch rule {
	case "f1":
		return bestThreshold(pooled, missed, grid), nil
	case "median":
		var ts []float64
		for _, h := range inner {
			ts = append(ts, bestThreshold(h.spans, h.missed, grid))
		}
		if len(ts) == 0 {
			return bestThreshold(nil, 0, grid), nil
		}
		slices.Sort(ts)
		if n := len(ts); n%2 == 0 {
			return nearest(grid, (ts[n/2-1]+ts[n/2])/2), nil
		}
		return ts[len(ts)/2], nil
	}
	return 0, fmt.Errorf("short threshold rule %q: want median or f1", rule)
}

// CheckShortThresholdRule reports whether pickThreshold knows rule.
func CheckShortThresholdRule(rule string) error {
	_, err := pickThreshold(rule, nil, shortThresholdGrid)
	return err
}

// nearest returns the value of grid closest to v.
func nearest(grid []float64, v float64) float64 {
	best := grid[0]
	for _, t := range grid {
		if math.Abs(t-v) < math.Abs(best-v)-1e-12 {
			best = t
		}
	}
	return best
}

// countAt counts the spans kept above t that are quotes (tp) and are not
// (fp), and the quotes not kept (fn: missed more those under t).
func countAt(spans []scoredSpan, missed int, t float64) (tp, fp, fn int) {
	fn = missed
	for _, s := range spans {
		switch {
		case s.score > t && s.gold:
			tp++
		case s.score > t:
			fp++
		case s.gold:
			fn++
		}
	}
	return tp, fp, fn
}

// f1 is the F1 of tp, fp and fn (0 when nothing is right).
func f1(tp, fp, fn int) float64 {
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

// bestOf returns the threshold of grid whose score is highest; of a run
// of equal best ones, its middle.
func bestOf(grid []float64, score func(i int) float64) float64 {
	best, bestF := []float64{}, -1.0
	for i, t := range grid {
		f := score(i)
		switch {
		case f > bestF+1e-12:
			best, bestF = []float64{t}, f
		case math.Abs(f-bestF) <= 1e-12:
			best = append(best, t)
		}
	}
	return best[len(best)/2]
}

// goldShortCount counts the gold quotes under 6 characters.
func goldShortCount(qs []goldQuote) int {
	n := 0
	for _, q := range qs {
		if utf8.RuneCountInString(q.Text) < 6 {
			n++
		}
	}
	return n
}

// bestThreshold returns the threshold of grid whose F1 over spans (kept
// when the score is above it; missed more gold quotes missed at every
// threshold) is highest; of a run of equal best ones, its middle.
func bestThreshold(spans []scoredSpan, missed int, grid []float64) float64 {
	return bestOf(grid, func(i int) float64 { return f1(countAt(spans, missed, grid[i])) })
}

// shortOnly cross-validates the short-quote detector alone, in the gold's
// folds and in the extra posts' (as crossValidate and crossValidateExtra
// fit it): the short F1 of those, without the speaker model's fits, whose
// choice of speakers the short F1 does not read. The speaker columns of
// its rows are the rules'.
func (sd *speakerData) shortOnly(folds int, o quotes.FitOptions, errs io.Writer) ([]speakerEval, error) {
	var evs []speakerEval
	for _, x := range []struct {
		name  string
		on    func(p *speakerPost) bool
		train func(k int) func(p *speakerPost) bool
		held  func(p *speakerPost, k int) bool
	}{
		{"short detector alone, gold", func(p *speakerPost) bool { return !p.extra },
			func(k int) func(p *speakerPost) bool { return func(p *speakerPost) bool { return p.fold != k } },
			func(p *speakerPost, k int) bool { return !p.extra && p.fold == k }},
		{"short detector alone, extra posts", isExtra, func(k int) func(p *speakerPost) bool { return extraTrain(folds, k) },
			func(p *speakerPost, k int) bool { return p.extra && p.xfold%folds == k }},
	} {
		held := map[*speakerPost][]pipeline.Quote{}
		var chosen []string
		for k := range folds {
			short, err := sd.fitShort(x.train(k), o)
			if err != nil {
				return nil, fmt.Errorf("%s, fold %d: %v", x.name, k, err)
			}
			chosen = append(chosen, fmt.Sprintf("fold %d: threshold %.2f", k, short.ShortThreshold()))
			for i := range sd.posts {
				if p := &sd.posts[i]; x.held(p, k) {
					held[p], _, _ = sd.rules.Examples(p.doc, short)
				}
			}
		}
		ev := sd.scoreSpeakersOn(fmt.Sprintf("%s, %d-fold", x.name, folds), folds, x.on, func(p *speakerPost) []pipeline.Quote { return held[p] })
		ev.Chosen = chosen
		for i := range sd.posts {
			if p := &sd.posts[i]; errs != nil && x.on(p) {
				label := fmt.Sprintf("fold %d", p.fold)
				if p.extra {
					label = fmt.Sprintf("xfold %d", p.xfold%folds)
				}
				writeShortErrors(errs, label, p, held[p])
			}
		}
		evs = append(evs, ev)
	}
	return evs, nil
}

// shortFitFeatures returns a span's features as the detector's fit reads
// them: an extra post's span also marked by ShortSrcFeature, and by its
// pair with the span's short|spk_gov (the extra posts' annotators count
// terms in reported speech otherwise than the gold's).
func shortFitFeatures(fs []string, extra bool) []string {
	if !extra || ShortSrcFeature == "" {
		return fs
	}
	out := append(slices.Clip(fs), ShortSrcFeature)
	for _, f := range fs {
		if gov, ok := strings.CutPrefix(f, "short|spk_gov="); ok {
			out = append(out, ShortSrcFeature+"&spk_gov="+gov)
		}
	}
	return out
}
