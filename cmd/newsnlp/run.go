package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/newsnlp/newsnlp/cmd/internal/setup"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/corpus"
	"github.com/newsnlp/newsnlp/stages/parse"
	"github.com/newsnlp/newsnlp/stages/write"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

const runUsage = `Usage: newsnlp run ARCHIVE... --out DIR [options]

Reads every post of the archives (directories, walked recursively, or tar
files, optionally gzip-compressed) and writes Parquet tables to DIR, each a
folder of part files (DIR/documents/*.parquet, DIR/errors/*.parquet, …),
and a summary of the run in run.json.

Options:
`

// runOptions are the settings of a run.
type runOptions struct {
	Archives  []string     `json:"archives"`
	Out       string       `json:"out"`
	Workers   int          `json:"workers"`
	Exts      []string     `json:"exts"`
	Include   []string     `json:"include,omitempty"`
	Exclude   []string     `json:"exclude,omitempty"`
	MaxSize   int64        `json:"max_size"`
	Overwrite bool         `json:"overwrite"`
	Update    bool         `json:"update,omitempty"`
	Quiet     bool         `json:"-"`
	Models    modelOptions `json:"models"`
	MinFreq   int          `json:"keyness_min_freq"`
	TopKey    int          `json:"keyness_top"`
	NoStats   bool         `json:"no_corpus_stats,omitempty"`
	// DocTimeout bounds the stages' time on one post (0: none).
	DocTimeout time.Duration `json:"doc_timeout"`

	cpuProfile, memProfile string
	// memEvery, when above 0, writes a heap profile after a collection at
	// every memEvery posts written, to memProfile.N: what a run keeps as
	// it grows (the profile at the end is taken after the close).
	memEvery int64
	// onlyStages, when above 0, runs only the first stages (parse, segment,
	// entities …): for benchmarks of a part of the pipeline.
	onlyStages int
}

func cmdRun(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlagSet("run", runUsage, stderr)
	var o runOptions
	exts := listFlag{}
	var include, exclude listFlag
	maxSize := sizeFlag(64 << 20)
	fs.StringVar(&o.Out, "out", "", "output directory (required)")
	fs.IntVar(&o.Workers, "workers", runtime.GOMAXPROCS(0), "goroutines per stage")
	fs.Var(&exts, "ext", "file name endings of posts, comma-separated or repeated (default .md,.markdown)")
	fs.Var(&include, "include", "only paths matching this glob (** for any depth; a glob without / matches file names); repeatable")
	fs.Var(&exclude, "exclude", "skip paths matching this glob; repeatable")
	fs.Var(&maxSize, "max-size", "reject posts larger than this (e.g. 64MB)")
	fs.BoolVar(&o.Overwrite, "overwrite", false, "replace the tables of an earlier run in the output directory")
	fs.BoolVar(&o.Update, "update", false, "process only the posts new or changed since the run in the output directory (same settings and models); with --overwrite, everything when they differ")
	fs.BoolVar(&o.Quiet, "quiet", false, "print nothing but errors")
	fs.BoolVar(&o.Quiet, "q", false, "same as --quiet")
	o.Models.Register(fs)
	fs.IntVar(&o.MinFreq, "min-freq", 5, "keyness: a term counts from this many occurrences in a period or outlet")
	fs.IntVar(&o.TopKey, "keyness-top", 100, "keyness: terms per period or outlet and direction")
	fs.DurationVar(&o.DocTimeout, "doc-timeout", time.Minute, "reject a post the stages spend longer on than this (an errors row); 0 for no limit")
	fs.BoolVar(&o.NoStats, "no-corpus-stats", false, "skip the corpus statistics: keyness and cooccurrence tables stay empty, every post is its own dup_group")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile to this file (for performance work)")
	fs.StringVar(&o.memProfile, "memprofile", "", "write a heap profile to this file at the end of the run")
	fs.Int64Var(&o.memEvery, "memprofile-every", 0, "with --memprofile, also write one after a collection every N posts written, to FILE.N (for performance work)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no archive given", errUsage)
	}
	if o.Out == "" {
		return fmt.Errorf("%w: --out DIR is required", errUsage)
	}
	if o.DocTimeout < 0 {
		return fmt.Errorf("%w: --doc-timeout must not be negative", errUsage)
	}
	if o.Workers < 1 {
		return fmt.Errorf("%w: --workers must be at least 1", errUsage)
	}
	o.Archives = pos
	o.Exts = exts
	if len(o.Exts) == 0 {
		o.Exts = []string{".md", ".markdown"}
	}
	o.Include, o.Exclude, o.MaxSize = include, exclude, int64(maxSize)
	if err := o.filter().Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	for _, a := range o.Archives {
		if _, err := os.Stat(a); err != nil {
			return fmt.Errorf("%w: archive %v", errUsage, err)
		}
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	_, err = runPipeline(ctx, o, stderr)
	if o.memProfile != "" {
		if werr := writeProfile(o.memProfile, "allocs"); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

// writeProfile writes the named runtime profile to path; a profile cut
// short by a full disk is an error, not a file that pprof later refuses.
func writeProfile(path, name string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (o runOptions) filter() pipeline.Filter {
	return pipeline.Filter{Exts: o.Exts, Include: o.Include, Exclude: o.Exclude, MaxSize: o.MaxSize}
}

// archives is the run's source of posts; walked, when not nil, gets the
// tarballs it reads.
func (o runOptions) archives(walked *[]pipeline.ArchiveFile) pipeline.Archives {
	a := pipeline.Archives{Paths: o.Archives, Filter: o.filter()}
	if walked != nil {
		a.Walked = func(f pipeline.ArchiveFile) { *walked = append(*walked, f) }
	}
	return a
}

// outputMeta is what every table's key-value metadata says of the run:
// only what shapes the output, so that equal inputs give equal files.
func outputMeta(o runOptions, sums map[string]string) map[string]string {
	return setup.Meta(Version(), setup.Settings{Archives: o.Archives, Exts: o.Exts, Include: o.Include, Exclude: o.Exclude,
		MaxSize: o.MaxSize, Models: o.Models, MinFreq: o.MinFreq, TopKey: o.TopKey, NoStats: o.NoStats}, sums)
}

// earlierRun is what --update reads of the run in o.Out, while the models
// load (readEarlier); checked against this run's settings once they have.
type earlierRun struct {
	meta      map[string]string
	metaErr   error
	ledger    *write.Earlier
	ledgerErr error
	// state is nil when that run saved none to add posts to: the update
	// then writes every table again.
	state *write.State
	// ahead walks the archives for new posts after the earlier ones (the
	// daily case), started with the reading, before the models are in.
	ahead *walkAhead
}

// walkAhead is a walk started early and the tarballs it reads.
type walkAhead struct {
	src          *pipeline.Prefetched
	walked       []pipeline.ArchiveFile
	kept, unread atomic.Int64 // see appending
}

// aheadLimit bounds the posts read ahead of the stages, in bytes.
const aheadLimit = 64 << 20

// readEarlier reads the run in o.Out: its settings, its ledger and its
// saved state.
func readEarlier(o runOptions) earlierRun {
	var e earlierRun
	// First, as it completes a commit that a killed run left in the journal.
	e.state, _ = write.ReadState(o.Out, o.corpusOptions())
	if e.meta, e.metaErr = write.ReadMeta(o.Out); e.metaErr == nil {
		e.ledger, e.ledgerErr = write.ReadLedger(o.Out)
	}
	return e
}

// check returns the ledger and state of the earlier run for --update: nil
// when there is none (the run is then a fresh one), an error when that
// run had other settings or models, unless --overwrite asks to process
// everything again.
func (e earlierRun) check(o runOptions, meta map[string]string) (*write.Earlier, *write.State, error) {
	if errors.Is(e.metaErr, os.ErrNotExist) {
		return nil, nil, nil
	}
	if e.metaErr != nil {
		return nil, nil, fmt.Errorf("%s: reading the earlier run: %w", o.Out, e.metaErr)
	}
	for _, k := range []string{"newsnlp.version", "newsnlp.settings", "newsnlp.models"} {
		if e.meta[k] != meta[k] {
			if e.ledger != nil {
				e.ledger.Close()
			}
			if o.Overwrite {
				return nil, nil, nil
			}
			return nil, nil, fmt.Errorf("%s: the earlier run had other %s (%s, now %s): --update needs the same archives, options and models; add --overwrite to process everything again",
				o.Out, strings.TrimPrefix(k, "newsnlp."), e.meta[k], meta[k])
		}
	}
	if e.ledgerErr != nil {
		return nil, nil, fmt.Errorf("%s: reading the earlier run: %w", o.Out, e.ledgerErr)
	}
	return e.ledger, e.state, nil
}

// corpusOptions size the corpus statistics.
func (o runOptions) corpusOptions() corpus.Options {
	return corpus.Options{MinFreq: o.MinFreq, TopPerGroup: o.TopKey, Off: o.NoStats}
}

// hashing is the source of every run: it gives each input the content
// hash the ledger keeps (rejected inputs included), by which a later
// --update tells unchanged inputs.
type hashing struct{ pipeline.Source }

func (h hashing) Walk(ctx context.Context, emit func(*pipeline.Doc) error) error {
	return h.Source.Walk(ctx, func(d *pipeline.Doc) error {
		if d.Raw != nil {
			d.Hash = parse.BlobID(d.Raw)
		}
		return emit(d)
	})
}

// restoring is the source of an --update run that rewrites the tables: a
// post whose origin, id and content the earlier run's ledger holds comes
// with that run's processed form, and the stages pass it through.
type restoring struct {
	pipeline.Source
	earlier  *write.Earlier
	restored *atomic.Int64
}

func (r restoring) Walk(ctx context.Context, emit func(*pipeline.Doc) error) error {
	return r.Source.Walk(ctx, func(d *pipeline.Doc) error {
		if d.Err == nil && d.Raw != nil {
			if st, ok := r.earlier.Lookup(d, d.Hash); ok && write.RestoreState(d, st) == nil {
				d.Raw, d.Restored, d.State = nil, true, st
				r.restored.Add(1)
			}
		}
		return emit(d)
	})
}

// errNotAppended stops an --update run that found the archives other than
// the earlier run's inputs, unchanged and in the same order, followed by
// new ones: the run then rewrites the tables instead.
var errNotAppended = errors.New("the archives changed other than by new posts at the end")

// appending is the source of an --update run that adds to the earlier
// run's tables: each input must be the earlier run's input at the same
// place (origin, id, size and content hash), which is passed by (Kept),
// until the new inputs after them.
//
// An input whose origin, size and modification time are the earlier
// one's is taken as unchanged without reading it (Unchanged); the others
// are read and hashed.
//
// A tarball whose size, modification time and content hash are those the
// earlier run recorded is not decompressed at all: its inputs are the
// earlier run's (Replay).
type appending struct {
	archives pipeline.Archives
	inputs   []write.Input
	kept     *atomic.Int64
	unread   *atomic.Int64 // tarballs replayed
	next     int           // the input the walk is at
	// prior are the tarballs the earlier run read, in order; nth counts
	// the tarballs met so far.
	prior []pipeline.ArchiveFile
	nth   int
}

// replay is the walker's question for the next tarball: when its bytes
// are those the earlier run read, the earlier run's inputs from it.
func (a *appending) replay(f pipeline.ArchiveFile, hash func() (string, error)) ([]pipeline.Origin, bool) {
	i := a.nth
	a.nth++
	if i >= len(a.prior) {
		return nil, false
	}
	p := a.prior[i]
	if p.Path != f.Path || p.Size != f.Size || p.MTime != f.MTime || p.SHA256 == "" || a.next+p.Inputs > len(a.inputs) {
		return nil, false
	}
	archive := write.PathText(f.Path)
	origins := make([]pipeline.Origin, 0, p.Inputs)
	for _, in := range a.inputs[a.next : a.next+p.Inputs] {
		// The ledger renders paths as text; one that needed escaping is
		// not read back, and the archive is then read instead.
		path, ok := write.ParsePathText(in.Path)
		if in.Archive != archive || !ok {
			return nil, false
		}
		o := pipeline.Origin{Archive: f.Path, Path: path, Size: in.Size}
		if in.MTime != 0 {
			o.ModTime = time.Unix(0, in.MTime)
		}
		origins = append(origins, o)
	}
	if sum, err := hash(); err != nil || sum != p.SHA256 {
		return nil, false
	}
	a.unread.Add(1)
	return origins, true
}

// Unchanged is the walker's question for the next input.
func (a *appending) Unchanged(o pipeline.Origin) bool {
	if a.next >= len(a.inputs) || o.ModTime.IsZero() {
		return false
	}
	in := a.inputs[a.next]
	return in.MTime == o.ModTime.UnixNano() && in.Size == o.Size &&
		in.Archive == write.PathText(o.Archive) && in.Path == write.PathText(o.Path)
}

func (a *appending) Walk(ctx context.Context, emit func(*pipeline.Doc) error) error {
	a.next, a.nth = 0, 0
	src := a.archives
	src.Unchanged = a.Unchanged
	src.Replay = a.replay
	err := hashing{src}.Walk(ctx, func(d *pipeline.Doc) error {
		if i := a.next; i < len(a.inputs) {
			in := a.inputs[i]
			a.next++
			if d.Kept {
				// Not read: known by its size and time.
				d.Hash = in.Hash
			}
			if in.Archive != write.PathText(d.Source.Archive) || in.Path != write.PathText(d.Source.Path) ||
				in.Size != d.Source.Size || in.Hash != d.Hash || (in.Doc && (d.Err != nil || in.DocID != d.ID)) {
				return errNotAppended
			}
			d.Kept, d.Raw = true, nil
			if !in.Doc && d.Err == nil {
				// An input rejected before, unchanged: its errors row stays.
				d.Err = &pipeline.DocError{Stage: "earlier run", Err: "kept"}
			}
			if in.Doc {
				a.kept.Add(1)
			}
		}
		return emit(d)
	})
	if err == nil && a.next < len(a.inputs) {
		err = errNotAppended
	}
	return err
}

// runReport is run.json.
type runReport struct {
	Tool        string     `json:"tool"`
	Version     string     `json:"version"`
	Started     time.Time  `json:"started"`
	Finished    time.Time  `json:"finished"`
	WallSeconds float64    `json:"wall_seconds"`
	Settings    runOptions `json:"settings"`
	Files       int64      `json:"files"`
	Documents   int64      `json:"documents"`
	Errors      int64      `json:"errors"`
	// Restored counts the documents taken from the earlier run and
	// written again (--update, when the archives changed other than by
	// new posts at the end).
	Restored int64 `json:"restored"`
	// Kept counts the documents of the earlier run left in its part files
	// (--update adding new posts).
	Kept int64 `json:"kept"`
	// UnreadArchives counts the tarballs an --update passed by without
	// decompressing them: the same size, time and content as the earlier
	// run read.
	UnreadArchives int64            `json:"archives_unread"`
	InputBytes     int64            `json:"input_bytes"`
	MBPerSecond    float64          `json:"mb_per_second"`
	DocsPerSec     float64          `json:"docs_per_second"`
	Stages         []stageJSON      `json:"stages"`
	Tables         map[string]int64 `json:"tables"`
	// CountFloor is the count at or below which corpus statistics dropped
	// rare terms and pairs to bound memory (0: the counts are exact).
	CountFloor int               `json:"count_floor"`
	Models     map[string]string `json:"models"`
	// Slowest is the post the stages spent the most time on.
	Slowest slowestJSON `json:"slowest"`
}

type slowestJSON struct {
	Archive string  `json:"archive"`
	Path    string  `json:"path"`
	Seconds float64 `json:"seconds"`
}

type stageJSON struct {
	Name        string  `json:"name"`
	Workers     int     `json:"workers"`
	Docs        int64   `json:"docs"`
	Errors      int64   `json:"errors"`
	BusySeconds float64 `json:"busy_seconds"`
	// MBPerBusySecond is the stage's speed on one core: input megabytes per
	// second of worker time.
	MBPerBusySecond float64 `json:"mb_per_busy_second"`
}

// runPipeline does the run and writes its tables and run.json.
func runPipeline(ctx context.Context, o runOptions, stderr io.Writer) (*runReport, error) {
	started := time.Now()
	var restored atomic.Int64
	// An update reads the earlier run (its ledger and saved state) and, when
	// it can add to that run, walks the archives to the new posts while the
	// models load: each takes a good part of a second, and none needs the
	// models. What the run does not use is stopped when it returns.
	aheadCtx, stopAhead := context.WithCancel(ctx)
	defer stopAhead()
	var prior chan earlierRun
	if o.Update {
		prior = make(chan earlierRun, 1)
		go func() {
			e := readEarlier(o)
			if e.state != nil && e.ledger != nil {
				a := &walkAhead{}
				src := &appending{archives: o.archives(&a.walked), inputs: e.ledger.Inputs(), kept: &a.kept, unread: &a.unread, prior: e.state.Archives()}
				a.src = pipeline.Prefetch(aheadCtx, src, aheadLimit)
				e.ahead = a
			}
			prior <- e
		}()
	}
	// Loading the models takes seconds and does not look at ctx: wait for
	// it only while the run is wanted.
	type loaded struct {
		b   *built
		err error
	}
	ch := make(chan loaded, 1)
	go func() {
		b, err := buildStages(o.Models)
		ch <- loaded{b, err}
	}()
	var b *built
	select {
	case l := <-ch:
		if l.err != nil {
			return nil, l.err
		}
		b = l.b
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	meta := outputMeta(o, b.sums)
	var (
		earlier *write.Earlier
		state   *write.State
		e       earlierRun
	)
	if o.Update {
		select {
		case e = <-prior:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.ahead != nil {
			defer e.ahead.src.Stop()
		}
		var err error
		if earlier, state, err = e.check(o, meta); err != nil {
			return nil, err
		}
		if earlier != nil {
			defer earlier.Close()
		}
	}
	cfg := pipeline.Config{Workers: o.Workers, DocTimeout: o.DocTimeout}

	// The progress bar appears once the posts are counted (beside the run:
	// a tarball must be read through to count them) and then shows the
	// share done, the rate and the time left.
	var bar atomic.Pointer[progressbar.ProgressBar]
	var written atomic.Int64
	if f, ok := stderr.(*os.File); ok && !o.Quiet && term.IsTerminal(int(f.Fd())) {
		countCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			if n, _, err := o.archives(nil).Count(countCtx); err == nil && countCtx.Err() == nil {
				b := newBar(f, n)
				b.Set64(written.Load())
				bar.Store(b)
			}
		}()
		cfg.OnWrite = func(*pipeline.Doc) {
			written.Add(1)
			if b := bar.Load(); b != nil {
				b.Add(1)
			}
		}
	}

	if o.memEvery > 0 && o.memProfile != "" {
		cfg.OnWrite = profileEvery(cfg.OnWrite, o.memEvery, o.memProfile, started, stderr)
	}

	stages := append(b.stages[:len(b.stages):len(b.stages)], write.StateStage{})
	if o.onlyStages > 0 {
		stages = stages[:min(o.onlyStages, len(stages))]
	}
	wopt := write.Options{Overwrite: o.Overwrite || o.Update, Meta: meta, Entity: b.entityInfo, Corpus: o.corpusOptions()}
	// pass runs the stages over src into the opened tables; walked are the
	// tarballs src reads, for the saved state (see appending).
	pass := func(src pipeline.Source, walked *[]pipeline.ArchiveFile, wopt write.Options) (*pipeline.Report, *write.Writer, error) {
		w, err := write.Open(o.Out, wopt)
		if err != nil {
			if errors.Is(err, write.ErrExists) {
				return nil, nil, fmt.Errorf("%s: %w", o.Out, err)
			}
			return nil, nil, err
		}
		rep, err := pipeline.Run(ctx, src, stages, w, cfg)
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			w.Abort()
			return nil, nil, err
		}
		w.SetArchives(*walked)
		if err := w.Close(); err != nil {
			return nil, nil, err
		}
		return rep, w, nil
	}
	var (
		rep          *pipeline.Report
		w            *write.Writer
		err          error
		walked       []pipeline.ArchiveFile
		kept, unread int64
	)
	if earlier != nil && state != nil {
		// New posts after the earlier run's, the archives' daily growth:
		// only they are read through the stages and written, as new parts.
		aopt := wopt
		aopt.Continue, aopt.State = true, state
		state = nil
		rep, w, err = pass(e.ahead.src, &e.ahead.walked, aopt)
		if err == nil {
			kept, unread = e.ahead.kept.Load(), e.ahead.unread.Load()
		}
		if errors.Is(err, errNotAppended) {
			written.Store(0)
			if b := bar.Load(); b != nil {
				b.Reset()
			}
			rep, w, err = pass(restoring{hashing{o.archives(&walked)}, earlier, &restored}, &walked, wopt)
		}
	} else if earlier != nil {
		rep, w, err = pass(restoring{hashing{o.archives(&walked)}, earlier, &restored}, &walked, wopt)
	} else {
		rep, w, err = pass(hashing{o.archives(&walked)}, &walked, wopt)
	}
	if b := bar.Swap(nil); b != nil {
		b.Clear()
	}
	if err != nil {
		return nil, err
	}
	finished := time.Now()
	r := runReport{
		Tool: "newsnlp", Version: Version(), Started: started.UTC(), Finished: finished.UTC(),
		WallSeconds: rep.Wall.Seconds(), Settings: o, Files: rep.Files,
		Documents: rep.Files - rep.Failed, Errors: rep.Failed, Restored: restored.Load(), Kept: kept, UnreadArchives: unread, InputBytes: rep.Bytes,
		Tables: w.Rows(), Models: b.sums, CountFloor: w.Stats().Floor(),
		Slowest: slowestJSON{Archive: write.PathText(rep.Slowest.Archive), Path: write.PathText(rep.Slowest.Path), Seconds: rep.SlowestTime.Seconds()},
	}
	if s := rep.Wall.Seconds(); s > 0 {
		r.MBPerSecond = float64(rep.Bytes) / 1e6 / s
		r.DocsPerSec = float64(rep.Files) / s
	}
	for _, s := range rep.Stages {
		sj := stageJSON{Name: s.Name, Workers: s.Workers, Docs: s.Docs, Errors: s.Errors, BusySeconds: s.Busy.Seconds()}
		if s.Busy > 0 {
			sj.MBPerBusySecond = float64(s.Bytes) / 1e6 / s.Busy.Seconds()
		}
		r.Stages = append(r.Stages, sj)
	}
	if err := writeJSONFile(filepath.Join(o.Out, "run.json"), r); err != nil {
		return nil, err
	}
	if !o.Quiet {
		printSummary(stderr, r)
	}
	return &r, nil
}

func newBar(f *os.File, total int64) *progressbar.ProgressBar {
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("posts"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("posts"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionFullWidth(),
		progressbar.OptionClearOnFinish(),
	)
}

// writeJSONFile writes v to name through a temporary file, so that the file
// appears whole or not at all.
func writeJSONFile(name string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(name, append(b, '\n'))
}

func printSummary(w io.Writer, r runReport) {
	fmt.Fprintf(w, "newsnlp: %d posts (%d documents, %d errors), %.1f MB in %s: %.1f MB/s, %.0f posts/s\n",
		r.Files, r.Documents, r.Errors, float64(r.InputBytes)/1e6,
		time.Duration(r.WallSeconds*float64(time.Second)).Round(time.Millisecond), r.MBPerSecond, r.DocsPerSec)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\tworkers\tdocs\terrors\tbusy s\tMB/s per worker\t")
	for _, s := range r.Stages {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.2f\t%.1f\t\n", s.Name, s.Workers, s.Docs, s.Errors, s.BusySeconds, s.MBPerBusySecond)
	}
	tw.Flush()
	var tables []string
	for _, t := range write.Tables {
		tables = append(tables, fmt.Sprintf("%s (%d rows)", t, r.Tables[t]))
	}
	fmt.Fprintf(w, "tables (DIR/<table>/*.parquet): %s; run.json, in %s\n", strings.Join(tables, ", "), r.Settings.Out)
	if r.Kept > 0 || r.Restored > 0 {
		fmt.Fprintf(w, "update: %d documents of the earlier run kept as they were, %d restored and written again\n", r.Kept, r.Restored)
	}
}

// profileEvery calls next for each post written and, every n posts, runs
// a collection and writes a heap profile to base.N, and a line to log
// (posts, seconds since start, live heap) to place the posts on the
// collector's trace. A profile that cannot be written is said in log and
// the run goes on: the profiles serve performance work, not the tables.
func profileEvery(next func(*pipeline.Doc), n int64, base string, start time.Time, log io.Writer) func(*pipeline.Doc) {
	var count int64
	return func(d *pipeline.Doc) {
		if next != nil {
			next(d)
		}
		count++
		if count%n != 0 {
			return
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Fprintf(log, "memprofile: %d posts at %.1fs, live heap %d B\n", count, time.Since(start).Seconds(), ms.HeapAlloc)
		if err := writeProfile(fmt.Sprintf("%s.%d", base, count), "heap"); err != nil {
			fmt.Fprintf(log, "memprofile: %v\n", err)
		}
	}
}
