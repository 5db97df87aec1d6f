package quotes

import (
	"slices"
	"strconv"
	"strings"
)

// The conjunctions of a candidate's feature f that the stage adds: f
// itself, f with the candidate's type (f|person …), f in English text
// (en|f) and f where a pronoun speaks (pron|f).
const (
	slotPlain = iota
	slotPerson
	slotOrganization
	slotCountry
	slotOutlet
	slotUnknown
	slotEn
	slotPron
	nSlots
)

// slotSuffix and slotPrefix spell each slot's feature name around f.
var (
	slotSuffix = [nSlots]string{slotPerson: "|person", slotOrganization: "|organization", slotCountry: "|country", slotOutlet: "|outlet", slotUnknown: "|unknown"}
	slotPrefix = [nSlots]string{slotEn: "en|", slotPron: "pron|"}
)

// typeSlot is the slot that conjoins a feature with a candidate's type;
// slotPlain for a type without a suffix (the feature then counts twice, as
// the string form did: typeSuffix gives "").
func typeSlot(typ string) int {
	switch typ {
	case "person":
		return slotPerson
	case "organization":
		return slotOrganization
	case "country":
		return slotCountry
	case "outlet":
		return slotOutlet
	case "unknown":
		return slotUnknown
	}
	return slotPlain
}

// featEntry is a feature's weight, name and tree bit under each slot: one
// map lookup per feature instead of one per conjunction, and no name
// built unless it is among a candidate's heaviest.
type featEntry struct {
	// A slot's weight and tree bit side by side: scoring reads both for
	// every feature, and apart they were two cache lines' misses.
	slot [nSlots]slotWeight
	name [nSlots]string
}

// slotWeight is a feature's weight under one slot and its tree bit.
type slotWeight struct {
	w   float64
	bit int32 // 1 + the bit of the trees' feature (Model.tf), or 0
}

// conjunctions builds m's table of entries: every feature some weight or
// tree split is a conjunction of. A feature absent from it weighs nothing
// under any slot.
func (m *Model) conjunctions() map[string]*featEntry {
	out := map[string]*featEntry{}
	addBase := func(f string) {
		if _, ok := out[f]; ok {
			return
		}
		e := &featEntry{}
		for k := range nSlots {
			name := slotPrefix[k] + f + slotSuffix[k]
			e.name[k] = name
			e.slot[k].w = m.w[name]
			if b, ok := m.tf[name]; ok {
				e.slot[k].bit = int32(b) + 1
			}
		}
		out[f] = e
	}
	bases := func(f string) {
		addBase(f)
		for k := range nSlots {
			if p, s := slotPrefix[k], slotSuffix[k]; (p != "" || s != "") && strings.HasPrefix(f, p) && strings.HasSuffix(f, s) && len(f) >= len(p)+len(s) {
				addBase(f[len(p) : len(f)-len(s)])
			}
		}
	}
	for f := range m.w {
		bases(f)
	}
	for f := range m.tf {
		bases(f)
	}
	return out
}

// typeNames are the candidate types typeSlot gives a slot of their own.
var typeNames = [...]string{slotPerson: "person", slotOrganization: "organization", slotCountry: "country", slotOutlet: "outlet", slotUnknown: "unknown"}

// typeEntries returns the entries of the features "type=person" …, by the
// type's slot (typeSlot), so that scoring looks none up by name.
func (m *Model) typeEntries() [nSlots]*featEntry {
	var out [nSlots]*featEntry
	for k, t := range typeNames {
		if t != "" {
			out[k] = m.conj["type="+t]
		}
	}
	return out
}

// typeEntry returns the entry of feature "type="+typ, or nil when it
// weighs nothing.
func (fs *featSink) typeEntry(typ string) *featEntry {
	if k := typeSlot(typ); k != slotPlain {
		return fs.m.types[k]
	}
	return fs.entry("type=", typ)
}

// entry returns the entry of feature a+b, or nil when it weighs nothing.
func (fs *featSink) entry(a, b string) *featEntry {
	fs.buf = append(append(fs.buf[:0], a...), b...)
	return fs.m.conj[string(fs.buf)]
}

// addSlot adds feature e under slot k, as add would with its name.
func (fs *featSink) addSlot(e *featEntry, k int) {
	if e == nil {
		return
	}
	w := e.slot[k].w
	fs.score += w
	if b := e.slot[k].bit; b > 0 {
		b--
		fs.treeBits()[b>>6] |= 1 << (b & 63)
	}
	// The two heaviest positive features, the first on ties (as Model.Top).
	if w > 0 && w > fs.topW[1] {
		if w > fs.topW[0] {
			fs.topName[1], fs.topW[1] = fs.topName[0], fs.topW[0]
			fs.topName[0], fs.topW[0] = e.name[k], w
		} else {
			fs.topName[1], fs.topW[1] = e.name[k], w
		}
	}
}

// addSlots adds each feature of ents under slot k, then under slot k2
// (none when negative), as addSlot would one by one, in the same order:
// the same sum, bit for bit, and the same heaviest. The sum and the
// heaviest are kept in variables of the loop rather than in fs between
// features (a candidate's features are most of the scoring's work).
func (fs *featSink) addSlots(ents []*featEntry, k, k2 int) {
	score, w0, w1, n0, n1 := fs.score, fs.topW[0], fs.topW[1], fs.topName[0], fs.topName[1]
	bits := fs.treeBits()
	for _, e := range ents {
		if e == nil {
			continue
		}
		for _, s := range [2]int{k, k2} {
			if s < 0 {
				break
			}
			x := &e.slot[s]
			w := x.w
			score += w
			if b := x.bit; b > 0 {
				b--
				bits[b>>6] |= 1 << (b & 63)
			}
			// The two heaviest positive features, the first on ties.
			if w > 0 && w > w1 {
				if w > w0 {
					n1, w1 = n0, w0
					n0, w0 = e.name[s], w
				} else {
					n1, w1 = e.name[s], w
				}
			}
		}
	}
	fs.score, fs.topW, fs.topName = score, [2]float64{w0, w1}, [2]string{n0, n1}
}

// lit numbers the features candFeatures names by a literal alone, so that
// scoring finds their entries by index (Model.lits) rather than by name.
type lit int16

const (
	litCand lit = iota
	litRule
	litPrev1
	litPrev1ParaOpen
	litPrev1NoCue
	litPrev1GapCue
	litPrevEarlier
	litNoMention
	litCueSubject
	litGovSubject
	litGseName
	litGuessName
	litOrgName
	litOrgRef
	litQuotedNoCue
	litTopParaOpen
	litTopNoCue
	litInQuote
	litOnlyInQuote
	litBSameSent
	litBSameClause
	litBSentFirst
	litBAfterGov
	litBSamePara
	litBPrevPara
	litBCue
	litBCueSameSent
	litBOpensSent
	litBCueObject
	litBObject
	litBModifier
	litASameSent
	litACue
	litALater
	litPronounAgree
	litPronounClash
	litDocRef
	litUnnamedBefore
	litParaOpen
	litUnnamedIn
	litBareCueFirst
	litBareCuePrevSent
	litDominantNoCue
	litDocOwner
	litDocOwnerSameNoun
	litDocOwnerOtherNoun
	litDocOwnerInSent
	litDocOwnerBetween
	litAnaphor
	litAnaphorOrg
	litAnaphorOutlet
	litAnaphorGov
	litAnaphorRole
	litAnaphorHead
	litAnaphorSamePara
	litBAffil
	litBAffiliated
	litBPossessor
	litBHead
	litChainHead
	litChainLink
	litACueFar
	// noneFeatures's literals.
	litNone
	litNoneRuleUnknown
	litNoneGov
	litNoneParaOpen
	litNoneColon
	litNoneCueBefore
	litNoneCueAfter
	litNoneUnnamed
	litNonePlural
	litNoneDocRef
	litNonePronoun
	litNoneUnnamedIn
	litNonePrevNone
	litNoneBareCue
	litNoneDocOwned
	litNoneDocNoOwner
	litNoneAnaphor
	litNoneAnaphorNone
	litNoneBareSubject
	litNoneTerm
	nLits
)

// litNames are the literals' feature names.
var litNames = [nLits]string{
	litCand:              "cand",
	litRule:              "rule",
	litPrev1:             "prev1",
	litPrev1ParaOpen:     "prev1|para_open",
	litPrev1NoCue:        "prev1|no_cue",
	litPrev1GapCue:       "prev1|gap_cue",
	litPrevEarlier:       "prev_earlier",
	litNoMention:         "no_mention",
	litCueSubject:        "cue_subject",
	litGovSubject:        "gov_subject",
	litGseName:           "gse_name",
	litGuessName:         "guess_name",
	litOrgName:           "org_name",
	litOrgRef:            "org_ref",
	litQuotedNoCue:       "quoted|no_cue",
	litTopParaOpen:       "top|para_open",
	litTopNoCue:          "top|no_cue",
	litInQuote:           "in_quote",
	litOnlyInQuote:       "only_in_quote",
	litBSameSent:         "b_same_sent",
	litBSameClause:       "b_same_clause",
	litBSentFirst:        "b_sent_first",
	litBAfterGov:         "b_after_gov",
	litBSamePara:         "b_same_para",
	litBPrevPara:         "b_prev_para",
	litBCue:              "b_cue",
	litBCueSameSent:      "b_cue|same_sent",
	litBOpensSent:        "b_opens_sent",
	litBCueObject:        "b_cue_object",
	litBObject:           "b_object",
	litBModifier:         "b_modifier",
	litASameSent:         "a_same_sent",
	litACue:              "a_cue",
	litALater:            "a_later",
	litPronounAgree:      "pronoun|agree",
	litPronounClash:      "pronoun|clash",
	litDocRef:            "doc_ref",
	litUnnamedBefore:     "unnamed_before",
	litParaOpen:          "para_open",
	litUnnamedIn:         "unnamed_in",
	litBareCueFirst:      "bare_cue|first",
	litBareCuePrevSent:   "bare_cue|prev_sent",
	litDominantNoCue:     "dominant|no_cue",
	litDocOwner:          "doc_owner",
	litDocOwnerSameNoun:  "doc_owner|same_noun",
	litDocOwnerOtherNoun: "doc_owner|other_noun",
	litDocOwnerInSent:    "doc_owner|in_sent",
	litDocOwnerBetween:   "doc_owner|named_between",
	litAnaphor:           "anaphor",
	litAnaphorOrg:        "anaphor|org",
	litAnaphorOutlet:     "anaphor|outlet",
	litAnaphorGov:        "anaphor|gov",
	litAnaphorRole:       "anaphor|role",
	litAnaphorHead:       "anaphor|head",
	litAnaphorSamePara:   "anaphor|same_para",
	litBAffil:            "b_affil",
	litBAffiliated:       "b_affiliated",
	litBPossessor:        "b_possessor",
	litBHead:             "b_head",
	litChainHead:         "chain|head",
	litChainLink:         "chain|link",
	litACueFar:           "a_cue_far",

	litNone:            "none",
	litNoneRuleUnknown: "none|rule_unknown",
	litNoneGov:         "none|gov",
	litNoneParaOpen:    "none|para_open",
	litNoneColon:       "none|colon",
	litNoneCueBefore:   "none|cue_before",
	litNoneCueAfter:    "none|cue_after",
	litNoneUnnamed:     "none|unnamed",
	litNonePlural:      "none|plural",
	litNoneDocRef:      "none|doc_ref",
	litNonePronoun:     "none|pronoun",
	litNoneUnnamedIn:   "none|unnamed_in",
	litNonePrevNone:    "none|prev_none",
	litNoneBareCue:     "none|bare_cue",
	litNoneDocOwned:    "none|doc_owned",
	litNoneDocNoOwner:  "none|doc_no_owner",
	litNoneAnaphor:     "none|anaphor",
	litNoneAnaphorNone: "none|anaphor_none",
	litNoneBareSubject: "none|bare_subject",
	litNoneTerm:        "none|term",
}

// binned numbers the features candFeatures names by a prefix and the bin
// of a number (bin): each bin is a feature of its own, numbered after the
// literals, so that scoring finds it by index too.
type binned int8

const (
	binPrev1Gap binned = iota
	binRankBefore
	binRankBeforePerson
	binRankAfter
	binQuoted
	binBDist
	binADist
	binCount
	binNoneLen
	binNoneNcand
	binDocDist
	binAnaphorDist
	binChainQuotes
	binChainOthers
	binChainParas
	nBinned
)

// binnedFeat is a binned feature: its prefix, its bins' upper edges (as
// bin takes them), the bins' names (bin's answers) and the number of its
// first bin.
type binnedFeat struct {
	prefix string
	edges  []int
	names  []string
	first  int16
}

// binnedFeats are the binned features; nNumbered counts the literals and
// all the bins.
var binnedFeats, nNumbered = func() ([nBinned]binnedFeat, int) {
	fs := [nBinned]binnedFeat{
		binPrev1Gap:         {prefix: "prev1|gap=", edges: []int{2, 6, 15, 40}},
		binRankBefore:       {prefix: "rank_before=", edges: []int{1, 2, 3}},
		binRankBeforePerson: {prefix: "rank_before_person=", edges: []int{1, 2, 3}},
		binRankAfter:        {prefix: "rank_after=", edges: []int{1, 2}},
		binQuoted:           {prefix: "quoted=", edges: []int{0, 1, 3}},
		binBDist:            {prefix: "b_dist=", edges: []int{0, 2, 6, 15, 40, 100, 250}},
		binADist:            {prefix: "a_dist=", edges: []int{1, 3, 8, 20, 60}},
		binCount:            {prefix: "count=", edges: []int{0, 1, 3, 8}},
		binNoneLen:          {prefix: "none|len=", edges: []int{5, 10, 20, 40, 80}},
		binNoneNcand:        {prefix: "none|ncand=", edges: []int{0, 1, 2, 4, 8}}, // noneFeatures
		binDocDist:          {prefix: "doc_owner|dist=", edges: []int{60, 300, 1000}},
		binAnaphorDist:      {prefix: "anaphor|dist=", edges: []int{60, 300, 1000}},
		binChainQuotes:      {prefix: "chain|quotes=", edges: []int{0, 1, 3}},
		binChainOthers:      {prefix: "chain|others=", edges: []int{0, 1, 3}},
		binChainParas:       {prefix: "chain|paras=", edges: []int{0, 1, 2}},
	}
	n := int(nLits)
	for k := range fs {
		f := &fs[k]
		f.first = int16(n)
		for _, e := range f.edges {
			f.names = append(f.names, strconv.Itoa(e))
		}
		f.names = append(f.names, "more")
		n += len(f.names)
	}
	return fs, n
}()

// binIndex is the index of x's bin among edges: the name bin gives x is
// the bin's name.
func binIndex(x int, edges []int) int {
	for i, e := range edges {
		if x <= e {
			return i
		}
	}
	return len(edges)
}

// literals returns the entries of the literal features and of the binned
// features' bins, by number (nil for one that weighs nothing).
func (m *Model) literals() []*featEntry {
	out := make([]*featEntry, nNumbered)
	for k, f := range litNames {
		out[k] = m.conj[f]
	}
	for _, f := range binnedFeats {
		for i, b := range f.names {
			out[int(f.first)+i] = m.conj[f.prefix+b]
		}
	}
	return out
}

// valued numbers the features named by a prefix and a value read from the
// quote (its rule, how the rules found the speaker, its kind) or a rank:
// their entries are found by the value alone (Model.valued), with no name
// put together.
type valued int8

const (
	valNoneRule valued = iota
	valNoneHow
	valNoneKind
	valNoneRuleUnknownRule
	valRuleRule
	valRuleHow
	valRuleKind
	valTop
	// The words around a candidate and its quote (lexical.go).
	valLxNext
	valLxPrev
	valLxQPrevNear
	valLxQNextNear
	valNoneLxClause
	// The same positions' word clusters (clusters.go).
	valLcNext
	valLcPrev
	valLcQPrevNear
	valLcQNextNear
	valNoneLcClause
	valNoneLcQNext
	nValued
)

// valuedPrefixes are the valued features' prefixes.
var valuedPrefixes = [nValued]string{
	valNoneRule:            "none|rule=",
	valNoneHow:             "none|how=",
	valNoneKind:            "none|kind=",
	valNoneRuleUnknownRule: "none|rule_unknown|rule=",
	valRuleRule:            "rule|rule=",
	valRuleHow:             "rule|how=",
	valRuleKind:            "rule|kind=",
	valTop:                 "top",
	valLxNext:              "lx_next=",
	valLxPrev:              "lx_prev=",
	valLxQPrevNear:         "lx_qprev_near=",
	valLxQNextNear:         "lx_qnext_near=",
	valNoneLxClause:        "none|lx_clause=",
	valLcNext:              "lc_next=",
	valLcPrev:              "lc_prev=",
	valLcQPrevNear:         "lc_qprev_near=",
	valLcQNextNear:         "lc_qnext_near=",
	valNoneLcClause:        "none|lc_clause=",
	valNoneLcQNext:         "none|lc_qnext=",
}

// valuedEntries returns, for each valued feature, the entries of the
// features its prefix begins, by the rest of their names: the entry of
// prefix+v is out[k][v] (nil, absent, for one that weighs nothing), as
// conj's is.
func (m *Model) valuedEntries() [nValued]map[string]*featEntry {
	var out [nValued]map[string]*featEntry
	for k, p := range valuedPrefixes {
		out[k] = map[string]*featEntry{}
		for f, e := range m.conj {
			if v, ok := strings.CutPrefix(f, p); ok {
				out[k][v] = e
			}
		}
	}
	return out
}

// valuedEntry returns the entry of valued feature k with value v.
func (fs *featSink) valuedEntry(k valued, v string) *featEntry {
	return fs.m.valued[k][v]
}

// lexValued are the valued features whose values are the words around
// a position (lexical.go): those lexID reads. none|lx_clause's words are
// read once per quote and looked up by their strings.
var lexValued = [...]valued{valLxNext, valLxPrev, valLxQPrevNear, valLxQNextNear}

// lexEntries numbers the words the lexical features weigh (from 1, in
// sorted order) and returns, for each lexical feature, its entries by the
// word's number: a post reads the number of the word at a position once
// (lexID), and each feature asking there finds its entry by index,
// instead of a lookup of the word's string per feature, quote and
// candidate.
func (m *Model) lexEntries() (map[string]int32, [nValued][]*featEntry) {
	var words []string
	seen := map[string]bool{}
	for _, k := range lexValued {
		for w := range m.valued[k] {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	slices.Sort(words)
	ids := make(map[string]int32, len(words))
	for i, w := range words {
		ids[w] = int32(i + 1)
	}
	var out [nValued][]*featEntry
	for _, k := range lexValued {
		out[k] = make([]*featEntry, len(words)+1)
		for w, e := range m.valued[k] {
			out[k][ids[w]] = e
		}
	}
	return ids, out
}

// lexEntry returns the entry of lexical feature k with the word numbered
// id (lexEntries), nil for none (id 0) or one it does not weigh.
func (m *Model) lexEntry(k valued, id int32) *featEntry {
	return m.lexEnt[k][id]
}
