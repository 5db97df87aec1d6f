// Command newsnlp turns archives of Chinese-language news posts into
// Parquet tables: documents, the people, countries and outlets they mention,
// who said what, and which terms matter.
//
// Usage:
//
//	newsnlp run ARCHIVE... --out DIR [options]
//	newsnlp inspect POST
//	newsnlp version
//
// Exit status: 0 success (rejected posts are rows of the errors table, not
// failures); 1 the run failed (I/O error, refused output directory); 2 usage
// error; 130 interrupted (no table is left behind).
package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/newsnlp/newsnlp/cmd/internal/setup"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"
)

const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// defaultMemoryLimit is the Go runtime's soft memory limit unless GOMEMLIMIT
// says otherwise: the segmenter's dictionary keeps a large live heap, and
// without a limit the collector lets the process grow to twice that.
const defaultMemoryLimit = 480 << 20

// memoryLimited reports whether command cmd runs under defaultMemoryLimit:
// the commands that stream posts do. eval and train hold every gold and
// annotated post's analysis at once, a live heap above the limit, where
// the collector would run without pause (eval --folds 5 --corpus took 8
// minutes of CPU instead of 1.4).
func memoryLimited(cmd string) bool {
	return cmd != "eval" && cmd != "train"
}

// defaultGCPercent is GOGC unless the environment sets it: with the memory
// limit bounding the heap, collecting half as often saved 4% of a run's
// CPU on the real corpus at the same peak memory.
const defaultGCPercent = 200

func main() {
	if os.Getenv("GOMEMLIMIT") == "" && len(os.Args) > 1 && memoryLimited(os.Args[1]) {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go onSignals(sigs, cancel, os.Stderr, os.Exit)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(code)
}

// stopGrace is how long a run may take to stop after the first signal
// before the process exits anyway.
const stopGrace = 1500 * time.Millisecond

// onSignals cancels the run at the first SIGINT or SIGTERM, which removes
// its temporary files and leaves the tables as they were; at a second
// signal, or when the run has not stopped within stopGrace, it exits at
// once (status 130). The next run removes the temporary files such an exit
// leaves; no table is ever left half written.
func onSignals(sigs <-chan os.Signal, cancel func(), stderr io.Writer, exit func(int)) {
	<-sigs
	cancel()
	select {
	case <-sigs:
		fmt.Fprintln(stderr, "newsnlp: interrupted again; exiting at once")
	case <-time.After(stopGrace):
		fmt.Fprintln(stderr, "newsnlp: interrupted; exiting")
	}
	exit(exitInterrupted)
}

const usage = `newsnlp: an NLP pipeline for Chinese-language political news

Usage:
  newsnlp run ARCHIVE... --out DIR [options]   process archives into Parquet tables
  newsnlp inspect POST                        print what the pipeline makes of one post, as JSON
  newsnlp eval --gold DIR                     score the pipeline against hand-annotated posts
  newsnlp idf build ARCHIVE... --out FILE     document frequencies of an archive, for run --idf
  newsnlp train speakers --gold DIR --out FILE  fit the quote stage's speaker model on gold posts
  newsnlp train names --corpus DIR --out FILE   train the person-name tagger (models/names)
  newsnlp report OUT [--html FILE]            charts of a run as one HTML page
  newsnlp version                             print the version

Run "newsnlp COMMAND -h" for a command's options.
`

// errUsage marks errors that are the caller's: exit status 2.
var errUsage = setup.ErrUsage

// run dispatches a command line; it is main without the process around it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "run":
		err = cmdRun(ctx, args[1:], stderr)
	case "inspect":
		err = cmdInspect(ctx, args[1:], stdout, stderr)
	case "eval":
		err = cmdEval(ctx, args[1:], stdout, stderr)
	case "idf":
		err = cmdIDF(ctx, args[1:], stderr)
	case "train":
		err = cmdTrain(ctx, args[1:], stdout, stderr)
	case "report":
		err = cmdReport(ctx, args[1:], stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "newsnlp", Version())
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "newsnlp: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "newsnlp:", err)
		return exitUsage
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintln(stderr, "newsnlp: interrupted; no table was written")
		return exitInterrupted
	default:
		fmt.Fprintln(stderr, "newsnlp:", err)
		return exitFailed
	}
}
