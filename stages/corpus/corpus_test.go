package corpus

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/pipeline"
)

func post(id, outlet, month string, terms map[string]int, entities ...string) *pipeline.Doc {
	t, _ := time.Parse("2006-01", month)
	d := &pipeline.Doc{ID: id, Post: &pipeline.Post{Outlet: outlet, Published: t}, Terms: terms, SimHash: uint64(len(id)) << 40}
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
	var d dupIndex = newDupIndex()
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
