package runes

import (
	"slices"
	"unicode/utf8"
)

// DecodeMarks is Decode that also notes where every step-th code point of
// s begins (step a power of two): marks[k] is the byte of code point
// k*step, appended to marks. The quote stage cuts a quote's text from the
// post's string by its code points: the marks made in the decoding's one
// pass over the bytes spare walking the code points again to find them.
func DecodeMarks(dst []rune, s string, marks []int32, step int) ([]rune, []int32, bool) {
	valid := true
	base, mask := len(dst), step-1
	dst = slices.Grow(dst, len(s)/3+1)
	for i := 0; i < len(s); {
		if (len(dst)-base)&mask == 0 {
			marks = append(marks, int32(i))
		}
		if c := s[i]; c < utf8.RuneSelf {
			dst = append(dst, rune(c))
			i++
			continue
		} else if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				dst = append(dst, r)
				i += 3
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		valid = valid && (r != utf8.RuneError || n > 1)
		dst = append(dst, r)
		i += n
	}
	return dst, marks, valid
}
