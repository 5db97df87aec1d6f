package keywords

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// TestNeighbours checks the graph's neighbour walk against its edge test,
// on rows that straddle words of the bit set.
func TestNeighbours(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var g wordGraph
	for _, n := range []int{1, 2, 7, 63, 64, 65, maxNodes} {
		g.reset(n)
		for range 2 * n {
			g.addEdge(int64(rng.IntN(n)), int64(rng.IntN(n)))
		}
		for u := range n {
			var got, want []int
			g.neighbours(u, func(v int) { got = append(got, v) })
			for v := range n {
				if g.has(int64(u), int64(v)) {
					want = append(want, v)
				}
			}
			if !slices.Equal(got, want) || len(got) != int(g.deg[u]) {
				t.Fatalf("n=%d node %d: neighbours %v, edges %v, degree %d", n, u, got, want, g.deg[u])
			}
		}
	}
}

// TestSolveLUSameAsGetrs checks that solveLU gives lapack64.Getrs's
// solution bit for bit, on PageRank's systems of graphs of every size up
// to maxNodes and on general matrices with zeros and row swaps.
func TestSolveLUSameAsGetrs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 400 {
		n := 1 + trial%maxNodes
		a := make([]float64, n*n)
		if trial%2 == 0 {
			// A PageRank system: I - damp·M for a random graph.
			var g wordGraph
			g.reset(n)
			for range 3 * n {
				g.addEdge(int64(rng.IntN(n)), int64(rng.IntN(n)))
			}
			for j := range n {
				var to []int
				for v := range n {
					if g.has(int64(j), int64(v)) {
						to = append(to, v)
					}
				}
				if len(to) == 0 {
					for i := range n {
						a[i*n+j] -= 0.85 / float64(n)
					}
					continue
				}
				for _, v := range to {
					a[v*n+j] -= 0.85 / float64(len(to))
				}
			}
			for i := range n {
				a[i*n+i]++
			}
		} else {
			for i := range a {
				if rng.IntN(3) > 0 {
					a[i] = rng.NormFloat64()
				}
			}
		}
		b := make([]float64, n)
		for i := range b {
			b[i] = rng.Float64()
		}
		swaps := make([]int, n)
		m := blas64.General{Rows: n, Cols: n, Stride: n, Data: a}
		if !lapack64.Getrf(m, swaps) {
			continue
		}
		want := append([]float64(nil), b...)
		lapack64.Getrs(blas.NoTrans, m, blas64.General{Rows: n, Cols: 1, Stride: 1, Data: want}, swaps)
		got := append([]float64(nil), b...)
		solveLU(a, n, swaps, got)
		for i := range want {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("trial %d (n=%d): x[%d] = %v, Getrs gives %v", trial, n, i, got[i], want[i])
			}
		}
	}
}
