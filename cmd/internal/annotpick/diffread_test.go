package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiffChanges(t *testing.T) {
	q := func(doc string, a, b int, sp, typ string) *rquote {
		return &rquote{doc: doc, start: a, stop: b, speaker: sp, typ: typ}
	}
	old := map[spanKey]*rquote{}
	new := map[spanKey]*rquote{}
	for _, x := range []*rquote{q("d1", 0, 8, "秦刚", "person"), q("d1", 10, 20, "", "unknown"), q("d2", 3, 9, "外交部", "organization"), q("d3", 1, 4, "王毅", "person")} {
		old[spanKey{x.doc, x.start, x.stop}] = x
	}
	for _, x := range []*rquote{q("d1", 0, 8, "秦刚", "person"), q("d1", 10, 20, "汪文斌", "person"), q("d2", 3, 9, "外交部", "country"), q("d4", 2, 5, "", "unknown")} {
		new[spanKey{x.doc, x.start, x.stop}] = x
	}
	got := map[string]string{}
	for _, c := range diffChanges(old, new, "s:") {
		got[c.k.doc] = c.class()
	}
	want := map[string]string{"d1": "speaker", "d2": "speaker", "d3": "dropped", "d4": "added"}
	if len(got) != len(want) {
		t.Fatalf("changes %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	// Hash order: the same under any map order, and another salt may differ.
	a, b := diffChanges(old, new, "s:"), diffChanges(old, new, "s:")
	for i := range a {
		if a[i].k != b[i].k {
			t.Fatalf("order differs at %d: %v, %v", i, a[i].k, b[i].k)
		}
	}
}

func TestAround(t *testing.T) {
	text := []rune("他说：\n“我们不会让步”。然后离开了会场")
	if got, want := around(text, 5, 11, 3), "…： ¶ “⟦我们不会让步⟧”。然…"; got != want {
		t.Errorf("around = %q, want %q", got, want)
	}
	if got, want := around(text, 0, 2, 50), "⟦他说⟧：¶“我们不会让步”。然后离开了会场"; strings.ReplaceAll(got, " ", "") != want {
		t.Errorf("around at the start = %q, want %q", got, want)
	}
}

func TestScoreRead(t *testing.T) {
	dir := t.TempDir()
	key := "item\tclass\tnew_is\n1\tspeaker\tA\n2\tspeaker\tB\n3\tspeaker\tA\n4\tadded\tkeeps\n5\tdropped\tdrops\n6\tspeaker\tB\n7\tadded\tkeeps\n"
	answers := "1\tA\n2\ta\tB's wrong\n3\tboth\n4\tquote 秦刚\n5\tNOT\n6\tunclear\n"
	if err := os.WriteFile(filepath.Join(dir, "key.tsv"), []byte(key), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "answers.tsv"), []byte(answers), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	got, err := scoreRead(dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	want := tally{newRight: 1, oldRight: 1, both: 1, unclear: 1, addedQuote: 1, droppedNot: 1, missing: 1}
	if got != want {
		t.Errorf("tally %+v, want %+v\n%s", got, want, out.String())
	}
}

func TestSignP(t *testing.T) {
	for _, c := range []struct {
		k, n int
		want float64
	}{{0, 4, 1}, {4, 4, 1.0 / 16}, {3, 4, 5.0 / 16}, {16, 24, 0.0758}} {
		if got := signP(c.k, c.n); math.Abs(got-c.want) > 5e-4 {
			t.Errorf("signP(%d, %d) = %.4f, want %.4f", c.k, c.n, got, c.want)
		}
	}
}
