package keywords

import (
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// solver is a reused workspace of pageRank: the factorisation's storage
// is most of what a post's keywords allocate.
type solver struct {
	data  []float64
	swaps []int
}

var solvers = sync.Pool{New: func() any { return new(solver) }}

// pageRank solves PageRank on g exactly, as the linear system
// (I - damp·M) r = (1-damp)/n·1 with gonum's LU solver, M the column-
// stochastic link matrix (a node without links links to all), and returns
// the rank of each node (nil if the system is singular). gonum's
// network.PageRank iterates from a random start, so its ranks differ in the
// last digits from run to run, and tables must not.
func pageRank(g *wordGraph, damp float64) []float64 {
	n := len(g.adj)
	if n == 0 {
		return nil
	}
	sv := solvers.Get().(*solver)
	defer solvers.Put(sv)
	// Row-major: entry (i, j) at i*n+j. Each link is set once (no
	// duplicate edges, no loops), so every entry is 0 - w as it was with
	// gonum's Set.
	if cap(sv.data) < n*n+2*n {
		sv.data = make([]float64, n*n+2*n)
	}
	data := sv.data[:n*n]
	clear(data)
	for j, to := range g.adj {
		if len(to) == 0 {
			w := damp / float64(n)
			for i := range n {
				data[i*n+j] -= w
			}
			continue
		}
		w := damp / float64(len(to))
		for _, v := range to {
			data[int(v)*n+j] -= w
		}
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
	lapack64.Getrs(blas.NoTrans, a, blas64.General{Rows: n, Cols: 1, Stride: 1, Data: x}, swaps)
	// mat.Sum's order: one pass from the first.
	sum := 0.0
	for _, v := range x {
		sum += v
	}
	ranks := make([]float64, n)
	for i := range ranks {
		ranks[i] = x[i] / sum
	}
	return ranks
}

// wordGraph is the co-occurrence graph of one post: nodes 0..n-1 with
// their neighbours in order of first co-occurrence. gonum's map-based
// graphs cost more to build than PageRank costs to run on such small
// graphs.
type wordGraph struct {
	adj [][]int64 // neighbours of each node
	// edge has bit u*n+v set for each edge: has asks it instead of
	// scanning a neighbour list (up to maxNodes-1 long) per pair.
	edge []uint64
}

func newWordGraph(n int) *wordGraph {
	return &wordGraph{adj: make([][]int64, n), edge: make([]uint64, (n*n+63)/64)}
}

func (g *wordGraph) has(u, v int64) bool {
	b := u*int64(len(g.adj)) + v
	return g.edge[b>>6]&(1<<(b&63)) != 0
}

// addEdge adds u→v and v→u once.
func (g *wordGraph) addEdge(u, v int64) {
	if u == v || g.has(u, v) {
		return
	}
	g.adj[u] = append(g.adj[u], v)
	g.adj[v] = append(g.adj[v], u)
	n := int64(len(g.adj))
	for _, b := range [2]int64{u*n + v, v*n + u} {
		g.edge[b>>6] |= 1 << (b & 63)
	}
}
