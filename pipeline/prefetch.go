package pipeline

import (
	"context"
	"sync"
)

// Prefetched is a source walked ahead of the run that reads it: the walk
// starts at Prefetch, while the caller does other work (an update walks
// the archives while the models load), and the documents wait in a
// buffer of bounded size. It serves one Walk.
type Prefetched struct {
	cancel context.CancelFunc
	mu     sync.Mutex
	cond   *sync.Cond
	queue  []*Doc
	bytes  int64 // the buffered documents' size, by docCost
	limit  int64
	done   bool  // the walk has ended
	taken  bool  // the reader stopped taking documents
	err    error // the walk's error, once done
}

// docCost is what a buffered document counts for: its bytes and the
// record around them, so that documents without bytes (passed by) fill the
// buffer too, if slowly.
func docCost(d *Doc) int64 { return int64(len(d.Raw)) + 512 }

// Prefetch starts walking src; the walk waits while the buffered
// documents hold more than limit bytes. Stop ends a walk that will not be
// read.
func Prefetch(ctx context.Context, src Source, limit int64) *Prefetched {
	ctx, cancel := context.WithCancel(ctx)
	p := &Prefetched{cancel: cancel, limit: limit}
	p.cond = sync.NewCond(&p.mu)
	go func() {
		err := src.Walk(ctx, func(d *Doc) error {
			p.mu.Lock()
			defer p.mu.Unlock()
			for p.bytes > p.limit && !p.taken {
				p.cond.Wait()
			}
			if p.taken {
				return context.Canceled
			}
			p.queue = append(p.queue, d)
			p.bytes += docCost(d)
			p.cond.Broadcast()
			return nil
		})
		p.mu.Lock()
		p.done, p.err = true, err
		p.cond.Broadcast()
		p.mu.Unlock()
	}()
	return p
}

// Walk implements Source: the documents walked ahead, then the rest as
// the walk goes on, and the walk's error.
func (p *Prefetched) Walk(ctx context.Context, emit func(*Doc) error) error {
	// The walk looks at the context given to Prefetch; this one ends it too.
	stop := context.AfterFunc(ctx, p.Stop)
	defer stop()
	for {
		p.mu.Lock()
		for len(p.queue) == 0 && !p.done {
			p.cond.Wait()
		}
		if len(p.queue) == 0 {
			err := p.err
			p.mu.Unlock()
			if err == nil {
				err = ctx.Err()
			}
			return err
		}
		d := p.queue[0]
		p.queue[0] = nil
		p.queue = p.queue[1:]
		p.bytes -= docCost(d)
		p.cond.Broadcast()
		p.mu.Unlock()
		if err := emit(d); err != nil {
			p.Stop()
			return err
		}
	}
}

// Stop ends the walk, drops what it buffered and waits for it to end.
func (p *Prefetched) Stop() {
	p.cancel()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.taken = true
	p.queue, p.bytes = nil, 0
	p.cond.Broadcast()
	for !p.done {
		p.cond.Wait()
	}
}
