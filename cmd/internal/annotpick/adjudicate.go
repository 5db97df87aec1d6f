package main

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// From the fourth round on, two annotators label each post blind and a
// third decides the spans where they differ (models/speakers/README.md).
//
//	annotpick -compare 'a1.jsonl,b1.jsonl;a2.jsonl,b2.jsonl' -out POSTS -labels DIR   # DIR/disagree.md, DIR/disagree-key.tsv
//	annotpick -adjudicate DIR -out POSTS > DIR/final.jsonl                              # agreed labels and DIR/adj.tsv's decisions

// decision is a label's answer as one string: the speaker, or "not" or
// "skip".
func (l label) decision() string {
	if s := strings.TrimSpace(l.Speaker); s != "" {
		return s
	}
	return strings.TrimSpace(l.Label)
}

// readLabels reads one annotator's file: post → span number → decision.
func readLabels(path string) (map[string]map[int]string, error) {
	ls, err := readLabelled(path)
	if err != nil {
		return nil, err
	}
	out := map[string]map[int]string{}
	for _, l := range ls {
		m := map[int]string{}
		for _, x := range l.Labels {
			m[x.N] = x.decision()
		}
		out[l.Post] = m
	}
	return out, nil
}

// postSpans reads a numbered post's file and spans (writePosts).
func postSpans(dir, post string) (file string, spans []string, err error) {
	b, err := os.ReadFile(filepath.Join(dir, post+".spans.json"))
	if err != nil {
		return "", nil, err
	}
	var sp struct {
		File  string   `json:"file"`
		Spans []string `json:"spans"`
	}
	err = json.Unmarshal(b, &sp)
	return sp.File, sp.Spans, err
}

// disagreement is a span two annotators labelled differently, the two
// answers in hashed order (first, second): the adjudicator does not know
// whose is whose.
type disagreement struct {
	post          string
	n             int
	span          string
	first, second string
}

// compareLabels pairs annotators' files ("a,b;c,d": each pair labelled the
// same posts), keeps the spans both decided alike in agreed, and returns
// the rest in post and span order, with the agreement counts in stats.
func compareLabels(pairs, postsDir string, agreed map[string]map[int]string, stats io.Writer) ([]disagreement, error) {
	var out []disagreement
	spans, same, bothSpk, sameSpk, det := 0, 0, 0, 0, 0
	isQuote := func(d string) bool { return d != "" && d != "not" && d != "skip" }
	for _, pair := range strings.Split(pairs, ";") {
		files := strings.Split(pair, ",")
		if len(files) != 2 {
			return nil, fmt.Errorf("-compare: %q is not two files", pair)
		}
		a, err := readLabels(files[0])
		if err != nil {
			return nil, err
		}
		b, err := readLabels(files[1])
		if err != nil {
			return nil, err
		}
		var posts []string
		for p := range a {
			posts = append(posts, p)
		}
		for p := range b {
			if _, ok := a[p]; !ok {
				posts = append(posts, p)
			}
		}
		sort.Strings(posts)
		for _, p := range posts {
			_, ss, err := postSpans(postsDir, p)
			if err != nil {
				return nil, err
			}
			for n := 1; n <= len(ss); n++ {
				x, y := a[p][n], b[p][n]
				spans++
				switch {
				case isQuote(x) && isQuote(y):
					bothSpk++
					if x == y {
						sameSpk++
					}
				case isQuote(x) != isQuote(y):
					det++
				}
				if x != "" && x == y {
					same++
					if agreed[p] == nil {
						agreed[p] = map[int]string{}
					}
					agreed[p][n] = x
					continue
				}
				h := sha1.Sum([]byte(p + ":" + strconv.Itoa(n)))
				if h[len(h)-1]%2 == 1 { // the hash's last hex digit odd
					x, y = y, x
				}
				out = append(out, disagreement{post: p, n: n, span: ss[n-1], first: x, second: y})
			}
		}
	}
	fmt.Fprintf(stats, "spans %d, the same decision %d (%.3f); both a quote %d, the same speaker %d (%.3f); quote or not differs %d; to adjudicate %d\n",
		spans, same, float64(same)/float64(max(1, spans)), bothSpk, sameSpk, float64(sameSpk)/float64(max(1, bothSpk)), det, len(out))
	return out, nil
}

// writeDisagreements writes the adjudicator's file and its key.
func writeDisagreements(dir, postsDir string, ds []disagreement) {
	var md, key strings.Builder
	fmt.Fprintf(&md, "# Spans two annotators labelled differently\n\nFor each item open the post file %s/POST.txt, find span [n] (marked ⟦n … ⟧n), and decide by the gold guide which answer is right: A, B, or other (give the speaker exactly as the post writes it, ?, not, or skip). Write adj.tsv beside this file: one line per item \"ITEM<TAB>A|B|other<TAB>answer-if-other<TAB>reason\".\n\n", postsDir)
	for i, d := range ds {
		span := []rune(d.span)
		if len(span) > 120 {
			span = span[:120]
		}
		fmt.Fprintf(&md, "## %d\npost %s, span [%d]: 「%s」\nA: %s\nB: %s\n\n", i+1, d.post, d.n, string(span), d.first, d.second)
		fmt.Fprintf(&key, "%d\t%s\t%d\t%s\t%s\n", i+1, d.post, d.n, d.first, d.second)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatal(err)
	}
	write(filepath.Join(dir, "disagree.md"), md.String())
	write(filepath.Join(dir, "disagree-key.tsv"), key.String())
}

// adjudicated adds dir/adj.tsv's decisions (on dir/disagree-key.tsv's
// items) to agreed; an item without a decision stays out, and the merge
// then refuses its post (every span must be labelled).
func adjudicated(dir string, agreed map[string]map[int]string) error {
	kb, err := os.ReadFile(filepath.Join(dir, "disagree-key.tsv"))
	if err != nil {
		return err
	}
	ab, err := os.ReadFile(filepath.Join(dir, "adj.tsv"))
	if err != nil {
		return err
	}
	key := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(kb)), "\n") {
		if f := strings.Split(l, "\t"); len(f) == 5 {
			key[f[0]] = f[1:]
		}
	}
	for i, l := range strings.Split(string(ab), "\n") {
		f := strings.Split(l, "\t")
		if len(f) < 2 {
			continue
		}
		k, ok := key[strings.TrimSpace(f[0])]
		if !ok {
			return fmt.Errorf("adj.tsv:%d: no item %q", i+1, f[0])
		}
		n, _ := strconv.Atoi(k[1])
		var v string
		switch c := strings.ToLower(strings.TrimSpace(f[1])); c {
		case "a":
			v = k[2]
		case "b":
			v = k[3]
		case "other":
			if len(f) > 2 {
				v = strings.TrimSpace(f[2])
			}
		default:
			return fmt.Errorf("adj.tsv:%d: decision %q (A, B or other)", i+1, f[1])
		}
		if v == "" {
			return fmt.Errorf("adj.tsv:%d: no answer", i+1)
		}
		if agreed[k[0]] == nil {
			agreed[k[0]] = map[int]string{}
		}
		agreed[k[0]][n] = v
	}
	return nil
}

// writeFinal writes the decided labels as one annotator's file would be,
// for -merge.
func writeFinal(w io.Writer, postsDir string, decided map[string]map[int]string) error {
	var posts []string
	for p := range decided {
		posts = append(posts, p)
	}
	sort.Strings(posts)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range posts {
		file, _, err := postSpans(postsDir, p)
		if err != nil {
			return err
		}
		l := labelled{Post: p, File: file}
		var ns []int
		for n := range decided[p] {
			ns = append(ns, n)
		}
		sort.Ints(ns)
		for _, n := range ns {
			switch v := decided[p][n]; v {
			case "not", "skip":
				l.Labels = append(l.Labels, label{N: n, Label: v})
			default:
				l.Labels = append(l.Labels, label{N: n, Speaker: v})
			}
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	return nil
}
