package quotes

import (
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
	if e == nil || e.w[slotPlain] != 0.5 || e.w[slotPerson] != 2 {
		t.Errorf("b_dist=100's entry %+v", e)
	}
	if e := m.lits[int(binnedFeats[binCount].first)+4]; e == nil || e.w[slotPlain] != -0.25 {
		t.Errorf("count=more's entry %+v", e)
	}
	if e := m.lits[int(binnedFeats[binRankAfter].first)]; e != nil {
		t.Errorf("rank_after=1 weighs nothing, entry %+v", e)
	}
}
