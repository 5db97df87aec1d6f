package quotes

import (
	"slices"
	"sort"
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

// shortFeatures describes a short span for the detector.
func (d *doc) shortFeatures(fs *featSink, s shortSpan) {
	n := len(d.norm)
	open := s.start - 1
	content := d.norm[s.start:s.stop]
	rule, kind := "none", "none"
	if s.quote >= 0 {
		rule, kind = d.quotes[s.quote].Rule, d.quotes[s.quote].Kind
	}
	fs.add("short|bias", "", "")
	fs.add("short|rules=", rule, "")
	fs.add("short|rules_kind=", kind, "")
	fs.add("short|len=", bin(s.stop-s.start, 1, 2, 3, 4, 5), "")
	sent := d.sentStart(max(open, 0))
	q := open
	for q > sent && (d.norm[q-1] == ' ' || d.norm[q-1] == '\u3000') {
		q--
	}
	colon := q > sent && runeIn(d.norm[q-1], "：:")
	if colon || q > sent && runeIn(d.norm[q-1], "，,") {
		q--
	}
	if colon {
		fs.add("short|colon", "", "")
	}
	if cue, _ := d.cueEndingAt(sent, q); cue != "" {
		fs.add("short|cue_before", "", "")
	}
	if cue, at := d.cueInClause(sent, max(open, 0)); cue != "" {
		fs.add("short|cue_clause=", bin(open-at, 2, 5, 10, 30), "")
	}
	if q > sent && d.s.namingRev.LongestBack(d.norm[sent:q], q-sent) > 0 {
		fs.add("short|naming", "", "")
	}
	after := min(n, s.stop+1)
	if after < n && d.cueLen(after) > 0 {
		fs.add("short|cue_after", "", "")
	}
	if d.hasAt(after, thingWords) {
		fs.add("short|thing_after", "", "")
	}
	if endsWithThing(content) {
		fs.add("short|thing_name", "", "")
	}
	fs.add("short|prev=", charClass(d.norm, open-1), "")
	fs.add("short|next=", charClass(d.norm, after), "")
	if open >= 2 {
		fs.add("short|prev2=", charClass(d.norm, open-2), charClass(d.norm, open-1))
	}
	if hasSentencePunct(content) {
		fs.add("short|punct", "", "")
	}
	latin := true
	for _, r := range content {
		if isHan(r) {
			latin = false
		}
	}
	if latin {
		fs.add("short|latin", "", "")
	}
	for _, r := range content {
		if r == '我' || r == '你' {
			fs.add("short|person_word", "", "")
			break
		}
	}
	if len(d.mentionsIn(s.start, s.stop)) > 0 {
		fs.add("short|has_name", "", "")
	}
	// One of a list of quoted words (“欺诈门”、“支付宝拆分”).
	if open > 0 && runeIn(d.norm[open-1], "、和与及") && open > 1 && isCloseMark(d.norm[open-2]) ||
		after < n && runeIn(d.norm[after], "、和与及") && after+1 < n && closeOf(d.norm[after+1]) != 0 {
		fs.add("short|list", "", "")
	}
	// Someone named in the sentence before it: said by someone.
	if len(d.mentionsIn(sent, max(open, sent))) > 0 {
		fs.add("short|named_before", "", "")
	}
	// A term comes back: marked again elsewhere in the post (“虾米音乐”
	// twice). Words someone said are seldom repeated.
	if d.markedCount(content) > 1 {
		fs.add("short|marked_again", "", "")
	}
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

// charClass names the character at i for the detector: the words that
// frame terms (的, 是, 为, 对, 以) and quotes (称, 说) by themselves, else
// its kind.
func charClass(r []rune, i int) string {
	if i < 0 || i >= len(r) {
		return "edge"
	}
	c := r[i]
	switch {
	case runeIn(c, "的是为对以在把被称说道称叫作谓等个了及和与、，。：；！？"):
		return string(c)
	case c == '\n':
		return "nl"
	case isHan(c):
		return "han"
	case unicode.IsLetter(c) || unicode.IsDigit(c):
		return "latin"
	case isCloseMark(c) || closeOf(c) != 0:
		return "mark"
	}
	return "other"
}

// ShortThreshold is the log-odds above which the detector keeps a short
// span: below 0 (p = 0.5) since a missed quote costs as much as a false one
// and quotes are the rarer class; chosen by cross-validation.
var ShortThreshold = -0.8

// detectShort lets the model keep, drop or add the short quotes; an added
// one is a partial quote whose speaker the speaker model then chooses.
func (d *doc) detectShort(m *Model) {
	spans := d.shortSpans()
	if len(spans) == 0 {
		return
	}
	fs := &d.sink
	fs.m = m
	// The quotes dropped, by index: an array of the scratch's.
	drop := resized(d.scratch.drop, len(d.quotes))
	d.scratch.drop = drop
	dropped := false
	var add []shortSpan
	for _, s := range spans {
		fs.reset()
		d.shortFeatures(fs, s)
		keep := fs.score > ShortThreshold // logistic: the log-odds of keeping
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

// shortExamples returns the short spans with their features (no model).
func (d *doc) shortExamples() []ShortSpan {
	var out []ShortSpan
	fs := &featSink{}
	for _, s := range d.shortSpans() {
		fs.reset()
		d.shortFeatures(fs, s)
		out = append(out, ShortSpan{Text: string(d.text[s.start:s.stop]), Start: s.start, Features: fs.strs})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}
