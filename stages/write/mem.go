package write

import (
	"math/bits"
	"sync"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Sizes of the buffers recycleAllocator keeps: smaller ones are cheap for
// Go's allocator; all of them together at most recycleMax bytes.
//
// The free list is live heap under the run's soft memory limit (480 MiB),
// beside the models and what a run keeps per post (near-duplicate index,
// ids, Parquet footers: about 150 bytes a post). Every byte it holds is a
// byte less between the live heap and the limit, so the collector runs
// more often; at a million posts the run's own structures take most of
// that gap. At 64 MB the list was full (59 MB at 17,731 posts); 16 MB
// still serves the classes in use (see TestRecycleAllocatorEvictsOldest).
const (
	recycleMin = 64 << 10
	recycleMax = 16 << 20
	// alignment of Arrow buffers, as memory.GoAllocator aligns them.
	recycleAlign = 64
)

// recycleAllocator is an Arrow allocator that keeps the large buffers Arrow
// frees and hands them out again. The writer's builders and the Parquet
// writer's pages allocate, clear and drop buffers of megabytes every row
// group (a post's text column alone holds up to maxGroupBytes): with Go's
// allocator each was a fresh large allocation, often of memory the runtime
// had just returned to the system to stay under the soft memory limit, and
// a builder growing by doubling copied into each. Here a buffer freed by
// Arrow (a released record, a page written, a builder's buffer grown) goes
// to a free list of its size class and serves the next request of that
// class, cleared.
//
// Buffers are as memory.GoAllocator makes them: zeroed, 64-byte aligned,
// length and capacity the size asked for. Arrow frees a buffer once, when
// its last reference is released, and reads none after Reallocate (it frees
// the old one then, as C's realloc does); a buffer never freed is left to
// the collector. Safe for concurrent use.
type recycleAllocator struct {
	mu sync.Mutex
	// live maps the first byte of each large buffer handed out to its
	// class: Free recognises its own buffers by it, whatever their
	// slice's capacity. Addresses only: an entry keeps nothing alive.
	live map[uintptr]int
	// free holds buffers of class bytes, by class, and when each class
	// was last asked for or given back (a count of calls).
	free  map[int][][]byte
	used  map[int]int
	tick  int
	bytes int // bytes in free
}

var _ memory.Allocator = (*recycleAllocator)(nil)

func newRecycleAllocator() *recycleAllocator {
	return &recycleAllocator{live: map[uintptr]int{}, free: map[int][][]byte{}, used: map[int]int{}}
}

// recycleClass rounds size up to one of eight steps per power of two (at
// most 12.5% more), a multiple of the alignment.
func recycleClass(size int) int {
	step := 1 << (bits.Len(uint(size-1)) - 4) // an eighth of the power of two at or above size
	if step < recycleAlign {
		step = recycleAlign
	}
	return (size + step - 1) / step * step
}

// alignedBuf returns n zeroed bytes starting at a multiple of recycleAlign.
func alignedBuf(n int) []byte {
	buf := make([]byte, n+recycleAlign)
	shift := int(-uintptr(unsafe.Pointer(unsafe.SliceData(buf))) & (recycleAlign - 1))
	return buf[shift : n+shift : n+shift]
}

// Allocate implements memory.Allocator.
func (a *recycleAllocator) Allocate(size int) []byte {
	if size < recycleMin {
		return alignedBuf(size)
	}
	class := recycleClass(size)
	a.mu.Lock()
	a.tick++
	a.used[class] = a.tick
	var buf []byte
	if l := a.free[class]; len(l) > 0 {
		buf = l[len(l)-1]
		l[len(l)-1] = nil
		a.free[class] = l[:len(l)-1]
		a.bytes -= class
	}
	a.mu.Unlock()
	if buf == nil {
		buf = alignedBuf(class)
	} else {
		clear(buf[:size])
	}
	a.mu.Lock()
	a.live[uintptr(unsafe.Pointer(unsafe.SliceData(buf)))] = class
	a.mu.Unlock()
	return buf[:size:size]
}

// Reallocate implements memory.Allocator.
func (a *recycleAllocator) Reallocate(size int, b []byte) []byte {
	if cap(b) >= size {
		return b[:size]
	}
	nb := a.Allocate(size)
	copy(nb, b)
	a.Free(b)
	return nb
}

// Free implements memory.Allocator.
func (a *recycleAllocator) Free(b []byte) {
	if cap(b) < recycleMin {
		return // never a recycled buffer (see Allocate and Reallocate)
	}
	p := unsafe.SliceData(b[:1])
	a.mu.Lock()
	defer a.mu.Unlock()
	class, ok := a.live[uintptr(unsafe.Pointer(p))]
	// The capacity is still the size Allocate was asked for (Reallocate
	// keeps it when shrinking): a check besides the address, which a
	// buffer Arrow never freed may have left in live.
	if !ok || recycleClass(cap(b)) != class {
		return
	}
	delete(a.live, uintptr(unsafe.Pointer(p)))
	if class > recycleMax {
		return
	}
	a.tick++
	a.used[class] = a.tick
	// Over the bound, buffers of the classes least recently used go to
	// the collector: sizes a builder passed through while growing in
	// the first row group are not asked for again once later groups are
	// sized up front, and must not keep the sizes in use out.
	for a.bytes+class > recycleMax {
		oldest, t := 0, a.tick+1
		for c, l := range a.free {
			if len(l) > 0 && a.used[c] < t {
				oldest, t = c, a.used[c]
			}
		}
		l := a.free[oldest]
		l[len(l)-1] = nil
		a.free[oldest] = l[:len(l)-1]
		a.bytes -= oldest
	}
	a.free[class] = append(a.free[class], unsafe.Slice(p, class))
	a.bytes += class
}
