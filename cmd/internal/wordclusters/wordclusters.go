// Package wordclusters learns word clusters from a corpus's words, so that
// the speaker model can weigh a word seen too rarely in the annotated
// quotes (士兵, 干部) by the cluster it shares with frequent ones (官员,
// 发言人). Words are described by the words around them (one and two
// places either side), weighed by positive pointwise mutual information,
// reduced by a randomized truncated SVD and grouped by spherical k-means,
// then the clusters' centres are grouped again, coarser at each level, so
// that every word has a path of clusters from coarse to fine, as the
// prefixes of a Brown cluster's bit string.
//
// Everything is deterministic: the same words in the same order give the
// same clusters, bit for bit (the random projections and the k-means seeds
// come from a fixed PCG stream; sums run in a fixed order).
package wordclusters

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gonum.org/v1/gonum/mat"
)

// Options set the training.
type Options struct {
	Words    int   // most frequent words clustered
	MinCount int   // words seen fewer times are not clustered
	Contexts int   // most frequent words read as contexts
	Dims     int   // dimensions kept by the SVD
	Levels   []int // clusters per level, fine to coarse (1024, 256, 64, 16)
	Iters    int   // k-means passes at most
	MaxRunes int   // longer words are not clustered
	// Log, if set, receives the steps' progress.
	Log func(format string, a ...any)
}

// Default are the shipped clusters' settings.
var Default = Options{Words: 30000, MinCount: 10, Contexts: 800, Dims: 100, Levels: []int{1024, 256, 64, 16}, Iters: 30, MaxRunes: 6}

// offsets are the context positions read around a word.
var offsets = [...]int{-2, -1, 1, 2}

// Counter reads words in text order: Add a post's or paragraph's words,
// then Train.
type Counter struct {
	ids   map[string]int32
	words []string
	count []int64
	seq   []int32 // word ids, -1 between runs of text
}

// NewCounter returns an empty counter.
func NewCounter() *Counter { return &Counter{ids: map[string]int32{}} }

// Add reads a run of words (a paragraph): contexts do not cross runs.
// Empty and blank words are skipped.
func (c *Counter) Add(words []string) {
	for _, w := range words {
		if strings.TrimSpace(w) == "" {
			continue
		}
		id, ok := c.ids[w]
		if !ok {
			id = int32(len(c.words))
			c.ids[w] = id
			c.words = append(c.words, w)
			c.count = append(c.count, 0)
		}
		c.count[id]++
		c.seq = append(c.seq, id)
	}
	c.seq = append(c.seq, -1)
}

// Tokens is how many words were read.
func (c *Counter) Tokens() int { return len(c.seq) }

// Clusterable reports a word that may be clustered: short, no ASCII
// letters (English has its own reading), no spaces nor the model file's
// separators.
func Clusterable(w string, maxRunes int) bool {
	if utf8.RuneCountInString(w) > maxRunes || !utf8.ValidString(w) {
		return false
	}
	for _, r := range w {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || strings.ContainsRune("|&\t\r\n =#", r)) || unicode.IsSpace(r) || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// Clusters are the result: each word's cluster at each level (fine to
// coarse), words in order of frequency.
type Clusters struct {
	Words  []string
	Counts []int64
	Paths  [][]int // Paths[i][l]: word i's cluster at level l
	Levels []int
}

// byFreq returns the ids of words sorted by count, then text.
func (c *Counter) byFreq(keep func(string) bool) []int32 {
	var ids []int32
	for i, w := range c.words {
		if keep(w) {
			ids = append(ids, int32(i))
		}
	}
	sort.Slice(ids, func(a, b int) bool {
		x, y := ids[a], ids[b]
		if c.count[x] != c.count[y] {
			return c.count[x] > c.count[y]
		}
		return c.words[x] < c.words[y]
	})
	return ids
}

// Train clusters the most frequent words.
func (c *Counter) Train(o Options) (*Clusters, error) {
	vocab := c.byFreq(func(w string) bool { return Clusterable(w, o.MaxRunes) })
	n := 0
	for n < len(vocab) && n < o.Words && c.count[vocab[n]] >= int64(o.MinCount) {
		n++
	}
	vocab = vocab[:n]
	ctxs := c.byFreq(func(string) bool { return true })
	if len(ctxs) > o.Contexts {
		ctxs = ctxs[:o.Contexts]
	}
	if n < o.Levels[0] {
		return nil, fmt.Errorf("wordclusters: %d words to cluster, fewer than %d clusters", n, o.Levels[0])
	}
	row := make([]int32, len(c.words))
	col := make([]int32, len(c.words))
	for i := range row {
		row[i], col[i] = -1, -1
	}
	for i, id := range vocab {
		row[id] = int32(i)
	}
	for i, id := range ctxs {
		col[id] = int32(i)
	}
	nc := len(ctxs) * len(offsets)
	counts := make([]uint32, n*nc)
	for i, id := range c.seq {
		if id < 0 || row[id] < 0 {
			continue
		}
		r := int(row[id]) * nc
		for k, off := range offsets {
			j := i + off
			// The run's end (-1) stops a context: look no further.
			ok := true
			for s := min(i, j); s <= max(i, j); s++ {
				if s < 0 || s >= len(c.seq) || c.seq[s] < 0 {
					ok = false
					break
				}
			}
			if !ok || col[c.seq[j]] < 0 {
				continue
			}
			counts[r+k*len(ctxs)+int(col[c.seq[j]])]++
		}
	}
	logf := o.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	m := ppmi(counts, n, nc)
	counts = nil
	logf("%d words, %d contexts: %d positive PMI cells", n, nc, len(m.val))
	vec := m.embed(o.Dims, 3)
	logf("SVD done")
	paths := make([][]int, n)
	for i := range paths {
		paths[i] = make([]int, len(o.Levels))
	}
	pts, weights := vec, make([]float64, n)
	for i, id := range vocab {
		weights[i] = 1
		_ = id
	}
	member := make([]int, n) // word → cluster at the current level
	for i := range member {
		member[i] = i
	}
	rng := rand.New(rand.NewPCG(21, 2026))
	for l, k := range o.Levels {
		assign, centres := kmeans(pts, weights, k, o.Iters, rng)
		for i := range member {
			member[i] = assign[member[i]]
			paths[i][l] = member[i]
		}
		cw := make([]float64, k)
		for i, a := range assign {
			cw[a] += weights[i]
		}
		pts, weights = centres, cw
		logf("level %d: %d clusters", l, k)
	}
	// Number each level's clusters by their most frequent word, so that
	// the file reads from common to rare.
	for l := range o.Levels {
		renum := map[int]int{}
		for i := range paths {
			if _, ok := renum[paths[i][l]]; !ok {
				renum[paths[i][l]] = len(renum)
			}
			paths[i][l] = renum[paths[i][l]]
		}
	}
	out := &Clusters{Paths: paths, Levels: o.Levels}
	for _, id := range vocab {
		out.Words = append(out.Words, c.words[id])
		out.Counts = append(out.Counts, c.count[id])
	}
	return out, nil
}

// csr is a sparse matrix by rows.
type csr struct {
	rows, cols int
	ptr        []int
	col        []int32
	val        []float64
}

// ppmi weighs counts (rows × cols, dense) by positive pointwise mutual
// information, the contexts' probabilities smoothed by the power 0.75
// (Levy, Goldberg and Dagan 2015), each offset's contexts apart.
func ppmi(counts []uint32, rows, cols int) *csr {
	rowSum := make([]float64, rows)
	colSum := make([]float64, cols)
	total := 0.0
	for r := 0; r < rows; r++ {
		for j, x := range counts[r*cols : (r+1)*cols] {
			rowSum[r] += float64(x)
			colSum[j] += float64(x)
			total += float64(x)
		}
	}
	colP := make([]float64, cols)
	smooth := 0.0
	for j, x := range colSum {
		colP[j] = math.Pow(x, 0.75)
		smooth += colP[j]
	}
	m := &csr{rows: rows, cols: cols, ptr: make([]int, 1, rows+1)}
	for r := 0; r < rows; r++ {
		for j, x := range counts[r*cols : (r+1)*cols] {
			if x == 0 {
				continue
			}
			v := math.Log(float64(x) * smooth / (rowSum[r] * colP[j]))
			if v > 0 {
				m.col = append(m.col, int32(j))
				m.val = append(m.val, v)
			}
		}
		m.ptr = append(m.ptr, len(m.col))
	}
	return m
}

// mul returns m·x.
func (m *csr) mul(x *mat.Dense) *mat.Dense {
	_, l := x.Dims()
	out := mat.NewDense(m.rows, l, nil)
	parallel(m.rows, func(r int) {
		o := out.RawRowView(r)
		for p := m.ptr[r]; p < m.ptr[r+1]; p++ {
			xr, v := x.RawRowView(int(m.col[p])), m.val[p]
			for k := range o {
				o[k] += v * xr[k]
			}
		}
	})
	return out
}

// mulT returns mᵀ·y.
func (m *csr) mulT(y *mat.Dense) *mat.Dense {
	_, l := y.Dims()
	out := mat.NewDense(m.cols, l, nil)
	for r := 0; r < m.rows; r++ {
		yr := y.RawRowView(r)
		for p := m.ptr[r]; p < m.ptr[r+1]; p++ {
			o, v := out.RawRowView(int(m.col[p])), m.val[p]
			for k := range o {
				o[k] += v * yr[k]
			}
		}
	}
	return out
}

// embed returns the rows' vectors U·√S of a rank-dims SVD, found by a
// randomized range finder with power iterations (Halko, Martinsson and
// Tropp 2011), each row scaled to length 1.
func (m *csr) embed(dims, power int) [][]float64 {
	l := min(dims+20, m.cols)
	rng := rand.New(rand.NewPCG(9, 2026))
	omega := mat.NewDense(m.cols, l, nil)
	for i := 0; i < m.cols; i++ {
		for j := 0; j < l; j++ {
			omega.Set(i, j, rng.NormFloat64())
		}
	}
	y := orth(m.mul(omega))
	for range power {
		y = orth(m.mul(orth(m.mulT(y))))
	}
	// B = Yᵀ·M, l × cols: its SVD gives M's.
	bt := m.mulT(y) // cols × l = Bᵀ
	var svd mat.SVD
	if !svd.Factorize(bt, mat.SVDThin) {
		panic("wordclusters: SVD failed")
	}
	// Bᵀ = U' S V'ᵀ, so B = V' S U'ᵀ and M ≈ (Y V') S U'ᵀ.
	var v mat.Dense
	svd.VTo(&v)
	s := svd.Values(nil)
	var u mat.Dense
	u.Mul(y, &v)
	out := make([][]float64, m.rows)
	for i := range out {
		r := make([]float64, dims)
		for k := 0; k < dims; k++ {
			r[k] = u.At(i, k) * math.Sqrt(s[k])
		}
		normalize(r)
		out[i] = r
	}
	return out
}

// orth returns an orthonormal basis of x's columns, by modified
// Gram-Schmidt run twice (a QR's full Q would be rows × rows).
func orth(x *mat.Dense) *mat.Dense {
	r, c := x.Dims()
	cols := make([][]float64, c)
	for j := range cols {
		cols[j] = mat.Col(nil, j, x)
	}
	for range 2 {
		for j := range cols {
			for k := 0; k < j; k++ {
				p := dot(cols[j], cols[k])
				for i := range cols[j] {
					cols[j][i] -= p * cols[k][i]
				}
			}
			normalize(cols[j])
		}
	}
	out := mat.NewDense(r, c, nil)
	for j, col := range cols {
		out.SetCol(j, col)
	}
	return out
}

func normalize(v []float64) {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	if s = math.Sqrt(s); s > 0 {
		for i := range v {
			v[i] /= s
		}
	}
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// parallel runs f(0) … f(n-1) on the processors; each call writes its
// own output, so the order does not change the result.
func parallel(n int, f func(int)) {
	w := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for g := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < n; i += w {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// kmeans groups unit vectors by cosine into k clusters (spherical k-means,
// seeded by k-means++ on 1 − cosine), each point weighing w.
func kmeans(pts [][]float64, w []float64, k, iters int, rng *rand.Rand) ([]int, [][]float64) {
	n, dim := len(pts), len(pts[0])
	centres := make([][]float64, 0, k)
	dist := make([]float64, n)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	// k-means++: the first centre the heaviest point, then each drawn by
	// its weighted distance to the nearest centre so far.
	first := 0
	for i := range w {
		if w[i] > w[first] {
			first = i
		}
	}
	pick := first
	for len(centres) < k {
		c := append([]float64(nil), pts[pick]...)
		centres = append(centres, c)
		total := 0.0
		for i, p := range pts {
			d := max(0, 1-dot(p, c))
			dist[i] = min(dist[i], d)
			total += w[i] * dist[i]
		}
		if total <= 0 {
			break
		}
		x := rng.Float64() * total
		pick = n - 1
		for i := range pts {
			x -= w[i] * dist[i]
			if x < 0 {
				pick = i
				break
			}
		}
	}
	assign := make([]int, n)
	for i := range assign {
		assign[i] = -1
	}
	for it := 0; it < iters; it++ {
		changed := 0
		next := make([]int, n)
		parallel(n, func(i int) {
			best, bv := 0, math.Inf(-1)
			for j, c := range centres {
				if v := dot(pts[i], c); v > bv {
					best, bv = j, v
				}
			}
			next[i] = best
		})
		for i := range next {
			if next[i] != assign[i] {
				changed++
			}
		}
		assign = next
		sums := make([][]float64, len(centres))
		for j := range sums {
			sums[j] = make([]float64, dim)
		}
		for i, a := range assign {
			for d, x := range pts[i] {
				sums[a][d] += w[i] * x
			}
		}
		for j := range centres {
			s := 0.0
			for _, x := range sums[j] {
				s += x * x
			}
			if s > 0 { // an empty cluster keeps its centre
				normalize(sums[j])
				centres[j] = sums[j]
			}
		}
		if changed == 0 {
			break
		}
	}
	return assign, centres
}

// Header is the file's first line.
const Header = "# newsnlp word clusters: word, then its cluster at each level from fine to coarse."

// Write writes the clusters as text: a header naming the corpus's
// checksum and the settings, then one word a line with its clusters,
// grouped by cluster from coarse to fine.
func (c *Clusters) Write(w io.Writer, corpus string, o Options) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, Header)
	fmt.Fprintln(bw, "# Made by `newsnlp train clusters` (models/clusters/README.md).")
	fmt.Fprintf(bw, "# corpus: %s\n", corpus)
	lv := make([]string, len(o.Levels))
	for i, k := range o.Levels {
		lv[i] = fmt.Sprint(k)
	}
	fmt.Fprintf(bw, "# levels: %s; words %d, min count %d, contexts %d at %v, dims %d\n", strings.Join(lv, " "), len(c.Words), o.MinCount, o.Contexts, offsets, o.Dims)
	order := make([]int, len(c.Words))
	for i := range order {
		order[i] = i
	}
	L := len(c.Levels)
	sort.SliceStable(order, func(a, b int) bool {
		pa, pb := c.Paths[order[a]], c.Paths[order[b]]
		for l := L - 1; l >= 0; l-- {
			if pa[l] != pb[l] {
				return pa[l] < pb[l]
			}
		}
		return false
	})
	for _, i := range order {
		bw.WriteString(c.Words[i])
		for _, x := range c.Paths[i] {
			fmt.Fprintf(bw, "\t%d", x)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
