package parse

import (
	"testing"
	"unicode"
)

// TestNoSpaceAboveIdeographicSpace holds addText's shortcut to the Unicode
// tables the build uses: no rune above U+3000 is a space.
func TestNoSpaceAboveIdeographicSpace(t *testing.T) {
	if !unicode.IsSpace(0x3000) {
		t.Fatal("U+3000 is not a space")
	}
	for r := rune(0x3001); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) {
			t.Fatalf("%U is a space: addText's shortcut is wrong", r)
		}
	}
}
