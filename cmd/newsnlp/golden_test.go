package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/posts")

const postsDir = "../../testdata/posts"

// TestGolden runs `inspect` on every post of testdata/posts and compares
// the JSON with NAME.golden.json beside it.
func TestGolden(t *testing.T) {
	posts, err := filepath.Glob(filepath.Join(postsDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) < 20 {
		t.Fatalf("only %d posts in %s", len(posts), postsDir)
	}
	for _, post := range posts {
		name := strings.TrimSuffix(filepath.Base(post), ".md")
		t.Run(name, func(t *testing.T) {
			d, err := inspectFile(context.Background(), post, modelOptions{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := buildStages(modelOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(inspectView(goldenView(d), b, false), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join(postsDir, name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with -update if the change is intended):\n%s", post, golden, firstDiff(want, got))
			}
		})
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got []byte) string {
	w := strings.Split(string(want), "\n")
	g := strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, a, b)
		}
	}
	return "(no line differs)"
}

// goldenView shortens what a huge post would put in its golden file (a
// multi-megabyte text, thousands of spans) to a digest, so that golden
// files stay reviewable; the counts and the digest still catch a change.
func goldenView(d *pipeline.Doc) *pipeline.Doc {
	const max = 20000
	if d.Post == nil || len(d.Post.Text) <= max {
		return d
	}
	p := *d.Post
	sum := sha256.Sum256([]byte(p.Text))
	runes := []rune(p.Text)
	p.Text = fmt.Sprintf("%s […] %s (%d code points, sha256 %x)", string(runes[:200]), string(runes[len(runes)-200:]), len(runes), sum[:8])
	spans := len(p.Spans)
	p.Spans = append(p.Spans[:10:10], pipeline.Span{Kind: fmt.Sprintf("… %d spans in all", spans)})
	if len(p.Links) > 10 {
		p.Links = p.Links[:10]
	}
	c := *d
	c.Post = &p
	if len(c.Mentions) > 20 {
		c.Mentions = c.Mentions[:20]
	}
	return &c
}
