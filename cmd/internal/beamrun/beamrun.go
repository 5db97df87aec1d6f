package beamrun

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/newsnlp/newsnlp/cmd/internal/setup"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/corpus"
	"github.com/newsnlp/newsnlp/stages/parse"
	"github.com/newsnlp/newsnlp/stages/write"
)

// Options are the settings of a distributed run.
type Options struct {
	Archives   []string
	Out        string
	Filter     pipeline.Filter
	Models     setup.ModelOptions
	Corpus     corpus.Options
	Workers    int           // goroutines per stage inside one bundle; 0 means the worker's CPUs
	DocTimeout time.Duration // per post, as in newsnlp run; 0 means none
	Chunk      int           // posts per work item; 0 means 500
	Overwrite  bool
	Version    string // the tool's version, for the tables' metadata
	// DryRun is set when the runner only prints the job (Dataflow's
	// --dry_run): nothing runs, and the scratch folder goes at once.
	DryRun bool
}

// Chunk is a work item: the entries [Lo, Hi) of one archive's walk, whose
// IDs the launcher's list gave and whose first one is the run's post Seq0.
type Chunk struct {
	Archive string
	Lo, Hi  int64
	Seq0    int64
	IDs     []string
}

// Processed is a post that went through every stage: its origin and its
// processed form (write.EncodeState), which is also its ledger state.
type Processed struct {
	Seq     int64
	ID      string
	Archive string
	Path    string
	Size    int64
	State   []byte
	Hash    string // the input's content hash, for the ledger
	ModTime int64  // the input's modification time (Unix ns, 0: none), for the ledger
}

// Failed is an input that became an errors row.
type Failed struct {
	Seq     int64
	ID      string
	Archive string
	Path    string
	Size    int64
	Stage   string
	Err     string
	Hash    string
	ModTime int64
}

// StatsDoc is what the corpus statistics need of a post.
type StatsDoc struct {
	ID        string
	Published string // RFC 3339, "" when the post gives no date
	Outlet    string
	Terms     []string
	Counts    []int64
	EntityIDs []string // one per mention
	Types     []string
	Names     []string
}

func init() {
	for _, t := range []any{Chunk{}, Processed{}, Failed{}, StatsDoc{}, corpus.Fingerprint{}, write.EntityPart{}, write.PartFile{}} {
		beam.RegisterType(reflect.TypeOf(t))
	}
	beam.RegisterCoder(reflect.TypeOf((*corpus.Stats)(nil)), encodeStats, decodeStats)
	register.DoFn7x1[context.Context, Chunk, func(Processed), func(Failed), func(corpus.Fingerprint), func(StatsDoc), func(string, write.EntityPart), error]((*processFn)(nil))
	// docsWriteFn takes a side input in FinishBundle too, which the
	// generic registration does not cover: it runs by reflection.
	beam.RegisterType(reflect.TypeOf((*docsWriteFn)(nil)).Elem())
	register.DoFn2x1[Failed, func(write.PartFile), error]((*errorsWriteFn)(nil))
	register.DoFn2x1[[]byte, func(write.PartFile), error]((*statsWriteFn)(nil))
	register.DoFn3x1[string, write.EntityPart, func(write.PartFile), error]((*entitiesWriteFn)(nil))
	register.DoFn3x1[context.Context, int, func(*write.PartFile) bool, error]((*finalizeFn)(nil))
	register.Combiner3[[]corpus.Fingerprint, corpus.Fingerprint, []byte]((*dupFn)(nil))
	register.Combiner3[*corpus.Stats, StatsDoc, []byte]((*statsFn)(nil))
	register.Combiner1[write.EntityPart]((*entityFn)(nil))
	register.Emitter1[Processed]()
	register.Emitter1[Failed]()
	register.Emitter1[corpus.Fingerprint]()
	register.Emitter1[StatsDoc]()
	register.Emitter2[string, write.EntityPart]()
	register.Emitter1[write.PartFile]()
	register.Iter1[write.PartFile]()
}

func encodeStats(s *corpus.Stats) ([]byte, error) { return s.MarshalCounts() }

func decodeStats(b []byte) (*corpus.Stats, error) {
	var s corpus.Stats
	err := s.UnmarshalCounts(b)
	return &s, err
}

// List makes the work items: the archives' posts in the order newsnlp run
// reads them, consecutive entries of one archive per chunk. It also
// returns the number of posts.
func List(ctx context.Context, o Options) ([]Chunk, int64, error) {
	size := o.Chunk
	if size <= 0 {
		size = 500
	}
	var out []Chunk
	var seq int64
	var pos int64 // position in the current archive's walk
	arch := ""
	a := pipeline.Archives{Paths: o.Archives, Filter: o.Filter, Remote: beamFS{}}
	err := a.List(ctx, func(d *pipeline.Doc) error {
		if d.Source.Archive != arch {
			arch, pos = d.Source.Archive, 0
		}
		if n := len(out); n == 0 || out[n-1].Archive != arch || out[n-1].Hi-out[n-1].Lo >= int64(size) || out[n-1].Hi != pos {
			out = append(out, Chunk{Archive: arch, Lo: pos, Hi: pos, Seq0: seq})
		}
		c := &out[len(out)-1]
		c.IDs = append(c.IDs, d.ID)
		c.Hi++
		pos++
		seq++
		return nil
	})
	return out, seq, err
}

// Pipeline builds the Beam pipeline of a run over the chunks; meta goes
// into every table, scratch is the folder for part files until they are in
// place.
func Pipeline(o Options, chunks []Chunk, meta map[string]string, scratch string) *beam.Pipeline {
	p, s := beam.NewPipelineWithRoot()
	items := beam.Reshuffle(s, beam.CreateList(s, chunks))
	docs, errs, fps, sdocs, eparts := beam.ParDo5(s, &processFn{Archives: o.Archives, Filter: o.Filter, Models: o.Models, Workers: o.Workers, DocTimeout: int64(o.DocTimeout)}, items)

	dups := beam.Combine(s, &dupFn{Opt: o.Corpus}, fps)
	docFiles := beam.ParDo(s, &docsWriteFn{Scratch: scratch, Meta: meta}, docs, beam.SideInput{Input: dups})
	errFiles := beam.ParDo(s, &errorsWriteFn{Scratch: scratch, Meta: meta}, errs)
	stats := beam.Combine(s, &statsFn{Opt: o.Corpus}, sdocs)
	statFiles := beam.ParDo(s, &statsWriteFn{Scratch: scratch, Meta: meta}, stats)
	ents := beam.CombinePerKey(s, &entityFn{}, eparts)
	entFiles := beam.ParDo(s, &entitiesWriteFn{Scratch: scratch, Meta: meta, Models: o.Models}, ents)

	files := beam.Flatten(s, docFiles, errFiles, statFiles, entFiles)
	beam.ParDo0(s, &finalizeFn{Out: o.Out, Scratch: scratch, Meta: meta}, beam.GroupByKey(s, beam.AddFixedKey(s, files)))
	return p
}

// Meta is the tables' metadata of a run, as newsnlp run writes it.
func Meta(o Options, sums map[string]string) map[string]string {
	return setup.Meta(o.Version, setup.Settings{Archives: o.Archives, Exts: o.Filter.Exts, Include: o.Filter.Include,
		Exclude: o.Filter.Exclude, MaxSize: o.Filter.MaxSize, Models: o.Models, MinFreq: o.Corpus.MinFreq,
		TopKey: o.Corpus.TopPerGroup, NoStats: o.Corpus.Off}, sums)
}

// Run checks the output directory, lists the posts, builds the pipeline
// and has execute run it (beamx.Run, or a runner's Execute); it returns
// the number of posts. On failure the scratch folder is removed and the
// directory keeps the tables it held.
func Run(ctx context.Context, o Options, execute func(context.Context, *beam.Pipeline) error) (int64, error) {
	remote := Remote(o.Out)
	if remote {
		o.Out = strings.TrimSuffix(o.Out, "/")
		if _, err := fileSystem(o.Out); err != nil {
			return 0, fmt.Errorf("%w: --out %v", setup.ErrUsage, err)
		}
		if err := write.CheckOutStore(ctx, beamFS{}, o.Out, o.Overwrite); err != nil {
			return 0, fmt.Errorf("%s: %w", o.Out, err)
		}
	} else {
		if err := os.MkdirAll(o.Out, 0o755); err != nil {
			return 0, err
		}
		if err := write.CheckOut(o.Out, o.Overwrite); err != nil {
			return 0, fmt.Errorf("%s: %w", o.Out, err)
		}
	}
	b, err := setup.Build(o.Models)
	if err != nil {
		return 0, err
	}
	chunks, n, err := List(ctx, o)
	if err != nil {
		return 0, err
	}
	var scratch string
	if remote {
		scratch = o.Out + "/.beam-tmp-" + randomHex()
	} else {
		abs, err := filepath.Abs(o.Out)
		if err != nil {
			return 0, err
		}
		o.Out = abs
		if scratch, err = os.MkdirTemp(abs, ".beam-tmp-"); err != nil {
			return 0, err
		}
	}
	if err := execute(ctx, Pipeline(o, chunks, Meta(o, b.Sums), scratch)); err != nil {
		if remote {
			// The context may be done: the removal must still run.
			write.RemoveScratch(context.Background(), beamFS{}, scratch)
		} else {
			os.RemoveAll(scratch)
		}
		return 0, err
	}
	if o.DryRun && !remote {
		os.RemoveAll(scratch)
	}
	return n, nil
}

// CheckArchive reports an archive that cannot be read: a local path that
// does not exist, or a store's path that is neither an object nor a
// folder holding any (an unknown scheme included).
func CheckArchive(ctx context.Context, path string) error {
	if !Remote(path) {
		_, err := os.Stat(path)
		return err
	}
	fs := beamFS{}
	p := strings.TrimSuffix(path, "/")
	if _, _, err := fs.Stat(ctx, p); err == nil {
		return nil
	}
	names, err := fs.ListAll(ctx, p)
	if err == nil && len(names) == 0 {
		err = fmt.Errorf("%s: no such object, nor objects under it", path)
	}
	return err
}

func randomHex() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// processFn reads a chunk and passes its posts through every stage of
// newsnlp run, with the local runner (its worker pools, time limit and
// error routing) inside the bundle.
type processFn struct {
	Archives   []string
	Filter     pipeline.Filter
	Models     setup.ModelOptions
	Workers    int
	DocTimeout int64

	built *setup.Built
}

// Setup loads the models once per worker process (setup.Build caches
// them for every DoFn instance of the process).
func (f *processFn) Setup() error {
	b, err := setup.Build(f.Models)
	f.built = b
	return err
}

type chunkSource struct {
	a pipeline.Archives
	c Chunk
}

func (s chunkSource) Walk(ctx context.Context, emit func(*pipeline.Doc) error) error {
	i := 0
	err := s.a.ReadRange(ctx, s.c.Archive, int(s.c.Lo), int(s.c.Hi), func(d *pipeline.Doc) error {
		if i >= len(s.c.IDs) {
			return errors.New("the archive changed since it was listed")
		}
		d.ID = s.c.IDs[i]
		i++
		// The ledger's content hash, as newsnlp run gives it.
		if d.Raw != nil {
			d.Hash = parse.BlobID(d.Raw)
		}
		return emit(d)
	})
	if err == nil && i != len(s.c.IDs) {
		err = fmt.Errorf("%s: the archive changed since it was listed: %d posts of %d in entries %d–%d", s.c.Archive, i, len(s.c.IDs), s.c.Lo, s.c.Hi)
	}
	return err
}

type sinkFunc func(*pipeline.Doc) error

func (f sinkFunc) Write(d *pipeline.Doc) error { return f(d) }

// ProcessElement emits each post processed, or rejected, and what the
// corpus statistics need of it (taken here, from the post in memory, so
// that no later step decodes its state for them).
func (f *processFn) ProcessElement(ctx context.Context, c Chunk, emitDoc func(Processed), emitErr func(Failed),
	fp func(corpus.Fingerprint), sd func(StatsDoc), ep func(string, write.EntityPart)) error {
	n := len(f.built.Stages)
	stages := append(f.built.Stages[:n:n], write.StateStage{})
	src := chunkSource{a: pipeline.Archives{Paths: f.Archives, Filter: f.Filter, Remote: beamFS{}}, c: c}
	sink := sinkFunc(func(d *pipeline.Doc) error {
		seq := c.Seq0 + d.Seq
		if d.Err != nil || d.Post == nil {
			if d.Err == nil {
				d.Err = &pipeline.DocError{Stage: "write", Err: "document was not parsed"}
			}
			emitErr(Failed{Seq: seq, ID: d.ID, Archive: d.Source.Archive, Path: d.Source.Path, Size: d.Source.Size, Stage: d.Err.Stage, Err: d.Err.Err, Hash: d.Hash, ModTime: unixNano(d.Source.ModTime)})
			return nil
		}
		d.Seq = seq
		emitDoc(Processed{Seq: seq, ID: d.ID, Archive: d.Source.Archive, Path: d.Source.Path, Size: d.Source.Size, State: d.State, Hash: d.Hash, ModTime: unixNano(d.Source.ModTime)})
		statsOf(d, fp, sd, ep)
		return nil
	})
	_, err := pipeline.Run(ctx, src, stages, sink, pipeline.Config{Workers: f.Workers, DocTimeout: time.Duration(f.DocTimeout)})
	return err
}

// restore rebuilds a processed post.
func restore(p Processed) (*pipeline.Doc, error) {
	d := &pipeline.Doc{Seq: p.Seq, ID: p.ID, Hash: p.Hash, Source: pipeline.Origin{Archive: p.Archive, Path: p.Path, Size: p.Size, ModTime: fromUnixNano(p.ModTime)}}
	if err := write.RestoreState(d, p.State); err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	return d, nil
}

// statsOf emits what the corpus statistics need of a processed post.
func statsOf(d *pipeline.Doc, fp func(corpus.Fingerprint), sd func(StatsDoc), ep func(string, write.EntityPart)) {
	if d.SimHash != 0 {
		fp(corpus.Fingerprint{Seq: d.Seq, ID: d.ID, Hash: d.SimHash})
	}
	s := StatsDoc{ID: d.ID, Outlet: d.Post.Outlet}
	if !d.Post.Published.IsZero() {
		s.Published = d.Post.Published.Format(time.RFC3339Nano)
	}
	for _, tw := range d.TermWords {
		s.Terms = append(s.Terms, tw.Term)
		s.Counts = append(s.Counts, int64(tw.Count))
	}
	for _, m := range d.Mentions {
		s.EntityIDs = append(s.EntityIDs, m.EntityID)
		s.Types = append(s.Types, m.Type)
		s.Names = append(s.Names, m.Name)
	}
	sd(s)
	for _, e := range write.EntityParts(d) {
		ep(e.ID, e)
	}
}

// dupFn groups near-duplicates over the whole run in input order: the
// accumulator keeps every post's fingerprint (about 40 bytes a post).
type dupFn struct {
	Opt corpus.Options
}

func (f *dupFn) CreateAccumulator() []corpus.Fingerprint { return nil }

func (f *dupFn) AddInput(a []corpus.Fingerprint, x corpus.Fingerprint) []corpus.Fingerprint {
	return append(a, x)
}

func (f *dupFn) MergeAccumulators(a, b []corpus.Fingerprint) []corpus.Fingerprint {
	return append(a, b...)
}

func (f *dupFn) ExtractOutput(a []corpus.Fingerprint) ([]byte, error) {
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(corpus.DupGroups(a, f.Opt))
	return buf.Bytes(), err
}

// statsFn counts terms per month and outlet and pairs of entities, bounded
// as in newsnlp run (corpus.Options.MaxEntries per accumulator).
type statsFn struct {
	Opt corpus.Options
}

func (f *statsFn) CreateAccumulator() *corpus.Stats { return corpus.New(f.Opt) }

func (f *statsFn) AddInput(s *corpus.Stats, x StatsDoc) (*corpus.Stats, error) {
	d := &pipeline.Doc{ID: x.ID, Post: &pipeline.Post{Outlet: x.Outlet}}
	if x.Published != "" {
		t, err := time.Parse(time.RFC3339Nano, x.Published)
		if err != nil {
			return nil, err
		}
		d.Post.Published = t
	}
	if len(x.Terms) > 0 {
		d.TermWords = make([]pipeline.TermWord, len(x.Terms))
		for i, t := range x.Terms {
			d.TermWords[i] = pipeline.TermWord{Term: t, Count: int32(x.Counts[i])}
		}
	}
	for i, id := range x.EntityIDs {
		d.Mentions = append(d.Mentions, pipeline.Mention{EntityID: id, Type: x.Types[i], Name: x.Names[i]})
	}
	s.Count(d)
	return s, nil
}

func (f *statsFn) MergeAccumulators(a, b *corpus.Stats) *corpus.Stats {
	a.Merge(b)
	return a
}

// statsRows is the output of statsFn: the keyness and cooccurrence tables.
type statsRows struct {
	Keyness []corpus.KeynessRow
	Pairs   []corpus.PairRow
}

func (f *statsFn) ExtractOutput(s *corpus.Stats) ([]byte, error) {
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(statsRows{s.Keyness(), s.Cooccurrence()})
	return buf.Bytes(), err
}

// entityFn merges an entity's counts.
type entityFn struct{}

func (entityFn) MergeAccumulators(a, b write.EntityPart) write.EntityPart {
	return write.MergeEntityParts(a, b)
}

// partsWriter holds a bundle's part files for a writing DoFn. For an
// output in a store they are written to the worker's temporary folder
// first, then uploaded to the scratch folder by finish.
type partsWriter struct {
	parts  *write.Parts
	local  string // the worker's folder for them, when the scratch folder is a store's
	entity func(string) (write.EntityInfo, bool)
}

func (w *partsWriter) get(scratch string, meta map[string]string) (*write.Parts, error) {
	if w.parts == nil {
		dir := scratch
		if Remote(scratch) {
			var err error
			if w.local, err = os.MkdirTemp("", "newsnlp-beam-"); err != nil {
				return nil, err
			}
			dir = w.local
		}
		p, err := write.NewParts(dir, meta, w.entity)
		if err != nil {
			return nil, err
		}
		w.parts = p
	}
	return w.parts, nil
}

// finish completes the bundle's files and emits their names.
func (w *partsWriter) finish(ctx context.Context, scratch string, emit func(write.PartFile)) error {
	if w.parts == nil {
		return nil
	}
	files, err := w.parts.Close()
	w.parts = nil
	if w.local != "" {
		if err == nil {
			files, err = write.Upload(ctx, beamFS{}, scratch, files)
		}
		os.RemoveAll(w.local)
		w.local = ""
	}
	if err != nil {
		return err
	}
	for _, f := range files {
		emit(f)
	}
	return nil
}

// abort drops a failed bundle's files, on the worker's disk too.
func (w *partsWriter) abort() {
	if w.parts != nil {
		w.parts.Abort()
		w.parts = nil
	}
	if w.local != "" {
		os.RemoveAll(w.local)
		w.local = ""
	}
}

// docsWriteFn writes the documents, mentions, quotes, keywords and ledger
// rows of the processed posts, one part file per table and bundle.
type docsWriteFn struct {
	Scratch string
	Meta    map[string]string

	w      partsWriter
	groups map[string]string
}

// ProcessElement writes a post's rows; the files are emitted by
// FinishBundle.
func (f *docsWriteFn) ProcessElement(p Processed, dups []byte, _ func(write.PartFile)) error {
	if f.groups == nil {
		f.groups = map[string]string{}
		if err := gob.NewDecoder(bytes.NewReader(dups)).Decode(&f.groups); err != nil {
			return fmt.Errorf("near-duplicate groups: %w", err)
		}
	}
	d, err := restore(p)
	if err != nil {
		return err
	}
	d.DupGroup = d.ID
	if g, ok := f.groups[d.ID]; ok {
		d.DupGroup = g
	}
	parts, err := f.w.get(f.Scratch, f.Meta)
	if err != nil {
		return err
	}
	return parts.Document(d, p.State)
}

// FinishBundle completes the bundle's files and emits them (Beam asks a
// DoFn with a side input to take it here too).
func (f *docsWriteFn) FinishBundle(ctx context.Context, _ []byte, emit func(write.PartFile)) error {
	return f.w.finish(ctx, f.Scratch, emit)
}

// Teardown drops what a failed bundle left.
func (f *docsWriteFn) Teardown() { f.w.abort() }

// errorsWriteFn writes the errors rows and their ledger rows.
type errorsWriteFn struct {
	Scratch string
	Meta    map[string]string

	w partsWriter
}

func (f *errorsWriteFn) ProcessElement(x Failed, _ func(write.PartFile)) error {
	parts, err := f.w.get(f.Scratch, f.Meta)
	if err != nil {
		return err
	}
	d := &pipeline.Doc{Seq: x.Seq, ID: x.ID, Hash: x.Hash, Source: pipeline.Origin{Archive: x.Archive, Path: x.Path, Size: x.Size, ModTime: fromUnixNano(x.ModTime)},
		Err: &pipeline.DocError{Stage: x.Stage, Err: x.Err}}
	return parts.Error(d)
}

func (f *errorsWriteFn) FinishBundle(ctx context.Context, emit func(write.PartFile)) error {
	return f.w.finish(ctx, f.Scratch, emit)
}

// Teardown drops what a failed bundle left.
func (f *errorsWriteFn) Teardown() { f.w.abort() }

// statsWriteFn writes the keyness and cooccurrence tables.
type statsWriteFn struct {
	Scratch string
	Meta    map[string]string

	w partsWriter
}

func (f *statsWriteFn) ProcessElement(b []byte, _ func(write.PartFile)) error {
	var rows statsRows
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&rows); err != nil {
		return err
	}
	parts, err := f.w.get(f.Scratch, f.Meta)
	if err != nil {
		return err
	}
	for _, r := range rows.Keyness {
		if err := parts.Keyness(r); err != nil {
			return err
		}
	}
	for _, r := range rows.Pairs {
		if err := parts.Pair(r); err != nil {
			return err
		}
	}
	return nil
}

func (f *statsWriteFn) FinishBundle(ctx context.Context, emit func(write.PartFile)) error {
	return f.w.finish(ctx, f.Scratch, emit)
}

// Teardown drops what a failed bundle left.
func (f *statsWriteFn) Teardown() { f.w.abort() }

// entitiesWriteFn writes the entities table, describing lexicon entities
// from the gazetteer.
type entitiesWriteFn struct {
	Scratch string
	Meta    map[string]string
	Models  setup.ModelOptions

	w partsWriter
}

func (f *entitiesWriteFn) Setup() error {
	b, err := setup.Build(f.Models)
	if err != nil {
		return err
	}
	f.w.entity = b.EntityInfo
	return nil
}

func (f *entitiesWriteFn) ProcessElement(_ string, e write.EntityPart, _ func(write.PartFile)) error {
	parts, err := f.w.get(f.Scratch, f.Meta)
	if err != nil {
		return err
	}
	return parts.Entity(e)
}

func (f *entitiesWriteFn) FinishBundle(ctx context.Context, emit func(write.PartFile)) error {
	return f.w.finish(ctx, f.Scratch, emit)
}

// Teardown drops what a failed bundle left.
func (f *entitiesWriteFn) Teardown() { f.w.abort() }

// finalizeFn moves every part file into place once all bundles are done.
type finalizeFn struct {
	Out     string
	Scratch string
	Meta    map[string]string
}

func (f *finalizeFn) ProcessElement(ctx context.Context, _ int, files func(*write.PartFile) bool) error {
	var all []write.PartFile
	var pf write.PartFile
	for files(&pf) {
		all = append(all, pf)
	}
	if Remote(f.Out) {
		return write.FinalizeStore(ctx, beamFS{}, f.Out, f.Scratch, all, f.Meta)
	}
	return write.Finalize(f.Out, f.Scratch, all, f.Meta)
}

// unixNano and fromUnixNano carry a modification time across workers;
// the zero time (none known) is 0.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromUnixNano(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}
