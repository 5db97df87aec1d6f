package quotes

import (
	"strings"
	"unicode"
)

// Speakers named in the cue's clause whom neither the entity stage nor the
// organisation rules know: a company or body read by the words around it
// (英伟达一位发言人说, 贵州茅台相关人士说, 望奎镇福顺楼旅店的员工告诉记者) and a
// name in Latin script opening the clause (Keso还提及, Gomez-Mont 开门见山地说).
// The guide gives an unnamed member's words to the body named; these
// readings make the body a candidate and, where the words are sure, the
// rules' choice.

// spokesRoles are the roles that speak for the body named right before
// them (英伟达发言人), whatever the body's name: other roles after a word
// (军事专家, 业内人士) name a field, not a body.
var spokesRoles = map[string]bool{"发言人": true, "新闻发言人": true, "女发言人": true, "男发言人": true, "新闻秘书": true, "一位发言人": true, "一名发言人": true}

// memberWords are an unnamed member of the body named before 的 (…旅店的员工).
var memberWords = runesOf([]string{"的员工", "的工作人员", "的职员", "的一名员工", "的一位员工", "的一名工作人员", "的一位工作人员"})

// relatedWords sit between a body and 人士 or 负责人 (贵州茅台相关人士).
var relatedWords = runesOf([]string{"相关", "方面"})

// genericBodies are words for a kind of body, not a body's name: the
// guide gives an unnamed member of one of them nobody.
var genericBodies = map[string]bool{"公司": true, "政府": true, "当局": true, "官方": true, "医院": true, "学校": true, "银行": true,
	"警方": true, "企业": true, "工厂": true, "商店": true, "餐厅": true, "酒店": true, "机构": true, "部门": true, "单位": true,
	"平台": true, "网站": true, "媒体": true, "大会": true, "会议": true, "团队": true, "集团": true, "协会": true, "组织": true,
	"当地": true, "地方": true, "校方": true, "院方": true, "厂方": true, "店方": true, "对方": true, "双方": true, "各方": true,
	"中方": true, "美方": true, "外方": true, "业内": true, "行业": true, "市场": true, "法院": true, "大学": true, "政党": true}

// timeOpeners open a clause before its subject and are no part of a name.
var timeOpeners = runesOf([]string{"今天", "昨天", "昨日", "今日", "日前", "近日", "此前", "目前", "当天", "当日", "随后", "同时", "此外", "另外", "其后", "事后", "稍后", "对此", "为此"})

// bodyNamedBefore reads the run of Han characters ending at q, within
// [a, q), as the name of a body that an unnamed member there speaks for:
// 2 to 10 characters opening the clause (after a lead-in or a time word),
// not cut short by a particle, naming no person, nobody unnamed (某, 一位)
// and no kind of body alone (公司, 当局).
func (d *doc) bodyNamedBefore(a, q int) (speaker, bool) {
	if q <= a || q > len(d.norm) {
		return unknown, false
	}
	k := q
	for k > a && q-k <= 10 && isHan(d.norm[k-1]) && !orgHeadStops.Has(d.norm[k-1]) {
		k--
	}
	if k > a && !clauseBreak(d.norm[k-1]) && !commaOrColon(d.norm[k-1]) && d.norm[k-1] != ' ' && d.norm[k-1] != '\u3000' {
		// Cut short by a particle or the length limit, or glued to Latin
		// or a bracket: not a clause's subject.
		if !(leadIns.Has(d.norm[k-1]) && k-1 == d.clauseStart(a, q)) {
			return unknown, false
		}
	}
	k = d.skipLeadIn(k, q)
	for _, w := range timeOpeners {
		if runesAt(d.norm, k, string(w)) {
			k += len(w)
			break
		}
	}
	if q-k < 2 || q-k > 10 {
		return unknown, false
	}
	name := string(d.norm[k:q])
	if genericBodies[name] || hasUnnamedPrefix(name) || strings.ContainsRune(name, '某') || pronounsDemonstratives.has(d.norm[k]) || heShe.has(d.norm[k]) {
		return unknown, false
	}
	for _, m := range d.mentionsIn(k, q) {
		if m.Type == "person" {
			return unknown, false
		}
	}
	return speaker{surface: string(d.text[k:q]), typ: "organization"}, true
}

// memberOfBody reads [a, b) ending with a member word (…旅店的员工): the
// body named before 的 speaks.
func (d *doc) memberOfBody(a, b int) (speaker, bool) {
	for _, w := range memberWords {
		if !d.endsWith(a, b, w) {
			continue
		}
		q := b - len(w)
		if sp, ok := d.bodyEndingAt(a, q); ok && !genericBodies[sp.surface] {
			return sp, true
		}
		if sp, ok := d.bodyNamedBefore(a, q); ok && q-len([]rune(sp.surface)) >= a && len([]rune(sp.surface)) >= 3 {
			return sp, true
		}
		return unknown, false
	}
	return unknown, false
}

// spokesBody reads the body before a role [end, roleEnd) that speaks for
// it whatever the body's name: a spokesperson right after it
// (英伟达发言人), or 人士 and 负责人 after 相关 (贵州茅台相关人士).
func (d *doc) spokesBody(a, end, roleEnd int) (speaker, bool) {
	role := string(d.norm[end:roleEnd])
	if spokesRoles[role] {
		return d.bodyNamedBefore(a, end)
	}
	if role != "人士" && role != "负责人" {
		return unknown, false
	}
	for _, w := range relatedWords {
		if d.endsWith(a, end, w) {
			q := end - len(w)
			if sp, ok := d.bodyEndingAt(a, q); ok {
				return sp, true
			}
			return d.bodyNamedBefore(a, q)
		}
	}
	return unknown, false
}

// latinOpener reads a name in Latin script that opens the clause [cs, b)
// and is followed by Han text (Keso还提及了, Gomez-Mont 开门见山地说): its
// words capitalised, joined by spaces, hyphens or dots; an all-capitals
// word or one with a capital inside (IBM, TikTok) names an organisation.
func (d *doc) latinOpener(cs, b int) (speaker, bool) {
	k := d.skipSpaces(cs, b)
	if k >= b || !isLatin(d.norm[k]) || !unicode.IsUpper(d.norm[k]) {
		return unknown, false
	}
	e := k
	for e < b && (isLatin(d.norm[e]) || d.norm[e] == '-' || d.norm[e] == '.' || d.norm[e] == ' ' && e+1 < b && isLatin(d.norm[e+1]) && unicode.IsUpper(d.norm[e+1])) {
		e++
	}
	for e > k && (d.norm[e-1] == '-' || d.norm[e-1] == '.') {
		e--
	}
	if e-k < 2 || e-k > 40 {
		return unknown, false
	}
	// Han text (after spaces) follows: the name is the clause's subject,
	// not the start of an English sentence.
	f := d.skipSpaces(e, b)
	if f >= b || !isHan(d.norm[f]) {
		return unknown, false
	}
	s := string(d.norm[k:e])
	typ := "person"
	if strings.ToUpper(s) == s || !strings.Contains(s, " ") && strings.ContainsFunc(s[1:], unicode.IsUpper) {
		typ = "organization"
	}
	sp := speaker{surface: string(d.text[k:e]), typ: typ}
	if typ == "person" {
		sp = d.fullLatin(sp)
	}
	return sp, true
}
