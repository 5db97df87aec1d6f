package quotes

import (
	"fmt"
	"github.com/newsnlp/newsnlp/pipeline"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestLexicalFeatures: the words around a candidate's naming and around
// the quote's marks, and the clause's words for nobody, reach the
// features in their simplified form, when training reads the words
// (trainWords); none when it does not, while their clusters still do.
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
	if !lexWords {
		words, clus := 0, 0
		for _, q := range candFeaturesOf(t, text, norm, toks, ms) {
			for _, fs := range q {
				for _, f := range fs {
					if strings.Contains(f, "lx_") {
						words++
					}
					if strings.Contains(f, "lc_") {
						clus++
					}
				}
			}
		}
		if words > 0 || clus == 0 {
			t.Errorf("the fits weigh no word: %d word features read, %d cluster features", words, clus)
		}
	}
	defer func(w bool) { trainWords = w }(trainWords)
	trainWords = true
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
// model (Model.valued), at every position of the test posts, both sides,
// asked twice in random order (the second time from the memo), and
// lexWordID's of every token's word from each position, whole and cut to
// one character. The shipped model weighs the words' clusters instead
// (lc_), so the model here weighs every other word of the test posts.
func TestLexID(t *testing.T) {
	posts := testPosts(t)
	var spec strings.Builder
	spec.WriteString("a_cue\t0.5\n")
	seen := map[string]bool{}
	for _, tp := range posts {
		d := newDoc(rulesOnly(), tp.text, tp.norm, tp.toks, tp.ms)
		for a := 0; a < len(d.norm); {
			_, e := d.tokenSpan(a)
			if w, ok := d.lexWord(nil, a, e); ok && !seen[string(w)] {
				seen[string(w)] = true
				if len(seen)%2 == 0 {
					for _, k := range lexValued {
						fmt.Fprintf(&spec, "%s%s\t0.25\n", valuedPrefixes[k], w)
					}
				}
			}
			a = e
		}
	}
	m, err := ReadModel(strings.NewReader(spec.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.lexWords) < 100 {
		t.Fatalf("the test model weighs %d words", len(m.lexWords))
	}
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

// TestClusterFeatures: the words at the lexical positions also give their
// clusters (models/clusters), and a rare word of a role gives its
// cluster for nobody as a frequent one of the same cluster does.
func TestClusterFeatures(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	w := loadClusters()
	if w == nil {
		t.Fatal("models/clusters/clusters.tsv does not parse")
	}
	chain(t, "")
	clusterOf := func(word string) string {
		f, ok := w.byWord[word]
		if !ok {
			t.Fatalf("%s has no cluster", word)
		}
		return w.names[w.gid(clusterLevels[0], f)]
	}
	text := "昨天，外交部長王毅對記者表示：“我們不會接受這個決定。”一位士兵说：“太可惜了，真的没有好一点。”他说。"
	norm := chainSeg.Normalize(text, "traditional")
	toks := chainSeg.Tokens(norm)
	ms := chainEnt.Find(text, norm, toks, nil)
	qs := candFeaturesOf(t, text, norm, toks, ms)
	if len(qs) < 2 || qs[0] == nil || qs[1] == nil {
		t.Fatalf("candidates %v", qs)
	}
	for _, want := range []string{"lc_next=" + clusterOf("对"), "lc_prev=" + clusterOf("外交部长"), "lc_qprev_near=" + clusterOf("："), "lc_qprev_near=" + clusterOf("：") + "|person"} {
		if !slices.Contains(qs[0]["王毅"], want) {
			t.Errorf("王毅: no %s in %v", want, qs[0]["王毅"])
		}
	}
	none := qs[1][""]
	for _, want := range []string{"none|lc_clause=" + clusterOf("士兵"), "none|lc_clause=" + clusterOf("说")} {
		if !slices.Contains(none, want) {
			t.Errorf("second quote's nobody: no %s in %v", want, none)
		}
	}
}

// TestParseClusters: the shipped file parses, every level of a word's
// path within its size, a word's coarser clusters those of its finest.
func TestParseClusters(t *testing.T) {
	w, err := parseClusters("# levels: 4 2; x\n甲\t0\t0\n乙\t3\t1\n")
	if err != nil {
		t.Fatal(err)
	}
	if f := w.byWord["乙"]; f != 3 || w.names[w.gid(1, f)] != "2:1" || w.names[w.gid(0, f)] != "4:3" {
		t.Errorf("乙: fine %d, names %v", f, w.names)
	}
	for _, bad := range []string{"甲\t0\n", "# levels: 2\n甲\t2\n", "# levels: 2 1\n甲\t0\n"} {
		if _, err := parseClusters(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	if loadClusters() == nil || len(loadClusters().byWord) < 10000 {
		t.Errorf("the shipped clusters do not parse or hold few words")
	}
}

// TestClusterAt: the clusters read once per position (clusterAt) are
// those clusterOf reads of lexAfter's and lexBefore's words, at every
// position of the test posts, both sides, asked twice in random order
// (the second time from the memo).
func TestClusterAt(t *testing.T) {
	posts := testPosts(t)
	s := rulesOnly()
	s.UseWords(chainSeg)
	r := rand.New(rand.NewPCG(1, 2))
	found := 0
	for _, tp := range posts {
		d := newDoc(s, tp.text, tp.norm, tp.toks, tp.ms)
		var asks [][2]int
		for i := 0; i <= len(d.norm); i++ {
			asks = append(asks, [2]int{lexSideAfter, i}, [2]int{lexSideBefore, i})
		}
		asks = append(asks, asks...)
		r.Shuffle(len(asks), func(i, j int) { asks[i], asks[j] = asks[j], asks[i] })
		for _, ask := range asks {
			side, i := ask[0], ask[1]
			a, b := d.lexAfter(i)
			if side == lexSideBefore {
				a, b = d.lexBefore(i)
			}
			wf, wok := d.clusterOf(a, b)
			gf, gok := d.clusterAt(side, i)
			if wok != gok || wok && wf != gf {
				t.Fatalf("%s: side %d at %d: clusterAt %d %v, clusterOf %d %v", tp.name, side, i, gf, gok, wf, wok)
			}
			if gok {
				found++
			}
		}
	}
	if found == 0 {
		t.Error("no word with a cluster")
	}
}
