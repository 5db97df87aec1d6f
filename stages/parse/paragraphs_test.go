package parse

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/pipeline/corpustest"
)

// paragraphsByRunes is what bodyParagraphs computed before it kept the
// byte offsets: every span but the title, cut by counting code points.
func paragraphsByRunes(p *pipeline.Post) []string {
	var out []string
	cur := runeCursor{s: p.Text}
	for _, s := range p.Spans {
		if s.Kind == "title" {
			continue
		}
		start := cur.byteOffset(s.Start)
		out = append(out, p.Text[start:cur.byteOffset(s.Stop)])
	}
	return out
}

// TestBodyParagraphs holds the paragraphs handed to the credits, cut at
// the byte offsets recorded by flush, to the spans' code point offsets:
// on small cases (with and without a title, an empty body, invalid bytes)
// and on the posts of news.tar.gz when NEWSNLP_CORPUS is set.
func TestBodyParagraphs(t *testing.T) {
	check := func(name string, raw []byte) {
		t.Helper()
		p, paras, err := parse(name, raw, "")
		if err != nil {
			return
		}
		if want := paragraphsByRunes(p); !slices.Equal(paras, want) {
			t.Errorf("%s: paragraphs\n%q\nthe spans say\n%q", name, paras, want)
		}
	}
	for i, s := range []string{
		"---\ntitle: 标题\n---\n<p>第一段</p><p>第二段 <a href=x>链接</a></p>",
		"---\ntitle: 标题\n---\n",
		"---\ntitle: \"\"\n---\n<p>一</p>\n\n<div>二<br>三</div>",
		"正文\n\n第二段 [链接](http://x) ![图](y.jpg)\n\n\n第三段",
		"<p>\xff\xfe 坏字节</p><h2>标题 \ufeff 二</h2><li>列表</li>",
		"---\ntitle: \"a\\xffb\"\n---\n<p>x\xe4\xb8</p>",
	} {
		check(string(rune('a'+i)), []byte(s))
	}
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		t.Log("NEWSNLP_CORPUS not set: the corpus was not read")
		return
	}
	names, raws := corpustest.Bodies(t, filepath.Join(dir, "news.tar.gz"), 3000, nil)
	for i, raw := range raws {
		check(names[i], raw)
	}
}

// TestStageBlob: the stage takes Post.Blob from Doc.Hash when the source
// set it, and hashes Raw when it did not.
func TestStageBlob(t *testing.T) {
	raw := []byte("---\ntitle: 标题\n---\n<p>正文</p>")
	for _, tc := range []struct{ hash, want string }{
		{"", BlobID(raw)},
		{"0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567"},
	} {
		d := &pipeline.Doc{Raw: raw, Hash: tc.hash}
		if err := New().Process(t.Context(), d); err != nil {
			t.Fatal(err)
		}
		if d.Post.Blob != tc.want {
			t.Errorf("Hash %q: Blob %q, want %q", tc.hash, d.Post.Blob, tc.want)
		}
	}
}
