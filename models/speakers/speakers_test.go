package speakers

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestHeldoutApart: no held-out post is among the posts the shipped model
// learns from, and each is a whole annotated post (a round, its quotes):
// a post in both would be scored by a model fitted on it.
func TestHeldoutApart(t *testing.T) {
	files := func(name, text string) map[string]int {
		out := map[string]int{}
		for i, line := range strings.Split(strings.TrimSpace(text), "\n") {
			var p struct {
				File   string            `json:"file"`
				Round  int               `json:"round"`
				Quotes []json.RawMessage `json:"quotes"`
			}
			if err := json.Unmarshal([]byte(line), &p); err != nil {
				t.Fatalf("%s line %d: %v", name, i+1, err)
			}
			if p.File == "" {
				t.Fatalf("%s line %d: no file", name, i+1)
			}
			if _, dup := out[p.File]; dup {
				t.Errorf("%s: %s twice", name, p.File)
			}
			out[p.File] = p.Round
		}
		return out
	}
	train, held := files("extra.jsonl", Extra()), files("heldout.jsonl", Heldout())
	if len(held) < 400 {
		t.Fatalf("heldout.jsonl has %d posts, want the 467 of rounds 11 and 12", len(held))
	}
	for f, r := range held {
		if _, ok := train[f]; ok {
			t.Errorf("%s is in heldout.jsonl and extra.jsonl", f)
		}
		if r != 11 && r != 12 {
			t.Errorf("%s: round %d in heldout.jsonl, want 11 or 12", f, r)
		}
	}
}
