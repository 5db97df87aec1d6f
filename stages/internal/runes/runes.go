// Package runes decodes text to code points the way []rune(s) does,
// into a caller's buffer and faster for Chinese text: the entity and
// quote stages decode every post into buffers they keep between posts.
package runes

import (
	"slices"
	"unicode/utf8"
)

// Append appends the code points of s to dst, as []rune(s) reads them
// (an invalid byte is one utf8.RuneError). ASCII and the three-byte
// characters of Chinese text are decoded inline; the rest as range does.
func Append(dst []rune, s string) []rune {
	dst, _ = Decode(dst, s)
	return dst
}

// Decode is Append, and reports whether s is valid UTF-8.
func Decode(dst []rune, s string) ([]rune, bool) {
	valid := true
	dst = slices.Grow(dst, len(s)/3+1)
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			dst = append(dst, rune(c))
			i++
			continue
		} else if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// Valid unless overlong or a surrogate, which DecodeRune reads
			// as utf8.RuneError.
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
	return dst, valid
}
