package quotes

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSpansAsBefore checks appendSpans, which counts a line's closing ”
// only where a second “ asks, against the reading that counted them first
// for every line, on random text of marks, stops, spaces and breaks.
func TestSpansAsBefore(t *testing.T) {
	alphabet := []rune("“”“”‘’「」『』\"＂„‚。！ \u3000\n文字ab")
	rnd := rand.New(rand.NewPCG(5, 6))
	var out, ref []span
	for range 50000 {
		text := make([]rune, rnd.IntN(40))
		for i := range text {
			text[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		out = appendSpans(out, nil, text)
		ref = appendSpansRef(ref, nil, text)
		if !slices.Equal(out, ref) {
			t.Fatalf("%q: %+v, before %+v", string(text), out, ref)
		}
	}
}

func appendSpansRef(out []span, stack []openMark, text []rune) []span {
	out, stack = out[:0], stack[:0]
	n := len(text)
	for ls := 0; ls < n; {
		le := ls
		for le < n && text[le] != '\n' {
			le++
		}
		// closersLeft[k] counts the closing ” at k or after in this line: a
		// second “ inside an open one nests when two ” remain, and is a
		// closing mark typed wrong when only one does.
		closersLeft := 0
		for k := ls; k < le; k++ {
			if text[k] == '”' {
				closersLeft++
			}
		}
		i := ls
		// A carried quote continues if this paragraph opens with its mark.
		if len(stack) > 0 {
			k := i
			for k < le && (text[k] == ' ' || text[k] == '\u3000') {
				k++
			}
			top := stack[len(stack)-1]
			// A quote of several paragraphs: the paragraph before ended
			// inside it, after at least a sentence of it, and this one opens
			// with the same mark. An opening mark left unclosed by mistake
			// mid-paragraph does not swallow the next paragraph's quote.
			prevEnd := ls - 2
			for prevEnd > top.pos && (text[prevEnd] == ' ' || text[prevEnd] == '\u3000') {
				prevEnd--
			}
			sentence := prevEnd-top.pos > 6 && prevEnd >= 0 && strings.ContainsRune("。！？!?…", text[prevEnd])
			if k < le && text[k] == top.r && sentence {
				stack[len(stack)-1].multi = true
				i = k + 1
			} else {
				for len(stack) > 0 {
					o := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					out = append(out, span{start: o.pos + 1, stop: ls - 1, open: o.r, depth: len(stack), recovered: true, multi: o.multi})
				}
			}
		}
		for ; i < le; i++ {
			r := text[i]
			if !isMarkRef(r) {
				continue // most characters: one test
			}
			// German marks: „…“ and ‚…‘, whose closing marks are openers
			// elsewhere.
			if n := len(stack); n > 0 && (stack[n-1].r == '„' && r == '“' || stack[n-1].r == '‚' && r == '‘') {
				o := stack[n-1]
				stack = stack[:n-1]
				out = append(out, span{start: o.pos + 1, stop: i, open: o.r, depth: len(stack)})
				continue
			}
			if r == '„' || r == '‚' {
				stack = append(stack, openMark{r: r, pos: i})
				continue
			}
			switch {
			case straight(r):
				if len(stack) > 0 && stack[len(stack)-1].r == r {
					o := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					out = append(out, span{start: o.pos + 1, stop: i, open: r, depth: len(stack), multi: o.multi})
				} else {
					stack = append(stack, openMark{r: r, pos: i})
				}
			case r == '”':
				closersLeft--
				fallthrough
			case openOf(r) != 0:
				want := openOf(r)
				k := len(stack) - 1
				for k >= 0 && stack[k].r != want {
					k--
				}
				if k < 0 {
					continue // a stray closing mark
				}
				// Marks opened inside and never closed end here too.
				for len(stack)-1 > k {
					in := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					out = append(out, span{start: in.pos + 1, stop: i, open: in.r, depth: len(stack), recovered: true})
				}
				o := stack[k]
				stack = stack[:k]
				out = append(out, span{start: o.pos + 1, stop: i, open: o.r, depth: k, multi: o.multi})
			case closeOf(r) != 0:
				if r == '“' && len(stack) > 0 && stack[len(stack)-1].r == '“' && closersLeft < 2 {
					// “…“: the second mark is a closing one typed wrong.
					o := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					out = append(out, span{start: o.pos + 1, stop: i, open: r, depth: len(stack), multi: o.multi})
					continue
				}
				stack = append(stack, openMark{r: r, pos: i})
			}
		}
		// Paragraph end: quotes still open are carried to the next line,
		// which decides whether they continue.
		if le >= n {
			for len(stack) > 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				out = append(out, span{start: o.pos + 1, stop: le, open: o.r, depth: len(stack), recovered: true, multi: o.multi})
			}
		}
		ls = le + 1
	}
	// sort.Slice's algorithm, without its reflection.
	slices.SortFunc(out, func(a, b span) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		return cmp.Compare(b.stop, a.stop)
	})
	return out
}

// TestPostReading checks what reportedCues notes in its reading of a post
// with quotes (sentence ends, the Latin letters) against sentStart's and
// latinWindow's own readings, and its verbs against a reading of their own.
func TestPostReading(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	texts := []string{
		"外交部发言人汪文斌表示，“中方坚决反对。”他还说，美方应当停止干涉。\n该组织称，这份报告令人担忧。",
		"Mr. Smith said: “We will win.” He left. The U.S. said no! 王毅表示，中方反对；他说“好”。",
		strings.Repeat("Biden told reporters “we are fine.” ", 5) + "拜登表示，美国不会退让。",
		"他说：“好。”" + strings.Repeat("ab 中", 25) + "王毅称，中方反对。",
	}
	for _, text := range texts {
		norm, toks, ms := chain(t, text)
		d := newDoc(rulesOnly(), text, norm, toks, ms)
		d.attribute()
		got := slices.Clone(d.prevEnd)
		if got == nil {
			t.Fatalf("%q: no sentence ends read", text)
		}
		fresh := newDoc(rulesOnly(), text, norm, toks, ms)
		fresh.sentStart(0)
		if !slices.Equal(got, fresh.prevEnd) {
			t.Errorf("%q: sentence ends %v, sentStart's %v", text, got, fresh.prevEnd)
		}
		lat := 0
		for _, r := range d.norm {
			if isLatin(r) {
				lat++
			}
		}
		if d.fewLatin != (lat < 40) || (d.latinAt == nil) != (lat < 40) {
			t.Errorf("%q: %d Latin letters, few %v, counts kept %v", text, lat, d.fewLatin, d.latinAt != nil)
		}
		for a := 0; a <= len(d.norm); a += 3 {
			for b := a; b <= len(d.norm); b += 5 {
				lat, han := 0, 0
				for _, r := range d.norm[a:b] {
					switch {
					case isLatin(r):
						lat++
					case isHan(r):
						han++
					}
				}
				if got, want := d.latinWindow(a, b), lat >= 40 && lat >= 2*han; got != want {
					t.Fatalf("%q [%d, %d): English %v, want %v", text, a, b, got, want)
				}
			}
		}
		var want []int
		for i := 0; i < len(d.norm); i++ {
			if !d.inQuote[i] && d.tokStart(i) && d.cueLen(i) > 0 && d.s.reported[string(d.norm[i:i+d.cueLen(i)])] {
				want = append(want, i)
				i += d.cueLen(i) - 1
			}
		}
		if cues := d.reportedCues(true); !slices.Equal(cues, want) {
			t.Errorf("%q: reported verbs at %v, want %v", text, cues, want)
		}
	}
}

// isMarkRef is the quotation-mark test appendSpansRef made.
func isMarkRef(r rune) bool { return r != '\n' && isMarkOrBreak(r) }
