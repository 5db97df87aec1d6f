package entities

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/newsnlp/newsnlp/models/countries"
	"github.com/newsnlp/newsnlp/models/gazetteer"
	"github.com/newsnlp/newsnlp/models/hanzi"
	"github.com/newsnlp/newsnlp/models/lexicon"
	"github.com/newsnlp/newsnlp/models/names"
	"github.com/newsnlp/newsnlp/models/outlets"
	"github.com/newsnlp/newsnlp/models/people"
	"github.com/newsnlp/newsnlp/stages/internal/runeset"
	"github.com/newsnlp/newsnlp/stages/internal/trie"
	"github.com/newsnlp/newsnlp/stages/segment"
)

// Entity is a person, country or outlet: what the entities table says of it.
type Entity struct {
	ID      string   `json:"entity_id"` // person:xi-jinping, country:USA, outlet:wsj; discovered: person:迈克尔·库格尔曼
	Type    string   `json:"type"`      // person, country, outlet
	Name    string   `json:"name"`      // simplified script
	NameEn  string   `json:"name_en,omitempty"`
	ISO3    string   `json:"iso3,omitempty"`    // countries
	Country string   `json:"country,omitempty"` // people and outlets: ISO 3166-1 alpha-3
	Aliases []string `json:"aliases,omitempty"`
	Source  string   `json:"source"` // lexicon or discovered

	// forms are the entity's forms as the text is matched (simplified,
	// dot-normalised), for coreference.
	forms []string
	// given holds a lexicon person's given names (learnGivenNames), to
	// check a dotted name merged into the person.
	given []string
	// hanName marks a lexicon person whose name is a Chinese name
	// (learnHanNames): no dotted name is theirs.
	hanName bool
}

// Kinds of country forms (models/countries/forms.tsv).
const (
	kindName     = "name"
	kindOfficial = "official"
	kindAbbr     = "abbr"
	kindHua      = "hua"
	kindMainland = "mainland"
	kindWord     = "word"  // 港股, 美媒, 访美: whole words, like 对华
	kindBlock    = "block" // a non-state look-alike (苏联, 中美洲): matches nothing
)

// cand is what a gazetteer form stands for.
type cand struct {
	ent  *Entity
	kind string // country form kind; "" for people and outlets
	// contextOnly outlets count only inside title marks or beside a cue.
	contextOnly bool
}

// Gazetteer is the entity lexicon, built once and read-only afterwards.
type Gazetteer struct {
	byID  map[string]*Entity
	forms trie.Trie[cand] // simplified, dot-normalised forms
	// first marks the characters some form starts with, over the common
	// Han block: most positions of a text start none.
	first [0xa000 - 0x3400]bool
	latin map[string][]cand // Latin-script forms (WSJ, Reuters), matched on word boundaries
	// latinFold holds the Latin forms of five or more letters by their
	// lower case, for text that writes them all in lower or upper case
	// (politico, XINHUA); a form two entities share is left out.
	latinFold map[string]cand
	// latinMore holds every phrase that starts a key of latin or
	// latinFold, followed by a space ("The ", "The New "): matchLatin
	// reads no further words past a phrase that is not one.
	latinMore map[string]struct{}
	abbr      map[rune][]*Entity // one-character country forms, counted only in compounds
	// abbrOrPartner holds the keys of abbr and the partners (欧, 非): the
	// characters of compounds such as 中美 and 中非.
	abbrOrPartner runeset.Set
	titles        trie.Trie[struct{}] // titles and roles before names
	// titlesRev holds the titles reversed, to find one that ends at a
	// position.
	titlesRev trie.Trie[struct{}]
	verbs     trie.Trie[struct{}] // speech verbs
	surn      surnames
	// jaSurn holds the Japanese family names of two or three characters
	// (a two-character one with a zero third rune).
	jaSurn    map[uint64]bool
	jaFirst   runeset.Set     // the first characters of jaSurn's names
	notPeople map[string]bool // words never taken for people (阿里巴巴, 白宫)
	trans     runeset.Set     // characters of transliterated foreign names
	given     runeset.Set     // characters of the lexicon's Chinese given names
	// givenNames holds the lexicon people's transliterated given names
	// (learnGivenNames), to find a word glued before one (trimTitled).
	givenNames map[string]bool
	hz         *hanzi.Tables
	// props holds charProps of each character of the BMP (see propsOf).
	props  []uint16
	words  []segment.Word
	counts map[string]int // entities per type, for reports
}

// Options adds user lists to the embedded ones.
type Options struct {
	People  []gazetteer.Entry // added to models/people; same id replaces
	Outlets []gazetteer.Entry // added to models/outlets
}

// LoadGazetteer builds the gazetteer from the embedded models and opt.
func LoadGazetteer(opt Options) (*Gazetteer, error) {
	g := &Gazetteer{
		byID: map[string]*Entity{}, latin: map[string][]cand{}, latinFold: map[string]cand{}, abbr: map[rune][]*Entity{},
		surn: surnames{two: map[[2]rune]bool{}}, hz: hanzi.Load(), counts: map[string]int{},
	}
	ppl, err := people.Load()
	if err != nil {
		return nil, err
	}
	outs, err := outlets.Load()
	if err != nil {
		return nil, err
	}
	ctry, err := countries.Load()
	if err != nil {
		return nil, err
	}
	ppl = gazetteer.Merge(ppl, opt.People)
	transCount := map[rune]int{}
	outs = gazetteer.Merge(outs, opt.Outlets)

	for _, c := range ctry.Countries {
		e := g.entity(&Entity{ID: "country:" + c.ISO3, Type: "country", Name: c.Name, NameEn: c.NameEn, ISO3: c.ISO3, Source: "lexicon"})
		g.addForm(c.Name, cand{ent: e, kind: kindName}, "ns")
		g.addForm(c.NameT, cand{ent: e, kind: kindName}, "ns")
		g.addForm(c.NameEn, cand{ent: e, kind: kindName}, "ns")
	}
	for _, f := range ctry.Forms {
		e := g.byID["country:"+f.ISO3]
		// CLDR's names of Hong Kong and Macau are their long official
		// names: name the entity by the short form inside.
		if e != nil && f.Kind == kindName && len([]rune(f.Form)) < len([]rune(e.Name)) && strings.Contains(e.Name, f.Form) {
			e.Name = f.Form
		}
		if e == nil {
			return nil, fmt.Errorf("entities: country form %q: no country %s", f.Form, f.ISO3)
		}
		if f.Kind == kindAbbr {
			r := []rune(g.norm(f.Form))
			if len(r) == 1 {
				g.abbr[r[0]] = append(g.abbr[r[0]], e)
				g.abbrOrPartner.Add(r[0])
			}
			continue
		}
		e.Aliases = appendNew(e.Aliases, f.Form)
		g.addForm(f.Form, cand{ent: e, kind: f.Kind}, "ns")
	}
	for form := range ctry.NonStates {
		g.addForm(form, cand{kind: kindBlock}, "ns")
	}
	for _, p := range ppl {
		e := g.entity(&Entity{ID: "person:" + p.ID, Type: "person", Name: p.Name, NameEn: p.NameEn, Country: p.Country, Aliases: p.Aliases, Source: "lexicon"})
		for _, f := range append(p.Forms(), p.NameEn) {
			g.addForm(f, cand{ent: e}, "nr")
		}
		g.learnTranslit(p, transCount)
	}
	g.learnGivenNames(ppl)
	for r, n := range transCount {
		if n >= 2 && !notTranslit.Has(r) {
			g.trans.Add(r)
		}
	}
	for _, r := range lexicon.Translit() {
		if !notTranslit.Has(r) {
			g.trans.Add(r)
		}
	}
	g.learnHanNames(ppl)
	ctxOnly := outlets.ContextOnly()
	for _, o := range outs {
		e := g.entity(&Entity{ID: "outlet:" + o.ID, Type: "outlet", Name: o.Name, NameEn: o.NameEn, Country: o.Country, Aliases: o.Aliases, Source: "lexicon"})
		for _, f := range append(o.Forms(), o.NameEn) {
			g.addForm(f, cand{ent: e, contextOnly: ctxOnly[o.ID]}, "nt")
		}
	}
	g.abbrOrPartner.AddString(partnerChars)
	for _, s := range lexicon.Surnames() {
		g.surn.add(s)
	}
	g.jaSurn = map[uint64]bool{}
	for _, s := range names.JapaneseSurnames() {
		var k [3]rune
		if r := []rune(s); len(r) >= 2 && len(r) <= 3 {
			copy(k[:], r)
			g.jaSurn[jaKey(k[0], k[1], k[2])] = true
			g.jaFirst.Add(r[0])
		}
	}
	for _, p := range ppl {
		if hanNames[p.Country] {
			g.learnGiven(p)
		}
	}
	g.notPeople = map[string]bool{}
	for _, w := range lexicon.NotPeople() {
		g.notPeople[g.norm(w)] = true
	}
	for _, t := range lexicon.Titles() {
		r := []rune(t)
		g.titles.Add(r, struct{}{})
		rev := make([]rune, len(r))
		for i, c := range r {
			rev[len(r)-1-i] = c
		}
		g.titlesRev.Add(rev, struct{}{})
	}
	for _, v := range lexicon.SpeechVerbs() {
		g.verbs.Add([]rune(v), struct{}{})
	}
	g.latinMore = map[string]struct{}{}
	for k := range g.latin {
		addPhrases(g.latinMore, k)
	}
	for k := range g.latinFold {
		addPhrases(g.latinMore, k)
	}
	// Read at nearly every character of every post from here on.
	g.forms.Freeze()
	g.titles.Freeze()
	g.titlesRev.Freeze()
	g.verbs.Freeze()
	g.props = make([]uint16, 0x10000)
	for r := range rune(0x10000) {
		g.props[r] = g.propsOf(r)
	}
	return g, nil
}

// Properties of a character, answered for every position of a post at
// once (doc.props) in place of the rules' own lookups, each in another
// table.
const (
	propHan      uint16 = 1 << iota // isHan
	propLexStart                    // Han and mayStart: a form may start here
	propSurname                     // surn.single
	propTrans                       // a transliteration character
	propGiven                       // a given-name character
	propStop                        // in nameStop or funcChars
	propFunc                        // in funcChars
	propLatin                       // isLatin
	// The characters the rules' scans over the whole post stop at, each
	// a set of its own before (a bit-set test at every position of each
	// scan, about 6% of the stage).
	propTitleAfterFirst // titlesAfterFirst
	propHonorFirst      // honorificFirst
	propSuffixEnd       // suffixEnds
	propAbbrOrPartner   // abbrOrPartner
	propJaFirst         // jaFirst
	propRoleSuffix      // roleSuffixes
	propNamingLast      // namingLast
	propWeakRole        // weakRoles
)

// propsOf computes a character's properties.
func (g *Gazetteer) propsOf(r rune) uint16 {
	var p uint16
	if isHan(r) {
		p |= propHan
		if g.mayStart(r) {
			p |= propLexStart
		}
	}
	if g.surn.single(r) {
		p |= propSurname
	}
	if g.trans.Has(r) {
		p |= propTrans
	}
	if g.given.Has(r) {
		p |= propGiven
	}
	if nameStop.Has(r) || funcChars.Has(r) {
		p |= propStop
	}
	if funcChars.Has(r) {
		p |= propFunc
	}
	if isLatin(r) {
		p |= propLatin
	}
	for _, s := range [...]struct {
		set *runeset.Set
		bit uint16
	}{
		{titlesAfterFirst, propTitleAfterFirst}, {honorificFirst, propHonorFirst}, {suffixEnds, propSuffixEnd},
		{&g.abbrOrPartner, propAbbrOrPartner}, {&g.jaFirst, propJaFirst}, {roleSuffixes, propRoleSuffix},
		{namingLast, propNamingLast}, {weakRoles, propWeakRole},
	} {
		if s.set.Has(r) {
			p |= s.bit
		}
	}
	return p
}

// propsAt is propsOf(r), from the table for the BMP.
func (g *Gazetteer) propsAt(r rune) uint16 {
	if uint32(r) < 0x10000 {
		return g.props[r]
	}
	return g.propsOf(r)
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func (g *Gazetteer) entity(e *Entity) *Entity {
	if prev, ok := g.byID[e.ID]; ok {
		return prev
	}
	g.byID[e.ID] = e
	g.counts[e.Type]++
	return e
}

// norm is the form text is matched in: simplified script, one middle dot.
func (g *Gazetteer) norm(s string) string {
	return normDots(g.hz.StringToSimplified(s))
}

// dots are the middle dots and look-alikes written between the parts of a
// transliterated name (﹒, the small full stop, in posts typed on some
// Chinese input methods: 肯杰别克﹒达列力; the Greek ano teleia, which
// Unicode folds to the middle dot: 露絲·英格拉姆; the dot above: 亨利˙基辛格).
func isDot(r rune) bool {
	switch r {
	case '·', '‧', '•', '・', '．', '･', '∙', '⋅', 'ㆍ', '﹒', '\u0387', '˙':
		return true
	}
	return false
}

// addPhrases adds to set each start of k that a space ends.
func addPhrases(set map[string]struct{}, k string) {
	for p := 0; p < len(k); p++ {
		if k[p] == ' ' {
			set[k[:p+1]] = struct{}{}
		}
	}
}

func normDots(s string) string {
	if !strings.ContainsFunc(s, isDot) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isDot(r) {
			return '·'
		}
		return r
	}, s)
}

// addForm indexes one written form. Forms with Han characters go to the
// trie (and to the segmenter's dictionary, so that they stay whole);
// Latin-only forms are matched as words.
func (g *Gazetteer) addForm(f string, c cand, pos string) {
	f = strings.TrimSpace(f)
	if f == "" {
		return
	}
	if !strings.ContainsFunc(f, isHan) {
		if len(f) >= 2 {
			g.latin[f] = append(g.latin[f], c)
		}
		if low := strings.ToLower(f); len(f) >= 5 && c.ent != nil {
			if prev, ok := g.latinFold[low]; ok && prev.ent != c.ent {
				g.latinFold[low] = cand{}
			} else {
				g.latinFold[low] = c
			}
		}
		return
	}
	n := g.norm(f)
	r := []rune(n)
	if len(r) < 2 {
		return
	}
	g.forms.Add(r, c)
	g.markFirst(r[0])
	if c.ent != nil {
		c.ent.forms = appendNew(c.ent.forms, n)
	}
	freq := 3000.0
	if len(r) >= 3 {
		freq = 20000
	}
	g.words = append(g.words, segment.Word{Text: n, Freq: freq, POS: pos})
	// Without the dot too: 卡马拉哈里斯 is written as well.
	if strings.ContainsRune(n, '·') && c.ent != nil && c.ent.Type == "person" {
		g.forms.Add([]rune(strings.ReplaceAll(n, "·", "")), c)
	}
}

func (g *Gazetteer) markFirst(r rune) {
	if r >= 0x3400 && r < 0xa000 {
		g.first[r-0x3400] = true
	}
}

// mayStart reports whether some form may start with r.
func (g *Gazetteer) mayStart(r rune) bool {
	if r >= 0x3400 && r < 0xa000 {
		return g.first[r-0x3400]
	}
	return true
}

// surnames answers "is this a surname" without a string per question: the
// discovery rules ask it at nearly every character.
type surnames struct {
	one      [0x10000 / 64]uint64 // single-character surnames (all in the BMP)
	twoFirst [0x10000 / 64]uint64 // first characters of double surnames
	two      map[[2]rune]bool
}

func (s *surnames) add(name string) {
	r := []rune(name)
	switch {
	case len(r) == 1 && r[0] < 0x10000:
		s.one[r[0]>>6] |= 1 << (r[0] & 63)
	case len(r) == 2 && r[0] < 0x10000:
		s.twoFirst[r[0]>>6] |= 1 << (r[0] & 63)
		s.two[[2]rune{r[0], r[1]}] = true
	}
}

// single reports a one-character surname.
func (s *surnames) single(r rune) bool {
	return r >= 0 && r < 0x10000 && s.one[r>>6]&(1<<(r&63)) != 0
}

// double reports a two-character surname (欧阳, 司马).
func (s *surnames) double(a, b rune) bool {
	return a >= 0 && a < 0x10000 && s.twoFirst[a>>6]&(1<<(a&63)) != 0 && s.two[[2]rune{a, b}]
}

func isHan(r rune) bool {
	if r >= 0x4e00 && r <= 0x9fff {
		return true // the common ideographs, most of the text
	}
	if uint32(r) < 0x10000 {
		return hanBMP.Has(r)
	}
	return unicode.Is(unicode.Han, r)
}

// hanBMP is isHan over the Basic Multilingual Plane: CJK punctuation and
// full-width forms, frequent in the text, are answered without unicode.Is's
// search of its range table.
var hanBMP = func() *runeset.Set {
	s := &runeset.Set{}
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf || r >= 0x2e80 && unicode.Is(unicode.Han, r) {
			s.Add(r)
		}
	}
	return s
}()

// hanNames are countries whose people's names are written in Chinese
// characters as they are, not transliterated.
var hanNames = map[string]bool{"CHN": true, "TWN": true, "HKG": true, "MAC": true, "SGP": true, "MYS": true, "JPN": true, "KOR": true, "PRK": true, "VNM": true}

// learnTranslit counts the characters of transliterated foreign names in
// the people lexicon, once per person: those of three or more people are the
// alphabet of the transliteration rules.
func (g *Gazetteer) learnTranslit(p gazetteer.Entry, count map[rune]int) {
	if hanNames[p.Country] || p.Country == "" {
		return
	}
	seen := map[rune]bool{}
	for _, f := range p.Forms() {
		for _, r := range g.norm(f) {
			if isHan(r) && !seen[r] {
				seen[r] = true
				count[r]++
			}
		}
	}
}

// notTranslit are characters of several foreign names in the lexicon (in
// their Chinese-style names or titles) that are mostly ordinary words: a
// transliteration stops at them.
var notTranslit = runeSet("的了和与及在是说表示对向为被将也就还都又而但或等之其这那他她它们我你中国人大小上下不有无本世教地明家可美万保通立生强当山让时正需代杭斐")

func runeSet(s string) *runeset.Set { return runeset.Of(s) }

// learnGiven adds the given names' characters of a Chinese-style name.
func (g *Gazetteer) learnGiven(p gazetteer.Entry) {
	for _, f := range p.Forms() {
		r := []rune(g.norm(f))
		if len(r) < 2 || len(r) > 4 || strings.ContainsRune(f, '·') {
			continue
		}
		sn := 0
		switch {
		case len(r) >= 3 && g.surn.double(r[0], r[1]):
			sn = 2
		case g.surn.single(r[0]):
			sn = 1
		}
		if sn == 0 {
			continue
		}
		for _, c := range r[sn:] {
			if isHan(c) {
				g.given.Add(c)
			}
		}
	}
}

// Words returns the gazetteer's forms as segmenter dictionary entries.
func (g *Gazetteer) Words() []segment.Word {
	out := make([]segment.Word, len(g.words))
	copy(out, g.words)
	// A full order: a word listed twice (an outlet that is also a
	// person's alias) gets the same part of speech in every run.
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Text != b.Text {
			return a.Text < b.Text
		}
		if a.POS != b.POS {
			return a.POS < b.POS
		}
		return a.Freq < b.Freq
	})
	return out
}

// Entity returns the lexicon entity with this id.
func (g *Gazetteer) Entity(id string) (*Entity, bool) {
	e, ok := g.byID[id]
	return e, ok
}

// CountryOf returns the ISO 3166-1 alpha-3 code of a country's name or
// official form (美国, 美國, 中方).
func (g *Gazetteer) CountryOf(form string) (string, bool) {
	var buf []trie.Match[cand]
	r := []rune(g.norm(form))
	buf = g.forms.MatchesAt(r, 0, buf)
	if len(buf) == 0 || buf[len(buf)-1].N != len(r) {
		return "", false
	}
	for _, c := range buf[len(buf)-1].Vals {
		if c.ent != nil && c.ent.Type == "country" {
			return c.ent.ISO3, true
		}
	}
	return "", false
}

// Counts returns the number of lexicon entities per type.
func (g *Gazetteer) Counts() map[string]int { return g.counts }

// extendLexiconNames gives up a lexicon person of two characters that a
// name-like character continues (the lexicon's 刘奇 in 刘奇峰, 夏明 in
// 夏明轩): a lone given-name character after it, then a word boundary.
// The longer name is proposed as a rule's name (method "extended"), which
// the decision over proposed names keeps or drops; a lexicon name there is
// mostly another person whose name it starts.
func (d *doc) extendLexiconNames() {
	for k, f := range d.found {
		i, j := f.start, f.stop
		if f.typ != "person" || f.ent == nil || f.method != "lexicon" || j-i != 2 || j >= len(d.norm) || d.covered[j] {
			continue
		}
		r := d.norm[j]
		if !isHan(r) || !d.g.surn.single(d.norm[i]) || nameStop.Has(r) || funcChars.Has(r) || adverbs.Has(r) {
			continue
		}
		ts, te, pos := d.token(j)
		if ts != j || te != j+1 || !d.boundaryAfter(j+1) || !d.boundaryBefore(i) {
			continue
		}
		// A character no lexicon name gives (王文/彬/表示) only right before
		// a verb of saying, where a name ends.
		if !d.g.given.Has(r) && (notNamePOS[pos] || !d.sayingAt(j+1)) {
			continue
		}
		if trailingPreps.Has(r) && (pos == "p" || pos == "c") {
			continue // 张展|因揭露疫情被判刑 (cutTrailing)
		}
		d.found[k] = found{start: i, stop: j + 1, typ: "person", key: string(d.norm[i : j+1]), method: "extended"}
		d.covered[j] = true
	}
}

// sayingAt reports a verb of saying that is a whole word at i.
func (d *doc) sayingAt(i int) bool {
	_, te, _ := d.token(i)
	return d.tokStart(i) && d.verbTo(i, te)
}
