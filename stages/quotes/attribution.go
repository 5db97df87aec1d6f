package quotes

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/lexicon"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/internal/runes"
	"github.com/newsnlp/newsnlp/stages/internal/runeset"
	"github.com/newsnlp/newsnlp/stages/internal/trie"
)

// doc is one post as the quote rules see it.
type doc struct {
	s    *Stage
	text []rune
	norm []rune
	// src is the text as given; srcValid says it is valid UTF-8, so that
	// code point k of text begins at byte atByte of src when k is atRune
	// (textOf).
	src            string
	srcValid       bool
	atRune, atByte int
	// byteMarks[k] is where code point k*byteStep begins in src, noted
	// as the post was decoded.
	byteMarks []int32
	tokens    []pipeline.Token
	tokAt     []int32
	mentions  []pipeline.Mention
	// pseud are the mentions of made-up names among mentions: their
	// words are nobody's.
	pseud []pipeline.Mention
	// mentionEnd[i] is 1 + the index of the mention that ends at i, or 0
	// (endingAt).
	mentionEnd []int32
	quotes     []pipeline.Quote
	inQuote    []bool // positions inside a direct quote

	// The speaker of the last attributed quote, for quotes standing alone,
	// and where that quote ended.
	last    speaker
	lastPos int
	// The last speaker who is not the narrator: whom 他 and 她 can mean in
	// a dialogue with 我.
	other    speaker
	otherPos int

	// skip is where quotes may begin: after a title line.
	skip int
	// narrator is who 我 is outside quotes, when the post credits one
	// author ("" when not).
	narrator string

	// women are the people any of whose names reads as a woman's.
	women map[string]bool
	// femaleM is, per mention, femaleAt's answer (0 where not read yet).
	femaleM []uint8

	// how says how the rules found the speaker of the quote being added
	// (named, subject, pronoun …); meta keeps it per quote, beside quotes,
	// as a feature of the speaker model.
	how  string
	meta []quoteMeta

	// counts are the mentions per entity, for the speaker model.
	counts map[string]int
	// quoted counts the quotes so far per speaker (candidates).
	quoted quoteCounts
	// cues are the verbs of saying outside quotes, cueSubj the speakers
	// at them, each read once.
	cues    *[]cueAt
	cueSubj *[]cueSubject
	// top are the people the post names most, once read.
	top *[]speaker
	// tags are the names gse tags that no mention covers, once read.
	tags *[]gseTag
	// orgs are the organisations named by their head word, once read.
	orgs *[]orgName
	// docs are the documents named and their owners, once read (docOccs).
	docs *[]docOcc
	// cut are the people whose every mention opens an organisation's
	// name (orgNames): the entity stage cut the name short.
	cut []cutName
	// latin are the runs of capitalised Latin words, once read
	// (latinRead).
	latin     []latinName
	latinRead bool
	// latinFull gives a Latin-script name's part the fullest name it
	// stands for (latinNames).
	latinFull map[string]speaker
	// lower are the Latin words the post writes in lower case, once read.
	lower *lowerIndex
	// lowerSeen are the answers of lowerWord so far.
	lowerSeen map[string]bool
	// upStarts and lowStarts are where the Latin words starting with a
	// capital letter (after no Latin letter) and with a lower-case one
	// (after no Latin letter or digit) begin, read by reportedCues' pass
	// over the post or else by latinStarts (startsRead): latinNames reads
	// a run at each capital start alone, and a post with few lower-case
	// words has them compared directly rather than indexed (lowerRunes).
	upStarts, lowStarts []int32
	startsRead          bool
	// latinAt are where the Latin letters are, in text order (latinWindow
	// counts them by binary search), once read; fewLatin says the post has
	// fewer than 40 and latinAt is not read.
	latinAt  []int32
	fewLatin bool
	enWin    latinAnswer // latinWindow's last answer
	// enCue is the length of the English verb of saying at each position,
	// once read.
	enCue []uint8
	// candOut holds the candidates of the quotes so far (quoteCandidates).
	candOut []Candidate
	// sink receives candidates' features; with a model it scores them.
	sink featSink
	// prevEnd is where the sentence before each position ends (sentStart).
	prevEnd []int32
	// cueN is, at each position read so far, 1 + the length of the verb of
	// saying that starts there; 0 where not read yet (cueLen).
	cueN []uint8
	// verbStarts are the positions where a word starts with the first
	// character of a verb of saying, in text order, noted by reportedCues'
	// reading of the post (verbStartsRead) for cuePositions.
	verbStarts     []int32
	verbStartsRead bool
	// lines are where the lines of the post end ('\n'), in text order,
	// noted by the same reading (linesRead) for paraBounds.
	lines     []int32
	linesRead bool
	// cueAfter is, at each position asked so far, 2 + how far after it
	// the verb of saying cueAfterName finds begins, 1 where it finds none,
	// 0 where not read yet.
	cueAfter []uint8
	// lexAt are, at each position asked so far, the number of the word
	// after it ([lexSideAfter]) and before it ([lexSideBefore]) among the
	// model's lexical words (lexID), 0 where not read yet: a name is a
	// candidate of every quote near it.
	lexAt [2][]int32
	// tokClus is each token's cluster, read when first asked (clusterOf).
	tokClus []uint16
	// clusAt are, at each position asked so far, 2 + the finest cluster
	// of the word after it ([lexSideAfter]) and before it
	// ([lexSideBefore]), 1 for none, 0 where not read yet (clusterAt).
	clusAt [2][]uint16
	// spans are the stretches in marks.
	spans []span
	// matches is cueAt's buffer, verbBuf verbName's.
	matches []trie.Match[struct{}]
	verbBuf []byte
	// scratch holds text, norm, tokAt, inQuote, prevEnd, the Latin counts,
	// the quote rows and the doc itself (release).
	scratch *scratch
	// subj holds speakerBefore's answers for stretches [a, b) whose
	// reading never looked at the quotes found so far (d.last, d.other,
	// the quote's start): those answers hold for every caller. It is on
	// (non-nil) once the mentions are read; stateReads counts the readings
	// that did look.
	subj       map[uint64]subjAt
	stateReads int
	// pronAt is 1 + where subjectBefore's answer is the pronoun there,
	// resolved by pronoun and nothing else read of the quotes so far; 0
	// when not (speakerBefore).
	pronAt  int
	pronShe bool
}

// quoteMeta is what the rules knew of a quote beyond its row.
type quoteMeta struct {
	how string
}

// speaker is who said something.
type speaker struct {
	surface, entityID, typ string
}

var unknown = speaker{typ: "unknown"}

// subjAt is a speakerBefore answer kept for its stretch: a speaker, or,
// when pron > 0, the pronoun at pron-1 (她 when she) resolved for each
// quote (pronoun).
type subjAt struct {
	sp   speaker
	how  string
	pron int
	she  bool
}

// scratch holds a doc's per-character arrays, kept for the next post
// (they were about a twentieth of a run's allocation). Nothing returned
// by find points into them: quotes and speakers copy their text.
type scratch struct {
	// doc is the post's doc itself (newDoc), made anew in place.
	doc            doc
	text, norm     []rune
	tokAt, prevEnd []int32
	latinAt        []int32
	inQuote        []bool
	cueN, enCue    []uint8
	femaleM        []uint8 // femaleAt's
	cueAfter       []uint8
	lexAt          [2][]int32
	tokClus        []uint16
	clusAt         [2][]uint16
	clusBuf        []byte
	mentionEnd     []int32
	names          []nameCount
	pend           []pending   // fullNames's
	shorts         []shortSpan // shortSpans's
	drop           []bool      // detectShort's
	// latinNames's runs, and the words of a run (where each begins and
	// ends); the starts of Latin words (upStarts, lowStarts).
	latin               []latinName
	words               [][2]int
	upStarts, lowStarts []int32
	reported            []int          // reportedCues's
	verbStarts          []int32        // reportedCues's
	lines               []int32        // reportedCues's
	byteMarks           []int32        // byteAt's checkpoints
	seen                map[string]int // fullNames's, emptied (see keepMap)
	people              []personCount  // topPeople's
	cands               candScratch
	// The candidates of the model's path, which keeps none past the post.
	candOut []Candidate
	// The rows of the quotes found and their meta (find returns a copy).
	quotes []pipeline.Quote
	meta   []quoteMeta
	// readCues's copies of the quotes and their meta while it reads.
	saveQ []pipeline.Quote
	saveM []quoteMeta
	// The quotes so far per speaker (candidates), emptied; their speakers
	// and where they end.
	quotedID, quotedSurface map[string]int
	prevs                   []speaker
	prevEnds                []int
	// What a post's reading builds once: the spans in marks (and the
	// stack that pairs them), the verbs of saying and their speakers, the
	// names gse tags, the organisations by head word; and the sink's
	// buffers.
	spans   []span
	stack   []openMark
	cues    []cueAt
	cueSubj []cueSubject
	tags    []gseTag
	orgs    []orgName
	sink    featSink
	subj    map[uint64]subjAt
	// mentionCount's and lowerWord's maps, emptied (see keepMap).
	counts    map[string]int
	lowerSeen map[string]bool
	// lowerWords' index and the words it reads, in text order.
	lower    lowerIndex
	lowerAll [][2]int32
}

// maxKeptMap bounds the entries of a map kept for the next post: clearing
// costs its capacity, which a long post's map keeps.
const maxKeptMap = 256

// keepMap returns m emptied for the next post, or nil when it grew past
// maxKeptMap.
func keepMap[K comparable, V any](m map[K]V) map[K]V {
	return keepMapN(m, maxKeptMap)
}

// keepMapN is keepMap for maps of up to limit entries.
func keepMapN[K comparable, V any](m map[K]V, limit int) map[K]V {
	if m == nil || len(m) > limit {
		return nil
	}
	clear(m)
	return m
}

// keepInto keeps m, emptied, in *kept when the post took a map (a post
// that did not leaves the kept one), unless it grew past limit.
func keepInto[K comparable, V any](kept *map[K]V, m map[K]V, limit int) {
	if m != nil {
		*kept = keepMapN(m, limit)
	}
}

// takeMap returns *kept (or a new map) and leaves nil in its place.
func takeMap[K comparable, V any](kept *map[K]V) map[K]V {
	m := *kept
	*kept = nil
	if m == nil {
		m = map[K]V{}
	}
	return m
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// maxScratch bounds the characters of arrays kept for reuse.
const maxScratch = 1 << 20

// release gives the doc's arrays back for reuse; the doc must not be used
// after.
func (d *doc) release() {
	if sc := d.scratch; sc != nil && cap(sc.text) <= maxScratch {
		d.scratch = nil
		// No strings of this post kept alive.
		sc.candOut = cleared(d.candOut)
		sc.byteMarks = d.byteMarks[:0]
		// A post without quotes has an empty list of its own (sortQuotes):
		// the arrays kept stay for the next post, not reallocated there.
		if cap(d.quotes) > 0 {
			sc.quotes, sc.meta = cleared(d.quotes), cleared(d.meta)
		}
		if d.cues != nil {
			sc.cues = (*d.cues)[:0]
		}
		if d.cueSubj != nil {
			sc.cueSubj = cleared(*d.cueSubj)
		}
		if d.tags != nil {
			sc.tags = cleared(*d.tags)
		}
		if d.orgs != nil {
			sc.orgs = cleared(*d.orgs)
		}
		if d.latinRead {
			sc.latin = cleared(d.latin)
		}
		if d.subj != nil {
			clear(d.subj)
			sc.subj = d.subj
		}
		keepInto(&sc.counts, d.counts, maxKeptMap)
		keepInto(&sc.quotedID, d.quoted.id, maxKeptMap)
		keepInto(&sc.quotedSurface, d.quoted.surface, maxKeptMap)
		keepInto(&sc.lowerSeen, d.lowerSeen, maxKeptMap)
		sc.sink = featSink{buf: d.sink.buf[:0], base: cleared(d.sink.base), ents: d.sink.ents[:0], ids: d.sink.ids[:0], vbuf: d.sink.vbuf[:0], bits: d.sink.bits[:0], memo: d.sink.memo, masks: d.sink.masks, trees: d.sink.trees}
		sc.doc = doc{} // d: nothing of this post kept alive
		scratches.Put(sc)
	}
}

// textOf returns the text of code points [a, b): a part of the post's
// string where it is valid UTF-8 (no copy), else string(d.text[a:b]).
func (d *doc) textOf(a, b int) string {
	if !d.srcValid {
		return string(d.text[a:b])
	}
	x := d.byteAt(a)
	return d.src[x:d.byteAt(b)]
}

// byteAt returns where code point i begins in d.src, walking forward from
// the last one asked (quotes come mostly in text order) or from the
// checkpoint at or before i, whichever is nearer: the checkpoints were
// noted as the post was decoded (newDoc), so no walk is longer than
// byteStep code points.
func (d *doc) byteAt(i int) int {
	if k := min(i/byteStep, len(d.byteMarks)-1); k >= 0 && (i < d.atRune || k*byteStep > d.atRune) {
		d.atRune, d.atByte = k*byteStep, int(d.byteMarks[k])
	}
	b := d.atByte
	for _, r := range d.text[d.atRune:i] {
		b += runeLen(r)
	}
	d.atRune, d.atByte = i, b
	return b
}

// byteStep is how many code points apart byteAt's checkpoints are.
const byteStep = 64

// runeLen is utf8.RuneLen of a code point of valid UTF-8 (byteAt), without
// the branches for invalid ones.
func runeLen(r rune) int {
	n := 1
	if r >= 0x80 {
		n++
	}
	if r >= 0x800 {
		n++
	}
	if r >= 0x10000 {
		n++
	}
	return n
}

// cleared returns b emptied, its elements zeroed first (so that they keep
// nothing alive).
func cleared[T any](b []T) []T {
	clear(b)
	return b[:0]
}

// resized returns b with length n, every element zero.
func resized[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

func newDoc(s *Stage, text, norm string, tokens []pipeline.Token, mentions []pipeline.Mention) *doc {
	sc := scratches.Get().(*scratch)
	var valid bool
	sc.text, sc.byteMarks, valid = runes.DecodeMarks(sc.text[:0], text, sc.byteMarks[:0], byteStep)
	d := &sc.doc
	*d = doc{s: s, text: sc.text, src: text, srcValid: valid, tokens: tokens, mentions: mentions, lastPos: -1000, scratch: sc}
	d.candOut = sc.candOut[:0]
	d.byteMarks = sc.byteMarks
	d.sink = sc.sink
	if norm == text {
		d.norm = d.text
	} else {
		sc.norm = runes.Append(sc.norm[:0], norm)
		d.norm = sc.norm
	}
	if len(d.norm) != len(d.text) {
		d.norm = d.text
	}
	d.tokAt = tokenIndex(sc, tokens, len(d.norm))
	sc.inQuote = resized(sc.inQuote, len(d.text)+1)
	d.inQuote = sc.inQuote
	return d
}

// tokenIndex returns, for each of n positions, the index of the last
// token covering it (0 where none does), in sc's array. Tokens in text
// order without overlaps (as the segmenter gives them) are written in one
// pass with only the gaps cleared; others, after clearing, in turn.
func tokenIndex(sc *scratch, tokens []pipeline.Token, n int) []int32 {
	// Room for four positions past the end: a token's first four are
	// written at once (below).
	wide := sc.tokAt[:cap(sc.tokAt)]
	if len(wide) < n+4 {
		wide = make([]int32, n+4)
	}
	at := wide[:n]
	sc.tokAt = at
	pos := 0 // positions before pos are written
	for i := range tokens {
		a, b := int(tokens[i].Start), min(int(tokens[i].Stop), n)
		if a >= b {
			continue
		}
		if a < pos {
			// Out of order or overlapping: the last token wins.
			clear(at)
			for i := range tokens {
				if a, b := int(tokens[i].Start), min(int(tokens[i].Stop), n); a < b {
					fill(at[a:b], int32(i))
				}
			}
			return at
		}
		// Written in place: tokens are a character or two, too short
		// for clear's and fill's calls to pay.
		for ; pos < a; pos++ {
			wide[pos] = 0
		}
		// Most tokens are one to four characters: four writes whatever
		// the length, not a loop whose end the processor guesses wrong
		// a token in two. What they write past b the next token, the
		// gap's clearing or the last clear overwrites.
		v := int32(i)
		w := wide[a : a+4 : a+4]
		w[0], w[1], w[2], w[3] = v, v, v, v
		for p := a + 4; p < b; p++ {
			wide[p] = v
		}
		pos = b
	}
	clear(at[pos:])
	return at
}

func fill(at []int32, v int32) {
	for p := range at {
		at[p] = v
	}
}

// readMentions gives the people their full names (fullNames) and indexes
// the mentions by where they end: for the rules, once the post is known to
// have quotes.
func (d *doc) readMentions() {
	sc := d.scratch
	d.mentions = d.fullNames(d.mentions)
	// From here on the mentions are final: speakerBefore keeps answers.
	if sc.subj == nil {
		sc.subj = map[uint64]subjAt{}
	}
	d.subj = sc.subj
	sc.subj = nil
	sc.mentionEnd = resized(sc.mentionEnd, len(d.text)+1)
	d.mentionEnd = sc.mentionEnd
	for i, m := range d.mentions {
		if m.Stop >= 0 && m.Stop <= len(d.text) {
			d.mentionEnd[m.Stop] = int32(i + 1)
		}
	}
}

// endingAt returns the index of the mention that ends at k, if one does.
func (d *doc) endingAt(k int) (int, bool) {
	if k < 0 || k >= len(d.mentionEnd) || d.mentionEnd[k] == 0 {
		return 0, false
	}
	return int(d.mentionEnd[k]) - 1, true
}

// nameStops end a name: particles, prepositions, verbs and time words that
// follow one (蓬佩奥日前, 蔡英文昨天).
const nameStops = "的在和与及说称对向是等将已曾也则还为被把于从就都又再并但而昨今日前近本周月年时早晚"

// titleFirst are the first characters of titles and roles (主席, 发言人):
// 习近平主席 is no longer name.
var titleFirst = sync.OnceValue(func() map[rune]bool {
	out := map[rune]bool{}
	for _, t := range append(lexicon.Titles(), lexicon.Roles()...) {
		if r := []rune(t); len(r) > 0 {
			out[r[0]] = true
		}
	}
	return out
})

// Bounds of fullNames' counting: the characters of a post, and the names
// counted in one.
const maxFullNameText, maxFullNames = 200_000, 64

// fullNames gives each person the fullest name the post writes where the
// entity stage stopped short (the guide's rule): a transliteration's later
// parts after a dot (阿卜杜勒•巴西特), and the character after a short
// Chinese name that every writing of it in the post has (张成 always
// written 张成刚). ms is copied before any change.
func (d *doc) fullNames(ms []pipeline.Mention) []pipeline.Mention {
	out := ms
	n := len(d.norm)
	stop := func(k int) bool {
		r := d.norm[k]
		return !isHan(r) || nameStopSet.has(r) || d.cueLen(k) > 0
	}
	// First where the dots take each name, and the short names to count;
	// then one reading of the post counts them all (countNames).
	var seen map[string]int
	names := d.scratch.names[:0]
	pend := d.scratch.pend[:0]
	for i, m := range ms {
		if m.Type != "person" || m.Start < 0 || m.Stop >= n || m.Stop <= m.Start {
			continue
		}
		e := m.Stop
		// 阿卜杜勒•巴西特, 阿西夫•亚辛•马利克.
		for e+1 < n && nameDots.has(d.norm[e]) && !stop(e+1) {
			k := e + 1
			for k < n && k-e <= 6 && !stop(k) {
				k++
			}
			e = k
		}
		// 张成刚, 石黑一雄: the post never writes the shorter form alone.
		// Each name is counted once, at most maxFullNames of them, in posts
		// of news length only.
		name := -1
		if e == m.Stop && m.Stop-m.Start <= 3 && n <= maxFullNameText && !stop(e) && !titleFirst()[d.norm[e]] {
			d.sink.buf = d.sink.buf[:0]
			for _, r := range d.norm[m.Start : e+1] {
				d.sink.buf = utf8.AppendRune(d.sink.buf, r)
			}
			k, ok := seen[string(d.sink.buf)]
			if !ok && len(seen) < maxFullNames {
				if seen == nil {
					seen = takeMap(&d.scratch.seen)
				}
				k, ok = len(names), true
				names = append(names, nameCount{w: d.norm[m.Start:m.Stop], next: d.norm[e]})
				seen[string(d.sink.buf)] = k
			}
			if ok {
				name = k
			}
		}
		if e != m.Stop || name >= 0 {
			pend = append(pend, pending{i, e, name})
		}
	}
	d.scratch.names, d.scratch.pend = names, pend
	keepInto(&d.scratch.seen, seen, maxKeptMap)
	countNames(d.norm, names)
	for _, p := range pend {
		m, e := ms[p.i], p.e
		if p.name >= 0 {
			// Written twice at least, and never without the next character.
			if c := names[p.name]; c.cNext >= 2 && c.cNext == c.c {
				e++
			}
		}
		if e == m.Stop {
			continue
		}
		if &out[0] == &ms[0] {
			out = append([]pipeline.Mention(nil), ms...)
		}
		out[p.i].Stop = e
		out[p.i].Surface = string(d.text[m.Start:e])
	}
	return out
}

// pending is a person's mention whose name fullNames may lengthen: its
// index, where the dots take it, and its short name's index in names (or
// -1).
type pending struct{ i, e, name int }

// nameCount is a short name to count in a post: where w is written, and
// where next follows it.
type nameCount struct {
	w        []rune
	next     rune
	c, cNext int
}

// countNames counts, in one reading of text, the places where each name is
// written (overlapping ones too) and those where its next character
// follows.
func countNames(text []rune, names []nameCount) {
	if len(names) == 0 {
		return
	}
	// The names' first characters, hashed to 1,024 bits: most characters
	// start no name.
	var first [16]uint64
	for _, nc := range names {
		r := nc.w[0] & 1023
		first[r>>6] |= 1 << (r & 63)
	}
	for i, r := range text {
		if h := r & 1023; first[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		for k := range names {
			nc := &names[k]
			w := nc.w
			if w[0] == r && i+len(w) <= len(text) && slices.Equal(text[i:i+len(w)], w) {
				nc.c++
				if i+len(w) < len(text) && text[i+len(w)] == nc.next {
					nc.cNext++
				}
			}
		}
	}
}

func (d *doc) token(i int) (start, stop int, pos string) {
	if len(d.tokens) == 0 || i < 0 || i >= len(d.norm) {
		return i, i + 1, "x"
	}
	t := d.tokens[d.tokAt[i]]
	return int(t.Start), int(t.Stop), t.POS
}

func (d *doc) tokStart(i int) bool {
	s, _, _ := d.token(i)
	return s == i || i >= len(d.norm)
}

// sentenceEnds end sentences for the rules' windows.
const sentenceEnds = "。！？!?\n；;"

// sentStart returns the start of the sentence holding position i, looking
// back at most 200 characters.
func (d *doc) sentStart(i int) int {
	if d.prevEnd == nil {
		// prevEnd[i] is the last sentence end before i, or -1: read once,
		// since the rules and the speaker model ask for every quote and
		// candidate.
		d.scratch.prevEnd = resized(d.scratch.prevEnd, len(d.norm)+1)
		d.prevEnd = d.scratch.prevEnd
		last := int32(-1)
		for k, r := range d.norm {
			d.prevEnd[k] = last
			if isSentenceEnd(r) || r == '.' && d.latinStop(k) {
				last = int32(k)
			}
		}
		d.prevEnd[len(d.norm)] = last
	}
	if i <= 0 {
		return 0
	}
	i = min(i, len(d.norm))
	if k := int(d.prevEnd[i]); k >= 0 && i-k < 200 {
		return k + 1
	}
	return max(0, i-200)
}

// adverbs and time words stand between a speaker and the verb of saying.
var fillers = []string{"则", "也", "还", "又", "亦", "曾", "更", "并", "再", "就", "便", "都", "却", "仍", "即", "均", "对此", "当时",
	"随后", "稍后", "同时", "此前", "日前", "今天", "昨天", "当天", "早前", "近日", "最近", "再次", "进一步", "公开", "直接", "明确",
	"周一", "周二", "周三", "周四", "周五", "周六", "周日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日",
	"对记者", "向记者", "告诉记者", "对本台", "向本台", "在接受采访时", "接受采访时", "在采访中", "在声明中", "在推特上", "在会上", "在会后",
	"透过", "通过", "在", "：", ":", "发表声明", "发布声明", "对此发表声明", "发表讲话", "发表文章", "发推", "发推文", "发文", "撰文", "致信", "写信",
	"回应", "回应时", "发表", "公开", "的话", "在推特", "在脸书", "在微博", "在社交媒体上", "在声明里",
	"告诫", "警告", "补充", "回忆", "批评", "上周末", "周末", "上周", "本周", "上月", "本月"}

var fillerRev = func() *trie.Trie[struct{}] {
	t := &trie.Trie[struct{}]{}
	for _, f := range fillers {
		t.Add(reverse(f), struct{}{})
	}
	t.Freeze()
	return t
}()

// trimBack moves b back over spaces, fillers and a "在…中/时" phrase
// between a speaker and the verb of saying, within [a, b).
func (d *doc) trimBack(a, b int) int {
	for b > a {
		switch r := d.norm[b-1]; {
		case r == ' ' || r == '\u3000' || r == '，' || r == ',':
			b--
			continue
		case r == '》' || r == '」':
			b--
			continue
		case r == ')' || r == '）':
			// A Latin gloss: 斯派克·威尔纳(Spike Wilner)说.
			k := b - 2
			for k >= a && b-k <= 60 && d.norm[k] != '(' && d.norm[k] != '（' {
				k--
			}
			if k >= a && (d.norm[k] == '(' || d.norm[k] == '（') {
				b = k
				continue
			}
		}
		// A name ends here: 丁世均说 is no 均说, 陈时中 no 在…中.
		if d.nameEndsAt(a, b) {
			break
		}
		if n := fillerRev.LongestBack(d.norm[a:b], b-a); n > 0 && d.tokStart(b-n) {
			b -= n
			continue
		}
		// 在声明中, 在接受美国之音采访时, 接受NBC采访时, 对BBC中文: cut
		// back to the preposition (at most 25 characters, no punctuation on
		// the way).
		if r := d.norm[b-1]; r == '中' || r == '时' || r == '上' || r == '里' || r == '后' || d.endsWithMedia(a, b) {
			k := b - 1
			for k >= a && b-k <= 25 && (!isPunct(d.norm[k]) || titleMarks.has(d.norm[k])) && !prepositionAt(d.norm, k) {
				k--
			}
			if k >= a && prepositionAt(d.norm, k) && b-k <= 25 {
				b = k
				continue
			}
		}
		break
	}
	return b
}

// militaryTitles end like organisations (军, 校) but follow a person's name.
var militaryTitles = map[string]bool{"将军": true, "上将": true, "中将": true, "少将": true, "大将": true, "上校": true, "中校": true, "少校": true}

// personBeforeTitle returns the person named across or right before the
// start of the phrase [s, e) when a military title ends it (拜登政府 is
// the government).
func (d *doc) personBeforeTitle(s, e int) (pipeline.Mention, bool) {
	k := e - 2 // every military title is two characters
	if k < s || !militaryTitles[string(d.norm[k:e])] {
		return pipeline.Mention{}, false
	}
	if i, ok := d.endingAt(k); ok && d.mentions[i].Type == "person" && d.mentions[i].Start <= s {
		return d.mentions[i], true
	}
	return pipeline.Mention{}, false
}

// demonstrative reads a subject [a, b) that is 这名/这位/该名 and a
// description, naming no one itself, as the person named last before it.
func (d *doc) demonstrative(a, b int) (speaker, bool) {
	c := d.skipLeadIn(d.clauseStart(a, b), b)
	if b-c < 3 || b-c > 16 || len(d.mentionsIn(c, b)) > 0 {
		return unknown, false
	}
	// 这名, 这位, 该名, 该位, 此位 (compared as runes: no string made).
	switch r0, r1 := d.norm[c], d.norm[c+1]; {
	case (r0 == '这' || r0 == '该') && (r1 == '名' || r1 == '位'), r0 == '此' && r1 == '位':
	default:
		return unknown, false
	}
	for k := c + 2; k < b; k++ {
		if !isHan(d.norm[k]) {
			return unknown, false
		}
	}
	return d.lastPerson(c)
}

// relatives are the people a text names by whose they are.
var relatives = []string{"妻子", "丈夫", "太太", "夫人", "儿子", "女儿", "母亲", "父亲", "妈妈", "爸爸", "家人", "家属", "哥哥", "姐姐", "弟弟", "妹妹", "律师", "助手", "助理", "朋友", "同事"}

var relativesR = runesOf(relatives)

// relativeOf reports a subject [a, b) that is a person's name, 的 and a
// relative or associate (康明凯的妻子, 李文亮的同事).
func (d *doc) relativeOf(a, b int) bool {
	for _, w := range relativesR {
		n := len(w)
		k := b - n - 1
		if k <= a || !slices.Equal(d.norm[b-n:b], w) || d.norm[k] != '的' {
			continue
		}
		if i, ok := d.endingAt(k); ok && d.mentions[i].Start >= a && d.mentions[i].Type == "person" {
			return true
		}
	}
	return false
}

// nameEndsAt reports a mention in [a, b) that ends at b.
func (d *doc) nameEndsAt(a, b int) bool {
	i, ok := d.endingAt(b)
	return ok && d.mentions[i].Start >= a
}

// prepositionAt reports a word that opens the circumstances of speaking:
// 在, 于, 对, 向, 接受, 通过, 透过.
func prepositionAt(r []rune, k int) bool {
	switch r[k] {
	case '在', '于', '对', '向':
		return true
	case '接', '通', '透':
		return k+1 < len(r) && (r[k] == '接' && r[k+1] == '受' || r[k+1] == '过')
	}
	return false
}

// endsWithMedia reports an outlet or a person named right before b whom
// the speaker talks to (对BBC中文说, 告诉美国之音): not the speaker.
func (d *doc) endsWithMedia(a, b int) bool {
	i, ok := d.endingAt(b)
	if !ok || d.mentions[i].Start < a {
		return false
	}
	s := d.mentions[i].Start
	return s > a && (d.norm[s-1] == '对' || d.norm[s-1] == '向' || s-2 >= a && string(d.norm[s-2:s]) == "告诉")
}

// outletRefs stand for the outlet last named: its article, its author.
var outletRefs = []string{"文章", "该文", "该报", "该刊", "该网站", "该媒体", "社论", "社评", "评论文章", "报道", "作者", "该报道"}

var outletRefsR, statementRefsR = runesOf(outletRefs), runesOf(statementRefs)

// lastOutlet returns the last outlet named before i (within 600
// characters).
func (d *doc) lastOutlet(i int) (speaker, bool) {
	return d.lastMention(i, func(m pipeline.Mention) bool { return m.Type == "outlet" })
}

// lastMention returns the speaker of the last mention before i (within 600
// characters) that keep accepts.
func (d *doc) lastMention(i int, keep func(pipeline.Mention) bool) (speaker, bool) {
	k := sort.Search(len(d.mentions), func(k int) bool { return d.mentions[k].Start >= i }) - 1
	for ; k >= 0; k-- {
		m := d.mentions[k]
		if i-m.Stop > 600 {
			break
		}
		if keep(m) {
			return ofMention(m), true
		}
	}
	return unknown, false
}

// ofMention is the speaker a mention names.
func ofMention(m pipeline.Mention) speaker {
	return speaker{surface: m.Surface, entityID: m.EntityID, typ: m.Type}
}

// passiveAdverbs may stand between 被 and the verb (被不断指摘).
var passiveAdverbs = map[string]bool{"不断": true, "一再": true, "多次": true, "屡次": true, "曾": true, "再": true}

// statementRefs stand for the organisation that spoke last, or for its
// statement.
var statementRefs = []string{"该声明", "声明", "该公司", "该组织", "该机构", "该部门", "该团体", "该集团"}

// titleSpeaker reads a title in marks right before b as the outlet that
// speaks (《巴伦》说) when the entity stage named nothing there.
func (d *doc) titleSpeaker(a, b int) (speaker, bool) {
	for b > a && d.norm[b-1] == ' ' {
		b--
	}
	if b-a < 3 || d.norm[b-1] != '》' {
		return unknown, false
	}
	k := b - 2
	for k >= a && b-k <= 14 && d.norm[k] != '《' && !isPunct(d.norm[k]) {
		k--
	}
	if k < a || d.norm[k] != '《' || k+1 >= b-1 {
		return unknown, false
	}
	// Only a title that opens its clause speaks; 论文《陌生人》解释 is the
	// author's.
	if k > a && !isPunct(d.norm[k-1]) && !unicode.IsSpace(d.norm[k-1]) && !clauseOpeners.has(d.norm[k-1]) {
		return unknown, false
	}
	if len(d.mentionsIn(k+1, b-1)) > 0 {
		return unknown, false // an outlet the entity stage knows: the usual path
	}
	return speaker{surface: string(d.text[k+1 : b-1]), typ: "outlet"}, true
}

// pronouns that a speaker may be.
var singular = map[string]bool{"他": true, "她": true, "他本人": true, "她本人": true}
var plural = map[string]bool{"他们": true, "她们": true, "我们": true, "大家": true, "双方": true, "两人": true, "二人": true}

// singularRunes and pluralRunes are singular's and plural's words as runes
// (wordIn).
var singularRunes = runesOf(slices.Collect(maps.Keys(singular)))

// wordIn reports string(w) among ws, without making the string.
func wordIn(w []rune, ws [][]rune) bool {
	for _, x := range ws {
		if slices.Equal(w, x) {
			return true
		}
	}
	return false
}

// orgFinals end the names of organisations that speak: 外交部, 白宫, 陆委会.
const orgFinals = "部院府局委会办署宫所厅处党军队司组署方社台团行馆校盟"

// orgHeads end the names of organisations (中国劳工观察, 国家安全会议,
// 国际特赦组织, 中联办), whatever gse makes of them.
var orgHeads = []string{"组织", "委员会", "会议", "观察", "中心", "协会", "学会", "联盟", "基金会", "集团", "公司", "银行", "政府",
	"法院", "检察院", "大学", "学院", "机构", "办公室", "联合会", "研究所", "研究院", "事务所", "办", "局", "部", "署", "委", "院", "厅", "处"}

// orgByHead reads the run of Han characters ending at b, within [a, b), as
// an organisation's name when it ends with one of orgHeads, is 3 to 14
// characters long, names no person and is no unnamed speaker (该组织,
// 一个组织, 有关部门).
func (d *doc) orgByHead(a, b int) (string, bool) {
	k := b
	for k > a && b-k < 14 && isHan(d.norm[k-1]) && !orgHeadStops.Has(d.norm[k-1]) {
		k--
	}
	if b-k < 3 || k > a && isHan(d.norm[k-1]) && b-k < 14 {
		return "", false // cut short by a particle: 报告的作者, not a name
	}
	name := string(d.norm[k:b])
	head := false
	for _, h := range orgHeads {
		if strings.HasSuffix(name, h) && b-k > len([]rune(h)) {
			head = true
			break
		}
	}
	if !head || hasUnnamedPrefix(name) {
		return "", false
	}
	for _, m := range d.mentionsIn(k, b) {
		if m.Type == "person" {
			return "", false
		}
	}
	return string(d.text[k:b]), true
}

// documents are what a body or a person issues and a post quotes as
// speaking for them (白宫的声明称).
var documents = runesOf([]string{"声明", "报告", "公告", "公报", "新闻稿", "通告", "通知", "声明稿", "文件", "公开信", "信中"})

// documentOwner reads [a, b) as X的(一份)document and returns X: the
// organisation, country or outlet the entity stage or the organisation
// rules find ending right before 的, or the person. A document with no
// owner named there (该声明, 一份声明) is left to the rules after it.
func (d *doc) documentOwner(a, b int) (speaker, string, bool) {
	for _, w := range documents {
		q := b - len(w)
		if q <= a || !d.endsWith(a, b, w) {
			continue
		}
		if q-2 > a && runesAt(d.norm, q-2, "一份") {
			q -= 2
		}
		if q-1 <= a || d.norm[q-1] != '的' {
			return unknown, "", false
		}
		q--
		if i, ok := d.endingAt(q); ok && d.mentions[i].Start >= a && d.mentions[i].Type == "person" {
			return ofMention(d.mentions[i]), "named", true
		}
		if sp, ok := d.bodyEndingAt(a, q); ok {
			return sp, "organization", true
		}
		return unknown, "", false
	}
	return unknown, "", false
}

// oneOf are the words that count a single unnamed member before a role
// (欧盟一名发言人); several (多名, 两位) speak jointly: nobody.
var oneOf = []string{"一名", "一位", "一个", "某位", "某名", "另一名", "另一位"}

// officialRoles speak for a country too (美国一名官员); other roles after
// a place (香港一名教师) do not.
var officialRoles = map[string]bool{"发言人": true, "官员": true, "高官": true, "外交官": true, "高级官员": true, "外交人员": true}

// bodyOfOne returns the organisation, outlet or (for an official role)
// country that [a, end) ends with before a word of oneOf, whose member
// of role [end, roleEnd) speaks.
func (d *doc) bodyOfOne(a, end, roleEnd int) (speaker, bool) {
	for _, w := range oneOf {
		q := end - utf8.RuneCountInString(w)
		if q <= a || !runesAt(d.norm, q, w) {
			continue
		}
		if d.norm[q-1] == '的' {
			q--
		}
		if q <= a || !isHan(d.norm[q-1]) && !isLatin(d.norm[q-1]) {
			return unknown, false
		}
		if i, ok := d.endingAt(q); ok && d.mentions[i].Start >= a && d.mentions[i].Type == "country" && !officialRoles[string(d.norm[end:roleEnd])] {
			return unknown, false
		}
		return d.bodyEndingAt(a, q)
	}
	return unknown, false
}

// bodyEndingAt returns the organisation, country or outlet that [a, q)
// ends with: the entity stage's (or the longer organisation phrase that
// ends with it), else one the organisation rules read (白宫, 中联办).
func (d *doc) bodyEndingAt(a, q int) (speaker, bool) {
	if i, ok := d.endingAt(q); ok && d.mentions[i].Start >= a && d.mentions[i].Type != "person" {
		m := d.mentions[i]
		if org := d.orgPhrase(a, q); org != "" && len([]rune(org)) > m.Stop-m.Start && orgFinalSet.has(d.text[q-1]) {
			return speaker{surface: org, typ: "organization"}, true
		}
		return ofMention(m), true
	}
	if org := d.orgPhrase(a, q); org != "" && orgFinalSet.has(d.text[q-1]) {
		return speaker{surface: org, typ: "organization"}, true
	}
	if org, ok := d.orgByHead(a, q); ok {
		return speaker{surface: org, typ: "organization"}, true
	}
	return unknown, false
}

// unnamed are speakers who are not named (一名官员, 消息人士, 网民).
var unnamed = []string{"一名", "一位", "有", "某", "网民", "网友", "读者", "观众", "用户", "民众", "人士", "消息", "知情", "官员", "专家", "学者", "分析", "居民", "市民", "人们", "外界", "舆论", "批评者", "支持者",
	"村民", "家属", "路人", "旁人", "身边的人", "当地人"}

// unnamedAt reports a clause at a (before b) opened by someone unnamed:
// 一位官员, 另一名议员, 消息人士, 也有网友.
func (d *doc) unnamedAt(a, b int) bool {
	a = d.skipLeadIn(a, b)
	return runesHaveUnnamedPrefix(d.norm[a:b])
}

// skipLeadIn moves a over spaces and the conjunctions and adverbs that
// may open a subject (但, 另, 也 …), within [a, b).
func (d *doc) skipLeadIn(a, b int) int {
	for a < b && (d.norm[a] == ' ' || leadIns.Has(d.norm[a])) {
		a++
	}
	return a
}

// hasUnnamedPrefix reports a phrase that opens with someone unnamed.
func hasUnnamedPrefix(phrase string) bool {
	for _, u := range unnamed {
		if strings.HasPrefix(phrase, u) {
			return true
		}
	}
	return false
}

// runesHaveUnnamedPrefix is hasUnnamedPrefix of string(rs), without
// making the string.
func runesHaveUnnamedPrefix(rs []rune) bool {
	for _, u := range unnamed {
		if runesAt(rs, 0, u) {
			return true
		}
	}
	return false
}

// runesAt reports w spelled by rs from i on (string(rs[i:i+len([]rune(w))])
// == w), without making a string of rs or runes of w.
func runesAt(rs []rune, i int, w string) bool {
	for _, r := range w {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// speakerBefore finds who speaks in [a, b), the stretch before a verb of
// saying at b. The rules, the reported speech and the candidates ask it of
// the same verbs: an answer that did not depend on the quotes found so far
// is read once (d.subj).
func (d *doc) speakerBefore(a, b int, quoteStart int) (speaker, string) {
	if d.subj == nil {
		return d.subjectBefore(a, b, quoteStart)
	}
	key := uint64(uint32(a))<<32 | uint64(uint32(b))
	if e, ok := d.subj[key]; ok {
		if e.pron > 0 {
			return d.pronoun(e.pron-1, e.she, quoteStart), "pronoun"
		}
		return e.sp, e.how
	}
	n := d.stateReads
	d.pronAt = 0
	sp, how := d.subjectBefore(a, b, quoteStart)
	pron := d.pronAt
	d.pronAt = 0 // a caller's answer is not this pronoun's
	switch {
	case d.stateReads == n:
		d.subj[key] = subjAt{sp: sp, how: how}
	case pron > 0 && d.stateReads == n+1:
		// Only the pronoun read the quotes so far: it is resolved again
		// for each quote.
		d.subj[key] = subjAt{pron: pron, she: d.pronShe}
	}
	return sp, how
}

// subjectBefore is speakerBefore read afresh. Every reading of d.last,
// d.other or quoteStart counts in d.stateReads.
func (d *doc) subjectBefore(a, b int, quoteStart int) (speaker, string) {
	if sp, ok := d.titleSpeaker(a, b); ok {
		return sp, "named"
	}
	// The passive. 牧民却被告知“…”: who told is not said. 被网友调侃: the
	// agent spoke. 被捕后表示: no passive of the verb; the subject speaks.
	for k := b - 1; k >= a && b-k <= 8 && !isPunct(d.norm[k]); k-- {
		if d.norm[k] != '被' && d.norm[k] != '遭' {
			continue
		}
		if k == b-1 || passiveAdverbs[string(d.norm[k+1:b])] {
			return unknown, "passive"
		}
		// 被网友调侃, 被外交部批评: the one between 被 and the verb spoke.
		if sp, how := d.speakerBefore(k+1, b, quoteStart); how == "named" || how == "organization" || how == "role" {
			return sp, how
		}
		if d.unnamedAt(k+1, b) {
			return unknown, "unnamed"
		}
		break // 被捕后表示: the subject speaks
	}
	b = d.trimBack(a, b)
	if b <= a {
		return unknown, ""
	}
	// 康明凯的妻子表示: someone of the person's, not the person.
	if d.relativeOf(a, b) {
		return unknown, "unnamed"
	}
	// A name found by the entity stage right before the verb.
	if i, ok := d.endingAt(b); ok && d.mentions[i].Start >= a {
		m := d.mentions[i]
		// The one spoken to: 惠特告诉法新社, 对BBC说: the speaker is before.
		if s := m.Start; s-2 >= a && string(d.norm[s-2:s]) == "告诉" || s-1 >= a && (d.norm[s-1] == '对' || d.norm[s-1] == '向') {
			k := s - 1
			if d.norm[k] == '诉' {
				k--
			}
			return d.speakerBefore(a, k, quoteStart)
		}
		// Joint speakers: 布林肯和王毅表示.
		if s := m.Start; s > a && listJoins.has(d.norm[s-1]) {
			if _, ok := d.endingAt(s - 1); ok {
				return unknown, "joint"
			}
		}
		return ofMention(m), "named"
	}
	// 这名加国最大在野党领袖表示, 这位发言人说: the person named last.
	if sp, ok := d.demonstrative(a, b); ok {
		return sp, "pronoun"
	}
	// A pronoun: the last person named before the quote.
	for _, n := range []int{3, 2, 1} {
		if b-n < a {
			continue
		}
		w := d.norm[b-n : b]
		if wordIn(w, pluralRunes) {
			return unknown, "plural"
		}
		if wordIn(w, singularRunes) {
			// 拜登对他说: 他 is spoken to; the speaker stands before.
			if k := b - n; k-1 > a && toWhom.has(d.norm[k-1]) {
				return d.speakerBefore(a, k-1, quoteStart)
			} else if k-2 > a && string(d.norm[k-2:k]) == "告诉" {
				return d.speakerBefore(a, k-2, quoteStart)
			}
			she := w[0] == '她'
			d.pronAt, d.pronShe = b-n+1, she
			return d.pronoun(b-n, she, quoteStart), "pronoun"
		}
		// 我 as the clause's subject (我问他：), not its object (问我：).
		if n == 1 && w[0] == '我' && !d.inQuote[b-1] && (b-1 == a || beforeFirstPerson.has(d.norm[b-2])) {
			return d.narratorSpeaker(), "pronoun"
		}
	}
	// The outlet's article or author: 文章指出, 该报说, 作者写道.
	for _, w := range outletRefsR {
		n := len(w)
		if d.endsWith(a, b, w) {
			if b-n > a && quantifiers.has(d.norm[b-n-1]) {
				return unknown, "unnamed" // 有报道称, 据报道, 一些文章: no outlet in particular
			}
			if sp, ok := d.lastOutlet(b - n); ok {
				return sp, "outlet-ref"
			}
		}
	}
	// A body's or a person's own document: 白宫的一份声明表示, 外交部的声明称.
	if sp, how, ok := d.documentOwner(a, b); ok {
		return sp, how
	}
	// A statement of the organisation that spoke last: 该声明说, 该公司表示.
	for _, w := range statementRefsR {
		n := len(w)
		if d.endsWith(a, b, w) && (b-n == a || !isHan(d.norm[b-n-1]) || w[0] == '该') {
			d.stateReads++
			ok := d.last.typ == "organization" || n >= 2 && string(w[n-2:]) == "声明" && d.last.typ == "country"
			if ok && quoteStart-d.lastPos < 600 {
				return d.last, "statement-ref"
			}
			return unknown, "statement-ref"
		}
	}
	// Someone speaking for an organisation: 外交部发言人, 白宫一位官员.
	end := b
	if n := d.s.rolesRev.LongestBack(d.norm[a:b], b-a); n > 0 {
		end = b - n
		// A body's unnamed official (欧盟一名发言人, 白宫的一位官员): the
		// body speaks, as the guide has it.
		if sp, ok := d.bodyOfOne(a, end, end+n); ok {
			return sp, "role"
		}
		// 一位与疾控中心合作的公卫专家: someone unnamed, described by an
		// organisation, does not speak for it.
		if d.unnamedAt(d.clauseStart(a, end), end) {
			return unknown, "unnamed"
		}
		// 姓马的老板: the person the text names by surname.
		if end-1 > a && d.norm[end-1] == '的' {
			if i, ok := d.endingAt(end - 1); ok && d.mentions[i].Type == "person" && d.mentions[i].Start > a && d.norm[d.mentions[i].Start-1] == '姓' {
				m := d.mentions[i]
				return ofMention(m), "named"
			}
		}
		// A role after a person's name (王毅部长表示): the person.
		if i, ok := d.endingAt(end); ok && d.mentions[i].Start >= a && d.mentions[i].Type == "person" {
			return ofMention(d.mentions[i]), "named"
		}
		// A body's role (外交部发言人, 国务院官员): the body, read as a
		// body's official and a body's document read it.
		if sp, ok := d.bodyEndingAt(a, end); ok {
			return sp, "role"
		}
		// A spokesperson alone speaks for the organisation that spoke
		// last (白宫表示，…。发言人说), and so does 该 and any role (该官员说,
		// 该负责人称: the official of the body just quoted; on the annotated
		// corpus posts the gold gives such quotes the organisation).
		if (b-end == 3 && runesAt(d.norm, end, "发言人") || b-end == 4 && runesAt(d.norm, end, "该发言人") || end-1 >= a && d.norm[end-1] == '该' && (end-1 == a || !isHan(d.norm[end-2]))) &&
			(end == a || !isHan(d.norm[end-1]) || d.norm[end-1] == '该') &&
			d.readState() && (d.last.typ == "organization" || d.last.typ == "country") && quoteStart-d.lastPos < 600 {
			return d.last, "role"
		}
		// An organisation before its website or account (安邦集团在官网).
		if sp, ok := d.nounSubject(d.clauseStart(a, end), end); ok {
			return sp, "role"
		}
		return unknown, "unnamed"
	}
	// An organisation: 白宫表示, 陆委会指出.
	if org := d.orgPhrase(a, end); org != "" && orgFinalSet.has(d.text[end-1]) {
		// A person's name and a title ending like an organisation
		// (麦肯齐将军说): the person speaks.
		if m, ok := d.personBeforeTitle(end-len([]rune(org)), end); ok {
			return ofMention(m), "named"
		}
		return speaker{surface: org, typ: "organization"}, "organization"
	}
	// An organisation gse cuts or tags as verbs (中联/办, 中国劳工/观察,
	// 国际特赦/组织): read by its head word.
	if org, ok := d.orgByHead(a, end); ok {
		return speaker{surface: org, typ: "organization"}, "organization"
	}
	// A name in Latin script: Blinken表示, TikTok说.
	if k := b; k > a && isLatin(d.norm[k-1]) {
		for k > a && (isLatin(d.norm[k-1]) || d.norm[k-1] == ' ' || d.norm[k-1] == '.' || d.norm[k-1] == '-') {
			k--
		}
		for k < b && d.norm[k] == ' ' {
			k++
		}
		if b-k >= 2 && unicode.IsUpper(d.norm[k]) {
			typ := "person"
			if strings.ToUpper(string(d.norm[k:b])) == string(d.norm[k:b]) || !strings.Contains(string(d.norm[k:b]), " ") && strings.ContainsFunc(string(d.norm[k+1:b]), unicode.IsUpper) {
				typ = "organization" // IBM, TikTok
			}
			sp := speaker{surface: string(d.text[k:b]), typ: typ}
			if typ == "person" {
				sp = d.fullLatin(sp)
			}
			return sp, "named"
		}
	}
	// The subject that opens the clause: 海野雅威带着明显的自豪说.
	cs := d.clauseStart(a, b)
	// Two opening the clause together (他和坐在前排的郭警察同时笑了：“…”):
	// joint speakers.
	k := d.skipSpaces(cs, b)
	if k+1 < b && personalPronouns.has(d.norm[k]) && withJoins.has(d.norm[k+1]) {
		return unknown, "joint"
	}
	// 他 or 她 opening the clause as its subject: 他语气缓和一点了：“…”, not
	// 她身旁的一名男子说.
	if k+1 < b && heShe.has(d.norm[k]) && !pluralSuffixes.has(d.norm[k+1]) && len(d.mentionsIn(cs, b)) == 0 && !slices.Contains(d.norm[k:b], '的') {
		if sp := d.pronoun(k, d.norm[k] == '她', quoteStart); sp.typ != "unknown" {
			return sp, "pronoun"
		}
	}
	// The narrator opening the clause: 我急忙辨解：“…”.
	if k+1 < b && d.norm[k] == '我' && !notNarratorSet.has(d.norm[k+1]) && d.narrator != "" {
		return d.narratorSpeaker(), "pronoun"
	}
	// Else the first person named in the clause: 腾讯公司董事会主席马化腾
	// 对此发表声明说, 秦刚对这个问题给出了答案：; or a country opening it.
	// A name that modifies a noun (特朗普亲信、…主席格雷厄姆说, 拜登的顾问)
	// is not the subject when another person follows.
	ms := d.mentionsIn(cs, b)
	first, found := unknown, false
	for _, m := range ms {
		if m.Type != "person" {
			continue
		}
		if !found {
			first, found = ofMention(m), true
		}
		if !d.modifies(m.Stop, b) {
			return ofMention(m), "subject"
		}
	}
	if found {
		return first, "subject"
	}
	// A name in Latin script opening the clause (Keso还提及): cuenames.go.
	if sp, ok := d.latinOpener(cs, b); ok && (len(ms) == 0 || !d.opens(cs, ms[0].Start)) {
		return sp, "subject"
	}
	if len(ms) > 0 && d.opens(cs, ms[0].Start) && (ms[0].Type == "country" || ms[0].Type == "outlet") {
		m := ms[0]
		return ofMention(m), "subject"
	}
	if sp, ok := d.nounSubject(cs, b); ok {
		return sp, "subject"
	}
	// Someone the text leaves unnamed opens the clause: 另一位民主党参议员指责,
	// 一位香港教师对BBC中文说 (a place or outlet in it names no speaker).
	if d.unnamedAt(cs, b) {
		return unknown, "unnamed"
	}
	// A clause with no subject of its own (X表示，…，称“…”) speaks for the
	// subject of its sentence.
	if cs > a {
		if sp, ok := d.sentenceSubject(a, cs); ok {
			return sp, "subject"
		}
	}
	return unknown, ""
}

// readState counts a reading of the quotes found so far (speakerBefore's
// memo); it is always true.
func (d *doc) readState() bool {
	d.stateReads++
	return true
}

// leadIns are the words skipLeadIn passes over; settingSeps what
// skipSetting passes over before a clause (bit tables: these are read at
// every character of a clause).
var leadIns, settingSeps = runeset.Of("但而另并且更也还亦却则又"), runeset.Of(" \u3000：:，,/")

// Sets of the runeIn questions asked at many characters (a bit each, not a
// search of the string): commas and colons (cueInClause), what stops an
// organisation's name read back from its head (orgByHead), what links a
// name to a verb's object or to a list (candFeatures).
var (
	clauseMarks   = runeset.Of("，,：:")
	orgHeadStops  = runeset.Of("的在和与及对向被将把该这那此其一各有")
	objectBefore  = runeset.Of("对向给把被和与及跟同、")
	modifierAfter = runeset.Of("的、和与及")
)

// clauseBreak reports the punctuation that ends a clause: ，,。！？；\n.
func clauseBreak(r rune) bool {
	switch r {
	case '，', ',', '。', '！', '？', '；', '\n':
		return true
	}
	return false
}

// commaOrColon reports ，,：: .
func commaOrColon(r rune) bool {
	switch r {
	case '，', ',', '：', ':':
		return true
	}
	return false
}

// clauseStart returns where the clause that ends at b begins, not before a.
func (d *doc) clauseStart(a, b int) int {
	cs := b - 1
	for cs > a && !clauseBreak(d.norm[cs-1]) {
		cs--
	}
	return max(cs, a)
}

// sentenceSubject reads the subject that opens the sentence at a (before
// e): a person, country or outlet named there, a name in Latin script, or
// an organisation.
func (d *doc) sentenceSubject(a, e int) (speaker, bool) {
	for a < e && (d.norm[a] == ' ' || d.norm[a] == '/' || d.norm[a] == '\u3000') {
		a++
	}
	// The narrator opening the sentence (我急忙辨解：“…”), not 我 after a
	// speaker's label (受访者：我认为…).
	if e-a >= 2 && d.norm[a] == '我' && !notNarratorSet.has(d.norm[a+1]) && !d.inQuote[a] {
		if sp := d.narratorSpeaker(); sp.typ != "unknown" {
			return sp, true
		}
	}
	a = d.skipSetting(a, e)
	// A sentence opened by 他 or 她 (他冲我笑了一下，立刻变脸说).
	if e-a >= 2 && (d.norm[a] == '他' || d.norm[a] == '她') && !pluralSuffixes.has(d.norm[a+1]) {
		if sp := d.pronoun(a, d.norm[a] == '她', e); sp.typ != "unknown" {
			return sp, true
		}
	}
	if ms := d.mentionsIn(a, e); len(ms) > 0 && d.opens(a, ms[0].Start) {
		m := ms[0]
		return ofMention(m), true
	}
	if a < e && isLatin(d.norm[a]) && unicode.IsUpper(d.norm[a]) {
		k := a
		for k < e && (isLatin(d.norm[k]) || unicode.IsDigit(d.norm[k])) {
			k++
		}
		if k-a >= 2 {
			return speaker{surface: string(d.text[a:k]), typ: "organization"}, true
		}
	}
	return d.nounSubject(a, e)
}

// dateRunes make up a clause that only says when: 2017年6月14日,
// 当地时间周一上午.
const dateRunes = "0123456789０１２３４５６７８９年月日号时分秒点上下中午晚早前后本今昨去明周星期一二三四五六七八九十天当地时间凌晨傍夜间初底旬"

// skipSetting skips a first clause of [a, e) that says only when or by
// whose account (2017年6月14日，…; 据《环球时报》报道，…), so that the subject
// after it is read.
func (d *doc) skipSetting(a, e int) int {
	for a < e && settingSeps.Has(d.norm[a]) {
		a++
	}
	for range 3 {
		c := a
		for c < e && !commaOrColon(d.norm[c]) {
			c++
		}
		if c >= e || c == a {
			return a
		}
		clause := string(d.norm[a:c])
		dateOnly := true
		for _, r := range clause {
			if !dateRuneSet.has(r) {
				dateOnly = false
				break
			}
		}
		source := strings.HasPrefix(clause, "据") && (strings.HasSuffix(clause, "报道") || strings.HasSuffix(clause, "消息") || strings.HasSuffix(clause, "报导"))
		// A run-in heading: 有争议的表态：2013年7月，马云….
		heading := colons.has(d.norm[c]) && c-a <= 12 && len(d.mentionsIn(a, c)) == 0
		if !dateOnly && !source && !heading {
			return a
		}
		a = c + 1
	}
	return a
}

// nounSubject reads a name the entity stage did not find but gse tags as a
// person's or an organisation's (nr, nrt, nt), or a noun phrase ending like
// an organisation, that opens the clause at a and is followed by a
// preposition or the verb at e (安邦集团在官网发表声明, 佐藤认为).
func (d *doc) nounSubject(a, e int) (speaker, bool) {
	if a >= e || pronounsDemonstratives.has(d.norm[a]) {
		return unknown, false
	}
	k, tokens, person, org := a, 0, false, false
	for k < e && k-a < 8 {
		s, t, pos := d.token(k)
		if s != k || !isHan(d.norm[k]) || !strings.HasPrefix(pos, "n") && pos != "j" {
			break
		}
		tokens++
		person = tokens == 1 && (pos == "nr" || pos == "nrt")
		org = org || pos == "nt"
		k = t
	}
	if k-a < 2 || k > e || k-a > 8 {
		return unknown, false
	}
	if k < e {
		if _, _, pos := d.token(k); pos != "p" {
			return unknown, false
		}
	}
	if runesHaveUnnamedPrefix(d.norm[a:k]) {
		return unknown, false
	}
	switch {
	case orgFinalSet.has(d.norm[k-1]) && tokens >= 2, org:
		return speaker{surface: string(d.text[a:k]), typ: "organization"}, true
	case person && tokens == 1 && d.companyAt(a) == k-a:
		// A company jieba tags as a name (华为 nr), as gseTag types it.
		return speaker{surface: string(d.text[a:k]), typ: "organization"}, true
	case person && tokens == 1:
		return speaker{surface: string(d.text[a:k]), typ: "person"}, true
	}
	return unknown, false
}

// modifies reports a name ending at i that qualifies what follows it
// (before b): a noun or 的, or one of a list.
func (d *doc) modifies(i, b int) bool {
	if i >= b {
		return false
	}
	if afterNameJoins.has(d.norm[i]) {
		return true
	}
	s, _, pos := d.token(i)
	return s == i && strings.HasPrefix(pos, "n") && !strings.HasPrefix(pos, "nr") && pos != "ns"
}

// opens reports a name at s that opens the clause at a, at most two
// characters in (但美国, 而BBC), and not a place or an object after a
// pronoun or preposition (我在香港读书时, 对美国).
func (d *doc) opens(a, s int) bool {
	if s-a > 2 {
		return false
	}
	for _, r := range d.norm[a:s] {
		if prepsPronouns.has(r) {
			return false
		}
	}
	return true
}

// mentionsIn returns the mentions inside [a, b).
func (d *doc) mentionsIn(a, b int) []pipeline.Mention {
	k, e := d.mentionRange(a, b)
	return d.mentions[k:e]
}

// mentionRange returns the indexes [k, e) of mentionsIn(a, b).
func (d *doc) mentionRange(a, b int) (k, e int) {
	k = sort.Search(len(d.mentions), func(k int) bool { return d.mentions[k].Start >= a })
	e = k
	for e < len(d.mentions) && d.mentions[e].Stop <= b {
		e++
	}
	return k, e
}

// orgPhrase reads the noun phrase that ends at b: whole words gse tags as
// nouns, at most ten characters, not an unnamed speaker.
func (d *doc) orgPhrase(a, b int) string {
	start := b
	for start > a && b-start < 10 {
		s, e, pos := d.token(start - 1)
		if e != start || s < a || isPunct(d.norm[s]) || d.norm[s] == ' ' || d.norm[s] == '\n' {
			break
		}
		if !(strings.HasPrefix(pos, "n") || pos == "j" || pos == "x" && isHan(d.norm[s]) || pos == "b") {
			break
		}
		start = s
	}
	if start >= b {
		return ""
	}
	if runesHaveUnnamedPrefix(d.norm[start:b]) {
		return ""
	}
	return string(d.text[start:b])
}

// isHan reports a Han character: the common block at once, the rest by
// unicode's table (no Han character comes before U+2E80).
func isHan(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// isPunct is unicode.IsPunct, by bit table in the Basic Multilingual
// Plane: the clause and name scans ask it of most characters they pass.
func isPunct(r rune) bool {
	if uint32(r) < 0x10000 {
		return punctBMP.Has(r)
	}
	return unicode.IsPunct(r)
}

var punctBMP = func() *runeset.Set {
	s := &runeset.Set{}
	for r := rune(0); r < 0x10000; r++ {
		if unicode.IsPunct(r) {
			s.Add(r)
		}
	}
	return s
}()

func isLatin(r rune) bool { return uint32(r) < uint32(len(latinLetters)) && latinLetters[r] }

// latinLetters are the letters below U+0250 (unicode.IsLetter), by table:
// isLatin is asked of every character of posts with English in them.
var latinLetters = func() (t [0x250]bool) {
	for r := range t {
		t[r] = unicode.IsLetter(rune(r))
	}
	return t
}()

// femaleChars are characters of women's given names and of the
// transliterations of women's names: a weak but useful sign for 她.
var femaleChars = "丽娟婷燕芳霞玲莉娜颖雯萍琳静秀英华妍娇媛嫣妮娅莎蒂丝黛琪菲薇蕾瑶姗婕娣姬芬珍慧淑娥梅岚"

// notNarrator after 我 make it another's: 我们, 我的母亲, 我国, 我方.
const notNarrator = "们的国方军党院校市省区县"

// skipSpaces returns the first position from a (before b) that is not a
// space.
func (d *doc) skipSpaces(a, b int) int {
	for a < b && (d.norm[a] == ' ' || d.norm[a] == '\u3000') {
		a++
	}
	return a
}

// narratorSpeaker is 我 outside quotes: the post's one credited author,
// linked to the author's mention when the text names them.
func (d *doc) narratorSpeaker() speaker {
	if d.narrator == "" {
		return unknown
	}
	for _, m := range d.mentions {
		if m.Type == "person" && (m.Surface == d.narrator || m.Name == d.narrator) {
			return speaker{surface: d.narrator, entityID: m.EntityID, typ: "person"}
		}
	}
	return speaker{surface: d.narrator, typ: "person"}
}

// female guesses from any of the names the post gives a person whether
// she is a woman (希尔德 of 艾梅柏·希尔德).
func (d *doc) female(surface, entityID string) bool {
	if d.women == nil {
		d.women = map[string]bool{}
		for _, m := range d.mentions {
			if m.Type == "person" && (female(m.Surface) || female(m.Name)) {
				d.women[m.EntityID] = true
			}
		}
	}
	return female(surface) || entityID != "" && d.women[entityID]
}

// female guesses from a name whether its bearer is a woman.
func female(name string) bool {
	if name == "" {
		return false
	}
	if strings.HasSuffix(name, "女士") || strings.HasSuffix(name, "夫人") {
		return true
	}
	// The last character of a Chinese given name, or any syllable of a
	// transliterated first name.
	if last, _ := utf8.DecodeLastRuneInString(name); strings.ContainsRune(femaleChars, last) {
		return true
	}
	if i := strings.IndexRune(name, '·'); i > 0 {
		for _, c := range name[:i] {
			if strings.ContainsRune("娜莎丽娅妮琳蒂丝黛琪菲薇蕾瑶姗梅", c) {
				return true
			}
		}
	}
	return false
}

// pronoun resolves 他 or 她 at i: a person named earlier in the same
// sentence as its subject (罗姆尼已提前投票，他告诉CNN), else the speaker of
// the quotes just before, else the last person named, of the pronoun's
// gender as far as names tell.
func (d *doc) pronoun(i int, she bool, quoteStart int) speaker {
	d.stateReads++
	// The speaker of a quote earlier in the same paragraph goes on (…，”他
	// 说。如果拜登当选，他将“…”); never 我, the narrator, but the one 我
	// spoke with.
	last, lastPos := d.last, d.lastPos
	if d.narrator != "" && last.surface == d.narrator {
		last, lastPos = d.other, d.otherPos
	}
	recent := last.typ == "person" && quoteStart-lastPos < 300 && d.female(last.surface, last.entityID) == she
	if recent && !slices.Contains(d.norm[min(lastPos, i):i], '\n') {
		return last
	}
	sent := d.sentStart(i)
	k0, k1 := d.mentionRange(sent, i)
	for k := k0; k < k1; k++ {
		m := d.mentions[k]
		if m.Type != "person" || d.femaleAt(k) != she || d.inQuote[m.Start] {
			continue
		}
		if m.Start > sent && beforeObject.has(d.norm[m.Start-1]) {
			continue // an object or one of several
		}
		if m.Stop < len(d.norm) && afterNameJoins.has(d.norm[m.Stop]) {
			continue // 特朗普的顾问, 特朗普和拜登
		}
		return ofMention(m)
	}
	// A person who opened a sentence since the speaker of the quotes
	// before spoke (麦马林2016年…。\n他在推特发文说).
	k := sort.Search(len(d.mentions), func(k int) bool { return d.mentions[k].Start >= sent }) - 1
	for ; recent && k >= 0 && d.mentions[k].Start > max(lastPos, i-300); k-- {
		m := d.mentions[k]
		if m.Type == "person" && d.femaleAt(k) == she && !d.inQuote[m.Start] && m.Surface != d.narrator {
			if ss := d.sentStart(m.Start); d.opens(ss, m.Start) {
				return ofMention(m)
			}
		}
	}
	if recent {
		return last
	}
	if sp, ok := d.lastPersonOf(i, she); ok {
		return sp
	}
	return unknown
}

// lastPersonOf returns the last person named before i whose name agrees
// with the pronoun's gender, else the last person.
func (d *doc) lastPersonOf(i int, she bool) (speaker, bool) {
	// lastMention's reading, with the mention's index for femaleAt.
	k := sort.Search(len(d.mentions), func(k int) bool { return d.mentions[k].Start >= i }) - 1
	for ; k >= 0; k-- {
		m := d.mentions[k]
		if i-m.Stop > 600 {
			break
		}
		if m.Type == "person" && d.femaleAt(k) == she && m.Surface != d.narrator {
			return ofMention(m), true
		}
	}
	return d.lastPerson(i)
}

// femaleAt is d.female of mention k, each mention read once per post: the
// pronouns of every quote ask it again of the same people before them.
func (d *doc) femaleAt(k int) bool {
	if d.femaleM == nil {
		d.scratch.femaleM = resized(d.scratch.femaleM, len(d.mentions))
		d.femaleM = d.scratch.femaleM
	}
	x := d.femaleM[k] // 0 not read yet, 1 not female, 2 female
	if x == 0 {
		m := &d.mentions[k]
		x = 1
		if d.female(m.Surface, m.EntityID) {
			x = 2
		}
		d.femaleM[k] = x
	}
	return x == 2
}

// lastPerson returns the last person named before i (within 600
// characters).
func (d *doc) lastPerson(i int) (speaker, bool) {
	return d.lastMention(i, func(m pipeline.Mention) bool { return m.Type == "person" })
}

// cueEndingAt returns the verb of saying that ends at b, or "".
func (d *doc) cueEndingAt(a, b int) (string, int) {
	// Before a colon a one-character verb counts even where gse glued it to
	// the word before (推特发文说： cut 特发/文说).
	if n := d.s.verbsRev.LongestBack(d.norm[a:b], b-a); n > 0 && (d.tokStart(b-n) || n == 1 && b < len(d.norm) && colons.has(d.norm[b])) {
		return d.verbName(d.norm[b-n : b]), b - n
	}
	return "", -1
}

// cueStartingAt returns the verb of saying that starts at i, or "".
func (d *doc) cueStartingAt(i int) string {
	if n := d.cueLen(i); n > 0 {
		return d.verbName(d.norm[i : i+n])
	}
	return ""
}

// verbName returns string(v) for a verb of saying v, the lexicon's string
// rather than a new one where it is one of its verbs.
func (d *doc) verbName(v []rune) string {
	b := d.verbBuf[:0]
	for _, r := range v {
		b = utf8.AppendRune(b, r)
	}
	d.verbBuf = b
	if name, ok := d.s.verbNames[string(b)]; ok {
		return name
	}
	return string(v)
}

// cueLen returns the length of the verb of saying that starts at i, or 0.
// Each position is read once per post: the rules and every candidate of
// every quote ask again about the same few hundred characters.
func (d *doc) cueLen(i int) int {
	if i < 0 || i >= len(d.norm) {
		return len(d.cueAt(i))
	}
	if !d.s.verbFirst.Has(d.norm[i]) {
		return 0 // most characters start no verb
	}
	if d.cueN == nil {
		d.scratch.cueN = resized(d.scratch.cueN, len(d.norm))
		d.cueN = d.scratch.cueN
	}
	if c := d.cueN[i]; c != 0 {
		return int(c) - 1
	}
	n := len(d.cueAt(i))
	d.cueN[i] = uint8(min(n, 254) + 1)
	return n
}

// cueAt reads the verb of saying that starts at i, or "".
func (d *doc) cueAt(i int) []rune {
	buf := d.s.verbs.MatchesAt(d.norm, i, d.matches[:0])
	d.matches = buf[:0]
	if len(buf) == 0 {
		return nil
	}
	if !d.tokStart(i) {
		// gse may glue a verb's first character to the word before
		// (微博上调侃 cut 上调/侃): a verb of two or more characters that
		// ends a word still counts when only that one character was taken.
		s, e, _ := d.token(i)
		for k := len(buf) - 1; k >= 0; k-- {
			if n := buf[k].N; n >= 2 && s == i-1 && e == i+1 && d.tokStart(i+n) {
				return d.norm[i : i+n]
			}
		}
		return nil
	}
	// The verb must end where a word ends: 问 is no verb in 问题.
	for k := len(buf) - 1; k >= 0; k-- {
		if d.tokStart(i + buf[k].N) {
			return d.norm[i : i+buf[k].N]
		}
	}
	return nil
}

// confidence of each attribution rule.
var confidence = map[string]float64{
	"cue-before": 0.9, "cue-after": 0.9, "colon": 0.8, "partial": 0.75, "previous-speaker": 0.6,
	"reported": 0.7, "none": 0.5,
}

func (d *doc) add(kind string, start, stop int, sp speaker, cue, rule string) {
	if stop <= start {
		return
	}
	c := confidence[rule]
	if sp.typ == "unknown" && rule != "none" {
		c = 0.5
	}
	d.quotes = append(d.quotes, pipeline.Quote{
		Kind: kind, Text: d.textOf(start, stop), Start: start, Stop: stop,
		Speaker: sp.surface, SpeakerEntityID: sp.entityID, SpeakerType: sp.typ,
		Cue: cue, Rule: rule, Confidence: c,
	})
	d.meta = append(d.meta, quoteMeta{how: d.how})
	d.how = ""
	if sp.surface != "" {
		d.last, d.lastPos = sp, stop
		if sp.surface != d.narrator {
			d.other, d.otherPos = sp, stop
		}
	}
}

func (d *doc) sortQuotes() {
	if d.quotes == nil {
		// No quotes is an empty list, not a missing one.
		d.quotes, d.meta = []pipeline.Quote{}, []quoteMeta{}
	}
	sort.Stable(byStart{d.quotes, d.meta})
}

// byStart sorts quotes and their meta together by where they begin.
type byStart struct {
	qs []pipeline.Quote
	ms []quoteMeta
}

func (b byStart) Len() int           { return len(b.qs) }
func (b byStart) Less(i, j int) bool { return b.qs[i].Start < b.qs[j].Start }
func (b byStart) Swap(i, j int) {
	b.qs[i], b.qs[j] = b.qs[j], b.qs[i]
	b.ms[i], b.ms[j] = b.ms[j], b.ms[i]
}

// isSentenceEnd reports a rune of sentenceEnds: a switch, since it is asked
// of every character of every post.
func isSentenceEnd(r rune) bool {
	if r > '。' && r < '！' {
		return false // Han characters and most others: one comparison
	}
	switch r {
	case '。', '！', '？', '!', '?', '\n', '；', ';':
		return true
	}
	return false
}
