// Package lbfgs fits the stages' trained weights (the speaker model, the
// decision over proposed names) the one way both need: L-BFGS from zero
// with fixed stopping rules, the weights rounded so that the model files
// are the same on any machine that computes them to that precision.
package lbfgs

import (
	"math"
	"strconv"

	"gonum.org/v1/gonum/optimize"
)

// Fit minimises loss over n weights from zero and returns them rounded
// (Round6). loss returns the value at w and, when grad is not nil, writes
// the gradient there.
func Fit(n int, loss func(w, grad []float64) float64) ([]float64, error) {
	p := optimize.Problem{
		Func: func(w []float64) float64 { return loss(w, nil) },
		Grad: func(grad, w []float64) { loss(w, grad) },
	}
	res, err := optimize.Minimize(p, make([]float64, n), &optimize.Settings{
		GradientThreshold: 1e-6,
		MajorIterations:   2000,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-9, Relative: 1e-9, Iterations: 50},
	}, &optimize.LBFGS{})
	if err != nil && res == nil {
		return nil, err
	}
	w := make([]float64, n)
	for i, x := range res.X {
		w[i] = Round6(x)
	}
	return w, nil
}

// Round6 keeps six significant digits and makes weights under 1e-6 zero.
func Round6(x float64) float64 {
	if math.Abs(x) < 1e-6 {
		return 0
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 6, 64), 64)
	return v
}
