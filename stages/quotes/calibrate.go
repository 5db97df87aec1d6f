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
// the model on, their wrong answers included whatever the reason.
type Calibration struct {
	// A and B map the best candidate's probability p to σ(A·logit p + B)
	// (Platt scaling); A = 0 leaves p as it is.
	A, B float64
	// Alone is the confidence of a quote whose speaker the rules decide
	// alone, without candidates (an unnamed speaker, 一位士兵说): the share
	// of such quotes the training posts' annotators agreed with. 0 keeps
	// the rule's own figure.
	Alone float64
}

// On says the calibration maps anything.
func (c Calibration) On() bool { return c.A != 0 || c.Alone != 0 }

// confidence is what the column says of a best candidate of probability p.
func (c Calibration) confidence(p float64) float64 {
	if c.A == 0 {
		return p
	}
	return sigmoid(c.A*logit(p) + c.B)
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

// String is the header line's value: "A B ALONE".
func (c Calibration) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }
	return f(c.A) + " " + f(c.B) + " " + f(c.Alone)
}

// parseCalibration reads String's form.
func parseCalibration(s string) (Calibration, error) {
	var c Calibration
	f := strings.Fields(s)
	if len(f) != 3 {
		return c, fmt.Errorf("want A B ALONE, got %q", s)
	}
	var v [3]float64
	for i, x := range f {
		var err error
		if v[i], err = strconv.ParseFloat(x, 64); err != nil || math.IsNaN(v[i]) || math.IsInf(v[i], 0) {
			return c, fmt.Errorf("want A B ALONE, got %q", s)
		}
	}
	c = Calibration{A: v[0], B: v[1], Alone: v[2]}
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

// FitPlatt returns the A and B of Calibration that make right most likely
// under σ(A·logit p + B), p the best candidates' probabilities: Newton's
// method on the logistic loss, with a small pull toward the identity
// (A = 1, B = 0) so that few or separable quotes give a finite map. A and
// B are rounded to 4 digits, for a file that does not move with float
// noise. No quotes, or a map that would not rise: the identity.
func FitPlatt(p []float64, right []bool) (a, b float64) {
	if len(p) == 0 {
		return 1, 0
	}
	const pull = 1.0
	a, b = 1, 0
	z := make([]float64, len(p))
	for i := range p {
		z[i] = logit(p[i])
	}
	for range 100 {
		// Gradient and Hessian of the loss plus pull·((a-1)² + b²)/2.
		ga, gb := pull*(a-1), pull*b
		haa, hab, hbb := pull, 0.0, pull
		for i, zi := range z {
			q := sigmoid(a*zi + b)
			y := 0.0
			if right[i] {
				y = 1
			}
			ga += (q - y) * zi
			gb += q - y
			w := q * (1 - q)
			haa += w * zi * zi
			hab += w * zi
			hbb += w
		}
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a, b = a-da, b-db
		if math.Abs(da) < 1e-12 && math.Abs(db) < 1e-12 {
			break
		}
	}
	if a, b = round4(a), round4(b); !(a > 0) {
		// Confidence falling as the probability rises: the quotes say
		// nothing a map should keep (and A = 0 means none).
		return 1, 0
	}
	return a, b
}

func round4(x float64) float64 {
	if x == 0 {
		return 0
	}
	return math.Round(x*1e4) / 1e4
}
