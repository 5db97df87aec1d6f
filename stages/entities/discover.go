package entities

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsnlp/newsnlp/stages/internal/hanname"
	"github.com/newsnlp/newsnlp/stages/internal/runeset"
	"github.com/newsnlp/newsnlp/stages/internal/trie"
)

// Discovery finds people and outlets that no list holds, from the shapes
// news gives them: a title before a name (外长王毅, 律师丁家喜), a name before
// a verb of saying (孙韵表示), a transliterated name with middle dots
// (迈克尔·库格尔曼, 小约翰·G·罗伯茨), a name glossed in Latin script
// (吴玉婷（Andrea Worden）), names listed after a known one (杨岳桥、郭荣铿和
// 梁继昌), a columnist's name heading a title (练乙铮：…), a publication in
// title marks (《南华早报》). gse's segmentation decides where words end;
// its part-of-speech tags are only a weak signal.

// nameStop are characters that do not belong to a Chinese given name.
var nameStop = hanname.Stop

// funcChars are characters that, standing alone, are function words: a
// transliterated name neither starts nor ends with one (当约翰尼·德普,
// 帕拉迪斯正).
var funcChars = runeSet("都需时当正但也就还又在是的了和与及对为被将把让从由于以等则而且并或其这那每各该本此位名叫个曾已要会能可如像用到来请些所没做遭问答讲谈")

// adverbs may stand between a name and its verb of saying (巴蒂亚则表示).
var adverbs = runeSet("则也还又亦曾更并再就便都却仍均即")

// nameishPOS are gse's tags of words that may be a transliterated name on
// their own.
var nameishPOS = map[string]bool{"nr": true, "nrt": true, "nrfg": true, "nz": true, "x": true}

// notNamePOS are gse's tags of words that do not end a transliterated name:
// verbs, adverbs, function words, numbers, time words, idioms.
var notNamePOS = map[string]bool{
	"v": true, "vn": true, "vd": true, "d": true, "p": true, "c": true, "u": true, "uj": true, "ul": true, "uz": true,
	"ud": true, "ug": true, "uv": true, "r": true, "m": true, "q": true, "t": true, "f": true, "a": true, "ad": true,
	"an": true, "l": true, "i": true, "s": true,
}

func isPunct(r rune) bool {
	switch {
	case r < 0x80:
		return asciiPunct[r]
	case r >= 0x4e00 && r <= 0x9fff:
		return false // the common ideographs, most of the text
	}
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) || r == '丶'
}

// asciiPunct is isPunct for ASCII.
var asciiPunct = func() (t [0x80]bool) {
	for r := range rune(0x80) {
		t[r] = unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
	}
	return t
}()

// transCount counts the transliteration characters in [s, e), or returns
// -1 when another name covers any of it.
func (d *doc) transCount(s, e int) int {
	n := 0
	for k := s; k < e; k++ {
		if d.covered[k] {
			return -1
		}
		if d.isTrans(k) {
			n++
		}
	}
	return n
}

func (d *doc) isTrans(i int) bool {
	return uint(i) < uint(len(d.props)) && d.props[i]&propTrans != 0
}

// transToken reports whether the token covering i may be part of a
// transliterated name. Strictly, every character must be a transliteration
// character; beside a middle dot or a Latin gloss, which mark a foreign name
// already, any single character that is not a function word will do, and a
// word gse tags as a name.
func (d *doc) transToken(i int, relaxed bool) (start, stop int, ok bool) {
	start, stop, pos := d.token(i)
	all := true
	for k := start; k < stop; k++ {
		if d.covered[k] || !d.han(k) {
			return start, stop, false
		}
		all = all && d.isTrans(k)
	}
	if all || !relaxed {
		return start, stop, all
	}
	if stop-start == 1 {
		return start, stop, !funcChars.Has(d.norm[start]) && !nameStop.Has(d.norm[start])
	}
	return start, stop, nameishPOS[pos] && !d.isTitle(start, stop)
}

// abduAt reports the 都 of 阿不都, 阿卜都 or 阿布都 (Abdu-, which opens many
// Uyghur names: 阿不都热合曼, 阿卜都加富尔) with the name going on after it:
// there it is a syllable, not the adverb gse reads (阿/不/都/热合/曼).
func (d *doc) abduAt(k int) bool {
	if k < 2 || k+1 >= len(d.norm) || d.norm[k] != '都' || d.norm[k-2] != '阿' {
		return false
	}
	switch d.norm[k-1] {
	case '不', '卜', '布':
		return d.nameChar(k + 1)
	}
	return false
}

// nameChar reports a Han character at k that is no function character:
// one a name may go on over, whatever gse's word.
func (d *doc) nameChar(k int) bool {
	return d.han(k) && !funcChars.Has(d.norm[k]) && !nameStop.Has(d.norm[k])
}

// abduStart starts the dotted name found[fi] at the 阿 of 阿不都 where a
// finder began it after the 都 (阿不都|外力·阿尤普), dropping a person found
// apart on 阿不 there (学者阿不|都外力·阿尤普); it reports that one was
// dropped (its type emptied, for extendGiven to delete).
func (d *doc) abduStart(fi int) (dropped bool) {
	f := &d.found[fi]
	a := f.start - 3
	if a < 0 || !d.abduAt(f.start-1) || !d.dotIn(f.start, f.stop) {
		return false
	}
	if ci := d.foundAt(a); ci >= 0 && ci != fi && d.found[ci].typ == "person" && d.found[ci].start == a && d.found[ci].stop <= f.start {
		for i := a; i < d.found[ci].stop; i++ {
			d.covered[i] = false
		}
		d.found[ci].typ, dropped = "", true
	}
	if !d.covered[f.start-1] {
		for i := a; i < f.start; i++ {
			d.covered[i] = true
		}
		f.start = a
		if f.ent == nil {
			f.key = nameKey(d.norm[f.start:f.stop])
		}
	}
	return dropped
}

// abduEnd returns the end of the rest of a name cut at i, the 都 of
// 阿不都 (the tagger ended 阿卜都加富尔 at 阿卜: 阿/卜/都/加富尔): the word
// after 都, and transliteration characters after it; i when there is none.
func (d *doc) abduEnd(i int) int {
	if !d.abduAt(i) {
		return i
	}
	// The word after 都, whatever gse makes of it (热合/v of 热合曼).
	s, e, _ := d.token(i + 1)
	if s != i+1 || e-i > 6 {
		return i
	}
	for k := s; k < e; k++ {
		if d.covered[k] || !d.nameChar(k) {
			return i
		}
	}
	if e < len(d.norm) && d.norm[e] == '·' {
		return i // a dotted name's given name: its person takes 阿不都 (extendGiven)
	}
	// Then transliteration characters, or any up to a Latin gloss
	// (阿卜都热衣木(Mamutjan Abdurehim): 热/衣/木).
	k := e
	for k < len(d.norm) && k-i <= 8 && !d.covered[k] && d.nameChar(k) {
		k++
	}
	if k > e && k+1 < len(d.norm) && (d.norm[k] == '(' || d.norm[k] == '（') && d.norm[k+1] < 0x80 && unicode.IsUpper(d.norm[k+1]) {
		return k
	}
	return d.transRight(e, 8-(e-i), false)
}

// edgeOK reports whether the token [s, e) may stand at the edge of a
// transliterated name: a single character that is not a function word, or
// a word gse tags as a name.
func (d *doc) edgeOK(s, e int) bool {
	if e-s == 1 {
		return !funcChars.Has(d.norm[s])
	}
	_, _, pos := d.token(s)
	return !notNamePOS[pos]
}

// transLeft extends a transliterated name left from end over whole tokens,
// at most max characters, and trims edge tokens that cannot start a name.
func (d *doc) transLeft(end, max int, relaxed bool) int {
	start := end
	var edges [][2]int
	for start > 0 {
		s, e, ok := d.transToken(start-1, relaxed)
		if !ok || e != start || end-s > max {
			break
		}
		edges = append(edges, [2]int{s, e})
		start = s
	}
	for i := len(edges) - 1; i >= 0 && !d.edgeOK(edges[i][0], edges[i][1]); i-- {
		start = edges[i][1]
	}
	return start
}

// transRight extends a transliterated name right from start.
func (d *doc) transRight(start, max int, relaxed bool) int {
	end := start
	var edges [][2]int
	for end < len(d.norm) {
		s, e, ok := d.transToken(end, relaxed)
		if !ok || s != end || e-start > max {
			break
		}
		edges = append(edges, [2]int{s, e})
		end = e
	}
	for i := len(edges) - 1; i >= 0 && !d.edgeOK(edges[i][0], edges[i][1]); i-- {
		end = edges[i][0]
	}
	return end
}

// dottedEnd reads the rest of a transliterated name from end, the end of
// its first part: further parts after middle dots or hyphens (spaces
// allowed around them), where a part is a transliteration, a Latin initial
// (G·, E.) or a lexicon person found there (伊曼纽尔·马克龙). It returns the
// end of the name and the index of a found person to merge, or -1.
func (d *doc) dottedEnd(end int) (int, int) {
	n := len(d.norm)
	merge := -1
	for {
		k := end
		for k < n && d.norm[k] == ' ' {
			k++
		}
		if k >= n || (d.norm[k] != '·' && d.norm[k] != '-') {
			return end, merge
		}
		hyphen := d.norm[k] == '-'
		k++
		for k < n && d.norm[k] == ' ' && !hyphen {
			k++
		}
		switch {
		case k < n && d.norm[k] < 0x80 && unicode.IsUpper(d.norm[k]) && (k+1 >= n || !isLatin(d.norm[k+1])) && !hyphen:
			e := k + 1
			if e < n && d.norm[e] == '.' {
				e++
			}
			end = e
		case k < n && d.covered[k]:
			fi := d.foundAt(k)
			if fi < 0 || d.found[fi].typ != "person" || merge >= 0 {
				return end, merge
			}
			merge = fi
			end = d.found[fi].stop
			return end, merge
		default:
			e := d.dottedPart(k)
			if e == k {
				return end, merge
			}
			end = d.untitled(k, e)
		}
	}
}

// dottedPart returns the end of the part of a dotted name that starts at
// k, after its dot. Where the transliteration reads no more than one
// syllable, gse has taken the next ones for a place or an adverb (戈/德堡,
// 苏非, 埃/普利): after a dot a two-character word that opens with a
// transliteration character and ends before a boundary is the rest of
// the name, since a part of one syllable is almost never all of it.
func (d *doc) dottedPart(k int) int {
	e := d.transRight(k, 10, true)
	if e-k > 1 {
		return e
	}
	s, t, pos := d.token(e)
	if s != e || t-s != 2 || !d.isTrans(s) || !d.free(s, t) || !d.boundaryAfter(t) {
		return e
	}
	if pos == "ns" || d.isTrans(s+1) && !nameStop.Has(d.norm[s+1]) {
		return t
	}
	return e
}

// untitled returns the end of a dotted name's last part [k, e) without a
// title written after it, as gse cuts it (戈德斯坦/拉比, 加蒂/博士): the
// title's characters are a transliteration's, but a name is no title.
func (d *doc) untitled(k, e int) int {
	if t := d.titleAfterEndsAt(e); t >= k+2 && t < e && d.tokStart(t) {
		return t
	}
	return e
}

// titleAfterEndsAt returns where a title or role ending at e starts (of
// the titles before a name, or of titlesAfter, which follow one: 拉比),
// or -1.
func (d *doc) titleAfterEndsAt(e int) int {
	if t := d.titleEndsAt(e); t >= 0 {
		return t
	}
	for _, w := range titlesAfter {
		if k := e - len(w); k >= 0 && runesEqual(d.norm[k:e], w) {
			return k
		}
	}
	return -1
}

// foundAt returns the index of the found mention that starts at i, or -1.
func (d *doc) foundAt(i int) int {
	for fi := range d.found {
		if d.found[fi].start == i {
			return fi
		}
	}
	return -1
}

// surnameAt returns the length of the surname that starts at i, or 0. A
// single-character surname that gse reads as a function word (但, 向 as a
// preposition) does not count.
func (d *doc) surnameAt(i int, strong bool) int {
	n := d.surnameLen(i)
	if n != 1 {
		return n
	}
	s, e, pos := d.token(i)
	if s == i && e == i+1 && funcChars.Has(d.norm[i]) {
		return 0 // 和, 于, 都 standing alone are function words
	}
	if s == i && e == i+1 && !strong {
		switch pos {
		case "c", "p", "d", "u", "uj", "ul", "r", "m", "t", "f":
			return 0
		case "q":
			// A measure word counts something (一张, 这张, 每张): gse tags
			// the surname 张 q wherever it stands (媒体人张/q 颖/nr).
			if i > 0 && (counters.Has(d.norm[i-1]) || unicode.IsDigit(d.norm[i-1])) {
				return 0
			}
		}
	}
	return 1
}

// counters stand before a measure word: numerals, demonstratives, 每, 几.
var counters = runeSet("一二三四五六七八九十百千万两几数每这那哪某各半整满多")

// chineseNameAt reads a Chinese personal name at i: a surname and a given
// name of one or two characters, as gse cuts them (an unknown given name
// comes out as single characters; a known name as one token tagged nr). It
// returns the end, or -1. In a strong context (after a title, in a list of
// names) the given name may also be a word gse knows (李进进 cut 李/进进)
// when a boundary follows it.
func (d *doc) chineseNameAt(i int, strong bool) int {
	sn := d.surnameAt(i, strong)
	if sn == 0 || d.covered[i] {
		return -1
	}
	start, stop, pos := d.token(i)
	if start != i {
		return -1
	}
	if stop-i > sn {
		// The surname starts a longer word: a name only if gse says so.
		if (pos != "nr" && pos != "nrfg" && pos != "nrt") || stop-i > sn+2 || d.isTitle(i, stop) {
			return -1
		}
		// gse knows 陈国 and 王军 but not 陈国禧 and 王军志: take the next
		// character too when a boundary follows it.
		if stop-i == sn+1 && stop < len(d.norm) {
			s, e, _ := d.token(stop)
			if s == stop && e == stop+1 && d.han(stop) && !nameStop.Has(d.norm[stop]) && !d.covered[stop] && d.boundaryAfter(stop+1) {
				return stop + 1
			}
			if d.gluedAt(stop) {
				return stop + 1 // 陈芳/明说
			}
		}
		return stop
	}
	end := stop
	for end < len(d.norm) && end-i < sn+2 {
		s, e, _ := d.token(end)
		if s != end || e-s != 1 || !d.han(end) || nameStop.Has(d.norm[end]) || d.covered[end] {
			break
		}
		end = e
	}
	if end == i+sn && strong && end < len(d.norm) {
		s, e, pos := d.token(end)
		// A given name gse reads as a verb (李进进 cut 李/进进) only
		// right before a verb of saying: 律师李进进说.
		posOK := !notNamePOS[pos] || (pos == "v" || pos == "a") && d.verbAfter(e)
		if s == end && e-s == 2 && d.han(s) && !nameStop.Has(d.norm[s]) && posOK && !d.covered[s] && !d.covered[s+1] && d.boundaryAfter(e) {
			end = e
		}
	}
	if end == i+sn {
		return -1
	}
	if end == i+sn+1 && d.gluedAt(end) {
		end++ // 席/海/明说
	}
	return end
}

func (d *doc) isTitle(i, j int) bool {
	var buf []trie.Match[struct{}]
	for _, m := range d.g.titles.MatchesAt(d.norm, i, buf) {
		if i+m.N == j {
			return true
		}
	}
	return false
}

// latinNameAt reads "Kevin Mayer", "Julian E. Barnes": two to four
// capitalised words. It returns the end, or -1.
func (d *doc) latinNameAt(i int) int {
	words, j, end := 0, i, -1
	for words < 4 && j < len(d.norm) && unicode.IsUpper(d.norm[j]) && d.norm[j] < 0x250 {
		k := j + 1
		for k < len(d.norm) && (isLatin(d.norm[k]) || d.norm[k] == '.' || d.norm[k] == '-' || d.norm[k] == '\'') {
			k++
		}
		words++
		if words >= 2 {
			end = k
		}
		if k >= len(d.norm) || d.norm[k] != ' ' {
			break
		}
		j = k + 1
	}
	if end > 0 && (end >= len(d.norm) || !isLatin(d.norm[end])) && glossIsPerson(string(d.norm[i:end])) {
		return end
	}
	return -1
}

// orgWords mark a Latin name that is an organisation's, not a person's.
var orgWords = map[string]bool{
	"Union": true, "Center": true, "Centre": true, "Institute": true, "Foundation": true, "Committee": true,
	"University": true, "College": true, "Inc": true, "Corp": true, "Company": true, "Group": true, "Council": true,
	"Association": true, "Party": true, "News": true, "Times": true, "Post": true, "Journal": true, "Agency": true,
	"Bank": true, "Fund": true, "Ministry": true, "Department": true, "Office": true, "Court": true, "Army": true,
	"Organization": true, "Organisation": true, "Society": true, "Network": true, "Project": true, "Program": true,
	"Campaign": true, "Movement": true, "Club": true, "Forum": true, "Alliance": true, "Coalition": true, "Service": true,
	"CEO": true, "CFO": true, "CTO": true, "COO": true,
	"Limited": true, "Ltd": true, "LLC": true, "Holdings": true, "Technologies": true, "Technology": true, "Media": true,
	"The": true, "of": true, "and": true, "for": true, "Lives": true, "Matter": true, "Act": true, "Law": true,
	"Security": true, "Intelligence": true, "National": true, "International": true, "Street": true, "City": true,
	"State": true, "States": true, "Republic": true, "Kingdom": true, "House": true, "Hall": true, "Park": true,
	"Capital": true, "Partners": true, "Securities": true, "Investment": true, "Investments": true, "Management": true,
	"Pharma": true, "Farma": true, "Research": true, "Labs": true, "Energy": true, "Airlines": true, "Motors": true,
	"Systems": true, "Ventures": true, "Trust": true, "Global": true, "Asset": true, "Advisors": true,
	"Images": true, "Press": true, "Review": true, "Magazine": true, "Daily": true, "Weekly": true, "Reuters": true,
}

func glossIsPerson(s string) bool {
	for _, w := range strings.Fields(s) {
		if orgWords[strings.Trim(w, ".,")] {
			return false
		}
	}
	return true
}

// addPerson records a discovered person at [i, j) unless it overlaps.
func (d *doc) addPerson(i, j int, method string) bool {
	for i < j && (d.norm[i] == ' ' || d.norm[i] == '·') {
		i++
	}
	for j > i && (d.norm[j-1] == ' ' || d.norm[j-1] == '·' || d.norm[j-1] == '-') {
		j--
	}
	if j-i < 2 || !d.free(i, j) || d.pseudonymAt(j) || d.kinAt(i, j) {
		return false
	}
	key := nameKey(d.norm[i:j])
	if d.g.notPeople[key] || (method != "tagger" && d.orgFinalAt(i, j)) {
		return false
	}
	if d.placeJoined(i, j) {
		return false
	}
	d.add(found{start: i, stop: j, typ: "person", key: key, method: method})
	return true
}

// kinFinals follow a surname to name someone's kin, not a person's name:
// 陆母 (陆's mother), 张父, 韩妻 are descriptions, whose words the
// annotation guide gives to nobody.
var kinFinals = runeSet("父母妻")

// kinAt reports a surname and a kin character at [i, j).
func (d *doc) kinAt(i, j int) bool {
	return j-i == 2 && kinFinals.Has(d.norm[i+1]) && d.g.surn.single(d.norm[i])
}

// addTransName records a transliterated name starting at [start, end): it
// reads the further dotted parts, and merges with a lexicon person that
// ends it.
func (d *doc) addTransName(start, end int, method string) bool {
	end2, merge := d.dottedEnd(end)
	if merge >= 0 {
		f := &d.found[merge]
		for k := start; k < f.start; k++ {
			if d.covered[k] {
				return false
			}
		}
		f.start = start
		for k := start; k < f.stop; k++ {
			d.covered[k] = true
		}
		return true
	}
	return d.addPerson(start, end2, method)
}

// discoverDotted finds transliterated names with middle dots (or hyphens:
// 罗曼德-拉塔皮, 尤利西斯-格兰特).
func (d *doc) discoverDotted() {
	n := len(d.norm)
	for k := 1; k+1 < n; k++ {
		r := d.norm[k]
		if r != '·' && !(r == '-' && d.han(k-1) && d.han(k+1)) || d.covered[k] {
			continue
		}
		e := k
		for e > 0 && d.norm[e-1] == ' ' {
			e--
		}
		if e > 0 && d.covered[e-1] && d.replaceFirstName(e) {
			// 安瓦尔 (a lexicon alias of another man) in 安瓦尔·胡克.
		}
		d.dropRunOnPerson(k + 1)
		start := d.transLeft(e, 8, true)
		if start == e || !d.edgeOK(d.tokenSpan(start)) {
			continue
		}
		end, _ := d.dottedEnd(e)
		if end <= k {
			d.placeFamily(start, e, k+1)
			continue
		}
		if d.addTransName(start, e, "dotted") {
			k = end
		}
	}
}

// replaceFirstName drops a lexicon person that ends at the dot at e when it
// is only the first part of a longer dotted name: that name is someone
// else's (安瓦尔 is Anwar Ibrahim, 安瓦尔·胡克 is not).
func (d *doc) replaceFirstName(e int) bool {
	for fi := len(d.found) - 1; fi >= 0; fi-- {
		f := d.found[fi]
		if f.stop != e || f.typ != "person" || f.ent == nil || strings.ContainsRune(string(d.norm[f.start:f.stop]), '·') {
			continue
		}
		if end, merge := d.dottedEnd(e); end <= e+1 || merge >= 0 {
			return false
		}
		for k := f.start; k < f.stop; k++ {
			d.covered[k] = false
		}
		d.found = append(d.found[:fi], d.found[fi+1:]...)
		return true
	}
	return false
}

// dropRunOnPerson drops a lexicon person that starts right after the dot
// before i and that the name runs on past, through another dot: that
// longer name is someone else's (玛丽安·特朗普·巴里 is Maryanne Trump
// Barry; merged into the lexicon's 特朗普 she became Donald Trump, and 巴里
// a name of its own).
func (d *doc) dropRunOnPerson(i int) {
	if i >= len(d.norm) || !d.covered[i] {
		return
	}
	fi := d.foundAt(i)
	if fi < 0 {
		return
	}
	f := d.found[fi]
	s := f.stop
	if f.typ != "person" || f.ent == nil || s+1 >= len(d.norm) || d.norm[s] != '·' || !d.isTrans(s+1) || d.covered[s+1] {
		return
	}
	for k := f.start; k < f.stop; k++ {
		d.covered[k] = false
	}
	d.found = append(d.found[:fi], d.found[fi+1:]...)
}

func (d *doc) tokenSpan(i int) (int, int) {
	s, e, _ := d.token(i)
	return s, e
}

// discoverGloss finds names followed by their Latin form in brackets.
func (d *doc) discoverGloss() {
	n := len(d.norm)
	for k := 1; k < n; k++ {
		if d.norm[k] != '(' && d.norm[k] != '（' {
			continue
		}
		p := k + 1
		for p < n && d.norm[p] == ' ' {
			p++
		}
		end := d.latinNameAt(p)
		single := false
		if end < 0 {
			// One word: a person only with a verb of saying after the bracket.
			e := p
			for e < n && isLatin(d.norm[e]) {
				e++
			}
			if e-p < 2 || !unicode.IsUpper(d.norm[p]) || !glossIsPerson(string(d.norm[p:e])) {
				continue
			}
			end, single = e, true
		}
		q := end
		for q < n && (d.norm[q] == ' ' || d.norm[q] == '.') {
			q++
		}
		if q+1 < n && string(d.norm[q:q+2]) == "Jr" {
			q += 2
			for q < n && (d.norm[q] == ' ' || d.norm[q] == '.') {
				q++
			}
		}
		if q >= n || (d.norm[q] != ')' && d.norm[q] != '）') {
			continue
		}
		if single && !d.verbAfter(q+1) {
			continue
		}
		e := k
		for e > 0 && d.norm[e-1] == ' ' {
			e--
		}
		if e == 0 || d.covered[e-1] {
			continue
		}
		// The name before the bracket: the last part of a transliteration
		// (whose earlier parts the dotted rule reads), or a Chinese name.
		if s := d.transLeft(e, 10, true); e-s >= 2 && !d.isTitle(s, e) {
			for s > 1 && (d.norm[s-1] == '·' || d.norm[s-1] == '-') && d.han(s-2) {
				s = d.transLeft(s-1, 10, true)
			}
			d.addPerson(s, e, "gloss")
			continue
		}
		for _, l := range []int{3, 2, 4} {
			if s := e - l; s >= 0 && d.chineseNameAt(s, true) == e {
				d.addPerson(s, e, "gloss")
				break
			}
		}
	}
}

// transName checks a transliteration run against being one dictionary
// word other than a name (克里米亚, 以色列 are not people).
func (d *doc) transName(s, e int) bool {
	ts, te, pos := d.token(s)
	if ts == s && te == e && !nameishPOS[pos] && e-s <= 3 {
		return false
	}
	return !d.isTitle(s, e)
}

// verbAfter reports a verb of saying at i, after an adverb or a short
// phrase without punctuation (向记者表示, 在接受采访时说).
func (d *doc) verbAfter(i int) bool {
	for k := i; k < len(d.norm) && k < i+6; k++ {
		if k > i && isPunct(d.norm[k-1]) {
			return false
		}
		d.bufVerb = d.g.verbs.MatchesAt(d.norm, k, d.bufVerb[:0])
		if len(d.bufVerb) > 0 && d.tokStart(k) {
			return true
		}
	}
	return false
}

// roleSuffixes end nouns of occupation that stand before names
// (乘务员劳拉, 工程师提菲恩); the words in 家 and 长 are in the titles list
// (国家 is no occupation).
var roleSuffixes = runeSet("员师者警民人")

// weakRoles are the role suffixes of nouns that also stand before other
// words than names (感染者因无明显病徵, 受难者关怀协会, 市民多区悼念): a name after
// one must be read as a name by gse too (see plainName).
var weakRoles = runeSet("者警民人")

// weakRoleEndsAt reports a role noun in one of weakRoles that ends at j
// and is no listed title.
func (d *doc) weakRoleEndsAt(j int) bool {
	if j < 2 || d.props[j-1]&propWeakRole == 0 || d.g.titlesRev.LongestBack(d.norm, j) > 0 {
		return false
	}
	return true
}

// notRoles are nouns in weakRoles that name no one in particular (人民健康,
// 载人登月, 个人英雄主义): no name follows them.
var notRoles = words("人民", "个人", "载人", "国人", "全民", "国民", "他人", "本人", "别人", "众人", "世人", "后人", "前人", "古人")

// plainName reports a Chinese name at [k, e) whose surname gse reads as a
// word of its own that is no function word, adverb or numeral, or that gse
// reads as one name (陈伟梁/nr; not 因/无, 若/自洽, 关怀/v, 多/区).
func (d *doc) plainName(k, e int) bool {
	s, t, pos := d.token(k)
	if s != k {
		return false
	}
	if t == e {
		return strings.HasPrefix(pos, "nr")
	}
	if t != k+1 {
		return false
	}
	switch pos {
	case "p", "c", "d", "m", "r", "q", "u", "uj", "ul", "v", "a", "ad", "f":
		return false
	}
	return e-k == 3
}

// orgFinals end the names of bodies, not of people: 卫健委, 安全厅, 白宫.
var orgFinals = runeSet("委部局厅院署办宫网媒法台社报党队所处科司组团馆厂")

// orgFinalAt reports a name [i, j) ending in one of orgFinals, without a
// middle dot: a veto for the rules' names, a feature of the tagger's
// (org-final; the decision weighs it).
func (d *doc) orgFinalAt(i, j int) bool {
	return d.han(j-1) && orgFinals.Has(d.norm[j-1]) && !d.dotIn(i, j)
}

// titleEndsAt returns the start of a title or role noun that ends at j
// (a word end), or -1.
func (d *doc) titleEndsAt(j int) int {
	if l := d.g.titlesRev.LongestBack(d.norm, j); l > 0 {
		return j - l
	}
	// An occupation noun gse knows: 乘务员, 工程师. (Its last character
	// first: most positions end no such noun, and the word is two loads
	// away.)
	if j < 1 || j > len(d.norm) || d.props[j-1]&propRoleSuffix == 0 {
		return -1
	}
	s, e, pos := d.token(j - 1)
	if e == j && e-s >= 2 && e-s <= 4 && pos == "n" && !d.endsBefore(j, notRoles) {
		return s
	}
	return -1
}

// namingWords introduce a name as a title does: 名为李方的推友, 一位名叫
// 王芳的女士.
var namingWords = [][]rune{[]rune("名为"), []rune("名叫"), []rune("叫做"), []rune("化名"), []rune("名字叫"), []rune("名字是")}

// namingLast holds the last characters of the naming words, to rule most
// positions out at once.
var namingLast = runeSet("为叫做名是")

// namingEndsAt reports a naming word that ends at j.
func (d *doc) namingEndsAt(j int) bool {
	if j < 2 || d.props[j-1]&propNamingLast == 0 {
		return false
	}
	for _, w := range namingWords {
		if j >= len(w) && runesEqual(d.norm[j-len(w):j], w) {
			return true
		}
	}
	return false
}

// discoverTitled finds names right after a title or role.
func (d *doc) discoverTitled() {
	n := len(d.norm)
	for j := 2; j < n; j++ {
		if d.covered[j] || !d.tokStart(j) || d.covered[j-1] {
			continue
		}
		if !d.han(j-1) || d.titleEndsAt(j) < 0 && !d.namingEndsAt(j) {
			continue
		}
		k := j
		for k < n && d.norm[k] == ' ' {
			k++
		}
		if k >= n || d.covered[k] {
			continue
		}
		switch r := d.norm[k]; {
		case unicode.IsUpper(r) && r < 0x250:
			if e := d.latinNameAt(k); e > 0 {
				d.addPerson(k, e, "title")
			}
		case d.surnameAt(k, true) > 0 && d.chineseNameAt(k, true) > 0 && d.boundaryAfter(d.chineseNameAt(k, true)) &&
			d.chineseNameAt(k, true) >= d.transRight(k, 10, true):
			if e := d.chineseNameAt(k, true); !d.weakRoleEndsAt(j) || d.plainName(k, e) {
				d.addPerson(k, e, "title")
			}
		case d.isTrans(k):
			// After a title any syllables will do (部长波洛乌斯).
			e := d.transRight(k, 10, true)
			if e2, _ := d.dottedEnd(e); e2 > e || (e-k >= 2 && d.transName(k, e) && d.boundaryAfter(e)) {
				d.addTransName(k, e, "title")
			}
		}
	}
}

// jaSurnameAt returns the length of a Japanese family name at i, or 0.
func (d *doc) jaSurnameAt(i int) int {
	n := len(d.norm)
	// The set of first characters turns away nearly every position
	// before the map is asked twice.
	if i+2 > n || d.props[i]&propJaFirst == 0 {
		return 0
	}
	if i+3 <= n && d.g.jaSurn[jaKey(d.norm[i], d.norm[i+1], d.norm[i+2])] {
		return 3
	}
	if d.g.jaSurn[jaKey(d.norm[i], d.norm[i+1], 0)] {
		return 2
	}
	return 0
}

// jaKey is the key of jaSurn for a family name's characters (c is 0 for
// a name of two): a Unicode character fits in 21 bits, so three fit in a
// uint64, whose map hashes in one step where an array key of three runes
// was hashed byte by byte (memhash_varlen, 0.15 s of a run).
func jaKey(a, b, c rune) uint64 {
	return uint64(a&0x1fffff)<<42 | uint64(b&0x1fffff)<<21 | uint64(c&0x1fffff)
}

// discoverJapanese finds Japanese names by their family name (三浦知良,
// 村上春树, 黑泽明), where the Chinese rules would read a surname inside it
// (浦知良) or nothing: a listed family name at the start of a word, then one
// or two given-name characters that end a word, when gse reads the given
// name as a name (浦知良/nr, 春树/nr), a title stands before the name or a
// verb of saying follows it.
func (d *doc) discoverJapanese() {
	n := len(d.norm)
	for i := 0; i+3 <= n; i++ {
		l := d.jaSurnameAt(i)
		if l == 0 || !d.tokStart(i) || d.covered[i] || d.isTrans(i-1) && d.han(i-1) && d.isTrans(i) {
			continue // not inside a transliteration (拜伊达尔)
		}
		cue := d.titleEndsAt(i) >= 0
		for g := 3; g >= 1; g-- {
			e := i + l + g
			if e > n || !d.hanRun(i, e) || !d.free(i, e) || !d.tokEnd(e) {
				continue
			}
			// Three given characters end in 子 or 郎 (志保子, 健太郎).
			if g == 3 && d.norm[e-1] != '子' && d.norm[e-1] != '郎' {
				continue
			}
			if d.nonGiven(i+l, e) {
				continue
			}
			// The method names the evidence, as the other rules' do: the
			// decision weighs titles and verbs of saying already.
			method := ""
			switch {
			case cue:
				method = "title"
			case d.verbAfter(e):
				method = "speech"
			case d.nrGiven(i, l, e):
				method = "japanese"
			default:
				continue
			}
			if d.addPerson(i, e, method) {
				i = e - 1
			}
			break
		}
	}
}

// jaStop are nameStop's characters less those Japanese given names have
// (明, 今, 本, 时, 之).
var jaStop = runeSet("的了和与及在是说称表对向为被将也就还都又而但或等其这那他她它们我你着过给把让使从由于以年月日跟同案曾则亦更再便却仍均即遭做没未已")

// nonGiven reports characters in [s, e) that no given name has: function
// words, verbs of saying, the characters that end names of bodies.
func (d *doc) nonGiven(s, e int) bool {
	for k := s; k < e; k++ {
		if jaStop.Has(d.norm[k]) || isPunct(d.norm[k]) {
			return true
		}
	}
	if d.verbAfter(s) || orgFinals.Has(d.norm[e-1]) || placeFinals.Has(d.norm[e-1]) {
		return true
	}
	// A given name of two characters that gse knows as another word
	// (安倍/首相, 井上/命名, 三浦/那个).
	ts, te, pos := d.token(s)
	return e-s >= 2 && ts == s && te == e && !nameishPOS[pos]
}

// placeJoined reports a dotted or hyphenated transliteration whose last
// part ends as a place's name does, or does so before one more function
// character: 迈阿密-戴德县 (Miami-Dade County), 迈阿密-戴德县仅.
func (d *doc) placeJoined(i, j int) bool {
	joined := false
	for k := i; k < j; k++ {
		joined = joined || d.norm[k] == '·' || d.norm[k] == '-'
	}
	if !joined {
		return false
	}
	last := d.norm[j-1]
	return placeFinals.Has(last) && last != '地' || j-i >= 3 && placeFinals.Has(d.norm[j-2]) && nameStop.Has(last)
}

// placeFinals end names of places (千叶县, 福田区, 小山村) and adverbs (明智地).
var placeFinals = runeSet("县縣区區市镇鎮乡鄉村省州岛島地湾灣")

// nrGiven reports a word of two characters or more that gse tags as a
// person's name, ends at e and starts inside the family name or right after
// it (三/浦知良, 村上/春树).
func (d *doc) nrGiven(i, l, e int) bool {
	for k := i; k <= i+l; k++ {
		if !d.tokStart(k) {
			continue
		}
		// One character tagged nr is too weak a sign (清水/蓝/湾).
		if s, t, pos := d.token(k); s == k && t == e && t-s >= 2 && strings.HasPrefix(pos, "nr") {
			return true
		}
	}
	return false
}

// boundaryAfter reports punctuation, a verb of saying or a function word at
// i: the end of a name.
func (d *doc) boundaryAfter(i int) bool {
	if i >= len(d.norm) || !d.han(i) || isPunct(d.norm[i]) || nameStop.Has(d.norm[i]) || adverbs.Has(d.norm[i]) {
		return true
	}
	if d.covered[i] || d.verbAfter(i) {
		return true
	}
	// The next word is a word gse knows (a verb, a noun), not the rest of a
	// name.
	s, e, pos := d.token(i)
	return s == i && e-s >= 2 && !strings.HasPrefix(pos, "nr")
}

// boundaryBefore reports a sentence or clause start before i.
func (d *doc) boundaryBefore(i int) bool {
	if i == 0 {
		return true
	}
	r := d.norm[i-1]
	if isPunct(r) || r == '\n' || r == '和' || r == '与' || r == '及' || !isHan(r) {
		return true
	}
	// After a word gse knows that is not part of a name (负责人, 表示).
	s, e, pos := d.token(i - 1)
	return e == i && (e-s >= 2 && !strings.HasPrefix(pos, "nr") || funcChars.Has(r))
}

// discoverSpeakers finds names right before a verb of saying: 孙韵表示,
// 库格尔曼认为.
func (d *doc) discoverSpeakers() {
	n := len(d.norm)
	var buf []trie.Match[struct{}]
	for v := 2; v < n; v++ {
		if !d.tokStart(v) {
			d.gluedSpeaker(v)
			continue
		}
		// A colon that opens a quote is a verb of saying too: 亚历山德罗夫：“…”.
		colon := d.norm[v] == '：' && v+1 < n && (d.norm[v+1] == '“' || d.norm[v+1] == '「')
		if !colon {
			buf = d.g.verbs.MatchesAt(d.norm, v, buf[:0])
			whole := false // 问 of 问题 is no verb
			for _, m := range buf {
				whole = whole || d.tokEnd(v+m.N)
			}
			if !whole {
				continue
			}
		}
		e := v
		if adverbs.Has(d.norm[e-1]) && e-1 > 0 {
			e--
		}
		if d.covered[e-1] || !d.han(e-1) {
			continue
		}
		// A transliterated name of three or more characters.
		if s := d.transLeft(e, 10, false); e-s >= 3 && d.transName(s, e) && d.boundaryBefore(s) {
			d.addPerson(s, e, "speech")
			continue
		}
		// Before ：“ a long word of transliteration syllables is a name
		// whatever gse tags it (亚历山德罗夫/ns： “…”): places do not speak.
		if colon {
			if s, t, _ := d.token(e - 1); t == e && e-s >= 5 && d.transCount(s, e) >= e-s-1 && d.boundaryBefore(s) {
				d.addPerson(s, e, "speech")
				continue
			}
		}
		for _, l := range []int{3, 2} {
			s := e - l
			if s < 0 || d.chineseNameAt(s, false) != e || !d.boundaryBefore(s) || d.isTitle(s, e) {
				continue
			}
			ts, te, pos := d.token(s)
			if ts == s && te == e && !strings.HasPrefix(pos, "nr") {
				continue // a dictionary word (中方, 官员), not a name
			}
			d.addPerson(s, e, "speech")
			break
		}
	}
}

// gluedSpeaker finds a name whose last character gse glues to the verb of
// saying at v (陈芳/明说, 席/海/明说): chineseNameAt reads it to v.
func (d *doc) gluedSpeaker(v int) {
	if !d.gluedAt(v - 1) {
		return
	}
	for _, l := range []int{3, 4} {
		s := v - l
		if s < 0 || d.chineseNameAt(s, false) != v || !d.boundaryBefore(s) || d.isTitle(s, v) {
			continue
		}
		d.addPerson(s, v, "speech")
		return
	}
}

// gluedAt reports a word at k that gse makes of a given name's last
// character and the verb of saying after it (明说 of 陈芳明说, a verb of
// its own: 没明说). The word is the character's context, so nameStop's
// characters (明 of 明天) count here.
func (d *doc) gluedAt(k int) bool {
	// The character first: this runs at most characters of a post.
	if uint(k) >= uint(len(d.norm)) || !d.han(k) || !d.g.given.Has(d.norm[k]) || funcChars.Has(d.norm[k]) || d.covered[k] {
		return false
	}
	ts, te, pos := d.token(k)
	return ts == k && te-ts >= 2 && pos == "v" && d.verbTo(k+1, te)
}

// verbTo reports a verb of saying that runs from i to j.
func (d *doc) verbTo(i, j int) bool {
	d.bufVerb = d.g.verbs.MatchesAt(d.norm, i, d.bufVerb[:0])
	for _, m := range d.bufVerb {
		if i+m.N == j {
			return true
		}
	}
	return false
}

// discoverLists finds names listed with a person already found: 杨岳桥、
// 郭荣铿、郭家麒和梁继昌; 凌浩波、陈建芳等.
func (d *doc) discoverLists() {
	n := len(d.norm)
	for changed := true; changed; {
		changed = false
		for fi := 0; fi < len(d.found); fi++ {
			f := d.found[fi]
			if f.typ != "person" {
				continue
			}
			// After the name: 、 or 和/与/及, then a name ending at a list
			// boundary.
			k := f.stop
			if k < n && (d.norm[k] == '、' || d.norm[k] == '和' || d.norm[k] == '与' || d.norm[k] == '及') {
				if d.listNameAt(k + 1) {
					changed = true
				}
			}
			if k+1 < n && string(d.norm[k:k+2]) == "以及" && d.listNameAt(k+2) {
				changed = true
			}
			// Before the name: a name in Latin script and 、 or 和
			// (Lady Gaga和詹妮弗·洛佩兹).
			if k = f.start - 1; k >= 3 && strings.ContainsRune("、和与及", d.norm[k]) && isLatin(d.norm[k-1]) && !d.covered[k-1] {
				s := k
				for s > 0 && (isLatin(d.norm[s-1]) || d.norm[s-1] == ' ' || d.norm[s-1] == '.' || d.norm[s-1] == '-') {
					s--
				}
				for s < k && d.norm[s] == ' ' {
					s++
				}
				if s < k && d.latinNameAt(s) == k && d.addPerson(s, k, "list") {
					changed = true
				}
			}
			// Before the name: a name and 、.
			k = f.start - 1
			if k >= 2 && d.norm[k] == '、' {
				for _, l := range []int{3, 2} {
					s := k - l
					if s >= 0 && !d.covered[s] && d.chineseNameAt(s, true) == k && d.boundaryBefore(s) {
						if d.addPerson(s, k, "list") {
							changed = true
						}
						break
					}
				}
			}
		}
	}
}

// listNameAt adds the Chinese or transliterated name at i when a list
// boundary follows it.
func (d *doc) listNameAt(i int) bool {
	if i >= len(d.norm) || d.covered[i] {
		return false
	}
	listEnd := func(e int) bool {
		if e >= len(d.norm) {
			return true
		}
		switch d.norm[e] {
		case '、', '，', '。', '和', '与', '及', '等', '）', ')', '；', ' ':
			return true
		}
		return d.verbAfter(e) || d.covered[e]
	}
	if e := d.chineseNameAt(i, true); e > 0 && (listEnd(e) || d.boundaryAfter(e)) {
		return d.addPerson(i, e, "list")
	}
	if isLatin(d.norm[i]) {
		if e := d.latinNameAt(i); e > 0 && listEnd(e) {
			return d.addPerson(i, e, "list")
		}
		return false
	}
	if e := d.transRight(i, 10, false); e-i >= 2 && d.transName(i, e) {
		if e2, _ := d.dottedEnd(e); listEnd(e2) {
			return d.addTransName(i, e, "list")
		}
	}
	return false
}

// discoverHeadlined finds the columnist or interviewee who heads a title or
// a paragraph: 练乙铮：马云 中共榨干富豪第一枪; 【时代的一粒沙】庄祖宜：….
func (d *doc) discoverHeadlined() {
	n := len(d.norm)
	for i := 0; i < n; i++ {
		if !(i == 0 || d.norm[i-1] == '\n' || d.norm[i-1] == '】' || d.norm[i-1] == '|' || d.norm[i-1] == '｜') {
			continue
		}
		if d.covered[i] {
			continue
		}
		e := d.chineseNameAt(i, false)
		if e > 0 && e < n && (d.norm[e] == '：' || d.norm[e] == ':') {
			s, te, pos := d.token(i)
			if s == i && te == e && !strings.HasPrefix(pos, "nr") && pos != "x" {
				continue
			}
			d.addPerson(i, e, "headline")
		}
	}
}

// honorifics make a person of a bare surname: 李警察, 张先生, 郭警官 are
// how some posts name people (the gold guide counts them).
var honorifics = words("先生", "女士", "小姐", "太太", "警察", "警官", "老师", "律师", "医生", "教授", "法官", "老板", "大爷", "大妈", "阿姨", "同学", "师傅", "书记", "主任", "局长", "所长")

// honorificFirst holds the first characters of the honorifics.
var honorificFirst = func() *runeset.Set {
	s := &runeset.Set{}
	for _, h := range honorifics {
		s.Add(h[0])
	}
	return s
}()

// notHonorSurname are surnames that are far more often a preposition or an
// adverb before a noun (向警察投掷石块, 和律师见面), whatever gse tags them.
var notHonorSurname = runeSet("向于和与将从由在被让给跟同为以及要会都也就还又但是对把应原")

// discoverSurnamed finds a person the text names by surname alone, as the
// gold guide counts them: 姓马的老板, 一位姓欧阳的男子.
func (d *doc) discoverSurnamed() {
	n := len(d.norm)
	for i := 1; i+2 < n; i++ {
		if d.norm[i-1] != '姓' || d.covered[i] {
			continue
		}
		l := d.surnameAt(i, true)
		if l == 0 || i+l >= n || d.norm[i+l] != '的' || !d.free(i, i+l) {
			continue
		}
		d.add(found{start: i, stop: i + l, typ: "person", key: string(d.norm[i : i+l]), method: "surname"})
	}
}

// titlesAfter follow a name as its title (福建林洪楠律师代理): the
// professions news writes after a name rather than before it.
var titlesAfter = words("律师", "教授", "医生", "博士", "院士", "法官", "牧师", "神父", "主教", "议员", "拉比")

// titlesAfterFirst holds their first characters: most word starts are
// ruled out by one lookup instead of ten comparisons.
var titlesAfterFirst = firstRunes(titlesAfter)

// discoverTitledAfter finds Chinese names right before such a title.
func (d *doc) discoverTitledAfter() {
	n := len(d.norm)
	for j := 3; j < n; j++ {
		if d.covered[j] || !d.tokStart(j) || d.props[j]&propTitleAfterFirst == 0 || !d.hasAt(j, titlesAfter) || d.covered[j-1] {
			continue
		}
		// Three characters only, the given name no word of its own:
		// two-character words before a title are too often modifiers
		// (麻醉医生, 荣休教授, 哈佛教授), and so is 高水平.
		s := j - 3
		if s < 0 || d.chineseNameAt(s, false) != j || !d.boundaryBefore(s) || d.isTitle(s, j) {
			continue
		}
		if ts, te, pos := d.token(s); ts == s && te == j && !strings.HasPrefix(pos, "nr") {
			continue // a word: 全国律师
		}
		if ts, te, pos := d.token(s + 1); ts == s+1 && te == j && (pos == "n" || notNamePOS[pos]) {
			continue
		}
		d.addPerson(s, j, "title")
	}
}

// discoverHonorifics finds a surname followed by an honorific.
func (d *doc) discoverHonorifics() {
	n := len(d.norm)
	for i := 0; i+2 < n; i++ {
		if d.props[i+1]&propHonorFirst == 0 || notHonorSurname.Has(d.norm[i]) || d.covered[i] || !d.boundaryBefore(i) || d.surnameAt(i, false) != 1 {
			continue
		}
		for _, h := range honorifics {
			j := i + 1 + len(h)
			if j <= n && runesEqual(d.norm[i+1:j], h) && d.free(i, j) && (j == n || !d.han(j) || d.tokStart(j)) {
				d.addPerson(i, j, "honorific")
				i = j - 1
				break
			}
		}
	}
}

// discoverCases finds people whose name a case bears: 王全璋案, 邓玉娇案,
// listed or after punctuation.
func (d *doc) discoverCases() {
	n := len(d.norm)
	for j := 3; j < n; j++ {
		if d.norm[j] != '案' || d.covered[j-1] {
			continue
		}
		if j+1 < n && d.han(j+1) && d.norm[j+1] != '件' && !d.tokStart(j+1) {
			continue
		}
		for _, l := range []int{3, 2} {
			s := j - l
			if s >= 0 && d.chineseNameAt(s, false) == j && d.boundaryBefore(s) {
				d.addPerson(s, j, "case")
				break
			}
		}
	}
}

// outletSuffixes end the names of publications and stations: 《南华早报》,
// 朝鲜国家电视台, 政治专家杂志.
var outletSuffixes = words("日报", "时报", "晚报", "早报", "邮报", "周报", "快报", "商报", "周刊", "杂志", "月刊", "新闻网", "新闻社", "通讯社", "电视台", "广播电台", "电台", "新闻", "报")

// suffixEnds are the last characters of outletSuffixes.
var suffixEnds = runeSet("报刊志网社台闻")

// outletBefore are words right before an outlet's name: 财经媒体《巴伦》,
// 荷兰媒体1V, 俄罗斯大报商人日报, 据头条新闻报道.
var outletBefore = words("媒体", "报纸", "杂志", "网站", "电视台", "通讯社", "大报", "小报", "刊物", "官媒", "党媒", "外媒")

// reportWords end 据…报道.
var reportWords = words("报道", "报导")

// outletOwns follow an outlet's name: 所采访, 的视频, 的节目.
var outletOwns = words("所", "的视频", "的节目")

// outletAfter are reporting words right after an outlet's name.
var outletAfter = words("报道", "报导", "报道说", "披露", "刊文", "刊登", "发表", "援引", "引述", "的报道", "的报导", "记者", "社论", "的一篇文章", "所采访", "采访")

// govSuffixes end the names of government bodies, which are sources but not
// outlets (据外交部报道).
var govSuffixes = []string{"部", "局", "院", "会", "厅", "府", "处", "署", "委", "办", "馆", "组织", "机构", "政府", "警方", "法院", "公司", "集团", "大学", "中心"}

func hasSuffixAny(s string, sufs []string) bool {
	for _, x := range sufs {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

func hasSuffixRunes(s []rune, sufs wordList) bool {
	for _, x := range sufs {
		if len(s) >= len(x) && runesEqual(s[len(s)-len(x):], x) {
			return true
		}
	}
	return false
}

func (d *doc) addOutlet(i, j int, method string) {
	if j-i < 2 || !d.free(i, j) {
		return
	}
	name := strings.TrimSpace(string(d.norm[i:j]))
	if name == "" || hasSuffixAny(name, govSuffixes) {
		return
	}
	d.add(found{start: i, stop: j, typ: "outlet", key: name, method: method})
}

// discoverOutlets finds outlets no list holds: a publication in title marks
// (《南华早报》, or any title after a word for media: 财经媒体《巴伦》), a name
// ending like a paper or a station before a reporting verb (政治专家杂志所
// 采访), the source of 据…报道, a Latin name after a word for media, and the
// agencies of photo credits (©EPA, ©Getty Images).
func (d *doc) discoverOutlets() {
	n := len(d.norm)
	for i := 0; i < n; i++ {
		switch {
		case d.norm[i] == '《':
			j := i + 1
			for j < n && j-i <= 16 && d.norm[j] != '》' && d.norm[j] != '\n' {
				j++
			}
			if j >= n || d.norm[j] != '》' || j-i < 2 || !d.free(i+1, j) {
				continue
			}
			gloss := j+1 < n && (d.norm[j+1] == '（' || d.norm[j+1] == '(') && j+2 < n && unicode.IsUpper(d.norm[j+2])
			if hasSuffixRunes(d.norm[i+1:j], outletSuffixes) && j-i > 2 || d.endsBefore(i, outletBefore) || d.hasAt(j+1, outletAfter) && gloss {
				d.addOutlet(i+1, j, "title-marks")
			}
			i = j
		case d.norm[i] == '©':
			d.photoCredit(i + 1)
		case d.norm[i] == '据' && (i == 0 || isPunct(d.norm[i-1]) || !d.han(i-1)):
			// 据头条新闻报道
			for j := i + 2; j < n && j-i <= 9; j++ {
				if isPunct(d.norm[j]) {
					break
				}
				if d.hasAt(j, reportWords) {
					if d.free(i+1, j) && !d.anyFoundIn(i+1, j) {
						d.addOutlet(i+1, j, "reporting")
					}
					break
				}
			}
		}
	}
	d.discoverNamedOutlets()
}

func (d *doc) anyFoundIn(i, j int) bool {
	for _, f := range d.found {
		if f.start < j && f.stop > i {
			return true
		}
	}
	return false
}

// discoverNamedOutlets finds names ending like a paper or a station
// (朝鲜国家电视台, 商人日报) before a reporting word or after a word for
// media, and Latin names after a word for media (荷兰媒体1V报导).
func (d *doc) discoverNamedOutlets() {
	n := len(d.norm)
	for j := 2; j < n; j++ {
		if d.props[j-1]&propSuffixEnd == 0 || d.covered[j-1] || !d.tokEnd(j) {
			continue
		}
		var suf []rune
		for _, x := range outletSuffixes {
			if len(x) >= 2 && j-len(x) >= 0 && runesEqual(d.norm[j-len(x):j], x) {
				suf = x
				break
			}
		}
		if suf == nil {
			continue
		}
		// The name: nouns and proper nouns before the suffix, whole tokens,
		// at most eight characters, stopping at a word for media.
		start := j - len(suf)
		for start > 0 && j-start < 8 {
			s, e, pos := d.token(start - 1)
			if e != start || d.covered[s] || notNamePOS[pos] || pos == "v" || d.endsBefore(start, outletBefore) || !d.han(s) {
				break
			}
			start = s
		}
		if j-start <= len(suf) {
			continue
		}
		if d.hasAt(j, outletAfter) || d.endsBefore(start, outletBefore) || d.hasAt(j, outletOwns) {
			d.addOutlet(start, j, "outlet-name")
		}
	}
	for i := 2; i < n; i++ {
		if !d.latinStart(i) || !d.endsBefore(i, outletBefore) {
			continue
		}
		e := i
		for e < n && (isLatin(d.norm[e]) || unicode.IsDigit(d.norm[e])) {
			e++
		}
		if e < n && d.hasAt(e, outletAfter) {
			d.addOutlet(i, e, "outlet-name")
		}
	}
	for i := 1; i < n; i++ {
		// The Latin letter first: unicode.IsDigit searches a table for
		// every Han character.
		if i+1 < n && d.props[i+1]&propLatin != 0 && unicode.IsDigit(d.norm[i]) && d.endsBefore(i, outletBefore) {
			e := i
			for e < n && (isLatin(d.norm[e]) || unicode.IsDigit(d.norm[e])) {
				e++
			}
			if d.hasAt(e, outletAfter) {
				d.addOutlet(i, e, "outlet-name")
			}
		}
	}
}

// photoCredit reads the agencies of a photo credit after ©: parts split by
// '/', of which the all-capital ones and those ending in Images, Press or
// Photo are agencies (the others are photographers, left to the credits).
func (d *doc) photoCredit(i int) {
	n := len(d.norm)
	for i < n && d.norm[i] == ' ' {
		i++
	}
	for part := 0; part < 3 && i < n; part++ {
		j := i
		words := 0
		for j < n && words < 4 {
			k := j
			for k < n && (isLatin(d.norm[k]) || d.norm[k] == '.' || d.norm[k] == '&' || d.norm[k] == '-') {
				k++
			}
			if k == j {
				break
			}
			words++
			j = k
			if j+1 < n && d.norm[j] == ' ' && unicode.IsUpper(d.norm[j+1]) {
				j++
				continue
			}
			break
		}
		name := strings.TrimSpace(string(d.norm[i:j]))
		if name != "" && d.free(i, i+len([]rune(name))) {
			caps := strings.ToUpper(name) == name && len(name) >= 2 && len(name) <= 10
			agency := caps || strings.HasSuffix(name, " Images") || strings.HasSuffix(name, " Press") || strings.HasSuffix(name, " Photo")
			if c, ok := d.g.latinFold[strings.ToLower(name)]; ok && c.ent != nil && c.ent.Type == "outlet" {
				d.add(found{start: i, stop: i + len([]rune(name)), ent: c.ent, typ: "outlet", method: "photo-credit"})
			} else if agency {
				d.add(found{start: i, stop: i + len([]rune(name)), typ: "outlet", key: name, method: "photo-credit"})
			}
		}
		if j >= n || d.norm[j] != '/' {
			return
		}
		i = j + 1
	}
}

// nameKey is a discovered name as an id: spaces dropped except between
// Latin letters (Kevin Mayer, 安瓦尔·胡克).
func nameKey(r []rune) string {
	var b strings.Builder
	for k, c := range r {
		if c == ' ' {
			if k > 0 && k+1 < len(r) && isLatin(r[k-1]) && isLatin(r[k+1]) {
				b.WriteRune(' ')
			}
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// latinRoles end the role nouns after which a Latin-script name is a
// person's: 共和党人, 投资官, 主管, 旗手, 研究员.
var latinRoles = runeSet("人官管手员师家长者士")

// discoverLatin finds Latin-script names written into Chinese text after
// a role or before a verb of saying: 共和党人Patrick McHenry,
// 首席投资官Prashant Bhayani表示. Elsewhere a capitalised pair of words
// is as often a firm or a title as a person.
func (d *doc) discoverLatin() {
	n := len(d.norm)
	for i := 1; i < n; i++ {
		if r := d.norm[i]; r >= 0x250 || d.covered[i] || !unicode.IsUpper(r) || !d.latinStart(i) {
			continue
		}
		p := i - 1
		for p > 0 && d.norm[p] == ' ' {
			p--
		}
		if !d.han(p) {
			continue
		}
		e := d.latinNameAt(i)
		if e < 0 || !d.free(i, e) {
			continue
		}
		q := e
		for q < n && d.norm[q] == ' ' {
			q++
		}
		if q < n && !d.han(q) && !isPunct(d.norm[q]) {
			continue
		}
		if q < n && d.han(q) && d.verbAfter(q) || latinRoles.Has(d.norm[p]) && p+1 == i || d.titleEndsAt(p+1) >= 0 {
			d.addPerson(i, e, "latin")
		}
		i = e
	}
}

// discoverHandles finds the Chinese names of social media handles
// (@李开复 @张泉灵): a surname and one or two characters between the @ and
// a space or punctuation.
func (d *doc) discoverHandles() {
	n := len(d.norm)
	for i := 0; i+2 < n; i++ {
		if d.norm[i] != '@' && d.norm[i] != '＠' {
			continue
		}
		s := i + 1
		if d.covered[s] || d.surnameAt(s, true) == 0 {
			continue
		}
		e := s
		for e < n && d.han(e) && e-s < 5 {
			e++
		}
		if e-s < 2 || e-s > 3 && !(e-s == 4 && d.surnameAt(s, true) == 2) {
			continue
		}
		if e < n && !(d.norm[e] == ' ' || isPunct(d.norm[e]) || isLatin(d.norm[e]) || unicode.IsSpace(d.norm[e])) {
			continue
		}
		d.addPerson(s, e, "handle")
	}
}

// anonMarks stand for a withheld given name: 张某某, 刘某, 魏XX.
var anonMarks = []string{"某某", "XX", "xx", "ＸＸ", "××", "某"}

// anonRunes are anonMarks' code points.
var anonRunes = func() [][]rune {
	out := make([][]rune, len(anonMarks))
	for k, m := range anonMarks {
		out[k] = []rune(m)
	}
	return out
}()

// anonNext are characters after 某 that make it a determiner (某些, 某种),
// not a withheld name.
var anonNext = runeSet("些种地处类样方项次个位国年月日天时")

// discoverAnonymised finds people whose given name the text withholds: a
// surname and 某某, 某 or XX (张某某、李某某, 被告人刘某, 蒋XX).
func (d *doc) discoverAnonymised() {
	n := len(d.norm)
	for i := 0; i+1 < n; i++ {
		if d.covered[i] || d.props[i]&(propSurname|propStop) != propSurname || !d.tokStart(i) && isHan(at(d.norm, i-1)) {
			continue
		}
		for k, m := range anonMarks {
			mr := anonRunes[k]
			e := i + 1 + len(mr)
			if e > n || !runesEqual(d.norm[i+1:e], mr) || !d.free(i, e) {
				continue
			}
			if e < n && (isLatin(d.norm[e]) || m == "某" && anonNext.Has(d.norm[e])) {
				break
			}
			d.addPerson(i, e, "anonymised")
			break
		}
	}
}

// extendRegnal reads an ordinal of a name (二世 "II", 三世 "III") into the
// dotted or transliterated person's name it follows: 亚历克斯·M·阿扎二世,
// 马丁·路德·金三世. The list is the closed class of 二 to 五; 世纪 (century)
// and 世界 (world) after a number are no ordinal.
func (d *doc) extendRegnal() {
	n := len(d.norm)
	for fi := range d.found {
		f := &d.found[fi]
		j := f.stop
		if f.typ != "person" || j+2 > n || d.norm[j+1] != '世' || !regnalNumbers.Has(d.norm[j]) || d.covered[j] || d.covered[j+1] {
			continue
		}
		if j+2 < n && regnalNot.Has(d.norm[j+2]) || !d.dotIn(f.start, j) && !d.isTrans(j-1) {
			continue
		}
		d.covered[j], d.covered[j+1] = true, true
		f.stop = j + 2
		if f.ent == nil {
			f.key = nameKey(d.norm[f.start:f.stop])
		}
	}
}

// extendGiven starts a person's name at the given name that a middle dot
// joins to it, and ends it at a Latin gloss after its last part
// (glossedFamily) or after the rest of a name cut at 阿不都's 都 (abduAt),
// where neither the rules nor the tagger did: gse reads
// it as a word of its own (大卫/n, 亚历山大/ns, 让/v, 本/r in 大卫·格雷厄姆,
// 亚历山大·汉密尔顿, 让·卡斯特克斯, 本·杰克逊). Without it the family name
// stood alone, linked to the lexicon's other bearer (Lindsey Graham for
// 大卫·格雷厄姆; unlinkDotted then tells them apart), and the given name
// left outside was a mention of its own by coreference (亚历山大 of
// 亚历山大·汉密尔顿 as Solzhenitsyn, whose given name it also is). A name
// already kept is extended, not a new one proposed: the decision was
// fitted on the rules' and the tagger's proposals as they are.
func (d *doc) extendGiven() {
	dropped := false
	for fi := range d.found {
		f := &d.found[fi]
		if f.typ != "person" {
			continue
		}
		// A Chinese name after a dot is no foreign one's family name
		// (律师会见·张展).
		chinese := d.surnameAt(f.start, true) > 0 && f.stop-f.start <= 3 && !d.allTrans(f.start, f.stop)
		for !chinese {
			k := f.start - 1
			for k > 0 && d.norm[k] == ' ' {
				k--
			}
			if k < 1 || d.norm[k] != '·' {
				break
			}
			s, e, pos := d.token(k - 1)
			if e != k {
				break
			}
			// A country's name that is also a given name (查德 Chad,
			// 多米尼克 Dominic, 乔治亚 Georgia) is the given name here.
			ci := d.foundAt(s)
			if ci >= 0 && (d.found[ci].typ != "country" || d.found[ci].stop != e || e-s < 2 || !d.allTrans(s, e)) {
				break
			}
			if ci >= 0 {
				for i := s; i < e; i++ {
					d.covered[i] = false
				}
			}
			g := d.givenBefore(s, e, pos)
			if g < 0 {
				if ci >= 0 {
					for i := s; i < e; i++ {
						d.covered[i] = true
					}
				}
				break
			}
			if ci >= 0 {
				d.found[ci].typ, dropped = "", true
			}
			for i := g; i < f.start; i++ {
				d.covered[i] = true
			}
			f.start = g
			if f.ent == nil {
				f.key = nameKey(d.norm[f.start:f.stop])
			}
		}
		if d.abduStart(fi) {
			dropped = true
		}
		e := d.glossedFamily(f.stop)
		if e == f.stop {
			e = d.abduEnd(f.stop)
		}
		if e == f.stop && f.stop-f.start >= 3 && d.abduAt(f.stop-1) && !d.covered[f.stop] {
			// A name ending at 都 (阿不都|西库尔).
			e = max(f.stop, d.abduEnd(f.stop-1))
		}
		if e > f.stop {
			for i := f.stop; i < e; i++ {
				d.covered[i] = true
			}
			f.stop = e
			if f.ent == nil {
				f.key = nameKey(d.norm[f.start:f.stop])
			}
		}
	}
	if dropped {
		d.found = slices.DeleteFunc(d.found, func(f found) bool { return f.typ == "" })
	}
}

// trailingPreps are the prepositions cutTrailing ends a name before: other
// characters gse reads as a preposition or conjunction end given names
// (吴其和, 乔娜然, 李长根, 张忠顺).
var trailingPreps = runeSet("因除自被")

// cutTrailing ends a Chinese name before what gse reads as no part of
// it: a preposition or conjunction standing alone (李珊珊|因坚持为丈夫申冤,
// 唐安智|除指使, 李霖|因言获罪), a count of people (李展|四人被逮捕) or a
// place after a full name, before a dateline's day (记者杨明珠|东京2日专电).
// The title rule and the tagger read such a character as one more
// syllable of a transliteration. A transliteration gse knows keeps the
// syllable inside its word (侯赛因/nr, 施泰因/nr), and what is left must
// be a family name and a given name of one or two characters; lexicon
// names and dotted ones stay.
func (d *doc) cutTrailing() {
	for fi := range d.found {
		f := &d.found[fi]
		if f.typ != "person" || f.ent != nil || f.stop-f.start < 3 {
			continue
		}
		sn := d.surnameLen(f.start)
		if sn == 0 || !d.tokStart(f.start) || !allHan(d.norm[f.start:f.stop]) {
			continue
		}
		cut := -1
		for i := f.start; i < f.stop && cut < 0; {
			s, e, pos := d.token(i)
			if s != i || e > f.stop || !d.han(i) {
				break
			}
			if given := s - f.start - sn; given >= 1 && given <= 2 {
				switch {
				case e-s == 1 && (pos == "p" || pos == "c") && trailingPreps.Has(d.norm[s]):
					cut = s
				case pos == "m" && e < f.stop && d.norm[e] == '人':
					cut = s
				case pos == "ns" && e-s >= 2 && given == 2 && e == f.stop && e < len(d.norm) && unicode.IsDigit(d.norm[e]):
					cut = s
				}
			}
			i = e
		}
		if cut < 0 {
			continue
		}
		if f.key == nameKey(d.norm[f.start:f.stop]) {
			f.key = nameKey(d.norm[f.start:cut])
		}
		for k := cut; k < f.stop; k++ {
			d.covered[k] = false
		}
		f.stop = cut
	}
}

// dropGlossCountries drops a Latin country's name inside the gloss of a
// person's name: brackets right after a person, holding two to five
// capitalised words and initials and nothing else (查德·鲍恩 (Chad Bown),
// 乔丹·斯科特(Jordan Scott), 玛丽·乔丹(Mary Jordan)). Chad, Jordan and Georgia
// are given and family names there, not the countries.
func (d *doc) dropGlossCountries() {
	dropped := false
	for fi := range d.found {
		f := &d.found[fi]
		if f.typ != "country" || f.start == 0 || d.han(f.start) {
			continue
		}
		a := f.start
		for a > 0 && d.norm[a-1] != '（' && d.norm[a-1] != '(' && (isLatin(d.norm[a-1]) || d.norm[a-1] == ' ' || d.norm[a-1] == '.') {
			a--
		}
		if a == 0 || d.norm[a-1] != '（' && d.norm[a-1] != '(' {
			continue
		}
		e := f.stop
		for e < len(d.norm) && (isLatin(d.norm[e]) || d.norm[e] == ' ' || d.norm[e] == '.' || d.norm[e] == '-' || d.norm[e] == '\'') {
			e++
		}
		// More words than the country's own: (New Zealand) after a name is
		// the country.
		if e >= len(d.norm) || d.norm[e] != '）' && d.norm[e] != ')' || !capitalisedName(d.norm[a:e]) ||
			len(strings.Fields(string(d.norm[a:e]))) <= len(strings.Fields(string(d.norm[f.start:f.stop]))) {
			continue
		}
		k := a - 1
		for k > 0 && d.norm[k-1] == ' ' {
			k--
		}
		if !d.personEndsAt(k) {
			continue
		}
		for i := f.start; i < f.stop; i++ {
			d.covered[i] = false
		}
		f.typ, dropped = "", true
	}
	if dropped {
		d.found = slices.DeleteFunc(d.found, func(f found) bool { return f.typ == "" })
	}
}

// capitalisedName reports two to five words, each capitalised or an
// initial (F.), as a person's name is written.
func capitalisedName(s []rune) bool {
	words := strings.Fields(string(s))
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		if r := []rune(w)[0]; r >= 0x80 || !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// personEndsAt reports a found person that ends at i.
func (d *doc) personEndsAt(i int) bool {
	for _, f := range d.found {
		if f.stop == i && f.typ == "person" {
			return true
		}
	}
	return false
}

// glossedFamily returns the end of a name's last part after the middle
// dot at i when a Latin gloss follows it (乔治·华盛顿（George Washington）,
// 鲍勃·本肯（Bob Behnken）, 詹姆斯·于（James Yu）): the gloss says the name
// runs to it, whatever gse makes of the part (a place, 本/r 肯/v, 于/p),
// which the rules and the tagger stopped before. Else i.
func (d *doc) glossedFamily(i int) int {
	n := len(d.norm)
	if i >= n || d.norm[i] != '·' {
		return i
	}
	e := i + 1
	for e < n && e-i <= 6 && d.han(e) && !d.covered[e] {
		e++
	}
	if e == i+1 || e-i > 6 || e >= n || d.norm[e] != '（' && d.norm[e] != '(' {
		return i
	}
	k := e + 1
	for k < n && d.norm[k] == ' ' {
		k++
	}
	if k >= n || d.norm[k] >= 0x80 || !unicode.IsUpper(d.norm[k]) {
		return i
	}
	return e
}

// givenBefore returns the start of a foreign given name in the token
// [s, e) (tagged pos), which ends at a middle dot, or -1: one to four Han
// characters free of other mentions, after a title or a role noun's last
// character glued to it (创办人 of 创办/人本), no title (总统·拜登) nor
// book's name (《三国志·武帝纪》), no particle alone, no word gse tags as
// one that never names (verbs and adjectives, adverbs, numbers, times …)
// unless all its characters are a transliteration's (查理 and 利比 are
// verbs to gse), no place before a place (恩施·黄石 is a list of cities).
func (d *doc) givenBefore(s, e int, pos string) int {
	if e-s > 4 || e >= len(d.norm) || d.norm[e] != '·' || d.isTitle(s, e) || s > 0 && d.norm[s-1] == '《' {
		return -1
	}
	for i := s; i < e; i++ {
		if d.covered[i] || !d.han(i) {
			return -1
		}
	}
	for k := s + 1; k < e; k++ {
		if t := d.titleEndsAt(k); t >= 0 && t < s {
			s, pos = k, ""
		}
	}
	// A role noun's last character glued on (影评/人本, 所有/人本 of 影评人
	// and 所有人 before 本·): no given name starts with it.
	if e-s >= 2 && s > 0 && d.han(s-1) && d.props[s]&propRoleSuffix != 0 && !d.allTrans(s, e) {
		s, pos = s+1, ""
	}
	if e-s == 1 {
		// A character glued to a transliteration's before it ends that
		// name (迈/可 of 迈可·科瓦克), which is no name of one character.
		if s > 0 && d.han(s-1) && d.isTrans(s-1) && !d.covered[s-1] {
			if ts, _, _ := d.token(s - 1); ts == s-1 {
				return -1
			}
		}
		if dotParticles.Has(d.norm[s]) {
			return -1
		}
		return s
	}
	if notGivenPOS[pos] && !d.allTrans(s, e) {
		return -1
	}
	if pos == "ns" && !d.allTrans(s, e) {
		// 亚历山大 is a place to gse too; a place beside another, after the
		// dot or before it, is one of a list (荆州·天门·恩施·黄石).
		if _, _, next := d.token(e + 1); next == "ns" {
			return -1
		}
		if s > 1 && d.norm[s-1] == '·' {
			if _, _, prev := d.token(s - 2); prev == "ns" {
				return -1
			}
		}
	}
	return s
}

// dotParticles are characters that, alone before a middle dot, are no
// given name.
var dotParticles = runeSet("的了和与及在是对为被将把从由于以等或而并之其这那每各该此")

// notGivenPOS are gse's tags of words of two characters or more that are
// no given name before a middle dot.
var notGivenPOS = map[string]bool{
	"v": true, "vn": true, "vd": true, "a": true, "ad": true, "an": true, "d": true, "p": true, "c": true, "r": true,
	"u": true, "uj": true, "ul": true, "uz": true, "ud": true, "ug": true, "uv": true, "m": true, "q": true, "t": true,
	"f": true, "l": true, "i": true, "s": true,
}

var (
	regnalNumbers = runeSet("二三四五")
	regnalNot     = runeSet("纪紀界代")
)

// extendGlued reads a discovered name of a surname and one character
// (李信) one character on when the post writes it three times or more and
// every time with the same function character after it (李信和接受,
// 李信和說, 李信和指出): a name is followed by many words, so the
// character is the name's own, which the rules and the tagger stopped at.
// Where the longer form is itself always followed by one character (阿不都
// of 阿不都热合曼), the name runs on further and is left alone.
func (d *doc) extendGlued() {
	var judged map[string]bool // names already scanned for: the answer is the name's, not the occurrence's
	for fi := range d.found {
		f := d.found[fi]
		sn := d.surnameAt(f.start, true)
		if f.ent != nil || f.typ != "person" || sn == 0 || f.stop-f.start != sn+1 || f.stop >= len(d.norm) || d.isTrans(f.start+sn) {
			continue
		}
		c := d.norm[f.stop]
		if !funcChars.Has(c) && !nameStop.Has(c) || !d.han(f.stop) || d.norm[f.start+sn] == '某' || d.thingEndsAt(f.stop, f.stop+1) || c == '案' {
			continue
		}
		name := d.norm[f.start:f.stop]
		if judged[string(name)] {
			continue
		}
		if judged == nil {
			judged = map[string]bool{}
		}
		judged[string(name)] = true
		n, same, next := 0, true, rune(-1)
		for k := 0; k+len(name) < len(d.norm); k++ {
			if !runesEqual(d.norm[k:k+len(name)], name) {
				continue
			}
			n++
			// The character must stand alone: not a verb of saying (徐江说)
			// nor the start of a word (徐新/正在).
			j := k + len(name)
			d.bufVerb = d.g.verbs.MatchesAt(d.norm, j, d.bufVerb[:0])
			if s, e, _ := d.token(j); d.norm[j] != c || s != j || e != j+1 || len(d.bufVerb) > 0 {
				same = false
				break
			}
			e := k + len(name) + 1
			switch r := at(d.norm, e); {
			case next == -1:
				next = r
			case next != r:
				next = 0 // the longer form is followed by different characters
			}
		}
		if !same || n < 3 || next != 0 {
			continue
		}
		for gi := range d.found {
			g := &d.found[gi]
			if g.ent == nil && g.typ == "person" && g.key == f.key && g.stop < len(d.norm) && !d.covered[g.stop] {
				d.covered[g.stop] = true
				g.stop++
				g.key = nameKey(d.norm[g.start:g.stop])
			}
		}
	}
}

// thingEndsAt reports a head of anyHeads, or an organisation's or place's
// final character, ending at j after i (学院, 医院, 集团, 协会).
func (d *doc) thingEndsAt(i, j int) bool {
	last := d.norm[j-1]
	if orgFinals.Has(last) || placeFinals.Has(last) || last == '会' || last == '學' || last == '学' {
		return true
	}
	for _, w := range anyHeads {
		if k := j - len(w); k >= i && runesEqual(d.norm[k:j], w) {
			return true
		}
	}
	return false
}
