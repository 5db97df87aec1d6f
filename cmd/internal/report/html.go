package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// tables are the run's tables the page makes DuckDB views of.
var tables = []string{"documents", "mentions", "entities", "quotes", "keywords", "keyness", "cooccurrence", "errors"}

// Info says what a report was made from.
type Info struct {
	// Documents is the number of posts the report covers.
	Documents int
	// FontFile is the CJK font the labels were measured with, "" when the
	// system has none (Chinese labels are then measured with Liberation
	// Sans and may overlap).
	FontFile string
	// UnknownOutlets are the outlets asked for that no post of the run has.
	UnknownOutlets []string
}

// WriteFile writes the report of the run in out to path, whole or not at
// all: under a temporary name, then renamed.
func WriteFile(ctx context.Context, out, path string, opt Options) (Info, error) {
	var buf bytes.Buffer
	info, err := Write(ctx, out, opt, &buf)
	if err != nil {
		return info, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return info, err
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return info, err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return info, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return info, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return info, err
	}
	return info, nil
}

// Write renders the report of the run in out as HTML to w.
func Write(ctx context.Context, out string, opt Options, w io.Writer) (Info, error) {
	d, err := load(ctx, memory.DefaultAllocator, out, opt)
	if err != nil {
		return Info{}, err
	}
	st := newStyle()
	b := &builder{d: d, st: st}
	secs, err := b.sections()
	if err != nil {
		return Info{}, err
	}
	pre, err := preamble(out, opt)
	if err != nil {
		return Info{}, err
	}
	page := struct {
		Out, Filters, Preamble, Fonts, Generated string
		Documents                                int
		FontFile                                 string
		Sections                                 []Section
	}{
		Out: out, Filters: filters(opt), Preamble: pre, Fonts: cssFamilies, Documents: len(d.docs),
		FontFile: st.fontFile, Sections: secs, Generated: time.Now().UTC().Format("2006-01-02 15:04 UTC"),
	}
	if err := pageTmpl.Execute(w, page); err != nil {
		return Info{}, err
	}
	info := Info{Documents: len(d.docs), FontFile: st.fontFile}
	for _, o := range opt.Outlets {
		if !d.outlets[o] {
			info.UnknownOutlets = append(info.UnknownOutlets, o)
		}
	}
	return info, nil
}

func filters(opt Options) string {
	var f []string
	if !opt.From.IsZero() {
		f = append(f, "from "+opt.From.UTC().Format("2006-01-02"))
	}
	if !opt.To.IsZero() {
		f = append(f, "before "+opt.To.UTC().Format("2006-01-02"))
	}
	if len(opt.Outlets) > 0 {
		f = append(f, "outlets "+strings.Join(opt.Outlets, ", "))
	}
	if len(f) == 0 {
		return "all posts"
	}
	return strings.Join(f, "; ")
}

// sqlString quotes s as a SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// preamble is the SQL that makes the views the figures' queries read, for
// the run in out and the report's filters.
func preamble(out string, opt Options) (string, error) {
	var b strings.Builder
	b.WriteString("SET TimeZone = 'UTC';\n")
	for _, t := range tables {
		_, glob, err := tableFiles(out, t)
		if errors.Is(err, fs.ErrNotExist) {
			// keywords, which no figure reads, may be absent
			fmt.Fprintf(&b, "-- no %s table in the run\n", t)
			continue
		}
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "CREATE VIEW %s AS SELECT * FROM read_parquet(%s);\n", t, sqlString(glob))
	}
	var cond []string
	if !opt.From.IsZero() {
		cond = append(cond, fmt.Sprintf("published_at >= TIMESTAMPTZ %s", sqlString(opt.From.UTC().Format("2006-01-02 15:04:05+00"))))
	}
	if !opt.To.IsZero() {
		cond = append(cond, fmt.Sprintf("published_at < TIMESTAMPTZ %s", sqlString(opt.To.UTC().Format("2006-01-02 15:04:05+00"))))
	}
	if len(opt.Outlets) > 0 {
		var qs []string
		for _, o := range opt.Outlets {
			qs = append(qs, sqlString(o))
		}
		cond = append(cond, "outlet IN ("+strings.Join(qs, ", ")+")")
	}
	b.WriteString("-- the posts the report covers\nCREATE VIEW docs AS SELECT * FROM documents")
	if len(cond) > 0 {
		b.WriteString("\n  WHERE " + strings.Join(cond, "\n    AND "))
	}
	b.WriteString(`;
-- quotes of people and organisations, with their post; who: the entity, else the name as written
CREATE VIEW speakers AS
  SELECT q.*, d.outlet, d.title, d.url, d.published_at,
         coalesce(q.speaker_entity_id, q.speaker) AS who, coalesce(e.name, q.speaker) AS label
  FROM quotes q JOIN docs d USING (doc_id)
  LEFT JOIN entities e ON e.entity_id = q.speaker_entity_id
  WHERE q.speaker IS NOT NULL AND q.speaker_type IN ('person', 'organization');
`)
	return b.String(), nil
}

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsnlp report: {{.Out}}</title>
<style>
:root { --fg: #1d1d1f; --muted: #666; --rule: #ddd; }
body { font-family: {{.Fonts}}; color: var(--fg); margin: 0 auto; max-width: 980px; padding: 1.5rem 1.2rem 4rem; line-height: 1.45; }
svg.chart text { font-family: {{.Fonts}} !important; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--fg); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
.meta, figcaption, .intro { color: var(--muted); font-size: .9rem; }
nav ol { columns: 2; font-size: .9rem; }
figure.fig { margin: 1.6rem 0 2.2rem; }
.chart-box, figcaption { break-inside: avoid; }
h2, h3, .intro { break-after: avoid; }
.chart-box svg.chart { display: block; width: 100%; max-width: 720px; height: auto; margin: .3rem 0; }
table.data { border-collapse: collapse; font-size: .82rem; margin-top: .6rem; width: 100%; }
table.data th, table.data td { border-bottom: 1px solid var(--rule); padding: .18rem .5rem; text-align: left; vertical-align: top; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.data th { font-weight: 600; border-bottom: 1px solid var(--fg); font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .75rem; }
table.data td { max-width: 28rem; overflow-wrap: anywhere; }
details.sql { margin-top: .5rem; }
details.sql summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
pre { background: #f5f5f7; padding: .6rem .8rem; overflow-x: auto; font-size: .78rem; line-height: 1.35; white-space: pre-wrap; }
.empty { color: var(--muted); font-style: italic; }
@media print {
  body { max-width: none; padding: 0; }
  nav, details.sql { display: none; }
}
</style>
</head>
<body>
<header>
<h1>newsnlp report</h1>
<p class="meta">Run <code>{{.Out}}</code> · {{.Documents}} posts ({{.Filters}}) · made {{.Generated}}{{if .FontFile}} · labels measured with {{.FontFile}}{{else}} · no CJK font found on this system: Chinese labels may be spaced unevenly (install fonts-noto-cjk){{end}}</p>
</header>
<nav><ol>{{range .Sections}}<li><a href="#{{.ID}}">{{.Title}}</a></li>{{end}}</ol></nav>
<section id="sql-setup">
<details class="sql"><summary>DuckDB set-up: the views every query below reads (run this first, in the notebook or the duckdb shell)</summary>
<pre class="preamble">{{.Preamble}}</pre>
</details>
</section>
{{range .Sections}}
<section id="{{.ID}}" class="section">
<h2>{{.Title}}</h2>
<p class="intro">{{.Intro}}</p>
{{range .Figures}}
<figure class="fig" id="{{.ID}}" data-figure="{{.ID}}">
<h3>{{.Title}}</h3>
{{if .SVG}}<div class="chart-box">{{.SVG}}</div>{{else if .Chart}}<p class="empty">No data to draw.</p>{{end}}
<figcaption>{{.Caption}}</figcaption>
{{if .Table.Rows}}<table class="data">
<thead><tr>{{range .Table.Columns}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Table.Rows}}<tr>{{range .}}<td{{if .Num}} class="num"{{end}}>{{if .Href}}<a href="{{.Href}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>{{else}}<p class="empty">No rows.</p>{{end}}
<details class="sql"><summary>DuckDB query</summary>
<pre class="query">{{.Query}}</pre>{{if .ChartQuery}}
<pre class="chart-query">{{.ChartQuery}}</pre>{{end}}
</details>
</figure>
{{end}}
</section>
{{end}}
</body>
</html>
`))
