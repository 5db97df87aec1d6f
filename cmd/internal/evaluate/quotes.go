package evaluate

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
)

// quoteScores are the quote figures of an evaluation: detection of
// substantive quotes (6 characters or more) and of short ones, speaker
// accuracy on the substantive quotes matched, and quote+speaker end to end.
type quoteScores struct {
	Substantive counts `json:"substantive"`
	Short       counts `json:"short"`
	Speakers    struct {
		Matched, Correct int
	} `json:"speakers"`
	EndToEnd counts `json:"end_to_end"`
}

// score returns the figure a quote floor names.
func (q quoteScores) score(name string) float64 {
	switch name {
	case "quotes":
		_, _, f := q.Substantive.prf()
		return f
	case "speakers":
		if q.Speakers.Matched == 0 {
			return 0
		}
		return float64(q.Speakers.Correct) / float64(q.Speakers.Matched)
	case "quotes+speakers":
		_, _, f := q.EndToEnd.prf()
		return f
	case ShortFloor:
		_, _, f := q.Short.prf()
		return f
	}
	return 0
}

// lcs is the length of the longest common substring of a and b.
func lcs(a, b []rune) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	best := 0
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				best = max(best, cur[j])
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// quotesMatch reports whether two quote texts overlap by most of their
// length: a common stretch of at least half the longer one, punctuation and
// spaces aside (狡兔死 走狗烹 and 狡兔死，走狗烹 are one quote).
func quotesMatch(a, b string) bool {
	ra, rb := quoteRunes(a), quoteRunes(b)
	return lcs(ra, rb)*2 >= max(len(ra), len(rb))
}

func quoteRunes(s string) []rune {
	var out []rune
	for _, r := range normForm(s) {
		if !unicode.IsPunct(r) && !unicode.IsSpace(r) && !unicode.IsSymbol(r) {
			out = append(out, r)
		}
	}
	return out
}

// speakerMatches compares a gold speaker with a system one: equal names
// (any form of the system's entity in this post, script and dots aside), an
// organisation named with or without its country (外交部, 中国外交部), or both
// unknown.
// goldForms are the forms a gold speaker goes by: the aliases the gold
// lists for that person or outlet.
func speakerMatches(gold string, goldForms map[string]bool, q pipeline.Quote, forms map[string]bool) bool {
	g := normForm(gold)
	if g == "?" || g == "" {
		return q.Speaker == ""
	}
	if q.Speaker == "" {
		return false
	}
	s := normForm(q.Speaker)
	if s == g || forms[g] && forms[s] || goldForms[s] {
		return true
	}
	for f := range forms {
		if goldForms[f] {
			return true
		}
	}
	return len([]rune(g)) >= 2 && len([]rune(s)) >= 2 && (strings.HasSuffix(g, s) || strings.HasSuffix(s, g))
}

// goldAliases maps each person's and outlet's forms in a gold annotation
// to all its forms.
func goldAliases(g *goldDoc) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, e := range append(append([]goldEntity{}, g.People...), g.Outlets...) {
		it := newItem(e.Name, append([]string{e.Name, e.En}, e.Aliases...)...)
		for f := range it.forms {
			out[f] = it.forms
		}
	}
	return out
}

// entityForms returns, per entity of a post, every form it goes by: its
// surfaces and, for lexicon entities, the lexicon's forms.
func entityForms(gaz *entities.Gazetteer, d *pipeline.Doc) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, m := range d.Mentions {
		f := out[m.EntityID]
		if f == nil {
			f = map[string]bool{}
			for x := range newItem("", m.Name).forms {
				f[x] = true
			}
			if e, ok := gaz.Entity(m.EntityID); ok {
				for _, a := range append([]string{e.Name, e.NameEn}, e.Aliases...) {
					for x := range newItem("", a).forms {
						f[x] = true
					}
				}
			}
			out[m.EntityID] = f
		}
		for x := range newItem("", m.Surface).forms {
			f[x] = true
		}
	}
	return out
}

// scoreQuotes compares a post's quotes (direct and partial: the gold has no
// reported speech) with the gold's, and notes misses and false hits.
func scoreQuotes(gaz *entities.Gazetteer, d *pipeline.Doc, gd *goldDoc, sc *quoteScores, det *postDetail) {
	forms := entityForms(gaz, d)
	aliases := goldAliases(gd)
	gold := gd.Quotes
	var sys []pipeline.Quote
	for _, q := range d.Quotes {
		if q.Kind != "reported" {
			sys = append(sys, q)
		}
	}
	for _, substantive := range []bool{true, false} {
		var g []goldQuote
		var s []pipeline.Quote
		for _, x := range gold {
			if (len([]rune(x.Text)) >= 6) == substantive {
				g = append(g, x)
			}
		}
		for _, x := range sys {
			if (len([]rune(x.Text)) >= 6) == substantive {
				s = append(s, x)
			}
		}
		used := make([]bool, len(s))
		var c counts
		for _, gq := range g {
			hit := -1
			for i, sq := range s {
				if !used[i] && quotesMatch(gq.Text, sq.Text) {
					hit = i
					break
				}
			}
			if hit < 0 {
				c.fn++
				if substantive {
					det.Misses["quotes"] = append(det.Misses["quotes"], clip(gq.Text)+" ["+gq.Speaker+"]")
					sc.EndToEnd.fn++
				}
				continue
			}
			used[hit] = true
			c.tp++
			if substantive {
				sq := s[hit]
				sc.Speakers.Matched++
				if speakerMatches(gq.Speaker, aliases[normForm(gq.Speaker)], sq, forms[sq.SpeakerEntityID]) {
					sc.Speakers.Correct++
					sc.EndToEnd.tp++
				} else {
					sc.EndToEnd.fn++
					sc.EndToEnd.fp++
					who := sq.Speaker
					if who == "" {
						who = "?"
					}
					det.False["speakers"] = append(det.False["speakers"], fmt.Sprintf("%s: %s, not %s (%s) after %q", clip(gq.Text), who, gq.Speaker, sq.Rule, before(d.Post.Text, sq.Start)))
				}
			}
		}
		for i, sq := range s {
			if !used[i] {
				c.fp++
				if substantive {
					sc.EndToEnd.fp++
					det.False["quotes"] = append(det.False["quotes"], clip(sq.Text)+" ["+sq.Rule+"]")
				}
			}
		}
		if substantive {
			sc.Substantive.add(c)
		} else {
			sc.Short.add(c)
		}
	}
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

func printQuoteScores(w io.Writer, q quoteScores) {
	p, r, f := q.Substantive.prf()
	fmt.Fprintf(w, "quotes    detection (6+ chars)  P / R / F1  %.3f / %.3f / %.3f   (tp %d, fp %d, fn %d)\n", p, r, f, q.Substantive.tp, q.Substantive.fp, q.Substantive.fn)
	acc := 0.0
	if q.Speakers.Matched > 0 {
		acc = float64(q.Speakers.Correct) / float64(q.Speakers.Matched)
	}
	fmt.Fprintf(w, "quotes    speaker accuracy               %.3f   (%d of %d matched)\n", acc, q.Speakers.Correct, q.Speakers.Matched)
	p, r, f = q.EndToEnd.prf()
	fmt.Fprintf(w, "quotes    quote+speaker         P / R / F1  %.3f / %.3f / %.3f\n", p, r, f)
	p, r, f = q.Short.prf()
	fmt.Fprintf(w, "quotes    short (< 6 chars)     P / R / F1  %.3f / %.3f / %.3f   (tp %d, fp %d, fn %d)\n", p, r, f, q.Short.tp, q.Short.fp, q.Short.fn)
}

// before returns the 30 characters before position i of a text, for the
// detail of a speaker error.
func before(text string, i int) string {
	r := []rune(text)
	i = min(max(i, 0), len(r))
	return strings.ReplaceAll(string(r[max(0, i-31):i]), "\n", "/")
}
