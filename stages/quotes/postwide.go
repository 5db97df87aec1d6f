package quotes

// The whole post's evidence of who speaks, for the candidates a quote's
// window holds. A window (candBefore, candAfter) and the quotes before
// see little of a profile where one person speaks throughout or of an
// interview's two voices; the rules' readings of every other quote and
// of every verb of saying, before the quote and after it, do. The rules
// are not fitted, so the counts leak nothing into the speaker model's
// training. Far candidates (speakers past the window) were tried and
// failed (models/speakers/README.md): this adds evidence to the
// candidates in the window only.

// postVoices is the post's rule readings, counted once per post: by
// entity, and by surface too (a candidate the entity stage did not link
// finds a linked speaker by its name).
type postVoices struct {
	// quotes counts the quotes the rules give each speaker; rule is each
	// quote's speaker by the rules (zero where none).
	quotes map[candKey]int
	rule   []speaker
	// cues are where a verb of saying has the speaker as its subject
	// (cueSubjects), in text order.
	cues map[candKey][]int
	// main is the post's main speaker: the most quotes and verbs, three
	// at least and more than any other (zero when none).
	main speaker
}

// postEvidence is a candidate's post-wide evidence (postFeatures).
type postEvidence struct {
	on     bool
	quotes int  // the other quotes the rules give it
	cues   int  // the verbs of saying outside the window with it as subject
	main   bool // it is the post's main speaker
}

// postKeys are the keys a speaker counts under: its entity's (or its
// surface's) and its surface's.
func postKeys(sp speaker) [2]candKey {
	return [2]candKey{keyOf(sp), {surface: sp.surface}}
}

// voices reads the post's rule speakers and cue subjects, once per post.
func (d *doc) voices() *postVoices {
	if d.post != nil {
		return d.post
	}
	v := &postVoices{quotes: map[candKey]int{}, cues: map[candKey][]int{}, rule: make([]speaker, len(d.quotes))}
	d.post = v
	total := map[candKey]int{}
	byKey := map[candKey]speaker{}
	for qi, q := range d.quotes {
		if q.Speaker == "" {
			continue
		}
		sp := speaker{surface: q.Speaker, entityID: q.SpeakerEntityID, typ: q.SpeakerType}
		v.rule[qi] = sp
		ks := postKeys(sp)
		v.quotes[ks[0]]++
		if ks[1] != ks[0] {
			v.quotes[ks[1]]++
		}
		total[ks[0]]++
		byKey[ks[0]] = sp
	}
	for _, cu := range d.cueSubjects() {
		ks := postKeys(cu.sp)
		v.cues[ks[0]] = append(v.cues[ks[0]], cu.at)
		if ks[1] != ks[0] {
			v.cues[ks[1]] = append(v.cues[ks[1]], cu.at)
		}
		total[ks[0]]++
		if _, ok := byKey[ks[0]]; !ok {
			byKey[ks[0]] = cu.sp
		}
	}
	// The map's order must not decide: a tie at the top leaves no main
	// speaker, whichever key comes first.
	best, second := 0, 0
	var bestKey candKey
	for k, n := range total {
		if n > best {
			second, best, bestKey = best, n, k
		} else if n > second {
			second = n
		}
	}
	if best >= 3 && best > second {
		v.main = byKey[bestKey]
	}
	return v
}

// hasKey reports k among sp's keys (postKeys).
func hasKey(sp speaker, k candKey) bool {
	ks := postKeys(sp)
	return ks[0] == k || ks[1] == k
}

// postEvidence sets the post-wide evidence of the candidates cs of quote
// qi, whose window is [lo, hi).
func (d *doc) postEvidence(cs []*cand, qi, lo, hi int) {
	v := d.voices()
	own := v.rule[qi]
	for _, c := range cs {
		k := keyOf(c.sp)
		e := postEvidence{on: true, quotes: v.quotes[k]}
		if own.surface != "" && hasKey(own, k) {
			e.quotes--
		}
		for _, at := range v.cues[k] {
			if at < lo || at >= hi {
				e.cues++
			}
		}
		if m := v.main; m.surface != "" {
			e.main = hasKey(m, k)
		}
		c.post = e
	}
}

// postFeatures describes a candidate's post-wide evidence: bucketed
// counts, the main speaker, and both again for a quote with no verb of
// saying (noCue), where nothing in the window says who speaks.
func postFeatures(e postEvidence, noCue bool, addL func(lit), addB func(binned, int)) {
	addB(binPostQuotes, e.quotes)
	addB(binPostCues, e.cues)
	if e.main {
		addL(litPostMain)
	}
	if noCue {
		addB(binPostQuotesNoCue, e.quotes)
		if e.main {
			addL(litPostMainNoCue)
		}
	}
}
