package parse

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func TestFrontMatterVariants(t *testing.T) {
	for _, tc := range []struct {
		name, in   string
		title      string
		cats       []string
		published  string
		comments   bool
		fallback   bool
		wantFormat string
	}{
		{
			name:      "standard",
			in:        "---\nlayout: post\ntitle: \"秦刚称中俄不是盟友\"\ndate: 2022-07-21T11:59:37.000Z\nauthor: 大纪元\ntags: [ 大纪元 ]\ncategories: [ 大纪元 ]\n---\nbody",
			title:     "秦刚称中俄不是盟友",
			cats:      []string{"大纪元"},
			published: "2022-07-21T11:59:37Z",
		},
		{
			name:      "multi-category, offset date, comments",
			in:        "---\ntitle: \"x\"\ndate: 2014-02-04T09:36:39+01:00\ncomments: True\ncategories: [ news, RTI 中央廣播電臺 ]\n---\n",
			title:     "x",
			cats:      []string{"news", "RTI 中央廣播電臺"},
			published: "2014-02-04T08:36:39Z",
			comments:  true,
		},
		{
			name:      "date only",
			in:        "---\ntitle: \"书评 | 思想市场\"\ndate: 2020-05-16\ncategories: [ 燕京书评 ]\n---\n",
			title:     "书评 | 思想市场",
			cats:      []string{"燕京书评"},
			published: "2020-05-16T00:00:00Z",
		},
		{
			name:      "multi-line title with nbsp",
			in:        "---\ntitle: \"美四大科技巨头国会听证\u00a0提及中国\n\"\ndate: 2020-07-30T11:53:53.000Z\n---\n",
			title:     "美四大科技巨头国会听证 提及中国",
			published: "2020-07-30T11:53:53Z",
		},
		{
			name:  "escaped quotes and entities",
			in:    "---\ntitle: \"陈日君警告：协议是\\\"附和魔鬼\\\" &amp; 处理“遗物&quot;\"\n---\n",
			title: "陈日君警告：协议是\"附和魔鬼\" & 处理“遗物\"",
		},
		{
			name:     "unescaped quotes fall back to the line reader",
			in:       "---\ntitle: \"法广被指\"用北京腔播新闻\" 被喊停\"\ndate: 2020-09-01T00:00:00.000Z\ncategories: [ 法广 ]\n---\n",
			title:    "法广被指\"用北京腔播新闻\" 被喊停",
			cats:     []string{"法广"},
			fallback: true, published: "2020-09-01T00:00:00Z",
		},
		{
			name:  "empty title",
			in:    "---\ntitle: \"\"\n---\n<!--1603447635000-->\n[](https://chinadigitaltimes.net/chinese/2020/10/658453/)\n------\n\n<p>x</p>",
			title: "", published: "2020-10-23T10:07:15Z",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse("x.md", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tc.title {
				t.Errorf("title = %q, want %q", p.Title, tc.title)
			}
			if tc.cats != nil && !slices.Equal(p.Categories, tc.cats) {
				t.Errorf("categories = %q, want %q", p.Categories, tc.cats)
			}
			if tc.published != "" && p.Published.Format(time.RFC3339) != tc.published {
				t.Errorf("published = %v, want %s", p.Published, tc.published)
			}
			if p.Comments != tc.comments {
				t.Errorf("comments = %v", p.Comments)
			}
			fell := slices.ContainsFunc(p.Warnings, func(w string) bool { return strings.Contains(w, "line by line") })
			if fell != tc.fallback {
				t.Errorf("fallback = %v, warnings %q", fell, p.Warnings)
			}
			if p.Format != "jekyll" {
				t.Errorf("format = %q", p.Format)
			}
		})
	}
}

func TestOlderLayouts(t *testing.T) {
	bbc := "<!--1595213124000-->\n[BBC盘点男性不愿意戴口罩的几大原因](http://www.bbc.com/zhongwen/simp/world-53465846)\n------\n\n<div><p>莫妮卡和爱德华多是巴西的一对夫妇。</p></div>"
	p, err := Parse("BBC/1.md", []byte(bbc))
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != "link-ts" || p.Title != "BBC盘点男性不愿意戴口罩的几大原因" || p.Outlet != "BBC" ||
		p.URL != "http://www.bbc.com/zhongwen/simp/world-53465846" || p.Published.Format(time.RFC3339) != "2020-07-20T02:45:24Z" {
		t.Errorf("bbc: %+v", p)
	}
	if p.Text != "BBC盘点男性不愿意戴口罩的几大原因\n莫妮卡和爱德华多是巴西的一对夫妇。" {
		t.Errorf("bbc text %q", p.Text)
	}

	cdt := "[差评｜学信网](https://chinadigitaltimes.net/chinese/2020/07/x/)\n------\n日期：Thu, 02 Jul 2020 17:35:59 +0000\n\n<p>「 学历顶替者 」的事。</p>"
	p, err = Parse("articles/399597_差评.md", []byte(cdt))
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != "link-dated" || p.Outlet != "中国数字时代" || p.Published.Format(time.RFC3339) != "2020-07-02T17:35:59Z" || p.DateRaw != "Thu, 02 Jul 2020 17:35:59 +0000" {
		t.Errorf("cdt: %+v", p)
	}

	nan := "---\ntitle: \"徐贲\"\ndate: 2021-05-11T15:58:09.716Z\n---\n<!--NaN-->\n[徐贲](https://www.allnow.com/post/1)\n------\n\n<div><p>采写︱张弘</p></div>"
	p, err = Parse("x.md", []byte(nan))
	if err != nil {
		t.Fatal(err)
	}
	if !p.SourceTS.IsZero() || p.Published.Format(time.RFC3339Nano) != "2021-05-11T15:58:09.716Z" || p.Text != "徐贲\n采写︱张弘" {
		t.Errorf("NaN: %+v", p)
	}

	raw := "<article><header><h1>标题</h1></header><script>var x=1;</script><style>p{}</style><p>正文第一段。</p></article>"
	p, err = Parse("2020-05-07-raw.md", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != "html" || p.Text != "标题\n正文第一段。" || p.Published.Format("2006-01-02") != "2020-05-07" {
		t.Errorf("raw page: format %q text %q published %v", p.Format, p.Text, p.Published)
	}
}

func TestHTMLToText(t *testing.T) {
	for _, tc := range []struct {
		name, in, text string
		kinds          []string
		links          []pipeline.Link
		media          []pipeline.Media
	}{
		{
			name:  "paragraphs and heading",
			in:    "<div><p>第一段。</p><h2>小标题</h2><p>第二段</p></div>",
			text:  "第一段。\n小标题\n第二段",
			kinds: []string{"paragraph", "heading", "paragraph"},
		},
		{
			name:  "quote interrupted by a link stays one line",
			in:    "<p>他说：“中俄<a href=\"/t/1\">不是</a>盟友。”</p>",
			text:  "他说：“中俄不是盟友。”",
			kinds: []string{"paragraph"},
			links: []pipeline.Link{{Href: "/t/1", Text: "不是", Start: 6, Stop: 8}},
		},
		{
			name:  "scripts, styles and hidden text dropped; captions kept",
			in:    "<script>alert(1)</script><style>.x{}</style><figure><img src=\"a.jpg\" alt=\"图\"><figcaption>图片说明</figcaption></figure><span class=\"off-screen\">图片版权</span><p>正文</p>",
			text:  "图片说明\n正文",
			kinds: []string{"caption", "paragraph"},
			media: []pipeline.Media{{Kind: "image", Src: "a.jpg", Alt: "图"}},
		},
		{
			name:  "iframes and video recorded, not text",
			in:    "<p>前</p><iframe src=\"https://www.youtube.com/embed/x\">fallback</iframe><video poster=\"p.jpg\"><source src=\"v.mp4\"></video><p>后</p>",
			text:  "前\n后",
			media: []pipeline.Media{{Kind: "iframe", Src: "https://www.youtube.com/embed/x"}, {Kind: "video", Src: "p.jpg"}},
		},
		{
			name: "entities, nbsp, ideographic space, control characters",
			in:   "<p>\u3000\u3000美&amp;中&nbsp;&nbsp;关系\x08\u200b紧张 &lt;b&gt;</p>",
			text: "美&中 关系紧张 <b>",
		},
		{
			name:  "br breaks lines; lists and blockquotes",
			in:    "<p>一<br>二<br/>三</p><ul><li>甲</li><li>乙</li></ul><blockquote>引文</blockquote>",
			text:  "一\n二\n三\n甲\n乙\n引文",
			kinds: []string{"paragraph", "paragraph", "paragraph", "list", "list", "quote"},
		},
		{
			name:  "markdown outside tags",
			in:    "第一段 [链接](https://e.com/a) 文字\n\n![图](https://img/a.jpg)\n\n第三段",
			text:  "第一段 链接 文字\n第三段",
			links: []pipeline.Link{{Href: "https://e.com/a", Text: "链接", Start: 4, Stop: 6}},
			media: []pipeline.Media{{Kind: "image", Src: "https://img/a.jpg", Alt: "图"}},
		},
		{
			name: "truncated inside a tag",
			in:   "<p>完整</p><p class=\"x",
			text: "完整",
		},
		{
			// An element's end closes what is open inside it.
			name:  "link left open at the end of its block",
			in:    "<p>前<a href=\"h\">甲</p><p>乙</a>后</p>",
			text:  "前甲\n乙后",
			links: []pipeline.Link{{Href: "h", Text: "甲", Start: 1, Stop: 2}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b body
			htmlToText([]byte(tc.in), &b)
			if got := b.text.String(); got != tc.text {
				t.Errorf("text = %q, want %q", got, tc.text)
			}
			if tc.kinds != nil {
				var kinds []string
				for _, s := range b.spans {
					kinds = append(kinds, s.Kind)
				}
				if !slices.Equal(kinds, tc.kinds) {
					t.Errorf("kinds = %q, want %q", kinds, tc.kinds)
				}
			}
			if tc.links != nil && !slices.Equal(b.links, tc.links) {
				t.Errorf("links = %+v, want %+v", b.links, tc.links)
			}
			if tc.media != nil && !slices.Equal(b.media, tc.media) {
				t.Errorf("media = %+v, want %+v", b.media, tc.media)
			}
			checkBody(t, &b)
		})
	}
}

// checkBody asserts the invariants of a body: spans and links inside the
// text, in order, each link's text at its offsets.
func checkBody(t *testing.T, b *body) {
	t.Helper()
	text := b.text.String()
	n := utf8.RuneCountInString(text)
	if n != b.runes {
		t.Errorf("runes = %d, text has %d", b.runes, n)
	}
	runes := []rune(text)
	last := 0
	for _, s := range b.spans {
		if s.Start < last || s.Stop <= s.Start || s.Stop > n {
			t.Errorf("span %+v out of order or outside text of %d", s, n)
		}
		last = s.Stop
	}
	for _, l := range b.links {
		if l.Start < 0 || l.Stop < l.Start || l.Stop > n {
			t.Errorf("link %+v outside text of %d", l, n)
			continue
		}
		if string(runes[l.Start:l.Stop]) != l.Text {
			t.Errorf("link text %q != text[%d:%d] %q", l.Text, l.Start, l.Stop, string(runes[l.Start:l.Stop]))
		}
	}
}

func TestDecode(t *testing.T) {
	simp := "中共外长王毅表示，中美关系面临挑战。美国国务卿布林肯说，双方应当保持沟通。"
	trad := "中央社記者陳至中台北26日電，蔡英文總統表示，臺灣將與美國加強合作。"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(simp)
	big5, _ := traditionalchinese.Big5.NewEncoder().String(trad)
	for _, tc := range []struct {
		name, in, want, enc string
	}{
		{"utf-8", simp, simp, "utf-8"},
		{"bom", "\ufeff" + simp, simp, "utf-8+bom"},
		{"crlf", "a\r\nb\rc", "a\nb\nc", "utf-8"},
		{"gbk", gbk, simp, "gb18030"},
		{"big5", big5, trad, "big5"},
	} {
		got, enc := decode([]byte(tc.in))
		if string(got) != tc.want || enc != tc.enc {
			t.Errorf("%s: got %q (%s), want %q (%s)", tc.name, got, enc, tc.want, tc.enc)
		}
	}
}

func TestScript(t *testing.T) {
	for text, want := range map[string]string{
		"中共外长王毅表示，中美关系面临挑战。":                                           "simplified",
		"蔡英文總統表示，臺灣將與美國加強合作。":                                          "traditional",
		"The Economist reports that Xi Jinping met Joe Biden in Bali.": "english",
		"中共外长王毅表示关系面临挑战。他引述報導說：臺灣將與美國加強合作。":                            "mixed",
		"":    "",
		"123": "",
	} {
		if got := detectScript(text); got != want {
			t.Errorf("detectScript(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestRejects(t *testing.T) {
	for name, in := range map[string][]byte{
		"empty":      nil,
		"whitespace": []byte(" \n\t\r\n"),
	} {
		if _, err := Parse(name, in); !errors.Is(err, ErrEmpty) {
			t.Errorf("%s: err = %v, want ErrEmpty", name, err)
		}
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 100)...)
	if _, err := Parse("x.md", png); !errors.Is(err, ErrBinary) {
		t.Errorf("png: err = %v, want ErrBinary", err)
	}
}
