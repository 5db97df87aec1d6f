package entities

// runeIndex chains the positions of a post's characters by a hash of the
// character, so that counting a name's occurrences visits only the
// positions that may start it, where a search of the whole post per
// proposed name made the count quadratic in long posts. head[h] is one
// plus the last position whose character hashes to h (0: none), next[p]
// one plus the position before p of the same hash.
type runeIndex struct {
	head, next []int32
	shift      uint
}

// build indexes r, reusing x's buffers.
func (x *runeIndex) build(r []rune) {
	bits := uint(6)
	for 1<<bits < len(r) && bits < 16 {
		bits++
	}
	x.shift = 32 - bits
	x.head = grow(x.head, 1<<bits)
	clear(x.head)
	x.next = grow(x.next, len(r))
	for p, c := range r {
		h := x.hash(c)
		x.next[p] = x.head[h]
		x.head[h] = int32(p + 1)
	}
}

func (x *runeIndex) hash(c rune) uint32 { return uint32(c) * 0x9e3779b1 >> x.shift }

// count is min(countRunes(r, sub), most) (countRunes: the tests' oracle)
// for the r x was built on and a non-empty sub: the occurrences of sub,
// overlapping ones too, counted from the end of r until the most-th.
func (x *runeIndex) count(r, sub []rune, most int) int {
	n := 0
	c := sub[0]
	for p := x.head[x.hash(c)]; p != 0 && n < most; p = x.next[p-1] {
		k := int(p - 1)
		if r[k] == c && k+len(sub) <= len(r) && runesEqual(r[k+1:k+len(sub)], sub[1:]) {
			n++
		}
	}
	return n
}

// each calls fn with the start of each occurrence of sub in r (from the
// end of r, overlapping ones too) until fn returns false or most were
// visited.
func (x *runeIndex) each(r, sub []rune, most int, fn func(k int) bool) {
	n := 0
	c := sub[0]
	for p := x.head[x.hash(c)]; p != 0 && n < most; p = x.next[p-1] {
		k := int(p - 1)
		if r[k] == c && k+len(sub) <= len(r) && runesEqual(r[k+1:k+len(sub)], sub[1:]) {
			n++
			if !fn(k) {
				return
			}
		}
	}
}
