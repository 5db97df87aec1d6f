package main

import (
	"github.com/newsnlp/newsnlp/cmd/internal/setup"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
	"github.com/newsnlp/newsnlp/stages/keywords"
	"github.com/newsnlp/newsnlp/stages/segment"
	"github.com/newsnlp/newsnlp/stages/write"
)

// modelOptions are the user's own lists and models (see setup.ModelOptions,
// shared with newsnlp-beam).
type modelOptions = setup.ModelOptions

// built is a loaded set of stages (see setup.Build).
type built struct {
	gaz    *entities.Gazetteer
	seg    *segment.Segmenter
	kw     *keywords.Stage
	names  *tagger.Model
	stages []pipeline.Stage
	sums   map[string]string
	b      *setup.Built
}

// buildStages returns the pipeline's stages in order, and the gazetteer;
// the process builds each configuration once.
func buildStages(m modelOptions) (*built, error) {
	b, err := setup.Build(m)
	if err != nil {
		return nil, err
	}
	return &built{gaz: b.Gaz, seg: b.Seg, kw: b.KW, names: b.Names, stages: b.Stages, sums: b.Sums, b: b}, nil
}

// entityInfo describes a lexicon entity for the entities table.
func (b *built) entityInfo(id string) (write.EntityInfo, bool) { return b.b.EntityInfo(id) }
