package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// sliceSource emits n Docs whose Raw is their index.
type sliceSource struct{ n int }

func (s sliceSource) Walk(ctx context.Context, emit func(*Doc) error) error {
	for i := range s.n {
		d := &Doc{Source: Origin{Path: fmt.Sprint(i), Size: 10}, Raw: []byte(fmt.Sprint(i))}
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}

// stageFunc adapts a function to Stage.
type stageFunc struct {
	name string
	f    func(ctx context.Context, d *Doc) error
}

func (s stageFunc) Name() string                              { return s.name }
func (s stageFunc) Process(ctx context.Context, d *Doc) error { return s.f(ctx, d) }

type collect struct {
	docs     []*Doc
	inFlight *atomic.Int64
}

func (c *collect) Write(d *Doc) error {
	c.docs = append(c.docs, d)
	if c.inFlight != nil {
		c.inFlight.Add(-1)
	}
	return nil
}

// jitter sleeps a little, differently per Doc, so workers finish out of order.
func jitter(d *Doc) {
	time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
}

func TestRunKeepsInputOrderAndRoutesErrors(t *testing.T) {
	for _, workers := range []int{1, 2, 4, 8} {
		t.Run(fmt.Sprint(workers, "workers"), func(t *testing.T) {
			st := []Stage{
				stageFunc{"upper", func(_ context.Context, d *Doc) error {
					jitter(d)
					if strings.HasSuffix(d.Source.Path, "3") {
						return errors.New("no threes")
					}
					d.Raw = append(d.Raw, 'a')
					return nil
				}},
				stageFunc{"panicky", func(_ context.Context, d *Doc) error {
					jitter(d)
					if d.Source.Path == "17" {
						panic("seventeen")
					}
					d.Raw = append(d.Raw, 'b')
					return nil
				}},
			}
			sink := &collect{}
			rep, err := Run(context.Background(), sliceSource{200}, st, sink, Config{Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			if len(sink.docs) != 200 || rep.Files != 200 {
				t.Fatalf("got %d docs, report %d files", len(sink.docs), rep.Files)
			}
			var failed int64
			for i, d := range sink.docs {
				if d.Seq != int64(i) || d.Source.Path != fmt.Sprint(i) {
					t.Fatalf("doc %d out of order: seq %d path %s", i, d.Seq, d.Source.Path)
				}
				switch {
				case i%10 == 3:
					failed++
					if d.Err == nil || d.Err.Stage != "upper" || d.Err.Err != "no threes" {
						t.Errorf("doc %d: err %v", i, d.Err)
					}
					if string(d.Raw) != fmt.Sprint(i) {
						t.Errorf("doc %d: a later stage ran after a failure: %q", i, d.Raw)
					}
				case i == 17:
					failed++
					if d.Err == nil || d.Err.Stage != "panicky" || !strings.HasPrefix(d.Err.Err, "panic: seventeen") {
						t.Errorf("doc 17: err %v", d.Err)
					}
				default:
					if d.Err != nil || string(d.Raw) != fmt.Sprint(i)+"ab" {
						t.Errorf("doc %d: %q %v", i, d.Raw, d.Err)
					}
				}
			}
			if rep.Failed != failed {
				t.Errorf("report says %d failed, want %d", rep.Failed, failed)
			}
			if rep.Stages[0].Errors != 20 || rep.Stages[1].Errors != 1 || rep.Stages[1].Docs != 180 {
				t.Errorf("stage counters: %+v", rep.Stages)
			}
			if last := rep.Stages[len(rep.Stages)-1]; last.Name != "write" || last.Docs != 200 {
				t.Errorf("sink counters: %+v", last)
			}
		})
	}
}

func TestRunFatalStops(t *testing.T) {
	boom := errors.New("disk gone")
	st := []Stage{stageFunc{"io", func(_ context.Context, d *Doc) error {
		if d.Source.Path == "50" {
			return Fatal(boom)
		}
		return nil
	}}}
	sink := &collect{}
	_, err := Run(context.Background(), sliceSource{1000}, st, sink, Config{Workers: 3})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	if len(sink.docs) >= 1000 {
		t.Errorf("the run went on after a fatal error")
	}
}

type failingSink struct{ n int }

func (f *failingSink) Write(d *Doc) error {
	f.n++
	if f.n == 10 {
		return errors.New("no space left")
	}
	return nil
}

func TestRunSinkErrorStops(t *testing.T) {
	_, err := Run(context.Background(), sliceSource{1000}, []Stage{stageFunc{"nop", func(context.Context, *Doc) error { return nil }}}, &failingSink{}, Config{Workers: 2})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("err = %v", err)
	}
}

func TestRunCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var seen atomic.Int64
	st := []Stage{stageFunc{"slow", func(ctx context.Context, d *Doc) error {
		if seen.Add(1) == 20 {
			cancel()
		}
		time.Sleep(time.Millisecond)
		return nil
	}}}
	done := make(chan error)
	go func() {
		_, err := Run(ctx, sliceSource{1_000_000}, st, &collect{}, Config{Workers: 4})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop after cancellation")
	}
}

// TestRunBoundsInFlight checks that a slow Doc holds back the source instead
// of letting the reorder buffer grow with the archive.
func TestRunBoundsInFlight(t *testing.T) {
	var inFlight, peak atomic.Int64
	src := countingSource{n: 500, inFlight: &inFlight, peak: &peak}
	st := []Stage{stageFunc{"stall", func(_ context.Context, d *Doc) error {
		if d.Seq == 5 {
			time.Sleep(50 * time.Millisecond)
		}
		return nil
	}}}
	sink := &collect{inFlight: &inFlight}
	const bound = 16
	if _, err := Run(context.Background(), src, st, sink, Config{Workers: 4, InFlight: bound}); err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p > bound+1 { // +1: the Doc waiting for a token
		t.Errorf("%d Docs in flight at once, bound %d", p, bound)
	}
	if len(sink.docs) != 500 {
		t.Errorf("got %d docs", len(sink.docs))
	}
}

type countingSource struct {
	n              int
	inFlight, peak *atomic.Int64
}

func (s countingSource) Walk(ctx context.Context, emit func(*Doc) error) error {
	return sliceSource{s.n}.Walk(ctx, func(d *Doc) error {
		// emit returns once the Doc has a token; count it as in flight
		// before, so the count can only overstate.
		n := s.inFlight.Add(1)
		for {
			p := s.peak.Load()
			if n <= p || s.peak.CompareAndSwap(p, n) {
				break
			}
		}
		err := emit(d)
		return err
	})
}

// stuck is a stage that ignores its context on the Docs it picks, until
// release is closed: a stage caught in a pathological input.
func stuck(pick func(*Doc) bool, release <-chan struct{}) Stage {
	return stageFunc{"stuck", func(_ context.Context, d *Doc) error {
		if pick(d) {
			<-release
		}
		return nil
	}}
}

// A Doc over the time limit is rejected and the run goes on without
// waiting for the stage to let go of it.
func TestRunDocTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	st := []Stage{stuck(func(d *Doc) bool { return d.Source.Path == "3" }, release),
		stageFunc{"after", func(_ context.Context, d *Doc) error { d.Raw = append(d.Raw, '!'); return nil }}}
	sink := &collect{}
	rep, err := Run(context.Background(), sliceSource{10}, st, sink, Config{Workers: 2, DocTimeout: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(sink.docs) != 10 {
		t.Fatalf("%d docs", len(sink.docs))
	}
	for i, d := range sink.docs {
		if d.Seq != int64(i) || d.Source.Path != fmt.Sprint(i) {
			t.Errorf("doc %d: seq %d path %q", i, d.Seq, d.Source.Path)
		}
		switch {
		case i == 3 && (d.Err == nil || d.Err.Stage != "stuck" || !strings.Contains(d.Err.Err, "time limit")):
			t.Errorf("doc 3: %+v", d.Err)
		case i != 3 && (d.Err != nil || !strings.HasSuffix(string(d.Raw), "!")):
			t.Errorf("doc %d: %+v %q", i, d.Err, d.Raw)
		}
	}
	if rep.Failed != 1 || rep.Stages[0].Errors != 1 || rep.Slowest.Path != "3" {
		t.Errorf("report: failed %d, stage errors %d, slowest %q", rep.Failed, rep.Stages[0].Errors, rep.Slowest.Path)
	}
}

// Cancellation ends a run even while a stage is stuck on a Doc.
func TestRunCancelWhileStuck(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	var started atomic.Bool
	st := []Stage{stageFunc{"stuck", func(_ context.Context, d *Doc) error {
		if d.Seq == 2 {
			started.Store(true)
			cancel()
			<-release
		}
		return nil
	}}}
	done := make(chan error)
	go func() {
		_, err := Run(ctx, sliceSource{100}, st, &collect{}, Config{Workers: 2})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || !started.Load() {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run waited for a stuck stage after cancellation")
	}
}

// The input bytes in flight stay under the bound; a Doc larger than the
// bound goes through alone.
func TestRunBoundsInFlightBytes(t *testing.T) {
	var inFlight, peak atomic.Int64
	src := sizedSource{sizes: []int64{6, 6, 6, 6, 40, 6, 6, 1, 1, 1, 1, 1, 6}, inFlight: &inFlight, peak: &peak}
	st := []Stage{stageFunc{"slow", func(_ context.Context, d *Doc) error { jitter(d); return nil }}}
	sink := &bytesSink{inFlight: &inFlight}
	if _, err := Run(context.Background(), src, st, sink, Config{Workers: 4, InFlightBytes: 16}); err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p > 16 {
		t.Errorf("%d bytes in flight at once, bound 16", p)
	}
	if sink.n != len(src.sizes) {
		t.Errorf("%d docs written", sink.n)
	}
}

// sizedSource emits Docs of the given sizes and counts the bytes between
// the moment emit accepts a Doc and the sink.
type sizedSource struct {
	sizes          []int64
	inFlight, peak *atomic.Int64
}

func (s sizedSource) Walk(ctx context.Context, emit func(*Doc) error) error {
	for i, n := range s.sizes {
		d := &Doc{Source: Origin{Path: fmt.Sprint(i), Size: n}}
		if err := emit(d); err != nil {
			return err
		}
		w := min(n, 16)
		v := s.inFlight.Add(w)
		for {
			p := s.peak.Load()
			if v <= p || s.peak.CompareAndSwap(p, v) {
				break
			}
		}
	}
	return nil
}

type bytesSink struct {
	inFlight *atomic.Int64
	n        int
}

func (b *bytesSink) Write(d *Doc) error {
	b.n++
	b.inFlight.Add(-min(d.Source.Size, 16))
	return nil
}

// goroutineID is the running goroutine's number, from its stack's header.
func goroutineID() string {
	var b [64]byte
	n := runtime.Stack(b[:], false)
	f := strings.Fields(string(b[:n]))
	return f[1]
}

// TestRunStageGoroutineKept: a pool worker's posts run on one goroutine
// (its stack stays grown), and after a post over its time limit, which
// keeps that goroutine, on a new one.
func TestRunStageGoroutineKept(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var (
		mu  sync.Mutex
		ids [10]string
	)
	st := []Stage{stageFunc{"ids", func(_ context.Context, d *Doc) error {
		i, _ := strconv.Atoi(d.Source.Path)
		mu.Lock()
		ids[i] = goroutineID()
		mu.Unlock()
		if i == 4 {
			<-release
		}
		return nil
	}}}
	sink := &collect{}
	if _, err := Run(context.Background(), sliceSource{10}, st, sink, Config{Workers: 1, DocTimeout: 50 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < 10; i++ {
		if same := ids[i] == ids[i-1]; same != (i != 5) {
			t.Errorf("post %d on goroutine %s, post %d on %s", i-1, ids[i-1], i, ids[i])
		}
	}
}
