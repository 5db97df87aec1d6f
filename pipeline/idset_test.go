package pipeline

import (
	"math/rand/v2"
	"runtime"
	"testing"
)

// The set answers as a map does, through its merges, ids added twice and
// ids next to ones added.
func TestIDSetLikeMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var s idSet
	ref := map[uint64]bool{}
	var added []uint64
	for i := range 60000 {
		n := rng.Uint64()
		switch {
		case i%10 == 0 && len(added) > 0:
			n = added[rng.IntN(len(added))] // again
		case i%10 == 1 && len(added) > 0:
			n = added[rng.IntN(len(added))] + 1 // a neighbour
		case i%1000 == 2:
			n = uint64(i) // small values, 0 among them
		}
		if got := s.has(n); got != ref[n] {
			t.Fatalf("id %d (%x): has %v, want %v", i, n, got, ref[n])
		}
		if i%3 == 0 {
			continue // asked, not added
		}
		s.add(n)
		if !ref[n] {
			ref[n] = true
			added = append(added, n)
		}
		if s.len() != len(ref) {
			t.Fatalf("after %d ids: %d in the set, want %d", i, s.len(), len(ref))
		}
	}
	if len(s.sorted) < len(ref)/2 {
		t.Fatalf("only %d of %d ids merged: the test should merge", len(s.sorted), len(ref))
	}
	for n := range ref {
		if !s.has(n) {
			t.Fatalf("%x lost", n)
		}
	}
}

// The set keeps about 8 bytes an id (the sorted array, its growth and the
// map of the last ids), not the 23 to 38 of a map of 100,000 to a
// million ids.
func TestIDSetBytesPerID(t *testing.T) {
	const n = 1_000_000
	rng := rand.New(rand.NewPCG(3, 4))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var s idSet
	for range n {
		s.add(rng.Uint64())
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := float64(after.HeapAlloc-before.HeapAlloc) / n
	if per > 12 {
		t.Errorf("id set: %.1f bytes an id, want at most 12", per)
	}
	t.Logf("id set: %.1f bytes an id over %d ids", per, n)
	runtime.KeepAlive(&s)
}
