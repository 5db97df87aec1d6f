package write

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/corpus"
	"golang.org/x/sync/errgroup"
)

// Tables are the files a run writes, in the order they are committed.
var Tables = []string{"documents", "mentions", "entities", "quotes", "keywords", "keyness", "cooccurrence", "errors", "ledger"}

// EntityInfo is what the lexicons say of an entity, for the entities table.
type EntityInfo struct {
	Name, NameEn, ISO3, Country string
	Aliases                     []string
}

// Options configure a Writer.
type Options struct {
	// Overwrite replaces the tables of an earlier run in the directory;
	// without it, Open refuses a directory that holds any.
	Overwrite bool
	// Meta goes into every table's key-value metadata: the tool's version,
	// the settings that shape the output, model checksums. Nothing in it may
	// vary between runs that should give identical files (no times, no
	// worker counts).
	Meta map[string]string
	// Allocator for Arrow buffers; nil means one that keeps the large
	// buffers Arrow frees for reuse (recycleAllocator).
	Allocator memory.Allocator
	// Entity looks up a lexicon entity by id; nil means none is known and
	// every entity is described by its mentions alone.
	Entity func(id string) (EntityInfo, bool)
	// Corpus sizes the corpus statistics.
	Corpus corpus.Options
	// Continue adds to the run in the directory: its parts stay, this
	// run's rows go to new parts, and the corpus statistics and entity
	// counts go on from its saved state. The caller must give only inputs
	// that come after the earlier run's in input order (and pass the
	// earlier ones by, pipeline.Doc.Kept); the tables are then those of a
	// fresh run over them all. Open fails when the directory holds no
	// state to go on from.
	Continue bool
	// State, with Continue, is the directory's saved state read beforehand
	// (ReadState, with the same Corpus options); nil: Open reads it. Open
	// takes it over: it serves one Open.
	State *State
}

// ErrExists is returned by Open when the directory holds an earlier run's
// tables and Overwrite is not set.
var ErrExists = errors.New("output directory holds tables of an earlier run (use --overwrite to replace them)")

// Writer is the pipeline's sink: it writes every Doc to the documents table,
// or to the errors table when a stage rejected it.
type Writer struct {
	dir      string
	docs     *table[*pipeline.Doc]
	mentions *table[mentionRow]
	quotes   *table[quoteRow]
	keywords *table[keywordRow]
	errs     *table[*pipeline.Doc]
	ledger   *table[ledgerRow]
	stats    *corpus.Stats
	ents     *entityAgg
	opt      Options
	mem      memory.Allocator
	done     bool
	// keyness and cooccurrence are written by Close; their row counts.
	keyRows, pairRows int64
	// gen numbers this run's parts.
	gen int
	// prior is the state of the run added to (Options.Continue); nil for
	// a fresh run, which removes old (the earlier run's files) on commit.
	prior *savedRun
	old   []string
	// archives go into the saved state (SetArchives).
	archives []pipeline.ArchiveFile
}

// SetArchives records the tarballs the run read, for the saved state.
func (w *Writer) SetArchives(a []pipeline.ArchiveFile) { w.archives = a }

// PriorArchives are the tarballs the run added to had read (Continue).
func (w *Writer) PriorArchives() []pipeline.ArchiveFile {
	if w.prior == nil {
		return nil
	}
	return w.prior.Archives
}

type keywordRow struct {
	doc *pipeline.Doc
	k   *pipeline.Keyword
}

type quoteRow struct {
	doc *pipeline.Doc
	q   *pipeline.Quote
}

type mentionRow struct {
	doc *pipeline.Doc
	m   *pipeline.Mention
}

// Open prepares dir (creating it) and the tables' temporary files.
func Open(dir string, opt Options) (*Writer, error) {
	w, err := open(dir, opt)
	return w, outputError(dir, err)
}

func open(dir string, opt Options) (*Writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := replayJournal(dir); err != nil {
		return nil, fmt.Errorf("completing the commit of an interrupted run: %w", err)
	}
	old, maxGen := existing(dir)
	if !opt.Overwrite && !opt.Continue && len(old) > 0 {
		return nil, ErrExists
	}
	removeStaleTemps(dir)
	mem := opt.Allocator
	if mem == nil {
		mem = newRecycleAllocator()
	}
	w := &Writer{dir: dir, opt: opt, mem: mem, ents: newEntityAgg(), stats: corpus.New(opt.Corpus), gen: maxGen + 1, old: old}
	if opt.Continue {
		st := opt.State
		if st == nil {
			var err error
			if st, err = readStateFor(dir, opt.Corpus); err != nil {
				return nil, err
			}
		}
		w.stats = st.stats
		if st.run.Entities != nil {
			w.ents.byID = st.run.Entities
		}
		w.prior, w.old, w.gen = st.run, nil, max(w.gen, st.run.Gen+1)
	}
	gen := w.gen
	var err error
	if w.docs, err = newTable(mem, dir, "documents", gen, documentColumns(), opt.Meta, docSize); err != nil {
		return nil, err
	}
	if w.mentions, err = newTable(mem, dir, "mentions", gen, mentionColumns(), opt.Meta, nil); err != nil {
		w.docs.abort()
		return nil, err
	}
	if w.quotes, err = newTable(mem, dir, "quotes", gen, quoteColumns(), opt.Meta, nil); err != nil {
		w.docs.abort()
		w.mentions.abort()
		return nil, err
	}
	if w.keywords, err = newTable(mem, dir, "keywords", gen, keywordColumns(), opt.Meta, nil); err != nil {
		w.docs.abort()
		w.mentions.abort()
		w.quotes.abort()
		return nil, err
	}
	if w.errs, err = newTable(mem, dir, "errors", gen, errorColumns(), opt.Meta, nil); err != nil {
		w.docs.abort()
		w.mentions.abort()
		w.quotes.abort()
		w.keywords.abort()
		return nil, err
	}
	if w.ledger, err = newTable(mem, dir, "ledger", gen, ledgerColumns(), opt.Meta, func(r ledgerRow) int { return len(r.state) + 128 }); err != nil {
		w.docs.abort()
		w.mentions.abort()
		w.quotes.abort()
		w.keywords.abort()
		w.errs.abort()
		return nil, err
	}
	w.docs.roll, w.mentions.roll, w.quotes.roll = partGroups, partGroups, partGroups
	w.keywords.roll, w.errs.roll, w.ledger.roll = partGroups, partGroups, partGroups
	return w, nil
}

// partGroups is the number of row groups after which a table that grows
// with the posts goes on in a new part file. The Parquet writer keeps
// every row group's metadata (about 700 bytes a column chunk) and Bloom
// filters (up to 62 KiB a filtered chunk while it is written) until its
// file closes: over a million posts that was 33 MB of footers alone,
// growing with the archive. 64 groups are at most 1,048,576 rows or 1 GiB
// a part. The tables written at the close (entities, keyness,
// cooccurrence) stay one part: their size is bounded by the statistics'
// bound and the distinct entities. A variable for the tests.
var partGroups = 64

// removeStaleTemps removes the temporary files of a run that was killed
// (kill -9, a second Ctrl-C): hidden names that no reader opens, but
// space taken. One run at a time may write a directory.
func removeStaleTemps(dir string) {
	patterns := []string{".run.json.tmp-*", journalName + ".tmp-*", stateName + ".tmp-*", "*/.part-*.tmp-*"}
	for _, t := range Tables {
		patterns = append(patterns, "."+t+".parquet.tmp-*")
	}
	for _, p := range patterns {
		stale, _ := filepath.Glob(filepath.Join(dir, p))
		for _, f := range stale {
			os.Remove(f)
		}
	}
}

// Write implements pipeline.Sink.
func (w *Writer) Write(d *pipeline.Doc) error {
	return outputError(w.dir, w.write(d))
}

func (w *Writer) write(d *pipeline.Doc) error {
	if d.Kept {
		// Its rows are in the earlier run's parts, its counts in the state.
		return nil
	}
	if d.Err != nil || d.Post == nil {
		if d.Err == nil {
			d.Err = &pipeline.DocError{Stage: "write", Err: "document was not parsed"}
		}
		if err := w.ledger.append(ledgerRow{d: d}); err != nil {
			return err
		}
		return w.errs.append(d)
	}
	state := d.State
	if state == nil {
		var err error
		if state, err = EncodeState(d); err != nil {
			return pipeline.Fatal(fmt.Errorf("ledger: %w", err))
		}
	}
	if err := w.ledger.append(ledgerRow{d, state}); err != nil {
		return err
	}
	d.DupGroup = w.stats.Add(d)
	if err := w.docs.append(d); err != nil {
		return err
	}
	for i := range d.Mentions {
		if err := w.mentions.append(mentionRow{d, &d.Mentions[i]}); err != nil {
			return err
		}
	}
	for i := range d.Quotes {
		if err := w.quotes.append(quoteRow{d, &d.Quotes[i]}); err != nil {
			return err
		}
	}
	for i := range d.Keywords {
		if err := w.keywords.append(keywordRow{d, &d.Keywords[i]}); err != nil {
			return err
		}
	}
	w.ents.add(d.Mentions)
	return nil
}

// Rows returns the rows written so far per table; keyness and
// cooccurrence count once Close has written them.
func (w *Writer) Rows() map[string]int64 {
	rows := map[string]int64{"documents": w.docs.total, "mentions": w.mentions.total, "entities": int64(len(w.ents.byID)),
		"quotes": w.quotes.total, "keywords": w.keywords.total, "keyness": w.keyRows, "cooccurrence": w.pairRows, "errors": w.errs.total,
		"ledger": w.ledger.total}
	if w.prior != nil {
		for t := range perPost {
			rows[t] += w.prior.Rows[t]
		}
	}
	return rows
}

// committer is a table being written.
type committer interface {
	finish() error
	files() []part
	ready() error
	lastGen() int
	abort()
	rowCount() int64
	isFinished() bool
	tableName() string
}

// Close writes the entities table and commits every table. On error, the
// tables not yet committed are removed.
func (w *Writer) Close() error {
	if w.done {
		return nil
	}
	w.done = true
	// The per-post tables have their rows; the others are made below.
	posts := []committer{w.docs, w.mentions, w.quotes, w.keywords, w.errs, w.ledger}
	tables := posts
	fail := func(err error, rest []committer) error {
		for _, t := range rest {
			t.abort()
		}
		return outputError(w.dir, err)
	}
	ents, err := newTable(w.mem, w.dir, "entities", w.gen, entityColumns(), w.opt.Meta, nil)
	if err != nil {
		return fail(err, tables)
	}
	tables = []committer{w.docs, w.mentions, ents, w.quotes, w.keywords, w.errs, w.ledger}
	key, err := newTable(w.mem, w.dir, "keyness", w.gen, keynessColumns(), w.opt.Meta, nil)
	if err != nil {
		return fail(err, tables)
	}
	tables = append(tables, key)
	co, err := newTable(w.mem, w.dir, "cooccurrence", w.gen, pairColumns(), w.opt.Meta, nil)
	if err != nil {
		return fail(err, tables)
	}
	tables = append(tables, co)
	// Closing is mostly reading the counts (the keyness and cooccurrence
	// rows; the statistics' saved form, streamed into the state's file
	// below) and writing files: on a run that
	// adds a few posts, most of its time. Nothing changes the counts now,
	// so all of it runs at once. The entities are described first: the
	// saved state holds their descriptions.
	w.ents.describe(w.opt.Entity)
	var (
		keyRows  []corpus.KeynessRow
		pairRows []corpus.PairRow
		counts   errgroup.Group
	)
	counts.Go(func() error { keyRows = w.stats.Keyness(); return nil })
	counts.Go(func() error { pairRows = w.stats.Cooccurrence(); return nil })
	if err := counts.Wait(); err != nil {
		return fail(err, tables)
	}
	w.keyRows, w.pairRows = int64(len(keyRows)), int64(len(pairRows))
	var j journal
	next := &savedRun{Gen: w.gen, Rows: w.Rows(), Parts: map[string][]string{}, Archives: w.archives}
	for _, t := range tables {
		if err := t.ready(); err != nil {
			return fail(err, tables)
		}
		next.Gen = max(next.Gen, t.lastGen())
		name := t.tableName()
		if w.prior != nil && perPost[name] {
			next.Parts[name] = append(next.Parts[name], w.prior.Parts[name]...)
			if t.rowCount() == 0 {
				// Nothing new: no part.
				t.abort()
				continue
			}
		}
		if w.prior != nil && !perPost[name] {
			j.Remove = append(j.Remove, w.prior.Parts[name]...)
		}
		for _, p := range t.files() {
			rel := filepath.Join(name, filepath.Base(p.final))
			j.Moves = append(j.Moves, move{Tmp: filepath.Join(name, filepath.Base(p.tmp)), Final: rel})
			next.Parts[name] = append(next.Parts[name], rel)
		}
	}
	j.Remove = append(j.Remove, w.old...)
	// The tables and the saved state are written at once: each is a file
	// of its own.
	var st string
	var files errgroup.Group
	files.Go(func() (err error) { st, err = w.saveState(next); return err })
	files.Go(func() error {
		if err := w.ents.write(ents); err != nil {
			return err
		}
		return ents.finish()
	})
	files.Go(func() error {
		for _, r := range keyRows {
			if err := key.append(r); err != nil {
				return err
			}
		}
		return key.finish()
	})
	files.Go(func() error {
		for _, r := range pairRows {
			if err := co.append(r); err != nil {
				return err
			}
		}
		return co.finish()
	})
	for _, t := range posts {
		if !t.isFinished() {
			files.Go(t.finish)
		}
	}
	if err := files.Wait(); err != nil {
		if st != "" {
			os.Remove(filepath.Join(w.dir, st))
		}
		return fail(err, tables)
	}
	j.Moves = append(j.Moves, move{Tmp: st, Final: stateName})
	if err := writeJournal(w.dir, j); err != nil {
		os.Remove(filepath.Join(w.dir, st))
		return fail(err, tables)
	}
	// From here on the new tables are the run's: a process killed while
	// renaming leaves the journal, and the next Open completes the renames.
	return commitJournal(w.dir, j)
}

// saveState writes the run's state under a temporary name and returns it.
func (w *Writer) saveState(s *savedRun) (string, error) {
	s.Entities = w.ents.byID
	f, err := os.CreateTemp(w.dir, stateName+".tmp-*")
	if err != nil {
		return "", err
	}
	err = writeState(f, s, w.stats)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return filepath.Base(f.Name()), nil
}

// journalName is the commit journal: the renames that put a run's parts
// in place and the removals of the parts they replace, written
// (atomically) once every part is complete. A commit is several files,
// and renaming them one by one is not atomic; with the journal, a run
// killed at any moment leaves either the earlier run's tables or, once the
// next run in the directory (or any Open) has replayed the journal, all of
// its own.
const journalName = ".commit.json"

type journal struct {
	Moves  []move   `json:"moves"`
	Remove []string `json:"remove,omitempty"`
}

// move renames Tmp to Final; both are relative to the directory.
type move struct {
	Tmp   string `json:"tmp"`
	Final string `json:"final"`
}

// commitHook, when set (by tests), is called before each step of a
// commit: a test panics there to play a process killed at that moment.
var commitHook func(i int)

func writeJournal(dir string, j journal) error {
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, journalName+".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, journalName))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// commitJournal renames the parts into place, removes the ones replaced,
// and then the journal. A step done already (by an interrupted commit) is
// skipped.
func commitJournal(dir string, j journal) error {
	step := 0
	for _, m := range j.Moves {
		if commitHook != nil {
			commitHook(step)
		}
		step++
		err := os.Rename(filepath.Join(dir, m.Tmp), filepath.Join(dir, m.Final))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("putting %s in place: %w", m.Final, err)
		}
	}
	for _, r := range j.Remove {
		if commitHook != nil {
			commitHook(step)
		}
		step++
		if err := os.Remove(filepath.Join(dir, r)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing %s: %w", r, err)
		}
	}
	return os.Remove(filepath.Join(dir, journalName))
}

// inDir reports whether a journal's path names a file in the directory or
// in a table's folder, and nothing else.
func inDir(p string) bool {
	if p == "" || filepath.IsAbs(p) || filepath.Clean(p) != p || strings.HasPrefix(p, "..") {
		return false
	}
	d, f := filepath.Split(p)
	return f != "" && f != ".." && (d == "" || filepath.Base(filepath.Clean(d)) == filepath.Clean(d))
}

// replayJournal completes the commit of a run killed while renaming its
// parts.
func replayJournal(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, journalName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("%s: %w", journalName, err)
	}
	for _, m := range j.Moves {
		if !inDir(m.Tmp) || !inDir(m.Final) {
			return fmt.Errorf("%s: bad entry %+v", journalName, m)
		}
	}
	for _, r := range j.Remove {
		if !inDir(r) {
			return fmt.Errorf("%s: bad entry %q", journalName, r)
		}
	}
	return commitJournal(dir, j)
}

// Abort removes the temporary files; the directory keeps what it held
// before the run.
func (w *Writer) Abort() {
	if w.done {
		return
	}
	w.done = true
	w.docs.abort()
	w.mentions.abort()
	w.quotes.abort()
	w.keywords.abort()
	w.errs.abort()
	w.ledger.abort()
}

// Stats returns the corpus statistics of the run (for its report).
func (w *Writer) Stats() *corpus.Stats { return w.stats }

func docSize(d *pipeline.Doc) int { return len(d.Post.Text) + 512 }

// PathText renders a file path (raw bytes) as valid UTF-8: bytes that are
// not UTF-8 are written as \xNN, and a backslash as \\ only when such
// escapes are present, so ordinary names stay as they are.
func PathText(p string) string {
	if utf8.ValidString(p) {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, p[i])
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteString(p[i : i+n])
		}
		i += n
	}
	return b.String()
}

// ParsePathText returns the path that PathText rendered as s. It fails
// when an invalid path renders as s too (PathText leaves valid paths as
// they are, escapes and all, so it is not one-to-one there).
func ParsePathText(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	if c, ok := unescapePath(s); ok && !utf8.ValidString(c) && PathText(c) == s {
		return "", false
	}
	return s, true
}

// unescapePath undoes PathText's escapes: \\ and \xNN.
func unescapePath(s string) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] != '\\':
			b.WriteByte(s[i])
		case strings.HasPrefix(s[i:], `\\`):
			b.WriteByte('\\')
			i++
		case len(s) >= i+4 && s[i+1] == 'x' && isHex(s[i+2]) && isHex(s[i+3]):
			x, _ := strconv.ParseUint(s[i+2:i+4], 16, 8)
			b.WriteByte(byte(x))
			i += 3
		default:
			return "", false
		}
	}
	return b.String(), true
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' }

func documentColumns() []column[*pipeline.Doc] {
	type D = *pipeline.Doc
	type span = pipeline.Span
	type media = pipeline.Media
	type link = pipeline.Link
	return []column[D]{
		bloomed(unranged(plain(strCol("doc_id", func(d D) string { return d.ID })))),
		strCol("archive", func(d D) string { return PathText(d.Source.Archive) }),
		unranged(plain(strCol("path", func(d D) string { return PathText(d.Source.Path) }))),
		int64Col("size", func(d D) int64 { return d.Source.Size }),
		unranged(plain(strCol("blob", func(d D) string { return d.Post.Blob }))),
		strCol("format", func(d D) string { return d.Post.Format }),
		strCol("encoding", func(d D) string { return d.Post.Encoding }),
		optStrCol("outlet", func(d D) string { return d.Post.Outlet }),
		optStrCol("author", func(d D) string { return d.Post.Author }),
		unranged(plain(strCol("title", func(d D) string { return d.Post.Title }))),
		tsCol("published_at", func(d D) time.Time { return d.Post.Published }),
		tsCol("source_ts", func(d D) time.Time { return d.Post.SourceTS }),
		unranged(plain(optStrCol("date_raw", func(d D) string { return d.Post.DateRaw }))),
		unranged(plain(optStrCol("url", func(d D) string { return d.Post.URL }))),
		strListCol("tags", func(d D) []string { return d.Post.Tags }),
		strListCol("categories", func(d D) []string { return d.Post.Categories }),
		optStrCol("layout", func(d D) string { return d.Post.Layout }),
		boolCol("comments", func(d D) bool { return d.Post.Comments }),
		optStrCol("script", func(d D) string { return d.Post.Script }),
		optStrCol("dateline", func(d D) string { return d.Post.Dateline }),
		optStrCol("dateline_place", func(d D) string { return d.Post.DatelinePlace }),
		dateCol("dateline_date", func(d D) time.Time { return d.Post.DatelineDate }),
		strListCol("reporters", func(d D) []string { return d.Post.Reporters }),
		strListCol("editors", func(d D) []string { return d.Post.Editors }),
		large(unranged(plain(strCol("text", func(d D) string { return d.Post.Text })))),
		int32Col("char_count", func(d D) int { return d.Post.Runes }),
		structListCol("spans", func(d D) []span { return d.Post.Spans },
			sfStr("kind", func(s span) string { return s.Kind }),
			sfInt32("start", func(s span) int { return s.Start }),
			sfInt32("stop", func(s span) int { return s.Stop })),
		plain(structListCol("media", func(d D) []media { return d.Post.Media },
			sfStr("kind", func(m media) string { return m.Kind }),
			sfStr("src", func(m media) string { return m.Src }),
			sfStr("alt", func(m media) string { return m.Alt }))),
		plain(structListCol("links", func(d D) []link { return d.Post.Links },
			sfStr("href", func(l link) string { return l.Href }),
			sfStr("text", func(l link) string { return l.Text }),
			sfInt32("start", func(l link) int { return l.Start }),
			sfInt32("stop", func(l link) int { return l.Stop }))),
		strListCol("warnings", func(d D) []string { return d.Post.Warnings }),
		bloomed(unranged(plain(strCol("dup_group", func(d D) string { return d.DupGroup })))),
	}
}

func mentionColumns() []column[mentionRow] {
	type M = mentionRow
	return []column[M]{
		bloomed(strCol("doc_id", func(r M) string { return r.doc.ID })),
		bloomed(strCol("entity_id", func(r M) string { return r.m.EntityID })),
		strCol("type", func(r M) string { return r.m.Type }),
		strCol("surface", func(r M) string { return r.m.Surface }),
		int32Col("start", func(r M) int { return r.m.Start }),
		int32Col("stop", func(r M) int { return r.m.Stop }),
		strCol("method", func(r M) string { return r.m.Method }),
	}
}

func quoteColumns() []column[quoteRow] {
	type Q = quoteRow
	return []column[Q]{
		bloomed(strCol("doc_id", func(r Q) string { return r.doc.ID })),
		plain(strCol("quote_id", func(r Q) string { return r.q.ID })),
		strCol("kind", func(r Q) string { return r.q.Kind }),
		unranged(plain(strCol("text", func(r Q) string { return r.q.Text }))),
		int32Col("start", func(r Q) int { return r.q.Start }),
		int32Col("stop", func(r Q) int { return r.q.Stop }),
		optStrCol("speaker", func(r Q) string { return r.q.Speaker }),
		bloomed(optStrCol("speaker_entity_id", func(r Q) string { return r.q.SpeakerEntityID })),
		strCol("speaker_type", func(r Q) string { return r.q.SpeakerType }),
		optStrCol("cue", func(r Q) string { return r.q.Cue }),
		strCol("rule", func(r Q) string { return r.q.Rule }),
		float64Col("confidence", func(r Q) float64 { return r.q.Confidence }),
	}
}

func keywordColumns() []column[keywordRow] {
	type K = keywordRow
	return []column[K]{
		bloomed(strCol("doc_id", func(r K) string { return r.doc.ID })),
		bloomed(strCol("term", func(r K) string { return r.k.Term })),
		strCol("method", func(r K) string { return r.k.Method }),
		float64Col("score", func(r K) float64 { return r.k.Score }),
		int32Col("rank", func(r K) int { return r.k.Rank }),
	}
}

func keynessColumns() []column[corpus.KeynessRow] {
	type R = corpus.KeynessRow
	return []column[R]{
		strCol("group_type", func(r R) string { return r.GroupType }),
		strCol("group", func(r R) string { return r.Group }),
		strCol("term", func(r R) string { return r.Term }),
		strCol("direction", func(r R) string { return r.Direction }),
		int64Col("freq", func(r R) int64 { return r.Freq }),
		int64Col("freq_rest", func(r R) int64 { return r.FreqRest }),
		int64Col("total", func(r R) int64 { return r.Total }),
		int64Col("total_rest", func(r R) int64 { return r.TotalRest }),
		float64Col("g2", func(r R) float64 { return r.G2 }),
		float64Col("p_value", func(r R) float64 { return r.PValue }),
		float64Col("log_ratio", func(r R) float64 { return r.LogRatio }),
	}
}

func pairColumns() []column[corpus.PairRow] {
	type P = corpus.PairRow
	return []column[P]{
		strCol("entity_a", func(p P) string { return p.A }),
		strCol("entity_b", func(p P) string { return p.B }),
		strCol("type_a", func(p P) string { return p.TypeA }),
		strCol("type_b", func(p P) string { return p.TypeB }),
		strCol("name_a", func(p P) string { return p.NameA }),
		strCol("name_b", func(p P) string { return p.NameB }),
		int64Col("docs", func(p P) int64 { return p.Docs }),
		int64Col("docs_a", func(p P) int64 { return p.DocsA }),
		int64Col("docs_b", func(p P) int64 { return p.DocsB }),
		float64Col("pmi", func(p P) float64 { return p.PMI }),
	}
}

func errorColumns() []column[*pipeline.Doc] {
	type D = *pipeline.Doc
	return []column[D]{
		optStrCol("doc_id", func(d D) string { return d.ID }),
		strCol("archive", func(d D) string { return PathText(d.Source.Archive) }),
		strCol("path", func(d D) string { return PathText(d.Source.Path) }),
		strCol("stage", func(d D) string { return d.Err.Stage }),
		strCol("error", func(d D) string { return d.Err.Err }),
		int64Col("size", func(d D) int64 { return d.Source.Size }),
	}
}

func sortedMeta(m map[string]string) (keys, vals []string) {
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vals = append(vals, m[k])
	}
	return keys, vals
}
