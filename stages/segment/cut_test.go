package segment

import (
	"archive/tar"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/pipeline/corpustest"
)

// checkCut fails unless cut gives what gse's own Segment gives.
func checkCut(t *testing.T, s *Segmenter, text string) {
	t.Helper()
	got, ok := s.cut(text)
	if !ok {
		t.Fatal("cut does not know gse's token layout")
	}
	want := s.gseTokens(text)
	if len(want) == 0 {
		want = nil
	}
	checkWords(t, s, text, got)
	// gse's tokens carry no word ids.
	got = slices.Clone(got)
	for i := range got {
		got[i].Word = 0
	}
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("%.60q: token %d is %v, gse gives %v", text, i, got[i], want[i])
			}
		}
		t.Fatalf("%.60q: %d tokens, gse gives %d", text, len(got), len(want))
	}
}

// checkWords fails unless every token's word id is the one WordID gives
// for its text.
func checkWords(t *testing.T, s *Segmenter, text string, toks []pipeline.Token) {
	t.Helper()
	// Byte offset of each code point, as split counts them.
	var at []int
	for i := 0; i < len(text); {
		at = append(at, i)
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	at = append(at, len(text))
	for i, tk := range toks {
		w := text[at[tk.Start]:at[tk.Stop]]
		if want := s.WordID(w); tk.Word != want {
			t.Fatalf("%.60q: token %d %q has word %d, WordID gives %d", text, i, w, tk.Word, want)
		}
	}
}

func TestWordIDs(t *testing.T) {
	s := seg(t)
	if s.NumWords() < 300_000 {
		t.Fatalf("NumWords = %d, want gse's dictionary and more", s.NumWords())
	}
	for _, w := range []string{"美国", "布林肯", "一国两制", "a股"} {
		id := s.WordID(w)
		if id == 0 || int(id) >= s.NumWords() {
			t.Errorf("WordID(%q) = %d, want a word below %d", w, id, s.NumWords())
		}
	}
	for _, w := range []string{"", "A股", "美国国", "\xff", "qqqzzzq"} {
		if id := s.WordID(w); id != 0 {
			t.Errorf("WordID(%q) = %d, want 0", w, id)
		}
	}
	toks := s.Tokens("A股和a股的美国")
	var words []uint32
	for _, tk := range toks {
		words = append(words, tk.Word)
	}
	if want := []uint32{0, s.WordID("和"), s.WordID("a股"), s.WordID("的"), s.WordID("美国")}; !slices.Equal(words, want) {
		t.Errorf("word ids %v, want %v", words, want)
	}
}

func TestCutEqualsGse(t *testing.T) {
	s := seg(t)
	for _, text := range []string{
		"",
		"美国国务卿布林肯7月在印尼会晤中共外长王毅后，表示担心。",
		"The Economist reports that Xi Jinping met Joe Biden; COVID-19 and G7 in 2021.",
		"iPhone 15 Pro、5G网络和AI芯片（NVIDIA H100）",
		"Ελληνικά и русский текст, ÀÉÎ ñ ü, ½ Ⅻ ①",
		"𠀀𪚥 emoji 😀 and \n newlines\t",
		"abc",
		"中",
		"\xff\xfe invalid \xc3 UTF-8 中文\x80",
		"ＡＢＣ全角１２３半角ABC123",
		strings.Repeat("中华人民共和国", 100) + strings.Repeat("x", 100),
	} {
		checkCut(t, s, text)
	}
}

// TestCutEqualsGseOnCorpus compares cut with gse's Segment over raw posts of
// the real corpus (front matter, HTML and all: every script and symbol the
// corpus holds): every 50th post of both archives, or every Nth with
// NEWSNLP_CUT_EVERY=N; -short (CI's race run) the first 100 of news.tar.gz.
func TestCutEqualsGseOnCorpus(t *testing.T) {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		t.Skip("NEWSNLP_CORPUS not set")
	}
	every := 50
	if v := os.Getenv("NEWSNLP_CUT_EVERY"); v != "" {
		var err error
		if every, err = strconv.Atoi(v); err != nil || every < 1 {
			t.Fatalf("NEWSNLP_CUT_EVERY=%s", v)
		}
	}
	s := seg(t)
	posts := 0
	for _, name := range []string{"news.tar.gz", "opinion.tar.gz"} {
		i := 0
		corpustest.Each(t, filepath.Join(dir, name), func(h *tar.Header, r io.Reader) bool {
			defer func() { i++ }()
			if testing.Short() && i >= 100 {
				return false
			}
			if !testing.Short() && i%every != 0 {
				return true
			}
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			checkCut(t, s, string(b))
			posts++
			return true
		})
		if testing.Short() {
			break
		}
	}
	t.Logf("%d posts", posts)
}

func FuzzCut(f *testing.F) {
	for _, s := range []string{"", "中", "a", "A1", "\xff", "布林肯会晤王毅", "Ab中Cd", "ÀÉ中", "１２３"} {
		f.Add(s)
	}
	s := seg(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkCut(t, s, text)
		toks, _ := s.cut(text)
		if len(toks) > 0 && int(toks[len(toks)-1].Stop) != utf8.RuneCountInString(text) {
			t.Fatalf("%q: tokens end at %d", text, toks[len(toks)-1].Stop)
		}
	})
}

// BenchmarkCut times cut and gse's Segment (with the offsets Tokens made
// of it before cut) on the raw text of the first 300 posts of
// news.tar.gz, with allocations:
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench Cut -benchmem -count 6 ./stages/segment
func BenchmarkCut(b *testing.B) {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		b.Skip("NEWSNLP_CORPUS not set")
	}
	_, bodies := corpustest.Bodies(b, filepath.Join(dir, "news.tar.gz"), 300, nil)
	texts := make([]string, len(bodies))
	size := 0
	for i, body := range bodies {
		texts[i] = string(body)
		size += len(body)
	}
	s := seg(b)
	for _, m := range []struct {
		name string
		cut  func(string) []pipeline.Token
	}{
		{"gse", s.gseTokens},
		{"cut", func(t string) []pipeline.Token { out, _ := s.cut(t); return out }},
	} {
		b.Run(m.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			c0 := corpustest.CPUTime()
			for b.Loop() {
				for _, t := range texts {
					m.cut(t)
				}
			}
			// Processor time (the collector's included): steadier than
			// wall time on a shared machine.
			b.ReportMetric(float64(corpustest.CPUTime()-c0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// TestPackedNodes checks the walk's nodes against cedar's own Jump and
// Value on every node of the dictionary: each byte step from a node that
// a walk can reach lands where Jump lands or fails where it fails, and
// the token a node holds is Value's.
func TestPackedNodes(t *testing.T) {
	s := seg(t)
	m := (*gDict)(unsafe.Pointer(s.Gse().Dict))
	tr := (*cTrie)(unsafe.Pointer(m.trie))
	nodes := s.cd.nodes
	steps := 0
	for i, nd := range tr.array {
		if nd.check < 0 && i != 0 {
			continue // a free slot: no walk reaches it
		}
		want, err := m.trie.Value(i)
		if err != nil {
			want = -1
		}
		if got := nodes[i].tok(); got != int32(want) && (got != tokNone || want != -1) {
			t.Fatalf("node %d holds token %d, cedar's Value gives %d", i, got, want)
		}
		// Every byte from every 64th node (all of them take minutes).
		if i%64 != 0 {
			continue
		}
		for k := range 256 {
			to, err := m.trie.Jump([]byte{byte(k)}, i)
			got := nodes[i].base() ^ int32(k)
			if ok := nodes[got].check() == int32(i); ok != (err == nil) || ok && int(got) != to {
				t.Fatalf("node %d, byte %#x: step to %d (%v), cedar's Jump gives %d (%v)", i, k, got, ok, to, err)
			}
			steps++
		}
	}
	t.Logf("%d nodes, %d steps", len(tr.array), steps)
}
