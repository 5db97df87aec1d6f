package quotes

import (
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// TestKeptMaps checks that a map kept for the next post comes back empty,
// and that one grown past maxKeptMap is not kept.
func TestKeptMaps(t *testing.T) {
	m := map[string]int{"a": 1, "b": 2}
	kept := keepMap(m)
	if kept == nil || len(kept) != 0 {
		t.Fatalf("kept %v", kept)
	}
	got := takeMap(&kept)
	got["c"] = 3
	if kept != nil || len(m) != 1 || m["c"] != 3 {
		t.Errorf("taken %v, left %v, the kept map %v", got, kept, m)
	}
	if got := takeMap(&kept); got == nil || len(got) != 0 {
		t.Errorf("nothing kept: got %v", got)
	}
	big := map[int]bool{}
	for i := range maxKeptMap + 1 {
		big[i] = true
	}
	if keepMap(big) != nil {
		t.Errorf("a map of %d entries was kept", len(big))
	}
}

// TestKeptRows checks that a post without quotes leaves the scratch's
// arrays of quote rows for the next post: sortQuotes gives it an empty
// list of its own, which must not take their place.
func TestKeptRows(t *testing.T) {
	sc := new(scratch)
	sc.text = make([]rune, 0, 8)
	sc.quotes, sc.meta = make([]pipeline.Quote, 0, 8), make([]quoteMeta, 0, 8)
	d := &sc.doc
	*d = doc{scratch: sc}
	d.sortQuotes() // no quotes found: an empty list
	d.release()
	if cap(sc.quotes) != 8 || cap(sc.meta) != 8 {
		t.Errorf("rows kept with capacity %d and %d, want 8", cap(sc.quotes), cap(sc.meta))
	}
}
