package names

import (
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

func TestModelFile(t *testing.T) {
	zr, err := gzip.NewReader(Reader())
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "# newsnlp person-name tagger v1") {
		t.Errorf("model starts %q", string(b[:min(60, len(b))]))
	}
	if len(Checksum()) != 16 || Checksum() == "" {
		t.Errorf("checksum %q", Checksum())
	}
}

func TestJapaneseSurnames(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range JapaneseSurnames() {
		if n := len([]rune(s)); n < 2 || n > 3 {
			t.Errorf("%q: %d characters, want 2 or 3", s, n)
		}
		if seen[s] {
			t.Errorf("%q listed twice", s)
		}
		seen[s] = true
	}
	for _, s := range []string{"三浦", "村上", "佐佐木", "长谷川"} {
		if !seen[s] {
			t.Errorf("%q missing", s)
		}
	}
}
