package quotes

import (
	"slices"
	"sort"
	"strconv"
	"unicode"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Short quoted words (under 6 characters) are quotes only when the text
// says someone said or called them that (他称这是“误解”); most are terms,
// names and scare quotes (“清零”政策, 所谓“民主”). The rules decide by a verb
// of saying in reach; the detector, a logistic model over the same evidence
// (its weights are the "short|" features of the speaker model's file),
// decides for every short span in marks, keeping, dropping or adding.

// shortSpan is a stretch in marks shorter than 6 characters.
type shortSpan struct {
	start, stop int
	quote       int // index of the quote the rules made of it, or -1
}

// ShortSpan is a short stretch in marks with the detector's features, for
// training and evaluation.
type ShortSpan struct {
	Text     string
	Start    int
	Features []string
}

// shortSpans returns the top-level spans in marks under 6 characters, after
// the title line, with the quote the rules made of each (the last one not
// reported that begins where the span does), in the scratch's array. The
// quotes must be in order of start (sortQuotes): each span's are found by
// binary search, with no map made per post.
func (d *doc) shortSpans() []shortSpan {
	out := d.scratch.shorts[:0]
	for _, sp := range d.spans {
		if sp.depth > 0 || sp.stop <= sp.start || sp.start < d.skip || sp.stop-sp.start >= 6 {
			continue
		}
		q := -1
		for i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].Start >= sp.start }); i < len(d.quotes) && d.quotes[i].Start == sp.start; i++ {
			if d.quotes[i].Kind != "reported" {
				q = i
			}
		}
		out = append(out, shortSpan{start: sp.start, stop: sp.stop, quote: q})
	}
	d.scratch.shorts = out
	return out
}

// shortFeatures describes a short span for the detector; ev, when not
// nil, is what a speaker model makes of it (shortSpeaker).
func (d *doc) shortFeatures(fs *featSink, s shortSpan, ev *spkEv) {
	n := len(d.norm)
	open := s.start - 1
	content := d.norm[s.start:s.stop]
	rule, kind := "none", "none"
	if s.quote >= 0 {
		rule, kind = d.quotes[s.quote].Rule, d.quotes[s.quote].Kind
	}
	fs.addShort(shBias)
	fs.add("short|rules=", rule, "")
	fs.add("short|rules_kind=", kind, "")
	fs.addShort(shLen + shortFeat(binIndex(s.stop-s.start, shortLenEdges[:])))
	sent := d.sentStart(max(open, 0))
	q := open
	for q > sent && (d.norm[q-1] == ' ' || d.norm[q-1] == '\u3000') {
		q--
	}
	colon := q > sent && colons.has(d.norm[q-1])
	if colon || q > sent && commas.has(d.norm[q-1]) {
		q--
	}
	if colon {
		fs.addShort(shColon)
	}
	if cue, _ := d.cueEndingAt(sent, q); cue != "" {
		fs.addShort(shCueBefore)
	}
	if cue, at := d.cueInClause(sent, max(open, 0)); cue != "" {
		fs.addShort(shClause + shortFeat(binIndex(open-at, shortClauseEdges[:])))
	}
	if q > sent && d.s.namingRev.LongestBack(d.norm[sent:q], q-sent) > 0 {
		fs.addShort(shNaming)
	}
	if q > sent && d.s.calledRev.LongestBack(d.norm[sent:q], q-sent) > 0 {
		fs.addShort(shCalled)
	}
	after := min(n, s.stop+1)
	if after < n && d.cueLen(after) > 0 {
		fs.addShort(shCueAfter)
	}
	if d.hasAt(after, thingWords) {
		fs.addShort(shThingAfter)
	}
	if endsWithThing(content) {
		fs.addShort(shThingName)
	}
	fs.addShort(shPrev + shortFeat(charClassOf(d.norm, open-1)))
	fs.addShort(shNext + shortFeat(charClassOf(d.norm, after)))
	if open >= 2 {
		fs.addShort(shPrev2 + shortFeat(charClassOf(d.norm, open-2)*nCharClasses+charClassOf(d.norm, open-1)))
	}
	if hasSentencePunct(content) {
		fs.addShort(shPunct)
	}
	latin := true
	for _, r := range content {
		if isHan(r) {
			latin = false
		}
	}
	if latin {
		fs.addShort(shLatin)
	}
	for _, r := range content {
		if r == '我' || r == '你' {
			fs.addShort(shPersonWord)
			break
		}
	}
	if len(d.mentionsIn(s.start, s.stop)) > 0 {
		fs.addShort(shHasName)
	}
	// One of a list of quoted words (“欺诈门”、“支付宝拆分”).
	if open > 0 && quoteListJoins.has(d.norm[open-1]) && open > 1 && isCloseMark(d.norm[open-2]) ||
		after < n && quoteListJoins.has(d.norm[after]) && after+1 < n && closeOf(d.norm[after+1]) != 0 {
		fs.addShort(shList)
	}
	// Someone named in the sentence before it: said by someone.
	if len(d.mentionsIn(sent, max(open, sent))) > 0 {
		fs.addShort(shNamedBefore)
	}
	// A term comes back: marked again elsewhere in the post (“虾米音乐”
	// twice). Words someone said are seldom repeated.
	if d.markedCount(content) > 1 {
		fs.addShort(shMarkedAgain)
	}
	fs.addShort(shSpkGov + shortFeat(d.govSpeaker(s.start)))
	if ev != nil {
		fs.addShort(shSpkNone + shortFeat(binIndex(int(ev.none*100), shortSpkEdges[:])))
		fs.addShort(shSpkTop + shortFeat(ev.top))
	}
}

// spkEv is what the speaker model makes of a short span as if it were a
// quote: whether the text says someone said it is the speaker side's
// question, which the span's surface cannot answer (他称这是“误解” against
// 所谓“民主”).
type spkEv struct {
	none float64 // the probability that nobody said it (NONE)
	top  int     // the best candidate's type: 0 NONE, 1 person, 2 organisation, 3 other
}

// shortSpeaker asks the speaker model m about each short span (in spans'
// order): the spans the rules made no quote of are read as partial quotes
// for the while, each span's candidates scored as the stage scores a
// quote's, with the rules' speakers before it as its previous speakers.
// The quotes are as before on return.
func (d *doc) shortSpeaker(spans []shortSpan, m *Model) []spkEv {
	out := make([]spkEv, len(spans))
	asQuote := func(s shortSpan) pipeline.Quote {
		return pipeline.Quote{Kind: "partial", Text: d.textOf(s.start, s.stop), Start: s.start, Stop: s.stop, SpeakerType: "unknown", Rule: "short"}
	}
	d.withSpansAsQuotes(spans, asQuote, func() {
		// Each span's quote: the last one not reported that begins there (as
		// shortSpans finds the rules').
		at := make(map[int]int, len(spans))
		for i, q := range d.quotes {
			if q.Kind != "reported" {
				at[q.Start] = i
			}
		}
		want := make(map[int]int, len(spans)) // quote index -> span index
		for k, s := range spans {
			want[at[s.start]] = k
		}
		from := len(d.candOut)
		saveSink := d.sink.m
		d.sink.m = m
		var prevs []speaker
		var prevEnds []int
		quoted := quoteCounts{id: map[string]int{}, surface: map[string]int{}}
		var p []float64
		for qi, q := range d.quotes {
			if k, ok := want[qi]; ok {
				cs := d.quoteCandidates(qi, prevs, prevEnds, quoted)
				p = p[:0]
				for _, c := range cs {
					p = append(p, c.score)
				}
				best := pick(p)
				ev := spkEv{none: p[0]}
				if best > 0 {
					switch cs[best].Type {
					case "person":
						ev.top = 1
					case "organization":
						ev.top = 2
					default:
						ev.top = 3
					}
				}
				out[k] = ev
			}
			if sp, ok := prevSpeaker(qi, q, nil, nil); ok {
				prevs = append(prevs, sp)
				prevEnds = append(prevEnds, q.Stop)
				quoted.id[sp.entityID]++
				quoted.surface[sp.surface]++
			}
		}
		d.sink.m = saveSink
		clear(d.candOut[from:])
		d.candOut = d.candOut[:from]
	})
	return out
}

// govSpeaker returns who speaks at the verb of saying nearest before the
// span beginning at start in its sentence, as the rules read a verb's
// subject (cueSubjects): 0 no verb, 1 a person, 2 an organisation, 3 a
// verb whose speaker they do not read. Someone named saying it (李强批评
// 他们“胡闹”) against a report or nobody (所谓“民主”): the speaker side of
// whether the words are someone's. The verbs must have been read with the
// short spans' windows (readCues).
func (d *doc) govSpeaker(start int) int {
	open := max(0, start-1)
	g := d.governingCue(d.sentStart(open), open)
	if g < 0 {
		return 0
	}
	subj := d.cueSubjects()
	for k := sort.Search(len(subj), func(k int) bool { return subj[k].at >= g }); k < len(subj) && subj[k].at == g; k++ {
		switch subj[k].sp.typ {
		case "person":
			return 1
		case "organization":
			return 2
		}
	}
	return 3
}

// readCues reads the post's verbs of saying and their speakers, once, in
// the windows of the quotes and of the short spans the rules made no
// quote of (each read for the while as a partial quote): the verbs are
// read only near quotes (cuePositions), and a span's own must be among
// them. The quotes are as before on return.
func (d *doc) readCues(spans []shortSpan) {
	if d.cues != nil {
		return
	}
	if !slices.ContainsFunc(spans, func(s shortSpan) bool { return s.quote < 0 }) {
		d.cuePositions()
		d.cueSubjects()
		return
	}
	d.withSpansAsQuotes(spans, func(s shortSpan) pipeline.Quote {
		return pipeline.Quote{Kind: "partial", Start: s.start, Stop: s.stop}
	}, func() {
		d.cuePositions()
		d.cueSubjects()
	})
}

// withSpansAsQuotes runs fn with each short span the rules made no quote
// of added to the post's quotes (as asQuote makes it, meta "short"), in
// order; the quotes and their meta are as before on return. The copies
// kept meanwhile are the doc's scratch's.
func (d *doc) withSpansAsQuotes(spans []shortSpan, asQuote func(shortSpan) pipeline.Quote, fn func()) {
	n := len(d.quotes)
	var saveQ []pipeline.Quote
	var saveM []quoteMeta
	if sc := d.scratch; sc != nil {
		saveQ, saveM = sc.saveQ[:0], sc.saveM[:0]
	}
	saveQ, saveM = append(saveQ, d.quotes...), append(saveM, d.meta...)
	for _, s := range spans {
		if s.quote < 0 {
			d.quotes = append(d.quotes, asQuote(s))
			d.meta = append(d.meta, quoteMeta{how: "short"})
		}
	}
	if len(d.quotes) > n {
		d.sortQuotes()
	}
	fn()
	m := len(d.quotes)
	d.quotes, d.meta = append(d.quotes[:0], saveQ...), append(d.meta[:0], saveM...)
	clear(d.quotes[n:m])
	clear(d.meta[n:m])
	if sc := d.scratch; sc != nil {
		sc.saveQ, sc.saveM = cleared(saveQ), cleared(saveM) // no strings of this post kept
	}
}

// spkModel returns the speaker model the detector m asks about short
// spans, or nil when none of its short|spk_ features weighs.
func (m *Model) spkModel() *Model {
	if !m.spkOn {
		return nil
	}
	if m.ShortSpeaker != nil {
		return m.ShortSpeaker
	}
	return m
}

// markedCount counts how often a short span's text is in marks in the
// post (comparing characters: no string per span).
func (d *doc) markedCount(content []rune) int {
	n := 0
	for _, sp := range d.spans {
		if sp.stop-sp.start == len(content) && slices.Equal(d.norm[sp.start:sp.stop], content) {
			n++
		}
	}
	return n
}

func isCloseMark(r rune) bool { return openOf(r) != 0 || r == '"' }

// classWords are the characters that name their own class.
const classWords = "的是为对以在把被称说道称叫作谓等个了及和与、，。：；！？"

// The kinds that name other characters, after classWords's
// characters (numbered in their order, each once).
const (
	classNl = iota + nClassWords
	classHan
	classLatin
	classMark
	classOther
	classEdge
	nCharClasses
)

// nClassWords counts classWords's distinct characters (TestShortNumbered).
const nClassWords = 27

// classWordRunes are classWords's distinct characters, charClassNames the
// name of each class by number.
var classWordRunes, charClassNames = func() ([]rune, [nCharClasses]string) {
	var rs []rune
	for _, r := range classWords {
		if !slices.Contains(rs, r) {
			rs = append(rs, r)
		}
	}
	var names [nCharClasses]string
	for k, r := range rs[:min(len(rs), nClassWords)] {
		names[k] = string(r)
	}
	names[classNl], names[classHan], names[classLatin], names[classMark], names[classOther], names[classEdge] = "nl", "han", "latin", "mark", "other", "edge"
	return rs, names
}()

// charClassOf numbers the class of the character at i for the detector
// (its name is charClassNames's): the words that frame terms (的, 是, 为,
// 对, 以) and quotes (称, 说) by themselves, else its kind. No string made.
func charClassOf(r []rune, i int) int {
	if i < 0 || i >= len(r) {
		return classEdge
	}
	c := r[i]
	if k := slices.Index(classWordRunes, c); k >= 0 {
		return k
	}
	switch {
	case c == '\n':
		return classNl
	case isHan(c):
		return classHan
	case unicode.IsLetter(c) || unicode.IsDigit(c):
		return classLatin
	case isCloseMark(c) || closeOf(c) != 0:
		return classMark
	}
	return classOther
}

// shortFeat numbers the detector's features of a fixed set of names (all
// but the rules' rule and kind), so that scoring finds their weights by
// index (Model.shortW) rather than by a name put together.
type shortFeat int16

const (
	shBias shortFeat = iota
	shColon
	shCueBefore
	shNaming
	shCueAfter
	shThingAfter
	shThingName
	shPunct
	shLatin
	shPersonWord
	shHasName
	shList
	shNamedBefore
	shMarkedAgain
	shCalled
	shLen                                                       // + the bin of the length (shortLenEdges)
	shClause  = shLen + shortFeat(len(shortLenEdges)) + 1       // + the bin of the distance to a verb in the clause
	shPrev    = shClause + shortFeat(len(shortClauseEdges)) + 1 // + the class before the opening mark
	shNext    = shPrev + nCharClasses                           // + the class after the closing mark
	shPrev2   = shNext + nCharClasses                           // + the two classes before, first*nCharClasses+second
	shSpkGov  = shPrev2 + nCharClasses*nCharClasses             // + who speaks at the governing verb (govSpeaker)
	shSpkNone = shSpkGov + 4                                    // + the bin of the speaker model's P(nobody) (shortSpkEdges)
	shSpkTop  = shSpkNone + shortFeat(len(shortSpkEdges)) + 1   // + its best candidate's type (spkEv.top)
	nShort    = shSpkTop + 4
)

var (
	shortLenEdges    = [...]int{1, 2, 3, 4, 5}
	shortClauseEdges = [...]int{2, 5, 10, 30}
	shortSpkEdges    = [...]int{20, 40, 60, 80} // P(nobody), in hundredths
)

// shortNames are the numbered features' names.
var shortNames = func() [nShort]string {
	var out [nShort]string
	for k, name := range []string{"bias", "colon", "cue_before", "naming", "cue_after", "thing_after", "thing_name", "punct", "latin", "person_word", "has_name", "list", "named_before", "marked_again", "called"} {
		out[k] = "short|" + name
	}
	binNames := func(edges []int) []string {
		var ns []string
		for _, e := range edges {
			ns = append(ns, strconv.Itoa(e))
		}
		return append(ns, "more")
	}
	for i, b := range binNames(shortLenEdges[:]) {
		out[int(shLen)+i] = "short|len=" + b
	}
	for i, b := range binNames(shortClauseEdges[:]) {
		out[int(shClause)+i] = "short|cue_clause=" + b
	}
	for i, b := range binNames(shortSpkEdges[:]) {
		out[int(shSpkNone)+i] = "short|spk_none=" + b
	}
	for i, t := range []string{"none", "person", "org", "other"} {
		out[int(shSpkTop)+i] = "short|spk_top=" + t
		out[int(shSpkGov)+i] = "short|spk_gov=" + t
	}
	for a, an := range charClassNames {
		out[int(shPrev)+a] = "short|prev=" + an
		out[int(shNext)+a] = "short|next=" + an
		for b, bn := range charClassNames {
			out[int(shPrev2)+a*nCharClasses+b] = "short|prev2=" + an + bn
		}
	}
	return out
}()

// addShort receives the detector's feature f: with a model, its weight
// and tree bit, as add would by its name.
func (fs *featSink) addShort(f shortFeat) {
	if fs.m == nil {
		fs.strs = append(fs.strs, shortNames[f])
		return
	}
	fs.score += fs.m.shortW[f]
	if b := fs.m.shortBit[f]; b > 0 {
		b--
		fs.treeBits()[b>>6] |= 1 << (b & 63)
	}
}

// shortWeights returns the weight and 1 + the tree bit (0 for none) of
// each numbered detector feature.
func (m *Model) shortWeights() (w []float64, bit []int32) {
	w, bit = make([]float64, nShort), make([]int32, nShort)
	for k, name := range shortNames {
		w[k] = m.w[name]
		if b, ok := m.tf[name]; ok {
			bit[k] = int32(b) + 1
		}
	}
	return w, bit
}

// ShortThreshold is the log-odds above which the detector keeps a short
// span when its model file gives none (ShortThresholdName): below 0
// (p = 0.5) since a missed quote costs as much as a false one and quotes
// are the rarer class.
var ShortThreshold = -0.8

// ShortThresholdName is the model file's line that holds the detector's
// threshold: chosen with the weights it goes with (an F1-optimal threshold
// moves with the fit), by cross-validation on the training posts.
const ShortThresholdName = "short|threshold"

// ShortThreshold returns the log-odds above which m's detector keeps a
// short span: its file's line, else the package's ShortThreshold.
func (m *Model) ShortThreshold() float64 {
	if t, ok := m.w[ShortThresholdName]; ok {
		return t
	}
	return ShortThreshold
}

// SetShortThreshold makes t m's detector threshold (a line of its file).
func (m *Model) SetShortThreshold(t float64) {
	m.w[ShortThresholdName] = t
	m.short = true
}

// ShortScore returns the detector's log-odds of keeping a span with the
// features fs (ShortSpan.Features), as detectShort scores it.
func (m *Model) ShortScore(fs []string) float64 {
	s := 0.0
	for _, f := range fs {
		s += m.w[f]
	}
	return s
}

// detectShort lets the model keep, drop or add the short quotes; an added
// one is a partial quote whose speaker the speaker model then chooses.
func (d *doc) detectShort(m *Model) {
	spans := d.shortSpans()
	if len(spans) == 0 {
		return
	}
	d.readCues(spans)
	var evs []spkEv
	if spk := m.spkModel(); spk != nil {
		evs = d.shortSpeaker(spans, spk)
	}
	fs := &d.sink
	fs.m = m
	threshold := m.ShortThreshold()
	// The quotes dropped, by index: an array of the scratch's.
	drop := resized(d.scratch.drop, len(d.quotes))
	d.scratch.drop = drop
	dropped := false
	var add []shortSpan
	for k, s := range spans {
		fs.reset()
		var ev *spkEv
		if evs != nil {
			ev = &evs[k]
		}
		d.shortFeatures(fs, s, ev)
		keep := fs.score > threshold // logistic: the log-odds of keeping
		switch {
		case s.quote >= 0 && !keep:
			drop[s.quote], dropped = true, true
		case s.quote < 0 && keep:
			add = append(add, s)
		}
	}
	if !dropped && len(add) == 0 {
		return
	}
	// Filtered in place (each row is written at or before where it is
	// read), the dropped rows' strings cleared.
	n := len(d.quotes)
	qs, ms := d.quotes[:0], d.meta[:0]
	for i := range n {
		if !drop[i] {
			qs, ms = append(qs, d.quotes[i]), append(ms, d.meta[i])
		}
	}
	clear(d.quotes[len(qs):n])
	clear(d.meta[len(ms):n])
	for _, s := range add {
		qs = append(qs, pipeline.Quote{Kind: "partial", Text: d.textOf(s.start, s.stop), Start: s.start, Stop: s.stop,
			SpeakerType: "unknown", Rule: "short", Confidence: 0.5})
		ms = append(ms, quoteMeta{how: "short"})
	}
	d.quotes, d.meta = qs, ms
	d.sortQuotes()
}

// shortExamples returns the short spans with their features (no model);
// spk, when not nil, is the speaker model the short|spk_ features ask.
func (d *doc) shortExamples(spk *Model) []ShortSpan {
	var out []ShortSpan
	fs := &featSink{}
	spans := d.shortSpans()
	d.readCues(spans)
	var evs []spkEv
	if spk != nil {
		evs = d.shortSpeaker(spans, spk)
	}
	for k, s := range spans {
		fs.reset()
		var ev *spkEv
		if evs != nil {
			ev = &evs[k]
		}
		d.shortFeatures(fs, s, ev)
		out = append(out, ShortSpan{Text: string(d.text[s.start:s.stop]), Start: s.start, Features: fs.strs})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// calledWords come right before a name others call someone or something
// by (人称“维权能手”, 被封为“四川女婿”): the guide makes such a name a short
// quote, where 所谓“…” or 简称“…” marks a term. Several are naming words too
// (naming_verbs.txt); short|called lets the detector weigh them apart.
var calledWords = []string{"被称为", "称为", "称之为", "被称作", "称作", "号称", "人称", "被誉为", "誉为",
	"叫做", "被叫做", "名叫", "外号", "绰号", "昵称", "被封为", "封为", "自称", "戏称", "讥称", "笑称",
	"尊称", "美称", "冠以", "被冠以"}
