package quotes

import "slices"

// Interviews: a reporter or a host asks, the one interviewed answers, in
// turn (德新社记者提问称，“Q1”斯托尔滕贝格回答说，“A1”。记者问，“Q2”…). The
// asker opens the clause as a role with no name (记者问), so that the
// rules read no subject before the verb and took the name after the
// question, the one who answers it: the interviewee, confidently wrong.
// The gold guide gives an unnamed member speaking for a named body to the
// body: a reporter's question is the interviewing outlet's (德新社), and
// nobody's where the post names none.

// askers are the roles that ask in an interview.
var askers = runesOf([]string{"记者", "主持人"})

// askWords end the clause of an asker's question besides the verbs of
// saying (记者提出，“…”, 记者最后谈到，“…”).
var askWords = runesOf([]string{"问道", "追问", "提问", "询问", "问", "提出", "谈到", "续指"})

// closingMarks close a quote.
var closingMarks = smallOf("”」』’\"")

// askLeads may open the asker's clause before the role (这时主持人问).
var askLeads = runesOf([]string{"这时", "此时", "随后", "接着", "最后", "当"})

// askerBefore reads the clause before a quote's opening mark, ending at b
// (after the colon or comma), in the sentence from sent: an interview's
// asker (记者问, 德新社记者提问称, 记者最后谈到, 记者：) returns the outlet
// it asks for, or nobody, its verb, and true.
func (d *doc) askerBefore(sent, b int) (speaker, string, bool) {
	if b <= sent || b > len(d.norm) {
		return unknown, "", false
	}
	// The clause, after a quote that ends right before it (…”记者追问，“Q”).
	k := d.clauseStart(sent, b)
	for i := b - 1; i >= k; i-- {
		if d.inQuote[i] || closingMarks.has(d.norm[i]) {
			k = i + 1
			break
		}
	}
	k = d.skipSpaces(k, b)
	for _, w := range askLeads {
		if k+len(w) < b && slices.Equal(d.norm[k:k+len(w)], w) {
			k += len(w)
			break
		}
	}
	// An outlet or an organisation naming the asker (德新社记者).
	body := unknown
	if ms := d.mentionsIn(k, b); len(ms) > 0 && ms[0].Start == k {
		m := ms[0]
		if m.Type != "outlet" && m.Type != "organization" {
			return unknown, "", false
		}
		body, k = ofMention(m), d.afterBody(m.Stop, b)
	}
	role := 0
	for _, w := range askers {
		if k+len(w) <= b && slices.Equal(d.norm[k:k+len(w)], w) {
			role = len(w)
			break
		}
	}
	if role == 0 {
		return unknown, "", false
	}
	k += role
	// 记者：“…”: the role as the speaker's label.
	if k == b {
		if b < len(d.norm) && colons.has(d.norm[b]) {
			return d.askedFor(body), "", true
		}
		return unknown, "", false
	}
	// The verb, a few characters after the role at most (记者最后谈到),
	// with no one named between (主持人白岩松表示: the host is named;
	// 记者们问: several).
	end := b
	cue, at := d.cueEndingAt(k, b)
	if cue != "" {
		end = at
	} else if n := d.endingWord(k, b, askWords); n > 0 {
		end = b - n
		cue = string(d.norm[end:b])
	} else {
		return unknown, "", false
	}
	if end-k > 4 || len(d.mentionsIn(k, b)) > 0 {
		return unknown, "", false
	}
	for i := k; i < end; i++ {
		if r := d.norm[i]; isPunct(r) || r == '们' || r == '对' || r == '向' || r == '被' {
			return unknown, "", false
		}
	}
	return d.askedFor(body), cue, true
}

// afterBody passes over what may stand between a body and its reporter,
// before b: a gloss in brackets and 的 (芬克传媒集团（Funke Mediengruppe）的
// 记者).
func (d *doc) afterBody(i, b int) int {
	if i < b && (d.norm[i] == '（' || d.norm[i] == '(') {
		for k := i + 1; k < b && k-i <= 40; k++ {
			if r := d.norm[k]; r == '）' || r == ')' {
				i = k + 1
				break
			} else if isSentenceEnd(r) || r == '\n' {
				break
			}
		}
	}
	if i < b && d.norm[i] == '的' {
		i++
	}
	return i
}

// endingWord returns the length of the first of ws ending at b, not
// before a, or 0.
func (d *doc) endingWord(a, b int, ws [][]rune) int {
	for _, w := range ws {
		if d.endsWith(a, b, w) {
			return len(w)
		}
	}
	return 0
}

// askedFor is the asker's speaker: the body named with it, else the
// post's interviewer, else nobody.
func (d *doc) askedFor(body speaker) speaker {
	if body.typ != "unknown" {
		return body
	}
	if sp, ok := d.interviewer(); ok {
		return sp
	}
	return unknown
}

// interviewer returns the outlet that interviews in the post: the first
// outlet or organisation named as a reporter asking (德新社记者提问称, 央视
// 记者问, 德国之声（DW）的记者问) or as the one whose interview someone
// gives (接受德新社专访, 接受BBC的采访). Only the entity stage's names: read
// by its head word alone, a body's name came out cut (传媒集团 for 德国冯克
// 传媒集团), worse than nobody.
func (d *doc) interviewer() (speaker, bool) {
	for _, m := range d.mentions {
		if (m.Type == "outlet" || m.Type == "organization") && d.interviews(m.Start, m.Stop) {
			return ofMention(m), true
		}
	}
	return unknown, false
}

// interviews reports a body named at [s, e), outside quotes, whose reporter
// asks or whose interview someone gives.
func (d *doc) interviews(s, e int) bool {
	if s < 0 || e > len(d.norm) || d.inQuote[s] {
		return false
	}
	if r := d.afterBody(e, len(d.norm)); runesAt(d.norm, r, "记者") {
		for i := r + 2; i < len(d.norm) && i < r+8; i++ {
			if isPunct(d.norm[i]) {
				break
			}
			if d.norm[i] == '问' {
				return true
			}
		}
		return false
	}
	if s >= 2 && runesAt(d.norm, s-2, "接受") {
		if e < len(d.norm) && d.norm[e] == '的' {
			e++
		}
		return runesAt(d.norm, e, "专访") || runesAt(d.norm, e, "采访")
	}
	return false
}
