package segment_test

import (
	"strings"
	"testing"

	"github.com/go-ego/gse"
	"github.com/newsnlp/newsnlp/models/lexicon"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/segment"
)

// TestFastLoad checks that the dictionary built with the generated list
// of words gse already holds (inbase.txt; go generate) is the one gse's
// text loader builds: the same tokens with the same frequencies, parts of
// speech and search-mode parts, and the same words cut from text. It
// fails when inbase.txt is stale, since New then falls back to the text
// loader for every run.
func TestFastLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("loads gse's dictionary twice")
	}
	gaz, err := entities.LoadGazetteer(entities.Options{})
	if err != nil {
		t.Fatal(err)
	}
	words := segment.DefaultWords(gaz.Words(), lexicon.Terms())
	if !segment.FastLoadable(words) {
		t.Fatal("inbase.txt does not cover the embedded lexicons' words: run go generate ./stages/segment")
	}
	fast, err := segment.NewGseForTest(words, true)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := segment.NewGseForTest(words, false)
	if err != nil {
		t.Fatal(err)
	}
	fd, sd := fast.Dict, slow.Dict
	if fd.NumTokens() != sd.NumTokens() || fd.TotalFreq() != sd.TotalFreq() || fd.MaxTokenLen() != sd.MaxTokenLen() {
		t.Fatalf("fast: %d tokens, total %v, max %d; text loader: %d, %v, %d",
			fd.NumTokens(), fd.TotalFreq(), fd.MaxTokenLen(), sd.NumTokens(), sd.TotalFreq(), sd.MaxTokenLen())
	}
	parts := func(tok *gse.Token) string {
		var b strings.Builder
		for _, s := range tok.Segments() {
			b.WriteString(s.Token().Text())
			b.WriteByte('|')
		}
		return b.String()
	}
	byText := map[string]*gse.Token{}
	for i := range fd.Tokens {
		byText[fd.Tokens[i].Text()] = &fd.Tokens[i]
	}
	bad := 0
	var chunk strings.Builder
	cut := func(text string) string {
		var b strings.Builder
		for _, s := range slow.Segment([]byte(text)) {
			b.WriteString(s.Token().Text() + "/" + s.Token().Pos() + " ")
		}
		want := b.String()
		b.Reset()
		for _, s := range fast.Segment([]byte(text)) {
			b.WriteString(s.Token().Text() + "/" + s.Token().Pos() + " ")
		}
		if got := b.String(); got != want && bad < 10 {
			bad++
			t.Errorf("cut %q:\n fast %s\n text %s", text, got, want)
		}
		return ""
	}
	for i := range sd.Tokens {
		st := &sd.Tokens[i]
		ft, ok := byText[st.Text()]
		if !ok || ft.Freq() != st.Freq() || ft.Pos() != st.Pos() || parts(ft) != parts(st) {
			if bad++; bad < 10 {
				t.Errorf("token %q: fast %v", st.Text(), ft)
			}
		}
		chunk.WriteString(st.Text())
		if i%100 == 99 {
			cut(chunk.String())
			chunk.Reset()
		}
	}
	cut(chunk.String())
}

// TestPrebuilt checks that dict.bin is the dictionary built now for the
// embedded lexicons' words (it fails when go generate is due) and that it
// loads as the very dictionary gse's text loader builds: the same trie,
// tokens, path values and search-mode parts, and the same cuts.
func TestPrebuilt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gse's dictionary from text")
	}
	gaz, err := entities.LoadGazetteer(entities.Options{})
	if err != nil {
		t.Fatal(err)
	}
	segment.CheckPrebuilt(t, segment.DefaultWords(gaz.Words(), lexicon.Terms()))
}

// BenchmarkLoad compares building the dictionary with the embedded
// lexicons' words from gse's text with loading the prebuilt form.
func BenchmarkLoad(b *testing.B) {
	gaz, err := entities.LoadGazetteer(entities.Options{})
	if err != nil {
		b.Fatal(err)
	}
	words := segment.DefaultWords(gaz.Words(), lexicon.Terms())
	b.Run("text", func(b *testing.B) {
		for b.Loop() {
			if _, err := segment.NewGseForTest(words, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prebuilt", func(b *testing.B) {
		for b.Loop() {
			if _, ok := segment.LoadPrebuilt(words); !ok {
				b.Fatal("stale")
			}
		}
	})
}
