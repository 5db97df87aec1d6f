package entities

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"testing"
)

// TestDumpMentions writes every mention of the first posts of the corpus's
// news archive, and every proposal (with its features) of the first 3,000,
// to the file NEWSNLP_ENT_DUMP names: compare its checksum before and
// after a change that must not change outputs. NEWSNLP_ENT_DUMP_POSTS sets
// how many posts (default 5,000).
//
//	NEWSNLP_CORPUS=../shared/corpus NEWSNLP_ENT_DUMP=/tmp/dump go test -run DumpMentions ./stages/entities
func TestDumpMentions(t *testing.T) {
	path := os.Getenv("NEWSNLP_ENT_DUMP")
	if path == "" {
		t.Skip("NEWSNLP_ENT_DUMP not set")
	}
	n := 5000
	if s := os.Getenv("NEWSNLP_ENT_DUMP_POSTS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	st := withNames(t)
	docs := corpusSample(t, n)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	mentions, props := 0, 0
	for k, d := range docs {
		fmt.Fprintf(w, "post %d %s\n", k, d.ID)
		for _, m := range st.Find(d.Post.Text, d.Norm, d.Tokens, credits(d.Post)) {
			fmt.Fprintf(w, "m %s\t%s\t%s\t%d\t%d\t%s\t%s\n", m.EntityID, m.Type, m.Surface, m.Start, m.Stop, m.Method, m.Name)
			mentions++
		}
		if k < 3000 {
			for _, p := range st.Proposals(d) {
				fmt.Fprintf(w, "p %d\t%d\t%s\t%s", p.Start, p.Stop, p.Text, p.Source)
				for _, ft := range p.Features {
					fmt.Fprintf(w, "\t%s=%g", ft.Name, ft.Value)
				}
				fmt.Fprintln(w)
				props++
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if mentions == 0 || props == 0 {
		t.Fatalf("%d posts: %d mentions, %d proposals", len(docs), mentions, props)
	}
	t.Logf("%d posts: %d mentions, %d proposals", len(docs), mentions, props)
}
