package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsnlp/newsnlp/stages/entities/tagger"
)

// TestTrainNamesDeterministic trains the name tagger twice on the first
// posts of the real corpus, with different numbers of workers: the two
// model files are equal byte for byte, and read back.
func TestTrainNamesDeterministic(t *testing.T) {
	dir := corpusDir(t)
	if testing.Short() {
		t.Skip("trains twice on the corpus")
	}
	out := t.TempDir()
	var files [2][]byte
	for i, w := range []string{"1", "2"} {
		path := filepath.Join(out, "m"+w+".txt")
		code, _, stderr := runCLI(t, "train", "names", "--corpus", dir, "--out", path, "--max-posts", "150", "--epochs", "2", "--workers", w, "-q")
		if code != exitOK {
			t.Fatalf("train: exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatalf("two trainings on the same posts differ (%d and %d bytes)", len(files[0]), len(files[1]))
	}
	m, err := tagger.Read(bytes.NewReader(files[0]))
	if err != nil {
		t.Fatal(err)
	}
	if m.Features() < 1000 {
		t.Errorf("%d features from 150 posts", m.Features())
	}
}

func TestTrainUsage(t *testing.T) {
	for _, args := range [][]string{{"train"}, {"train", "names"}, {"train", "names", "--corpus", t.TempDir(), "--out", filepath.Join(t.TempDir(), "m")}} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}
