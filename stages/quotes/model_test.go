package quotes

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/newsnlp/newsnlp/pipeline"
)

// toyExamples are quotes whose right speaker is the candidate with "cue",
// else nobody: a model must learn to prefer it.
func toyExamples() []Example {
	var ex []Example
	for i := range 40 {
		none := Candidate{Type: "unknown", Features: []string{"none"}}
		a := Candidate{Surface: "甲", Type: "person", Features: []string{"cand", "far"}}
		b := Candidate{Surface: "乙", Type: "person", Features: []string{"cand", "cue"}}
		if i%4 == 0 {
			ex = append(ex, Example{Cands: []Candidate{none, a}, Gold: []int{0}})
			continue
		}
		ex = append(ex, Example{Cands: []Candidate{none, a, b}, Gold: []int{2}})
	}
	return ex
}

func TestFitLearnsAndIsDeterministic(t *testing.T) {
	o := FitOptions{L2: 0.1, MinCount: 1, Gold: "toy"}
	m1, err := Fit(toyExamples(), o)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := Fit(toyExamples(), o)
	var b1, b2 bytes.Buffer
	m1.WriteTo(&b1)
	m2.WriteTo(&b2)
	if b1.String() != b2.String() {
		t.Fatalf("two fits differ:\n%s\n%s", b1.String(), b2.String())
	}
	ex := toyExamples()
	if best, p := m1.Rank(ex[1].Cands); best != 2 || p[2] < 0.5 {
		t.Errorf("best %d p %v, want the candidate with the cue", best, p)
	}
	if best, _ := m1.Rank(ex[0].Cands); best != 0 {
		t.Errorf("best %d, want nobody when no candidate has a cue", best)
	}
	// The file reads back to the same model.
	m3, err := ReadModel(strings.NewReader(b1.String()))
	if err != nil {
		t.Fatal(err)
	}
	if m3.Gold != "toy" || m3.Score(ex[1].Cands[2]) != m1.Score(ex[1].Cands[2]) {
		t.Errorf("read back: gold %q score %v vs %v", m3.Gold, m3.Score(ex[1].Cands[2]), m1.Score(ex[1].Cands[2]))
	}
	if m3.Checksum() == "" {
		t.Error("no checksum")
	}
}

func TestReadModelErrors(t *testing.T) {
	for _, bad := range []string{"", "# only a comment\n", "f\tnot-a-number\n", "no tab\n", "f\tNaN\n"} {
		if _, err := ReadModel(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestShippedModel checks that the embedded model loads and that Apply
// writes what the quotes table promises: a probability as the confidence,
// the rule and the model's features in the rule column.
func TestShippedModel(t *testing.T) {
	s := New()
	if s.model == nil {
		t.Fatal("the embedded speaker model did not load")
	}
	text := "王毅表示：“中方坚决反对。”"
	ms := []pipeline.Mention{mention(text, "王毅", "person:wang-yi")}
	qs := s.Find("doc", text, "", nil, ms)
	if len(qs) != 1 {
		t.Fatalf("quotes %+v", qs)
	}
	q := qs[0]
	if q.Speaker != "王毅" || q.Confidence <= 0.5 || q.Confidence > 1 || !strings.HasPrefix(q.Rule, "colon;model:") && !strings.HasPrefix(q.Rule, "cue-before;model:") {
		t.Errorf("quote %+v", q)
	}
	// Candidates: nobody, and 王毅 with the rules' choice among its features.
	_, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: text, Mentions: ms})
	if len(cands) != 1 || len(cands[0]) < 2 || !cands[0][0].None() {
		t.Fatalf("candidates %+v", cands)
	}
	found := false
	for _, c := range cands[0] {
		if c.Surface == "王毅" {
			for _, f := range c.Features {
				found = found || f == "rule"
			}
		}
	}
	if !found {
		t.Errorf("王毅 is not a candidate marked as the rules' choice: %+v", cands[0])
	}
}

// TestScoringAsItGoes checks that the stage, which scores candidates
// without keeping their features, chooses as Apply does over the features.
func TestScoringAsItGoes(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	s := New()
	for _, text := range []string{
		"美国国务卿布林肯7月在印尼会晤中共外长王毅后表示：“中方必须遵守承诺。”王毅则说，“美方应停止干涉。”\n“我们不会让步，”他说。",
		"白宫表示：“总统已听取汇报。”该声明说：“总统感谢现场应急人员的杰出努力。”",
		"她在接受采访时说：“我很高兴。”艾梅柏·希尔德表示，自己忍受了“太多的情感、言语及肢体虐待”。",
	} {
		norm, toks, ms := chain(t, text)
		d := &pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms}
		want, cands := s.Candidates(d)
		Apply(s.model, want, cands)
		got := s.Find("doc", text, norm, toks, ms)
		sameAsApply(t, got, want)
	}
}

func TestFitSkipsUnwritableFeatures(t *testing.T) {
	ex := toyExamples()
	for i := range ex {
		ex[i].Cands[len(ex[i].Cands)-1].Features = append(ex[i].Cands[len(ex[i].Cands)-1].Features, "bad\nfeature", "bad\tone")
	}
	m, err := Fit(ex, FitOptions{L2: 1, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	m.WriteTo(&b)
	if _, err := ReadModel(&b); err != nil {
		t.Errorf("a fitted model does not read back: %v", err)
	}
}

func TestIsSentenceEnd(t *testing.T) {
	// Every code point (and a few beyond): the switch has a fast path.
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if got, want := isSentenceEnd(r), strings.ContainsRune(sentenceEnds, r); got != want {
			t.Errorf("isSentenceEnd(%q) = %v, want %v", r, got, want)
		}
	}
}

// sameAsApply fails t unless the stage's quotes got are Apply's want.
func sameAsApply(t *testing.T, got, want []pipeline.Quote) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d quotes, Apply %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("quote %d: stage %+v, Apply %+v", i, got[i], want[i])
		}
	}
}
