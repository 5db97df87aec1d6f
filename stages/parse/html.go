package parse

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// body is the plain-text form of a post's HTML (or Markdown-ish) body.
type body struct {
	text      strings.Builder
	runes     int
	spans     []pipeline.Span
	spanBytes []int // each span's start and stop in text, in bytes
	media     []pipeline.Media
	links     []pipeline.Link
	truncated bool
	deep      bool // elements nested deeper than maxHTMLDepth were ignored
}

// maxHTMLDepth bounds the open elements tracked: each line and each stray
// end tag looks through them, so deeper nesting would cost time quadratic
// in the input. The corpus nests about 60 deep at most; deeper start tags
// are ignored (their text is kept).
const maxHTMLDepth = 256

// pos is a code point position that may be relative to the line being built,
// whose absolute start is known only when the line is flushed.
type pos struct {
	rel bool
	at  int
}

type openLink struct {
	href        string
	start, stop pos
	closed      bool
}

// textBuilder turns a token stream into lines of collapsed text, one per
// block, with the spans, links and media found on the way.
type textBuilder struct {
	out *body

	line      []byte
	lineRunes int
	lineKind  string
	space     bool // a space is pending before the next character

	kinds   []string // block kinds of the open block elements
	links   []*openLink
	done    []*openLink // links resolved at the next flush
	pending []linkRef   // closed links, filled in by finish
}

func newTextBuilder(out *body) *textBuilder {
	return &textBuilder{out: out, line: make([]byte, 0, 256)}
}

func (b *textBuilder) kind() string {
	best, rank := "paragraph", 0
	for _, k := range b.kinds {
		if r := kindRank(k); r > rank {
			best, rank = k, r
		}
	}
	return best
}

// kindRank decides which of several nested blocks names a line: a heading
// inside a list item is a heading. (A switch: a map's string hashing
// was asked at every line.)
func kindRank(k string) int {
	switch k {
	case "paragraph":
		return 1
	case "table":
		return 2
	case "list":
		return 3
	case "quote":
		return 4
	case "pre":
		return 5
	case "caption":
		return 6
	case "heading":
		return 7
	}
	return 0
}

// addText appends text, normalising white space and dropping control and
// invisible characters. With paragraphs set, blank lines in the text break
// the line (Markdown and plain-text bodies).
func (b *textBuilder) addText(s []byte, paragraphs bool) {
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
		// No space lies above U+3000: the ideographs skip unicode.IsSpace's table.
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
			// An invalid byte: written as U+FFFD.
			b.line = utf8.AppendRune(b.line, r)
			b.lineRunes++
			continue
		}
		// A valid encoding is the rune's: copied, not encoded again,
		// with the run of plain characters that follows it in one
		// append.
		run, runes := plainRun(s)
		b.line = append(append(b.line, enc...), s[:run]...)
		b.lineRunes += 1 + runes
		s = s[run:]
	}
}

// plainRun returns the length in bytes and in code points of the
// characters at the start of s that addText copies as they are: no white
// space, control, invisible or invalid ones.
func plainRun(s []byte) (size, runes int) {
	for size < len(s) {
		c := s[size]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7f {
				break
			}
			size++
			runes++
			continue
		}
		// Han characters (U+4000-U+9FFF: lead bytes E4-E9) and CJK
		// punctuation (U+3001-U+3FFF) are most of a post and all plain: no
		// space, control or invisible character lies there.
		if c >= 0xe3 && c <= 0xe9 && size+2 < len(s) && s[size+1]&0xc0 == 0x80 && s[size+2]&0xc0 == 0x80 &&
			(c != 0xe3 || s[size+1] != 0x80 || s[size+2] != 0x80) {
			size += 3
			runes++
			continue
		}
		r, n := utf8.DecodeRune(s[size:])
		if r == utf8.RuneError && n == 1 || r < 0xa0 || r <= 0x3000 && unicode.IsSpace(r) || invisible(r) {
			break
		}
		size += n
		runes++
	}
	return size, runes
}

func invisible(r rune) bool {
	switch r {
	case 0xad, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e:
		return true
	}
	return false
}

func (b *textBuilder) here() pos { return pos{rel: true, at: b.lineRunes} }

// flush ends the current line: a block boundary.
func (b *textBuilder) flush() {
	b.space = false
	base := b.out.runes
	if b.lineRunes > 0 {
		if b.out.runes > 0 {
			b.out.text.WriteByte('\n')
			b.out.runes++
			base++
		}
		start := b.out.text.Len()
		b.out.text.Write(b.line)
		b.out.spanBytes = append(b.out.spanBytes, start, b.out.text.Len())
		b.out.runes += b.lineRunes
		b.out.spans = append(b.out.spans, pipeline.Span{Kind: b.lineKind, Start: base, Stop: base + b.lineRunes})
	}
	resolve := func(p *pos) {
		if p.rel {
			p.rel = false
			p.at += base
			if b.lineRunes == 0 {
				p.at = b.out.runes
			}
		}
	}
	for _, l := range b.links {
		resolve(&l.start)
	}
	for _, l := range b.done {
		resolve(&l.start)
		resolve(&l.stop)
	}
	b.done = b.done[:0]
	b.line = b.line[:0]
	b.lineRunes = 0
}

func (b *textBuilder) openLink(href string) {
	start := b.here()
	if b.space && b.lineRunes > 0 {
		start.at++ // the anchor text starts after the pending space
	}
	b.links = append(b.links, &openLink{href: href, start: start})
}

func (b *textBuilder) closeLink() {
	if len(b.links) == 0 {
		return
	}
	l := b.links[len(b.links)-1]
	b.links = b.links[:len(b.links)-1]
	l.stop = b.here()
	if l.start.rel && l.start.at > l.stop.at {
		l.start.at = l.stop.at
	}
	l.closed = true
	b.done = append(b.done, l)
	b.out.links = append(b.out.links, pipeline.Link{Href: l.href})
	// Remember which output link this is; filled in finish.
	b.pending = append(b.pending, linkRef{l, len(b.out.links) - 1})
}

type linkRef struct {
	l *openLink
	i int
}

// finish flushes the last line, closes what is still open and fills in the
// links' offsets and anchor texts.
func (b *textBuilder) finish() {
	for len(b.links) > 0 {
		b.closeLink()
	}
	b.flush()
	if len(b.pending) == 0 {
		return
	}
	text := b.out.text.String()
	cur := runeCursor{s: text}
	for _, p := range b.pending {
		start, stop := p.l.start.at, p.l.stop.at
		if stop < start {
			stop = start
		}
		lk := &b.out.links[p.i]
		lk.Start, lk.Stop = start, stop
		bs := cur.byteOffset(start)
		lk.Text = text[bs:cur.byteOffset(stop)]
	}
}

// runeCursor converts code point offsets to byte offsets in s, cheaply when
// the offsets asked for mostly increase.
type runeCursor struct {
	s         string
	rune, pos int
}

func (c *runeCursor) byteOffset(r int) int {
	if r < c.rune {
		c.rune, c.pos = 0, 0
	}
	for c.rune < r && c.pos < len(c.s) {
		if c.s[c.pos] < utf8.RuneSelf {
			c.pos++
		} else {
			_, n := utf8.DecodeRuneInString(c.s[c.pos:])
			c.pos += n
		}
		c.rune++
	}
	return c.pos
}

// skipped are elements whose content is never text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Head: true, atom.Title: true,
	atom.Iframe: true, atom.Object: true, atom.Select: true, atom.Textarea: true,
	atom.Button: true, atom.Nav: true, atom.Video: true, atom.Audio: true,
	atom.Canvas: true, atom.Map: true,
}

// blocks are elements that start and end a line, with the kind of span
// their text makes.
var blocks = map[atom.Atom]string{
	atom.P: "paragraph", atom.Div: "", atom.Section: "", atom.Article: "", atom.Header: "",
	atom.Footer: "", atom.Aside: "", atom.Main: "", atom.Figure: "", atom.Center: "",
	atom.Form: "", atom.Address: "", atom.Details: "", atom.Summary: "", atom.Fieldset: "",
	atom.H1: "heading", atom.H2: "heading", atom.H3: "heading", atom.H4: "heading", atom.H5: "heading", atom.H6: "heading",
	atom.Figcaption: "caption", atom.Caption: "caption",
	atom.Li: "list", atom.Ul: "", atom.Ol: "", atom.Dl: "", atom.Dt: "list", atom.Dd: "list",
	atom.Blockquote: "quote", atom.Pre: "pre",
	atom.Table: "", atom.Tr: "table", atom.Td: "", atom.Th: "", atom.Thead: "", atom.Tbody: "", atom.Tfoot: "",
	atom.Hr: "", atom.Br: "",
}

// hiddenClasses mark screen-reader-only or invisible text.
var hiddenClasses = []string{"off-screen", "element-invisible", "element-hidden", "visually-hidden", "sr-only", "screen-reader-text", "hidden"}

// htmlToText converts a post body. Text outside any tag is read as Markdown
// would be: blank lines separate paragraphs, and ![alt](src) and
// [text](href) become media and links.
func htmlToText(src []byte, out *body) {
	readHTML(src, newScanner(src), out)
}

// tokens is a stream of HTML tokens: the scanner's, or in tests x/net/html's
// Tokenizer's, which the scanner must match.
type tokens interface {
	Next() html.TokenType
	Text() []byte
	TagName() (name []byte, hasAttr bool)
	attrs() tagAttrs
}

// readHTML converts src, read as z's tokens.
func readHTML(src []byte, z tokens, out *body) {
	// The text is rarely longer than the source: room for it at once, not
	// by doubling (assemble copies it out at its size).
	out.text.Grow(len(src))
	b := newTextBuilder(out)
	type open struct {
		a    atom.Atom
		name string // for elements atom does not know: their end tag's name is compared
		kind string // "" for blocks without a kind of their own
		skip bool
		link bool
		// block: a key of blocks (looked up once, at the start tag)
		block bool
	}
	var stack []open
	skip := 0 // depth inside skipped or hidden elements
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			b.finish()
			out.truncated = endsInsideTag(src)
			return
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := z.Text()
			if len(stack) == 0 {
				addMarkdown(b, t, out)
			} else {
				b.addText(t, false)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var attrs tagAttrs
			if hasAttr {
				attrs = z.attrs()
			}
			switch a {
			case atom.Img, atom.Source, atom.Embed, atom.Iframe, atom.Video, atom.Audio, atom.Object:
				if skip == 0 || a == atom.Source {
					addMedia(out, a, attrs)
				}
			}
			if tt == html.SelfClosingTagToken || voidElement(a) {
				if a == atom.Br || a == atom.Hr {
					if skip == 0 {
						b.flush()
					}
				}
				continue
			}
			if len(stack) >= maxHTMLDepth {
				out.deep = true
				continue
			}
			o := open{a: a}
			if a == 0 {
				o.name = string(name)
			}
			if skipped[a] || isHidden(attrs) {
				o.skip = true
				skip++
			}
			if k, ok := blocks[a]; ok {
				o.block = true
				if skip == 0 {
					b.flush()
				}
				o.kind = k
				if a == atom.Div || a == atom.Span || a == atom.P {
					if c := attrs.class; c != "" && strings.Contains(c, "caption") {
						o.kind = "caption"
					}
				}
				if o.kind != "" {
					b.kinds = append(b.kinds, o.kind)
				}
			}
			if a == atom.A && skip == 0 {
				o.link = true
				b.openLink(attrs.href)
			}
			stack = append(stack, o)
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			// Close up to the matching element; a stray end tag is ignored.
			i := len(stack) - 1
			for i >= 0 && !(stack[i].a == a && (a != 0 || stack[i].name == string(name))) {
				i--
			}
			if i < 0 {
				if a == atom.Br || a == atom.P {
					// </br> and a lone </p> break the line, as browsers do.
					b.flush()
				}
				continue
			}
			for j := len(stack) - 1; j >= i; j-- {
				o := stack[j]
				if o.link {
					b.closeLink()
				}
				if o.block && skip == 0 {
					b.flush()
				}
				if o.kind != "" && len(b.kinds) > 0 {
					b.kinds = b.kinds[:len(b.kinds)-1]
				}
				if o.skip {
					skip--
				}
			}
			stack = stack[:i]
		}
	}
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// tagAttrs are the attributes of a tag that the text and media depend on
// (the first of each name: x/net/html drops repeats): fields rather than a
// map, which cost an allocation for every tag with attributes.
type tagAttrs struct {
	href, src, alt, title, class, poster string
	dataSrc, dataOriginal, style, data   string
	hidden                               bool // a hidden attribute, whatever its value
}

// field returns where the value of the attribute named name (lower case)
// goes, or nil: the scanner and the reference tokenizer of the tests read
// the same attributes. A hidden attribute is noted whatever its value.
func (a *tagAttrs) field(name string) *string {
	switch name {
	case "href":
		return &a.href
	case "src":
		return &a.src
	case "alt":
		return &a.alt
	case "title":
		return &a.title
	case "class":
		return &a.class
	case "poster":
		return &a.poster
	case "data-src":
		return &a.dataSrc
	case "data-original":
		return &a.dataOriginal
	case "style":
		return &a.style
	case "data":
		return &a.data
	case "hidden":
		a.hidden = true
	}
	return nil
}

// isHidden reads the attributes that hide an element. Neither test
// allocates: a tag's class and style were split and copied for each tag
// that had them.
func isHidden(attrs tagAttrs) bool {
	if attrs.hidden {
		return true
	}
	if st := attrs.style; st != "" && containsSkippingSpaces(st, "display:none") {
		return true
	}
	if c := attrs.class; c != "" {
		for f := range strings.FieldsSeq(c) {
			for _, h := range hiddenClasses {
				if f == h {
					return true
				}
			}
		}
	}
	return false
}

// containsSkippingSpaces is strings.Contains(strings.ReplaceAll(s, " ",
// ""), pat) for a pat without spaces: pat's characters in order, with any
// spaces between them.
func containsSkippingSpaces(s, pat string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != pat[0] {
			continue
		}
		j, k := i+1, 1
		for k < len(pat) && j < len(s) {
			switch s[j] {
			case ' ':
			case pat[k]:
				k++
			default:
				j = len(s)
				continue
			}
			j++
		}
		if k == len(pat) {
			return true
		}
	}
	return false
}

func addMedia(out *body, a atom.Atom, attrs tagAttrs) {
	var m pipeline.Media
	switch a {
	case atom.Img:
		m.Kind = "image"
		m.Src = firstNonEmpty(attrs.dataSrc, attrs.dataOriginal, attrs.src)
	case atom.Iframe, atom.Embed:
		m.Kind = "iframe"
		m.Src = attrs.src
	case atom.Object:
		m.Kind = "iframe"
		m.Src = attrs.data
	case atom.Video:
		m.Kind = "video"
		m.Src = firstNonEmpty(attrs.src, attrs.poster)
	case atom.Audio:
		m.Kind = "audio"
		m.Src = attrs.src
	case atom.Source:
		// The source of a video or audio element: fill in its parent.
		if n := len(out.media); n > 0 && out.media[n-1].Src == "" {
			out.media[n-1].Src = attrs.src
		}
		return
	}
	m.Alt = firstNonEmpty(attrs.alt, attrs.title)
	out.media = append(out.media, m)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// endsInsideTag reports input cut off inside a tag or comment.
func endsInsideTag(src []byte) bool {
	tail := bytes.TrimRight(src, " \t\r\n")
	if len(tail) > 4096 {
		tail = tail[len(tail)-4096:]
	}
	lt := bytes.LastIndexByte(tail, '<')
	return lt >= 0 && bytes.IndexByte(tail[lt:], '>') < 0
}

// addMarkdown adds text found outside any HTML element: blank lines break
// paragraphs, and Markdown images and links are recorded.
func addMarkdown(b *textBuilder, t []byte, out *body) {
	// No link starts after the last "](": found once, not per '['.
	last := bytes.LastIndex(t, []byte("]("))
	for len(t) > 0 {
		i := bytes.IndexByte(t, '[')
		if i < 0 || i > last {
			b.addText(t, true)
			return
		}
		image := i > 0 && t[i-1] == '!'
		end, text, href := mdLink(t[i:])
		if end < 0 {
			b.addText(t[:i+1], true)
			t = t[i+1:]
			last -= i + 1
			continue
		}
		pre := t[:i]
		last -= i + end
		if image {
			pre = t[:i-1]
		}
		b.addText(pre, true)
		if image {
			out.media = append(out.media, pipeline.Media{Kind: "image", Src: string(href), Alt: string(text)})
		} else {
			b.openLink(string(href))
			b.addText(text, false)
			b.closeLink()
		}
		t = t[i+end:]
	}
}

// Bounds on a Markdown link's text and address: reading stops there, so
// that a run of unclosed brackets costs time linear in its length.
const (
	maxLinkText = 2048
	maxLinkHref = 4096
)

// mdLink reads "[text](href)" at the start of t: the length read, or -1.
func mdLink(t []byte) (n int, text, href []byte) {
	depth := 0
	for i := 0; i < len(t) && i <= maxLinkText; i++ {
		switch t[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				if i+1 >= len(t) || t[i+1] != '(' {
					return -1, nil, nil
				}
				j := bytes.IndexByte(t[i+2:min(len(t), i+2+maxLinkHref)], ')')
				if j < 0 {
					return -1, nil, nil
				}
				href = bytes.TrimSpace(t[i+2 : i+2+j])
				if bytes.ContainsAny(href, " \n") {
					return -1, nil, nil
				}
				return i + 2 + j + 1, t[1:i], href
			}
		case '\n':
			if i+1 < len(t) && t[i+1] == '\n' {
				return -1, nil, nil
			}
		}
	}
	return -1, nil, nil
}
