package entities

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
	"github.com/newsnlp/newsnlp/stages/internal/runes"
	"github.com/newsnlp/newsnlp/stages/internal/runeset"
	"github.com/newsnlp/newsnlp/stages/internal/trie"
)

// found is a mention before clustering: a lexicon entity, or a discovered
// name (key) of a type.
type found struct {
	start, stop int
	ent         *Entity // lexicon entity, or nil
	typ         string  // person, country, outlet
	key         string  // discovered: the normalised name
	method      string
	// unlinked is the lexicon person a dotted name was merged into and
	// taken back from (unlinkDotted).
	unlinked *Entity
}

// doc is one post as the entity rules see it.
type doc struct {
	g      *Gazetteer
	text   []rune // the post's text, for surfaces
	norm   []rune // simplified, dot-normalised: what rules read
	tokens []pipeline.Token
	// props[i] holds the properties of norm[i] (propHan …): the rules
	// read them here, in text order, rather than each in its own table.
	props []uint16
	// tokAt[i] is the index of the token covering position i.
	tokAt []int32
	// startAt[i] is tokStart(i) for i inside the text: the rules ask it
	// many times a position, and the token it reads is two loads away.
	startAt []bool
	covered []bool // positions inside an accepted mention (or a blocked form)
	found   []found
	buf     []trie.Match[cand]
	// bufBlock holds the matches of blockPast, which runs while buf is read.
	bufBlock []trie.Match[cand]
	buf2     []trie.Match[struct{}]
	bufVerb  []trie.Match[struct{}] // verbAfter's
	noCoref  bool                   // an ablation: no coreference
	// latinBuf and lowerBuf hold a Latin phrase for the lookups of
	// matchLatin.
	latinBuf, lowerBuf []byte
	// corefOwner maps the index in found of a coreference mention to its
	// cluster.
	corefOwner map[int]*cluster
	// occ counts the proposals' texts in norm; fbuf holds the features
	// of the proposal being decided.
	occ  map[string]int
	fbuf []Feature
	// thing holds the lexicon people the decision dropped as the names of
	// things (里根号): the tagger proposes nothing over them.
	thing [][2]int
	// pseudKeys are the names the post marks as made up (pseudonym.go).
	pseudKeys []string
	// pseudAll: a note makes up every name of the post (文中人物均为化名)
	// but those the gazetteer knows and pseudExcept (除苟晶外).
	pseudAll    bool
	pseudExcept []string
	// decide is the decision over proposed names (nil: the hand-set
	// thresholds); collect, when set, receives every proposal instead,
	// and the tagger's are then all refused (training the decision).
	decide  *Decision
	collect *[]Proposal
	credits map[string]bool // the byline's reporters and editors
	// ownNorm is the norm's own buffer (norm is text's when they agree);
	// lexBuf, verbBuf, in and tag are the tagger's (see tagNames). With
	// the buffers above, they are kept when a doc is reused (Find).
	ownNorm []rune
	// clauseBuf, winBuf, candBuf and allBuf hold clauses and nameWindows'
	// results (read before the next call).
	clauseBuf, winBuf, candBuf, allBuf [][2]int
	ruleBuf                            [][2]int // ruleNames'
	// occIdx indexes norm's characters for the proposals' counts of
	// their texts, built by the first (occIndexed).
	occIdx     runeIndex
	occIndexed bool
	lexBuf     []byte
	// surfBuf and surfEnds hold the mentions' surfaces while resolve
	// writes them.
	surfBuf  []byte
	surfEnds []int
	orderBuf []discOrder // resolve's order of the discovered names
	// verbMemo holds verbStartAt's answers.
	verbMemo []int8
	verbBuf  []bool
	in       tagger.Input
	tag      tagger.Scratch
}

// docPool holds the docs of finished posts, whose buffers the next post
// reuses (Find): a post's working memory is several times its text.
var docPool = sync.Pool{New: func() any { return new(doc) }}

func newDoc(g *Gazetteer, text, norm string, tokens []pipeline.Token) *doc {
	return new(doc).reset(g, text, norm, tokens)
}

// reset makes d the doc of a post, as newDoc does, keeping d's buffers.
func (d *doc) reset(g *Gazetteer, text, norm string, tokens []pipeline.Token) *doc {
	*d = doc{
		g: g, tokens: tokens,
		text: d.text[:0], ownNorm: d.ownNorm[:0], props: d.props, tokAt: d.tokAt, startAt: d.startAt, covered: d.covered,
		found: clearFound(d.found), buf: d.buf[:0], bufBlock: d.bufBlock[:0], buf2: d.buf2[:0], bufVerb: d.bufVerb[:0],
		latinBuf: d.latinBuf[:0], lowerBuf: d.lowerBuf[:0], fbuf: d.fbuf[:0], thing: d.thing[:0],
		occ: d.occ, corefOwner: d.corefOwner,
		lexBuf: d.lexBuf, verbBuf: d.verbBuf, verbMemo: d.verbMemo, in: d.in, tag: d.tag,
		surfBuf: d.surfBuf[:0], surfEnds: d.surfEnds[:0], orderBuf: d.orderBuf[:0],
		clauseBuf: d.clauseBuf[:0], winBuf: d.winBuf[:0], candBuf: d.candBuf[:0], allBuf: d.allBuf[:0], ruleBuf: d.ruleBuf[:0], occIdx: d.occIdx,
	}
	clear(d.occ)
	clear(d.corefOwner)
	d.text = runes.Append(d.text, text)
	if norm == text {
		d.norm = d.text
	} else {
		d.ownNorm = runes.Append(d.ownNorm, norm)
		d.norm = d.ownNorm
	}
	if len(d.norm) != len(d.text) {
		// Norm always has Text's code points; this guards the offsets.
		d.norm = d.text
	}
	// Dots become the middle dot; the norm is copied first when it shares
	// the text's runes.
	// The same pass notes each character's properties (props).
	d.props = grow(d.props, len(d.norm))
	for i, r := range d.norm {
		if r != '·' && isDot(r) || r == '.' && d.stopDot(g, i) {
			if &d.norm[0] == &d.text[0] {
				d.ownNorm = append(d.ownNorm[:0], d.text...)
				d.norm = d.ownNorm
			}
			d.norm[i] = '·'
			r = '·'
		}
		d.props[i] = g.propsAt(r)
	}
	n := len(d.norm)
	d.tokAt = grow(d.tokAt, n)
	clear(d.tokAt)
	for i, t := range tokens {
		for p := t.Start; p < t.Stop && int(p) < n; p++ {
			d.tokAt[p] = int32(i)
		}
	}
	d.startAt = grow(d.startAt, n)
	for i := range d.startAt {
		d.startAt[i] = i == 0 || len(tokens) == 0 || int(tokens[d.tokAt[i]].Start) == i
	}
	d.covered = grow(d.covered, n+1)
	clear(d.covered)
	return d
}

// grow returns s of length n, reallocated only when too small; the
// elements are not cleared.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// clearFound empties found, dropping what its elements point to.
func clearFound(f []found) []found {
	clear(f)
	return f[:0]
}

// propAt reports the property bit of norm[i], false outside the post.
func (d *doc) propAt(i int, bit uint16) bool {
	return uint(i) < uint(len(d.props)) && d.props[i]&bit != 0
}

// han reports norm[i] a Han character, from the properties reset noted.
func (d *doc) han(i int) bool { return d.props[i]&propHan != 0 }

// tokStart reports whether a token starts at i (true at the ends).
func (d *doc) tokStart(i int) bool {
	if uint(i) >= uint(len(d.startAt)) {
		return true
	}
	return d.startAt[i]
}

// tokEnd reports whether a token ends at i, i.e. whether i is a boundary
// between words.
func (d *doc) tokEnd(i int) bool { return d.tokStart(i) }

// token returns the token covering position i.
func (d *doc) token(i int) (start, stop int, pos string) {
	if len(d.tokens) == 0 || i < 0 || i >= len(d.norm) {
		return i, i + 1, "x"
	}
	t := d.tokens[d.tokAt[i]]
	return int(t.Start), int(t.Stop), t.POS
}

func (d *doc) free(start, stop int) bool {
	for i := start; i < stop; i++ {
		if d.covered[i] {
			return false
		}
	}
	return true
}

func (d *doc) add(f found) {
	for i := f.start; i < f.stop; i++ {
		d.covered[i] = true
	}
	if f.typ != "" {
		d.found = append(d.found, f)
	}
}

// stopDot reports a full stop at i between two transliteration
// characters: a middle dot typed as a stop (乔.拜登, 胡安.卡洛斯,
// 伊力森.艾尔肯). Between other characters it ends a sentence (主席.李克强).
func (d *doc) stopDot(g *Gazetteer, i int) bool {
	return i > 0 && i+1 < len(d.norm) && d.props[i-1]&propTrans != 0 && g.propsAt(d.norm[i+1])&propTrans != 0
}

// openMarks and closeMarks enclose names of publications and quoted terms.
var (
	openMarks  = runeSet("《「“『〈\"")
	closeMarks = runeSet("》」”』〉\"")
)

// sourceCues introduce a source: 据, 根据, 接受 (an interview) ….
var sourceCues = words("据", "根据", "接受", "向", "对")

// outletCues are words beside which a context-only outlet name counts.
var outletCues = words("报道", "报导", "杂志", "记者", "刊登", "刊文", "发表", "专栏", "社论", "网站", "援引", "引述", "消息")

// wordList is a list of words compiled to runes, to compare against the
// text without allocating.
type wordList [][]rune

func words(ws ...string) wordList {
	out := make(wordList, len(ws))
	for i, w := range ws {
		out[i] = []rune(w)
	}
	return out
}

// firstRunes returns the set of the words' first characters (none may be
// empty: an empty word would match anywhere).
func firstRunes(ws wordList) *runeset.Set {
	var s runeset.Set
	for _, w := range ws {
		s.Add(w[0])
	}
	return &s
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// hasAt reports whether one of the words starts at i.
func (d *doc) hasAt(i int, ws wordList) bool {
	for _, w := range ws {
		if i >= 0 && i+len(w) <= len(d.norm) && runesEqual(d.norm[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// endsBefore reports whether one of the words ends right before i.
func (d *doc) endsBefore(i int, ws wordList) bool {
	for _, w := range ws {
		if i-len(w) >= 0 && i <= len(d.norm) && runesEqual(d.norm[i-len(w):i], w) {
			return true
		}
	}
	return false
}

// companySuffixes end the names of companies and other bodies that are not
// the state.
var companySuffixes = [][]rune{[]rune("集团"), []rune("公司"), []rune("控股"), []rune("股份"), []rune("基金会"), []rune("商会")}

// companyAfter reports a country name at [i, j) that begins a company's
// name gse knows as one word (中国石油天然气集团公司, 英国石油公司): the word
// runs on past the country and ends with a company suffix. Generic phrases
// gse cuts into words (中国科技公司, 美国公司) keep the country.
func (d *doc) companyAfter(i, j int) bool {
	s, e, _ := d.token(i)
	if s != i || e <= j {
		return false
	}
	for k := j; k < e; k++ {
		if stateMarks.Has(d.norm[k]) {
			return false
		}
	}
	for _, suf := range companySuffixes {
		if e-len(suf) > j && runesEqual(d.norm[e-len(suf):e], suf) {
			return true // 中国石油天然气集团公司, not 美国公司
		}
	}
	for _, suf := range companyNames {
		if e-len(suf) == j && runesEqual(d.norm[j:e], suf) {
			return true // 中国移动, 美国航空
		}
	}
	return false
}

// companyNames make a company's name right after a country's (中国移动).
var companyNames = [][]rune{[]rune("移动"), []rune("联通"), []rune("电信"), []rune("石油"), []rune("石化"), []rune("航空")}

// stateMarks are characters of state bodies' names.
var stateMarks = runeSet("部委局府院军署厅政驻")

// accept decides whether a gazetteer form found at [i, j) is a mention.
func (d *doc) accept(c cand, i, j int) bool {
	switch {
	case c.kind == kindBlock:
		return true
	case c.contextOnly:
		marked := i > 0 && openMarks.Has(d.norm[i-1]) && j < len(d.norm) && closeMarks.Has(d.norm[j])
		return marked || d.hasAt(j, outletCues) || d.endsBefore(i, sourceCues) && d.hasAt(j, outletCues)
	case c.kind == kindName || c.kind == kindOfficial || c.kind == kindMainland:
		// 15日本网 is the 15th and 本网, not Japan.
		if d.norm[i] == '日' && afterNumber(d.norm, i) {
			return false
		}
		if d.inDottedName(i) || d.opensDottedPart(i, j) || d.opensDottedName(i, j) || d.editionOf(i, j) || d.languageName(i, j) {
			return false
		}
		// 美国人, 美国政府: a country name may end inside a word, but not
		// inside a company's name (中国石油天然气集团公司, 英国石油公司),
		// which the gold guide does not count as the country.
		return !d.companyAfter(i, j)
	}
	// People, outlets, 对华-type forms: whole words only, or the head of a
	// longer word that starts with them (对华政策).
	if c.kind == kindHua || c.kind == kindWord {
		// gse cuts 在華府 as 在華/府: 华府 is Washington, not China.
		if d.blockPast(j-1, j) {
			return false
		}
		if s, _, _ := d.token(j - 1); s == i {
			return true
		}
	}
	if d.tokEnd(j) || j >= len(d.norm) || !d.han(j) {
		return true
	}
	// A listed person's name of three characters or more may end inside
	// a word: gse cuts 李克强于 as 李克/强于, and no longer name starts
	// with a whole listed one often enough to matter.
	if c.ent == nil || c.ent.Type != "person" || !d.hanRun(i, j) {
		return false
	}
	if j-i >= 3 {
		return true
	}
	// A two-character name whose last character gse glued to a word of
	// one character after it: 拜登在周三说 cut 拜/登在.
	s, e, _ := d.token(j - 1)
	return s == j-1 && e == j+1 && nameGlue.Has(d.norm[j])
}

// gluedBefore are function words that gse may join to the first character
// of a country's name: 和约/旦 (和约旦), 在意/大利 (在意大利).
var gluedBefore = runeSet("和与及同对在从向跟赴访到")

// afterGlued reports a country's name at [i, j) whose first character gse
// joined to a function word before it, the name ending where a word ends.
func (d *doc) afterGlued(i, j int) bool {
	s, e, _ := d.token(i)
	return j-i >= 2 && s == i-1 && e == i+1 && gluedBefore.Has(d.norm[s]) && d.tokEnd(j)
}

// afterNumber reports a digit or a Chinese numeral before i (8日 is a date).
func afterNumber(s []rune, i int) bool {
	return i > 0 && (unicode.IsDigit(s[i-1]) || strings.ContainsRune("〇一二三四五六七八九十", s[i-1]))
}

// inDottedName reports a form at i that continues a transliteration inside
// a middle-dotted name: 马利 (Mali) in 詹妮弗·奥马利·狄龙.
func (d *doc) inDottedName(i int) bool {
	if !d.isTrans(i - 1) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		switch {
		case d.norm[k] == '·':
			return true
		case !d.isTrans(k):
			return false
		}
	}
	return false
}

// opensDottedPart reports a form at [i, j) that opens a part of a
// middle-dotted name and runs on into it: 巴西 (Brazil) in 阿卜杜勒•巴西特,
// 马里 (Mali) in 尼斯林·马里克. Taken as the country, it left the name
// unread, and a speaker of the extra posts with no candidate.
func (d *doc) opensDottedPart(i, j int) bool {
	if j >= len(d.norm) || !d.isTrans(j) {
		return false
	}
	k := i - 1
	for k > 0 && d.norm[k] == ' ' {
		k--
	}
	return k > 0 && isDot(d.norm[k]) && d.isTrans(k-1)
}

// opensDottedName reports a form at [i, j) written in transliteration
// characters that opens the first part of a middle-dotted name, the part
// running on one or two characters past it: 阿曼 (Oman) in 阿曼达·麦克贝恩.
// A country before a name of its own (俄罗斯阿列克谢·纳瓦尔尼) leaves
// more than two characters before the dot.
func (d *doc) opensDottedName(i, j int) bool {
	if i > 0 && d.isTrans(i-1) {
		return false
	}
	for k := i; k < j; k++ {
		if !d.isTrans(k) {
			return false
		}
	}
	k := j
	for k < len(d.norm) && k-j < 3 && d.isTrans(k) && !d.covered[k] {
		k++
	}
	return k > j && k-j <= 2 && k+1 < len(d.norm) && isDot(d.norm[k]) && d.isTrans(k+1)
}

// editionOf reports a country name right after an outlet's name and before
// a colon or a bracket: the outlet's edition (大纪元台湾：, a link's label),
// not the country.
func (d *doc) editionOf(i, j int) bool {
	if i == 0 || j >= len(d.norm) || !strings.ContainsRune("：:）)", d.norm[j]) || len(d.found) == 0 {
		return false
	}
	f := d.found[len(d.found)-1]
	return f.stop == i && f.typ == "outlet"
}

// languageName reports a country name that gse reads as one word with 语
// or 文 after it: 葡萄牙语, 韩文 name a language, which the gold does not
// count as the country.
func (d *doc) languageName(i, j int) bool {
	if j >= len(d.norm) || d.norm[j] != '语' && d.norm[j] != '文' {
		return false
	}
	s, e, _ := d.token(i)
	return s == i && e == j+1
}

// blockPast reports a non-state form (华府, 华盛顿, 华尔街) that starts at k
// and runs past j: the last character of a form found before it belongs
// to that word.
func (d *doc) blockPast(k, j int) bool {
	d.bufBlock = d.g.forms.MatchesAt(d.norm, k, d.bufBlock[:0])
	for _, m := range d.bufBlock {
		if k+m.N <= j {
			continue
		}
		for _, c := range m.Vals {
			if c.kind == kindBlock {
				return true
			}
		}
	}
	return false
}

// nameGlue are characters that follow a name as words of their own
// (prepositions, adverbs, verbs of saying) but that gse may join to the
// name's last character.
var nameGlue = runeSet("在于对向和与及说称表也则就都曾已将还又再亦并即今昨周等")

// hanRun reports a stretch [i, j) of Han characters only.
func (d *doc) hanRun(i, j int) bool {
	for k := i; k < j; k++ {
		if !d.han(k) {
			return false
		}
	}
	return true
}

// priority orders candidates of one form: an outlet's name beats a person's
// alias beats a non-state look-alike beats a country form (美国之音 is an
// outlet; listed among the non-states, it still blocks 美国).
func priority(c cand) int {
	switch {
	case c.ent != nil && c.ent.Type == "outlet":
		return 4
	case c.ent != nil && c.ent.Type == "person":
		return 3
	case c.kind == kindBlock:
		return 2
	}
	return 1
}

// matchLexicon finds the gazetteer's forms: leftmost-longest, starting at a
// word boundary, each kind with its own rule for the end.
func (d *doc) matchLexicon() {
	n := len(d.norm)
	for i := 0; i < n; {
		p := d.props[i]
		if p&propHan == 0 {
			if d.latinStart(i) {
				if j := d.matchLatin(i); j > i {
					i = j
					continue
				}
			}
			i++
			continue
		}
		if p&propLexStart == 0 {
			i++
			continue
		}
		midWord := !d.tokStart(i)
		d.buf = d.g.forms.MatchesAt(d.norm, i, d.buf[:0])
		advanced := false
		for k := len(d.buf) - 1; k >= 0 && !advanced; k-- {
			m := d.buf[k]
			j := i + m.N
			best, bestP := cand{}, 0
			for _, c := range m.Vals {
				// Inside a word only a non-state look-alike counts: 在内蒙古
				// is cut 在内/蒙古, and 内蒙古 must still block 蒙古.
				if midWord && c.kind != kindBlock && !(c.kind == kindName && d.afterGlued(i, j)) {
					continue
				}
				if p := priority(c); p > bestP && d.accept(c, i, j) {
					best, bestP = c, p
				}
			}
			if bestP == 0 {
				continue
			}
			f := found{start: i, stop: j, method: "lexicon"}
			if best.kind != kindBlock {
				f.ent, f.typ = best.ent, best.ent.Type
			}
			d.add(f)
			i, advanced = j, true
		}
		if !advanced {
			i++
		}
	}
}

func isLatinStart(s []rune, i int) bool {
	if !isLatin(s[i]) {
		return false
	}
	// Not inside a web address or a handle (facebook.com/epochtimes.taiwan);
	// after a slash it may be (Chip Somodevilla/Getty Images).
	return i == 0 || !isLatin(s[i-1]) && !unicode.IsDigit(s[i-1]) && !strings.ContainsRune("._@", s[i-1])
}

func isLatin(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }

// latinStart is isLatinStart(d.norm, i) from the characters' properties:
// most positions are turned away by one load, and a Han character before
// a letter (the usual case) is no letter, digit, '.', '_' or '@'.
func (d *doc) latinStart(i int) bool {
	if d.props[i]&propLatin == 0 {
		return false
	}
	if i == 0 {
		return true
	}
	p := d.props[i-1]
	switch {
	case p&propHan != 0:
		return true
	case p&propLatin != 0:
		return false
	}
	r := d.norm[i-1]
	return !unicode.IsDigit(r) && !strings.ContainsRune("._@", r)
}

// matchLatin matches Latin-script forms (Reuters, The New York Times) of up
// to five words at a word start; it returns the end of the match, or i.
func (d *doc) matchLatin(i int) int {
	end, best := i, []cand(nil)
	j := i
	// The phrase so far in UTF-8, and in lower case: the map lookups with
	// string(bytes) do not allocate.
	w, low := d.latinBuf[:0], d.lowerBuf[:0]
	for words := 0; words < 5; words++ {
		for j < len(d.norm) && (isLatin(d.norm[j]) || d.norm[j] == '.' || d.norm[j] == '&' || d.norm[j] == '\'' || d.norm[j] == '-') {
			w = utf8.AppendRune(w, d.norm[j])
			low = utf8.AppendRune(low, unicode.ToLower(d.norm[j]))
			j++
		}
		// Trailing . ' - are not part of a name (they are ASCII: one byte,
		// one rune each).
		n := len(w)
		for n > 0 && (w[n-1] == '.' || w[n-1] == '\'' || w[n-1] == '-') {
			n--
		}
		stop := j - (len(w) - n)
		atEnd := stop >= len(d.norm) || !isLatin(d.norm[stop]) && !unicode.IsDigit(d.norm[stop])
		if cs, ok := d.g.latin[string(w[:n])]; ok && atEnd {
			end, best = stop, cs
		} else if atEnd && n >= 5 && len(low) == len(w) && (bytes.Equal(low[:n], w[:n]) || noLower(w[:n])) {
			if c, ok := d.g.latinFold[string(low[:n])]; ok && c.ent != nil {
				end, best = stop, []cand{c}
			}
		}
		if j >= len(d.norm) || d.norm[j] != ' ' || j+1 >= len(d.norm) || !isLatin(d.norm[j+1]) {
			break
		}
		w, low = append(w, ' '), append(low, ' ')
		// No form goes on past this phrase (most do not): the longer
		// ones cannot match. A gazetteer without latinMore reads on.
		if m := d.g.latinMore; m != nil && !hasPhrase(m, w, low) {
			break
		}
		j++
	}
	d.latinBuf, d.lowerBuf = w, low
	if best == nil || !d.free(i, end) {
		return i
	}
	c := best[0]
	for _, x := range best {
		if priority(x) > priority(c) {
			c = x
		}
	}
	if c.kind == kindBlock {
		return end // South China Sea: consumed, and no country
	}
	if c.contextOnly || c.ent == nil {
		return i
	}
	d.add(found{start: i, stop: end, ent: c.ent, typ: c.ent.Type, method: "lexicon"})
	return end
}

// hasPhrase reports whether w or its lower case low is in set.
func hasPhrase(set map[string]struct{}, w, low []byte) bool {
	if _, ok := set[string(w)]; ok {
		return true
	}
	if bytes.Equal(low, w) {
		return false
	}
	_, ok := set[string(low)]
	return ok
}

// noLower reports a phrase with no lower-case letter: WSJ, XINHUA.
func noLower(b []byte) bool {
	for _, c := range string(b) {
		if unicode.IsLower(c) {
			return false
		}
	}
	return true
}

// partners are characters of regions that form compounds with countries
// (欧美, 中欧, 中非, 中拉): the country in such a compound counts, the region
// does not.
const partnerChars = "欧非拉"

var partners = runeSet(partnerChars)

// weakAbbr are country characters that are ordinary words much more often
// (新 new, 加 add, 以 by, 巴, 伊, 瑞, 土, 沙, 墨, 意, 尼, 白, 荷, 越, 菲 …): a
// compound with one counts only before a word of relations (中新关系, 美加边境).
var weakAbbr = runeSet("新加以巴伊瑞土沙墨意尼白捷荷梵陆纽菲越缅柬蒙")

// relationWords follow compounds of countries: 关系, 两国, 贸易 ….
var relationWords = words("关系", "两国", "三国", "四国", "双方", "三方", "之间", "合作", "贸易", "建交", "峰会", "会谈", "对话", "边境", "边界", "联合", "冲突", "战争", "协议", "协定", "谈判", "同盟", "联盟", "军演", "外长", "领导人", "元首", "首脑", "交流", "经贸", "争端", "对抗", "竞争", "矛盾", "会晤", "互动", "友好", "交恶", "紧张", "和解", "间", "两", "三", "外交")

// matchAbbr finds compounds of one-character country forms: 中美, 美中俄,
// 日韩, 港澳, 欧美. Each country character counts, but only inside such a
// compound that starts a word and is not the head of a longer word inside
// it (中英文).
func (d *doc) matchAbbr() {
	n := len(d.norm)
	member := func(k int) bool {
		return !d.covered[k] && d.props[k]&propAbbrOrPartner != 0 && (d.g.abbr[d.norm[k]] != nil || partners.Has(d.norm[k]))
	}
	for i := 0; i < n; i++ {
		if !member(i) || !d.tokStart(i) || d.norm[i] == '日' && afterNumber(d.norm, i) {
			continue
		}
		j := i + 1
		for j < n && member(j) && j-i < 5 {
			j++
		}
		// The compound ends where a word of gse's starts inside it and runs
		// past it or is no name (朝韩/新闻, 澳/新法).
		for k := i + 1; k < j; k++ {
			if !d.tokStart(k) {
				continue
			}
			if _, stop, pos := d.token(k); stop > j || stop-k >= 2 && !compoundPOS[pos] {
				j = k
				break
			}
		}
		if j-i == 1 && d.origin(i) {
			d.add(found{start: i, stop: i + 1, ent: d.pickAbbr(i, i, j), typ: "country", method: "compound"})
			continue
		}
		countries, weak, partner, strong := 0, 0, 0, false
		for k := i; k < j; k++ {
			switch r := d.norm[k]; {
			case d.g.abbr[r] != nil:
				countries++
				if weakAbbr.Has(r) {
					weak++
				}
				strong = strong || strings.ContainsRune("中美日俄英韩", r)
			case partners.Has(r):
				partner++
			}
		}
		if j-i < 2 || countries == 0 || partner > 0 && !strong {
			continue
		}
		ok := true
		if blockedAbbr(string(d.norm[i:min(n, j+2)])) {
			ok = false
		}
		// A weak character needs the context of relations, unless the
		// compound holds at least two strong ones (中美日印澳新).
		if weak > 0 && countries-weak < 2 && !d.hasAt(j, relationWords) {
			ok = false
		}
		if !ok {
			i = j - 1
			continue
		}
		for k := i; k < j; k++ {
			if d.g.abbr[d.norm[k]] == nil {
				continue
			}
			e := d.pickAbbr(k, i, j)
			d.add(found{start: k, stop: k + 1, ent: e, typ: "country", method: "compound"})
		}
		i = j - 1
	}
}

// compoundPOS are gse's tags of words that may be compounds of country
// characters (中俄/ns, 日韩/j, 英美法/nz).
var compoundPOS = map[string]bool{"ns": true, "nz": true, "nt": true, "j": true}

// origin reports a country character before 籍 or 裔 (美籍, 澳籍, 韩裔): a
// nationality or an origin, which counts as the country.
func (d *doc) origin(i int) bool {
	if i+1 >= len(d.norm) || d.norm[i+1] != '籍' && d.norm[i+1] != '裔' || d.g.abbr[d.norm[i]] == nil {
		return false
	}
	_, e, _ := d.token(i)
	return e == i+1 || e == i+2
}

// matchAbbrList finds one-character country forms in a list with 、 beside
// other countries (与美、英、澳同样的结论, 日本、美、加等国家), where they
// stand as words of their own.
func (d *doc) matchAbbrList() {
	n := len(d.norm)
	var items []listItem
	for k := 1; k+1 < n; k++ {
		if d.norm[k] != '、' {
			continue
		}
		first, ok := d.listItemBefore(k)
		if !ok {
			continue
		}
		items = append(items[:0], first)
		for k < n && d.norm[k] == '、' {
			it, ok := d.listItemAt(k + 1)
			if !ok {
				break
			}
			items = append(items, it)
			k = it.stop
		}
		if len(items) < 2 {
			continue
		}
		abbr, weak, strong := 0, 0, false
		for _, it := range items {
			r := d.norm[it.start]
			switch {
			case !it.abbr:
				strong = true
			case weakAbbr.Has(r):
				abbr++
				weak++
			default:
				abbr++
				strong = strong || strings.ContainsRune("中美日俄英韩", r)
			}
		}
		if abbr == 0 || !strong {
			continue
		}
		for _, it := range items {
			if it.abbr {
				d.add(found{start: it.start, stop: it.stop, ent: d.pickAbbr(it.start, it.start, it.stop), typ: "country", method: "compound"})
			}
		}
	}
}

// listItem is a country in a list: a found one, or a country character
// (abbr).
type listItem struct {
	start, stop int
	abbr        bool
}

// listItemBefore reads a country of a list that ends at i.
func (d *doc) listItemBefore(i int) (item listItem, ok bool) {
	item.stop = i
	if d.covered[i-1] {
		for _, f := range d.found {
			if f.stop == i && f.typ == "country" {
				item.start = f.start
				return item, true
			}
		}
		return item, false
	}
	if d.g.abbr[d.norm[i-1]] == nil || !d.tokStart(i-1) || !d.tokEnd(i) {
		return item, false
	}
	item.start, item.abbr = i-1, true
	return item, true
}

// listItemAt reads a country of a list starting at i: a found country, or a
// country character standing as a word (or glued to 等: 加等).
func (d *doc) listItemAt(i int) (item listItem, ok bool) {
	item.start = i
	if i >= len(d.norm) {
		return item, false
	}
	if d.covered[i] {
		for _, f := range d.found {
			if f.start == i && f.typ == "country" {
				item.stop = f.stop
				return item, true
			}
		}
		return item, false
	}
	if d.g.abbr[d.norm[i]] == nil || !d.tokStart(i) {
		return item, false
	}
	_, e, _ := d.token(i)
	if e == i+1 || e == i+2 && d.norm[i+1] == '等' {
		item.stop, item.abbr = i+1, true
		return item, true
	}
	return item, false
}

// blockedAbbr are idioms and words that look like compounds of country
// characters.
func blockedAbbr(s string) bool {
	for _, w := range []string{"美中不足", "日日", "中中", "美美", "非法", "拉法", "欧元", "非典"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// pickAbbr resolves a character with several countries (澳: Macau beside
// 港 or 台, else Australia) by its neighbours in the compound.
func (d *doc) pickAbbr(k, i, j int) *Entity {
	es := d.g.abbr[d.norm[k]]
	if len(es) == 1 {
		return es[0]
	}
	near := map[string]bool{}
	for x := i; x < j; x++ {
		if x != k {
			for _, e := range d.g.abbr[d.norm[x]] {
				near[e.ISO3] = true
			}
		}
	}
	for _, e := range es {
		switch e.ISO3 {
		case "MAC":
			if near["HKG"] || near["TWN"] {
				return e
			}
		}
	}
	for _, e := range es {
		if e.ISO3 != "MAC" {
			return e
		}
	}
	return es[0]
}
