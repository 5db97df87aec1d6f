// Package corpus computes the statistics of a whole run from what the
// stages produced: keyness of terms per period and per outlet against the
// rest of the corpus, co-occurrence of entities in posts, and groups of
// near-duplicate posts. The writer feeds it every document in input order,
// from one goroutine, and writes its tables at the end.
//
// Memory is bounded whatever the size of the corpus. Term and pair counts
// live in maps whose entries together may not exceed Options.MaxEntries: when
// they do, the rarest entries are dropped (lossy counting: counts at or
// below a floor that rises as needed), which can only under-count terms as
// rare as that floor; the floor reached is reported, and keyness and
// co-occurrence keep only terms and pairs well above it by their minimum
// frequencies. Near-duplicate detection keeps one 64-bit fingerprint per
// post: about 100 bytes a post.
package corpus

import (
	"math"
	"math/bits"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/pipeline"
	"gonum.org/v1/gonum/stat/distuv"
)

// Options size the statistics.
type Options struct {
	MinFreq     int // a term counts for keyness from this many occurrences in a group; 0 means 5
	MinPair     int // a pair of entities is reported from this many posts; 0 means 2
	TopPerGroup int // keyness rows per group and direction; 0 means 100
	MaxEntries  int // bound on the term and pair counts kept; 0 means 4,000,000
	MaxEntities int // entities per post that make pairs (the most mentioned); 0 means 40
	DupBits     int // near-duplicates differ in at most this many fingerprint bits; 0 means 3
}

func (o *Options) defaults() {
	if o.MinFreq <= 0 {
		o.MinFreq = 5
	}
	if o.MinPair <= 0 {
		o.MinPair = 2
	}
	if o.TopPerGroup <= 0 {
		o.TopPerGroup = 100
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = 4_000_000
	}
	if o.MaxEntities <= 0 {
		o.MaxEntities = 40
	}
	if o.DupBits <= 0 {
		o.DupBits = 3
	}
}

// group is a period or an outlet with its term counts.
type group struct {
	kind, name string
	terms      map[string]int32
	total      int64 // all terms, exact
	docs       int64
}

// Stats accumulates over a run. It is not safe for concurrent use.
type Stats struct {
	opt     Options
	groups  map[string]*group
	all     map[string]int64 // term counts over the corpus
	total   int64
	entries int   // map entries over groups, all and pairs
	floor   int32 // counts at or below were dropped

	docs     int64
	entDocs  map[string]int64
	entType  map[string]string
	entName  map[string]string
	pairs    map[string]int32
	pairDocs int64

	dups dupIndex
}

// New returns empty statistics.
func New(opt Options) *Stats {
	opt.defaults()
	return &Stats{
		opt: opt, groups: map[string]*group{}, all: map[string]int64{},
		entDocs: map[string]int64{}, entType: map[string]string{}, entName: map[string]string{},
		pairs: map[string]int32{}, dups: newDupIndex(),
	}
}

// Add counts one document and returns its near-duplicate group: the id of
// the first document of the run (in input order) whose text it nearly
// repeats, or its own id.
func (s *Stats) Add(d *pipeline.Doc) string {
	s.docs++
	if d.Post != nil && len(d.Terms) > 0 {
		var keys []string
		if !d.Post.Published.IsZero() {
			keys = append(keys, "period\x00"+d.Post.Published.UTC().Format("2006-01"))
		}
		if d.Post.Outlet != "" {
			keys = append(keys, "outlet\x00"+d.Post.Outlet)
		}
		for _, k := range keys {
			g := s.groups[k]
			if g == nil {
				kind, name, _ := strings.Cut(k, "\x00")
				g = &group{kind: kind, name: name, terms: map[string]int32{}}
				s.groups[k] = g
			}
			g.docs++
			for t, n := range d.Terms {
				if _, ok := g.terms[t]; !ok {
					s.entries++
				}
				g.terms[t] += int32(n)
				g.total += int64(n)
			}
		}
		for t, n := range d.Terms {
			if _, ok := s.all[t]; !ok {
				s.entries++
			}
			s.all[t] += int64(n)
			s.total += int64(n)
		}
	}
	s.addPairs(d.Mentions)
	if s.entries > s.opt.MaxEntries {
		s.prune()
	}
	if d.Post == nil || d.SimHash == 0 {
		return d.ID
	}
	return s.dups.add(d.SimHash, d.ID, s.opt.DupBits)
}

// addPairs counts the pairs of entities named in one post (the most
// mentioned ones, when a post names very many).
func (s *Stats) addPairs(ms []pipeline.Mention) {
	n := map[string]int{}
	for _, m := range ms {
		n[m.EntityID]++
		s.entType[m.EntityID] = m.Type
		if _, ok := s.entName[m.EntityID]; !ok {
			s.entName[m.EntityID] = m.Name
		}
	}
	if len(n) == 0 {
		return
	}
	ids := make([]string, 0, len(n))
	for id := range n {
		ids = append(ids, id)
		s.entDocs[id]++
	}
	sort.Slice(ids, func(i, j int) bool {
		if n[ids[i]] != n[ids[j]] {
			return n[ids[i]] > n[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > s.opt.MaxEntities {
		ids = ids[:s.opt.MaxEntities]
	}
	sort.Strings(ids)
	s.pairDocs++
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			k := ids[i] + "\x00" + ids[j]
			if _, ok := s.pairs[k]; !ok {
				s.entries++
			}
			s.pairs[k]++
		}
	}
}

// prune drops the rarest entries until the maps hold at most 70% of the
// bound.
func (s *Stats) prune() {
	for s.entries > s.opt.MaxEntries*7/10 {
		s.floor++
		for _, g := range s.groups {
			for t, c := range g.terms {
				if c <= s.floor {
					delete(g.terms, t)
					s.entries--
				}
			}
		}
		for t, c := range s.all {
			if c <= int64(s.floor) {
				delete(s.all, t)
				s.entries--
			}
		}
		for k, c := range s.pairs {
			if c <= s.floor {
				delete(s.pairs, k)
				s.entries--
			}
		}
	}
}

// Floor returns the count at or below which entries were dropped (0 when
// the counts are exact).
func (s *Stats) Floor() int { return int(s.floor) }

// KeynessRow is one term over- or under-represented in a group.
type KeynessRow struct {
	GroupType, Group string
	Term             string
	Freq, FreqRest   int64 // occurrences in the group and in the rest
	Total, TotalRest int64 // all terms of the group and of the rest
	G2, PValue       float64
	LogRatio         float64 // log2 of the relative frequencies, group over rest (0.5 added to zero counts)
	Direction        string  // over, under
}

var chi1 = distuv.ChiSquared{K: 1}

// g2 is Dunning's log-likelihood of a term's counts a (group) and b (rest)
// with c and d the terms of the group and of the rest.
func g2(a, b, c, d float64) float64 {
	e1 := c * (a + b) / (c + d)
	e2 := d * (a + b) / (c + d)
	v := 0.0
	if a > 0 {
		v += a * math.Log(a/e1)
	}
	if b > 0 {
		v += b * math.Log(b/e2)
	}
	return 2 * v
}

// Keyness returns, per group, the terms most over- and under-represented
// against the rest of the corpus, by G², strongest first.
func (s *Stats) Keyness() []KeynessRow {
	keys := make([]string, 0, len(s.groups))
	for k := range s.groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []KeynessRow
	for _, k := range keys {
		g := s.groups[k]
		c, d := float64(g.total), float64(s.total-g.total)
		if c == 0 || d == 0 {
			continue
		}
		var over, under []KeynessRow
		for t, tot := range s.all {
			a := float64(g.terms[t])
			b := float64(tot) - a
			if b < 0 {
				b = 0 // the group's count survived a prune the total did not
			}
			if a < float64(s.opt.MinFreq) && b < float64(s.opt.MinFreq) {
				continue
			}
			v := g2(a, b, c, d)
			lr := math.Log2(((a + 0.5) / c) / ((b + 0.5) / d))
			row := KeynessRow{GroupType: g.kind, Group: g.name, Term: t, Freq: int64(a), FreqRest: int64(b), Total: int64(c), TotalRest: int64(d),
				G2: round(v), LogRatio: round(lr)}
			switch {
			case a/c > b/d && a >= float64(s.opt.MinFreq):
				row.Direction = "over"
				over = append(over, row)
			case a/c < b/d && b >= float64(s.opt.MinFreq):
				row.Direction = "under"
				under = append(under, row)
			}
		}
		out = append(out, top(over, s.opt.TopPerGroup)...)
		out = append(out, top(under, s.opt.TopPerGroup)...)
	}
	// p-values of the rows kept only: the incomplete gamma function is the
	// costly part.
	for i := range out {
		out[i].PValue = chi1.Survival(out[i].G2)
	}
	return out
}

func top(rows []KeynessRow, n int) []KeynessRow {
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].G2 != rows[j].G2 {
			return rows[i].G2 > rows[j].G2
		}
		return rows[i].Term < rows[j].Term
	})
	if len(rows) > n {
		rows = rows[:n]
	}
	return rows
}

// PairRow is a pair of entities named in the same posts.
type PairRow struct {
	A, B         string // entity ids, A < B
	TypeA, TypeB string
	NameA, NameB string
	Docs         int64   // posts naming both
	DocsA, DocsB int64   // posts naming each
	PMI          float64 // log2 of P(A,B) / (P(A) P(B)) over posts that name entities
}

// Cooccurrence returns the pairs of entities named together in at least
// MinPair posts, sorted by ids.
func (s *Stats) Cooccurrence() []PairRow {
	var out []PairRow
	n := float64(s.pairDocs)
	for k, c := range s.pairs {
		if int(c) < s.opt.MinPair {
			continue
		}
		a, b, _ := strings.Cut(k, "\x00")
		da, db := s.entDocs[a], s.entDocs[b]
		pmi := math.Log2(float64(c) * n / (float64(da) * float64(db)))
		out = append(out, PairRow{A: a, B: b, TypeA: s.entType[a], TypeB: s.entType[b], NameA: s.entName[a], NameB: s.entName[b],
			Docs: int64(c), DocsA: da, DocsB: db, PMI: round(pmi)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// round keeps 6 significant digits: floating sums must not make tables of
// equal runs differ.
func round(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	e := math.Pow(10, 5-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*e) / e
}

// dupIndex finds near-identical fingerprints: with at most 3 bits apart, two
// 64-bit fingerprints agree on at least one of four 16-bit bands, so each
// band indexes the fingerprints seen.
type dupIndex struct {
	bands [4]map[uint16][]dupEntry
}

type dupEntry struct {
	hash  uint64
	group string
}

func newDupIndex() dupIndex {
	var d dupIndex
	for i := range d.bands {
		d.bands[i] = map[uint16][]dupEntry{}
	}
	return d
}

// add returns the group of the first fingerprint within maxBits of h, or
// makes id a new group.
func (d *dupIndex) add(h uint64, id string, maxBits int) string {
	group := ""
	for i := range d.bands {
		for _, e := range d.bands[i][uint16(h>>(16*i))] {
			if bits.OnesCount64(e.hash^h) <= maxBits {
				group = e.group
				break
			}
		}
		if group != "" {
			break
		}
	}
	if group == "" {
		group = id
	}
	for i := range d.bands {
		b := uint16(h >> (16 * i))
		d.bands[i][b] = append(d.bands[i][b], dupEntry{h, group})
	}
	return group
}
