package tagger

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestHugeSlice asks for tables larger than a huge page and a small one:
// each zeroed and writable to its last element, and settle (advice) keeps
// the contents. On Linux with transparent huge pages, a large filled and
// settled table shows as huge pages (AnonHugePages grows).
func TestHugeSlice(t *testing.T) {
	before := anonHuge(t)
	big := hugeSlice[entry](3 * hugePage / 32)
	small := hugeSlice[pairSlot](100)
	for i := range big {
		if big[i] != (entry{}) {
			t.Fatalf("entry %d not zero", i)
		}
		big[i].key = uint64(i) + 1
	}
	for i := range small {
		if small[i] != (pairSlot{}) {
			t.Fatalf("slot %d not zero", i)
		}
		small[i].key = uint64(i) + 1
	}
	settle(big)
	settle(small)
	for i := range big {
		if big[i].key != uint64(i)+1 {
			t.Fatalf("entry %d changed by settle", i)
		}
	}
	after := anonHuge(t)
	t.Logf("AnonHugePages %d kB -> %d kB", before, after)
	if runtime.GOOS == "linux" && thpOn() && after < before+2048 {
		t.Errorf("AnonHugePages %d kB -> %d kB: no huge page under a 6 MB table", before, after)
	}
	runtime.KeepAlive(big)
}

// anonHuge is the process's AnonHugePages in kB (0 where unknown).
func anonHuge(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		return 0
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "AnonHugePages:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

// thpOn reports transparent huge pages that advice can turn on.
func thpOn() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && !strings.Contains(string(b), "[never]")
}
