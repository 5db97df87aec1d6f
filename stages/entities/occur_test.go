package entities

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// countUpToBytes is the count runeIndex replaced: bytes.Index over the
// post's UTF-8, the search going on one byte after each match's start
// (overlapping matches count), stopped at the most-th.
func countUpToBytes(s, sub []byte, most int) int {
	n := 0
	for n < most {
		k := bytes.Index(s, sub)
		if k < 0 {
			break
		}
		n++
		s = s[k+1:]
	}
	return n
}

// checkCount holds runeIndex.count and the occurrences each visits for
// sub in text to countRunes capped and to the byte search it replaced.
func checkCount(t *testing.T, x *runeIndex, r, sub []rune) {
	t.Helper()
	all := countRunes(r, sub)
	b, sb := []byte(string(r)), []byte(string(sub))
	for most := 1; most <= 4; most++ {
		n := 0
		x.each(r, sub, most, func(k int) bool {
			if !runesEqual(r[k:k+len(sub)], sub) {
				t.Fatalf("each(%q, %q) visits %d, no occurrence", string(r), string(sub), k)
			}
			n++
			return true
		})
		if want := min(all, most); n != want {
			t.Fatalf("each(%q, %q, %d) visits %d, countRunes capped %d", string(r), string(sub), most, n, want)
		}
		got := x.count(r, sub, most)
		if want := min(all, most); got != want {
			t.Fatalf("count(%q, %q, %d) = %d, countRunes capped %d", string(r), string(sub), most, got, want)
		}
		if old := countUpToBytes(b, sb, most); got != old {
			t.Fatalf("count(%q, %q, %d) = %d, the byte search %d", string(r), string(sub), most, got, old)
		}
	}
}

// TestRuneIndexCount holds the index's counts to the plain ones on small
// cases (overlaps, the cap, multi-byte characters), on random text of a
// few characters (many matches, and in a text of over 64 characters
// hashes shared by different characters), and on real posts' own
// substrings.
func TestRuneIndexCount(t *testing.T) {
	var x runeIndex
	texts := []string{"哈哈哈哈哈哈", "李明说李明李明李明", "a·b·a·b·a", "王小明和王小明的王小", "", "ab", "aaaa", "\u00e9\u00e9\u00e9", "ÀÁÂ€€"}
	subs := []string{"哈哈", "李明", "a·b", "王小", "李", "ab", "b", "aa", "\u00e9", "\u00c1", "€", "明李明"}
	capped := 0
	for _, text := range texts {
		r := []rune(text)
		x.build(r)
		for _, sub := range subs {
			checkCount(t, &x, r, []rune(sub))
			if countRunes(r, []rune(sub)) > 3 {
				capped++
			}
		}
	}
	if capped == 0 {
		t.Fatal("no text holds a word more than three times: the cap is not tested")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("王李明小哈a·b\u00e9€\U0001F600")
	for range 2000 {
		r := make([]rune, rng.IntN(300))
		for k := range r {
			r[k] = alphabet[rng.IntN(len(alphabet))]
			if rng.IntN(8) == 0 {
				r[k] = rune(0x4e00 + rng.IntN(0x5000)) // any Han character: shared hashes
			}
		}
		x.build(r)
		for range 10 {
			var sub []rune
			if len(r) > 0 && rng.IntN(2) == 0 {
				i := rng.IntN(len(r))
				sub = r[i:min(len(r), i+1+rng.IntN(4))]
			} else {
				sub = make([]rune, 1+rng.IntN(3))
				for k := range sub {
					sub[k] = alphabet[rng.IntN(len(alphabet))]
				}
			}
			checkCount(t, &x, r, sub)
		}
	}
	if testing.Short() {
		return
	}
	docs := corpusSample(t, 300)
	for _, d := range docs {
		r := []rune(d.Norm)
		x.build(r)
		for k := 0; k+1 < len(r); k += 1 + len(r)/40 {
			for n := 1; n <= 4 && k+n <= len(r); n++ {
				checkCount(t, &x, r, r[k:k+n])
			}
		}
	}
}

// FuzzRuneIndexCount holds the index's count to countRunes and the byte
// search on any text and any non-empty sub.
func FuzzRuneIndexCount(f *testing.F) {
	for _, s := range [][2]string{{"", "a"}, {"李明说李明李明李明", "李明"}, {"。。。", "。"}, {"“a”“", "“"}, {"a\xffb\xff", "\xff"}, {"哈哈哈", "哈哈"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, text, sub string) {
		if sub == "" {
			return
		}
		r, sr := []rune(text), []rune(sub)
		var x runeIndex
		x.build(r)
		all := countRunes(r, sr)
		for most := 1; most <= 4; most++ {
			got := x.count(r, sr, most)
			if want := min(all, most); got != want {
				t.Fatalf("count(%q, %q, %d) = %d, countRunes capped %d", text, sub, most, got, want)
			}
			// The byte search read norm's runes encoded again: invalid
			// UTF-8 was U+FFFD there too.
			if old := countUpToBytes([]byte(string(r)), []byte(string(sr)), most); got != old {
				t.Fatalf("count(%q, %q, %d) = %d, the byte search %d", text, sub, most, got, old)
			}
		}
	})
}

// countRunes counts the occurrences of sub in r, overlapping ones too
// (names do not overlap themselves in practice): runeIndex.count's oracle.
func countRunes(r, sub []rune) int {
	n := 0
	for k := 0; k+len(sub) <= len(r); k++ {
		if r[k] == sub[0] && runesEqual(r[k:k+len(sub)], sub) {
			n++
		}
	}
	return n
}
