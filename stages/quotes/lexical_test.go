package quotes

import (
	"github.com/newsnlp/newsnlp/pipeline"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestLexicalFeatures: the words around a candidate's naming and around
// the quote's marks, and the clause's words for nobody, reach the
// features in their simplified form.
func TestLexicalFeatures(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	text := "昨天，外交部長王毅對記者表示：“我們不會接受這個決定。”一位网友写道：“太可惜了，真的没有好一点。”他说。"
	chain(t, "") // loads the segmenter and the entity stage
	// The post in traditional script: the features read the simplified.
	norm := chainSeg.Normalize(text, "traditional")
	toks := chainSeg.Tokens(norm)
	ms := chainEnt.Find(text, norm, toks, nil)
	qs := candFeaturesOf(t, text, norm, toks, ms)
	if len(qs) < 2 || qs[0] == nil || qs[1] == nil {
		t.Fatalf("candidates %v", qs)
	}
	var lex []string
	for _, f := range qs[0]["王毅"] {
		if strings.HasPrefix(f, "lx_") && !strings.Contains(f, "|") {
			lex = append(lex, f)
		}
	}
	for _, want := range []string{"lx_next=对", "lx_prev=外交部长", "lx_qprev_near=：", "lx_qnext_near=一位"} {
		if !slices.Contains(lex, want) {
			t.Errorf("王毅: no %s in %v", want, lex)
		}
	}
	if !slices.Contains(qs[0]["王毅"], "lx_next=对|person") {
		t.Errorf("王毅: no lx_next=对|person in %v", qs[0]["王毅"])
	}
	none := qs[1][""]
	for _, want := range []string{"none|lx_clause=一位", "none|lx_clause=网友", "none|lx_clause=写道"} {
		if !slices.Contains(none, want) {
			t.Errorf("second quote's nobody: no %s in %v", want, none)
		}
	}
}

// TestLexicalScoringAsItGoes: with a model that weighs words, the stage
// (which finds each word's entry by its value) chooses as Apply does over
// the features' names.
func TestLexicalScoringAsItGoes(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	texts := []string{
		"美国国务卿布林肯7月在印尼会晤中共外长王毅后表示：“中方必须遵守承诺。”王毅则说，“美方应停止干涉。”\n“我们不会让步，”他说。",
		"一位网友写道：“太可惜了，真的没有好一点。”外交部长王毅对记者表示：“我们不会接受这个决定。”据王毅介绍，“双方已经谈妥。”",
		"她在接受采访时说：“我很高兴。”艾梅柏·希尔德表示，自己忍受了“太多的情感、言语及肢体虐待”。",
	}
	var ex []Example
	var docs []*pipeline.Doc
	for _, text := range texts {
		norm, toks, ms := chain(t, text)
		d := &pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms}
		docs = append(docs, d)
		_, cands := rulesOnly().Candidates(d)
		for _, cs := range cands {
			// The last candidate as the gold: words weigh for it.
			if len(cs) > 1 {
				ex = append(ex, Example{Cands: cs, Gold: []int{len(cs) - 1}})
			}
		}
	}
	m, err := Fit(ex, FitOptions{L2: 0.1, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	lex := 0
	for f := range m.w {
		if isLexical(f) {
			lex++
		}
	}
	if lex < 10 {
		t.Fatalf("%d lexical weights: the test would not test them", lex)
	}
	s := NewWithModel(m)
	for _, d := range docs {
		want, cands := s.Candidates(d)
		Apply(m, want, cands)
		got := s.Find("doc", d.Post.Text, d.Norm, d.Tokens, d.Mentions)
		sameAsApply(t, got, want)
	}
}

// TestLexID: the entries found through the words' numbers read once per
// position (lexID, lexEntry) are those the words' strings look up in the
// shipped model (Model.valued), at every position of the test posts, both
// sides, asked twice in random order (the second time from the memo), and
// lexWordID's of every token's word from each position, whole and cut to
// one character.
func TestLexID(t *testing.T) {
	m := New().model
	if m == nil || len(m.lexWords) == 0 {
		t.Skip("no lexical features in the shipped model")
	}
	posts := testPosts(t)
	rnd := rand.New(rand.NewPCG(7, 8))
	found := 0
	for _, tp := range posts {
		d := newDoc(rulesOnly(), tp.text, tp.norm, tp.toks, tp.ms)
		d.attribute()
		fs := &featSink{m: m}
		want := func(a, b int) string {
			w, ok := d.lexWord(nil, a, b)
			if !ok {
				return "\x00"
			}
			return string(w)
		}
		n := len(d.norm)
		for range 2 {
			for _, i := range rnd.Perm(2 * (n + 1)) {
				side, i := i%2, i/2
				a, b := d.lexAfter(i)
				if side == lexSideBefore {
					a, b = d.lexBefore(i)
				}
				w := want(a, b)
				id := d.lexID(fs, side, i)
				for _, k := range lexValued {
					exp := m.valued[k][w]
					if got := m.lexEntry(k, id); got != exp {
						t.Fatalf("%s: side %d at %d (%q), feature %s: entry %p, want %p", tp.name, side, i, w, valuedPrefixes[k], got, exp)
					}
					if exp != nil {
						found++
					}
				}
			}
		}
		for a := 0; a < n; a++ {
			_, e := d.tokenSpan(a)
			for _, b := range []int{e, min(e, a+1)} {
				w := want(a, b)
				for _, k := range lexValued {
					if got, exp := m.lexEntry(k, max(0, d.lexWordID(fs, a, b))), m.valued[k][w]; got != exp {
						t.Fatalf("%s: word [%d, %d) (%q), feature %s: entry %p, want %p", tp.name, a, b, w, valuedPrefixes[k], got, exp)
					}
				}
			}
		}
	}
	if found == 0 {
		t.Error("no word of the test posts weighs")
	}
}
