package parse

import (
	"archive/tar"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline/corpustest"
)

func newFM() frontMatter {
	return frontMatter{fields: map[string]string{}, lists: map[string][]string{}}
}

// agreeWithYAML reads b with both readers and fails when the plain reader
// accepts a block the YAML library reads otherwise; it reports whether the
// plain reader accepted it.
func agreeWithYAML(t testing.TB, b []byte) bool {
	t.Helper()
	plain := newFM()
	if !plainFrontMatter(b, plain) {
		if len(plain.fields) > 0 || len(plain.lists) > 0 {
			t.Fatalf("plain reader declined %q but filled %v %v", b, plain.fields, plain.lists)
		}
		return false
	}
	want := newFM()
	if err := yamlFrontMatter(b, want); err != nil {
		t.Fatalf("plain reader accepted %q, which YAML rejects: %v", b, err)
	}
	if !reflect.DeepEqual(plain, want) {
		t.Fatalf("%q:\nplain %q %q\nYAML  %q %q", b, plain.fields, plain.lists, want.fields, want.lists)
	}
	return true
}

func TestPlainFrontMatter(t *testing.T) {
	bot := "layout: post\ntitle: \"民进党：期待未来能跟美国发展更多可能\"\ndate: 2021-01-12T08:51:00.000Z\nauthor: 联合早报\n" +
		"from: https://www.dw.com/zh/盛赞英国禁华为   蓬佩奥：全球应共抗中国/a-54260285\ntags: [ (臺)中央社CNA ]\ncategories: [ 联合早报, RFI ]\n"
	if !agreeWithYAML(t, []byte(bot)) {
		t.Fatalf("the bots' front matter went to the YAML library")
	}
	fm := newFM()
	plainFrontMatter([]byte(bot), fm)
	if fm.get("title") != "民进党：期待未来能跟美国发展更多可能" || fm.get("date") != "2021-01-12T08:51:00.000Z" ||
		!reflect.DeepEqual(fm.lists["categories"], []string{"联合早报", "RFI"}) {
		t.Errorf("read %q %q", fm.fields, fm.lists)
	}
	// What YAML reads otherwise than as the text, or might: left to it.
	for _, b := range []string{
		"a: 12", "a: 0x1F", "a: yes", "a: tRUE", "a: %x", "a: @x", "a: `x", "a: .5", "a: -1", "a: null", "a: ~", "a: Yes", "a: inf",
		"title: \"a\\\"b\"", "title: \"a\"b\"", "title: 'a'", "a: x # c", "a: b: c", "a: *x", "a: &x b", "a: !!str b",
		"tags: [ 1, 2 ]", "tags: [ a, ]", "tags: [ \"a\" ]", "tags: [ a: b ]", "tags: [ [a] ]", "tags: { a: b }",
		" a: b", "# c\na: b", "a: b\na: c", "A: b\na: c", "a:b", "a: b\r", "a: \"b\tc\"", "a: |\n  b", "- a", "a: b\n  c",
	} {
		if agreeWithYAML(t, []byte(b)) {
			t.Errorf("plain reader accepted %q", b)
		}
	}
	for _, b := range []string{"a:", "a: ", "tags: []", "tags: [ ]", "a: b\n\nc: d", "title: \"\"", "a: 2021-01-12 08:51:00", "comments: True", "a: false",
		"from: https://x.net/bbc-%e6%96/a-1?b=c&d=e!f*g@h", "author: 马森@破土工作室"} {
		if !agreeWithYAML(t, []byte(b)) {
			t.Errorf("plain reader declined %q", b)
		}
	}
}

// TestPlainFrontMatterAgrees reads every front matter of the shared
// corpus with both readers: where the plain one accepts a block, the YAML
// library must read the same; and it must accept nearly all of them, or
// it saves nothing.
func TestPlainFrontMatterAgrees(t *testing.T) {
	dir := os.Getenv("NEWSNLP_CORPUS")
	if dir == "" {
		t.Skip("NEWSNLP_CORPUS not set")
	}
	blocks, plain := 0, 0
	for _, name := range []string{"news.tar.gz", "opinion.tar.gz"} {
		corpustest.Each(t, filepath.Join(dir, name), func(h *tar.Header, r io.Reader) bool {
			if !strings.HasSuffix(h.Name, ".md") {
				return true
			}
			raw, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			text, _ := decode(raw)
			fm, _, found, _ := splitFrontMatter(text)
			if !found {
				return true
			}
			blocks++
			if agreeWithYAML(t, fm) {
				plain++
			}
			return true
		})
	}
	t.Logf("%d of %d front matters read by the plain reader", plain, blocks)
	if blocks == 0 || plain*100 < blocks*95 {
		t.Errorf("the plain reader read %d of %d front matters, want 95%% or more", plain, blocks)
	}
}

func FuzzPlainFrontMatter(f *testing.F) {
	for _, s := range []string{"layout: post\ntitle: \"a\"\ndate: 2021-01-12T08:51:00.000Z\ntags: [ a, b ]\n", "a: b", "a: 1", "tags: [ a ]", "a: \"x\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxYAMLBytes || hasAnchors(b) || flowNesting(b) > maxYAMLNesting {
			return
		}
		agreeWithYAML(t, b)
	})
}
