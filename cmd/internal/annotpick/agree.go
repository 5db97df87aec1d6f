package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsnlp/newsnlp/cmd/internal/evaluate"
)

// agreement counts, for quotes of one length class, how two annotations
// of the same spans compare: both quotes (and of those, the same
// speaker), one only, or neither.
type agreement struct {
	both, sameSpeaker, aOnly, goldOnly int
}

func (a agreement) String() string {
	p := float64(a.both) / float64(max(1, a.both+a.aOnly))
	r := float64(a.both) / float64(max(1, a.both+a.goldOnly))
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return fmt.Sprintf("quotes in both %d, annotators' only %d, gold's only %d: detection P/R/F1 %.3f/%.3f/%.3f; same speaker %.3f (%d of %d)",
		a.both, a.aOnly, a.goldOnly, p, r, f, float64(a.sameSpeaker)/float64(max(1, a.both)), a.sameSpeaker, a.both)
}

// sameSpeaker compares two annotators' speakers as written: equal, or one
// name containing the other (特朗普, 唐纳德·特朗普), the middle dots and
// spaces aside; "?" only equals "?".
func sameSpeaker(a, b string) bool {
	norm := strings.NewReplacer("·", "•", "‧", "•", "・", "•", " ", "")
	a, b = norm.Replace(a), norm.Replace(b)
	if a == b {
		return true
	}
	if a == "?" || b == "?" {
		return false
	}
	return strings.Contains(a, b) || strings.Contains(b, a)
}

// agree compares annotations of the gold posts made as the extra ones are
// (extra.jsonl lines: the quotes and the spans judged not quotes) with
// the gold annotations in goldDir, span text by span text: how far the
// extra posts' labels can be read as the gold's. A gold quote the
// annotators did not label (outside the numbered spans, or skipped) is
// not counted.
func agree(file, goldDir string, w io.Writer) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	posts, err := evaluate.ReadExtra(f)
	if err != nil {
		return err
	}
	var long, short agreement
	for _, p := range posts {
		b, err := os.ReadFile(filepath.Join(goldDir, strings.TrimSuffix(p.File, ".md")+".json"))
		if err != nil {
			return err
		}
		var g struct {
			Quotes []quote `json:"quotes"`
		}
		if err := json.Unmarshal(b, &g); err != nil {
			return fmt.Errorf("%s: %v", p.File, err)
		}
		used := make([]bool, len(g.Quotes))
		take := func(text string) int {
			for i, q := range g.Quotes {
				if !used[i] && q.Text == text {
					used[i] = true
					return i
				}
			}
			return -1
		}
		class := func(text string) *agreement {
			if len([]rune(text)) >= 6 {
				return &long
			}
			return &short
		}
		for _, q := range p.Quotes {
			a := class(q.Text)
			if i := take(q.Text); i >= 0 {
				a.both++
				if sameSpeaker(q.Speaker, g.Quotes[i].Speaker) {
					a.sameSpeaker++
				}
			} else {
				a.aOnly++
			}
		}
		for _, t := range p.NotQuotes {
			if take(t) >= 0 {
				class(t).goldOnly++
			}
		}
	}
	fmt.Fprintf(w, "%d posts\n6 characters or more: %v\nshorter: %v\n", len(posts), long, short)
	return nil
}
