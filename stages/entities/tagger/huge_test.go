package tagger

import (
	"runtime"
	"testing"
	"unsafe"
)

// TestHugeSlice asks for a table larger than a huge page and a small one:
// both zeroed, writable to the last element, the large one on a huge
// page's boundary on Linux (where it is a mapping of its own) and the
// small one from the heap.
func TestHugeSlice(t *testing.T) {
	m := &Model{}
	big := hugeSlice[entry](m, 3*hugePage/int(unsafe.Sizeof(entry{}))+7)
	small := hugeSlice[pairSlot](m, 100)
	for _, s := range [][]byte{
		unsafe.Slice((*byte)(unsafe.Pointer(&big[0])), len(big)*int(unsafe.Sizeof(entry{}))),
		unsafe.Slice((*byte)(unsafe.Pointer(&small[0])), len(small)*int(unsafe.Sizeof(pairSlot{}))),
	} {
		for i, b := range s {
			if b != 0 {
				t.Fatalf("byte %d of %d is %d", i, len(s), b)
			}
		}
	}
	big[len(big)-1].key, small[len(small)-1].key = 1, 1
	if runtime.GOOS == "linux" {
		if len(m.maps) != 1 {
			t.Fatalf("%d mappings, want 1 (the large table's)", len(m.maps))
		}
		if p := uintptr(unsafe.Pointer(&big[0])); p%hugePage != 0 {
			t.Fatalf("table at %#x: not on a huge page's boundary", p)
		}
	}
	m.adopt()
	runtime.KeepAlive(m)
}
