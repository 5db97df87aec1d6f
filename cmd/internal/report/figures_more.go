package report

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// rankedSpeakers returns the speakers, most quoted first.
func (b *builder) rankedSpeakers() []spKey {
	keys := make([]spKey, 0, len(b.d.speakers))
	for k := range b.d.speakers {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, c := b.d.speakers[keys[i]], b.d.speakers[keys[j]]
		if a.quotes != c.quotes {
			return a.quotes > c.quotes
		}
		if keys[i].who != keys[j].who {
			return keys[i].who < keys[j].who
		}
		return keys[i].typ < keys[j].typ
	})
	return keys
}

const topSpeakersCTE = `SELECT who, speaker_type, row_number() OVER (ORDER BY count(*) DESC, who, speaker_type) AS r
  FROM speakers GROUP BY who, speaker_type QUALIFY r <= %d`

func (b *builder) quotes() (Section, error) {
	sec := Section{ID: "quotes", Title: "Who is quoted", Intro: "Speakers of quotations and reported speech (people and organisations), the outlets that quote them, the quotes nobody is said to have said, and how sure the rules were."}
	d := b.d
	ranked := b.rankedSpeakers()

	f := Figure{ID: "quotes-speakers", Title: "Top speakers", Chart: true,
		Caption: "Quotes per speaker (blue: people, purple: organisations); a speaker is an entity when the entity stage knows it, else the name as written.",
		Table:   Table{Columns: []string{"speaker", "speaker_type", "quotes", "direct"}},
		Query: `SELECT label AS speaker, speaker_type, count(*) AS quotes, count(*) FILTER (WHERE kind = 'direct') AS direct
FROM speakers GROUP BY who, label, speaker_type ORDER BY quotes DESC, who, speaker_type LIMIT ` + strconv.Itoa(topSpeakers)}
	var labels []string
	var vals []float64
	var colors []color.Color
	for _, k := range ranked[:min(topSpeakers, len(ranked))] {
		sp := d.speakers[k]
		f.Table.Rows = append(f.Table.Rows, []Cell{str(sp.label), str(k.typ), num(sp.quotes), num(sp.direct)})
		labels = append(labels, sp.label)
		vals = append(vals, float64(sp.quotes))
		colors = append(colors, colorAt(typeColor[k.typ]))
	}
	var err error
	if f.SVG, err = b.st.hbars("", "quotes", labels, vals, colors); err != nil {
		return sec, err
	}
	sec.Figures = append(sec.Figures, f)

	// Speakers by outlet.
	top := ranked[:min(topSpeakerOut, len(ranked))]
	f = Figure{ID: "quotes-outlets", Title: "Quotes per speaker and outlet", Chart: true,
		Caption: fmt.Sprintf("The %d most quoted, their quotes split by the outlet quoting them (the %d outlets quoting them most; the rest as 其他).", topSpeakerOut, topOutletLayers),
		Table:   Table{Columns: []string{"speaker", "outlet", "quotes"}},
		Query: fmt.Sprintf(`WITH top AS (%s)
SELECT s.label AS speaker, coalesce(s.outlet, '(none)') AS outlet, count(*) AS quotes
FROM speakers s JOIN top USING (who, speaker_type)
GROUP BY s.who, s.speaker_type, s.label, 2 ORDER BY quotes DESC, s.who, s.speaker_type, outlet LIMIT %d`, fmt.Sprintf(topSpeakersCTE, topSpeakerOut), pairRows),
		ChartQuery: fmt.Sprintf(`WITH top AS (%s)
SELECT t.r, s.label AS speaker, coalesce(s.outlet, '(none)') AS outlet, count(*) AS quotes
FROM speakers s JOIN top t USING (who, speaker_type) GROUP BY ALL ORDER BY t.r, quotes DESC, outlet`, fmt.Sprintf(topSpeakersCTE, topSpeakerOut))}
	type so struct {
		k      spKey
		outlet string
		n      int
	}
	var sos []so
	outletTotals := map[string]int{}
	for _, k := range top {
		for o, n := range d.speakers[k].outlets {
			sos = append(sos, so{k, o, n})
			outletTotals[o] += n
		}
	}
	sort.Slice(sos, func(i, j int) bool {
		a, c := sos[i], sos[j]
		if a.n != c.n {
			return a.n > c.n
		}
		if a.k.who != c.k.who {
			return a.k.who < c.k.who
		}
		if a.k.typ != c.k.typ {
			return a.k.typ < c.k.typ
		}
		return a.outlet < c.outlet
	})
	for _, r := range sos[:min(pairRows, len(sos))] {
		f.Table.Rows = append(f.Table.Rows, []Cell{str(d.speakers[r.k].label), str(r.outlet), num(r.n)})
	}
	if len(top) > 0 {
		layers := sortedKeys(outletTotals)
		if len(layers) > topOutletLayers {
			layers = append(layers[:topOutletLayers:topOutletLayers], "其他")
		}
		values := make([][]float64, len(layers))
		labels = labels[:0]
		for li := range layers {
			values[li] = make([]float64, len(top))
		}
		for i, k := range top {
			sp := d.speakers[k]
			labels = append(labels, sp.label)
			for o, n := range sp.outlets {
				li := len(layers) - 1
				for j, l := range layers {
					if l == o {
						li = j
						break
					}
				}
				values[li][i] += float64(n)
			}
		}
		if f.SVG, err = b.st.hstacked("quotes", labels, layers, values); err != nil {
			return sec, err
		}
	}
	sec.Figures = append(sec.Figures, f)

	// Quotes without a speaker, and confidence.
	f = Figure{ID: "quotes-confidence", Title: "No speaker, and confidence", Chart: true,
		Caption: "Quotes by kind: how many have no speaker, and the confidence: for quotes in marks, the probability that the speaker is right, calibrated on annotated news posts the model was not fitted on (of those at 0.9 or more, 97% right); for reported speech, the rules' own figure, a guide for filtering rather than a probability. The chart: quotes per tenth of confidence (0.7–0.8 holds 0.7 up to 0.8) and kind.",
		Table:   Table{Columns: []string{"kind", "quotes", "no_speaker", "pct_no_speaker", "mean_confidence"}},
		Query: `SELECT q.kind, count(*) AS quotes, count(*) FILTER (WHERE q.speaker IS NULL) AS no_speaker,
       round(100.0 * count(*) FILTER (WHERE q.speaker IS NULL) / count(*), 1) AS pct_no_speaker,
       round(avg(q.confidence), 3) AS mean_confidence
FROM quotes q JOIN docs d USING (doc_id) GROUP BY q.kind ORDER BY quotes DESC, q.kind`,
		ChartQuery: `SELECT floor(q.confidence * 10) / 10 AS confidence_bin, q.kind, count(*) AS quotes
FROM quotes q JOIN docs d USING (doc_id) GROUP BY ALL ORDER BY ALL`}
	kinds := map[string]int{}
	for k, a := range d.kinds {
		kinds[k] = a.quotes
	}
	kindOrder := sortedKeys(kinds)
	for _, k := range kindOrder {
		a := d.kinds[k]
		f.Table.Rows = append(f.Table.Rows, []Cell{str(k), num(a.quotes), num(a.noSpeaker), dec(100*float64(a.noSpeaker)/float64(a.quotes), 1), dec(a.conf/float64(a.quotes), 3)})
	}
	if len(kindOrder) > 0 {
		var confs []float64
		seen := map[float64]bool{}
		for k := range d.conf {
			if !seen[k.conf] {
				seen[k.conf] = true
				confs = append(confs, k.conf)
			}
		}
		sort.Float64s(confs)
		labels = labels[:0]
		for _, c := range confs {
			l := strconv.FormatFloat(c, 'f', 1, 64)
			if c < 1 {
				l += "–" + strconv.FormatFloat(c+0.1, 'f', 1, 64)
			}
			labels = append(labels, l)
		}
		values := make([][]float64, len(kindOrder))
		for ki, k := range kindOrder {
			values[ki] = make([]float64, len(confs))
			for ci, c := range confs {
				values[ki][ci] = float64(d.conf[confKey{c, k}])
			}
		}
		if f.SVG, err = b.st.vbarsGrouped("", "quotes", labels, kindOrder, values); err != nil {
			return sec, err
		}
	}
	sec.Figures = append(sec.Figures, f)

	// Sample quotes.
	f = Figure{ID: "quotes-samples", Title: "What the top speakers said",
		Caption: fmt.Sprintf("Up to %d direct quotes of each of the %d most quoted: of a readable length (20 to 200 characters) first, then the most confident, the newest. The link goes to the post.", sampleN, topSampled),
		Table:   Table{Columns: []string{"speaker", "quote_id", "date", "outlet", "text", "url"}},
		Query: fmt.Sprintf(`WITH top AS (%s),
ranked AS (
  SELECT s.*, t.r, row_number() OVER (PARTITION BY t.r
           ORDER BY (length(s.text) BETWEEN 20 AND 200) DESC, s.confidence DESC, s.published_at DESC NULLS LAST, s.quote_id) AS n
  FROM speakers s JOIN top t USING (who, speaker_type) WHERE s.kind = 'direct')
SELECT label AS speaker, quote_id, strftime(published_at, '%%Y-%%m-%%d') AS date, coalesce(outlet, '(none)') AS outlet, text, url
FROM ranked WHERE n <= %d ORDER BY r, n`, fmt.Sprintf(topSpeakersCTE, topSampled), sampleN)}
	for _, k := range ranked[:min(topSampled, len(ranked))] {
		sp := d.speakers[k]
		for _, q := range sp.samples {
			dc := &d.docs[q.doc]
			date := ""
			if dc.hasTS {
				date = time.UnixMilli(dc.ms).UTC().Format("2006-01-02")
			}
			link := Cell{}
			if dc.url != "" {
				link = Cell{Text: "post", Href: dc.url}
			}
			f.Table.Rows = append(f.Table.Rows, []Cell{str(sp.label), str(q.quoteID), str(date), str(dc.outletLabel()), str(q.text), link})
		}
	}
	sec.Figures = append(sec.Figures, f)
	return sec, nil
}

func (b *builder) keyness() (Section, error) {
	sec := Section{ID: "keyness", Title: "Terms that rise", Intro: "Terms more frequent in a month, or in an outlet, than in the rest of the run: Dunning's G² (how sure) and the log₂ ratio of relative frequencies (how much), for the months with the most posts and the largest outlets. Keyness is computed over the whole run: the filters choose the months and outlets shown, not the terms."}
	// Months: those with the most posts, in order.
	perMonth := map[string]int{}
	for i := range b.d.docs {
		if m := b.d.docs[i].month; m != "" {
			perMonth[m]++
		}
	}
	months := sortedKeys(perMonth)
	months = months[:min(keyMonths, len(months))]
	sort.Strings(months)

	// Outlets: the largest of the report.
	counts := map[string]int{}
	for i := range b.d.docs {
		if o := b.d.docs[i].outlet; o != "" {
			counts[o]++
		}
	}
	outlets := sortedKeys(counts)
	outlets = outlets[:min(keyOutlets, len(outlets))]

	for _, g := range []struct {
		typ, id, title, col string
		groups              []string
		cte                 string
	}{
		{"period", "keyness-months", "Rising terms by month", "month", months,
			fmt.Sprintf(`SELECT "group", row_number() OVER (ORDER BY "group") AS r FROM (
    SELECT strftime(published_at, '%%Y-%%m') AS "group" FROM docs WHERE published_at IS NOT NULL
    GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT %d)`, keyMonths)},
		{"outlet", "keyness-outlets", "Distinctive terms by outlet", "outlet", outlets,
			fmt.Sprintf(`SELECT outlet AS "group", row_number() OVER (ORDER BY count(*) DESC, outlet) AS r FROM docs
  WHERE outlet IS NOT NULL GROUP BY outlet QUALIFY r <= %d`, keyOutlets)},
	} {
		f := Figure{ID: g.id, Title: g.title, Chart: true,
			Caption: fmt.Sprintf("The %d strongest terms of each of %d %ss by G² (bars); the table: the top %d with their frequency, G² and effect (log₂ ratio).", keyTerms, len(g.groups), g.col, keyRows),
			Table:   Table{Columns: []string{g.col, "term", "freq", "g2_score", "effect"}},
			Query: fmt.Sprintf(`WITH groups AS (%s)
SELECT "group" AS %s, term, freq, round(g2, 1) AS g2_score, round(log_ratio, 2) AS effect
FROM keyness JOIN groups USING ("group")
WHERE group_type = '%s' AND direction = 'over'
QUALIFY row_number() OVER (PARTITION BY "group" ORDER BY g2 DESC, term) <= %d
ORDER BY r, g2 DESC, term`, g.cte, g.col, g.typ, keyRows),
			ChartQuery: fmt.Sprintf(`WITH groups AS (%s)
SELECT r, "group" AS %s, term, g2 FROM keyness JOIN groups USING ("group")
WHERE group_type = '%s' AND direction = 'over'
QUALIFY row_number() OVER (PARTITION BY "group" ORDER BY g2 DESC, term) <= %d
ORDER BY r, g2 DESC, term`, g.cte, g.col, g.typ, keyTerms)}
		var panels []*plot.Plot
		for _, grp := range g.groups {
			var rows []keyRow
			for _, r := range b.d.keyness {
				if r.groupType == g.typ && r.group == grp {
					rows = append(rows, r)
				}
			}
			sort.Slice(rows, func(i, j int) bool {
				if rows[i].g2 != rows[j].g2 {
					return rows[i].g2 > rows[j].g2
				}
				return rows[i].term < rows[j].term
			})
			var labels []string
			var vals []float64
			for i, r := range rows {
				if i < keyRows {
					f.Table.Rows = append(f.Table.Rows, []Cell{str(grp), str(r.term), num(int(r.freq)), dec(r.g2, 1), dec(r.logRatio, 2)})
				}
				if i < keyTerms {
					labels = append(labels, r.term)
					vals = append(vals, r.g2)
				}
			}
			if len(labels) == 0 {
				continue
			}
			p, err := b.st.hbarPlot(clip(grp, 14), "G²", labels, vals, nil)
			if err != nil {
				return sec, err
			}
			panels = append(panels, p)
		}
		if len(panels) > 0 {
			const cols = 3
			var rows [][]*plot.Plot
			for i := 0; i < len(panels); i += cols {
				row := panels[i:min(i+cols, len(panels))]
				for len(row) < cols {
					row = append(row, b.st.blank())
				}
				rows = append(rows, row)
			}
			var err error
			if f.SVG, err = grid(rows, 17*vg.Centimeter, vg.Length(len(rows))*5.2*vg.Centimeter); err != nil {
				return sec, err
			}
		}
		sec.Figures = append(sec.Figures, f)
	}
	return sec, nil
}

func pairLess(a, b *pairRow) bool {
	if a.docs != b.docs {
		return a.docs > b.docs
	}
	if a.pmi != b.pmi {
		return a.pmi > b.pmi
	}
	if a.a != b.a {
		return a.a < b.a
	}
	return a.b < b.b
}

func sortPairs(ps []pairRow) {
	sort.Slice(ps, func(i, j int) bool { return pairLess(&ps[i], &ps[j]) })
}

func (b *builder) network() (Section, error) {
	sec := Section{ID: "network", Title: "The entity network", Intro: "Entities named in the same posts: the strongest pairs, laid out by a force-directed layout (gonum's Eades). Computed over the whole run; the date and outlet filters do not apply."}
	b.d.prunePairs()
	// Strong pairs: named together often (the strongest by documents),
	// and of those the most specific (by PMI): by documents alone the
	// largest countries pair with everyone.
	strong := append([]pairRow(nil), b.d.pairs[:min(strongPairs, len(b.d.pairs))]...)
	sort.SliceStable(strong, func(i, j int) bool {
		a, c := &strong[i], &strong[j]
		if a.pmi != c.pmi {
			return a.pmi > c.pmi
		}
		return pairLess(a, c)
	})
	f := Figure{ID: "network-pairs", Title: "Strongest co-occurrences", Chart: true,
		Caption: fmt.Sprintf("Of the %d pairs named together in the most posts, the %d with the highest PMI (how much more often together than by chance). Node size: posts naming the entity; edge width and darkness: PMI; colour: type (blue people, green countries, orange outlets).", strongPairs, networkPairs),
		Table:   Table{Columns: []string{"name_a", "name_b", "docs", "pmi"}},
		Query: fmt.Sprintf(`WITH strong AS (
  SELECT * FROM cooccurrence ORDER BY docs DESC, pmi DESC, entity_a, entity_b LIMIT %d)
SELECT name_a, name_b, docs, round(pmi, 2) AS pmi FROM strong
ORDER BY strong.pmi DESC, docs DESC, entity_a, entity_b LIMIT %d`, strongPairs, pairRows),
		ChartQuery: fmt.Sprintf(`WITH strong AS (
  SELECT * FROM cooccurrence ORDER BY docs DESC, pmi DESC, entity_a, entity_b LIMIT %d)
SELECT entity_a, entity_b, name_a, name_b, type_a, type_b, docs, docs_a, docs_b, pmi FROM strong
ORDER BY pmi DESC, docs DESC, entity_a, entity_b LIMIT %d`, strongPairs, networkPairs)}
	for _, p := range strong[:min(pairRows, len(strong))] {
		f.Table.Rows = append(f.Table.Rows, []Cell{str(p.nameA), str(p.nameB), num(int(p.docs)), dec(p.pmi, 2)})
	}
	if len(strong) > 0 {
		var err error
		if f.SVG, err = b.st.network(strong[:min(networkPairs, len(strong))]); err != nil {
			return sec, err
		}
	}
	sec.Figures = append(sec.Figures, f)
	return sec, nil
}

// lagBins are the bins of the lag between a copy and the first post of its
// group, in hours.
var lagBins = []struct {
	label string
	upTo  float64
}{{"<1 h", 1}, {"1–6 h", 6}, {"6–24 h", 24}, {"1–3 d", 72}, {"3–7 d", 168}, {"≥7 d", math.Inf(1)}}

func (b *builder) syndication() (Section, error) {
	sec := Section{ID: "syndication", Title: "Syndication", Intro: "Near-duplicate posts (documents.dup_group): stories syndicated between outlets or posted again, and how long after the first post the copies came."}
	d := b.d
	groups := map[string][]int32{}
	for i := range d.docs {
		groups[d.docs[i].dup] = append(groups[d.docs[i].dup], int32(i))
	}
	type grp struct {
		id, title, outletList string
		copies, outlets       int
		spread                float64
		hasSpread             bool
	}
	var gs []grp
	lags := make([][]float64, 2) // same outlet, other outlet
	for i := range lags {
		lags[i] = make([]float64, len(lagBins))
	}
	for id, members := range groups {
		if len(members) < 2 {
			continue
		}
		// first copy: the earliest, undated last, then by doc_id
		sort.Slice(members, func(i, j int) bool {
			a, c := &d.docs[members[i]], &d.docs[members[j]]
			if a.hasTS != c.hasTS {
				return a.hasTS
			}
			if a.ms != c.ms {
				return a.ms < c.ms
			}
			return a.id < c.id
		})
		g := grp{id: id, copies: len(members), title: d.docs[members[0]].title}
		outs := map[string]bool{}
		var lo, hi int64
		for _, m := range members {
			dc := &d.docs[m]
			if dc.outlet != "" {
				outs[dc.outlet] = true
			}
			if dc.hasTS {
				if !g.hasSpread || dc.ms < lo {
					lo = dc.ms
				}
				if !g.hasSpread || dc.ms > hi {
					hi = dc.ms
				}
				g.hasSpread = true
			}
		}
		g.spread = float64(hi-lo) / 3.6e6
		var ol []string
		for o := range outs {
			ol = append(ol, o)
		}
		sort.Strings(ol)
		g.outlets, g.outletList = len(ol), strings.Join(ol, "、")
		gs = append(gs, g)
		first := &d.docs[members[0]]
		for _, m := range members[1:] {
			dc := &d.docs[m]
			if !dc.hasTS {
				continue
			}
			h := float64(dc.ms-lo) / 3.6e6
			bin := 0
			for bin < len(lagBins)-1 && h >= lagBins[bin].upTo {
				bin++
			}
			other := 0
			if dc.outlet != first.outlet {
				other = 1
			}
			lags[other][bin]++
		}
	}
	sort.Slice(gs, func(i, j int) bool {
		a, c := gs[i], gs[j]
		if a.outlets != c.outlets {
			return a.outlets > c.outlets
		}
		if a.copies != c.copies {
			return a.copies > c.copies
		}
		return a.id < c.id
	})
	f := Figure{ID: "syndication-groups", Title: "Near-duplicate groups and the lag between copies", Chart: true,
		Caption: "Copies by how long after the group's first post they appeared, from the same outlet as the first or another (chart); the groups spanning the most outlets, and the hours between their first and last copy (table).",
		Table:   Table{Columns: []string{"dup_group", "title", "copies", "outlets", "outlet_list", "spread_hours"}},
		Query: fmt.Sprintf(`SELECT dup_group, first(title ORDER BY published_at NULLS LAST, doc_id) AS title, count(*) AS copies,
       count(DISTINCT outlet) AS outlets, string_agg(DISTINCT outlet, '、' ORDER BY outlet) AS outlet_list,
       round(epoch(max(published_at) - min(published_at)) / 3600, 1) AS spread_hours
FROM docs GROUP BY dup_group HAVING count(DISTINCT outlet) > 1
ORDER BY outlets DESC, copies DESC, dup_group LIMIT %d`, dupRows),
		ChartQuery: `WITH c AS (
  SELECT dup_group, outlet, published_at,
         row_number() OVER w AS n, count(*) OVER (PARTITION BY dup_group) AS copies,
         first_value(outlet) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_outlet,
         epoch(published_at - min(published_at) OVER (PARTITION BY dup_group)) / 3600 AS lag_hours
  FROM docs WINDOW w AS (PARTITION BY dup_group ORDER BY published_at NULLS LAST, doc_id))
SELECT CASE WHEN lag_hours < 1 THEN '<1 h' WHEN lag_hours < 6 THEN '1–6 h' WHEN lag_hours < 24 THEN '6–24 h'
            WHEN lag_hours < 72 THEN '1–3 d' WHEN lag_hours < 168 THEN '3–7 d' ELSE '≥7 d' END AS lag,
       outlet IS DISTINCT FROM first_outlet AS other_outlet, count(*) AS copies
FROM c WHERE copies > 1 AND n > 1 AND lag_hours IS NOT NULL GROUP BY ALL ORDER BY ALL`}
	shown := 0
	for _, g := range gs {
		if g.outlets < 2 || shown == dupRows {
			continue
		}
		shown++
		spread := Cell{Num: true}
		if g.hasSpread {
			spread = dec(g.spread, 1)
		}
		f.Table.Rows = append(f.Table.Rows, []Cell{str(g.id), str(g.title), num(g.copies), num(g.outlets), str(g.outletList), spread})
	}
	if len(gs) > 0 {
		labels := make([]string, len(lagBins))
		for i, l := range lagBins {
			labels[i] = l.label
		}
		var err error
		if f.SVG, err = b.st.vbarsStacked("", "copies", labels, []string{"same outlet", "other outlet"}, lags); err != nil {
			return sec, err
		}
	}
	sec.Figures = append(sec.Figures, f)
	return sec, nil
}
