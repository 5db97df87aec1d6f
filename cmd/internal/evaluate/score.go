package evaluate

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"github.com/newsnlp/newsnlp/models/hanzi"
)

// goldDoc is one annotation file of the gold guide's format.
type goldDoc struct {
	File      string       `json:"file"`
	Outlet    string       `json:"outlet"`
	Script    string       `json:"script"`
	People    []goldEntity `json:"people"`
	Countries []struct {
		Code    string   `json:"code"`
		Aliases []string `json:"aliases"`
	} `json:"countries"`
	Outlets   []goldEntity `json:"outlets"`
	Reporters []string     `json:"reporters"`
	Editors   []string     `json:"editors"`
	Quotes    []goldQuote  `json:"quotes"`
	// notQuotes, in extra annotations only, are spans judged not quotes:
	// there only the spans annotated either way are short-quote labels.
	notQuotes []string
	// shortOnly: extra annotations whose speakers the speaker model does
	// not learn (ExtraPost.ShortOnly).
	shortOnly bool
	round     int // ExtraPost.Round
	// speakersOnly: extra annotations the short-quote detector does not
	// learn from (ExtraPost.SpeakersOnly).
	speakersOnly bool
}

type goldEntity struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	En      string   `json:"en"`
}

type goldQuote struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
}

// item is one entity of a post to match: the forms it goes by, normalised.
type item struct {
	label string
	forms map[string]bool
}

// normForm makes forms comparable: simplified script, one kind of middle
// dot, no title marks or spaces, lower-case Latin.
func normForm(s string) string {
	s = hanzi.Load().StringToSimplified(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '《' || r == '》' || r == '「' || r == '」' || unicode.IsSpace(r):
			return -1
		case r == '‧' || r == '•' || r == '・' || r == '．' || r == '･' || r == '∙':
			return '·'
		}
		return unicode.ToLower(r)
	}, s)
	return s
}

func newItem(label string, forms ...string) item {
	it := item{label: label, forms: map[string]bool{}}
	for _, f := range forms {
		if n := normForm(f); n != "" {
			it.forms[n] = true
			it.forms[strings.ReplaceAll(n, "·", "")] = true
		}
	}
	return it
}

// counts is precision/recall bookkeeping.
type counts struct{ tp, fp, fn int }

func (c *counts) add(o counts) { c.tp += o.tp; c.fp += o.fp; c.fn += o.fn }

// MarshalJSON writes the counts with their precision, recall and F1, as
// the scores of --json are written: the fields alone are unexported, and
// the quote figures (detection, short quotes, end to end) came out {}.
func (c counts) MarshalJSON() ([]byte, error) {
	p, r, f := c.prf()
	return json.Marshal(scoreJ{TP: c.tp, FP: c.fp, FN: c.fn, P: p, R: r, F1: f})
}

func (c counts) prf() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// matchItems pairs system items with gold items that share a form, one to
// one, and returns the counts with the unmatched labels.
func matchItems(sys, gold []item) (c counts, misses, falses []string) {
	used := make([]bool, len(sys))
	for _, g := range gold {
		hit := -1
		for i, s := range sys {
			if used[i] {
				continue
			}
			for f := range g.forms {
				if s.forms[f] {
					hit = i
					break
				}
			}
			if hit >= 0 {
				break
			}
		}
		if hit >= 0 {
			used[hit] = true
			c.tp++
		} else {
			c.fn++
			misses = append(misses, g.label)
		}
	}
	for i, s := range sys {
		if !used[i] {
			c.fp++
			falses = append(falses, s.label)
		}
	}
	return c, misses, falses
}

// matchSets scores sets of strings (country codes, reporter names).
func matchSets(sys, gold []string) (c counts, misses, falses []string) {
	g := map[string]bool{}
	for _, x := range gold {
		g[normForm(x)] = true
	}
	s := map[string]bool{}
	for _, x := range sys {
		s[normForm(x)] = true
	}
	for x := range g {
		if s[x] {
			c.tp++
		} else {
			c.fn++
			misses = append(misses, x)
		}
	}
	for x := range s {
		if !g[x] {
			c.fp++
			falses = append(falses, x)
		}
	}
	sort.Strings(misses)
	sort.Strings(falses)
	return c, misses, falses
}

// scoreTable prints P/R/F1 per type for each system.
func scoreTable(w io.Writer, types []string, systems []string, scores map[string]map[string]counts) {
	fmt.Fprintf(w, "%-10s", "type")
	for _, s := range systems {
		fmt.Fprintf(w, "  %-26s", s+" P / R / F1")
	}
	fmt.Fprintln(w)
	for _, t := range types {
		fmt.Fprintf(w, "%-10s", t)
		for _, s := range systems {
			c, ok := scores[s][t]
			if !ok {
				fmt.Fprintf(w, "  %-26s", "-")
				continue
			}
			p, r, f := c.prf()
			fmt.Fprintf(w, "  %-26s", fmt.Sprintf("%.3f / %.3f / %.3f", p, r, f))
		}
		fmt.Fprintln(w)
	}
}
