package write

import (
	"testing"
	"unsafe"
)

func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

func fill(b []byte) {
	for i := range b {
		b[i] = 0xA5
	}
}

func checkFresh(t *testing.T, b []byte, size int) {
	t.Helper()
	if len(b) != size || cap(b) != size {
		t.Fatalf("len %d cap %d, want %d", len(b), cap(b), size)
	}
	if addr(b)%recycleAlign != 0 {
		t.Fatalf("address %#x not aligned to %d", addr(b), recycleAlign)
	}
	for i, c := range b {
		if c != 0 {
			t.Fatalf("byte %d of %d is %#x, want 0", i, size, c)
		}
	}
}

func TestRecycleClass(t *testing.T) {
	for size := recycleMin; size < 64<<20; size = size*9/8 + 17 {
		c := recycleClass(size)
		if c < size || c%recycleAlign != 0 || float64(c) > float64(size)*1.125+recycleAlign {
			t.Fatalf("class of %d: %d", size, c)
		}
		if recycleClass(c) != c {
			t.Fatalf("class of class %d: %d", c, recycleClass(c))
		}
	}
}

// A large buffer freed serves the next request of its class, cleared; a
// small one, or one the allocator did not make, is never handed out again.
func TestRecycleAllocatorReuses(t *testing.T) {
	a := newRecycleAllocator()
	size := 3<<20 + 100
	b := a.Allocate(size)
	checkFresh(t, b, size)
	fill(b)
	a.Free(b)
	c := a.Allocate(size - 50) // the same class
	checkFresh(t, c, size-50)
	if addr(c) != addr(b) {
		t.Fatal("a freed buffer of the class was not reused")
	}
	// Another class: a new buffer.
	d := a.Allocate(size * 2)
	checkFresh(t, d, size*2)
	if addr(d) == addr(b) {
		t.Fatal("a buffer in use handed out twice")
	}

	small := a.Allocate(100)
	checkFresh(t, small, 100)
	a.Free(small)
	foreign := make([]byte, recycleMin*2)
	a.Free(foreign)
	if a.bytes != 0 {
		t.Fatalf("free list holds %d bytes after freeing a small and a foreign buffer", a.bytes)
	}
	e := a.Allocate(recycleMin * 2)
	if addr(e) == addr(foreign) {
		t.Fatal("a buffer the allocator did not make was handed out")
	}
	// Freed twice (a bug of the caller): kept once only.
	a.Free(c)
	a.Free(c)
	if a.bytes != recycleClass(size) {
		t.Fatalf("free list holds %d bytes, want %d", a.bytes, recycleClass(size))
	}
}

func TestRecycleAllocatorReallocate(t *testing.T) {
	a := newRecycleAllocator()
	b := a.Allocate(recycleMin)
	for i := range b {
		b[i] = byte(i)
	}
	if s := a.Reallocate(recycleMin/2, b); addr(s) != addr(b) || len(s) != recycleMin/2 {
		t.Fatal("shrinking moved the buffer")
	}
	g := a.Reallocate(recycleMin*4, b)
	if len(g) != recycleMin*4 {
		t.Fatalf("len %d", len(g))
	}
	for i := range recycleMin {
		if g[i] != byte(i) {
			t.Fatalf("byte %d not kept", i)
		}
	}
	for _, c := range g[recycleMin:] {
		if c != 0 {
			t.Fatal("the grown part is not zero")
		}
	}
	// The old buffer went to the free list.
	if c := a.Allocate(recycleMin); addr(c) != addr(b) {
		t.Fatal("the buffer left by Reallocate was not reused")
	} else {
		checkFresh(t, c, recycleMin)
	}
}

func TestRecycleAllocatorBounded(t *testing.T) {
	a := newRecycleAllocator()
	var bufs [][]byte
	for range 2 * recycleMax / (8 << 20) {
		bufs = append(bufs, a.Allocate(8<<20))
	}
	for _, b := range bufs {
		a.Free(b)
	}
	if a.bytes > recycleMax || a.bytes < recycleMax-recycleClass(8<<20) {
		t.Fatalf("free list holds %d bytes, bound %d", a.bytes, recycleMax)
	}
	if len(a.live) != 0 {
		t.Fatalf("%d buffers still counted as live", len(a.live))
	}
}

// Over the bound, the class least recently used makes room: sizes passed
// through once do not keep out the sizes in use.
func TestRecycleAllocatorEvictsOldest(t *testing.T) {
	a := newRecycleAllocator()
	var old [][]byte
	for range recycleMax / (1 << 20) {
		old = append(old, a.Allocate(1<<20))
	}
	for _, b := range old {
		a.Free(b)
	}
	if a.bytes != recycleMax {
		t.Fatalf("free list holds %d bytes, want %d", a.bytes, recycleMax)
	}
	big := a.Allocate(8 << 20)
	a.Free(big)
	if a.bytes > recycleMax {
		t.Fatalf("free list holds %d bytes, bound %d", a.bytes, recycleMax)
	}
	if again := a.Allocate(8 << 20); addr(again) != addr(big) {
		t.Fatal("the buffer of the class in use was dropped instead of the oldest")
	}
	if n := len(a.free[recycleClass(1<<20)]); n != recycleMax/(1<<20)-8 {
		t.Fatalf("%d buffers of the old class left, want %d", n, recycleMax/(1<<20)-8)
	}
}

// A slice at a recycled buffer's address but of another capacity (not a
// buffer the allocator handed out) is not taken in.
func TestRecycleAllocatorChecksCapacity(t *testing.T) {
	a := newRecycleAllocator()
	b := a.Allocate(4 << 20)
	a.Free(b[: 1<<20 : 1<<20])
	if a.bytes != 0 {
		t.Fatalf("free list holds %d bytes", a.bytes)
	}
	a.Free(b[:1<<20]) // shrunk by reslicing, as Reallocate does: the same buffer
	if a.bytes != recycleClass(4<<20) {
		t.Fatalf("free list holds %d bytes, want %d", a.bytes, recycleClass(4<<20))
	}
}

// The free list's bound is taken from the collector's room under the soft
// memory limit (see recycleMax): at 64 MB a million-post run's live heap
// reached the limit.
func TestRecycleMaxLeavesHeapRoom(t *testing.T) {
	if recycleMax > 16<<20 {
		t.Fatalf("recycleMax %d MB, want at most 16 MB", recycleMax>>20)
	}
}
