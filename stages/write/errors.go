package write

import (
	"errors"
	"fmt"
	"io"
	"syscall"
)

// outputError says in words a user can act on why the output directory
// could not be written, and that the earlier run's tables are intact:
// a run that fails removes its temporary files and commits nothing, so
// what the directory held before is what it holds after.
func outputError(dir string, err error) error {
	if err == nil {
		return nil
	}
	var why string
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		why = "the disk is full"
	case errors.Is(err, syscall.EROFS):
		why = "the file system is read-only"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		why = "the output directory is not writable"
	default:
		return err
	}
	return fmt.Errorf("%s: %s, no table was written and the earlier tables, if any, are as they were: %w", dir, why, err)
}

// wrapOutput, when set (by tests), wraps every file the writer creates:
// a test makes writes fail as on a full disk.
var wrapOutput func(io.WriteCloser) io.WriteCloser
