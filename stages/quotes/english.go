package quotes

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline"
)

// English-language posts (and English passages of Chinese ones) quote the
// way English news does: “…,” said X; X said: “…”; according to X. The
// entity stage proposes few Latin names and the rules read Chinese verbs of
// saying only, so for a quote whose surroundings are mostly Latin script
// the speaker model gets its candidates and cues from the text itself:
// runs of capitalised words, and English verbs of saying. They feed the
// same features as Chinese text (cue_subject, b_cue, a_cue, pronoun|agree),
// so that a model fitted on Chinese gold weighs them too, and the rules'
// features are left out: the rules cannot read English, so their silence
// says nothing.

// latinWindow reports whether [a, b) is mostly Latin letters: at least
// twice as many as Han characters, and 40 at least. Where the Latin
// letters are is read once per post (none kept when the post has fewer
// than 40); the Han characters are counted only in a window with 40.
//
// The last answer is kept: a quote's window is asked about twice
// (englishUnnamed, then quoteContext).
func (d *doc) latinWindow(a, b int) bool {
	if w := &d.enWin; w.set && w.a == a && w.b == b {
		return w.en
	}
	en := d.readLatinWindow(a, b)
	d.enWin = latinAnswer{a: a, b: b, en: en, set: true}
	return en
}

// latinIn counts the Latin letters in [a, b) (latinAt read).
func (d *doc) latinIn(a, b int) int {
	i, _ := slices.BinarySearch(d.latinAt, int32(a))
	j, _ := slices.BinarySearch(d.latinAt[i:], int32(b))
	return j
}

// latinAnswer is an answer of latinWindow for [a, b).
type latinAnswer struct {
	a, b    int
	en, set bool
}

// readLatinWindow is latinWindow without the kept answer.
func (d *doc) readLatinWindow(a, b int) bool {
	if d.latinAt == nil {
		if d.fewLatin {
			return false
		}
		total := 0
		for _, r := range d.norm {
			if isLatin(r) {
				if total++; total == 40 {
					break
				}
			}
		}
		if total < 40 {
			d.fewLatin = true
			return false
		}
		// In the doc's scratch, reused for the next post (release).
		at := d.scratch.latinAt[:0]
		for i, r := range d.norm {
			if isLatin(r) {
				at = append(at, int32(i))
			}
		}
		d.scratch.latinAt, d.latinAt = at, at
	}
	lat := d.latinIn(a, b)
	if lat < 40 {
		return false
	}
	if other := b - a - lat; lat >= 2*other {
		return true // the Han characters are among the others
	}
	han := 0
	for _, r := range d.norm[a:b] {
		if isHan(r) {
			han++
		}
	}
	return lat >= 2*han
}

// enCues are English verbs of saying, as whole lower-case words.
var enCues = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"explained": true, "explains": true, "wrote": true, "writes": true, "stated": true, "states": true,
	"argued": true, "argues": true, "noted": true, "notes": true, "insisted": true, "insists": true,
	"warned": true, "warns": true, "declared": true, "declares": true, "asked": true, "asks": true,
	"replied": true, "replies": true, "claimed": true, "claims": true, "commented": true, "recalled": true,
	"recalls": true, "continued": true, "stressed": true, "acknowledged": true, "admitted": true,
	"concluded": true, "observed": true, "tweeted": true, "posted": true, "according": true,
	"announced": true, "suggested": true, "suggests": true, "believes": true, "thinks": true,
	"emphasised": true, "emphasized": true, "described": true, "describes": true, "put": true,
	"phrases": true, "phrased": true, "remarked": true, "responded": true, "shouted": true,
}

// enWord returns the Latin word starting at i (letters, inner apostrophes
// and hyphens), or "" when i does not start one.
func (d *doc) enWord(i int) string {
	return string(d.norm[i:d.enWordEnd(i)])
}

// enWordEnd returns where the Latin word starting at i ends (enWord), or i
// when i does not start one: enWord without making a string.
func (d *doc) enWordEnd(i int) int {
	if i >= len(d.norm) || !isLatin(d.norm[i]) || i > 0 && (isLatin(d.norm[i-1]) || unicode.IsDigit(d.norm[i-1])) {
		return i
	}
	e := i
	for e < len(d.norm) && (isLatin(d.norm[e]) || e > i && e+1 < len(d.norm) && wordJoins.has(d.norm[e]) && isLatin(d.norm[e+1])) {
		e++
	}
	return e
}

// isWordFold reports the runes r spelling w (ASCII) in any case.
func isWordFold(r []rune, w string) bool {
	if len(r) != len(w) {
		return false
	}
	for i, c := range r {
		if unicode.ToLower(c) != rune(w[i]) {
			return false
		}
	}
	return true
}

// enCueAt returns the length of an English verb of saying starting at i
// outside quotes, or 0. The verbs are found once per post (enCues).
func (d *doc) enCueAt(i int) int {
	if i >= len(d.inQuote) || d.inQuote[i] || i >= len(d.norm) {
		return 0
	}
	if d.enCue == nil {
		d.scratch.enCue = resized(d.scratch.enCue, len(d.norm))
		d.enCue = d.scratch.enCue
		for k := 0; k < len(d.norm); k++ {
			if !isLatin(d.norm[k]) || k > 0 && (isLatin(d.norm[k-1]) || unicode.IsDigit(d.norm[k-1])) {
				continue
			}
			e := k
			for e < len(d.norm) && e-k <= 12 && isLatin(d.norm[e]) {
				e++
			}
			if e-k > 12 || e < len(d.norm) && isLatin(d.norm[e]) {
				continue
			}
			if n := d.enCueWord(k, e); n > 0 {
				d.enCue[k] = uint8(n)
			}
			k = e - 1
		}
	}
	return int(d.enCue[i])
}

// enCueWord returns the length of the verb of saying that is the word
// [k, e), or 0.
func (d *doc) enCueWord(k, e int) int {
	// The word in lower case (as strings.ToLower writes it), in a kept
	// buffer: the map lookup with string(b) makes no string.
	b := d.verbBuf[:0]
	for _, r := range d.norm[k:e] {
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	d.verbBuf = b
	if !enCues[string(b)] {
		return 0
	}
	if according := string(b) == "according"; according || string(b) == "put" || string(b) == "phrases" || string(b) == "phrased" {
		// according to X; as X put it.
		rest := string(d.norm[e:min(len(d.norm), e+4)])
		if according && !strings.HasPrefix(rest, " to") || !according && !strings.HasPrefix(rest, " it") {
			return 0
		}
	}
	return e - k
}

// enCueNear reports an English verb of saying within n characters from i
// (up to b), with no sentence punctuation between: X said, X, who …, told.
func (d *doc) enCueNear(i, b, n int) bool {
	for k := i; k < b && k-i <= n; k++ {
		if r := d.norm[k]; r == '\n' || r == '.' || r == '“' || r == '"' || r == ':' || r == ';' || isHan(r) {
			return false
		}
		if d.enCueAt(k) > 0 {
			return true
		}
	}
	return false
}

// enCueBefore reports an English verb of saying within n characters before
// i, back to a: said X, according to X.
func (d *doc) enCueBefore(a, i, n int) bool {
	for k := i - 1; k >= a && i-k <= n; k-- {
		if r := d.norm[k]; r == '\n' || r == '.' || r == '”' || r == '"' || isHan(r) {
			return false
		}
		if d.enCueAt(k) > 0 {
			return true
		}
	}
	return false
}

// enPronoun returns 他 or 她 for an English "he"/"she" speaking in [a, b)
// (he said, she told), or 0.
func (d *doc) enPronoun(a, b int) rune {
	for k := a; k < b; k++ {
		r := d.norm[k:d.enWordEnd(k)]
		she := isWordFold(r, "she")
		if !she && !isWordFold(r, "he") {
			continue
		}
		if d.enCueNear(k+len(r), b, 12) {
			if she {
				return '她'
			}
			return '他'
		}
	}
	return 0
}

// enTitles are words before a name that are not part of it.
var enTitles = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Mr.": true, "President": true, "Prime": true, "Minister": true,
	"Senator": true, "Sen": true, "Professor": true, "Prof": true, "Sir": true, "General": true, "Gen": true,
	"Secretary": true, "Chancellor": true, "King": true, "Queen": true, "Prince": true, "Judge": true,
	"Governor": true, "Gov": true, "Rep": true, "Representative": true, "Ambassador": true, "Chairman": true,
	"Director": true, "Spokesman": true, "Spokeswoman": true, "Foreign": true, "Defence": true, "Defense": true,
	"Vice": true, "Premier": true, "Mayor": true, "Colonel": true, "Captain": true, "Lord": true, "Lady": true,
	"Pope": true, "Father": true, "Bishop": true, "Rev": true, "Chief": true, "Executive": true, "Officer": true,
}

// enStop are capitalised words that are no names: sentence openers,
// pronouns, days, months.
var enStop = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true, "I": true,
	"You": true, "In": true, "On": true, "At": true, "But": true, "And": true, "Or": true, "If": true, "As": true,
	"This": true, "That": true, "These": true, "Those": true, "There": true, "Their": true, "His": true, "Her": true,
	"Its": true, "Our": true, "My": true, "When": true, "While": true, "After": true, "Before": true, "Since": true,
	"For": true, "From": true, "With": true, "Without": true, "By": true, "To": true, "Of": true, "So": true,
	"Yet": true, "However": true, "Although": true, "Though": true, "Still": true, "Now": true, "Then": true,
	"What": true, "Why": true, "How": true, "Who": true, "Where": true, "Which": true, "Some": true, "Many": true,
	"Most": true, "All": true, "One": true, "Two": true, "Last": true, "Next": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true,
	"Sunday": true, "January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
	"Despite": true, "Even": true, "Such": true, "Both": true, "Not": true, "No": true, "According": true,
	"Under": true, "Over": true, "During": true, "Because": true, "Among": true, "Between": true, "Like": true,
	"Yes": true, "Also": true, "Only": true, "Just": true, "Another": true, "Other": true, "Each": true,
	"Every": true, "Here": true, "Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Later": true, "Earlier": true,
	"Meanwhile": true, "Instead": true, "Indeed": true, "Today": true, "Yesterday": true, "Speaking": true, "Asked": true,
	"Writing": true, "Few": true, "Several": true, "Nevertheless": true, "Nonetheless": true, "Moreover": true,
}

// enLinks join capitalised words into one name (Ministry of Foreign
// Affairs, Thomas de Waal, Mohammad bin Salman); not "and", which joins
// two names as often as it makes one.
var enLinks = map[string]bool{"of": true, "de": true, "van": true, "von": true, "bin": true, "al": true, "da": true, "di": true, "del": true, "la": true, "le": true, "for": true, "the": true, "du": true, "der": true}

// enOrgHeads end organisations' names.
var enOrgHeads = map[string]bool{
	"Foundation": true, "Watch": true, "Office": true, "Ministry": true, "Council": true, "Committee": true,
	"Party": true, "Agency": true, "Commission": true, "University": true, "Institute": true, "Association": true,
	"Union": true, "Bank": true, "Group": true, "Court": true, "Department": true, "Government": true,
	"Times": true, "Post": true, "News": true, "Journal": true, "Network": true, "Center": true, "Centre": true,
	"International": true, "Organization": true, "Organisation": true, "Company": true, "Corporation": true,
	"Inc": true, "Ltd": true, "Administration": true, "Authority": true, "Bureau": true, "Service": true,
	"Army": true, "Navy": true, "Police": true, "Parliament": true, "Congress": true, "Senate": true,
	"Assembly": true, "Forum": true, "Project": true, "Campaign": true, "Movement": true, "Federation": true,
	"Alliance": true, "Board": true, "Club": true, "Fund": true, "Media": true, "Press": true, "Magazine": true,
	"Review": true, "Television": true, "Radio": true, "Daily": true, "Weekly": true, "Tribune": true,
	"Guardian": true, "Economist": true, "Reuters": true, "Cabinet": true, "House": true, "Church": true,
	"School": true, "College": true, "Society": true, "Trust": true, "Observatory": true,
}

// latinName is a run of capitalised words outside quotes.
type latinName struct {
	span [2]int
	name string
	typ  string
}

// latinNames returns, once per post, the runs of capitalised Latin words
// outside quotes (titles and openers trimmed), each surname read as the
// fullest name in the post that ends with it.
//
// A run is read only where a Latin word starts with a capital letter
// (upStarts), and its words are looked up as bytes in a buffer on the
// stack: a Chinese post with a few such words costs a few lookups, and a
// name's string is made for a run kept alone, most often a part of the
// post's own string (textOf).
func (d *doc) latinNames() []latinName {
	if d.latinRead {
		return d.latin
	}
	out := d.scratch.latin[:0]
	ups, _ := d.latinStarts()
	norm := d.norm
	n := len(norm)
	var kb [64]byte
	// key is the word [a, b) in UTF-8 in kb, for lookups in maps of
	// strings that make no string (m[string(key)]).
	key := func(w [2]int) []byte {
		k := kb[:0]
		for _, r := range norm[w[0]:w[1]] {
			k = utf8.AppendRune(k, r)
		}
		return k
	}
	capsAt := func(k int) bool { return k < n && d.enWordEnd(k) > k && unicode.IsUpper(norm[k]) }
	// Each run's words (where each begins and ends), in an array reused
	// from run to run and post to post.
	words := d.scratch.words[:0]
	end := 0
	for _, i32 := range ups {
		i := int(i32)
		if i < end || d.inQuote[i] || i > 0 && unicode.IsDigit(norm[i-1]) || d.insideWord(i) {
			continue
		}
		// The run: capitalised words joined by single spaces and links.
		words = words[:0]
		k, e := i, d.enWordEnd(i)
		for {
			words = append(words, [2]int{k, e})
			k = e
			if k+1 >= n || norm[k] != ' ' {
				break
			}
			ne := d.enWordEnd(k + 1)
			if ne == k+1 || d.inQuote[k+1] {
				break
			}
			if enLinks[string(key([2]int{k + 1, ne}))] {
				if ne+1 < n && norm[ne] == ' ' && capsAt(ne+1) {
					words = append(words, [2]int{k + 1, ne})
					k = ne + 1
					e = d.enWordEnd(k)
					continue
				}
				break
			}
			if !unicode.IsUpper(norm[k+1]) {
				break
			}
			k, e = k+1, ne
		}
		end = k
		last := len(words) - 1
		for _, suffix := range [2][2]rune{{'’', 's'}, {'\'', 's'}} {
			if w := &words[last]; w[1]-w[0] >= 2 && norm[w[1]-2] == suffix[0] && norm[w[1]-1] == suffix[1] {
				w[1] -= 2
			}
		}
		// Trim openers and titles in front (and words the post also writes
		// in lower case: More, Few), links at the end.
		a := 0
		for ; a < len(words); a++ {
			w := words[a]
			k := key(w)
			if !(enStop[string(k)] || enTitles[string(k)] || enLinks[string(k)] || d.lowerRunes(norm[w[0]:w[1]], k) ||
				a+1 < len(words) && w[1]-w[0] >= 2 && norm[w[1]-2] == 'l' && norm[w[1]-1] == 'y') {
				break
			}
		}
		b := len(words)
		for b > a && enLinks[string(key(words[b-1]))] {
			b--
		}
		if a >= b {
			continue
		}
		last = b - 1
		// The name is the text [s, e): its words stand one space apart.
		s, e := words[a][0], words[last][1]
		if e-s < 2 || d.namedAt(s, e) || b-a == 1 && demonymKey(key(words[a])) {
			continue
		}
		// One word opening a sentence is only a name if the post writes it
		// capitalised inside a sentence too (Japarov said …, not However …
		// or Reporters …).
		if b-a == 1 && d.opensSentence(s) && !d.capitalisedInside(norm[s:e]) {
			continue
		}
		// A place: In Taipei, in Washington, from Beijing.
		if a > 0 && enPlacePreps[string(lowerKey(key(words[a-1])))] || a == 0 && d.afterPlacePrep(s) {
			continue
		}
		typ := "person"
		if w := words[last]; enOrgHeads[string(key(w))] || w[1]-w[0] >= 2 && allUpper(norm[w[0]:w[1]]) {
			typ = "organization"
		}
		out = append(out, latinName{span: [2]int{s, e}, name: d.normText(s, e), typ: typ})
	}
	d.scratch.words = words[:0]
	d.latin, d.latinRead = out, true
	d.latinFull = latinFullNames(out, d.mentions)
	return out
}

// insideWord reports the capital at i inside a word that starts before it
// (Nahyan in al-Nahyan): a Latin word runs on past a hyphen or an
// apostrophe between letters, and a reading of the post word by word
// never starts one at i.
func (d *doc) insideWord(i int) bool {
	norm := d.norm
	for i >= 2 && wordJoins.has(norm[i-1]) && isLatin(norm[i-2]) {
		k := i - 2
		for k > 0 && isLatin(norm[k-1]) {
			k--
		}
		// k starts a word unless a digit is before it: then the reading
		// of words starts one after the next hyphen.
		if !d.inQuote[k] && (k == 0 || !unicode.IsDigit(norm[k-1]) || k >= 2 && wordJoins.has(norm[k-1]) && isLatin(norm[k-2])) {
			return true
		}
		i = k
	}
	return false
}

// latinStarts returns where the Latin words starting with a capital
// letter and with a lower-case one begin (upStarts, lowStarts), read by
// reportedCues' pass or else here, once.
func (d *doc) latinStarts() (ups, lows []int32) {
	if !d.startsRead {
		ups, lows = d.scratch.upStarts[:0], d.scratch.lowStarts[:0]
		for i, r := range d.norm {
			if isLatin(r) && (i == 0 || !isLatin(d.norm[i-1])) {
				ups, lows = noteLatinStart(ups, lows, d.norm, i)
			}
		}
		d.scratch.upStarts, d.scratch.lowStarts = ups, lows
		d.upStarts, d.lowStarts, d.startsRead = ups, lows, true
	}
	return d.upStarts, d.lowStarts
}

// noteLatinStart notes the Latin letter at i, after no Latin letter, in
// ups if it is a capital and in lows if it is a lower-case letter after no
// digit (where enWordEnd starts a word).
func noteLatinStart(ups, lows []int32, norm []rune, i int) ([]int32, []int32) {
	if r := norm[i]; unicode.IsUpper(r) {
		ups = append(ups, int32(i))
	} else if unicode.IsLower(r) && (i == 0 || !unicode.IsDigit(norm[i-1])) {
		lows = append(lows, int32(i))
	}
	return ups, lows
}

// normText returns the normalised text [a, b) as a string: a part of the
// post's own string where the text there is the same (textOf).
func (d *doc) normText(a, b int) string {
	if slices.Equal(d.norm[a:b], d.text[a:b]) {
		return d.textOf(a, b)
	}
	return string(d.norm[a:b])
}

// allUpper reports runes that upper case leaves the same (strings.ToUpper).
func allUpper(r []rune) bool {
	for _, c := range r {
		if unicode.ToUpper(c) != c {
			return false
		}
	}
	return true
}

// lowerKey lowers the UTF-8 word k in place (ASCII letters; others as
// strings.ToLower), for lookups.
func lowerKey(k []byte) []byte {
	for _, c := range k {
		if c >= utf8.RuneSelf {
			return []byte(strings.ToLower(string(k)))
		}
	}
	for i, c := range k {
		if 'A' <= c && c <= 'Z' {
			k[i] = c + 'a' - 'A'
		}
	}
	return k
}

// latinFullNames maps a surname alone to the fullest name ending with it
// (Japarov → Sadyr Japarov), and a first name alone to the one full name
// starting with it where the post writes no other (Ian 說 → Ian Lambot;
// not when Ian Lambot and Ian Smith both appear). The entity stage's
// people count for first names too (their names are not runs): a name of
// theirs keeps its entity.
func latinFullNames(runs []latinName, ms []pipeline.Mention) map[string]speaker {
	full := map[string]speaker{}
	for _, x := range runs {
		if x.typ != "person" || !strings.Contains(x.name, " ") {
			continue
		}
		last := x.name[strings.LastIndex(x.name, " ")+1:]
		if f, ok := full[last]; !ok || len(x.name) > len(f.surface) {
			full[last] = speaker{surface: x.name, typ: "person"}
		}
	}
	first := map[string]speaker{}
	addFirst := func(sp speaker) {
		w, _, ok := strings.Cut(sp.surface, " ")
		if !ok || w == "" || w[0] >= utf8.RuneSelf {
			return
		}
		if f, ok := first[w]; ok && f.surface != sp.surface {
			first[w] = speaker{}
		} else if !ok || sp.entityID != "" {
			first[w] = sp
		}
	}
	for _, x := range runs {
		if x.typ == "person" {
			addFirst(speaker{surface: x.name, typ: "person"})
		}
	}
	for _, m := range ms {
		if m.Type == "person" {
			addFirst(speaker{surface: m.Name, entityID: m.EntityID, typ: "person"})
		}
	}
	for w, f := range first {
		if _, ok := full[w]; !ok && f.surface != "" {
			full[w] = f
		}
	}
	return full
}

// fullLatin is the fullest name a Latin-script person's name stands for.
func (d *doc) fullLatin(sp speaker) speaker {
	if d.latinFull == nil {
		if !d.latinRead && !d.spacedCapital() {
			// No capitalised Latin word after another: no run holds a full
			// name, and the entity stage's people alone give the map
			// latinNames would make, without reading the post's words.
			d.latinFull = latinFullNames(nil, d.mentions)
		} else {
			d.latinNames()
		}
	}
	if f, ok := d.latinFull[sp.surface]; ok {
		return f
	}
	return sp
}

// spacedCapital reports a capital letter after a space after something
// other than a space or a Han character: every run of two or more Latin
// words (Ian Lambot, Daniel R. Russel, Luz María de la Mora) has one.
func (d *doc) spacedCapital() bool {
	for k := 1; k+1 < len(d.norm); k++ {
		if d.norm[k] == ' ' && d.norm[k-1] != ' ' && !isHan(d.norm[k-1]) && unicode.IsUpper(d.norm[k+1]) {
			return true
		}
	}
	return false
}

// skipBack returns where the stretch of spaces and opening punctuation
// before i begins.
func (d *doc) skipBack(i int) int {
	for i > 0 && openersSpaces.has(d.norm[i-1]) {
		i--
	}
	return i
}

// latinFemale are common women's first names in English-language news.
var latinFemale = map[string]bool{
	"Mary": true, "Anna": true, "Anne": true, "Ann": true, "Jessica": true, "Sarah": true, "Sara": true,
	"Elizabeth": true, "Jennifer": true, "Linda": true, "Susan": true, "Karen": true, "Nancy": true,
	"Lisa": true, "Emily": true, "Emma": true, "Hillary": true, "Kamala": true, "Angela": true, "Theresa": true,
	"Ursula": true, "Nicola": true, "Maria": true, "Marie": true, "Catherine": true, "Katherine": true,
	"Kate": true, "Laura": true, "Julia": true, "Helen": true, "Rachel": true, "Rebecca": true, "Sophie": true,
	"Claire": true, "Jane": true, "Janet": true, "Margaret": true, "Michelle": true, "Melissa": true,
	"Amy": true, "Alice": true, "Victoria": true, "Christine": true, "Sophia": true, "Olivia": true,
	"Natalia": true, "Carrie": true, "Agnes": true, "Joanna": true, "Yulia": true, "Svetlana": true,
	"Samantha": true, "Madeleine": true, "Nikki": true, "Liz": true, "Bebe": true, "Andrea": true, "Sharon": true,
}

// latinFemaleName reports a Latin name whose first word is a woman's.
func latinFemaleName(name string) bool {
	first, _, _ := strings.Cut(name, " ")
	return latinFemale[first]
}

// enAbbrev are abbreviations whose full stop ends no sentence.
var enAbbrev = []string{"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "vs", "etc", "Gen", "Col", "Lt", "Sen", "Rep", "Gov", "Prof", "No", "Inc", "Ltd", "Co"}

// latinStop reports whether the full stop at k ends an English sentence:
// after a word of two letters or more that is no abbreviation, before a
// space, a line's end or a closing quotation mark; or after a closing mark
// or bracket that follows a letter, before a space.
func (d *doc) latinStop(k int) bool {
	if k >= 2 && closersParen.has(d.norm[k-1]) && isLatin(d.norm[k-2]) {
		// the headline “No more patience”. Analysts …
		return k+1 == len(d.norm) || spaceBreak.has(d.norm[k+1])
	}
	if k < 2 || !unicode.IsLower(d.norm[k-1]) || !isLatin(d.norm[k-2]) {
		return false
	}
	if k+1 < len(d.norm) && !afterStop.has(d.norm[k+1]) {
		return false
	}
	a := k - 1
	for a > 0 && isLatin(d.norm[a-1]) {
		a--
	}
	for _, w := range enAbbrev {
		if runesAre(d.norm[a:k], w) {
			return false
		}
	}
	return true
}

// runesAre reports whether r spells the ASCII word w.
func runesAre(r []rune, w string) bool {
	if len(r) != len(w) {
		return false
	}
	for i := range r {
		if r[i] != rune(w[i]) {
			return false
		}
	}
	return true
}

// englishContext completes c, the context of a quote in English text whose
// clause before runs [cs, p), with the English cues around it: a verb of
// saying right before (he declared: “…”), in the clause after (“…,” she
// said), a pronoun speaking, the verb governing the quote.
func (d *doc) englishContext(c *quoteCtx, p, after, cs, open int) {
	if !c.cueBefore && d.enCueBefore(c.sent, p, 25) {
		c.cueBefore = true
	}
	if !c.cueAfter && d.enCueNear(after, c.sentEnd, 30) {
		c.cueAfter = true
	}
	if c.pronoun == 0 {
		c.pronoun = d.enPronoun(cs, p)
	}
	if c.pronoun == 0 {
		c.pronoun = d.enPronoun(after, min(c.sentEnd, after+25))
	}
	if c.gov < 0 {
		for k := open - 1; k >= c.sent; k-- {
			if d.enCueAt(k) > 0 {
				c.gov = k
				break
			}
		}
	}
}

// latinCandidates adds the Latin names in [lo, hi) as candidates.
func (d *doc) latinCandidates(lo, hi int, get func(speaker) *cand) {
	for _, x := range d.latinNames() {
		if x.span[0] < lo || x.span[0] >= hi {
			continue
		}
		sp := speaker{surface: x.name, typ: x.typ}
		if x.typ == "person" {
			sp = d.fullLatin(sp)
		}
		c := get(sp)
		c.occ = append(c.occ, x.span)
		slices.SortFunc(c.occ, byOccStart)
	}
}

// englishCueSubjects marks the candidates named as speaking at an English
// verb of saying in [lo, hi) (X said, X, a professor at Y, says; said X;
// according to X), and the one at the verb governing the quote.
func (d *doc) englishCueSubjects(cs []*cand, lo, hi int, ctx quoteCtx) {
	gov := -1
	if ctx.gov >= 0 && d.enCueAt(ctx.gov) > 0 {
		gov = ctx.gov
	}
	for _, c := range cs {
		for _, o := range c.occ {
			if o[0] < lo || o[1] > hi || d.inQuote[o[0]] {
				continue
			}
			if d.enCueNear(o[1], hi, 40) || d.enCueBefore(lo, o[0], 15) {
				c.cue = true
			}
			if gov >= 0 && (o[1] <= gov && gov-o[1] <= 40 && d.enCueNear(o[1], gov+1, 40) || o[0] > gov && o[0]-gov <= 15 && d.enCueBefore(gov, o[0], 15)) {
				c.gov = true
			}
		}
	}
}

// enDemonyms are words for peoples that the endings below miss.
var enDemonyms = map[string]bool{"German": true, "Germans": true, "French": true, "Dutch": true, "Greek": true, "Swiss": true, "Czech": true,
	"Thai": true, "Cuban": true, "Afghan": true, "Pakistani": true, "Iraqi": true, "Israeli": true, "Saudi": true, "Kuwaiti": true,
	"Qatari": true, "Emirati": true, "Yemeni": true, "Bangladeshi": true, "Nepali": true, "Somali": true, "Western": true, "Eastern": true}

// demonymKey reports the word spelt k a word for a people or a language
// (Egyptian, Japanese, Republicans), which speaks for no one in
// particular; k, not a string, as latinNames looks words up.
func demonymKey(k []byte) bool {
	if enDemonyms[string(k)] {
		return true
	}
	for _, e := range []string{"ian", "ians", "ican", "ean", "ese", "ish", "ans"} {
		if len(k) > len(e)+2 && string(k[len(k)-len(e):]) == e {
			return true
		}
	}
	return false
}

// lowerWord reports whether the post writes w in lower case too, as a
// word: then capitalised it opens a sentence or a title (More, Few).
func (d *doc) lowerWord(w string) bool {
	return d.lowerRunes([]rune(w), []byte(w))
}

// fewLower is the most lower-case words a post writes for lowerRunes to
// compare a word with each of them rather than index them: most Chinese
// posts write none or a few.
const fewLower = 48

// lowerRunes is lowerWord of the word w, spelt k in UTF-8.
func (d *doc) lowerRunes(w []rune, k []byte) bool {
	var buf [16]rune
	lr := buf[:0]
	same := true
	for _, r := range w {
		l := unicode.ToLower(r)
		same = same && l == r
		lr = append(lr, l)
	}
	if same || len(lr) == 0 {
		return false
	}
	if _, lows := d.latinStarts(); d.lower == nil && len(lows) <= fewLower {
		for _, i32 := range lows {
			if i := int(i32); d.norm[i] == lr[0] && i+len(lr) <= len(d.norm) && slices.Equal(d.norm[i:i+len(lr)], lr) && d.enWordEnd(i) == i+len(lr) {
				return true
			}
		}
		return false
	}
	if x, ok := d.lowerSeen[string(k)]; ok {
		return x // each capitalised word is asked about again at each run of names
	}
	if d.lowerSeen == nil {
		d.lowerSeen = takeMap(&d.scratch.lowerSeen)
	}
	if d.lower == nil {
		d.lower = d.lowerWords()
	}
	x := d.lower.hasRunes(d.norm, lr)
	d.lowerSeen[string(k)] = x
	return x
}

// lowerIndex holds the Latin words a post writes starting with a
// lower-case letter (enWordEnd), by their first letter: an English post
// asks lowerWord about many words, and a word is compared with those of
// its first letter alone, without a string made for every word of the
// post.
type lowerIndex struct {
	// off: the words starting with letter b ('a'+b; 26 for any other)
	// are words[off[b]:off[b+1]].
	off   [28]int32
	words [][2]int32 // where each starts and ends
}

// lowerBucket is the bucket of words starting with r.
func lowerBucket(r rune) int {
	if r >= 'a' && r <= 'z' {
		return int(r - 'a')
	}
	return 26
}

// lowerWords reads the post's lower-case words into its index, once.
func (d *doc) lowerWords() *lowerIndex {
	x := &d.scratch.lower
	all := d.scratch.lowerAll[:0]
	var count [28]int32
	_, lows := d.latinStarts()
	for _, i32 := range lows {
		i := int(i32)
		all = append(all, [2]int32{i32, int32(d.enWordEnd(i))})
		count[lowerBucket(d.norm[i])+1]++
	}
	d.scratch.lowerAll = all
	for b := 1; b < len(count); b++ {
		count[b] += count[b-1]
	}
	x.off = count
	x.words = resized(x.words, len(all))
	for _, w := range all {
		b := lowerBucket(d.norm[w[0]])
		x.words[count[b]] = w
		count[b]++
	}
	return x
}

// hasRunes reports whether the index holds the word lr.
func (x *lowerIndex) hasRunes(norm []rune, lr []rune) bool {
	if len(lr) == 0 {
		return false
	}
	b := lowerBucket(lr[0])
	for _, w := range x.words[x.off[b]:x.off[b+1]] {
		if int(w[1]-w[0]) == len(lr) && slices.Equal(norm[w[0]:w[1]], lr) {
			return true
		}
	}
	return false
}

// enIndefinite open a speaker the text leaves unnamed: says a retired
// ambassador, one official said.
var enIndefinite = map[string]bool{"a": true, "an": true, "one": true, "another": true, "some": true, "several": true, "many": true}

// englishUnnamed reports an English quote whose speaker the text leaves
// unnamed (“…,” says a retired Chinese ambassador; A senior official
// said: “…”): as 一位官员说 in Chinese, the rules decide alone, nobody.
// Not a spokesman, who speaks for the body named with him.
func (d *doc) englishUnnamed(qi int) bool {
	q := d.quotes[qi]
	n := len(d.norm)
	if !d.latinWindow(max(0, q.Start-candBefore), min(n, q.Stop+candAfter)) {
		return false
	}
	indefinite := func(k, b int) bool {
		k = d.skipSpaces(k, b)
		w := d.enWord(k)
		if !enIndefinite[strings.ToLower(w)] {
			return false
		}
		e := k
		for e < b && !enClauseStops.has(d.norm[e]) {
			e++
		}
		return !strings.Contains(strings.ToLower(string(d.norm[k:e])), "spokes")
	}
	// After the quote: the first verb of saying in its clause.
	after := min(n, q.Stop+1)
	for k := after; k < n && k-after < 30 && !enSentenceStops.has(d.norm[k]); k++ {
		if c := d.enCueAt(k); c > 0 {
			return indefinite(k+c, min(n, k+c+60))
		}
	}
	// Before it: a clause opened by the unnamed speaker.
	open := max(0, q.Start-1)
	p := open
	for p > 0 && enColonComma.has(d.norm[p-1]) {
		p--
	}
	// A headline, a title or a word as such (under the headline “No more
	// patience”, the word “so-called”): nobody is said to speak it.
	w := p
	for w > 0 && isLatin(d.norm[w-1]) {
		w--
	}
	if enNamingWords[strings.ToLower(string(d.norm[w:p]))] {
		return true
	}
	cs := d.clauseStart(d.sentStart(open), p)
	return indefinite(cs, p) && d.enCueBefore(cs, p, p-cs)
}

// enNamingWords before a quote name what is quoted rather than say who
// said it.
var enNamingWords = map[string]bool{"headline": true, "headlined": true, "titled": true, "entitled": true, "slogan": true, "word": true, "phrase": true, "term": true, "hashtag": true, "banner": true}

// enPlacePreps put a place after them, not a speaker.
var enPlacePreps = map[string]bool{"in": true, "at": true, "from": true, "into": true, "near": true, "across": true, "throughout": true}

// opensSentence reports a word at s that opens a sentence or paragraph.
func (d *doc) opensSentence(s int) bool {
	// Past a paragraph's number too: (13) Reporters, 2. Analysts.
	k := s
	for k > 0 && leadingNoise.has(d.norm[k-1]) {
		k--
	}
	return k == 0 || d.norm[k-1] == '\n' || d.sentStart(s) >= d.skipBack(s)
}

// capitalisedInside reports whether the post writes r capitalised, as a
// whole word, somewhere other than at a sentence's start.
//
// Only where a Latin word starts with a capital letter can r match: those
// places are found once per post (upStarts), rather than the whole post
// scanned for every name.
func (d *doc) capitalisedInside(r []rune) bool {
	if len(r) == 0 {
		return false
	}
	ups, _ := d.latinStarts()
	for _, i32 := range ups {
		i := int(i32)
		if i+len(r) > len(d.norm) || d.norm[i] != r[0] || !slices.Equal(d.norm[i:i+len(r)], r) || i+len(r) < len(d.norm) && isLatin(d.norm[i+len(r)]) {
			continue
		}
		if !d.opensSentence(i) {
			return true
		}
	}
	return false
}

// afterPlacePrep reports a place preposition right before s: in, at,
// from, to (but not according to).
func (d *doc) afterPlacePrep(s int) bool {
	w := d.wordBefore(s)
	if w == "to" {
		return d.wordBefore(s-3) != "according"
	}
	return enPlacePreps[w]
}

// wordBefore returns the Latin word right before s (one space between),
// in lower case, or "".
func (d *doc) wordBefore(s int) string {
	if s < 2 || d.norm[s-1] != ' ' || !isLatin(d.norm[s-2]) {
		return ""
	}
	a := s - 2
	for a > 0 && isLatin(d.norm[a-1]) {
		a--
	}
	return strings.ToLower(string(d.norm[a : s-1]))
}
