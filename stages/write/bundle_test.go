package write

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
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

// memStore is a bucket in memory whose Copy can be made to fail.
type memStore struct {
	mu        sync.Mutex
	objs      map[string][]byte
	copies    int
	failCopyN int // the Copy call that fails, counting from 1; 0: none
}

type memWriter struct {
	bytes.Buffer
	s    *memStore
	name string
}

func (w *memWriter) Close() error {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	w.s.objs[w.name] = bytes.Clone(w.Bytes())
	return nil
}

func (s *memStore) Create(_ context.Context, name string) (io.WriteCloser, error) {
	return &memWriter{s: s, name: name}, nil
}

func (s *memStore) List(_ context.Context, glob string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for n := range s.objs {
		if ok, _ := path.Match(glob, n); ok {
			out = append(out, n)
		}
	}
	return out, nil
}

func (s *memStore) Copy(_ context.Context, from, to string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.copies++
	if s.copies == s.failCopyN {
		return errors.New("copy failed")
	}
	b, ok := s.objs[from]
	if !ok {
		return os.ErrNotExist
	}
	s.objs[to] = b
	return nil
}

func (s *memStore) Remove(_ context.Context, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.objs[name]; !ok {
		return os.ErrNotExist
	}
	delete(s.objs, name)
	return nil
}

// FinalizeStore replaces an earlier run's tables in a store by this run's
// parts: every part in place, the earlier run's other parts and files
// gone, a retried bundle's parts never gathered, _SUCCESS listing exactly
// the parts; a failure half way leaves no _SUCCESS and is completed by
// running it again.
func TestFinalizeStore(t *testing.T) {
	ctx := context.Background()
	st := &memStore{objs: map[string][]byte{}, failCopyN: 5}
	out, scratch := "mem://b/out", "mem://b/out/.beam-tmp-1"
	for _, n := range []string{"documents/part-00000.parquet", "documents/part-00001.parquet", "documents/part-00002.parquet",
		"errors.parquet", "run.json", SuccessFile} {
		st.objs[out+"/"+n] = []byte("earlier run")
	}
	if err := CheckOutStore(ctx, st, out, false); err != ErrExists {
		t.Errorf("CheckOutStore of an earlier run: %v, want ErrExists", err)
	}
	meta := map[string]string{"newsnlp.version": "test"}
	local := t.TempDir()
	var files []PartFile
	for i, share := range [][]*pipeline.Doc{sampleDocs()[:2], sampleDocs()[2:], sampleDocs()[:1]} {
		p, err := NewParts(filepath.Join(local, fmt.Sprint(i)), meta, nil)
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
		up, err := Upload(ctx, st, scratch, f)
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 { // the third is a failed bundle's, retried as the first
			files = append(files, up...)
		}
	}
	filepath.WalkDir(local, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			t.Errorf("local part left after upload: %s", p)
		}
		return nil
	})
	if err := FinalizeStore(ctx, st, out, scratch, files, meta); err == nil {
		t.Fatal("the failing copy was not reported")
	}
	if _, ok := st.objs[out+"/"+SuccessFile]; ok {
		t.Errorf("%s written by a failed finalize", SuccessFile)
	}
	for range 2 { // the retry completes; once more changes nothing
		if err := FinalizeStore(ctx, st, out, scratch, files, meta); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string][]int64{}
	var parts []string
	for n, b := range st.objs {
		rel := strings.TrimPrefix(n, out+"/")
		tb, _, ok := strings.Cut(rel, "/")
		if !ok {
			if rel != SuccessFile {
				t.Errorf("left in the output: %s", n)
			}
			continue
		}
		if !slices.Contains(Tables, tb) {
			t.Errorf("left in the output: %s", n)
			continue
		}
		parts = append(parts, rel)
		f := filepath.Join(t.TempDir(), "p.parquet")
		os.WriteFile(f, b, 0o644)
		tbl := readTable(t, f)
		got[tb] = append(got[tb], tbl.NumRows())
		tbl.Release()
	}
	for _, tb := range Tables {
		slices.Sort(got[tb])
	}
	want := map[string][]int64{
		"documents": {1, 1}, "mentions": {4}, "entities": {0}, "quotes": {1}, "keywords": {0},
		"keyness": {0}, "cooccurrence": {0}, "errors": {1}, "ledger": {1, 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows per part: %v, want %v", got, want)
	}
	listed := strings.Fields(string(st.objs[out+"/"+SuccessFile]))
	slices.Sort(listed)
	slices.Sort(parts)
	if !slices.Equal(listed, parts) {
		t.Errorf("%s lists %v, the output holds %v", SuccessFile, listed, parts)
	}
	if err := CheckOutStore(ctx, st, out, false); err != ErrExists {
		t.Errorf("CheckOutStore of a finished run: %v, want ErrExists", err)
	}
	if err := CheckOutStore(ctx, st, "mem://b/other", false); err != nil {
		t.Errorf("CheckOutStore of an empty output: %v", err)
	}
	// A failed run's scratch folder is removed whole.
	if _, err := Upload(ctx, st, "mem://b/x/.beam-tmp-2", []PartFile{{Table: "errors", Tmp: writeLocal(t, "x")}}); err != nil {
		t.Fatal(err)
	}
	if err := RemoveScratch(ctx, st, "mem://b/x/.beam-tmp-2"); err != nil {
		t.Fatal(err)
	}
	if left, _ := st.List(ctx, "mem://b/x/*/*/*"); len(left) > 0 {
		t.Errorf("RemoveScratch left %v", left)
	}
}

func writeLocal(t *testing.T, body string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}
