package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/newsnlp/newsnlp/cmd/internal/setup"
)

// errHelp is returned when -h was asked for: the usage was printed.
var errHelp = errors.New("help")

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// it comes from the module's build information.
var version = ""

// Version is the tool's version, as written into every table's metadata.
func Version() string { return setup.Version(version) }

// parseInterspersed parses flags that may come before, between or after the
// positional arguments ("run ARCHIVE --out DIR"); "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag stops at "--" (consumed) or at the first positional argument.
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag collects a repeatable flag (see setup.ListFlag).
type listFlag = setup.ListFlag

// sizeFlag reads sizes such as 64MB (see setup.SizeFlag).
type sizeFlag = setup.SizeFlag

func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}
