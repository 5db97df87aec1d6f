package parse

import (
	"testing"
	"unicode/utf8"
)

// seeds are degenerate and bad inputs of the kinds real archives hold.
var seeds = []string{
	"",
	"---",
	"---\n",
	"---\n---\n",
	"---\ntitle: \"unclosed\n",
	"---\ntitle: \"a\"b\"c\"\ncategories: [ news, \n---\n<p>x",
	"---\ntitle: [1, {a: b}]\ndate: 99999-99-99\ntags: 5\n---\n",
	"<!--NaN-->\n[](x)\n------\n",
	"<!--99999999999999999999-->\n",
	"[a](b\n------\n日期：\n",
	"<p>“未闭合的引号<a href=x>链接",
	"<div><p class=\"x",
	"<script>never closed",
	"<<<<>>>>&&&;;&#x110000;&#0;",
	"\xff\xfe\x00<\x00p\x00>\x00",
	"\xef\xbb\xbf---\r\ntitle: \"CRLF\"\r\n---\r\n<p>a</p>\r\n",
	"\xd6\xd0\xb9\xfa\xcd\xe2\xbd\xbb\xb2\xbf",
	"\xa4\xa4\xb0\xea\xa5\xc1\xb0\xea",
	"![](",
	"[[[[]]]](((",
	"<table><tr><td>a<td>b</table><ul><li><li></ul><h1></h1>",
	"<a href=1><a href=2><a href=3>x</a>",
	"\x00\x01\x02\x03binary",
}

func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := Parse("fuzz/2020-01-02-x.md", raw)
		if err != nil {
			return
		}
		if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) {
			t.Fatalf("invalid UTF-8 out")
		}
		n := utf8.RuneCountInString(p.Text)
		if n != p.Runes {
			t.Fatalf("Runes %d, text has %d", p.Runes, n)
		}
		runes := []rune(p.Text)
		for _, s := range p.Spans {
			if s.Start < 0 || s.Stop < s.Start || s.Stop > n {
				t.Fatalf("span %+v outside text of %d", s, n)
			}
		}
		for _, l := range p.Links {
			if l.Start < 0 || l.Stop < l.Start || l.Stop > n || string(runes[l.Start:l.Stop]) != l.Text {
				t.Fatalf("link %+v does not match text", l)
			}
		}
		for _, r := range p.Reporters {
			if r == "" {
				t.Fatal("empty reporter")
			}
		}
	})
}

func FuzzFrontMatter(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		fm, rest, found, _ := splitFrontMatter(raw)
		if !found {
			if len(rest) != len(raw) {
				t.Fatal("no front matter, but input consumed")
			}
			return
		}
		if len(fm)+len(rest) > len(raw) {
			t.Fatal("split grew the input")
		}
		m, _ := parseFrontMatter(fm)
		_ = cleanTitle(m.get("title"))
		_ = listField(m, "categories")
	})
}

func FuzzHTML(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, _ := decode(raw)
		var b body
		htmlToText(text, &b)
		checkBody(t, &b)
	})
}
