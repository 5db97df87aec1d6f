package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// Stage is one step of language work on a Doc.
type Stage interface {
	// Name is the stage's name in metrics and in the errors table.
	Name() string
	// Process does the stage's work on d and may change it. It is called
	// from several goroutines at once, each with its own Doc. A non-nil error
	// rejects this Doc only: it goes to the errors table and the run goes on;
	// wrap the error with Fatal to stop the run instead.
	Process(ctx context.Context, d *Doc) error
}

// Source emits the input files of a run.
type Source interface {
	// Walk calls emit once per input file, always in the same order for the
	// same input. A file that cannot be read is emitted with Err set. Walk
	// stops and returns emit's error when emit fails.
	Walk(ctx context.Context, emit func(*Doc) error) error
}

// Sink receives every Doc, in input order, from a single goroutine.
type Sink interface {
	// Write takes a Doc that went through all stages (or was rejected by
	// one). An error stops the run.
	Write(d *Doc) error
}

// FatalError stops a run; see Fatal.
type FatalError struct{ Err error }

func (e *FatalError) Error() string { return e.Err.Error() }
func (e *FatalError) Unwrap() error { return e.Err }

// Fatal marks err as one that must stop the run (an I/O failure, a broken
// model) rather than reject a single Doc.
func Fatal(err error) error { return &FatalError{Err: err} }

// Config sizes a run.
type Config struct {
	Workers int // goroutines per stage; 0 means GOMAXPROCS
	Buffer  int // capacity of each channel between stages; 0 means 2×Workers
	// InFlight bounds the Docs between the source and the sink, which is
	// what bounds memory: when one Doc is slow, the others wait for it in
	// the reorder buffer. 0 means enough to keep every worker busy.
	InFlight int
	// InFlightBytes bounds the input bytes of the Docs between the source
	// and the sink (a Doc larger than the bound waits until it is alone),
	// so that a run of large posts cannot hold many at once: processing
	// takes tens of bytes of memory per input byte. 0 means 4 MB.
	InFlightBytes int64
	// DocTimeout bounds the time the stages spend on one Doc, all stages
	// together; a Doc over it is rejected ("time limit") and the stage's
	// goroutine is left to finish on its own, its result dropped. 0 means
	// no limit.
	DocTimeout time.Duration
	// OnWrite, when set, is called from the sink goroutine after each Doc is
	// written (for progress display).
	OnWrite func(*Doc)
}

// ErrTimeLimit is the error of a Doc that went over Config.DocTimeout.
var ErrTimeLimit = errors.New("time limit")

// Report is what a run measured. Its Stages end with the sink, as "write".
type Report struct {
	Files  int64 // Docs emitted by the source
	Failed int64 // Docs that reached the sink with Err set
	Bytes  int64 // input bytes
	Wall   time.Duration
	Stages []StageReport
	// Slowest is the Doc on which the stages spent the most time, and
	// SlowestTime that time.
	Slowest     Origin
	SlowestTime time.Duration
}

// StageReport is one stage's counters. Busy is the sum over its workers of
// the time spent in Process, so Bytes/Busy is the stage's speed per core.
type StageReport struct {
	Name    string
	Docs    int64 // Docs processed (not counting those skipped after an earlier failure)
	Errors  int64 // Docs this stage rejected
	Bytes   int64 // input bytes of the processed Docs
	Busy    time.Duration
	Workers int
}

type stageCounters struct {
	docs, errors, bytes, busy atomic.Int64
}

// Run drives the Docs of src through stages into sink. It returns when the
// source is exhausted and every Doc was written, or at the first fatal error
// or cancellation, which it returns.
func Run(ctx context.Context, src Source, stages []Stage, sink Sink, cfg Config) (*Report, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Buffer <= 0 {
		cfg.Buffer = 2 * cfg.Workers
	}
	if cfg.InFlight <= 0 {
		cfg.InFlight = (len(stages)+1)*cfg.Buffer + len(stages)*cfg.Workers + 1
	}
	if cfg.InFlightBytes <= 0 {
		cfg.InFlightBytes = 4 << 20
	}
	start := time.Now()
	rep := &Report{}
	counters := make([]stageCounters, len(stages))
	g, ctx := errgroup.WithContext(ctx)

	// Tokens bound the Docs between source and sink.
	tokens := make(chan struct{}, cfg.InFlight)
	budget := semaphore.NewWeighted(cfg.InFlightBytes)
	weight := func(d *Doc) int64 { return min(max(d.Source.Size, 1), cfg.InFlightBytes) }
	var files, bytes atomic.Int64

	in := make(chan *Doc, cfg.Buffer)
	g.Go(func() error {
		defer close(in)
		var seq int64
		return src.Walk(ctx, func(d *Doc) error {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			// The earliest Doc not yet written is always past this point,
			// so waiting here cannot stall the sink.
			if err := budget.Acquire(ctx, weight(d)); err != nil {
				return err
			}
			d.Seq = seq
			seq++
			files.Add(1)
			bytes.Add(d.Source.Size)
			select {
			case in <- d:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})

	ch := in
	for i, st := range stages {
		out := make(chan *Doc, cfg.Buffer)
		startPool(ctx, g, st, &counters[i], cfg.Workers, cfg.DocTimeout, ch, out)
		ch = out
	}

	var failed atomic.Int64
	var sinkCounters stageCounters
	g.Go(func() error {
		pending := map[int64]*Doc{}
		var next int64
		for {
			var d *Doc
			var ok bool
			select {
			case d, ok = <-ch:
			case <-ctx.Done():
				return ctx.Err()
			}
			if !ok {
				if len(pending) > 0 {
					return fmt.Errorf("pipeline: %d documents lost before Doc %d", len(pending), next)
				}
				return nil
			}
			pending[d.Seq] = d
			for {
				d, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				if d.Err != nil {
					failed.Add(1)
				}
				t0 := time.Now()
				if err := sink.Write(d); err != nil {
					return err
				}
				sinkCounters.busy.Add(int64(time.Since(t0)))
				sinkCounters.docs.Add(1)
				sinkCounters.bytes.Add(d.Source.Size)
				if d.spent > rep.SlowestTime {
					rep.Slowest, rep.SlowestTime = d.Source, d.spent
				}
				if cfg.OnWrite != nil {
					cfg.OnWrite(d)
				}
				budget.Release(weight(d))
				<-tokens
			}
		}
	})

	err := g.Wait()
	rep.Files, rep.Bytes, rep.Failed = files.Load(), bytes.Load(), failed.Load()
	rep.Wall = time.Since(start)
	for i, st := range stages {
		c := &counters[i]
		rep.Stages = append(rep.Stages, StageReport{
			Name: st.Name(), Docs: c.docs.Load(), Errors: c.errors.Load(),
			Bytes: c.bytes.Load(), Busy: time.Duration(c.busy.Load()), Workers: cfg.Workers,
		})
	}
	rep.Stages = append(rep.Stages, StageReport{
		Name: "write", Docs: sinkCounters.docs.Load(), Bytes: sinkCounters.bytes.Load(),
		Busy: time.Duration(sinkCounters.busy.Load()), Workers: 1,
	})
	return rep, err
}

// startPool starts n workers of st reading in and writing out, and a goroutine
// that closes out once they are all done.
func startPool(ctx context.Context, g *errgroup.Group, st Stage, c *stageCounters, n int, limit time.Duration, in <-chan *Doc, out chan<- *Doc) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		g.Go(func() error {
			defer wg.Done()
			r := newStageRunner(st)
			defer func() { r.stop() }()
			for d := range in {
				if d.Err == nil && !d.Restored && !d.Kept {
					var err error
					if d, err = process(ctx, &r, c, d, limit); err != nil {
						return err
					}
				}
				select {
				case out <- d:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		wg.Wait()
		close(out)
		return nil
	})
}

// stageRunner is a goroutine that runs a stage for one worker of its pool,
// post after post. One goroutine a post grew and copied its stack on every
// post, for every stage (0.42 s of a 30 s run); this one keeps the stack its
// first posts grew until a collection shrinks it.
type stageRunner struct {
	st   Stage
	jobs chan stageJob
	done chan error // one answer per job, buffered: an abandoned runner never blocks
}

type stageJob struct {
	ctx context.Context
	d   *Doc
}

func newStageRunner(st Stage) *stageRunner {
	r := &stageRunner{st: st, jobs: make(chan stageJob), done: make(chan error, 1)}
	go func() {
		for j := range r.jobs {
			r.done <- r.run(j)
		}
	}()
	return r
}

// run runs the stage on one Doc, a panic turned into an error.
func (r *stageRunner) run(j stageJob) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return r.st.Process(j.ctx, j.d)
}

// stop ends the runner once its job, if any, is done.
func (r *stageRunner) stop() { close(r.jobs) }

// process runs one stage on one Doc, measuring it, turning a panic into a
// rejection of that Doc, and telling fatal errors from rejections.
//
// The stage runs on the runner's goroutine, so that neither a cancelled run
// nor a Doc over its time limit waits for it: Go cannot stop a goroutine,
// but it can stop waiting. A Doc given up on stays with that goroutine,
// which may still change it; process returns a fresh Doc in its place, and
// a new runner takes the pool worker's next posts (*rp).
func process(ctx context.Context, rp **stageRunner, c *stageCounters, d *Doc, limit time.Duration) (*Doc, error) {
	r := *rp
	st := r.st
	t0 := time.Now()
	sctx, cancel := ctx, context.CancelFunc(func() {})
	var expired <-chan time.Time
	if limit > 0 {
		left := limit - d.spent
		if left <= 0 {
			left = time.Nanosecond
		}
		sctx, cancel = context.WithTimeout(ctx, left)
		timer := time.NewTimer(left)
		defer timer.Stop()
		expired = timer.C
	}
	defer cancel()
	r.jobs <- stageJob{ctx: sctx, d: d}
	abandon := func() {
		r.stop()
		*rp = newStageRunner(st)
	}
	var err error
	select {
	case err = <-r.done:
	case <-ctx.Done():
		abandon()
		return d, ctx.Err()
	case <-expired:
		// Leave d to the stage's goroutine.
		abandon()
		nd := &Doc{Seq: d.Seq, ID: d.ID, Source: d.Source, Hash: d.Hash, spent: limit}
		c.busy.Add(int64(time.Since(t0)))
		c.docs.Add(1)
		c.errors.Add(1)
		c.bytes.Add(nd.Source.Size)
		nd.Err = &DocError{Stage: st.Name(), Err: fmt.Sprintf("%v: over %v for this post", ErrTimeLimit, limit)}
		return nd, nil
	}
	took := time.Since(t0)
	d.spent += took
	c.busy.Add(int64(took))
	c.docs.Add(1)
	c.bytes.Add(d.Source.Size)
	if err == nil {
		return d, nil
	}
	var fe *FatalError
	if errors.As(err, &fe) {
		return d, fmt.Errorf("%s: %w", st.Name(), fe.Err)
	}
	if ctx.Err() != nil {
		return d, ctx.Err()
	}
	c.errors.Add(1)
	if sctx.Err() != nil && errors.Is(err, context.DeadlineExceeded) {
		// The stage noticed its deadline itself.
		err = fmt.Errorf("%v: over %v for this post", ErrTimeLimit, limit)
	}
	d.Err = &DocError{Stage: st.Name(), Err: err.Error()}
	return d, nil
}
