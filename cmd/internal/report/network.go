package report

import (
	"html/template"
	"image/color"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/layout"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/spatial/r2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// orderedGraph lists its nodes by id, so that the layout, which places
// nodes at random in the order it gets them, is the same every run.
type orderedGraph struct {
	*simple.WeightedUndirectedGraph
}

func (g orderedGraph) Nodes() graph.Nodes {
	ns := graph.NodesOf(g.WeightedUndirectedGraph.Nodes())
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID() < ns[j].ID() })
	return iterator.NewOrderedNodes(ns)
}

type netNode struct {
	name, typ string
	docs      int64
	pos       r2.Vec
}

type netEdge struct {
	a, b int
	pmi  float64
}

// netPlot draws the laid-out network: edges, then nodes, then labels.
type netPlot struct {
	st           *style
	nodes        []netNode
	edges        []netEdge
	maxDocs      float64
	minPMI, spPM float64
}

func (n *netPlot) radius(docs int64) vg.Length {
	return vg.Points(3 + 9*math.Sqrt(float64(docs)/n.maxDocs))
}

func (n *netPlot) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	pt := func(v r2.Vec) vg.Point { return vg.Point{X: tx(v.X), Y: ty(v.Y)} }
	for _, e := range n.edges {
		t := 0.5
		if n.spPM > 0 {
			t = (e.pmi - n.minPMI) / n.spPM
		}
		grey := uint8(200 - 150*t)
		c.StrokeLine2(draw.LineStyle{Color: color.RGBA{grey, grey, grey, 255}, Width: vg.Points(0.6 + 2.4*t)}, pt(n.nodes[e.a].pos).X, pt(n.nodes[e.a].pos).Y, pt(n.nodes[e.b].pos).X, pt(n.nodes[e.b].pos).Y)
	}
	for _, nd := range n.nodes {
		r := n.radius(nd.docs)
		c.DrawGlyph(draw.GlyphStyle{Color: colorAt(typeColor[nd.typ]), Radius: r, Shape: draw.CircleGlyph{}}, pt(nd.pos))
	}
	ts := n.st.textStyle(8)
	for _, nd := range n.nodes {
		at := pt(nd.pos)
		at.X += n.radius(nd.docs) + vg.Points(1.5)
		c.FillText(ts, at, clip(nd.name, 10))
	}
}

func (n *netPlot) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, nd := range n.nodes {
		xmin, xmax = math.Min(xmin, nd.pos.X), math.Max(xmax, nd.pos.X)
		ymin, ymax = math.Min(ymin, nd.pos.Y), math.Max(ymax, nd.pos.Y)
	}
	// room for the labels right of the nodes and the largest circles
	dx, dy := math.Max(xmax-xmin, 1e-9), math.Max(ymax-ymin, 1e-9)
	return xmin - 0.06*dx, xmax + 0.2*dx, ymin - 0.08*dy, ymax + 0.08*dy
}

// network lays out the pairs with gonum's Eades force-directed layout,
// edges weighted by PMI, and draws them.
func (s *style) network(pairs []pairRow) (template.HTML, error) {
	g := simple.NewWeightedUndirectedGraph(0, 0)
	ids := map[string]int{}
	var nodes []netNode
	node := func(id, name, typ string, docs int64) int {
		i, ok := ids[id]
		if !ok {
			i = len(nodes)
			ids[id] = i
			nodes = append(nodes, netNode{name: name, typ: typ, docs: docs})
			g.AddNode(simple.Node(i))
		}
		return i
	}
	var edges []netEdge
	minPMI, maxPMI := math.Inf(1), math.Inf(-1)
	maxDocs := 1.0
	for _, p := range pairs {
		a := node(p.a, p.nameA, p.typeA, p.docsA)
		b := node(p.b, p.nameB, p.typeB, p.docsB)
		edges = append(edges, netEdge{a, b, p.pmi})
		minPMI, maxPMI = math.Min(minPMI, p.pmi), math.Max(maxPMI, p.pmi)
		maxDocs = math.Max(maxDocs, float64(max(p.docsA, p.docsB)))
		// attraction grows with PMI; never zero, so that every pair pulls
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(a), simple.Node(b), 0.5+math.Max(0, p.pmi)))
	}
	for i, pos := range layoutR2(g, eadesParams) {
		nodes[i].pos = pos
	}
	np := &netPlot{st: s, nodes: nodes, edges: edges, maxDocs: maxDocs, minPMI: minPMI, spPM: maxPMI - minPMI}
	p := s.newPlot()
	p.HideAxes()
	p.Add(np)
	for _, t := range []string{"person", "country", "outlet"} {
		sc, err := plotter.NewScatter(plotter.XYs{{}})
		if err != nil {
			return "", err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: colorAt(typeColor[t]), Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		p.Legend.Add(t, sc)
	}
	p.Legend.Top = true
	return renderPlot(p, 17*vg.Centimeter, 13*vg.Centimeter)
}

// eadesParams: gonum's example values (repulsion 1, rate 0.05) blow a
// hub-and-spoke graph of 30 nodes apart; these settle (largest distance
// from the centre under twice the median, on the real corpus).
var eadesParams = layout.EadesR2{Repulsion: 0.5, Rate: 0.01, Updates: 300, Theta: 0.2}

// layoutR2 places the nodes 0…n-1 of g with the Eades layout, from the same
// random start every time.
func layoutR2(g *simple.WeightedUndirectedGraph, e layout.EadesR2) []r2.Vec {
	e.Src = rand.NewPCG(1, 2)
	opt := layout.NewOptimizerR2(orderedGraph{g}, e.Update)
	for opt.Update() {
	}
	pos := make([]r2.Vec, g.Nodes().Len())
	for i := range pos {
		pos[i] = opt.Coord2(int64(i))
	}
	return pos
}
