package keywords

import (
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/mat"
)

// pageRank solves PageRank on g exactly, as the linear system
// (I - damp·M) r = (1-damp)/n·1 with gonum's LU solver, M the column-
// stochastic link matrix (a node without links links to all). gonum's
// network.PageRank iterates from a random start, so its ranks differ in the
// last digits from run to run, and tables must not.
func pageRank(g graph.Directed, damp float64) map[int64]float64 {
	nodes := graph.NodesOf(g.Nodes())
	n := len(nodes)
	if n == 0 {
		return nil
	}
	index := make(map[int64]int, n)
	for i, u := range nodes {
		index[u.ID()] = i
	}
	a := mat.NewDense(n, n, nil)
	for j, u := range nodes {
		to := graph.NodesOf(g.From(u.ID()))
		if len(to) == 0 {
			for i := range nodes {
				a.Set(i, j, a.At(i, j)-damp/float64(n))
			}
			continue
		}
		w := damp / float64(len(to))
		for _, v := range to {
			i := index[v.ID()]
			a.Set(i, j, a.At(i, j)-w)
		}
	}
	for i := 0; i < n; i++ {
		a.Set(i, i, a.At(i, i)+1)
	}
	b := mat.NewVecDense(n, nil)
	for i := 0; i < n; i++ {
		b.SetVec(i, (1-damp)/float64(n))
	}
	var r mat.VecDense
	if err := r.SolveVec(a, b); err != nil {
		return nil
	}
	sum := mat.Sum(&r)
	ranks := make(map[int64]float64, n)
	for i, u := range nodes {
		ranks[u.ID()] = r.AtVec(i) / sum
	}
	return ranks
}

// wordGraph is the co-occurrence graph of one post as gonum's graph.Directed:
// nodes 0..n-1 with sorted adjacency slices. gonum's map-based graphs cost
// more to build than PageRank costs to run on such small graphs.
type wordGraph struct {
	adj [][]int64 // out-neighbours of each node, sorted
}

func (g *wordGraph) has(u, v int64) bool {
	for _, x := range g.adj[u] {
		if x == v {
			return true
		}
	}
	return false
}

// addEdge adds u→v and v→u once.
func (g *wordGraph) addEdge(u, v int64) {
	if u == v || g.has(u, v) {
		return
	}
	g.adj[u] = append(g.adj[u], v)
	g.adj[v] = append(g.adj[v], u)
}

func (g *wordGraph) nodes(ids []int64) graph.Nodes {
	ns := make([]graph.Node, len(ids))
	for i, id := range ids {
		ns[i] = simple.Node(id)
	}
	return iterator.NewOrderedNodes(ns)
}

func (g *wordGraph) Node(id int64) graph.Node {
	if id < 0 || id >= int64(len(g.adj)) {
		return nil
	}
	return simple.Node(id)
}

func (g *wordGraph) Nodes() graph.Nodes {
	ids := make([]int64, len(g.adj))
	for i := range ids {
		ids[i] = int64(i)
	}
	return g.nodes(ids)
}

func (g *wordGraph) From(id int64) graph.Nodes {
	if id < 0 || id >= int64(len(g.adj)) {
		return graph.Empty
	}
	return g.nodes(g.adj[id])
}

func (g *wordGraph) To(id int64) graph.Nodes { return g.From(id) }

func (g *wordGraph) HasEdgeBetween(x, y int64) bool { return g.HasEdgeFromTo(x, y) }

func (g *wordGraph) HasEdgeFromTo(u, v int64) bool {
	return u >= 0 && u < int64(len(g.adj)) && v >= 0 && v < int64(len(g.adj)) && g.has(u, v)
}

func (g *wordGraph) Edge(u, v int64) graph.Edge {
	if !g.HasEdgeFromTo(u, v) {
		return nil
	}
	return simple.Edge{F: simple.Node(u), T: simple.Node(v)}
}
