package parse

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// aliasBomb is a "billion laughs" front matter nesting aliases levels deep:
// 10^levels strings once expanded.
func aliasBomb(levels int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"炸弹\"\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 1; i <= levels; i++ {
		p := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.Repeat(p+",", 9)+p)
	}
	b.WriteString("---\n<p>正文</p>\n")
	return b.String()
}

func TestFrontMatterHostile(t *testing.T) {
	for _, tc := range []struct {
		name, raw, title, warn string
	}{
		{"alias bomb", aliasBomb(12), "炸弹", "anchors or aliases"},
		{"merge key", "---\ntitle: t\nbase: &b {x: 1}\nother:\n  <<: *b\n---\nx", "t", "anchors or aliases"},
		{"many keys", "---\ntitle: t\n" + keys(3000) + "---\nx", "t", "more than 1000 keys"},
		{"large", "---\ntitle: t\nnote: \"" + strings.Repeat("长", 3000) + "\"\n---\nx", "t", "over the YAML reader's limit"},
		{"deep brackets", "---\ntitle: t\nx: " + strings.Repeat("[", 100) + "\n---\nx", "t", "nested deeper"},
		{"ampersand in a word", "---\ntitle: AT&T 与 *号\n---\nx", "AT&T 与 *号", ""},
	} {
		p, err := Parse("x.md", []byte(tc.raw))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if p.Title != tc.title {
			t.Errorf("%s: title %q, want %q", tc.name, p.Title, tc.title)
		}
		w := strings.Join(p.Warnings, "|")
		if tc.warn == "" && w != "" || !strings.Contains(w, tc.warn) {
			t.Errorf("%s: warnings %q, want %q", tc.name, w, tc.warn)
		}
	}
}

func keys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d: v%d\n", i, i)
	}
	return b.String()
}

func TestLimits(t *testing.T) {
	para := func(s string) string { return "<p>" + s + "</p>\n" }
	for name, raw := range map[string]string{
		"text":         strings.Repeat(para(strings.Repeat("字", 1000)), MaxRunes/1000+1),
		"paragraph":    para(strings.Repeat("字", MaxParagraphRunes+1)),
		"quote marks":  para(strings.Repeat("“”", MaxQuoteMarks/2+1)),
		"plain marks ": strings.Repeat(`"`, MaxQuoteMarks+1),
	} {
		if _, err := Parse("x.md", []byte(raw)); !errors.Is(err, ErrLimit) {
			t.Errorf("%s: err %v, want ErrLimit", name, err)
		}
	}
	if _, err := Parse("x.md", []byte(para(strings.Repeat("“字”", MaxQuoteMarks/4)))); err != nil {
		t.Errorf("under the limits: %v", err)
	}
	p, err := Parse("x.md", []byte(strings.Repeat("<blockquote>", 1000)+"深"))
	if err != nil || !strings.Contains(strings.Join(p.Warnings, "|"), "nested deeper") || !strings.HasSuffix(p.Text, "深") {
		t.Errorf("deep nesting: %v %q %q", err, p.Warnings, p.Text)
	}
}

// work returns the allocations and bytes allocated by f: a measure of the
// work done that, unlike wall time, does not depend on the machine's load.
func work(f func()) (allocs, bytes uint64) {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.Mallocs - a.Mallocs, b.TotalAlloc - a.TotalAlloc
}

// pathological are inputs built to be slow, by size n.
var pathological = map[string]func(n int) string{
	"keys":           func(n int) string { return "---\n" + keys(n) + "---\nx" },
	"quoted lines":   func(n int) string { return "---\ntitle: \"x\n" + strings.Repeat("y\n", n) + "---\nx" },
	"aliases":        func(n int) string { return aliasBomb(n / 1000) },
	"brackets":       func(n int) string { return "---\nt: " + strings.Repeat("[", n) + "\n---\nx" },
	"nesting":        func(n int) string { return strings.Repeat("<blockquote>字", n) },
	"stray end tags": func(n int) string { return strings.Repeat("<div>", n) + strings.Repeat("</x>字", n) },
	"links":          func(n int) string { return strings.Repeat("<a href=x>", n) + strings.Repeat("字</a>", n) },
	"markdown":       func(n int) string { return strings.Repeat("[[[", n) + "](x)" },
	"paragraph":      func(n int) string { return "<p>" + strings.Repeat("中国外交部发言人表示", n/10) + "</p>" },
	"quote marks":    func(n int) string { return strings.Repeat("“", n) },
}

// Every pathological input costs at most about twice the work when its
// size doubles.
func TestParseLinear(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 5000
	}
	for name, gen := range pathological {
		small, large := []byte(gen(n)), []byte(gen(2*n))
		Parse("x.md", small) // warm up
		a1, b1 := work(func() { Parse("x.md", small) })
		a2, b2 := work(func() { Parse("x.md", large) })
		if float64(a2) > 2.5*float64(a1)+100 || float64(b2) > 2.5*float64(b1)+1e5 {
			t.Errorf("%s: doubling the input took %d→%d allocations, %d→%d bytes", name, a1, a2, b1, b2)
		}
	}
}
