package parse

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/feeds"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/parse/credits"
)

// Stage is the parse stage: it fills Doc.Post from Doc.Raw and drops Raw.
type Stage struct{}

// New returns the parse stage.
func New() *Stage { return &Stage{} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "parse" }

// Process implements pipeline.Stage. It rejects empty and binary files; any
// other input gives a Post, repaired where needed (see Post.Warnings).
// Post.Blob is Doc.Hash when the source set it (the same BlobID of Raw),
// not hashed a second time.
func (*Stage) Process(_ context.Context, d *pipeline.Doc) error {
	p, _, err := parse(d.Source.Path, d.Raw, d.Hash)
	if err != nil {
		return err
	}
	d.Post = p
	d.Raw = nil
	return nil
}

// Errors of input that is not a post.
var (
	ErrEmpty  = errors.New("empty file")
	ErrBinary = errors.New("binary file: not text")
)

// genericCategories are categories that name no outlet.
var genericCategories = map[string]bool{"news": true, "post": true, "posts": true, "blog": true, "新闻": true, "新聞": true}

var (
	reEpoch   = regexp.MustCompile(`^<!--\s*(-?\d+|NaN|nan|null|undefined)\s*-->$`)
	reDateCN  = regexp.MustCompile(`^(?:日期|時間|时间|發佈時間|发布时间)[:：]\s*(.+)$`)
	reFileDay = regexp.MustCompile(`(?:^|/)((?:19|20)\d\d-[01]\d-[0-3]\d)-`)
)

// Parse reads one post. name is the file's path inside its archive, used
// only as a last resort for the date.
func Parse(name string, raw []byte) (*pipeline.Post, error) {
	p, _, err := parse(name, raw, "")
	return p, err
}

// parse is Parse with raw's BlobID when known (else ""), and also returns
// the body paragraphs that the credits were read from (for
// TestBodyParagraphs).
func parse(name string, raw []byte, blob string) (*pipeline.Post, []string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil, ErrEmpty
	}
	if binary(raw) {
		return nil, nil, ErrBinary
	}
	text, enc := decode(raw)
	if blob == "" {
		blob = BlobID(raw)
	}
	p := &pipeline.Post{Encoding: enc, Blob: blob}
	if !strings.HasPrefix(enc, "utf-8") {
		p.Warnings = append(p.Warnings, "encoding: not UTF-8, decoded as "+enc)
	}

	fmBytes, rest, found, closed := splitFrontMatter(text)
	if found {
		p.Format = "jekyll"
		if !closed {
			p.Warnings = append(p.Warnings, "front matter: no closing ---")
		}
		fm, warn := parseFrontMatter(fmBytes)
		if warn != "" {
			p.Warnings = append(p.Warnings, warn)
		}
		p.Layout = fm.get("layout")
		p.Title = cleanTitle(fm.get("title"))
		p.Author = strings.TrimSpace(fm.get("author"))
		p.URL = strings.TrimSpace(fm.get("from"))
		if p.URL == "" {
			p.URL = strings.TrimSpace(fm.get("url"))
		}
		p.Tags = listField(fm, "tags")
		p.Categories = listField(fm, "categories")
		switch strings.ToLower(fm.get("comments")) {
		case "true", "yes", "on", "1":
			p.Comments = true
		}
		p.DateRaw = strings.TrimSpace(fm.get("date"))
		if t, ok := parseDate(p.DateRaw); ok {
			p.Published = t
		} else if p.DateRaw != "" {
			p.Warnings = append(p.Warnings, "date: cannot read "+strconv.Quote(p.DateRaw))
		}
	}

	rest, lead := readPreamble(rest, p)
	if !found {
		switch {
		case lead.link || lead.epoch:
			p.Format = "link-ts"
			if lead.dated {
				p.Format = "link-dated"
			}
		case looksHTML(rest):
			p.Format = "html"
		default:
			p.Format = "text"
		}
	}

	var b body
	htmlToText(rest, &b)
	if b.truncated {
		p.Warnings = append(p.Warnings, "html: input ends inside a tag")
	}
	if b.deep {
		p.Warnings = append(p.Warnings, fmt.Sprintf("html: elements nested deeper than %d, the deeper tags ignored", maxHTMLDepth))
	}
	assemble(p, &b)
	if err := checkLimits(p); err != nil {
		return nil, nil, err
	}

	if p.Published.IsZero() {
		switch {
		case !p.SourceTS.IsZero():
			p.Published = p.SourceTS
		default:
			if m := reFileDay.FindStringSubmatch(name); m != nil {
				if t, err := time.Parse("2006-01-02", m[1]); err == nil {
					p.Published = t
					p.Warnings = append(p.Warnings, "date: taken from the file name")
				}
			}
		}
	}
	p.Outlet = outletOf(p)
	p.Script = detectScript(p.Text)

	paras := bodyParagraphs(p, &b)
	c := credits.Extract(credits.Input{Paragraphs: paras, Outlet: p.Outlet, Published: p.Published, Title: p.Title})
	p.Dateline, p.DatelinePlace, p.DatelineDate = c.Dateline, c.Place, c.Date
	p.Reporters, p.Editors = c.Reporters, c.Editors
	return p, paras, nil
}

// BlobID is Git's object id of a file's bytes: the posts' content hash.
func BlobID(raw []byte) string {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(raw)) + "\x00"))
	h.Write(raw)
	return hex.EncodeToString(h.Sum(nil))
}

// binary reports content that is not text: NUL bytes, or mostly control
// bytes, in its first 8 KB.
func binary(raw []byte) bool {
	head := raw[:min(len(raw), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		// UTF-16 text has NULs; it comes with a byte order mark.
		return !bytes.HasPrefix(raw, []byte{0xff, 0xfe}) && !bytes.HasPrefix(raw, []byte{0xfe, 0xff})
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b && c != 0x08 {
			ctl++
		}
	}
	return ctl*10 > len(head)
}

func listField(fm frontMatter, k string) []string {
	var out []string
	add := func(s string) {
		if s = collapseSpace(s); s != "" {
			out = append(out, s)
		}
	}
	if l, ok := fm.lists[k]; ok {
		for _, s := range l {
			add(s)
		}
		return out
	}
	// A scalar: "a, b" or "a b" as Jekyll reads it.
	v := fm.get(k)
	v = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(v), "["), "]")
	sep := ","
	if !strings.Contains(v, ",") {
		sep = " "
	}
	for _, s := range strings.Split(v, sep) {
		add(s)
	}
	return out
}

// preamble is what stands between the front matter and the body.
type preamble struct {
	epoch, link, dated bool
}

// readPreamble consumes the bot's lines that precede the body: the epoch
// comment, the title link line with its "------" underline, and a "日期："
// line. It fills in what they say where the front matter did not.
func readPreamble(rest []byte, p *pipeline.Post) ([]byte, preamble) {
	var pre preamble
	for i := 0; i < 4; i++ {
		line, after := nextLine(rest)
		l := bytes.TrimSpace(line)
		switch {
		case len(l) == 0:
			if len(after) == len(rest) {
				return rest, pre
			}
			rest = after
			i--
			if len(rest) == 0 {
				return rest, pre
			}
			continue
		case !pre.epoch && !pre.link && reEpoch.Match(l):
			pre.epoch = true
			m := reEpoch.FindSubmatch(l)
			if n, err := strconv.ParseInt(string(m[1]), 10, 64); err == nil && n > 0 {
				if n < 1e11 { // seconds, not milliseconds
					n *= 1000
				}
				p.SourceTS = time.UnixMilli(n).UTC()
			}
			rest = after
		case !pre.link:
			// A title line: "[title](url)" or plain text, underlined.
			under, after2 := nextLine(after)
			if !dashes(under) {
				return rest, pre
			}
			pre.link = true
			title, href := linkLine(string(l))
			if p.Title == "" {
				p.Title = cleanTitle(title)
			}
			if p.URL == "" {
				p.URL = href
			}
			rest = after2
		case !pre.dated:
			m := reDateCN.FindSubmatch(l)
			if m == nil {
				return rest, pre
			}
			pre.dated = true
			if p.Published.IsZero() {
				if t, ok := parseDate(string(m[1])); ok {
					p.Published = t
				}
			}
			if p.DateRaw == "" {
				p.DateRaw = string(bytes.TrimSpace(m[1]))
			}
			rest = after
		default:
			return rest, pre
		}
	}
	return rest, pre
}

func nextLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, b[len(b):]
}

func dashes(l []byte) bool {
	l = bytes.TrimSpace(l)
	if len(l) < 3 {
		return false
	}
	for _, c := range l {
		if c != '-' && c != '=' {
			return false
		}
	}
	return true
}

// linkLine reads "[title](url)"; a line that is not a link is all title.
func linkLine(l string) (title, href string) {
	if strings.HasPrefix(l, "[") && strings.HasSuffix(l, ")") {
		if i := strings.LastIndex(l, "]("); i > 0 {
			return l[1:i], strings.TrimSpace(l[i+2 : len(l)-1])
		}
	}
	return l, ""
}

func looksHTML(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '<'
}

// assemble builds the Post's text: the title line, then the body.
func assemble(p *pipeline.Post, b *body) {
	offset := 0
	body := b.text.String()
	// The text is copied out at its size, so that it does not keep the
	// room htmlToText made for it, unless it fills most of that room.
	var sb strings.Builder
	if p.Title != "" {
		sb.Grow(len(p.Title) + 1 + len(body))
		sb.WriteString(p.Title)
		offset = utf8.RuneCountInString(p.Title)
		p.Spans = append(p.Spans, pipeline.Span{Kind: "title", Start: 0, Stop: offset})
		if b.runes > 0 {
			sb.WriteByte('\n')
			offset++
		}
	}
	if sb.Len() == 0 && b.text.Cap() <= len(body)+len(body)/4 {
		p.Text = body
	} else {
		sb.Grow(len(body))
		sb.WriteString(body)
		p.Text = sb.String()
	}
	p.Runes = offset + b.runes
	for _, s := range b.spans {
		s.Start += offset
		s.Stop += offset
		p.Spans = append(p.Spans, s)
	}
	for _, l := range b.links {
		l.Start += offset
		l.Stop += offset
		p.Links = append(p.Links, l)
	}
	p.Media = b.media
}

// bodyParagraphs returns the text of every span but the title, b's
// spans, which assemble put at the end of p.Text: cut at the byte offsets
// flush recorded, not found again by counting code points.
func bodyParagraphs(p *pipeline.Post, b *body) []string {
	shift := len(p.Text) - b.text.Len()
	out := make([]string, 0, len(b.spans))
	for i := 0; i+1 < len(b.spanBytes); i += 2 {
		out = append(out, p.Text[shift+b.spanBytes[i]:shift+b.spanBytes[i+1]])
	}
	return out
}

// outletOf names the publishing outlet: the last specific category, else
// the author, else the site of the post's URL.
func outletOf(p *pipeline.Post) string {
	for i := len(p.Categories) - 1; i >= 0; i-- {
		if c := p.Categories[i]; !genericCategories[strings.ToLower(c)] {
			return c
		}
	}
	if p.Author != "" {
		return p.Author
	}
	if u, err := url.Parse(p.URL); err == nil && u.Host != "" {
		return feeds.Outlet(u.Hostname())
	}
	return ""
}
