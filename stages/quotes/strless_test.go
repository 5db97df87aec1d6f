package quotes

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// utf8Cases are ASCII, Chinese, two- and four-byte characters, and every
// kind of invalid UTF-8 (stray continuation bytes, truncated sequences,
// overlong forms, surrogates, bytes that start nothing).
var utf8Cases = []string{
	"", "a", "王毅表示：“中方坚决反对。”", "Zoë said «non» 🙂 ok",
	"\x80", "\xe4\xb8", "\xe4\xb8\xad\xe4", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xe0\xa0\x80",
	"\xed\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf", "\xc0\xaf", "\xf0\x9f\x98",
	"\xf8\x88\x80\x80\x80", "\xff中\xfe", "中\xe4\xb8x文", "\xe4\x80\x80\xe4\xc0\x80",
}

// TestRuneComparisons checks the comparisons that make no string against
// the string forms they replace, at every position of texts holding the
// words compared.
func TestRuneComparisons(t *testing.T) {
	texts := []string{
		"一位官员说，消息人士透露该部门的计划表与该部分方案罪", "另一名议员指出该委员会办公室", "专案", "罪", "", "x该行长",
	}
	for _, text := range texts {
		rs := []rune(text)
		for i := 0; i <= len(rs); i++ {
			if got, want := runesHaveUnnamedPrefix(rs[i:]), hasUnnamedPrefix(string(rs[i:])); got != want {
				t.Errorf("%q at %d: unnamed prefix %v, string form %v", text, i, got, want)
			}
			if got, want := endsWithThing(rs[:i]), endsWithThingString(rs[:i]); got != want {
				t.Errorf("%q to %d: ends with a thing %v, string form %v", text, i, got, want)
			}
			for _, w := range append(append(slices.Clone(orgRefHeads), unnamed...), thingWords...) {
				r := []rune(w)
				want := i+len(r) <= len(rs) && string(rs[i:i+len(r)]) == w
				if got := runesAt(rs, i, w); got != want {
					t.Errorf("%q at %d: %q there %v, string form %v", text, i, w, got, want)
				}
			}
		}
	}
	// The pronouns before a verb (subjectBefore).
	for _, text := range []string{"他们说他本人她本人我们大家双方两人二人她她们他", "这名这位该名该位此位这些此名", ""} {
		rs := []rune(text)
		for i := 0; i <= len(rs); i++ {
			for n := 0; i+n <= len(rs) && n <= 4; n++ {
				w := rs[i : i+n]
				if wordIn(w, pluralRunes) != plural[string(w)] || wordIn(w, singularRunes) != singular[string(w)] {
					t.Errorf("%q: pronoun words as runes differ", string(w))
				}
			}
		}
	}
	for _, name := range []string{"", "王丽", "艾梅柏·希尔德", "张伟", "李女士", "x\xff", "\xe4\xb8", "丽\xe4\xb8"} {
		if got, want := female(name), femaleString(name); got != want {
			t.Errorf("female(%q) = %v, string form %v", name, got, want)
		}
	}
}

// endsWithThingString is endsWithThing as it was, over a string.
func endsWithThingString(content []rune) bool {
	s := string(content)
	for _, w := range thingEnds {
		if strings.HasSuffix(s, w) && len(content) > len([]rune(w)) {
			return true
		}
	}
	return false
}

// femaleString is female's test of the last character as it was.
func femaleString(name string) bool {
	r := []rune(name)
	if len(r) == 0 {
		return false
	}
	if strings.HasSuffix(name, "女士") || strings.HasSuffix(name, "夫人") {
		return true
	}
	if strings.ContainsRune(femaleChars, r[len(r)-1]) {
		return true
	}
	if i := strings.IndexRune(name, '·'); i > 0 {
		for _, c := range name[:i] {
			if strings.ContainsRune("娜莎丽娅妮琳蒂丝黛琪菲薇蕾瑶姗梅", c) {
				return true
			}
		}
	}
	return false
}

// TestLatinWindow checks latinWindow against its definition (Latin
// letters at least 40 and twice the Han characters) over every window of
// mixed texts, and that a post with fewer than 40 Latin letters keeps no
// counts.
func TestLatinWindow(t *testing.T) {
	en := "The minister said on Tuesday that the talks would go on. "
	for _, text := range []string{
		strings.Repeat(en, 3) + "外交部发言人表示，" + strings.Repeat("中方", 30) + en + "Ça va, Zoë? 好。",
		"中文" + strings.Repeat("ab 中", 25),
		"only a few Latin letters here 中文",
	} {
		d := newDoc(rulesOnly(), text, text, nil, nil)
		for a := 0; a <= len(d.norm); a += 3 {
			for b := a; b <= len(d.norm); b += 7 {
				lat, han := 0, 0
				for _, r := range d.norm[a:b] {
					switch {
					case r < 0x250 && unicode.IsLetter(r):
						lat++
					case unicode.Is(unicode.Han, r):
						han++
					}
				}
				if got, want := d.latinWindow(a, b), lat >= 40 && lat >= 2*han; got != want {
					t.Fatalf("%q [%d, %d): %v, want %v (%d Latin, %d Han)", text, a, b, got, want, lat, han)
				}
			}
		}
		total := 0
		for _, r := range text {
			if r < 0x250 && unicode.IsLetter(r) {
				total++
			}
		}
		if few := total < 40; few != (d.latinAt == nil) {
			t.Errorf("%q: counts kept %v", text, d.latinAt != nil)
		}
	}
}

// TestTypeEntries checks the entries of type=… found by slot against
// those found by name, in the shipped model and in one without them.
func TestTypeEntries(t *testing.T) {
	m, err := ReadModel(strings.NewReader("type=person\t0.5\ntype=outlet|outlet\t-1\ncand\t1\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []*Model{m, New().model} {
		fs := &featSink{m: m}
		for _, typ := range []string{"person", "organization", "country", "outlet", "unknown", "other", ""} {
			if got, want := fs.typeEntry(typ), m.conj["type="+typ]; got != want {
				t.Errorf("type=%s: entry %p by slot, %p by name", typ, got, want)
			}
		}
	}
	if e := (&featSink{m: m}).typeEntry("outlet"); e == nil || e.slot[slotOutlet].w != -1 {
		t.Errorf("type=outlet's entry %+v", e)
	}
}

func TestIsLatinTable(t *testing.T) {
	for r := rune(-2); r <= 0x2000; r++ {
		if got, want := isLatin(r), r < 0x250 && unicode.IsLetter(r); got != want {
			t.Fatalf("isLatin(%U) = %v", r, got)
		}
	}
	if isLatin(unicode.MaxRune+1) || isLatin(-0x10000) {
		t.Error("isLatin out of range")
	}
}

// TestTextOf checks the quotes' text taken from the post's string against
// the code points' string, asked forwards, backwards and nested, in valid
// and invalid UTF-8.
func TestTextOf(t *testing.T) {
	for _, text := range append([]string{"王毅表示：“中方坚决反对。”Zoë 🙂 \uFFFD ok"}, utf8Cases...) {
		d := newDoc(rulesOnly(), text, text, nil, nil)
		if d.srcValid != utf8.ValidString(text) {
			t.Errorf("%q: valid %v", text, d.srcValid)
		}
		n := len(d.text)
		for _, ab := range [][2]int{{0, n}, {n / 2, n}, {0, n / 2}, {n / 3, 2 * n / 3}, {n, n}, {1, n}, {0, 0}} {
			a, b := min(ab[0], n), min(ab[1], n)
			if a > b {
				continue
			}
			if got, want := d.textOf(a, b), string(d.text[a:b]); got != want {
				t.Errorf("%q [%d, %d): %q, want %q", text, a, b, got, want)
			}
		}
	}
}

func TestIsPunctTable(t *testing.T) {
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if isPunct(r) != unicode.IsPunct(r) {
			t.Fatalf("isPunct(%U) = %v", r, isPunct(r))
		}
	}
}

// TestTextOfLong asks a long post's text in random order, so that byteAt
// walks forward, jumps back to its checkpoints and walks on from them.
func TestTextOfLong(t *testing.T) {
	var b strings.Builder
	for b.Len() < 6000 {
		b.WriteString("王毅表示：“中方坚决反对。”Zoë said 🙂 ok, ")
	}
	text := b.String()
	d := newDoc(rulesOnly(), text, text, nil, nil)
	n := len(d.text)
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		a, c := rnd.IntN(n+1), rnd.IntN(n+1)
		a, c = min(a, c), max(a, c)
		if rnd.IntN(4) == 0 {
			c = min(n, a+rnd.IntN(3))
		}
		if got, want := d.textOf(a, c), string(d.text[a:c]); got != want {
			t.Fatalf("[%d, %d): %q, want %q", a, c, got, want)
		}
	}
}

func TestRuneLen(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if want := utf8.RuneLen(r); want > 0 && runeLen(r) != want {
			t.Fatalf("runeLen(%U) = %d, want %d", r, runeLen(r), want)
		}
	}
}

// TestTextOfMarks asks every stretch of posts around a multiple of the
// checkpoints' step long, in order and back: the last checkpoint, the
// text's end and an empty post.
func TestTextOfMarks(t *testing.T) {
	for _, n := range []int{0, 1, byteStep - 1, byteStep, byteStep + 1, 2 * byteStep, 2*byteStep + 3} {
		rs := []rune(strings.Repeat("中a🙂", n))[:n]
		text := string(rs)
		d := newDoc(rulesOnly(), text, text, nil, nil)
		for a := n; a >= 0; a-- {
			for c := a; c <= n; c++ {
				if got, want := d.textOf(a, c), string(rs[a:c]); got != want {
					t.Fatalf("%d code points, [%d, %d): %q, want %q", n, a, c, got, want)
				}
			}
		}
	}
}
