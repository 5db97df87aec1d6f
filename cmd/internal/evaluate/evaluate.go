// Package evaluate is newsnlp's yardstick: it runs the pipeline over
// hand-annotated posts (the gold guide's format) and scores people,
// countries, outlets, bylines, quotes, speakers and keywords against them,
// beside gse's own tags as a baseline; it cross-validates the speaker model
// on the gold's fixed folds (post NNN in fold NNN mod k) and fits the
// shipped one. The command (newsnlp eval, newsnlp train), the tests and CI
// all call it, so there is one definition of every figure.
package evaluate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/keywords"
	"github.com/newsnlp/newsnlp/stages/quotes"
	"github.com/newsnlp/newsnlp/stages/segment"
)

// evalTypes are the scored types, in print order.
var evalTypes = []string{"people", "countries", "outlets", "reporters", "editors"}

// DefaultFloors are the F1 floors CI holds the pipeline to (--floors).
// They hold what has been reached on the 137 development posts, a little
// below it; the quote floors hold the cross-validated figures (detection
// 0.941, speakers 0.873, end to end 0.821, short quotes 0.698 with 5 folds
// and the extra speaker annotations; on the extra posts, cross-validated,
// speakers 0.801, rounds 4 to 10's fresh news posts included; on the
// held-out posts of rounds 11 and 12, with the shipped model, speakers
// 0.792; of the quotes at a confidence of 0.9 or more, 0.989 right on the
// gold and 0.965 on the extra posts cross-validated, 0.967 held out).
const DefaultFloors = "people=0.93,countries=0.98,outlets=0.92,reporters=0.95,editors=0.95,quotes=0.93,speakers=0.86,quotes+speakers=0.81,short-quotes=0.69,extra-speakers=0.79,heldout-speakers=0.78,confident-speakers=0.95"

// quoteFloors are the floors on quote scores: detection F1 of substantive
// quotes, speaker accuracy on those matched, end-to-end F1, speaker
// accuracy on the extra posts, cross-validated (ExtraFloor), and on the
// held-out posts with the model as run (HeldoutFloor), and the short
// quotes' detection F1 (ShortFloor).
var quoteFloors = []string{"quotes", "speakers", "quotes+speakers", ShortFloor, ExtraFloor, HeldoutFloor, ConfidentFloor}

// ShortFloor is the floor on the short quotes' detection F1 (under 6
// characters, which the short-quote detector decides): issue 9 asks for
// 0.70, and the floor keeps what has been reached from slipping.
const ShortFloor = "short-quotes"

// ExtraFloor is the floor on the speaker accuracy of the extra posts,
// cross-validated: scored only with --folds and the extra annotations.
const ExtraFloor = "extra-speakers"

// HeldoutFloor is the floor on the speaker accuracy of the held-out posts
// with the model as run: scored only with the held-out annotations.
const HeldoutFloor = "heldout-speakers"

// ConfidentFloor is the floor on the share of right speakers among the
// quotes given a confidence of 0.9 or more (issue 9 asks for 0.9), on each
// calibration scored: the gold and the extra posts cross-validated, the
// held-out posts with the model as run.
const ConfidentFloor = "confident-speakers"

// IsQuoteFloor reports a floor on quote figures (the ones eval
// --speakers-only scores).
func IsQuoteFloor(t string) bool { return slices.Contains(quoteFloors, t) }

// Result is the outcome of an evaluation (also written by --json).
type Result struct {
	Posts    int                          `json:"posts"`
	Scores   map[string]map[string]scoreJ `json:"scores"` // system → type → score
	Quotes   quoteScores                  `json:"quotes"`
	Keywords keywordScores                `json:"keywords"`
	// Speakers are the quote figures by way of choosing speakers: the
	// rules alone, the model in-sample, the model cross-validated.
	Speakers []speakerEval `json:"speakers,omitempty"`
	// CV is the cross-validated quote figures, when --folds asked for
	// them: what the quote floors hold.
	CV *quoteScores `json:"cross_validated,omitempty"`
	// ExtraCV is the extra posts' quote figures, cross-validated, when
	// --folds and the extra annotations were given: what ExtraFloor holds.
	ExtraCV *quoteScores `json:"extra_cross_validated,omitempty"`
	// Heldout is the held-out posts' quote figures with the model as run,
	// when held-out annotations were given: what HeldoutFloor holds.
	Heldout *quoteScores `json:"held_out,omitempty"`
	// calibrated are the calibrations ConfidentFloor reads: the gold's
	// and the extra posts' cross-validated, the held-out posts'.
	calibrated []speakerEval
	// PeopleByMethod counts the people found per source (people.go).
	PeopleByMethod map[string]scoreJ `json:"people_by_method"`
	// PeopleCV is the people F1 with the name tagger's settings chosen
	// by cross-validation, when --folds and settings were given; the
	// people floor then holds its F1.
	PeopleCV *PeopleCV `json:"people_cross_validated,omitempty"`
	// SpeakersOnly says only the quotes and speakers were scored.
	SpeakersOnly bool         `json:"speakers_only,omitempty"`
	Detail       []postDetail `json:"detail"`
}

type scoreJ struct {
	TP, FP, FN    int
	P, R, F1      float64
	Floor         float64 `json:",omitempty"`
	BelowTheFloor bool    `json:",omitempty"`
}

type postDetail struct {
	Post   string              `json:"post"`
	Misses map[string][]string `json:"misses,omitempty"`
	False  map[string][]string `json:"false_hits,omitempty"`
}

// ParseFloors reads floors such as "people=0.9,speakers=0.8".
func ParseFloors(s string) (map[string]float64, error) {
	out := map[string]float64{}
	if s == "" {
		return out, nil
	}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		f, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil || f < 0 || f > 1 {
			return nil, fmt.Errorf("bad floor %q", kv)
		}
		known := slices.Contains(quoteFloors, k)
		for _, t := range evalTypes {
			known = known || t == k
		}
		if !known {
			return nil, fmt.Errorf("unknown type %q", k)
		}
		out[k] = f
	}
	return out, nil
}

// Evaluate runs the pipeline over the gold posts and scores it and the
// baseline.
func Evaluate(ctx context.Context, dir string, sys System, o Options) (*Result, error) {
	folds, fit := o.Folds, o.Fit
	if err := heldoutApart(o.Heldout, o.Extra); err != nil {
		return nil, err
	}
	g, err := runGold(ctx, dir, sys)
	if err != nil {
		return nil, err
	}
	b, docs, posts, golds := g.b, g.docs, g.posts, g.golds
	res := &Result{Posts: len(docs), Scores: map[string]map[string]scoreJ{}, SpeakersOnly: o.SpeakersOnly}
	res.Keywords.Hits, res.Keywords.P10 = map[string]float64{}, map[string]float64{}
	total := map[string]map[string]counts{"newsnlp": {}, "gse-pos": {}}
	var base *segment.Segmenter
	var ge *gseExtractors
	if !o.SpeakersOnly {
		if base, err = segment.New(nil); err != nil {
			return nil, err
		}
		if ge, err = newGseExtractors(b.Segmenter.Gse()); err != nil {
			return nil, err
		}
	}
	for i, d := range docs {
		g := golds[posts[i]]
		det := postDetail{Post: filepath.Base(posts[i]), Misses: map[string][]string{}, False: map[string][]string{}}
		if d.Err != nil || d.Post == nil {
			return nil, fmt.Errorf("%s: %v", posts[i], d.Err)
		}
		if o.SpeakersOnly {
			scoreQuotes(b.Gazetteer, d, g, &res.Quotes, &det)
			if len(det.Misses)+len(det.False) > 0 {
				res.Detail = append(res.Detail, det)
			}
			continue
		}
		sys := systemItems(b.Gazetteer, d.Mentions)
		bl := baselineItems(b.Gazetteer, base, d)
		goldItems := goldItemsOf(g)
		for _, t := range []string{"people", "outlets"} {
			c, miss, fa := matchItems(sys[t], goldItems[t])
			total["newsnlp"][t] = addCounts(total["newsnlp"][t], c)
			det.note(t, miss, fa)
			if t == "people" {
				addPeopleByMethod(res, d.Mentions, sys[t], goldItems[t])
			}
			bc, _, _ := matchItems(bl[t], goldItems[t])
			total["gse-pos"][t] = addCounts(total["gse-pos"][t], bc)
		}
		c, miss, fa := matchSets(labels(sys["countries"]), countryCodes(g))
		total["newsnlp"]["countries"] = addCounts(total["newsnlp"]["countries"], c)
		det.note("countries", miss, fa)
		bc, _, _ := matchSets(labels(bl["countries"]), countryCodes(g))
		total["gse-pos"]["countries"] = addCounts(total["gse-pos"]["countries"], bc)
		for t, pair := range map[string][2][]string{
			"reporters": {d.Post.Reporters, g.Reporters},
			"editors":   {d.Post.Editors, g.Editors},
		} {
			c, miss, fa := matchSets(pair[0], pair[1])
			total["newsnlp"][t] = addCounts(total["newsnlp"][t], c)
			det.note(t, miss, fa)
		}
		scoreQuotes(b.Gazetteer, d, g, &res.Quotes, &det)
		scoreKeywords(b, ge, d, &res.Keywords)
		if len(det.Misses)+len(det.False) > 0 {
			res.Detail = append(res.Detail, det)
		}
	}
	for _, m := range keywordMethods {
		if res.Keywords.Posts > 0 {
			res.Keywords.P10[m] = res.Keywords.Hits[m] / float64(10*res.Keywords.Posts)
		}
	}
	// The speakers are scored on the posts' mentions as the decision over
	// proposed names fitted without the post's fold finds them (when the
	// people are cross-validated): the shipped decision learnt from these
	// very posts' people.
	speakerDocs := docs
	if folds > 1 && o.PeopleStage != nil {
		res.PeopleCV, speakerDocs, err = crossValidateDecision(ctx, &sys, o.PeopleStage, docs, posts, golds, folds, o.PeopleFit, o.PeopleErrors)
		if err != nil {
			return nil, err
		}
	} else if folds > 1 && len(o.People) > 0 {
		res.PeopleCV, err = crossValidatePeople(ctx, &sys, docs, posts, golds, o.People, folds)
		if err != nil {
			return nil, err
		}
	}
	sd, err := newSpeakerData(b.Gazetteer, speakerDocs, posts, golds, folds)
	if err != nil {
		return nil, err
	}
	if err := sd.withExtra(ctx, sys, o.Extra); err != nil {
		return nil, err
	}
	sd.trees = o.Trees
	sd.seq = o.sequence()
	res.Speakers = append(res.Speakers,
		sd.scoreSpeakers("rules alone", 0, func(p *speakerPost) []pipeline.Quote { return p.rulesQuote }),
		sd.scoreSpeakers("model as shipped, in-sample", 0, func(p *speakerPost) []pipeline.Quote { return p.doc.Quotes }))
	if o.Heldout != nil && len(o.Heldout.Posts) > 0 {
		evs, err := scoreHeldout(ctx, sys, sd, o.Heldout)
		if err != nil {
			return nil, err
		}
		res.Speakers = append(res.Speakers, evs...)
		res.Heldout = &evs[0].All
		res.calibrated = append(res.calibrated, evs[0])
	}
	if folds > 0 && o.ShortOnly {
		evs, err := sd.shortOnly(folds, fit, o.SpeakerErrors)
		if err != nil {
			return nil, err
		}
		res.Speakers = append(res.Speakers, evs...)
	} else if folds > 0 {
		cv, err := sd.crossValidate(folds, fit, o.SpeakerErrors)
		if err != nil {
			return nil, err
		}
		res.Speakers = append(res.Speakers, cv)
		res.CV = &cv.All
		res.calibrated = append(res.calibrated, cv)
		if o.Extra != nil && len(o.Extra.Posts) > 0 {
			if !o.NoTransfer {
				tr, err := sd.transfer(fit, o.SpeakerErrors)
				if err != nil {
					return nil, err
				}
				res.Speakers = append(res.Speakers, tr...)
			}
			xcv, err := sd.crossValidateExtra(folds, fit, o.SpeakerErrors)
			if err != nil {
				return nil, err
			}
			res.Speakers = append(res.Speakers, xcv...)
			res.ExtraCV = &xcv[0].All
			res.calibrated = append(res.calibrated, xcv[0])
		}
	}
	for sys, byType := range total {
		res.Scores[sys] = map[string]scoreJ{}
		for t, c := range byType {
			p, r, f := c.prf()
			res.Scores[sys][t] = scoreJ{TP: c.tp, FP: c.fp, FN: c.fn, P: p, R: r, F1: f}
		}
	}
	return res, nil
}

func addCounts(a, b counts) counts { a.add(b); return a }

func (p *postDetail) note(t string, miss, fa []string) {
	if len(miss) > 0 {
		p.Misses[t] = miss
	}
	if len(fa) > 0 {
		p.False[t] = fa
	}
}

func labels(items []item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.label
	}
	return out
}

func countryCodes(g *goldDoc) []string {
	var out []string
	for _, c := range g.Countries {
		out = append(out, c.Code)
	}
	return out
}

func goldItemsOf(g *goldDoc) map[string][]item {
	out := map[string][]item{}
	for _, p := range g.People {
		out["people"] = append(out["people"], newItem(p.Name, append([]string{p.Name, p.En}, p.Aliases...)...))
	}
	for _, o := range g.Outlets {
		out["outlets"] = append(out["outlets"], newItem(o.Name, append([]string{o.Name, o.En}, o.Aliases...)...))
	}
	return out
}

// systemItems groups a post's mentions by entity: an entity goes by the
// surfaces found and, for lexicon entities, every form the lexicon lists.
func systemItems(gaz *entities.Gazetteer, ms []pipeline.Mention) map[string][]item {
	byID := map[string]*item{}
	var order []string
	for _, m := range ms {
		it := byID[m.EntityID]
		if it == nil {
			label := m.Name
			if m.Type == "country" {
				label = strings.TrimPrefix(m.EntityID, "country:")
			}
			x := newItem(label, m.Name)
			if e, ok := gaz.Entity(m.EntityID); ok {
				for _, a := range append([]string{e.Name, e.NameEn}, e.Aliases...) {
					for f := range newItem("", a).forms {
						x.forms[f] = true
					}
				}
			}
			it = &x
			byID[m.EntityID] = it
			order = append(order, m.EntityID)
		}
		for f := range newItem("", m.Surface).forms {
			it.forms[f] = true
		}
	}
	out := map[string][]item{}
	for _, id := range order {
		t, _, _ := strings.Cut(id, ":")
		key := map[string]string{"person": "people", "country": "countries", "outlet": "outlets"}[t]
		out[key] = append(out[key], *byID[id])
	}
	return out
}

// baselineItems reads entities off gse's part-of-speech tags, with gse's
// own dictionary: nr* people, ns countries (named by the gazetteer's country
// forms where one fits, else wrong), nt and nz outlets.
func baselineItems(gaz *entities.Gazetteer, base *segment.Segmenter, d *pipeline.Doc) map[string][]item {
	norm := base.Normalize(d.Post.Text, d.Post.Script)
	runes := []rune(norm)
	seen := map[string]bool{}
	out := map[string][]item{}
	for _, t := range base.Tokens(norm) {
		s := string(runes[t.Start:t.Stop])
		if seen[t.POS+s] || len([]rune(s)) < 2 {
			continue
		}
		seen[t.POS+s] = true
		switch {
		case strings.HasPrefix(t.POS, "nr"):
			out["people"] = append(out["people"], newItem(s, s))
		case t.POS == "ns":
			code := "?" + s
			if iso, ok := gaz.CountryOf(s); ok {
				code = iso
			}
			if !seen["ns:"+code] {
				seen["ns:"+code] = true
				out["countries"] = append(out["countries"], newItem(code, code))
			}
		case t.POS == "nt" || t.POS == "nz":
			out["outlets"] = append(out["outlets"], newItem(s, s))
		}
	}
	return out
}

// Print writes the scores, and unless quiet the misses and false hits of
// each post.
func (res *Result) Print(w io.Writer, quiet bool) {
	fmt.Fprintf(w, "%d posts\n\n", res.Posts)
	if res.SpeakersOnly {
		fmt.Fprint(w, "quotes and speakers only (--speakers-only)\n\n")
		res.printQuotes(w)
	} else {
		sc := map[string]map[string]counts{}
		for sys, byType := range res.Scores {
			sc[sys] = map[string]counts{}
			for t, s := range byType {
				sc[sys][t] = counts{tp: s.TP, fp: s.FP, fn: s.FN}
			}
		}
		for t := range sc["gse-pos"] {
			if t == "reporters" || t == "editors" {
				delete(sc["gse-pos"], t)
			}
		}
		scoreTable(w, evalTypes, []string{"newsnlp", "gse-pos"}, sc)
		fmt.Fprintln(w)
		printPeopleByMethod(w, res)
		printPeopleCV(w, res.PeopleCV)
		fmt.Fprintln(w)
		res.printQuotes(w)
		fmt.Fprintln(w)
		printKeywordScores(w, res.Keywords)
	}
	if quiet {
		return
	}
	fmt.Fprintln(w)
	for _, d := range res.Detail {
		fmt.Fprintf(w, "%s\n", d.Post)
		for _, t := range append(evalTypes, "quotes", "speakers") {
			if m := d.Misses[t]; len(m) > 0 {
				fmt.Fprintf(w, "  %-9s missed: %s\n", t, strings.Join(m, ", "))
			}
			if f := d.False[t]; len(f) > 0 {
				fmt.Fprintf(w, "  %-9s false:  %s\n", t, strings.Join(f, ", "))
			}
		}
	}
}

// goldRun is the pipeline's output over the gold posts.
type goldRun struct {
	b     *System
	docs  []*pipeline.Doc
	posts []string
	golds map[string]*goldDoc
}

// runGold reads the gold annotations of dir and runs the pipeline over
// their posts.
func runGold(ctx context.Context, dir string, sys System) (*goldRun, error) {
	jsons, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	golds := map[string]*goldDoc{}
	var posts []string
	for _, j := range jsons {
		md := strings.TrimSuffix(j, ".json") + ".md"
		if _, err := os.Stat(md); err != nil {
			continue
		}
		b, err := os.ReadFile(j)
		if err != nil {
			return nil, err
		}
		var g goldDoc
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("%s: %v", j, err)
		}
		golds[md] = &g
		posts = append(posts, md)
	}
	if len(posts) == 0 {
		return nil, fmt.Errorf("%w: no gold posts (NNN.md beside NNN.json) in %s", ErrNoGold, dir)
	}
	sort.Strings(posts)
	b := &sys
	var docs []*pipeline.Doc
	_, err = pipeline.Run(ctx, pipeline.Archives{Paths: posts}, b.Stages, sinkFunc(func(d *pipeline.Doc) error {
		docs = append(docs, d)
		return nil
	}), pipeline.Config{})
	if err != nil {
		return nil, err
	}
	return &goldRun{b: b, docs: docs, posts: posts, golds: golds}, nil
}

// System is the pipeline under evaluation: its stages in order and the
// parts the scoring reads (entity forms, the baseline's dictionary, the
// keyword stage's title terms).
type System struct {
	Stages    []pipeline.Stage
	Gazetteer *entities.Gazetteer
	Segmenter *segment.Segmenter
	Keywords  *keywords.Stage
}

// Options set an evaluation.
type Options struct {
	// Folds > 1 cross-validates the speaker model: fitted on all folds but
	// one, scored on that one, for each fold; the quote floors then hold
	// the cross-validated figures.
	Folds int
	Fit   quotes.FitOptions
	// SpeakerErrors, with Folds, receives every held-out quote whose
	// speaker the cross-validated model gets wrong, with its candidates:
	// what an error analysis starts from.
	SpeakerErrors io.Writer
	// Extra speaker annotations of corpus posts: the speaker model learns
	// from them too (in every fold); nil for the gold alone.
	Extra *Extra
	// Heldout are annotated corpus posts that nothing learns from: the
	// quotes as run (the model in use) are scored on them (HeldoutFloor).
	Heldout *Extra
	// People are settings of the entity stage to choose among by
	// cross-validation (with Folds).
	People []PeopleSetting
	// PeopleStage, with Folds, is the entity stage whose decision over
	// proposed names is cross-validated (fitted on all folds but one with
	// PeopleFit); it takes the place of People.
	PeopleStage *entities.Stage
	PeopleFit   entities.DecisionFit
	// Sequence, with Folds, says which speakers of earlier quotes the
	// speaker model's features see in training and decoding (zero: the
	// shipped model's, DefaultSequence).
	Sequence Sequence
	// Trees, with Folds, cross-validates boosted trees as the speaker
	// model in place of the linear one (shipped: the linear one).
	Trees *Trees
	// SpeakersOnly scores the quotes and speakers alone: the people,
	// countries, outlets, credits and keywords are not scored, nor the gse
	// baseline run, which leaves the speaker figures as they are and takes
	// about half the time (the loop of work on the speaker model). The
	// people are still cross-validated with Folds, since the speakers are
	// scored on the posts' mentions as a decision fitted without their
	// fold finds them.
	SpeakersOnly bool
	// ShortOnly, with Folds, cross-validates the short-quote detector
	// alone (no speaker model): its short F1 in the gold's folds and the
	// extra posts', in a fraction of the time.
	ShortOnly bool
	// NoTransfer leaves out the transfer rows (the extra posts scored by a
	// fit on the gold alone, and the other way round): no floor reads them,
	// and the fit on the extra posts costs as much as training the shipped
	// model, which CI's floors run does not need.
	NoTransfer bool
	// PeopleErrors, with PeopleStage, receives the people each post and
	// register sentence misses and finds wrongly under the decision fitted
	// without its fold: what an error analysis of people starts from.
	PeopleErrors io.Writer
}

// Below returns the figures under their floors, sorted, and records the
// floors in the scores.
func (res *Result) Below(floor map[string]float64) []string {
	qs := res.Quotes
	if res.CV != nil {
		qs = *res.CV
	}
	// The speaker floors on posts other than the gold, and what scores them.
	others := map[string]struct {
		q    *quoteScores
		need string
	}{
		ExtraFloor:   {res.ExtraCV, "--folds and the extra annotations, --corpus"},
		HeldoutFloor: {res.Heldout, "the held-out annotations, --corpus"},
	}
	var below []string
	for t, f := range floor {
		if t == ConfidentFloor {
			below = append(below, res.confidentBelow(f)...)
			continue
		}
		if o, ok := others[t]; ok {
			switch {
			case o.q == nil:
				below = append(below, t+" not scored (needs "+o.need+")")
			case o.q.score("speakers") < f:
				below = append(below, fmt.Sprintf("%s %.3f < %.2f", t, o.q.score("speakers"), f))
			}
			continue
		}
		if slices.Contains(quoteFloors, t) {
			if v := qs.score(t); v < f {
				below = append(below, fmt.Sprintf("%s %.3f < %.2f", t, v, f))
			}
			continue
		}
		s := res.Scores["newsnlp"][t]
		s.Floor = f
		v := s.F1
		if t == "people" && res.PeopleCV != nil {
			v = res.PeopleCV.All.F1
		}
		if v < f {
			s.BelowTheFloor = true
			below = append(below, fmt.Sprintf("%s F1 %.3f < %.2f", t, v, f))
		}
		res.Scores["newsnlp"][t] = s
	}
	sort.Strings(below)
	return below
}

// confidentBelow is ConfidentFloor's failures at floor f: each scored
// calibration whose top band ([0.9, 1]) is right less often than f.
func (res *Result) confidentBelow(f float64) []string {
	if len(res.calibrated) == 0 {
		return []string{ConfidentFloor + " not scored (needs --folds or the held-out annotations, --corpus)"}
	}
	var below []string
	for _, ev := range res.calibrated {
		for _, b := range ev.Calib {
			if b.Lo != 0.9 || b.Quotes == 0 {
				continue
			}
			if acc := float64(b.Correct) / float64(b.Quotes); acc < f {
				below = append(below, fmt.Sprintf("%s %.3f < %.2f (%s, %d quotes)", ConfidentFloor, acc, f, ev.Name, b.Quotes))
			}
		}
	}
	return below
}

// printQuotes writes the quote figures in-sample and the speakers' by way
// of choosing them.
func (res *Result) printQuotes(w io.Writer) {
	fmt.Fprintln(w, "quotes as run (the shipped speaker model, fitted on these posts: in-sample; the cross-validated figures follow)")
	printQuoteScores(w, res.Quotes)
	fmt.Fprintln(w)
	printSpeakerEvals(w, res.Speakers)
}

type sinkFunc func(*pipeline.Doc) error

func (f sinkFunc) Write(d *pipeline.Doc) error { return f(d) }

// ErrNoGold is returned for a directory that holds no gold posts.
var ErrNoGold = errors.New("no gold posts")
