// Package runeset is a set of runes for questions asked at every character
// of a text: a bit per rune of the Basic Multilingual Plane, a map beyond.
package runeset

// Set is a set of runes. The zero value is empty and ready.
type Set struct {
	bmp  [0x10000 / 64]uint64
	rest map[rune]bool
}

// Add adds r.
func (s *Set) Add(r rune) {
	if r >= 0 && r < 0x10000 {
		s.bmp[r>>6] |= 1 << (r & 63)
		return
	}
	if s.rest == nil {
		s.rest = map[rune]bool{}
	}
	s.rest[r] = true
}

// AddString adds the runes of str.
func (s *Set) AddString(str string) {
	for _, r := range str {
		s.Add(r)
	}
}

// Has reports whether r is in the set.
func (s *Set) Has(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return s.bmp[r>>6]&(1<<(r&63)) != 0
	}
	return s.rest[r]
}

// Of returns the set of the runes of str.
func Of(str string) *Set {
	s := &Set{}
	s.AddString(str)
	return s
}
