package quotes

import (
	"context"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// TestPseudonymSpeaksForNobody: the words of a name the post marks as made
// up are nobody's (the gold guide), with the rule column saying why, and a
// made-up name still takes the quotes it speaks from the people around it
// (工厂员工李玲（化名）告诉记者 is not 王明's, named before).
func TestPseudonymSpeaksForNobody(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	text := "律师王明说：“法院应当公开审理此案。”\n工厂员工李玲（化名）告诉记者：“我们每天工作十二个小时，没有休息。”她说，“工资也很低，生活很困难。”\n外交部发言人汪文斌说：“中方坚决反对美方的错误做法。”"
	norm, toks, _ := chain(t, text)
	ms, pseud := chainEnt.FindAll(text, norm, toks, nil)
	if len(pseud) != 1 || pseud[0].Surface != "李玲" {
		t.Fatalf("pseudonyms %+v, want 李玲", pseud)
	}
	for _, withModel := range []bool{true, false} {
		s := New()
		if !withModel {
			s = rulesOnly()
		}
		d := &pipeline.Doc{ID: "d", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms, Pseudonyms: pseud}
		if err := s.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"法院应当公开审理此案。": "王明", "我们每天工作十二个小时，没有休息。": "", "工资也很低，生活很困难。": "", "中方坚决反对美方的错误做法。": "汪文斌"}
		for _, q := range d.Quotes {
			w, ok := want[q.Text]
			if !ok {
				continue
			}
			delete(want, q.Text)
			if q.Speaker != w {
				t.Errorf("model %v: %q by %q (%s), want %q", withModel, q.Text, q.Speaker, q.Rule, w)
			}
			if w == "" && (q.SpeakerType != "unknown" || q.SpeakerEntityID != "" || !strings.HasSuffix(q.Rule, ";pseudonym")) {
				t.Errorf("model %v: %q: %+v, want nobody by rule pseudonym", withModel, q.Text, q)
			}
		}
		if len(want) > 0 {
			t.Errorf("model %v: quotes not found: %v", withModel, want)
		}
	}
}
