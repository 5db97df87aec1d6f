package entities

import (
	"strings"
	"unicode"

	"github.com/newsnlp/newsnlp/models/lexicon"
)

// Two proposal sources for people the other rules never find, both judged
// by the people decision (their methods are in ruleMethods), never taken on
// their own word:
//
//   - rolesay: a role noun, two to four characters led by a surname (or a
//     run of transliteration characters), and a verb of saying at most three
//     characters after (媒体人张颖对本台说, 时评人苏星河分析说, 出版人洪晃说),
//     read whatever gse's words say inside the name: gse hides such names
//     (张/q 颖/nr, 苏星河/ns). A name gse reads as a common noun (毛尖/n "a
//     tea", but also 宏观/n, 信心/n) is not proposed.
//   - latin_loose: a capitalised name of two to four words where
//     discoverLatin does not look (it needs a role before or a verb after,
//     with a Han character right before): at a sentence's or paragraph's
//     start, after a closing quote, 和, 与 or 、, or glued to an upper-case
//     prefix (CEOAnand Sanwal), with an apposition, 是, 发表, an adverb or
//     a verb of saying after; or listed after a person found (Rylan Peery和
//     Ralph Cutler). Firms and products read like names here; the decision
//     refuses most of them.

// roleNouns are the words for someone speaking for an organisation
// (models/lexicon/roles.txt: 分析师, 人士, 专家), read as roles before a
// name as the titles are.
var roleNouns = words(lexicon.PersonRoles()...)

// roleBefore reports a role noun ending at j, whatever gse's words: a
// title (the titles list), a word of roles.txt, or a Han character and an
// occupation suffix where a word of gse's ends (媒体人, 出版人), none of
// notRoles (个人, 国人).
func (d *doc) roleBefore(j int) bool {
	if j < 2 || j > len(d.norm) || !d.han(j-1) {
		return false
	}
	if d.g.titlesRev.LongestBack(d.norm, j) > 0 || d.endsBefore(j, roleNouns) {
		return true
	}
	// An occupation suffix must end gse's word: 警察, 人权, 警方 and 人士
	// read on past it.
	return d.props[j-1]&propRoleSuffix != 0 && d.han(j-2) && d.tokEnd(j) && !d.endsBefore(j, notRoles)
}

// sayAfter reports a verb of saying that starts a word of gse's at most
// three characters after j, with no punctuation between (对本台说, 分析说,
// 认为; not 问 of 顾问 or 分析 of 分析师): gse hides names, not verbs.
func (d *doc) sayAfter(j int) bool {
	for k := j; k < len(d.norm) && k <= j+3; k++ {
		if isPunct(d.norm[k]) || d.norm[k] == '\n' || d.covered[k] {
			return false
		}
		if d.tokStart(k) && d.verbAt(k) && !d.verbNoun(k) {
			return true
		}
	}
	return false
}

// verbAt reports a verb of saying that starts at k, whatever gse's words.
func (d *doc) verbAt(k int) bool {
	d.bufVerb = d.g.verbs.MatchesAt(d.norm, k, d.bufVerb[:0])
	return len(d.bufVerb) > 0
}

// verbNoun reports a verb of saying at k that an occupation suffix turns
// into a noun: 分析师, 评论员, 发言人.
func (d *doc) verbNoun(k int) bool {
	for _, m := range d.bufVerb {
		if e := k + m.N; e < len(d.norm) && d.props[e]&propRoleSuffix != 0 {
			return true
		}
	}
	return false
}

// glossLatinAt reports a Latin gloss in brackets at j, past spaces:
// 巴克利（William F. Buckley）.
func (d *doc) glossLatinAt(j int) bool {
	for j < len(d.norm) && d.norm[j] == ' ' {
		j++
	}
	if j+1 >= len(d.norm) || d.norm[j] != '（' && d.norm[j] != '(' {
		return false
	}
	r := d.norm[j+1]
	return r < 0x250 && unicode.IsUpper(r)
}

// roleNameEnd returns the end of a name that starts at i, right after a
// role noun, and that a verb of saying follows within three characters:
// a surname and one or two given characters, none a function word, or a
// run of two to eight transliteration characters; -1 if none. Of the
// lengths that fit, one whose verb follows at once wins, then the
// longest.
func (d *doc) roleNameEnd(i int) int {
	n := len(d.norm)
	var ends []int
	if sn := d.surnameLen(i); sn > 0 {
		for k := i + sn; k < n && k < i+sn+2; k++ {
			if !d.han(k) || d.covered[k] || nameStop.Has(d.norm[k]) || funcChars.Has(d.norm[k]) || notGiven.Has(d.norm[k]) {
				break
			}
			ends = append(ends, k+1)
		}
	}
	if d.isTrans(i) {
		// The alphabet of transliteration lacks a few characters names use
		// (亚历山德罗夫's 山): one other character, no function word, may
		// stand in the run, which ends before a verb of saying.
		k, other := i, 0
		for k < n && k-i < 8 && !d.covered[k] && !d.verbAt(k) {
			if !d.isTrans(k) && d.norm[k] != '·' {
				if other > 0 || !d.han(k) || nameStop.Has(d.norm[k]) || funcChars.Has(d.norm[k]) {
					break
				}
				other++
			}
			k++
		}
		if k-i >= 2 {
			ends = append(ends, k)
		}
	}
	best := -1
	for _, e := range ends {
		if !d.tokEnd(e) || d.commonWord(i, e) || e-i-d.surnameLen(i) >= 2 && d.commonWord(e-2, e) || d.roleWordEndsAt(i, e) {
			continue
		}
		switch {
		case d.tokStart(e) && d.verbAt(e):
			return e
		case d.sayAfter(e) && e > best:
			best = e
		}
	}
	return best
}

// notGiven are characters of dates and numbers (周一, 周五), 人 (夫人)
// and 地 (辛辣地): no given name's.
var notGiven = runeSet("一二三四五六七八九十日月年人地")

// commonWord reports a span [i, e) that gse reads as one word of a
// part of speech no name has (公开/ad, 包括/v, 特别/d, 曾经/d) or a common
// noun (宏观/n, 信心/n, 明星/n: on news.tar.gz such proposals were nearly
// all false, and the few names among them, 毛尖/n, are lost): names gse
// reads as places or proper nouns stay (苏星河/ns), for the decision to
// judge.
func (d *doc) commonWord(i, e int) bool {
	s, t, pos := d.token(i)
	if s != i || t != e {
		return false
	}
	switch pos {
	case "ns", "nr", "nrt", "nrfg", "nz", "x", "nt":
		return false
	}
	return true
}

// roleWordEndsAt reports a word of gse's ending at e, inside [i, e) or
// the whole of it, that is a title or a noun in an occupation suffix:
// 策略师, 司司长's 司长; not a name gse tags (王利民/nr).
func (d *doc) roleWordEndsAt(i, e int) bool {
	s, t, pos := d.token(e - 1)
	if t != e || s < i {
		return false
	}
	if d.g.titlesRev.LongestBack(d.norm, e) > 0 && !strings.HasPrefix(pos, "nr") {
		return true
	}
	return t-s >= 2 && pos == "n" && d.props[e-1]&propRoleSuffix != 0
}

// surnameLen is the length of a surname at i (two for a double one),
// whatever gse's words, or 0.
func (d *doc) surnameLen(i int) int {
	if i+1 < len(d.norm) && d.g.surn.double(d.norm[i], d.norm[i+1]) {
		return 2
	}
	if i < len(d.norm) && d.g.surn.single(d.norm[i]) {
		return 1
	}
	return 0
}

// discoverRoleSay proposes the names between a role noun and a verb of
// saying (source rolesay; see roleNameEnd).
func (d *doc) discoverRoleSay() {
	n := len(d.norm)
	for i := 2; i < n; i++ {
		if d.covered[i] || d.covered[i-1] || !d.han(i) || !d.roleBefore(i) {
			continue
		}
		if e := d.roleNameEnd(i); e > i+1 && d.addPerson(i, e, "rolesay") {
			i = e - 1
		}
	}
}

// discoverLatinLoose proposes capitalised names at a sentence's start,
// after ”，/和/与 or glued to an upper-case prefix, with an apposition or
// a verb after (source latin_loose).
func (d *doc) discoverLatinLoose() {
	n := len(d.norm)
	for i := 0; i < n; i++ {
		r := d.norm[i]
		if r >= 0x250 || !unicode.IsUpper(r) || d.covered[i] {
			continue
		}
		glued := d.gluedStart(i)
		if !glued && (!d.latinStart(i) || !d.looseBefore(i)) {
			continue
		}
		e := d.latinNameAt(i)
		if e < 0 || !d.free(i, e) {
			continue
		}
		if !d.acronymIn(i, e) && (d.looseAfter(e) || d.listedAfterPerson(i)) {
			d.addPerson(i, e, "latin_loose")
		}
		i = e
	}
}

// gluedStart reports a capital at i that starts a word glued to an
// upper-case prefix of two or more letters which a Han character or a
// space precedes: the Anand of CEOAnand.
func (d *doc) gluedStart(i int) bool {
	if i < 2 || i+1 >= len(d.norm) || !unicode.IsLower(d.norm[i+1]) || d.norm[i+1] >= 0x250 {
		return false
	}
	k := i
	for k > 0 && d.norm[k-1] < 0x250 && unicode.IsUpper(d.norm[k-1]) {
		k--
	}
	return i-k >= 2 && (k == 0 || d.han(k-1) || d.norm[k-1] == ' ')
}

// looseBefore reports a sentence's or paragraph's start before i (past
// spaces), or ”，, 和 or 与 right before it.
func (d *doc) looseBefore(i int) bool {
	p := i - 1
	for p >= 0 && d.norm[p] == ' ' {
		p--
	}
	if p < 0 {
		return true
	}
	switch d.norm[p] {
	case '\n', '。', '！', '？', '和', '与', '、', '”', '」':
		return true
	case '，', ',':
		return p > 0 && (d.norm[p-1] == '”' || d.norm[p-1] == '」')
	}
	return false
}

// appositions open a description of the person after a comma: ，一位….
var appositions = words("一位", "一名", "一个", "现任", "前任")

// looseAfter reports, after the name ending at e (past spaces), an
// apposition (，一位…), 是, 发表, an honorific or a verb of saying within
// three characters.
func (d *doc) looseAfter(e int) bool {
	for e < len(d.norm) && (d.norm[e] == ' ' || d.norm[e] == '\n') {
		e++
	}
	if e >= len(d.norm) {
		return false
	}
	switch r := d.norm[e]; {
	case r == '，' || r == ',':
		return d.hasAt(e+1, appositions) || d.saysAtEnd(e+1)
	case adverbs.Has(r):
		return true
	case r == '是':
		return !d.hasAt(e+1, firmWords)
	}
	if d.hasAt(e, firmWords) {
		return false
	}
	return d.hasAt(e, looseVerbs) || d.hasAt(e, honorifics) || d.sayAfter(e)
}

// firmWords after a capitalised name make it a firm's or a product's:
// Fomalhaut Techno Solutions 是一家…, Pocket Casts 发言人.
var firmWords = words("一家", "一款", "公司", "发言人", "旗下", "报告", "推出")

// acronymIn reports a word of two or more capitals alone in [i, e): HBO
// Max, IHS Markit, TTI Electronics Asia name firms, not people.
func (d *doc) acronymIn(i, e int) bool {
	caps := 0
	for k := i; k <= e; k++ {
		if k == e || d.norm[k] == ' ' {
			if caps >= 2 {
				return true
			}
			caps = 0
			continue
		}
		if unicode.IsUpper(d.norm[k]) {
			caps++
		} else {
			caps = -100
		}
	}
	return false
}

// saysAtEnd reports a clause from i (at most 30 characters) that ends its
// sentence with a verb of saying: ，全国消除家庭暴力网络执行副总裁说。, the
// name's apposition put before the verb.
func (d *doc) saysAtEnd(i int) bool {
	for k := i; k < len(d.norm) && k < i+30; k++ {
		switch d.norm[k] {
		case '。', '！', '？', '\n':
			return d.endsBefore(k, saysLast)
		case '，', '：', '“', '”':
			return false
		}
	}
	return false
}

// saysLast are verbs of saying that end a sentence after the speaker's
// name and apposition.
var saysLast = words("说", "表示", "称", "指出", "认为", "写道")

// listedAfterPerson reports a name at i listed with a person found
// before it: Rylan Peery和Ralph Cutler, 李四与Ralph Cutler.
func (d *doc) listedAfterPerson(i int) bool {
	p := i - 1
	for p >= 0 && d.norm[p] == ' ' {
		p--
	}
	if p < 1 || d.norm[p] != '和' && d.norm[p] != '与' && d.norm[p] != '、' {
		return false
	}
	q := p
	for q > 0 && d.norm[q-1] == ' ' {
		q--
	}
	for _, f := range d.found {
		if f.stop == q && f.typ == "person" {
			return true
		}
	}
	return false
}

// looseVerbs follow a name as its verb though they are no verbs of saying.
var looseVerbs = words("发表", "撰文", "创立", "创办")

// proposedIn reports a name of the two sources above inside [s, e): its
// clause is read by the tagger, so that the decision judges it.
func (d *doc) proposedIn(s, e int) bool {
	for _, f := range d.found {
		if f.start >= s && f.stop <= e && (f.method == "rolesay" || f.method == "latin_loose") {
			return true
		}
	}
	return false
}
