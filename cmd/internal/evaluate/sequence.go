package evaluate

import (
	"fmt"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/quotes"
)

// Sequence says which speakers of earlier quotes a quote's features
// (previous speakers, quotes so far) see, in training and in decoding.
type Sequence struct {
	// Train is what the training quotes see: "rules" (the rules'
	// speakers), "gold" (the gold speakers where the gold speaker is a
	// candidate: teacher forcing; else the rules') or "cross" (the choices,
	// left to right, of a model fitted on the training posts of the other
	// inner folds, as a held-out post will see the model's own).
	Train string
	// Decode is what a scored quote sees: "rules" or "greedy" (the model's
	// own choices, left to right).
	Decode string
}

// DefaultSequence is how the shipped model is fitted and decodes.
var DefaultSequence = Sequence{Train: "rules", Decode: "rules"}

// Check reports a Sequence it does not know.
func (s Sequence) Check() error {
	switch s.Train {
	case "rules", "gold", "cross":
	default:
		return fmt.Errorf("speaker sequence: train from rules, gold or cross, not %q", s.Train)
	}
	switch s.Decode {
	case "rules", "greedy":
	default:
		return fmt.Errorf("speaker sequence: decode rules or greedy, not %q", s.Decode)
	}
	return nil
}

// buildFor reads every post's quotes after the short-quote detector short
// and their candidates (build), then, for the posts train accepts, the
// candidates again with the earlier quotes' speakers as sd.seq.Train says.
func (sd *speakerData) buildFor(short *quotes.Model, train func(p *speakerPost) bool, o quotes.FitOptions) error {
	sd.build(short)
	sd.short = short
	switch sd.seq.Train {
	case "gold":
		for i := range sd.posts {
			if p := &sd.posts[i]; train(p) {
				sd.rebuild(p, sd.goldDecider(p))
			}
		}
	case "cross":
		// Inner folds: a gold post's own (NNN mod 5), an extra post's its
		// place among the extra posts mod 5. Every model is fitted before
		// any post is read again: the reading changes what they learn.
		inner := map[*speakerPost]int{}
		n := 0
		for i := range sd.posts {
			p := &sd.posts[i]
			if !train(p) {
				continue
			}
			if p.extra {
				inner[p] = n % 5
				n++
			} else {
				inner[p] = foldOf(p.name, 5)
			}
		}
		ms := map[int]*quotes.Model{}
		for _, j := range inner {
			if ms[j] != nil {
				continue
			}
			m, err := sd.fit(func(p *speakerPost) bool { g, ok := inner[p]; return ok && g != j }, o)
			if err != nil {
				return fmt.Errorf("inner fold %d: %v", j, err)
			}
			ms[j] = m
		}
		for p, j := range inner {
			sd.rebuild(p, quotes.Greedy(ms[j]))
		}
	}
	return nil
}

// rebuild reads p's quotes and candidates again, decide choosing the
// speakers that later quotes see, and labels them.
func (sd *speakerData) rebuild(p *speakerPost, decide quotes.Decider) {
	p.qs, p.cands, _ = sd.rules.ExamplesWith(p.doc, sd.short, decide)
	sd.label(p)
}

// goldDecider chooses, for each of p's quotes that a gold quote matches,
// the candidate that is the gold speaker (none: the rules').
func (sd *speakerData) goldDecider(p *speakerPost) quotes.Decider {
	align := alignQuotes(p.gold.Quotes, p.qs)
	forms := entityForms(sd.gaz, p.doc)
	aliases := goldAliases(p.gold)
	return func(qi int, cs []quotes.Candidate) int {
		if qi >= len(align) || align[qi] < 0 {
			return -1
		}
		gq := p.gold.Quotes[align[qi]]
		for ci, c := range cs {
			q := pipeline.Quote{Speaker: c.Surface, SpeakerEntityID: c.EntityID, SpeakerType: c.Type}
			if speakerMatches(gq.Speaker, aliases[normForm(gq.Speaker)], q, forms[c.EntityID]) {
				return ci
			}
		}
		return -1
	}
}

// decodeWith returns p's quotes with the speakers m chooses, decoding as
// sd.seq.Decode says; decoding left to right reads p's candidates again.
func (sd *speakerData) decodeWith(p *speakerPost, m *quotes.Model) []pipeline.Quote {
	if sd.seq.Decode == "greedy" {
		m.Decode = "greedy"
		sd.rebuild(p, quotes.Greedy(m))
	}
	return p.quotesWith(m)
}

// String names a Sequence.
func (s Sequence) String() string {
	return fmt.Sprintf("train %s, decode %s", s.Train, s.Decode)
}

// sequence returns the Sequence the options ask for, else the default.
func (o Options) sequence() Sequence {
	if o.Sequence == (Sequence{}) {
		return DefaultSequence
	}
	return o.Sequence
}
