package quotes

import "os"

// Turns: who spoke the quotes before this one, as a conversation has it.
// In interviews and profiles where two or three people speak in turn, the
// speaker of the quote before the previous one answers the previous
// speaker (A B A), and a paragraph whose quotes so far are all one
// person's goes on with that person's.

// markTurns marks, among the candidates cs of the quote that starts at s
// in the paragraph from para, the speaker of the quote before the previous
// one when the previous one is someone else (alt), and the one who spoke
// every quote so far in the paragraph (paraAll). prevs are the speakers of
// the quotes so far, latest last, prevEnds where those quotes end.
func (d *doc) markTurns(cs []*cand, byKey map[candKey]*cand, prevs []speaker, prevEnds []int, s, para int) {
	n := len(prevs)
	if n >= 2 && s-prevEnds[n-2] <= 600 && keyOf(prevs[n-1]) != keyOf(prevs[n-2]) {
		if c := d.sameAs(byKey, cs, prevs[n-2]); c != nil && c != d.sameAs(byKey, cs, prevs[n-1]) {
			c.alt = true
		}
	}
	var one *cand
	for i := n - 1; i >= 0 && prevEnds[i] > para; i-- {
		c := d.sameAs(byKey, cs, prevs[i])
		if c == nil || one != nil && c != one {
			return
		}
		one = c
	}
	if one != nil {
		one.paraAll = true
	}
}

// turnFeatures adds c's turn features: turn|alt, turn|para_all, each
// also where the quote has no verb of saying or colon of its own, or
// says 他/她.
func turnFeatures(c *cand, qc quoteCtx, add func(a, b string)) {
	noCue := !qc.cueBefore && !qc.cueAfter && !qc.colon
	for _, t := range []struct {
		on   bool
		name string
	}{{c.alt, "turn|alt"}, {c.paraAll, "turn|para_all"}} {
		if !t.on {
			continue
		}
		add(t.name, "")
		if noCue {
			add(t.name, "|no_cue")
		}
		if qc.pronoun != 0 {
			add(t.name, "|pron")
		}
	}
}

// turns switches the turn features on (an experiment: eval measures it
// with NEWSNLP_TURNS=1).
var turns = os.Getenv("NEWSNLP_TURNS") == "1"
