package tagger

import (
	"bytes"
	"compress/gzip"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// example builds a clause from text with names in [brackets] and
// characters left out of the loss in {braces}: each character its own
// word, surnames marked as such.
func example(text string) Example {
	var ex Example
	in := &ex.In
	name, unknown := false, false
	start := 0
	for _, r := range text {
		switch r {
		case '{', '}':
			unknown = r == '{'
			continue
		case '[':
			name, start = true, len(in.Runes)
			continue
		case ']':
			name = false
			n := len(in.Runes) - start
			if n == 1 {
				ex.Labels[start] = S
			} else {
				ex.Labels[start], ex.Labels[len(in.Runes)-1] = B, E
			}
			continue
		}
		k := int32(len(in.Runes))
		in.Runes = append(in.Runes, r)
		var c byte
		if strings.ContainsRune("王李张刘陈", r) {
			c = ClassSurname
		}
		if r == '，' || r == '。' {
			c = ClassPunct
		}
		in.Class = append(in.Class, c)
		in.TokStart = append(in.TokStart, k)
		in.TokStop = append(in.TokStop, k+1)
		in.POS = append(in.POS, "")
		in.Lex = append(in.Lex, LexNone)
		in.Ctx = append(in.Ctx, 0)
		l := byte(O)
		switch {
		case name:
			l = I
		case unknown:
			l = Unknown
		}
		ex.Labels = append(ex.Labels, l)
	}
	return ex
}

var trainSet = []string{
	"记者[王小明]说，天气很好。",
	"[李华]表示，他很满意。",
	"部长[张大伟]说，会议很成功。",
	"[刘芳]和[陈强]来到北京。",
	"王府井很热闹。",
	"张家口在河北。",
	"[王芳]说，明天下雨。",
	"[李明亮]表示，价格上涨。",
	"陈列馆开放了。",
	"刘家峡水库很大。",
}

func train(t *testing.T) *Model {
	t.Helper()
	var exs []Example
	for _, s := range trainSet {
		exs = append(exs, example(s))
	}
	return Train(exs, TrainOptions{Epochs: 8, MinCount: 1, Seed: 1, Threshold: 0.5})
}

func spans(m *Model, text string) string {
	ex := example(text)
	var b strings.Builder
	for _, sp := range m.Tag(&ex.In) {
		b.WriteString(string(ex.In.Runes[sp.Start:sp.Stop]) + " ")
	}
	return strings.TrimSpace(b.String())
}

func TestTrainTag(t *testing.T) {
	m := train(t)
	for _, c := range []struct{ text, want string }{
		{"记者王小明说，天气很好。", "王小明"},
		{"王府井很热闹。", ""},
		{"刘芳和陈强来到北京。", "刘芳 陈强"},
	} {
		if got := spans(m, c.text); got != c.want {
			t.Errorf("%s: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestConfidence(t *testing.T) {
	m := train(t)
	ex := example("记者王小明说，天气很好。")
	sps := m.Tag(&ex.In)
	if len(sps) != 1 || sps[0].Conf <= 0.5 || sps[0].Conf > 1 {
		t.Fatalf("spans %+v: want one confident span", sps)
	}
}

func TestWriteReadDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := train(t).WriteText(&a); err != nil {
		t.Fatal(err)
	}
	if err := train(t).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings on the same data wrote different models")
	}
	// Read back, plain and compressed: the same spans and confidences.
	m := train(t)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(a.Bytes())
	zw.Close()
	for _, src := range [][]byte{a.Bytes(), z.Bytes()} {
		r, err := Read(bytes.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if r.Features() != m.Features() || r.Threshold != 0.5 {
			t.Fatalf("read %d features, threshold %v; trained %d", r.Features(), r.Threshold, m.Features())
		}
		for _, s := range trainSet {
			ex := example(strings.NewReplacer("[", "", "]", "").Replace(s))
			x, y := m.Tag(&ex.In), r.Tag(&ex.In)
			if len(x) != len(y) {
				t.Fatalf("%s: trained %v, read back %v", s, x, y)
			}
			for i := range x {
				if x[i].Start != y[i].Start || x[i].Stop != y[i].Stop || x[i].Conf-y[i].Conf > 1e-6 || y[i].Conf-x[i].Conf > 1e-6 {
					t.Fatalf("%s: trained %v, read back %v", s, x, y)
				}
			}
		}
	}
}

func TestReadRejects(t *testing.T) {
	for _, s := range []string{"", "not a model\n", header + "\ntrans\tB\t1\n", header + "\nc0\t\"x\"\t1\t2\n", header + "\nzz\t\"x\"\t1\t2\t3\t4\t5\n"} {
		if _, err := Read(strings.NewReader(s)); err == nil {
			t.Errorf("%q: read without error", s)
		}
	}
}

func TestViterbiValid(t *testing.T) {
	// Random-looking scores: the decoded labels always form whole names.
	sc := make([][nLabels]float32, 9)
	for i := range sc {
		for l := range nLabels {
			sc[i][l] = float32((i*7+l*13)%11) - 5
		}
	}
	var trans [nLabels + 1][nLabels]float32
	labels := viterbi(sc, &trans, new(Scratch))
	prev := nLabels
	for _, l := range labels {
		if !allowed(prev, l) {
			t.Fatalf("labels %v: %d after %d", labels, l, prev)
		}
		prev = l
	}
	if !allowedEnd(prev) {
		t.Fatalf("labels %v end inside a name", labels)
	}
	var r Result
	r.alpha, r.beta, r.z = forwardBackward(sc, &trans, new(Scratch))
	m := marginalsOf(&r)
	for i := range m {
		s := 0.0
		for _, p := range m[i] {
			s += p
		}
		if s < 0.999 || s > 1.001 {
			t.Fatalf("marginals at %d sum to %v", i, s)
		}
	}
}

// TestScoresMatchFeatures holds the fast scorer (arrays for the direct
// templates, the hashed table for the rest) to the sum of the weights of
// every feature that features emits, on a trained model and on the same
// model read back, over clauses with characters the model never saw,
// characters outside the BMP and invalid runes.
func TestScoresMatchFeatures(t *testing.T) {
	m := train(t)
	ref := map[uint64][nLabels]float32{}
	for _, f := range m.named {
		ref[hashOf(f.tmpl, f.value)] = f.w
	}
	var buf bytes.Buffer
	if err := m.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	texts := append([]string{"𠀋王小明说，天气很好。", "张家口在河北，刘芳说。"}, trainSet...)
	for _, text := range texts {
		ex := example(strings.NewReplacer("[", "", "]", "").Replace(text))
		ex.In.Runes[len(ex.In.Runes)/2] = 0xd800 // a surrogate: invalid
		n := len(ex.In.Runes)
		want := make([][nLabels]float32, n)
		var h hasher
		for i := range n {
			features(&ex.In, i, &h, func(k uint64, _ byte, _ []byte) {
				w := ref[k]
				for l := range nLabels {
					want[i][l] += w[l]
				}
			})
		}
		for _, mm := range []*Model{m, r} {
			for _, rg := range [][2]int{{0, n}, {2, n - 1}, {n - 1, n}} {
				got := make([][nLabels]float32, rg[1]-rg[0])
				mm.scores(&ex.In, rg[0], rg[1], got)
				for i := range got {
					for l := range nLabels {
						if d := got[i][l] - want[rg[0]+i][l]; d > 1e-3 || d < -1e-3 {
							t.Fatalf("%s [%d,%d) position %d label %d: score %v, features sum to %v", text, rg[0], rg[1], rg[0]+i, l, got[i][l], want[rg[0]+i][l])
						}
					}
				}
			}
		}
	}
}

// TestConstrained checks the target of partial labels: a valid sequence
// with every known label, the best one under the scores.
func TestConstrained(t *testing.T) {
	m := train(t)
	for _, text := range []string{"{记者王小明}说，天气很好。", "[王芳]说，{张大伟}明天来。", "{刘家峡}水库很大。", "{王}"} {
		ex := example(text)
		n := len(ex.In.Runes)
		sc := make([][nLabels]float32, n)
		m.scores(&ex.In, 0, n, sc)
		got := constrained(sc, &m.trans, ex.Labels)
		total := func(p []int) float32 {
			v, prev := float32(0), nLabels
			for i, l := range p {
				v += m.trans[prev][l] + sc[i][l]
				prev = l
			}
			return v
		}
		prev := nLabels
		for i, l := range got {
			if !allowed(prev, l) || ex.Labels[i] != Unknown && int(ex.Labels[i]) != l {
				t.Fatalf("%s: %v breaks the labels %v at %d", text, got, ex.Labels, i)
			}
			prev = l
		}
		if !allowedEnd(prev) {
			t.Fatalf("%s: %v ends inside a name", text, got)
		}
		// No sequence with the known labels scores higher: try every
		// label at each unknown character (the texts have few).
		var unk []int
		for i, l := range ex.Labels {
			if l == Unknown {
				unk = append(unk, i)
			}
		}
		seq := make([]int, n)
		for i, l := range ex.Labels {
			seq[i] = int(l)
		}
		best := float32(math.Inf(-1))
		var try func(k int)
		try = func(k int) {
			if k == len(unk) {
				p := nLabels
				for _, l := range seq {
					if !allowed(p, l) {
						return
					}
					p = l
				}
				if allowedEnd(p) {
					best = max(best, total(seq))
				}
				return
			}
			for l := range nLabels {
				seq[unk[k]] = l
				try(k + 1)
			}
		}
		try(0)
		if d := total(got) - best; d > 1e-3 || d < -1e-3 {
			t.Errorf("%s: constrained %v scores %g, the best %g", text, got, total(got), best)
		}
	}
}

// TestTrainUnknown checks that characters left out of the loss do not
// teach the model that an unknown name is none: the same clauses with an
// unlisted name labelled O instead make the model less sure of it.
func TestTrainUnknown(t *testing.T) {
	noisy := []string{"记者[王小明]和{陈文涛}来到北京。", "{陈文涛}表示，价格上涨。", "部长{陈文涛}说，会议很成功。", "[李华]和{陈文涛}说，天气很好。"}
	fit := func(masked bool) float64 {
		var exs []Example
		for _, s := range trainSet {
			exs = append(exs, example(s))
		}
		for _, s := range noisy {
			if !masked {
				s = strings.NewReplacer("{", "", "}", "").Replace(s)
			}
			exs = append(exs, example(s))
		}
		m := Train(exs, TrainOptions{Epochs: 8, MinCount: 1, Seed: 1, Threshold: 0.5})
		ex := example("部长陈文涛说，天气很好。")
		r := m.Analyze(&ex.In)
		return r.Conf(2, 5)
	}
	masked, asO := fit(true), fit(false)
	t.Logf("confidence in 陈文涛: %.3f left out of the loss, %.3f labelled O", masked, asO)
	if masked < 0.5 || masked <= asO {
		t.Errorf("confidence in 陈文涛: %.3f left out of the loss, %.3f labelled O", masked, asO)
	}
}

// TestAnalyzeRangeWithReuse tags clauses of different lengths through one
// Scratch, longer ones before shorter: every result equals a fresh
// AnalyzeRange's (the buffers keep nothing of the clause before).
func TestAnalyzeRangeWithReuse(t *testing.T) {
	m := train(t)
	var s Scratch
	texts := []string{"刘芳和陈强来到北京，记者王小明说，天气很好。", "王府井很热闹。", "记者王小明说。", "刘芳和陈强来到北京。", "好。"}
	for round := range 2 {
		for _, text := range texts {
			ex := example(text)
			n := len(ex.In.Runes)
			for _, all := range []bool{true, false} {
				for _, r := range [][2]int{{0, n}, {1, n - 1}, {2, 5}} {
					want := m.AnalyzeRange(&ex.In, r[0], r[1], all)
					got := m.AnalyzeRangeWith(&ex.In, r[0], r[1], all, &s)
					if !slices.Equal(got.Spans, want.Spans) || !slices.Equal(marginalsOf(got), marginalsOf(want)) {
						t.Fatalf("round %d, %s %v all=%v: spans %v marginals %v, want %v %v", round, text, r, all, got.Spans, marginalsOf(got), want.Spans, marginalsOf(want))
					}
				}
			}
		}
		slices.Reverse(texts)
	}
}

// TestLogSumExpExact holds logSumExp, which skips the terms it knows, to
// the sum of every term, bit for bit, over sums like marginals' (two or
// three terms, some -Inf, ties) and degenerate ones.
func TestLogSumExpExact(t *testing.T) {
	inf := math.Inf(1)
	vals := []float64{-inf, inf, math.NaN(), 0, -0.5, 3.25, -17.125, 1e-300, 40, 40.000001}
	n := 0
	for _, a := range vals {
		for _, b := range vals {
			for _, c := range vals {
				for _, xs := range [][]float64{{a}, {a, b}, {a, b, c}} {
					m := math.Inf(-1)
					for _, x := range xs {
						m = math.Max(m, x)
					}
					want := m
					if !math.IsInf(m, -1) {
						want = logSumExpRef(xs, m)
					}
					got := logSumExp(xs)
					if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
						t.Fatalf("logSumExp(%v) = %v, want %v", xs, got, want)
					}
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no sums")
	}
}

// marginalsOf is every marginal probability of r, nil when r has none.
func marginalsOf(r *Result) [][nLabels]float64 {
	if r.alpha == nil {
		return nil
	}
	out := make([][nLabels]float64, len(r.alpha))
	for i := range out {
		for l := range nLabels {
			out[i][l] = r.marg(i, l)
		}
	}
	return out
}

// TestChainSameAsGeneric holds viterbi and forwardBackward, written out
// for the BIES scheme's two kinds of label, to the loops over every pair
// of labels that allowed admits, bit for bit: random scores and
// transitions, some of them -Inf, ties, one position and many.
func TestChainSameAsGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	val := func() float32 {
		switch rng.IntN(12) {
		case 0:
			return float32(math.Inf(-1))
		case 1, 2, 3, 4, 5:
			return float32(rng.IntN(4)) // ties
		}
		return float32(rng.NormFloat64() * 8)
	}
	var s, ref Scratch
	for round := range 3000 {
		n := 1 + rng.IntN(14)
		sc := make([][nLabels]float32, n)
		for i := range sc {
			for l := range nLabels {
				sc[i][l] = val()
			}
		}
		var trans [nLabels + 1][nLabels]float32
		if round%3 != 0 {
			for a := range trans {
				for b := range trans[a] {
					trans[a][b] = val()
				}
			}
		}
		got, want := slices.Clone(viterbi(sc, &trans, &s)), viterbiGeneric(sc, &trans, &ref)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: viterbi %v, want %v", round, got, want)
		}
		ga, gb, gz := forwardBackward(sc, &trans, &s)
		wa, wb, wz := forwardBackwardGeneric(sc, &trans, &ref)
		same := func(x, y float64) bool {
			return math.Float64bits(x) == math.Float64bits(y) || math.IsNaN(x) && math.IsNaN(y)
		}
		if !same(gz, wz) {
			t.Fatalf("round %d: z %v, want %v", round, gz, wz)
		}
		for i := range n {
			for l := range nLabels {
				if !same(ga[i][l], wa[i][l]) || !same(gb[i][l], wb[i][l]) {
					t.Fatalf("round %d, position %d label %d: alpha %v beta %v, want %v %v", round, i, l, ga[i][l], gb[i][l], wa[i][l], wb[i][l])
				}
			}
		}
	}
}

// viterbiGeneric is viterbi as it was written before: every pair of
// labels asked of allowed.
func viterbiGeneric(sc [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, s *Scratch) []int {
	n := len(sc)
	neg := float32(math.Inf(-1))
	delta, back := make([][nLabels]float32, n), make([][nLabels]int8, n)
	for l := range nLabels {
		delta[0][l] = neg
		if allowed(nLabels, l) {
			delta[0][l] = trans[nLabels][l] + sc[0][l]
		}
	}
	for i := 1; i < n; i++ {
		for l := range nLabels {
			best, arg := neg, int8(0)
			for p := range nLabels {
				if !allowed(p, l) || delta[i-1][p] == neg {
					continue
				}
				if v := delta[i-1][p] + trans[p][l]; v > best {
					best, arg = v, int8(p)
				}
			}
			delta[i][l] = best + sc[i][l]
			if best == neg {
				delta[i][l] = neg
			}
			back[i][l] = arg
		}
	}
	best, arg := neg, O
	for l := range nLabels {
		if allowedEnd(l) && delta[n-1][l] > best {
			best, arg = delta[n-1][l], l
		}
	}
	out := make([]int, n)
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
	return out
}

// forwardBackwardGeneric is forwardBackward as it was written before.
func forwardBackwardGeneric(sc [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, s *Scratch) (alpha, beta [][nLabels]float64, z float64) {
	n := len(sc)
	negInf := math.Inf(-1)
	alpha, beta = make([][nLabels]float64, n), make([][nLabels]float64, n)
	for l := range nLabels {
		alpha[0][l] = negInf
		if allowed(nLabels, l) {
			alpha[0][l] = float64(trans[nLabels][l] + sc[0][l])
		}
	}
	var tmp [nLabels]float64
	for i := 1; i < n; i++ {
		for l := range nLabels {
			k := 0
			for p := range nLabels {
				if allowed(p, l) {
					tmp[k] = alpha[i-1][p] + float64(trans[p][l])
					k++
				}
			}
			alpha[i][l] = logSumExp(tmp[:k]) + float64(sc[i][l])
		}
	}
	for l := range nLabels {
		beta[n-1][l] = negInf
		if allowedEnd(l) {
			beta[n-1][l] = 0
		}
	}
	for i := n - 2; i >= 0; i-- {
		for l := range nLabels {
			k := 0
			for nx := range nLabels {
				if allowed(l, nx) {
					tmp[k] = float64(trans[l][nx]+sc[i+1][nx]) + beta[i+1][nx]
					k++
				}
			}
			beta[i][l] = logSumExp(tmp[:k])
		}
	}
	for l := range nLabels {
		if !allowedEnd(l) {
			tmp[l] = negInf
		} else {
			tmp[l] = alpha[n-1][l]
		}
	}
	return alpha, beta, logSumExp(tmp[:])
}
