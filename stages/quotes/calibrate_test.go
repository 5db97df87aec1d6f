package quotes

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// TestFitPlatt checks that the fit finds the map that drew the answers.
func TestFitPlatt(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, want := range [][3]float64{{1, 0, 0}, {0.8, -0.2, 0.5}, {1.3, 0.4, -0.7}} {
		var ps []float64
		var none, right []bool
		for range 30000 {
			z := -4 + 10*r.Float64()
			nobody := r.Float64() < 0.3
			ps = append(ps, sigmoid(z))
			none = append(none, nobody)
			zz := want[0]*z + want[1]
			if nobody {
				zz += want[2]
			}
			right = append(right, r.Float64() < sigmoid(zz))
		}
		a, b, n := FitPlatt(ps, none, right)
		if math.Abs(a-want[0]) > 0.06 || math.Abs(b-want[1]) > 0.08 || math.Abs(n-want[2]) > 0.1 {
			t.Errorf("drawn with A %v B %v None %v: fitted %v %v %v", want[0], want[1], want[2], a, b, n)
		}
	}
	if a, b, n := FitPlatt(nil, nil, nil); a != 1 || b != 0 || n != 0 {
		t.Errorf("no quotes: %v %v %v, want the identity", a, b, n)
	}
	no := make([]bool, 5)
	if a, b, n := FitPlatt([]float64{0.2, 0.4, 0.6, 0.8, 0.9}, no, []bool{true, true, false, false, false}); a != 1 || b != 0 || n != 0 {
		t.Errorf("right less often as p rises: %v %v %v, want the identity", a, b, n)
	}
	// All right, and nobody never best: the pull keeps the map finite.
	if a, b, n := FitPlatt([]float64{0.9, 0.99, 1}, no[:3], []bool{true, true, true}); math.IsInf(a, 0) || math.IsNaN(a) || math.IsNaN(b) || a <= 0 || n != 0 {
		t.Errorf("all right: %v %v %v", a, b, n)
	}
}

// TestCalibrationHeader checks that the header line is written, read back
// the same, and that maps no confidence could mean are refused.
func TestCalibrationHeader(t *testing.T) {
	m, err := Boost(xorExamples(), nil, BoostOptions{Rounds: 4, Depth: 2, Shrink: 0.3, Lambda: 1, MinHess: 0.5, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := Calibration{A: 0.8421, B: -0.1493, Alone: 0.7461, None: 0.35}
	back, same := headerRoundTrip(t, m.Calibrated(c), "# calibration: 0.8421 -0.1493 0.7461 0.35\n")
	if back.Calibration != c || !same {
		t.Errorf("read back %+v, same file %v", back.Calibration, same)
	}
	var b3 bytes.Buffer
	m.WriteTo(&b3)
	if strings.Contains(b3.String(), "# calibration") {
		t.Error("an uncalibrated model wrote a calibration line")
	}
	if old, err := ReadModel(strings.NewReader("# calibration: 0.8 -0.1 0.7\nf\t1\n")); err != nil || old.Calibration != (Calibration{A: 0.8, B: -0.1, Alone: 0.7}) {
		t.Errorf("a line of three (before None): %+v, %v", old, err)
	}
	for _, bad := range []string{"0.8 -0.1", "0.8 -0.1 0.7 0 1", "-0.5 0 0.7 0", "0.8 0 1.5 0", "0.8 x 0.7 0", "0.8 NaN 0.7 0", "0.8 0 0.7 Inf"} {
		if _, err := ReadModel(strings.NewReader("# calibration: " + bad + "\nf\t1\n")); err == nil {
			t.Errorf("calibration %q: no error", bad)
		}
	}
}

// TestCalibratedStage checks what a calibration changes in the stage's
// quotes: the confidence of the model's choices by the map, that of
// quotes the rules decide alone to Alone, and nothing else.
func TestCalibratedStage(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	m := New().model
	c := Calibration{A: 0.5, B: -0.3, Alone: 0.77, None: 0.4}
	// The shipped model's own map left out: plain is the probability.
	plain, cal := NewWithModel(m.Calibrated(Calibration{})), NewWithModel(m.Calibrated(c))
	text := "美国国务卿布林肯7月在印尼会晤中共外长王毅后表示：“中方必须遵守承诺。”王毅则说，“美方应停止干涉。”\n" +
		"他们说：“我们已经三天没有吃饭了。”\n“我们不会让步，”他说。\n社交媒体上有人留言：“没有人知道明天会怎样。”"
	norm, toks, ms := chain(t, text)
	want := plain.Find("doc", text, norm, toks, ms)
	got := cal.Find("doc", text, norm, toks, ms)
	if len(got) != len(want) {
		t.Fatalf("%d quotes calibrated, %d not", len(got), len(want))
	}
	model, nobody, alone := 0, 0, 0
	for i, q := range got {
		w := want[i]
		if q.Speaker != w.Speaker || q.SpeakerEntityID != w.SpeakerEntityID || q.Rule != w.Rule || q.Text != w.Text {
			t.Errorf("quote %d: %+v, uncalibrated %+v", i, q, w)
		}
		switch {
		case strings.Contains(q.Rule, ";model:"):
			model++
			if q.SpeakerType == "unknown" {
				nobody++
			}
			// From the uncalibrated column's 3 decimals: the map's slope
			// is at most A/4 / (p(1-p)) near p, under 0.002 of rounding.
			// Near 1 the map leaves the 3 decimals as they were.
			if e := c.confidence(w.Confidence, w.SpeakerType == "unknown"); math.Abs(q.Confidence-e) > 0.003 || q.Confidence == w.Confidence && w.Confidence < 0.99 {
				t.Errorf("quote %d %q: confidence %v, uncalibrated %v, want about %v", i, q.Text, q.Confidence, w.Confidence, e)
			}
		default:
			alone++
			if q.Confidence != 0.77 {
				t.Errorf("quote %d %q decided by the rules alone (%s): confidence %v, want 0.77", i, q.Text, q.Rule, q.Confidence)
			}
		}
	}
	if model == nobody || nobody == 0 || alone == 0 {
		t.Errorf("%d quotes chosen by the model (%d of them nobody's), %d by the rules alone: want some of each: %+v", model, nobody, alone, got)
	}
}

// TestCalibrationApply checks Apply, which eval and training use, against
// the map, and that reported speech keeps its rule's confidence.
func TestCalibrationApply(t *testing.T) {
	m, err := Boost(xorExamples(), nil, BoostOptions{Rounds: 4, Depth: 2, Shrink: 0.3, Lambda: 1, MinHess: 0.5, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := Calibration{A: 0.7, B: 0.2, Alone: 0.66, None: -0.5}
	mc := m.Calibrated(c)
	ex := xorExamples()[:4]
	var cands [][]Candidate
	for _, e := range ex {
		cands = append(cands, e.Cands)
	}
	cands = append(cands, nil, nil)
	qs := make([]pipeline.Quote, len(cands))
	qs[4] = pipeline.Quote{Kind: "direct", Rule: "cue-before", Confidence: 0.5}
	qs[5] = pipeline.Quote{Kind: "reported", Rule: "reported", Confidence: 0.7}
	Apply(mc, qs, cands)
	for i, e := range ex {
		best, p := m.Rank(e.Cands)
		z := 0.7*logit(p[best]) + 0.2
		if e.Cands[best].None() {
			z -= 0.5
		}
		if want := math.Round(1000*sigmoid(z)) / 1000; qs[i].Confidence != want {
			t.Errorf("quote %d: confidence %v, want %v (p %v)", i, qs[i].Confidence, want, p[best])
		}
	}
	if qs[4].Confidence != 0.66 || qs[5].Confidence != 0.7 {
		t.Errorf("decided alone %v (want 0.66), reported %v (want 0.7)", qs[4].Confidence, qs[5].Confidence)
	}
	// Nobody best at p = σ(1), and a name best at the same p: None's term
	// tells them apart.
	lin, err := ReadModel(strings.NewReader("f\t1\n"))
	if err != nil {
		t.Fatal(err)
	}
	two := []pipeline.Quote{{Kind: "direct"}, {Kind: "direct"}}
	Apply(lin.Calibrated(c), two, [][]Candidate{
		{{Type: "unknown", Features: []string{"f"}}, {Surface: "甲", Type: "person"}},
		{{Type: "unknown"}, {Surface: "甲", Type: "person", Features: []string{"f"}}},
	})
	if want := math.Round(1000*sigmoid(0.7+0.2-0.5)) / 1000; two[0].Confidence != want || two[0].SpeakerType != "unknown" {
		t.Errorf("nobody best: %+v, want confidence %v", two[0], want)
	}
	if want := math.Round(1000*sigmoid(0.7+0.2)) / 1000; two[1].Confidence != want || two[1].Speaker != "甲" {
		t.Errorf("a name best: %+v, want confidence %v", two[1], want)
	}
}

// headerRoundTrip writes m, which must hold the header line line, reads it
// back and says whether the model read writes the same file.
func headerRoundTrip(t *testing.T, m *Model, line string) (back *Model, same bool) {
	t.Helper()
	var b bytes.Buffer
	m.WriteTo(&b)
	if !strings.Contains(b.String(), line) {
		t.Fatalf("no line %q in\n%.300s", line, b.String())
	}
	back, err := ReadModel(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var b2 bytes.Buffer
	back.WriteTo(&b2)
	return back, b2.String() == b.String()
}
