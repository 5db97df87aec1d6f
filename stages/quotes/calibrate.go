package quotes

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Calibration maps what the model says to the confidence column. The
// softmax's probability of the best candidate is right only if the right
// speaker is among the candidates: it is not for about one quote in
// thirteen (a name the entity stage missed), so the probability
// overstates how often the model is right, most in the middle (a quote at
// 0.75 was right 68% of the time, cross-validated on the extra posts). A
// temperature cannot mend that: it scales every candidate, and by
// likelihood the scale is right. The map is fitted on quotes nobody fitted
// the model on, their wrong answers included whatever the reason. Nobody
// (NONE, the speaker `?`) as the best candidate is right less often than a
// name at the same probability (the term fitted is about −0.6): it has a
// term of its own.
type Calibration struct {
	// A and B map the best candidate's probability p to σ(A·logit p + B)
	// (Platt scaling), plus None when the best candidate is nobody; A = 0
	// leaves p as it is.
	A, B, None float64
	// Alone is the confidence of a quote whose speaker the rules decide
	// alone, without candidates (an unnamed speaker, 一位士兵说): the share
	// of such quotes the training posts' annotators agreed with. 0 keeps
	// the rule's own figure.
	Alone float64
}

// On says the calibration maps anything.
func (c Calibration) On() bool { return c.A != 0 || c.Alone != 0 }

// confidence is what the column says of a best candidate of probability
// p, none when it is nobody.
func (c Calibration) confidence(p float64, none bool) float64 {
	if c.A == 0 {
		return p
	}
	z := c.A*logit(p) + c.B
	if none {
		z += c.None
	}
	return sigmoid(z)
}

// logitClamp keeps logit finite: a softmax's best probability rounds to 1
// in float64 for score gaps beyond about 37.
const logitClamp = 1e-9

func logit(p float64) float64 {
	p = min(max(p, logitClamp), 1-logitClamp)
	return math.Log(p / (1 - p))
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// alone sets the confidence of q, a quote without candidates: the rules
// decided its speaker alone, or it is reported speech (whose confidence,
// unmeasured, stays the rule's).
func (c Calibration) alone(q *pipeline.Quote) {
	if c.Alone > 0 && q.Kind != "reported" {
		q.Confidence = math.Round(c.Alone*1000) / 1000
	}
}

// String is the header line's value: "A B ALONE NONE".
func (c Calibration) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }
	return f(c.A) + " " + f(c.B) + " " + f(c.Alone) + " " + f(c.None)
}

// parseCalibration reads String's form, or "A B ALONE" (None 0) as files
// written before None had a term.
func parseCalibration(s string) (Calibration, error) {
	var c Calibration
	f := strings.Fields(s)
	if len(f) != 3 && len(f) != 4 {
		return c, fmt.Errorf("want A B ALONE NONE, got %q", s)
	}
	var v [4]float64
	for i, x := range f {
		var err error
		if v[i], err = strconv.ParseFloat(x, 64); err != nil || math.IsNaN(v[i]) || math.IsInf(v[i], 0) {
			return c, fmt.Errorf("want A B ALONE NONE, got %q", s)
		}
	}
	c = Calibration{A: v[0], B: v[1], Alone: v[2], None: v[3]}
	if c.A < 0 || c.Alone < 0 || c.Alone > 1 {
		return c, fmt.Errorf("want A of 0 or more (a confidence that rises with the model's probability) and ALONE in [0, 1], got %q", s)
	}
	return c, nil
}

// Calibrated returns m with calibration c: the speakers it chooses are
// the same, only their confidence changes.
func (m *Model) Calibrated(c Calibration) *Model {
	x := *m
	x.Calibration = c
	return &x
}

// FitPlatt returns the A, B and None of Calibration that make right most
// likely under σ(A·logit p + B + None·[nobody]), p the best candidates'
// probabilities and none whether each is nobody: Newton's method on the
// logistic loss, with a small pull toward the identity (A = 1, B = None =
// 0) so that few or separable quotes give a finite map. The three are
// rounded to 4 digits, for a file that does not move with float noise. No
// quotes, or a map that would not rise with p: the identity.
func FitPlatt(p []float64, none, right []bool) (a, b, n float64) {
	if len(p) == 0 {
		return 1, 0, 0
	}
	const pull = 1.0
	w := [3]float64{1, 0, 0} // a, b, n
	x := make([][3]float64, len(p))
	for i := range p {
		x[i] = [3]float64{logit(p[i]), 1, 0}
		if none[i] {
			x[i][2] = 1
		}
	}
	for range 100 {
		// Gradient and Hessian of the loss plus pull·|w − (1, 0, 0)|²/2.
		g := [3]float64{pull * (w[0] - 1), pull * w[1], pull * w[2]}
		var h [3][3]float64
		for k := range 3 {
			h[k][k] = pull
		}
		for i, xi := range x {
			q := sigmoid(w[0]*xi[0] + w[1]*xi[1] + w[2]*xi[2])
			y := 0.0
			if right[i] {
				y = 1
			}
			for k := range 3 {
				g[k] += (q - y) * xi[k]
				for l := range 3 {
					h[k][l] += q * (1 - q) * xi[k] * xi[l]
				}
			}
		}
		d, ok := solve3(h, g)
		if !ok {
			break
		}
		for k := range 3 {
			w[k] -= d[k]
		}
		if math.Abs(d[0])+math.Abs(d[1])+math.Abs(d[2]) < 1e-12 {
			break
		}
	}
	if a, b, n = round4(w[0]), round4(w[1]), round4(w[2]); !(a > 0) {
		// Confidence falling as the probability rises: the quotes say
		// nothing a map should keep (and A = 0 means none).
		return 1, 0, 0
	}
	return a, b, n
}

// solve3 solves h·d = g by Gaussian elimination with partial pivoting;
// false when h is singular.
func solve3(h [3][3]float64, g [3]float64) ([3]float64, bool) {
	for c := range 3 {
		piv := c
		for r := c + 1; r < 3; r++ {
			if math.Abs(h[r][c]) > math.Abs(h[piv][c]) {
				piv = r
			}
		}
		if math.Abs(h[piv][c]) < 1e-300 {
			return g, false
		}
		h[c], h[piv] = h[piv], h[c]
		g[c], g[piv] = g[piv], g[c]
		for r := c + 1; r < 3; r++ {
			f := h[r][c] / h[c][c]
			for k := c; k < 3; k++ {
				h[r][k] -= f * h[c][k]
			}
			g[r] -= f * g[c]
		}
	}
	var d [3]float64
	for r := 2; r >= 0; r-- {
		t := g[r]
		for k := r + 1; k < 3; k++ {
			t -= h[r][k] * d[k]
		}
		d[r] = t / h[r][r]
	}
	return d, true
}

func round4(x float64) float64 {
	if x == 0 {
		return 0
	}
	return math.Round(x*1e4) / 1e4
}
