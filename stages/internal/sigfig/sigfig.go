// Package sigfig rounds the scores the stages write, so that floating-point
// sums taken in another order, on another machine or in another run do not
// make equal tables differ in their last bits.
package sigfig

import "math"

// Round keeps 6 significant digits; NaN and infinities become 0.
func Round(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	e := math.Pow(10, 5-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*e) / e
}
