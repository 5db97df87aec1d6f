package evaluate

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsnlp/newsnlp/models/names"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
)

// decisionData is the proposed names of the gold posts, labelled by the
// gold: a proposal is a person when its text is a form of one of the
// post's people.
type decisionData struct {
	ex   [][]entities.DecisionExample // per post
	gold string                       // checksum of the gold files
	// reg are the proposals in the out-of-register sentences
	// (models/names/register.txt), per sentence, labelled by their marked
	// names: every fit learns from them too. regDocs and regNames are the
	// sentences and their names, for scoring them cross-validated.
	reg      [][]entities.DecisionExample
	regDocs  []*pipeline.Doc
	regNames []map[[2]int]bool
}

func newDecisionData(b *System, st *entities.Stage, docs []*pipeline.Doc, posts []string, golds map[string]*goldDoc) (*decisionData, error) {
	dd := &decisionData{ex: make([][]entities.DecisionExample, len(docs))}
	h := sha256.New()
	reg, err := io.ReadAll(names.Register())
	if err != nil {
		return nil, err
	}
	lines, err := entities.ReadRegister(bytes.NewReader(reg))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(h, "register %d\n", len(reg))
	h.Write(reg)
	for _, l := range lines {
		norm := b.Segmenter.Normalize(l.Text, "simplified")
		d := &pipeline.Doc{Post: &pipeline.Post{Text: l.Text}, Norm: norm, Tokens: b.Segmenter.Tokens(norm)}
		gold := map[[2]int]bool{}
		for _, n := range l.Names {
			gold[n] = true
		}
		var ex []entities.DecisionExample
		for _, p := range st.Proposals(d) {
			ex = append(ex, entities.DecisionExample{Features: p.Features, Person: gold[[2]int{p.Start, p.Stop}]})
		}
		dd.reg = append(dd.reg, ex)
		dd.regDocs = append(dd.regDocs, d)
		dd.regNames = append(dd.regNames, gold)
	}
	for i, d := range docs {
		for _, f := range []string{posts[i], strings.TrimSuffix(posts[i], ".md") + ".json"} {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(h, "%s %d\n", filepath.Base(f), len(b))
			h.Write(b)
		}
		forms := map[string]bool{}
		for _, it := range goldItemsOf(golds[posts[i]])["people"] {
			for f := range it.forms {
				forms[f] = true
			}
		}
		props := st.Proposals(d)
		same := map[string]int{}
		for _, p := range props {
			same[p.Text]++
		}
		for _, p := range props {
			n := normForm(p.Text)
			dd.ex[i] = append(dd.ex[i], entities.DecisionExample{Features: p.Features, Person: forms[n] || forms[strings.ReplaceAll(n, "·", "")], Weight: 1 / float64(same[p.Text])})
		}
	}
	dd.gold = hex.EncodeToString(h.Sum(nil))[:16]
	return dd, nil
}

// fit fits the decision on the posts keep accepts and the register
// sentences keepReg accepts.
func (dd *decisionData) fit(keep, keepReg func(i int) bool, o entities.DecisionFit) (*entities.Decision, error) {
	var ex []entities.DecisionExample
	w := o.RegisterWeight
	if w <= 0 {
		w = 1
	}
	for l, e := range dd.reg {
		if keepReg(l) {
			for _, x := range e {
				x.Weight = w
				ex = append(ex, x)
			}
		}
	}
	for i, e := range dd.ex {
		if keep(i) {
			ex = append(ex, e...)
		}
	}
	o.Gold = dd.gold
	return entities.FitDecision(ex, o)
}

// registerCounts runs st on the register sentence l and counts its person
// mentions against the marked names, exact spans.
//
// errs, when not nil, receives the sentence's misses and false names.
func (dd *decisionData) registerCounts(ctx context.Context, st pipeline.Stage, l int, errs io.Writer) (counts, error) {
	d := *dd.regDocs[l]
	d.Mentions = nil
	if err := st.Process(ctx, &d); err != nil {
		return counts{}, err
	}
	var c counts
	got := map[[2]int]bool{}
	for _, m := range d.Mentions {
		if m.Type != "person" {
			continue
		}
		k := [2]int{m.Start, m.Stop}
		got[k] = true
		if dd.regNames[l][k] {
			c.tp++
		} else {
			c.fp++
			if errs != nil {
				fmt.Fprintf(errs, "register %d\tfalse\t%s\t%s\t%s\n", l, m.Surface, m.Method, spanContext(d.Norm, m.Start, m.Stop))
			}
		}
	}
	for k := range dd.regNames[l] {
		if !got[k] {
			c.fn++
			if errs != nil {
				fmt.Fprintf(errs, "register %d\tmiss\t%s\t\t%s\n", l, string([]rune(d.Norm)[k[0]:k[1]]), spanContext(d.Norm, k[0], k[1]))
			}
		}
	}
	return c, nil
}

// peopleCounts runs the entity stage st on the post and matches its
// people with the gold's.
func peopleCounts(ctx context.Context, b *System, st pipeline.Stage, d *pipeline.Doc, g *goldDoc) (counts, error) {
	c, _, err := peopleCountsDoc(ctx, b, st, d, g)
	return c, err
}

// peopleCountsDoc is peopleCounts, with the post as st found its mentions.
func peopleCountsDoc(ctx context.Context, b *System, st pipeline.Stage, d *pipeline.Doc, g *goldDoc) (counts, *pipeline.Doc, error) {
	dd := *d
	dd.Mentions = nil
	if err := st.Process(ctx, &dd); err != nil {
		return counts{}, nil, err
	}
	c, _, _ := matchItems(systemItems(b.Gazetteer, dd.Mentions)["people"], goldItemsOf(g)["people"])
	return c, &dd, nil
}

// crossValidateDecision fits the decision over proposed names on all
// folds but one and scores the people of that one, for each fold.
//
// It also returns the posts with the mentions of their fold's decision
// (cross-fitted): the speaker model's cross-validation reads those, so
// that no post's candidates come from a decision fitted on its own people.
//
// errs, when not nil, receives the held-out misses and false people, one
// a line: post or register sentence, "miss" or "false", the name, and for a
// false one the methods of its mentions.
func crossValidateDecision(ctx context.Context, b *System, st *entities.Stage, docs []*pipeline.Doc, posts []string, golds map[string]*goldDoc, k int, o entities.DecisionFit, errs io.Writer) (*PeopleCV, []*pipeline.Doc, error) {
	dd, err := newDecisionData(b, st, docs, posts, golds)
	if err != nil {
		return nil, nil, err
	}
	crossFitted := make([]*pipeline.Doc, len(docs))
	fold := make([]int, len(docs))
	for i := range docs {
		fold[i] = foldOf(posts[i], k)
	}
	cv := &PeopleCV{What: "the decision over proposed names", Folds: k}
	var all, in, reg counts
	for f := range k {
		// Register sentence l is in fold l mod k, as a post is.
		m, err := dd.fit(func(i int) bool { return fold[i] != f }, func(l int) bool { return l%k != f }, o)
		if err != nil {
			return nil, nil, err
		}
		fs := st.WithDecision(m)
		for l := range dd.reg {
			if l%k == f {
				c, err := dd.registerCounts(ctx, fs, l, errs)
				if err != nil {
					return nil, nil, err
				}
				reg.add(c)
			}
		}
		var c counts
		for i, d := range docs {
			if fold[i] != f {
				continue
			}
			pc, cd, err := peopleCountsDoc(ctx, b, fs, d, golds[posts[i]])
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %v", posts[i], err)
			}
			if errs != nil {
				writePeopleErrors(errs, filepath.Base(posts[i]), b, cd, golds[posts[i]])
			}
			c.add(pc)
			crossFitted[i] = cd
		}
		all.add(c)
		cv.Chosen = append(cv.Chosen, fmt.Sprintf("decision fitted on the other folds (%d weights)", m.Weights()))
		cv.PerFold = append(cv.PerFold, c.score())
	}
	cv.All = all.score()
	rs := reg.score()
	cv.Register = &rs
	m, err := dd.fit(func(int) bool { return true }, func(int) bool { return true }, o)
	if err != nil {
		return nil, nil, err
	}
	fs := st.WithDecision(m)
	for i, d := range docs {
		pc, err := peopleCounts(ctx, b, fs, d, golds[posts[i]])
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", posts[i], err)
		}
		in.add(pc)
	}
	cv.Settings = append(cv.Settings, struct {
		Name     string `json:"name"`
		InSample scoreJ `json:"in_sample"`
	}{"decision fitted on every fold", in.score()})
	return cv, crossFitted, nil
}

// TrainPeople fits the decision over proposed names on every gold post:
// the shipped models/names/decision.tsv. st is the entity stage whose
// proposals it learns from (the tagger's and the rules'). It returns the
// model and the number of proposals it learnt from.
func TrainPeople(ctx context.Context, dir string, sys System, st *entities.Stage, o entities.DecisionFit) (*entities.Decision, int, error) {
	g, err := runGold(ctx, dir, sys)
	if err != nil {
		return nil, 0, err
	}
	dd, err := newDecisionData(&sys, st, g.docs, g.posts, g.golds)
	if err != nil {
		return nil, 0, err
	}
	n := 0
	for _, e := range dd.reg {
		n += len(e)
	}
	for _, e := range dd.ex {
		n += len(e)
	}
	m, err := dd.fit(func(int) bool { return true }, func(int) bool { return true }, o)
	return m, n, err
}

// spanContext is the text around the code points [a, b) with the span in
// brackets.
func spanContext(text string, a, b int) string {
	norm := []rune(text)
	lo, hi := max(a-8, 0), min(b+8, len(norm))
	return strings.ReplaceAll(string(norm[lo:a])+"["+string(norm[a:b])+"]"+string(norm[b:hi]), "\n", " ")
}

// writePeopleErrors writes the post's misses and false people as
// crossValidateDecision's errs wants them.
func writePeopleErrors(w io.Writer, post string, b *System, d *pipeline.Doc, g *goldDoc) {
	_, miss, falses := matchItems(systemItems(b.Gazetteer, d.Mentions)["people"], goldItemsOf(g)["people"])
	for _, m := range miss {
		fmt.Fprintf(w, "%s\tmiss\t%s\t\t\n", post, m)
	}
	for _, f := range falses {
		methods, around := map[string]bool{}, ""
		var ms []string
		for _, m := range d.Mentions {
			if m.Type == "person" && m.Name == f {
				if !methods[m.Method] {
					methods[m.Method] = true
					ms = append(ms, m.Method)
				}
				if around == "" {
					around = spanContext(d.Norm, m.Start, m.Stop)
				}
			}
		}
		fmt.Fprintf(w, "%s\tfalse\t%s\t%s\t%s\n", post, f, strings.Join(ms, ","), around)
	}
}
