package quotes

import (
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// TestInterviewAsker: an interview's asker (记者问) speaks for the outlet
// that interviews, named with the reporter or as the interview's, and for
// nobody where the post names none; the one named after the question, who
// answers it, is not the asker, nor is a named host or someone speaking to
// a reporter.
func TestInterviewAsker(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	const (
		intro    = "北约秘书长斯托尔滕贝格12月29日向媒体表示，北约打算提高防御能力。"
		first    = "德新社记者提问称，“目前的流行病表明，病毒会造成毁灭性的破坏。北约是否准备好了？”斯托尔滕贝格回答说，“首先，我想说的是，科学界有一个共识。”"
		answer   = "斯托尔滕贝格说，“当然，北约和军方可以帮助分发疫苗。”"
		question = "你认为其可能发挥作用吗？"
	)
	for _, tc := range []struct {
		name, text, quote, want, rule string
	}{
		{"reporter of an outlet", intro + first, "目前的流行病表明", "德新社", "cue-before"},
		{"bare reporter after the outlet's", intro + first + "\n记者问，“" + question + "”" + answer, question, "德新社", "cue-before"},
		{"follow-up after a quote", intro + first + "\n记者问，“" + question + "”" + answer + "记者追问，“如果有明确的证据，是否可以报复？”他表示，“我们对使用生物武器的反应取决于它的使用方式。”", "如果有明确的证据", "德新社", "cue-before"},
		{"adverb between", intro + first + "\n记者最后谈到，“北约2021年将做出的最严肃的决定可能是什么？”\n斯托尔滕贝格则表示，“无论我们作出什么决定，都存在风险。”", "北约2021年", "德新社", "cue-before"},
		{"interview given to an outlet", "斯托尔滕贝格接受德新社专访，谈及北约的未来。\n记者问，“" + question + "”" + answer, question, "德新社", "cue-before"},
		{"body's reporter, glossed", "德国外长马斯12月30日谈及美国。\n德国之声（DW）的记者问，“" + question + "”马斯说，“当然，欧洲必须展现更多的领导力。”\n记者问，“德国和欧洲对拜登有什么期待？”马斯说，“拜登已经明确表示了。”", "德国和欧洲", "德国之声", "cue-before"},
		{"label", intro + first + "\n记者：“" + question + "”", question, "德新社", "cue-before"},
		{"no outlet named", intro + "\n记者问，“" + question + "”" + answer, question, "", "cue-before"},
		{"outlet only mentioned", "据德新社报道，" + intro + "\n记者问，“" + question + "”" + answer, question, "", "cue-before"},
		{"named host", "节目中，主持人白岩松表示，“我们今天讨论的是一个非常重要的问题。”", "我们今天讨论", "白岩松", ""},
		{"speaking to a reporter", "斯托尔滕贝格对记者说，“北约和军方可以帮助分发疫苗。”", "北约和军方", "斯托尔滕贝格", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			norm, toks, ms := chain(t, tc.text)
			qs, _ := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: tc.text}, Norm: norm, Tokens: toks, Mentions: ms})
			for _, q := range qs {
				if !strings.HasPrefix(q.Text, tc.quote) {
					continue
				}
				if q.Speaker != tc.want || tc.rule != "" && q.Rule != tc.rule {
					t.Errorf("%q: speaker %q by %s, want %q", q.Text, q.Speaker, q.Rule, tc.want)
				}
				return
			}
			t.Fatalf("no quote %q in %+v", tc.quote, qs)
		})
	}
}

// FuzzAsker: askerBefore reads any stretch of any text without leaving it.
func FuzzAsker(f *testing.F) {
	for _, s := range []string{"", "记者", "记者问", "：记者：", "”记者追问，“", "这时主持人问：「", "记者最后谈到", "当记者", "记者们问", "接受"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		text = strings.ToValidUTF8(text, "\uFFFD")
		d := newDoc(rulesOnly(), text, text, nil, nil)
		defer d.release()
		for b := 0; b <= len(d.norm); b++ {
			for _, a := range []int{0, b / 2, b} {
				d.askerBefore(a, b)
			}
		}
	})
}
