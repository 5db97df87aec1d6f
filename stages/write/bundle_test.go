package write

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Merging entity parts in any order gives the entities rows of one
// writer that saw the documents in input order, the first forms included.
func TestEntityPartsMergeAsOneRun(t *testing.T) {
	var docs []*pipeline.Doc
	for i := range 40 {
		d := &pipeline.Doc{Seq: int64(i), ID: fmt.Sprint("d", i)}
		for j := range 1 + i%5 {
			// Many forms of one discovered entity: more than maxSurfaces.
			d.Mentions = append(d.Mentions,
				pipeline.Mention{EntityID: "person:x", Type: "person", Name: "某甲", Surface: fmt.Sprint("甲", (i*7+j)%23)},
				pipeline.Mention{EntityID: fmt.Sprint("person:y", i%3), Type: "person", Name: "乙", Surface: "乙"})
		}
		docs = append(docs, d)
	}
	agg := newEntityAgg()
	for _, d := range docs {
		agg.add(d.Mentions)
	}
	for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}} {
		merged := map[string]EntityPart{}
		// Three workers' partial sums, merged in the order given.
		var shares [3][]EntityPart
		for i, d := range docs {
			shares[(i*5)%3] = append(shares[(i*5)%3], EntityParts(d)...)
		}
		for _, w := range order {
			for _, e := range shares[w] {
				if m, ok := merged[e.ID]; ok {
					e = MergeEntityParts(m, e)
				}
				merged[e.ID] = e
			}
		}
		if len(merged) != len(agg.byID) {
			t.Fatalf("%d entities merged, %d in one run", len(merged), len(agg.byID))
		}
		for id, want := range agg.byID {
			e := merged[id]
			var forms []string
			for _, s := range e.Surfaces {
				if s.Text != e.Name && len(forms) < maxSurfaces {
					forms = append(forms, s.Text)
				}
			}
			if e.Type != want.Type || e.Name != want.Name || e.Docs != want.Docs || e.Mentions != want.Mentions || !slices.Equal(forms, want.Surfaces) {
				t.Errorf("order %v, %s: merged %+v (forms %v), one run %+v", order, id, e, forms, *want)
			}
		}
	}
}

// Finalize puts every part in place, gives a table without rows an empty
// part, and leaves no scratch file.
func TestPartsFinalize(t *testing.T) {
	out := t.TempDir()
	scratch := filepath.Join(out, ".beam-tmp-x")
	meta := map[string]string{"newsnlp.version": "test"}
	var files []PartFile
	for _, share := range [][]*pipeline.Doc{sampleDocs()[:2], sampleDocs()[2:]} {
		p, err := NewParts(scratch, meta, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range share {
			if d.Err != nil {
				err = p.Error(d)
			} else {
				d.DupGroup = d.ID
				err = p.Document(d, []byte("state"))
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		f, err := p.Close()
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f...)
	}
	if err := Finalize(out, scratch, files, meta); err != nil {
		t.Fatal(err)
	}
	// Rows per part file, by table (parts are numbered in the order of
	// their random temporary names).
	got := map[string][]int64{}
	for _, tb := range Tables {
		parts, _ := filepath.Glob(filepath.Join(out, tb, "part-*.parquet"))
		for _, p := range parts {
			tbl := readTable(t, p)
			got[tb] = append(got[tb], tbl.NumRows())
			tbl.Release()
		}
		slices.Sort(got[tb])
	}
	want := map[string][]int64{
		"documents": {1, 1}, "mentions": {4}, "entities": {0}, "quotes": {1}, "keywords": {0},
		"keyness": {0}, "cooccurrence": {0}, "errors": {1}, "ledger": {1, 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows per part: %v, want %v", got, want)
	}
	if _, err := os.Stat(scratch); !os.IsNotExist(err) {
		t.Errorf("scratch folder left: %v", err)
	}
	if err := CheckOut(out, false); err != ErrExists {
		t.Errorf("CheckOut of a finished run: %v, want ErrExists", err)
	}
}

// A Finalize that stopped half way (some tables in place) is completed by
// running it again, and running it after success changes nothing.
func TestFinalizeResumes(t *testing.T) {
	out := t.TempDir()
	scratch := filepath.Join(out, ".beam-tmp-y")
	meta := map[string]string{"newsnlp.version": "test"}
	p, err := NewParts(scratch, meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := sampleDocs()[0]
	d.DupGroup = d.ID
	if err := p.Document(d, nil); err != nil {
		t.Fatal(err)
	}
	files, err := p.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The first attempt staged every part and put documents in place.
	if err := stage(filepath.Join(scratch, "final"), scratch, files, meta); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(scratch, "staged"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(scratch, "final", "documents"), filepath.Join(out, "documents")); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := Finalize(out, scratch, files, meta); err != nil {
			t.Fatal(err)
		}
	}
	for _, tb := range []string{"documents", "mentions", "errors"} {
		parts, _ := filepath.Glob(filepath.Join(out, tb, "part-*.parquet"))
		if len(parts) != 1 {
			t.Errorf("%s: %d parts", tb, len(parts))
		}
	}
	if _, err := os.Stat(scratch); !os.IsNotExist(err) {
		t.Errorf("scratch folder left: %v", err)
	}
}
