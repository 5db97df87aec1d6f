package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/models/names"
	"github.com/newsnlp/newsnlp/models/speakers"
	"github.com/newsnlp/newsnlp/stages/quotes"
)

// TestEvalGold scores the pipeline on the gold development set named by
// NEWSNLP_GOLD and holds it to the floors CI uses.
func TestEvalGold(t *testing.T) {
	dir := os.Getenv("NEWSNLP_GOLD")
	if dir == "" {
		t.Skip("NEWSNLP_GOLD not set")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("NEWSNLP_GOLD=%s: %v", dir, err)
	}
	args := []string{"eval", "--gold", dir, "--folds", "5", "--floors", "default", "-q"}
	if c := os.Getenv("NEWSNLP_CORPUS"); c != "" {
		// The cross-validated figures as the shipped model is made: with
		// the extra speaker annotations of corpus posts. No floor reads the
		// transfer rows, whose fit on the extra posts is as long as a
		// training run (TestShippedSpeakerModel makes one).
		args = append(args, "--corpus", c, "--no-transfer")
	}
	code, out, stderr := runCLI(t, args...)
	t.Log("\n" + out)
	if code != exitOK {
		t.Errorf("eval: exit %d: %s", code, stderr)
	}
}

// TestUserLexicons adds a person and an outlet from the user's files.
func TestUserLexicons(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.tsv")
	outlets := filepath.Join(dir, "outlets.tsv")
	post := filepath.Join(dir, "post.md")
	os.WriteFile(people, []byte("# id\tname\tname_t\tname_en\tcountry\taliases\tnote\nzhang-sanfeng\t张三丰\t張三豐\tZhang Sanfeng\tCHN\t三丰真人\ttest\n"), 0o644)
	os.WriteFile(outlets, []byte("tiny-daily\t小镇新闻\t小鎮新聞\tTiny Town News\tCHN\t\tnewspaper\n"), 0o644)
	os.WriteFile(post, []byte("---\ntitle: \"测试\"\n---\n<p>小镇新闻报道，三丰真人昨天到访。</p>"), 0o644)
	code, out, stderr := runCLI(t, "inspect", "--people", people, "--outlets", outlets, post)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"entity_id": "person:zhang-sanfeng"`, `"entity_id": "outlet:tiny-daily"`} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect output lacks %s", want)
		}
	}
	if code, _, stderr := runCLI(t, "inspect", "--people", filepath.Join(dir, "missing.tsv"), post); code != exitUsage || !strings.Contains(stderr, "--people") {
		t.Errorf("missing people file: exit %d %s", code, stderr)
	}
}

// TestShippedSpeakerModel retrains the speaker model on the gold set named
// by NEWSNLP_GOLD and the annotated corpus posts (NEWSNLP_CORPUS) and checks
// that it is, byte for byte, the embedded one: the shipped weights are
// reproducible from the data and the code.
func TestShippedSpeakerModel(t *testing.T) {
	dir, corpus := os.Getenv("NEWSNLP_GOLD"), os.Getenv("NEWSNLP_CORPUS")
	if dir == "" || corpus == "" {
		t.Skip("NEWSNLP_GOLD or NEWSNLP_CORPUS not set (the model learns from both)")
	}
	out := filepath.Join(t.TempDir(), "speakers.tsv")
	if code, _, stderr := runCLI(t, "train", "speakers", "--gold", dir, "--corpus", corpus, "--out", out); code != exitOK {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != speakers.Text() {
		t.Errorf("newsnlp train speakers on %s and %s does not reproduce models/speakers/speakers.tsv: retrain it and commit the file", dir, corpus)
	}
	if code, _, _ := runCLI(t, "train", "speakers", "--gold", dir); code != exitUsage {
		t.Errorf("train without --out: exit %d, want %d", code, exitUsage)
	}
}

// TestShippedSpeakerTrees: the shipped model's trees are the distilled
// set (defaultSpeakerDistill), not the eight bags' own: the quote stage sums
// every tree for every candidate.
func TestShippedSpeakerTrees(t *testing.T) {
	m, err := quotes.ReadModel(strings.NewReader(speakers.Text()))
	if err != nil {
		t.Fatal(err)
	}
	if m.Trees() != defaultSpeakerDistill {
		t.Errorf("the shipped speaker model has %d trees, want the %d the bags are distilled into", m.Trees(), defaultSpeakerDistill)
	}
}

// TestShippedDecision: newsnlp train people on the gold reproduces the
// shipped decision over proposed names byte for byte (about 10 s).
func TestShippedDecision(t *testing.T) {
	dir := os.Getenv("NEWSNLP_GOLD")
	if dir == "" {
		t.Skip("NEWSNLP_GOLD not set (the decision learns from it)")
	}
	out := filepath.Join(t.TempDir(), "decision.tsv")
	if code, _, stderr := runCLI(t, "train", "people", "--gold", dir, "--out", out); code != exitOK {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := io.ReadAll(names.Decision())
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("newsnlp train people on %s does not reproduce models/names/decision.tsv: retrain it and commit the file", dir)
	}
	if code, _, _ := runCLI(t, "train", "people", "--gold", dir); code != exitUsage {
		t.Errorf("train people without --out: exit %d, want %d", code, exitUsage)
	}
}

// TestSpeakerFlagsUsage: the options of the speaker model's data and its
// error file are refused where they cannot apply.
func TestSpeakerFlagsUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"eval", "--gold", dir, "--speaker-errors", filepath.Join(dir, "e.txt")},
		{"eval", "--gold", dir, "--people-errors", filepath.Join(dir, "e.txt")},
		{"eval", "--gold", dir, "--speaker-extra", filepath.Join(dir, "x.jsonl")},
		{"eval", "--gold", dir, "--heldout", filepath.Join(dir, "h.jsonl")},
		{"train", "speakers", "--gold", dir, "--out", filepath.Join(dir, "m.tsv"), "--speaker-extra", filepath.Join(dir, "x.jsonl")},
		{"eval", "--gold", dir, "--speakers-only", "--floors", "people=0.9"},
		{"eval", "--gold", dir, "--speakers-only", "--floors", "default"},
		{"eval", "--gold", dir, "--speaker-trees", "3"},
		{"eval", "--gold", dir, "--folds", "5", "--speaker-trees", "0"},
		{"eval", "--gold", dir, "--folds", "5", "--speaker-trees", "3", "--speaker-trees-over", "forest"},
		{"eval", "--gold", dir, "--speaker-decode", "greedy"},
		{"eval", "--gold", dir, "--folds", "5", "--speaker-decode", "beam"},
		{"eval", "--gold", dir, "--folds", "5", "--speaker-prev-train", "model"},
	} {
		if code, _, stderr := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, stderr)
		}
	}
}

// TestHeldoutRefusesTrainingPosts: a held-out file that holds a post the
// model learns from (a line of the shipped extra.jsonl) is refused before
// anything runs, and so is one that does not parse.
func TestHeldoutRefusesTrainingPosts(t *testing.T) {
	dir := t.TempDir()
	line, _, _ := strings.Cut(speakers.Extra(), "\n")
	overlap := filepath.Join(dir, "overlap.jsonl")
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(overlap, []byte(line+"\n"), 0o644)
	os.WriteFile(bad, []byte("{\"file\": \n"), 0o644)
	for _, c := range []struct{ file, want string }{
		{overlap, "also a training post"},
		{bad, "held-out annotations"},
	} {
		code, _, stderr := runCLI(t, "eval", "--gold", dir, "--corpus", dir, "--heldout", c.file, "--speakers-only", "-q")
		if code == exitOK || !strings.Contains(stderr, c.want) {
			t.Errorf("--heldout %s: exit %d, stderr %q; want a failure saying %q", filepath.Base(c.file), code, stderr, c.want)
		}
	}
}

// TestSpeakersOnly: eval --speakers-only gives the quote and speaker
// figures of the whole eval, cross-validated included, on gold posts of
// every fold (a few, for time).
func TestSpeakersOnly(t *testing.T) {
	gold := os.Getenv("NEWSNLP_GOLD")
	if gold == "" {
		t.Skip("NEWSNLP_GOLD not set")
	}
	dir := t.TempDir()
	for _, n := range []string{"301", "302", "303", "304", "305", "306", "307", "308", "309", "310", "311", "312", "313", "314", "315"} {
		for _, ext := range []string{".md", ".json"} {
			b, err := os.ReadFile(filepath.Join(gold, n+ext))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, n+ext), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	read := func(extra ...string) map[string]json.RawMessage {
		out := filepath.Join(t.TempDir(), "eval.json")
		args := append([]string{"eval", "--gold", dir, "--folds", "5", "-q", "--json", out}, extra...)
		if code, _, stderr := runCLI(t, args...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	full, only := read(), read("--speakers-only")
	for _, k := range []string{"quotes", "speakers", "cross_validated"} {
		if len(full[k]) == 0 || string(full[k]) == "null" {
			t.Fatalf("the full eval has no %s", k)
		}
		if string(full[k]) != string(only[k]) {
			t.Errorf("%s with --speakers-only:\n%s\nwant (the full eval's)\n%s", k, only[k], full[k])
		}
	}
	if string(full["keywords"]) == string(only["keywords"]) {
		t.Error("--speakers-only scored the keywords")
	}
	// Boosted trees cross-validated in place of the linear model: the
	// depth and number of trees nested cross-validation chose, per fold.
	trees := read("--speakers-only", "--speaker-trees", "1,2", "--speaker-trees-over", "none")
	var evs []struct {
		Name   string
		Chosen []string
	}
	if err := json.Unmarshal(trees["speakers"], &evs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ev := range evs {
		if strings.HasPrefix(ev.Name, "trees (none), 5-fold") {
			found = len(ev.Chosen) == 5 && strings.HasPrefix(ev.Chosen[0], "fold 0: depth ")
		}
	}
	if !found {
		t.Errorf("no trees cross-validated with the depth chosen per fold: %s", trees["speakers"])
	}
	// train speakers --speaker-trees writes the trees beside the linear
	// weights, the same file twice, which the quote stage reads back.
	train := func() string {
		out := filepath.Join(t.TempDir(), "m.tsv")
		if code, _, stderr := runCLI(t, "train", "speakers", "--gold", dir, "--out", out, "--speaker-trees", "1,2"); code != exitOK {
			t.Fatalf("train --speaker-trees: exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	m1, m2 := train(), train()
	if m1 != m2 {
		t.Error("train --speaker-trees: two fits of the same gold differ")
	}
	if !strings.Contains(m1, "\nnone\t") {
		t.Errorf("train --speaker-trees: want linear weights, got:\n%.400s", m1)
	}
	// On 15 posts the one-standard-error rule may well take no trees: the
	// file reads back with as many as it names (boost_test.go reads back
	// 40, TestShippedSpeakerModel the shipped ones).
	ids := map[string]bool{}
	for _, l := range strings.Split(m1, "\n") {
		if rest, ok := strings.CutPrefix(l, "tree|"); ok {
			id, _, _ := strings.Cut(rest, "|")
			ids[id] = true
		}
	}
	if m, err := quotes.ReadModel(strings.NewReader(m1)); err != nil || m.Trees() != len(ids) {
		t.Errorf("train --speaker-trees: the model does not read back with its %d trees: %v", len(ids), err)
	}
	if code, _, _ := runCLI(t, "train", "speakers", "--gold", dir, "--out", filepath.Join(t.TempDir(), "x.tsv"), "--speaker-trees", "3", "--speaker-trees-over", "some"); code != exitUsage {
		t.Errorf("train --speaker-trees-over some: exit %d, want %d", code, exitUsage)
	}
	// The model decoding left to right on its own speakers, trained on a
	// model's fitted on the other inner folds: scored under its own name.
	seq := read("--speakers-only", "--speaker-prev-train", "cross", "--speaker-decode", "greedy")
	if err := json.Unmarshal(seq["speakers"], &evs); err != nil {
		t.Fatal(err)
	}
	found = false
	for _, ev := range evs {
		found = found || ev.Name == "trees (linear), 5-fold cross-validated (train cross, decode greedy)"
	}
	if !found {
		t.Errorf("no row of the model decoding left to right: %s", seq["speakers"])
	}
}
