package quotes

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// xorExamples are quotes whose right speaker is the candidate with exactly
// one of "a" and "b" (either alone, not both): no linear model of the two
// features ranks them right, trees of depth 2 do.
func xorExamples() []Example {
	var ex []Example
	for i := range 60 {
		none := Candidate{Type: "unknown", Features: []string{"none"}}
		both := Candidate{Surface: "甲", Type: "person", Features: []string{"a", "b"}}
		one := Candidate{Surface: "乙", Type: "person", Features: []string{"a"}}
		if i%2 == 1 {
			one.Features = []string{"b"}
		}
		ex = append(ex, Example{Cands: []Candidate{none, both, one}, Gold: []int{2}})
		if i%3 == 0 {
			// Neither alone: nobody.
			ex = append(ex, Example{Cands: []Candidate{none, both}, Gold: []int{0}})
		}
	}
	return ex
}

func TestBoostLearnsWhatLinearCannot(t *testing.T) {
	o := BoostOptions{Rounds: 40, Depth: 2, Shrink: 0.3, Lambda: 1, MinHess: 0.5, MinCount: 1}
	m, err := Boost(xorExamples(), nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if m.Trees() != 40 {
		t.Errorf("%d trees, want 40", m.Trees())
	}
	for i, e := range xorExamples() {
		if best, p := m.Rank(e.Cands); best != e.Gold[0] || p[best] < 0.6 {
			t.Errorf("example %d: best %d (p %v), want %d", i, best, p, e.Gold[0])
			break
		}
	}
	// The same examples give the same file, and the file reads back to
	// the same scores, trees included.
	m2, _ := Boost(xorExamples(), nil, o)
	var b1, b2 bytes.Buffer
	m.WriteTo(&b1)
	m2.WriteTo(&b2)
	if b1.String() != b2.String() {
		t.Fatal("two boosts differ")
	}
	if !strings.Contains(b1.String(), "tree|0|+") {
		t.Errorf("no tree leaves in the file:\n%s", b1.String())
	}
	r, err := ReadModel(strings.NewReader(b1.String()))
	if err != nil {
		t.Fatal(err)
	}
	if r.Trees() != 40 {
		t.Fatalf("read back %d trees", r.Trees())
	}
	for _, e := range xorExamples()[:4] {
		for _, c := range e.Cands {
			if got, want := r.Score(c), m.Score(c); got != want {
				t.Errorf("%v: read back %v, fitted %v", c.Features, got, want)
			}
		}
	}
	// Fewer trees score less sharply; none leaves the base (zero).
	if s := m.Truncate(0).Score(xorExamples()[0].Cands[2]); s != 0 {
		t.Errorf("no trees: score %v", s)
	}
	// A blend halves both parts.
	lin := &Model{w: map[string]float64{"a": 2}}
	bl := Blend(lin, m, 0.5)
	c := xorExamples()[0].Cands[2]
	if got, want := bl.Score(c), 0.5*lin.Score(c)+0.5*m.Score(c); got < want-1e-4 || got > want+1e-4 {
		t.Errorf("blend score %v, want %v", got, want)
	}
}

func TestReadTreeErrors(t *testing.T) {
	for _, bad := range []string{"tree|x|+a\t1\n", "tree|0|a\t1\n", "tree|0\t1\n", "f\t1\ntree|1|+a\t1\n"} {
		if _, err := ReadModel(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestTreesAsItGoes: with trees in the model, the stage (which keeps no
// features) chooses and scores as Apply over the features does.
func TestTreesAsItGoes(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	texts := []string{
		"美国国务卿布林肯7月在印尼会晤中共外长王毅后表示：“中方必须遵守承诺。”王毅则说，“美方应停止干涉。”\n“我们不会让步，”他说。",
		"白宫表示：“总统已听取汇报。”该声明说：“总统感谢现场应急人员的杰出努力。”",
		"她在接受采访时说：“我很高兴。”艾梅柏·希尔德表示，自己忍受了“太多的情感、言语及肢体虐待”。",
	}
	// Trees fitted to the rules' own choices over these texts' candidates.
	var ex []Example
	var docs []*pipeline.Doc
	for _, text := range texts {
		norm, toks, ms := chain(t, text)
		d := &pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms}
		docs = append(docs, d)
		_, cands := rulesOnly().Candidates(d)
		for _, cs := range cands {
			for i, c := range cs {
				if strings.Contains(strings.Join(c.Features, " "), "rule") || i == len(cs)-1 {
					ex = append(ex, Example{Cands: cs, Gold: []int{i}})
					break
				}
			}
		}
	}
	lin, err := Fit(ex, FitOptions{L2: 1, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	trees, err := Boost(ex, nil, BoostOptions{Rounds: 5, Depth: 2, Shrink: 0.5, Lambda: 1, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	m := Blend(lin, trees, 0.5)
	if len(m.tf) == 0 {
		t.Fatal("the trees split on nothing: the test would not test them")
	}
	s := NewWithModel(m)
	for _, d := range docs {
		want, cands := s.Candidates(d)
		Apply(m, want, cands)
		got := s.Find("doc", d.Post.Text, d.Norm, d.Tokens, d.Mentions)
		sameAsApply(t, got, want)
	}
}

// TestTreeNodesSameAsLeaves: the trees laid out as nodes add, for every set
// of the split features, what the walk of their leaves adds; leaves that
// form no tree (a hand-written file) are walked.
func TestTreeNodesSameAsLeaves(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	feats := []string{"a", "b", "c", "d", "e", "f"}
	var ex []Example
	for range 200 {
		var cs []Candidate
		for range 4 {
			var c Candidate
			for _, f := range feats {
				if rng.IntN(2) == 0 {
					c.Features = append(c.Features, f)
				}
			}
			cs = append(cs, c)
		}
		ex = append(ex, Example{Cands: cs, Gold: []int{rng.IntN(4)}})
	}
	fitted, err := Boost(ex, nil, BoostOptions{Rounds: 20, Depth: 3, Shrink: 0.3, Lambda: 1, MinHess: 0.5, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	if fitted.roots == nil || len(fitted.roots) != fitted.Trees() {
		t.Fatalf("a fitted model's trees not laid out as nodes: %d roots, %d trees", len(fitted.roots), fitted.Trees())
	}
	// Two leaves that test different features first, and a tree whose
	// leaves do not cover every case.
	hand, err := ReadModel(strings.NewReader("x\t0.5\ntree|0|+a&+b\t1\ntree|0|+c\t2\ntree|1|+a\t3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if hand.roots != nil {
		t.Error("leaves testing different features first were laid out as a tree")
	}
	gapped, err := ReadModel(strings.NewReader("x\t0.5\ntree|0|+a&+b\t1\ntree|0|-a\t2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if gapped.roots == nil {
		t.Error("a tree with a case no leaf holds was not laid out")
	}
	for _, m := range []*Model{fitted, hand, gapped} {
		n := len(m.tf)
		for set := range 1 << n {
			bits := []uint64{uint64(set)}
			if got, want := m.treeSum(bits), m.treeSumLeaves(bits); got != want {
				t.Fatalf("bits %b: nodes add %v, leaves %v", set, got, want)
			}
			// TreeValues (what eval reads tree by tree) walks the
			// nodes too: each tree's value as its leaves give it.
			var c Candidate
			for f, b := range m.tf {
				if set>>b&1 == 1 {
					c.Features = append(c.Features, f)
				}
			}
			has := func(f string) bool { return slices.Contains(c.Features, f) }
			// Score sums the linear part and then the trees one by one,
			// the trees as TreeValues gives them, bit for bit.
			c.Features = append(c.Features, "x")
			score := m.w["x"]
			for k, v := range m.TreeValues(c) {
				if want := treeValue(m.trees[k], has); v != want {
					t.Fatalf("bits %b, tree %d: TreeValues %v, leaves %v", set, k, v, want)
				}
				score += v
			}
			if got := m.Score(c); got != score {
				t.Fatalf("bits %b: Score %v, the weight and TreeValues summed %v", set, got, score)
			}
		}
	}
}

// TestTreeMemo: the table of recent sums answers what the trees add,
// bit for bit, for sets that repeat and sets that collide, and when the
// scratch goes from one model to another.
func TestTreeMemo(t *testing.T) {
	shipped := New().model
	if shipped == nil {
		t.Skip("no shipped model")
	}
	// The same trees, other values: a table kept across models would
	// give the first model's sums.
	other := Blend(shipped, shipped, 0.25)
	rng := rand.New(rand.NewPCG(5, 6))
	var sets [][]uint64
	for range 3 << memoBits {
		w := make([]uint64, len(shipped.tf)/64+1)
		for k := range w {
			w[k] = rng.Uint64() & rng.Uint64() & rng.Uint64()
		}
		w[len(w)-1] &= 1<<(len(shipped.tf)%64) - 1
		sets = append(sets, w)
	}
	var fs featSink
	hits := 0
	for i := range 40000 {
		m := shipped
		if i/5000%2 == 1 {
			m = other
		}
		bits := sets[rng.IntN(len(sets))]
		fs.m = m
		copy(fs.treeBits(), bits)
		if fs.memo != nil {
			if _, ok := fs.memo.lookup(m, bits); ok {
				hits++
			}
		}
		if got, want := fs.treeSum(), m.treeSum(bits); !sameSum(got, want) {
			t.Fatalf("call %d, bits %x: memo %v, trees %v", i, bits, got, want)
		}
	}
	if hits == 0 {
		t.Error("the memo answered nothing")
	}
}

// sameSum says two sums of the same trees' values agree to float rounding
// (the leaf masks add them in another order than the walk).
func sameSum(a, b float64) bool { return math.Abs(a-b) <= 1e-12*(1+math.Abs(b)) }

// TestLeafMasks: the trees summed by their leaf masks add what the walk of
// their nodes adds, to float rounding, for the shipped model, for a model whose
// trees split on more features than the memo's key holds (three words of
// bits), and for trees that do not fit a mask (which are walked).
func TestLeafMasks(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	wide := func(nfeat, depth, rounds int) *Model {
		var ex []Example
		for range 400 {
			var cs []Candidate
			for range 4 {
				var c Candidate
				for f := range nfeat {
					if rng.IntN(6) == 0 {
						c.Features = append(c.Features, "f"+strconv.Itoa(f))
					}
				}
				cs = append(cs, c)
			}
			ex = append(ex, Example{Cands: cs, Gold: []int{rng.IntN(4)}})
		}
		m, err := Boost(ex, nil, BoostOptions{Rounds: rounds, Depth: depth, Shrink: 0.3, Lambda: 1, MinHess: 0.1, MinCount: 1})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	models := map[string]*Model{"wide": wide(400, 3, 120)}
	if len(models["wide"].tf) <= 128 {
		t.Fatalf("the wide model splits on %d features: the test would not test wide keys", len(models["wide"].tf))
	}
	if shipped := New().model; shipped != nil {
		models["shipped"] = shipped
	}
	deep := wide(40, 7, 3)
	if deep.masks != nil {
		t.Error("trees of more than 64 leaves were given masks")
	}
	models["deep"] = deep
	for name, m := range models {
		if m.roots == nil {
			t.Fatalf("%s: trees not laid out as nodes", name)
		}
		if m.masks == nil && name != "deep" {
			t.Fatalf("%s: no leaf masks", name)
		}
		var fs featSink
		for i := range 20000 {
			set := make([]uint64, len(m.tf)/64+1)
			for b := range len(m.tf) {
				if rng.IntN(1+i%13) == 0 {
					set[b>>6] |= 1 << (b & 63)
				}
			}
			var walk float64
			for _, r := range m.roots {
				walk += m.nodeValue(r, set)
			}
			// One sink a model: a new one's memo (about 1 MB) for each of
			// 20,000 sets made the test take minutes under -race.
			fs.m = m
			copy(fs.treeBits(), set)
			// Twice: the second from the memo.
			var first float64
			for j := range 2 {
				got := fs.treeSum()
				if !sameSum(got, walk) {
					t.Fatalf("%s, bits %x: the sink adds %v, the walk %v", name, set, got, walk)
				}
				if j == 0 {
					first = got
				} else if math.Float64bits(got) != math.Float64bits(first) {
					t.Fatalf("%s, bits %x: the memo gives %v, the sum %v", name, set, got, first)
				}
			}
			if i, ok := fs.memo.lookup(m, set); !ok || fs.memo.vals[i] != first {
				t.Fatalf("%s, bits %x: the memo does not keep the sum", name, set)
			}
			if m.masks == nil {
				continue
			}
			out, touched := make([]leafMask, len(m.roots)), make([]uint16, len(m.roots)+1)
			got := m.masks.sum(set, out, touched)
			if !sameSum(got, walk) {
				t.Fatalf("%s, bits %x: the masks add %v, the walk %v", name, set, got, walk)
			}
			if slices.ContainsFunc(out, func(w leafMask) bool { return w != 0 }) {
				t.Fatalf("%s, bits %x: the masks' room is left dirty", name, set)
			}
			// A function of the set: the same bits, the same float.
			if again := m.masks.sum(set, out, touched); math.Float64bits(again) != math.Float64bits(got) {
				t.Fatalf("%s, bits %x: the masks add %v, then %v", name, set, got, again)
			}
		}
	}
}

// An averaged model scores each candidate as the mean of its parts' scores
// (up to the file's six digits), and writes the same file every time.
func TestAverageScoresTheMeanOfItsParts(t *testing.T) {
	ex := xorExamples()
	o := BoostOptions{Rounds: 10, Depth: 2, Shrink: 0.3, Lambda: 1, MinHess: 0.5, MinCount: 1}
	parts := bagParts(t, o, ex, ex[:40], ex[20:])
	avg := Average(parts)
	if got, want := avg.Trees(), 30; got != want {
		t.Errorf("%d trees, want %d", got, want)
	}
	for _, e := range ex[:6] {
		for _, c := range e.Cands {
			mean := 0.0
			for _, p := range parts {
				mean += p.Score(c) / float64(len(parts))
			}
			if got := avg.Score(c); math.Abs(got-mean) > 1e-4*(1+math.Abs(mean)) {
				t.Errorf("%v: averaged model %v, mean of parts %v", c.Features, got, mean)
			}
		}
	}
	var b1, b2 bytes.Buffer
	avg.WriteTo(&b1)
	Average(parts).WriteTo(&b2)
	if b1.String() != b2.String() {
		t.Error("two averages of the same parts differ")
	}
	// One part averages to itself.
	c := ex[0].Cands[2]
	if got, want := Average(parts[:1]).Score(c), parts[0].Score(c); math.Abs(got-want) > 1e-4 {
		t.Errorf("one part: %v, want %v", got, want)
	}
}

// bagParts fits the linear model and then trees on it to each of subs, as
// the bags of the speaker model are fitted.
func bagParts(t *testing.T, o BoostOptions, subs ...[]Example) []*Model {
	t.Helper()
	var parts []*Model
	for _, sub := range subs {
		lin, err := Fit(sub, FitOptions{L2: 1, MinCount: 1})
		if err != nil {
			t.Fatal(err)
		}
		m, err := Boost(sub, lin, o)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, m)
	}
	return parts
}

// TestBoostSumsBySubtraction checks the sums Boost takes from a parent
// less a sibling against a grower that sums every node's rows itself, in
// floats: the same trees, split for split, and the same leaf values to
// the file's six digits. Depth 4 puts two levels of children below the
// root's sums, both sides of a split the smaller in turn.
func TestBoostSumsBySubtraction(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	var ex []Example
	for range 300 {
		var cs []Candidate
		for range 2 + rng.IntN(4) {
			var c Candidate
			for f := range 30 {
				// From one candidate in ten to nine in ten: either side
				// of a split may be the smaller.
				if rng.IntN(10) <= f%9 {
					c.Features = append(c.Features, "f"+strconv.Itoa(f))
				}
			}
			cs = append(cs, c)
		}
		ex = append(ex, Example{Cands: cs, Gold: []int{rng.IntN(len(cs))}})
	}
	o := BoostOptions{Rounds: 8, Depth: 4, Shrink: 0.3, Lambda: 1, MinHess: 0.5, MinCount: 1}
	got, err := Boost(ex, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	want := naiveBoost(ex, o)
	if len(got.trees) != len(want) {
		t.Fatalf("%d trees, want %d", len(got.trees), len(want))
	}
	splits := 0
	for k := range want {
		if len(got.trees[k]) != len(want[k]) {
			t.Fatalf("tree %d: %d leaves, want %d", k, len(got.trees[k]), len(want[k]))
		}
		for i, l := range want[k] {
			g := got.trees[k][i]
			if leafName(k, g) != leafName(k, l) || g.value != l.value {
				t.Errorf("tree %d leaf %d: %s %v, want %s %v", k, i, leafName(k, g), g.value, leafName(k, l), l.value)
			}
			splits = max(splits, len(l.feats))
		}
	}
	if splits < 3 {
		t.Fatalf("the trees are %d deep: the test would not reach the children's sums", splits)
	}
}

// naiveBoost is Boost as it was written first: every node's sums over its
// own rows, in float64, features looked up by name.
func naiveBoost(ex []Example, o BoostOptions) [][]treeLeaf {
	names, _ := vocabulary(ex, o.MinCount, false, "\t\n\r&")
	type row struct {
		has  map[string]bool
		gold bool
	}
	var rows []row
	var qs [][2]int
	for _, e := range ex {
		from := len(rows)
		for i, c := range e.Cands {
			has := map[string]bool{}
			for _, f := range c.Features {
				has[f] = true
			}
			rows = append(rows, row{has: has, gold: slices.Contains(e.Gold, i)})
		}
		qs = append(qs, [2]int{from, len(rows)})
	}
	score := make([]float64, len(rows))
	gh := make([][2]float64, len(rows))
	var trees [][]treeLeaf
	for range o.Rounds {
		for _, q := range qs {
			p := slices.Clone(score[q[0]:q[1]])
			softmax(p)
			pg := 0.0
			for i := range p {
				if rows[q[0]+i].gold {
					pg += p[i]
				}
			}
			for i := range p {
				g := p[i]
				if rows[q[0]+i].gold {
					g -= p[i] / pg
				}
				gh[q[0]+i] = [2]float64{g, max(p[i]*(1-p[i]), 1e-6)}
			}
		}
		var leaves []treeLeaf
		leafOf := make([]int, len(rows))
		var grow func(idx []int, feats []string, has []bool, depth int)
		grow = func(idx []int, feats []string, has []bool, depth int) {
			G, H := 0.0, 0.0
			for _, r := range idx {
				G += gh[r][0]
				H += gh[r][1]
			}
			best, gain := "", 1e-9
			if depth < o.Depth {
				parent := G * G / (H + o.Lambda)
				for _, f := range names {
					gl, hl := 0.0, 0.0
					for _, r := range idx {
						if rows[r].has[f] {
							gl += gh[r][0]
							hl += gh[r][1]
						}
					}
					gr, hr := G-gl, H-hl
					if hl < o.MinHess || hr < o.MinHess {
						continue
					}
					if v := gl*gl/(hl+o.Lambda) + gr*gr/(hr+o.Lambda) - parent; v > gain {
						best, gain = f, v
					}
				}
			}
			if best == "" {
				for _, r := range idx {
					leafOf[r] = len(leaves)
				}
				leaves = append(leaves, treeLeaf{feats: slices.Clone(feats), has: slices.Clone(has), value: round6(-o.Shrink * G / (H + o.Lambda))})
				return
			}
			var yes, no []int
			for _, r := range idx {
				if rows[r].has[best] {
					yes = append(yes, r)
				} else {
					no = append(no, r)
				}
			}
			grow(yes, append(slices.Clone(feats), best), append(slices.Clone(has), true), depth+1)
			grow(no, append(slices.Clone(feats), best), append(slices.Clone(has), false), depth+1)
		}
		all := make([]int, len(rows))
		for i := range all {
			all[i] = i
		}
		grow(all, nil, nil, 0)
		for r := range rows {
			score[r] += leaves[leafOf[r]].value
		}
		trees = append(trees, leaves)
	}
	return trees
}

// TestTempered: a tempered model picks the same candidates with the
// probabilities of softmax(score/t), keeps the short-quote detector's
// weights, and writes and reads back its temperature.
func TestTempered(t *testing.T) {
	m, err := Boost(xorExamples(), nil, BoostOptions{Rounds: 10, Depth: 2, Shrink: 0.3, Lambda: 1, MinHess: 0.5, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	m.w["a"], m.w["short|colon"] = 0.5, 1.25
	m = m.compile()
	tm := m.Tempered(2)
	if tm.w["short|colon"] != 1.25 || tm.w["a"] != 0.25 {
		t.Errorf("weights a %v short|colon %v, want 0.25 and 1.25", tm.w["a"], tm.w["short|colon"])
	}
	for i, e := range xorExamples()[:6] {
		b1, p1 := m.Rank(e.Cands)
		b2, p2 := tm.Rank(e.Cands)
		s := make([]float64, len(e.Cands))
		for ci, c := range e.Cands {
			s[ci] = m.Score(c) / 2
		}
		softmax(s)
		if b1 != b2 || math.Abs(p2[b2]-s[b2]) > 1e-5 || p2[b2] >= p1[b1] {
			t.Errorf("example %d: best %d (p %v) tempered %d (p %v), want %d at %v", i, b1, p1[b1], b2, p2[b2], b1, s[b1])
		}
	}
	back, same := headerRoundTrip(t, tm, "# temperature: 2\n")
	if back.Temperature != 2 || !same {
		t.Errorf("read back: temperature %v, same file %v", back.Temperature, same)
	}
	if m.Tempered(1) != m {
		t.Error("temperature 1 made a new model")
	}
}

// TestDistill fits one set of trees to the average of three bags' (each
// fitted on part of the examples) and checks that it answers as the
// average does with a third of the trees, from the teacher's answers alone:
// the examples it is given carry no labels.
func TestDistill(t *testing.T) {
	ex := xorExamples()
	o := BoostOptions{Rounds: 30, Depth: 2, Shrink: 0.3, Lambda: 1, MinHess: 0.5, MinCount: 1}
	teacher := Average(bagParts(t, o, ex[:60], ex[20:], append(ex[:20:20], ex[40:]...)))
	var unlabelled []Example
	for _, e := range ex {
		unlabelled = append(unlabelled, Example{Cands: e.Cands})
	}
	if _, err := Boost(unlabelled, teacher.Truncate(0), o); err == nil {
		t.Fatal("Boost fitted examples with no labels")
	}
	if _, err := Distill(unlabelled, nil, nil, o); err == nil {
		t.Fatal("Distill without a teacher")
	}
	// gap is the largest difference between the two models' probability
	// of a candidate.
	gap := func(m *Model) float64 {
		d := 0.0
		for _, e := range ex {
			_, p := m.Rank(e.Cands)
			_, q := teacher.Rank(e.Cands)
			for i := range p {
				d = max(d, math.Abs(p[i]-q[i]))
			}
		}
		return d
	}
	base := teacher.Truncate(0)
	student, err := Distill(unlabelled, base, teacher, o)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := student.Trees(), 30; got != want || teacher.Trees() != 90 {
		t.Errorf("student %d trees, want %d (teacher %d)", got, want, teacher.Trees())
	}
	before, after := gap(base), gap(student)
	t.Logf("largest gap to the teacher: %.4f with no trees, %.4f distilled", before, after)
	if before < 0.2 || after > 0.05 {
		t.Errorf("the largest gap to the teacher's probabilities: %.3f with no trees, %.3f distilled; want over 0.2, then under 0.05", before, after)
	}
	for i, e := range ex {
		a, _ := student.Rank(e.Cands)
		if b, _ := teacher.Rank(e.Cands); a != b {
			t.Errorf("example %d: the student's best %d, the teacher's %d", i, a, b)
		}
	}
	// The same teacher and examples give the same file.
	again, _ := Distill(unlabelled, base, teacher, o)
	var b1, b2 bytes.Buffer
	student.WriteTo(&b1)
	again.WriteTo(&b2)
	if b1.String() != b2.String() {
		t.Error("two distillations differ")
	}
}
