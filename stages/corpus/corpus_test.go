package corpus

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/pipeline"
)

// termWords are terms as a restored post has them: in text order, without
// word ids.
func termWords(terms map[string]int) []pipeline.TermWord {
	var tw []pipeline.TermWord
	for _, t := range slices.Sorted(maps.Keys(terms)) {
		tw = append(tw, pipeline.TermWord{Term: t, Count: int32(terms[t])})
	}
	return tw
}

func post(id, outlet, month string, terms map[string]int, entities ...string) *pipeline.Doc {
	t, _ := time.Parse("2006-01", month)
	d := &pipeline.Doc{ID: id, Post: &pipeline.Post{Outlet: outlet, Published: t}, TermWords: termWords(terms), SimHash: uint64(len(id)) << 40}
	for _, e := range entities {
		d.Mentions = append(d.Mentions, pipeline.Mention{EntityID: e, Type: "person", Name: e})
	}
	return d
}

func TestG2(t *testing.T) {
	// 10 in 1,000 words against 10 in 10,000: 2(10 ln(10/1.818) + 10
	// ln(10/18.18)) = 22.14.
	if v := g2(10, 10, 1000, 10000); math.Abs(v-22.14) > 0.01 {
		t.Errorf("G2 = %v, want 22.14", v)
	}
	if g2(5, 50, 100, 1000) != 0 {
		t.Errorf("equal rates give %v", g2(5, 50, 100, 1000))
	}
}

func TestKeynessAndPairs(t *testing.T) {
	s := New(Options{MinFreq: 3, MinPair: 2, TopPerGroup: 5})
	for i := range 10 {
		s.Add(post(fmt.Sprint("a", i), "大纪元", "2020-07", map[string]int{"国安法": 3, "香港": 1, "疫情": 1}, "person:x", "person:y"))
		s.Add(post(fmt.Sprint("b", i), "BBC", "2020-08", map[string]int{"疫情": 4, "香港": 1}, "person:x", "person:z"))
	}
	rows := s.Keyness()
	find := func(group, term, dir string) *KeynessRow {
		for i := range rows {
			r := &rows[i]
			if r.Group == group && r.Term == term && r.Direction == dir {
				return r
			}
		}
		return nil
	}
	r := find("大纪元", "国安法", "over")
	if r == nil || r.Freq != 30 || r.FreqRest != 0 || r.G2 <= 0 || r.PValue > 0.001 || r.GroupType != "outlet" {
		t.Fatalf("大纪元 国安法 over: %+v", r)
	}
	if find("2020-08", "疫情", "over") == nil || find("2020-08", "国安法", "under") == nil {
		t.Errorf("period rows missing: %+v", rows)
	}
	if find("大纪元", "香港", "over") != nil || find("大纪元", "香港", "under") != nil {
		// 香港 is as frequent in both: G2 0, neither over nor under by much;
		// it may appear only with a G2 of 0.
		if r := find("大纪元", "香港", "over"); r != nil && r.G2 != 0 {
			t.Errorf("香港 keyed: %+v", r)
		}
	}
	pairs := s.Cooccurrence()
	if len(pairs) != 2 {
		t.Fatalf("pairs %+v", pairs)
	}
	p := pairs[0]
	if p.A != "person:x" || p.B != "person:y" || p.Docs != 10 || p.DocsA != 20 || p.DocsB != 10 || math.Abs(p.PMI-0) > 1e-9 {
		t.Errorf("pair %+v", p)
	}
}

// TestBoundedCounts feeds many distinct terms and checks that the counts
// stay within the bound while frequent terms keep exact counts.
func TestBoundedCounts(t *testing.T) {
	s := New(Options{MaxEntries: 1000, MinFreq: 5})
	for i := range 5000 {
		terms := map[string]int{fmt.Sprint("稀有", i): 1, "常见": 2}
		s.Add(post(fmt.Sprint("d", i), "台", "2021-01", terms))
		if s.entries > 1000 {
			t.Fatalf("%d entries over the bound of 1000", s.entries)
		}
		// Pruned terms give their ids back: the id space, and what is
		// kept per id, is as large as the live vocabulary, not the run.
		if len(s.spans) > 1000 {
			t.Fatalf("%d term ids for at most 1000 live entries", len(s.spans))
		}
	}
	if s.Floor() == 0 {
		t.Error("no pruning reported")
	}
	if id, ok := s.vocab[hashTerm("常见")]; !ok || s.all[id] != 10000 {
		t.Errorf("frequent term count %d", s.all[s.vocab[hashTerm("常见")]])
	}
}

func TestDuplicates(t *testing.T) {
	d := newDupIndex()
	if g := d.add(0xffff0000ffff0000, "a", 3); g != "a" {
		t.Errorf("first post group %q", g)
	}
	if g := d.add(0xffff0000ffff0007, "b", 3); g != "a" {
		t.Errorf("3 bits apart: group %q, want a", g)
	}
	if g := d.add(0x0000ffff0000ffff, "c", 3); g != "c" {
		t.Errorf("far apart: group %q, want c", g)
	}
	s := New(Options{Off: true})
	if g := s.Add(post("x", "o", "2020-01", map[string]int{"词": 1})); g != "x" || len(s.groups) != 0 {
		t.Errorf("statistics off still count: %q %d", g, len(s.groups))
	}
}

// refDups is the index as first written (maps of slices of entries, by
// band): the groups the flat index must give.
type refDups struct {
	bands [4]map[uint16][]refEntry
}

type refEntry struct {
	hash  uint64
	group string
}

func (d *refDups) add(h uint64, id string, maxBits int) string {
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
		if d.bands[i] == nil {
			d.bands[i] = map[uint16][]refEntry{}
		}
		b := uint16(h >> (16 * i))
		d.bands[i][b] = append(d.bands[i][b], refEntry{h, group})
	}
	return group
}

// dupStream makes n fingerprints in clusters: near copies of recent ones
// (1 to 4 bits off, so some fall just outside a group), and a few bands
// shared by unrelated fingerprints, so that buckets hold several entries
// and the order of matches matters.
func dupStream(n int, seed uint64) []uint64 {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]uint64, 0, n)
	for len(out) < n {
		switch x := r.IntN(10); {
		case x < 3 && len(out) > 0:
			h := out[len(out)-1-r.IntN(min(len(out), 50))]
			for range 1 + r.IntN(4) {
				h ^= 1 << r.IntN(64)
			}
			out = append(out, h)
		case x < 5 && len(out) > 0:
			h := out[r.IntN(len(out))]
			out = append(out, h&0xffff|r.Uint64()&^0xffff)
		default:
			out = append(out, r.Uint64())
		}
	}
	return out
}

// The flat index groups as the maps of slices did, first match of the
// first band that has one, and goes on the same after a save and restore.
func TestDupIndexSameGroups(t *testing.T) {
	hs := dupStream(20000, 1)
	var ref refDups
	d := newDupIndex()
	joined := 0
	for i, h := range hs {
		id := fmt.Sprintf("%016x", i)
		want := ref.add(h, id, 3)
		if got := d.add(h, id, 3); got != want {
			t.Fatalf("fingerprint %d: group %s, want %s", i, got, want)
		}
		if want != id {
			joined++
		}
	}
	if joined < 2000 {
		t.Fatalf("only %d of %d fingerprints joined a group: the test is too easy", joined, len(hs))
	}
	for k := range hs {
		if h, _ := d.entry(k); h != hs[k] {
			t.Fatalf("entry %d: fingerprint %x, want %x", k, h, hs[k])
		}
	}
}

// An older state holds the index as entries with their group's id.
func TestDupIndexFormerState(t *testing.T) {
	hs := dupStream(3000, 2)
	s := New(Options{})
	var v savedStats
	var ref refDups
	for i, h := range hs[:2000] {
		id := fmt.Sprintf("d%d", i)
		v.Dups = append(v.Dups, savedDup{h, ref.add(h, id, 3)})
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&v); err != nil {
		t.Fatal(err)
	}
	if err := s.UnmarshalBinary(b.Bytes()); err != nil {
		t.Fatal(err)
	}
	for i, h := range hs[2000:] {
		id := fmt.Sprintf("d%d", 2000+i)
		if got, want := s.dups.add(h, id, 3), ref.add(h, id, 3); got != want {
			t.Fatalf("fingerprint %d after the former state: group %s, want %s", 2000+i, got, want)
		}
	}
}

// A state of the form before the groups' ids were kept as numbers (their
// text one after another, DupIDs and DupIDEnd) goes on as the index fed
// every post does, with ids of a post's form and others; so does a state
// saved now, ids of both forms mixed.
func TestDupIndexFormerIDs(t *testing.T) {
	hs := dupStream(3000, 4)
	ids := make([]string, len(hs))
	for i := range ids {
		ids[i] = fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15)
		if i%7 == 0 {
			ids[i] = fmt.Sprintf("d%d", i) // not a post's id: kept as text
		}
	}
	var ref refDups
	want := make([]string, len(hs))
	for i, h := range hs {
		want[i] = ref.add(h, ids[i], 3)
	}
	var old dupIndex
	var v savedStats
	for i, h := range hs[:2000] {
		old.add(h, ids[i], 3)
		v.DupHashes = append(v.DupHashes, h)
	}
	v.DupGroups = old.group
	for g := range old.ids {
		v.DupIDs = append(v.DupIDs, old.groupID(uint32(g))...)
		v.DupIDEnd = append(v.DupIDEnd, uint32(len(v.DupIDs)))
	}
	if len(old.odd) == 0 || len(old.odd) == len(old.ids) {
		t.Fatalf("%d of %d groups with ids of another form: the test should mix them", len(old.odd), len(old.ids))
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&v); err != nil {
		t.Fatal(err)
	}
	s := New(Options{})
	if err := s.UnmarshalBinary(b.Bytes()); err != nil {
		t.Fatal(err)
	}
	for i, h := range hs[2000:2500] {
		if got := s.dups.add(h, ids[2000+i], 3); got != want[2000+i] {
			t.Fatalf("fingerprint %d after the former state: group %s, want %s", 2000+i, got, want[2000+i])
		}
	}
	saved, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	next := New(Options{})
	if err := next.UnmarshalBinary(saved); err != nil {
		t.Fatal(err)
	}
	for i, h := range hs[2500:] {
		if got := next.dups.add(h, ids[2500+i], 3); got != want[2500+i] {
			t.Fatalf("fingerprint %d after a saved state: group %s, want %s", 2500+i, got, want[2500+i])
		}
	}
	for k := range 2500 {
		if _, g := next.dups.entry(k); g != want[k] {
			t.Fatalf("entry %d restored in group %s, want %s", k, g, want[k])
		}
	}
}

// A post's id and only that form is kept as the number it spells.
func TestDupIndexIDBits(t *testing.T) {
	for _, id := range []string{"0123456789abcdef", "ffffffffffffffff", "0000000000000000"} {
		if n, ok := idBits(id); !ok || hexID(n) != id {
			t.Errorf("%s: %x %v", id, n, ok)
		}
	}
	for _, id := range []string{"", "0123456789ABCDEF", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg", "d1"} {
		if _, ok := idBits(id); ok {
			t.Errorf("%q read as a post's id", id)
		}
	}
}

// What the index keeps per post is bounded: the flat arrays grow by about
// 32 bytes a fingerprint (and the group's id), not by what a map of
// slices of strings costs (150 to 250 bytes).
func TestDupIndexBytesPerPost(t *testing.T) {
	const n = 200_000
	hs := dupStream(n, 3)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d := newDupIndex()
	for i, h := range hs {
		d.add(h, ids[i], 3)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := float64(after.HeapAlloc-before.HeapAlloc) / n
	// Slices grow by a quarter at this size: 28 bytes and an 8-byte id
	// each, times up to 1.25, plus the 2 MB of bucket heads (10 bytes a
	// post here). The groups' ids as text made it 59.
	if per > 52 {
		t.Errorf("near-duplicate index: %.0f bytes a post, want at most 52", per)
	}
	t.Logf("near-duplicate index: %.1f bytes a post over %d posts", per, n)
	runtime.KeepAlive(&d)
	runtime.KeepAlive(ids)
	runtime.KeepAlive(hs)
}

// TestPairsMostMentioned checks the pairs counted against a plain
// reckoning: in each post, the MaxEntities most mentioned entities (ties
// by entity id, whatever the order of mentions) pair with each other; and
// the count of map entries stays exact.
func TestPairsMostMentioned(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := New(Options{MaxEntities: 3})
	want := map[[2]string]int32{}
	for i := range 300 {
		var ents []string
		for range rng.IntN(12) {
			ents = append(ents, fmt.Sprint("person:", rng.IntN(8)))
		}
		s.Add(post(fmt.Sprint("p", i), "台", "2021-01", map[string]int{fmt.Sprint("词", i%7): 1}, ents...))
		n := map[string]int{}
		for _, e := range ents {
			n[e]++
		}
		var ids []string
		for e := range n {
			ids = append(ids, e)
		}
		sort.Slice(ids, func(i, j int) bool {
			if n[ids[i]] != n[ids[j]] {
				return n[ids[i]] > n[ids[j]]
			}
			return ids[i] < ids[j]
		})
		ids = ids[:min(len(ids), 3)]
		for _, a := range ids {
			for _, b := range ids {
				if a < b {
					want[[2]string{a, b}]++
				}
			}
		}
	}
	got := map[[2]string]int32{}
	for k, c := range s.pairs {
		a, b := s.ents[k>>32].id, s.ents[uint32(k)].id
		if a > b {
			a, b = b, a
		}
		got[[2]string{a, b}] = c
	}
	if !maps.Equal(got, want) {
		t.Errorf("pairs %v, want %v", got, want)
	}
	entries := len(s.pairs)
	for _, g := range s.groups {
		entries += len(g.terms)
	}
	for _, c := range s.all {
		if c > 0 {
			entries++
		}
	}
	if s.entries != entries {
		t.Errorf("%d entries counted, %d held", s.entries, entries)
	}
}

// TestTermWordsCountAsTerms checks that counting terms by their word ids
// (Doc.TermWords) gives the tables that counting them by text gives,
// through pruning that frees ids and words met again after it.
func TestTermWordsCountAsTerms(t *testing.T) {
	byText := New(Options{MaxEntries: 600, MinFreq: 2})
	byWord := New(Options{MaxEntries: 600, MinFreq: 2})
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		terms := map[string]int{}
		var tw []pipeline.TermWord
		for range 1 + rng.IntN(8) {
			// Words 1…400 are dictionary words, the rest not.
			k := 1 + rng.IntN(1000)
			if k%7 == 0 {
				k = 1 + k%20 // a few common ones
			}
			term := fmt.Sprint("词", k)
			if _, ok := terms[term]; ok {
				continue
			}
			n := 1 + rng.IntN(3)
			terms[term] = n
			w := uint32(0)
			if k <= 400 {
				w = uint32(k)
			}
			tw = append(tw, pipeline.TermWord{Term: term, Count: int32(n), Word: w})
		}
		month := fmt.Sprintf("2021-%02d", 1+i%3)
		byText.Add(post(fmt.Sprint("d", i), "台", month, terms))
		d := post(fmt.Sprint("d", i), "台", month, nil)
		d.TermWords = tw
		byWord.Add(d)
	}
	if byWord.Floor() == 0 || len(byWord.byWord) == 0 {
		t.Fatalf("floor %d, %d words: the test prunes nothing or counts no word by id", byWord.Floor(), len(byWord.byWord))
	}
	a, b := byText.Keyness(), byWord.Keyness()
	if len(a) == 0 || fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("keyness by word ids differs from keyness by text (%d rows, %d)", len(b), len(a))
	}
	for id, w := range byWord.wordOf {
		if w != 0 && byWord.byWord[w] != int32(id)+1 {
			t.Fatalf("term %d is word %d, which is term %d", id, w, byWord.byWord[w]-1)
		}
	}
}

// TestPendingSameAsDirect checks that counting a period's terms pending
// (added to its map when the period changes) gives what adding them
// directly gives: the same entries after every post, so the same prunes
// at the same posts, and the same tables and saved statistics, with posts
// in time order (long runs of a period) and shuffled (a flush at nearly
// every post).
func TestPendingSameAsDirect(t *testing.T) {
	for _, shuffled := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(11, 12))
		pending := New(Options{MaxEntries: 900, MinFreq: 2})
		direct := New(Options{MaxEntries: 900, MinFreq: 2})
		direct.direct = true
		var docs []*pipeline.Doc
		for i := range 2000 {
			terms := map[string]int{}
			for range 1 + rng.IntN(12) {
				k := 1 + rng.IntN(600)
				if k%5 == 0 {
					k = 1 + k%15
				}
				terms[fmt.Sprint("词", k)] += 1 + rng.IntN(3)
			}
			month := fmt.Sprintf("2021-%02d", 1+i*12/2000)
			outlet := fmt.Sprint("报", rng.IntN(4))
			d := post(fmt.Sprint("d", i), outlet, month, terms, fmt.Sprint("e", rng.IntN(9)), fmt.Sprint("e", rng.IntN(9)))
			if i%50 == 0 {
				d.Post.Published = time.Time{} // no period
			}
			docs = append(docs, d)
		}
		if shuffled {
			rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		}
		for i, d := range docs {
			pending.Add(d)
			direct.Add(d)
			if pending.Floor() != direct.Floor() {
				t.Fatalf("shuffled %v, post %d: floor %d, directly %d", shuffled, i, pending.Floor(), direct.Floor())
			}
			if i%97 == 0 {
				pending.flush()
				if pending.entries != direct.entries {
					t.Fatalf("shuffled %v, post %d: %d entries, directly %d", shuffled, i, pending.entries, direct.entries)
				}
			}
		}
		if direct.Floor() < 2 {
			t.Fatalf("floor %d: the test prunes too little", direct.Floor())
		}
		a, b := pending.Keyness(), direct.Keyness()
		if len(a) == 0 || fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("shuffled %v: keyness differs (%d rows, directly %d)", shuffled, len(a), len(b))
		}
		ca, cb := pending.MarshalCounts()
		da, db := direct.MarshalCounts()
		if cb != nil || db != nil || !bytes.Equal(ca, da) {
			t.Fatalf("shuffled %v: saved counts differ (%v, %v)", shuffled, cb, db)
		}
	}
}
