package report

import (
	"fmt"
	"html/template"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Top-N limits: what keeps the charts legible whatever the corpus size.
const (
	topOutletRows   = 12  // outlets in the posts table
	topOutletLines  = 6   // outlets drawn as lines
	topEntities     = 15  // bars of the entity rankings
	topTimeline     = 3   // entities per type in the small multiples
	topSpeakers     = 15  // bars of the speaker ranking
	topSpeakerOut   = 10  // speakers in the speaker × outlet chart
	topOutletLayers = 6   // outlets stacked there (the rest are "其他")
	topSampled      = 5   // speakers with sample quotes
	keyMonths       = 6   // months of rising terms: those with the most posts
	keyOutlets      = 6   // outlets of distinctive terms
	keyTerms        = 6   // terms per month or outlet in the charts
	keyRows         = 3   // terms per month or outlet in the tables
	problemRows     = 15  // errors and warnings
	strongPairs     = 200 // pairs by documents the network chooses from
	networkPairs    = 40  // edges of the network
	pairRows        = 15  // pairs in the network's table
	dupRows         = 12  // near-duplicate groups in the table
)

// Section is a part of the page: a title, a few words, its figures.
type Section struct {
	ID, Title, Intro string
	Figures          []Figure
}

// Figure is one chart, the table under it and the query that gives the
// table.
type Figure struct {
	ID, Title, Caption string
	// SVG is the chart; empty for a figure that is a table only, or whose
	// table is empty.
	SVG template.HTML
	// Chart says whether the figure has a chart when there is data.
	Chart bool
	Table Table
	// Query gives Table's rows, in order, in DuckDB over the views of the
	// page's preamble.
	Query string
	// ChartQuery gives the chart's data when the table does not.
	ChartQuery string
}

// Table is a short table: column names as the query names them.
type Table struct {
	Columns []string
	Rows    [][]Cell
}

// Cell is a value as shown; Href makes it a link (the url column).
type Cell struct {
	Text, Href string
	Num        bool
}

func str(s string) Cell { return Cell{Text: s} }
func num(n int) Cell    { return Cell{Text: strconv.Itoa(n), Num: true} }

// dec rounds as DuckDB's round(x, n) does and shows n decimals.
func dec(x float64, n int) Cell {
	p := math.Pow(10, float64(n))
	return Cell{Text: strconv.FormatFloat(math.Round(x*p)/p, 'f', n, 64), Num: true}
}

type builder struct {
	d      *data
	st     *style
	months []string // the span of the monthly charts, once computed
}

func (b *builder) sections() ([]Section, error) {
	var secs []Section
	for _, f := range []func() (Section, error){b.posts, b.entities, b.quotes, b.keyness, b.network, b.syndication} {
		s, err := f()
		if err != nil {
			return nil, err
		}
		secs = append(secs, s)
	}
	return secs, nil
}

func (b *builder) posts() (Section, error) {
	sec := Section{ID: "posts", Title: "Posts", Intro: "What the run holds: outlets and months, scripts and layouts, what was rejected or repaired."}
	d := b.d
	type outletAgg struct {
		posts       int
		first, last string
		months      map[string]int
	}
	outlets := map[string]*outletAgg{}
	counts := map[string]int{}
	for i := range d.docs {
		dc := &d.docs[i]
		o := dc.outletLabel()
		a := outlets[o]
		if a == nil {
			a = &outletAgg{months: map[string]int{}}
			outlets[o] = a
		}
		a.posts++
		counts[o]++
		if dc.month != "" {
			a.months[dc.month]++
			if a.first == "" || dc.month < a.first {
				a.first = dc.month
			}
			if dc.month > a.last {
				a.last = dc.month
			}
		}
	}
	order := sortedKeys(counts)
	f := Figure{ID: "posts-outlets", Title: "Posts per outlet and month", Chart: true,
		Caption: fmt.Sprintf("The %d outlets with the most posts as lines, by calendar month (UTC; the charts span the months of 99%% of the dated posts); the table: the largest outlets and the months they span.", topOutletLines),
		Table:   Table{Columns: []string{"outlet", "posts", "first_month", "last_month"}},
		Query: `SELECT coalesce(outlet, '(none)') AS outlet, count(*) AS posts,
       strftime(min(published_at), '%Y-%m') AS first_month,
       strftime(max(published_at), '%Y-%m') AS last_month
FROM docs GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ` + strconv.Itoa(topOutletRows),
		ChartQuery: `SELECT strftime(published_at, '%Y-%m') AS month, coalesce(outlet, '(none)') AS outlet, count(*) AS posts
FROM docs WHERE published_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 3 DESC`}
	for i, o := range order {
		if i == topOutletRows {
			break
		}
		a := outlets[o]
		f.Table.Rows = append(f.Table.Rows, []Cell{str(o), num(a.posts), str(a.first), str(a.last)})
	}
	if len(b.span()) > 0 {
		var ss []series
		for i, o := range order {
			if i == topOutletLines {
				break
			}
			ss = append(ss, series{name: o, values: outlets[o].months})
		}
		p, err := b.st.lines("", "posts", b.span(), ss, 0, true, 10)
		if err != nil {
			return sec, err
		}
		if f.SVG, err = renderPlot(p, 17*vg.Centimeter, 8*vg.Centimeter); err != nil {
			return sec, err
		}
	}
	sec.Figures = append(sec.Figures, f)

	for _, mix := range []struct {
		col, title string
		m          map[string]int
		q          string
	}{
		{"script", "Scripts", d.scripts, "coalesce(script, '(none)')"},
		{"format", "Layouts (formats)", d.formats, "format"},
	} {
		f := Figure{ID: "posts-" + mix.col, Title: mix.title, Chart: true,
			Caption: "Posts by " + mix.col + " of the text, with the share of all posts in percent.",
			Table:   Table{Columns: []string{mix.col, "posts", "pct"}},
			Query: fmt.Sprintf(`SELECT %s AS %s, count(*) AS posts,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct
FROM docs GROUP BY 1 ORDER BY 2 DESC, 1`, mix.q, mix.col)}
		keys := sortedKeys(mix.m)
		var vals []float64
		for _, k := range keys {
			f.Table.Rows = append(f.Table.Rows, []Cell{str(k), num(mix.m[k]), dec(100*float64(mix.m[k])/float64(len(d.docs)), 1)})
			vals = append(vals, float64(mix.m[k]))
		}
		var err error
		if f.SVG, err = b.st.hbars("", "posts", keys, vals, nil); err != nil {
			return sec, err
		}
		sec.Figures = append(sec.Figures, f)
	}

	type problem struct {
		kind, what string
		n          int
	}
	var probs []problem
	for k, n := range d.errs {
		probs = append(probs, problem{"error", k[0] + ": " + k[1], n})
	}
	for w, n := range d.warnings {
		probs = append(probs, problem{"warning", w, n})
	}
	sort.Slice(probs, func(i, j int) bool {
		a, b := probs[i], probs[j]
		if a.n != b.n {
			return a.n > b.n
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.what < b.what
	})
	if len(probs) > problemRows {
		probs = probs[:problemRows]
	}
	f = Figure{ID: "posts-problems", Title: "Errors and warnings", Chart: true,
		Caption: "Inputs rejected (errors, by stage and reason; the errors table covers the whole run) and what was repaired in the posts kept (warnings).",
		Table:   Table{Columns: []string{"kind", "what", "n"}},
		Query: `SELECT 'error' AS kind, stage || ': ' || error AS what, count(*) AS n FROM errors GROUP BY ALL
UNION ALL
SELECT 'warning', w, count(*) FROM (SELECT unnest(warnings) AS w FROM docs) GROUP BY ALL
ORDER BY n DESC, kind, what LIMIT ` + strconv.Itoa(problemRows)}
	var labels []string
	var vals []float64
	var colors []color.Color
	for _, p := range probs {
		f.Table.Rows = append(f.Table.Rows, []Cell{str(p.kind), str(p.what), num(p.n)})
		labels = append(labels, p.what)
		vals = append(vals, float64(p.n))
		c := colorAt(1)
		if p.kind == "error" {
			c = colorAt(2)
		}
		colors = append(colors, c)
	}
	var err error
	if f.SVG, err = b.st.hbars("", "posts (red: errors, orange: warnings)", labels, vals, colors); err != nil {
		return sec, err
	}
	sec.Figures = append(sec.Figures, f)
	return sec, nil
}

// topEntitiesCTE ranks entities within their type as the rankings do.
var topEntitiesCTE = fmt.Sprintf(`
  SELECT m.entity_id, m.type,
         row_number() OVER (PARTITION BY m.type ORDER BY count(DISTINCT m.doc_id) DESC, count(*) DESC, m.entity_id) AS r
  FROM mentions m JOIN docs d USING (doc_id) GROUP BY m.entity_id, m.type QUALIFY r <= %d`, topTimeline)

// rankedEntities returns the ids of one type's entities, most named first.
func (b *builder) rankedEntities(typ string) []string {
	var ids []string
	for id, e := range b.d.ents {
		if e.typ == typ {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		a, c := b.d.ents[ids[i]], b.d.ents[ids[j]]
		if a.docs != c.docs {
			return a.docs > c.docs
		}
		if a.mentions != c.mentions {
			return a.mentions > c.mentions
		}
		return ids[i] < ids[j]
	})
	return ids
}

var typeTitles = map[string]string{"person": "People", "country": "Countries", "outlet": "Outlets"}

// typeColor is the palette index of each entity type, the same in every chart.
var typeColor = map[string]int{"person": 0, "country": 4, "outlet": 1, "organization": 6}

func (b *builder) entities() (Section, error) {
	sec := Section{ID: "entities", Title: "Who is named", Intro: "People, countries and outlets by the posts naming them, and their months."}
	for _, typ := range []string{"person", "country", "outlet"} {
		ids := b.rankedEntities(typ)
		f := Figure{ID: "entities-" + typ, Title: "The most named " + strings.ToLower(typeTitles[typ]), Chart: true,
			Caption: "Posts naming each (bars) and all its mentions (table).",
			Table:   Table{Columns: []string{"entity_id", "name", "posts", "mentions"}},
			Query: fmt.Sprintf(`SELECT m.entity_id, e.name, count(DISTINCT m.doc_id) AS posts, count(*) AS mentions
FROM mentions m JOIN docs d USING (doc_id) JOIN entities e USING (entity_id)
WHERE m.type = '%s'
GROUP BY ALL ORDER BY posts DESC, mentions DESC, m.entity_id LIMIT %d`, typ, topEntities)}
		var labels []string
		var vals []float64
		for i, id := range ids {
			if i == topEntities {
				break
			}
			e := b.d.ents[id]
			name := b.d.names[id].name
			f.Table.Rows = append(f.Table.Rows, []Cell{str(id), str(name), num(e.docs), num(e.mentions)})
			labels = append(labels, name)
			vals = append(vals, float64(e.docs))
		}
		cs := make([]color.Color, len(labels))
		for i := range cs {
			cs[i] = colorAt(typeColor[typ])
		}
		var err error
		if f.SVG, err = b.st.hbars("", "posts", labels, vals, cs); err != nil {
			return sec, err
		}
		sec.Figures = append(sec.Figures, f)
	}

	// Small multiples: the top few of each type, month by month.
	f := Figure{ID: "entities-timelines", Title: "Their months", Chart: true,
		Caption: fmt.Sprintf("Posts per month naming the %d most named of each type, one panel each; the table: dated posts and the busiest month.", topTimeline),
		Table:   Table{Columns: []string{"type", "name", "dated_posts", "peak_month", "peak_posts"}},
		Query: fmt.Sprintf(`WITH top AS (%s),
monthly AS (
  SELECT m.entity_id, strftime(d.published_at, '%%Y-%%m') AS month, count(DISTINCT m.doc_id) AS posts
  FROM mentions m JOIN docs d USING (doc_id) JOIN top USING (entity_id)
  WHERE d.published_at IS NOT NULL GROUP BY ALL)
SELECT t.type, e.name, sum(mo.posts) AS dated_posts,
       first(mo.month ORDER BY mo.posts DESC, mo.month) AS peak_month, max(mo.posts) AS peak_posts
FROM top t JOIN entities e USING (entity_id) JOIN monthly mo USING (entity_id)
GROUP BY t.type, t.r, e.name ORDER BY t.type, t.r`, topEntitiesCTE),
		ChartQuery: fmt.Sprintf(`WITH top AS (%s)
SELECT t.type, t.r, e.name, strftime(d.published_at, '%%Y-%%m') AS month, count(DISTINCT m.doc_id) AS posts
FROM mentions m JOIN docs d USING (doc_id) JOIN top t USING (entity_id) JOIN entities e USING (entity_id)
WHERE d.published_at IS NOT NULL GROUP BY ALL ORDER BY t.type, t.r, month`, topEntitiesCTE)}
	var rows [][]*plot.Plot
	for _, typ := range []string{"country", "outlet", "person"} {
		ids := b.rankedEntities(typ)
		var row []*plot.Plot
		for _, id := range ids[:min(topTimeline, len(ids))] {
			e := b.d.ents[id]
			if len(e.months) == 0 {
				continue
			}
			total, peak, peakM := 0, 0, ""
			for m, n := range e.months {
				total += n
				if n > peak || (n == peak && m < peakM) {
					peak, peakM = n, m
				}
			}
			name := b.d.names[id].name
			f.Table.Rows = append(f.Table.Rows, []Cell{str(typ), str(name), num(total), str(peakM), num(peak)})
			// one colour per type, as in the rankings above
			p, err := b.st.lines(clip(name, 14), "", b.span(), []series{{name: name, values: e.months}}, typeColor[typ], false, 3)
			if err != nil {
				return sec, err
			}
			row = append(row, p)
		}
		if len(row) > 0 {
			for len(row) < topTimeline {
				row = append(row, b.st.blank())
			}
			rows = append(rows, row)
		}
	}
	if len(rows) > 0 {
		var err error
		if f.SVG, err = grid(rows, 17*vg.Centimeter, vg.Length(len(rows))*4.6*vg.Centimeter); err != nil {
			return sec, err
		}
	}
	sec.Figures = append(sec.Figures, f)
	return sec, nil
}

// span is the months the monthly charts cover: those of the dated posts,
// less the sparse tails (0.5% of the posts at each end), so that a few
// posts with odd dates do not squeeze the rest into a corner.
func (b *builder) span() []string {
	if b.months != nil {
		return b.months
	}
	per := map[string]int{}
	total := 0
	for i := range b.d.docs {
		if m := b.d.docs[i].month; m != "" {
			per[m]++
			total++
		}
	}
	if total == 0 {
		b.months = []string{}
		return b.months
	}
	ms := make([]string, 0, len(per))
	for m := range per {
		ms = append(ms, m)
	}
	sort.Strings(ms)
	cut := total / 200
	lo, hi := 0, len(ms)-1
	for acc := per[ms[lo]]; lo < hi && acc <= cut; acc += per[ms[lo]] {
		lo++
	}
	for acc := per[ms[hi]]; hi > lo && acc <= cut; acc += per[ms[hi]] {
		hi--
	}
	b.months = monthRange(ms[lo], ms[hi])
	return b.months
}
