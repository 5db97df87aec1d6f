package quotes

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// lowerMap is lowerWord's map as it was read before its index: every
// Latin word of the text that starts with a lower-case letter.
func lowerMap(d *doc) map[string]bool {
	m := map[string]bool{}
	var buf []byte
	for i := range d.norm {
		if e := d.enWordEnd(i); e > i && unicode.IsLower(d.norm[i]) {
			buf = buf[:0]
			for _, r := range d.norm[i:e] {
				buf = utf8.AppendRune(buf, r)
			}
			m[string(buf)] = true
		}
	}
	return m
}

// TestLowerWordSearch checks lowerWord's index, and its direct reading of
// a post's few lower-case words, against the map of every lower-case word.
func TestLowerWordSearch(t *testing.T) {
	texts := []string{
		"More Egyptian voters said “enough is enough” in the streets, and more were to come.",
		"The well-known mayor, who isn’t here, said More. mORE more3 x-ray X-Ray 2more café Café ÉCOLE école",
		"中国外交部发言人more表示，Few people know few. 他说few",
		"tail word at the end: lastword",
		"Über über ÜBER Straße straße",
		// More lower-case words than fewLower: read into the index.
		strings.Repeat("the quick brown fox jumps over lazy dogs; ", 8) + "More more Few. 他说few",
	}
	words := []string{"More", "Few", "Enough", "Is", "Streets", "Were", "Come", "Egyptian", "Voters",
		"Well-known", "Well", "Known", "Isn’t", "Isn", "Here", "Said", "X-ray", "X-Ray", "Ray", "Café", "École", "Ore",
		"Know", "People", "Lastword", "Word", "Über", "Straße", "Tail", "End", "At", "The", "Mayor", "Who", "Ore3", "More3"}
	for _, text := range texts {
		want := lowerMap(newDoc(rulesOnly(), text, text, nil, nil))
		// One doc asks every word.
		d := newDoc(rulesOnly(), text, text, nil, nil)
		for _, w := range words {
			lw := strings.ToLower(w)
			exp := lw != w && want[lw]
			if got := d.lowerWord(w); got != exp {
				t.Errorf("%q: lowerWord(%q) = %v, want %v", text, w, got, exp)
			}
			// Each word alone too.
			if got := newDoc(rulesOnly(), text, text, nil, nil).lowerWord(w); got != exp {
				t.Errorf("%q: alone, lowerWord(%q) = %v, want %v", text, w, got, exp)
			}
		}
		// The index is read for a post with many lower-case words alone.
		if many := len(d.lowStarts) > fewLower; many != (d.lower != nil) {
			t.Errorf("%q: %d lower-case words, index read %v", text, len(d.lowStarts), d.lower != nil)
		}
	}
}
