package keywords

import (
	"math/bits"
	"sync"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// solver is a reused workspace of rank and pageRank: the graph, the
// factorisation's storage and the ranks are most of what a post's
// keywords would otherwise allocate.
type solver struct {
	g     wordGraph
	data  []float64
	swaps []int
	ranks []float64
	id    []int64
	seq   []int64
	order []int64
	// The keyword stage's buffers of a post: its terms, the index's
	// nodes and occurrences, the ranked nodes' names.
	terms []string
	words []uint32 // the terms' word ids
	nodes []termNode
	occ   []int32
	names []string
	// indexTerms' index: node number by text; emptied by put.
	byText map[string]int32
}

// maxKeptTerms bounds the distinct terms of a post whose index map a
// solver keeps for the next post.
const maxKeptTerms = 2048

var solvers = sync.Pool{New: func() any { return new(solver) }}

// put returns sv to the pool, without the strings of its post: a pooled
// solver must not keep a post's text alive.
func (sv *solver) put() {
	sv.reset()
	solvers.Put(sv)
}

// reset empties sv's buffers of their post's terms.
func (sv *solver) reset() {
	// A map that a long post grew is dropped: clearing it would cost
	// its size again at every post.
	if len(sv.byText) > maxKeptTerms {
		sv.byText = nil
	}
	clear(sv.byText)
	clear(sv.terms)
	clear(sv.nodes)
	clear(sv.names)
}

// pageRank solves PageRank on g exactly, as the linear system
// (I - damp·M) r = (1-damp)/n·1 with gonum's LU factorisation, M the
// column-stochastic link matrix (a node without links links to all), and
// returns the rank of each node in sv.ranks (nil if the system is
// singular). gonum's network.PageRank iterates from a random start, so its
// ranks differ in the last digits from run to run, and tables must not.
func pageRank(sv *solver, damp float64) []float64 {
	g := &sv.g
	n := g.n
	if n == 0 {
		return nil
	}
	// Row-major: entry (i, j) at i*n+j. Each link is set once (no
	// duplicate edges, no loops), so every entry is 0 - w as it was with
	// gonum's Set.
	if cap(sv.data) < n*n+2*n {
		sv.data = make([]float64, n*n+2*n)
	}
	data := sv.data[:n*n]
	clear(data)
	for j, deg := range g.deg[:n] {
		if deg == 0 {
			w := damp / float64(n)
			for i := range n {
				data[i*n+j] -= w
			}
			continue
		}
		w := damp / float64(deg)
		g.neighbours(j, func(v int) { data[v*n+j] -= w })
	}
	for i := range n {
		data[i*n+i]++
	}
	bv := sv.data[n*n : n*n+n]
	for i := range bv {
		bv[i] = (1 - damp) / float64(n)
	}
	// What VecDense.SolveVec does: the LAPACK calls of mat.LU's Factorize
	// and SolveTo, on the same numbers in the same order, factorising in
	// place. mat.LU also estimates the condition number (a third of the
	// solve's time) to refuse near-singular systems; this one never is:
	// its columns are diagonally dominant (each sums to at most damp
	// off the diagonal), so its 1-norm condition number is at most
	// (1+damp)/(1-damp), about 12 for 0.85.
	if cap(sv.swaps) < n {
		sv.swaps = make([]int, n)
	}
	swaps := sv.swaps[:n]
	a := blas64.General{Rows: n, Cols: n, Stride: n, Data: data}
	if !lapack64.Getrf(a, swaps) {
		return nil
	}
	x := sv.data[n*n+n : n*n+2*n]
	copy(x, bv)
	solveLU(data, n, swaps, x)
	// mat.Sum's order: one pass from the first.
	sum := 0.0
	for _, v := range x {
		sum += v
	}
	if cap(sv.ranks) < n {
		sv.ranks = make([]float64, n)
	}
	ranks := sv.ranks[:n]
	for i := range ranks {
		ranks[i] = x[i] / sum
	}
	return ranks
}

// solveLU solves a·x = b in place of x (b on entry) for one right-hand
// side, a the n×n row-major LU factorisation Getrf made with its row
// swaps: what lapack64.Getrs does (the swaps, then gonum's Dtrsm for the
// unit lower and the upper triangle), the same operations on the same
// numbers in the same order, without Dtrsm's call of an assembly routine
// for every entry of a one-column right-hand side (two thirds of
// pageRank's time). Each product is rounded before it is added, as the
// assembly does (the conversion forbids a fused multiply-add).
// TestSolveLUSameAsGetrs compares the two bit for bit.
func solveLU(a []float64, n int, swaps []int, x []float64) {
	for k, p := range swaps[:n] {
		if k != p {
			x[k], x[p] = x[p], x[k]
		}
	}
	// L·y = b, L unit lower triangular.
	for i := range n {
		xi := x[i]
		for k, v := range a[i*n : i*n+i] {
			if v != 0 {
				xi += float64(-v * x[k])
			}
		}
		x[i] = xi
	}
	// U·x = y.
	for i := n - 1; i >= 0; i-- {
		xi := x[i]
		for k, v := range a[i*n+i+1 : i*n+n] {
			if v != 0 {
				xi += float64(-v * x[i+1+k])
			}
		}
		x[i] = xi * (1 / a[i*n+i])
	}
}

// wordGraph is the co-occurrence graph of one post: nodes 0..n-1, each
// node's number of neighbours and a bit per edge. PageRank's matrix needs
// no more (each link's entry is set once, whatever the order), and a
// graph kept in a solver is reused from post to post. gonum's map-based
// graphs cost more to build than PageRank costs to run on such small
// graphs.
type wordGraph struct {
	n   int
	deg []int32
	// edge has bit u*n+v set for each edge u-v (both ways).
	edge []uint64
}

// reset empties g for n nodes.
func (g *wordGraph) reset(n int) {
	g.n = n
	if cap(g.deg) < n {
		g.deg = make([]int32, n)
	}
	g.deg = g.deg[:n]
	clear(g.deg)
	w := (n*n + 63) / 64
	if cap(g.edge) < w {
		g.edge = make([]uint64, w)
	}
	g.edge = g.edge[:w]
	clear(g.edge)
}

func (g *wordGraph) has(u, v int64) bool {
	b := u*int64(g.n) + v
	return g.edge[b>>6]&(1<<(b&63)) != 0
}

// addEdge adds u-v once.
func (g *wordGraph) addEdge(u, v int64) {
	if u == v || g.has(u, v) {
		return
	}
	g.deg[u]++
	g.deg[v]++
	n := int64(g.n)
	for _, b := range [2]int64{u*n + v, v*n + u} {
		g.edge[b>>6] |= 1 << (b & 63)
	}
}

// neighbours calls f with each neighbour of u, in increasing order.
func (g *wordGraph) neighbours(u int, f func(v int)) {
	lo, hi := u*g.n, (u+1)*g.n
	for w := lo >> 6; w<<6 < hi; w++ {
		word := g.edge[w]
		// Bits of this word outside u's row are masked off.
		if w<<6 < lo {
			word &^= 1<<(lo-w<<6) - 1
		}
		if end := hi - w<<6; end < 64 {
			word &= 1<<end - 1
		}
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &= word - 1
			f(w<<6 + b - lo)
		}
	}
}
