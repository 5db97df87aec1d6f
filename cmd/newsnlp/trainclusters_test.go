package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/models/clusters"
)

// TestTrainClusters: the command refuses to run without its flags, gives
// the same file twice over the same posts, and the shipped clusters name
// the checksum of the shared corpus they were learnt from.
func TestTrainClusters(t *testing.T) {
	if code, _, _ := runCLI(t, "train", "clusters", "--out", filepath.Join(t.TempDir(), "x.tsv")); code != exitUsage {
		t.Errorf("train clusters without --corpus: exit %d", code)
	}
	dir := corpusDir(t)
	if testing.Short() {
		t.Skip("segments 300 posts twice")
	}
	var files [2][]byte
	for i := range files {
		out := filepath.Join(t.TempDir(), "clusters.tsv")
		if code, _, stderr := runCLI(t, "train", "clusters", "--corpus", dir, "--out", out, "--max-posts", "300", "-q"); code != exitOK {
			t.Fatalf("train clusters: exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Errorf("two trainings over the same posts differ")
	}
	archives, _ := filepath.Glob(filepath.Join(dir, "*.tar.gz"))
	sum, err := corpusChecksum(dir, archives)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"trained": string(files[0]), "shipped": clusters.Text()} {
		if !strings.Contains(text, "\n# corpus: "+sum+"\n") {
			t.Errorf("%s clusters do not name the corpus's checksum %s", name, sum)
		}
	}
}
