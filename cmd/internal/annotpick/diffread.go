package main

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// A blind read of what a change does to a run's quotes. Cross-validation on
// the annotated posts twice favoured changes that a read of news posts did
// not (models/speakers/README.md, the fifteenth round), so a change that
// alters output is also judged by a reader who has not seen its code: the
// quotes whose speaker or span differs between two runs, drawn by hash,
// the two answers shown as A and B in hashed order, the key apart.
//
//	annotpick -diff OLD -run NEW -n 100 -out /tmp/read     # read.md, key.tsv, summary.txt
//	annotpick -score /tmp/read                            # answers.tsv against key.tsv

// rquote is one quote row of a run, as a read needs it.
type rquote struct {
	doc, kind, text, speaker, typ, rule string
	start, stop                         int
}

// answer is how a reader sees a row's speaker: ? for nobody.
func (q *rquote) answer() string {
	if q.speaker == "" {
		return "? (nobody)"
	}
	return q.speaker + " (" + q.typ + ")"
}

type spanKey struct {
	doc         string
	start, stop int
}

// readQuotes reads a run's quotes that are not reported speech (those the
// read is about: direct and partial quotes, which have spans and speakers).
func readQuotes(dir string) map[spanKey]*rquote {
	out := map[spanKey]*rquote{}
	for _, t := range tables(dir, "quotes") {
		rows(t, func(get func(string) string) {
			if get("kind") == "reported" {
				return
			}
			start, err1 := strconv.Atoi(get("start"))
			stop, err2 := strconv.Atoi(get("stop"))
			if err1 != nil || err2 != nil {
				fatal(fmt.Errorf("%s: quote offsets %q %q", dir, get("start"), get("stop")))
			}
			q := &rquote{doc: get("doc_id"), kind: get("kind"), text: get("text"), speaker: get("speaker"), typ: get("speaker_type"), rule: get("rule"), start: start, stop: stop}
			out[spanKey{q.doc, start, stop}] = q
		})
	}
	return out
}

// change is one difference between the runs: a speaker that differs
// (old and new both set), or a span only one run keeps.
type change struct {
	k        spanKey
	old, new *rquote
	hash     string
}

// class names a change for the summary and the filter.
func (c *change) class() string {
	switch {
	case c.old == nil:
		return "added"
	case c.new == nil:
		return "dropped"
	}
	return "speaker"
}

// diffChanges lists the changes from old to new, in hash order (salt and
// the span), so that no one chooses which are read.
func diffChanges(old, new map[spanKey]*rquote, salt string) []*change {
	var out []*change
	for k, o := range old {
		n := new[k]
		if n != nil && n.speaker == o.speaker && n.typ == o.typ {
			continue
		}
		out = append(out, &change{k: k, old: o, new: n})
	}
	for k, n := range new {
		if old[k] == nil {
			out = append(out, &change{k: k, new: n})
		}
	}
	for _, c := range out {
		h := sha1.Sum([]byte(fmt.Sprintf("%s%s:%d:%d", salt, c.k.doc, c.k.start, c.k.stop)))
		c.hash = hex.EncodeToString(h[:])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].hash < out[j].hash })
	return out
}

// around returns about width code points either side of [start, stop)
// of text with the span marked ⟦ ⟧, on one line.
func around(text []rune, start, stop, width int) string {
	a, b := max(0, start-width), min(len(text), stop+width)
	start, stop = min(max(start, a), b), min(max(stop, a), b)
	s := string(text[a:start]) + "⟦" + string(text[start:stop]) + "⟧" + string(text[stop:b])
	s = strings.ReplaceAll(s, "\n", " ¶ ")
	if a > 0 {
		s = "…" + s
	}
	if b < len(text) {
		s += "…"
	}
	return s
}

// diffRead writes a blind read of up to n changes from oldDir's run to
// newDir's into outDir: read.md for the reader, key.tsv (which answer is
// whose) and summary.txt (how many changes of each class). only keeps one
// class (speaker, added, dropped; "" all); rule keeps the changes where
// either run's rule column holds it (the features a change is about).
func diffRead(oldDir, newDir, outDir, salt, only, rule string, n, width int) {
	old, new := readQuotes(oldDir), readQuotes(newDir)
	all := diffChanges(old, new, salt)
	texts := map[string][]rune{}
	groups := map[string]string{}
	for _, t := range tables(newDir, "documents") {
		rows(t, func(get func(string) string) {
			texts[get("doc_id")] = []rune(get("text"))
			groups[get("doc_id")] = get("dup_group")
		})
	}
	var sum strings.Builder
	counts := map[string]int{}
	for _, c := range all {
		counts[c.class()]++
	}
	fmt.Fprintf(&sum, "quotes (not reported): old %d, new %d\nchanges: speaker %d, added %d, dropped %d\n", len(old), len(new), counts["speaker"], counts["added"], counts["dropped"])
	var picked []*change
	seen := map[string]bool{}
	matched := 0
	for _, c := range all {
		if only != "" && c.class() != only {
			continue
		}
		if rule != "" && !(c.old != nil && strings.Contains(c.old.rule, rule) || c.new != nil && strings.Contains(c.new.rule, rule)) {
			continue
		}
		matched++
		// One change per near-duplicate group: a repeated post would be
		// read, and counted, twice.
		g := groups[c.k.doc]
		if g == "" {
			g = c.k.doc
		}
		if len(picked) >= n || seen[g] {
			continue
		}
		seen[g] = true
		picked = append(picked, c)
	}
	fmt.Fprintf(&sum, "matching the filter (only %q, rule %q): %d; read: %d\n", only, rule, matched, len(picked))
	var read, key strings.Builder
	fmt.Fprintf(&read, `# Blind read

Judge each item by the gold guide (shared/gold/GUIDE.md: its quotes section and "Decisions on hard
cases"), from the context alone. The marked span is ⟦…⟧.

- Items with A and B: who said the marked words? Answer A, B, both (A and B name the same speaker),
  neither (write who, or ? for nobody named), or unclear.
- Items asking "quote?": is the marked span a quote by the guide (someone said or wrote these words,
  or the text says someone called it that)? Answer quote (and whose), not, or unclear.

Write answers.tsv beside this file: one line per item, "N<TAB>answer<TAB>note".

`)
	fmt.Fprintf(&key, "item\tclass\tnew_is\tdoc_id\tstart\tstop\told\tnew\told_rule\tnew_rule\n")
	for i, c := range picked {
		text := texts[c.k.doc]
		fmt.Fprintf(&read, "## %d\n\n%s\n\n", i+1, around(text, c.k.start, c.k.stop, width))
		newIs := ""
		switch c.class() {
		case "speaker":
			a, b := c.old, c.new
			newIs = "B"
			// Which run is A: the hash's last bit, not the reader.
			if c.hash[len(c.hash)-1]%2 == 1 {
				a, b, newIs = b, a, "A"
			}
			fmt.Fprintf(&read, "A: %s\nB: %s\n\n", a.answer(), b.answer())
		default:
			q := c.new
			if q == nil {
				q = c.old
			}
			newIs = "keeps" // added: the new run keeps the span as a quote
			if c.class() == "dropped" {
				newIs = "drops"
			}
			fmt.Fprintf(&read, "quote? (if so, the run would say: %s)\n\n", q.answer())
		}
		or, nr, oa, na := "", "", "", ""
		if c.old != nil {
			or, oa = c.old.rule, c.old.answer()
		}
		if c.new != nil {
			nr, na = c.new.rule, c.new.answer()
		}
		fmt.Fprintf(&key, "%d\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\n", i+1, c.class(), newIs, c.k.doc, c.k.start, c.k.stop, oa, na, tsv(or), tsv(nr))
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		fatal(err)
	}
	write(filepath.Join(outDir, "read.md"), read.String())
	write(filepath.Join(outDir, "key.tsv"), key.String())
	write(filepath.Join(outDir, "summary.txt"), sum.String())
	fmt.Fprint(os.Stderr, sum.String())
}

func tsv(s string) string { return strings.NewReplacer("\t", " ", "\n", " ").Replace(s) }

// tally is a scored read.
type tally struct {
	newRight, oldRight, both, neither, unclear     int // speaker changes
	addedQuote, addedNot, droppedQuote, droppedNot int // span changes
	spanUnclear, missing                           int
}

// scoreRead reads dir's key.tsv and answers.tsv and tallies the read.
func scoreRead(dir string, w io.Writer) (tally, error) {
	var t tally
	kb, err := os.ReadFile(filepath.Join(dir, "key.tsv"))
	if err != nil {
		return t, err
	}
	ab, err := os.ReadFile(filepath.Join(dir, "answers.tsv"))
	if err != nil {
		return t, err
	}
	answers := map[string]string{}
	for _, l := range strings.Split(string(ab), "\n") {
		f := strings.Split(l, "\t")
		if len(f) >= 2 {
			answers[strings.TrimSpace(f[0])] = strings.ToLower(strings.Fields(f[1] + " x")[0])
		}
	}
	for i, l := range strings.Split(strings.TrimSpace(string(kb)), "\n") {
		if i == 0 {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 3 {
			return t, fmt.Errorf("key.tsv line %d: %q", i+1, l)
		}
		a, ok := answers[f[0]]
		if !ok {
			t.missing++
			continue
		}
		switch class, newIs := f[1], f[2]; {
		case class == "speaker" && (a == "a" || a == "b"):
			if strings.EqualFold(a, newIs) {
				t.newRight++
			} else {
				t.oldRight++
			}
		case class == "speaker" && a == "both":
			t.both++
		case class == "speaker" && a == "neither":
			t.neither++
		case class == "speaker":
			t.unclear++
		case a == "quote" && class == "added":
			t.addedQuote++
		case a == "not" && class == "added":
			t.addedNot++
		case a == "quote" && class == "dropped":
			t.droppedQuote++
		case a == "not" && class == "dropped":
			t.droppedNot++
		default:
			t.spanUnclear++
		}
	}
	fmt.Fprintf(w, "speaker changes: new right %d, old right %d, same %d, neither %d, unclear %d", t.newRight, t.oldRight, t.both, t.neither, t.unclear)
	if d := t.newRight + t.oldRight; d > 0 {
		fmt.Fprintf(w, "; sign test, one-sided p (new no better) %.3f", signP(t.newRight, d))
	}
	fmt.Fprintf(w, "\nspans the new run adds: quote %d, not %d; spans it drops: quote %d, not %d; unclear %d; unanswered %d\n",
		t.addedQuote, t.addedNot, t.droppedQuote, t.droppedNot, t.spanUnclear, t.missing)
	return t, nil
}

// signP is P(X ≥ k) for X ~ Binomial(n, 1/2).
func signP(k, n int) float64 {
	p := 0.0
	for i := k; i <= n; i++ {
		lg, _ := math.Lgamma(float64(n + 1))
		la, _ := math.Lgamma(float64(i + 1))
		lb, _ := math.Lgamma(float64(n - i + 1))
		p += math.Exp(lg - la - lb - float64(n)*math.Ln2)
	}
	return p
}
