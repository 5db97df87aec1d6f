package quotes

import (
	"strings"
	"unicode"
)

// Speakers named in the cue's clause whom neither the entity stage nor the
// organisation rules know: a name in Latin script opening the clause
// (Keso还提及, Gomez-Mont 开门见山地说) but not right before the verb. The
// reading is the rules' choice and, through cueSubjects, a candidate.
// (Bodies read by the words around them, 英伟达一位发言人 or 贵州茅台相关人士,
// were tried and dropped: models/speakers/README.md, cue25.)

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
