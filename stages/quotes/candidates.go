package quotes

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Candidate is one possible speaker of a quote: a person, organisation,
// country or outlet in sight of it, a speaker of the quotes before it, or
// nobody (Type "unknown": the text does not say). Features describe it in
// its quote's context; the speaker model weighs them.
type Candidate struct {
	Surface, EntityID, Type string
	Features                []string
}

// None reports the candidate that stands for no speaker (`?`).
func (c Candidate) None() bool { return c.Type == "unknown" }

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
	gse    bool // a name only gse's tags propose
	prev   int  // 1 for the previous quote's speaker, 2.. for earlier ones, 0 for neither
}

func (c *cand) key() string {
	if c.sp.entityID != "" {
		return c.sp.entityID
	}
	return "s:" + c.sp.surface
}

// ruleFinal are the rules' findings that decide alone: the text says that
// several speak, or someone it leaves unnamed, or that words were said to
// the subject. Cross-validated, the model did worse on them (it learns
// them from too few quotes).
var ruleFinal = map[string]bool{"joint": true, "plural": true, "passive": true, "unnamed": true}

// candidates returns, for each quote of d (in d.quotes' order), its
// candidates; nil for reported speech and where the rules decide alone.
func (d *doc) candidates() [][]Candidate {
	out := make([][]Candidate, len(d.quotes))
	var prevs []speaker // speakers of the quotes so far, latest last
	var prevEnds []int
	quoted := map[string]int{} // quotes so far per speaker
	for qi := range d.quotes {
		q := d.quotes[qi]
		if q.Kind != "reported" && !ruleFinal[d.meta[qi].how] {
			out[qi] = d.quoteCandidates(qi, prevs, prevEnds, quoted)
		}
		if q.Speaker != "" {
			sp := speaker{surface: q.Speaker, entityID: q.SpeakerEntityID, typ: q.SpeakerType}
			prevs = append(prevs, sp)
			prevEnds = append(prevEnds, q.Stop)
			quoted[sp.entityID]++
			quoted["s:"+sp.surface]++
		}
	}
	return out
}

// quoteCandidates gathers and describes the candidates of quote qi.
func (d *doc) quoteCandidates(qi int, prevs []speaker, prevEnds []int, quoted map[string]int) []Candidate {
	q := d.quotes[qi]
	meta := d.meta[qi]
	n := len(d.norm)
	s, e := q.Start, q.Stop
	open := max(0, s-1)
	lo, hi := max(0, s-candBefore), min(n, e+candAfter)

	var cs []*cand
	byKey := map[string]*cand{}
	get := func(sp speaker) *cand {
		c := &cand{sp: sp}
		k := c.key()
		if x, ok := byKey[k]; ok {
			return x
		}
		byKey[k] = c
		cs = append(cs, c)
		return c
	}
	// Mentions in the window.
	k := sort.Search(len(d.mentions), func(k int) bool { return d.mentions[k].Start >= lo })
	for ; k < len(d.mentions) && d.mentions[k].Start < hi; k++ {
		m := d.mentions[k]
		c := get(ofMention(m))
		c.occ = append(c.occ, [2]int{m.Start, m.Stop})
	}
	// Organisations gse tags in the window, outside quotes.
	for p := lo; p < hi; {
		ts, te, pos := d.token(p)
		if te <= p {
			p++
			continue
		}
		if ts == p && te-ts >= 2 && !d.inQuote[ts] && !d.namedAt(ts, te) {
			switch pos {
			case "nt":
				c := get(speaker{surface: string(d.text[ts:te]), typ: "organization"})
				c.occ = append(c.occ, [2]int{ts, te})
			case "nr", "nrf", "nrt":
				// A name gse knows that the entity stage did not take.
				c := get(speaker{surface: string(d.text[ts:te]), typ: "person"})
				c.occ = append(c.occ, [2]int{ts, te})
				c.gse = true
			}
		}
		p = te
	}
	// Who speaks at each verb of saying in the window (X说, 中联办在声明中
	// 指出), named or not by the entity stage.
	for _, cu := range d.cueSubjects() {
		if cu.at < lo || cu.at >= hi {
			continue
		}
		c := d.sameAs(byKey, cs, cu.sp)
		if c == nil {
			c = get(cu.sp)
		}
		if len(c.occ) == 0 || cu.occ[0] < c.occ[0][0] || cu.occ[1] > c.occ[len(c.occ)-1][1] {
			c.occ = append(c.occ, cu.occ)
			sort.Slice(c.occ, func(a, b int) bool { return c.occ[a][0] < c.occ[b][0] })
		}
		c.cue = true
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
			c.quoted = quoted[c.sp.entityID]
		} else {
			c.quoted = quoted["s:"+c.sp.surface]
		}
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
		}
	}
	ctx := d.quoteContext(qi)
	out := make([]Candidate, 0, len(cs)+1)
	none := Candidate{Type: "unknown", Features: d.noneFeatures(q, meta, ctx, len(cs))}
	out = append(out, none)
	for _, c := range cs {
		out = append(out, Candidate{Surface: c.sp.surface, EntityID: c.sp.entityID, Type: c.sp.typ, Features: d.candFeatures(q, meta, ctx, c, open)})
	}
	return out
}

// sameAs finds the candidate already gathered that names sp: the same
// entity, or, for a speaker the entity stage did not link, the same
// surface.
func (d *doc) sameAs(byKey map[string]*cand, cs []*cand, sp speaker) *cand {
	if sp.entityID != "" {
		return byKey[sp.entityID]
	}
	if c, ok := byKey["s:"+sp.surface]; ok {
		return c
	}
	for _, c := range cs {
		if c.sp.surface == sp.surface {
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
	plural                       bool // 他们, 双方 … before the verb
	docRef                       bool // 该声明, 报告, 文件 … the document of someone speaks
}

func (d *doc) quoteContext(qi int) quoteCtx {
	q := d.quotes[qi]
	n := len(d.norm)
	open := max(0, q.Start-1)
	var c quoteCtx
	c.sent = d.sentStart(open)
	c.para = open
	for c.para > 0 && d.norm[c.para-1] != '\n' {
		c.para--
	}
	c.paraEnd = q.Stop
	for c.paraEnd < n && d.norm[c.paraEnd] != '\n' {
		c.paraEnd++
	}
	c.sentEnd = min(n, q.Stop+1)
	for c.sentEnd < n && c.sentEnd-q.Stop < 200 && !runeIn(d.norm[c.sentEnd], sentenceEnds) {
		c.sentEnd++
	}
	p := open
	for p > c.para && (d.norm[p-1] == ' ' || d.norm[p-1] == '\u3000') {
		p--
	}
	c.paraOpen = p == c.para
	if p > 0 && runeIn(d.norm[p-1], "：:") {
		c.colon = true
		p--
	} else if p > 0 && runeIn(d.norm[p-1], "，,") {
		p--
	}
	if cue, _ := d.cueEndingAt(c.sent, p); cue != "" {
		c.cueBefore = true
	}
	after := min(n, q.Stop+1)
	for k := after; k < c.sentEnd && k-after < 30; k++ {
		if d.cueStartingAt(k) != "" {
			c.cueAfter = true
			break
		}
	}
	cs := d.clauseStart(c.sent, p)
	k := d.skipSpaces(cs, p)
	if k < p && runeIn(d.norm[k], "他她") && (k+1 >= p || !runeIn(d.norm[k+1], "们人")) {
		c.pronoun = d.norm[k]
	}
	// “Q”，他说: the pronoun after the quote.
	if c.pronoun == 0 {
		k := d.skipSpaces(after, c.sentEnd)
		for k < c.sentEnd && runeIn(d.norm[k], "，, ") {
			k++
		}
		if k+1 < c.sentEnd && runeIn(d.norm[k], "他她") && !runeIn(d.norm[k+1], "们人") {
			c.pronoun = d.norm[k]
		}
	}
	c.unnamed = d.unnamedAt(cs, p)
	clause := string(d.norm[cs:p])
	for w := range plural {
		if strings.Contains(clause, w) {
			c.plural = true
		}
	}
	for _, w := range []string{"声明", "报告", "文件", "公告", "通报", "判决", "裁定", "新闻稿", "该院", "该部", "该会", "该局", "该委", "该署", "该组织", "该机构", "该公司", "信中", "文中"} {
		if strings.Contains(clause, w) {
			c.docRef = true
		}
	}
	return c
}

func bin(x int, edges ...int) string {
	for _, e := range edges {
		if x <= e {
			return strconv.Itoa(e)
		}
	}
	return "more"
}

func lenBin(l int) string { return bin(l, 5, 10, 20, 40, 80) }

// noneFeatures describe the quote for the candidate "nobody".
func (d *doc) noneFeatures(q pipeline.Quote, m quoteMeta, c quoteCtx, ncand int) []string {
	f := []string{"none", "none|rule=" + q.Rule, "none|how=" + m.how, "none|kind=" + q.Kind, "none|len=" + lenBin(q.Stop-q.Start),
		"none|ncand=" + bin(ncand, 0, 1, 2, 4, 8)}
	if q.Speaker == "" {
		f = append(f, "none|rule_unknown", "none|rule_unknown|rule="+q.Rule)
	}
	for _, x := range []struct {
		on   bool
		name string
	}{{c.paraOpen, "para_open"}, {c.colon, "colon"}, {c.cueBefore, "cue_before"}, {c.cueAfter, "cue_after"}, {c.unnamed, "unnamed"},
		{c.plural, "plural"}, {c.docRef, "doc_ref"}, {c.pronoun != 0, "pronoun"}} {
		if x.on {
			f = append(f, "none|"+x.name)
		}
	}
	return f
}

// candFeatures describe candidate c of quote q.
func (d *doc) candFeatures(q pipeline.Quote, m quoteMeta, qc quoteCtx, c *cand, open int) []string {
	typ := c.sp.typ
	if typ == "" {
		typ = "unknown"
	}
	var base []string
	add := func(f ...string) { base = append(base, f...) }
	add("cand")
	if c.rule {
		add("rule", "rule|rule="+q.Rule, "rule|how="+m.how, "rule|kind="+q.Kind)
	}
	if c.prev == 1 {
		add("prev1")
		if qc.paraOpen {
			add("prev1|para_open")
		}
		if !qc.cueBefore && !qc.cueAfter && !qc.colon {
			add("prev1|no_cue")
		}
	} else if c.prev > 1 {
		add("prev_earlier")
	}
	if len(c.occ) == 0 {
		add("no_mention")
	}
	if c.cue {
		add("cue_subject")
	}
	if c.gse {
		add("gse_name")
	}
	add("quoted=" + bin(c.quoted, 0, 1, 3))
	if c.quoted > 0 && !qc.cueBefore && !qc.cueAfter && !qc.colon {
		add("quoted|no_cue")
	}
	if c.top > 0 {
		add("top" + strconv.Itoa(c.top))
		if qc.paraOpen {
			add("top|para_open")
		}
		if !qc.cueBefore && !qc.cueAfter && !qc.colon {
			add("top|no_cue")
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
		add("in_quote")
		if !outside {
			add("only_in_quote")
		}
	}
	if nb >= 0 {
		o := c.occ[nb]
		add("b_dist=" + bin(open-o[1], 0, 2, 6, 15, 40, 100, 250))
		if o[0] >= qc.sent {
			add("b_same_sent")
			if d.clauseStart(qc.sent, open) <= o[0] {
				add("b_same_clause")
			}
			if first := d.firstNamed(qc.sent, open); first == o[0] {
				add("b_sent_first")
			}
		}
		if o[0] >= qc.para {
			add("b_same_para")
		} else {
			add("b_prev_para")
		}
		if d.cueAfterName(o[1], open) {
			add("b_cue")
			if o[0] >= qc.sent {
				add("b_cue|same_sent")
			}
		}
		if ss := d.sentStart(o[0]); d.opens(ss, o[0]) {
			add("b_opens_sent")
		}
		if o[0] > 0 && runeIn(d.norm[o[0]-1], "对向给把被和与及跟同、") || o[0] > 1 && string(d.norm[o[0]-2:o[0]]) == "告诉" {
			add("b_object")
		}
		if o[1] < len(d.norm) && runeIn(d.norm[o[1]], "的、和与及") {
			add("b_modifier")
		}
	}
	if na >= 0 {
		o := c.occ[na]
		if o[0] < qc.sentEnd {
			add("a_same_sent", "a_dist="+bin(o[0]-q.Stop, 1, 3, 8, 20, 60))
			if d.cueAfterName(o[1], qc.sentEnd) {
				add("a_cue")
			}
		} else {
			add("a_later")
		}
	}
	if qc.pronoun != 0 && typ == "person" {
		if d.female(c.sp.surface, c.sp.entityID) == (qc.pronoun == '她') {
			add("pronoun|agree")
		} else {
			add("pronoun|clash")
		}
	}
	if qc.docRef {
		add("doc_ref")
	}
	if qc.unnamed {
		add("unnamed_before")
	}
	add("count=" + bin(d.mentionCount(c.sp.entityID), 0, 1, 3, 8))
	if qc.paraOpen {
		add("para_open")
	}
	out := make([]string, 0, 3*len(base)+1)
	out = append(out, "type="+typ)
	for _, f := range base {
		out = append(out, f, f+"|"+typ)
	}
	// Whom 他 or 她 means is the question of most quotes in interviews and
	// profiles: the same evidence weighs differently there.
	if qc.pronoun != 0 && typ == "person" {
		for _, f := range base {
			if pronounConj(f) {
				out = append(out, "pron|"+f)
			}
		}
	}
	return out
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
	for k := i; k < b && k-i <= 12; k++ {
		if r := d.norm[k]; unicode.IsPunct(r) && r != '·' || r == '\n' {
			return false
		}
		if d.cueStartingAt(k) != "" {
			return true
		}
	}
	return false
}

// mentionCount counts the mentions of an entity in the post.
func (d *doc) mentionCount(id string) int {
	if d.counts == nil {
		d.counts = map[string]int{}
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
	sp  speaker
	at  int    // where the verb is
	occ [2]int // where the speaker is named, or the stretch before the verb
}

// cueSubjects returns the speakers the rules read at every verb of saying
// outside quotes, once per post. Pronouns are left out: they resolve by
// the quotes before, which a post-wide pass does not know.
func (d *doc) cueSubjects() []cueSubject {
	if d.cueSubj != nil {
		return *d.cueSubj
	}
	out := []cueSubject{}
	d.cueSubj = &out
	last, lastPos := d.last, d.lastPos
	for i := 0; i < len(d.norm); i++ {
		if d.inQuote[i] || !d.tokStart(i) {
			continue
		}
		cue := d.cueStartingAt(i)
		if cue == "" {
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
		}
		i += len([]rune(cue)) - 1
	}
	d.last, d.lastPos = last, lastPos
	return out
}

// topPeople returns the two people the post names most (three times at
// least), most first.
func (d *doc) topPeople() []speaker {
	if d.top != nil {
		return *d.top
	}
	d.mentionCount("")
	type pc struct {
		sp speaker
		n  int
	}
	var ps []pc
	seen := map[string]bool{}
	for _, m := range d.mentions {
		if m.Type != "person" || seen[m.EntityID] {
			continue
		}
		seen[m.EntityID] = true
		if n := d.counts[m.EntityID]; n >= 3 {
			ps = append(ps, pc{ofMention(m), n})
		}
	}
	sort.SliceStable(ps, func(a, b int) bool { return ps[a].n > ps[b].n })
	out := []speaker{}
	for i := 0; i < len(ps) && i < 2; i++ {
		out = append(out, ps[i].sp)
	}
	d.top = &out
	return out
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
