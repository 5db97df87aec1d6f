package keywords

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/go-ego/gse"
	"github.com/newsnlp/newsnlp/pipeline"
)

// IDF holds inverse document frequencies. It is read-only once built.
type IDF struct {
	w       map[string]float32
	unknown float64 // the weight of a term the model has not seen: the median
	sum     string
}

// Weight returns a term's inverse document frequency.
func (m *IDF) Weight(term string) float64 {
	if v, ok := m.w[term]; ok {
		return float64(v)
	}
	return m.unknown
}

// byWord returns the weight of each word of words by its id: the model's
// for the words it holds, NaN for the others (whose weight is the
// unknown weight, which a float32 may not hold). Weights are float32 in
// the model: half the array of float64s, and so fewer cache misses.
func (m *IDF) byWord(words Words) []float32 {
	w := make([]float32, words.NumWords())
	nan := float32(math.NaN())
	for i := range w {
		w[i] = nan
	}
	for t, v := range m.w {
		if id := words.WordID(t); id != 0 && int(id) < len(w) {
			w[id] = v
		}
	}
	return w
}

// Len returns the number of terms of the model.
func (m *IDF) Len() int { return len(m.w) }

// Checksum identifies the model, for the metadata of a run's output.
func (m *IDF) Checksum() string { return m.sum }

// Background is jieba's IDF table as gse embeds it: about 270,000 words with
// their weights, parsed once.
var Background = sync.OnceValues(func() (*IDF, error) {
	return parseIDF(gse.ZhIdf, "gse:jieba-idf")
})

// ReadIDF reads a model of "term weight" lines (jieba's format), or the
// "term<TAB>df" lines with a "# docs N" header that newsnlp idf build
// writes.
func ReadIDF(r io.Reader, name string) (*IDF, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return parseIDF(string(b), name)
}

// parseIDF reads a model from text. The terms are substrings of text, and
// the map is sized by its lines: no allocation per line (start-up).
func parseIDF(text, name string) (*IDF, error) {
	m := &IDF{w: make(map[string]float32, strings.Count(text, "\n")+1)}
	sum := sha256.Sum256([]byte(text))
	docs := 0.0
	weights := make([]float64, 0, len(m.w))
	for n, rest := 1, text; rest != ""; n++ {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			if f := strings.Fields(line); len(f) == 3 && f[1] == "docs" {
				d, err := strconv.ParseFloat(f[2], 64)
				if err != nil || d <= 0 {
					return nil, fmt.Errorf("%s:%d: bad document count", name, n)
				}
				docs = d
			}
			continue
		}
		term, value, ok := twoFields(line)
		if !ok {
			return nil, fmt.Errorf("%s:%d: want \"term value\"", name, n)
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("%s:%d: bad value %q", name, n, value)
		}
		if docs > 0 {
			v = math.Log(docs / (v + 1)) // a document frequency
		}
		m.w[term] = float32(v)
		weights = append(weights, v)
	}
	if len(weights) == 0 {
		return nil, fmt.Errorf("%s: no terms", name)
	}
	sort.Float64s(weights)
	m.unknown = weights[len(weights)/2]
	m.sum = hex.EncodeToString(sum[:8])
	return m, nil
}

// twoFields splits a trimmed line as strings.Fields would when it has
// exactly two fields, without allocating.
func twoFields(line string) (a, b string, ok bool) {
	i := strings.IndexFunc(line, unicode.IsSpace)
	if i < 0 {
		return "", "", false
	}
	a, rest := line[:i], strings.TrimLeftFunc(line[i:], unicode.IsSpace)
	if rest == "" || strings.IndexFunc(rest, unicode.IsSpace) >= 0 {
		return "", "", false
	}
	return a, rest, true
}

// DF counts document frequencies over a run, for newsnlp idf build.
type DF struct {
	Docs int
	df   map[string]int
}

// NewDF returns an empty count.
func NewDF() *DF { return &DF{df: map[string]int{}} }

// Add counts one document's terms (each once, as the keyword stage gives
// them).
func (c *DF) Add(terms []pipeline.TermWord) {
	c.Docs++
	for _, tw := range terms {
		t := tw.Term
		if n, ok := c.df[t]; ok {
			c.df[t] = n + 1
		} else {
			// Terms are substrings of their post's text: a copy, so
			// that the model does not keep every post alive.
			c.df[strings.Clone(t)] = 1
		}
	}
}

// Write writes the model: terms seen in at least minDF documents, sorted.
func (c *DF) Write(w io.Writer, minDF int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# docs %d\n# term\tdocument frequency; written by newsnlp idf build\n", c.Docs)
	terms := make([]string, 0, len(c.df))
	for t, n := range c.df {
		if n >= minDF {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	for _, t := range terms {
		fmt.Fprintf(bw, "%s\t%d\n", t, c.df[t])
	}
	return bw.Flush()
}
