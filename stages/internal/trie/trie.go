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
}

type tnode[V any] struct {
	next map[rune]*tnode[V]
	vals []V
	end  bool
}

// Add adds a key with a value; a key may hold several values.
func (t *Trie[V]) Add(key []rune, v V) {
	n := &t.root
	if len(key) > 0 {
		t.first.Add(key[0])
	}
	for _, r := range key {
		if n.next == nil {
			n.next = map[rune]*tnode[V]{}
		}
		c := n.next[r]
		if c == nil {
			c = &tnode[V]{}
			n.next[r] = c
		}
		n = c
	}
	if !n.end {
		t.size++
	}
	n.end = true
	n.vals = append(n.vals, v)
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
	n := &t.root
	for j := i; j < len(text); j++ {
		if n.next == nil {
			break
		}
		n = n.next[text[j]]
		if n == nil {
			break
		}
		if n.end {
			buf = append(buf, Match[V]{N: j - i + 1, Vals: n.vals})
		}
	}
	return buf
}

// LongestBack returns the length of the longest key that text[:j] ends
// with, for a trie of reversed keys; 0 when none does.
func (t *Trie[V]) LongestBack(text []rune, j int) int {
	if j <= 0 || j > len(text) || !t.first.Has(text[j-1]) {
		return 0
	}
	n, best := &t.root, 0
	for k := j - 1; k >= 0; k-- {
		if n.next == nil {
			break
		}
		if n = n.next[text[k]]; n == nil {
			break
		}
		if n.end {
			best = j - k
		}
	}
	return best
}

// Len returns the number of keys.
func (t *Trie[V]) Len() int { return t.size }
