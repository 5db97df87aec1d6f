package corpus

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"testing"
)

// Statistics saved after some posts and restored go on to the same
// keyness, pairs and near-duplicate groups as statistics fed every post,
// pruned ones included (pruning depends on the order of the posts).
func TestSavedStatsGoOn(t *testing.T) {
	opt := Options{MinFreq: 2, MinPair: 2, TopPerGroup: 20, MaxEntries: 100}
	var docs []struct {
		id, outlet, month string
		terms             map[string]int
		ents              []string
	}
	for i := range 80 {
		terms := map[string]int{fmt.Sprint("t", i%17): 1 + i%3, fmt.Sprint("u", i%5): 2, fmt.Sprint("rare", i): 1}
		docs = append(docs, struct {
			id, outlet, month string
			terms             map[string]int
			ents              []string
		}{fmt.Sprint("d", i), fmt.Sprint("o", i%3), fmt.Sprintf("2020-%02d", 1+i%4), terms,
			[]string{fmt.Sprint("person:", i%6), fmt.Sprint("person:", (i+1)%6)}})
	}
	add := func(s *Stats, from, to int) (groups []string) {
		for _, d := range docs[from:to] {
			p := post(d.id, d.outlet, d.month, d.terms, d.ents...)
			p.SimHash = uint64(len(d.id)%2)<<20 | uint64(len(d.terms))
			groups = append(groups, s.Add(p))
		}
		return groups
	}
	all := New(opt)
	wantGroups := add(all, 0, len(docs))
	if all.Floor() == 0 {
		t.Fatal("the test should prune")
	}
	for _, cut := range []int{0, 1, 37, 79, 80} {
		first := New(opt)
		groups := add(first, 0, cut)
		b, err := first.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		next := New(opt)
		if err := next.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		groups = append(groups, add(next, cut, len(docs))...)
		if !reflect.DeepEqual(groups, wantGroups) {
			t.Errorf("cut %d: near-duplicate groups differ", cut)
		}
		if k, w := next.Keyness(), all.Keyness(); !reflect.DeepEqual(k, w) || len(w) == 0 {
			t.Errorf("cut %d: keyness differs (%d rows, want %d)", cut, len(k), len(w))
		}
		if p, w := next.Cooccurrence(), all.Cooccurrence(); !reflect.DeepEqual(p, w) || len(w) == 0 {
			t.Errorf("cut %d: pairs differ (%d rows, want %d)", cut, len(p), len(w))
		}
		if next.Floor() != all.Floor() {
			t.Errorf("cut %d: floor %d, want %d", cut, next.Floor(), all.Floor())
		}
	}
	if err := New(opt).UnmarshalBinary([]byte("not a state")); err == nil {
		t.Error("a bad state was read")
	}
}

// A state saved in the former form (the pairs and the groups' terms as
// maps) restores to the same statistics as the present one.
func TestSavedStatsFormerMaps(t *testing.T) {
	s := New(Options{MinFreq: 1, MinPair: 1, TopPerGroup: 20})
	for i := range 30 {
		s.Add(post(fmt.Sprint("d", i), fmt.Sprint("o", i%3), "2020-01",
			map[string]int{fmt.Sprint("t", i%7): 2, fmt.Sprint("u", i%4): 1}, fmt.Sprint("person:", i%5), fmt.Sprint("person:", (i+2)%5)))
	}
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var v savedStats
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&v); err != nil {
		t.Fatal(err)
	}
	if len(v.PairKeys) == 0 || len(v.Groups) == 0 || len(v.Groups[0].TermIDs) == 0 {
		t.Fatal("the test needs pairs and terms")
	}
	v.Pairs = map[uint64]int32{}
	for i, k := range v.PairKeys {
		v.Pairs[k] = v.PairCounts[i]
	}
	v.PairKeys, v.PairCounts = nil, nil
	for i, g := range v.Groups {
		v.Groups[i].Terms = map[int32]int32{}
		for j, id := range g.TermIDs {
			v.Groups[i].Terms[id] = g.TermCounts[j]
		}
		v.Groups[i].TermIDs, v.Groups[i].TermCounts = nil, nil
	}
	var former bytes.Buffer
	if err := gob.NewEncoder(&former).Encode(&v); err != nil {
		t.Fatal(err)
	}
	now, old := New(s.opt), New(s.opt)
	if err := now.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if err := old.UnmarshalBinary(former.Bytes()); err != nil {
		t.Fatal(err)
	}
	if k, w := old.Keyness(), s.Keyness(); !reflect.DeepEqual(k, w) || len(w) == 0 || !reflect.DeepEqual(now.Keyness(), w) {
		t.Errorf("keyness after the former state differs (%d rows, want %d)", len(k), len(w))
	}
	if p, w := old.Cooccurrence(), s.Cooccurrence(); !reflect.DeepEqual(p, w) || len(w) == 0 || !reflect.DeepEqual(now.Cooccurrence(), w) {
		t.Errorf("pairs after the former state differ (%d rows, want %d)", len(p), len(w))
	}
}
