package quotes

import (
	"strings"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Alone returns, for the quotes of a post that a rule decides alone (no
// candidates: decidesAlone), keyed by the quote's [start, stop), the rule's
// name and the cue subject it read ("unnamed: 一名医生"), so that an error
// list can say why the model never saw them. The rules alone read the
// post (the short-quote detector changes no long quote's rule).
func (s *Stage) Alone(d *pipeline.Doc) map[[2]int]string {
	if d.Post == nil {
		return nil
	}
	var cands [][]Candidate
	var why map[[2]int]string
	o := postOptions(d)
	o.candidates, o.alone = &cands, &why
	rules := *s
	rules.model = nil
	rules.find(d.ID, d.Post.Text, d.Norm, d.Tokens, d.Mentions, o)
	return why
}

// aloneWhy is Alone's reading of d's quotes and their candidates.
func (d *doc) aloneWhy(cands [][]Candidate) map[[2]int]string {
	out := map[[2]int]string{}
	for qi, q := range d.quotes {
		if q.Kind == "reported" || len(cands[qi]) > 0 || !d.decidesAlone(qi) {
			continue
		}
		out[[2]int{q.Start, q.Stop}] = d.meta[qi].how + ": " + d.cueSubjectText(qi)
	}
	return out
}

// cueSubjectText is the clause before the verb of saying that governs
// quote qi (or, with none before it, the clause after the quote up to its
// verb): where the rules read who speaks.
func (d *doc) cueSubjectText(qi int) string {
	ctx := d.quoteContext(qi)
	if ctx.gov >= 0 {
		return strings.TrimSpace(d.textOf(d.clauseStart(ctx.sent, ctx.gov), ctx.gov))
	}
	q := d.quotes[qi]
	a := min(len(d.norm), q.Stop+1)
	for k := a; k < ctx.sentEnd && k-a < 30; k++ {
		if d.cueLen(k) > 0 {
			return strings.TrimSpace(strings.TrimLeft(d.textOf(a, k), "，,、 "))
		}
	}
	return ""
}
