package pipeline

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// aheadSource emits n documents of size bytes each, counting them,
// then returns err.
type aheadSource struct {
	n, size int
	emitted atomic.Int64
	err     error
}

func (s *aheadSource) Walk(ctx context.Context, emit func(*Doc) error) error {
	for i := range s.n {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := emit(&Doc{Seq: int64(i), Raw: make([]byte, s.size)}); err != nil {
			return err
		}
		s.emitted.Add(1)
	}
	return s.err
}

// waitSettled waits until the walk emits no more (it is blocked on the
// buffer, or done).
func waitSettled(s *aheadSource) int64 {
	last := int64(-1)
	for {
		time.Sleep(20 * time.Millisecond)
		n := s.emitted.Load()
		if n == last {
			return n
		}
		last = n
	}
}

func TestPrefetchInOrderWithError(t *testing.T) {
	errEnd := errors.New("end of walk")
	src := &aheadSource{n: 1000, size: 100, err: errEnd}
	p := Prefetch(context.Background(), src, 1<<20)
	var seqs []int64
	err := p.Walk(context.Background(), func(d *Doc) error {
		seqs = append(seqs, d.Seq)
		return nil
	})
	if !errors.Is(err, errEnd) {
		t.Errorf("Walk: %v, want the source's error", err)
	}
	if len(seqs) != 1000 {
		t.Fatalf("%d documents, want 1000", len(seqs))
	}
	for i, s := range seqs {
		if s != int64(i) {
			t.Fatalf("document %d has seq %d: out of order", i, s)
		}
	}
}

// The walk goes ahead only as far as the buffer's bound.
func TestPrefetchBounded(t *testing.T) {
	src := &aheadSource{n: 1000, size: 1000 - 512}
	p := Prefetch(context.Background(), src, 10_000)
	ahead := waitSettled(src)
	// docCost is 1000 a document: the walk stops once over 10,000 bytes.
	if ahead < 10 || ahead > 12 {
		t.Errorf("the walk went %d documents ahead, want 10 to 12 (a bound of 10,000 bytes)", ahead)
	}
	n := 0
	if err := p.Walk(context.Background(), func(*Doc) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 1000 {
		t.Errorf("%d documents, want 1000", n)
	}
}

// Stop ends a walk blocked on a full buffer; an emit error stops it too.
func TestPrefetchStop(t *testing.T) {
	src := &aheadSource{n: 1000, size: 10_000}
	p := Prefetch(context.Background(), src, 50_000)
	waitSettled(src)
	p.Stop() // returns only once the walk has ended
	if n := src.emitted.Load(); n >= 1000 {
		t.Errorf("the walk emitted all %d documents despite Stop", n)
	}

	src = &aheadSource{n: 1000, size: 10}
	p = Prefetch(context.Background(), src, 50_000)
	errStop := errors.New("stop")
	n := 0
	err := p.Walk(context.Background(), func(*Doc) error {
		if n++; n == 10 {
			return errStop
		}
		return nil
	})
	if !errors.Is(err, errStop) || n != 10 {
		t.Errorf("Walk: %v after %d documents, want errStop after 10", err, n)
	}
	if e := src.emitted.Load(); e >= 1000 {
		t.Errorf("the walk went on to the end (%d) after emit failed", e)
	}
}

// Cancelling the reader's context ends the walk.
func TestPrefetchCancelled(t *testing.T) {
	src := &aheadSource{n: 1 << 30, size: 10}
	p := Prefetch(context.Background(), src, 1<<20)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := p.Walk(ctx, func(*Doc) error {
		if n++; n == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Walk: %v, want context.Canceled", err)
	}
}
