package quotes

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/newsnlp/newsnlp/models/clusters"
	"github.com/newsnlp/newsnlp/stages/internal/lbfgs"
	"gonum.org/v1/gonum/floats"
)

// Model is the speaker model: a log-linear ranking of a quote's
// candidates. A candidate's score is the sum of its features' weights; its
// probability is the softmax of the scores over the quote's candidates.
// Read-only after load, so safe for concurrent use.
type Model struct {
	w   map[string]float64
	sum string // sha256 of the model file
	// Gold is the checksum of the annotations it was fitted on, as the
	// file's header says.
	Gold string
	// short says the file holds the short-quote detector's weights too
	// ("short|" features).
	short bool
	// trees are boosted regression trees over the features whose values
	// add to the linear score (boost.go); none in a linear model.
	trees [][]treeLeaf
	tf    map[string]int // the features the trees split on, numbered
	// nodes and roots are the trees as binary nodes (treeNodes), one bit
	// test a level instead of a walk of the leaves; roots is nil when the
	// leaves do not form trees (a hand-written file), and treeSum walks them.
	nodes []treeNode
	roots []int32
	// masks are the same trees as leaf masks (leafMasks), nil when they
	// do not fit.
	masks *leafMasks
	// conj holds, for each feature the candidates are described by, its
	// weights under every conjunction the stage adds (conj.go).
	conj map[string]*featEntry
	lits []*featEntry // the entries of the literal and binned features, by number (conj.go)
	// types are the entries of "type=person" … by the type's slot (conj.go).
	types [nSlots]*featEntry
	// valued are the entries of "rule|rule=" … by the value (conj.go).
	valued [nValued]map[string]*featEntry
	// lexWords number the words of the lexical features' values, and
	// lexEnt are those features' entries by the word's number (conj.go).
	lexWords map[string]int32
	lexEnt   [nValued][]*featEntry
	// tops are the entries of "top1", "top2" by the rank (conj.go).
	tops [3]*featEntry
	// clus are the entries of the clusters' valued features by the
	// cluster's global number (clusters.go).
	clus   [nValued][]*featEntry
	clusOn bool // some cluster weighs
	lexOn  bool // some word (lx_) weighs
	// shortW and shortBit are the weights and tree bits (1 + the bit, or
	// 0) of the detector's numbered features (short.go).
	shortW   []float64
	shortBit []int32
	// spkOn says some of the detector's speaker-side features (short|spk_)
	// weigh: the detector then asks a speaker model about each short span.
	spkOn bool
	// ShortSpeaker is the speaker model whose view of the short spans the
	// detector's short|spk_ features read (shortSpeaker); nil: the model
	// itself (a shipped file holds both). Training sets it to a model fitted
	// without the short quotes, which would score them optimistically.
	ShortSpeaker *Model
	// Decode says which speakers of earlier quotes a quote's features see:
	// "" the rules', "greedy" the model's own, deciding left to right
	// (sequence.go). The file's header line "# decode: greedy" sets it.
	Decode string
	// Temperature is what the scores were divided by (Tempered), 0 for
	// none: the file's header line "# temperature: T" records it; the
	// weights already hold it.
	Temperature float64
	// Calibration maps the best candidate's probability to the confidence
	// column (calibrate.go); the header line "# calibration: A B ALONE"
	// records it.
	Calibration Calibration
}

// Merge returns a model with the weights of both: the speaker model and the
// short-quote detector share one file.
func Merge(speakers, short *Model) *Model {
	m := &Model{w: map[string]float64{}, Gold: speakers.Gold}
	for _, x := range []*Model{speakers, short} {
		if x == nil {
			continue
		}
		for f, w := range x.w {
			m.w[f] = w
		}
	}
	m.short = short != nil
	m.trees = speakers.trees
	m.Decode, m.Temperature, m.Calibration = speakers.Decode, speakers.Temperature, speakers.Calibration
	return m.compile()
}

// Checksum is the sha256 of the model's file, for the output's metadata.
func (m *Model) Checksum() string { return m.sum }

// ReadModel reads a model file: "# key: value" header lines, then one
// feature and its weight a line, tab-separated.
func ReadModel(r io.Reader) (*Model, error) {
	h := sha256.New()
	sc := bufio.NewScanner(io.TeeReader(r, h))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	m := &Model{w: map[string]float64{}}
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.HasPrefix(t, "#") {
			if v, ok := strings.CutPrefix(t, "# gold: "); ok {
				m.Gold = strings.TrimSpace(v)
			}
			if v, ok := strings.CutPrefix(t, "# decode: "); ok {
				m.Decode = strings.TrimSpace(v)
			}
			if v, ok := strings.CutPrefix(t, "# calibration: "); ok {
				var err error
				if m.Calibration, err = parseCalibration(strings.TrimSpace(v)); err != nil {
					return nil, fmt.Errorf("speaker model line %d: bad calibration: %v", line, err)
				}
			}
			if v, ok := strings.CutPrefix(t, "# temperature: "); ok {
				var err error
				if m.Temperature, err = strconv.ParseFloat(strings.TrimSpace(v), 64); err != nil || !(m.Temperature > 0) {
					return nil, fmt.Errorf("speaker model line %d: bad temperature %q", line, v)
				}
			}
			continue
		}
		if strings.TrimSpace(t) == "" {
			continue
		}
		f, ws, ok := strings.Cut(t, "\t")
		w, err := strconv.ParseFloat(ws, 64)
		if !ok || err != nil || math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("speaker model line %d: want feature<TAB>weight, got %q", line, t)
		}
		if strings.HasPrefix(f, "tree|") {
			k, l, err := parseLeaf(f, w)
			if err != nil {
				return nil, fmt.Errorf("speaker model line %d: %v", line, err)
			}
			for len(m.trees) <= k {
				m.trees = append(m.trees, nil)
			}
			m.trees[k] = append(m.trees[k], l)
			continue
		}
		m.w[f] = w
		m.short = m.short || strings.HasPrefix(f, "short|")
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(m.w) == 0 && len(m.trees) == 0 {
		return nil, errors.New("speaker model: no weights")
	}
	if m.Decode != "" && m.Decode != "greedy" {
		return nil, fmt.Errorf("speaker model: decode %q: want greedy or none", m.Decode)
	}
	m.sum = hex.EncodeToString(h.Sum(nil))
	for k, t := range m.trees {
		if len(t) == 0 {
			return nil, fmt.Errorf("speaker model: tree %d has no leaves", k)
		}
	}
	return m.compile(), nil
}

// Score returns a candidate's score.
func (m *Model) Score(c Candidate) float64 {
	s := 0.0
	for _, f := range c.Features {
		s += m.w[f]
	}
	if m.roots != nil {
		// TreeValues' walk summed as it goes, in the same order, without
		// a slice of every tree's value: distilling reads the bags' 2,000
		// trees for each of 100,000 candidates.
		bits := m.treeBits(c)
		for _, r := range m.roots {
			s += m.nodeValue(r, bits)
		}
	} else if len(m.trees) > 0 {
		for _, v := range m.TreeValues(c) {
			s += v
		}
	}
	return s
}

// Rank returns the candidates' probabilities and the best one (the first
// of equals, so NONE wins ties).
func (m *Model) Rank(cs []Candidate) (best int, p []float64) {
	p = make([]float64, len(cs))
	for i, c := range cs {
		p[i] = m.Score(c)
	}
	return pick(p), p
}

// pick turns scores into probabilities in place and returns the best (the
// first of equals, so NONE wins ties).
func pick(p []float64) int {
	best := 0
	for i := range p {
		if p[i] > p[best] {
			best = i
		}
	}
	softmax(p)
	return best
}

// Top returns the features of c that weigh most for it, at most n, for the
// rule column: what an auditor reads first.
func (m *Model) Top(c Candidate, n int) []string {
	out := make([]string, 0, n)
	ws := make([]float64, 0, n)
	for _, f := range c.Features {
		w := m.w[f]
		if w <= 0 {
			continue
		}
		// Insert f among the n best so far, first come first on ties.
		k := len(out)
		for k > 0 && w > ws[k-1] {
			k--
		}
		if k >= n {
			continue
		}
		if len(out) < n {
			out, ws = append(out, ""), append(ws, 0)
		}
		copy(out[k+1:], out[k:])
		copy(ws[k+1:], ws[k:])
		out[k], ws[k] = f, w
	}
	return out
}

func softmax(x []float64) {
	if len(x) == 0 {
		return
	}
	mx := floats.Max(x)
	sum := 0.0
	for i := range x {
		x[i] = math.Exp(x[i] - mx)
		sum += x[i]
	}
	for i := range x {
		x[i] /= sum
	}
}

// Example is one quote to learn from: its candidates and which of them
// are right (any of them: one person may be two candidates).
type Example struct {
	Cands []Candidate
	Gold  []int
}

// FitOptions set the fit.
type FitOptions struct {
	L2       float64 // weight of the L2 penalty (per feature, on the summed loss)
	MinCount int     // features seen in fewer examples get no weight
	Gold     string  // checksum of the annotations, for the file's header
}

// vocabulary returns, sorted and numbered, the features found in at least
// minCount examples that contain none of the characters of bad; the
// lexical ones (lexical.go) only with words.
func vocabulary(ex []Example, minCount int, words bool, bad string) (names []string, index map[string]int) {
	seen := map[string]int{}
	fs := map[string]bool{}
	for _, e := range ex {
		clear(fs)
		for _, c := range e.Cands {
			for _, f := range c.Features {
				fs[f] = true
			}
		}
		for f := range fs {
			seen[f]++
		}
	}
	for f, n := range seen {
		if n >= minCount && !strings.ContainsAny(f, bad) && (words || !isLexical(f)) && (lexWords || !strings.Contains(f, "lx_")) {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	index = make(map[string]int, len(names))
	for i, f := range names {
		index[f] = i
	}
	return names, index
}

// DefaultFit are the settings of the shipped model, chosen by
// cross-validation on the gold folds.
var DefaultFit = FitOptions{L2: 10, MinCount: 5}

// Fit fits a model by L-BFGS (gonum/optimize) from zero weights: the same
// examples give the same weights, bit for bit.
func Fit(ex []Example, o FitOptions) (*Model, error) {
	// A feature the file cannot hold on one line gets no weight.
	names, index := vocabulary(ex, o.MinCount, true, "\t\n\r")
	// Examples as feature indices, all in one array: candidate j's are
	// feat[off[j]:off[j+1]], quote x's candidates cands[x]..cands[x+1]-1.
	// The loss reads them in order (half of train's CPU was this loss,
	// most of it waiting on a slice per candidate).
	var feat []int32
	off := []int32{0}
	cands := []int32{0}
	var gold []bool
	for _, e := range ex {
		if len(e.Gold) == 0 || len(e.Cands) < 2 {
			continue
		}
		for i, c := range e.Cands {
			for _, f := range c.Features {
				if k, ok := index[f]; ok {
					feat = append(feat, int32(k))
				}
			}
			off = append(off, int32(len(feat)))
			g := false
			for _, j := range e.Gold {
				g = g || j == i
			}
			gold = append(gold, g)
		}
		cands = append(cands, int32(len(gold)))
	}
	if len(cands) == 1 {
		return nil, errors.New("speaker model: no examples to fit")
	}
	loss := func(w, grad []float64) float64 {
		for i := range grad {
			grad[i] = o.L2 * w[i]
		}
		total := 0.0
		for i := range w {
			total += o.L2 * w[i] * w[i] / 2
		}
		var s []float64
		for x := range len(cands) - 1 {
			from, to := cands[x], cands[x+1]
			s = s[:0]
			for j := from; j < to; j++ {
				v := 0.0
				for _, k := range feat[off[j]:off[j+1]] {
					v += w[k]
				}
				s = append(s, v)
			}
			softmax(s)
			pg := 0.0
			for i, g := range gold[from:to] {
				if g {
					pg += s[i]
				}
			}
			total -= math.Log(max(pg, 1e-300))
			if grad == nil {
				continue
			}
			for i := range s {
				j := from + int32(i)
				d := s[i]
				if gold[j] {
					d -= s[i] / max(pg, 1e-300)
				}
				for _, k := range feat[off[j]:off[j+1]] {
					grad[k] += d
				}
			}
		}
		return total
	}
	ws, err := lbfgs.Fit(len(names), loss)
	if err != nil {
		return nil, fmt.Errorf("speaker model: fit: %v", err)
	}
	m := &Model{w: map[string]float64{}, Gold: o.Gold}
	for i, f := range names {
		if ws[i] != 0 {
			m.w[f] = ws[i]
		}
	}
	return m.compile(), nil
}

// WriteTo writes the model in the form ReadModel reads: a header, then the
// features sorted by name.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	b.WriteString("# newsnlp speaker model: log-linear ranking of a quote's candidate speakers.\n")
	b.WriteString("# Made by `newsnlp train speakers`; features are described in stages/quotes/candidates.go.\n")
	fmt.Fprintf(&b, "# gold: %s\n", m.Gold)
	if m.clusOn {
		// The lc_ features' numbers mean these clusters' (clusters.go).
		fmt.Fprintf(&b, "# clusters: %s\n", clusters.Checksum())
	}
	if m.Decode != "" {
		fmt.Fprintf(&b, "# decode: %s\n", m.Decode)
	}
	if m.Temperature > 0 {
		fmt.Fprintf(&b, "# temperature: %s\n", strconv.FormatFloat(m.Temperature, 'g', 6, 64))
	}
	if m.Calibration.On() {
		fmt.Fprintf(&b, "# calibration: %s\n", m.Calibration)
	}
	names := make([]string, 0, len(m.w))
	for f := range m.w {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		fmt.Fprintf(&b, "%s\t%s\n", f, strconv.FormatFloat(m.w[f], 'g', 6, 64))
	}
	for k, t := range m.trees {
		for _, l := range t {
			fmt.Fprintf(&b, "%s\t%s\n", leafName(k, l), strconv.FormatFloat(l.value, 'g', 6, 64))
		}
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}
