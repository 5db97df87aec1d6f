package credits

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

// isLatin reports a letter of the Latin script, accents included
// (Köylü, Maaß, Álvaro).
func isLatin(r rune) bool {
	return (r < 0x250 || (r >= 0x1E00 && r < 0x1F00)) && unicode.IsLetter(r)
}

// isNameDot reports the middle dots of transliterated names (大卫·斯利托).
func isNameDot(r rune) bool {
	switch r {
	case '·', '•', '‧', '・', '．', '･', '∙':
		return true
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' }

// isListSep reports the runes that separate names in a list.
func isListSep(r rune) bool {
	switch r {
	case '、', '，', ',', '/', '／', ';', '；', '&', '＆', '|', '丨', '｜', '：', ':', '＋', '+':
		return true
	}
	return false
}

// closing returns the closing bracket for an opening one, or 0.
func closing(r rune) rune {
	switch r {
	case '（', '(':
		return ')' // either closing form is accepted, see isClose
	case '[':
		return ']'
	case '【':
		return '】'
	case '《':
		return '》'
	case '〈':
		return '〉'
	case '<':
		return '>'
	}
	return 0
}

func isClose(open, r rune) bool {
	switch open {
	case '（', '(':
		return r == ')' || r == '）'
	}
	return r == closing(open)
}

// trimName trims spaces and the decorations that stick to names in credit
// lines: 大纪元 ends editor lines with '#', quotes, stray separators.
func trimName(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		switch r {
		case '#', '＃', '"', '“', '”', '「', '」', '『', '』', '\'', '‘', '’', '*', '-', '—', '–', '.', '。', '~', '～',
			'◇', '◆', '□', '■', '●', '○', '★', '☆', '▲', '△', '▼', '▽', '※', '→', '|', '｜':
			return true
		}
		return unicode.IsSpace(r) || isSpace(r) || isListSep(r) || isNameDot(r) || r == '\u200b' || r == '\ufeff'
	})
}

// nameOpts tunes validName.
type nameOpts struct {
	// loose admits the pseudonyms of blog-like sites ("ykxykx",
	// "大号冲塔"): lower-case Latin and digits.
	loose bool
	// maxHan is the longest Han name without a middle dot; 0 means 6.
	maxHan int
}

// validName reports whether s (already trimmed) can be a person's name as
// credit lines write it: 2 to 6 Han characters (more with a middle dot), or
// one to five capitalised Latin words.
func validName(s string, o nameOpts) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	var han, latin, dots, spaces, digits, other int
	for _, r := range s {
		switch {
		case isHan(r):
			han++
		case isLatin(r):
			latin++
		case isNameDot(r):
			dots++
		case r == ' ':
			spaces++
		case isDigit(r):
			digits++
		case r == '.' || r == '-' || r == '\'' || r == '’' || r == '_':
			other++
		default:
			return false
		}
	}
	if isOneOf(s, stopNames) || isOneOf(s, outlets) {
		return false
	}
	switch {
	case han > 0:
		if latin > 0 || digits > 0 || spaces > 0 || other > 0 {
			return false
		}
		maxHan := o.maxHan
		if maxHan == 0 {
			maxHan = 6
		}
		if dots > 0 {
			maxHan = 16
		}
		if han < 2 || han > maxHan {
			return false
		}
		return hanNameOK(s)
	case latin > 0:
		if dots > 0 {
			return false
		}
		if digits > 0 && !o.loose {
			return false
		}
		return latinNameOK(s, o.loose)
	}
	return false
}

// hanNameOK screens a Han token for the words of organisations, places and
// credit boilerplate.
func hanNameOK(s string) bool {
	if strings.ContainsRune("他她它我你您这這那其该該此本各某每", firstRune(s)) {
		// Pronouns and determiners open sentences, not names.
		return false
	}
	if containsAny(s, orgParts) {
		return false
	}
	n := utf8.RuneCountInString(s)
	if n >= 3 && hasSuffixAny(s, orgEndings) != "" {
		return false
	}
	if n >= 4 && !strings.ContainsFunc(s, isNameDot) {
		// "湖南寧鄉", "廣東順德": a place and a town.
		if p := hasPrefixAny(s, places); utf8.RuneCountInString(p) >= 2 {
			return false
		}
	}
	if placeSuffix(s) == s {
		return false
	}
	return true
}

// particles are the lower-case words inside Western names.
var particles = []string{"von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "bin", "binti", "al", "el", "y", "dos", "das", "ten", "ter", "zu", "of"}

func latinNameOK(s string, loose bool) bool {
	if strings.Contains(s, "  ") || len(s) > 48 {
		return false
	}
	words := 0
	upperWords := 0
	for w := range strings.SplitSeq(s, " ") {
		words++
		if words > 5 || w == "" {
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			upperWords++
		case isOneOf(w, particles) && words > 1:
		case loose:
		default:
			return false
		}
		if strings.Count(w, ".") > 3 {
			return false
		}
	}
	if loose {
		return true
	}
	if words == 1 {
		// A single word: a translator's given name ("Yizi", "Duran"), never
		// an acronym ("ARD", "STR").
		n := utf8.RuneCountInString(s)
		if n < 3 || strings.ToUpper(s) == s {
			return false
		}
	}
	for w := range strings.SplitSeq(s, " ") {
		if isOneOf(w, agencyWords) {
			return false
		}
	}
	return upperWords > 0
}

// eachToken calls fn for the name-like tokens of a list: the text between
// list separators, with bracketed groups skipped ("孟建国(Paul Mozur)" gives
// 孟建国) and spaces splitting Han names but not Latin ones ("许书婷 胡力汉",
// "Jingyi Ma"). Tokens are substrings of s. fn returns false to stop.
func eachToken(s string, fn func(string) bool) {
	start := 0
	emit := func(end int) bool {
		if end > start {
			if t := trimName(s[start:end]); t != "" {
				return fn(t)
			}
		}
		return true
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case closing(r) != 0:
			if !emit(i) {
				return
			}
			j := i + size
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				j += n
				if isClose(r, c) {
					break
				}
			}
			i, start = j, j
			continue
		case isListSep(r) || r == ')' || r == '）' || r == '】' || r == '》':
			if !emit(i) {
				return
			}
			start = i + size
		case r == '和' && latinBeside(s, i, size):
			// "Claire Fu和Albee Zhang", "Amy Qin和赫海威".
			if !emit(i) {
				return
			}
			start = i + size
		case isSpace(r):
			if !latinAround(s, i, size) {
				if !emit(i) {
					return
				}
				start = i + size
			}
		}
		i += size
	}
	emit(len(s))
}

// latinAround reports whether the space at s[i:i+size] sits between two
// parts of one Latin name.
func latinAround(s string, i, size int) bool {
	prev, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s[:i], isSpace))
	next, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s[i+size:], isSpace))
	latinish := func(r rune) bool { return isLatin(r) || r == '.' || r == '\'' || r == '’' }
	return latinish(prev) && latinish(next)
}

// splitConjunction splits "王明和李华" into two names when both halves are
// plausible, since credit lines sometimes join two names with 和, 及 or 与.
func splitConjunction(t string) (string, string, bool) {
	n := utf8.RuneCountInString(t)
	if n < 5 || n > 7 {
		return "", "", false
	}
	for _, c := range [...]string{"和", "及", "与", "與"} {
		i := strings.Index(t, c)
		if i <= 0 {
			continue
		}
		a, b := t[:i], t[i+len(c):]
		na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
		if na >= 2 && na <= 3 && nb >= 2 && nb <= 3 {
			return a, b, true
		}
	}
	return "", "", false
}

// latinBeside reports whether the rune at s[i:i+size] touches a Latin
// letter on either side.
func latinBeside(s string, i, size int) bool {
	prev, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s[:i], isSpace))
	next, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s[i+size:], isSpace))
	return isLatin(prev) || isLatin(next)
}
