package quotes

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/newsnlp/newsnlp/pipeline"
)

// TestLatinNamesInChinese: a Latin-script name in Chinese text that the
// entity stage does not tag is a candidate, marked latin_zh.
func TestLatinNamesInChinese(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct{ text, want string }{
		{"墨西哥城公布实验室的领导人选，是拥有作家、纪录片导演身分的 Gabriella Gomez-Mont。“我们其实研究了几个月，最后决定要成立这个实验室。”", "Gabriella Gomez-Mont"},
		{"Nathan Schneider是科罗拉多大学媒体研究驻留学者，他在邮件里说：“合作社平台的模式其实很有前途。”", "Nathan Schneider"},
	} {
		norm, toks, ms := chain(t, tc.text)
		_, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: tc.text}, Norm: norm, Tokens: toks, Mentions: ms})
		found := false
		for _, cs := range cands {
			for _, c := range cs {
				if c.Surface == tc.want {
					found = true
					if !slices.Contains(c.Features, "latin_zh") {
						t.Errorf("%s lacks latin_zh: %v", c.Surface, c.Features)
					}
				}
			}
		}
		if !found {
			t.Errorf("%s is no candidate", tc.want)
		}
	}
}

// TestNoLatinNoCandidate: a Chinese post without a capitalised Latin word
// outside its quotes, or with one word alone (Twitter), reads no runs and
// has no Latin candidate.
func TestNoLatinNoCandidate(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, text := range []string{
		"科罗拉多大学媒体研究驻留学者施耐德在邮件里说：“合作社平台的模式其实很有前途。”",
		"施耐德在邮件里说：“Nathan Schneider说合作社平台的模式其实很有前途。”",
		"施耐德在邮件里用iphone说：“合作社平台的模式其实很有前途。”",
		"施耐德在Twitter上说：“合作社平台的模式其实很有前途。”",
	} {
		norm, toks, ms := chain(t, text)
		d := newDoc(rulesOnly(), text, norm, toks, ms)
		d.attribute()
		if len(d.quotes) == 0 {
			t.Fatalf("%s: no quote", text)
		}
		for qi := range d.quotes {
			d.quoteCandidates(qi, nil, nil, quoteCounts{id: map[string]int{}, surface: map[string]int{}})
		}
		if d.latinRead {
			t.Errorf("%s: runs read: %v", text, d.latin)
		}
		_, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms})
		for _, cs := range cands {
			for _, c := range cs {
				if slices.Contains(c.Features, "latin_zh") {
					t.Errorf("%s: candidate %s", text, c.Surface)
				}
			}
		}
	}
}

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

// TestLatinOneWordInChinese: one Latin word in Chinese text is no
// candidate (Twitter), unless it stands for a fuller name the post writes
// (Schneider for Nathan Schneider).
func TestLatinOneWordInChinese(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	text := "Nathan Schneider是科罗拉多大学的学者。\n\n他的研究很受关注。Schneider在Twitter上写道：“合作社平台的模式其实很有前途。”"
	norm, toks, ms := chain(t, text)
	_, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms})
	var got []string
	for _, cs := range cands {
		for _, c := range cs {
			if slices.Contains(c.Features, "latin_zh") {
				got = append(got, c.Surface)
			}
		}
	}
	if !slices.Contains(got, "Nathan Schneider") || slices.Contains(got, "Twitter") {
		t.Errorf("latin_zh candidates %v, want Nathan Schneider and not Twitter", got)
	}
}
