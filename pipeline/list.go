package pipeline

import (
	"context"
	"errors"
)

// List walks the archives as Walk does, in the same order and with the same
// IDs and errors, without reading the files: the list of a run's inputs,
// which a distributed run splits among its workers (see ReadRange).
func (a Archives) List(ctx context.Context, emit func(*Doc) error) error {
	noRead := a
	noRead.countOnly = true
	return noRead.Walk(ctx, emit)
}

// selection picks the Docs at positions [lo, hi) of one archive's walk.
type selection struct {
	lo, hi, n int
}

func (a Archives) skipRead() bool {
	return a.countOnly || (a.sel != nil && (a.sel.n < a.sel.lo || a.sel.n >= a.sel.hi))
}

var errRangeDone = errors.New("range done")

// ReadRange walks one archive (a path of a.Paths) and emits, read, the Docs
// at positions [lo, hi) of its walk: a tarball or directory split by
// entries, so that several workers share it. Entries before lo are passed
// over unread (a compressed tarball is still decompressed up to lo). The
// Docs carry no ID: it depends on the other archives of the run (see
// Walk), so the caller takes it from List.
func (a Archives) ReadRange(ctx context.Context, archive string, lo, hi int, emit func(*Doc) error) error {
	if lo >= hi {
		return nil
	}
	r := a
	r.sel = &selection{lo: lo, hi: hi}
	err := r.walkOne(ctx, archive, func(d *Doc) error {
		i := r.sel.n
		r.sel.n++
		if i >= lo {
			if err := emit(d); err != nil {
				return err
			}
		}
		if r.sel.n >= hi {
			return errRangeDone
		}
		return nil
	})
	if errors.Is(err, errRangeDone) {
		return nil
	}
	return err
}
