package credits_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/stages/parse"
)

// goldMinF1 is the floor for the micro F1 of reporters and of editors on the
// gold set.
const goldMinF1 = 0.90

// TestGold scores Extract against the hand-annotated posts in the directory
// named by NEWSNLP_GOLD (NNN.md beside NNN.json with fields "reporters" and
// "editors"). It is skipped when the variable is unset and fails when it
// names a directory without posts.
func TestGold(t *testing.T) {
	dir := os.Getenv("NEWSNLP_GOLD")
	if dir == "" {
		t.Skip("NEWSNLP_GOLD is not set")
	}
	mds, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var reporters, editors score
	posts := 0
	for _, md := range mds {
		js := strings.TrimSuffix(md, ".md") + ".json"
		raw, err := os.ReadFile(js)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var gold struct {
			Reporters []string `json:"reporters"`
			Editors   []string `json:"editors"`
		}
		if err := json.Unmarshal(raw, &gold); err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		src, err := os.ReadFile(md)
		if err != nil {
			t.Fatal(err)
		}
		// Through the real parse stage, as a run sees the post.
		got, err := parse.Parse(md, src)
		if err != nil {
			t.Fatalf("%s: %v", md, err)
		}
		name := filepath.Base(md)
		reporters.add(t, name+" reporters", got.Reporters, gold.Reporters)
		editors.add(t, name+" editors", got.Editors, gold.Editors)
		posts++
	}
	if posts == 0 {
		t.Fatalf("no gold posts (NNN.md with NNN.json) in %s", dir)
	}
	for _, s := range []struct {
		name string
		sc   score
	}{{"reporters", reporters}, {"editors", editors}} {
		p, r, f := s.sc.prf()
		t.Logf("%s over %d posts: P=%.3f R=%.3f F1=%.3f (tp %d, fp %d, fn %d)", s.name, posts, p, r, f, s.sc.tp, s.sc.fp, s.sc.fn)
		if f < goldMinF1 {
			t.Errorf("%s F1 %.3f is below %.2f", s.name, f, goldMinF1)
		}
	}
}

// score counts matches for micro precision and recall.
type score struct{ tp, fp, fn int }

func (s *score) add(t *testing.T, what string, got, want []string) {
	t.Helper()
	wantSet := map[string]bool{}
	for _, w := range want {
		wantSet[w] = true
	}
	gotSet := map[string]bool{}
	for _, g := range got {
		gotSet[g] = true
		if wantSet[g] {
			s.tp++
		} else {
			s.fp++
			t.Logf("%s: extra %q", what, g)
		}
	}
	for _, w := range want {
		if !gotSet[w] {
			s.fn++
			t.Logf("%s: missed %q", what, w)
		}
	}
}

func (s score) prf() (p, r, f float64) {
	if s.tp+s.fp > 0 {
		p = float64(s.tp) / float64(s.tp+s.fp)
	} else {
		p = 1
	}
	if s.tp+s.fn > 0 {
		r = float64(s.tp) / float64(s.tp+s.fn)
	} else {
		r = 1
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
