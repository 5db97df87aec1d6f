package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareAdjudicate(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"p001.spans.json": `{"file":"a.md","spans":["我们不会让步","甲","好得很"]}`,
		"p001.txt":        "秦刚说“⟦1 我们不会让步 ⟧1”。标题「⟦2 甲 ⟧2」，王毅称“⟦3 好得很 ⟧3”",
		"a.jsonl":         `{"post":"p001","labels":[{"n":1,"speaker":"秦刚"},{"n":2,"label":"not"},{"n":3,"speaker":"王毅"}]}` + "\n",
		"b.jsonl":         `{"post":"p001","labels":[{"n":1,"speaker":"秦刚"},{"n":2,"speaker":"?"},{"n":3,"label":"not"}]}` + "\n",
	}
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pairs := filepath.Join(dir, "a.jsonl") + "," + filepath.Join(dir, "b.jsonl")
	agreed := map[string]map[int]string{}
	var stats strings.Builder
	ds, err := compareLabels(pairs, dir, agreed, &stats)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].n != 2 || ds[1].n != 3 || agreed["p001"][1] != "秦刚" || len(agreed["p001"]) != 1 {
		t.Fatalf("disagreements %+v, agreed %v", ds, agreed)
	}
	if want := "spans 3, the same decision 1 (0.333); both a quote 1, the same speaker 1 (1.000); quote or not differs 2; to adjudicate 2"; !strings.Contains(stats.String(), want) {
		t.Errorf("stats %q, want %q", stats.String(), want)
	}
	writeDisagreements(dir, dir, ds)
	// Item 1 (span 2): whichever of A and B is "not"; item 2 (span 3): other.
	a := "B"
	if ds[0].first == "not" {
		a = "A"
	}
	if err := os.WriteFile(filepath.Join(dir, "adj.tsv"), []byte("1\t"+a+"\t\tname of a thing\n2\tother\t王毅\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := adjudicated(dir, agreed); err != nil {
		t.Fatal(err)
	}
	var final strings.Builder
	if err := writeFinal(&final, dir, agreed); err != nil {
		t.Fatal(err)
	}
	want := `{"post":"p001","file":"a.md","labels":[{"n":1,"speaker":"秦刚"},{"n":2,"label":"not"},{"n":3,"speaker":"王毅"}]}` + "\n"
	if final.String() != want {
		t.Errorf("final %s, want %s", final.String(), want)
	}
	if err := os.WriteFile(filepath.Join(dir, "adj.tsv"), []byte("1\tmaybe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := adjudicated(dir, map[string]map[int]string{}); err == nil {
		t.Error("a decision that is not A, B or other: no error")
	}
}
