package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// label is an annotator's decision on one numbered span: a speaker ("?"
// for nobody named), or "not" (not a quote) or "skip" in Label.
type label struct {
	N       int    `json:"n"`
	Speaker string `json:"speaker,omitempty"`
	Label   string `json:"label,omitempty"`
}

type labelled struct {
	Post   string  `json:"post"`
	File   string  `json:"file"`
	Labels []label `json:"labels"`
}

type quote struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
}

// extraLine is a line of models/speakers/extra.jsonl (evaluate.ExtraPost).
type extraLine struct {
	File      string   `json:"file"`
	Quotes    []quote  `json:"quotes"`
	NotQuotes []string `json:"not_quotes,omitempty"`
	ShortOnly bool     `json:"short_only,omitempty"`
	Round     int      `json:"round,omitempty"`
	// SpeakersOnly: the speaker model learns the line, the short-quote
	// detector does not (evaluate.ExtraPost.SpeakersOnly).
	SpeakersOnly bool `json:"speakers_only,omitempty"`
}

// mergeLabels reads the label files matching glob, checks each post's
// labels against its spans in dir (every span once; a speaker written in
// the post), and writes one extra.jsonl line per post with spans, in post
// order. teach says what the lines teach: "short" (marked short_only, as
// the third round is), "speakers" (speakers_only: the fourth and fifth
// rounds, labelled twice and adjudicated) or "both". round, if not 0,
// numbers the lines' round (ExtraPost.Round).
func mergeLabels(glob, dir, teach string, round int, w io.Writer) error {
	if teach != "short" && teach != "speakers" && teach != "both" {
		return fmt.Errorf("-teach %q: short, speakers or both", teach)
	}
	files, err := filepath.Glob(glob)
	if err != nil {
		return err
	}
	posts := map[string]labelled{}
	for _, f := range files {
		ls, err := readLabelled(f)
		if err != nil {
			return err
		}
		for _, l := range ls {
			posts[l.Post] = l
		}
	}
	names := make([]string, 0, len(posts))
	for p := range posts {
		names = append(names, p)
	}
	sort.Strings(names)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false) // the texts as written, as extra.jsonl holds them
	for _, name := range names {
		l := posts[name]
		file, spans, err := postSpans(dir, name)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		text, err := os.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil {
			return err
		}
		line, err := toExtra(l, file, spans, string(text))
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		line.ShortOnly, line.SpeakersOnly, line.Round = teach == "short", teach == "speakers", round
		if len(line.Quotes) == 0 && len(line.NotQuotes) == 0 {
			continue
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// readLabelled reads an annotator's file: one post's labels per line.
func readLabelled(path string) ([]labelled, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []labelled
	for i, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var l labelled
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, l)
	}
	return out, nil
}

// toExtra checks one post's labels and makes its extra.jsonl line.
func toExtra(l labelled, file string, spans []string, text string) (extraLine, error) {
	out := extraLine{File: file, Quotes: []quote{}, ShortOnly: true}
	if l.File != file {
		return out, fmt.Errorf("labels for %q, spans of %q", l.File, file)
	}
	byN := map[int]label{}
	for _, x := range l.Labels {
		if x.N < 1 || x.N > len(spans) {
			return out, fmt.Errorf("span %d of %d", x.N, len(spans))
		}
		if _, dup := byN[x.N]; dup {
			return out, fmt.Errorf("span %d labelled twice", x.N)
		}
		byN[x.N] = x
	}
	if len(byN) != len(spans) {
		return out, fmt.Errorf("%d of %d spans labelled", len(byN), len(spans))
	}
	for n, s := range spans {
		x := byN[n+1]
		switch spk := strings.TrimSpace(x.Speaker); {
		case spk != "":
			if spk != "?" && !strings.Contains(text, spk) {
				return out, fmt.Errorf("span %d: speaker %q is not written in the post", n+1, spk)
			}
			out.Quotes = append(out.Quotes, quote{Speaker: spk, Text: s})
		case x.Label == "not":
			out.NotQuotes = append(out.NotQuotes, s)
		case x.Label == "skip":
		default:
			return out, fmt.Errorf("span %d: no speaker and label %q", n+1, x.Label)
		}
	}
	return out, nil
}
