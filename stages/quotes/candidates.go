package quotes

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Candidate is one possible speaker of a quote: a person, organisation,
// country or outlet in sight of it, a speaker of the quotes before it, or
// nobody (Type "unknown": the text does not say). Features describe it in
// its quote's context; the speaker model weighs them.
type Candidate struct {
	Surface, EntityID, Type string
	Features                []string
	// Pseudonym marks a name the post says it made up (化名): the
	// candidate speaks, and the quote is nobody's (Speaker).
	Pseudonym bool

	// Where the stage scores as it goes (no Features kept): the model's
	// score and the features that weighed most.
	score float64
	top   [2]string
}

// None reports the candidate that stands for no speaker (`?`).
func (c Candidate) None() bool { return c.Type == "unknown" }

// Speaker returns the quote's speaker columns when c is chosen: nobody's
// for a made-up name, as the gold guide has it.
func (c Candidate) Speaker() (surface, entityID, typ string) {
	if c.None() || c.Pseudonym {
		return "", "", "unknown"
	}
	return c.Surface, c.EntityID, c.Type
}

// The window around a quote in which mentions are candidates: the
// sentences before it up to its paragraph and a little beyond, and the
// clause after it (“Q”，X说).
const (
	candBefore = 300
	candAfter  = 120
)

// cand is a candidate as it is built: its occurrences in the window.
type cand struct {
	sp   speaker
	occ  [][2]int // [start, stop) of each naming in the window, text order
	rule bool     // the rules chose it
	cue  bool     // it speaks at a verb of saying in the window
	top  int      // 1 for the person the post names most, 2 for the next, else 0
	// quoted counts the quotes before this one that the rules gave it.
	quoted int
	// dominant: it spoke more than half of the named quotes so far, two
	// at least (a profile's or an interview's one voice).
	dominant bool
	gse      bool // a name only gse's tags propose
	guess    bool // a name read at a verb of saying alone (guessName)
	// org: an organisation read by its head word (orgNames); orgRef: one
	// that 该组织, 该院 … stands for in the window.
	org, orgRef bool
	// cut: a person's mentions that each open this organisation's name
	// (cutOrg); it speaks with no entity.
	cut bool
	// Ranks by nearness to the quote (1 the nearest, 0 not named there):
	// before it among all candidates and among people, after it.
	rankB, rankBP, rankA int
	prev                 int  // 1 for the previous quote's speaker, 2.. for earlier ones, 0 for neither
	gov                  bool // it speaks at the verb of saying that governs the quote
	// gap is, for the previous quote's speaker when that quote is the one
	// right before, the characters between the two: “A，”他说。“B” is one
	// utterance broken by its attribution. -1 otherwise.
	gap    int
	gapCue bool // a verb of saying stands in the gap
	// doc: it issued the document that speaks the quote (docOwner).
	doc docLink
	// ana: an anaphor subject (该公司, 该发言人) stands for it (anaphorFor).
	ana anaLink
	// affil: its naming nearest before the quote is a body's before a
	// person's title and name; affiliated: a person's after them (affil.go).
	affil, affiliated bool
	// chain: the stretch from its quote to this one, for prev1 (discourse.go).
	chain chainLink
}

// candKey identifies a candidate: its entity, else its surface.
type candKey struct{ id, surface string }

func keyOf(sp speaker) candKey {
	if sp.entityID != "" {
		return candKey{id: sp.entityID}
	}
	return candKey{surface: sp.surface}
}

// quoteCounts count the quotes so far per speaker.
type quoteCounts struct{ id, surface map[string]int }

// RulesAlone are the rules' findings that decide a speaker alone, with no
// candidates for the model: an interview's speaker label names who speaks
// (侍建宇：) or its asker asks (记者问: interview.go), where cross-validated
// the model does worse (one gold interview's turns); the text says that
// several speak (joint, plural) or that words were said to the subject
// (passive), where the rules' nobody is the guide's and, read blind on news
// posts, the model named one of the speakers. Someone the text leaves
// unnamed (unnamed) is the model's outside English text (decidesAlone):
// learning from 11,300 quotes it did better there, cross-validated and
// read blind (models/speakers/README.md, twenty-fifth round). eval and
// train --speaker-rules-alone set it before any post is read, for
// measurement.
var RulesAlone = map[string]bool{"joint": true, "plural": true, "passive": true, "label": true, "asker": true}

// decidesAlone reports that the rules decide quote qi's speaker alone:
// RulesAlone, or an unnamed speaker in English text, where the model has
// too few quotes to learn that a section's name before a headline does
// not speak ("appeared in the Europe section … under the headline").
// An unnamed subject that is an anaphor for a body named before (该发言人)
// goes to the model.
func (d *doc) decidesAlone(qi int) bool {
	how := d.meta[qi].how
	if how == "unnamed" && d.anaphorFound(qi) {
		return false
	}
	if RulesAlone[how] {
		return true
	}
	q := d.quotes[qi]
	return how == "unnamed" && d.latinWindow(max(0, q.Start-candBefore), min(len(d.norm), q.Stop+candAfter))
}

// candidates returns, for each quote of d (in d.quotes' order), its
// candidates; nil for reported speech and where the rules decide alone.
func (d *doc) candidates(decide Decider) [][]Candidate {
	out := make([][]Candidate, len(d.quotes))
	prevs := d.scratch.prevs[:0] // speakers of the quotes so far, latest last
	prevEnds := d.scratch.prevEnds[:0]
	defer func() { d.scratch.prevs, d.scratch.prevEnds = cleared(prevs), prevEnds[:0] }()
	// Quotes so far per speaker: by entity, and by surface (those the entity
	// stage did not link count under both).
	quoted := quoteCounts{id: takeMap(&d.scratch.quotedID), surface: takeMap(&d.scratch.quotedSurface)}
	d.quoted = quoted // kept for the next post (release)
	for qi := range d.quotes {
		if d.quotes[qi].Kind != "reported" && d.englishUnnamed(qi) {
			q := &d.quotes[qi]
			q.Speaker, q.SpeakerEntityID, q.SpeakerType, q.Confidence = "", "", "unknown", 0.5
			d.meta[qi].how = "unnamed"
		}
		q := d.quotes[qi]
		if q.Kind != "reported" && !d.decidesAlone(qi) {
			out[qi] = d.quoteCandidates(qi, prevs, prevEnds, quoted)
		}
		if sp, ok := prevSpeaker(qi, q, out[qi], decide); ok {
			prevs = append(prevs, sp)
			prevEnds = append(prevEnds, q.Stop)
			quoted.id[sp.entityID]++
			quoted.surface[sp.surface]++
		}
	}
	return out
}

// quoteCandidates gathers and describes the candidates of quote qi.
func (d *doc) quoteCandidates(qi int, prevs []speaker, prevEnds []int, quoted quoteCounts) []Candidate {
	q := d.quotes[qi]
	meta := d.meta[qi]
	n := len(d.norm)
	s, e := q.Start, q.Stop
	open := max(0, s-1)
	lo, hi := max(0, s-candBefore), min(n, e+candAfter)

	// The candidates are built in the doc's scratch, reused from quote to
	// quote and post to post: what is returned copies what it needs.
	sc := d.candScratch()
	cs := sc.cs[:0]
	// A quote has a few candidates: they are found by a look along cs,
	// and by a map only once there are more than maxListed.
	byKey := sc.byKey
	if len(byKey) > 0 {
		clear(byKey)
	}
	get := func(sp speaker) *cand {
		if x := lookup(byKey, cs, sp); x != nil {
			return x
		}
		cut := false
		if sp.typ == "person" {
			if name, ok := d.cutOrg(sp.entityID); ok {
				// The entity stage cut an organisation's name short: the
				// candidate is the organisation, still keyed by the
				// entity so that the rules' and the cues' readings of it
				// meet it.
				sp.surface, sp.typ, cut = name, "organization", true
			}
		}
		var c *cand
		if n := len(cs); n < len(sc.pool) {
			c = sc.pool[n]
			*c = cand{sp: sp, occ: c.occ[:0], cut: cut}
		} else {
			c = &cand{sp: sp, cut: cut}
			sc.pool = append(sc.pool, c)
		}
		cs = append(cs, c)
		switch n := len(cs); {
		case n == maxListed+1:
			for _, x := range cs {
				byKey[keyOf(x.sp)] = x
			}
		case n > maxListed+1:
			byKey[keyOf(sp)] = c
		}
		return c
	}
	defer func() { sc.cs = cs[:0] }()
	// Mentions in the window.
	k := sort.Search(len(d.mentions), func(k int) bool { return d.mentions[k].Start >= lo })
	for ; k < len(d.mentions) && d.mentions[k].Start < hi; k++ {
		m := d.mentions[k]
		c := get(ofMention(m))
		c.occ = append(c.occ, [2]int{m.Start, m.Stop})
	}
	// Organisations and names gse tags in the window, outside quotes,
	// that the entity stage did not take.
	tags := d.gseTags()
	for k := sort.Search(len(tags), func(k int) bool { return tags[k].span[0] >= lo }); k < len(tags) && tags[k].span[0] < hi; k++ {
		t := tags[k]
		c := get(t.sp)
		c.occ = append(c.occ, t.span)
		c.gse = c.gse || t.sp.typ == "person"
	}
	// Organisations read by their head word, and what 该组织 stands for.
	orgs := d.orgNames()
	for k := sort.Search(len(orgs), func(k int) bool { return orgs[k].span[0] >= lo }); k < len(orgs) && orgs[k].span[0] < hi; k++ {
		o := &orgs[k]
		sp := speaker{surface: d.orgSurface(o), typ: "organization"}
		c := d.sameAs(byKey, cs, sp)
		if c == nil {
			c = get(sp)
		}
		c.org = true
		c.orgRef = c.orgRef || o.ref
		if !slices.Contains(c.occ, o.span) {
			c.occ = append(c.occ, o.span)
			slices.SortFunc(c.occ, byOccStart)
		}
	}
	ctx := d.quoteContext(qi)
	if ctx.en {
		d.latinCandidates(lo, hi, get)
	}
	// Who speaks at each verb of saying in the window (X说, 中联办在声明中
	// 指出), named or not by the entity stage.
	subj := d.cueSubjects()
	for k := sort.Search(len(subj), func(k int) bool { return subj[k].at >= lo }); k < len(subj) && subj[k].at < hi; k++ {
		cu := subj[k]
		c := d.sameAs(byKey, cs, cu.sp)
		if c == nil {
			c = get(cu.sp)
		}
		c.gov = c.gov || cu.at == ctx.gov
		if len(c.occ) == 0 || cu.occ[0] < c.occ[0][0] || cu.occ[1] > c.occ[len(c.occ)-1][1] {
			c.occ = append(c.occ, cu.occ)
			slices.SortFunc(c.occ, byOccStart)
		}
		c.cue = true
		c.guess = c.guess || cu.guess
	}
	// The people the post is most about, wherever they are named: the
	// subject of an interview or a profile.
	for rank, sp := range d.topPeople() {
		c := d.sameAs(byKey, cs, sp)
		if c == nil {
			c = get(sp)
		}
		c.top = rank + 1
	}
	// How many quotes before this one each speaker had.
	for _, c := range cs {
		if c.sp.entityID != "" {
			c.quoted = quoted.id[c.sp.entityID]
		} else {
			c.quoted = quoted.surface[c.sp.surface]
		}
		c.dominant = c.quoted >= 2 && 2*c.quoted > len(prevs)
	}
	// Who issued the document that speaks (docowner.go).
	if sp, link, subj := d.docOwner(ctx, open); link.on {
		c := d.sameAs(byKey, cs, sp)
		if c == nil {
			c = get(sp)
		}
		c.doc = link
		ctx.docOwned = true
	} else if subj {
		ctx.docNoOwner = true
	}
	// The body an anaphor subject stands for (anaphor.go).
	if a := d.anaphorFor(ctx, open); a.found {
		c := d.sameAs(byKey, cs, a.body)
		if c == nil {
			c = get(a.body)
		}
		c.ana = a.link(open, ctx.para)
		ctx.anaFound = true
	} else if a.on {
		ctx.anaNone = true
	}
	// The rules' choice.
	if q.Speaker != "" {
		sp := speaker{surface: q.Speaker, entityID: q.SpeakerEntityID, typ: q.SpeakerType}
		c := d.sameAs(byKey, cs, sp)
		if c == nil {
			c = get(sp)
		}
		c.rule = true
	}
	// The speakers of the quotes before, within 600 characters, latest
	// first, three at most.
	rank := 0
	for i := len(prevs) - 1; i >= 0 && rank < 3; i-- {
		if s-prevEnds[i] > 600 {
			break
		}
		c := d.sameAs(byKey, cs, prevs[i])
		if c == nil {
			c = get(prevs[i])
		}
		if c.prev == 0 {
			rank++
			c.prev = rank
			c.gap = -1
			if rank == 1 {
				c.chain = d.chainFrom(qi, prevEnds[i], prevs[i])
			}
			if rank == 1 && qi > 0 && d.quotes[qi-1].Stop == prevEnds[i] {
				c.gap = max(0, s-1-prevEnds[i]-1)
				for k := prevEnds[i] + 1; k < s-1; k++ {
					if d.cueLen(k) > 0 {
						c.gapCue = true
						break
					}
				}
			}
		}
	}
	if ctx.en {
		d.englishCueSubjects(cs, lo, hi, ctx)
	}
	rankCandidates(cs, q.Start, q.Stop, &sc.rank)
	d.affiliations(cs, open)
	// Every quote's candidates in one array per post.
	if cap(d.candOut)-len(d.candOut) < len(cs)+1 {
		d.candOut = make([]Candidate, 0, max(2*cap(d.candOut), len(cs)+1, 64))
	}
	from := len(d.candOut)
	out := d.candOut[from:from:cap(d.candOut)]
	defer func() { d.candOut = d.candOut[:from+len(out)] }()
	fs := &d.sink
	fs.reset()
	d.noneFeatures(fs, q, meta, ctx, len(cs))
	out = append(out, fs.candidate(Candidate{Type: "unknown"}))
	for _, c := range cs {
		fs.reset()
		d.candFeatures(fs, q, meta, ctx, c, open)
		id := c.sp.entityID
		if c.cut {
			id = ""
		}
		out = append(out, fs.candidate(Candidate{Surface: c.sp.surface, EntityID: id, Type: c.sp.typ, Pseudonym: c.sp.typ == "person" && d.isPseudonym(c.sp.surface, c.sp.entityID)}))
	}
	return out[:len(out):len(out)]
}

// featSink receives a candidate's features. Without a model it keeps them
// as strings (to train on); with one it only adds up their weights, and
// for a candidate keeps the two that weigh most, so that scoring makes no
// string per feature: add's map lookup with string(buf) does not allocate,
// and addSlot (conj.go) looks a feature up once for all its conjunctions.
type featSink struct {
	m     *Model
	buf   []byte
	vbuf  []byte       // a lexical feature's value, a word (lexical.go)
	base  [][2]string  // scratch of candFeatures
	ids   []int16      // their literal's number (lit), or -1
	ents  []*featEntry // the same features' entries
	strs  []string
	score float64
	bits  []uint64   // the features the model's trees split on, seen so far
	memo  *treeMemo  // the trees' sums of recent sets of bits
	masks []leafMask // room for leafMasks.sum: all zero between calls
	trees []uint16   // room for leafMasks.sum
	// The two heaviest features so far (addSlot).
	topW    [2]float64
	topName [2]string
}

// treeBits returns bits, grown to a bit for each feature the model's trees
// split on.
func (fs *featSink) treeBits() []uint64 {
	if n := len(fs.m.tf)/64 + 1; len(fs.bits) < n {
		fs.bits = append(fs.bits, make([]uint64, n-len(fs.bits))...)
	}
	return fs.bits
}

// treeSum is what the model's trees add for the bits the sink received.
func (fs *featSink) treeSum() float64 {
	set := fs.treeBits()
	if fs.memo == nil {
		fs.memo = &treeMemo{}
	}
	i, ok := fs.memo.lookup(fs.m, set)
	if ok {
		return fs.memo.vals[i]
	}
	var v float64
	if q := fs.m.masks; q != nil {
		if len(fs.masks) < len(q.first) {
			fs.masks = make([]leafMask, len(q.first))
			fs.trees = make([]uint16, len(q.first)+1)
		}
		v = q.sum(set, fs.masks, fs.trees)
	} else {
		v = fs.m.treeSum(set)
	}
	fs.memo.put(i, set, v)
	return v
}

func (fs *featSink) reset() {
	fs.strs, fs.score, fs.topW, fs.topName = nil, 0, [2]float64{}, [2]string{}
	clear(fs.bits)
}

// add receives feature a+b+c. With a model it adds its weight and tree bit
// only: the heaviest features are kept by addSlot alone.
func (fs *featSink) add(a, b, c string) {
	fs.buf = append(append(append(fs.buf[:0], a...), b...), c...)
	if fs.m == nil {
		fs.strs = append(fs.strs, string(fs.buf))
		return
	}
	fs.score += fs.m.w[string(fs.buf)]
	if fs.m.tf != nil {
		if b, ok := fs.m.tf[string(fs.buf)]; ok {
			fs.treeBits()[b>>6] |= 1 << (b & 63)
		}
	}
}

// candidate completes c with what the sink received.
func (fs *featSink) candidate(c Candidate) Candidate {
	if fs.m == nil {
		c.Features = fs.strs
		return c
	}
	c.score = fs.score
	if fs.m.tf != nil {
		c.score += fs.treeSum()
	}
	c.top = fs.topName
	return c
}

// topOf returns the features that weighed most for c (c's own array: it
// must stay put while the result is used).
func topOf(c *Candidate) []string {
	n := 0
	for n < len(c.top) && c.top[n] != "" {
		n++
	}
	return c.top[:n]
}

// sameAs finds the candidate already gathered that names sp: the same
// entity, or, for a speaker the entity stage did not link, the same
// surface.
func (d *doc) sameAs(byKey map[candKey]*cand, cs []*cand, sp speaker) *cand {
	if c := lookup(byKey, cs, sp); c != nil || sp.entityID != "" {
		return c
	}
	for _, c := range cs {
		if c.sp.surface == sp.surface {
			return c
		}
	}
	return nil
}

// maxListed is how many candidates are looked for along their list before
// a map of them is made.
const maxListed = 16

// lookup returns the candidate in cs with sp's key (keyOf), or nil: by
// byKey once cs is longer than maxListed (byKey then holds every one).
// A candidate's key is its speaker's: get keys it before a cut
// organisation's surface replaces the person's, and such a speaker has
// an entity.
func lookup(byKey map[candKey]*cand, cs []*cand, sp speaker) *cand {
	if len(cs) > maxListed {
		return byKey[keyOf(sp)]
	}
	if id := sp.entityID; id != "" {
		for _, c := range cs {
			if c.sp.entityID == id {
				return c
			}
		}
		return nil
	}
	for _, c := range cs {
		if c.sp.entityID == "" && c.sp.surface == sp.surface {
			return c
		}
	}
	return nil
}

// quoteCtx is what every candidate of a quote shares.
type quoteCtx struct {
	sent, para, paraEnd, sentEnd int
	paraOpen                     bool // the quote opens its paragraph
	colon                        bool // a colon right before the opening mark
	cueBefore                    bool // a verb of saying right before it
	cueAfter                     bool // a verb of saying in the clause after it
	pronoun                      rune // 他 or 她 opening the clause before, or 0
	unnamed                      bool // someone unnamed opens the clause before
	unnamedIn                    bool // someone unnamed in the sentence before, no person after (当地一名村干部称)
	plural                       bool // 他们, 双方 … before the verb
	docRef                       bool // 该声明, 报告, 文件 … the document of someone speaks
	// A document speaks the quote and its owner is a candidate (docOwned),
	// or a document is its subject and no owner was found (docNoOwner).
	docOwned, docNoOwner bool
	prevNone             bool // the quote before, near or in the same paragraph, is nobody's by the rules
	bareCue              bool // the verb of saying governing it opens its clause: its subject is elided (…，宣称「…」)
	// An anaphor subject stands for a body that is a candidate
	// (anaFound), or for none found (anaNone).
	anaFound, anaNone bool
	// gov is where the verb of saying nearest before the quote in its
	// sentence begins (X说，Y“…”: X's words about Y), or -1.
	gov int
	// en: the quote stands in English text (latinWindow); its candidates
	// and cues are read as English, and the rules' findings are left out.
	en bool
	// clause is where the clause ending at the opening mark begins, first
	// where the sentence's first mention before it outside quotes begins
	// (or -1): what every candidate named in the sentence is compared
	// with, read once per quote.
	clause, first int
}

func (d *doc) quoteContext(qi int) quoteCtx {
	q := d.quotes[qi]
	n := len(d.norm)
	open := max(0, q.Start-1)
	var c quoteCtx
	c.sent = d.sentStart(open)
	c.para, c.paraEnd = d.paraBounds(open, q.Stop)
	c.sentEnd = min(n, q.Stop+1)
	for c.sentEnd < n && c.sentEnd-q.Stop < 200 && !isSentenceEnd(d.norm[c.sentEnd]) {
		c.sentEnd++
	}
	p := open
	for p > c.para && (d.norm[p-1] == ' ' || d.norm[p-1] == '\u3000') {
		p--
	}
	c.paraOpen = p == c.para
	if p > 0 && colons.has(d.norm[p-1]) {
		c.colon = true
		p--
	} else if p > 0 && commas.has(d.norm[p-1]) {
		p--
	}
	if cue, _ := d.cueEndingAt(c.sent, p); cue != "" {
		c.cueBefore = true
	}
	after := min(n, q.Stop+1)
	for k := after; k < c.sentEnd && k-after < 30; k++ {
		if d.cueLen(k) > 0 {
			c.cueAfter = true
			break
		}
	}
	cs := d.clauseStart(c.sent, p)
	k := d.skipSpaces(cs, p)
	if k < p && heShe.has(d.norm[k]) && (k+1 >= p || !pluralSuffixes.has(d.norm[k+1])) {
		c.pronoun = d.norm[k]
	}
	// “Q”，他说: the pronoun after the quote.
	if c.pronoun == 0 {
		k := d.skipSpaces(after, c.sentEnd)
		for k < c.sentEnd && commasSpace.has(d.norm[k]) {
			k++
		}
		if k+1 < c.sentEnd && heShe.has(d.norm[k]) && !pluralSuffixes.has(d.norm[k+1]) {
			c.pronoun = d.norm[k]
		}
	}
	// 他说，也许向华强…，“Q”; 她表示，自己忍受了“Q”: the pronoun opening the
	// sentence is the subject of an earlier clause.
	if c.pronoun == 0 && cs > c.sent {
		k := d.skipLeadIn(c.sent, cs)
		if k+1 < cs && heShe.has(d.norm[k]) && !pluralSuffixes.has(d.norm[k+1]) {
			c.pronoun = d.norm[k]
		}
	}
	c.gov = d.governingCue(c.sent, open)
	c.bareCue = d.bareCue(c.sent, c.gov)
	c.en = d.latinWindow(max(0, q.Start-candBefore), min(n, q.Stop+candAfter))
	if c.en {
		d.englishContext(&c, p, after, cs, open)
	}
	c.unnamed = d.unnamedAt(cs, p)
	c.unnamedIn = !c.unnamed && d.unnamedInside(c.sent, p)
	c.clause = d.clauseStart(c.sent, open)
	c.first = d.firstNamed(c.sent, open)
	clause := d.norm[cs:p]
	c.plural = containsAny(clause, pluralRunes)
	c.docRef = containsAny(clause, docRefs)
	c.prevNone = d.prevNobody(qi, c.para)
	return c
}

// paraBounds returns where the paragraph holding open begins and the
// first line's end at or after stop (or the text's end): from the lines'
// ends the post's one reading noted, else read back and forth.
func (d *doc) paraBounds(open, stop int) (para, end int) {
	n := len(d.norm)
	if !d.linesRead {
		para, end = open, stop
		for para > 0 && d.norm[para-1] != '\n' {
			para--
		}
		for end < n && d.norm[end] != '\n' {
			end++
		}
		return para, end
	}
	ls := d.lines
	k, _ := slices.BinarySearch(ls, int32(open))
	if k > 0 {
		para = int(ls[k-1]) + 1
	}
	end = n
	if k, _ := slices.BinarySearch(ls, int32(stop)); k < len(ls) {
		end = int(ls[k])
	}
	return para, end
}

// bareLeads are the adverbs that may stand between a clause's opening and
// its verb of saying with the subject still elided (…，并补充说, 随后表示).
var bareLeads = smallOf("但而另并且更也还亦却则又再曾均都随后同时进一步此前补充")

// bareCue reports that the verb of saying beginning at gov (in the
// sentence at sent; -1 for none) opens its clause, after adverbs only:
// its subject is elided (中方从正门进入，宣称「…」, 他观察…，指出「…」), and
// is the topic named earlier, not nobody.
func (d *doc) bareCue(sent, gov int) bool {
	if gov < 0 {
		return false
	}
	a := d.clauseStart(sent, gov+1)
	for a < gov && (d.norm[a] == ' ' || d.norm[a] == '\u3000' || bareLeads.has(d.norm[a])) {
		a++
	}
	return a == gov
}

// prevNobody reports that the quote before qi, ending in qi's paragraph,
// within 200 characters of it or with only marks and spaces between, has
// nobody as the rules' speaker. The rules' history gives the model no
// nobody to read (prev1 names a speaker only), and on the annotated
// corpus posts the quotes after an unnamed one (a list of comments,
// 网友留言：“…”；“…”) were given the nearest name.
func (d *doc) prevNobody(qi, para int) bool {
	k := qi - 1
	for k >= 0 && d.quotes[k].Kind == "reported" {
		k--
	}
	if k < 0 || d.quotes[k].Speaker != "" {
		return false
	}
	p := d.quotes[k]
	open := d.quotes[qi].Start - 1
	if p.Stop >= open {
		return false
	}
	if p.Stop >= para || open-p.Stop < 200 {
		return true
	}
	for i := p.Stop + 1; i < open; i++ {
		if r := d.norm[i]; !isPunct(r) && r != ' ' && r != '\n' && r != '\u3000' {
			return false
		}
	}
	return true
}

// docRefs in the clause before a quote say that a document of someone
// speaks, or an organisation named before (该院).
var docRefs = runesOf([]string{"声明", "报告", "文件", "公告", "通报", "判决", "裁定", "新闻稿", "该院", "该部", "该会", "该局", "该委", "该署", "该组织", "该机构", "该公司", "信中", "文中"})

// unnamedInner mark someone unnamed inside a sentence, after a place or an
// organisation (该市一社区居委会干部称, 当地一位穆斯林补充说, 有不愿具名的
// 前官员表示): on the annotated corpus posts such quotes were given a
// name where the gold has nobody. unnamedAt reads only a clause's opening;
// this reads the sentence before the quote.
var unnamedInner = runesOf([]string{"一名", "一位", "一个", "一些", "一家", "某位", "某名", "某个", "多位", "多名", "几位", "几名", "另一", "不愿具名", "不愿透露", "匿名", "不知姓名", "不具名"})

// unnamedInnerFirst are the first characters of unnamedInner.
var unnamedInnerFirst = func() *smallSet {
	var first []rune
	for _, w := range unnamedInner {
		first = append(first, w[0])
	}
	return smallOf(string(first))
}()

// unnamedInside reports someone unnamed (unnamedInner) in [a, b) with no
// person named after it there.
func (d *doc) unnamedInside(a, b int) bool {
	for i := a; i < b; i++ {
		// Most characters start none of the words: asked before the list.
		if !unnamedInnerFirst.has(d.norm[i]) {
			continue
		}
		for _, w := range unnamedInner {
			if d.norm[i] != w[0] || i+len(w) > b || !slices.Equal(d.norm[i:i+len(w)], w) {
				continue
			}
			for _, m := range d.mentionsIn(i, b) {
				if m.Type == "person" {
					return false
				}
			}
			return true
		}
	}
	return false
}

var pluralRunes = func() [][]rune {
	var ws []string
	for w := range plural {
		ws = append(ws, w)
	}
	return runesOf(ws)
}()

// runesOf returns the words as runes, once, for comparing with the text
// without making strings of it.
func runesOf(ws []string) [][]rune {
	out := make([][]rune, len(ws))
	for i, w := range ws {
		out[i] = []rune(w)
	}
	return out
}

// containsAny reports one of ws in s.
func containsAny(s []rune, ws [][]rune) bool {
	for i := range s {
		for _, w := range ws {
			if s[i] == w[0] && len(w) <= len(s)-i && slices.Equal(s[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// endsWith reports w ending at b, not before a.
func (d *doc) endsWith(a, b int, w []rune) bool {
	return b-len(w) >= a && b <= len(d.norm) && slices.Equal(d.norm[b-len(w):b], w)
}

func bin(x int, edges ...int) string {
	for _, e := range edges {
		if x <= e {
			return strconv.Itoa(e)
		}
	}
	return "more"
}

// noneFeatures describe the quote for the candidate "nobody".
func (d *doc) noneFeatures(fs *featSink, q pipeline.Quote, m quoteMeta, c quoteCtx, ncand int) {
	// In English text each feature comes twice, the second time marked
	// "en|": what English shares with Chinese, and where it differs.
	// With a model each is found by number or by its value (conj.go), in
	// the order of the names.
	put := func(e *featEntry) {
		fs.addSlot(e, slotPlain)
		if c.en {
			fs.addSlot(e, slotEn)
		}
	}
	add := func(a, b string) {
		fs.add(a, b, "")
		if c.en {
			fs.add("en|", a, b)
		}
	}
	addL := func(f lit) {
		if fs.m != nil {
			put(fs.m.lits[f])
			return
		}
		add(litNames[f], "")
	}
	addV := func(k valued, v string) {
		if fs.m != nil {
			put(fs.valuedEntry(k, v))
			return
		}
		add(valuedPrefixes[k], v)
	}
	addB := func(k binned, x int) {
		f := &binnedFeats[k]
		i := binIndex(x, f.edges)
		if fs.m != nil {
			put(fs.m.lits[int(f.first)+i])
			return
		}
		add(f.prefix, f.names[i])
	}
	addL(litNone)
	if !c.en {
		addV(valNoneRule, q.Rule)
		addV(valNoneHow, m.how)
	}
	addV(valNoneKind, q.Kind)
	addB(binNoneLen, q.Stop-q.Start)
	addB(binNoneNcand, ncand)
	if q.Speaker == "" && !c.en {
		addL(litNoneRuleUnknown)
		addV(valNoneRuleUnknownRule, q.Rule)
	}
	for _, x := range [...]struct {
		on bool
		f  lit
	}{{c.gov >= 0, litNoneGov}, {c.paraOpen, litNoneParaOpen}, {c.colon, litNoneColon}, {c.cueBefore, litNoneCueBefore}, {c.cueAfter, litNoneCueAfter}, {c.unnamed, litNoneUnnamed},
		{c.plural, litNonePlural}, {c.docRef, litNoneDocRef}, {c.pronoun != 0, litNonePronoun}, {c.unnamedIn, litNoneUnnamedIn},
		{c.prevNone, litNonePrevNone}, {c.bareCue, litNoneBareCue}, {c.docOwned, litNoneDocOwned}, {c.docNoOwner, litNoneDocNoOwner},
		{c.anaFound, litNoneAnaphor}, {c.anaNone, litNoneAnaphorNone},
		{!c.en && d.bareSubjectOf(q, c), litNoneBareSubject}, {!c.en && d.termQuote(q), litNoneTerm}} {
		if x.on {
			addL(x.f)
		}
	}
	if !c.en {
		d.lexNone(fs, q, c, func(k valued) {
			if fs.m != nil {
				put(fs.m.valued[k][string(fs.vbuf)])
				return
			}
			add(valuedPrefixes[k], string(fs.vbuf))
		}, func(k valued, f uint16) {
			w := d.s.clusters
			for _, l := range clusterLevels {
				g := w.gid(l, f)
				if fs.m != nil {
					if e := fs.m.clus[k]; e != nil && e[g] != nil {
						put(e[g])
					}
					continue
				}
				add(valuedPrefixes[k], w.names[g])
			}
		})
	}
}

// maxCandFeats bounds the features candFeatures adds a candidate (each
// call of its add functions at most once): the room it makes for them.
const maxCandFeats = 112

// named keeps feature prefix+value, numbered id, for training (not
// inlined: candFeatures calls it from fifty places).
//
//go:noinline
func (fs *featSink) named(prefix, value string, id int16) {
	fs.base, fs.ids = append(fs.base, [2]string{prefix, value}), append(fs.ids, id)
}

// candFeatures describe candidate c of quote q.
func (d *doc) candFeatures(fs *featSink, q pipeline.Quote, m quoteMeta, qc quoteCtx, c *cand, open int) {
	typ := c.sp.typ
	if typ == "" {
		typ = "unknown"
	}
	// With a model each feature's entry is found as it is added, and no
	// name is kept: scoreFeatures reads the entries alone. A valued
	// feature's number is -1-k. Without one the names are kept (named).
	scoring := fs.m != nil
	fs.base, fs.ids = fs.base[:0], fs.ids[:0]
	ids, ents := fs.ids, fs.ents[:0]
	if scoring && cap(ids) < maxCandFeats {
		ids = make([]int16, 0, maxCandFeats)
	}
	if scoring && cap(ents) < maxCandFeats {
		ents = make([]*featEntry, 0, maxCandFeats) // training grows ids alone
	}
	// put adds a feature in the room made above: an append's growth,
	// inlined at each of the fifty calls below, made this function's
	// frame 5 KB, and a post's goroutine grew its stack to hold it.
	put := func(id int16, e *featEntry) {
		n := len(ids)
		ids, ents = ids[:n+1], ents[:n+1]
		ids[n], ents[n] = id, e
	}
	addV := func(k valued, v string) {
		if scoring {
			put(-1-int16(k), fs.valuedEntry(k, v))
			return
		}
		fs.named(valuedPrefixes[k], v, -1-int16(k))
	}
	addL := func(f lit) {
		if scoring {
			put(int16(f), fs.m.lits[f])
			return
		}
		fs.named(litNames[f], "", int16(f))
	}
	// addW adds valued feature k with the word in fs.vbuf: found by the
	// bytes, no string made.
	addW := func(k valued) {
		if scoring {
			put(-1-int16(k), fs.m.valued[k][string(fs.vbuf)])
			return
		}
		fs.named(valuedPrefixes[k], string(fs.vbuf), -1-int16(k))
	}
	addB := func(k binned, x int) {
		f := &binnedFeats[k]
		i := binIndex(x, f.edges)
		if scoring {
			put(f.first+int16(i), fs.m.lits[int(f.first)+i])
			return
		}
		fs.named(f.prefix, f.names[i], f.first+int16(i))
	}
	addL(litCand)
	if c.rule && !qc.en {
		addL(litRule)
		addV(valRuleRule, q.Rule)
		addV(valRuleHow, m.how)
		addV(valRuleKind, q.Kind)
	}
	if c.prev == 1 {
		addL(litPrev1)
		if qc.paraOpen {
			addL(litPrev1ParaOpen)
		}
		if !qc.cueBefore && !qc.cueAfter && !qc.colon {
			addL(litPrev1NoCue)
			if c.chain.on {
				chainFeatures(c.chain, addL, addB)
			}
		}
		if c.gap >= 0 {
			addB(binPrev1Gap, c.gap)
			if c.gapCue {
				addL(litPrev1GapCue)
			}
		}
	} else if c.prev > 1 {
		addL(litPrevEarlier)
	}
	if len(c.occ) == 0 {
		addL(litNoMention)
	}
	if c.cue {
		addL(litCueSubject)
	}
	if c.gov {
		addL(litGovSubject)
	}
	if c.rankB > 0 {
		addB(binRankBefore, c.rankB)
	}
	if c.rankBP > 0 {
		addB(binRankBeforePerson, c.rankBP)
	}
	if c.rankA > 0 {
		addB(binRankAfter, c.rankA)
	}
	if c.guess {
		addL(litGuessName)
	}
	if c.gse {
		addL(litGseName)
	}
	if c.org {
		addL(litOrgName)
	}
	if c.orgRef {
		addL(litOrgRef)
	}
	addB(binQuoted, c.quoted)
	if c.quoted > 0 && !qc.cueBefore && !qc.cueAfter && !qc.colon {
		addL(litQuotedNoCue)
		if c.dominant {
			// A quote with no verb in a post of one voice: a profile's
			// or an essay's words go on (the mirror of a text's
			// unnamed words).
			addL(litDominantNoCue)
		}
	}
	if c.top > 0 {
		if scoring && c.top < len(fs.m.tops) {
			put(-1-int16(valTop), fs.m.tops[c.top])
		} else {
			addV(valTop, strconv.Itoa(c.top))
		}
		if qc.paraOpen {
			addL(litTopParaOpen)
		}
		if !qc.cueBefore && !qc.cueAfter && !qc.colon {
			addL(litTopNoCue)
		}
	}
	// The nearest naming before the quote and after it.
	nb, na := -1, -1
	inQuote, outside := false, false
	for i, o := range c.occ {
		switch {
		case o[0] >= q.Start && o[1] <= q.Stop:
			inQuote = true
			continue
		case o[1] <= open:
			if !d.inQuote[o[0]] {
				nb = i
			}
		case o[0] >= q.Stop && na < 0 && !d.inQuote[o[0]]:
			na = i
		}
		outside = true
	}
	if inQuote {
		addL(litInQuote)
		if !outside {
			addL(litOnlyInQuote)
		}
	}
	if nb >= 0 {
		o := c.occ[nb]
		addB(binBDist, open-o[1])
		if o[0] >= qc.sent {
			addL(litBSameSent)
			if qc.clause <= o[0] {
				addL(litBSameClause)
			}
			if first := qc.first; first == o[0] || c.org && (first < 0 || o[0] < first) {
				addL(litBSentFirst)
			}
		}
		if qc.gov >= 0 && o[0] > qc.gov {
			addL(litBAfterGov) // named inside someone's words: 他说，拜登“…”
		}
		if qc.bareCue && o[0] < qc.gov {
			// Whom an elided subject means: the sentence's first name
			// before the verb, else the name opening the sentence before.
			if o[0] >= qc.sent {
				if qc.first < 0 || o[0] <= qc.first {
					addL(litBareCueFirst)
				}
			} else if qc.sent > 0 && (qc.first < 0 || qc.first > qc.gov) && d.opens(d.sentStart(o[0]), o[0]) && d.sentStart(qc.sent-1) <= o[0] {
				addL(litBareCuePrevSent)
			}
		}
		if o[0] >= qc.para {
			addL(litBSamePara)
		} else {
			addL(litBPrevPara)
		}
		if d.cueAfterName(o[1], open) || qc.en && d.enCueNear(o[1], open, 40) {
			addL(litBCue)
			if o[0] >= qc.sent {
				addL(litBCueSameSent)
			}
		}
		if ss := d.sentStart(o[0]); d.opens(ss, o[0]) {
			addL(litBOpensSent)
		}
		// The one a verb of saying is about: 斥责蓬佩奥.
		if cue, _ := d.cueEndingAt(max(0, o[0]-4), o[0]); cue != "" {
			addL(litBCueObject)
		}
		if o[0] > 0 && objectBefore.Has(d.norm[o[0]-1]) || o[0] > 1 && d.norm[o[0]-2] == '告' && d.norm[o[0]-1] == '诉' {
			addL(litBObject)
		}
		if o[1] < len(d.norm) && modifierAfter.Has(d.norm[o[1]]) {
			addL(litBModifier)
		}
		if c.affil {
			addL(litBAffil)
		}
		if c.affiliated {
			addL(litBAffiliated)
		}
		if d.possessorAt(o[1], open) {
			addL(litBPossessor)
		}
		if d.headAfter(o[1], open) {
			addL(litBHead)
		}
	}
	if na >= 0 {
		o := c.occ[na]
		if o[0] < qc.sentEnd {
			addL(litASameSent)
			addB(binADist, o[0]-q.Stop)
			if d.cueAfterName(o[1], qc.sentEnd) || qc.en && (d.enCueNear(o[1], qc.sentEnd, 20) || d.enCueBefore(q.Stop, o[0], 12)) {
				addL(litACue)
			} else if d.cueFarAfter(o[1], qc.sentEnd) {
				addL(litACueFar)
			}
		} else {
			addL(litALater)
		}
	}
	if !qc.en {
		d.lexCand(fs, q, c, nb, open, addW, func(k valued, e *featEntry) { put(-1-int16(k), e) }, func(k valued, f uint16) {
			w := d.s.clusters
			for _, l := range clusterLevels {
				g := w.gid(l, f)
				if scoring {
					if e := fs.m.clus[k]; e != nil && e[g] != nil {
						put(-1-int16(k), e[g])
					}
					continue
				}
				fs.named(valuedPrefixes[k], w.names[g], -1-int16(k))
			}
		})
	}
	if qc.pronoun != 0 && typ == "person" {
		if (d.female(c.sp.surface, c.sp.entityID) || latinFemaleName(c.sp.surface)) == (qc.pronoun == '她') {
			addL(litPronounAgree)
		} else {
			addL(litPronounClash)
		}
	}
	if qc.docRef {
		addL(litDocRef)
	}
	if c.doc.on {
		d.docFeatures(c.doc, addL, addB)
	}
	if c.ana.on {
		anaphorFeatures(c.ana, addL, addB)
	}
	if qc.unnamed {
		addL(litUnnamedBefore)
	}
	if qc.unnamedIn {
		addL(litUnnamedIn)
	}
	addB(binCount, d.mentionCount(c.sp.entityID))
	if qc.paraOpen {
		addL(litParaOpen)
	}
	if scoring {
		fs.ids, fs.ents = ids, ents
		d.scoreFeatures(fs, typ, qc)
		return
	}
	base := fs.base
	suffix := typeSuffix[typ]
	fs.add("type=", typ, "")
	for _, f := range base {
		fs.add(f[0], f[1], "")
		fs.add(f[0], f[1], suffix)
	}
	if qc.en {
		fs.add("en|type=", typ, "")
		for _, f := range base {
			fs.add("en|", f[0], f[1])
		}
	}
	// Whom 他 or 她 means is the question of most quotes in interviews and
	// profiles: the same evidence weighs differently there.
	if qc.pronoun != 0 && typ == "person" {
		for _, f := range base {
			if pronounConj(f[0]) {
				fs.add("pron|", f[0], f[1])
			}
		}
	}
}

// scoreFeatures adds the features whose entries candFeatures put in
// fs.ents as its strings would be, in the same order (so the same sum, bit
// for bit, and the same heaviest on ties).
func (d *doc) scoreFeatures(fs *featSink, typ string, qc quoteCtx) {
	ents := fs.ents
	te := fs.typeEntry(typ)
	slot := typeSlot(typ)
	fs.addSlot(te, slotPlain)
	fs.addSlots(ents, slotPlain, slot)
	if qc.en {
		fs.addSlot(te, slotEn)
		fs.addSlots(ents, slotEn, -1)
	}
	if qc.pronoun != 0 && typ == "person" {
		for i, e := range ents {
			if e != nil && pronounConjOf(fs.ids[i]) {
				fs.addSlot(e, slotPron)
			}
		}
	}
}

// typeSuffix conjoins a feature with the candidate's type.
var typeSuffix = map[string]string{"person": "|person", "organization": "|organization", "country": "|country", "outlet": "|outlet", "unknown": "|unknown"}

// governingCue returns where the verb of saying nearest before open in
// the sentence from sent begins, outside quotes, or -1.
func (d *doc) governingCue(sent, open int) int {
	cs := d.cuePositions()
	k := sort.Search(len(cs), func(k int) bool { return cs[k].at >= open }) - 1
	if k >= 0 && cs[k].at >= sent {
		return cs[k].at
	}
	return -1
}

// firstNamed returns where the first mention in [a, b) outside quotes
// begins, or -1.
func (d *doc) firstNamed(a, b int) int {
	for _, m := range d.mentionsIn(a, b) {
		if !d.inQuote[m.Start] {
			return m.Start
		}
	}
	return -1
}

// cueAfterName reports a verb of saying within a few characters after a
// name ending at i (X说, X对记者表示, X在声明中指出), before b and with no
// punctuation between.
func (d *doc) cueAfterName(i, b int) bool {
	if i < 0 || i >= len(d.norm) {
		return false
	}
	// Every candidate of every quote asks at the end of each of its
	// names: the reading is kept per position, the bound applied after.
	if d.cueAfter == nil {
		d.scratch.cueAfter = resized(d.scratch.cueAfter, len(d.norm))
		d.cueAfter = d.scratch.cueAfter
	}
	x := d.cueAfter[i]
	if x == 0 {
		x = 1
		for k := i; k < len(d.norm) && k-i <= 12; k++ {
			if r := d.norm[k]; isPunct(r) && r != '·' || r == '\n' {
				break
			}
			if d.cueLen(k) > 0 {
				x = uint8(2 + k - i)
				break
			}
		}
		d.cueAfter[i] = x
	}
	return x > 1 && i+int(x)-2 < b
}

// mentionCount counts the mentions of an entity in the post.
func (d *doc) mentionCount(id string) int {
	if d.counts == nil {
		d.counts = takeMap(&d.scratch.counts)
		for _, m := range d.mentions {
			d.counts[m.EntityID]++
		}
	}
	if id == "" {
		return 0
	}
	return d.counts[id]
}

// cueSubject is who speaks at a verb of saying outside quotes.
type cueSubject struct {
	sp    speaker
	at    int    // where the verb is
	occ   [2]int // where the speaker is named, or the stretch before the verb
	guess bool   // a name no mention covers (guessName)
}

// cueSubjects returns the speakers the rules read at the verbs of saying
// outside quotes, once per post: at every verb within a quote's window of
// candidates (the only ones asked for; a long post has many more).
// Pronouns are left out: they resolve by the quotes before, which a
// post-wide pass does not know.
func (d *doc) cueSubjects() []cueSubject {
	if d.cueSubj != nil {
		return *d.cueSubj
	}
	out := d.scratch.cueSubj[:0]
	d.cueSubj = &out
	n := len(d.norm)
	qi := 0   // the first quote whose window may hold the verb
	next := 0 // a verb inside the one before is no verb of its own
	for _, c := range d.cuePositions() {
		i := c.at
		if i < next {
			continue
		}
		next = i + c.n
		// d.quotes are in text order, and so are their windows' ends.
		for qi < len(d.quotes) && min(n, d.quotes[qi].Stop+candAfter) <= i {
			qi++
		}
		if qi == len(d.quotes) {
			break
		}
		if i < max(0, d.quotes[qi].Start-candBefore) && !d.inWindow(qi, i) {
			continue
		}
		sp, how := d.speakerBefore(d.sentStart(i), i, i)
		if sp.surface != "" && (how == "named" || how == "organization" || how == "role" || how == "subject") {
			occ := [2]int{max(0, i-len([]rune(sp.surface))), i}
			for _, m := range d.mentionsIn(d.sentStart(i), i) {
				if m.EntityID == sp.entityID && m.EntityID != "" || m.Surface == sp.surface {
					occ = [2]int{m.Start, m.Stop}
				}
			}
			out = append(out, cueSubject{sp: sp, at: i, occ: occ})
		} else if sp, occ, ok := d.guessName(i); ok {
			out = append(out, cueSubject{sp: sp, at: i, occ: occ, guess: true})
		}
	}
	return out
}

// inWindow reports position i within the candidate window of a quote from
// qi on (windows of nested or long quotes may overlap out of order).
func (d *doc) inWindow(qi, i int) bool {
	n := len(d.norm)
	for ; qi < len(d.quotes); qi++ {
		q := d.quotes[qi]
		if max(0, q.Start-candBefore) > i {
			return false
		}
		if i < min(n, q.Stop+candAfter) {
			return true
		}
	}
	return false
}

// cueAt is a verb of saying outside quotes: where it begins, its length.
type cueAt struct{ at, n int }

// cueLead is how far before a quote's window of candidates the verbs of
// saying are read, so that a verb overlapping the window's start is seen
// as in a reading of the whole post.
const cueLead = 16

// cuePositions returns, once per post, the verbs of saying outside quotes
// in text order, for the speakers at them and the verb that governs a
// quote: those within some quote's window of candidates (the only ones
// asked for), read once however the windows overlap.
func (d *doc) cuePositions() []cueAt {
	if d.cues != nil {
		return *d.cues
	}
	out := d.scratch.cues[:0]
	d.cues = &out
	n := len(d.norm)
	from := 0 // where the reading is; windows come in order of start
	if d.verbStartsRead {
		// The places where a verb may start, from the post's one reading
		// (reportedCues), rather than every character of every window.
		starts := d.verbStarts
		k := 0
		for _, q := range d.quotes {
			a, b := max(from, q.Start-candBefore-cueLead), min(n, q.Stop+candAfter)
			for k < len(starts) && int(starts[k]) < a {
				k++
			}
			for ; k < len(starts) && int(starts[k]) < b; k++ {
				if i := int(starts[k]); !d.inQuote[i] {
					if l := d.cueLen(i); l > 0 {
						out = append(out, cueAt{i, l})
					}
				}
			}
			from = max(from, b)
		}
		return out
	}
	for _, q := range d.quotes {
		a, b := max(from, q.Start-candBefore-cueLead), min(n, q.Stop+candAfter)
		for i := a; i < b; i++ {
			// cueLen is 0 where no verb's first character is: asked first.
			if !d.s.verbFirst.Has(d.norm[i]) || d.inQuote[i] || !d.tokStart(i) {
				continue
			}
			if k := d.cueLen(i); k > 0 {
				out = append(out, cueAt{i, k})
			}
		}
		from = max(from, b)
	}
	return out
}

// topPeople returns the two people the post names most (three times at
// least), most first.
func (d *doc) topPeople() []speaker {
	if d.top != nil {
		return *d.top
	}
	d.mentionCount("")
	// The people named three times or more, in order of first naming:
	// few, so a list is searched rather than a map made.
	ps := d.scratch.people[:0]
	defer func() { d.scratch.people = cleared(ps) }()
	for _, m := range d.mentions {
		if m.Type != "person" || d.counts[m.EntityID] < 3 || slices.ContainsFunc(ps, func(p personCount) bool { return p.sp.entityID == m.EntityID }) {
			continue
		}
		ps = append(ps, personCount{ofMention(m), d.counts[m.EntityID]})
	}
	slices.SortStableFunc(ps, func(a, b personCount) int { return cmp.Compare(b.n, a.n) })
	out := []speaker{}
	for i := 0; i < len(ps) && i < 2; i++ {
		out = append(out, ps[i].sp)
	}
	d.top = &out
	return out
}

// personCount is a person and the times the post names them (topPeople).
type personCount struct {
	sp speaker
	n  int
}

// namedAt reports a mention of the entity stage overlapping [a, b).
func (d *doc) namedAt(a, b int) bool {
	for _, m := range d.mentionsIn(max(0, a-30), b+30) {
		if m.Start < b && a < m.Stop {
			return true
		}
	}
	return false
}

// pronounConj are the features conjoined with a pronoun speaking.
func pronounConj(f string) bool {
	for _, p := range []string{"top", "quoted=", "prev", "rule", "b_opens_sent", "b_same_para", "b_prev_para", "b_dist=", "gse_name", "cue_subject", "b_sent_first", "count="} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// pronounConjOf is pronounConj of the name of the feature numbered id (a
// literal's or a bin's number, or -1-k for valued feature k), from tables
// made once.
func pronounConjOf(id int16) bool {
	if id >= 0 {
		return pronConjNumbered[id]
	}
	return pronConjValued[-1-id]
}

var pronConjNumbered, pronConjValued = func() (num []bool, val [nValued]bool) {
	num = make([]bool, nNumbered)
	for k, name := range litNames {
		num[k] = pronounConj(name)
	}
	for _, f := range binnedFeats {
		for i := range f.names {
			num[int(f.first)+i] = pronounConj(f.prefix)
		}
	}
	for k, p := range valuedPrefixes {
		val[k] = pronounConj(p)
	}
	return num, val
}()

// gseTag is a word gse tags as an organisation's or a person's name.
type gseTag struct {
	sp   speaker
	span [2]int
}

// gseTags returns, once per post, the words outside quotes that gse tags as
// organisations (nt) or people (nr, nrf, nrt) and that no mention covers:
// those that begin within some quote's window of candidates (the only ones
// asked for), in text order.
func (d *doc) gseTags() []gseTag {
	if d.tags != nil {
		return *d.tags
	}
	out := d.scratch.tags[:0]
	d.tags = &out
	n := len(d.norm)
	from := 0 // where the reading is; windows come in order of start
	for _, q := range d.quotes {
		a, b := max(from, q.Start-candBefore), min(n, q.Stop+candAfter)
		if a >= b {
			continue
		}
		k := sort.Search(len(d.tokens), func(k int) bool { return int(d.tokens[k].Start) >= a })
		for ; k < len(d.tokens) && int(d.tokens[k].Start) < b; k++ {
			// gseTag takes nt, nr, nrf and nrt alone: most words are
			// passed over here, without its call.
			if p := d.tokens[k].POS; len(p) < 2 || p[0] != 'n' {
				continue
			}
			out = d.gseTag(out, &d.tokens[k])
		}
		from = b
	}
	return out
}

// gseTag appends t to out when gseTags takes it.
func (d *doc) gseTag(out []gseTag, t *pipeline.Token) []gseTag {
	typ := ""
	switch t.POS {
	case "nt":
		typ = "organization"
	case "nr", "nrf", "nrt":
		typ = "person"
	default:
		return out
	}
	ts, te := int(t.Start), int(t.Stop)
	if te-ts < 2 || te > len(d.text) || d.inQuote[ts] {
		return out
	}
	if d.namedAt(ts, te) {
		return out
	}
	if typ == "person" && d.companyAt(ts) == te-ts {
		// gse's dictionary tags 华为 and 谷歌 nr, 亚马逊 nrt: the lexicon's
		// companies are never people.
		typ = "organization"
	}
	// The name cut from the post's string, as orgSurface does (no copy).
	return append(out, gseTag{sp: speaker{surface: d.textOf(ts, te), typ: typ}, span: [2]int{ts, te}})
}

// byOccStart orders namings by where they begin (as sort.Slice did: the
// same algorithm, without its reflection).
func byOccStart(a, b [2]int) int { return cmp.Compare(a[0], b[0]) }

func byDist(a, b candDist) int { return cmp.Compare(a.dist, b.dist) }

// candDist is a candidate and how far from a quote it is named.
type candDist struct {
	c    *cand
	dist int
}

// candScratch is what the candidates of a quote are built in.
type candScratch struct {
	pool  []*cand // every cand made so far, reused
	cs    []*cand
	byKey map[candKey]*cand
	rank  [2][]candDist
}

// candScratch returns the doc's scratch for building candidates.
func (d *doc) candScratch() *candScratch {
	sc := &d.scratch.cands
	if sc.byKey == nil {
		sc.byKey = map[candKey]*cand{}
	}
	return sc
}

// rankCandidates ranks the candidates by how near before (and after) the
// quote [start, stop) they are last named, outside it: the nearest name is
// the usual speaker, whatever the distance.
func rankCandidates(cs []*cand, start, stop int, buf *[2][]candDist) {
	type nd = candDist
	before, after := buf[0][:0], buf[1][:0]
	defer func() { buf[0], buf[1] = before[:0], after[:0] }()
	for _, c := range cs {
		c.rankB, c.rankBP, c.rankA = 0, 0, 0
		b, a := -1, -1
		for _, o := range c.occ {
			if o[1] <= start-1 {
				b = start - 1 - o[1]
			} else if o[0] >= stop && a < 0 {
				a = o[0] - stop
			}
		}
		if b >= 0 {
			before = append(before, nd{c, b})
		}
		if a >= 0 {
			after = append(after, nd{c, a})
		}
	}
	slices.SortStableFunc(before, byDist)
	slices.SortStableFunc(after, byDist)
	people := 0
	for i, x := range before {
		x.c.rankB = i + 1
		if x.c.sp.typ == "person" {
			people++
			x.c.rankBP = people
		}
	}
	for i, x := range after {
		x.c.rankA = i + 1
	}
}
