package entities

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/gazetteer"
	"github.com/newsnlp/newsnlp/models/lexicon"
)

// A dotted name whose last part is a lexicon person's form is merged into
// that person by the dotted rule (addTransName): 大卫·珀杜 and 戴维·珀杜 are
// both David Perdue. But a family name is shared: 吉娜·麦卡锡 is not Kevin
// McCarthy, 玛丽·特朗普 not Donald Trump. The link is checked where the
// post's mentions get their ids (resolve), not where names are proposed,
// so that the decision over proposed names and the tagger see what they
// saw before: a dotted name whose given name neither is nor sounds like
// one of the person's keeps its own id, as an unlisted person's.

// learnGivenNames records each lexicon person's given names: the parts
// before the family name of the person's dotted forms that stand for the
// English name's words (唐纳德 of 唐纳德·特朗普, Donald Trump; 贾瓦德 of
// 穆罕默德·贾瓦德·扎里夫; not 梵 of 梵·高, which is van of Vincent van
// Gogh), and the first parts of the other people of that English given
// name or its long form (Bob: 罗伯特, 鲍勃).
func (g *Gazetteer) learnGivenNames(ppl []gazetteer.Entry) {
	byEn := map[string][]string{}
	first := make([]string, len(ppl))
	for k, p := range ppl {
		en := englishParts(p.NameEn)
		if len(en) < 2 {
			continue
		}
		first[k] = givenKey(en[0])
		e := g.byID["person:"+p.ID]
		if e == nil {
			continue
		}
		core := len(en) - particles(en)
		for _, f := range p.Forms() {
			parts := hanParts(g.norm(f))
			if len(parts) < 2 || len(parts) < core {
				continue
			}
			// A form with fewer parts than the English name has words
			// leaves its particles out (文森特·梵高 of Vincent van Gogh)
			// or writes one as a part (梵·高): only parts of two
			// characters or more are then taken for given names.
			short := len(parts) < len(en)
			for _, q := range parts[:len(parts)-1] {
				if !short || utf8.RuneCountInString(q) >= 2 {
					e.given = appendNew(e.given, q)
				}
			}
			if !short || utf8.RuneCountInString(parts[0]) >= 2 {
				byEn[first[k]] = appendNew(byEn[first[k]], parts[0])
			}
		}
	}
	g.givenNames = map[string]bool{}
	for k, p := range ppl {
		e := g.byID["person:"+p.ID]
		if e == nil {
			continue
		}
		if first[k] != "" {
			for _, v := range byEn[first[k]] {
				e.given = appendNew(e.given, v)
			}
		}
		for _, v := range e.given {
			g.givenNames[v] = true
		}
		// The first part of any dotted form (迭戈 of 迭戈·马拉多纳, whose
		// English name has three words).
		for _, f := range p.Forms() {
			if parts := hanParts(g.norm(f)); len(parts) >= 2 {
				g.givenNames[parts[0]] = true
			}
		}
	}
}

// learnHanNames marks the lexicon people whose name is a Chinese name, not
// a transliterated family name: none of their forms is dotted, and their
// English name spells the name in pinyin (巴金, Ba Jin; 黄亚生, Huang
// Yasheng), or they are of a country whose names are written in Chinese
// characters (hanNames) and the name is not all transliteration
// characters (何频, Ho Pin; not 纳吉布, Najib). It needs g.trans.
func (g *Gazetteer) learnHanNames(ppl []gazetteer.Entry) {
	for _, p := range ppl {
		e := g.byID["person:"+p.ID]
		if e == nil || slices.ContainsFunc(p.Forms(), func(f string) bool { return len(hanParts(g.norm(f))) >= 2 }) {
			continue
		}
		name := g.norm(p.Name)
		e.hanName = spellsPinyin(name, p.NameEn) || hanNames[p.Country] && !g.transName(name)
	}
}

// spellsPinyin reports whether the letters of en, in lower case, are a
// reading of each character of name in turn (巴金, "Ba Jin"; ü written u
// or v: 吕, Lu or Lv).
func spellsPinyin(name, en string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(en) {
		if 'a' <= r && r <= 'z' {
			b.WriteRune(r)
		}
	}
	var spells func(rs []rune, rest string) bool
	spells = func(rs []rune, rest string) bool {
		if len(rs) == 0 {
			return rest == ""
		}
		for _, s := range lexicon.Sounds()[rs[0]] {
			for _, v := range []string{s, strings.ReplaceAll(s, "ü", "u"), strings.ReplaceAll(s, "ü", "v")} {
				if strings.HasPrefix(rest, v) && spells(rs[1:], rest[len(v):]) {
					return true
				}
			}
		}
		return false
	}
	return b.Len() > 0 && spells([]rune(name), b.String())
}

// particles counts the words of an English name that are a family name's
// particles (van of Vincent van Gogh, von der of Ursula von der Leyen),
// which a Chinese form may leave out.
func particles(en []string) int {
	n := 0
	for _, w := range en {
		switch strings.ToLower(w) { // Le of Bruno Le Maire
		case "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el":
			n++
		}
	}
	return n
}

// givenKey is the key of an English given name in learnGivenNames: the
// long form of a short one (Bob → robert), lower case.
func givenKey(s string) string {
	s = strings.ToLower(s)
	if l, ok := longGiven[s]; ok {
		return l
	}
	return s
}

// longGiven maps the English short given names the lexicon writes people
// by (Bob Menendez, Chuck Grassley) to the long form a post may
// transliterate (罗伯特·梅嫩德斯, 查尔斯·格拉斯利).
var longGiven = map[string]string{
	"bob": "robert", "bobby": "robert", "rob": "robert", "bill": "william", "billy": "william",
	"chuck": "charles", "charlie": "charles", "sam": "samuel", "larry": "lawrence",
	"tony": "anthony", "antony": "anthony", "mike": "michael", "jim": "james", "jimmy": "james",
	"joe": "joseph", "steve": "stephen", "steven": "stephen", "rudy": "rudolph", "dick": "richard",
	"rick": "richard", "ted": "edward", "ron": "ronald", "tom": "thomas", "ken": "kenneth",
	"dan": "daniel", "dave": "david", "andy": "andrew", "nick": "nicholas", "pete": "peter",
	"ben": "benjamin", "matt": "matthew", "chris": "christopher", "greg": "gregory",
	"jeff": "jeffrey", "liz": "elizabeth", "jerry": "gerald", "hank": "henry", "ray": "raymond",
	"alex": "alexander", "newt": "newton", "jake": "jacob", "kate": "katherine",
	"josep": "joseph", "jose": "joseph",
}

// englishParts are the words of an English name without initials and
// generational suffixes: Donald J. Trump Jr. → Donald, Trump.
func englishParts(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		t := strings.TrimSuffix(w, ".")
		switch {
		case utf8.RuneCountInString(t) <= 1, t == "Jr", t == "Sr", t == "II", t == "III", t == "IV":
			continue
		}
		out = append(out, t)
	}
	return out
}

// hanParts are the dot-separated parts of a name that hold a Han
// character: Latin initials (唐纳德·J·特朗普) are no part.
func hanParts(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "·") {
		if strings.ContainsFunc(p, isHan) {
			out = append(out, p)
		}
	}
	return out
}

// givenFits reports whether given, the first part of a dotted name merged
// into the lexicon person e, may be e's given name: one of e's given names,
// one inside the other (约瑟夫 of 小约瑟夫), or a spelling that sounds
// nearly the same (戴维 and 大卫, 维克多 and 维克托). A person whose given
// names the lexicon does not tell fits any, unless the English name is one
// word (Pelé, Batel): such a person has no given name, and 麦迪逊·贝利 is
// someone else; nor does a person of a Chinese name (hanName): 巴金 is no
// family name, and 诺阿·巴金 is Noah Barkin.
func (g *Gazetteer) givenFits(e *Entity, given string) bool {
	if e.hanName {
		return false
	}
	if len(e.given) == 0 {
		return len(strings.Fields(e.NameEn)) != 1
	}
	p := []rune(given)
	if len(p) > 2 && (p[0] == '小' || p[0] == '老') {
		p = p[1:] // Jr., Sr.
	}
	for _, v := range e.given {
		w := []rune(v)
		short := min(len(p), len(w))
		if short >= 2 && (strings.Contains(string(p), v) || strings.Contains(v, string(p))) {
			return true
		}
		if len(p) == 2 && len(w) == 2 {
			if nearSound(p[0], w[0]) && nearSound(p[1], w[1]) {
				return true
			}
			continue
		}
		if g.soundDistance(p, w) <= 0.5*float64(max(len(p), len(w))) {
			return true
		}
	}
	return false
}

// nearSound reports two characters of one place in two spellings of a
// two-character given name that share a reading or half of one (皮/彼 p and
// b, 特/得 t and d; 埃/伊, both without an initial). Two characters there
// that sound unalike make another name, though the edit distance of one
// is within half the length: 杰基 is not 杰夫 (Jackie, Jeff Bezos' mother),
// 杰里 not 凯莉, 里克 not 杰克.
func nearSound(a, b rune) bool {
	if soundCost(a, b) < 1 {
		return true
	}
	return vowelStart(a) && vowelStart(b)
}

// vowelStart reports a character with a reading that begins without an
// initial (埃 ai, 伊 yi, 奥 ao): transliterations write a foreign vowel
// with any of them.
func vowelStart(r rune) bool {
	for _, x := range lexicon.Sounds()[r] {
		if in, _ := splitSyllable(x); in == "" {
			return true
		}
	}
	return false
}

// soundDistance is the edit distance between two spellings of a name,
// where a character that shares a reading with the other costs nothing
// (戴/大 dai, 维/卫 wei) and one that shares the reading's initial or final
// half (托/多 uo, 拉/兰 l) costs half.
func (g *Gazetteer) soundDistance(a, b []rune) float64 {
	prev := make([]float64, len(b)+1)
	cur := make([]float64, len(b)+1)
	for j := range prev {
		prev[j] = float64(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = float64(i)
		for j := 1; j <= len(b); j++ {
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+soundCost(a[i-1], b[j-1]))
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// soundCost is what replacing a by b costs in soundDistance: nothing for
// a shared reading, half for readings of one initial (拉/兰 l) or of one
// final after initials of one class (托/多 uo, t and d), else one.
func soundCost(a, b rune) float64 {
	if a == b {
		return 0
	}
	ra, rb := lexicon.Sounds()[a], lexicon.Sounds()[b]
	cost := 1.0
	for _, x := range ra {
		for _, y := range rb {
			if x == y {
				return 0
			}
			xi, xf := splitSyllable(x)
			yi, yf := splitSyllable(y)
			if xi != "" && xi == yi || xf == yf && initialClass[xi] == initialClass[yi] {
				cost = 0.5
			}
		}
	}
	return cost
}

// initialClass groups the initials that transliterations of one sound
// use in turn: 多/托 (d, t), 纳/拉 (n, l), 雅/贾 (the glide, j).
var initialClass = map[string]int{
	"b": 1, "p": 1, "m": 2, "f": 3, "d": 4, "t": 4, "n": 5, "l": 5, "g": 6, "k": 6, "h": 6,
	"": 7, "j": 7, "q": 7, "x": 7, "zh": 8, "ch": 8, "sh": 8, "z": 8, "c": 8, "s": 8, "r": 8,
}

// initials are the pinyin initials, two-letter ones first.
var initials = []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"}

// splitSyllable cuts a toneless pinyin syllable into initial and final,
// the glides y and w written as the final's vowel: "zhang" → "zh", "ang";
// "ya" → "", "ia"; "wei" → "", "ui"; "ju" → "j", "ü".
func splitSyllable(s string) (string, string) {
	for _, in := range initials {
		if !strings.HasPrefix(s, in) || len(s) == len(in) {
			continue
		}
		f := s[len(in):]
		switch in {
		case "y":
			switch {
			case f == "ou":
				f = "iu"
			case strings.HasPrefix(f, "i"):
			case strings.HasPrefix(f, "u"):
				f = "ü" + f[1:]
			default:
				f = "i" + f
			}
			return "", f
		case "w":
			switch {
			case f == "ei":
				f = "ui"
			case f == "en":
				f = "un"
			case strings.HasPrefix(f, "u"):
			default:
				f = "u" + f
			}
			return "", f
		case "j", "q", "x":
			if strings.HasPrefix(f, "u") {
				f = "ü" + f[1:]
			}
		}
		return in, f
	}
	return "", s
}

// unlinkDotted takes back the merge of a dotted name into a lexicon
// person (addTransName) when the name's given part does not fit the
// person's (givenFits; any of its parts before the family name, 阿里 of
// 阿亚图拉·阿里·哈梅内伊): the name is then a person of its own, its id made
// from its text as a discovered name's is. The found keeps its span and
// method, so that only the id changes.
func (d *doc) unlinkDotted() {
	d.trimTitled()
	for k := range d.found {
		f := &d.found[k]
		if f.ent == nil || f.typ != "person" {
			continue
		}
		span := d.norm[f.start:f.stop]
		if !slices.Contains(span, '·') {
			continue
		}
		given, ok := mergedGiven(f.ent, nameKey(span)) // 吉尔· 拜登: no spaces
		if ok && !slices.ContainsFunc(given, func(p string) bool { return d.g.givenFits(f.ent, p) }) && !d.glossIs(f.stop, f.ent.NameEn) {
			f.ent, f.key, f.unlinked = nil, nameKey(span), f.ent
		}
	}
	// 玛丽·L·特朗普 and 玛丽·特朗普 are one person, as they were one
	// lexicon id: the names taken from one person that differ only by
	// Latin initials take the longest name's key.
	for k := range d.found {
		f := &d.found[k]
		if f.unlinked == nil {
			continue
		}
		han := strings.Join(hanParts(f.key), "·")
		for _, g := range d.found {
			if g.unlinked == f.unlinked && len(g.key) > len(f.key) && strings.Join(hanParts(g.key), "·") == han {
				f.key = g.key
			}
		}
	}
}

// glossIs reports a Latin gloss in brackets at i that writes en, the
// person's English name: its family name, and a word that opens as the
// given name does (Charle of Charlie, a typo; Phil of Philip, after
// Admiral). 查理·卓别林（Charlie Chaplin） is the lexicon's Chaplin
// whatever the given name's spelling; 大卫·格雷厄姆（David Graham） is not
// Lindsey Graham.
func (d *doc) glossIs(i int, en string) bool {
	n := len(d.norm)
	for i < n && d.norm[i] == ' ' {
		i++
	}
	want := strings.Fields(en)
	if len(want) < 2 || i >= n || d.norm[i] != '（' && d.norm[i] != '(' {
		return false
	}
	i++
	e := i
	for e < n && e-i < 80 && d.norm[e] != '）' && d.norm[e] != ')' && d.norm[e] != '\n' {
		e++
	}
	got := strings.Fields(string(d.norm[i:e]))
	if len(got) < 2 || !strings.EqualFold(got[len(got)-1], want[len(want)-1]) {
		return false
	}
	prefix := func(w string) string { return strings.ToLower(w[:min(len(w), 4)]) }
	for _, w := range got[:len(got)-1] {
		if len(w) >= 3 && prefix(w) == prefix(want[0]) {
			return true
		}
	}
	return false
}

// trimTitled starts a dotted person's name after a title or a word for a
// relative glued before its given name (哥哥小弗雷德·特朗普, 小女儿蒂芙尼·特朗普,
// 首席执行官凯文·梅耶尔 read as 官凯文·梅耶尔): the dotted rule reads back
// over characters of transliterations and may take the last characters
// of the word before. The cut is where a title (titleEndsAt) or the end
// of a word (wordEndGlued) ends inside the first part, the latest one that
// leaves two or more transliteration characters (小 or 老 of Jr. and Sr.
// allowed before them), or where a word that is no title ends before a
// given name (givenGlued: 富翁杰夫·贝佐斯); a discovered name's key follows
// its text.
func (d *doc) trimTitled() {
	for k := range d.found {
		f := &d.found[k]
		if f.typ != "person" {
			continue
		}
		dot := slices.Index(d.norm[f.start:f.stop], '·')
		if dot < 3 {
			continue
		}
		for j := f.start + dot - 2; j > f.start; j-- {
			titled := d.transFrom(j, f.start+dot) && (d.titleEndsAt(j) >= 0 || d.wordEndGlued(f.start, j))
			if !titled && !d.givenGlued(f.start, j, f.start+dot, f.stop) {
				continue
			}
			if f.ent == nil && f.key == nameKey(d.norm[f.start:f.stop]) {
				f.key = nameKey(d.norm[j:f.stop])
			}
			f.start = j
			break
		}
	}
}

// wordEndGlued reports whether norm[i:j] is the end of a word for an
// occupation before a name (官 of 首席技术官, 次卿 of 副国务次卿, 人 of 创始人):
// one or two characters, none of them a transliteration's, the last one
// of roleEnds, after a Han character, and a word of gse's starts at j.
// Names begin with other characters that are no transliteration's (山缪埃尔,
// 柳博夫, 吾尔桑): those stay.
func (d *doc) wordEndGlued(i, j int) bool {
	if i < 1 || j-i > 2 || !d.han(i-1) || !d.tokStart(j) || !roleEnds.Has(d.norm[j-1]) {
		return false
	}
	for k := i; k < j; k++ {
		if d.isTrans(k) || !d.han(k) {
			return false
		}
	}
	return true
}

// givenGlued reports whether norm[i:dot], the first part of a dotted
// name ending at stop, is a word glued before the given name norm[j:dot]
// (富翁杰夫, 巨星迭戈, 令伍迪, 本月初克里斯托弗): one to three Han
// characters before it, where gse starts a word, that are one word gse
// reads as no name (wordBefore), and the given name is a lexicon person's
// or one word gse reads as a transliterated name (nrt); or the post writes
// the name from j elsewhere after no Han character (媒体人迪力夏提 …
// ¶迪力夏提). 小 and 老 (Jr., Sr.) stay.
func (d *doc) givenGlued(i, j, dot, stop int) bool {
	if j-i > 3 || dot-j < 2 || d.norm[j-1] == '小' || d.norm[j-1] == '老' {
		return false
	}
	for k := i; k < dot; k++ {
		if !d.han(k) {
			return false
		}
	}
	if !d.tokStart(j) {
		return d.charGlued(i, j, dot)
	}
	if d.wordBefore(i, j) {
		if d.g.givenNames[string(d.norm[j:dot])] && !d.g.givenNames[string(d.norm[i:dot])] {
			return true
		}
		if s, e, pos := d.token(j); s == j && e == dot && (pos == "nrt" || pos == "nz" && d.allTrans(j, dot)) {
			return true
		}
	}
	return d.charGlued(i, j, dot) || d.writtenApart(j, stop)
}

// charGlued reports whether norm[i], one character before the given name
// norm[j:dot], is no part of the name: no transliteration character, and
// a function word (和菲尔, 与, 于) or the end of a word gse began before it
// (子/ng of 之子埃里克, 官 of 执行官凯文); and the rest is a lexicon
// person's given name the whole is not, or one word gse reads as a
// transliterated name (埃里克/nrt). gse often reads such a character and the
// name as one word (和菲尔/nr), so no word boundary is asked for at j. A
// lexicon given name need not be all transliteration characters (儒勒 of
// 儒勒·凡尔纳: 含儒勒).
func (d *doc) charGlued(i, j, dot int) bool {
	if j-i != 1 || d.isTrans(i) || !d.allTrans(j, dot) && !d.g.givenNames[string(d.norm[j:dot])] {
		return false
	}
	if d.g.givenNames[string(d.norm[i:dot])] {
		return false
	}
	if s, e, pos := d.token(j); !d.g.givenNames[string(d.norm[j:dot])] && (s != j || e != dot || pos != "nrt") {
		return false
	}
	if s, _, pos := d.token(i); s < i || pos == "ng" {
		return true
	}
	return funcChars.Has(d.norm[i]) || nameStop.Has(d.norm[i])
}

// allTrans reports whether norm[j:dot] is all transliteration characters.
func (d *doc) allTrans(j, dot int) bool {
	for k := j; k < dot; k++ {
		if !d.isTrans(k) {
			return false
		}
	}
	return true
}

// wordBefore reports whether norm[i:j] is one word gse knows that is no
// name: it holds a character that is no transliteration's (谢, 尤, 安 and
// 维 are, and start names: 谢尔登, 尤瑟夫), and is two or more characters
// (富翁, 巨星, which gse may tag nr) or a function word (初/f, 除/p, 令/v).
func (d *doc) wordBefore(i, j int) bool {
	s, e, pos := d.token(i)
	if s != i || e != j {
		return false
	}
	trans := true
	for k := i; k < j; k++ {
		trans = trans && d.isTrans(k)
	}
	if trans {
		return false
	}
	if j-i == 1 {
		switch pos {
		case "p", "c", "f", "u", "d", "v":
			return true
		}
		return false
	}
	return true
}

// writtenApart reports whether the post writes norm[j:stop] elsewhere
// after no Han character (at a line's start, after punctuation).
func (d *doc) writtenApart(j, stop int) bool {
	name := d.norm[j:stop]
	for k := 0; k+len(name) <= len(d.norm); k++ {
		if k == j || d.norm[k] != name[0] || !runesEqual(d.norm[k:k+len(name)], name) {
			continue
		}
		if k == 0 || !d.han(k-1) {
			return true
		}
	}
	return false
}

// roleEnds end words for occupations and offices: the occupation
// suffixes (roleSuffixes) and 官, 卿, 家, 手.
var roleEnds = runeSet("员师者警民人官卿家手")

// transFrom reports whether norm[i:j] is a given name of transliteration
// characters, two or more, after an optional 小 or 老.
func (d *doc) transFrom(i, j int) bool {
	if i < j && (d.norm[i] == '小' || d.norm[i] == '老') {
		i++
	}
	return j-i >= 2 && d.allTrans(i, j)
}

// mergedGiven returns the parts of a dotted name s before the shortest
// lexicon form of e that ends it after a dot (吉娜 of 吉娜·麦卡锡 for Kevin
// McCarthy's 麦卡锡; 阿亚图拉, 阿里 of 阿亚图拉·阿里·哈梅内伊), or false
// when s is itself one of e's forms or no form of e ends a dotted part of
// it.
func mergedGiven(e *Entity, s string) ([]string, bool) {
	if slices.Contains(e.forms, s) {
		return nil, false
	}
	best := -1
	for _, form := range e.forms {
		k := strings.LastIndex(s, form)
		if k <= 0 || !strings.HasSuffix(s[:k], "·") {
			continue
		}
		if k > best {
			best = k
		}
	}
	if best < 0 {
		return nil, false
	}
	parts := hanParts(s[:best])
	return parts, len(parts) > 0
}

// followDotted gives the later bare family name of a dotted name that
// unlinkDotted took from a lexicon person to that name (吉娜·麦卡锡 …
// 麦卡锡表示: Gina McCarthy, not Kevin McCarthy), when the lexicon person
// is not otherwise in the post: every mention of the person is that bare
// name, none before the dotted name, and no other dotted name of the post
// taken from the person ends in it; and the name is written as
// transliterations (transName). A post that names 特朗普 before
// 玛丽·特朗普, or by another form, keeps 特朗普 for Donald Trump.
func (d *doc) followDotted(order []*cluster, assign []*cluster) {
	for i, f := range d.found {
		if f.unlinked == nil || assign[i] == nil {
			continue
		}
		if !d.g.transName(f.key) {
			continue // a title run into a name: 雪·纳博科夫·基辛格
		}
		own := assign[i]
		_, last, _ := strings.Cut(f.key, "·")
		for strings.Contains(last, "·") {
			_, last, _ = strings.Cut(last, "·")
		}
		var lex *cluster
		for _, c := range order {
			if c.id == f.unlinked.ID {
				lex = c
				break
			}
		}
		if lex == nil {
			continue
		}
		first, ok := d.found[i].start, true
		for j, g := range d.found {
			switch {
			case assign[j] == own:
				first = min(first, g.start)
			case g.unlinked == f.unlinked && assign[j] != own:
				ok = false // two dotted names of the person's family
			}
		}
		var bare []int
		for j, g := range d.found {
			if assign[j] != lex {
				continue
			}
			if g.start < first || string(d.norm[g.start:g.stop]) != last {
				ok = false
				break
			}
			bare = append(bare, j)
		}
		if !ok {
			continue
		}
		for _, j := range bare {
			assign[j] = own
		}
	}
}

// transName reports a dotted name written as transliterations: every Han
// part of two characters or more (雪·纳博科夫·基辛格 is a headline of three
// names), every Han character a transliteration character.
func (g *Gazetteer) transName(s string) bool {
	for _, p := range hanParts(s) {
		if utf8.RuneCountInString(p) < 2 {
			return false
		}
	}
	for _, r := range s {
		if isHan(r) && !g.trans.Has(r) {
			return false
		}
	}
	return true
}
