package quotes

import (
	"slices"
	"sort"
)

// A body stands for itself in news once named: 英伟达… 该公司表示「…」,
// 《纽约时报》… 该报分析称「…」, 蒂芙尼发言人… 该发言人称「…」. The gold
// guide gives a spokesperson's or an official's words to the body they
// speak for. The rules take such a subject only where the body was their
// last speaker nearby; anaphorFor reads it wherever the body was named
// before in the post and proposes the body as a candidate, and the
// features say how it was found: the model learns how far to trust it.

// anaphorClass is what kind of body an anaphor's noun names.
type anaphorClass int8

const (
	anaOrg    anaphorClass = iota // 该公司, 该院, 这家机构: an organisation
	anaOutlet                     // 该报, 该网站, 这家媒体: an outlet
	anaGov                        // 该政府, 该国: a government or a country
	anaRole                       // 该发言人, 该官员: the body they speak for
)

// anaphorNoun is a noun an anaphor's determiner stands before.
type anaphorNoun struct {
	w     []rune
	class anaphorClass
}

// anaphorNouns are the nouns of bodies and of those who speak for them
// (the stage reads d.norm, simplified script), longer words first where
// one holds another. A noun of the government class opening with 国
// stands for a country.
var anaphorNouns = func() []anaphorNoun {
	var out []anaphorNoun
	for _, x := range []struct {
		class anaphorClass
		ws    []string
	}{
		{anaRole, []string{"发言人", "负责人", "官员", "人士", "代表"}},
		{anaOutlet, []string{"通讯社", "电视台", "报社", "报纸", "网站", "媒体", "杂志", "电台", "刊物", "报", "刊"}},
		// 该国 alone opens a person of the country more often than the
		// country (该国总统, 该国卫生部长): only its government stands for it.
		{anaGov, []string{"国政府", "国当局", "政府", "当局"}},
		{anaOrg, []string{"委员会", "办公室", "基金会", "研究所", "研究院", "检察院", "组织", "机构", "公司", "集团", "银行", "法院", "大学", "学院",
			"中心", "协会", "部门", "单位", "团体", "企业", "医院", "学校", "党", "部", "局", "委", "署", "院", "会", "厅", "校", "馆", "厂"}},
	} {
		for _, w := range x.ws {
			out = append(out, anaphorNoun{[]rune(w), x.class})
		}
	}
	// Longest first: 委员会 before 会, 报社 before 报.
	slices.SortStableFunc(out, func(a, b anaphorNoun) int { return len(b.w) - len(a.w) })
	return out
}()

// anaphorDets stand before an anaphor's noun. 这 and 此 take only nouns
// of two characters or more (这部电影, 此行 are no bodies).
var anaphorDets = runesOf([]string{"这家", "这个", "这位", "这名", "那家", "此家", "上述", "该", "这", "此"})

// anaphorNotAfter, right after a noun, make it a longer word that names
// no body (该报道, 该部分, 该会议, 该院长, 该网友, 该国民).
var anaphorNotAfter = smallOf("分议长面道告友民员事计")

// anaphor is a quote's subject that stands for a body named before, and
// the body found.
type anaphor struct {
	on      bool // the subject is an anaphor
	found   bool // a body was found for it
	class   anaphorClass
	at      int // where the anaphor begins
	body    speaker
	bodyAt  [2]int
	headHit bool // the body's name ends with the anaphor's noun (该法院 → 禹州法院)
}

// anaphorNounAt returns the noun at i, or false.
func (d *doc) anaphorNounAt(i int, short bool) (anaphorNoun, bool) {
	for _, n := range anaphorNouns {
		if short && len(n.w) < 2 {
			continue
		}
		if e := i + len(n.w); e <= len(d.norm) && slices.Equal(d.norm[i:e], n.w) {
			if e < len(d.norm) && anaphorNotAfter.has(d.norm[e]) && n.class != anaRole {
				return anaphorNoun{}, false
			}
			return n, true
		}
	}
	return anaphorNoun{}, false
}

// anaphorSubject returns the anaphor opening the quote's sentence, its
// clause or the governing verb's clause (该公司表示, 而该报则称, 据该发言人说).
func (d *doc) anaphorSubject(qc quoteCtx, open int) (anaphorNoun, int, bool) {
	for _, a := range d.clauseOpenings(qc, open, '据') {
		if a < 0 || a >= open || d.inQuote[a] {
			continue
		}
		n := d.wordAt(a, anaphorDets)
		if n == 0 {
			continue
		}
		short := n == 1 && d.norm[a] != '该'
		if x, ok := d.anaphorNounAt(a+n, short); ok && a+n+len(x.w) <= open {
			return x, a, true
		}
	}
	return anaphorNoun{}, -1, false
}

// anaphorFor reads the quote's anaphor subject and the body it stands
// for: the latest compatible name before it anywhere in the post.
func (d *doc) anaphorFor(qc quoteCtx, open int) anaphor {
	x, at, ok := d.anaphorSubject(qc, open)
	if !ok {
		return anaphor{}
	}
	a := anaphor{on: true, class: x.class, at: at}
	if x.class == anaRole {
		a.body, a.bodyAt, a.found = d.roleBody(x.w, 0, at)
		return a
	}
	// 领英发言人则表示，该公司「…」: the body whose spokesperson speaks in
	// the anaphor's sentence, whatever its name's type.
	if a.body, a.bodyAt, a.found = d.roleBody(spokesNoun, d.sentStart(at), at); a.found {
		return a
	}
	a.body, a.bodyAt, a.headHit, a.found = d.lastBody(x, at)
	return a
}

// anaphorFound reports that quote qi's subject is an anaphor standing for
// a body named before. The rules give 该发言人称 with no organisation
// quoted nearby to nobody (unnamed); the gold gives it to the body, named
// paragraphs before (蒂芙尼发言人…该发言人称), so the model decides such a
// quote even where unnamed speakers are the rules' alone (decidesAlone).
func (d *doc) anaphorFound(qi int) bool {
	return d.anaphorFor(d.quoteContext(qi), max(0, d.quotes[qi].Start-1)).found
}

// bodyOK reports a mention's type that an anaphor of class c stands for.
func bodyOK(c anaphorClass, typ string, w []rune) bool {
	switch c {
	case anaOutlet:
		return typ == "outlet"
	case anaGov:
		if w[0] == '国' {
			return typ == "country"
		}
		return typ == "country" || typ == "organization"
	}
	return typ == "organization"
}

// lastBody returns the latest body before at, outside quotes, that the
// anaphor noun x stands for: the latest whose name ends with the noun
// (该法院 → 禹州法院), else the latest of its kind.
func (d *doc) lastBody(x anaphorNoun, at int) (sp speaker, span [2]int, head, ok bool) {
	take := func(s speaker, sn [2]int) {
		h := runesEndWith(d.norm[sn[0]:sn[1]], x.w)
		if !ok || h && !head || h == head && sn[0] > span[0] {
			sp, span, head, ok = s, sn, h, true
		}
	}
	k := sort.Search(len(d.mentions), func(k int) bool { return d.mentions[k].Start >= at })
	for k--; k >= 0; k-- {
		m := d.mentions[k]
		if m.Stop > at || d.inQuote[m.Start] || !bodyOK(x.class, m.Type, x.w) {
			continue
		}
		take(ofMention(m), [2]int{m.Start, m.Stop})
		if head {
			break
		}
	}
	if x.class == anaOrg || x.class == anaGov && x.w[0] != '国' {
		orgs := d.orgNames()
		for i := len(orgs) - 1; i >= 0; i-- {
			o := &orgs[i]
			if o.ref || o.span[1] > at || d.inQuote[o.span[0]] {
				continue
			}
			if x.class == anaGov && !runesEndWith(d.norm[o.span[0]:o.span[1]], x.w) {
				continue
			}
			take(speaker{surface: d.orgSurface(o), typ: "organization"}, o.span)
			if head && span == o.span {
				break
			}
		}
	}
	return sp, span, head, ok
}

// roleJoin may stand between a body and a role noun (外交部的一位发言人).
var roleJoin = smallOf("的一位名个方面之 ")

// spokesNoun is the role whose body a sentence's anaphor stands for.
var spokesNoun = []rune("发言人")

// roleBody returns the body that the latest mention of the role noun w
// in [from, at) speaks for (蒂芙尼发言人… 该发言人称 → 蒂芙尼), or false.
func (d *doc) roleBody(w []rune, from, at int) (speaker, [2]int, bool) {
	for k := at - len(w); k >= from; k-- {
		if d.inQuote[k] || d.norm[k] != w[0] || !slices.Equal(d.norm[k:min(k+len(w), len(d.norm))], w) {
			continue
		}
		e := k
		for e > 0 && k-e < 4 && roleJoin.has(d.norm[e-1]) {
			e--
		}
		for _, m := range d.mentionsIn(max(0, e-20), e+1) {
			// A person too: the entity stage reads some firms as people
			// (蒂芙尼发言人).
			if m.Stop == e && !d.inQuote[m.Start] {
				return ofMention(m), [2]int{m.Start, m.Stop}, true
			}
		}
		orgs := d.orgNames()
		for i := range orgs {
			o := &orgs[i]
			if o.span[1] == e && !o.ref && !d.inQuote[o.span[0]] {
				return speaker{surface: d.orgSurface(o), typ: "organization"}, o.span, true
			}
		}
		// A body no list knows, opening the clause (领英发言人则表示,
		// TikTok发言人告诉BBC): read in the anaphor's sentence only.
		if from > 0 || d.sentStart(k) == d.sentStart(at) {
			if c := d.skipLeadIn(d.clauseStart(d.sentStart(k), k), k); e-c >= 2 && e-c <= 10 && d.bodyWord(c, e) {
				return speaker{surface: d.textOf(c, e), typ: "organization"}, [2]int{c, e}, true
			}
		}
	}
	return speaker{}, [2]int{}, false
}

// bodyWord reports [a, b) as a body's name no list knows: Han characters
// or Latin letters and digits, no 一位/某 of someone unnamed.
func (d *doc) bodyWord(a, b int) bool {
	if runesHaveUnnamedPrefix(d.norm[a:b]) {
		return false
	}
	for _, r := range d.norm[a:b] {
		if !isHan(r) && !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// anaLink is how a candidate was found as an anaphor's body
// (candFeatures).
type anaLink struct {
	on, head, samePara bool
	class              anaphorClass
	dist               int // characters from the body's name to the quote
}

// link returns the candidate's side of a found anaphor.
func (a anaphor) link(open, para int) anaLink {
	return anaLink{on: true, head: a.headHit, samePara: a.bodyAt[0] >= para, class: a.class, dist: open - a.bodyAt[1]}
}

// anaphorFeatures describe a candidate that an anaphor subject stands
// for.
func anaphorFeatures(l anaLink, addL func(lit), addB func(binned, int)) {
	addL(litAnaphor)
	addL(anaphorClassLits[l.class])
	if l.head {
		addL(litAnaphorHead)
	}
	if l.samePara {
		addL(litAnaphorSamePara)
	}
	addB(binAnaphorDist, l.dist)
}

// anaphorClassLits name each class's feature.
var anaphorClassLits = [...]lit{anaOrg: litAnaphorOrg, anaOutlet: litAnaphorOutlet, anaGov: litAnaphorGov, anaRole: litAnaphorRole}
