package evaluate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/quotes"
	"golang.org/x/sync/errgroup"
)

// speakerData is what the speaker model learns from and is scored on: per
// gold post, the quotes the rules find and each one's candidates.
type speakerData struct {
	posts []speakerPost
	gold  string // checksum of the gold files
	gaz   *entities.Gazetteer
	rules *quotes.Stage
	trees *Trees // eval --speaker-trees: boosted trees cross-validated
	// draw, if not nil, is how many times examples takes each post: a
	// bag's draw (inBag) while it is fitted.
	draw  func(p *speakerPost) int
	seq   Sequence
	short *quotes.Model // the short-quote detector the candidates were read after
}

type speakerPost struct {
	name string
	fold int
	// extra posts are annotated for speakers only: the speaker model
	// learns from them in every fold of the gold; they are scored apart
	// (transfer, crossValidateExtra), in their own folds (xfold).
	extra bool
	xfold int
	doc   *pipeline.Doc
	gold  *goldDoc
	// shorts are the short spans in marks and whether the gold holds each
	// as a quote: what the short-quote detector learns from.
	shorts     []quotes.ShortSpan
	shortGold  []bool
	shortKnown []bool           // extra posts: the spans annotated either way
	rulesQuote []pipeline.Quote // the rules' quotes, their speakers
	// The quotes after a detector, their candidates and labels.
	qs    []pipeline.Quote
	cands [][]quotes.Candidate
	// labels[i] are the right candidates of quote i (nil: no gold quote
	// matches it, or none of its candidates is the gold speaker).
	labels [][]int
}

// foldOf is the fixed fold of a gold post: NNN mod 5, seed in fold 0.
func foldOf(post string, k int) int {
	n, err := strconv.Atoi(strings.TrimSuffix(filepath.Base(post), ".md"))
	if err != nil {
		return 0
	}
	return n % k
}

// newSpeakerData reads the candidates of the gold posts' quotes and labels
// them with the gold speakers.
func newSpeakerData(gaz *entities.Gazetteer, docs []*pipeline.Doc, posts []string, golds map[string]*goldDoc, folds int) (*speakerData, error) {
	rules := quotes.NewWithModel(nil)
	sd := &speakerData{}
	h := sha256.New()
	for i, d := range docs {
		g := golds[posts[i]]
		for _, f := range []string{posts[i], strings.TrimSuffix(posts[i], ".md") + ".json"} {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(h, "%s %d\n", filepath.Base(f), len(b))
			h.Write(b)
		}
		fold := 0
		if folds > 0 {
			fold = foldOf(posts[i], folds)
		}
		sd.posts = append(sd.posts, newSpeakerPost(rules, filepath.Base(posts[i]), fold, d, g))
	}
	sd.gaz, sd.rules = gaz, rules
	for i := range sd.posts {
		sd.label(&sd.posts[i])
	}
	sd.gold = hex.EncodeToString(h.Sum(nil))[:16]
	return sd, nil
}

// withExtra adds the extra annotations, if any, to the training data.
func (sd *speakerData) withExtra(ctx context.Context, sys System, extra *Extra) error {
	if extra == nil || len(extra.Posts) == 0 {
		return nil
	}
	g, err := runExtra(ctx, *extra, sys)
	if err != nil {
		return err
	}
	sd.addExtra(g, extra.Posts)
	return nil
}

// addExtra adds the posts of a run over speaker annotations of corpus
// posts (runExtra) as training data of the speaker model.
func (sd *speakerData) addExtra(g *goldRun, ps []ExtraPost) {
	for i, d := range g.docs {
		p := newSpeakerPost(sd.rules, filepath.Base(g.posts[i]), -1, d, g.golds[g.posts[i]])
		p.extra, p.xfold = true, i
		p.shortKnown = make([]bool, len(p.shorts))
		not := shortLabels(goldTexts(p.gold.notQuotes), p.shorts)
		for k := range p.shorts {
			p.shortKnown[k] = p.shortGold[k] || not[k]
		}
		sd.label(&p)
		sd.posts = append(sd.posts, p)
	}
	sd.gold += "+" + extraChecksum(ps)
}

// newSpeakerPost reads a post's quotes by the rules, their candidates and
// its short spans in marks, with which of those the gold holds as quotes.
func newSpeakerPost(rules *quotes.Stage, name string, fold int, d *pipeline.Doc, g *goldDoc) speakerPost {
	p := speakerPost{name: name, fold: fold, doc: d, gold: g}
	p.rulesQuote, p.cands, p.shorts = rules.Examples(d, nil)
	p.qs = p.rulesQuote
	p.shortGold = shortLabels(g.Quotes, p.shorts)
	return p
}

// build reads every post's quotes after the short-quote detector short
// (nil: the rules alone), their candidates and the gold speakers among
// them.
func (sd *speakerData) build(short *quotes.Model) {
	for i := range sd.posts {
		p := &sd.posts[i]
		p.qs, p.cands, _ = sd.rules.Examples(p.doc, short)
		sd.label(p)
	}
}

// label finds the gold speaker among the candidates of each of a post's
// quotes.
func (sd *speakerData) label(p *speakerPost) {
	p.labels = make([][]int, len(p.qs))
	if p.gold.shortOnly {
		return
	}
	forms := entityForms(sd.gaz, p.doc)
	aliases := goldAliases(p.gold)
	for qi, gi := range alignQuotes(p.gold.Quotes, p.qs) {
		if gi < 0 || len(p.cands[qi]) == 0 {
			continue
		}
		gq := p.gold.Quotes[gi]
		for ci, c := range p.cands[qi] {
			if speakerMatches(gq.Speaker, aliases[normForm(gq.Speaker)], candQuote(c), forms[c.EntityID]) {
				p.labels[qi] = append(p.labels[qi], ci)
			}
		}
	}
}

// shortLabels says which short spans the gold holds as quotes, pairing
// them in order as the scoring does.
func shortLabels(gold []goldQuote, spans []quotes.ShortSpan) []bool {
	out := make([]bool, len(spans))
	for _, g := range gold {
		if len([]rune(g.Text)) >= 6 {
			continue
		}
		for i, s := range spans {
			if !out[i] && quotesMatch(g.Text, s.Text) {
				out[i] = true
				break
			}
		}
	}
	return out
}

// fitShort fits the short-quote detector on the posts that keep accepts:
// a logistic model, as a ranking of "drop" (no features) against "keep".
// Of an extra post it learns only the spans annotated either way, and
// none of a speakers-only one (ExtraPost.SpeakersOnly).
func (sd *speakerData) fitShort(keep func(p *speakerPost) bool, o quotes.FitOptions) (*quotes.Model, error) {
	all := keep
	keep = func(p *speakerPost) bool { return all(p) && (p.gold == nil || !p.gold.speakersOnly) }
	shorts := func(p *speakerPost) []quotes.ShortSpan { return p.shorts }
	var spk *quotes.Model
	if ShortSpeaker {
		var err error
		if spk, err = sd.fitLong(keep, o); err != nil {
			return nil, fmt.Errorf("short speaker: %v", err)
		}
		with := make(map[*speakerPost][]quotes.ShortSpan)
		for i := range sd.posts {
			if p := &sd.posts[i]; keep(p) {
				with[p] = sd.rules.ShortExamples(p.doc, spk)
			}
		}
		shorts = func(p *speakerPost) []quotes.ShortSpan { return with[p] }
	}
	m, err := sd.fitShortOn(keep, shorts, o)
	if err != nil {
		return nil, err
	}
	m.ShortSpeaker = spk
	if ShortThresholdCV {
		t, err := sd.chooseShortThreshold(keep, shorts, func(keep func(p *speakerPost) bool) (*quotes.Model, error) {
			return sd.fitShortOn(keep, shorts, o)
		})
		if err != nil {
			return nil, fmt.Errorf("short threshold: %v", err)
		}
		m.SetShortThreshold(t)
	}
	return m, nil
}

// ShortExtraWeight is the weight of the extra posts' short spans in the
// detector's fit against the gold's: 1, 1/n (each gold span counted n
// times) or 0 (the gold's alone). The two label sets disagree on some
// short spans (title lines: short26).
var ShortExtraWeight = 1.0

// shortGoldRepeats is how many times the detector's fit counts each gold
// short span: 1/ShortExtraWeight, rounded.
func shortGoldRepeats() int {
	if ShortExtraWeight <= 0 || ShortExtraWeight >= 1 {
		return 1
	}
	return int(math.Round(1 / ShortExtraWeight))
}

// ShortSpeaker makes the detector ask a speaker model about each short
// span (the short|spk_ features): one fitted on the training posts' quotes
// of 6 characters or more (fitLong), so that the short spans it is asked
// about were none of its examples.
var ShortSpeaker = false

// fitLong fits a linear speaker model on the quotes of 6 characters or
// more of the posts keep accepts.
func (sd *speakerData) fitLong(keep func(p *speakerPost) bool, o quotes.FitOptions) (*quotes.Model, error) {
	var ex []quotes.Example
	for i := range sd.posts {
		p := &sd.posts[i]
		if !keep(p) {
			continue
		}
		for qi, l := range p.labels {
			if len(l) > 0 && utf8.RuneCountInString(p.qs[qi].Text) >= 6 {
				ex = append(ex, quotes.Example{Cands: p.cands[qi], Gold: l})
			}
		}
	}
	o.Gold = sd.gold
	return quotes.Fit(ex, o)
}

// fitShortOn is fitShort with each post's short spans and their features
// as shorts gives them.
func (sd *speakerData) fitShortOn(keep func(p *speakerPost) bool, shorts func(p *speakerPost) []quotes.ShortSpan, o quotes.FitOptions) (*quotes.Model, error) {
	ex := func(keep func(p *speakerPost) bool) []quotes.Example {
		var ex []quotes.Example
		for i := range sd.posts {
			p := &sd.posts[i]
			if !keep(p) {
				continue
			}
			if p.extra && ShortExtraWeight == 0 {
				continue
			}
			reps := 1
			if !p.extra {
				reps = shortGoldRepeats()
			}
			for k, s := range shorts(p) {
				if p.extra && !p.shortKnown[k] {
					continue
				}
				fs := shortFitFeatures(s.Features, p.extra)
				e := quotes.Example{Cands: []quotes.Candidate{{Type: "unknown"}, {Type: "unknown", Features: fs}}, Gold: []int{0}}
				if p.shortGold[k] {
					e.Gold[0] = 1
				}
				for range reps {
					ex = append(ex, e)
				}
			}
		}
		return ex
	}
	o.Gold = sd.gold
	o.L2 = ShortL2
	if ShortBags <= 1 {
		return quotes.Fit(ex(keep), o)
	}
	// Bagged: each fit on the posts bag b draws (inBag, as the speaker
	// model's bags), the weights averaged: still one logistic model.
	parts := make([]*quotes.Model, 0, ShortBags)
	for b := range ShortBags {
		m, err := quotes.Fit(ex(func(p *speakerPost) bool { return keep(p) && inBag(b, p, 0.8) > 0 }), o)
		if err != nil {
			return nil, fmt.Errorf("short bag %d: %v", b, err)
		}
		parts = append(parts, m)
	}
	return quotes.Average(parts), nil
}

// ShortL2 is the L2 penalty of the short-quote detector, chosen by
// cross-validation.
var ShortL2 = 3.0

// ShortBags is the number of fits of the short-quote detector averaged,
// each on a deterministic 80% of the training posts (inBag); 1: one fit
// on them all. Bagging steadies a detector fitted on ~170 gold spans.
var ShortBags = 1

// alignQuotes pairs each system quote (direct or partial) with the gold
// quote it matches, as scoreQuotes does: gold index per system quote, or
// -1.
func alignQuotes(gold []goldQuote, sys []pipeline.Quote) []int {
	out := make([]int, len(sys))
	for i := range out {
		out[i] = -1
	}
	used := make([]bool, len(sys))
	for gi, g := range gold {
		long := len([]rune(g.Text)) >= 6
		for si, s := range sys {
			if used[si] || s.Kind == "reported" || (len([]rune(s.Text)) >= 6) != long {
				continue
			}
			if quotesMatch(g.Text, s.Text) {
				used[si], out[si] = true, gi
				break
			}
		}
	}
	return out
}

// examples returns the training examples of the posts that keep accepts.
func (sd *speakerData) examples(keep func(p *speakerPost) bool) []quotes.Example {
	var ex []quotes.Example
	for i := range sd.posts {
		p := &sd.posts[i]
		if !keep(p) {
			continue
		}
		n := 1
		if sd.draw != nil {
			n = sd.draw(p)
		}
		for range n {
			for qi, l := range p.labels {
				if len(l) > 0 {
					ex = append(ex, quotes.Example{Cands: p.cands[qi], Gold: l})
				}
			}
		}
	}
	return ex
}

// fit fits a speaker model on the posts that keep accepts.
func (sd *speakerData) fit(keep func(p *speakerPost) bool, o quotes.FitOptions) (*quotes.Model, error) {
	o.Gold = sd.gold
	return quotes.Fit(sd.examples(keep), o)
}

// quotesWith returns a post's quotes with the speakers a model chooses
// (nil: the rules' own).
func (p *speakerPost) quotesWith(m *quotes.Model) []pipeline.Quote {
	qs := append([]pipeline.Quote(nil), p.qs...)
	if m != nil {
		quotes.Apply(m, qs, p.cands)
	}
	return qs
}

// speakerEval is the speaker figures of one way of choosing speakers.
type speakerEval struct {
	Name   string        `json:"name"`
	All    quoteScores   `json:"all"`
	Folds  []quoteScores `json:"folds,omitempty"`
	Calib  []calibBand   `json:"calibration,omitempty"`
	Oracle float64       `json:"oracle,omitempty"` // share of matched quotes whose gold speaker is among the candidates
	Chosen []string      `json:"chosen,omitempty"` // per fold, the trees nested cross-validation chose`
	// HeldOut marks the held-out posts' figures (scoreHeldout), whose
	// calibration is printed like the cross-validated ones'.
	HeldOut bool `json:"held_out,omitempty"`
	// Brier is the mean of (confidence − right)² over the calibration's
	// quotes (right 1 or 0): lower is better, and unlike the bands it
	// rewards telling the quotes apart, not only matching their average.
	Brier float64 `json:"brier,omitempty"`
	// Gap is |accuracy − mean confidence| per band, averaged over the
	// bands by their quotes.
	Gap float64 `json:"band_gap,omitempty"`
}

// calibBand is the speaker accuracy of the matched substantive quotes
// whose confidence lies in [Lo, Hi).
type calibBand struct {
	Lo, Hi          float64
	Quotes, Correct int
	MeanConfidence  float64
	sumConfidence   float64
}

var calibEdges = []float64{0, 0.5, 0.7, 0.8, 0.9, 1.0001}

// scoreSpeakers scores each post with the quotes choose gives it, per
// fold and pooled, with the calibration of the confidence.
func (sd *speakerData) scoreSpeakers(name string, folds int, choose func(p *speakerPost) []pipeline.Quote) speakerEval {
	return sd.scoreSpeakersOn(name, folds, isGold, choose)
}

func isGold(p *speakerPost) bool  { return !p.extra }
func isExtra(p *speakerPost) bool { return p.extra }

// scoreSpeakersOn scores the posts on keeps.
func (sd *speakerData) scoreSpeakersOn(name string, folds int, on func(p *speakerPost) bool, choose func(p *speakerPost) []pipeline.Quote) speakerEval {
	ev := speakerEval{Name: name}
	if folds > 0 {
		ev.Folds = make([]quoteScores, folds)
	}
	for i := 1; i < len(calibEdges); i++ {
		ev.Calib = append(ev.Calib, calibBand{Lo: calibEdges[i-1], Hi: calibEdges[i]})
	}
	for i := range sd.posts {
		p := &sd.posts[i]
		if !on(p) {
			continue
		}
		d := *p.doc
		d.Quotes = choose(p)
		det := postDetail{Misses: map[string][]string{}, False: map[string][]string{}}
		scoreQuotes(sd.gaz, &d, p.gold, &ev.All, &det)
		if folds > 0 {
			k := p.fold
			if p.extra {
				k = p.xfold % folds
			}
			scoreQuotes(sd.gaz, &d, p.gold, &ev.Folds[k], &det)
		}
		forms := entityForms(sd.gaz, &d)
		aliases := goldAliases(p.gold)
		for qi, gi := range alignQuotes(p.gold.Quotes, d.Quotes) {
			if gi < 0 || len([]rune(p.gold.Quotes[gi].Text)) < 6 {
				continue
			}
			q := d.Quotes[qi]
			gq := p.gold.Quotes[gi]
			ok := speakerMatches(gq.Speaker, aliases[normForm(gq.Speaker)], q, forms[q.SpeakerEntityID])
			if ok {
				ev.Brier += (1 - q.Confidence) * (1 - q.Confidence)
			} else {
				ev.Brier += q.Confidence * q.Confidence
			}
			for b := range ev.Calib {
				if q.Confidence >= ev.Calib[b].Lo && q.Confidence < ev.Calib[b].Hi {
					ev.Calib[b].Quotes++
					ev.Calib[b].sumConfidence += q.Confidence
					if ok {
						ev.Calib[b].Correct++
					}
				}
			}
		}
	}
	n := 0
	for b := range ev.Calib {
		c := &ev.Calib[b]
		if c.Quotes > 0 {
			c.MeanConfidence = c.sumConfidence / float64(c.Quotes)
			ev.Gap += math.Abs(float64(c.Correct) - c.sumConfidence)
			n += c.Quotes
		}
	}
	if n > 0 {
		ev.Brier /= float64(n)
		ev.Gap /= float64(n)
	}
	return ev
}

// fitOn fits the short-quote detector on the posts train accepts, reads
// their quotes after it, and fits the speaker model on those.
//
// With sd.trees the model is fitBoosted's (folds and k as it takes them),
// and no linear model is fitted first: fitBoosted fits its own, and one
// here would be thrown away (about a tenth of eval's fitting). chosen says
// what the nested cross-validation chose.
func (sd *speakerData) fitOn(folds, k int, train func(p *speakerPost) bool, o quotes.FitOptions) (m *quotes.Model, chosen string, err error) {
	short, err := sd.fitShort(train, o)
	if err != nil {
		return nil, "", err
	}
	if err := sd.buildFor(short, train, o); err != nil {
		return nil, "", err
	}
	if sd.trees != nil {
		return sd.fitBoosted(folds, k, train, o)
	}
	m, err = sd.fit(train, o)
	return m, "", err
}

// crossValidate fits the short-quote detector and the speaker model on all
// folds but one and scores that one, for each fold.
func (sd *speakerData) crossValidate(folds int, o quotes.FitOptions, errs io.Writer) (speakerEval, error) {
	cv := map[string][]pipeline.Quote{}
	matched, reachable := 0, 0
	var treesChosen []string
	for k := range folds {
		train := func(p *speakerPost) bool { return p.fold != k }
		m, chosen, err := sd.fitOn(folds, k, train, o)
		if err != nil {
			return speakerEval{}, fmt.Errorf("fold %d: %v", k, err)
		}
		if sd.trees != nil {
			treesChosen = append(treesChosen, fmt.Sprintf("fold %d: %s", k, chosen))
		}
		for i := range sd.posts {
			if p := &sd.posts[i]; p.fold == k {
				cv[p.name] = sd.decodeWith(p, m)
				if errs != nil {
					label := fmt.Sprintf("fold %d", k)
					sd.writeErrors(errs, label, p, m, cv[p.name])
					writeShortErrors(errs, label, p, cv[p.name])
				}
				for qi, gi := range alignQuotes(p.gold.Quotes, p.qs) {
					if gi >= 0 && len([]rune(p.gold.Quotes[gi].Text)) >= 6 {
						matched++
						if len(p.labels[qi]) > 0 {
							reachable++
						}
					}
				}
			}
		}
	}
	ev := sd.scoreSpeakers(fmt.Sprintf("models, %d-fold cross-validated", folds), folds, func(p *speakerPost) []pipeline.Quote {
		return cv[p.name]
	})
	if matched > 0 {
		ev.Oracle = float64(reachable) / float64(matched)
	}
	if sd.trees != nil {
		ev.Name = fmt.Sprintf("trees (%s), %d-fold cross-validated", sd.trees.Over, folds)
		ev.Chosen = treesChosen
	}
	if sd.seq != DefaultSequence {
		ev.Name += " (" + sd.seq.String() + ")"
	}
	sd.build(nil)
	return ev, nil
}

// crossValidateExtra scores the extra posts as crossValidate scores the
// gold: extra post i is in fold i mod k and is scored by the models fitted
// on every gold post and on the extra posts of the other folds. It is the
// shipped model's figure on posts nobody tuned a rule for, on about four
// times the gold's quotes (the extra annotations agree with the gold's on
// 0.98 of the speakers where both annotated the same posts: see
// models/speakers/README.md), then the same per archive (archiveOf).
// With --speaker-trees, boosted trees. errs,
// if not nil, receives the held-out quotes it gets wrong, marked "xfold k":
// the errors behind the figure that predicts new posts.
func (sd *speakerData) crossValidateExtra(folds int, o quotes.FitOptions, errs io.Writer) ([]speakerEval, error) {
	held := map[*speakerPost][]pipeline.Quote{}
	for k := range folds {
		// With trees, their depth and number chosen over the gold folds,
		// each held out in turn from this fold's training posts.
		m, _, err := sd.fitOn(folds, -1, extraTrain(folds, k), o)
		if err != nil {
			return nil, fmt.Errorf("extra fold %d: %v", k, err)
		}
		for i := range sd.posts {
			if p := &sd.posts[i]; p.extra && p.xfold%folds == k {
				held[p] = sd.decodeWith(p, m)
				if errs != nil {
					label := fmt.Sprintf("xfold %d", k)
					sd.writeErrors(errs, label, p, m, held[p])
					writeShortErrors(errs, label, p, held[p])
				}
			}
		}
	}
	choose := func(p *speakerPost) []pipeline.Quote { return held[p] }
	ev := sd.scoreSpeakersOn(fmt.Sprintf("extra posts, %d-fold cross-validated", folds), folds, isExtra, choose)
	evs := []speakerEval{ev}
	for _, a := range sd.extraArchives() {
		evs = append(evs, sd.scoreSpeakersOn("  archive "+a, 0, func(p *speakerPost) bool {
			return p.extra && archiveOf(p.gold.File) == a
		}, choose))
	}
	for _, r := range sd.extraRounds() {
		name := fmt.Sprintf("  round %d", r)
		if r == 0 {
			name = "  rounds 1-3"
		}
		evs = append(evs, sd.scoreSpeakersOn(name, 0, func(p *speakerPost) bool {
			return p.extra && p.gold.round == r
		}, choose))
	}
	sd.build(nil)
	return evs, nil
}

// archiveOf is the archive a corpus post comes from, the first part of its
// path without ".history" (an outlet's older posts). The gold posts are all
// of one news archive; the extra posts' figure per archive tells the
// genre's part of their gap to the gold (opinion pieces quote unlike news).
func archiveOf(file string) string {
	a, _, _ := strings.Cut(file, "/")
	return strings.TrimSuffix(a, ".history")
}

// extraArchives lists the archives of the extra posts with 20 posts or
// more, sorted.
func (sd *speakerData) extraArchives() []string {
	n := map[string]int{}
	for i := range sd.posts {
		if p := &sd.posts[i]; p.extra {
			n[archiveOf(p.gold.File)]++
		}
	}
	var as []string
	for a, c := range n {
		if c >= 20 {
			as = append(as, a)
		}
	}
	slices.Sort(as)
	return as
}

// extraRounds lists the rounds of the extra posts (0: the first three,
// unnumbered), or none when they are all of those.
func (sd *speakerData) extraRounds() []int {
	seen := map[int]bool{}
	for i := range sd.posts {
		if p := &sd.posts[i]; p.extra {
			seen[p.gold.round] = true
		}
	}
	if len(seen) < 2 {
		return nil
	}
	return slices.Sorted(maps.Keys(seen))
}

// extraTrain is the training side of fold k of crossValidateExtra: every
// gold post, and the extra posts of the other folds.
func extraTrain(folds, k int) func(p *speakerPost) bool {
	return func(p *speakerPost) bool { return !p.extra || p.xfold%folds != k }
}

// transfer scores how the models carry from one set of annotated posts to
// another that no rule, feature or weight was fitted on: fitted on the gold
// posts alone and scored on the extra ones (corpus posts annotated for
// speakers only, which nobody read while writing the rules), and the other
// way round. A large drop against the cross-validated figures means the
// rules or the features fit the gold posts.
func (sd *speakerData) transfer(o quotes.FitOptions, errs io.Writer) ([]speakerEval, error) {
	evs := []speakerEval{sd.scoreSpeakersOn("extra posts, rules alone", 0, isExtra, func(p *speakerPost) []pipeline.Quote { return p.rulesQuote })}
	for _, c := range []struct {
		name      string
		train, on func(p *speakerPost) bool
	}{
		{"extra posts, fitted on dev gold", isGold, isExtra},
		{"dev gold, fitted on extra posts", isExtra, isGold},
	} {
		// With trees, their number chosen by cross-validation over the
		// folds of the posts fitted on (fitBoosted's held-out side).
		m, _, err := sd.fitOn(5, -1, c.train, o)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", c.name, err)
		}
		held := map[*speakerPost][]pipeline.Quote{}
		for i := range sd.posts {
			if p := &sd.posts[i]; c.on(p) {
				held[p] = sd.decodeWith(p, m)
			}
		}
		evs = append(evs, sd.scoreSpeakersOn(c.name, 0, c.on, func(p *speakerPost) []pipeline.Quote { return held[p] }))
		for i := range sd.posts {
			if p := &sd.posts[i]; errs != nil && p.extra && c.on(p) {
				sd.writeErrors(errs, "gold-fitted", p, m, held[p])
			}
		}
	}
	sd.build(nil)
	return evs, nil
}

func printSpeakerEvals(w io.Writer, evs []speakerEval) {
	fmt.Fprintf(w, "%-36s  %-9s  %-9s  %-14s  %-8s\n", "speakers", "detect F1", "speaker", "quote+spk F1", "short F1")
	row := func(name string, q quoteScores) {
		_, _, short := q.Short.prf()
		fmt.Fprintf(w, "%-36s  %-9.3f  %-9.3f  %-14.3f  %-8.3f\n", name, q.score("quotes"), q.score("speakers"), q.score("quotes+speakers"), short)
	}
	for _, ev := range evs {
		row(ev.Name, ev.All)
		for k, f := range ev.Folds {
			row(fmt.Sprintf("  fold %d", k), f)
		}
	}
	for _, ev := range evs {
		for _, c := range ev.Chosen {
			fmt.Fprintf(w, "%s %s\n", ev.Name, c)
		}
	}
	for _, ev := range evs {
		if ev.Oracle > 0 {
			fmt.Fprintf(w, "gold speaker among the candidates: %.3f of matched quotes\n", ev.Oracle)
			break
		}
	}
	for _, ev := range evs {
		if len(ev.Folds) == 0 && !ev.HeldOut {
			continue
		}
		fmt.Fprintf(w, "calibration (%s): confidence band, quotes, speaker accuracy, mean confidence\n", ev.Name)
		for _, b := range ev.Calib {
			acc := 0.0
			if b.Quotes > 0 {
				acc = float64(b.Correct) / float64(b.Quotes)
			}
			fmt.Fprintf(w, "  [%.1f, %.1f)  %4d  %.3f  %.3f\n", b.Lo, min(b.Hi, 1), b.Quotes, acc, b.MeanConfidence)
		}
		fmt.Fprintf(w, "  Brier score %.4f, gap between accuracy and confidence %.3f (bands weighted by their quotes)\n", ev.Brier, ev.Gap)
	}
}

// TrainSpeakers fits the quote stage's models on all the gold posts of dir:
// the short-quote detector, then the speaker model on the quotes it
// leaves, in one file. It returns the model and the number of quotes the
// speaker model learnt from.
//
// With trees, boosted trees are fitted on the linear model's scores (or
// as trees says), their depth and number chosen by cross-validation over
// the gold's folds, each held out in turn (as eval --speaker-trees
// chooses them for each of its folds).
func TrainSpeakers(ctx context.Context, dir string, sys System, o quotes.FitOptions, extra *Extra, trees *Trees) (*quotes.Model, int, error) {
	g, err := runGold(ctx, dir, sys)
	if err != nil {
		return nil, 0, err
	}
	folds := 0
	if trees != nil {
		folds = 5 // the gold's folds, for choosing the trees
	}
	sd, err := newSpeakerData(sys.Gazetteer, g.docs, g.posts, g.golds, folds)
	if err != nil {
		return nil, 0, err
	}
	if err := sd.withExtra(ctx, sys, extra); err != nil {
		return nil, 0, err
	}
	all := func(*speakerPost) bool { return true }
	sd.seq = DefaultSequence
	sd.trees = trees
	m, _, err := sd.fitOn(folds, -1, all, o)
	if err != nil {
		return nil, 0, err
	}
	if sd.seq.Decode == "greedy" {
		m.Decode = "greedy"
	}
	return quotes.Merge(m, sd.short), len(sd.examples(all)), nil
}

// writeErrors writes the held-out quotes of p whose speaker m gets wrong,
// each with the text before it and every candidate's probability and
// strongest features. label says which held-out scoring the line belongs
// to ("fold 2", "xfold 2", "gold-fitted"): the extra posts are scored
// twice, so two lists diff only within one label.
func (sd *speakerData) writeErrors(w io.Writer, label string, p *speakerPost, m *quotes.Model, qs []pipeline.Quote) {
	forms := entityForms(sd.gaz, p.doc)
	aliases := goldAliases(p.gold)
	var alone map[[2]int]string // read once, for the first error a rule decided alone
	for qi, gi := range alignQuotes(p.gold.Quotes, qs) {
		if gi < 0 || len([]rune(p.gold.Quotes[gi].Text)) < 6 {
			continue
		}
		q, gq := qs[qi], p.gold.Quotes[gi]
		if speakerMatches(gq.Speaker, aliases[normForm(gq.Speaker)], q, forms[q.SpeakerEntityID]) {
			continue
		}
		// The right candidates as label finds them, also in the posts
		// annotated for the short quotes' sake, whose speakers are scored
		// but not learnt from (no labels).
		var right []int
		for ci, c := range p.cands[qi] {
			if speakerMatches(gq.Speaker, aliases[normForm(gq.Speaker)], candQuote(c), forms[c.EntityID]) {
				right = append(right, ci)
			}
		}
		reach := "unreachable"
		if len(right) > 0 {
			reach = "ranked"
		}
		fmt.Fprintf(w, "%s %s [%s] gold %q got %q (%s, %.2f) %s\n  …%s「%s」\n", p.name, label, reach, gq.Speaker, q.Speaker, q.Rule, q.Confidence, q.Kind, before(p.doc.Post.Text, q.Start), clip(q.Text))
		if len(p.cands[qi]) == 0 && q.Kind != "reported" {
			// No candidates: a rule decided alone; say which, and the
			// subject it read.
			if alone == nil {
				alone = sd.rules.Alone(p.doc)
			}
			if why, ok := alone[[2]int{q.Start, q.Stop}]; ok {
				fmt.Fprintf(w, "   alone %s\n", why)
			}
		}
		if cs := p.cands[qi]; len(cs) > 0 {
			_, pr := m.Rank(cs)
			for ci, c := range cs {
				mark := " "
				if slices.Contains(right, ci) {
					mark = "*"
				}
				fmt.Fprintf(w, "   %s %.2f %s/%s %s\n", mark, pr[ci], c.Surface, c.Type, strings.Join(m.Top(c, 4), " "))
			}
		}
	}
}

// writeShortErrors writes the short quotes (under 6 characters) of a
// held-out post that the detector missed or added, paired as scoreQuotes
// pairs them, with the text before each and, for an added one, whether
// the gold marks the span as skipped (a title, a law, a slogan).
func writeShortErrors(w io.Writer, label string, p *speakerPost, qs []pipeline.Quote) {
	var sys []pipeline.Quote
	for _, q := range qs {
		if q.Kind != "reported" && len([]rune(q.Text)) < 6 {
			sys = append(sys, q)
		}
	}
	used := make([]bool, len(sys))
	for _, g := range p.gold.Quotes {
		if len([]rune(g.Text)) >= 6 {
			continue
		}
		hit := false
		for i, q := range sys {
			if !used[i] && quotesMatch(g.Text, q.Text) {
				used[i], hit = true, true
				break
			}
		}
		if !hit {
			at := strings.Index(p.doc.Post.Text, g.Text)
			ctx := ""
			if at >= 0 {
				ctx = before(p.doc.Post.Text, len([]rune(p.doc.Post.Text[:at])))
			}
			fmt.Fprintf(w, "%s %s [short missed] %q [%s]\n  …%s「%s」\n", p.name, label, g.Text, g.Speaker, ctx, g.Text)
		}
	}
	for i, q := range sys {
		if !used[i] {
			fmt.Fprintf(w, "%s %s [short added] %q (%s)\n  …%s「%s」\n", p.name, label, q.Text, q.Rule, before(p.doc.Post.Text, q.Start), q.Text)
		}
	}
}

// goldTexts makes quotes of texts, for shortLabels.
func goldTexts(ts []string) []goldQuote {
	out := make([]goldQuote, len(ts))
	for i, t := range ts {
		out[i] = goldQuote{Text: t}
	}
	return out
}

// Trees asks for boosted regression trees (quotes.Boost) in the speaker
// model's cross-validation, the depth and number of trees chosen by
// nested cross-validation: what eval --speaker-trees measures.
type Trees struct {
	Boost  quotes.BoostOptions // Rounds: the most trees tried
	Depths []int               // the depths tried
	// Over is what the trees add to: "none" (trees alone, boosted from
	// zero), "linear" (the linear model's scores) or "half" (half the
	// linear model plus half trees boosted from zero).
	Over string
	// Bags, if more than one, averages (quotes.Average) that many fits,
	// each on a subsample of the training posts (inBag), into the model,
	// its trees' depth and number chosen as for one fit.
	Bags int
	// BagFrac is the share of the training posts each bag draws
	// (default 0.8); 1 or more: a bootstrap sample of as many posts.
	BagFrac float64
	// Inner averages the inner folds' models (those fitted to choose the
	// trees' number, truncated to it) and the refit on every fold.
	Inner bool
	// LinearOnly bags the linear model only: the bags' linear models
	// averaged, then one set of trees boosted on the average.
	LinearOnly bool
	// Temper divides the model's scores by a temperature fitted on the
	// inner folds' held-out quotes (fitTemperature), so that its
	// probabilities, the confidence column, match how often it is right
	// on posts it was not fitted on. The speakers chosen stay the same.
	Temper bool
	// Distill, if more than 0, replaces the bags' trees by that many
	// trees fitted to the bags' average (quotes.Distill) over the bags'
	// averaged linear model, of depth DistillDepth (0: the depth chosen),
	// when the bags have more trees than that: the run sums every tree
	// for every candidate, and the average's are eight fits'.
	Distill      int
	DistillDepth int
	// Calibrate maps the best candidate's probability to the confidence
	// by a map fitted on the same held-out quotes (fitCalibration), and
	// gives the quotes the rules decide alone the share of them right.
	Calibrate bool
}

// bagSeed seeds the bags' draws: a constant, so that train speakers
// writes the same file every time.
const bagSeed = 0x5eed23

// BagDraw picks another draw of the bags (and of the short-quote
// detector's bags): 0 is the shipped one. One fit's cross-validated
// accuracy moves by about ±0.003 with the draw alone (models/speakers/
// README.md), as much as many changes, so a change is judged by the
// mean over several draws rather than by draw 0's figure.
var BagDraw = 0

// seedOf is the PCG seed of bag b under the current draw; draw n adds
// 1000n, apart from any bag number.
func seedOf(b int) uint64 { return bagSeed + 1000*uint64(BagDraw) + uint64(b) }

// inBag returns how many times bag b draws post p: a function of the
// bag and the post's name alone (math/rand/v2's PCG seeded by both), so
// that a post's draw does not depend on which other posts there are or
// their order. Under frac 1 or more, a bootstrap's Poisson(1) count;
// else 1 with probability frac.
func inBag(b int, p *speakerPost, frac float64) int {
	h := fnv.New64a()
	io.WriteString(h, p.name)
	if p.extra {
		io.WriteString(h, "\x00"+p.gold.File)
	}
	r := rand.New(rand.NewPCG(seedOf(b), h.Sum64()))
	if frac <= 0 {
		frac = 0.8
	}
	if frac < 1 {
		if r.Float64() < frac {
			return 1
		}
		return 0
	}
	// Poisson(1) by inversion.
	u, n, pk := r.Float64(), 0, math.Exp(-1)
	for cum := pk; u > cum && n < 20; cum += pk {
		n++
		pk /= float64(n)
	}
	return n
}

// fitBoosted fits the speaker model on every fold but k with boosted
// trees, as many as the folds other than k choose: for each of them
// (inner), the model fitted on the rest, its trees scored on it round by
// round; the number of trees is chosen by the held-out quotes'
// log-likelihood over the inner folds (chooseTrees). The likelihood, not
// the count of right speakers: the count is a step function of the number
// of trees, and its argmax moved by 50 to 150 trees when a few training
// quotes changed.
func (sd *speakerData) fitBoosted(folds, k int, train func(p *speakerPost) bool, o quotes.FitOptions) (*quotes.Model, string, error) {
	bo := sd.trees.Boost
	depths := sd.trees.Depths
	if len(depths) == 0 {
		depths = []int{bo.Depth}
	}
	// lp[d][r] are, for depth d and r trees, the held-out quotes' log
	// probabilities of their speakers, over the inner folds in turn.
	lp := make([][][]float64, len(depths))
	innerModels := make([][]*quotes.Model, len(depths))
	innerFolds := make([][]int, len(depths))
	for di, depth := range depths {
		bo := bo
		bo.Depth = depth
		lp[di] = make([][]float64, bo.Rounds+1)
		// The inner folds fitted side by side (inParallel), their rows
		// joined in fold order as one by one.
		models := make([]*quotes.Model, folds)
		rows := make([][][]float64, folds)
		err := inParallel(folds, func(j int) error {
			if j == k {
				return nil
			}
			held := heldFold(folds, j, train)
			// Fitted on the extra posts alone (eval's "dev gold, fitted
			// on extra posts"), the held-out side is the extra posts of
			// fold j: the gold it is scored on chooses nothing.
			inner := func(p *speakerPost) bool { return train(p) && !held(p) }
			m, err := sd.fitTrees(inner, o, bo)
			if err != nil {
				return err
			}
			models[j] = m
			r := make([][]float64, bo.Rounds+1)
			lin := m.Truncate(0)
			for _, e := range sd.examples(held) {
				base := make([]float64, len(e.Cands))
				vals := make([][]float64, len(e.Cands))
				for ci, c := range e.Cands {
					base[ci] = lin.Score(c)
					vals[ci] = m.TreeValues(c)
				}
				for t := 0; t <= bo.Rounds; t++ {
					// Past the trees fitted (none split), the last score.
					if t > 0 && t <= m.Trees() {
						for ci := range base {
							base[ci] += vals[ci][t-1]
						}
					}
					r[t] = append(r[t], goldLogProb(base, e.Gold))
				}
			}
			rows[j] = r
			return nil
		})
		if err != nil {
			return nil, "", err
		}
		for j := range folds {
			if j == k {
				continue
			}
			innerModels[di] = append(innerModels[di], models[j])
			innerFolds[di] = append(innerFolds[di], j)
			for t := range rows[j] {
				lp[di][t] = append(lp[di][t], rows[j][t]...)
			}
		}
	}
	bestDepth, bestRounds := chooseTrees(depths, lp)
	bo.Depth, bo.Rounds = bestDepth, bestRounds
	chosen := fmt.Sprintf("depth %d, %d trees", bestDepth, bestRounds)
	temp := 1.0
	di := slices.Index(depths, bestDepth)
	if sd.trees.Temper {
		temp = sd.fitTemperature(folds, train, innerModels[di], innerFolds[di], bestRounds)
		chosen += fmt.Sprintf(", temperature %.3f", temp)
	}
	var cal quotes.Calibration
	if sd.trees.Calibrate {
		cal = sd.fitCalibration(folds, train, innerModels[di], innerFolds[di], bestRounds, temp)
		chosen += ", calibration " + cal.String()
	}
	if t := sd.trees; t.Bags > 1 && !t.LinearOnly && !t.Inner {
		// The bags' average is the model: no fit on every post.
		parts, err := sd.bags(train, func(sd *speakerData, train func(p *speakerPost) bool) (*quotes.Model, error) {
			return sd.fitTrees(train, o, bo)
		})
		if err != nil {
			return nil, "", err
		}
		avg := quotes.Average(parts)
		chosen += fmt.Sprintf(", %d bags averaged", len(parts))
		// A student is cheaper only with fewer trees than the bags have
		// together; with no trees chosen there is nothing to distil.
		if t.Distill > 0 && avg.Trees() > t.Distill {
			do := bo
			do.Rounds = t.Distill
			if t.DistillDepth > 0 {
				do.Depth = t.DistillDepth
			}
			if avg, err = quotes.Distill(sd.examples(train), avg.Truncate(0), avg, do); err != nil {
				return nil, "", err
			}
			chosen += fmt.Sprintf(", distilled into %d trees of depth %d", t.Distill, do.Depth)
		}
		return avg.Tempered(temp).Calibrated(cal), chosen, nil
	}
	m, err := sd.fitTrees(train, o, bo)
	if err != nil {
		return nil, "", err
	}
	if sd.trees.Inner {
		parts := []*quotes.Model{m}
		for _, im := range innerModels[slices.Index(depths, bestDepth)] {
			parts = append(parts, im.Truncate(bestRounds))
		}
		m = quotes.Average(parts)
		chosen += fmt.Sprintf(", %d inner fits averaged", len(parts))
	}
	return m.Tempered(temp).Calibrated(cal), chosen, nil
}

// heldFold is inner fold j of the posts train accepts: the gold fold j
// and the extra posts of fold j (the extra posts in their own folds,
// xfold).
func heldFold(folds, j int, train func(p *speakerPost) bool) func(p *speakerPost) bool {
	return func(p *speakerPost) bool {
		if p.extra {
			return p.xfold%folds == j && train(p)
		}
		return p.fold == j && train(p)
	}
}

// fitTemperature is the temperature T that makes softmax(score/T) most
// likely for the inner folds' held-out quotes, each scored by the model
// fitted without its fold, cut to the trees chosen: the quotes nobody
// fitted on, as the cross-validation's outer fold and new posts are.
// The log-likelihood is concave in 1/T, so a golden-section search over
// 1/T in [1/4, 4] finds its one maximum; T is rounded to 3 digits.
func (sd *speakerData) fitTemperature(folds int, train func(p *speakerPost) bool, ms []*quotes.Model, js []int, rounds int) float64 {
	var qs []scoredQuote
	for i, m := range ms {
		mt := m.Truncate(rounds)
		for _, e := range sd.examples(heldFold(folds, js[i], train)) {
			if len(e.Gold) == 0 {
				continue
			}
			s := make([]float64, len(e.Cands))
			for ci, c := range e.Cands {
				s[ci] = mt.Score(c)
			}
			qs = append(qs, scoredQuote{s, e.Gold})
		}
	}
	return temperatureOf(qs)
}

// fitCalibration fits the confidence's calibration (quotes.Calibration)
// on what the eval scores: the map on calibrationQuotes, Alone the share
// aloneShare finds.
func (sd *speakerData) fitCalibration(folds int, train func(p *speakerPost) bool, ms []*quotes.Model, js []int, rounds int, temp float64) quotes.Calibration {
	a, b, n := quotes.FitPlatt(sd.calibrationQuotes(folds, train, ms, js, rounds, temp))
	return quotes.Calibration{A: a, B: b, None: n, Alone: sd.aloneShare(train)}
}

// calibrationQuotes are the matched quotes of 6 characters or more of the
// inner folds' held-out posts (ms[i] fitted without fold js[i]), each
// scored by the model fitted without its fold, cut to the trees chosen
// and divided by the temperature: the best candidate's probability,
// whether it is nobody, and whether it is right. A quote whose speaker is
// no candidate is wrong, as the eval counts it.
func (sd *speakerData) calibrationQuotes(folds int, train func(p *speakerPost) bool, ms []*quotes.Model, js []int, rounds int, temp float64) (ps []float64, none, right []bool) {
	var s []float64
	for i, m := range ms {
		mt := m.Truncate(rounds)
		held := heldFold(folds, js[i], train)
		for pi := range sd.posts {
			p := &sd.posts[pi]
			if !held(p) {
				continue
			}
			sd.matchedQuotes(p, func(qi int, _ goldQuote) {
				cs := p.cands[qi]
				if len(cs) == 0 {
					return
				}
				s = s[:0]
				for _, c := range cs {
					s = append(s, mt.Score(c)/temp)
				}
				best, pb := softmaxBest(s)
				ps = append(ps, pb)
				none = append(none, cs[best].None())
				right = append(right, slices.Contains(p.labels[qi], best))
			})
		}
	}
	return ps, none, right
}

// aloneShare is the share of the training posts' matched quotes the rules
// decide alone (no candidates, not reported speech) that they get right,
// one right and one wrong added; rounded to 4 digits. Counted, not fitted
// on held-out folds: no model decides these quotes.
func (sd *speakerData) aloneShare(train func(p *speakerPost) bool) float64 {
	n, ok := 0, 0
	for pi := range sd.posts {
		p := &sd.posts[pi]
		if !train(p) {
			continue
		}
		forms := entityForms(sd.gaz, p.doc)
		aliases := goldAliases(p.gold)
		sd.matchedQuotes(p, func(qi int, gq goldQuote) {
			if q := p.qs[qi]; len(p.cands[qi]) == 0 && q.Kind != "reported" {
				n++
				if speakerMatches(gq.Speaker, aliases[normForm(gq.Speaker)], q, forms[q.SpeakerEntityID]) {
					ok++
				}
			}
		})
	}
	return math.Round(1e4*float64(ok+1)/float64(n+2)) / 1e4
}

// matchedQuotes calls f for each of p's quotes (p.qs) that a gold quote
// of 6 characters or more matches: the quotes the speaker figures count.
// Posts annotated for short quotes only have none.
func (sd *speakerData) matchedQuotes(p *speakerPost, f func(qi int, gq goldQuote)) {
	if p.gold.shortOnly {
		return
	}
	for qi, gi := range alignQuotes(p.gold.Quotes, p.qs) {
		if gi >= 0 && len([]rune(p.gold.Quotes[gi].Text)) >= 6 {
			f(qi, p.gold.Quotes[gi])
		}
	}
}

// softmaxBest returns the index of s's largest score and its softmax
// probability.
func softmaxBest(s []float64) (int, float64) {
	best := 0
	for i := range s {
		if s[i] > s[best] {
			best = i
		}
	}
	sum := 0.0
	for _, x := range s {
		sum += math.Exp(x - s[best])
	}
	return best, 1 / sum
}

// scoredQuote is a quote's candidates' scores and its right candidates.
type scoredQuote struct {
	s    []float64
	gold []int
}

// temperatureOf is the T that makes softmax(s/T) most likely for qs'
// right candidates (1 for no quotes).
func temperatureOf(qs []scoredQuote) float64 {
	if len(qs) == 0 {
		return 1
	}
	ll := func(beta float64) float64 {
		t := 0.0
		v := make([]float64, 0, 16)
		for _, q := range qs {
			v = v[:0]
			for _, x := range q.s {
				v = append(v, beta*x)
			}
			t += goldLogProb(v, q.gold)
		}
		return t
	}
	lo, hi := 0.25, 4.0
	g := (math.Sqrt(5) - 1) / 2
	a, b := hi-g*(hi-lo), lo+g*(hi-lo)
	fa, fb := ll(a), ll(b)
	for range 40 {
		if fa >= fb {
			hi, b, fb = b, a, fa
			a = hi - g*(hi-lo)
			fa = ll(a)
		} else {
			lo, a, fa = a, b, fb
			b = lo + g*(hi-lo)
			fb = ll(b)
		}
	}
	return math.Round(1000/((lo+hi)/2)) / 1000
}

// bags fits one model by fit for each of sd.trees.Bags bags of the posts
// train accepts, each bag's posts drawn by inBag. The bags are fitted side
// by side (inParallel), each on its own copy of sd whose draw is the bag's:
// a fit reads the posts and writes nothing they share, and the models come
// back in bag order, so the average is the same as one by one.
func (sd *speakerData) bags(train func(p *speakerPost) bool, fit func(sd *speakerData, train func(p *speakerPost) bool) (*quotes.Model, error)) ([]*quotes.Model, error) {
	parts := make([]*quotes.Model, sd.trees.Bags)
	err := inParallel(sd.trees.Bags, func(b int) error {
		c := *sd
		c.draw = func(p *speakerPost) int {
			if !train(p) {
				return 0
			}
			return inBag(b, p, sd.trees.BagFrac)
		}
		m, err := fit(&c, func(p *speakerPost) bool { return c.draw(p) > 0 })
		if err != nil {
			return fmt.Errorf("bag %d: %v", b, err)
		}
		parts[b] = m
		return nil
	})
	if err != nil {
		return nil, err
	}
	return parts, nil
}

// inParallel calls f(0) … f(n-1), as many at once as GOMAXPROCS allows,
// and returns the error of the lowest i that failed. The fits of the
// bags and inner folds are independent and each single-threaded: on two
// cores this halves eval's and train's wall time (CI runs both).
func inParallel(n int, f func(i int) error) error {
	// errgroup for the limit only: its own error is whichever came first.
	errs := make([]error, n)
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	for i := range n {
		g.Go(func() error { errs[i] = f(i); return nil })
	}
	g.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// chooseTrees takes, of the depths and numbers of trees whose held-out
// log-likelihoods lp[d][r] (one value per quote) were read, the fewest
// trees (then the shallowest) whose summed likelihood is within one
// standard error of the best's: the one-standard-error rule. The curve is
// flat near its top, and each tree costs the quote stage at every
// candidate of every post; the best alone took 150 trees where 40 score
// the same within the noise.
func chooseTrees(depths []int, lp [][][]float64) (depth, rounds int) {
	sum := func(v []float64) float64 {
		var t float64
		for _, x := range v {
			t += x
		}
		return t
	}
	bd, br, best := 0, 0, math.Inf(-1)
	for d := range lp {
		for r := range lp[d] {
			if t := sum(lp[d][r]); t > best {
				bd, br, best = d, r, t
			}
		}
	}
	ref := lp[bd][br]
	for r := 0; r <= br; r++ {
		for d := range lp {
			if r >= len(lp[d]) || len(lp[d][r]) != len(ref) {
				continue
			}
			// The sum of the per-quote differences and its standard error.
			var s, ss float64
			for i, x := range lp[d][r] {
				diff := ref[i] - x
				s += diff
				ss += diff * diff
			}
			n := float64(len(ref))
			se := math.Sqrt(max(0, n*(ss/n-(s/n)*(s/n))))
			if s <= se {
				return depths[d], r
			}
		}
	}
	return depths[bd], br
}

// goldLogProb is the log of the probability the softmax over scores gives
// the gold candidates together.
func goldLogProb(scores []float64, gold []int) float64 {
	if len(gold) == 0 {
		return 0 // no right candidate: the same at every number of trees
	}
	lse := func(in func(ci int) bool) float64 {
		mx := math.Inf(-1)
		for ci, v := range scores {
			if in(ci) {
				mx = max(mx, v)
			}
		}
		var sum float64
		for ci, v := range scores {
			if in(ci) {
				sum += math.Exp(v - mx)
			}
		}
		return mx + math.Log(sum)
	}
	return lse(func(ci int) bool { return slices.Contains(gold, ci) }) - lse(func(int) bool { return true })
}

// fitTrees fits the linear model, then boosted trees on its scores (or
// trees alone, or half and half, as sd.trees says).
func (sd *speakerData) fitTrees(train func(p *speakerPost) bool, o quotes.FitOptions, bo quotes.BoostOptions) (*quotes.Model, error) {
	if sd.trees.Over == "half" {
		lin, err := sd.fit(train, o)
		if err != nil {
			return nil, err
		}
		t, err := quotes.Boost(sd.examples(train), nil, bo)
		if err != nil {
			return nil, err
		}
		return quotes.Blend(lin, t, 0.5), nil
	}
	var base *quotes.Model
	if sd.trees.Over == "linear" && sd.trees.LinearOnly && sd.trees.Bags > 1 {
		parts, err := sd.bags(train, func(sd *speakerData, train func(p *speakerPost) bool) (*quotes.Model, error) {
			return sd.fit(train, o)
		})
		if err != nil {
			return nil, err
		}
		base = quotes.Average(parts)
	} else if sd.trees.Over == "linear" {
		var err error
		if base, err = sd.fit(train, o); err != nil {
			return nil, err
		}
	}
	return quotes.Boost(sd.examples(train), base, bo)
}

// candQuote is the quote's speaker columns when c is chosen.
func candQuote(c quotes.Candidate) pipeline.Quote {
	var q pipeline.Quote
	q.Speaker, q.SpeakerEntityID, q.SpeakerType = c.Speaker()
	return q
}
