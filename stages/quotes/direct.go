package quotes

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// thingWords follow a quoted name of a thing: “一带一路”倡议, “清零”政策.
var thingWords = []string{"政策", "计划", "倡议", "法案", "运动", "行动", "概念", "一词", "字样", "标语", "口号", "战略", "模式", "理论",
	"主义", "工程", "项目", "机制", "原则", "体系", "名单", "清单", "条例", "协议", "协定", "声明", "报告", "文件", "节目", "活动", "组织"}

// thingEnds end the names of things rather than sentences.
var thingEnds = []string{"专案", "计画", "计划", "方案", "措施", "计划表", "罪"}

// endsWithThing reports quoted text that ends like the name of a thing.
func endsWithThing(content []rune) bool {
	for _, w := range thingEndsR {
		if len(content) > len(w) && slices.Equal(content[len(content)-len(w):], w) {
			return true
		}
	}
	return false
}

var thingEndsR = runesOf(thingEnds)

// hasAt reports one of words at i.
func (d *doc) hasAt(i int, words []string) bool {
	for _, w := range words {
		if runesAt(d.norm, i, w) {
			return true
		}
	}
	return false
}

// hasSentencePunct reports punctuation inside a quote that only sentences
// have: speech, not a term.
func hasSentencePunct(r []rune) bool {
	for _, c := range r {
		switch c {
		case '，', '。', '！', '？', ',', '.', '!', '?', '；', '：', '…':
			return true
		}
	}
	return false
}

// attribute finds and attributes the quotes in quotation marks and the
// reported speech, in text order, so that a quote standing alone can take
// the speaker of the quote or the reported speech before it.
func (d *doc) attribute() {
	spans := appendSpans(d.scratch.spans, d.scratch.stack, d.text)
	d.scratch.spans = spans
	d.spans = spans
	for _, sp := range spans {
		if sp.depth == 0 {
			for i := sp.start; i < sp.stop; i++ {
				d.inQuote[i] = true
			}
		}
	}
	reported := d.reportedCues(len(spans) > 0)
	if len(spans) == 0 && len(reported) == 0 {
		return // no quotes: the mentions are not read
	}
	d.readMentions()
	// Each span and verb adds a quote at most: the rows in the scratch's
	// array (find returns a copy the size of the quotes found).
	if n := len(spans) + len(reported); n > 0 {
		d.quotes, d.meta = slices.Grow(d.scratch.quotes[:0], n), slices.Grow(d.scratch.meta[:0], n)
	}
	k := 0
	for _, sp := range spans {
		if sp.depth > 0 {
			d.nested(sp)
			continue
		}
		if sp.stop <= sp.start || sp.start < d.skip {
			continue
		}
		for ; k < len(reported) && reported[k] < sp.start; k++ {
			d.reportedAt(reported[k])
		}
		d.direct(sp)
	}
	for ; k < len(reported); k++ {
		d.reportedAt(reported[k])
	}
}

// direct attributes one quote in quotation marks.
func (d *doc) direct(sp span) {
	n := len(d.norm)
	{
		content := d.norm[sp.start:sp.stop]
		l := sp.stop - sp.start
		open := sp.start - 1
		// The text right before the opening mark.
		q := open
		for q > 0 && (d.norm[q-1] == ' ' || d.norm[q-1] == '\u3000') {
			q--
		}
		// A colon that ends the paragraph before introduces the quote that
		// opens this one (蔡英文在声明中表示：\n「…」).
		carried := q > 1 && d.norm[q-1] == '\n' && (d.norm[q-2] == '：' || d.norm[q-2] == ':')
		if carried {
			q--
		}
		colon := q > 0 && (d.norm[q-1] == '：' || d.norm[q-1] == ':')
		comma := q > 0 && (d.norm[q-1] == '，' || d.norm[q-1] == ',')
		if colon || comma {
			q--
		}
		sent := d.sentStart(open)
		if carried {
			sent = d.sentStart(q)
		}
		// “A”、“B”和“C”: a list of quotes shares the first one's speaker.
		if n := len(d.quotes); n > 0 && d.quotes[n-1].Kind != "reported" {
			prev := d.quotes[n-1]
			gap := d.norm[min(prev.Stop+1, open):open]
			if prev.Stop < open && len(gap) <= 2 && d.listGap(gap) {
				d.add(prev.Kind, sp.start, sp.stop, speaker{surface: prev.Speaker, entityID: prev.SpeakerEntityID, typ: prev.SpeakerType}, prev.Cue, prev.Rule)
				return
			}
		}
		// A name, a label, a term: 所谓“…”, 被称为“…”.
		if q > sent && d.s.namingRev.LongestBack(d.norm[sent:q], q-sent) > 0 && !(l >= 15 && hasSentencePunct(content)) {
			return
		}
		// The name of a plan or a charge in marks (“…返台就学衔接专案计画”,
		// “涉嫌颠覆国家政权罪”) is not speech, whoever is said to have
		// named it.
		if !hasSentencePunct(content) && endsWithThing(content) && !colon {
			return
		}
		after := min(n, sp.stop+1)

		// 记者问，“Q”: an interview's asker (interview.go), not the one
		// named after the question, who answers it.
		if who, cue, ok := d.askerBefore(sent, q); ok {
			kind := "direct"
			if l < 6 && !colon {
				kind = "partial"
			}
			last, lastPos, other, otherPos := d.last, d.lastPos, d.other, d.otherPos
			d.how = "asker"
			d.add(kind, sp.start, sp.stop, who, cue, "cue-before")
			// The answers go on with the one asked.
			d.last, d.lastPos, d.other, d.otherPos = last, lastPos, other, otherPos
			return
		}
		// X说：“Q” / X表示，“Q” / X称“Q”. When nobody stands before the
		// verb, the pattern after the quote may still name the speaker.
		cue, at := d.cueEndingAt(sent, q)
		if cue == "" && colon {
			cue, at = d.cueBeforeObject(sent, q) // 我问他：“Q”
		}
		if cue != "" {
			who, how := d.speakerBefore(d.sentStart(at), at, sp.start)
			if how == "" {
				if who2, cue2, how2, ok := d.speakerAfter(after); ok {
					who, cue, how = who2, cue2, how2
				}
			}
			kind := "direct"
			if l < 6 && !colon {
				kind = "partial"
			}
			d.how = how
			d.add(kind, sp.start, sp.stop, who, cue, "cue-before")
			return
		}
		// X：“Q”; or X表示，…：“Q” (a verb earlier in the sentence); or a
		// subject named in the clause before the colon.
		if colon {
			who, how := d.speakerBefore(d.sentStart(q), q, sp.start)
			d.how = how
			if how == "named" || how == "organization" || how == "role" || how == "pronoun" {
				d.add("direct", sp.start, sp.stop, who, "", "colon")
				return
			}
			if how == "joint" || how == "plural" || how == "unnamed" {
				// 他和郭警察同时笑了：“Q”: said, by no one the text names.
				d.add("direct", sp.start, sp.stop, unknown, "", "colon")
				return
			}
			if cue, at := d.cueInClause(sent, open); cue != "" {
				who2, how2 := d.speakerBefore(d.sentStart(at), at, sp.start)
				d.how = how2
				d.add("direct", sp.start, sp.stop, who2, cue, "partial")
				return
			}
			if how == "subject" {
				d.add("direct", sp.start, sp.stop, who, "", "colon")
				return
			}
			// 侍建宇：“Q” opening a paragraph: an interview's speaker
			// label, a name the entity stage need not know.
			if how == "" {
				if who, ok := d.speakerLabel(q); ok {
					d.how = "label"
					d.add("direct", sp.start, sp.stop, who, "", "colon")
					return
				}
			}
			d.how = ""
		}
		// 德国代表欧盟对新疆“Q”表示关注: the sentence's subject.
		if cue := d.cueStartingAt(after); cue != "" && l >= 6 {
			if who, ok := d.subjectOf(sent, open); ok {
				d.add("partial", sp.start, sp.stop, who, cue, "cue-after")
				return
			}
		}
		// “Q”，X说 / “Q” X说.
		if who, cue, how, ok := d.speakerAfter(after); ok {
			kind := "direct"
			if l < 6 {
				kind = "partial"
			}
			d.how = how
			d.add(kind, sp.start, sp.stop, who, cue, "cue-after")
			return
		}
		// X称这是“Q”: a verb of saying earlier in the clause; or 巴蒂亚则
		// 表示，为目前局势降温需时，“Q”: earlier in the sentence.
		if cue, at := d.cueInClause(sent, open); cue != "" {
			who, how := d.speakerBefore(d.sentStart(at), at, sp.start)
			d.how = how
			if d.passiveBefore(sent, open) {
				who = unknown // 牧民却被告知“Q”: told by whom, the text does not say
				d.how = "passive"
			}
			if l < 6 && who.surface == "" {
				d.how = ""
				return // 宣布建立“无上限”伙伴关系: nobody said these words
			}
			kind := "partial"
			if l >= 6 && hasSentencePunct(content) {
				kind = "direct"
			}
			d.add(kind, sp.start, sp.stop, who, cue, "partial")
			return
		}
		// 新华社报道，…“Q”: the outlet's own words.
		if l >= 6 {
			if who, ok := d.reportingOutlet(sent, open); ok {
				d.add("partial", sp.start, sp.stop, who, "报道", "partial")
				return
			}
		}
		// “Q”（日本综合商社）: the source in brackets right after.
		if l >= 6 {
			if who, ok := d.bracketSource(sp.stop + 1); ok {
				d.add("direct", sp.start, sp.stop, who, "", "cue-after")
				return
			}
		}
		// No verb of saying: speech only if it reads like a sentence.
		if l < 6 || !hasSentencePunct(content) && (l < 15 || d.hasAt(after, thingWords)) {
			return
		}
		// A quote with no verb of saying continues the speaker of the quote
		// or the reported speech before it (in this or the previous
		// paragraph): 他说。“Q2”; a paragraph of quotation after one that
		// named its speaker.
		if d.last.surface != "" && sp.start-d.lastPos < 400 {
			d.add("direct", sp.start, sp.stop, d.last, "", "previous-speaker")
			return
		}
		d.add("direct", sp.start, sp.stop, unknown, "", "none")
	}
}

// listGap reports the separator of a list of quotes: 、，和与及 or
// nothing.
func (d *doc) listGap(gap []rune) bool {
	for _, r := range gap {
		if !listGapRunes.has(r) {
			return false
		}
	}
	return true
}

// nested records a quote inside a quote when it has a speaker of its own
// (海野问我，‘迪克西是什么意思？’; 江金泉明确表示：‘…’).
func (d *doc) nested(sp span) {
	if sp.stop-sp.start < 2 {
		return
	}
	open := sp.start - 1
	q := open
	for q > 0 && colonsCommasSpace.has(d.norm[q-1]) {
		q--
	}
	a := max(0, q-40)
	for k := q - 1; k > a; k-- {
		if stopsAndMarks.has(d.norm[k]) {
			a = k + 1
			break
		}
	}
	cue, at := d.cueEndingAt(a, q)
	if cue == "" {
		cue, at = d.cueBeforeObject(a, q)
	}
	if cue == "" {
		return
	}
	who, how := d.speakerBefore(a, at, sp.start)
	if how != "named" && how != "pronoun" && how != "organization" && how != "role" && how != "subject" || who.surface == "" {
		return
	}
	kind := "direct"
	if sp.stop-sp.start < 6 {
		kind = "partial"
	}
	last, lastPos := d.last, d.lastPos
	d.how = how
	d.add(kind, sp.start, sp.stop, who, cue, "cue-before")
	d.last, d.lastPos = last, lastPos // the outer quote's speaker goes on
}

// speakerAfter reads "，X说" after a closing mark at i, or "，两周之后，他
// 在…中回忆道": the speaker is in the clause before the verb.
func (d *doc) speakerAfter(i int) (speaker, string, string, bool) {
	n := len(d.norm)
	for i < n && (d.norm[i] == ' ' || d.norm[i] == '，' || d.norm[i] == ',') {
		i++
	}
	clause := i
	for k := i; k < n && k-i <= 150; k++ {
		r := d.norm[k]
		if isSentenceEnd(r) || r == '“' || r == '「' {
			return unknown, "", "", false
		}
		if r == '(' || r == '（' {
			// Skip a gloss: 威廉·R·埃瓦尼纳(William R. Evanina)说.
			for k < n && d.norm[k] != ')' && d.norm[k] != '）' && !isSentenceEnd(d.norm[k]) {
				k++
			}
			continue
		}
		if r == '，' || r == ',' {
			clause = k + 1
			continue
		}
		if cue := d.cueStartingAt(k); cue != "" {
			if k == i {
				return unknown, "", "", false
			}
			// A verb whose own words follow it in marks (，马云…调侃与王菲
			// 合作是“乡土音配天籁”) introduces that quote, not this one.
			for j := k + len([]rune(cue)); j < n && j-k < 30; j++ {
				if r := d.norm[j]; r == '“' || r == '「' {
					return unknown, "", "", false
				} else if isPunct(r) {
					break
				}
			}
			who, how := d.speakerBefore(clause, k, i)
			if how == "" {
				k += len([]rune(cue)) - 1
				continue // 他在一份描述那次袭击的材料中回忆道: a later verb
			}
			return who, cue, how, true
		}
	}
	return unknown, "", "", false
}

// subjectOf returns the first person, country or outlet named in the
// sentence before i: the speaker of “Q”表示关注 with no one between.
func (d *doc) subjectOf(sent, i int) (speaker, bool) {
	for _, m := range d.mentionsIn(sent, i) {
		if d.inQuote[m.Start] {
			continue
		}
		return ofMention(m), true
	}
	return unknown, false
}

// cueInClause finds a verb of saying before the opening mark at open in the
// same sentence: within the clause (X称这是“误解”), or further back when a
// speaker stands before it (巴蒂亚则表示，为目前局势降温需时，“…”).
func (d *doc) cueInClause(sent, open int) (string, int) {
	clause := true
	for k := open - 1; k >= sent && open-k <= 150; k-- {
		if clauseMarks.Has(d.norm[k]) {
			// The colon that introduces the quote keeps its clause (我的母亲
			// 在电话中告知警察：“Q”).
			if k != open-1 || !colons.has(d.norm[k]) {
				clause = false
			}
			continue
		}
		if d.inQuote[k] {
			continue
		}
		if cue := d.cueStartingAt(k); cue != "" {
			if clause {
				return cue, k
			}
			// A speaker before it, or one the text leaves unnamed
			// (另一位民主党参议员指责…，“Q”): the quote is not the last
			// speaker's.
			if _, how := d.speakerBefore(d.sentStart(k), k, k); how == "named" || how == "organization" || how == "role" || how == "pronoun" || how == "subject" || how == "outlet-ref" || how == "unnamed" || how == "plural" || how == "joint" {
				return cue, k
			}
		}
	}
	return "", -1
}

// reportedCues returns the positions of the verbs that may introduce
// reported speech, outside quotations. With ends (the post has quotes in
// marks, so the rules will ask sentStart and latinWindow) the same reading
// of the post notes where sentences and lines end (paraBounds), where its
// Latin letters are and where its Latin words start (latinStarts).
func (d *doc) reportedCues(ends bool) []int {
	out := d.scratch.reported[:0]
	defer func() { d.scratch.reported = out[:0] }()
	// prevEnd as sentStart reads it: every position is written, so the
	// array is not cleared first.
	var prevEnd []int32
	if ends {
		if cap(d.scratch.prevEnd) < len(d.norm)+1 {
			d.scratch.prevEnd = make([]int32, len(d.norm)+1)
		}
		prevEnd = d.scratch.prevEnd[:len(d.norm)+1]
		d.scratch.prevEnd = prevEnd
	}
	// Where the Latin letters are, as readLatinWindow counts them: a
	// position is noted for a Latin letter alone, not a count written at
	// every character.
	latins := d.scratch.latinAt[:0]
	last := int32(-1)
	next := 0 // positions before next are inside a verb found
	// The loop reads locals: its stores into prevEnd and latins would
	// otherwise make it load d's fields again at every character.
	norm, first, verbFirst := d.norm, d.s.reportedFirst, d.s.verbFirst
	// One question first of each character (Stage.scanned); without ends
	// only a verb's first character is read further.
	scanned := d.s.scanned
	if !ends {
		scanned = verbFirst
	}
	inQuote := d.inQuote[:len(norm)]
	starts := d.scratch.verbStarts[:0]
	ups, lows := d.scratch.upStarts[:0], d.scratch.lowStarts[:0]
	lines := d.scratch.lines[:0]
	for i, r := range norm {
		if !scanned.Has(r) {
			// No sentence end, Latin letter or verb's first character:
			// only the sentence end before it is noted.
			if ends {
				prevEnd[i] = last
			}
			continue
		}
		if ends {
			// As sentStart reads them.
			prevEnd[i] = last
			if isSentenceEnd(r) || r == '.' && d.latinStop(i) {
				last = int32(i)
				if r == '\n' {
					lines = append(lines, int32(i))
				}
			} else if isLatin(r) {
				latins = append(latins, int32(i))
				if i == 0 || !isLatin(norm[i-1]) {
					ups, lows = noteLatinStart(ups, lows, norm, i)
				}
			}
		}
		// Only a verb's first character starts one (cueLen): the places
		// where a word starts with one are noted for cuePositions.
		if !verbFirst.Has(r) {
			continue
		}
		tok := d.tokStart(i)
		if tok {
			starts = append(starts, int32(i))
		}
		// Only a reported verb's first character can start one here.
		if i < next || !first.Has(r) || inQuote[i] || !tok {
			continue
		}
		if n := d.cueLen(i); n > 0 && d.reportedVerb(i, n) {
			out = append(out, i)
			next = i + n
		}
	}
	d.scratch.verbStarts = starts
	d.verbStarts, d.verbStartsRead = starts, true
	if ends {
		prevEnd[len(d.norm)] = last
		d.prevEnd = prevEnd
		d.scratch.upStarts, d.scratch.lowStarts = ups, lows
		d.upStarts, d.lowStarts, d.startsRead = ups, lows, true
		d.scratch.lines = lines
		d.lines, d.linesRead = lines, true
		d.scratch.latinAt = latins
		d.fewLatin = len(latins) < 40
		if !d.fewLatin {
			d.latinAt = latins
		}
	}
	return out
}

// reportedVerb reports the verb of n characters at i among the verbs that
// introduce reported speech (a map lookup that makes no string: most are
// one or two characters, looked up as such).
func (d *doc) reportedVerb(i, n int) bool {
	switch n {
	case 1:
		return d.s.reportedPairs[[2]rune{d.norm[i]}]
	case 2:
		return d.s.reportedPairs[[2]rune{d.norm[i], d.norm[i+1]}]
	}
	b := d.sink.buf[:0]
	for _, r := range d.norm[i : i+n] {
		b = utf8.AppendRune(b, r)
	}
	d.sink.buf = b
	return d.s.reported[string(b)]
}

// reportedAt reads speech without quotation marks at the verb at i: a named
// speaker before it and the clause after it to the end of the sentence (秦刚
// 表示，中俄不是盟友).
func (d *doc) reportedAt(i int) {
	n := len(d.norm)
	{
		// The verb's name is made only for a quote added (most verbs
		// add none).
		k := i + d.cueLen(i)
		for k < n && (d.norm[k] == '，' || d.norm[k] == '：' || d.norm[k] == ':' || d.norm[k] == ',' || d.norm[k] == ' ') {
			k++
		}
		if k >= n || !isHan(d.norm[k]) && !unicode.IsLetter(d.norm[k]) || d.inQuote[k] || d.inQuote[min(n-1, k+1)] {
			return // a quotation follows (or nothing)
		}
		who, how := d.speakerBefore(d.sentStart(i), i, i)
		if how != "named" && how != "organization" && how != "role" && how != "outlet-ref" && !(how == "pronoun" && who.surface != "") {
			return
		}
		e := k
		for e < n && !isSentenceEnd(d.norm[e]) && e-k < 300 {
			if d.inQuote[e] {
				break
			}
			e++
		}
		if e-k < 4 {
			return
		}
		d.how = how
		d.add("reported", k, e, who, d.cueStartingAt(i), "reported")
	}
}

// passiveBefore reports 被 in the few characters before the quote mark at
// open (被告知, 被要求): the words were said to the subject, not by it.
func (d *doc) passiveBefore(a, open int) bool {
	for k := open - 1; k >= a && open-k <= 3; k-- {
		if d.norm[k] == '被' {
			return true
		}
		if isPunct(d.norm[k]) {
			return false
		}
	}
	return false
}

// reportingOutlet returns an outlet that reports in the sentence before
// open (新华社报道，…; 据《人民日报》报导), not an outlet it cites.
func (d *doc) reportingOutlet(sent, open int) (speaker, bool) {
	for _, m := range d.mentionsIn(sent, open) {
		if m.Type != "outlet" || d.inQuote[m.Start] {
			continue
		}
		k := m.Stop
		for k < open && titleCloses.has(d.norm[k]) {
			k++
		}
		if k+2 <= open && (string(d.norm[k:k+2]) == "报道" || string(d.norm[k:k+2]) == "报导") {
			return ofMention(m), true
		}
	}
	return unknown, false
}

// cueBeforeObject finds a verb of saying followed by the one spoken to
// (海野问我，‘…’; 他告诉记者：“…”) ending at q.
func (d *doc) cueBeforeObject(a, q int) (string, int) {
	for _, obj := range []string{"我", "你", "他", "她", "我们", "记者"} {
		n := len([]rune(obj))
		if q-n > a && string(d.norm[q-n:q]) == obj {
			if cue, at := d.cueEndingAt(a, q-n); cue != "" {
				return cue, at
			}
		}
	}
	return "", -1
}

// bracketSource reads a source in brackets right after a closing mark at i:
// the entity named by the whole bracket, else an unnamed source.
func (d *doc) bracketSource(i int) (speaker, bool) {
	n := len(d.norm)
	if i >= n || (d.norm[i] != '（' && d.norm[i] != '(') {
		return unknown, false
	}
	e := i + 1
	for e < n && e-i <= 20 && d.norm[e] != '）' && d.norm[e] != ')' {
		if stopsCommasMarks.has(d.norm[e]) {
			return unknown, false
		}
		e++
	}
	if e >= n || e-i > 20 || e == i+1 || (d.norm[e] != '）' && d.norm[e] != ')') {
		return unknown, false
	}
	// A source ends the sentence or its clause: not a gloss in the middle
	// of one (“Q”（英文名）一词).
	if e+1 < n && !clauseStops.has(d.norm[e+1]) {
		return unknown, false
	}
	if ms := d.mentionsIn(i+1, e); len(ms) == 1 && ms[0].Start == i+1 && ms[0].Stop == e {
		m := ms[0]
		return ofMention(m), true
	}
	// An unnamed source reads as an organisation (日本综合商社); glosses,
	// notes and references do not (见下图, 下称平阳联通, 第58条, 军马).
	for k := i + 1; k < e; k++ {
		if !isHan(d.norm[k]) {
			return unknown, false
		}
	}
	if noteWords.has(d.norm[i+1]) || !orgFinalSet.has(d.norm[e-1]) {
		return unknown, false
	}
	return unknown, true
}

// speakerLabel reads the name that alone opens a paragraph before a colon
// at end (侍建宇：“…”, 罗家聪：「…」): two to four Han characters starting
// with a surname, or one capitalised Latin word.
func (d *doc) speakerLabel(end int) (speaker, bool) {
	a := end
	for a > 0 && d.norm[a-1] != '\n' && end-a <= 12 {
		a--
	}
	if a > 0 && d.norm[a-1] != '\n' {
		return unknown, false
	}
	a = d.skipSpaces(a, end)
	label := d.norm[a:end]
	switch {
	case len(label) >= 2 && len(label) <= 4 && !slices.ContainsFunc(label, func(r rune) bool { return !isHan(r) }):
		if !d.s.surnameAt(label) && !d.speaksElsewhere(label, a) {
			return unknown, false
		}
	case len(label) >= 2 && len(label) <= 12 && unicode.IsUpper(label[0]) && !slices.ContainsFunc(label, func(r rune) bool { return !isLatin(r) }):
	default:
		return unknown, false
	}
	return speaker{surface: string(d.text[a:end]), typ: "person"}, true
}

// speaksElsewhere reports a label the post also writes, outside the
// paragraph at para, right before a verb of saying (侍建宇：“…” and
// 侍建宇认为): a name whatever its shape, not a role (记者：).
func (d *doc) speaksElsewhere(label []rune, para int) bool {
	w := string(label)
	if w == "记者" || w == "主持人" || w == "编者" || w == "编按" {
		return false
	}
	for i := 0; i+len(label) < len(d.norm); i++ {
		if i == para || d.norm[i] != label[0] || !slices.Equal(d.norm[i:i+len(label)], label) {
			continue
		}
		if i > 0 && isHan(d.norm[i-1]) && !d.tokStart(i) {
			continue
		}
		if d.cueLen(i+len(label)) > 0 {
			return true
		}
	}
	return false
}
