package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain runs the command itself when the test starts this binary as
// newsnlp-beam: the tests then exercise main, flags and exit codes.
func TestMain(m *testing.M) {
	if os.Getenv("NEWSNLP_BEAM_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestRunLeavesNoTemporaryFiles runs newsnlp-beam on the sample archive
// (Prism, in the process) and checks that the tables are written and that
// the temporary folder is left as it was: Beam's loopback mode creates a
// placeholder file there for every job and never removes it.
func TestRunLeavesNoTemporaryFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a Beam job")
	}
	tmp, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(os.Args[0], filepath.Join("..", "..", "testdata", "posts"), "--out", out, "-q")
	cmd.Env = append(os.Environ(), "NEWSNLP_BEAM_MAIN=1", "TMPDIR="+tmp)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("newsnlp-beam: %v\n%s", err, b)
	}
	for _, table := range []string{"documents", "mentions", "errors"} {
		parts, err := filepath.Glob(filepath.Join(out, table, "part-*.parquet"))
		if err != nil || len(parts) == 0 {
			t.Errorf("table %s: no part files (%v)", table, err)
		}
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left in the temporary folder: %s", e.Name())
	}
}

// TestUsageExitsTwo checks that a run without --out is refused as a usage
// error, before any job starts.
func TestUsageExitsTwo(t *testing.T) {
	cmd := exec.Command(os.Args[0], filepath.Join("..", "..", "testdata", "posts"))
	cmd.Env = append(os.Environ(), "NEWSNLP_BEAM_MAIN=1")
	err := cmd.Run()
	if e, ok := err.(*exec.ExitError); !ok || e.ExitCode() != 2 {
		t.Fatalf("newsnlp-beam without --out: %v, want exit status 2", err)
	}
}
