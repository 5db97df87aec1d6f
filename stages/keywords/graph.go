package keywords

import (
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

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
