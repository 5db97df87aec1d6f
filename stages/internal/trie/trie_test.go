package trie

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTrie(t *testing.T) {
	var tr Trie[string]
	for _, k := range []string{"美国", "美国之音", "美", "中美洲"} {
		tr.Add([]rune(k), k)
	}
	tr.Add([]rune("美国"), "again")
	if tr.Len() != 4 {
		t.Errorf("Len = %d", tr.Len())
	}
	text := []rune("美国之音报道")
	ms := tr.MatchesAt(text, 0, nil)
	if len(ms) != 3 || ms[0].N != 1 || ms[1].N != 2 || ms[2].N != 4 || len(ms[1].Vals) != 2 {
		t.Errorf("MatchesAt = %+v", ms)
	}
	if ms := tr.MatchesAt(text, 4, nil); len(ms) != 0 {
		t.Errorf("MatchesAt(4) = %+v", ms)
	}
	var rev Trie[struct{}]
	for _, k := range []string{"长外", "长部交外"} { // 外长, 外交部长 reversed
		rev.Add([]rune(k), struct{}{})
	}
	if n := rev.LongestBack([]rune("中国外交部长王毅"), 6); n != 4 {
		t.Errorf("LongestBack = %d, want 4", n)
	}
	if n := rev.LongestBack([]rune("王毅"), 2); n != 0 {
		t.Errorf("LongestBack = %d, want 0", n)
	}
}

// TestTrieAgainstScan checks MatchesAt and LongestBack against a plain scan
// of the keys, with nodes of many children (binary search) and few, and
// with a root of few children and of many (the dense first step, a rune
// beyond the BMP among them).
func TestTrieAgainstScan(t *testing.T) {
	big := []rune("𠮷ab")
	for r := rune(0x4e00); r < 0x4e00+600; r++ {
		big = append(big, r)
	}
	for _, alphabet := range [][]rune{[]rune("中美俄乌日韩台港澳一二三四五六七八九十abcdefghij"), big} {
		t.Run(string(alphabet[:3]), func(t *testing.T) { trieAgainstScan(t, alphabet, len(alphabet) > rootDense) })
	}
}

func trieAgainstScan(t *testing.T, alphabet []rune, wantDense bool) {
	rng := rand.New(rand.NewPCG(3, 4))
	var tr, rev, fr, frRev Trie[int]
	keys := map[string]bool{}
	for i := range 3000 {
		k := make([]rune, 1+rng.IntN(4))
		for j := range k {
			k[j] = alphabet[rng.IntN(len(alphabet))]
		}
		keys[string(k)] = true
		tr.Add(k, i)
		fr.Add(k, i)
		r := slices.Clone(k)
		slices.Reverse(r)
		rev.Add(r, i)
		frRev.Add(r, i)
		if i == 1500 {
			// Frozen halfway: the Adds after undo it, and it is frozen
			// again below.
			fr.Freeze()
		}
	}
	if fr.flat != nil {
		t.Fatal("Add left the trie frozen")
	}
	fr.Freeze()
	frRev.Freeze()
	if fr.flat == nil || len(fr.flat.nodes) == 0 {
		t.Fatal("not frozen")
	}
	for range 200 {
		text := make([]rune, 12)
		for j := range text {
			text[j] = alphabet[rng.IntN(len(alphabet))]
		}
		for i := range text {
			var want []int
			for n := 1; i+n <= len(text); n++ {
				if keys[string(text[i:i+n])] {
					want = append(want, n)
				}
			}
			var got []int
			for _, m := range tr.MatchesAt(text, i, nil) {
				got = append(got, m.N)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%q at %d: matches %v, want %v", string(text), i, got, want)
			}
			// The frozen form answers the same, with the same values.
			if got, want := fr.MatchesAt(text, i, nil), tr.MatchesAt(text, i, nil); !matchesEqual(got, want) {
				t.Fatalf("%q at %d: frozen %v, want %v", string(text), i, got, want)
			}
			best := 0
			for n := 1; n <= i+1; n++ {
				if keys[string(text[i+1-n:i+1])] {
					best = n
				}
			}
			if got := rev.LongestBack(text, i+1); got != best {
				t.Fatalf("%q before %d: longest %d, want %d", string(text), i+1, got, best)
			}
			if got := frRev.LongestBack(text, i+1); got != best {
				t.Fatalf("%q before %d: frozen longest %d, want %d", string(text), i+1, got, best)
			}
		}
	}
	if tr.Len() != len(keys) || fr.Len() != len(keys) {
		t.Errorf("Len %d, want %d", tr.Len(), len(keys))
	}
	if dense := len(tr.root.runes) >= rootDense; dense != (tr.rootBMP != nil) || dense != wantDense {
		t.Errorf("%d children at the root, dense table %v", len(tr.root.runes), tr.rootBMP != nil)
	}
	if dense := len(fr.root.runes) >= rootDense; dense != (fr.flat.rootBMP != nil) {
		t.Errorf("%d children at the root, frozen dense table %v", len(fr.root.runes), fr.flat.rootBMP != nil)
	}
}

func matchesEqual(a, b []Match[int]) bool {
	return slices.EqualFunc(a, b, func(x, y Match[int]) bool { return x.N == y.N && slices.Equal(x.Vals, y.Vals) })
}
