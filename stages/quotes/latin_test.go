package quotes

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// latinNamesWordByWord is latinNames as it read every character of the
// post and made a string of every word.
func latinNamesWordByWord(d *doc) []latinName {
	out := []latinName{}
	caps := func(w string) bool {
		r := []rune(w)
		return len(r) > 0 && unicode.IsUpper(r[0])
	}
	n := len(d.norm)
	var words []string
	var starts []int
	for i := 0; i < n; i++ {
		if d.inQuote[i] {
			continue
		}
		e := d.enWordEnd(i)
		if e == i {
			continue
		}
		if !unicode.IsUpper(d.norm[i]) {
			i = e - 1
			continue
		}
		w := string(d.norm[i:e])
		words, starts = words[:0], starts[:0]
		k := i
		for {
			words, starts = append(words, w), append(starts, k)
			k += len([]rune(w))
			if k+1 >= n || d.norm[k] != ' ' {
				break
			}
			nw := d.enWord(k + 1)
			if nw == "" || d.inQuote[k+1] {
				break
			}
			if enLinks[nw] {
				after := k + 1 + len([]rune(nw))
				if after+1 < n && d.norm[after] == ' ' && caps(d.enWord(after+1)) {
					words, starts = append(words, nw), append(starts, k+1)
					k = after + 1
					w = d.enWord(k)
					continue
				}
				break
			}
			if !caps(nw) {
				break
			}
			k++
			w = nw
		}
		end := k
		i = end - 1
		last := len(words) - 1
		words[last] = strings.TrimSuffix(strings.TrimSuffix(words[last], "’s"), "'s")
		a := 0
		for a < len(words) && (enStop[words[a]] || enTitles[strings.TrimSuffix(words[a], ".")] || enLinks[words[a]] || d.lowerWord(words[a]) || a+1 < len(words) && strings.HasSuffix(words[a], "ly")) {
			a++
		}
		b := len(words)
		for b > a && enLinks[words[b-1]] {
			b--
		}
		if a >= b {
			continue
		}
		last = b - 1
		name := strings.Join(words[a:b], " ")
		s, e := starts[a], starts[last]+len([]rune(words[last]))
		if len([]rune(name)) < 2 || d.namedAt(s, e) || b-a == 1 && demonymKey([]byte(name)) {
			continue
		}
		if b-a == 1 && d.opensSentence(s) && !d.capitalisedInside([]rune(name)) {
			continue
		}
		if a > 0 && enPlacePreps[strings.ToLower(words[a-1])] || a == 0 && d.afterPlacePrep(s) {
			continue
		}
		typ := "person"
		if w := words[last]; enOrgHeads[w] || strings.ToUpper(w) == w && len([]rune(w)) >= 2 {
			typ = "organization"
		}
		out = append(out, latinName{span: [2]int{s, e}, name: name, typ: typ})
	}
	return out
}

// TestLatinNamesFromStarts: latinNames, reading runs at the capitals'
// starts alone, finds what a reading of every character found, in posts
// with quotes (reportedCues notes the starts) and without.
func TestLatinNamesFromStarts(t *testing.T) {
	texts := []string{
		"阿联酋外长阿卜杜拉（Abdullah bin Zayed al-Nahyan）去年说：“We Are Here.” 米娜·艾拉米（Mina al-Lami）表示",
		"Sheikh Abdullah bin Zayed Al Nahyan said the deal was done. 5al-Nahyan x-Ray O’Brien’s view, Robert O’Brien's aide",
		"In Taipei, President Tsai Ing-wen met Mr. John Smith of the Ministry of Foreign Affairs. More people came; more said “Not Here” to NATO and the WHO.",
		"Egyptian voters said so. Japarov said it. However, Japarov’s rivals (13) Reporters left. Reporters Without Borders said.",
		"纪录片导演 Gabriella Gomez-Mont。“我们其实研究了几个月。”Nathan Schneider是学者，Twitter、COVID-19与GDP。iPhone与AI",
		"“Quoted Name inside” and then Outside Name, then ÉCOLE Normale and Ángel Gurría said. 3D Printing Co",
		strings.Repeat("the quick brown fox jumps over lazy dogs; ", 8) + "Quick Brown said The Fox. Lazy Dogs Inc",
	}
	for _, text := range texts {
		for _, marks := range []bool{true, false} {
			d := newDoc(rulesOnly(), text, text, nil, nil)
			if marks {
				d.attribute()
			}
			want := latinNamesWordByWord(newDocLike(d, text))
			got := d.latinNames()
			if !slices.Equal(got, want) {
				t.Errorf("%q (attributed %v):\n got %v\nwant %v", text, marks, got, want)
			}
			if marks && strings.Contains(text, "“") && !d.startsRead {
				t.Errorf("%q: reportedCues noted no starts", text)
			}
		}
	}
}

// newDocLike is a new doc over text with d's quotes marked.
func newDocLike(d *doc, text string) *doc {
	x := newDoc(rulesOnly(), text, text, nil, nil)
	copy(x.inQuote, d.inQuote)
	return x
}
