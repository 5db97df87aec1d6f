package write

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

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
// which Finalize removes: no row is lost or written twice.

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
		tmp, _ := t.files()
		out = append(out, PartFile{Table: p.names[i], Tmp: tmp})
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
	tmp, _ := c.files()
	return tmp, nil
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
