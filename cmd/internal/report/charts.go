package report

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// cjkFonts are the CJK fonts Debian packages install, in order of
// preference: fonts-noto-cjk, fonts-wqy-microhei, fonts-wqy-zenhei,
// fonts-arphic-uming, fonts-droid-fallback. The first found measures the
// labels; the page names them all in CSS, so that a browser uses any it has.
var cjkFonts = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/usr/share/fonts/truetype/arphic/uming.ttc",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
}

// cssFamilies is the font-family list of the page, in the order above.
const cssFamilies = `"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "AR PL UMing CN", "Droid Sans Fallback", "PingFang SC", "Microsoft YaHei", sans-serif`

// style is how the charts of one report draw text: a font cache holding
// Liberation Sans and, when found, a system CJK font to measure Chinese
// labels with.
type style struct {
	hdlr    text.Plain
	regular font.Font
	// fontFile is the CJK font measured with, "" when none was found.
	fontFile string
}

func newStyle() *style {
	cache := font.NewCache(liberation.Collection())
	s := &style{hdlr: text.Plain{Fonts: cache}, regular: font.Font{Typeface: "Liberation", Variant: "Sans"}}
	for _, path := range cjkFonts {
		f, err := loadFont(path)
		if err != nil {
			continue
		}
		cjk := font.Font{Typeface: "CJK"}
		cache.Add(font.Collection{{Font: cjk, Face: f}})
		s.regular, s.fontFile = cjk, path
		break
	}
	return s
}

// loadFont reads a TrueType or OpenType font or collection; from a
// collection it takes the simplified Chinese face (Noto's collections hold
// Japanese, Korean and Chinese ones).
func loadFont(path string) (*sfnt.Font, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	coll, err := opentype.ParseCollection(raw)
	if err != nil {
		return nil, err
	}
	var first *sfnt.Font
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil {
			return nil, err
		}
		name, err := f.Name(nil, sfnt.NameIDFamily)
		if err != nil {
			continue
		}
		if first == nil {
			first = f
		}
		if strings.HasSuffix(name, " SC") || strings.HasSuffix(name, " CN") {
			return f, nil
		}
	}
	if first == nil {
		return nil, fmt.Errorf("%s: no usable font", path)
	}
	return first, nil
}

// newPlot returns a plot whose text is all in the report's font.
func (s *style) newPlot() *plot.Plot {
	p := plot.New()
	p.TextHandler = s.hdlr
	for _, ts := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		s.restyle(ts)
	}
	p.Title.TextStyle.Font.Size = 11
	p.X.Tick.Label.Font.Size = 9
	p.Y.Tick.Label.Font.Size = 9
	p.X.Label.TextStyle.Font.Size = 9
	p.Y.Label.TextStyle.Font.Size = 9
	p.Legend.TextStyle.Font.Size = 9
	return p
}

func (s *style) restyle(ts *text.Style) {
	size := ts.Font.Size
	ts.Font = font.From(s.regular, size)
	ts.Handler = s.hdlr
}

func (s *style) textStyle(size vg.Length) text.Style {
	return text.Style{Color: color.Black, Font: font.From(s.regular, size), Handler: s.hdlr, XAlign: draw.XLeft, YAlign: draw.YCenter}
}

// palette is Tableau 10: distinguishable, and readable in grey when printed.
var palette = []color.Color{
	rgb(0x4e79a7), rgb(0xf28e2b), rgb(0xe15759), rgb(0x76b7b2), rgb(0x59a14f),
	rgb(0xedc948), rgb(0xb07aa1), rgb(0xff9da7), rgb(0x9c755f), rgb(0xbab0ac),
}

func rgb(v uint32) color.Color {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

func colorAt(i int) color.Color { return palette[i%len(palette)] }

var svgProlog = regexp.MustCompile(`(?s)^<\?xml[^>]*>\s*(<!--.*?-->\s*)?`)

// render draws onto an SVG canvas of w×h and returns the SVG element for
// inlining. gonum/plot reports some failures by panicking; they become
// errors here.
func render(w, h vg.Length, paint func(dc draw.Canvas)) (svg template.HTML, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing a chart: %v", r)
		}
	}()
	c := vgsvg.New(w, h)
	paint(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", err
	}
	out := svgProlog.ReplaceAllString(buf.String(), "")
	// Scale with the page: the width attribute stays as a maximum in CSS.
	out = strings.Replace(out, "<svg ", `<svg class="chart" role="img" `, 1)
	return template.HTML(out), nil // #nosec: gonum escapes the text it writes
}

func renderPlot(p *plot.Plot, w, h vg.Length) (template.HTML, error) {
	return render(w, h, func(dc draw.Canvas) { p.Draw(dc) })
}

// hbars renders a horizontal bar chart, the first label at the top.
func (s *style) hbars(title, xlabel string, labels []string, values []float64, colors []color.Color) (template.HTML, error) {
	if len(labels) == 0 {
		return "", nil
	}
	p, err := s.hbarPlot(title, xlabel, labels, values, colors)
	if err != nil {
		return "", err
	}
	return renderPlot(p, 16*vg.Centimeter, vg.Length(len(labels))*0.55*vg.Centimeter+2.6*vg.Centimeter)
}

// hbarPlot is a horizontal bar chart, the first label at the top; colors
// is one per bar, or nil for one colour.
func (s *style) hbarPlot(title, xlabel string, labels []string, values []float64, colors []color.Color) (*plot.Plot, error) {
	n := len(labels)
	p := s.newPlot()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Add(plotter.NewGrid())
	for i := range n {
		// one bar chart per bar so that each can have its colour; index
		// n-1-i puts the first label at the top.
		v := make(plotter.Values, n)
		v[n-1-i] = values[i]
		b, err := plotter.NewBarChart(v, vg.Points(11))
		if err != nil {
			return nil, err
		}
		b.Horizontal = true
		b.LineStyle.Width = 0
		b.Color = colorAt(0)
		if colors != nil {
			b.Color = colors[i]
		}
		p.Add(b)
	}
	rev := make([]string, n)
	for i, l := range labels {
		rev[n-1-i] = clip(l, 18)
	}
	p.NominalY(rev...)
	p.X.Min = 0
	p.X.Max = math.Max(1, maxOf(values)*1.04)
	p.X.Tick.Marker = intTicks{}
	return p, nil
}

// hstacked draws horizontal stacked bars: one bar per label (the first at
// the top), one layer per series, with a legend.
func (s *style) hstacked(xlabel string, labels, layers []string, values [][]float64) (template.HTML, error) {
	n := len(labels)
	p := s.newPlot()
	p.X.Label.Text = xlabel
	p.Add(plotter.NewGrid())
	var below *plotter.BarChart
	top := 0.0
	for li, name := range layers {
		v := make(plotter.Values, n)
		for i := range n {
			v[n-1-i] = values[li][i]
		}
		b, err := plotter.NewBarChart(v, vg.Points(11))
		if err != nil {
			return "", err
		}
		b.Horizontal = true
		b.LineStyle.Width = 0
		b.Color = colorAt(li)
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
		p.Legend.Add(clip(name, 10), b)
	}
	for i := range n {
		sum := 0.0
		for li := range layers {
			sum += values[li][i]
		}
		top = math.Max(top, sum)
	}
	rev := make([]string, n)
	for i, l := range labels {
		rev[n-1-i] = clip(l, 18)
	}
	p.NominalY(rev...)
	p.X.Tick.Marker = intTicks{}
	p.X.Min = 0
	// room on the right for the legend
	p.X.Max = math.Max(1, top) * 1.35
	p.Legend.Top = true
	return renderPlot(p, 16*vg.Centimeter, vg.Length(max(n, len(layers)))*0.6*vg.Centimeter+2.6*vg.Centimeter)
}

func maxOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

// clip shortens a label to n code points.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// monthTicks labels months at the finest of these steps that gives at
// most max labels: every month, every quarter, every year, every 2, 5 or
// 10 years.
type monthTicks struct {
	months []string
	max    int
}

func (m monthTicks) Ticks(lo, hi float64) []plot.Tick {
	type step struct {
		every int // months
		short bool
	}
	steps := []step{{1, false}, {3, false}, {12, true}, {24, true}, {60, true}, {120, true}}
	for _, st := range steps {
		var ticks []plot.Tick
		for i, mo := range m.months {
			if float64(i) < lo || float64(i) > hi {
				continue
			}
			y, mm := 0, 0
			fmt.Sscanf(mo, "%d-%d", &y, &mm)
			if (y*12+mm-1)%st.every != 0 {
				continue
			}
			label := mo
			if st.short {
				label = mo[:4]
			}
			ticks = append(ticks, plot.Tick{Value: float64(i), Label: label})
		}
		if len(ticks) <= m.max || st.every == 120 {
			return ticks
		}
	}
	return nil
}

// intTicks are gonum's default ticks with integers written as such (500,
// not 500.00): the charts count posts.
type intTicks struct{}

func (intTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" && ticks[i].Value == math.Trunc(ticks[i].Value) {
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'f', -1, 64)
		}
	}
	return ticks
}

// monthRange lists the months from first to last, both "2006-01".
func monthRange(first, last string) []string {
	var out []string
	y, m := 0, 0
	fmt.Sscanf(first, "%d-%d", &y, &m)
	for i := 0; i < 1200; i++ {
		s := fmt.Sprintf("%04d-%02d", y, m)
		out = append(out, s)
		if s >= last {
			break
		}
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

type series struct {
	name   string
	values map[string]int // by month
}

// lines draws monthly series over the given months.
func (s *style) lines(title, ylabel string, months []string, ss []series, color0 int, legend bool, maxTicks int) (*plot.Plot, error) {
	p := s.newPlot()
	p.Title.Text = title
	p.Y.Label.Text = ylabel
	p.X.Tick.Marker = monthTicks{months, maxTicks}
	p.Y.Tick.Marker = intTicks{}
	p.Add(plotter.NewGrid())
	top := 0.0
	for i, sr := range ss {
		xy := make(plotter.XYs, len(months))
		for j, mo := range months {
			xy[j] = plotter.XY{X: float64(j), Y: float64(sr.values[mo])}
			top = math.Max(top, xy[j].Y)
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.Color = colorAt(color0 + i)
		l.Width = vg.Points(1.3)
		p.Add(l)
		if legend {
			p.Legend.Add(clip(sr.name, 12), l)
		}
	}
	p.Y.Min = 0
	p.Y.Max = math.Max(1, top*1.05)
	p.X.Min, p.X.Max = 0, math.Max(1, float64(len(months)-1))
	if legend {
		p.Legend.Top = true
		p.Legend.Left = true
		p.Legend.Padding = vg.Points(2)
		p.Y.Max = math.Max(1, top) * (1 + 0.11*float64(len(ss)))
	}
	return p, nil
}

// grid draws plots as small multiples, rows × cols, on one canvas.
func grid(plots [][]*plot.Plot, w, h vg.Length) (template.HTML, error) {
	return render(w, h, func(dc draw.Canvas) {
		t := draw.Tiles{Rows: len(plots), Cols: len(plots[0]), PadX: vg.Millimeter * 3, PadY: vg.Millimeter * 3, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
		cs := plot.Align(plots, t, dc)
		for i := range plots {
			for j, p := range plots[i] {
				if p != nil {
					p.Draw(cs[i][j])
				}
			}
		}
	})
}

// blank fills an empty cell of a grid.
func (s *style) blank() *plot.Plot {
	p := s.newPlot()
	p.HideAxes()
	return p
}

// vbarsStacked draws stacked vertical bars: one bar per label, one layer
// per series.
func (s *style) vbarsStacked(title, ylabel string, labels []string, layers []string, values [][]float64) (template.HTML, error) {
	p := s.newPlot()
	p.Title.Text = title
	p.Y.Label.Text = ylabel
	p.Add(plotter.NewGrid())
	var below *plotter.BarChart
	for li, name := range layers {
		b, err := plotter.NewBarChart(plotter.Values(values[li]), vg.Points(22))
		if err != nil {
			return "", err
		}
		b.Color = colorAt(li)
		b.LineStyle.Width = 0
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
		p.Legend.Add(name, b)
	}
	p.Legend.Top = true
	p.NominalX(labels...)
	p.Y.Tick.Marker = intTicks{}
	p.Y.Min = 0
	top := 0.0
	for i := range labels {
		sum := 0.0
		for li := range layers {
			sum += values[li][i]
		}
		top = math.Max(top, sum)
	}
	p.Y.Max = math.Max(1, top) * (1 + 0.12*float64(len(layers)))
	return renderPlot(p, 16*vg.Centimeter, 8*vg.Centimeter)
}

// vbarsGrouped draws grouped vertical bars: per label one bar per series.
func (s *style) vbarsGrouped(title, ylabel string, labels []string, groups []string, values [][]float64) (template.HTML, error) {
	p := s.newPlot()
	p.Title.Text = title
	p.Y.Label.Text = ylabel
	p.Add(plotter.NewGrid())
	w := vg.Points(10)
	top := 0.0
	for gi, name := range groups {
		b, err := plotter.NewBarChart(plotter.Values(values[gi]), w)
		if err != nil {
			return "", err
		}
		b.Color = colorAt(gi)
		b.LineStyle.Width = 0
		b.Offset = w * vg.Length(float64(gi)-float64(len(groups)-1)/2)
		p.Add(b)
		p.Legend.Add(name, b)
		for _, v := range values[gi] {
			top = math.Max(top, v)
		}
	}
	p.Legend.Top = true
	p.NominalX(labels...)
	p.Y.Tick.Marker = intTicks{}
	p.Y.Min = 0
	p.Y.Max = math.Max(1, top) * (1 + 0.12*float64(len(groups)))
	return renderPlot(p, 16*vg.Centimeter, 8*vg.Centimeter)
}

// sortedKeys returns the keys of m by count, largest first, then by key.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}
