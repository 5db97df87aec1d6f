//go:build linux

package tagger

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of the pages the kernel may back a large table
// with instead of 4 KB ones.
const hugePage = 2 << 20

// madvCollapse is MADV_COLLAPSE (Linux 6.1), which the syscall package
// does not name.
const madvCollapse = 25

// hugeSlice is make([]T, n), with the table's whole huge pages advised
// MADV_HUGEPAGE: the scorer reads its tables (35 MB) at random, one or
// two loads a feature, and with 4 KB pages nearly each of those loads
// also missed the TLB. The table stays in the Go heap, so the memory
// limit counts it as before; settle asks for the pages that were
// already in use when advised, once the table is filled.
func hugeSlice[T any](n int) []T {
	s := make([]T, n)
	advise(s, syscall.MADV_HUGEPAGE)
	return s
}

// settle collapses the whole huge pages of a filled table into huge
// pages now (MADV_COLLAPSE), where hugeSlice's advice only shapes the
// pages the table touches first. Advice only: an older kernel refuses
// it, and the table works the same on 4 KB pages.
func settle[T any](s []T) { advise(s, madvCollapse) }

// advise gives advice about the huge pages wholly inside s.
func advise[T any](s []T, advice int) {
	if len(s) == 0 {
		return
	}
	size := uintptr(len(s)) * unsafe.Sizeof(s[0])
	start := uintptr(unsafe.Pointer(&s[0]))
	lo := (start + hugePage - 1) &^ (hugePage - 1)
	hi := (start + size) &^ (hugePage - 1)
	if hi <= lo {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), size)
	_ = syscall.Madvise(b[lo-start:hi-start], advice)
}
