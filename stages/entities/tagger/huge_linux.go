//go:build linux

package tagger

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of the pages the kernel may back a large table
// with instead of 4 KB ones.
const hugePage = 2 << 20

// hugeSlice returns n zeroed elements of T in a mapping of their own that
// the kernel is asked (MADV_HUGEPAGE) to back with 2 MB pages: the
// scorer reads its tables (35 MB) at random, one or two loads a feature,
// and with 4 KB pages nearly each of those loads also misses the TLB.
// Small tables, or a failed mapping, come from the Go heap as make
// would give them. The mapping is outside the heap: T must hold no
// pointers (the collector does not see it), and it is unmapped when the
// model that owns it is collected (see Model.adopt).
func hugeSlice[T any](m *Model, n int) []T {
	var z T
	size := int(unsafe.Sizeof(z)) * n
	if size < hugePage {
		return make([]T, n)
	}
	mem, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]T, n)
	}
	off := 0
	if r := uintptr(unsafe.Pointer(&mem[0])) % hugePage; r != 0 {
		off = int(hugePage - r)
	}
	// Advice only: without it the table works the same on 4 KB pages.
	_ = syscall.Madvise(mem[off:off+size], syscall.MADV_HUGEPAGE)
	m.maps = append(m.maps, mem)
	return unsafe.Slice((*T)(unsafe.Pointer(&mem[off])), n)
}

// unmap releases the mappings of hugeSlice.
func unmap(maps [][]byte) {
	for _, b := range maps {
		_ = syscall.Munmap(b)
	}
}
