package segment

import (
	"testing"

	"github.com/go-ego/gse"
)

// FastLoadable reports whether New can take the fast path for words.
func FastLoadable(words []Word) bool {
	known := inBase()
	for _, w := range words {
		if _, ok := known[w.Text]; !ok && w.Text != "" {
			return false
		}
	}
	return true
}

// NewGseForTest builds the dictionary by the fast path or gse's text loader.
func NewGseForTest(words []Word, fast bool) (*gse.Segmenter, error) {
	if fast {
		return newGse(words)
	}
	return newGseText(words)
}

// CheckPrebuilt checks dict.bin against the dictionary built for words.
func CheckPrebuilt(t *testing.T, words []Word) { checkPrebuilt(t, words) }

// LoadPrebuilt loads dict.bin if it was built for words.
func LoadPrebuilt(words []Word) (*gse.Segmenter, bool) { return loadPrebuilt(words) }
