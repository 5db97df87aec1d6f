package quotes

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestBinnedFeatures checks that a binned feature's number finds the entry
// its name does, and that its bin is named as bin names it.
func TestBinnedFeatures(t *testing.T) {
	m, err := ReadModel(strings.NewReader("b_dist=100\t0.5\ncount=more\t-0.25\nquoted=0\t1.5\nb_dist=100|person\t2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.lits) != nNumbered {
		t.Fatalf("%d numbered entries, want %d", len(m.lits), nNumbered)
	}
	for k, f := range binnedFeats {
		for x := -1; x <= 300; x++ {
			i := binIndex(x, f.edges)
			if got, want := f.names[i], bin(x, f.edges...); got != want {
				t.Fatalf("feature %d, %d: bin %q, bin() %q", k, x, got, want)
			}
			if got, want := m.lits[int(f.first)+i], m.conj[f.prefix+f.names[i]]; got != want {
				t.Fatalf("%s%s: entry %p by number, %p by name", f.prefix, f.names[i], got, want)
			}
		}
	}
	e := m.lits[int(binnedFeats[binBDist].first)+5] // b_dist=100
	if e == nil || e.slot[slotPlain].w != 0.5 || e.slot[slotPerson].w != 2 {
		t.Errorf("b_dist=100's entry %+v", e)
	}
	if e := m.lits[int(binnedFeats[binCount].first)+4]; e == nil || e.slot[slotPlain].w != -0.25 {
		t.Errorf("count=more's entry %+v", e)
	}
	if e := m.lits[int(binnedFeats[binRankAfter].first)]; e != nil {
		t.Errorf("rank_after=1 weighs nothing, entry %+v", e)
	}
}

// TestNumberedFeatures checks, on the shipped model, that every literal's
// number finds the entry its name does, and that a valued feature's entry
// found by its value is the one its name finds, for every feature the
// model weighs and for values it does not know.
func TestNumberedFeatures(t *testing.T) {
	m := New().model
	if m == nil {
		t.Skip("no shipped model")
	}
	for k, name := range litNames {
		if got, want := m.lits[k], m.conj[name]; got != want {
			t.Errorf("%s: entry %p by number, %p by name", name, got, want)
		}
	}
	if m.lits[litNone] == nil || m.lits[litNoneColon] == nil {
		t.Errorf("none and none|colon weigh nothing in the shipped model")
	}
	fs := &featSink{m: m}
	found := 0
	for k, p := range valuedPrefixes {
		values := []string{"", "x", "1", "2", "cue-before", "none", "named", "direct", "|para_open"}
		for f := range m.conj {
			if v, ok := strings.CutPrefix(f, p); ok {
				values = append(values, v)
			}
		}
		for _, v := range values {
			got, want := fs.valuedEntry(valued(k), v), m.conj[p+v]
			if got != want {
				t.Errorf("%s%s: entry %p by value, %p by name", p, v, got, want)
			}
			if got != nil {
				found++
			}
		}
	}
	if found == 0 {
		t.Errorf("no valued feature weighs anything in the shipped model")
	}
}

// TestPronounConjOf checks the table of the features conjoined with a
// pronoun against pronounConj of each numbered feature's name.
func TestPronounConjOf(t *testing.T) {
	names := map[int16]string{}
	for k, name := range litNames {
		names[int16(k)] = name
	}
	for _, f := range binnedFeats {
		for i, b := range f.names {
			names[f.first+int16(i)] = f.prefix + b
		}
	}
	for k, p := range valuedPrefixes {
		names[-1-int16(k)] = p + "1"
	}
	if len(names) != nNumbered+int(nValued) {
		t.Fatalf("%d names, want %d", len(names), nNumbered+int(nValued))
	}
	some := 0
	for id, name := range names {
		if got, want := pronounConjOf(id), pronounConj(name); got != want {
			t.Errorf("%s (%d): %v, pronounConj %v", name, id, got, want)
		}
		if pronounConjOf(id) {
			some++
		}
	}
	if some == 0 || some == len(names) {
		t.Errorf("%d of %d features conjoined with a pronoun", some, len(names))
	}
}

// TestAddSlotsAsAddSlot: addSlots leaves the sink as addSlot one feature
// and slot at a time does (the sum bit for bit, the two heaviest with
// their ties, the trees' bits), over the shipped model's entries in random
// lists with missing and repeated features.
func TestAddSlotsAsAddSlot(t *testing.T) {
	m := New().model
	if m == nil {
		t.Skip("no shipped model")
	}
	var all []*featEntry
	for _, e := range m.conj {
		all = append(all, e)
	}
	slices.SortFunc(all, func(a, b *featEntry) int { return strings.Compare(a.name[slotPlain], b.name[slotPlain]) })
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 2000 {
		ents := make([]*featEntry, rng.IntN(40))
		for i := range ents {
			switch x := rng.IntN(10); {
			case x == 0:
				ents[i] = nil // weighs nothing
			case x == 1 && i > 0:
				ents[i] = ents[rng.IntN(i)] // a tie with an earlier one
			default:
				ents[i] = all[rng.IntN(len(all))]
			}
		}
		k, k2 := rng.IntN(nSlots), rng.IntN(nSlots+1)-1
		a, b := &featSink{m: m}, &featSink{m: m}
		a.reset()
		b.reset()
		pre := all[rng.IntN(len(all))] // a feature added before
		a.addSlot(pre, slotPlain)
		b.addSlot(pre, slotPlain)
		for _, e := range ents {
			a.addSlot(e, k)
			if k2 >= 0 {
				a.addSlot(e, k2)
			}
		}
		b.addSlots(ents, k, k2)
		if math.Float64bits(a.score) != math.Float64bits(b.score) || a.topW != b.topW || a.topName != b.topName || !slices.Equal(a.treeBits(), b.treeBits()) {
			t.Fatalf("trial %d, slots %d, %d: addSlot %v %v %q, addSlots %v %v %q", trial, k, k2, a.score, a.topW, a.topName, b.score, b.topW, b.topName)
		}
	}
}
