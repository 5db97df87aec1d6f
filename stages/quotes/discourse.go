package quotes

import "slices"

// A quote with no verb of saying near it (a paragraph of quotation after
// the one that named its speaker, the next sentence of the same voice)
// goes on with the previous quote's speaker (prev1) or with nobody. The
// rules give it prev1 whenever one is at hand; prev1's features say that
// the candidate spoke the quote before, not whether the voice still holds.
// chainLink reads the stretch between that quote and this one, so that
// the model learns when the voice holds: the speaker was named at a verb
// (the chain's head) or only carried on, how many quotes the chain ran,
// who else the text named in between, and how many paragraphs it crossed.

// chainLink describes the stretch from prev1's quote to a quote.
type chainLink struct {
	on bool
	// head: prev1's quote had its speaker from a verb of saying or a
	// label, not carried on from the quote before it.
	head bool
	// quotes counts the quotes before prev1's carried on to the same
	// speaker back to the chain's head.
	quotes int
	// others counts the people and organisations named outside quotes
	// between the two quotes, prev1 not counted.
	others int
	// paras counts the paragraph breaks between them.
	paras int
}

// chainFrom reads the stretch between the quote ending at prevEnd, whose
// speaker later quotes see as sp, and quote qi.
func (d *doc) chainFrom(qi, prevEnd int, sp speaker) chainLink {
	k := qi - 1
	for k >= 0 && d.quotes[k].Stop != prevEnd {
		k--
	}
	if k < 0 {
		return chainLink{}
	}
	l := chainLink{on: true, head: !carried(d.quotes[k].Rule)}
	for j := k - 1; j >= 0 && !l.head && l.quotes < 8; j-- {
		p := d.quotes[j]
		if p.Kind == "reported" {
			continue
		}
		if p.Speaker != sp.surface {
			break
		}
		l.quotes++
		if !carried(p.Rule) {
			break
		}
	}
	open := max(0, d.quotes[qi].Start-1)
	var seen [4]string
	for _, m := range d.mentionsIn(prevEnd, open) {
		if d.inQuote[m.Start] || m.Type == "country" || m.Surface == sp.surface || m.EntityID != "" && m.EntityID == sp.entityID {
			continue
		}
		key := m.EntityID
		if key == "" {
			key = m.Surface
		}
		if l.others < len(seen) && !slices.Contains(seen[:l.others], key) {
			seen[l.others] = key
			l.others++
		}
	}
	nl := false
	for i := prevEnd; i < open && i < len(d.norm); i++ {
		if d.norm[i] == '\n' {
			if !nl {
				l.paras++
			}
			nl = true
		} else if d.norm[i] != ' ' && d.norm[i] != '\u3000' {
			nl = false
		}
	}
	return l
}

// carried reports a rule that carries a speaker on from the quote before
// or gives none: no verb of saying named the quote's speaker.
func carried(rule string) bool { return rule == "previous-speaker" || rule == "none" }

// chainFeatures adds prev1's chain features, for a quote with no verb of
// saying or colon of its own.
func chainFeatures(l chainLink, addL func(lit), addB func(binned, int)) {
	if l.head {
		addL(litChainHead)
	} else {
		addL(litChainLink)
		addB(binChainQuotes, l.quotes)
	}
	addB(binChainOthers, l.others)
	addB(binChainParas, l.paras)
}

// cueFarAfter reports a verb of saying after a name ending at i, before b,
// farther than cueAfterName reads (X在其中一份新报告《…》中说, X(Nathan
// Sheets)对路透社表示): within 40 characters, no comma or sentence end
// between, no other name between.
func (d *doc) cueFarAfter(i, b int) bool {
	b = min(b, i+40, len(d.norm))
	for k := i; k < b; k++ {
		switch d.norm[k] {
		case '，', ',', '。', '；', ';', '！', '？', '\n', '：':
			return false
		}
		if d.inQuote[k] {
			continue
		}
		if d.cueLen(k) > 0 {
			return len(d.mentionsIn(i, k)) == 0
		}
	}
	return false
}
