package evaluate

import (
	"errors"
	"sync/atomic"
	"testing"
)

// TestInParallel: every index is called once, and the error returned is
// the lowest index's, whichever finished first.
func TestInParallel(t *testing.T) {
	var calls [20]atomic.Int32
	err := inParallel(len(calls), func(i int) error {
		calls[i].Add(1)
		switch i {
		case 7:
			return errors.New("seven")
		case 3:
			return errors.New("three")
		}
		return nil
	})
	if err == nil || err.Error() != "three" {
		t.Errorf("error %v, want three", err)
	}
	for i := range calls {
		if n := calls[i].Load(); n != 1 {
			t.Errorf("f(%d) called %d times, want 1", i, n)
		}
	}
	if err := inParallel(0, func(int) error { return errors.New("never") }); err != nil {
		t.Errorf("n = 0: %v", err)
	}
}
