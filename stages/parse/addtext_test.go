package parse

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline/corpustest"
)

// addTextByRune is addText as it was before plainRun: one append per code
// point. TestAddTextRuns and FuzzAddText hold addText to it.
func addTextByRune(b *textBuilder, s []byte, paragraphs bool) {
	newlines := 0
	for len(s) > 0 {
		r, n := rune(s[0]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(s)
		}
		enc := s[:n]
		s = s[n:]
		switch {
		case r == '\n':
			newlines++
			b.space = true
			if paragraphs && newlines >= 2 {
				b.flush()
				newlines = 0
			}
			continue
		case r == '\t' || r == '\r' || r == '\f' || r == '\v' || r <= 0x3000 && unicode.IsSpace(r):
			b.space = true
			continue
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || invisible(r):
			continue
		}
		newlines = 0
		if b.lineRunes == 0 {
			b.lineKind = b.kind()
		} else if b.space {
			b.line = append(b.line, ' ')
			b.lineRunes++
		}
		b.space = false
		if r == utf8.RuneError && n == 1 {
			b.line = utf8.AppendRune(b.line, r)
		} else {
			b.line = append(b.line, enc...)
		}
		b.lineRunes++
	}
}

// sameAddText feeds s to addText and to addTextByRune, in pieces of at
// most step bytes (so that runs start and end inside a line), and
// compares the bodies they make.
func sameAddText(t *testing.T, s []byte, step int) {
	t.Helper()
	for _, paragraphs := range []bool{false, true} {
		var got, want body
		g, w := newTextBuilder(&got), newTextBuilder(&want)
		g.kinds = []string{"list"}
		w.kinds = []string{"list"}
		for rest := s; len(rest) > 0; {
			piece := rest[:min(step, len(rest))]
			rest = rest[len(piece):]
			g.addText(piece, paragraphs)
			addTextByRune(w, piece, paragraphs)
			if g.lineRunes != w.lineRunes || g.space != w.space || string(g.line) != string(w.line) {
				t.Fatalf("%q (paragraphs %v): line %q (%d runes, space %v), by rune %q (%d, %v)",
					s, paragraphs, g.line, g.lineRunes, g.space, w.line, w.lineRunes, w.space)
			}
		}
		g.finish()
		w.finish()
		if got.text.String() != want.text.String() || got.runes != want.runes || !reflect.DeepEqual(got.spans, want.spans) {
			t.Fatalf("%q (paragraphs %v): body %q %v, by rune %q %v", s, paragraphs, got.text.String(), got.spans, want.text.String(), want.spans)
		}
	}
}

var addTextSeeds = []string{
	"", " ", "\n\n", "a b", "中文　全角空格", "x\u00a0y\u0085z\u200bw\ufeffv", "\xff\xfe坏", "末尾\xe4\xb8",
	"\x7f\x80\u009f控制\u00a0", "tab\tcr\r\nff\fvt\v", "一\n二\n\n三\n\n\n四", "\u2028\u2029\u3000\u3001",
	"\ufffd有效的替换字符", "混合 English 和中文，“引号”。",
}

// TestAddTextRuns holds addText's copying of plain runs to the rune by
// rune loop, on degenerate strings and on the posts of news.tar.gz (their
// raw bytes, tags and all) when NEWSNLP_CORPUS is set.
func TestAddTextRuns(t *testing.T) {
	for _, s := range addTextSeeds {
		for _, step := range []int{1, 2, 3, 1 << 20} {
			sameAddText(t, []byte(s), step)
		}
	}
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		t.Log("NEWSNLP_CORPUS not set: the corpus was not read")
		return
	}
	_, raws := corpustest.Bodies(t, filepath.Join(dir, "news.tar.gz"), 500, nil)
	for _, raw := range raws {
		sameAddText(t, raw, 1<<20)
		sameAddText(t, raw[:min(len(raw), 4000)], 7)
	}
}

func FuzzAddText(f *testing.F) {
	for _, s := range addTextSeeds {
		f.Add([]byte(s), 5)
	}
	f.Fuzz(func(t *testing.T, s []byte, step int) {
		if step <= 0 {
			step = 1
		}
		sameAddText(t, s, step)
	})
}

// TestAddTextHanRange holds plainRun's in-place reading of lead bytes
// E3-E9 to the rune loop on every character of U+2F00-U+A0FF.
func TestAddTextHanRange(t *testing.T) {
	for r := rune(0x2f00); r < 0xa100; r++ {
		one := string(r)
		sameAddText(t, []byte("a"+one+"b"+one), 1<<20)
		sameAddText(t, []byte("中"+one[:len(one)-1]), 1<<20)
	}
}
