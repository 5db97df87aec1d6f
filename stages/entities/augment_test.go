package entities

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
)

// TestAugment checks the clauses with generated names: every lexicon name
// of a clause replaced, the new names labelled B…E, the rest O, the same
// examples for the same post, and names drawn from the given lists.
func TestAugment(t *testing.T) {
	st, seg := setup(t)
	names := []string{"张小华", "李建国", "王芳", "欧阳明月", "伦科夫", "乌斯曼"}
	aug, err := NewStage(st.g, StageOptions{Augment: &Augment{Segment: seg.Tokens, Names: names}})
	if err != nil {
		t.Fatal(err)
	}
	text := "美国国务卿布林肯说，王毅和秦刚会见了他。今天天气很好。"
	norm := seg.Normalize(text, "simplified")
	d := &pipeline.Doc{ID: "post-1", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: seg.Tokens(norm)}
	exs := aug.NameExamples(d)
	base := st.NameExamples(d)
	if len(exs) <= len(base) {
		t.Fatalf("%d examples with augmentation, %d without", len(exs), len(base))
	}
	again := aug.NameExamples(d)
	generated := 0
	for k, ex := range exs {
		s := string(ex.In.Runes)
		if s != string(again[k].In.Runes) || !slices.Equal(ex.Labels, again[k].Labels) {
			t.Errorf("example %d differs between two calls: %s / %s", k, s, string(again[k].In.Runes))
		}
		if len(ex.Labels) != len(ex.In.Runes) || len(ex.In.Class) != len(ex.In.Runes) {
			t.Fatalf("example %d: %d labels, %d classes for %d characters", k, len(ex.Labels), len(ex.In.Class), len(ex.In.Runes))
		}
		if strings.Contains(text, s) {
			continue
		}
		generated++
		var spans []string
		for i := 0; i < len(ex.Labels); i++ {
			if ex.Labels[i] == tagger.B {
				j := i
				for ex.Labels[j] != tagger.E {
					j++
				}
				spans = append(spans, string(ex.In.Runes[i:j+1]))
				i = j
			}
		}
		t.Logf("%s: %v", s, spans)
		if len(spans) != 3 {
			t.Errorf("%s: names %v, want three", s, spans)
		}
		for _, n := range spans {
			if strings.Contains("布林肯王毅秦刚", n) {
				t.Errorf("%s: %s not replaced", s, n)
			}
		}
		if !strings.HasSuffix(s, "会见了他。") || !strings.HasPrefix(s, "美国国务卿") {
			t.Errorf("%s: the rest of the clause changed", s)
		}
	}
	if generated != 1 {
		t.Errorf("%d clauses with generated names, want 1", generated)
	}
}

// TestNameExamplesUnknown checks what distant supervision does with a
// name-like stretch no source explains (陈春秀): by default its clause is
// dropped; with MaskUnknown the clause is kept with the stretch left out
// of the loss, while the lexicon's name keeps its labels and the rest of
// the clause is O.
func TestNameExamplesUnknown(t *testing.T) {
	st, seg := setup(t)
	text := "王毅访问时，一位农家女陈春秀站出来讲了自己被冒名顶替的经历。"
	norm := seg.Normalize(text, "simplified")
	d := &pipeline.Doc{ID: "post-1", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: seg.Tokens(norm)}
	if exs := st.NameExamples(d); len(exs) != 0 {
		t.Fatalf("%d examples without MaskUnknown, want the clause dropped", len(exs))
	}
	masked, err := NewStage(st.g, StageOptions{MaskUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	exs := masked.NameExamples(d)
	if len(exs) != 1 {
		t.Fatalf("%d examples, want 1", len(exs))
	}
	var b strings.Builder
	for i, r := range exs[0].In.Runes {
		switch exs[0].Labels[i] {
		case tagger.Unknown:
			b.WriteString("{" + string(r) + "}")
		case tagger.O:
			b.WriteRune(r)
		default:
			b.WriteString("[" + string(r) + "]")
		}
	}
	if got, want := b.String(), "[王][毅]访问时，一位农家女{陈}{春}{秀}站出来讲了自己被冒名顶替的经历。"; got != want {
		t.Errorf("labels\n got %s\nwant %s", got, want)
	}
}
