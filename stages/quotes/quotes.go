// Package quotes is the quote stage: it finds who said what in a post:
// direct quotations in quotation marks (“…”, 「…」, 『…』, "…"), with the
// speaker and the verb that introduces them, and reported speech without
// marks (秦刚表示，中俄不是盟友).
//
// Quote spans are paired with a stack, paragraph by paragraph, so a missing
// mark never runs past its paragraph and a quote of several paragraphs is
// read whole (spans.go). Quoted terms, names and slogans are told from
// speech by their context: a naming verb before them (所谓, 被称为), their
// length and shape, and the absence of any verb of saying. Speakers are found
// by the patterns of Chinese news (attribution.go): X说：“Q”; “Q”，X说; X
// 在声明中表示：“Q”; a quote standing alone after one whose speaker is
// known; pronouns resolved to the last person named; an organisation's
// spokesperson speaking for it (外交部发言人 → 外交部). When the text does not
// say who spoke, the speaker is empty, not a guess.
//
// Offsets are code points of Post.Text; every rule reads a bounded window
// around its quote, so the stage runs in time linear in the text.
package quotes

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/lexicon"
	speakermodel "github.com/newsnlp/newsnlp/models/speakers"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/internal/runeset"
	"github.com/newsnlp/newsnlp/stages/internal/trie"
)

// Stage is the quote stage. It is safe for concurrent use.
type Stage struct {
	verbs     trie.Trie[struct{}] // verbs of saying
	verbFirst *runeset.Set        // their first characters
	verbsRev  trie.Trie[struct{}] // the same, reversed: which ends at a position
	namingRev trie.Trie[struct{}] // 所谓, 被称为 … reversed
	calledRev trie.Trie[struct{}] // calledWords, reversed
	rolesRev  trie.Trie[struct{}] // 发言人, 官员 … reversed
	reported  map[string]bool     // verbs that introduce reported speech
	// reportedPairs are those of one or two characters by their
	// characters (reportedVerb).
	reportedPairs map[[2]rune]bool
	// reportedFirst are their first characters: reportedCues reads the
	// verb at no other position.
	reportedFirst *runeset.Set
	verbNames     map[string]string // each verb of saying to itself: the cues' strings, made once
	surnames      map[string]bool   // Chinese surnames, for speaker labels
	model         *Model            // the speaker model; nil: the rules decide alone
	clusters      *wordClusters     // models/clusters; nil: no word has a cluster
	clusByWord    []uint16          // clusters by a token's word number (UseWords); nil: by text
	// scanned are the characters reportedCues does more with than note
	// the sentence end before them: verbFirst's, the sentence ends, '.'
	// and the Latin letters. Most characters of a post are none of them:
	// one question instead of five.
	scanned *runeset.Set
}

func reverse(s string) []rune {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return r
}

// EmbeddedModel reads the speaker model embedded from models/speakers.
func EmbeddedModel() (*Model, error) {
	m, err := ReadModel(strings.NewReader(speakermodel.Text()))
	if err != nil {
		return nil, fmt.Errorf("models/speakers/speakers.tsv: %w (refit it with newsnlp train speakers)", err)
	}
	return m, nil
}

// New builds the stage from the embedded word lists and speaker model. It
// panics if the model does not read: a run on the rules alone would put
// other speakers and confidences under the embedded model's checksum.
// Callers that can do without the model (a refit) use NewWithModel(nil).
func New() *Stage {
	m, err := EmbeddedModel()
	if err != nil {
		panic(err)
	}
	return NewWithModel(m)
}

// Model is the speaker model the stage scores with (nil: the rules alone).
func (s *Stage) Model() *Model { return s.model }

// NewWithModel builds the stage with a speaker model of one's own (nil:
// the rules alone).
func NewWithModel(m *Model) *Stage {
	s := &Stage{reported: map[string]bool{}, reportedPairs: map[[2]rune]bool{}, surnames: map[string]bool{}, verbFirst: &runeset.Set{}, reportedFirst: &runeset.Set{}, verbNames: map[string]string{}, model: m, clusters: loadClusters()}
	for _, v := range lexicon.Surnames() {
		s.surnames[v] = true
	}
	for _, v := range lexicon.SpeechVerbs() {
		s.verbNames[v] = v
		s.verbs.Add([]rune(v), struct{}{})
		if r := []rune(v); len(r) > 0 {
			s.verbFirst.Add(r[0])
		}
		s.verbsRev.Add(reverse(v), struct{}{})
	}
	for _, v := range lexicon.NamingVerbs() {
		s.namingRev.Add(reverse(v), struct{}{})
	}
	for _, v := range calledWords {
		s.calledRev.Add(reverse(v), struct{}{})
	}
	for _, v := range lexicon.Roles() {
		s.rolesRev.Add(reverse(v), struct{}{})
	}
	for _, v := range []string{"表示", "说", "称", "指出", "认为", "强调", "透露", "宣称", "声称", "坦言", "承认", "警告",
		"呼吁", "宣布", "证实", "否认", "提到", "介绍", "回应", "补充", "解释", "重申", "直言", "说道", "表明", "坚称", "辩称"} {
		s.reported[v] = true
		r := []rune(v)
		s.reportedFirst.Add(r[0])
		if len(r) <= 2 {
			var pair [2]rune
			copy(pair[:], r)
			s.reportedPairs[pair] = true
		}
	}
	s.scanned = &runeset.Set{}
	for _, v := range lexicon.SpeechVerbs() {
		if r := []rune(v); len(r) > 0 {
			s.scanned.Add(r[0])
		}
	}
	s.scanned.AddString(sentenceEnds + ".")
	for r := range rune(len(latinLetters)) {
		if isLatin(r) {
			s.scanned.Add(r)
		}
	}
	// Read-only from here on: the flat layout reads fewer places of
	// memory per character.
	s.verbs.Freeze()
	s.verbsRev.Freeze()
	s.namingRev.Freeze()
	s.rolesRev.Freeze()
	return s
}

// surnameAt reports a name's shape: a surname, then one or two characters.
func (s *Stage) surnameAt(name []rune) bool {
	n := len(name)
	return n >= 2 && n <= 3 && s.surnames[string(name[:1])] || n >= 3 && n <= 4 && s.surnames[string(name[:2])]
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "quotes" }

// Process implements pipeline.Stage: it sets d.Quotes. It needs the segment
// stage's Norm and Tokens and the entity stage's Mentions.
func (s *Stage) Process(_ context.Context, d *pipeline.Doc) error {
	if d.Post == nil {
		return nil
	}
	d.Quotes = s.find(d.ID, d.Post.Text, d.Norm, d.Tokens, d.Mentions, postOptions(d))
	return nil
}

func postOptions(d *pipeline.Doc) findOptions {
	o := findOptions{skip: titleLine(d.Post.Text, d.Post.Title)}
	if len(d.Post.Reporters) == 1 {
		o.narrator = d.Post.Reporters[0]
	}
	o.pseudonyms = d.Pseudonyms
	return o
}

// Candidates returns the quotes the rules find in a post (as Process
// would without a model) and each one's candidate speakers (nil for
// reported speech and where the rules decide alone).
func (s *Stage) Candidates(d *pipeline.Doc) ([]pipeline.Quote, [][]Candidate) {
	qs, cands, _ := s.Examples(d, nil)
	return qs, cands
}

// Examples returns what the models learn from in a post: the short spans
// in marks with the detector's features (as the rules leave them), then
// the quotes after the detector short (nil: the rules alone) and each
// one's candidate speakers.
func (s *Stage) Examples(d *pipeline.Doc, short *Model) ([]pipeline.Quote, [][]Candidate, []ShortSpan) {
	return s.ExamplesWith(d, short, nil)
}

// Apply lets a model choose the speaker of each quote that has candidates:
// the speaker, its probability as the confidence, and the rule column
// saying which features decided.
func Apply(m *Model, qs []pipeline.Quote, cands [][]Candidate) {
	for i := range qs {
		cs := cands[i]
		if len(cs) == 0 {
			m.Calibration.alone(&qs[i])
			continue
		}
		best, p := m.Rank(cs)
		setSpeaker(&qs[i], cs[best], m.Calibration.confidence(p[best], cs[best].None()), m.Top(cs[best], 2))
	}
}

// choose sets the speaker of each quote from candidates scored as the
// stage went: Apply without keeping every feature.
func (d *doc) choose(c Calibration, cands [][]Candidate) {
	qs := d.quotes
	var p []float64
	for i := range qs {
		cs := cands[i]
		if len(cs) == 0 {
			c.alone(&qs[i])
			continue
		}
		p = p[:0]
		for _, c := range cs {
			p = append(p, c.score)
		}
		best := pick(p)
		setSpeaker(&qs[i], cs[best], c.confidence(p[best], cs[best].None()), topOf(&cs[best]))
	}
}

// setSpeaker writes a model's choice into a quote, p its confidence.
func setSpeaker(q *pipeline.Quote, c Candidate, p float64, top []string) {
	q.Speaker, q.SpeakerEntityID, q.SpeakerType = c.Speaker()
	q.Confidence = math.Round(p*1000) / 1000
	// The features up to the first empty one, joined by commas.
	n := 0
	for n < len(top) && top[n] != "" {
		n++
	}
	switch n {
	case 0:
		q.Rule += ";model:"
	case 1:
		q.Rule += ";model:" + top[0]
	case 2:
		q.Rule += ";model:" + top[0] + "," + top[1]
	default:
		q.Rule += ";model:" + strings.Join(top[:n], ",")
	}
	if c.Pseudonym {
		q.Rule += ";pseudonym"
	}
}

// findOptions are what a post tells the quote finder beyond its text.
type findOptions struct {
	skip     int    // quotes begin after this code point (a title line)
	narrator string // who 我 is outside quotes: the post's one credited author
	// candidates, when set, receives each quote's candidate speakers.
	candidates *[][]Candidate
	// shorts, when set, receives the short spans in marks with their
	// features; short, when set, is the detector to use.
	shorts *[]ShortSpan
	short  *Model
	// spk, with shorts, is the speaker model the detector's short|spk_
	// features ask (nil: none made).
	spk *Model
	// decide, with candidates, chooses the speaker of each quote that
	// later quotes' features see (nil: the rules').
	decide Decider
	// pseudonyms are the entity stage's mentions of made-up names
	// (Doc.Pseudonyms): read as people, their words go to nobody.
	pseudonyms []pipeline.Mention
	// alone, with candidates, receives why the rules decided quotes
	// alone (Alone).
	alone *map[[2]int]string
}

// titleLine returns the length of the text's first line when it repeats
// the post's title (the link line under the front matter): the gold guide
// does not count quotes there, which the title's own quotes would repeat.
func titleLine(text, title string) int {
	title = strings.TrimSpace(title)
	if title == "" {
		return 0
	}
	first, _, _ := strings.Cut(text, "\n")
	if strings.TrimSpace(first) != title {
		return 0
	}
	return utf8.RuneCountInString(first)
}

// Find returns the quotes of a text. norm is the text in simplified script
// with the same code points ("" to use text), tokens its words, mentions
// its entities in text order.
func (s *Stage) Find(docID, text, norm string, tokens []pipeline.Token, mentions []pipeline.Mention) []pipeline.Quote {
	return s.find(docID, text, norm, tokens, mentions, findOptions{})
}

// find is Find with what the post tells beyond its text.
func (s *Stage) find(docID, text, norm string, tokens []pipeline.Token, mentions []pipeline.Mention, o findOptions) []pipeline.Quote {
	if norm == "" {
		norm = text
	}
	if len(o.pseudonyms) > 0 {
		mentions = withPseudonyms(mentions, o.pseudonyms)
	}
	d := newDoc(s, text, norm, tokens, mentions)
	d.skip, d.narrator = o.skip, o.narrator
	d.pseud = o.pseudonyms
	d.attribute()
	d.sortQuotes()
	if o.shorts != nil {
		*o.shorts = d.shortExamples(o.spk)
	}
	if det := o.short; det != nil {
		d.detectShort(det)
	} else if s.model != nil && s.model.short {
		d.detectShort(s.model)
	}
	d.sink.m = nil
	switch {
	case o.candidates != nil:
		*o.candidates = d.candidates(o.decide)
	case s.model != nil:
		d.sink.m = s.model
		d.choose(s.model.Calibration, d.candidates(s.model.decider()))
	}
	if o.alone != nil && o.candidates != nil {
		*o.alone = d.aloneWhy(*o.candidates)
	}
	for i := range d.quotes {
		d.quotes[i].ID = docID + ":" + strconv.Itoa(i+1)
		if q := &d.quotes[i]; q.SpeakerType == "person" && d.isPseudonym(q.Speaker, q.SpeakerEntityID) {
			q.Speaker, q.SpeakerEntityID, q.SpeakerType = "", "", "unknown"
			q.Rule += ";pseudonym"
		}
	}
	// The rows may be in the scratch's array: the caller gets its own.
	qs := make([]pipeline.Quote, len(d.quotes))
	copy(qs, d.quotes)
	if o.candidates == nil && o.shorts == nil {
		// Training keeps candidates and examples, which may read the doc.
		// The doc is the scratch's: not read after.
		d.release()
	}
	return qs
}

// withPseudonyms returns the mentions and the made-up names' together in
// text order (both are).
func withPseudonyms(ms, pseud []pipeline.Mention) []pipeline.Mention {
	out := make([]pipeline.Mention, 0, len(ms)+len(pseud))
	i, j := 0, 0
	for i < len(ms) || j < len(pseud) {
		if j == len(pseud) || i < len(ms) && ms[i].Start <= pseud[j].Start {
			out = append(out, ms[i])
			i++
		} else {
			out = append(out, pseud[j])
			j++
		}
	}
	return out
}

// isPseudonym reports a speaker that is one of the post's made-up names.
func (d *doc) isPseudonym(surface, entityID string) bool {
	for _, m := range d.pseud {
		if entityID != "" && m.EntityID == entityID || m.Surface == surface {
			return true
		}
	}
	return false
}
