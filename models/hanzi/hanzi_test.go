package hanzi

import (
	"testing"
	"unicode/utf8"
)

func TestTables(t *testing.T) {
	tb := Load()
	for _, tc := range []struct {
		r          rune
		trad, simp bool
		to         rune
	}{
		{'國', true, false, '国'},
		{'国', false, true, '国'},
		{'灣', true, false, '湾'},
		{'臺', true, false, '台'},
		{'台', false, false, '台'},
		{'中', false, false, '中'},
		{'a', false, false, 'a'},
	} {
		if got := tb.Traditional(tc.r); got != tc.trad {
			t.Errorf("Traditional(%c) = %v", tc.r, got)
		}
		if got := tb.Simplified(tc.r); got != tc.simp {
			t.Errorf("Simplified(%c) = %v", tc.r, got)
		}
		if got := tb.ToSimplified(tc.r); got != tc.to {
			t.Errorf("ToSimplified(%c) = %c", tc.r, got)
		}
	}
	if !tb.Common('的') || !tb.Common('們') || tb.Common('㑮') {
		t.Error("common set wrong")
	}
}

func TestStringToSimplifiedKeepsOffsets(t *testing.T) {
	tb := Load()
	in := "中央社記者陳至中台北26日電，蔡英文總統表示「臺灣」"
	out := tb.StringToSimplified(in)
	if utf8.RuneCountInString(in) != utf8.RuneCountInString(out) {
		t.Fatalf("rune count changed: %q -> %q", in, out)
	}
	if want := "中央社记者陈至中台北26日电，蔡英文总统表示「台湾」"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
