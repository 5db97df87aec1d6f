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
// post in flat arrays: about 45 bytes a post (see dupIndex).
package corpus

import (
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/internal/sigfig"
	"gonum.org/v1/gonum/stat/distuv"
)

// Options size the statistics.
type Options struct {
	MinFreq     int // a term counts for keyness from this many occurrences in a group; 0 means 5
	MinPair     int // a pair of entities is reported from this many posts; 0 means 2
	TopPerGroup int // keyness rows per group and direction; 0 means 100
	MaxEntries  int // bound on the term and pair counts kept; 0 means 1,500,000
	MaxEntities int // entities per post that make pairs (the most mentioned); 0 means 25
	DupBits     int // near-duplicates differ in at most this many fingerprint bits; 0 means 3
	// Off turns the statistics off: every post is its own group and the
	// tables are empty.
	Off bool
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
		o.MaxEntries = 1_500_000
	}
	if o.MaxEntities <= 0 {
		o.MaxEntities = 25
	}
	if o.DupBits <= 0 {
		o.DupBits = 3
	}
}

// group is a period or an outlet with its term counts, by term id.
type group struct {
	kind, name string
	terms      map[int32]int32
	total      int64 // all terms, exact
	docs       int64
}

// Stats accumulates over a run. It is not safe for concurrent use.
//
// Terms and entities are interned to int32 ids, so that the count maps hold
// no pointers: the garbage collector does not scan them, however large.
type Stats struct {
	opt    Options
	groups map[string]*group
	vocab  map[uint64]int32 // hash of a term → id
	arena  []byte           // the terms' bytes, one after another
	spans  []termSpan       // id → the term's place in arena (empty once pruned)
	all    []int64          // id → the term's count over the corpus (0 once pruned)
	free   []int32          // ids of pruned terms, for reuse: ids stay as many as live terms
	// byWord is the id of each term met as a dictionary word, by its word
	// id + 1 (pipeline.TermWord; 0: not met), and wordOf a term's word id
	// (0: none): an array read where termID hashes the text and looks it
	// up. Pruning a term clears both.
	byWord  []int32
	wordOf  []uint32
	total   int64
	entries int   // map entries over groups, all and pairs
	floor   int32 // counts at or below were dropped

	docs     int64
	entIDs   map[string]int32
	ents     []entity
	pairs    map[uint64]int32 // two entity ids, smaller first
	pairDocs int64
	entCount []int32 // addPairs' mentions per entity in one post
	entBuf   []int32 // addPairs' entities of one post, reused

	idBuf, cntBuf []int32 // a post's term ids and counts, reused

	// The counts of one period group not yet added to its map: posts
	// mostly come in time order, so that a month's terms are added to
	// its map once per distinct term (at flush), not once per post.
	// pendAt is a term's place in pendIDs and pendCnt + 1 (0: none
	// pending). Outlets interleave, and go to their maps directly.
	pendGroup *group
	pendAt    []int32
	pendIDs   []int32
	pendCnt   []int32
	direct    bool // tests: periods counted as outlets are, without pending

	dups dupIndex
}

// termSpan locates a term in the arena: the vocabulary holds no pointers,
// so a large one costs the garbage collector nothing to scan.
type termSpan struct{ off, n uint32 }

// term returns the text of a term id.
func (s *Stats) term(id int32) string {
	sp := s.spans[id]
	return string(s.arena[sp.off : sp.off+sp.n])
}

func hashTerm(t string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(t); i++ {
		h ^= uint64(t[i])
		h *= 1099511628211
	}
	return h
}

type entity struct {
	id, typ, name string
	docs          int64
}

// New returns empty statistics.
func New(opt Options) *Stats {
	opt.defaults()
	return &Stats{
		opt: opt, groups: map[string]*group{}, vocab: map[uint64]int32{},
		entIDs: map[string]int32{}, pairs: map[uint64]int32{}, dups: newDupIndex(),
	}
}

// termID interns a term. Two terms with the same 64-bit hash would share
// an id: with a million distinct terms the chance is about 1 in 30 million.
func (s *Stats) termID(t string) int32 {
	h := hashTerm(t)
	if id, ok := s.vocab[h]; ok {
		return id
	}
	sp := termSpan{uint32(len(s.arena)), uint32(len(t))}
	s.arena = append(s.arena, t...)
	var id int32
	if n := len(s.free); n > 0 {
		id, s.free = s.free[n-1], s.free[:n-1]
		s.spans[id] = sp
	} else {
		id = int32(len(s.spans))
		s.spans = append(s.spans, sp)
		s.all = append(s.all, 0)
	}
	s.vocab[h] = id
	return id
}

// wordID is termID for a term whose word id is w (0: none).
func (s *Stats) wordID(t string, w uint32) int32 {
	if w == 0 {
		return s.termID(t)
	}
	if int(w) < len(s.byWord) {
		if id := s.byWord[w]; id > 0 {
			return id - 1
		}
	} else {
		s.byWord = slices.Grow(s.byWord, int(w)+1-len(s.byWord))[:int(w)+1]
	}
	id := s.termID(t)
	if int(id) >= len(s.wordOf) {
		s.wordOf = slices.Grow(s.wordOf, int(id)+1-len(s.wordOf))[:int(id)+1]
	}
	if s.wordOf[id] != 0 {
		// Another word shares the id (the same hash): pruning could
		// clear only one of them, so this one goes by text.
		return id
	}
	s.byWord[w] = id + 1
	s.wordOf[id] = w
	return id
}

// Add counts one document and returns its near-duplicate group: the id of
// the first document of the run (in input order) whose text it nearly
// repeats, or its own id.
func (s *Stats) Add(d *pipeline.Doc) string {
	if s.opt.Off {
		return d.ID
	}
	s.Count(d)
	if d.Post == nil || d.SimHash == 0 {
		return d.ID
	}
	return s.dups.add(d.SimHash, d.ID, s.opt.DupBits)
}

// Count counts one document's terms and pairs of entities, as Add does,
// without grouping near-duplicates: the counts do not depend on the order
// of the documents (unless pruned), so a distributed run counts parts of
// the corpus apart and merges them (see Merge, DupGroups).
func (s *Stats) Count(d *pipeline.Doc) {
	if s.opt.Off {
		return
	}
	s.docs++
	if d.Post != nil && len(d.TermWords) > 0 {
		var keys []string
		if !d.Post.Published.IsZero() {
			keys = append(keys, "period\x00"+d.Post.Published.UTC().Format("2006-01"))
		}
		if d.Post.Outlet != "" {
			keys = append(keys, "outlet\x00"+d.Post.Outlet)
		}
		ids, cnt := s.idBuf[:0], s.cntBuf[:0]
		for _, tw := range d.TermWords {
			ids = append(ids, s.wordID(tw.Term, tw.Word))
			cnt = append(cnt, tw.Count)
		}
		s.idBuf, s.cntBuf = ids, cnt
		for _, k := range keys {
			g := s.groups[k]
			if g == nil {
				kind, name, _ := strings.Cut(k, "\x00")
				g = &group{kind: kind, name: name, terms: map[int32]int32{}}
				s.groups[k] = g
			}
			g.docs++
			if g.kind == "period" && !s.direct {
				s.addPending(g, ids, cnt)
				continue
			}
			for i, id := range ids {
				// One map operation, not a lookup and then an update: a
				// new entry is one the map grew by.
				n := len(g.terms)
				g.terms[id] += cnt[i]
				s.entries += len(g.terms) - n
				g.total += int64(cnt[i])
			}
		}
		for i, id := range ids {
			if s.all[id] == 0 {
				s.entries++
			}
			s.all[id] += int64(cnt[i])
			s.total += int64(cnt[i])
		}
	}
	s.addPairs(d.Mentions)
	// Each pending term may be a new entry of its map: only when that
	// bound passes MaxEntries are they added, to know.
	if s.entries+len(s.pendIDs) > s.opt.MaxEntries {
		s.flush()
		if s.entries > s.opt.MaxEntries {
			s.prune()
		}
	}
}

// addPending counts a post's terms, ids with counts cnt, for period g,
// adding the pending counts of another group to their map first.
func (s *Stats) addPending(g *group, ids, cnt []int32) {
	if g != s.pendGroup {
		s.flush()
		s.pendGroup = g
	}
	for i, id := range ids {
		if int(id) >= len(s.pendAt) {
			s.pendAt = slices.Grow(s.pendAt, int(id)+1-len(s.pendAt))[:int(id)+1]
		}
		p := s.pendAt[id] - 1
		if p < 0 {
			p = int32(len(s.pendIDs))
			s.pendAt[id] = p + 1
			s.pendIDs = append(s.pendIDs, id)
			s.pendCnt = append(s.pendCnt, 0)
		}
		s.pendCnt[p] += cnt[i]
		g.total += int64(cnt[i])
	}
}

// flush adds the pending counts to their group's map. Everything that
// reads the groups' maps or the number of entries flushes first.
func (s *Stats) flush() {
	g := s.pendGroup
	if g == nil {
		return
	}
	n := len(g.terms)
	for p, id := range s.pendIDs {
		g.terms[id] += s.pendCnt[p]
		s.pendAt[id] = 0
	}
	s.entries += len(g.terms) - n
	s.pendIDs, s.pendCnt = s.pendIDs[:0], s.pendCnt[:0]
	s.pendGroup = nil
}

// addPairs counts the pairs of entities named in one post (the most
// mentioned ones, when a post names very many).
func (s *Stats) addPairs(ms []pipeline.Mention) {
	// Mentions per entity in entCount (by interned id, zero between
	// posts), the entities met in ids: no map per post, and the sort
	// below reads counts from a slice.
	ids := s.entBuf[:0]
	for _, m := range ms {
		id, ok := s.entIDs[m.EntityID]
		if !ok {
			id = int32(len(s.ents))
			s.entIDs[m.EntityID] = id
			s.ents = append(s.ents, entity{id: m.EntityID, typ: m.Type, name: m.Name})
		}
		if int(id) >= len(s.entCount) {
			s.entCount = append(s.entCount, make([]int32, len(s.ents)-len(s.entCount))...)
		}
		if s.entCount[id] == 0 {
			ids = append(ids, id)
		}
		s.entCount[id]++
	}
	s.entBuf = ids
	if len(ids) == 0 {
		return
	}
	n := s.entCount
	defer func() {
		for _, id := range ids {
			n[id] = 0
		}
	}()
	for _, id := range ids {
		s.ents[id].docs++
	}
	// Ties go by entity id, not by interned id: the order in which the
	// run first met the entities must not matter (a distributed run meets
	// them in another order).
	slices.SortFunc(ids, func(a, b int32) int {
		if n[a] != n[b] {
			return cmp.Compare(n[b], n[a])
		}
		return strings.Compare(s.ents[a].id, s.ents[b].id)
	})
	top := ids
	if len(top) > s.opt.MaxEntities {
		top = top[:s.opt.MaxEntities]
	}
	slices.Sort(top)
	s.pairDocs++
	for i := range top {
		for j := i + 1; j < len(top); j++ {
			k := uint64(top[i])<<32 | uint64(top[j])
			before := len(s.pairs)
			s.pairs[k]++
			s.entries += len(s.pairs) - before
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
		// A term pruned from the total is pruned from every group too
		// (no group counts more than the total): its id is free again.
		for t, c := range s.all {
			if c > 0 && c <= int64(s.floor) {
				s.all[t] = 0
				delete(s.vocab, hashTerm(s.term(int32(t))))
				if t < len(s.wordOf) && s.wordOf[t] != 0 {
					s.byWord[s.wordOf[t]] = 0
					s.wordOf[t] = 0
				}
				s.spans[t] = termSpan{}
				s.free = append(s.free, int32(t))
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
	s.compact()
}

// compact rewrites the arena without the pruned terms' bytes.
func (s *Stats) compact() {
	arena := make([]byte, 0, len(s.arena)/2)
	for id, sp := range s.spans {
		if sp.n == 0 {
			continue
		}
		s.spans[id] = termSpan{uint32(len(arena)), sp.n}
		arena = append(arena, s.arena[sp.off:sp.off+sp.n]...)
	}
	s.arena = arena
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
// against the rest of the corpus, by G², strongest first. A term is a
// candidate when it occurs MinFreq times in the group (over) or would be
// expected MinFreq times there from its frequency in the rest (under): rarer
// differences are not evidence.
func (s *Stats) Keyness() []KeynessRow {
	s.flush()
	keys := make([]string, 0, len(s.groups))
	for k := range s.groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	type cand struct {
		id  int32
		tot int64
	}
	var cands []cand
	for id, tot := range s.all {
		if tot > 0 && tot >= int64(s.opt.MinFreq) {
			cands = append(cands, cand{int32(id), tot})
		}
	}
	// Most frequent first: a group's under-represented terms are a prefix.
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].tot != cands[j].tot {
			return cands[i].tot > cands[j].tot
		}
		return s.term(cands[i].id) < s.term(cands[j].id)
	})
	minF := float64(s.opt.MinFreq)
	var out []KeynessRow
	for _, k := range keys {
		g := s.groups[k]
		c, d := float64(g.total), float64(s.total-g.total)
		if c == 0 || d == 0 {
			continue
		}
		over, under := newTopK(s.opt.TopPerGroup), newTopK(s.opt.TopPerGroup)
		row := func(id int32, a, b float64, dir string) KeynessRow {
			return KeynessRow{GroupType: g.kind, Group: g.name, Term: s.term(id), Freq: int64(a), FreqRest: int64(b),
				Total: int64(c), TotalRest: int64(d), G2: sigfig.Round(g2(a, b, c, d)), Direction: dir}
		}
		// Over-represented: the group's own terms.
		for id, n := range g.terms {
			a := float64(n)
			b := math.Max(float64(s.all[id])-a, 0) // 0 when the group's count survived a prune the total did not
			if a >= minF && a/c > b/d {
				over.push(row(id, a, b, "over"))
			}
		}
		// Under-represented: terms frequent enough elsewhere to be expected
		// here, the most frequent first.
		for _, cd := range cands {
			a := float64(g.terms[cd.id])
			b := math.Max(float64(cd.tot)-a, 0)
			if float64(cd.tot)*c/d < minF {
				break
			}
			if a/c < b/d && b*c/d >= minF {
				under.push(row(cd.id, a, b, "under"))
			}
		}
		out = append(out, over.sorted()...)
		out = append(out, under.sorted()...)
	}
	// p-values and ratios of the rows kept only: the incomplete gamma
	// function is the costly part.
	for i := range out {
		r := &out[i]
		r.PValue = chi1.Survival(r.G2)
		a, b, c, d := float64(r.Freq), float64(r.FreqRest), float64(r.Total), float64(r.TotalRest)
		r.LogRatio = sigfig.Round(math.Log2(((a + 0.5) / c) / ((b + 0.5) / d)))
	}
	return out
}

// topK keeps the k rows of highest G² (ties by term) in a min-heap.
type topK struct {
	k    int
	rows []KeynessRow
}

func newTopK(k int) *topK { return &topK{k: k} }

// weaker orders rows weakest first: lower G², then later term.
func weaker(a, b KeynessRow) bool {
	if a.G2 != b.G2 {
		return a.G2 < b.G2
	}
	return a.Term > b.Term
}

func (h *topK) push(r KeynessRow) {
	if len(h.rows) < h.k {
		h.rows = append(h.rows, r)
		for i := len(h.rows) - 1; i > 0; {
			p := (i - 1) / 2
			if !weaker(h.rows[i], h.rows[p]) {
				break
			}
			h.rows[i], h.rows[p] = h.rows[p], h.rows[i]
			i = p
		}
		return
	}
	if !weaker(h.rows[0], r) {
		return
	}
	h.rows[0] = r
	for i := 0; ; {
		l, rr, m := 2*i+1, 2*i+2, i
		if l < len(h.rows) && weaker(h.rows[l], h.rows[m]) {
			m = l
		}
		if rr < len(h.rows) && weaker(h.rows[rr], h.rows[m]) {
			m = rr
		}
		if m == i {
			break
		}
		h.rows[i], h.rows[m] = h.rows[m], h.rows[i]
		i = m
	}
}

// sorted returns the rows strongest first.
func (h *topK) sorted() []KeynessRow {
	sort.Slice(h.rows, func(i, j int) bool { return weaker(h.rows[j], h.rows[i]) })
	return h.rows
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
		a, b := s.ents[k>>32], s.ents[uint32(k)]
		if a.id > b.id {
			a, b = b, a
		}
		pmi := math.Log2(float64(c) * n / (float64(a.docs) * float64(b.docs)))
		out = append(out, PairRow{A: a.id, B: b.id, TypeA: a.typ, TypeB: b.typ, NameA: a.name, NameB: b.name,
			Docs: int64(c), DocsA: a.docs, DocsB: b.docs, PMI: sigfig.Round(pmi)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// dupIndex finds near-identical fingerprints: with at most 3 bits apart, two
// 64-bit fingerprints agree on at least one of four 16-bit bands, so each
// band indexes the fingerprints seen.
//
// It is kept in flat arrays without pointers, since it holds every post of
// the run: 28 bytes a post (the fingerprint, its group, a link per band)
// and 8 for each group's id, against 150 to 250 for maps of slices of
// entries with strings. The bands are linked lists in the order added, so
// that a fingerprint joins the group of the first match in the first band
// that has one, as it always did.
type dupIndex struct {
	hashes []uint64    // entry → fingerprint, in the order added
	group  []uint32    // entry → its group's number
	next   [4][]uint32 // band, entry → the next entry in its bucket + 1 (0: none)
	// head and tail are per band and 16-bit bucket, the first and last
	// entry + 1 (0: empty); allocated at the first entry (2 MB).
	head, tail *[4][1 << 16]uint32
	// ids holds group number → the 64 bits its id spells: a post's id is
	// 16 lowercase hex digits (see pipeline.Archives), which as text took
	// 20 bytes a group (16 and the end of each in an array) of the 48 a
	// post the index kept, and the index grows by every post of a run. An
	// id of another form (tests, other sources) is kept whole in odd.
	ids []uint64
	odd map[uint32]string
}

func newDupIndex() dupIndex { return dupIndex{} }

// groupID returns the id of group number g.
func (d *dupIndex) groupID(g uint32) string {
	if id, ok := d.odd[g]; ok {
		return id
	}
	return hexID(d.ids[g])
}

// hexID spells n as a post's id: 16 lowercase hex digits.
func hexID(n uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return hex.EncodeToString(b[:])
}

// idBits returns the 64 bits a post's id spells, and false for an id that
// hexID would not spell back as it is.
func idBits(id string) (uint64, bool) {
	if len(id) != 16 {
		return 0, false
	}
	var n uint64
	for i := range len(id) {
		c := id[i]
		switch {
		case '0' <= c && c <= '9':
			n = n<<4 | uint64(c-'0')
		case 'a' <= c && c <= 'f':
			n = n<<4 | uint64(c-'a'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

// entry returns the fingerprint and group id of entry k.
func (d *dupIndex) entry(k int) (uint64, string) { return d.hashes[k], d.groupID(d.group[k]) }

// add returns the group of the first fingerprint within maxBits of h, or
// makes id a new group.
func (d *dupIndex) add(h uint64, id string, maxBits int) string {
	if g, ok := d.find(h, maxBits); ok {
		d.link(h, g)
		return d.groupID(g)
	}
	d.link(h, d.newGroup(id))
	return id
}

func (d *dupIndex) find(h uint64, maxBits int) (uint32, bool) {
	if d.head == nil {
		return 0, false
	}
	for i := range 4 {
		for e := d.head[i][uint16(h>>(16*i))]; e != 0; e = d.next[i][e-1] {
			if bits.OnesCount64(d.hashes[e-1]^h) <= maxBits {
				return d.group[e-1], true
			}
		}
	}
	return 0, false
}

// newGroup adds a group named id and returns its number.
func (d *dupIndex) newGroup(id string) uint32 {
	g := uint32(len(d.ids))
	n, ok := idBits(id)
	if !ok {
		if d.odd == nil {
			d.odd = map[uint32]string{}
		}
		d.odd[g] = id
	}
	d.ids = append(d.ids, n)
	return g
}

// link appends fingerprint h of group g to the bands.
func (d *dupIndex) link(h uint64, g uint32) {
	if d.head == nil {
		d.head, d.tail = new([4][1 << 16]uint32), new([4][1 << 16]uint32)
	}
	d.hashes = append(d.hashes, h)
	d.group = append(d.group, g)
	e := uint32(len(d.hashes)) // entry + 1
	for i := range 4 {
		b := uint16(h >> (16 * i))
		d.next[i] = append(d.next[i], 0)
		if t := d.tail[i][b]; t != 0 {
			d.next[i][t-1] = e
		} else {
			d.head[i][b] = e
		}
		d.tail[i][b] = e
	}
}
