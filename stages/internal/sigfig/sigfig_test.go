package sigfig

import (
	"math"
	"testing"
)

func TestRound(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{
		{0, 0}, {math.NaN(), 0}, {math.Inf(1), 0}, {1.23456789, 1.23457}, {-123456789, -123457000}, {0.000123456789, 0.000123457},
	} {
		if got := Round(tc.in); math.Abs(got-tc.want) > 1e-12*math.Abs(tc.want) {
			t.Errorf("Round(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
