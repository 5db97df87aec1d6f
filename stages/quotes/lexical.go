package quotes

import (
	"strings"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Lexical features: the words themselves around a candidate and its quote
// (X表示, X在声明中, 教授X, X的, 有人说), weighed from the annotated quotes
// rather than read from hand-made lists, which twenty rounds of one more
// hand feature did not move. The words are gse's tokens of the simplified
// text (d.norm), so that a post in traditional script weighs the same
// words. English text has none: its cues are read by english.go, and
// cross-validated its words added nothing.
//
// Kept by cross-validation (models/speakers/README.md): the word right
// after and right before the candidate's nearest naming before the quote,
// the words around the quote's marks for the nearest name, and the words
// of the clause before the quote for nobody. Tried and dropped: the words
// between the name and the quote, the verb the candidate speaks at, the
// words around the marks for nobody, two words instead of one.

// maxLexWord bounds a word's length in characters: longer tokens are
// names and phrases, each seen too rarely to weigh.
const maxLexWord = 6

// lexBad are characters a word of a feature may not hold: the model
// file's separators and the conjunctions'.
const lexBad = "|&\t\r\n "

// lexAfter returns the word that begins at i (or the rest of the token
// covering i), spaces skipped: [a, b), a == b for none.
func (d *doc) lexAfter(i int) (int, int) {
	n := len(d.norm)
	for i < n && (d.norm[i] == ' ' || d.norm[i] == '\u3000') {
		i++
	}
	if i >= n || d.norm[i] == '\n' {
		return i, i
	}
	_, e := d.tokenSpan(i)
	return i, e
}

// lexBefore returns the word that ends at i (or the part before i of the
// token covering i-1), spaces skipped.
func (d *doc) lexBefore(i int) (int, int) {
	for i > 0 && (d.norm[i-1] == ' ' || d.norm[i-1] == '\u3000') {
		i--
	}
	if i <= 0 || d.norm[i-1] == '\n' {
		return i, i
	}
	s, _ := d.tokenSpan(i - 1)
	return s, i
}

// tokenSpan is the token covering i, or the character alone.
func (d *doc) tokenSpan(i int) (int, int) {
	s, e, _ := d.token(i)
	if s > i || e <= i {
		return i, i + 1
	}
	return s, e
}

// lexWord appends the word [a, b) to buf; ok is false for none, a long
// one, or one holding a separator.
func (d *doc) lexWord(buf []byte, a, b int) ([]byte, bool) {
	if a >= b || b-a > maxLexWord || b > len(d.norm) {
		return buf, false
	}
	for _, r := range d.norm[a:b] {
		if r < utf8.RuneSelf && strings.IndexByte(lexBad, byte(r)) >= 0 || r == '\u3000' {
			return buf, false
		}
		buf = utf8.AppendRune(buf, r)
	}
	return buf, true
}

// lexCand adds candidate c's lexical features: the words right after and
// right before its nearest naming before the quote (occ nb; X表示, 对X),
// and, for the nearest name before the quote, the words right before the
// opening mark and right after the closing one (称：“, ”他说). Scoring
// (fs.m set), the entries of the words around a naming are kept per
// position (lexEntry) and added by addE; training, add names the word in
// fs.vbuf.
func (d *doc) lexCand(fs *featSink, q pipeline.Quote, c *cand, nb, open int, add func(valued), addE func(valued, *featEntry), addC func(valued, uint16)) {
	var ok bool
	word := func(k valued, a, b int) {
		if fs.vbuf, ok = d.lexWord(fs.vbuf[:0], a, b); ok {
			add(k)
		}
	}
	clus, lex := d.wantClusters(fs), fs.m == nil || fs.m.lexOn
	cluster := func(k valued, a, b int) {
		if f, ok := d.clusterOf(a, b); ok {
			addC(k, f)
		}
	}
	if nb >= 0 {
		o := c.occ[nb]
		if fs.m != nil {
			// A model that weighs no word (lexWords) looks none up.
			if fs.m.lexOn {
				if e := d.lexEntry(fs, &d.lexNext, &d.scratch.lexNext, valLxNext, o[1]); e != nil {
					addE(valLxNext, e)
				}
				if e := d.lexEntry(fs, &d.lexPrev, &d.scratch.lexPrev, valLxPrev, o[0]); e != nil {
					addE(valLxPrev, e)
				}
			}
		} else {
			a, b := d.lexAfter(o[1])
			word(valLxNext, a, b)
			a, b = d.lexBefore(o[0])
			word(valLxPrev, a, b)
		}
		if clus {
			a, b := d.lexAfter(o[1])
			cluster(valLcNext, a, b)
			a, b = d.lexBefore(o[0])
			cluster(valLcPrev, a, b)
		}
	}
	if c.rankB == 1 {
		a, b := d.lexBefore(open)
		if lex {
			word(valLxQPrevNear, a, b)
		}
		if clus {
			cluster(valLcQPrevNear, a, b)
		}
		a, b = d.lexAfter(min(len(d.norm), q.Stop+1))
		if lex {
			word(valLxQNextNear, a, b)
		}
		if clus {
			cluster(valLcQNextNear, a, b)
		}
	}
}

// wantClusters reports whether the clusters are read: training, or a
// model that weighs some.
func (d *doc) wantClusters(fs *featSink) bool {
	return d.s.clusters != nil && len(clusterLevels) > 0 && (fs.m == nil || fs.m.clusOn)
}

// lexNoEntry marks a position whose word weighs nothing.
var lexNoEntry = &featEntry{}

// lexEntry returns the entry of valued feature k (valLxNext: the word
// after i; valLxPrev: the word before i), nil when it weighs nothing, read
// once per position into memo (the doc's, from the scratch's array sc).
func (d *doc) lexEntry(fs *featSink, memo, sc *[]*featEntry, k valued, i int) *featEntry {
	if *memo == nil {
		*sc = resized(*sc, len(d.norm)+1)
		*memo = *sc
	}
	e := (*memo)[i]
	if e == nil {
		e = lexNoEntry
		a, b := d.lexAfter(i)
		if k == valLxPrev {
			a, b = d.lexBefore(i)
		}
		var ok bool
		if fs.vbuf, ok = d.lexWord(fs.vbuf[:0], a, b); ok {
			if x := fs.m.valued[k][string(fs.vbuf)]; x != nil {
				e = x
			}
		}
		(*memo)[i] = e
	}
	if e == lexNoEntry {
		return nil
	}
	return e
}

// lexNone adds the nobody candidate's lexical features: the words of the
// clause before the quote (一位网友写道, 有人说), punctuation left out.
func (d *doc) lexNone(fs *featSink, q pipeline.Quote, qc quoteCtx, add func(valued), addC func(valued, uint16)) {
	open := max(0, q.Start-1)
	var ok bool
	clus, lex := d.wantClusters(fs), fs.m == nil || fs.m.lexOn
	for a := max(qc.clause, 0); a < open; {
		_, e := d.tokenSpan(a)
		e = min(e, open)
		if (e-a >= 2 || !isPunct(d.norm[a])) && !d.inQuote[a] {
			if lex {
				if fs.vbuf, ok = d.lexWord(fs.vbuf[:0], a, e); ok {
					add(valNoneLxClause)
				}
			}
			if clus {
				if f, ok := d.clusterOf(a, e); ok {
					addC(valNoneLcClause, f)
				}
			}
		}
		a = e
	}
}

// isLexical reports a lexical feature, under any conjunction.
func isLexical(f string) bool {
	f = strings.TrimPrefix(f, "en|")
	f = strings.TrimPrefix(f, "pron|")
	f = strings.TrimPrefix(f, "none|")
	return strings.HasPrefix(f, "lx_") || strings.HasPrefix(f, "lc_")
}
