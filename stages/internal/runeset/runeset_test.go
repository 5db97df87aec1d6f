package runeset

import "testing"

func TestSet(t *testing.T) {
	s := Of("中美a😀")
	for _, tc := range []struct {
		r    rune
		want bool
	}{{'中', true}, {'美', true}, {'a', true}, {'😀', true}, {'日', false}, {'b', false}, {'😁', false}, {-1, false}, {0xFFFF, false}, {0x10FFFF, false}} {
		if got := s.Has(tc.r); got != tc.want {
			t.Errorf("Has(%q) = %v, want %v", tc.r, got, tc.want)
		}
	}
	var z Set
	if z.Has('中') || z.Has('😀') {
		t.Error("zero set not empty")
	}
}
