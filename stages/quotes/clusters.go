package quotes

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/clusters"
)

// Word clusters (models/clusters, learnt from the shared corpus's words by
// the words around them): the lexical features' words (lexical.go) weigh
// only when seen in 5 annotated quotes or more, so on new posts most words
// around a candidate weigh nothing; a word's cluster carries what its
// frequent fellows taught (士兵 and 干部 with 官员 and 人士). Each
// lexical position's word also gives its clusters at clusterLevels, as
// `lc_…=SIZE:ID` features beside the `lx_…` ones. A token's cluster is
// found once per post (clusterOf), by its text, and a feature's entry by
// the cluster's number (Model.clus): no string is made while scoring.

// clusterLevels are the levels of the file (0 the finest) whose clusters
// are features: 1,024 and 256 (cross-validated against 256 and 64, 64 and
// 16, and the three finest; models/speakers/README.md).
var clusterLevels = []int{0, 1}

// lexWords says whether the words themselves (lx_) get weights beside
// their clusters. Cross-validated, the clusters instead of the words read
// the extra posts as well (0.759) and, by the linear model alone, better
// (0.753 → 0.756): the words' weights are the ones fitted to the
// annotated posts' own vocabulary. The lx_ features are still read (and
// weigh in a model file that holds them).
const lexWords = false

// wordClusters are the parsed file.
type wordClusters struct {
	byWord map[string]uint16 // a word's finest cluster
	// byRune is byWord's words of one character (2,969 of 30,000): nine
	// lookups in ten are of one (a character the segmenter left alone, or
	// the end of a token cut short), and a rune's key is found without
	// hashing a string or comparing the file's bytes (cache misses both).
	byRune map[rune]uint16
	sizes  []int          // clusters per level, fine to coarse
	base   []int          // a level's first global number
	up     [][]uint16     // up[l][fine]: the cluster at level l
	names  []string       // by global number: "SIZE:ID"
	gidOf  map[string]int // the reverse of names
}

// gid is the global number of fine cluster f's cluster at level l.
func (w *wordClusters) gid(l int, f uint16) int { return w.base[l] + int(w.up[l][f]) }

// loadClusters parses the embedded file once; nil when it does not parse
// (then no word has a cluster).
var loadClusters = sync.OnceValue(func() *wordClusters {
	w, err := parseClusters(clusters.Text())
	if err != nil {
		return nil
	}
	return w
})

// parseClusters reads "word\tc0\tc1…" lines under the "# levels: N N …"
// header.
func parseClusters(text string) (*wordClusters, error) {
	w := &wordClusters{byWord: map[string]uint16{}, byRune: map[rune]uint16{}, gidOf: map[string]int{}}
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if rest, ok := strings.CutPrefix(line, "# levels: "); ok {
			rest, _, _ = strings.Cut(rest, ";")
			for _, f := range strings.Fields(rest) {
				n, err := strconv.Atoi(f)
				if err != nil || n <= 0 || n > 0xffff {
					return nil, errClusters
				}
				w.sizes = append(w.sizes, n)
			}
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(w.sizes) == 0 || len(f) != 1+len(w.sizes) {
			return nil, errClusters
		}
		if w.up == nil {
			w.up = make([][]uint16, len(w.sizes))
			for l := range w.up {
				w.up[l] = make([]uint16, w.sizes[0])
			}
		}
		var c [8]int
		for l := range w.sizes {
			n, err := strconv.Atoi(f[1+l])
			if err != nil || n < 0 || n >= w.sizes[l] {
				return nil, errClusters
			}
			c[l] = n
		}
		w.byWord[f[0]] = uint16(c[0])
		if r, n := utf8.DecodeRuneInString(f[0]); n == len(f[0]) && (n > 1 || r != utf8.RuneError) {
			w.byRune[r] = uint16(c[0])
		}
		for l := range w.sizes {
			w.up[l][c[0]] = uint16(c[l])
		}
	}
	for _, n := range w.sizes {
		w.base = append(w.base, len(w.names))
		for i := range n {
			s := strconv.Itoa(n) + ":" + strconv.Itoa(i)
			w.gidOf[s] = len(w.names)
			w.names = append(w.names, s)
		}
	}
	return w, nil
}

type clustersError struct{}

func (clustersError) Error() string { return "quotes: models/clusters/clusters.tsv does not parse" }

var errClusters error = clustersError{}

// clusterOf returns the finest cluster of the word [a, b) and whether it
// has one: a whole token's found once per post, another's (a name's end
// cutting a token) by its text.
func (d *doc) clusterOf(a, b int) (uint16, bool) {
	w := d.s.clusters
	if w == nil || a >= b || b > len(d.norm) || b-a > maxLexWord {
		return 0, false
	}
	if len(d.tokens) > 0 {
		ti := d.tokAt[a]
		if t := d.tokens[ti]; int(t.Start) == a && int(t.Stop) == b {
			// A dictionary word's cluster by its number: no string
			// hashed, no map's probe missing the cache.
			if byID := d.s.clusByWord; t.Word != 0 && int(t.Word) < len(byID) {
				c := byID[t.Word]
				return c - 1, c > 0
			}
			if d.tokClus == nil {
				d.scratch.tokClus = resized(d.scratch.tokClus, len(d.tokens))
				d.tokClus = d.scratch.tokClus
			}
			// 0: not read yet; 1: none; 2 + the cluster.
			c := d.tokClus[ti]
			if c == 0 {
				c = 1
				if f, ok := d.lookupCluster(a, b); ok {
					c = 2 + f
				}
				d.tokClus[ti] = c
			}
			return c - 2, c > 1
		}
	}
	return d.lookupCluster(a, b)
}

// Words numbers the segmenter's dictionary words as its tokens do
// (pipeline.Token.Word; segment.Segmenter).
type Words interface {
	WordID(word string) uint32 // 0 for no word of the dictionary
	NumWords() int             // bound on the ids
}

// UseWords lets the stage read a token's cluster by the token's word
// number (Token.Word) rather than by its text: over a whole run the
// clusters' map of 30,000 strings was a tenth of the stage. Call it
// before the first Process; answers do not change.
func (s *Stage) UseWords(w Words) {
	s.clusByWord = clustersByWord(s.clusters, w)
}

// clustersByWord returns, by word number, 1 + the word's finest cluster,
// 0 for a word without one; nil without clusters or numbers. A token with
// a number is that dictionary word exactly, so the table answers as the
// map would for its text.
func clustersByWord(w *wordClusters, words Words) []uint16 {
	if w == nil || words == nil || words.NumWords() == 0 {
		return nil
	}
	out := make([]uint16, words.NumWords())
	for word, c := range w.byWord {
		if id := words.WordID(word); id != 0 && int(id) < len(out) {
			out[id] = c + 1
		}
	}
	return out
}

// lookupCluster finds the word [a, b) in the clusters by its bytes.
func (d *doc) lookupCluster(a, b int) (uint16, bool) {
	if b == a+1 {
		r := d.norm[a]
		if !utf8.ValidRune(r) {
			r = utf8.RuneError // as AppendRune writes it
		}
		f, ok := d.s.clusters.byRune[r]
		return f, ok
	}
	buf := d.scratch.clusBuf[:0]
	for _, r := range d.norm[a:b] {
		buf = utf8.AppendRune(buf, r)
	}
	d.scratch.clusBuf = buf
	f, ok := d.s.clusters.byWord[string(buf)]
	return f, ok
}

// clusterEntries returns, for each valued feature of clusters, the entries
// of its features by global cluster number (nil for one that weighs
// nothing), as valuedEntries does by value.
func (m *Model) clusterEntries() [nValued][]*featEntry {
	var out [nValued][]*featEntry
	w := loadClusters()
	if w == nil {
		return out
	}
	for _, k := range clusterValued {
		for v, e := range m.valued[k] {
			if g, ok := w.gidOf[v]; ok {
				if out[k] == nil {
					out[k] = make([]*featEntry, len(w.names))
				}
				out[k][g] = e
			}
		}
	}
	return out
}

// clusterValued are the valued features whose values are clusters.
var clusterValued = [...]valued{valLcNext, valLcPrev, valLcQPrevNear, valLcQNextNear, valNoneLcClause, valNoneLcQNext}
