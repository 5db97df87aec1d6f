// Package trie maps rune sequences to values: the word lists of the language
// stages, matched at each position of a text without allocating.
package trie

import "github.com/newsnlp/newsnlp/stages/internal/runeset"

// Trie maps rune sequences to values; it finds every key that starts at a
// position of a text, longest last. The zero value is empty and ready.
type Trie[V any] struct {
	root  tnode[V]
	first runeset.Set // the root's children: most positions start no key
	size  int         // keys
	// rootBMP finds the root's child for a rune of the BMP in one load,
	// once the root has rootDense children, instead of a binary search
	// over thousands of first characters.
	rootBMP []*tnode[V]
	// flat is the same keys laid out for lookups (see Freeze); nil until
	// Freeze, and again after an Add.
	flat *flat[V]
}

// rootDense is the number of the root's children from which rootBMP (512
// KB) is kept: the large word lists, not the small tries made per post.
const rootDense = 512

// tnode keeps its children in rune order: a few comparisons find one, with
// no hashing, and most nodes have one or two.
type tnode[V any] struct {
	runes []rune
	kids  []*tnode[V]
	vals  []V
	end   bool
}

// child returns the child for r, or nil.
func (n *tnode[V]) child(r rune) *tnode[V] {
	rs := n.runes
	if len(rs) <= 8 {
		for k, x := range rs {
			if x == r {
				return n.kids[k]
			}
		}
		return nil
	}
	lo, hi := 0, len(rs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rs[m] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(rs) && rs[lo] == r {
		return n.kids[lo]
	}
	return nil
}

// Add adds a key with a value; a key may hold several values. It undoes
// Freeze.
func (t *Trie[V]) Add(key []rune, v V) {
	t.flat = nil
	n := &t.root
	if len(key) > 0 {
		t.first.Add(key[0])
	}
	for _, r := range key {
		c := n.child(r)
		if c == nil {
			c = &tnode[V]{}
			if n == &t.root {
				t.addRoot(r, c)
			}
			k := len(n.runes)
			for k > 0 && n.runes[k-1] > r {
				k--
			}
			n.runes = append(n.runes, 0)
			n.kids = append(n.kids, nil)
			copy(n.runes[k+1:], n.runes[k:])
			copy(n.kids[k+1:], n.kids[k:])
			n.runes[k], n.kids[k] = r, c
		}
		n = c
	}
	if !n.end {
		t.size++
	}
	n.end = true
	n.vals = append(n.vals, v)
}

// addRoot notes a new child c of the root for r in rootBMP, which it makes
// when the root reaches rootDense children.
func (t *Trie[V]) addRoot(r rune, c *tnode[V]) {
	if t.rootBMP == nil && len(t.root.runes)+1 >= rootDense {
		t.rootBMP = make([]*tnode[V], 0x10000)
		for k, x := range t.root.runes {
			if x >= 0 && x < 0x10000 {
				t.rootBMP[x] = t.root.kids[k]
			}
		}
	}
	if t.rootBMP != nil && r >= 0 && r < 0x10000 {
		t.rootBMP[r] = c
	}
}

// rootChild is root.child(r).
func (t *Trie[V]) rootChild(r rune) *tnode[V] {
	if t.rootBMP != nil && r >= 0 && r < 0x10000 {
		return t.rootBMP[r]
	}
	return t.root.child(r)
}

// Match is a key found at a position: its length in runes and its values.
type Match[V any] struct {
	N    int
	Vals []V
}

// MatchesAt appends to buf every key that text[i:] starts with, shortest
// first.
func (t *Trie[V]) MatchesAt(text []rune, i int, buf []Match[V]) []Match[V] {
	if i >= len(text) || !t.first.Has(text[i]) {
		return buf
	}
	if f := t.flat; f != nil {
		return f.matchesAt(text, i, buf)
	}
	n := t.rootChild(text[i])
	for j := i; n != nil; {
		if n.end {
			buf = append(buf, Match[V]{N: j - i + 1, Vals: n.vals})
		}
		if j++; j >= len(text) {
			break
		}
		n = n.child(text[j])
	}
	return buf
}

// LongestBack returns the length of the longest key that text[:j] ends
// with, for a trie of reversed keys; 0 when none does.
func (t *Trie[V]) LongestBack(text []rune, j int) int {
	if j <= 0 || j > len(text) || !t.first.Has(text[j-1]) {
		return 0
	}
	if f := t.flat; f != nil {
		return f.longestBack(text, j)
	}
	n, best := t.rootChild(text[j-1]), 0
	for k := j - 1; n != nil; {
		if n.end {
			best = j - k
		}
		if k--; k < 0 {
			break
		}
		n = n.child(text[k])
	}
	return best
}

// Len returns the number of keys.
func (t *Trie[V]) Len() int { return t.size }

// flat is a frozen trie: every node a 16-byte record in one slice, the
// children of a node next to each other in rune order, each holding its
// rune. A step of a walk reads the block of the current node's children,
// which holds the child's own block bounds too: one dependent load a
// character where the pointer nodes take three (the node, its rune list,
// its child list).
type flat[V any] struct {
	nodes []fnode
	vals  [][]V
	root  fnode // its children are nodes[0:root.n]
	// rootBMP is the index plus one of the root's child for a rune of the
	// BMP (0: none), kept when the root has rootDense children.
	rootBMP []uint32
}

type fnode struct {
	r     rune
	first uint32 // the first child's index in nodes
	n     uint32 // children
	val   int32  // index in vals when a key ends here, else -1
}

// Freeze lays the trie out for faster lookups: MatchesAt and LongestBack
// give the same answers, reading about half as many places of memory per
// character. It suits a trie built once and read many times (a word list
// loaded at start-up); a later Add undoes it (Freeze again after). Freeze
// must not run concurrently with lookups.
func (t *Trie[V]) Freeze() {
	f := &flat[V]{}
	var queue []*tnode[V] // queue[k] is the pointer node of f.nodes[k]
	kids := func(n *tnode[V]) uint32 {
		first := uint32(len(f.nodes))
		for k, r := range n.runes {
			c := n.kids[k]
			v := int32(-1)
			if c.end {
				v = int32(len(f.vals))
				f.vals = append(f.vals, c.vals)
			}
			f.nodes = append(f.nodes, fnode{r: r, val: v})
			queue = append(queue, c)
		}
		return first
	}
	f.root = fnode{first: kids(&t.root), n: uint32(len(t.root.runes)), val: -1}
	for k := 0; k < len(queue); k++ {
		n := queue[k]
		first := kids(n)
		f.nodes[k].first, f.nodes[k].n = first, uint32(len(n.runes))
	}
	if len(t.root.runes) >= rootDense {
		f.rootBMP = make([]uint32, 0x10000)
		for k, r := range t.root.runes {
			if r >= 0 && r < 0x10000 {
				f.rootBMP[r] = uint32(k) + 1
			}
		}
	}
	t.flat = f
}

// child returns the index of the child for r of the node whose children
// are nodes[first:first+n].
func (f *flat[V]) child(first, n uint32, r rune) (uint32, bool) {
	kids := f.nodes[first : first+n]
	if len(kids) <= 8 {
		for k := range kids {
			if kids[k].r == r {
				return first + uint32(k), true
			}
		}
		return 0, false
	}
	lo, hi := 0, len(kids)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if kids[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(kids) && kids[lo].r == r {
		return first + uint32(lo), true
	}
	return 0, false
}

func (f *flat[V]) rootChild(r rune) (uint32, bool) {
	if f.rootBMP != nil && r >= 0 && r < 0x10000 {
		k := f.rootBMP[r]
		return k - 1, k != 0
	}
	return f.child(f.root.first, f.root.n, r)
}

func (f *flat[V]) matchesAt(text []rune, i int, buf []Match[V]) []Match[V] {
	k, ok := f.rootChild(text[i])
	for j := i; ok; {
		n := &f.nodes[k]
		if n.val >= 0 {
			buf = append(buf, Match[V]{N: j - i + 1, Vals: f.vals[n.val]})
		}
		if j++; j >= len(text) {
			break
		}
		k, ok = f.child(n.first, n.n, text[j])
	}
	return buf
}

func (f *flat[V]) longestBack(text []rune, j int) int {
	k, ok := f.rootChild(text[j-1])
	best := 0
	for i := j - 1; ok; {
		n := &f.nodes[k]
		if n.val >= 0 {
			best = j - i
		}
		if i--; i < 0 {
			break
		}
		k, ok = f.child(n.first, n.n, text[i])
	}
	return best
}
