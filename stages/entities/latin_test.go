package entities

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestLatinMoreSameMatches holds matchLatin, which stops reading words
// after a phrase no form goes on from (latinMore), to matchLatin reading
// all five words: the same ends and the same mentions, on every
// multi-word Latin form of the lexicon (as written, in lower and in upper
// case, in a sentence) and on real posts.
func TestLatinMoreSameMatches(t *testing.T) {
	st, seg := setup(t)
	bare := *st.g
	bare.latinMore = nil
	var texts []string
	multi := 0
	for k := range st.g.latin {
		if !strings.Contains(k, " ") {
			continue
		}
		multi++
		for _, f := range []string{k, strings.ToLower(k), strings.ToUpper(k)} {
			texts = append(texts, "据"+f+"报道，"+f+" said on Monday. "+f+"'s editor and "+f+"-"+f+".")
		}
	}
	if multi < 10 {
		t.Fatalf("only %d multi-word Latin forms: the lexicon changed?", multi)
	}
	if !testing.Short() && os.Getenv("NEWSNLP_CORPUS") != "" {
		for _, d := range corpusSample(t, 300) {
			texts = append(texts, d.Post.Text)
		}
	}
	checked := 0
	for _, text := range texts {
		norm := seg.Normalize(text, "simplified")
		toks := seg.Tokens(norm)
		d, ref := newDoc(st.g, text, norm, toks), newDoc(&bare, text, norm, toks)
		for i := range d.norm {
			if !d.latinStart(i) {
				continue
			}
			if got, want := d.matchLatin(i), ref.matchLatin(i); got != want {
				t.Fatalf("%q at %d: matchLatin ends at %d, reading all words %d", text, i, got, want)
			}
			checked++
		}
		if !slices.Equal(d.found, ref.found) {
			t.Fatalf("%q: found %v, reading all words %v", text, d.found, ref.found)
		}
	}
	if checked == 0 {
		t.Fatal("no Latin word start checked")
	}
}
