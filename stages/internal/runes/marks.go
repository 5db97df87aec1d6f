package runes

import (
	"slices"
	"unicode/utf8"
)

// DecodeMarks is Decode that also notes where every step-th code point of
// s begins (step > 0): marks[k] is the byte of code point
// k*step, appended to marks. The quote stage cuts a quote's text from the
// post's string by its code points: the marks made in the decoding's one
// pass over the bytes spare walking the code points again to find them.
func DecodeMarks(dst []rune, s string, marks []int32, step int) ([]rune, []int32, bool) {
	valid := true
	dst = slices.Grow(dst, len(s)/3+1)
	// A mark, then step code points decoded as Decode does: the marks are
	// not touched in the inner loop, which stays as tight as Decode's.
	for i := 0; i < len(s); {
		marks = append(marks, int32(i))
		for end := len(dst) + step; i < len(s) && len(dst) < end; {
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
	}
	return dst, marks, valid
}
