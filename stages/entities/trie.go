package entities

// trie maps rune sequences to values; it finds every key that starts at a
// position of a text, longest last.
type trie[V any] struct {
	root tnode[V]
	size int
}

type tnode[V any] struct {
	next map[rune]*tnode[V]
	vals []V
	end  bool
}

func (t *trie[V]) add(key []rune, v V) {
	n := &t.root
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

// prefixMatch is a key found at a position: its length in runes and values.
type prefixMatch[V any] struct {
	n    int
	vals []V
}

// matchesAt appends to buf every key that text[i:] starts with, shortest
// first.
func (t *trie[V]) matchesAt(text []rune, i int, buf []prefixMatch[V]) []prefixMatch[V] {
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
			buf = append(buf, prefixMatch[V]{n: j - i + 1, vals: n.vals})
		}
	}
	return buf
}

// longestBack returns the length of the longest key that text[:j] ends
// with, for a trie of reversed keys; 0 when none does.
func (t *trie[V]) longestBack(text []rune, j int) int {
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
