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
// opening mark and right after the closing one (称：“, ”他说), and the
// words' clusters at the same places (addC). Scoring (fs.m set), each
// word's number is read once per position (lexID) and its entries added
// by addE, and a model that weighs no word looks none up; training, add
// names the word in fs.vbuf.
func (d *doc) lexCand(fs *featSink, q pipeline.Quote, c *cand, nb, open int, add func(valued), addE func(valued, *featEntry), addC func(valued, uint16)) {
	var ok bool
	word := func(k valued, a, b int) {
		if fs.vbuf, ok = d.lexWord(fs.vbuf[:0], a, b); ok {
			add(k)
		}
	}
	scoring := fs.m != nil
	clus, lex := d.wantClusters(fs), d.wantWords(fs)
	// A name is a candidate of every quote near it: its words' clusters
	// are read once per position and post (clusterAt).
	cluster := func(k valued, side, i int) {
		if f, ok := d.clusterAt(side, i); ok {
			addC(k, f)
		}
	}
	if nb >= 0 {
		o := c.occ[nb]
		switch {
		case scoring && lex:
			if e := fs.m.lexEntry(valLxNext, d.lexID(fs, lexSideAfter, o[1])); e != nil {
				addE(valLxNext, e)
			}
			if e := fs.m.lexEntry(valLxPrev, d.lexID(fs, lexSideBefore, o[0])); e != nil {
				addE(valLxPrev, e)
			}
		case !scoring && lex:
			a, b := d.lexAfter(o[1])
			word(valLxNext, a, b)
			a, b = d.lexBefore(o[0])
			word(valLxPrev, a, b)
		}
		if clus {
			cluster(valLcNext, lexSideAfter, o[1])
			cluster(valLcPrev, lexSideBefore, o[0])
		}
	}
	if c.rankB == 1 {
		switch {
		case scoring && lex:
			addE(valLxQPrevNear, fs.m.lexEntry(valLxQPrevNear, d.lexID(fs, lexSideBefore, open)))
		case !scoring && lex:
			a, b := d.lexBefore(open)
			word(valLxQPrevNear, a, b)
		}
		if clus {
			cluster(valLcQPrevNear, lexSideBefore, open)
		}
		after := min(len(d.norm), q.Stop+1)
		switch {
		case scoring && lex:
			addE(valLxQNextNear, fs.m.lexEntry(valLxQNextNear, d.lexID(fs, lexSideAfter, after)))
		case !scoring && lex:
			a, b := d.lexAfter(after)
			word(valLxQNextNear, a, b)
		}
		if clus {
			cluster(valLcQNextNear, lexSideAfter, after)
		}
	}
}

// clusterAt returns the finest cluster of the word after i (side
// lexSideAfter, lexAfter's) or before i (lexSideBefore, lexBefore's), as
// clusterOf reads it: once per position and post (d.clusAt), however many
// quotes' candidates ask.
func (d *doc) clusterAt(side, i int) (uint16, bool) {
	memo := d.clusAt[side]
	if memo == nil {
		d.scratch.clusAt[side] = resized(d.scratch.clusAt[side], len(d.norm)+1)
		memo = d.scratch.clusAt[side]
		d.clusAt[side] = memo
	}
	c := memo[i]
	if c == 0 {
		a, b := d.lexAfter(i)
		if side == lexSideBefore {
			a, b = d.lexBefore(i)
		}
		c = 1
		if f, ok := d.clusterOf(a, b); ok {
			c = 2 + f
		}
		memo[i] = c
	}
	if c < 2 {
		return 0, false
	}
	return c - 2, true
}

// wantClusters reports whether the clusters are read: training, or a
// model that weighs some.
func (d *doc) wantClusters(fs *featSink) bool {
	return d.s.clusters != nil && len(clusterLevels) > 0 && (fs.m == nil || fs.m.clusOn)
}

// trainWords says whether training reads the words (lx_): only for a fit
// that weighs them (lexWords), since the fits drop them otherwise
// (vocabulary) and reading them was work thrown away. A variable so that
// a test can read them.
var trainWords = lexWords

// wantWords reports whether the words (lx_) are read: training, when the
// fits weigh them, or a model that weighs some.
func (d *doc) wantWords(fs *featSink) bool {
	if fs.m == nil {
		return trainWords
	}
	return fs.m.lexOn
}

// The sides of a position a word is read at (lexID).
const (
	lexSideAfter  = 0 // lexAfter's word
	lexSideBefore = 1 // lexBefore's word
)

// lexID returns the number of the word after i (side lexSideAfter) or
// before i (lexSideBefore) among fs.m's lexical words (Model.lexWords), 0
// for none: read, and looked up by its string, once per position and
// post, whichever feature asks (d.lexAt; -1 there for none, 0 not read).
func (d *doc) lexID(fs *featSink, side, i int) int32 {
	memo := d.lexAt[side]
	if memo == nil {
		d.scratch.lexAt[side] = resized(d.scratch.lexAt[side], len(d.norm)+1)
		memo = d.scratch.lexAt[side]
		d.lexAt[side] = memo
	}
	id := memo[i]
	if id == 0 {
		a, b := d.lexAfter(i)
		if side == lexSideBefore {
			a, b = d.lexBefore(i)
		}
		id = d.lexWordID(fs, a, b)
		memo[i] = id
	}
	return max(id, 0)
}

// lexWordID returns the number of the word [a, b) among fs.m's lexical
// words, -1 for none (lexWord's) or one the model does not weigh.
func (d *doc) lexWordID(fs *featSink, a, b int) int32 {
	var ok bool
	if fs.vbuf, ok = d.lexWord(fs.vbuf[:0], a, b); ok {
		if id, ok := fs.m.lexWords[string(fs.vbuf)]; ok {
			return id
		}
	}
	return -1
}

// lexNone adds the nobody candidate's lexical features: the words of the
// clause before the quote (一位网友写道, 有人说), punctuation left out,
// and their clusters. Its words are read once per quote: looked up by
// their strings (a position's number, lexID, is worth keeping only where
// several candidates ask).
func (d *doc) lexNone(fs *featSink, q pipeline.Quote, qc quoteCtx, add func(valued), addC func(valued, uint16)) {
	open := max(0, q.Start-1)
	var ok bool
	clus, lex := d.wantClusters(fs), d.wantWords(fs)
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
	// The word right after the closing mark (“…”一词, “…”为由, “…”的口号,
	// “…”他说): whether the quote is a term, a slogan or speech.
	if clus {
		if f, ok := d.clusterAt(lexSideAfter, min(len(d.norm), q.Stop+1)); ok {
			addC(valNoneLcQNext, f)
		}
	}
}

// isLexical reports a lexical feature, under any conjunction.
func isLexical(f string) bool {
	f = strings.TrimPrefix(f, "en|")
	f = strings.TrimPrefix(f, "pron|")
	f = strings.TrimPrefix(f, "none|")
	return strings.HasPrefix(f, "lx_") || strings.HasPrefix(f, "lc_")
}
