package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	_ "github.com/duckdb/duckdb-go/v2"
	"golang.org/x/net/html"
)

// reportFigures are the figures a report has, by section: the page's
// structure as the issue lists it. Every one but the sample quotes has a
// chart.
var reportFigures = map[string][]string{
	"posts":       {"posts-outlets", "posts-script", "posts-format", "posts-problems"},
	"entities":    {"entities-person", "entities-country", "entities-outlet", "entities-timelines"},
	"quotes":      {"quotes-speakers", "quotes-outlets", "quotes-confidence", "quotes-samples"},
	"keyness":     {"keyness-months", "keyness-outlets"},
	"network":     {"network-pairs"},
	"syndication": {"syndication-groups"},
}

var tableOnly = map[string]bool{"quotes-samples": true}

// page is what the tests read of a report.
type page struct {
	sections map[string][]string // section id → figure ids, in order
	figures  map[string]*pageFigure
	preamble string
}

type pageFigure struct {
	svgs               int
	svgTexts           []string
	columns            []string
	rows               [][]string
	query, chartQuery  string
	hasChartBox, empty bool
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && slices.Contains(strings.Fields(a.Val), class) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func find(n *html.Node, match func(*html.Node) bool, f func(*html.Node)) {
	if n.Type == html.ElementNode && match(n) {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		find(c, match, f)
	}
}

func elem(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}

func elemClass(tag, class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag && hasClass(n, class) }
}

// cellValue is what a table cell stands for: a link's target, else its text.
func cellValue(td *html.Node) string {
	href := ""
	find(td, elem("a"), func(a *html.Node) { href = attr(a, "href") })
	if href != "" {
		return href
	}
	return textOf(td)
}

func parsePage(t *testing.T, path string) *page {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	p := &page{sections: map[string][]string{}, figures: map[string]*pageFigure{}}
	find(doc, elemClass("pre", "preamble"), func(n *html.Node) { p.preamble = textOf(n) })
	find(doc, elemClass("section", "section"), func(sec *html.Node) {
		id := attr(sec, "id")
		find(sec, elemClass("figure", "fig"), func(fn *html.Node) {
			fid := attr(fn, "data-figure")
			p.sections[id] = append(p.sections[id], fid)
			fig := &pageFigure{}
			p.figures[fid] = fig
			find(fn, elem("svg"), func(s *html.Node) {
				fig.svgs++
				find(s, elem("text"), func(tx *html.Node) { fig.svgTexts = append(fig.svgTexts, textOf(tx)) })
			})
			find(fn, elemClass("div", "chart-box"), func(*html.Node) { fig.hasChartBox = true })
			find(fn, elemClass("p", "empty"), func(*html.Node) { fig.empty = true })
			find(fn, elemClass("table", "data"), func(tbl *html.Node) {
				find(tbl, elem("th"), func(th *html.Node) { fig.columns = append(fig.columns, textOf(th)) })
				find(tbl, elem("tr"), func(tr *html.Node) {
					var row []string
					find(tr, elem("td"), func(td *html.Node) { row = append(row, cellValue(td)) })
					if row != nil {
						fig.rows = append(fig.rows, row)
					}
				})
			})
			find(fn, elemClass("pre", "query"), func(n *html.Node) { fig.query = textOf(n) })
			find(fn, elemClass("pre", "chart-query"), func(n *html.Node) { fig.chartQuery = textOf(n) })
		})
	})
	return p
}

// reportPostsDir adds a syndicated story to the sample posts.
const reportPostsDir = "../../testdata/report"

// sampleRun runs the pipeline over the sample posts once per test binary.
var sampleRunDir string

func sampleRun(t *testing.T) string {
	t.Helper()
	if sampleRunDir != "" {
		return sampleRunDir
	}
	dir, err := os.MkdirTemp("", "newsnlp-report-*")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "run", "-q", postsDir, reportPostsDir, "--out", out); code != exitOK {
		t.Fatalf("run: %d %s", code, stderr)
	}
	sampleRunDir = out
	return out
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sampleRunDir != "" {
		os.RemoveAll(filepath.Dir(sampleRunDir))
	}
	os.Exit(code)
}

// checkStructure checks the sections, the figures, one SVG per chart and a
// query for every figure.
func checkStructure(t *testing.T, p *page) {
	t.Helper()
	for sec, figs := range reportFigures {
		if got := p.sections[sec]; !slices.Equal(got, figs) {
			t.Errorf("section %s: figures %v, want %v", sec, got, figs)
		}
	}
	if len(p.sections) != len(reportFigures) {
		t.Errorf("%d sections, want %d", len(p.sections), len(reportFigures))
	}
	for id, f := range p.figures {
		want := 1
		if tableOnly[id] {
			want = 0
		}
		if f.svgs != want {
			t.Errorf("%s: %d SVG charts, want %d", id, f.svgs, want)
		}
		if want == 1 && !f.hasChartBox {
			t.Errorf("%s: the chart is not in a chart box", id)
		}
		if !strings.Contains(f.query, "SELECT") {
			t.Errorf("%s: no query", id)
		}
	}
	if !strings.Contains(p.preamble, "CREATE VIEW docs") || !strings.Contains(p.preamble, "read_parquet(") {
		t.Errorf("preamble without the views:\n%s", p.preamble)
	}
}

// checkQueries runs the page's preamble and every figure's query in DuckDB
// and compares the results with the tables of the page.
func checkQueries(t *testing.T, p *page) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // SET TimeZone holds for one connection
	for _, stmt := range strings.Split(p.preamble, ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("preamble: %v\n%s", err, stmt)
		}
	}
	for id, f := range p.figures {
		if f.chartQuery != "" {
			if _, err := db.Exec(f.chartQuery); err != nil {
				t.Errorf("%s: chart query: %v\n%s", id, err, f.chartQuery)
			}
		}
		rows, err := db.Query(f.query)
		if err != nil {
			t.Errorf("%s: %v\n%s", id, err, f.query)
			continue
		}
		cols, _ := rows.Columns()
		var got [][]any
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			got = append(got, vals)
		}
		if err := rows.Err(); err != nil {
			t.Errorf("%s: %v", id, err)
		}
		rows.Close()
		if len(got) > 0 && !slices.Equal(cols, f.columns) {
			t.Errorf("%s: columns %v, the query's %v", id, f.columns, cols)
		}
		if len(got) != len(f.rows) {
			t.Errorf("%s: %d rows on the page, %d from DuckDB\n%s", id, len(f.rows), len(got), f.query)
			continue
		}
		for i, row := range got {
			for j, v := range row {
				if msg := cellDiffers(f.rows[i][j], v); msg != "" {
					t.Errorf("%s row %d %s: %s", id, i+1, cols[j], msg)
				}
			}
		}
	}
}

// cellDiffers compares a cell of the page with DuckDB's value: strings
// exactly, numbers to the last decimal the page shows.
func cellDiffers(cell string, v any) string {
	switch x := v.(type) {
	case nil:
		if cell != "" {
			return fmt.Sprintf("page %q, DuckDB NULL", cell)
		}
	case string:
		if cell != x {
			return fmt.Sprintf("page %q, DuckDB %q", cell, x)
		}
	case float64:
		c, err := strconv.ParseFloat(cell, 64)
		decimals := 0
		if i := strings.IndexByte(cell, '.'); i >= 0 {
			decimals = len(cell) - i - 1
		}
		if err != nil || math.Abs(c-x) > 0.5*math.Pow(10, -float64(decimals))+1e-9 {
			return fmt.Sprintf("page %q, DuckDB %v", cell, x)
		}
	case int64, int32, int, uint64, int16, int8:
		if cell != fmt.Sprint(x) {
			return fmt.Sprintf("page %q, DuckDB %v", cell, x)
		}
	case time.Time:
		return fmt.Sprintf("page %q, DuckDB a time %v: the query should format it", cell, x)
	default:
		if cell != fmt.Sprint(x) {
			return fmt.Sprintf("page %q, DuckDB %v (%T)", cell, x, x)
		}
	}
	return ""
}

// TestReportSample: the report of the sample run has its structure, and its
// tables are what their queries give in DuckDB; with filters too, and with
// the tables as folders of part files.
func TestReportSample(t *testing.T) {
	out := sampleRun(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"all", nil},
		{"filtered", []string{"--from", "2020-07", "--to", "2020-10-15", "--outlet", "中国数字时代", "--outlet", "BBC,美国之音,路透,法广"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			htmlPath := filepath.Join(t.TempDir(), "r.html")
			args := append([]string{"report", out, "--html", htmlPath, "-q"}, c.args...)
			if code, _, stderr := runCLI(t, args...); code != exitOK {
				t.Fatalf("report: %d %s", code, stderr)
			}
			p := parsePage(t, htmlPath)
			checkStructure(t, p)
			checkQueries(t, p)
			if c.name == "all" {
				// the sample has data for every table: no figure may be empty
				for id, f := range p.figures {
					if len(f.rows) == 0 || f.empty {
						t.Errorf("%s: empty on the sample run", id)
					}
				}
				var cjk bool
				for _, s := range p.figures["entities-person"].svgTexts {
					for _, r := range s {
						cjk = cjk || (r >= 0x4e00 && r <= 0x9fff)
					}
				}
				if !cjk {
					t.Errorf("no Chinese label in the people chart: %q", p.figures["entities-person"].svgTexts)
				}
			}
		})
	}
	t.Run("parts", func(t *testing.T) {
		parts := splitRun(t, out)
		single := filepath.Join(t.TempDir(), "single.html")
		split := filepath.Join(t.TempDir(), "split.html")
		for _, c := range [][]string{{out, single}, {parts, split}} {
			if code, _, stderr := runCLI(t, "report", c[0], "--html", c[1], "-q"); code != exitOK {
				t.Fatalf("report %s: %d %s", c[0], code, stderr)
			}
		}
		ps, pp := parsePage(t, single), parsePage(t, split)
		checkQueries(t, pp)
		for id, f := range ps.figures {
			if !slices.EqualFunc(f.rows, pp.figures[id].rows, slices.Equal) {
				t.Errorf("%s: the tables differ between one file and part files", id)
			}
		}
	})
	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{{"report"}, {"report", out, "--from", "July"}, {"report", out, out}} {
			if code, _, _ := runCLI(t, args...); code != exitUsage {
				t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
			}
		}
		if code, _, _ := runCLI(t, "report", filepath.Join(t.TempDir(), "none")); code != exitFailed {
			t.Errorf("a missing run: exit %d, want %d", code, exitFailed)
		}
	})
}

// splitRun copies a run's tables into the layout of folders of part files,
// OUT/<table>/part-N.parquet, splitting each table's rows in two.
func splitRun(t *testing.T, out string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "parts")
	for _, name := range []string{"documents", "mentions", "entities", "quotes", "keywords", "keyness", "cooccurrence", "errors"} {
		tbl := readTable(t, onlyPart(t, out, name))
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		half := max(1, tbl.NumRows()/2)
		write := func(part arrow.Table, n int) {
			f, err := os.Create(filepath.Join(dir, name, fmt.Sprintf("part-%d.parquet", n)))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd))
			if err := pqarrow.WriteTable(part, f, half, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(memory.DefaultAllocator))); err != nil {
				t.Fatal(err)
			}
		}
		tr := array.NewTableReader(tbl, half)
		n := 0
		for tr.Next() {
			rec := tr.RecordBatch()
			part := array.NewTableFromRecords(rec.Schema(), []arrow.RecordBatch{rec})
			write(part, n)
			part.Release()
			n++
		}
		if n == 0 {
			write(tbl, 0)
		}
		tr.Release()
		tbl.Release()
	}
	return dir
}

// TestReportCorpus: on the real corpus, the report's tables are what their
// queries give.
func TestReportCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	run := os.Getenv("NEWSNLP_REPORT_RUN")
	if run == "" {
		t.Skip("NEWSNLP_REPORT_RUN names no run of the corpus")
	}
	htmlPath := filepath.Join(t.TempDir(), "r.html")
	if code, _, stderr := runCLI(t, "report", run, "--html", htmlPath, "-q"); code != exitOK {
		t.Fatalf("report: %d %s", code, stderr)
	}
	p := parsePage(t, htmlPath)
	checkStructure(t, p)
	checkQueries(t, p)
}

// TestReportQueriesInNotebook: the notebook draws the report's figures from
// the report's own queries, so that both views agree.
func TestReportQueriesInNotebook(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "notebooks", "explore.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Source []string `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatal(err)
	}
	inNotebook := map[string]bool{}
	for _, c := range nb.Cells {
		for _, m := range sqlInNotebook.FindAllStringSubmatch(strings.Join(c.Source, ""), -1) {
			inNotebook[strings.TrimSpace(m[1]+m[2])] = true
		}
	}
	htmlPath := filepath.Join(t.TempDir(), "r.html")
	if code, _, stderr := runCLI(t, "report", sampleRun(t), "--html", htmlPath, "-q"); code != exitOK {
		t.Fatalf("report: %d %s", code, stderr)
	}
	p := parsePage(t, htmlPath)
	for id, f := range p.figures {
		for _, q := range []string{f.query, f.chartQuery} {
			if q != "" && !inNotebook[strings.TrimSpace(q)] {
				t.Errorf("%s: the notebook lacks the report's query\n%s", id, q)
			}
		}
	}
	for _, view := range []string{"CREATE VIEW docs", "CREATE VIEW speakers"} {
		i := strings.Index(p.preamble, view)
		if i < 0 {
			t.Fatalf("no %s in the preamble", view)
		}
		stmt := p.preamble[i : i+strings.Index(p.preamble[i:], ";")]
		if !inNotebook[strings.TrimSpace(stmt)] {
			t.Errorf("the notebook lacks the report's view\n%s", stmt)
		}
	}
}
