package evaluate

import (
	"context"
	"fmt"

	"github.com/newsnlp/newsnlp/pipeline"
)

// heldoutApart refuses held-out posts that are also training posts (the
// extra annotations): a model fitted on a post would be scored on it.
func heldoutApart(held, train *Extra) error {
	if held == nil || train == nil {
		return nil
	}
	in := map[string]bool{}
	for _, p := range train.Posts {
		in[p.File] = true
	}
	for _, p := range held.Posts {
		if in[p.File] {
			return fmt.Errorf("held-out post %s is also a training post (extra annotations)", p.File)
		}
	}
	return nil
}

// scoreHeldout scores the quotes as the run gives them (the shipped
// speaker model, or --speaker-model's) on annotated corpus posts that no
// fit, choice of trees or rule was made on: what the issue's
// posts-nobody-tuned-for measure stands for, without the refits of
// cross-validation. Its rows: all the held-out posts, then per round and
// per archive.
func scoreHeldout(ctx context.Context, sys System, sd *speakerData, held *Extra) ([]speakerEval, error) {
	g, err := runExtra(ctx, *held, sys)
	if err != nil {
		return nil, fmt.Errorf("held-out posts: %w", err)
	}
	hd := &speakerData{gaz: sd.gaz, rules: sd.rules}
	hd.addExtra(g, held.Posts)
	asRun := func(p *speakerPost) []pipeline.Quote { return p.doc.Quotes }
	ev := hd.scoreSpeakersOn(fmt.Sprintf("held-out posts (%d), model as run", len(hd.posts)), 0, isExtra, asRun)
	ev.HeldOut = true
	evs := []speakerEval{ev}
	for _, r := range hd.extraRounds() {
		evs = append(evs, hd.scoreSpeakersOn(fmt.Sprintf("  held-out round %d", r), 0, func(p *speakerPost) bool {
			return p.gold.round == r
		}, asRun))
	}
	for _, a := range hd.extraArchives() {
		evs = append(evs, hd.scoreSpeakersOn("  held-out archive "+a, 0, func(p *speakerPost) bool {
			return archiveOf(p.gold.File) == a
		}, asRun))
	}
	return evs, nil
}
