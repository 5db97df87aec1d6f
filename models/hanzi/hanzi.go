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
}

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
	return t
})

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
func (t *Tables) Traditional(r rune) bool { return t.trad[r] }

// Simplified reports whether r is written only in simplified script.
func (t *Tables) Simplified(r rune) bool { return t.simp[r] }

// Common reports whether r is among the most frequent Han characters of
// either script.
func (t *Tables) Common(r rune) bool { return t.common[r] }

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
