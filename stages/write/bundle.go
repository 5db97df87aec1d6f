package write

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/corpus"
)

// A distributed run (newsnlp-beam) writes the same tables as Writer, with
// the same schemas and metadata, as folders of part files:
// OUT/<table>/part-NNNNN.parquet. Each bundle of work writes its rows to
// complete files under temporary names in a scratch folder (Parts); once
// every bundle has succeeded, Finalize moves them into place, each by one
// rename. A bundle that failed and was retried leaves only scratch files,
// which Finalize removes: no row is lost or written twice. An output in an
// object store (Store) has no folders to rename: the bundles' files are
// uploaded there (Upload) and FinalizeStore copies them into place.

// PartFile is a complete part file under its temporary name.
type PartFile struct {
	Table string
	Tmp   string
}

// Parts writes one bundle's rows, each table's to one file in a scratch
// folder, opened at its first row. It is not safe for concurrent use.
type Parts struct {
	mem    memory.Allocator
	tmp    string
	meta   map[string]string
	entity func(id string) (EntityInfo, bool)

	docs     *table[*pipeline.Doc]
	mentions *table[mentionRow]
	quotes   *table[quoteRow]
	keywords *table[keywordRow]
	errs     *table[*pipeline.Doc]
	ledger   *table[ledgerRow]
	ents     *table[entityRow]
	keyness  *table[corpus.KeynessRow]
	pairs    *table[corpus.PairRow]
	opened   []committer
	names    []string
}

// NewParts writes into the scratch folder tmp (created if needed); meta
// goes into every file, entity describes lexicon entities (see Options).
func NewParts(tmp string, meta map[string]string, entity func(id string) (EntityInfo, bool)) (*Parts, error) {
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return nil, err
	}
	return &Parts{mem: memory.NewGoAllocator(), tmp: tmp, meta: meta, entity: entity}, nil
}

// openPart makes *t at its first row.
func openPart[R any](p *Parts, t **table[R], name string, cols []column[R], sizeOf func(R) int) error {
	if *t != nil {
		return nil
	}
	nt, err := newTable(p.mem, p.tmp, name, 0, cols, p.meta, sizeOf)
	if err != nil {
		return err
	}
	*t = nt
	p.opened = append(p.opened, nt)
	p.names = append(p.names, name)
	return nil
}

func (p *Parts) ledgerRow(d *pipeline.Doc, state []byte) error {
	if err := openPart(p, &p.ledger, "ledger", ledgerColumns(), func(r ledgerRow) int { return len(r.state) + 128 }); err != nil {
		return err
	}
	return p.ledger.append(ledgerRow{d, state})
}

// Document writes a processed post's rows: documents (with d.DupGroup as
// set by the caller), mentions, quotes, keywords, and its ledger row with
// the state its stages encoded.
func (p *Parts) Document(d *pipeline.Doc, state []byte) error {
	if err := p.ledgerRow(d, state); err != nil {
		return err
	}
	if err := openPart(p, &p.docs, "documents", documentColumns(), docSize); err != nil {
		return err
	}
	if err := p.docs.append(d); err != nil {
		return err
	}
	if len(d.Mentions) > 0 {
		if err := openPart(p, &p.mentions, "mentions", mentionColumns(), nil); err != nil {
			return err
		}
	}
	for i := range d.Mentions {
		if err := p.mentions.append(mentionRow{d, &d.Mentions[i]}); err != nil {
			return err
		}
	}
	if len(d.Quotes) > 0 {
		if err := openPart(p, &p.quotes, "quotes", quoteColumns(), nil); err != nil {
			return err
		}
	}
	for i := range d.Quotes {
		if err := p.quotes.append(quoteRow{d, &d.Quotes[i]}); err != nil {
			return err
		}
	}
	if len(d.Keywords) > 0 {
		if err := openPart(p, &p.keywords, "keywords", keywordColumns(), nil); err != nil {
			return err
		}
	}
	for i := range d.Keywords {
		if err := p.keywords.append(keywordRow{d, &d.Keywords[i]}); err != nil {
			return err
		}
	}
	return nil
}

// Error writes a rejected input's errors row and ledger row.
func (p *Parts) Error(d *pipeline.Doc) error {
	if d.Err == nil {
		d.Err = &pipeline.DocError{Stage: "write", Err: "document was not parsed"}
	}
	if err := p.ledgerRow(d, nil); err != nil {
		return err
	}
	if err := openPart(p, &p.errs, "errors", errorColumns(), nil); err != nil {
		return err
	}
	return p.errs.append(d)
}

// Entity writes the entities row of a whole run's combined counts.
func (p *Parts) Entity(e EntityPart) error {
	if err := openPart(p, &p.ents, "entities", entityColumns(), nil); err != nil {
		return err
	}
	r := entityRow{ID: e.ID, Type: e.Type, Name: e.Name, Docs: e.Docs, Mentions: e.Mentions}
	for _, s := range e.Surfaces {
		if s.Text != e.Name && len(r.Surfaces) < maxSurfaces {
			r.Surfaces = append(r.Surfaces, s.Text)
		}
	}
	if p.entity != nil {
		if info, ok := p.entity(e.ID); ok {
			r.Info, r.Lexicon = info, true
		}
	}
	if !r.Lexicon {
		r.Info = EntityInfo{Name: r.Name, Aliases: r.Surfaces}
		sort.Strings(r.Info.Aliases)
	}
	return p.ents.append(r)
}

// Keyness writes a keyness row.
func (p *Parts) Keyness(r corpus.KeynessRow) error {
	if err := openPart(p, &p.keyness, "keyness", keynessColumns(), nil); err != nil {
		return err
	}
	return p.keyness.append(r)
}

// Pair writes a cooccurrence row.
func (p *Parts) Pair(r corpus.PairRow) error {
	if err := openPart(p, &p.pairs, "cooccurrence", pairColumns(), nil); err != nil {
		return err
	}
	return p.pairs.append(r)
}

// Close completes the bundle's files and returns them, still under their
// temporary names; on error none is left.
func (p *Parts) Close() ([]PartFile, error) {
	var out []PartFile
	for i, t := range p.opened {
		if err := t.finish(); err != nil {
			for _, u := range p.opened[i+1:] {
				u.abort()
			}
			for _, f := range out {
				os.Remove(f.Tmp)
			}
			return nil, err
		}
		// A bundle's tables do not roll: one part each.
		out = append(out, PartFile{Table: p.names[i], Tmp: t.files()[0].tmp})
	}
	p.opened = nil
	return out, nil
}

// Abort removes the bundle's files.
func (p *Parts) Abort() {
	for _, t := range p.opened {
		t.abort()
	}
	p.opened = nil
}

// CheckOut refuses an output directory that holds tables of an earlier
// run, in either form, unless overwrite is set.
func CheckOut(out string, overwrite bool) error {
	if overwrite {
		return nil
	}
	for _, t := range Tables {
		for _, name := range []string{t + ".parquet", t} {
			if _, err := os.Stat(filepath.Join(out, name)); err == nil {
				return ErrExists
			}
		}
	}
	return nil
}

// Finalize puts a distributed run's part files in place:
// OUT/<table>/part-NNNNN.parquet, numbered in the order of their
// temporary names. A table without rows gets one empty part, so that every
// table can be read. First every part is moved into a complete folder per
// table inside the scratch folder; then each table's folder replaces the
// earlier run's table (a file or a folder) by one rename; the scratch
// folder goes last. A runner may run Finalize again after a failure: it
// goes on from where the earlier attempt stopped.
func Finalize(out, scratch string, files []PartFile, meta map[string]string) error {
	if _, err := os.Stat(scratch); errors.Is(err, os.ErrNotExist) {
		return nil // an earlier attempt finished
	}
	staged := filepath.Join(scratch, "final")
	marker := filepath.Join(scratch, "staged")
	if _, err := os.Stat(marker); err != nil {
		if err := stage(staged, scratch, files, meta); err != nil {
			return err
		}
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			return err
		}
	}
	// An earlier local run's summary would describe other tables.
	if err := os.Remove(filepath.Join(out, "run.json")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, t := range Tables {
		src := filepath.Join(staged, t)
		if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) {
			continue // in place already
		}
		if err := os.RemoveAll(filepath.Join(out, t)); err != nil {
			return err
		}
		if err := os.Remove(filepath.Join(out, t+".parquet")); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if err := os.Rename(src, filepath.Join(out, t)); err != nil {
			return fmt.Errorf("putting %s in place: %w", t, err)
		}
	}
	return os.RemoveAll(scratch)
}

// stage moves the part files into staged/<table>/part-NNNNN.parquet; a
// part moved by an earlier attempt is passed over.
func stage(staged, scratch string, files []PartFile, meta map[string]string) error {
	byTable := map[string][]string{}
	for _, f := range files {
		if filepath.Dir(f.Tmp) != filepath.Join(scratch, f.Table) || !slices.Contains(Tables, f.Table) {
			return fmt.Errorf("finalize: unexpected part %s of %s", f.Tmp, f.Table)
		}
		byTable[f.Table] = append(byTable[f.Table], f.Tmp)
	}
	p, err := NewParts(scratch, meta, nil)
	if err != nil {
		return err
	}
	for _, t := range Tables {
		dir := filepath.Join(staged, t)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		tmps := byTable[t]
		sort.Strings(tmps)
		if len(tmps) == 0 {
			f, err := p.empty(t)
			if err != nil {
				return err
			}
			tmps = []string{f}
		}
		for i, tmp := range tmps {
			dst := filepath.Join(dir, fmt.Sprintf("part-%05d.parquet", i))
			if err := os.Rename(tmp, dst); err != nil {
				if _, serr := os.Stat(dst); !errors.Is(err, os.ErrNotExist) || serr != nil {
					return fmt.Errorf("putting %s in place: %w", t, err)
				}
			}
		}
	}
	return nil
}

// empty writes a table without rows.
func (p *Parts) empty(name string) (string, error) {
	var c committer
	var err error
	switch name {
	case "documents":
		c, err = newTable(p.mem, p.tmp, name, 0, documentColumns(), p.meta, nil)
	case "mentions":
		c, err = newTable(p.mem, p.tmp, name, 0, mentionColumns(), p.meta, nil)
	case "entities":
		c, err = newTable(p.mem, p.tmp, name, 0, entityColumns(), p.meta, nil)
	case "quotes":
		c, err = newTable(p.mem, p.tmp, name, 0, quoteColumns(), p.meta, nil)
	case "keywords":
		c, err = newTable(p.mem, p.tmp, name, 0, keywordColumns(), p.meta, nil)
	case "keyness":
		c, err = newTable(p.mem, p.tmp, name, 0, keynessColumns(), p.meta, nil)
	case "cooccurrence":
		c, err = newTable(p.mem, p.tmp, name, 0, pairColumns(), p.meta, nil)
	case "errors":
		c, err = newTable(p.mem, p.tmp, name, 0, errorColumns(), p.meta, nil)
	case "ledger":
		c, err = newTable(p.mem, p.tmp, name, 0, ledgerColumns(), p.meta, nil)
	default:
		return "", fmt.Errorf("no table %q", name)
	}
	if err != nil {
		return "", err
	}
	if err := c.finish(); err != nil {
		return "", err
	}
	return c.files()[0].tmp, nil
}

// EntityPart is an entity's counts over some of a run's documents; a
// distributed run merges the parts of each entity (MergeEntityParts) into
// the row the local run's writer makes.
type EntityPart struct {
	ID, Type, Name string
	// First is the input position (Doc.Seq) of the first document naming
	// the entity: Type and Name come from there, as in the local run.
	First          int64
	Docs, Mentions int64
	// Surfaces are the first uses of each form, earliest first, at most
	// maxSurfaces+1 (one may be Name).
	Surfaces []Surface
}

// Surface is a form an entity was named by and where it was first used.
type Surface struct {
	Text string
	Seq  int64 // the document's input position
	Pos  int64 // the mention's index in the document
}

// EntityParts returns one part per entity d names.
func EntityParts(d *pipeline.Doc) []EntityPart {
	var out []EntityPart
	at := map[string]int{}
	for i, m := range d.Mentions {
		j, ok := at[m.EntityID]
		if !ok {
			j = len(out)
			at[m.EntityID] = j
			out = append(out, EntityPart{ID: m.EntityID, Type: m.Type, Name: m.Name, First: d.Seq, Docs: 1})
		}
		e := &out[j]
		e.Mentions++
		if !slices.ContainsFunc(e.Surfaces, func(s Surface) bool { return s.Text == m.Surface }) && len(e.Surfaces) <= maxSurfaces {
			e.Surfaces = append(e.Surfaces, Surface{Text: m.Surface, Seq: d.Seq, Pos: int64(i)})
		}
	}
	return out
}

// MergeEntityParts adds b to a (parts of one entity from different
// documents). The result does not depend on the order of merging.
func MergeEntityParts(a, b EntityPart) EntityPart {
	if b.First < a.First {
		a, b = b, a
	}
	a.Docs += b.Docs
	a.Mentions += b.Mentions
	first := map[string]Surface{}
	for _, s := range append(slices.Clone(a.Surfaces), b.Surfaces...) {
		if f, ok := first[s.Text]; !ok || s.Seq < f.Seq || (s.Seq == f.Seq && s.Pos < f.Pos) {
			first[s.Text] = s
		}
	}
	a.Surfaces = a.Surfaces[:0:0]
	for _, s := range first {
		a.Surfaces = append(a.Surfaces, s)
	}
	sort.Slice(a.Surfaces, func(i, j int) bool {
		x, y := a.Surfaces[i], a.Surfaces[j]
		if x.Seq != y.Seq {
			return x.Seq < y.Seq
		}
		return x.Pos < y.Pos
	})
	if len(a.Surfaces) > maxSurfaces+1 {
		a.Surfaces = a.Surfaces[:maxSurfaces+1]
	}
	return a
}

// Store is an object store (a bucket) that a distributed run writes its
// tables to when its output is not a local directory. Names are whole
// paths (gs://bucket/out/documents/part-00000.parquet). An object appears
// whole once the writer that made it is closed without error, but a store
// has neither folders nor a rename of many objects at once: see
// FinalizeStore for what that leaves of "whole or not at all".
type Store interface {
	// Create starts an object, replacing any of that name at Close.
	Create(ctx context.Context, name string) (io.WriteCloser, error)
	// List returns the objects whose names match glob, in which * does
	// not cross a slash.
	List(ctx context.Context, glob string) ([]string, error)
	Copy(ctx context.Context, from, to string) error
	Remove(ctx context.Context, name string) error
}

// SuccessFile is the object a distributed run writes to a store last,
// listing every part file of its tables, one a line (documents/part-00000.parquet).
// It is removed first when a later run starts to replace the tables.
const SuccessFile = "_SUCCESS"

// committedFile marks a scratch folder whose tables are in place.
const committedFile = "committed"

// Upload moves a bundle's part files (as Parts.Close returned them) to the
// store, under names no other bundle or worker can take:
// scratch/<table>/<random>.parquet. The local files are removed either way.
func Upload(ctx context.Context, st Store, scratch string, files []PartFile) ([]PartFile, error) {
	var out []PartFile
	var err error
	for _, f := range files {
		if err == nil {
			name := scratch + "/" + f.Table + "/" + randomName() + ".parquet"
			if err = uploadFile(ctx, st, f.Tmp, name); err == nil {
				out = append(out, PartFile{Table: f.Table, Tmp: name})
			}
		}
		os.Remove(f.Tmp)
	}
	if err != nil {
		for _, f := range out {
			st.Remove(ctx, f.Tmp)
		}
		return nil, err
	}
	return out, nil
}

func uploadFile(ctx context.Context, st Store, local, name string) error {
	f, err := os.Open(local)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := st.Create(ctx, name)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, f); err != nil {
		w.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

func randomName() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// CheckOutStore is CheckOut for an output in a store.
func CheckOutStore(ctx context.Context, st Store, out string, overwrite bool) error {
	if overwrite {
		return nil
	}
	for _, t := range Tables {
		for _, glob := range []string{out + "/" + t + ".parquet", out + "/" + t + "/*.parquet"} {
			names, err := st.List(ctx, glob)
			if err != nil {
				return err
			}
			if len(names) > 0 {
				return ErrExists
			}
		}
	}
	return nil
}

// RemoveScratch removes a scratch folder of a store: what a failed run
// leaves.
func RemoveScratch(ctx context.Context, st Store, scratch string) error {
	var first error
	for _, glob := range []string{scratch + "/*/*", scratch + "/*"} {
		names, err := st.List(ctx, glob)
		if err != nil {
			return err
		}
		for _, n := range names {
			if err := st.Remove(ctx, n); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

// FinalizeStore is Finalize for an output in a store. Every part, the
// empty part of a table without rows included, is copied from the scratch
// folder to OUT/<table>/part-NNNNN.parquet; then the earlier run's parts
// that this run did not replace are removed, and SuccessFile is written.
// Each part appears whole, and a run that fails before this step leaves
// the earlier tables as they were; but the tables change part by part
// while it runs, so a reader must wait for SuccessFile, which is removed
// when the step starts. A runner may run FinalizeStore again after a
// failure: the scratch folder stays until the tables are in place, so it
// does the copies again and goes on.
func FinalizeStore(ctx context.Context, st Store, out, scratch string, files []PartFile, meta map[string]string) error {
	under, err := st.List(ctx, scratch+"/*")
	if err != nil {
		return err
	}
	parts, err := st.List(ctx, scratch+"/*/*")
	if err != nil {
		return err
	}
	if len(under)+len(parts) == 0 {
		return nil // an earlier attempt finished
	}
	marker := scratch + "/" + committedFile
	if !slices.Contains(under, marker) {
		if err := commitStore(ctx, st, out, scratch, files, meta); err != nil {
			return err
		}
		if err := writeObject(ctx, st, marker, nil); err != nil {
			return err
		}
	}
	// The scratch folder goes last, with any retried bundle's parts.
	for _, n := range parts {
		if err := st.Remove(ctx, n); err != nil {
			return err
		}
	}
	return st.Remove(ctx, marker)
}

func commitStore(ctx context.Context, st Store, out, scratch string, files []PartFile, meta map[string]string) error {
	byTable := map[string][]string{}
	for _, f := range files {
		// Names are not cleaned: path.Dir would fold the scheme's "//".
		base, ok := strings.CutPrefix(f.Tmp, scratch+"/"+f.Table+"/")
		if !ok || strings.Contains(base, "/") || !slices.Contains(Tables, f.Table) {
			return fmt.Errorf("finalize: unexpected part %s of %s", f.Tmp, f.Table)
		}
		byTable[f.Table] = append(byTable[f.Table], f.Tmp)
	}
	for _, t := range Tables {
		if len(byTable[t]) > 0 {
			continue
		}
		name, err := emptyObject(ctx, st, scratch, t, meta)
		if err != nil {
			return err
		}
		byTable[t] = []string{name}
	}
	// From here until SuccessFile is written again the tables are not
	// those of one complete run.
	for _, n := range []string{out + "/" + SuccessFile, out + "/run.json"} {
		if err := removeIfThere(ctx, st, n); err != nil {
			return err
		}
	}
	var manifest bytes.Buffer
	for _, t := range Tables {
		tmps := byTable[t]
		sort.Strings(tmps)
		placed := map[string]bool{}
		for i, tmp := range tmps {
			dst := out + "/" + t + "/" + partName(i)
			if err := st.Copy(ctx, tmp, dst); err != nil {
				return fmt.Errorf("putting %s in place: %w", t, err)
			}
			placed[dst] = true
			fmt.Fprintf(&manifest, "%s/%s\n", t, partName(i))
		}
		old, err := st.List(ctx, out+"/"+t+"/*")
		if err != nil {
			return err
		}
		for _, n := range old {
			if !placed[n] {
				if err := st.Remove(ctx, n); err != nil {
					return err
				}
			}
		}
		if err := removeIfThere(ctx, st, out+"/"+t+".parquet"); err != nil {
			return err
		}
	}
	return writeObject(ctx, st, out+"/"+SuccessFile, manifest.Bytes())
}

// emptyObject writes a table without rows to scratch/<table>/empty.parquet.
func emptyObject(ctx context.Context, st Store, scratch, table string, meta map[string]string) (string, error) {
	dir, err := os.MkdirTemp("", "newsnlp-empty-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	p, err := NewParts(dir, meta, nil)
	if err != nil {
		return "", err
	}
	local, err := p.empty(table)
	if err != nil {
		return "", err
	}
	name := scratch + "/" + table + "/empty.parquet"
	return name, uploadFile(ctx, st, local, name)
}

func writeObject(ctx context.Context, st Store, name string, data []byte) error {
	w, err := st.Create(ctx, name)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func removeIfThere(ctx context.Context, st Store, name string) error {
	names, err := st.List(ctx, name)
	if err != nil || len(names) == 0 {
		return err
	}
	return st.Remove(ctx, name)
}
