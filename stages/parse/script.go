package parse

import (
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/hanzi"
)

// detectScript classifies text as simplified, traditional, english (mostly
// Latin letters) or mixed, by counting the characters that exist in only one
// of the two Chinese scripts. Text with Han characters but none that tell the
// scripts apart is taken as simplified, the majority script of the family.
func detectScript(text string) string {
	t := hanzi.Load()
	var han, latin, trad, simp int
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		switch c := text[i]; {
		case c < utf8.RuneSelf:
		case c >= 0xe4 && c <= 0xe9 && i+2 < len(text) && text[i+1]&0xc0 == 0x80 && text[i+2]&0xc0 == 0x80:
			// U+4000-U+9FFF, most of a post: decoded here, not by a call.
			r, n = rune(c&0x0f)<<12|rune(text[i+1]&0x3f)<<6|rune(text[i+2]&0x3f), 3
		default:
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		i += n
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case isHan(r):
			han++
			if t.Traditional(r) {
				trad++
			} else if t.Simplified(r) {
				simp++
			}
		case r < 0x250 && unicode.IsLetter(r):
			latin++ // Latin letters with diacritics
		}
	}
	switch {
	case han == 0 && latin == 0:
		return ""
	// A Han character carries about as much as a short word: weigh latin
	// letters by an average English word length.
	case han*5 < latin/5:
		return "english"
	case trad+simp == 0:
		return "simplified"
	case trad >= 4*simp:
		return "traditional"
	case simp >= 4*trad:
		return "simplified"
	}
	return "mixed"
}

// isHan is unicode.Is(unicode.Han, r) with the common blocks first.
func isHan(r rune) bool {
	if r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf {
		return true
	}
	return r >= 0x2e80 && unicode.Is(unicode.Han, r)
}
