// Command newsnlp-beam runs newsnlp's pipeline on Apache Beam: the same
// stages and the same tables as newsnlp run, on Beam's Prism runner in
// process (the default) or on a Flink, Spark or Dataflow cluster.
//
// Usage:
//
//	newsnlp-beam ARCHIVE... --out DIR [options] [--runner prism|flink|spark|dataflow] [runner flags]
//
// It is a command of its own, not a subcommand of newsnlp, so that the
// Beam SDK (and its gRPC, protobuf and cloud clients) stays out of the
// newsnlp binary. Exit status: 0 success, 1 the run failed, 2 usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	// Archives and --out may be gs:// paths (or memfs://, in process).
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/newsnlp/newsnlp/cmd/internal/beamrun"
	"github.com/newsnlp/newsnlp/cmd/internal/setup"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/corpus"
)

// version is set at build time with -ldflags "-X main.version=…", as for
// newsnlp: the two must agree for their tables' metadata to agree.
var version = ""

const usage = `Usage: newsnlp-beam ARCHIVE... --out DIR [options] [--runner R] [runner flags]

Runs newsnlp's pipeline on Apache Beam and writes the tables of newsnlp run
as folders of part files: DIR/<table>/part-NNNNN.parquet. The runner is
Beam's --runner: prism (the default, in this process), flink, spark
(through a job server: --endpoint HOST:PORT) or dataflow (--project,
--region, --staging_location, --temp_location …). Archives and DIR are
local paths, which on a cluster every worker must see at the same place
(a shared file system), or an object store's (gs://bucket/path; memfs://
in this process only), read and written through Beam's file systems.

Options (and Beam's own flags):
`

func main() {
	var o beamrun.Options
	var exts, include, exclude setup.ListFlag
	maxSize := setup.SizeFlag(64 << 20)
	var quiet bool
	flag.StringVar(&o.Out, "out", "", "output directory (required)")
	flag.IntVar(&o.Workers, "workers", 0, "goroutines per stage in each bundle; 0 for the worker's CPUs")
	flag.IntVar(&o.Chunk, "chunk", 500, "posts per work item")
	flag.Var(&exts, "ext", "file name endings of posts, comma-separated or repeated (default .md,.markdown)")
	flag.Var(&include, "include", "only paths matching this glob; repeatable")
	flag.Var(&exclude, "exclude", "skip paths matching this glob; repeatable")
	flag.Var(&maxSize, "max-size", "reject posts larger than this (e.g. 64MB)")
	flag.BoolVar(&o.Overwrite, "overwrite", false, "replace the tables of an earlier run in the output directory")
	flag.BoolVar(&quiet, "q", false, "print nothing but errors")
	o.Models.Register(flag.CommandLine)
	flag.IntVar(&o.Corpus.MinFreq, "min-freq", 5, "keyness: a term counts from this many occurrences in a period or outlet")
	flag.IntVar(&o.Corpus.TopPerGroup, "keyness-top", 100, "keyness: terms per period or outlet and direction")
	flag.BoolVar(&o.Corpus.Off, "no-corpus-stats", false, "skip the corpus statistics")
	flag.DurationVar(&o.DocTimeout, "doc-timeout", time.Minute, "reject a post the stages spend longer on than this; 0 for no limit")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of this process to this file (for performance work; with --runner prism it covers the workers too)")
	flag.Usage = func() {
		fmt.Fprint(os.Stderr, usage)
		flag.PrintDefaults()
	}
	archives := parseInterspersed()
	// On a cluster the same binary is started as a worker: Init runs the
	// worker harness there and never returns.
	beam.Init()
	if len(archives) == 0 || o.Out == "" {
		flag.Usage()
		fmt.Fprintln(os.Stderr, "newsnlp-beam: archives and --out DIR are required")
		os.Exit(2)
	}
	for _, a := range archives {
		if err := beamrun.CheckArchive(context.Background(), a); err != nil {
			fmt.Fprintln(os.Stderr, "newsnlp-beam: archive", err)
			os.Exit(2)
		}
	}
	o.Archives = archives
	o.Filter = pipeline.Filter{Exts: exts, Include: include, Exclude: exclude, MaxSize: int64(maxSize)}
	if len(o.Filter.Exts) == 0 {
		o.Filter.Exts = []string{".md", ".markdown"}
	}
	if err := o.Filter.Validate(); err != nil {
		fmt.Fprintln(os.Stderr, "newsnlp-beam:", err)
		os.Exit(2)
	}
	o.Version = setup.Version(version)
	o.Corpus = corpus.Options{MinFreq: o.Corpus.MinFreq, TopPerGroup: o.Corpus.TopPerGroup, Off: o.Corpus.Off}
	if f := flag.Lookup("dry_run"); f != nil && f.Value.String() == "true" {
		o.DryRun = true
	}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "newsnlp-beam:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	start := time.Now()
	// Beam's loopback mode (Prism, the default runner) leaves an empty
	// placeholder file, beamloopbackworker-*, in the temporary folder for
	// every job (apache/beam#27569): the job's temporary files go to a
	// folder of its own, removed when the job ends.
	tmp, err := os.MkdirTemp("", "newsnlp-beam-")
	if err == nil {
		os.Setenv("TMPDIR", tmp)
	}
	n, err := beamrun.Run(ctx, o, beamx.Run)
	if tmp != "" {
		os.RemoveAll(tmp)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "newsnlp-beam:", err)
		pprof.StopCPUProfile()
		if errors.Is(err, setup.ErrUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
	if o.DryRun {
		fmt.Fprintf(os.Stderr, "newsnlp-beam: dry run: %d posts listed, job not submitted\n", n)
		return
	}
	if !quiet {
		fmt.Fprintf(os.Stderr, "newsnlp-beam: %d posts in %s; tables in %s/<table>/\n", n, time.Since(start).Round(time.Millisecond), o.Out)
	}
}

// parseInterspersed parses flag.CommandLine with flags before, between or
// after the archives.
func parseInterspersed() []string {
	var pos []string
	args := os.Args[1:]
	for {
		flag.CommandLine.Parse(args)
		rest := flag.Args()
		if len(rest) == 0 {
			return pos
		}
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...)
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
