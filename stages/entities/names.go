package entities

import (
	"cmp"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
)

// The name tagger (package tagger) reads clauses: the text between the
// ends of sentences, cut at commas when longer than maxClause.
const maxClause = 120

func isClauseEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '\n', '!', '?', ';', '…':
		return true
	}
	return false
}

// clauses returns the clauses of the post as [start, stop) pairs.
func (d *doc) clauses() [][2]int {
	out := d.clauseBuf[:0]
	defer func() { d.clauseBuf = out }()
	n := len(d.norm)
	s := 0
	lastComma := -1
	for i := 0; i < n; i++ {
		r := d.norm[i]
		// The common ideographs, most of the text, are neither commas
		// nor clause ends: two comparisons instead of a dozen.
		other := r < 0x4e00 || r > 0x9fff
		if other && (r == '，' || r == ',' || r == '、') {
			lastComma = i
		}
		switch {
		case other && isClauseEnd(r):
			if i+1 > s {
				out = append(out, [2]int{s, i + 1})
			}
			s, lastComma = i+1, -1
		case i+1-s >= maxClause:
			cut := i + 1
			if lastComma > s {
				cut = lastComma + 1
			}
			out = append(out, [2]int{s, cut})
			s, lastComma = cut, -1
		}
	}
	if s < n {
		out = append(out, [2]int{s, n})
	}
	return out
}

// charClass is the tagger's class of the character at i.
func (d *doc) charClass(i int) byte {
	r, p := d.norm[i], d.props[i]
	if p&propHan == 0 {
		switch {
		case r == '·':
			return tagger.ClassDot
		case unicode.IsDigit(r):
			return tagger.ClassDigit
		case r < 0x250 && unicode.IsUpper(r):
			return tagger.ClassUpper
		case r < 0x250 && unicode.IsLetter(r):
			return tagger.ClassLower
		case unicode.IsSpace(r):
			return tagger.ClassSpace
		case isPunct(r):
			return tagger.ClassPunct
		}
		return tagger.ClassOtherChar
	}
	var c byte
	if p&propSurname != 0 {
		c |= tagger.ClassSurname
	}
	if i+1 < len(d.norm) && d.g.surn.double(r, d.norm[i+1]) {
		c |= tagger.ClassSurname2
	}
	if p&propTrans != 0 {
		c |= tagger.ClassTranslit
	}
	if p&propGiven != 0 {
		c |= tagger.ClassGiven
	}
	if p&propStop != 0 {
		c |= tagger.ClassStop
	}
	return c
}

// lexCodes marks the lexicon's people, countries and outlets found so far,
// for the tagger's lexicon features.
func (d *doc) lexCodes() []byte {
	d.lexBuf = grow(d.lexBuf, len(d.norm))
	out := d.lexBuf
	clear(out)
	for _, f := range d.found {
		if f.ent == nil || f.method != "lexicon" && f.method != "compound" {
			continue
		}
		switch f.typ {
		case "person":
			if f.stop-f.start == 1 {
				out[f.start] = tagger.LexPersonS
				continue
			}
			for k := f.start; k < f.stop; k++ {
				out[k] = tagger.LexPersonI
			}
			out[f.start], out[f.stop-1] = tagger.LexPersonB, tagger.LexPersonE
		case "country":
			for k := f.start; k < f.stop; k++ {
				out[k] = tagger.LexCountry
			}
		case "outlet":
			for k := f.start; k < f.stop; k++ {
				out[k] = tagger.LexOutlet
			}
		}
	}
	return out
}

// verbStarts marks where a verb of saying starts a word.
func (d *doc) verbStarts() []bool {
	d.verbBuf = grow(d.verbBuf, len(d.norm)+1)
	out := d.verbBuf
	clear(out)
	for i := range d.norm {
		if d.tokStart(i) {
			d.buf2 = d.g.verbs.MatchesAt(d.norm, i, d.buf2[:0])
			out[i] = len(d.buf2) > 0
		}
	}
	return out
}

// verbStartAt is verbStarts()[i], found when first asked: the tagger
// reads it only a few characters after the stretches it tags. The memo
// (0 not yet asked, 1 no, 2 yes) is cleared by startVerbMemo.
func (d *doc) verbStartAt(i int) bool {
	switch d.verbMemo[i] {
	case 1:
		return false
	case 2:
		return true
	}
	v := false
	if d.tokStart(i) {
		d.buf2 = d.g.verbs.MatchesAt(d.norm, i, d.buf2[:0])
		v = len(d.buf2) > 0
	}
	d.verbMemo[i] = 1
	if v {
		d.verbMemo[i] = 2
	}
	return v
}

func (d *doc) startVerbMemo() {
	d.verbMemo = grow(d.verbMemo, len(d.norm))
	clear(d.verbMemo)
}

// tagInput fills in with the clause [s, e). hide marks the characters of
// lexicon names to show the tagger as unknown words (training: the model
// must learn names from their shape and context, not from the lexicon):
// without the lexicon's entry, and cut into words as plain gses cuts them
// when plain (the same text segmented without the lexicons) is given, else
// as single characters. verbs are verbStarts(), or nil to ask verbStartAt
// (after startVerbMemo).
func (d *doc) tagInput(s, e int, lex []byte, verbs []bool, hide []bool, plain *doc, in *tagger.Input) {
	n := e - s
	in.Runes = d.norm[s:e]
	in.Class = resize(in.Class, n)
	in.TokStart = resize(in.TokStart, n)
	in.TokStop = resize(in.TokStop, n)
	in.POS = resize(in.POS, n)
	in.Lex = resize(in.Lex, n)
	in.Ctx = resize(in.Ctx, n)
	for k := range n {
		i := s + k
		in.Class[k] = d.charClass(i)
		ts, te, pos := d.token(i)
		switch {
		case plain != nil:
			ts, te, pos = plain.token(i)
		case hide != nil && hide[i]:
			ts, te, pos = i, i+1, ""
		}
		ts, te = max(ts, s), min(te, e)
		in.TokStart[k], in.TokStop[k], in.POS[k] = int32(ts-s), int32(te-s), pos
		in.Lex[k] = lex[i]
		if hide != nil && hide[i] && lex[i] >= tagger.LexPersonB && lex[i] <= tagger.LexPersonS {
			in.Lex[k] = tagger.LexNone
		}
		var c byte
		if i > 0 && d.han(i-1) && d.titleEndsAt(i) >= 0 {
			c |= tagger.CtxTitleBefore
		}
		for j := i + 1; j <= i+3 && j < len(d.norm); j++ {
			if verbs == nil && d.verbStartAt(j) || verbs != nil && verbs[j] {
				c |= tagger.CtxVerbAfter
				break
			}
			if isPunct(d.norm[j]) {
				break
			}
		}
		if d.propAt(i+1, propHonorFirst) && d.hasAt(i+1, honorifics) {
			c |= tagger.CtxHonorAfter
		}
		if d.namingEndsAt(i) {
			c |= tagger.CtxNamingBefore
		}
		in.Ctx[k] = c
	}
}

func at(r []rune, i int) rune {
	if i < 0 || i >= len(r) {
		return 0
	}
	return r[i]
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// worthTagging reports a clause with a character no mention covers that
// may start a name: a surname, a transliteration character, a capital.
func (d *doc) worthTagging(s, e int) bool {
	for i := s; i < e; i++ {
		if d.covered[i] {
			continue
		}
		if d.props[i]&(propSurname|propTrans) != 0 || i+1 < e && d.g.surn.double(d.norm[i], d.norm[i+1]) {
			return true
		}
	}
	return false
}

// tagNames adds the names the tagger finds where no other source found
// anything. With a decision (d.decide), it decides which of the tagger's
// spans become mentions and which of the discovery rules' names stay;
// without one, a tagger span needs the least confidence of its shape (th)
// and, with veto > 0, a rule's name the tagger gives a confidence below
// veto is dropped.
func (d *doc) tagNames(m *tagger.Model, th Thresholds, veto float64) {
	if m == nil {
		return
	}
	judge := d.decide != nil || d.collect != nil
	rulesOn := veto > 0 || judge
	var lex []byte
	if judge && d.lexiconHeaded() {
		// The tagger reads the lexicon's people as found (as in training),
		// then the decision judges those a thing's head follows.
		lex = d.lexCodes()
		d.startVerbMemo()
		d.judgeLexicon()
	}
	// The rules' names, noted once: judgeRules drops only names inside
	// the window it judges, and the windows of a post do not overlap.
	var ruleNames [][2]int
	if rulesOn {
		ruleNames = d.ruleNames()
	}
	in := &d.in
	for _, c := range d.clauses() {
		if !d.worthTagging(c[0], c[1]) && !d.proposedIn(c[0], c[1]) {
			continue
		}
		if lex == nil {
			lex = d.lexCodes()
			d.startVerbMemo()
		}
		for _, w := range d.nameWindows(c[0], c[1], ruleNames) {
			// The input reaches three characters past the window: the
			// features read two around each character, words a little more.
			a, b := max(c[0], w[0]-3), min(c[1], w[1]+3)
			d.tagInput(a, b, lex, nil, nil, nil, in)
			rules := rulesOn && nameIn(ruleNames, w[0], w[1])
			res := m.AnalyzeRangeWith(in, w[0]-a, w[1]-a, rules, &d.tag)
			switch {
			case rules && judge:
				d.judgeRules(w[0], w[1], res)
			case rules:
				d.vetoRules(w[0], w[1], res, veto)
			}
			for _, sp := range res.Spans {
				if judge {
					d.judgeSpan(w[0]+sp.Start, w[0]+sp.Stop, sp.Conf)
				} else {
					d.tagSpan(w[0]+sp.Start, w[0]+sp.Stop, sp.Conf, th)
				}
			}
		}
	}
}

// judgeSpan proposes the tagger's span [i, j) of confidence conf: it
// becomes a mention when the decision gives it at least its cut.
func (d *doc) judgeSpan(i, j int, conf float64) {
	// A transliterated name with a middle dot neither starts nor ends
	// with a function character (the discovery rules' principle): the
	// tagger's 和吉米·科布 is 吉米·科布.
	for j-i > 3 && d.dotIn(i+1, j-1) && (funcChars.Has(d.norm[i]) || nameStop.Has(d.norm[i])) {
		i++
	}
	for j-i > 3 && d.dotIn(i+1, j-1) && (funcChars.Has(d.norm[j-1]) || nameStop.Has(d.norm[j-1])) {
		j--
	}
	// A name is no title: a span that ends in a title or role noun after
	// two characters or more (周泽律师, 瑞幸董事) is proposed without it, as
	// the discovery rules read a title after a name (林洪楠律师); a dotted
	// name loses a title after its last part (戈德斯坦/拉比).
	if t := d.titleEndsAt(j); t >= i+2 && t < j && !d.dotIn(i, j) {
		j = t
	} else if dot := d.lastDot(i, j); dot >= 0 {
		j = d.untitled(dot+1, j)
	}
	// Nor is a name a thing's head: a span whose own last word is one
	// (幸咖啡 of 瑞幸咖啡, 雅高股价) names the thing, or glues a name to it.
	if j-i < 2 || !d.hasHan(i, j) || !d.free(i, j) || d.pseudonymAt(j) || d.overThing(i, j) || d.endsInHead(i, j) {
		return
	}
	p := d.proposal(i, j, "tagger", conf)
	// A transliteration the tagger cut short before a Latin gloss (利特维
	// of 利特维年科（Alexander Litvinenko）): the span to the gloss is
	// proposed too, and the likelier of the two above the cut is taken.
	// When the characters up to the gloss are a transliteration's and no
	// title ends there, the span to the gloss is taken when it passes the
	// cut: the two share nearly every feature (伊凡娜·斯特 and 伊凡娜·斯特德纳
	// all of them), so the decision's choice between them says little,
	// while the gloss ends the name (思韦茨冰川 and 奥尔森教授 keep the
	// choice).
	long := d.toGloss(i, j)
	if d.collect != nil {
		*d.collect = append(*d.collect, p)
		if long > j {
			*d.collect = append(*d.collect, d.proposal(i, long, "tagger", conf))
		}
		return
	}
	best, pb := j, d.decide.P(p.Features)
	if long > j {
		q := d.decide.P(d.proposal(i, long, "tagger", conf).Features)
		if q > pb || q >= d.decide.Cut && d.transTo(j, long) {
			best, pb = long, q
		}
	}
	if pb >= d.decide.Cut {
		d.addPerson(i, best, "tagger")
	}
}

// transTo reports transliteration characters over [j, k) and no title
// ending at k: the rest of a name before its gloss, not 博士 or 冰川.
func (d *doc) transTo(j, k int) bool {
	for ; j < k; j++ {
		if !d.isTrans(j) {
			return false
		}
	}
	return d.titleEndsAt(k) < 0
}

// toGloss returns the end of the name when the transliteration [i, j) is
// followed by one to three more characters, none a mention's, and then a
// Latin gloss in brackets (利特维 in 利特维年科（Alexander…), else j.
func (d *doc) toGloss(i, j int) int {
	for k := i; k < j; k++ {
		if !d.isTrans(k) && d.norm[k] != '·' {
			return j
		}
	}
	for k := j; k < len(d.norm) && k <= j+3; k++ {
		r := d.norm[k]
		if r == '（' || r == '(' {
			// The characters up to the gloss are no title (拉比, 博士).
			if k > j && k+1 < len(d.norm) && d.norm[k+1] < 0x250 && unicode.IsUpper(d.norm[k+1]) && d.titleAfterEndsAt(k) < j {
				return k
			}
			return j
		}
		if !isHan(r) || d.covered[k] {
			return j
		}
	}
	return j
}

// judgeRules proposes the discovery rules' names inside [s, e), with the
// tagger's confidence in each: a name the decision gives less than its
// cut is dropped. The tagger's reading of a name one or two characters
// longer in the window (taggerLonger) replaces it when the decision finds
// it likelier and above the cut.
func (d *doc) judgeRules(s, e int, res *tagger.Result) {
	kept := d.found[:0]
	for _, f := range d.found {
		if f.start >= s && f.stop <= e && f.ent == nil && f.typ == "person" && ruleMethods[f.method] {
			p := d.proposal(f.start, f.stop, f.method, res.Conf(f.start-s, f.stop-s))
			if d.collect != nil {
				// The longer form is judged by the decision but not fitted
				// on: the decision learns from the rules' names as they
				// are.
				*d.collect = append(*d.collect, p)
			} else {
				// Only a name the decision keeps is read longer: the longer
				// form brings no new name.
				pb := d.decide.P(p.Features)
				if long := d.taggerLonger(f.start, f.stop, s, e, res); long > f.stop && pb >= d.decide.Cut {
					if q := d.decide.P(d.proposal(f.start, long, f.method, res.Conf(f.start-s, long-s)).Features); q >= d.decide.Cut && q > pb {
						for k := f.stop; k < long; k++ {
							d.covered[k] = true
						}
						f.stop, f.key, pb = long, nameKey(d.norm[f.start:long]), q
					}
				}
				if pb < d.decide.Cut {
					for k := f.start; k < f.stop; k++ {
						d.covered[k] = false
					}
					continue
				}
			}
		}
		kept = append(kept, f)
	}
	d.found = kept
}

// taggerLonger returns the end of the tagger's span in the window [s, e)
// that starts where the rule's name [i, j) does and reads one or two more
// characters, free of other mentions, that are no title, function word,
// verb of saying or thing's head (学员张顺新家, where the title rule
// stopped at 张顺; 总裁朱立南和), else j. The decision then takes the
// likelier of the two. In the window around a rule's name (a character
// either side) the tagger mostly reads the name as the rules it learnt
// from do: 郭啟 of 法官郭啟安於判詞 (gse's 安於) stays.
func (d *doc) taggerLonger(i, j, s, e int, res *tagger.Result) int {
	for _, sp := range res.Spans {
		a, b := s+sp.Start, s+sp.Stop
		if a != i || b <= j || b > j+2 || b > e || !d.free(j, b) {
			continue
		}
		// Up to a Latin gloss any characters will do (厄本（Urbahn）).
		glossed := b+1 < len(d.norm) && (d.norm[b] == '（' || d.norm[b] == '(') && d.norm[b+1] < 0x250 && unicode.IsUpper(d.norm[b+1])
		for k := j; k < b; k++ {
			if !d.han(k) || isPunct(d.norm[k]) || !glossed && !d.isTrans(k) && (nameStop.Has(d.norm[k]) || funcChars.Has(d.norm[k])) {
				return j
			}
		}
		d.bufVerb = d.g.verbs.MatchesAt(d.norm, j, d.bufVerb[:0])
		if len(d.bufVerb) > 0 || d.titleAfterEndsAt(b) > i || d.pseudonymAt(b) || d.thingEndsAt(j, b) {
			return j
		}
		key := nameKey(d.norm[i:b])
		if d.g.notPeople[key] || d.orgFinalAt(i, b) || d.placeJoined(i, b) {
			return j
		}
		return b
	}
	return j
}

// nameWindows returns the stretches of [s, e) the tagger reads: around
// each character no mention covers that may start a name (a surname or a
// transliteration character starting a short word, or a word gse tags as
// a name), through the transliteration run it starts; and around the
// rules' names among names (as ruleNames returns them, or nil).
func (d *doc) nameWindows(s, e int, names [][2]int) [][2]int {
	out, cands := d.winBuf[:0], d.candBuf[:0]
	defer func() { d.winBuf, d.candBuf = out, cands }()
	add := func(a, b int) {
		a, b = max(a, s), min(b, e)
		if n := len(out); n > 0 && a <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], b)
			return
		}
		out = append(out, [2]int{a, b})
	}
	if len(names) > 0 {
		for _, f := range names {
			if f[0] >= s && f[1] <= e {
				add(f[0]-1, f[1]+1)
			}
		}
		sortWindows(out)
		merged := out[:0]
		for _, w := range out {
			if n := len(merged); n > 0 && w[0] <= merged[n-1][1] {
				merged[n-1][1] = max(merged[n-1][1], w[1])
				continue
			}
			merged = append(merged, w)
		}
		out = merged
	}
	for i := s; i < e; i++ {
		r, p := d.norm[i], d.props[i]
		if d.covered[i] || p&propHan == 0 || !d.tokStart(i) {
			continue
		}
		// A surname gse leaves standing alone or joins into a word it tags
		// a name; transliteration characters gse leaves single or tags a
		// name, two or more in a row. Other words are what gse says.
		sn := 0
		if i+1 < e && d.g.surn.double(r, d.norm[i+1]) {
			sn = 2
		} else if p&(propSurname|propFunc) == propSurname {
			sn = 1
		}
		if sn == 0 && p&propTrans == 0 {
			continue // no surname nor transliteration: gse's word is not read
		}
		ts, te, pos := d.token(i)
		nameTag := strings.HasPrefix(pos, "nr") || pos == "x"
		trans := p&propTrans != 0 && i+1 < e && d.isTrans(i+1) && (te-ts == 1 || nameTag)
		// gse also cuts a three-character name as a word of the surname
		// and the next character, then the last one alone (高树/超,
		// 郑克/鲁): read those too.
		split := sn == 1 && te-ts == 2 && te < e && d.props[te]&(propHan|propStop) == propHan &&
			d.tokStart(te+1)
		if !trans && !split && !(sn > 0 && (te-ts == sn || nameTag && te-ts <= 4)) {
			continue
		}
		j := i + 4
		if trans {
			k, dot := i, false
			for k < e && k-i < 12 && (d.isTrans(k) || d.norm[k] == '·') {
				dot = dot || d.norm[k] == '·'
				k++
			}
			j = max(j, k+1)
			if dot {
				// A dotted name's last part may hold characters the
				// alphabet lacks (玛丽·居里, 莎士比亚): read two more.
				j = max(j, k+3)
			}
		}
		cands = append(cands, [2]int{i, j})
	}
	if len(out) == 0 {
		for _, c := range cands {
			add(c[0], c[1])
		}
		return out
	}
	// The windows and the candidates, merged in order: cands is free
	// once copied, and out is built again from the copy.
	all := append(append(d.allBuf[:0], out...), cands...)
	d.allBuf = all
	for k := range all {
		all[k][0], all[k][1] = max(all[k][0], s), min(all[k][1], e)
	}
	sortWindows(all)
	out = out[:0]
	for _, w := range all {
		add(w[0], w[1])
	}
	return out
}

// sortWindows orders windows by start, then stop. Equal windows are
// equal values, so the order among them (the sort is not stable) cannot
// show.
func sortWindows(w [][2]int) {
	slices.SortFunc(w, func(a, b [2]int) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
}

// tagSpan adds a tagger span [i, j) of confidence conf when it passes
// the decision of what a tagger name must be: the least confidence of
// its shape (Thresholds).
func (d *doc) tagSpan(i, j int, conf float64, th Thresholds) {
	if j-i < 2 || !d.hasHan(i, j) {
		return
	}
	switch d.nameShape(i, j) {
	case shapeFull:
		if conf < th.Full {
			return
		}
	case shapeShort:
		if conf < th.Short {
			return
		}
	case shapeTrans:
		if conf < th.Trans {
			return
		}
	default:
		return
	}
	// A name glued to the next word (王琳琳发) is not taken.
	if j < len(d.norm) && !d.tokEnd(j) && d.han(j) && !d.covered[j] {
		if s, _, _ := d.token(j - 1); s < i || s >= j {
			return
		}
	}
	// A word gse knows as something else (西雅图/ns, 沃尔玛/nz,
	// 麦克风/n) stays that word.
	if ts, te, pos := d.token(i); ts == i && te == j && !strings.HasPrefix(pos, "nr") && pos != "x" && pos != "eng" {
		return
	}
	// Without the decision, a last character that heads organisations
	// vetoes the name, as it does the rules' (addPerson).
	if d.orgFinalAt(i, j) {
		return
	}
	d.addPerson(i, j, "tagger")
}

// Shapes of tagger spans, which take their own least confidence.
const (
	shapeOther = iota
	shapeFull  // a surname and a two-character given name, or dotted
	shapeShort // a surname and one character (王毅, 欧阳明)
	shapeTrans // a transliteration without a dot (库格尔曼)
)

// nameShape is the shape of the span [i, j).
func (d *doc) nameShape(i, j int) int {
	for k := i; k < j; k++ {
		if d.norm[k] == '·' {
			if k > i && k < j-1 {
				return shapeFull
			}
			return shapeOther
		}
	}
	sn := d.surnameAt(i, true)
	switch {
	case sn > 0 && j-i == sn+2:
		return shapeFull
	case sn > 0 && j-i == sn+1:
		return shapeShort
	}
	for k := i; k < j; k++ {
		if !d.isTrans(k) {
			return shapeOther
		}
	}
	if j-i >= 2 {
		return shapeTrans
	}
	return shapeOther
}

// ruleMethods are the discovery rules whose names the tagger may veto.
var ruleMethods = map[string]bool{"dotted": true, "gloss": true, "title": true, "speech": true, "list": true, "case": true, "headline": true, "honorific": true, "extended": true, "rolesay": true, "latin_loose": true}

// ruleNames returns the discovery rules' names ([start, stop)) in the
// order found holds them, in d's buffer: the tagger's loops read them per
// clause and window instead of every name found.
func (d *doc) ruleNames() [][2]int {
	out := d.ruleBuf[:0]
	for _, f := range d.found {
		if f.ent == nil && f.typ == "person" && ruleMethods[f.method] {
			out = append(out, [2]int{f.start, f.stop})
		}
	}
	d.ruleBuf = out
	return out
}

// nameIn reports a name of names inside [s, e).
func nameIn(names [][2]int, s, e int) bool {
	for _, f := range names {
		if f[0] >= s && f[1] <= e {
			return true
		}
	}
	return false
}

func (d *doc) vetoRules(s, e int, res *tagger.Result, veto float64) {
	kept := d.found[:0]
	for _, f := range d.found {
		if f.start >= s && f.stop <= e && f.ent == nil && f.typ == "person" && ruleMethods[f.method] && res.Conf(f.start-s, f.stop-s) < veto {
			for k := f.start; k < f.stop; k++ {
				d.covered[k] = false
			}
			continue
		}
		kept = append(kept, f)
	}
	d.found = kept
}

func (d *doc) hasHan(i, j int) bool {
	for k := i; k < j; k++ {
		if d.han(k) {
			return true
		}
	}
	return false
}

// NameExamples returns a post's clauses labelled for training the tagger
// by distant supervision: the people the gazetteer and the discovery rules
// find (without the tagger) are the names, the rest of the clause is not.
// A name-like stretch no mention covers (a surname followed by single
// characters, or standing alone before a two-character word gse tags a
// name; a run of three transliteration characters that gse cuts as single
// characters; a capitalised Latin name) would be labelled "no name" when
// it is mostly an unknown name: its clause is dropped, or, with
// StageOptions.MaskUnknown, kept with the stretch left out of the loss
// (tagger.Unknown). gse's tag nr alone is not trusted for this: it tags
// 封锁, 顾问, 西雅图 and 支付宝 as names, which the tagger must learn are
// none. Clauses without names are kept one in four, and in half of the
// clauses the lexicon's people are shown as unknown words: without their
// lexicon entry and, with StageOptions.Plain, cut as gse cuts the clause
// without the lexicons (an unknown name is split as 罗家/聪, never kept
// whole as the lexicon's names are); both choices hash the post's id and
// the clause's index, so the examples depend on the post alone.
func (s *Stage) NameExamples(d *pipeline.Doc) []tagger.Example {
	if d.Post == nil {
		return nil
	}
	x, ms := s.find(d.Post.Text, d.Norm, d.Tokens, credits(d.Post), false)
	labels := make([]byte, len(x.norm))
	for i := range labels {
		labels[i] = tagger.O
	}
	isName := make([]bool, len(x.norm))
	var spans [][2]int
	lexName := make([]bool, len(x.norm))
	// Mention offsets are into the text, which has the norm's code points.
	for _, m := range ms {
		if m.Type != "person" {
			continue
		}
		spans = append(spans, [2]int{m.Start, m.Stop})
		if m.Stop-m.Start == 1 {
			labels[m.Start] = tagger.S
		} else {
			for k := m.Start; k < m.Stop; k++ {
				labels[k] = tagger.I
			}
			labels[m.Start], labels[m.Stop-1] = tagger.B, tagger.E
		}
		for k := m.Start; k < m.Stop; k++ {
			isName[k] = true
			lexName[k] = m.Method == "lexicon"
		}
	}
	lex, verbs := x.lexCodes(), x.verbStarts()
	if s.mask {
		for _, u := range x.unexplained(0, len(x.norm)) {
			for k := u[0]; k < u[1]; k++ {
				if !isName[k] {
					labels[k] = tagger.Unknown
				}
			}
		}
	}
	sortWindows(spans)
	var plain *doc
	var out []tagger.Example
	for ci, c := range x.clauses() {
		if !x.hasHan(c[0], c[1]) || !s.mask && len(x.unexplained(c[0], c[1])) > 0 {
			continue
		}
		pos, known := false, false
		for k := c[0]; k < c[1]; k++ {
			pos = pos || isName[k]
			known = known || labels[k] != tagger.Unknown
		}
		if !known {
			continue
		}
		hh := fnv.New64a()
		hh.Write([]byte(d.ID))
		hh.Write([]byte{byte(ci), byte(ci >> 8), byte(ci >> 16)})
		v := hh.Sum64()
		if !pos && v%4 != 0 {
			continue
		}
		var hide []bool
		var px *doc
		if (v>>8)%2 == 0 {
			hide = lexName
			if plain == nil && s.plain != nil {
				norm := d.Norm
				if norm == "" {
					norm = d.Post.Text
				}
				plain = newDoc(s.g, d.Post.Text, norm, s.plain(norm))
			}
			px = plain
		}
		var in tagger.Input
		x.tagInput(c[0], c[1], lex, verbs, hide, px, &in)
		in.Runes = append([]rune(nil), in.Runes...)
		out = append(out, tagger.Example{In: in, Labels: append([]byte(nil), labels[c[0]:c[1]]...)})
		if pos && s.aug != nil {
			if ex, ok := s.augmented(x, c, spans, labels, v); ok {
				out = append(out, ex)
			}
		}
	}
	return out
}

// unexplained returns the name-like stretches in [s, e) that no mention
// covers.
func (d *doc) unexplained(s, e int) [][2]int {
	var out [][2]int
	add := func(a, b int) {
		if n := len(out); n > 0 && a <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], b)
			return
		}
		out = append(out, [2]int{a, b})
	}
	run := 0
	for i := s; i < e; i++ {
		if d.covered[i] {
			run = 0
			continue
		}
		// A transliteration inside a word gse knows as a place, a body or
		// a thing (西雅图/ns, 沃尔玛/nz) is explained: it is no name.
		if ts, te, pos := d.token(i); d.isTrans(i) && (te-ts == 1 || pos == "x") {
			run++
			if run >= 3 {
				add(i+1-run, i+1)
			}
		} else {
			run = 0
		}
		if !d.tokStart(i) {
			continue
		}
		// gse tags many words nr that are none (封锁, 顾问, 西雅图, 沃尔玛,
		// 支付宝): a word it knows is explained as that word.
		ts, te, _ := d.token(i)
		sn := d.surnameAt(i, false)
		if sn > 0 && te-ts == sn && d.han(i) && d.boundaryBefore(i) {
			if end := d.chineseNameAt(i, false); end > 0 {
				add(i, end) // a surname, then single characters: an unknown name
			}
			// A surname, then a two-character word gse tags a name (邱/美玲):
			// a name the rules did not find, not an example of no name.
			if ns, ne, pos := d.token(te); ns == te && ne-ns == 2 && strings.HasPrefix(pos, "nr") && !d.covered[te] && d.hanRun(ns, ne) {
				add(i, ne)
			}
		}
		if d.latinStart(i) && unicode.IsUpper(d.norm[i]) {
			if end := d.latinNameAt(i); end > 0 {
				add(i, end)
			}
		}
	}
	return out
}

// pseudonymMarks after a name say that the post made it up (李玲（化名）):
// by the gold guide, no person.
var pseudonymMarks = words("（化名", "(化名", "（假名", "(假名")

// pseudonymAt reports whether a mark of a made-up name starts at i.
func (d *doc) pseudonymAt(i int) bool {
	return (at(d.norm, i) == '（' || at(d.norm, i) == '(') && d.hasAt(i, pseudonymMarks)
}

// lastDot returns the place of the last middle dot inside [i, j), or -1.
func (d *doc) lastDot(i, j int) int {
	for k := j - 1; k > i; k-- {
		if d.norm[k] == '·' {
			return k
		}
	}
	return -1
}

// dotIn reports a middle dot in [i, j).
func (d *doc) dotIn(i, j int) bool {
	for k := i; k < j; k++ {
		if d.norm[k] == '·' {
			return true
		}
	}
	return false
}
