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

// TestCandFeaturesRoom: scoring makes room for its entries even when the
// scratch's ids were grown by training alone (the scratches are shared by
// every Stage of the process).
func TestCandFeaturesRoom(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	s := New()
	if s.model == nil {
		t.Skip("no shipped model")
	}
	text := "外交部发言人毛宁表示，中方的立场是一贯的。毛宁说：“我们会继续努力。”她还说：“希望各方保持克制。”"
	norm, toks, ms := chain(t, text)
	d := newDoc(s, text, norm, toks, ms)
	defer d.release()
	d.attribute()
	d.sortQuotes()
	if len(d.quotes) == 0 {
		t.Fatal("no quotes found")
	}
	d.sink.m = s.model
	d.sink.ids, d.sink.ents = make([]int16, 0, 4*maxCandFeats), nil
	n := 0
	for _, cs := range d.candidates(s.model.decider()) {
		n += len(cs)
	}
	if n == 0 {
		t.Fatal("no candidates scored")
	}
}
