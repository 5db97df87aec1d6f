package segment

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/go-ego/gse"
	"github.com/klauspost/compress/zstd"
	"github.com/newsnlp/newsnlp/stages/internal/binform"
)

// sameDict compares two dictionaries field by field: tokens (text,
// frequency, part of speech, path value), their search-mode parts (offsets
// and the token each names, by index, or the pseudo-token's fields), the
// totals, and the double-array trie's every array and counter.
func sameDict(t *testing.T, got, want *gse.Dictionary) {
	t.Helper()
	g, w := (*gDict)(unsafe.Pointer(got)), (*gDict)(unsafe.Pointer(want))
	if g.maxTokenLen != w.maxTokenLen || g.totalFreq != w.totalFreq || len(g.Tokens) != len(w.Tokens) {
		t.Fatalf("prebuilt: max %d, total %v, %d tokens; text loader: %d, %v, %d",
			g.maxTokenLen, g.totalFreq, len(g.Tokens), w.maxTokenLen, w.totalFreq, len(w.Tokens))
	}
	if !reflect.DeepEqual(*g.trie, *w.trie) {
		t.Error("the tries differ")
	}
	index := func(d *gDict, tok *gToken) int {
		base := uintptr(unsafe.Pointer(unsafe.SliceData(d.Tokens)))
		p := uintptr(unsafe.Pointer(tok))
		if p < base || p >= base+uintptr(len(d.Tokens))*unsafe.Sizeof(gToken{}) {
			return -1
		}
		return int((p - base) / unsafe.Sizeof(gToken{}))
	}
	bad := 0
	for i := range w.Tokens {
		gt, wt := &g.Tokens[i], &w.Tokens[i]
		ok := textEqual(gt.text, wt.text) && gt.freq == wt.freq && gt.pos == wt.pos &&
			gt.distance == wt.distance && len(gt.segments) == len(wt.segments) && (gt.segments == nil) == (wt.segments == nil)
		for j := 0; ok && j < len(wt.segments); j++ {
			gs, ws := gt.segments[j], wt.segments[j]
			gi, wi := index(g, gs.token), index(w, ws.token)
			ok = gs.start == ws.start && gs.end == ws.end && gs.Position == ws.Position && gi == wi
			if ok && wi < 0 {
				ok = textEqual(gs.token.text, ws.token.text) && gs.token.freq == ws.token.freq &&
					gs.token.pos == ws.token.pos && gs.token.distance == ws.token.distance && len(gs.token.segments) == len(ws.token.segments)
			}
		}
		if !ok {
			if bad++; bad <= 10 {
				t.Errorf("token %d %q differs", i, textString(wt.text))
			}
		}
	}
}

func textString(t []gse.Text) string {
	var b strings.Builder
	for _, u := range t {
		b.Write(u)
	}
	return b.String()
}

func cutString(s *gse.Segmenter, text string) string {
	var b strings.Builder
	for _, sg := range s.Segment([]byte(text)) {
		b.WriteString(text[sg.Start():sg.End()] + "/" + sg.Token().Pos() + " ")
		for _, p := range sg.Token().Segments() {
			b.WriteString(p.Token().Text() + "|")
		}
	}
	return b.String()
}

// checkPrebuilt checks that the embedded prebuilt dictionary is the one
// built for words, and that it loads as the very dictionary gse's text
// loader builds with them.
func checkPrebuilt(t *testing.T, words []Word) {
	if !mirrorsMatch() {
		t.Fatal("gse's Dictionary, Token or Segment has changed layout: update the mirrors in dictbin.go")
	}
	pre, ok := loadPrebuilt(words)
	if !ok {
		t.Fatal("the prebuilt dictionary is stale or unreadable: run go generate ./stages/segment")
	}
	fresh, text, err := buildPrebuilt(words, inBase())
	if err != nil {
		t.Fatal(err)
	}
	if !samePrebuilt(t, fresh, []byte(prebuilt)) {
		t.Fatal("dict.bin differs from the dictionary built now: run go generate ./stages/segment")
	}
	sameDict(t, pre.Dict, text.Dict)
	// New loads the dictionary without the search-mode parts for cutting.
	part, ok := loadPrebuiltParts(words, false)
	if !ok {
		t.Fatal("the prebuilt dictionary does not load without its parts")
	}
	if a, b := newCutDict(part), newCutDict(pre); a == nil || b == nil || !reflect.DeepEqual(a, b) {
		t.Fatal("the dictionary loaded without parts gives cut another view than the full one")
	}
	for _, s := range []string{
		"美国国务卿布林肯7月在印尼会晤中共外长王毅后，中华人民共和国外交部发言人表示",
		"香港国安法实施以来，一国两制受到质疑。AK47 and COVID-19 疫苗；ＡＢＣ　全角",
		"ひらがなカタカナ混じりの文と、繁體字的臺灣新聞報導",
	} {
		if g, w := cutString(pre, s), cutString(text, s); g != w {
			t.Errorf("cut %q:\nprebuilt %s\ntext     %s", s, g, w)
		}
	}
	if pre.MinTokenFreq != text.MinTokenFreq || pre.TextFreq != text.TextFreq {
		t.Errorf("settings: prebuilt %v %q, text %v %q", pre.MinTokenFreq, pre.TextFreq, text.MinTokenFreq, text.TextFreq)
	}
}

// TestPrebuiltSmall round-trips a small dictionary (words with parts,
// pseudo-token parts, a fractional frequency, English and kana), then
// damages its encoding at every byte: an error, never a panic or a
// dictionary.
func TestPrebuiltSmall(t *testing.T) {
	seg := &gse.Segmenter{SkipLog: true}
	seg.Dict = gse.NewDict()
	seg.Init()
	for _, w := range []Word{
		{"中华人民共和国", 1000, "ns"}, {"中华", 500, "nz"}, {"人民", 800, "n"}, {"共和国", 300, "n"},
		{"外交部", 200, "nt"}, {"外交", 400, "n"}, {"发言人", 100.5, "n"}, {"发言", 90, "v"},
		{"国务卿", 50, "n"}, {"AK47", 3, "nz"}, {"カタカナ語", 5, "n"}, {"口罩令", 7, ""},
	} {
		if err := seg.AddToken(w.Text, w.Freq, w.POS); err != nil {
			t.Fatal(err)
		}
	}
	seg.CalcToken()
	enc, err := encodeDict(seg.Dict)
	if err != nil {
		t.Fatal(err)
	}
	d, err := decodeDict(enc)
	if err != nil {
		t.Fatal(err)
	}
	sameDict(t, d, seg.Dict)
	zr, err := zstd.NewReader(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	raw, err := zr.DecodeAll(enc, nil)
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(raw); n++ {
		if d, err := decodeRaw(raw[:n:n]); err == nil || d != nil {
			t.Errorf("truncated to %d bytes: %v, %v", n, d != nil, err)
		}
		bad := bytes.Clone(raw)
		bad[n] ^= 0xff
		if d, err := decodeRaw(bad); err == nil || d != nil {
			t.Errorf("byte %d damaged: %v, %v", n, d != nil, err)
		}
	}
	if _, err := decodeDict([]byte("not zstd")); err == nil {
		t.Error("garbage accepted")
	}
}

// samePrebuilt says whether two prebuilt dictionaries hold the same words'
// sum and the same dictionary once decompressed: the compressor's bytes
// change with its version (klauspost/compress 1.19 → 1.20 did), what it
// holds must not.
func samePrebuilt(t *testing.T, a, b []byte) bool {
	t.Helper()
	n := len(wordsSum(nil))
	if len(a) < n || len(b) < n || !bytes.Equal(a[:n], b[:n]) {
		return false
	}
	ra, err := binform.Decompress(a[n:], "fresh")
	if err != nil {
		t.Fatal(err)
	}
	rb, err := binform.Decompress(b[n:], "dict.bin")
	if err != nil {
		return false
	}
	return bytes.Equal(ra, rb)
}
