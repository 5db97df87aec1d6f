package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/write"
)

const inspectUsage = `Usage: newsnlp inspect POST...

Runs the pipeline on each post file and prints the result as JSON: the
quickest way to see what newsnlp makes of a post. Offsets are code points
into post.text, as in the Parquet tables.

`

func cmdInspect(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("inspect", inspectUsage, stderr)
	var m modelOptions
	m.Register(fs)
	tokens := fs.Bool("tokens", false, "also print the segmenter's words as word/pos")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no post given", errUsage)
	}
	for _, p := range pos {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		d, err := inspectFile(ctx, p, m)
		if err != nil {
			return err
		}
		bu, err := buildStages(m)
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(inspectView(d, bu, *tokens), "", "  ")
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(stdout, "%s\n", b); err != nil {
			return err
		}
	}
	return nil
}

// inspectFile runs every stage on one file.
func inspectFile(ctx context.Context, path string, m modelOptions) (*pipeline.Doc, error) {
	b, err := buildStages(m)
	if err != nil {
		return nil, err
	}
	var got []*pipeline.Doc
	src := pipeline.Archives{Paths: []string{path}}
	_, err = pipeline.Run(ctx, src, b.stages, sinkFunc(func(d *pipeline.Doc) error {
		got = append(got, d)
		return nil
	}), pipeline.Config{Workers: 1})
	if err != nil {
		return nil, err
	}
	if len(got) != 1 {
		return nil, fmt.Errorf("%s: not a post file", path)
	}
	return got[0], nil
}

type sinkFunc func(*pipeline.Doc) error

func (f sinkFunc) Write(d *pipeline.Doc) error { return f(d) }

// tokenString renders the words of a post as "word/pos word/pos …".
func tokenString(d *pipeline.Doc) string {
	if d.Post == nil {
		return ""
	}
	r := []rune(d.Post.Text)
	var b strings.Builder
	for i, t := range d.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(r[t.Start:t.Stop]))
		b.WriteByte('/')
		b.WriteString(t.POS)
	}
	return b.String()
}

// inspected is what inspect prints: the Doc, the distinct entities its
// mentions name (as the entities table describes them), and on request the
// segmenter's words.
type inspected struct {
	*pipeline.Doc
	Entities []write.EntityInfoJSON `json:"entities,omitempty"`
	Tokens   string                 `json:"tokens,omitempty"`
}

func inspectView(d *pipeline.Doc, b *built, tokens bool) inspected {
	v := inspected{Doc: d}
	seen := map[string]bool{}
	for _, m := range d.Mentions {
		if seen[m.EntityID] {
			continue
		}
		seen[m.EntityID] = true
		e := write.EntityInfoJSON{ID: m.EntityID, Type: m.Type, Name: m.Name, Source: "discovered"}
		if info, ok := b.entityInfo(m.EntityID); ok {
			e.Name, e.NameEn, e.ISO3, e.Country, e.Source = info.Name, info.NameEn, info.ISO3, info.Country, "lexicon"
		}
		v.Entities = append(v.Entities, e)
	}
	if tokens {
		v.Tokens = tokenString(d)
	}
	return v
}
