package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// dirFiles is the files of a run's directory and their contents, below
// it at any depth.
func dirFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		m[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mountTmpfs mounts a small file system at dir for the test, or skips
// the test when it may not (not root, or no right to mount).
func mountTmpfs(t *testing.T, dir, size string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small file system")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("root, but cannot mount a file system here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
}

func remount(t *testing.T, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput(); err != nil {
		t.Fatalf("mount -o remount,%s: %v %s", opts, err, out)
	}
}

// A run into a read-only directory or onto a full disk fails with a
// message that says so, and leaves the earlier run's tables as they were.
// As root (CI), a tmpfs is mounted: remounted read-only, or shrunk to
// what the earlier run takes plus a little; otherwise the directory's mode
// is 0555, and the full disk is left to stages/write's test, which makes
// writes fail.
func TestOutputNotWritable(t *testing.T) {
	args := func(out string) []string {
		// The sample archive without its 3 MB post: the test is about the
		// output, not the stages.
		return []string{"run", "../../testdata/posts", "--exclude", "27-huge.md", "--out", out, "--overwrite", "-q", "--workers", "2"}
	}
	check := func(t *testing.T, out string, before map[string]string, want string) {
		t.Helper()
		code, _, stderr := runCLI(t, args(out)...)
		if code != exitFailed || !strings.Contains(stderr, want) || !strings.Contains(stderr, "earlier tables") {
			t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitFailed, want)
		}
		after := dirFiles(t, out)
		if len(after) != len(before) {
			t.Errorf("the directory holds %d files, %d before", len(after), len(before))
		}
		for p, b := range before {
			if after[p] != b {
				t.Errorf("%s changed", p)
			}
		}
	}
	// One earlier run, copied into each directory.
	earlier := filepath.Join(t.TempDir(), "earlier")
	if code, _, stderr := runCLI(t, args(earlier)...); code != exitOK {
		t.Fatalf("first run: %d %s", code, stderr)
	}
	first := func(t *testing.T, out string) map[string]string {
		t.Helper()
		if err := os.CopyFS(out, os.DirFS(earlier)); err != nil {
			t.Fatal(err)
		}
		return dirFiles(t, out)
	}

	t.Run("read-only", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		os.Mkdir(out, 0o755)
		if os.Geteuid() == 0 {
			mountTmpfs(t, out, "64m")
			before := first(t, out)
			remount(t, out, "ro")
			check(t, out, before, "read-only")
			return
		}
		before := first(t, out)
		os.Chmod(out, 0o555)
		defer os.Chmod(out, 0o755)
		check(t, out, before, "not writable")
	})

	t.Run("full disk", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		os.Mkdir(out, 0o755)
		mountTmpfs(t, out, "64m")
		before := first(t, out)
		var used int
		for _, b := range before {
			used += len(b)
		}
		// Room for the earlier run and a sixth of another: the next run
		// fills the disk halfway through its tables.
		remount(t, out, "size="+strconv.Itoa(used+used/6+8192))
		check(t, out, before, "the disk is full")
	})
}
