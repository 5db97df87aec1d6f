package corpus

import (
	"bytes"
	"encoding/gob"
	"sort"
)

// Merge adds the counts of o (documents counted apart, see Count) to s.
// Without pruning the result equals counting every document into one
// Stats. With pruning (either side over MaxEntries) the rarest entries are
// dropped as in a single run, but which ones depends on how the documents
// were split, and the floor reported is the sum of the floors: a count may
// miss up to that many occurrences. Near-duplicate groups are not merged
// (see DupGroups). o is left unchanged.
func (s *Stats) Merge(o *Stats) {
	if s.opt.Off || o.opt.Off {
		return
	}
	s.flush()
	o.flush()
	s.docs += o.docs
	s.total += o.total
	s.floor += o.floor
	ids := make([]int32, len(o.spans))
	for i := range ids {
		ids[i] = -1
	}
	termID := func(id int32) int32 {
		if ids[id] < 0 {
			ids[id] = s.termID(o.term(id))
		}
		return ids[id]
	}
	for id, c := range o.all {
		if c == 0 {
			continue
		}
		nid := termID(int32(id))
		if s.all[nid] == 0 {
			s.entries++
		}
		s.all[nid] += c
	}
	for k, og := range o.groups {
		g := s.groups[k]
		if g == nil {
			g = &group{kind: og.kind, name: og.name, terms: map[int32]int32{}}
			s.groups[k] = g
		}
		g.docs += og.docs
		g.total += og.total
		for id, c := range og.terms {
			nid := termID(id)
			if _, ok := g.terms[nid]; !ok {
				s.entries++
			}
			g.terms[nid] += c
		}
	}
	ents := make([]int32, len(o.ents))
	for i, e := range o.ents {
		id, ok := s.entIDs[e.id]
		if !ok {
			id = int32(len(s.ents))
			s.entIDs[e.id] = id
			s.ents = append(s.ents, entity{id: e.id, typ: e.typ, name: e.name})
		}
		s.ents[id].docs += e.docs
		ents[i] = id
	}
	for k, c := range o.pairs {
		a, b := ents[k>>32], ents[uint32(k)]
		if a > b {
			a, b = b, a
		}
		nk := uint64(a)<<32 | uint64(b)
		if _, ok := s.pairs[nk]; !ok {
			s.entries++
		}
		s.pairs[nk] += c
	}
	s.pairDocs += o.pairDocs
	if s.entries > s.opt.MaxEntries {
		s.prune()
	}
}

// snapshot is the encoded form of Stats' counts: terms by text, ids into
// Terms.
type snapshot struct {
	Opt         Options
	Terms       []string
	All         []int64
	Total, Docs int64
	Floor       int32
	Groups      []snapGroup
	Ents        []snapEntity
	PairKeys    []uint64
	PairCounts  []int32
	PairDocs    int64
}

type snapGroup struct {
	Kind, Name  string
	IDs         []int32
	Counts      []int32
	Total, Docs int64
}

type snapEntity struct {
	ID, Type, Name string
	Docs           int64
}

// MarshalCounts encodes the counts (not the near-duplicate index), for a
// distributed run that moves partial statistics between workers. Equal
// counts give equal bytes. (MarshalBinary, by contrast, saves the whole
// state for a run that goes on from it.)
func (s *Stats) MarshalCounts() ([]byte, error) {
	s.flush()
	sn := snapshot{Opt: s.opt, Total: s.total, Docs: s.docs, Floor: s.floor, PairDocs: s.pairDocs}
	idx := make([]int32, len(s.spans))
	var live []int32
	for id, c := range s.all {
		if c > 0 {
			live = append(live, int32(id))
		}
	}
	sort.Slice(live, func(i, j int) bool { return s.term(live[i]) < s.term(live[j]) })
	for i, id := range live {
		idx[id] = int32(i)
		sn.Terms = append(sn.Terms, s.term(id))
		sn.All = append(sn.All, s.all[id])
	}
	keys := make([]string, 0, len(s.groups))
	for k := range s.groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g := s.groups[k]
		sg := snapGroup{Kind: g.kind, Name: g.name, Total: g.total, Docs: g.docs}
		for id := range g.terms {
			sg.IDs = append(sg.IDs, idx[id])
		}
		sort.Slice(sg.IDs, func(i, j int) bool { return sg.IDs[i] < sg.IDs[j] })
		for _, i := range sg.IDs {
			sg.Counts = append(sg.Counts, g.terms[live[i]])
		}
		sn.Groups = append(sn.Groups, sg)
	}
	for _, e := range s.ents {
		sn.Ents = append(sn.Ents, snapEntity{ID: e.id, Type: e.typ, Name: e.name, Docs: e.docs})
	}
	for k := range s.pairs {
		sn.PairKeys = append(sn.PairKeys, k)
	}
	sort.Slice(sn.PairKeys, func(i, j int) bool { return sn.PairKeys[i] < sn.PairKeys[j] })
	for _, k := range sn.PairKeys {
		sn.PairCounts = append(sn.PairCounts, s.pairs[k])
	}
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(&sn)
	return buf.Bytes(), err
}

// UnmarshalCounts replaces s with the counts MarshalCounts encoded.
func (s *Stats) UnmarshalCounts(b []byte) error {
	var sn snapshot
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&sn); err != nil {
		return err
	}
	*s = *New(sn.Opt)
	s.total, s.docs, s.floor, s.pairDocs = sn.Total, sn.Docs, sn.Floor, sn.PairDocs
	ids := make([]int32, len(sn.Terms))
	for i, t := range sn.Terms {
		ids[i] = s.termID(t)
		s.all[ids[i]] = sn.All[i]
		s.entries++
	}
	for _, sg := range sn.Groups {
		g := &group{kind: sg.Kind, name: sg.Name, terms: make(map[int32]int32, len(sg.IDs)), total: sg.Total, docs: sg.Docs}
		for i, id := range sg.IDs {
			g.terms[ids[id]] = sg.Counts[i]
		}
		s.entries += len(sg.IDs)
		s.groups[sg.Kind+"\x00"+sg.Name] = g
	}
	for i, e := range sn.Ents {
		s.entIDs[e.ID] = int32(i)
		s.ents = append(s.ents, entity{id: e.ID, typ: e.Type, name: e.Name, docs: e.Docs})
	}
	for i, k := range sn.PairKeys {
		s.pairs[k] = sn.PairCounts[i]
	}
	s.entries += len(sn.PairKeys)
	return nil
}

// Fingerprint is a document's place in input order and its body's
// fingerprint, for grouping near-duplicates apart from the counts.
type Fingerprint struct {
	Seq  int64
	ID   string
	Hash uint64
}

// DupGroups groups near-duplicates as Add does, replaying the documents in
// input order (by Seq), and returns the group of every document whose
// group is not its own id. Give it the documents Add would group: those
// with a post and a non-zero fingerprint. It keeps what Add keeps, about
// 60 bytes a document.
func DupGroups(fps []Fingerprint, opt Options) map[string]string {
	opt.defaults()
	out := map[string]string{}
	if opt.Off {
		return out
	}
	sort.Slice(fps, func(i, j int) bool { return fps[i].Seq < fps[j].Seq })
	d := newDupIndex()
	for _, f := range fps {
		if g := d.add(f.Hash, f.ID, opt.DupBits); g != f.ID {
			out[f.ID] = g
		}
	}
	return out
}
