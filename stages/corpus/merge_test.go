package corpus

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestMergeEqualsOneRun(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	outlets := []string{"大纪元", "BBC", "路透"}
	months := []string{"2020-07", "2020-08", "2021-01"}
	terms := []string{"国安法", "香港", "疫情", "选举", "台湾", "贸易", "关税", "北京"}
	ents := []string{"person:a", "person:b", "country:CHN", "country:USA", "outlet:x"}
	opt := Options{MinFreq: 2, MinPair: 2, TopPerGroup: 4, MaxEntities: 3}
	one := New(opt)
	groups := map[string]string{}
	var fps []Fingerprint
	var parts [3]*Stats
	for i := range parts {
		parts[i] = New(opt)
	}
	for i := range 300 {
		tc := map[string]int{}
		for range 1 + r.IntN(6) {
			tc[terms[r.IntN(len(terms))]] += 1 + r.IntN(3)
		}
		var es []string
		for range r.IntN(7) {
			es = append(es, ents[r.IntN(len(ents))])
		}
		d := post(fmt.Sprintf("d%03d", i), outlets[r.IntN(3)], months[r.IntN(3)], tc, es...)
		// Fingerprints in a few families of near-identical ones.
		d.SimHash = uint64(r.IntN(5)+1)<<32 | uint64(1)<<uint(r.IntN(3))
		if g := one.Add(d); g != d.ID {
			groups[d.ID] = g
		}
		fps = append(fps, Fingerprint{Seq: int64(i), ID: d.ID, Hash: d.SimHash})
		parts[r.IntN(3)].Count(d)
	}
	// Encode and decode every part, as a distributed run moves them.
	merged := New(opt)
	for _, p := range parts {
		b, err := p.MarshalCounts()
		if err != nil {
			t.Fatal(err)
		}
		var q Stats
		if err := q.UnmarshalCounts(b); err != nil {
			t.Fatal(err)
		}
		merged.Merge(&q)
	}
	if got, want := merged.Keyness(), one.Keyness(); !reflect.DeepEqual(got, want) || len(want) == 0 {
		t.Errorf("keyness: merged %d rows, one run %d rows, differ", len(got), len(want))
	}
	if got, want := merged.Cooccurrence(), one.Cooccurrence(); !reflect.DeepEqual(got, want) || len(want) == 0 {
		t.Errorf("cooccurrence: merged %v\none run %v", got, want)
	}
	r.Shuffle(len(fps), func(i, j int) { fps[i], fps[j] = fps[j], fps[i] })
	if got := DupGroups(fps, opt); !reflect.DeepEqual(got, groups) || len(groups) == 0 {
		t.Errorf("dup groups: got %v, want %v", got, groups)
	}
	b, _ := one.MarshalCounts()
	var c Stats
	if err := c.UnmarshalCounts(b); err != nil {
		t.Fatal(err)
	}
	b2, _ := c.MarshalCounts()
	if string(b) != string(b2) {
		t.Error("encoding is not stable through a round trip")
	}
}
