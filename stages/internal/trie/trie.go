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

// Add adds a key with a value; a key may hold several values.
func (t *Trie[V]) Add(key []rune, v V) {
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
