package quotes

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// Gradient-boosted regression trees on the speaker model's softmax loss:
// each tree splits the candidates on whether they have a feature, and its
// leaf value is added to the candidate's score. Trees start from the
// linear model's scores (a base model) or from zero.
//
// In the model file a tree is one line per leaf: "tree|K|COND&COND…" and
// its value, a COND being +feature (the candidate has it) or -feature
// (it has not); a candidate takes the value of the one leaf of each tree
// whose conditions all hold.

// treeLeaf is a leaf of a tree: its path's conditions and value.
type treeLeaf struct {
	feats []string
	has   []bool
	value float64
	idx   []int // the features' bits (Model.tf)
}

// BoostOptions set the boosting.
type BoostOptions struct {
	Rounds   int     // trees
	Depth    int     // splits from root to leaf
	Shrink   float64 // each tree's leaf values times this
	Lambda   float64 // L2 penalty of a leaf value (Newton step -G/(H+Lambda))
	MinHess  float64 // a child holds at least this much of the Hessian
	MinCount int     // features seen in fewer examples are never split on
}

// DefaultBoost are the settings eval --speaker-trees tries (the depth and
// the number of trees up to Rounds are chosen by nested cross-validation).
var DefaultBoost = BoostOptions{Rounds: 300, Depth: 3, Shrink: 0.2, Lambda: 1, MinHess: 2, MinCount: 5}

// Trees returns the number of trees of m.
func (m *Model) Trees() int { return len(m.trees) }

// Truncate returns m with its first n trees only.
func (m *Model) Truncate(n int) *Model {
	c := *m
	c.trees = m.trees[:min(n, len(m.trees))]
	return c.compile()
}

// treeValue is the value tree t gives a candidate with features has.
func treeValue(t []treeLeaf, has func(string) bool) float64 {
	for _, l := range t {
		ok := true
		for i, f := range l.feats {
			if has(f) != l.has[i] {
				ok = false
				break
			}
		}
		if ok {
			return l.value
		}
	}
	return 0
}

// treeBits are the bits (of tf) of the features of c the trees split on,
// as the nodes' walk reads them.
func (m *Model) treeBits(c Candidate) []uint64 {
	bits := make([]uint64, (len(m.tf)+63)/64)
	for _, f := range c.Features {
		if b, ok := m.tf[f]; ok {
			bits[b>>6] |= 1 << (b & 63)
		}
	}
	return bits
}

// TreeValues returns what each of m's trees adds to c's score.
func (m *Model) TreeValues(c Candidate) []float64 {
	out := make([]float64, len(m.trees))
	if m.roots != nil {
		// The nodes treeSum walks, one value a tree: the eval's nested
		// cross-validation reads every candidate's values round by round.
		bits := m.treeBits(c)
		for k, r := range m.roots {
			out[k] = m.nodeValue(r, bits)
		}
		return out
	}
	set := make(map[string]bool, len(c.Features))
	for _, f := range c.Features {
		set[f] = true
	}
	has := func(f string) bool { return set[f] }
	for k, t := range m.trees {
		out[k] = treeValue(t, has)
	}
	return out
}

// Boost fits o.Rounds trees to the softmax loss of the examples, starting
// from base's scores (nil: from zero), and returns base with the trees
// added. The same examples give the same trees.
func Boost(ex []Example, base *Model, o BoostOptions) (*Model, error) {
	return boost(ex, base, nil, o)
}

// Distill fits o.Rounds trees, from base's scores, so that the model's
// probabilities over each example's candidates come close to teacher's
// (the softmax loss with the teacher's probabilities as soft labels): one
// set of trees that answers as a larger model does. The speaker model is
// the average of eight bags (Average), each bag's trees kept; the trees are
// most of the quote stage's cost, and a student of one bag's size answers
// for an eighth of it. Every example with two candidates or more counts,
// labelled or not: the labels are the teacher's.
func Distill(ex []Example, base, teacher *Model, o BoostOptions) (*Model, error) {
	if teacher == nil {
		return nil, errors.New("speaker model: distill without a teacher")
	}
	return boost(ex, base, teacher, o)
}

// boost is Boost, or Distill when teacher is not nil.
func boost(ex []Example, base, teacher *Model, o BoostOptions) (*Model, error) {
	// & joins a leaf's conditions in the file: no feature may hold it.
	// The trees split on no word: the linear model weighs the words, and
	// cross-validated, trees splitting on them did worse on the extra
	// posts (0.756 -> 0.753).
	names, index := vocabulary(ex, o.MinCount, false, "\t\n\r&")
	// The rows' features in one array (feat[off[r]:off[r+1]], sorted), and
	// each feature's rows: the sums over a node's rows read memory in order,
	// and a split marks its feature's rows instead of searching each row.
	// target is the teacher's probability of the row's candidate.
	type row struct {
		gold   bool
		target float64
	}
	type quote struct{ from, to int }
	var rows []row
	var qs []quote
	var score []float64
	off := []int32{0}
	var feat []int32
	rowsOf := make([][]int32, len(names))
	var tp []float64
	for _, e := range ex {
		if (teacher == nil && len(e.Gold) == 0) || len(e.Cands) < 2 {
			continue
		}
		q := quote{from: len(rows)}
		if teacher != nil {
			tp = tp[:0]
			for _, c := range e.Cands {
				tp = append(tp, teacher.Score(c))
			}
			softmax(tp)
		}
		for i, c := range e.Cands {
			r, from := int32(len(rows)), len(feat)
			for _, f := range c.Features {
				if k, ok := index[f]; ok {
					feat = append(feat, int32(k))
				}
			}
			// Each feature once: a split sends the row one way, so its sums
			// count it once (rowsOf's and the rows' sums agree).
			fs := feat[from:]
			slices.Sort(fs)
			fs = slices.Compact(fs)
			feat = feat[:from+len(fs)]
			for _, f := range fs {
				rowsOf[f] = append(rowsOf[f], r)
			}
			off = append(off, int32(len(feat)))
			gold := false
			for _, g := range e.Gold {
				gold = gold || g == i
			}
			t := 0.0
			if teacher != nil {
				t = tp[i]
			}
			rows = append(rows, row{gold: gold, target: t})
			s := 0.0
			if base != nil {
				s = base.Score(c)
			}
			score = append(score, s)
		}
		q.to = len(rows)
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		return nil, errors.New("speaker model: no examples to boost")
	}
	if len(rows) > maxBoostRows {
		return nil, fmt.Errorf("speaker model: %d candidates to boost, more than the fixed-point sums hold (%d)", len(rows), maxBoostRows)
	}
	m := &Model{w: map[string]float64{}}
	if base != nil {
		for f, w := range base.w {
			m.w[f] = w
		}
		m.Gold, m.short = base.Gold, base.short
		m.trees = append(m.trees, base.trees...)
	}
	// The gradient and Hessian of each row in fixed point (ghScale): the
	// sums over a node's rows are then exact whatever their order, so a
	// child's sums can be its parent's less its sibling's. Only the
	// smaller child of a split is summed row by row: the trees' fit took
	// half of train's CPU, nearly all of it in these sums.
	gh := make([][2]int64, len(rows))
	// hists[2d], hists[2d+1]: the sums per feature of the two children
	// of a split at depth d-1, kept while the first child's subtree grows.
	hists := make([][][2]int64, 2*max(o.Depth, 1))
	// parts[d]: room for the two sides of a split at depth d.
	parts := make([][2][]int32, max(o.Depth, 1))
	leafOf := make([]int32, len(rows))
	mark := make([]int32, len(rows)) // split: has the feature when == stamp
	stamp := int32(0)
	all := make([]int32, len(rows))
	for i := range all {
		all[i] = int32(i)
	}
	var p []float64
	fill := func(h [][2]int64, idx []int32) {
		clear(h)
		for _, r := range idx {
			v := gh[r]
			for _, f := range feat[off[r]:off[r+1]] {
				s := &h[f]
				s[0] += v[0]
				s[1] += v[1]
			}
		}
	}
	hist := func(k int) [][2]int64 {
		if hists[k] == nil {
			hists[k] = make([][2]int64, len(names))
		}
		return hists[k]
	}
	for range o.Rounds {
		// Gradient and Hessian (diagonal) of -log sum_gold p, or of the
		// cross-entropy -sum t log p to the teacher's probabilities t.
		for _, q := range qs {
			p = append(p[:0], score[q.from:q.to]...)
			softmax(p)
			if teacher != nil {
				for i := range p {
					r := q.from + i
					gh[r] = [2]int64{fixed(p[i] - rows[r].target), fixed(max(p[i]*(1-p[i]), 1e-6))}
				}
				continue
			}
			pg := 0.0
			for i := range p {
				if rows[q.from+i].gold {
					pg += p[i]
				}
			}
			pg = max(pg, 1e-300)
			for i := range p {
				r := q.from + i
				g := p[i]
				if rows[r].gold {
					g -= p[i] / pg
				}
				gh[r] = [2]int64{fixed(g), fixed(max(p[i]*(1-p[i]), 1e-6))}
			}
		}
		// Grow one tree greedily, depth first, over all rows.
		var leaves []treeLeaf
		// leafOf is the leaf each row falls in: the one whose conditions
		// it meets, so the tree's value for it without walking leaves.
		// sum is the per-feature sums over idx (nil at the root).
		var grow func(idx []int32, sum [][2]int64, feats []string, hasF []bool, depth int)
		grow = func(idx []int32, sum [][2]int64, feats []string, hasF []bool, depth int) {
			var Gi, Hi int64
			for _, r := range idx {
				Gi += gh[r][0]
				Hi += gh[r][1]
			}
			G, H := unfixed(Gi), unfixed(Hi)
			leaf := func() {
				for _, r := range idx {
					leafOf[r] = int32(len(leaves))
				}
				leaves = append(leaves, treeLeaf{feats: append([]string(nil), feats...), has: append([]bool(nil), hasF...), value: -o.Shrink * G / (H + o.Lambda)})
			}
			if depth >= o.Depth {
				leaf()
				return
			}
			if sum == nil {
				// The root's sums feature by feature, each in a register:
				// all rows, so each feature's rows are rowsOf's.
				sum = hist(0)
				for f, rs := range rowsOf {
					var g, h int64
					for _, r := range rs {
						g += gh[r][0]
						h += gh[r][1]
					}
					sum[f] = [2]int64{g, h}
				}
			}
			best, gain := -1, 1e-9
			parent := G * G / (H + o.Lambda)
			for f := range names {
				gl, hl := unfixed(sum[f][0]), unfixed(sum[f][1])
				gr, hr := unfixed(Gi-sum[f][0]), unfixed(Hi-sum[f][1])
				if hl < o.MinHess || hr < o.MinHess {
					continue
				}
				if v := gl*gl/(hl+o.Lambda) + gr*gr/(hr+o.Lambda) - parent; v > gain {
					best, gain = f, v
				}
			}
			if best < 0 {
				leaf()
				return
			}
			stamp++
			for _, r := range rowsOf[best] {
				mark[r] = stamp
			}
			yes, no := parts[depth][0][:0], parts[depth][1][:0]
			for _, r := range idx {
				if mark[r] == stamp {
					yes = append(yes, r)
				} else {
					no = append(no, r)
				}
			}
			parts[depth] = [2][]int32{yes, no}
			// The children's sums, when they split in turn.
			var sy, sn [][2]int64
			if depth+1 < o.Depth {
				sy, sn = hist(2*(depth+1)), hist(2*(depth+1)+1)
				small, big := sy, sn
				if len(yes) > len(no) {
					small, big = sn, sy
					fill(small, no)
				} else {
					fill(small, yes)
				}
				for f := range big {
					big[f] = [2]int64{sum[f][0] - small[f][0], sum[f][1] - small[f][1]}
				}
			}
			grow(yes, sy, append(feats, names[best]), append(hasF, true), depth+1)
			grow(no, sn, append(feats[:len(feats):len(feats)], names[best]), append(hasF[:len(hasF):len(hasF)], false), depth+1)
		}
		grow(all, nil, nil, nil, 0)
		for i := range leaves {
			leaves[i].value = round6(leaves[i].value)
		}
		// Add the tree to the scores.
		for r := range rows {
			score[r] += leaves[leafOf[r]].value
		}
		m.trees = append(m.trees, leaves)
	}
	return m.compile(), nil
}

// ghScale is the fixed point of Boost's gradients and Hessians: 2^-40
// (1e-12) apart.
const ghScale = 1 << 40

// maxBoostRows keeps the sums of ghScale within an int64: 2^22 rows of
// gradient at most 1 sum to at most 2^62 (the shipped fit has about 10^5).
const maxBoostRows = 1 << 22

func fixed(x float64) int64   { return int64(math.Round(x * ghScale)) }
func unfixed(x int64) float64 { return float64(x) / ghScale }

// round6 rounds to 6 significant digits, as the file writes weights.
func round6(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 6, 64), 64)
	return v
}

// leafName is a leaf's line name in the model file.
func leafName(k int, l treeLeaf) string {
	var b strings.Builder
	b.WriteString("tree|")
	b.WriteString(strconv.Itoa(k))
	b.WriteString("|")
	for i, f := range l.feats {
		if i > 0 {
			b.WriteString("&")
		}
		if l.has[i] {
			b.WriteString("+")
		} else {
			b.WriteString("-")
		}
		b.WriteString(f)
	}
	return b.String()
}

// parseLeaf reads a leaf's line name: tree number and leaf.
func parseLeaf(name string, v float64) (int, treeLeaf, error) {
	rest, _ := strings.CutPrefix(name, "tree|")
	ks, conds, ok := strings.Cut(rest, "|")
	k, err := strconv.Atoi(ks)
	if !ok || err != nil || k < 0 {
		return 0, treeLeaf{}, errors.New("want tree|N|conditions")
	}
	l := treeLeaf{value: v}
	if conds == "" {
		return k, l, nil
	}
	for _, c := range strings.Split(conds, "&") {
		if len(c) < 2 || (c[0] != '+' && c[0] != '-') {
			return 0, treeLeaf{}, errors.New("want +feature or -feature")
		}
		l.feats = append(l.feats, c[1:])
		l.has = append(l.has, c[0] == '+')
	}
	return k, l, nil
}

// Blend returns the model whose score is a times linear's plus (1-a)
// times trees' (a model of trees alone, boosted from zero): one additive
// model, its weights and leaf values scaled.
func Blend(linear, trees *Model, a float64) *Model {
	m := &Model{w: map[string]float64{}, Gold: linear.Gold, short: linear.short}
	for f, w := range linear.w {
		m.w[f] = round6(a * w)
	}
	for f, w := range trees.w {
		m.w[f] = round6(m.w[f] + (1-a)*w)
	}
	for _, t := range trees.trees {
		lt := make([]treeLeaf, len(t))
		for i, l := range t {
			lt[i] = l
			lt[i].value = round6((1 - a) * l.value)
		}
		m.trees = append(m.trees, lt)
	}
	return m.compile()
}

// Average returns the model whose score is the mean of ms's scores: one
// additive model, each weight the mean of the parts' and every part's trees
// kept with their leaf values divided by len(ms). Bagging averages fits on
// subsamples of the posts into it: the refits' variance, not their bias,
// is what moved held-out quotes. Weights are summed in the parts' order,
// so the same parts give the same file.
func Average(ms []*Model) *Model {
	k := float64(len(ms))
	m := &Model{w: map[string]float64{}, Gold: ms[0].Gold, short: ms[0].short, Decode: ms[0].Decode}
	for _, x := range ms {
		for f, w := range x.w {
			m.w[f] += w / k
		}
	}
	for f, w := range m.w {
		if w = round6(w); w == 0 {
			delete(m.w, f)
		} else {
			m.w[f] = w
		}
	}
	for _, x := range ms {
		m.trees = append(m.trees, scaledTrees(x.trees, k)...)
	}
	return m.compile()
}

// scaledTrees returns trees with every leaf value divided by d, rounded
// as the file writes them.
func scaledTrees(trees [][]treeLeaf, d float64) [][]treeLeaf {
	out := make([][]treeLeaf, len(trees))
	for k, t := range trees {
		out[k] = make([]treeLeaf, len(t))
		for i, l := range t {
			out[k][i] = l
			out[k][i].value = round6(l.value / d)
		}
	}
	return out
}

// Tempered returns m with its speaker scores divided by t (t = 1: m
// itself): every speaker weight and tree value over t, so that the
// confidence, softmax(score/t), is calibrated while each quote's best
// candidate stays the same. The short-quote detector's weights (short|)
// are its own and stay. The header line "# temperature: T" records t.
func (m *Model) Tempered(t float64) *Model {
	if t == 1 || t <= 0 {
		return m
	}
	c := &Model{w: map[string]float64{}, Gold: m.Gold, short: m.short, Decode: m.Decode, ShortSpeaker: m.ShortSpeaker, Temperature: t, Calibration: m.Calibration}
	for f, w := range m.w {
		if strings.HasPrefix(f, "short|") {
			c.w[f] = w
		} else if v := round6(w / t); v != 0 {
			c.w[f] = v
		}
	}
	c.trees = scaledTrees(m.trees, t)
	return c.compile()
}

// compile numbers the features the trees split on, for the stage's sink
// (which keeps no feature strings): tf maps each to its bit, and each
// leaf's conditions get their bits.
func (m *Model) compile() *Model {
	m.tf = nil
	for k, t := range m.trees {
		for i, l := range t {
			idx := make([]int, len(l.feats))
			for j, f := range l.feats {
				b, ok := m.tf[f]
				if !ok {
					if m.tf == nil {
						m.tf = map[string]int{}
					}
					b = len(m.tf)
					m.tf[f] = b
				}
				idx[j] = b
			}
			m.trees[k][i].idx = idx
		}
	}
	m.nodes, m.roots = treeNodes(m.trees)
	m.masks = leafMasksOf(m.nodes, m.roots, len(m.tf))
	m.conj = m.conjunctions()
	m.lits = m.literals()
	m.types = m.typeEntries()
	m.valued = m.valuedEntries()
	m.lexWords, m.lexEnt = m.lexEntries()
	for k := 1; k < len(m.tops); k++ {
		m.tops[k] = m.valued[valTop][strconv.Itoa(k)]
	}
	m.clus = m.clusterEntries()
	for _, e := range m.clus {
		m.clusOn = m.clusOn || e != nil
	}
	m.lexOn = false
	for _, k := range [...]valued{valLxNext, valLxPrev, valLxQPrevNear, valLxQNextNear, valNoneLxClause} {
		m.lexOn = m.lexOn || len(m.valued[k]) > 0
	}
	m.shortW, m.shortBit = m.shortWeights()
	m.spkOn = false
	for k := shSpkNone; k < nShort; k++ { // the speaker model's, not govSpeaker's
		m.spkOn = m.spkOn || m.shortW[k] != 0
	}
	return m
}

// treeNode is a node of a tree laid out by treeNodes: an inner node tests
// bit and goes to yes or no; a leaf (bit < 0) holds the value.
type treeNode struct {
	bit     int32
	yes, no int32
	value   float64
}

// treeNodes lays the trees out as binary nodes: Boost writes each leaf's
// conditions from the root down, so the leaves of a tree agree on the
// feature tested at each level of their common path. It returns nil roots
// when some tree's leaves do not (treeSum then walks the leaves, as the
// file's semantics say: the first leaf whose conditions all hold).
func treeNodes(trees [][]treeLeaf) ([]treeNode, []int32) {
	var nodes []treeNode
	var build func(ls []treeLeaf, depth int) (int32, bool)
	build = func(ls []treeLeaf, depth int) (int32, bool) {
		at := int32(len(nodes))
		if len(ls) == 0 {
			// No leaf down this way: the tree adds nothing, as the
			// walk adds nothing when no leaf holds.
			nodes = append(nodes, treeNode{bit: -1})
			return at, true
		}
		if len(ls) == 1 && len(ls[0].idx) == depth {
			nodes = append(nodes, treeNode{bit: -1, value: ls[0].value})
			return at, true
		}
		var yes, no []treeLeaf
		for _, l := range ls {
			if len(l.idx) <= depth || l.idx[depth] != ls[0].idx[depth] {
				return 0, false
			}
			if l.has[depth] {
				yes = append(yes, l)
			} else {
				no = append(no, l)
			}
		}
		nodes = append(nodes, treeNode{bit: int32(ls[0].idx[depth])})
		y, ok := build(yes, depth+1)
		if !ok {
			return 0, false
		}
		n, ok := build(no, depth+1)
		if !ok {
			return 0, false
		}
		nodes[at].yes, nodes[at].no = y, n
		return at, true
	}
	roots := make([]int32, 0, len(trees))
	for _, t := range trees {
		r, ok := build(t, 0)
		if !ok {
			return nil, nil
		}
		roots = append(roots, r)
	}
	if len(roots) == 0 {
		return nil, nil
	}
	return nodes, roots
}

// treeSum is what the trees add to the score of a candidate whose
// features' bits (of tf) are set in bits.
func (m *Model) treeSum(bits []uint64) float64 {
	if m.roots != nil {
		s := 0.0
		for _, r := range m.roots {
			s += m.nodeValue(r, bits)
		}
		return s
	}
	return m.treeSumLeaves(bits)
}

// treeMemo keeps what the trees added for the features' bits of recent
// candidates: a candidate's score takes the trees' sum as a function of
// its bits alone, and candidates repeat their bits (over 2,000 news posts,
// 93k candidates have 16k sets; a table of 4,096 answered 70% of them for
// one fit's 41 trees), so most sums are a lookup instead of a sum over
// every tree. The bagged model's 376 trees split on more features, and so
// make more sets: 16,384 entries (about 1 MB a worker) take the memo's
// cost per candidate from 0.41 to 0.29 µs (BenchmarkTreeSum/memo, 6 runs
// each, alternated). The table belongs to one scratch (one worker) and to
// one model at a time.
type treeMemo struct {
	m *Model
	// Entry i's set of bits is keys[i*w:(i+1)*w], w words a set however
	// many features the trees split on; the last word's high bit marks
	// the entry in use (no feature has that bit: a set has a word more
	// than its features fill, featSink.treeBits).
	keys []uint64
	vals []float64
	w    int
}

const (
	memoBits = 14
	memoUsed = 1 << 63
)

// lookup returns the entry for set under m: its sum and whether it holds
// set's (else the caller computes it and fills the entry: put).
func (t *treeMemo) lookup(m *Model, set []uint64) (int, bool) {
	if t.m != m || len(set) != t.w {
		t.m, t.w = m, len(set)
		t.keys = slices.Grow(t.keys[:0], len(set)<<memoBits)[:len(set)<<memoBits]
		clear(t.keys)
		if t.vals == nil {
			t.vals = make([]float64, 1<<memoBits)
		}
	}
	h := uint64(0)
	for _, x := range set {
		h = (h ^ x) * 0x9e3779b97f4a7c15
	}
	i := int(h >> (64 - memoBits))
	k := t.keys[i*t.w : (i+1)*t.w]
	last := len(set) - 1
	if k[last] != set[last]|memoUsed || !slices.Equal(k[:last], set[:last]) {
		return i, false
	}
	return i, true
}

// put keeps v as the sum of set in entry i (lookup's).
func (t *treeMemo) put(i int, set []uint64, v float64) {
	k := t.keys[i*t.w : (i+1)*t.w]
	copy(k, set)
	k[len(k)-1] |= memoUsed
	t.vals[i] = v
}

// nodeValue is the value of the leaf the tree at root r gives a candidate
// whose features' bits are set in bits.
func (m *Model) nodeValue(r int32, bits []uint64) float64 {
	n := &m.nodes[r]
	for n.bit >= 0 {
		if (bits[n.bit>>6]>>(n.bit&63))&1 == 1 {
			n = &m.nodes[n.yes]
		} else {
			n = &m.nodes[n.no]
		}
	}
	return n.value
}

// treeSumLeaves is treeSum by walking each tree's leaves.
func (m *Model) treeSumLeaves(bits []uint64) float64 {
	s := 0.0
	for _, t := range m.trees {
	leaves:
		for _, l := range t {
			for j, b := range l.idx {
				if (bits[b>>6]>>(b&63))&1 == 1 != l.has[j] {
					continue leaves
				}
			}
			s += l.value
			break
		}
	}
	return s
}

// leafMasks are the trees laid out to be summed without walking them
// (QuickScorer, Lucchese et al., SIGIR 2015): a tree's leaves are numbered
// left to right with each node's "has not" side on the left, and a node
// whose feature a candidate has rules out the leaves of its left side.
// The leaf the walk would reach is the leftmost one left. So a candidate's
// sum reads only the nodes of the features it has (a few of the trees'
// hundreds of nodes), with no branch per node: the walks' branches went
// each way at random and their loads waited on each other.
//
// A tree none of whose features the candidate has gives its leftmost leaf
// (every "has not"): base is the sum of those, and a tree the candidate's
// features touch adds its leaf's difference (delta) to it. The sum reads
// the touched trees only (about a third of the bagged model's 376), not
// every tree's mask and value; it differs from the walk's tree-by-tree sum
// by float rounding (1e-15 of a score), and is a function of the set alone.
type leafMasks struct {
	// The nodes that test bit b are at[off[b]:off[b+1]].
	off []int32
	at  []maskNode
	// Tree k's leaves from first[k], left to right: their values, and
	// their values less the leftmost's (delta).
	first  []int32
	values []float64
	delta  []float64
	base   float64 // the leftmost leaves' values summed
}

// maskNode is a node as the masks read it: its tree, and the tree's leaves
// ruled out when the candidate has the node's feature. Four bytes: a
// candidate's sum reads 115 of them (the bagged model's), and in a whole
// run they wait on the cache; trees of depth up to 4 (16 leaves) fit, the
// shipped ones are of depth 3.
type maskNode struct {
	tree uint16
	out  uint16
}

// leafMask is a tree's leaves, one bit each.
type leafMask = uint16

// leafMasksOf lays out the trees of nodes and roots for leafMasks.sum; nil
// when there are none, more trees than a node can number, or a tree has
// more leaves than a mask has bits.
func leafMasksOf(nodes []treeNode, roots []int32, nbits int) *leafMasks {
	if roots == nil || len(roots) > 1<<16 {
		return nil
	}
	q := &leafMasks{first: make([]int32, len(roots))}
	byBit := make([][]maskNode, nbits)
	ok := true
	// leaves numbers the leaves under node r from the tree's next leaf
	// on and returns how many there are.
	var leaves func(tree int, r int32) int
	leaves = func(tree int, r int32) int {
		n := &nodes[r]
		if n.bit < 0 {
			q.values = append(q.values, n.value)
			q.delta = append(q.delta, n.value-q.values[q.first[tree]])
			return 1
		}
		from := len(q.values) - int(q.first[tree])
		no := leaves(tree, n.no)
		yes := leaves(tree, n.yes)
		if from+no+yes > 16 { // leafMask's bits
			ok = false
			return no + yes
		}
		// With the feature, the "has not" side's leaves are out.
		out := (leafMask(1)<<no - 1) << from
		byBit[n.bit] = append(byBit[n.bit], maskNode{tree: uint16(tree), out: out})
		return no + yes
	}
	for k, r := range roots {
		q.first[k] = int32(len(q.values))
		leaves(k, r)
		q.base += q.values[q.first[k]]
	}
	if !ok {
		return nil
	}
	q.off = make([]int32, 0, nbits+1)
	for _, ns := range byBit {
		q.off = append(q.off, int32(len(q.at)))
		q.at = append(q.at, ns...)
	}
	q.off = append(q.off, int32(len(q.at)))
	return q
}

// sum is what the trees add for the features' bits in set. out is one
// mask a tree, all zero (sum leaves it so), and touched room for one tree
// number more than there are trees.
func (q *leafMasks) sum(set []uint64, out []leafMask, touched []uint16) float64 {
	out, touched = out[:len(q.first)], touched[:len(q.first)+1]
	n := 0
	for w, word := range set {
		for word != 0 {
			b := w<<6 | bits.TrailingZeros64(word)
			word &= word - 1
			for _, x := range q.at[q.off[b]:q.off[b+1]] {
				// Branch-free: a tree is listed once, when first
				// touched (the compiler makes the if a move).
				o := out[x.tree]
				touched[n] = x.tree
				if o == 0 {
					n++
				}
				out[x.tree] = o | x.out
			}
		}
	}
	s := q.base
	for _, k := range touched[:n] {
		s += q.delta[int(q.first[k])+bits.TrailingZeros16(^out[k])]
		out[k] = 0
	}
	return s
}
