package quotes

import (
	"cmp"
	"slices"
	"strings"

	"github.com/newsnlp/newsnlp/stages/internal/runeset"
)

// span is a stretch of text between quotation marks: [start, stop) are the
// code points inside the marks.
type span struct {
	start, stop int
	open        rune // the opening mark
	depth       int  // 0 for a top-level quote
	recovered   bool // closed at a paragraph's end for want of a closing mark
	multi       bool // runs over a paragraph break
}

// closeOf returns the closing mark of an opening one, else 0. A switch,
// not a map: it is asked of every character of every post.
func closeOf(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '「':
		return '」'
	case '『':
		return '』'
	case '‘':
		return '’'
	case '〝':
		return '〞'
	case '﹁':
		return '﹂'
	case '﹃':
		return '﹄'
	}
	return 0
}

// openOf returns the opening mark of a closing one, else 0.
func openOf(r rune) rune {
	switch r {
	case '”':
		return '“'
	case '」':
		return '「'
	case '』':
		return '『'
	case '’':
		return '‘'
	case '〞':
		return '〝'
	case '﹂':
		return '﹁'
	case '﹄':
		return '﹃'
	}
	return 0
}

// straight are marks that open and close alike: "…" in English posts and
// the full-width ＂.
func straight(r rune) bool { return r == '"' || r == '＂' }

// marksOrBreak are the quotation marks appendSpans reads (straight,
// opening, closing and the German openers) and the line break.
var marksOrBreak = func() *runeset.Set {
	s := &runeset.Set{}
	s.Add('\n')
	for r := rune(0); r < 0x10000; r++ {
		if straight(r) || openOf(r) != 0 || closeOf(r) != 0 || r == '„' || r == '‚' {
			s.Add(r)
		}
	}
	return s
}()

// isMarkOrBreak reports a quotation mark (all of them are in the BMP) or
// a line break: appendSpans finds both in one reading.
func isMarkOrBreak(r rune) bool { return r < 0x10000 && marksOrBreak.Has(r) }

type openMark struct {
	r     rune
	pos   int // position of the mark
	multi bool
}

// findSpans finds the quoted stretches of text, line by line (a line is a
// paragraph). It pairs marks with a stack, so nested quotes ('…' inside
// “…”) are found with their depth. A quote still open at a paragraph's end
// continues when the next paragraph opens with the same mark (the
// convention for quotes of several paragraphs) and is otherwise closed
// there, so that a missing mark never runs past its paragraph. A repeated
// opening “ where a closing ” belongs (a common typo) closes the quote. It
// runs in time linear in the text.
func findSpans(text []rune) []span {
	return appendSpans(nil, nil, text)
}

// appendSpans is findSpans into out's and stack's arrays (both are
// emptied first).
func appendSpans(out []span, stack []openMark, text []rune) []span {
	out, stack = out[:0], stack[:0]
	n := len(text)
	for ls := 0; ls < n; {
		// The line's end is found by the reading of its marks below.
		i := ls
		// A carried quote continues if this paragraph opens with its mark.
		if len(stack) > 0 {
			k := i
			for k < n && (text[k] == ' ' || text[k] == '\u3000') {
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
			if k < n && text[k] == top.r && sentence {
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
		for ; i < n; i++ {
			r := text[i]
			if !isMarkOrBreak(r) {
				continue // most characters: one test
			}
			if r == '\n' {
				break
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
				// A second “ inside an open one nests when two ” remain in
				// the line, and is a closing mark typed wrong when only one
				// does (counted here: most lines never ask).
				if r == '“' && len(stack) > 0 && stack[len(stack)-1].r == '“' && closersIn(text[i+1:]) < 2 {
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
		le := i
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

// closersIn counts the closing ” in text's first line, up to 2.
func closersIn(text []rune) int {
	n := 0
	for _, r := range text {
		if r == '\n' {
			break
		}
		if r == '”' {
			if n++; n == 2 {
				break
			}
		}
	}
	return n
}
