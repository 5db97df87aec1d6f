package entities

import (
	"slices"
	"strings"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Pseudonyms. The gold guide: "Pseudonyms the post marks as such (化名),
// screen names and social-media handles are not people; their quotes get
// `?`." A post marks a made-up name after it (李玲（化名）, 王佳 (化名)),
// before it (为自身安全，他要求使用化名王浩; 化名为“王军”) or in a note
// (赵明和杨零为化名). Such a name is found as a person (method "pseudonym")
// so that coreference gathers its other forms (王先生, a repeat), and then
// its whole cluster leaves the mentions for Doc.Pseudonyms: the quote stage
// still reads who speaks, and gives the words to nobody.

// pseudonymListWords end a note that names made-up names: 赵明和杨零为化名,
// 其余均为化名 (which names none: nothing stands before it as a name).
var pseudonymListWords = words("均为", "皆为", "均系", "都是", "均是", "为", "是", "系")

// pseudonymIntro may stand between 化名 and the name it introduces.
var pseudonymIntro = words("叫做", "为", "叫", "是", "：", ":")

// pseudoHonorifics follow a surname in a made-up name (王先生（化名）).
var pseudoHonorifics = words("先生", "女士", "小姐", "太太", "同学", "阿姨", "大爷", "大妈", "师傅")

// markPseudonyms finds the names the post marks as made up and records
// each as a person found by method "pseudonym" (or, where the gazetteer
// already found the name there, its key in d.pseudKeys).
func (d *doc) markPseudonyms() {
	n := len(d.norm)
	for i := 0; i+1 < n; i++ {
		if d.norm[i+1] != '名' || d.norm[i] != '化' && d.norm[i] != '假' {
			continue
		}
		// 化 opens a word: not 文化名人, 暖化名义, 汉化名 (gse cuts 化/名为
		// too).
		if !d.tokStart(i) {
			continue
		}
		// 汉化名: the Chinese name a foreigner goes by (英国驻港澳总领馆汉化名：
		// 蓝韬文), no made-up one.
		if at(d.norm, i-1) == '汉' {
			continue
		}
		if k := d.listWordBefore(i); k >= 0 {
			if d.blanketNote(k) {
				continue
			}
			// 赵明和杨零为化名, （均为化名）.
			e := k
			if at(d.norm, e-1) == '（' || at(d.norm, e-1) == '(' {
				e = d.skipSpacesBack(e - 1)
			}
			d.pseudonymList(e, false)
			continue
		}
		if at(d.norm, i-1) == '（' || at(d.norm, i-1) == '(' {
			// 李玲（化名）, 王佳 (化名).
			d.pseudonymList(d.skipSpacesBack(i-1), true)
			continue
		}
		// 化名王浩, 化名为“王军”, 化名林大海、林忠.
		k := i + 2
		for _, w := range pseudonymIntro {
			if d.hasAt(k, wordList{w}) {
				k += len(w)
				break
			}
		}
		for k < n && d.norm[k] == ' ' {
			k++
		}
		for {
			e := d.nameAfterMark(k)
			if e < 0 {
				break
			}
			if isOpenMark(d.norm[k]) {
				d.addPseudonym(k+1, e-1)
			} else {
				d.addPseudonym(k, e)
			}
			if at(d.norm, e) != '、' {
				break
			}
			k = e + 1
		}
	}
}

// blanketSubjects end a note's subject that makes up every name of the
// post (文中人物均为化名, 受访者皆为化名, 文中均为化名, 本文中使用的所有人名、
// 地名皆为化名); 其余/其他 only with the names left out (除苟晶外，其他人均为
// 化名): a "rest" that says nothing of who is real is not read. A subject
// that ends in a name (文中李泽、阿强均为化名) is a list.
var (
	blanketSubjects = words("人物", "人名", "地名", "受访者", "采访对象", "文中", "文内", "使用", "其余", "其他人", "其他")
	blanketRest     = words("其余", "其他")
)

// blanketNote reads the clause that ends at k, before a note's 均为化名:
// where it makes up every name of the post, it sets d.pseudAll (and
// d.pseudExcept from a 除…外 before it) and reports true.
func (d *doc) blanketNote(k int) bool {
	if !d.endsWithAny(k, blanketSubjects) {
		return false
	}
	s := d.clauseStart(k)
	rest := containsAny(d.norm[s:k], blanketRest)
	// 除苟晶外，其他人均为化名; 文内除周恒良、陆春生外，其余均为化名: 除 … 外
	// in this clause or the one before it.
	from := s
	if from > 0 {
		from = d.clauseStart(from - 1)
	}
	except := d.exceptNames(from, k)
	if rest && len(except) == 0 {
		return false
	}
	d.pseudAll = true
	d.pseudExcept = append(d.pseudExcept, except...)
	return true
}

// clauseStart returns where the clause that holds the rune before k
// starts: after a stop, comma, bracket or list mark, at most 30 runes back.
func (d *doc) clauseStart(k int) int {
	s := k
	for s > 0 && k-s < 30 && !strings.ContainsRune("，。；！？（）()：:,;!?◦*\n", d.norm[s-1]) {
		s--
	}
	return s
}

// exceptNames returns the keys of the names between 除 and 外 in [s, e):
// 除周恒良、陆春生、李莹外.
func (d *doc) exceptNames(s, e int) []string {
	open := slices.Index(d.norm[s:e], '除')
	if open < 0 {
		return nil
	}
	open += s + 1
	end := slices.Index(d.norm[open:e], '外')
	if end < 0 {
		return nil
	}
	end += open
	var keys []string
	from := open
	for i := open; i <= end; i++ {
		if i == end || strings.ContainsRune("、和与及", d.norm[i]) {
			if i-from >= 2 {
				keys = append(keys, nameKey(d.norm[from:i]))
			}
			from = i + 1
		}
	}
	return keys
}

// endsWithAny reports whether one of ws ends at k.
func (d *doc) endsWithAny(k int, ws wordList) bool {
	for _, w := range ws {
		if k >= len(w) && runesEqual(d.norm[k-len(w):k], w) {
			return true
		}
	}
	return false
}

// containsAny reports whether one of ws occurs in r.
func containsAny(r []rune, ws wordList) bool {
	for i := range r {
		for _, w := range ws {
			if len(r)-i >= len(w) && runesEqual(r[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// listWordBefore returns where a note's word (为, 均为 …) that ends at i
// starts, or -1.
func (d *doc) listWordBefore(i int) int {
	for _, w := range pseudonymListWords {
		if k := i - len(w); k > 0 && runesEqual(d.norm[k:i], w) {
			return k
		}
	}
	return -1
}

// skipSpacesBack returns e moved back over spaces.
func (d *doc) skipSpacesBack(e int) int {
	for e > 0 && d.norm[e-1] == ' ' {
		e--
	}
	return e
}

// pseudonymList records the made-up names that end at e, and those before
// them joined by 、和与及 (王绍、梁如、孔嘉为化名). loose admits any word of
// two or three characters right before the bracket of 蜘蛛（化名）.
func (d *doc) pseudonymList(e int, loose bool) {
	for e > 0 {
		s := d.nameBefore(e, loose)
		if s < 0 {
			return
		}
		d.addPseudonym(s, e)
		if s == 0 || !strings.ContainsRune("、和与及", d.norm[s-1]) {
			return
		}
		e, loose = s-1, false
	}
}

// nameBefore returns the start of a name that ends at e, or -1.
func (d *doc) nameBefore(e int, loose bool) int {
	if e <= 0 || e > len(d.norm) {
		return -1
	}
	for _, f := range d.found {
		if f.stop == e && f.typ == "person" {
			return f.start
		}
	}
	if isLatin(d.norm[e-1]) {
		s := e
		for s > 0 && isLatin(d.norm[s-1]) {
			s--
		}
		if e-s >= 2 && d.norm[s] >= 'A' && d.norm[s] <= 'Z' {
			return s
		}
		return -1
	}
	for _, h := range pseudoHonorifics {
		if s := e - len(h) - 1; s >= 0 && runesEqual(d.norm[s+1:e], h) && d.g.surn.single(d.norm[s]) {
			return s
		}
	}
	for _, s := range []int{e - 3, e - 2, e - 4} {
		if s >= 0 && d.pseudonymShape(s, e) {
			return s
		}
	}
	if s := e - 2; s >= 0 && (d.norm[s] == '小' || d.norm[s] == '阿' || d.norm[s] == '老') && d.han(s+1) && d.tokStart(s) {
		return s
	}
	if loose {
		s, t, pos := d.token(e - 1)
		if t == e && e-s >= 2 && e-s <= 3 && d.hasHan(s, e) && !d.isTitle(s, e) && !notNamePOS[pos] {
			return s
		}
	}
	return -1
}

// pseudonymShape reports a Chinese name at [s, e) right before a mark: a
// surname and one or two characters, starting a word, none of which runs
// past e (关押 is no surname 关 and a given name).
func (d *doc) pseudonymShape(s, e int) bool {
	sn := d.surnameAt(s, true)
	if sn == 0 || e-s-sn < 1 || e-s-sn > 2 || !d.tokStart(s) || !d.tokStart(e) {
		return false
	}
	for k := s; k < e; k++ {
		if !d.han(k) || funcChars.Has(d.norm[k]) && k >= s+sn {
			return false
		}
	}
	if ts, te, pos := d.token(s); ts == s && te > s+sn && pos != "nr" && pos != "nrfg" && pos != "nrt" {
		return false
	}
	return true
}

// nameAfterMark returns the end of a made-up name that starts at k after
// 化名 (a name, or any short text in marks), or -1.
func (d *doc) nameAfterMark(k int) int {
	n := len(d.norm)
	if k >= n {
		return -1
	}
	if isOpenMark(d.norm[k]) {
		for e := k + 1; e < n && e <= k+9; e++ {
			if isCloseMark(d.norm[e]) {
				if e > k+1 {
					return e + 1
				}
				return -1
			}
		}
		return -1
	}
	for _, f := range d.found {
		if f.start == k && f.typ == "person" {
			return f.stop
		}
	}
	if d.norm[k] >= 'A' && d.norm[k] <= 'Z' {
		e := k
		for e < n && isLatin(d.norm[e]) {
			e++
		}
		if e-k >= 2 {
			return e
		}
		return -1
	}
	if e := d.chineseNameAt(k, true); e > 0 {
		return e
	}
	if k+2 <= n && (d.norm[k] == '小' || d.norm[k] == '阿' || d.norm[k] == '老') && d.han(k+1) && d.boundaryAfter(k+2) {
		return k + 2
	}
	return -1
}

func isOpenMark(r rune) bool  { return r == '“' || r == '「' || r == '『' || r == '"' }
func isCloseMark(r rune) bool { return r == '”' || r == '」' || r == '』' || r == '"' }

// addPseudonym records [s, e) as a made-up name.
func (d *doc) addPseudonym(s, e int) {
	if e-s < 2 {
		return
	}
	key := nameKey(d.norm[s:e])
	if !slices.Contains(d.pseudKeys, key) {
		d.pseudKeys = append(d.pseudKeys, key)
	}
	if d.free(s, e) {
		d.add(found{start: s, stop: e, typ: "person", key: key, method: "pseudonym"})
	}
}

// blanketIDs returns the person clusters a blanket note makes up: every
// one without a name the gazetteer knows (the officials and public figures
// a post about private people still names) or a name the note leaves out.
func (d *doc) blanketIDs(ms []pipeline.Mention) []string {
	var real, ids []string
	for _, m := range ms {
		if m.Type == "person" && (m.Method == "lexicon" || slices.Contains(d.pseudExcept, nameKey(d.norm[m.Start:m.Stop]))) {
			real = append(real, m.EntityID)
		}
	}
	for _, m := range ms {
		if m.Type == "person" && !slices.Contains(real, m.EntityID) && !slices.Contains(ids, m.EntityID) {
			ids = append(ids, m.EntityID)
		}
	}
	return ids
}

// splitPseudonyms moves the mentions of every person the post marks as
// made up (a cluster with a pseudonym's form) out of ms.
func (d *doc) splitPseudonyms(ms []pipeline.Mention) (kept, pseud []pipeline.Mention) {
	if len(d.pseudKeys) == 0 && !d.pseudAll {
		return ms, nil
	}
	var ids []string
	for _, m := range ms {
		if m.Type == "person" && (m.Method == "pseudonym" || slices.Contains(d.pseudKeys, nameKey(d.norm[m.Start:m.Stop]))) && !slices.Contains(ids, m.EntityID) {
			ids = append(ids, m.EntityID)
		}
	}
	if d.pseudAll {
		ids = append(ids, d.blanketIDs(ms)...)
	}
	kept = ms[:0:0]
	for _, m := range ms {
		if m.Type == "person" && slices.Contains(ids, m.EntityID) {
			m.Method = "pseudonym"
			pseud = append(pseud, m)
			continue
		}
		kept = append(kept, m)
	}
	return kept, pseud
}
