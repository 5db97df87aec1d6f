package evaluate

import (
	"context"
	"fmt"
	"io"

	"github.com/newsnlp/newsnlp/pipeline"
)

// PeopleSetting is one way of making the people mentions (the name
// tagger's threshold and veto): its entity stage, run on the gold posts
// after the shipped pipeline's segmentation.
type PeopleSetting struct {
	Name  string
	Stage pipeline.Stage
}

// PeopleCV is the people F1 of choosing a setting on the gold: for each
// fold, the setting with the best F1 on the other folds, scored on that
// fold. The settings were chosen on the gold, so this, not the in-sample
// figure, is what to expect of posts the choice never saw.
type PeopleCV struct {
	// What is what was chosen or fitted on the other folds.
	What    string   `json:"what"`
	Folds   int      `json:"folds"`
	Chosen  []string `json:"chosen"` // per fold
	PerFold []scoreJ `json:"per_fold"`
	All     scoreJ   `json:"all"`
	// Register is the out-of-register sentences the decision learns from
	// (models/names/register.txt), each scored by the decision fitted
	// without its fold (sentence l in fold l mod Folds): person mentions,
	// exact spans.
	Register *scoreJ `json:"register,omitempty"`
	Settings []struct {
		Name     string `json:"name"`
		InSample scoreJ `json:"in_sample"`
	} `json:"settings"`
}

// crossValidatePeople scores every setting on every post and chooses per
// fold.
func crossValidatePeople(ctx context.Context, b *System, docs []*pipeline.Doc, posts []string, golds map[string]*goldDoc, settings []PeopleSetting, k int) (*PeopleCV, error) {
	// per[s][i]: the counts of setting s on post i.
	per := make([][]counts, len(settings))
	for s, st := range settings {
		per[s] = make([]counts, len(docs))
		for i, d := range docs {
			dd := *d
			dd.Mentions = nil
			if err := st.Stage.Process(ctx, &dd); err != nil {
				return nil, fmt.Errorf("%s: %s: %v", st.Name, posts[i], err)
			}
			sys := systemItems(b.Gazetteer, dd.Mentions)
			per[s][i], _, _ = matchItems(sys["people"], goldItemsOf(golds[posts[i]])["people"])
		}
	}
	fold := make([]int, len(docs))
	for i := range docs {
		fold[i] = foldOf(posts[i], k)
	}
	names := make([]string, len(settings))
	for s, st := range settings {
		names[s] = st.Name
	}
	return choosePerFold(per, fold, k, names), nil
}

// choosePerFold chooses, for each fold f, the setting s with the best F1
// of per[s] over the posts not in f (the first on ties) and adds up its
// counts on the posts of f. fold[i] is post i's fold.
func choosePerFold(per [][]counts, fold []int, k int, names []string) *PeopleCV {
	sum := func(s int, keep func(f int) bool) counts {
		var c counts
		for i, f := range fold {
			if keep(f) {
				c.add(per[s][i])
			}
		}
		return c
	}
	cv := &PeopleCV{What: "the name tagger's settings", Folds: k}
	var all counts
	for f := range k {
		best, bestF := 0, -1.0
		for s := range per {
			if _, _, f1 := sum(s, func(g int) bool { return g != f }).prf(); f1 > bestF {
				best, bestF = s, f1
			}
		}
		c := sum(best, func(g int) bool { return g == f })
		all.add(c)
		cv.Chosen = append(cv.Chosen, names[best])
		cv.PerFold = append(cv.PerFold, c.score())
	}
	cv.All = all.score()
	for s := range per {
		cv.Settings = append(cv.Settings, struct {
			Name     string `json:"name"`
			InSample scoreJ `json:"in_sample"`
		}{names[s], sum(s, func(int) bool { return true }).score()})
	}
	return cv
}

func (c counts) score() scoreJ {
	p, r, f := c.prf()
	return scoreJ{TP: c.tp, FP: c.fp, FN: c.fn, P: p, R: r, F1: f}
}

func printPeopleCV(w io.Writer, cv *PeopleCV) {
	if cv == nil {
		return
	}
	fmt.Fprintf(w, "\npeople cross-validated: %s chosen or fitted on %d folds, scored on the other\n", cv.What, cv.Folds-1)
	for _, s := range cv.Settings {
		fmt.Fprintf(w, "  %-40s in-sample P / R / F1  %.3f / %.3f / %.3f\n", s.Name, s.InSample.P, s.InSample.R, s.InSample.F1)
	}
	for f, s := range cv.PerFold {
		fmt.Fprintf(w, "  fold %d  chose %-40s P / R / F1  %.3f / %.3f / %.3f\n", f, cv.Chosen[f], s.P, s.R, s.F1)
	}
	fmt.Fprintf(w, "  cross-validated                                  P / R / F1  %.3f / %.3f / %.3f\n", cv.All.P, cv.All.R, cv.All.F1)
	if r := cv.Register; r != nil {
		fmt.Fprintf(w, "  register sentences, cross-validated (exact spans) P / R / F1  %.3f / %.3f / %.3f\n", r.P, r.R, r.F1)
	}
}
