package pipeline

import "slices"

// idSet is an exact set of 64-bit ids for the whole of a run, which adds
// one per input: a sorted array and a map of the ids added since it was
// last merged into the array, at most a sixteenth of it. A map alone took
// 23 bytes an id at 100,000 ids and 38 at a million (38 MB a million
// posts' run kept, and the garbage collector's target had to leave room
// for); the set takes 9 to 10 (TestIDSetBytesPerID).
type idSet struct {
	sorted []uint64
	recent map[uint64]struct{}
}

// minRecent is the fewest ids the map holds before a merge: a small set
// stays a map.
const minRecent = 4096

func (s *idSet) has(n uint64) bool {
	if _, ok := s.recent[n]; ok {
		return true
	}
	_, ok := slices.BinarySearch(s.sorted, n)
	return ok
}

func (s *idSet) add(n uint64) {
	if s.has(n) {
		return
	}
	if s.recent == nil {
		s.recent = map[uint64]struct{}{}
	}
	s.recent[n] = struct{}{}
	if len(s.recent) >= max(minRecent, len(s.sorted)/16) {
		s.merge()
	}
}

// merge moves the recent ids into the sorted array, merging from its end
// in place.
func (s *idSet) merge() {
	add := make([]uint64, 0, len(s.recent))
	for n := range s.recent {
		add = append(add, n)
	}
	slices.Sort(add)
	clear(s.recent)
	i, j := len(s.sorted)-1, len(add)-1
	s.sorted = slices.Grow(s.sorted, len(add))[:len(s.sorted)+len(add)]
	for k := len(s.sorted) - 1; j >= 0; k-- {
		if i >= 0 && s.sorted[i] > add[j] {
			s.sorted[k] = s.sorted[i]
			i--
		} else {
			s.sorted[k] = add[j]
			j--
		}
	}
}

// len returns the number of ids in the set.
func (s *idSet) len() int { return len(s.sorted) + len(s.recent) }
