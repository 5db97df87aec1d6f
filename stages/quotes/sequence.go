package quotes

import "github.com/newsnlp/newsnlp/pipeline"

// Decider chooses, for quote qi (index in the post's quotes, text order)
// and its candidates cs, the one whose speaker the features of later
// quotes see as this quote's (previous speaker, quotes so far): its index
// in cs, or -1 for the rules' speaker. Without one, later quotes see the
// rules' speakers; a model decoding left to right sees its own choices.
type Decider func(qi int, cs []Candidate) int

// Greedy is the Decider of a model decoding left to right: its best
// candidate for each quote (the first of equals, so NONE wins ties).
func Greedy(m *Model) Decider {
	return func(_ int, cs []Candidate) int {
		best, _ := m.Rank(cs)
		return best
	}
}

// scored is the Decider of the stage itself: the candidates' scores as
// the sink summed them.
func scored(_ int, cs []Candidate) int {
	best := 0
	for i := range cs {
		if cs[i].score > cs[best].score {
			best = i
		}
	}
	return best
}

// decider returns how the stage decodes with m: left to right on its own
// choices when the model was fitted so (Decode "greedy"), else nil (the
// rules' speakers feed later quotes).
func (m *Model) decider() Decider {
	if m.Decode == "greedy" {
		return scored
	}
	return nil
}

// prevSpeaker returns the speaker of quote qi (q, with candidates cs)
// that later quotes see, and whether it has one: decide's choice among
// its candidates, else the rules'.
func prevSpeaker(qi int, q pipeline.Quote, cs []Candidate, decide Decider) (speaker, bool) {
	if decide != nil && len(cs) > 0 {
		if k := decide(qi, cs); k >= 0 {
			c := cs[k]
			if c.None() {
				return speaker{}, false
			}
			return speaker{surface: c.Surface, entityID: c.EntityID, typ: c.Type}, true
		}
	}
	if q.Speaker == "" {
		return speaker{}, false
	}
	return speaker{surface: q.Speaker, entityID: q.SpeakerEntityID, typ: q.SpeakerType}, true
}

// ExamplesWith is Examples with decide choosing the speakers that later
// quotes' features see (nil: the rules').
func (s *Stage) ExamplesWith(d *pipeline.Doc, short *Model, decide Decider) ([]pipeline.Quote, [][]Candidate, []ShortSpan) {
	return s.examples(d, short, nil, decide)
}

// ShortExamples returns a post's short spans in marks with the detector's
// features, the short|spk_ ones as the speaker model spk reads each span.
func (s *Stage) ShortExamples(d *pipeline.Doc, spk *Model) []ShortSpan {
	_, _, shorts := s.examples(d, nil, spk, nil)
	return shorts
}

func (s *Stage) examples(d *pipeline.Doc, short, spk *Model, decide Decider) ([]pipeline.Quote, [][]Candidate, []ShortSpan) {
	if d.Post == nil {
		return nil, nil, nil
	}
	var cands [][]Candidate
	var shorts []ShortSpan
	o := postOptions(d)
	o.candidates, o.shorts, o.short, o.decide, o.spk = &cands, &shorts, short, decide, spk
	rules := *s
	rules.model = nil
	qs := rules.find(d.ID, d.Post.Text, d.Norm, d.Tokens, d.Mentions, o)
	return qs, cands, shorts
}
