package moddir

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDir finds a module this repository already requires (so the cache
// holds it and no download is needed) and fails on a path that is no module.
func TestDir(t *testing.T) {
	d, err := Dir("github.com/go-ego/gse@v0.80.3")
	if err != nil {
		t.Fatal(err) // gse is a requirement: the build itself needs it in the cache
	}
	if _, err := os.Stat(filepath.Join(d, "go.mod")); err != nil {
		t.Errorf("%s has no go.mod: %v", d, err)
	}
	if _, err := Dir("not a module path"); err == nil {
		t.Error("a bad path gave no error")
	}
}
