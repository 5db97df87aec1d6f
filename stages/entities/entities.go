// Package entities is the entity stage: it finds the people, countries and
// outlets a post names and links each mention to a canonical entity.
//
// Mentions come from two sources. The gazetteer (models/people,
// models/outlets, models/countries, and the user's own lists) is matched
// leftmost-longest on the simplified form of the text, at gse's word
// boundaries, with a rule per kind of form: one-character country forms
// (中, 美, 俄) count only inside compounds (中美, 俄乌); 华 only in 对华,
// 访华 …; a country inside an outlet's name (德国之声) is the outlet. Then
// discovery rules find people and outlets that no list holds (see
// discover.go), and document-level coreference links later short forms
// (库格尔曼, 秦) to the full name.
//
// Entity ids are stable across runs and corpora: lexicon entities take the
// lexicon's id (person:xi-jinping, outlet:wsj, country:USA), discovered ones
// their normalised name in simplified script (person:迈克尔·库格尔曼), which
// is the same wherever the name is found.
package entities

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
)

// Stage is the entity stage. It is safe for concurrent use.
type Stage struct {
	g     *Gazetteer
	names *tagger.Model
	th    Thresholds
	veto  float64
	off   map[string]bool
	plain func(norm string) []pipeline.Token
	aug   *Augment
	mask  bool
	gen   *nameGen
	dec   *Decision
}

// New returns the stage over a gazetteer, without the name tagger.
func New(g *Gazetteer) *Stage { return &Stage{g: g} }

// Thresholds are the least confidences of the tagger's spans by shape:
// a surname and a two-character given name or a dotted transliteration
// (Full), a surname and one character (Short), a transliteration without
// a dot (Trans).
type Thresholds struct{ Full, Short, Trans float64 }

// Sources of person mentions, which StageOptions.Off may switch off to
// measure what each adds.
var Sources = []string{"gazetteer", "discovery", "tagger", "coref"}

// StageOptions configure NewStage.
type StageOptions struct {
	// Names is the person-name tagger (models/names); nil for none.
	Names *tagger.Model
	// Threshold is the least confidence of a tagger span (0: the model's
	// own).
	Threshold float64
	// Short and Trans are the least confidences of tagger spans of two
	// shapes that are otherwise never taken: a surname and one character,
	// and a transliteration without a middle dot (0: never taken).
	Short, Trans float64
	// Veto drops a discovery rule's name when the tagger's confidence in
	// it is below this (0: never).
	Veto float64
	// Plain segments text without the lexicons' words: for NameExamples
	// only (training the tagger); nil shows hidden names as single
	// characters.
	Plain func(norm string) []pipeline.Token
	// Augment adds clauses with generated names to NameExamples (see
	// Augment); nil for none.
	Augment *Augment
	// MaskUnknown makes NameExamples keep a clause with a name-like
	// stretch no source explains, that stretch left out of the loss,
	// instead of dropping the clause.
	MaskUnknown bool
	// Off lists sources of people not to use (see Sources): for
	// measurement only.
	Off []string
	// Decision decides which proposed names (the tagger's spans, the
	// discovery rules' names) become mentions; nil for the hand-set
	// Threshold, Short, Trans and Veto.
	Decision *Decision
}

// NewStage returns the stage over a gazetteer with the name tagger.
func NewStage(g *Gazetteer, opt StageOptions) (*Stage, error) {
	s := &Stage{g: g, names: opt.Names, th: Thresholds{Full: opt.Threshold, Short: opt.Short, Trans: opt.Trans}, veto: opt.Veto, off: map[string]bool{}, plain: opt.Plain, aug: opt.Augment, dec: opt.Decision, mask: opt.MaskUnknown}
	if s.aug != nil {
		s.gen = newNameGen(g, s.aug.Names)
	}
	if s.th.Full == 0 && s.names != nil {
		s.th.Full = s.names.Threshold
	}
	for _, t := range []*float64{&s.th.Short, &s.th.Trans} {
		if *t <= 0 {
			*t = 2 // above any confidence: never
		}
	}
	for _, o := range opt.Off {
		if o = strings.TrimSpace(o); o == "" {
			continue
		}
		known := false
		for _, x := range Sources {
			known = known || x == o
		}
		if !known {
			return nil, fmt.Errorf("entities: unknown source %q (known: %s)", o, strings.Join(Sources, ", "))
		}
		s.off[o] = true
	}
	return s, nil
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "entities" }

// Process implements pipeline.Stage: it sets d.Mentions. It needs the
// segment stage's Norm and Tokens.
func (s *Stage) Process(_ context.Context, d *pipeline.Doc) error {
	if d.Post == nil {
		return nil
	}
	d.Mentions, d.Pseudonyms = s.FindAll(d.Post.Text, d.Norm, d.Tokens, credits(d.Post))
	return nil
}

func credits(p *pipeline.Post) map[string]bool {
	m := map[string]bool{}
	for _, n := range p.Reporters {
		m[n] = true
	}
	for _, n := range p.Editors {
		m[n] = true
	}
	return m
}

// Find returns the mentions of text. norm is text in simplified script with
// the same code points ("" to use text); tokens are its words.
func (s *Stage) Find(text, norm string, tokens []pipeline.Token, credits map[string]bool) []pipeline.Mention {
	ms, _ := s.FindAll(text, norm, tokens, credits)
	return ms
}

// FindAll is Find, with the mentions of the names the post marks as made
// up (pseudonym.go) apart: no person by the gold guide, but the quote
// stage reads them to give their words to nobody.
func (s *Stage) FindAll(text, norm string, tokens []pipeline.Token, credits map[string]bool) (ms, pseud []pipeline.Mention) {
	// The doc is dropped once the mentions are made (they copy what they
	// hold of it): its buffers go to the next post.
	d := docPool.Get().(*doc)
	_, ms = s.findIn(d, text, norm, tokens, credits, true, nil)
	ms, pseud = d.splitPseudonyms(ms)
	if cap(d.text) <= maxPooledRunes {
		// The post's own slices go with it; the buffers stay.
		d.tokens, d.credits, d.in.Runes = nil, nil, nil
		clear(d.in.POS[:cap(d.in.POS)])
		docPool.Put(d)
	}
	return ms, pseud
}

// maxPooledRunes bounds the posts whose docs are kept for the next: a
// doc holds about 30 bytes a character, and a huge post's (up to the
// 64 MB a post may have) should not stay alive for the posts after it.
const maxPooledRunes = 1 << 18

// find runs the sources in order: the gazetteer, the discovery rules,
// the tagger where nothing else found a name, then coreference (which
// reads what all of them found).
func (s *Stage) find(text, norm string, tokens []pipeline.Token, credits map[string]bool, useTagger bool) (*doc, []pipeline.Mention) {
	return s.findCollect(text, norm, tokens, credits, useTagger, nil)
}

// findCollect is find; with collect, every proposed name goes there and
// none of the tagger's becomes a mention (see Proposals).
func (s *Stage) findCollect(text, norm string, tokens []pipeline.Token, credits map[string]bool, useTagger bool, collect *[]Proposal) (*doc, []pipeline.Mention) {
	return s.findIn(new(doc), text, norm, tokens, credits, useTagger, collect)
}

// findIn is findCollect in the doc d, whose buffers it reuses.
func (s *Stage) findIn(d *doc, text, norm string, tokens []pipeline.Token, credits map[string]bool, useTagger bool, collect *[]Proposal) (*doc, []pipeline.Mention) {
	if norm == "" {
		norm = text
	}
	d.reset(s.g, text, norm, tokens)
	d.noCoref = s.off["coref"]
	d.credits = credits
	d.matchLexicon()
	if s.off["gazetteer"] {
		d.dropLexiconPeople()
	} else if !s.off["discovery"] {
		d.extendLexiconNames()
	}
	d.markPseudonyms()
	if !s.off["discovery"] {
		d.discoverDotted() // before compounds: 薇诺娜·瑞德 is not Sweden and Germany
	}
	d.discoverOutlets() // before compounds: 《朝日晚报》 is not Korea and Japan
	d.matchAbbr()
	d.matchAbbrList()
	if !s.off["discovery"] {
		d.discoverJapanese()
		d.discoverGloss()
		d.discoverTitled()
		d.discoverSpeakers()
		d.discoverTitledAfter()
		d.discoverHeadlined()
		d.discoverCases()
		d.discoverHonorifics()
		d.discoverSurnamed()
		d.discoverAnonymised()
		d.discoverLatin()
		d.discoverHandles()
		d.discoverLists()
	}
	if useTagger && !s.off["tagger"] && (s.dec != nil || collect != nil) && !s.off["discovery"] {
		// Proposals the decision alone may keep: without it they stay out.
		d.discoverRoleSay()
		d.discoverLatinLoose()
	}
	if useTagger && !s.off["tagger"] {
		d.decide, d.collect = s.dec, collect
		d.tagNames(s.names, s.th, s.veto)
		d.decide, d.collect = nil, nil
	}
	d.extendRegnal()
	if !s.off["discovery"] {
		d.extendGlued()
		d.extendGiven()
		d.cutTrailing()
		d.dropGlossCountries()
	}
	d.unlinkDotted()
	return d, d.resolve(credits)
}

// Proposals returns the names the tagger and the discovery rules propose
// in a post (the segment stage's output), for fitting the decision: the
// rules' names are kept and the tagger's refused while they are
// collected, so each proposal is seen as the pipeline without the
// decision sees it.
func (s *Stage) Proposals(d *pipeline.Doc) []Proposal {
	if d.Post == nil || s.names == nil || s.off["tagger"] {
		return nil
	}
	var out []Proposal
	dd, _ := s.findCollect(d.Post.Text, d.Norm, d.Tokens, credits(d.Post), true, &out)
	// A made-up name is no person by the guide's rule, not by the
	// decision's: its spans teach the decision nothing.
	return slices.DeleteFunc(out, func(p Proposal) bool { return slices.Contains(dd.pseudKeys, p.Text) })
}

// WithDecision returns a copy of the stage that decides by m.
func (s *Stage) WithDecision(m *Decision) *Stage {
	c := *s
	c.dec = m
	return &c
}

// dropLexiconPeople forgets the gazetteer's people (an ablation).
func (d *doc) dropLexiconPeople() {
	kept := d.found[:0]
	for _, f := range d.found {
		if f.typ == "person" && f.ent != nil {
			for k := f.start; k < f.stop; k++ {
				d.covered[k] = false
			}
			continue
		}
		kept = append(kept, f)
	}
	d.found = kept
}
