// Package segment is the segmentation stage: it cuts each post's text into
// words with github.com/go-ego/gse and records them as tokens with parts of
// speech and code point offsets.
//
// Traditional-script and mixed posts are converted to simplified script
// character by character first (models/hanzi), so one dictionary serves both
// scripts and every offset still points into the original text. The
// dictionary is gse's embedded simplified one plus the names of the entity
// lexicons, so that 布林肯, 王毅 and 大纪元 stay whole, prebuilt by go
// generate (dict.bin) for the embedded lexicons' words; it is loaded once,
// before any worker starts, and only read afterwards (gse's cutting is safe
// for concurrent use; adding words while cutting is not).
//
// The stage uses gse's dictionary shortest-path segmentation, without the
// HMM: the HMM modes are about ten times slower and quadratic on long runs
// of non-Han text.
package segment

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"
	"github.com/newsnlp/newsnlp/models/hanzi"
	"github.com/newsnlp/newsnlp/pipeline"
)

// Word is a dictionary entry to add: a name that must stay whole.
type Word struct {
	Text string  // simplified script
	Freq float64 // gse frequency; higher wins against overlapping words
	POS  string  // nr person, ns place, nt organisation, nz other proper noun
}

// Segmenter is the stage. It is safe for concurrent use once built.
//
// Cutting needs only the trie's nodes and a few bytes a word (cutDict);
// gse's own dictionary is not kept once those are copied out: its
// tokens, their units and search-mode parts are about 120 MB of small
// pointer-laden objects that the garbage collector would mark on every
// cycle of a run. Gse loads it again for the few callers that want it.
type Segmenter struct {
	gse func() (*gse.Segmenter, error) // the dictionary as gse holds it
	hz  *hanzi.Tables
	cd  *cutDict // nil: cut falls back to gse
}

// loadDict loads gse's embedded simplified dictionary once per process: it
// takes about a second and 130 MB, and every Segmenter can share it only if
// no words are added; so each New loads its own copy when given words.
var loadBase = sync.OnceValues(func() (*gse.Segmenter, error) {
	return newGseText(nil)
})

// DefaultWords are the words the pipeline adds: the gazetteer's names,
// then the political terms of the lexicon as proper nouns.
func DefaultWords(gaz []Word, terms []string) []Word {
	words := append([]Word(nil), gaz...)
	for _, t := range terms {
		words = append(words, Word{Text: t, Freq: 20000, POS: "nz"})
	}
	return words
}

//go:generate go run ./internal/gen

// prebuilt is gse's dictionary with the default words added, in the form
// decodeDict reads (go generate writes it; see dictbin.go): loading it
// takes about a fifth of the processor time of gse's text loader, 40% of
// its bytes and 1% of its allocations (BenchmarkLoad). The trie's arrays
// make up most of its 11 MB.
//
//go:embed dict.bin
var prebuilt string

// wordsSum identifies a list of words to add: the prebuilt dictionary is
// used only for the list it was built with.
func wordsSum(words []Word) [32]byte {
	h := sha256.New()
	for _, w := range words {
		fmt.Fprintf(h, "%s\t%v\t%s\n", w.Text, w.Freq, w.POS)
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// BuildPrebuilt returns the prebuilt form of the dictionary New builds
// for words without it (for go generate). known says which words gse's
// dictionary holds, as inbase.txt does: go generate passes what it has
// just written there, so that one run makes both files agree.
func BuildPrebuilt(words []Word, known map[string]bool) ([]byte, error) {
	b, _, err := buildPrebuilt(words, known)
	return b, err
}

// buildPrebuilt also returns the dictionary built from text.
func buildPrebuilt(words []Word, known map[string]bool) ([]byte, *gse.Segmenter, error) {
	seg, err := newGseKnown(words, known)
	if err != nil {
		return nil, nil, err
	}
	enc, err := encodeDict(seg.Dict)
	if err != nil {
		return nil, nil, err
	}
	sum := wordsSum(words)
	return append(sum[:], enc...), seg, nil
}

// loadPrebuilt returns the prebuilt dictionary if it was built for words.
func loadPrebuilt(words []Word) (*gse.Segmenter, bool) { return loadPrebuiltParts(words, true) }

// loadPrebuiltParts is loadPrebuilt, the tokens' search-mode parts left
// out unless parts: such a dictionary is for newCutDict only.
func loadPrebuiltParts(words []Word, parts bool) (*gse.Segmenter, bool) {
	sum := wordsSum(words)
	if len(prebuilt) < len(sum) || prebuilt[:len(sum)] != string(sum[:]) {
		return nil, false
	}
	d, err := decodeDictParts([]byte(prebuilt[len(sum):]), parts)
	if err != nil {
		return nil, false
	}
	// As newGse leaves it: Init's defaults, then the dictionary.
	seg := &gse.Segmenter{SkipLog: true}
	seg.Init()
	seg.Dict = d
	return seg, true
}

// inBaseText lists the words of the embedded lexicons and whether gse's
// dictionary holds them already (go generate writes it).
//
//go:embed inbase.txt
var inBaseText string

var inBase = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(inBaseText, "\n") {
		w, v, ok := strings.Cut(line, "\t")
		if ok && !strings.HasPrefix(line, "#") {
			m[w] = v == "1"
		}
	}
	return m
})

// newGse builds gse's dictionary with words added. gse's text loader
// computes every token's path values (CalcToken, half of the loading time)
// and must compute them again once words are added; when every word is
// known to be or not to be in the base dictionary, the new ones are added
// first and the base loaded after them, so the values are computed once.
// The dictionary is the same (TestFastLoad): a word the base holds is left
// out, as gse would ignore it, and frequencies are whole numbers, so their
// sum does not depend on the order.
func newGse(words []Word) (*gse.Segmenter, error) { return newGseKnown(words, inBase()) }

// newGseKnown is newGse with known telling which words the base holds.
func newGseKnown(words []Word, known map[string]bool) (*gse.Segmenter, error) {
	for _, w := range words {
		if _, ok := known[w.Text]; !ok && w.Text != "" {
			return newGseText(words)
		}
	}
	seg := &gse.Segmenter{SkipLog: true}
	seg.Dict = gse.NewDict()
	seg.Init()
	for _, w := range words {
		if w.Text == "" || known[w.Text] {
			continue
		}
		if err := seg.AddToken(w.Text, w.Freq, w.POS); err != nil {
			return nil, fmt.Errorf("segment: adding %q: %w", w.Text, err)
		}
	}
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("segment: loading gse's dictionary: %w", err)
	}
	return seg, nil
}

// newGseText builds the dictionary as gse documents it: the base loaded,
// then the words added.
func newGseText(words []Word) (*gse.Segmenter, error) {
	seg := &gse.Segmenter{SkipLog: true}
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("segment: loading gse's dictionary: %w", err)
	}
	for _, w := range words {
		if w.Text == "" {
			continue
		}
		if err := seg.AddToken(w.Text, w.Freq, w.POS); err != nil {
			return nil, fmt.Errorf("segment: adding %q: %w", w.Text, err)
		}
	}
	seg.CalcToken()
	return seg, nil
}

// New loads the dictionary with the given words added. Call it once, before
// the run starts.
func New(words []Word) (*Segmenter, error) {
	load := func() (*gse.Segmenter, error) {
		if len(words) == 0 {
			return loadBase()
		}
		if pre, ok := loadPrebuilt(words); ok {
			return pre, nil
		}
		return newGse(words)
	}
	s := &Segmenter{hz: hanzi.Load()}
	if len(words) > 0 {
		// Cutting reads no search-mode parts: the prebuilt form loads
		// faster without them.
		if pre, ok := loadPrebuiltParts(words, false); ok {
			if s.cd = newCutDict(pre); s.cd != nil {
				words = slices.Clone(words)
				s.gse = sync.OnceValues(load)
				return s, nil
			}
		}
	}
	seg, err := load()
	if err != nil {
		return nil, err
	}
	s.cd = newCutDict(seg)
	if s.cd == nil || len(words) == 0 {
		// gse cuts (or the process keeps the base dictionary anyway).
		s.gse = func() (*gse.Segmenter, error) { return seg, nil }
	} else {
		words = slices.Clone(words)
		s.gse = sync.OnceValues(load)
	}
	return s, nil
}

// Name implements pipeline.Stage.
func (*Segmenter) Name() string { return "segment" }

// Process implements pipeline.Stage: it sets d.Norm and d.Tokens.
func (s *Segmenter) Process(_ context.Context, d *pipeline.Doc) error {
	if d.Post == nil {
		return nil
	}
	d.Norm = s.Normalize(d.Post.Text, d.Post.Script)
	d.Tokens = s.Tokens(d.Norm)
	return nil
}

// Normalize returns text in simplified script with the same code points at
// the same offsets; simplified and English text is returned as it is.
func (s *Segmenter) Normalize(text, script string) string {
	switch script {
	case "traditional", "mixed":
		return s.hz.StringToSimplified(text)
	}
	return text
}

// Tokens segments simplified text. Offsets are code points.
func (s *Segmenter) Tokens(norm string) []pipeline.Token {
	if norm == "" {
		return nil
	}
	if out, ok := s.cut(norm); ok {
		return out
	}
	return s.gseTokens(norm)
}

// gseTokens is Tokens by gse's own Segment: what cut does, and its
// fallback.
func (s *Segmenter) gseTokens(norm string) []pipeline.Token {
	segs := s.Gse().Segment([]byte(norm))
	out := make([]pipeline.Token, 0, len(segs))
	// Segments are contiguous and in order: count code points as we go.
	pos, runes := 0, int32(0)
	for _, sg := range segs {
		start := runes
		n := int32(utf8.RuneCountInString(norm[pos:sg.End()]))
		runes += n
		pos = sg.End()
		if n == 0 {
			continue
		}
		out = append(out, pipeline.Token{Start: start, Stop: runes, POS: sg.Token().Pos()})
	}
	return out
}

// Gse returns gse's segmenter with the same dictionary, for comparisons
// with gse's own cutting and extractors. It must only be read. The first
// call loads the dictionary again (about half a second and 120 MB, kept
// from then on); the loaders are deterministic and succeeded once in New,
// so a failure here is a broken invariant and panics.
func (s *Segmenter) Gse() *gse.Segmenter {
	seg, err := s.gse()
	if err != nil {
		panic(fmt.Sprintf("segment: loading gse's dictionary again: %v", err))
	}
	return seg
}

// Find reports whether word is in the dictionary and its part of speech.
// It reads gse's dictionary (see Gse): not for use per post.
func (s *Segmenter) Find(word string) (pos string, ok bool) {
	_, pos, ok = s.Gse().Find(word)
	return pos, ok
}
