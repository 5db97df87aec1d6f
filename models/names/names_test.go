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
