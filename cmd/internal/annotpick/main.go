// Command annotpick picks corpus posts for speaker annotation, as the
// third round of models/speakers/extra.jsonl was picked (the recipe is in
// models/speakers/README.md), and writes each post's text with every span
// between matching quotation marks numbered, for an annotator to label.
// With -merge it turns the annotators' labels into extra.jsonl lines.
// With -diff it writes a blind read of what a change does to a run (diffread.go).
// A tool for making training data, not part of a run.
//
//	newsnlp run ../shared/corpus/news.tar.gz ../shared/corpus/opinion.tar.gz --out /tmp/r
//	go run ./cmd/internal/annotpick -run /tmp/r -out /tmp/posts
//	go run ./cmd/internal/annotpick -run /tmp/g -every -out /tmp/gold-posts   # every post of a run over the gold posts
//	go run ./cmd/internal/annotpick -merge '/tmp/labels/*.jsonl' -out /tmp/posts > round.jsonl
//	go run ./cmd/internal/annotpick -compare '/tmp/l/a1.jsonl,/tmp/l/b1.jsonl' -out /tmp/posts -labels /tmp/l   # two annotators: what an adjudicator decides (adjudicate.go)
//	go run ./cmd/internal/annotpick -compare '/tmp/l/a1.jsonl,/tmp/l/b1.jsonl' -adjudicate /tmp/l -out /tmp/posts > /tmp/l/final.jsonl
//	go run ./cmd/internal/annotpick -merge /tmp/l/final.jsonl -teach speakers -round 4 -out /tmp/posts > round.jsonl
//	go run ./cmd/internal/annotpick -agree models/speakers/gold-agreement.jsonl -gold ../shared/gold/dev
//	go run ./cmd/internal/annotpick -diff /tmp/old -run /tmp/new -n 100 -out /tmp/read   # a blind read of what a change does (diffread.go)
//	go run ./cmd/internal/annotpick -score /tmp/read
package main

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/newsnlp/newsnlp/cmd/internal/evaluate"
)

// tables reads every part of a table of a run's output.
func tables(dir, name string) []arrow.Table {
	parts, _ := filepath.Glob(filepath.Join(dir, name, "part-*.parquet"))
	if len(parts) == 0 {
		fatal(fmt.Errorf("no %s table in %s", name, dir))
	}
	var out []arrow.Table
	for _, path := range parts {
		rdr, err := file.OpenParquetFile(path, false)
		if err != nil {
			fatal(err)
		}
		fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 1 << 16}, memory.DefaultAllocator)
		if err != nil {
			fatal(err)
		}
		t, err := fr.ReadTable(context.Background())
		if err != nil {
			fatal(err)
		}
		out = append(out, t)
	}
	return out
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "annotpick:", err)
	os.Exit(1)
}

// rows calls f for each row with a getter by column name.
func rows(t arrow.Table, f func(get func(string) string)) {
	tr := array.NewTableReader(t, 1<<16)
	for tr.Next() {
		r := tr.RecordBatch()
		idx := map[string]arrow.Array{}
		for i, fld := range r.Schema().Fields() {
			idx[fld.Name] = r.Column(i)
		}
		for i := 0; i < int(r.NumRows()); i++ {
			f(func(c string) string {
				a := idx[c]
				if a.IsNull(i) {
					return ""
				}
				return a.ValueStr(i)
			})
		}
	}
}

type doc struct {
	id, path, outlet, group, text string
	chars, quotes                 int
	key                           string
}

func main() {
	out := flag.String("out", "posts", "directory of the numbered posts (pNNN.txt, pNNN.spans.json, list.tsv)")
	runDir := flag.String("run", "", "output directory of a newsnlp run over the corpus archives")
	gold := flag.String("gold", "../shared/gold/dev", "gold annotations, whose posts are left out")
	extraFile := flag.String("extra", "models/speakers/extra.jsonl", "earlier extra annotations, whose posts are left out")
	n := flag.Int("n", 175, "posts to pick")
	salt := flag.String("salt", "3:", "prefix of the path in the SHA-1 that orders the posts")
	merge := flag.String("merge", "", "glob of label files (JSON lines: post, file, labels): write extra.jsonl lines to stdout instead of picking")
	agreeFile := flag.String("agree", "", "extra.jsonl lines annotating the gold posts (made with -every and -merge): compare them with the gold annotations (-gold) and print the agreement")
	every := flag.Bool("every", false, "write every post of the run, in path order, without picking (a run over the gold posts: to measure annotators against the gold)")
	teach := flag.String("teach", "short", "with -merge: what the lines teach: short (short_only: the short-quote detector alone, as the third round), speakers (speakers_only: the speaker model alone, as the fourth and fifth rounds) or both")
	round := flag.Int("round", 0, "with -merge: the round number the lines carry (eval scores each round's posts apart too)")
	compare := flag.String("compare", "", "label files of two annotators of the same posts, \"a,b\", pairs separated by \";\" (-out: the posts): print the agreement and write the spans they label differently for an adjudicator (-labels DIR: disagree.md, disagree-key.tsv)")
	adjudicate := flag.String("adjudicate", "", "with -compare: the directory of the adjudicator's adj.tsv (and disagree-key.tsv): write the agreed and adjudicated labels to stdout, for -merge")
	labelsDir := flag.String("labels", "labels", "with -compare: where disagree.md and disagree-key.tsv are written")
	diff := flag.String("diff", "", "output directory of an earlier run over the same archives: write a blind read of the quotes whose speaker or span differs in -run's (read.md, key.tsv, summary.txt in -out; -n items)")
	only := flag.String("only", "", "with -diff: read only changes of this class (speaker, added, dropped)")
	rule := flag.String("rule", "", "with -diff: read only changes where either run's rule column contains this")
	width := flag.Int("width", 150, "with -diff: characters of context either side of the quote")
	score := flag.String("score", "", "directory of a blind read (key.tsv) with the reader's answers.tsv: print the tally")
	flag.Parse()
	if *score != "" {
		if _, err := scoreRead(*score, os.Stdout); err != nil {
			fatal(err)
		}
		return
	}
	if *compare != "" {
		agreed := map[string]map[int]string{}
		ds, err := compareLabels(*compare, *out, agreed, os.Stderr)
		if err != nil {
			fatal(err)
		}
		if *adjudicate == "" {
			writeDisagreements(*labelsDir, *out, ds)
			return
		}
		if err := adjudicated(*adjudicate, agreed); err != nil {
			fatal(err)
		}
		if err := writeFinal(os.Stdout, *out, agreed); err != nil {
			fatal(err)
		}
		return
	}
	if *diff != "" {
		if *runDir == "" {
			fatal(fmt.Errorf("-diff needs -run (the new run)"))
		}
		diffRead(*diff, *runDir, *out, *salt, *only, *rule, *n, *width)
		return
	}
	if *agreeFile != "" {
		if err := agree(*agreeFile, *gold, os.Stdout); err != nil {
			fatal(err)
		}
		return
	}
	if *merge != "" {
		if err := mergeLabels(*merge, *out, *teach, *round, os.Stdout); err != nil {
			fatal(err)
		}
		return
	}
	if *runDir == "" {
		fmt.Fprintln(os.Stderr, "annotpick: -run or -merge is required")
		os.Exit(2)
	}
	if *every {
		docs := readDocs(*runDir, *salt)
		sort.Slice(docs, func(i, j int) bool { return docs[i].path < docs[j].path })
		writePosts(*out, docs)
		return
	}
	exclude := map[string]bool{}
	golds, err := filepath.Glob(filepath.Join(*gold, "*.json"))
	if err != nil || len(golds) == 0 {
		fatal(fmt.Errorf("no gold annotations in %s (%v)", *gold, err))
	}
	for _, g := range golds {
		b, err := os.ReadFile(g)
		if err != nil {
			fatal(err)
		}
		var x struct{ File string }
		if err := json.Unmarshal(b, &x); err != nil {
			fatal(fmt.Errorf("%s: %v", g, err))
		}
		exclude[x.File] = true
	}
	ef, err := os.Open(*extraFile)
	if err != nil {
		fatal(err)
	}
	extra, err := evaluate.ReadExtra(ef)
	ef.Close()
	if err != nil {
		fatal(err)
	}
	for _, p := range extra {
		exclude[p.File] = true
	}
	fmt.Fprintln(os.Stderr, "excluded", len(exclude))
	docs := readDocs(*runDir, *salt)
	fmt.Fprintln(os.Stderr, "docs", len(docs))
	// One per near-duplicate group: the group's first in input order; a
	// group touched by an annotated post is out.
	badGroup := map[string]bool{}
	for _, d := range docs {
		if exclude[d.path] {
			badGroup[d.group] = true
		}
	}
	seen := map[string]bool{}
	byOutlet := map[string][]*doc{}
	for _, d := range docs {
		if badGroup[d.group] || seen[d.group] {
			continue
		}
		seen[d.group] = true
		if d.quotes < 4 || d.quotes > 14 || d.chars < 800 || d.chars > 5000 {
			continue
		}
		byOutlet[d.outlet] = append(byOutlet[d.outlet], d)
	}
	var outlets []string
	for o, l := range byOutlet {
		sort.Slice(l, func(i, j int) bool { return l[i].key < l[j].key })
		outlets = append(outlets, o)
	}
	sort.Strings(outlets)
	var picked []*doc
	for round := 0; len(picked) < *n; round++ {
		added := false
		for _, o := range outlets {
			if round < len(byOutlet[o]) && len(picked) < *n {
				picked = append(picked, byOutlet[o][round])
				added = true
			}
		}
		if !added {
			break
		}
	}
	fmt.Fprintln(os.Stderr, "outlets", len(outlets), "picked", len(picked))
	writePosts(*out, picked)
}

// readDocs reads the documents of a run with their count of direct and
// partial quotes of 6 characters or more and their key in the picking
// order (SHA-1 of salt and the path).
func readDocs(runDir, salt string) []*doc {
	quotes := map[string]int{}
	for _, t := range tables(runDir, "quotes") {
		rows(t, func(get func(string) string) {
			if get("kind") == "reported" {
				return
			}
			if len([]rune(get("text"))) >= 6 {
				quotes[get("doc_id")]++
			}
		})
	}
	var docs []*doc
	for _, t := range tables(runDir, "documents") {
		rows(t, func(get func(string) string) {
			c, _ := strconv.Atoi(get("char_count"))
			d := &doc{id: get("doc_id"), path: get("path"), outlet: get("outlet"), group: get("dup_group"), text: get("text"), chars: c}
			d.quotes = quotes[d.id]
			h := sha1.Sum([]byte(salt + d.path))
			d.key = hex.EncodeToString(h[:])
			docs = append(docs, d)
		})
	}
	return docs
}

// listField keeps a name that holds a tab or a line break (a post's title in
// its path can) on its own line and column of list.tsv, which batch lists
// are cut from with cut and sort.
func listField(s string) string {
	return strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}

// writePosts writes each post's text with its spans numbered (pNNN.txt),
// the spans (pNNN.spans.json) and list.tsv into dir.
func writePosts(dir string, picked []*doc) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatal(err)
	}
	var list strings.Builder
	for i, d := range picked {
		name := fmt.Sprintf("p%03d", i+1)
		text, spans := mark(d.text)
		var b strings.Builder
		fmt.Fprintf(&b, "FILE: %s\nOUTLET: %s\n\n%s\n\nSPANS:\n", d.path, d.outlet, text)
		for j, s := range spans {
			fmt.Fprintf(&b, "[%d] %s\n", j+1, s)
		}
		sj, err := json.Marshal(map[string]any{"file": d.path, "spans": spans})
		if err != nil {
			fatal(err)
		}
		write(filepath.Join(dir, name+".txt"), b.String())
		write(filepath.Join(dir, name+".spans.json"), string(sj))
		fmt.Fprintf(&list, "%s\t%s\t%s\t%d\t%d\n", name, listField(d.outlet), listField(d.path), d.chars, len(spans))
	}
	write(filepath.Join(dir, "list.tsv"), list.String())
}

func write(path, s string) {
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		fatal(err)
	}
}
