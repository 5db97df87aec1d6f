// Package hanzi holds the character tables that tell simplified from
// traditional script and convert one to the other character by character.
//
// The tables are generated from OpenCC's dictionaries and gse's word
// frequencies (go generate; see gen.go), embedded, parsed once and read-only
// afterwards. Character-level conversion keeps one code point for one code
// point, so offsets found in converted text point into the original.
package hanzi

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate go run gen.go

var (
	//go:embed t2s.tsv
	t2sTSV string
	//go:embed traditional.txt
	tradTxt string
	//go:embed simplified.txt
	simpTxt string
	//go:embed common.txt
	commonTxt string
)

// Tables is the parsed form of the embedded files.
type Tables struct {
	t2s    map[rune]rune
	trad   map[rune]bool
	simp   map[rune]bool
	common map[rune]bool
	// flags holds the same sets for the common range of Han characters
	// as one byte per code point: a map lookup per character is the
	// hot spot of script detection.
	flags [flagHi - flagLo]uint8
}

const (
	flagLo = 0x3400 // CJK Extension A
	flagHi = 0xa000 // end of the Unified Ideographs block

	isTrad   = 1
	isSimp   = 2
	isCommon = 4
)

// Load parses the embedded tables once.
var Load = sync.OnceValue(func() *Tables {
	t := &Tables{
		t2s:    map[rune]rune{},
		trad:   runeSet(tradTxt),
		simp:   runeSet(simpTxt),
		common: runeSet(commonTxt),
	}
	for line := range strings.Lines(t2sTSV) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		a, b, ok := strings.Cut(strings.TrimRight(line, "\n"), "\t")
		if !ok {
			continue
		}
		ra, _ := utf8.DecodeRuneInString(a)
		rb, _ := utf8.DecodeRuneInString(b)
		t.t2s[ra] = rb
	}
	for set, f := range map[*map[rune]bool]uint8{&t.trad: isTrad, &t.simp: isSimp, &t.common: isCommon} {
		for r := range *set {
			if r >= flagLo && r < flagHi {
				t.flags[r-flagLo] |= f
			}
		}
	}
	return t
})

func (t *Tables) has(r rune, f uint8, m map[rune]bool) bool {
	if r >= flagLo && r < flagHi {
		return t.flags[r-flagLo]&f != 0
	}
	return r >= 0x20000 && m[r]
}

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for line := range strings.Lines(s) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		r, n := utf8.DecodeRuneInString(line)
		if n > 0 && r != utf8.RuneError && r != '\n' {
			m[r] = true
		}
	}
	return m
}

// Traditional reports whether r is written only in traditional script.
func (t *Tables) Traditional(r rune) bool { return t.has(r, isTrad, t.trad) }

// Simplified reports whether r is written only in simplified script.
func (t *Tables) Simplified(r rune) bool { return t.has(r, isSimp, t.simp) }

// Common reports whether r is among the most frequent Han characters of
// either script.
func (t *Tables) Common(r rune) bool { return t.has(r, isCommon, t.common) }

// ToSimplified converts one character; characters without a simplified form
// are returned unchanged.
func (t *Tables) ToSimplified(r rune) rune {
	if s, ok := t.t2s[r]; ok {
		return s
	}
	return r
}

// StringToSimplified converts s character by character: the result has as
// many code points as s, each at the same index.
func (t *Tables) StringToSimplified(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(t.ToSimplified(r))
	}
	return b.String()
}

// Checksum identifies the tables' content, for the metadata of a run's output.
func Checksum() string {
	h := sha256.New()
	for _, s := range []string{t2sTSV, tradTxt, simpTxt, commonTxt} {
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
