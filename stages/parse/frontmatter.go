package parse

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
)

// frontMatter is the YAML header of a Jekyll post, as strings.
type frontMatter struct {
	fields map[string]string
	lists  map[string][]string
}

func (f frontMatter) get(k string) string { return f.fields[k] }

// splitFrontMatter cuts a leading "---" block off text. It returns the
// block's lines without the fences, the rest of the text, and whether a
// block was found; closed is false when the closing fence is missing (the
// block then ends at the first line that is not a YAML line).
func splitFrontMatter(text []byte) (fm, rest []byte, found, closed bool) {
	t := bytes.TrimLeft(text, "\n \t")
	if !bytes.HasPrefix(t, []byte("---")) {
		return nil, text, false, false
	}
	nl := bytes.IndexByte(t, '\n')
	if nl < 0 || len(bytes.TrimSpace(t[3:nl])) != 0 {
		return nil, text, false, false
	}
	body := t[nl+1:]
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		line := body[off:]
		next := len(body)
		if end >= 0 {
			line = body[off : off+end]
			next = off + end + 1
		}
		l := bytes.TrimRight(line, " \t")
		if bytes.Equal(l, []byte("---")) || bytes.Equal(l, []byte("...")) {
			return body[:off], body[next:], true, true
		}
		off = next
	}
	// No closing fence: take the YAML-looking lines.
	off := 0
	for off < len(body) {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body) - off
		}
		line := body[off : off+end]
		if len(bytes.TrimSpace(line)) > 0 && !yamlLine(line) {
			break
		}
		off += end + 1
	}
	off = min(off, len(body))
	return body[:off], body[off:], true, false
}

// yamlLine reports a "key: value" line or a continuation of one.
func yamlLine(l []byte) bool {
	if len(l) > 0 && (l[0] == ' ' || l[0] == '\t' || l[0] == '-' || l[0] == '#') {
		return true
	}
	i := bytes.IndexByte(l, ':')
	if i <= 0 {
		return false
	}
	for _, c := range l[:i] {
		if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Bounds on what goes to the YAML library, whose time grows faster than
// its input (30,000 keys take seconds, 300,000 minutes) and which expands
// aliases (nine nested levels of a "billion laughs" take a minute). The
// corpus's largest front matter is under 1 KB with 8 keys.
const (
	maxYAMLBytes = 4 << 10
	maxYAMLLines = 200
	// maxYAMLNesting bounds [ and { open at once: the library's time is
	// quadratic in them.
	maxYAMLNesting = 16
	// maxFrontMatterKeys bounds the keys the line-by-line reader keeps.
	maxFrontMatterKeys = 1000
)

// parseFrontMatter reads the block as YAML; when it is not valid YAML (a
// title with unescaped quotes, say), is too large, or uses anchors and
// aliases, it falls back to reading it line by line, which takes time linear
// in the block, and says so in warn.
func parseFrontMatter(b []byte) (fm frontMatter, warn string) {
	fm = frontMatter{fields: map[string]string{}, lists: map[string][]string{}}
	if len(b) > maxYAMLBytes || bytes.Count(b, []byte("\n")) > maxYAMLLines {
		w := lenientFrontMatter(b, fm)
		return fm, joinWarn(fmt.Sprintf("front matter: %d bytes, over the YAML reader's limit of %d bytes or %d lines, read line by line", len(b), maxYAMLBytes, maxYAMLLines), w)
	}
	if flowNesting(b) > maxYAMLNesting {
		w := lenientFrontMatter(b, fm)
		return fm, joinWarn(fmt.Sprintf("front matter: brackets nested deeper than %d, read line by line", maxYAMLNesting), w)
	}
	if hasAnchors(b) {
		w := lenientFrontMatter(b, fm)
		return fm, joinWarn("front matter: YAML anchors or aliases not expanded, read line by line", w)
	}
	if plainFrontMatter(b, fm) {
		return fm, ""
	}
	err := yamlFrontMatter(b, fm)
	if err == nil {
		return fm, ""
	}
	w := lenientFrontMatter(b, fm)
	return fm, joinWarn("front matter: not valid YAML ("+firstLine(err.Error())+"), read line by line", w)
}

// plainFrontMatter reads the front matter the news bots write (layout,
// a double-quoted title, date, author, from, flow lists of tags and
// categories) without the YAML library, which took a sixth of the parse
// stage's time to read those seven lines. It accepts only a subset of YAML
// whose reading it is sure to share with the library: "key: value" lines
// with simple keys, each key once, and values that are a double-quoted
// string without escapes, a flow list of plain words, nothing, a boolean
// (comments: True), or a plain scalar that YAML reads as the string it is
// (no number, no null or boolean word, no indicator, comment or escape). Anything else, it leaves
// fm as it found it and returns false, and the YAML library reads the
// block. TestPlainFrontMatterAgrees compares both over the shared corpus,
// and FuzzPlainFrontMatter on arbitrary blocks.
func plainFrontMatter(b []byte, fm frontMatter) bool {
	type entry struct {
		key, val string
		list     []string
		isList   bool
	}
	var entries [16]entry
	n := 0
	for off := 0; off < len(b); {
		end := bytes.IndexByte(b[off:], '\n')
		line := b[off:]
		if end >= 0 {
			line = b[off : off+end]
			off += end + 1
		} else {
			off = len(b)
		}
		if len(line) == 0 {
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || n == len(entries) || !plainKey(line[:colon]) {
			return false
		}
		rest := line[colon+1:]
		if len(rest) > 0 && rest[0] != ' ' {
			return false
		}
		v := string(bytes.TrimRight(bytes.TrimLeft(rest, " "), " "))
		e := entry{key: strings.ToLower(string(line[:colon]))}
		for _, o := range entries[:n] {
			if o.key == e.key {
				return false
			}
		}
		switch {
		case v == "":
		case v[0] == '"':
			if len(v) < 2 || v[len(v)-1] != '"' {
				return false
			}
			v = v[1 : len(v)-1]
			if strings.ContainsAny(v, `"\\`) || !plainChars(v) {
				return false
			}
			e.val = v
		case v[0] == '[':
			if v[len(v)-1] != ']' {
				return false
			}
			e.isList = true
			inner := strings.Trim(v[1:len(v)-1], " ")
			if inner == "" {
				break
			}
			for el := range strings.SplitSeq(inner, ",") {
				el = strings.Trim(el, " ")
				if !plainScalar(el) || strings.ContainsAny(el, ":[]{}") || '0' <= el[0] && el[0] <= '9' {
					return false
				}
				e.list = append(e.list, el)
			}
		case v == "true" || v == "True" || v == "TRUE":
			e.val = "true" // YAML's booleans, as scalar writes them
		case v == "false" || v == "False" || v == "FALSE":
			e.val = "false"
		default:
			if !plainScalar(v) {
				return false
			}
			e.val = v
		}
		entries[n] = e
		n++
	}
	for _, e := range entries[:n] {
		switch {
		case e.isList && len(e.list) > 0:
			fm.lists[e.key] = e.list
		case e.isList:
		default:
			fm.fields[e.key] = e.val
		}
	}
	return true
}

// plainKey reports a key of letters, digits, '_' and '-', starting with a
// letter.
func plainKey(k []byte) bool {
	if !('a' <= k[0] && k[0] <= 'z' || 'A' <= k[0] && k[0] <= 'Z') {
		return false
	}
	for _, c := range k {
		if !(c == '_' || c == '-' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// plainScalar reports an unquoted value that YAML reads as a string equal
// to it: it starts with a letter, '(' or a character beyond ASCII, or is a
// date ("2021-01-12T08:51:00.000Z", which the library leaves a string
// when reading into a map), is no null or boolean word, and holds no
// comment, quote, escape, flow indicator or "key: " or "- " inside.
func plainScalar(v string) bool {
	if v == "" {
		return false
	}
	c := v[0]
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '(', c >= 0x80:
	case len(v) >= 5 && isDigits(v[:4]) && v[4] == '-':
	default:
		return false
	}
	switch strings.ToLower(v) {
	case "null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "nan", "infinity":
		return false
	}
	// The indicators &, *, !, |, >, %, @ and ` count only at a value's
	// start, which the switch above has ruled out.
	if strings.ContainsAny(v, "#\"'\\{}[]") || strings.Contains(v, ": ") || strings.Contains(v, " -") ||
		strings.Contains(v, "- ") || v[len(v)-1] == ':' {
		return false
	}
	return plainChars(v)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// plainChars reports valid UTF-8 without control characters, tabs, line
// or paragraph separators, byte order marks or replacement characters,
// which YAML might read otherwise.
func plainChars(v string) bool {
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		switch {
		case r == utf8.RuneError, r >= 0x80 && r <= 0x9f, r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xfff0:
			return false
		}
		i += size
	}
	return true
}

// yamlFrontMatter reads the block with the YAML library into fm, which
// it leaves as it was on error.
func yamlFrontMatter(b []byte, fm frontMatter) error {
	var m map[string]any
	if err := yaml.Unmarshal(b, &m); err != nil {
		return err
	}
	for k, v := range m {
		k = strings.ToLower(k)
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				if e != nil {
					fm.lists[k] = append(fm.lists[k], scalar(e))
				}
			}
		case map[string]any:
			// Nested maps carry nothing this family uses.
		case nil:
			fm.fields[k] = ""
		default:
			fm.fields[k] = scalar(v)
		}
	}
	return nil
}

func joinWarn(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}

// flowNesting returns the most [ and { open at once, quotes ignored.
func flowNesting(b []byte) int {
	depth, most := 0, 0
	for _, c := range b {
		switch c {
		case '[', '{':
			depth++
			most = max(most, depth)
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return most
}

// hasAnchors reports a YAML anchor (&a) or alias (*a) where YAML reads one:
// at the start of a node (after a line's indent, "- ", ": ", "? ", "[", "{"
// or ","). It may also flag such a character inside a quoted string; the
// line reader reads those just as well.
func hasAnchors(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		c := b[i]
		if c != '&' && c != '*' {
			continue
		}
		if n := b[i+1]; n == ' ' || n == '\t' || n == '\n' || n == '\r' {
			continue
		}
		j := i - 1
		for j >= 0 && (b[j] == ' ' || b[j] == '\t') {
			j--
		}
		if j < 0 {
			return true
		}
		switch b[j] {
		case '\n', '[', '{', ',':
			return true
		case '-', ':', '?':
			if j < i-1 { // followed by a space: an indicator, not part of a word
				return true
			}
		}
	}
	return false
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	case bool:
		if v {
			return "true"
		}
		return "false"
	case uint64:
		return strconv.FormatUint(v, 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// lenientFrontMatter reads "key: value" lines the way the news bots write
// them: a double-quoted value may run over lines and hold unescaped quotes
// (it ends at the last quote before the next key line); "[ a, b ]" is a list.
// It keeps the first maxFrontMatterKeys keys and says so in warn when there
// are more. It takes time linear in b.
func lenientFrontMatter(b []byte, fm frontMatter) (warn string) {
	lines := strings.Split(string(b), "\n")
	keys := 0
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if !yamlLine([]byte(line)) || line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-' {
			continue
		}
		if keys++; keys > maxFrontMatterKeys {
			return fmt.Sprintf("front matter: more than %d keys, the rest ignored", maxFrontMatterKeys)
		}
		k, v, _ := strings.Cut(line, ":")
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		switch {
		case strings.HasPrefix(v, `"`):
			// Gather continuation lines up to the next key line.
			if i+1 < len(lines) && !startsKey(lines[i+1]) {
				var sb strings.Builder
				sb.WriteString(v)
				for i+1 < len(lines) && !startsKey(lines[i+1]) {
					i++
					sb.WriteByte('\n')
					sb.WriteString(lines[i])
				}
				v = sb.String()
			}
			v = strings.TrimSpace(v)
			v = strings.TrimPrefix(v, `"`)
			v = strings.TrimSuffix(v, `"`)
			v = strings.ReplaceAll(v, `\"`, `"`)
			v = strings.ReplaceAll(v, `\\`, `\`)
			fm.fields[k] = v
		case strings.HasPrefix(v, "'"):
			v = strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'")
			fm.fields[k] = strings.ReplaceAll(v, "''", "'")
		case strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]"):
			for _, e := range strings.Split(v[1:len(v)-1], ",") {
				if e = strings.Trim(strings.TrimSpace(e), `"'`); e != "" {
					fm.lists[k] = append(fm.lists[k], e)
				}
			}
		default:
			fm.fields[k] = v
		}
	}
	return ""
}

func startsKey(line string) bool {
	return line != "" && line[0] != ' ' && line[0] != '\t' && yamlLine([]byte(line)) && !strings.HasPrefix(line, `"`)
}

// cleanTitle decodes HTML entities (titles carry &amp; and &quot;) and
// collapses white space.
func cleanTitle(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return collapseSpace(s)
}

func collapseSpace(s string) string {
	tb := &textBuilder{out: &body{}}
	tb.addText([]byte(s), false)
	return string(tb.line)
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
}

// parseDate reads the date forms of this family; a time without a zone is
// taken as UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
