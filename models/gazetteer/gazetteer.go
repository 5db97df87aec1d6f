// Package gazetteer reads the name lists of models/people and models/outlets
// and the files users add at run time in the same format: UTF-8,
// tab-separated, one entry a line, '#' lines are comments:
//
//	id	name	name_t	name_en	country	aliases	note
//
// name is the simplified-script form, name_t the traditional one, country an
// ISO 3166-1 alpha-3 code, aliases '|'-separated other forms, note a free
// description (a person's role, an outlet's kind). Only id and name are
// required; a line may stop after any column.
package gazetteer

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Entry is one person or outlet.
type Entry struct {
	ID      string
	Name    string // simplified script
	NameT   string // traditional script
	NameEn  string
	Country string // ISO 3166-1 alpha-3
	Aliases []string
	Note    string
}

// Forms returns every written form of the entry: name, traditional name and
// aliases, without duplicates.
func (e Entry) Forms() []string {
	out := make([]string, 0, 2+len(e.Aliases))
	seen := map[string]bool{}
	for _, f := range append([]string{e.Name, e.NameT}, e.Aliases...) {
		if f != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// Parse reads entries; source names the input in errors. Duplicate ids are
// an error.
func Parse(r io.Reader, source string) ([]Entry, error) {
	var out []Entry
	ids := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < 7 {
			f = append(f, "")
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		e := Entry{ID: f[0], Name: f[1], NameT: f[2], NameEn: f[3], Country: strings.ToUpper(f[4]), Note: f[6]}
		if e.ID == "" || e.Name == "" {
			return nil, fmt.Errorf("%s:%d: id and name are required", source, n)
		}
		if strings.ContainsAny(e.ID, " \t|") {
			return nil, fmt.Errorf("%s:%d: id %q has a space or '|'", source, n, e.ID)
		}
		if e.Country != "" && len(e.Country) != 3 {
			return nil, fmt.Errorf("%s:%d: country %q is not an ISO 3166-1 alpha-3 code", source, n, f[4])
		}
		if prev, ok := ids[e.ID]; ok {
			return nil, fmt.Errorf("%s:%d: id %q already on line %d", source, n, e.ID, prev)
		}
		ids[e.ID] = n
		for _, a := range strings.Split(f[5], "|") {
			if a = strings.TrimSpace(a); a != "" {
				e.Aliases = append(e.Aliases, a)
			}
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	return out, nil
}

// Merge returns base with extra's entries added; an extra entry with the id
// of a base entry replaces it.
func Merge(base, extra []Entry) []Entry {
	pos := make(map[string]int, len(base))
	out := make([]Entry, len(base), len(base)+len(extra))
	copy(out, base)
	for i, e := range out {
		pos[e.ID] = i
	}
	for _, e := range extra {
		if i, ok := pos[e.ID]; ok {
			out[i] = e
			continue
		}
		pos[e.ID] = len(out)
		out = append(out, e)
	}
	return out
}
