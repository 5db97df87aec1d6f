package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/pipeline"
)

// --memprofile-every N writes a heap profile at every N posts written, and
// passes each post on.
func TestProfileEvery(t *testing.T) {
	base := filepath.Join(t.TempDir(), "run.mem")
	var log bytes.Buffer
	passed := 0
	on := profileEvery(func(*pipeline.Doc) { passed++ }, 2, base, time.Now(), &log)
	for range 5 {
		on(&pipeline.Doc{})
	}
	if passed != 5 {
		t.Errorf("%d posts passed on, want 5", passed)
	}
	for _, n := range []string{"2", "4"} {
		if fi, err := os.Stat(base + "." + n); err != nil || fi.Size() == 0 {
			t.Errorf("no profile at %s posts (%v)", n, err)
		}
	}
	if _, err := os.Stat(base + ".5"); err == nil {
		t.Error("a profile at 5 posts")
	}
	if got := strings.Count(log.String(), "memprofile: "); got != 2 {
		t.Errorf("%d lines logged, want 2: %q", got, log.String())
	}
}

// A profile that cannot be written is said, not dropped, and the posts
// still pass on.
func TestProfileEveryReportsFailure(t *testing.T) {
	base := filepath.Join(t.TempDir(), "missing", "run.mem")
	var log bytes.Buffer
	passed := 0
	on := profileEvery(func(*pipeline.Doc) { passed++ }, 1, base, time.Now(), &log)
	on(&pipeline.Doc{})
	if passed != 1 {
		t.Errorf("%d posts passed on, want 1", passed)
	}
	if !strings.Contains(log.String(), "run.mem.1") || !strings.Contains(log.String(), "no such file") {
		t.Errorf("log %q does not say the profile failed", log.String())
	}
}

// The end-of-run profile reports a failed write.
func TestWriteProfileError(t *testing.T) {
	if err := writeProfile(filepath.Join(t.TempDir(), "missing", "p"), "heap"); err == nil {
		t.Error("no error for a profile in a missing folder")
	}
	p := filepath.Join(t.TempDir(), "p")
	if err := writeProfile(p, "allocs"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
		t.Errorf("profile %v %v", fi, err)
	}
}
