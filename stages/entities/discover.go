package entities

import (
	"strings"
	"unicode"
)

// Discovery finds people and outlets that no list holds, from the shapes
// news gives them: a title before a name (外长王毅, 律师丁家喜), a name before
// a verb of saying (孙韵表示), a transliterated name with a middle dot
// (迈克尔·库格尔曼), a name glossed in Latin script (吴玉婷（Andrea Worden）),
// a publication in title marks (《朗姆酒日记》 is not one; 《南华早报》 is).
// gse's segmentation decides where words end.

// nameStop are characters that do not end a Chinese given name: function
// words and the verbs that follow names.
var nameStop = runeSet("的了和与及在是说称表对向为被将也就还都又而但或等之其这那他她它们我你着过给把让使从由于以及今明昨年月日时分秒")

// adverbs may stand between a name and its verb of saying (巴蒂亚则表示).
var adverbs = runeSet("则也还又亦曾更并再就便都却仍均即")

func isPunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
}

func (d *doc) isTrans(i int) bool {
	return i >= 0 && i < len(d.norm) && (d.g.trans[d.norm[i]] || d.norm[i] == '·')
}

// tokenAllTrans reports whether every character of the token covering i is
// a transliteration character (or a dot).
func (d *doc) tokenAllTrans(i int) (start, stop int, ok bool) {
	start, stop, _ = d.token(i)
	for k := start; k < stop; k++ {
		if !d.isTrans(k) || d.covered[k] {
			return start, stop, false
		}
	}
	return start, stop, true
}

// transLeft extends a transliterated name left from end over whole tokens of
// transliteration characters, at most max characters.
func (d *doc) transLeft(end, max int) int {
	start := end
	for start > 0 {
		s, e, ok := d.tokenAllTrans(start - 1)
		if !ok || e != start || end-s > max {
			break
		}
		start = s
	}
	return start
}

// transRight extends a transliterated name right from start.
func (d *doc) transRight(start, max int) int {
	end := start
	for end < len(d.norm) {
		s, e, ok := d.tokenAllTrans(end)
		if !ok || s != end || e-start > max {
			break
		}
		end = e
	}
	return end
}

// surnameAt returns the length of the surname that starts at i, or 0.
func (d *doc) surnameAt(i int) int {
	if i+2 <= len(d.norm) && d.g.surn[string(d.norm[i:i+2])] {
		return 2
	}
	if i < len(d.norm) && d.g.surn[string(d.norm[i])] {
		return 1
	}
	return 0
}

// chineseNameAt reads a Chinese personal name at i: a surname and a given
// name of one or two characters, as gse cuts them (an unknown given name
// comes out as single characters; a known name as one token tagged nr). It
// returns the end, or -1.
func (d *doc) chineseNameAt(i int) int {
	sn := d.surnameAt(i)
	if sn == 0 || d.covered[i] {
		return -1
	}
	start, stop, pos := d.token(i)
	if start != i {
		return -1
	}
	if stop-i > sn {
		// The surname is part of a longer word: a name only if gse says so.
		if (pos == "nr" || pos == "nrfg" || pos == "nrt") && stop-i <= sn+2 {
			return stop
		}
		return -1
	}
	end := stop
	for end < len(d.norm) && end-i < sn+2 {
		s, e, _ := d.token(end)
		if s != end || e-s != 1 || !isHan(d.norm[end]) || nameStop[d.norm[end]] || d.covered[end] {
			break
		}
		end = e
	}
	if end == i+sn {
		return -1
	}
	return end
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
	return end
}

// orgWords mark a Latin gloss that names an organisation, not a person.
var orgWords = map[string]bool{
	"Union": true, "Center": true, "Centre": true, "Institute": true, "Foundation": true, "Committee": true,
	"University": true, "College": true, "Inc": true, "Corp": true, "Company": true, "Group": true, "Council": true,
	"Association": true, "Party": true, "News": true, "Times": true, "Post": true, "Journal": true, "Agency": true,
	"Bank": true, "Fund": true, "Ministry": true, "Department": true, "Office": true, "Court": true, "Army": true,
	"Organization": true, "Organisation": true, "Society": true, "Network": true, "Project": true, "Program": true,
	"Campaign": true, "Movement": true, "Club": true, "Forum": true, "Alliance": true, "Coalition": true, "Service": true,
	"Limited": true, "Ltd": true, "LLC": true, "Holdings": true, "Technologies": true, "Technology": true, "Media": true,
	"The": true, "of": true, "and": true, "for": true, "Lives": true, "Matter": true, "Act": true, "Law": true,
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
	if j-i < 2 || !d.free(i, j) {
		return false
	}
	key := strings.Trim(string(d.norm[i:j]), "·")
	if len([]rune(key)) < 2 {
		return false
	}
	d.add(found{start: i, stop: j, typ: "person", key: key, method: method})
	return true
}

// discoverDotted finds transliterated names with middle dots.
func (d *doc) discoverDotted() {
	n := len(d.norm)
	for k := 1; k+1 < n; k++ {
		if d.norm[k] != '·' || !d.isTrans(k-1) || !d.isTrans(k+1) {
			continue
		}
		start := d.transLeft(k, 8)
		if start == k {
			continue
		}
		end := k
		for end < n && d.norm[end] == '·' {
			e := d.transRight(end+1, 10)
			if e == end+1 {
				break
			}
			end = e
		}
		if end <= k+1 {
			continue
		}
		// A lexicon name may already cover the last part (伊曼纽尔·马克龙):
		// extend that mention to the whole name.
		if d.extendPerson(start, end) {
			k = end
			continue
		}
		if d.addPerson(start, end, "dotted") {
			k = end
		}
	}
}

// extendPerson widens a lexicon person mention inside [start, end) to the
// whole span when the rest of it is free.
func (d *doc) extendPerson(start, end int) bool {
	for fi := range d.found {
		f := &d.found[fi]
		if f.typ != "person" || f.stop <= start || f.start >= end {
			continue
		}
		for k := start; k < end; k++ {
			if d.covered[k] && (k < f.start || k >= f.stop) {
				return false
			}
		}
		f.start, f.stop = min(f.start, start), max(f.stop, end)
		for k := f.start; k < f.stop; k++ {
			d.covered[k] = true
		}
		return true
	}
	return false
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
			if e-p < 2 || !unicode.IsUpper(d.norm[p]) {
				continue
			}
			end, single = e, true
		}
		q := end
		for q < n && d.norm[q] == ' ' {
			q++
		}
		if q >= n || (d.norm[q] != ')' && d.norm[q] != '）') {
			continue
		}
		if !glossIsPerson(string(d.norm[p:end])) {
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
		if s := d.transLeft(e, 10); e-s >= 2 && d.transName(s, e) {
			d.addPerson(s, e, "gloss")
			continue
		}
		for _, l := range []int{3, 2, 4} {
			if s := e - l; s >= 0 && d.chineseNameAt(s) == e {
				d.addPerson(s, e, "gloss")
				break
			}
		}
	}
}

// transName checks a transliteration run: not a single dictionary word
// other than a name (美国, 克里米亚 are not people).
func (d *doc) transName(s, e int) bool {
	ts, te, pos := d.token(s)
	if ts == s && te == e && pos != "nr" && pos != "nrt" && pos != "nrfg" && pos != "x" && e-s <= 3 {
		return false
	}
	return true
}

// verbAfter reports a verb of saying at i, possibly after an adverb.
func (d *doc) verbAfter(i int) bool {
	for i < len(d.norm) && (d.norm[i] == ' ' || d.norm[i] == '，' || adverbs[d.norm[i]]) {
		i++
	}
	var buf []prefixMatch[struct{}]
	return i < len(d.norm) && len(d.g.verbs.matchesAt(d.norm, i, buf)) > 0
}

// discoverTitled finds names right after a title or role.
func (d *doc) discoverTitled() {
	n := len(d.norm)
	var buf []prefixMatch[struct{}]
	for i := 0; i < n; i++ {
		if !isHan(d.norm[i]) || !d.tokStart(i) {
			continue
		}
		buf = d.g.titles.matchesAt(d.norm, i, buf[:0])
		if len(buf) == 0 {
			continue
		}
		j := i + buf[len(buf)-1].n
		if !d.tokEnd(j) {
			continue
		}
		for j < n && d.norm[j] == ' ' {
			j++
		}
		if j >= n || d.covered[j] {
			continue
		}
		switch r := d.norm[j]; {
		case unicode.IsUpper(r) && r < 0x250:
			if e := d.latinNameAt(j); e > 0 {
				d.addPerson(j, e, "title")
			}
		case d.surnameAt(j) > 0 && d.chineseNameAt(j) > 0:
			e := d.chineseNameAt(j)
			// A transliterated name may start with a surname (马丁·…).
			if t := d.transDotted(j); t > e {
				e = t
			}
			d.addPerson(j, e, "title")
		case d.isTrans(j):
			e := d.transRight(j, 10)
			for e < n && d.norm[e] == '·' {
				e2 := d.transRight(e+1, 10)
				if e2 == e+1 {
					break
				}
				e = e2
			}
			if e-j >= 2 && d.transName(j, e) && (e-j >= 3 || d.boundaryAfter(e)) {
				d.addPerson(j, e, "title")
			}
		}
		i = j - 1
	}
}

// transDotted returns the end of a dotted transliteration starting at j, or
// -1.
func (d *doc) transDotted(j int) int {
	e := d.transRight(j, 10)
	if e >= len(d.norm) || d.norm[e] != '·' {
		return -1
	}
	for e < len(d.norm) && d.norm[e] == '·' {
		e2 := d.transRight(e+1, 10)
		if e2 == e+1 {
			break
		}
		e = e2
	}
	return e
}

// boundaryAfter reports punctuation, a verb of saying or a function word at
// i: the end of a name.
func (d *doc) boundaryAfter(i int) bool {
	if i >= len(d.norm) || isPunct(d.norm[i]) || nameStop[d.norm[i]] || adverbs[d.norm[i]] {
		return true
	}
	return d.verbAfter(i)
}

// boundaryBefore reports a sentence or clause start before i.
func (d *doc) boundaryBefore(i int) bool {
	if i == 0 {
		return true
	}
	r := d.norm[i-1]
	return isPunct(r) || r == '\n' || r == '和' || r == '与' || r == '及'
}

// discoverSpeakers finds names right before a verb of saying: 孙韵表示,
// 库格尔曼认为.
func (d *doc) discoverSpeakers() {
	n := len(d.norm)
	var buf []prefixMatch[struct{}]
	for v := 2; v < n; v++ {
		if !d.tokStart(v) {
			continue
		}
		buf = d.g.verbs.matchesAt(d.norm, v, buf[:0])
		if len(buf) == 0 {
			continue
		}
		e := v
		if adverbs[d.norm[e-1]] && e-1 > 0 {
			e--
		}
		if d.covered[e-1] || !isHan(d.norm[e-1]) {
			continue
		}
		// A transliterated name of three or more characters.
		if s := d.transLeft(e, 10); e-s >= 3 && d.transName(s, e) && d.boundaryBefore(s) {
			d.addPerson(s, e, "speech")
			continue
		}
		for _, l := range []int{3, 2} {
			s := e - l
			if s < 0 || d.chineseNameAt(s) != e || !d.boundaryBefore(s) {
				continue
			}
			ts, te, pos := d.token(s)
			if ts == s && te == e && pos != "nr" && pos != "nrfg" && pos != "nrt" {
				continue // a dictionary word (中方, 官员), not a name
			}
			d.addPerson(s, e, "speech")
			break
		}
	}
}

// publication suffixes of outlet names in title marks: 《南华早报》.
var outletSuffixes = []string{"日报", "时报", "晚报", "早报", "邮报", "周报", "报", "周刊", "杂志", "月刊", "新闻", "新闻网", "电视台", "电台", "通讯社"}

// discoverOutlets finds publications named in title marks and agencies and
// stations named before a reporting verb.
func (d *doc) discoverOutlets() {
	n := len(d.norm)
	for i := 0; i < n; i++ {
		if d.norm[i] != '《' {
			continue
		}
		j := i + 1
		for j < n && j-i <= 16 && d.norm[j] != '》' && d.norm[j] != '\n' {
			j++
		}
		if j >= n || d.norm[j] != '》' || j-i < 3 || !d.free(i+1, j) {
			continue
		}
		name := string(d.norm[i+1 : j])
		for _, suf := range outletSuffixes {
			if strings.HasSuffix(name, suf) && len([]rune(name)) > len([]rune(suf)) {
				d.add(found{start: i + 1, stop: j, typ: "outlet", key: name, method: "title-marks"})
				break
			}
		}
		i = j
	}
}
