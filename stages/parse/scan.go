package parse

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// scanner reads a post's body as x/net/html's Tokenizer does, token for
// token, but from the bytes in memory: the tokenizer reads through a
// buffer one byte per call, copies each tag name and attribute value it is
// asked for and keys every attribute in a map, which made it most of the
// HTML reader's cost. The states below follow token.go of x/net v0.62.0
// one for one (the comments name its functions), so that the text and the
// tables stay the same on any input, hostile or not: FuzzScanner,
// TestScannerSame and TestScannerSameOnCorpus hold the two together, and
// are where an upgrade of x/net that changes the tokenizer would show.
// src is never written to; what needs changing (entities, CR, NUL, upper
// case) is built in the scanner's own buffers.
type scanner struct {
	src []byte
	// raw is the current token's extent, data its name or text, as in the
	// tokenizer. end is where reading goes on (its raw.end).
	rawStart, end         int
	dataStart, dataEnd    int
	eof                   bool // the tokenizer's err: the only error reading memory can meet
	tt                    html.TokenType
	rawTag                string // the raw text element whose text comes next, or ""
	textIsRaw, convertNUL bool

	attr     [][2]span           // the tag's attributes kept: first of each name
	attrKeys map[string]struct{} // names seen, once a tag has many attributes

	text, unesc, name []byte // room for text and names that need changing
}

type span struct{ start, end int }

func newScanner(src []byte) *scanner { return &scanner{src: src} }

// readByte is the tokenizer's readByte on memory: past the end it sets eof
// and leaves end where it was.
func (z *scanner) readByte() byte {
	if z.end >= len(z.src) {
		z.eof = true
		return 0
	}
	c := z.src[z.end]
	z.end++
	return c
}

func (z *scanner) skipWhiteSpace() {
	if z.eof {
		return
	}
	for z.end < len(z.src) {
		switch z.src[z.end] {
		case ' ', '\n', '\r', '\t', '\f':
			z.end++
		default:
			return
		}
	}
	z.eof = true
}

// Next is the tokenizer's Next.
func (z *scanner) Next() html.TokenType {
	z.rawStart = z.end
	z.dataStart = z.end
	z.dataEnd = z.end
	if z.eof {
		z.tt = html.ErrorToken
		return z.tt
	}
	if z.rawTag != "" {
		if z.rawTag == "plaintext" {
			z.end = len(z.src)
			z.eof = true
			z.dataEnd = z.end
			z.textIsRaw = true
		} else {
			z.readRawOrRCDATA()
		}
		if z.dataEnd > z.dataStart {
			z.tt = html.TextToken
			z.convertNUL = true
			return z.tt
		}
	}
	z.textIsRaw = false
	z.convertNUL = false

	for {
		// Text runs to the next '<': found at once, not byte by byte.
		i := bytes.IndexByte(z.src[z.end:], '<')
		if i < 0 {
			z.end = len(z.src)
			z.eof = true
			break
		}
		z.end += i + 1
		c := z.readByte()
		if z.eof {
			break
		}
		var tokenType html.TokenType
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			tokenType = html.StartTagToken
		case c == '/':
			tokenType = html.EndTagToken
		case c == '!' || c == '?':
			tokenType = html.CommentToken
		default:
			// A '<' that starts no tag is text.
			z.end--
			continue
		}
		// The text before the tag is a token of its own.
		if x := z.end - len("<a"); z.rawStart < x {
			z.end = x
			z.dataEnd = x
			z.tt = html.TextToken
			return z.tt
		}
		switch tokenType {
		case html.StartTagToken:
			z.tt = z.readStartTag()
			return z.tt
		case html.EndTagToken:
			c = z.readByte()
			if z.eof {
				// "</" at the end is text.
				z.dataEnd = z.end
				z.tt = html.TextToken
				return z.tt
			}
			if c == '>' {
				// "</>" is nothing; the tokenizer calls it a comment.
				z.tt = html.CommentToken
				return z.tt
			}
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				z.readTag(false)
				if z.eof {
					z.tt = html.ErrorToken
				} else {
					z.tt = html.EndTagToken
				}
				return z.tt
			}
			z.end--
			z.readUntilCloseAngle()
			z.tt = html.CommentToken
			return z.tt
		default:
			if c == '!' {
				z.tt = z.readMarkupDeclaration()
				return z.tt
			}
			z.end--
			z.readUntilCloseAngle()
			z.tt = html.CommentToken
			return z.tt
		}
	}
	if z.rawStart < z.end {
		z.dataEnd = z.end
		z.tt = html.TextToken
		return z.tt
	}
	z.tt = html.ErrorToken
	return z.tt
}

// readRawOrRCDATA reads the text of a raw text or RCDATA element up to its
// end tag (the tokenizer's function of that name).
func (z *scanner) readRawOrRCDATA() {
	if z.rawTag == "script" {
		z.readScript()
		z.textIsRaw = true
		z.rawTag = ""
		return
	}
	for {
		i := bytes.IndexByte(z.src[z.end:], '<')
		if i < 0 {
			z.end = len(z.src)
			z.eof = true
			break
		}
		z.end += i + 1
		c := z.readByte()
		if z.eof {
			break
		}
		if c != '/' {
			z.end--
			continue
		}
		if z.readRawEndTag() || z.eof {
			break
		}
	}
	z.dataEnd = z.end
	z.textIsRaw = z.rawTag != "textarea" && z.rawTag != "title"
	z.rawTag = ""
}

// readRawEndTag reads the name of rawTag's end tag after "</", leaving end
// at its '<' when it is there.
func (z *scanner) readRawEndTag() bool {
	for i := 0; i < len(z.rawTag); i++ {
		c := z.readByte()
		if z.eof {
			return false
		}
		if c != z.rawTag[i] && c != z.rawTag[i]-('a'-'A') {
			z.end--
			return false
		}
	}
	c := z.readByte()
	if z.eof {
		return false
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		z.end -= 3 + len(z.rawTag)
		return true
	}
	z.end--
	return false
}

// readScript is the tokenizer's script data states, as written there.
func (z *scanner) readScript() {
	defer func() {
		z.dataEnd = z.end
	}()
	var c byte

scriptData:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '<' {
		goto scriptDataLessThanSign
	}
	goto scriptData

scriptDataLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '/':
		goto scriptDataEndTagOpen
	case '!':
		goto scriptDataEscapeStart
	}
	z.end--
	goto scriptData

scriptDataEndTagOpen:
	if z.readRawEndTag() || z.eof {
		return
	}
	goto scriptData

scriptDataEscapeStart:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '-' {
		goto scriptDataEscapeStartDash
	}
	z.end--
	goto scriptData

scriptDataEscapeStartDash:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '-' {
		goto scriptDataEscapedDashDash
	}
	z.end--
	goto scriptData

scriptDataEscaped:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDashDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataEscaped

scriptDataEscapedLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '/' {
		goto scriptDataEscapedEndTagOpen
	}
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		goto scriptDataDoubleEscapeStart
	}
	z.end--
	goto scriptData

scriptDataEscapedEndTagOpen:
	if z.readRawEndTag() || z.eof {
		return
	}
	goto scriptDataEscaped

scriptDataDoubleEscapeStart:
	z.end--
	for i := 0; i < len("script"); i++ {
		c = z.readByte()
		if z.eof {
			return
		}
		if c != "script"[i] && c != "SCRIPT"[i] {
			z.end--
			goto scriptDataEscaped
		}
	}
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		goto scriptDataDoubleEscaped
	}
	z.end--
	goto scriptDataEscaped

scriptDataDoubleEscaped:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDashDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '/' {
		goto scriptDataDoubleEscapeEnd
	}
	z.end--
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapeEnd:
	if z.readRawEndTag() {
		z.end += len("</script>")
		goto scriptDataEscaped
	}
	if z.eof {
		return
	}
	goto scriptDataDoubleEscaped
}

// readComment reads a comment after "<!--". Its text is never asked for,
// so only where it ends matters.
func (z *scanner) readComment() {
	dashCount := 0
	beginning := true
	for {
		c := z.readByte()
		if z.eof {
			return
		}
		switch c {
		case '-':
			dashCount++
			continue
		case '>':
			if dashCount >= 2 || beginning {
				return
			}
		case '!':
			if dashCount >= 2 {
				c = z.readByte()
				if z.eof {
					return
				} else if c == '>' {
					return
				} else if c == '-' {
					dashCount = 1
					beginning = false
					continue
				}
			}
		}
		dashCount = 0
		beginning = false
	}
}

func (z *scanner) readUntilCloseAngle() {
	z.dataStart = z.end
	i := bytes.IndexByte(z.src[z.end:], '>')
	if i < 0 {
		z.end = len(z.src)
		z.eof = true
		z.dataEnd = z.end
		return
	}
	z.end += i + 1
	z.dataEnd = z.end - 1
}

// readMarkupDeclaration reads what follows "<!": a comment, a doctype, or
// anything else up to '>' (a bogus comment; CDATA is not allowed outside
// foreign content, and the tokenizer is never told otherwise here).
func (z *scanner) readMarkupDeclaration() html.TokenType {
	z.dataStart = z.end
	var c [2]byte
	for i := 0; i < 2; i++ {
		c[i] = z.readByte()
		if z.eof {
			return html.CommentToken
		}
	}
	if c[0] == '-' && c[1] == '-' {
		z.readComment()
		return html.CommentToken
	}
	z.end -= 2
	if z.readDoctype() {
		return html.DoctypeToken
	}
	z.readUntilCloseAngle()
	return html.CommentToken
}

func (z *scanner) readDoctype() bool {
	const s = "DOCTYPE"
	for i := 0; i < len(s); i++ {
		c := z.readByte()
		if z.eof {
			// The tokenizer forgets an end of input met here and reads
			// the declaration again as a bogus comment.
			z.end = z.dataStart
			z.eof = false
			return false
		}
		if c != s[i] && c != s[i]+('a'-'A') {
			z.end = z.dataStart
			return false
		}
	}
	if z.skipWhiteSpace(); z.eof {
		return true
	}
	z.readUntilCloseAngle()
	return true
}

func (z *scanner) startTagIs(s string) bool {
	if z.dataEnd-z.dataStart != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := z.src[z.dataStart+i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

func (z *scanner) readStartTag() html.TokenType {
	z.readTag(true)
	if z.eof {
		return html.ErrorToken
	}
	// Several tags flag the next token as raw text.
	c := z.src[z.dataStart]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	for _, s := range rawTags {
		if s[0] == c && z.startTagIs(s) {
			z.rawTag = s
			break
		}
	}
	// "<br/>" closes itself, "<a href=x/>" does not: the '/' is the
	// value's (so the tokenizer reads it).
	n := len(z.attr)
	if z.src[z.end-2] == '/' && (n == 0 || z.end-2 != z.attr[n-1][1].end-1) {
		return html.SelfClosingTagToken
	}
	return html.StartTagToken
}

// rawTags are the elements whose text the tokenizer reads raw, up to
// their end tag.
var rawTags = [...]string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"}

// manyAttrs is the number of attributes past which a tag's names are
// checked for repeats in a map rather than against each other.
const manyAttrs = 16

func (z *scanner) readTag(saveAttr bool) {
	z.attr = z.attr[:0]
	z.readTagName()
	if z.skipWhiteSpace(); z.eof {
		return
	}
	for {
		c := z.readByte()
		if z.eof || c == '>' {
			break
		}
		z.end--
		key := z.readTagAttrKey()
		val := z.readTagAttrVal()
		if saveAttr && key.start != key.end && z.newAttr(key) {
			z.attr = append(z.attr, [2]span{key, val})
		}
		if z.skipWhiteSpace(); z.eof {
			break
		}
	}
}

// newAttr reports whether no attribute kept so far has key's name (ASCII
// letters folded to lower case, as the tokenizer compares them). A tag
// rarely has many: they are compared in pairs, up to manyAttrs.
func (z *scanner) newAttr(key span) bool {
	k := z.src[key.start:key.end]
	if len(z.attr) < manyAttrs {
		for _, a := range z.attr {
			if equalLower(z.src[a[0].start:a[0].end], k) {
				return false
			}
		}
		return true
	}
	if len(z.attr) == manyAttrs {
		if z.attrKeys == nil {
			z.attrKeys = make(map[string]struct{})
		}
		clear(z.attrKeys)
		for _, a := range z.attr {
			z.attrKeys[lowerString(z.src[a[0].start:a[0].end])] = struct{}{}
		}
	}
	l := lowerString(k)
	if _, ok := z.attrKeys[l]; ok {
		return false
	}
	z.attrKeys[l] = struct{}{}
	return true
}

func equalLower(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if lowerByte(a[i]) != lowerByte(b[i]) {
			return false
		}
	}
	return true
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c
}

func lowerString(b []byte) string {
	s := []byte(string(b))
	for i, c := range s {
		s[i] = lowerByte(c)
	}
	return string(s)
}

func (z *scanner) readTagName() {
	z.dataStart = z.end - 1
	for {
		c := z.readByte()
		if z.eof {
			z.dataEnd = z.end
			return
		}
		switch c {
		case ' ', '\n', '\r', '\t', '\f':
			z.dataEnd = z.end - 1
			return
		case '/', '>':
			z.end--
			z.dataEnd = z.end
			return
		}
	}
}

func (z *scanner) readTagAttrKey() span {
	k := span{start: z.end}
	for {
		c := z.readByte()
		if z.eof {
			k.end = z.end
			return k
		}
		switch c {
		case '=':
			if k.start+1 == z.end {
				// A key may start with '='.
				continue
			}
			fallthrough
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			z.end--
			k.end = z.end
			return k
		}
	}
}

func (z *scanner) readTagAttrVal() span {
	v := span{z.end, z.end}
	if z.skipWhiteSpace(); z.eof {
		return v
	}
	c := z.readByte()
	if z.eof {
		return v
	}
	if c == '/' {
		// The tokenizer takes the '/' of "<a b/c>" with it.
		return v
	}
	if c != '=' {
		z.end--
		return v
	}
	if z.skipWhiteSpace(); z.eof {
		return v
	}
	quote := z.readByte()
	if z.eof {
		return v
	}
	switch quote {
	case '>':
		z.end--
		return v
	case '\'', '"':
		v.start = z.end
		i := bytes.IndexByte(z.src[z.end:], quote)
		if i < 0 {
			z.end = len(z.src)
			z.eof = true
			v.end = z.end
			return v
		}
		z.end += i + 1
		v.end = z.end - 1
		return v
	default:
		v.start = z.end - 1
		for {
			c := z.readByte()
			if z.eof {
				v.end = z.end
				return v
			}
			switch c {
			case ' ', '\n', '\r', '\t', '\f':
				v.end = z.end - 1
				return v
			case '>':
				z.end--
				v.end = z.end
				return v
			}
		}
	}
}

// Text is the current text token's text: newlines converted, NUL replaced
// in raw text, entities decoded outside it. Valid until the next call.
func (z *scanner) Text() []byte {
	if z.tt != html.TextToken {
		return nil
	}
	s := z.src[z.dataStart:z.dataEnd]
	z.dataStart, z.dataEnd = z.end, z.end
	cr := bytes.IndexByte(s, '\r') >= 0
	nul := z.convertNUL && bytes.IndexByte(s, 0) >= 0
	amp := !z.textIsRaw && bytes.IndexByte(s, '&') >= 0
	if !cr && !nul && !amp {
		return s
	}
	z.text = append(z.text[:0], s...)
	s = z.text
	if cr {
		s = convertNewlines(s)
	}
	if nul {
		s = bytes.ReplaceAll(s, []byte{0}, []byte("\ufffd"))
	}
	if amp {
		z.unesc = unescape(z.unesc[:0], s, false)
		s = z.unesc
	}
	return s
}

// TagName is the current tag's name in lower case, with NUL as U+FFFD,
// and whether it has attributes. Valid until the next call to Next.
func (z *scanner) TagName() (name []byte, hasAttr bool) {
	if z.dataStart >= z.dataEnd {
		return nil, false
	}
	switch z.tt {
	case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
	default:
		return nil, false
	}
	s := z.src[z.dataStart:z.dataEnd]
	z.dataStart, z.dataEnd = z.end, z.end
	hasAttr = len(z.attr) > 0
	plain := true
	for _, c := range s {
		if 'A' <= c && c <= 'Z' || c == 0 {
			plain = false
			break
		}
	}
	if plain {
		return s, hasAttr
	}
	z.name = z.name[:0]
	for _, c := range s {
		if c == 0 {
			z.name = append(z.name, "\ufffd"...)
		} else {
			z.name = append(z.name, lowerByte(c))
		}
	}
	return z.name, hasAttr
}

// attrs reads the attributes htmlToText uses.
func (z *scanner) attrs() tagAttrs {
	var a tagAttrs
	if z.tt != html.StartTagToken && z.tt != html.SelfClosingTagToken {
		return a
	}
	for _, kv := range z.attr {
		k := z.src[kv[0].start:kv[0].end]
		// The longest name asked for is data-original.
		var buf [len("data-original")]byte
		if len(k) > len(buf) {
			continue
		}
		for i, c := range k {
			buf[i] = lowerByte(c)
		}
		if f := a.field(string(buf[:len(k)])); f != nil {
			*f = z.attrValue(z.src[kv[1].start:kv[1].end])
		}
	}
	return a
}

// attrValue is an attribute's value as the tokenizer's TagAttr gives it:
// NUL replaced, newlines converted, entities decoded in attribute mode.
func (z *scanner) attrValue(v []byte) string {
	if bytes.IndexByte(v, 0) < 0 && bytes.IndexByte(v, '\r') < 0 && bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	s := bytes.ReplaceAll(v, []byte{0}, []byte("\ufffd"))
	s = convertNewlines(s)
	return string(unescape(nil, s, true))
}

// convertNewlines is the tokenizer's: "\r\n" and "\r" become "\n", in place.
func convertNewlines(s []byte) []byte {
	for i, c := range s {
		if c != '\r' {
			continue
		}
		src := i + 1
		if src >= len(s) || s[src] != '\n' {
			s[i] = '\n'
			continue
		}
		dst := i
		for src < len(s) {
			if s[src] == '\r' {
				if src+1 < len(s) && s[src+1] == '\n' {
					src++
				}
				s[dst] = '\n'
			} else {
				s[dst] = s[src]
			}
			src++
			dst++
		}
		return s[:dst]
	}
	return s
}

// unescape appends b with its character references decoded to dst, as
// x/net/html's unescape decodes them.
func unescape(dst, b []byte, attribute bool) []byte {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		var n int
		dst, n = unescapeEntity(dst, b, attribute)
		b = b[n:]
	}
	return dst
}

// replacementTable is what numeric references to 0x80-0x9F stand for
// (Windows-1252), as HTML reads them.
var replacementTable = [...]rune{
	'\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
	'\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
	'\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
	'\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
}

// unescapeEntity decodes the reference at the start of s (s[0] is '&')
// and appends it to dst, with the bytes of s it used. Numeric references
// are decoded here; named ones that are not among the few common in posts
// are looked up through html.UnescapeString on the name alone (the table
// is not exported), which reads a name the same alone as in context.
func unescapeEntity(dst, s []byte, attribute bool) ([]byte, int) {
	i := 1
	if len(s) <= 1 {
		return append(dst, '&'), 1
	}
	if s[i] == '#' {
		if len(s) <= 2 {
			return append(dst, '&'), 1
		}
		i++
		c := s[i]
		hex := false
		if c == 'x' || c == 'X' {
			hex = true
			i++
		}
		i0 := i
		x := rune(0)
		for i < len(s) {
			c = s[i]
			var d, mult rune
			if hex {
				mult = 16
				switch {
				case '0' <= c && c <= '9':
					d = rune(c) - '0'
				case 'a' <= c && c <= 'f':
					d = rune(c) - 'a' + 10
				case 'A' <= c && c <= 'F':
					d = rune(c) - 'A' + 10
				default:
					goto done
				}
			} else {
				mult = 10
				if '0' <= c && c <= '9' {
					d = rune(c) - '0'
				} else {
					goto done
				}
			}
			if x <= 0x10FFFF {
				x = mult*x + d
			}
			i++
		}
	done:
		if i == i0 {
			return append(dst, '&'), 1
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		if 0x80 <= x && x <= 0x9F {
			x = replacementTable[x-0x80]
		} else if x == 0 || (0xD800 <= x && x <= 0xDFFF) || x > 0x10FFFF {
			x = '\uFFFD'
		}
		return utf8.AppendRune(dst, x), i
	}

	for i < len(s) {
		c := s[i]
		i++
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			continue
		}
		if c != ';' {
			i--
		}
		break
	}
	name := s[1:i]
	switch {
	case len(name) == 0:
		return append(dst, '&'), 1
	case attribute && name[len(name)-1] != ';' && len(s) > i && s[i] == '=':
		return append(dst, '&'), 1
	}
	// A name with its ';' is read whole before any shorter name.
	switch string(name) {
	case "nbsp;":
		return append(dst, "\u00a0"...), i
	case "amp;":
		return append(dst, '&'), i
	case "lt;":
		return append(dst, '<'), i
	case "gt;":
		return append(dst, '>'), i
	case "quot;":
		return append(dst, '"'), i
	}
	ref := string(s[:i])
	dec := html.UnescapeString(ref)
	if dec == ref {
		return append(dst, '&'), 1
	}
	// A name known only by its start (&ampx, &notit;) decodes to that
	// start's character and the rest as it was: outside attributes only.
	_, n := utf8.DecodeRuneInString(dec)
	if rest := dec[n:]; rest != "" && strings.HasSuffix(ref, rest) {
		if attribute {
			return append(dst, '&'), 1
		}
	}
	return append(dst, dec...), i
}
