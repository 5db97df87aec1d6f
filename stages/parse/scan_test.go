package parse

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/newsnlp/newsnlp/models/hanzi"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/pipeline/corpustest"
	"golang.org/x/net/html"
)

// refTokens is the reference the scanner is held to: x/net/html's
// Tokenizer, which htmlToText read before the scanner.
type refTokens struct{ *html.Tokenizer }

func newRefTokens(src []byte) refTokens {
	z := html.NewTokenizer(bytes.NewReader(src))
	z.SetMaxBuf(0)
	return refTokens{z}
}

// attrs is htmlToText's former readAttrs.
func (z refTokens) attrs() tagAttrs {
	var a tagAttrs
	for {
		k, v, more := z.TagAttr()
		if f := a.field(string(k)); f != nil {
			*f = string(v)
		}
		if !more {
			return a
		}
	}
}

// htmlToTextRef is htmlToText on x/net/html's tokens.
func htmlToTextRef(src []byte, out *body) {
	readHTML(src, newRefTokens(src), out)
}

// sameTokens checks that the scanner gives src's tokens as the tokenizer
// does: kinds, texts, names and the attributes read.
func sameTokens(t *testing.T, src []byte) {
	t.Helper()
	orig := string(src)
	ref, z := newRefTokens(src), newScanner(src)
	for n := 0; ; n++ {
		want, got := ref.Next(), z.Next()
		if want != got {
			t.Fatalf("token %d: %v, want %v (input %q)", n, got, want, src)
		}
		switch want {
		case html.ErrorToken:
			if string(src) != orig {
				t.Fatal("the scanner changed its input")
			}
			return
		case html.TextToken:
			if w, g := ref.Text(), z.Text(); !bytes.Equal(w, g) {
				t.Fatalf("token %d: text %q, want %q (input %q)", n, g, w, src)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			wn, wa := ref.TagName()
			gn, ga := z.TagName()
			if !bytes.Equal(wn, gn) || wa != ga {
				t.Fatalf("token %d: tag %q %v, want %q %v (input %q)", n, gn, ga, wn, wa, src)
			}
			if wa {
				if w, g := ref.attrs(), z.attrs(); w != g {
					t.Fatalf("token %d: attributes %+v, want %+v (input %q)", n, g, w, src)
				}
			}
		}
	}
}

// sameBody checks that htmlToText reads src as it did on x/net/html.
func sameBody(t *testing.T, src []byte) {
	t.Helper()
	var want, got body
	htmlToTextRef(bytes.Clone(src), &want)
	htmlToText(src, &got)
	if w, g := want.text.String(), got.text.String(); w != g {
		t.Fatalf("text %q, want %q (input %q)", g, w, src)
	}
	want.text, got.text = strings.Builder{}, strings.Builder{}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("body %+v, want %+v (input %q)", got, want, src)
	}
}

// scanSeeds are hostile inputs of each state of the tokenizer.
var scanSeeds = []string{
	"", "<", "</", "<>", "</>", "<a", "<a ", "<a b", "<a b=", "<a b='", "<a b=\"c", "<a b=c",
	"a<b", "a < b", "a<1", "<!", "<!-", "<!--", "<!---->", "<!-->", "<!--->", "<!-- x --!>", "<!-- a --! b -->",
	"<!DOCTYPE html>", "<!doctype", "<!DOC", "<!DOCTYPE", "<!DOCTYPE ", "<![CDATA[x]]>", "<?xml?>", "</ x>", "</1>",
	"<P CLASS=Caption ID=x>A</p>", "<a href=x href=y HREF=z>t</A>", "<img src=a src=b alt='x' Alt=y>",
	"<br/>", "<br />", "<a href=x/>t", "<a href='x'/>t", "<a b/c>", "<a =b>", "<a ==b>", "<a b = c>", "<a b= >",
	"<script>if (a<b) {}</script>x", "<script><!--<script></script>--></script>y", "<script><!-- </script>z",
	"<script><!--<script>a</SCRIPT>b-->c</script>d", "<style>p{}</style >e", "<title>a&amp;b</title>",
	"<textarea>&lt;x</textarea/>", "<xmp>&amp;</xmp>", "<plaintext>a</plaintext>b", "<noscript>n</noscript>",
	"<iframe src=x>i</iframe>", "<noembed>&lt;\x00</noembed>", "<title>\x00</title>",
	"a&amp;b&lt;c&gt;d&quot;e&nbsp;f", "&ampx &amp= &notit; &notin; &fjlig; &nvlt; &#x26; &#38 &#; &#x; &#",
	"&#128;&#x9F;&#0;&#xD800;&#x110000;&#99999999999999999;&#X41;&", "&&&;;;&a&ab&abc;",
	"<a href='?a=1&b=2&amp;c=3&copy=4&copy;&ampx&amp=' title=\"&notit;&notin\">x</a>",
	"a\r\nb\rc\n\rd", "<a href=\"x\r\ny\">z\r</a>", "<p\x00>x</p\x00>", "<a h\x00ref=x hr\x00=y>", "<a href=\"\x00\">",
	"<div hidden>x</div><div style='display: none'>y</div><span class='sr-only x'>z</span>",
	"<a b c d e f g h i j k l m n o p q r s t u v w x y z a href=1 B href=2>",
	"<table><tr><td>a<td>b</table>\n\n[x](y) ![i](s)", "\xff\xfe<p>\xc3</p>", "<p>a</P><P>b",
	"<unknown-el>a</unknown-el><Foo>b</fOO>", "<a\nhref\n=\n'x'\n>t</a\n>", "<a\fhref=x\t>",
	"<svg><![CDATA[<p>]]></svg>", "<math><mi>x</mi></math>", "<img src=x/>", "<img src=x />",
	"<a title=\"a\" / >", "<a title=x//>", "<a/b>", "<a/ b>", "<script/>x</script>", "<title/>t",
}

func TestScannerSame(t *testing.T) {
	for _, s := range append(append([]string{}, scanSeeds...), seeds...) {
		sameTokens(t, []byte(s))
		sameBody(t, []byte(s))
		for i := range len(s) {
			// Every prefix: inputs cut short in every state.
			sameTokens(t, []byte(s[:i]))
			sameBody(t, []byte(s[:i]))
		}
	}
}

// TestScannerSameOnCorpus holds the scanner to the tokenizer on the body
// of every post of both archives when NEWSNLP_CORPUS is set.
func TestScannerSameOnCorpus(t *testing.T) {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		t.Skip("NEWSNLP_CORPUS not set")
	}
	n := 0
	for _, a := range []string{"news.tar.gz", "opinion.tar.gz"} {
		corpustest.Each(t, filepath.Join(dir, a), func(h *tar.Header, r io.Reader) bool {
			if h.Typeflag != tar.TypeReg {
				return true
			}
			raw, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			text, _ := decode(raw)
			_, rest, _, _ := splitFrontMatter(text)
			rest, _ = readPreamble(rest, &pipeline.Post{})
			sameTokens(t, rest)
			sameBody(t, rest)
			n++
			return !t.Failed()
		})
	}
	t.Logf("%d posts", n)
}

func FuzzScanner(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameTokens(t, src)
		sameBody(t, src)
	})
}

// detectScriptByRange is detectScript as it was, decoding with range: the
// reference for its decoding of Han characters in place.
func detectScriptByRange(text string) string {
	t := hanzi.Load()
	var han, latin, trad, simp int
	for _, r := range text {
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case isHan(r):
			han++
			if t.Traditional(r) {
				trad++
			} else if t.Simplified(r) {
				simp++
			}
		case r < 0x250 && unicode.IsLetter(r):
			latin++
		}
	}
	switch {
	case han == 0 && latin == 0:
		return ""
	case han*5 < latin/5:
		return "english"
	case trad+simp == 0:
		return "simplified"
	case trad >= 4*simp:
		return "traditional"
	case simp >= 4*trad:
		return "simplified"
	}
	return "mixed"
}

var scriptSeeds = []string{"", "a", "中", "中\xe4", "\xe4\xb8", "\xe4\xb8\xff", "\xed\xa0\x80", "\xe9\xbf\xbf\xe4\x80\x80", "臺灣將與美國", "中共外长王毅", "é", "\xc3"}

func TestDetectScriptSame(t *testing.T) {
	for _, s := range scriptSeeds {
		for i := range len(s) + 1 {
			if got, want := detectScript(s[:i]), detectScriptByRange(s[:i]); got != want {
				t.Errorf("detectScript(%q) = %q, by range %q", s[:i], got, want)
			}
		}
	}
	// Every character of the ranges decoded in place, alone and in pairs.
	for r := rune(0x3f00); r < 0xa100; r++ {
		one := string(r)
		for _, s := range []string{one, one + "臺", "臺" + one, one[:len(one)-1]} {
			if got, want := detectScript(s), detectScriptByRange(s); got != want {
				t.Fatalf("detectScript(%q) = %q, by range %q", s, got, want)
			}
		}
	}
}

func FuzzDetectScript(f *testing.F) {
	for _, s := range scriptSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := detectScript(s), detectScriptByRange(s); got != want {
			t.Errorf("detectScript(%q) = %q, by range %q", s, got, want)
		}
	})
}

func TestContainsSkippingSpaces(t *testing.T) {
	for _, s := range []string{"", "display:none", "display: none", " d i s p l a y : n o n e ", "display:non", "display:nonE",
		"xdisplay:none;", "ddisplay:none", "display:display:none", "display:  nodisplay:none", "display:no-ne", "display:\tnone"} {
		want := strings.Contains(strings.ReplaceAll(s, " ", ""), "display:none")
		if got := containsSkippingSpaces(s, "display:none"); got != want {
			t.Errorf("containsSkippingSpaces(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzContainsSkippingSpaces(f *testing.F) {
	f.Add("display: none", "display:none")
	f.Add("aab", "ab")
	f.Fuzz(func(t *testing.T, s, pat string) {
		if pat == "" || strings.Contains(pat, " ") {
			return
		}
		want := strings.Contains(strings.ReplaceAll(s, " ", ""), pat)
		if got := containsSkippingSpaces(s, pat); got != want {
			t.Errorf("containsSkippingSpaces(%q, %q) = %v, want %v", s, pat, got, want)
		}
	})
}
