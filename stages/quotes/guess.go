package quotes

import (
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/stages/internal/hanname"
	"github.com/newsnlp/newsnlp/stages/internal/runeset"
)

// Names nobody found. A third of the extra posts' speaker errors are
// quotes whose speaker is among no candidates, and the commonest reason
// is a name the entity stage did not take (its tagger vetoes 曾怡硕, gse
// cuts 曾/d 怡/vg 硕/zg): 曾怡硕说：“…”, then 他说 for the rest of the
// post. guessName reads such a name at a verb of saying for the speaker
// model alone, as a candidate marked guess_name: the model weighs how
// often such a guess speaks; the people table is left as the entity stage
// made it.

// maxMentionLen bounds how far before a stretch a mention overlapping it
// may start.
const maxMentionLen = 40

// GuessNames turns guessName on; eval and train --speaker-guess-names
// set it before any post is read, for measurement.
var GuessNames = true

// guessPreps open the phrase that may stand between a name and its verb
// (对本台说), at most maxGuessPrep characters.
var guessPreps = runeset.Of("对向在跟")

const maxGuessPrep = 12

// hasPunct reports punctuation in [a, b).
func (d *doc) hasPunct(a, b int) bool {
	for k := a; k < b; k++ {
		if isPunct(d.norm[k]) {
			return true
		}
	}
	return false
}

// guessAdverbs may stand between a name and its verb (曾怡硕也说).
var guessAdverbs = runeset.Of("也还则又更亦便就再却都曾")

// guessShape reports a name's shape at [a, e): a surname of one
// character and two more (a surname and one character is more often a
// word: 信中, 都是), or of two characters and one or two more, Han
// characters outside quotes, none of the given name's a function word,
// no demonstrative first (那只能).
func (d *doc) guessShape(a, e int) bool {
	n := e - a
	if n < 3 || n > 4 {
		return false
	}
	sur := 1
	if !d.s.surnames[string(d.norm[a:a+1])] || n == 4 {
		sur = 2
		if !d.s.surnames[string(d.norm[a:a+2])] {
			return false
		}
	}
	for k := a; k < e; k++ {
		if !isHan(d.norm[k]) || d.inQuote[k] || k >= a+sur && hanname.Stop.Has(d.norm[k]) {
			return false
		}
	}
	return !guessLastStop.Has(d.norm[e-1]) && !pronounsDemonstratives.has(d.norm[a])
}

// guessLastStop end a phrase that is no name (文件中, 简略地, 张家人,
// 国际间, 衡水市), read on a news run's guesses.
var guessLastStop = runeset.Of("中里裡内上下地人间志们家时后前外等并不市省县区局部党")

// guessTokens reports that gse's words over [a, e) may make a name:
// no word of the dictionary opens it across the surname (文章/n 中,
// 许多/m 人, 全球/n 政) other than a name's or a place's, which gse makes
// of unknown names (黄国/ns 桐, 林中/s 斌); no preposition or
// conjunction is its surname (和/c 房东); its given name is not one
// common word (都 广泛/a, 向 中共/j).
func (d *doc) guessTokens(a, e int) bool {
	_, t, pos := d.token(a)
	if t >= e && !strings.HasPrefix(pos, "nr") {
		return false // one word of the dictionary (华盛顿/ns, 座右铭/n)
	}
	if t > a+1 && !strings.HasPrefix(pos, "nr") && pos != "ns" && pos != "s" {
		return false
	}
	if t == a+1 {
		if pos == "p" || pos == "c" {
			return false
		}
		if s2, t2, pos2 := d.token(t); s2 == t && t2 == e && guessWordPOS[pos2] {
			return false
		}
	}
	return true
}

// guessWordPOS are gse's tags of a common word that is no given name.
var guessWordPOS = map[string]bool{"n": true, "a": true, "ad": true, "an": true, "d": true, "j": true}

// guessName reads a name at the verb of saying at i that no mention
// covers: a whole clause of a name's shape (guessShape) right before the
// verb (an adverb allowed between) or before a preposition's phrase that
// precedes it, not a word of gse's dictionary other than a name.
func (d *doc) guessName(i int) (speaker, [2]int, bool) {
	if !GuessNames {
		return unknown, [2]int{}, false
	}
	e := i
	if e > 0 && guessAdverbs.Has(d.norm[e-1]) {
		e--
	}
	a := d.skipLeadIn(d.clauseStart(d.sentStart(e), e), e)
	for a < e && (d.norm[a] == '/' || isPunct(d.norm[a])) {
		a++ // a paragraph mark, a closing mark before the clause
	}
	if !d.guessShape(a, e) {
		// 张颖对本台说, 席海明向记者表示: a name, then a preposition's
		// short phrase before the verb.
		p := -1
		for _, l := range []int{3, 4} {
			if k := a + l; k < e && e-k <= maxGuessPrep && guessPreps.Has(d.norm[k]) && d.guessShape(a, k) && !d.hasPunct(k, e) {
				p = k
				break
			}
		}
		if p < 0 {
			return unknown, [2]int{}, false
		}
		e = p
	}
	if !d.tokStart(a) || !d.tokStart(e) {
		return unknown, [2]int{}, false
	}
	if !d.guessTokens(a, e) {
		return unknown, [2]int{}, false
	}
	for k := sort.Search(len(d.mentions), func(k int) bool { return d.mentions[k].Start >= a-maxMentionLen }); k < len(d.mentions) && d.mentions[k].Start < e; k++ {
		if d.mentions[k].Stop > a {
			return unknown, [2]int{}, false
		}
	}
	if runesHaveUnnamedPrefix(d.norm[a:e]) {
		return unknown, [2]int{}, false
	}
	return speaker{surface: d.textOf(a, e), typ: "person"}, [2]int{a, e}, true
}
