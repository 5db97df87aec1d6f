package parse

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

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

// parseFrontMatter reads the block as YAML; when it is not valid YAML (a
// title with unescaped quotes, say) it falls back to reading it line by line
// and says so in warn.
func parseFrontMatter(b []byte) (fm frontMatter, warn string) {
	fm = frontMatter{fields: map[string]string{}, lists: map[string][]string{}}
	var m map[string]any
	err := yaml.Unmarshal(b, &m)
	if err == nil {
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
		return fm, ""
	}
	lenientFrontMatter(b, fm)
	return fm, "front matter: not valid YAML (" + firstLine(err.Error()) + "), read line by line"
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
func lenientFrontMatter(b []byte, fm frontMatter) {
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if !yamlLine([]byte(line)) || line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-' {
			continue
		}
		k, v, _ := strings.Cut(line, ":")
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		switch {
		case strings.HasPrefix(v, `"`):
			// Gather continuation lines up to the next key line.
			for i+1 < len(lines) && !startsKey(lines[i+1]) {
				i++
				v += "\n" + lines[i]
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
