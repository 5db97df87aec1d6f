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

	"github.com/newsnlp/newsnlp/pipeline"
)

// Stage is the entity stage. It is safe for concurrent use.
type Stage struct {
	g *Gazetteer
}

// New returns the stage over a gazetteer.
func New(g *Gazetteer) *Stage { return &Stage{g: g} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "entities" }

// Process implements pipeline.Stage: it sets d.Mentions. It needs the
// segment stage's Norm and Tokens.
func (s *Stage) Process(_ context.Context, d *pipeline.Doc) error {
	if d.Post == nil {
		return nil
	}
	d.Mentions = s.Find(d.Post.Text, d.Norm, d.Tokens, credits(d.Post))
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
	if norm == "" {
		norm = text
	}
	d := newDoc(s.g, text, norm, tokens)
	d.matchLexicon()
	d.discoverDotted()  // before compounds: 薇诺娜·瑞德 is not Sweden and Germany
	d.discoverOutlets() // before compounds: 《朝日晚报》 is not Korea and Japan
	d.matchAbbr()
	d.discoverGloss()
	d.discoverTitled()
	d.discoverSpeakers()
	d.discoverTitledAfter()
	d.discoverHeadlined()
	d.discoverCases()
	d.discoverHonorifics()
	d.discoverSurnamed()
	d.discoverLists()
	return d.resolve(credits)
}
