package corpus

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"io"
)

// The statistics are the sum of what each post added, in input order, and
// pruning depends on that order: a run that only adds posts after those of
// an earlier run gets the same statistics as a fresh run over them all by
// going on from the earlier run's state. MarshalBinary saves that state,
// UnmarshalBinary restores it, so that `run --update` counts the new posts
// only (see stages/write).

// savedStats mirrors Stats with exported fields for gob. The vocabulary is
// rebuilt from the spans.
type savedStats struct {
	Groups  []savedGroup
	Arena   []byte
	Spans   []uint32 // offset, length, … per term id
	All     []int64
	Free    []int32
	Total   int64
	Entries int
	Floor   int32
	Docs    int64
	Ents    []savedEntity
	// The pairs' counts, key by key: gob reads slices of numbers many times
	// faster than maps, and an update reads the state before anything else.
	PairKeys   []uint64
	PairCounts []int32
	// Pairs is the former form, read from older states.
	Pairs    map[uint64]int32
	PairDocs int64
	// The near-duplicate index: fingerprints in input order, each one's
	// group number, and the groups' ids as the 64 bits they spell
	// (DupGroupIDs), but those of another form than a post's id, which
	// are the groups DupOddGroups named DupOddIDs.
	DupHashes    []uint64
	DupGroups    []uint32
	DupGroupIDs  []uint64
	DupOddGroups []uint32
	DupOddIDs    []string
	// DupIDs and DupIDEnd are the groups' ids in the former form, read
	// from older states: the ids one after another, the end of each.
	DupIDs   []byte
	DupIDEnd []uint32
	// Dups is the former form of the index, read from older states.
	Dups []savedDup
}

type savedGroup struct {
	Kind, Name string
	// The group's term counts, term by term (see PairKeys).
	TermIDs, TermCounts []int32
	// Terms is the former form, read from older states.
	Terms       map[int32]int32
	Total, Docs int64
}

type savedEntity struct {
	ID, Type, Name string
	Docs           int64
}

type savedDup struct {
	Hash  uint64
	Group string
}

// MarshalBinary implements encoding.BinaryMarshaler.
func (s *Stats) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	_, err := s.WriteTo(&b)
	return b.Bytes(), err
}

// WriteTo writes what MarshalBinary returns to w, without holding a copy
// of it beside gob's own: at a million posts the saved statistics are
// tens of megabytes, and a run's close held them two and three times over.
func (s *Stats) WriteTo(w io.Writer) (int64, error) {
	s.flush()
	v := savedStats{Arena: s.arena, All: s.all, Free: s.free, Total: s.total, Entries: s.entries, Floor: s.floor,
		Docs: s.docs, PairDocs: s.pairDocs}
	v.PairKeys, v.PairCounts = make([]uint64, 0, len(s.pairs)), make([]int32, 0, len(s.pairs))
	for k, n := range s.pairs {
		v.PairKeys, v.PairCounts = append(v.PairKeys, k), append(v.PairCounts, n)
	}
	for _, g := range s.groups {
		sg := savedGroup{Kind: g.kind, Name: g.name, Total: g.total, Docs: g.docs,
			TermIDs: make([]int32, 0, len(g.terms)), TermCounts: make([]int32, 0, len(g.terms))}
		for id, n := range g.terms {
			sg.TermIDs, sg.TermCounts = append(sg.TermIDs, id), append(sg.TermCounts, n)
		}
		v.Groups = append(v.Groups, sg)
	}
	v.Spans = make([]uint32, 0, 2*len(s.spans))
	for _, sp := range s.spans {
		v.Spans = append(v.Spans, sp.off, sp.n)
	}
	for _, e := range s.ents {
		v.Ents = append(v.Ents, savedEntity{e.id, e.typ, e.name, e.docs})
	}
	v.DupHashes, v.DupGroups, v.DupGroupIDs = s.dups.hashes, s.dups.group, s.dups.ids
	for g, id := range s.dups.odd {
		v.DupOddGroups, v.DupOddIDs = append(v.DupOddGroups, g), append(v.DupOddIDs, id)
	}
	cw := &countWriter{w: w}
	err := gob.NewEncoder(cw).Encode(&v)
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// UnmarshalBinary implements encoding.BinaryUnmarshaler: s, made by New
// with the options of the run that saved it, goes on from where that run
// ended.
func (s *Stats) UnmarshalBinary(b []byte) error {
	var v savedStats
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&v); err != nil {
		return err
	}
	if len(v.Spans) != 2*len(v.All) {
		return fmt.Errorf("corpus statistics: %d spans for %d terms", len(v.Spans)/2, len(v.All))
	}
	s.flush() // into groups about to be dropped: nothing stays pending
	s.groups = make(map[string]*group, len(v.Groups))
	for _, g := range v.Groups {
		if len(g.TermIDs) != len(g.TermCounts) {
			return fmt.Errorf("corpus statistics: group %s: %d terms, %d counts", g.Name, len(g.TermIDs), len(g.TermCounts))
		}
		if g.Terms == nil {
			g.Terms = make(map[int32]int32, len(g.TermIDs))
		}
		for i, id := range g.TermIDs {
			g.Terms[id] = g.TermCounts[i]
		}
		s.groups[g.Kind+"\x00"+g.Name] = &group{kind: g.Kind, name: g.Name, terms: g.Terms, total: g.Total, docs: g.Docs}
	}
	s.arena, s.all, s.free = v.Arena, v.All, v.Free
	s.spans = make([]termSpan, len(v.All))
	s.vocab = make(map[uint64]int32, len(v.All))
	for id := range s.spans {
		sp := termSpan{v.Spans[2*id], v.Spans[2*id+1]}
		if int(sp.off)+int(sp.n) > len(s.arena) {
			return fmt.Errorf("corpus statistics: term %d outside the arena", id)
		}
		s.spans[id] = sp
		if sp.n > 0 {
			h := hashTerm(s.term(int32(id)))
			// A hash shared by two terms kept the first id (termID).
			if _, ok := s.vocab[h]; !ok {
				s.vocab[h] = int32(id)
			}
		}
	}
	s.total, s.entries, s.floor, s.docs, s.pairDocs = v.Total, v.Entries, v.Floor, v.Docs, v.PairDocs
	if len(v.PairKeys) != len(v.PairCounts) {
		return fmt.Errorf("corpus statistics: %d pairs, %d counts", len(v.PairKeys), len(v.PairCounts))
	}
	s.pairs = v.Pairs
	if s.pairs == nil {
		s.pairs = make(map[uint64]int32, len(v.PairKeys))
	}
	for i, k := range v.PairKeys {
		s.pairs[k] = v.PairCounts[i]
	}
	s.ents = s.ents[:0]
	s.entIDs = make(map[string]int32, len(v.Ents))
	for i, e := range v.Ents {
		s.ents = append(s.ents, entity{e.ID, e.Type, e.Name, e.Docs})
		s.entIDs[e.ID] = int32(i)
	}
	s.dups = newDupIndex()
	if len(v.Dups) > 0 {
		groups := map[string]uint32{}
		for _, e := range v.Dups {
			g, ok := groups[e.Group]
			if !ok {
				g = s.dups.newGroup(e.Group)
				groups[e.Group] = g
			}
			s.dups.link(e.Hash, g)
		}
		return nil
	}
	if v.DupIDEnd != nil {
		if err := s.dups.formerIDs(v.DupIDs, v.DupIDEnd); err != nil {
			return err
		}
	} else {
		if len(v.DupOddGroups) != len(v.DupOddIDs) {
			return fmt.Errorf("corpus statistics: near-duplicate index of %d odd groups, %d ids", len(v.DupOddGroups), len(v.DupOddIDs))
		}
		s.dups.ids = v.DupGroupIDs
		for i, g := range v.DupOddGroups {
			if int(g) >= len(s.dups.ids) {
				return fmt.Errorf("corpus statistics: near-duplicate group %d of %d", g, len(s.dups.ids))
			}
			if s.dups.odd == nil {
				s.dups.odd = map[uint32]string{}
			}
			s.dups.odd[g] = v.DupOddIDs[i]
		}
	}
	if len(v.DupGroups) != len(v.DupHashes) {
		return fmt.Errorf("corpus statistics: near-duplicate index of %d fingerprints, %d group numbers", len(v.DupHashes), len(v.DupGroups))
	}
	for k, h := range v.DupHashes {
		if int(v.DupGroups[k]) >= len(s.dups.ids) {
			return fmt.Errorf("corpus statistics: fingerprint %d in group %d of %d", k, v.DupGroups[k], len(s.dups.ids))
		}
		s.dups.link(h, v.DupGroups[k])
	}
	return nil
}

// formerIDs restores the groups' ids from their former form: the ids one
// after another in ids, the end of each in ends.
func (d *dupIndex) formerIDs(ids []byte, ends []uint32) error {
	if len(ends) > 0 && int(ends[len(ends)-1]) != len(ids) {
		return fmt.Errorf("corpus statistics: near-duplicate index of %d groups, %d id bytes", len(ends), len(ids))
	}
	start := uint32(0)
	for g, end := range ends {
		if end < start {
			return fmt.Errorf("corpus statistics: near-duplicate group %d out of order", g)
		}
		d.newGroup(string(ids[start:end]))
		start = end
	}
	return nil
}
