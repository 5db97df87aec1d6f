package quotes

import "testing"

// TestScannedCoversReportedCues checks that reportedCues skips no
// character it reads: every sentence end, '.', Latin letter and first
// character of a verb of saying is in Stage.scanned, and a Han character
// that is none of them is not.
func TestScannedCoversReportedCues(t *testing.T) {
	s := NewWithModel(nil)
	for r := rune(0); r < 0x10000; r++ {
		want := isSentenceEnd(r) || r == '.' || isLatin(r) || s.verbFirst.Has(r)
		if got := s.scanned.Has(r); got != want {
			t.Fatalf("scanned.Has(%q) = %v, want %v", r, got, want)
		}
	}
	for _, r := range "说表。.aZé" {
		if !s.scanned.Has(r) {
			t.Errorf("scanned.Has(%q) = false", r)
		}
	}
	for _, r := range "中国的，" {
		if s.scanned.Has(r) {
			t.Errorf("scanned.Has(%q) = true", r)
		}
	}
}
