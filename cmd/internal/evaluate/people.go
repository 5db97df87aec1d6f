package evaluate

import (
	"fmt"
	"io"

	"github.com/newsnlp/newsnlp/pipeline"
)

// peopleMethods are the sources of people, in print order.
var peopleMethods = []string{"gazetteer", "discovery", "tagger", "coreference"}

// personMethod is the source an entity of a post is credited to: the
// gazetteer when any mention is the lexicon's, else the first rule or the
// tagger that found it, coreference only when nothing else did.
func personMethod(ms []pipeline.Mention) string {
	best := "coreference"
	for _, m := range ms {
		switch m.Method {
		case "lexicon":
			return "gazetteer"
		case "coref":
		case "tagger":
			if best == "coreference" {
				best = "tagger"
			}
		default:
			if best == "coreference" || best == "tagger" {
				best = "discovery"
			}
		}
	}
	return best
}

// addPeopleByMethod counts the post's people per source: found, and how
// many of them the gold holds.
func addPeopleByMethod(res *Result, ms []pipeline.Mention, sys, gold []item) {
	if res.PeopleByMethod == nil {
		res.PeopleByMethod = map[string]scoreJ{}
	}
	byID := map[string][]pipeline.Mention{}
	var ids []string
	for _, m := range ms {
		if m.Type != "person" {
			continue
		}
		if byID[m.EntityID] == nil {
			ids = append(ids, m.EntityID)
		}
		byID[m.EntityID] = append(byID[m.EntityID], m)
	}
	used := matchedSys(sys, gold)
	// systemItems lists people in the order of their first mention, as ids
	// is.
	for i, id := range ids {
		if i >= len(used) {
			break
		}
		s := res.PeopleByMethod[personMethod(byID[id])]
		if used[i] {
			s.TP++
		} else {
			s.FP++
		}
		s.P = float64(s.TP) / float64(s.TP+s.FP)
		res.PeopleByMethod[personMethod(byID[id])] = s
	}
}

// matchedSys is matchItems's one-to-one pairing: which system items a gold
// item took.
func matchedSys(sys, gold []item) []bool {
	used := make([]bool, len(sys))
	for _, g := range gold {
		for i, s := range sys {
			if used[i] {
				continue
			}
			hit := false
			for f := range g.forms {
				if s.forms[f] {
					hit = true
					break
				}
			}
			if hit {
				used[i] = true
				break
			}
		}
	}
	return used
}

func printPeopleByMethod(w io.Writer, res *Result) {
	if len(res.PeopleByMethod) == 0 {
		return
	}
	gold := 0
	if s, ok := res.Scores["newsnlp"]["people"]; ok {
		gold = s.TP + s.FN
	}
	fmt.Fprintf(w, "people by source (an entity counts for the first that found it: gazetteer, rules, tagger, coreference)\n")
	for _, m := range peopleMethods {
		s := res.PeopleByMethod[m]
		share := 0.0
		if gold > 0 {
			share = float64(s.TP) / float64(gold)
		}
		fmt.Fprintf(w, "  %-12s found %4d  correct %4d  precision %.3f  share of gold %.3f\n", m, s.TP+s.FP, s.TP, s.P, share)
	}
}
