package quotes

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// hasFeature reports whether a candidate named surface has feature f.
func hasFeature(cs []Candidate, surface, f string) bool {
	for _, c := range cs {
		if c.Surface == surface && slices.Contains(c.Features, f) {
			return true
		}
	}
	return false
}

// TestDeciderFeedsLaterQuotes checks that the speakers a Decider chooses
// are what later quotes see as the previous speaker: the rules' without
// one, nobody's when it chooses nobody, and its own otherwise.
func TestDeciderFeedsLaterQuotes(t *testing.T) {
	text := "王毅表示：“中方坚决反对。”布林肯说：“美方不同意。”\n“我们会继续沟通。”"
	ms := []pipeline.Mention{mention(text, "王毅", "person:wang-yi"), mention(text, "布林肯", "person:blinken")}
	d := &pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: text, Mentions: ms}
	s := rulesOnly()
	qs, rules, _ := s.Examples(d, nil)
	if len(qs) != 3 || len(rules[2]) == 0 {
		t.Fatalf("quotes %+v candidates %d", qs, len(rules))
	}
	if !hasFeature(rules[2], "布林肯", "prev1") {
		t.Errorf("the rules' speaker of quote 2 is not quote 3's prev1: %+v", rules[2])
	}
	_, same, _ := s.ExamplesWith(d, nil, func(int, []Candidate) int { return -1 })
	for i := range rules {
		for k := range rules[i] {
			if !slices.Equal(rules[i][k].Features, same[i][k].Features) {
				t.Fatalf("a Decider keeping the rules' speakers changed quote %d's candidate %d", i, k)
			}
		}
	}
	_, none, _ := s.ExamplesWith(d, nil, func(int, []Candidate) int { return 0 })
	for _, c := range none[2] {
		for _, f := range c.Features {
			if strings.HasPrefix(f, "prev") || strings.HasPrefix(f, "quoted=") && !strings.HasPrefix(f, "quoted=0") {
				t.Errorf("nobody spoke before, yet %s has %s", c.Surface, f)
			}
		}
	}
	var seen []int
	_, wang, _ := s.ExamplesWith(d, nil, func(qi int, cs []Candidate) int {
		seen = append(seen, qi)
		return slices.IndexFunc(cs, func(c Candidate) bool { return c.Surface == "王毅" })
	})
	if !hasFeature(wang[2], "王毅", "prev1") || hasFeature(wang[2], "布林肯", "prev1") {
		t.Errorf("王毅 chosen for quotes 1 and 2 is not quote 3's prev1: %+v", wang[2])
	}
	if !slices.Equal(seen, []int{0, 1, 2}) {
		t.Errorf("decided quotes %v, want 0 1 2 in order", seen)
	}
}

// TestGreedyAsItGoes checks that the stage with a model that decodes left
// to right chooses as ExamplesWith(Greedy) and Apply do, and that the
// model's file keeps how it decodes.
func TestGreedyAsItGoes(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	var b bytes.Buffer
	g := *New().model
	g.Decode = "greedy"
	if _, err := g.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(&b)
	if err != nil || m.Decode != "greedy" {
		t.Fatalf("read back: %v, decode %q", err, m.Decode)
	}
	if _, err := ReadModel(strings.NewReader("# decode: beam\nf\t1\n")); err == nil {
		t.Error("a model decoding some other way read without error")
	}
	s := NewWithModel(m)
	for _, text := range []string{
		"美国国务卿布林肯7月在印尼会晤中共外长王毅后表示：“中方必须遵守承诺。”王毅则说，“美方应停止干涉。”\n“我们不会让步，”他说。",
		"记者问：“你怎么看？”张三回答：“我不同意。”李四说：“我同意。”\n“这是第一步。”\n“还有很多工作，”他说。",
	} {
		norm, toks, ms := chain(t, text)
		d := &pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms}
		want, cands, _ := s.ExamplesWith(d, s.model, Greedy(m))
		Apply(m, want, cands)
		got := s.Find("doc", text, norm, toks, ms)
		sameAsApply(t, got, want)
	}
}
