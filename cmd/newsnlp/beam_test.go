package main

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/newsnlp/newsnlp/cmd/internal/beamrun"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/corpus"
	"github.com/newsnlp/newsnlp/stages/write"
)

var beamInit sync.Once

// runBeam runs newsnlp-beam's pipeline on the Prism runner in this process
// with the settings of the local run o.
func runBeam(t *testing.T, o runOptions, chunk int) {
	t.Helper()
	if err := beamRun(t, o, chunk); err != nil {
		t.Fatal(err)
	}
}

// beamRun gives the job a temporary folder of the test's: Beam's loopback
// mode leaves a placeholder file there for every job (see newsnlp-beam).
func beamRun(t *testing.T, o runOptions, chunk int) error {
	t.Setenv("TMPDIR", t.TempDir())
	beamInit.Do(beam.Init)
	bo := beamrun.Options{
		Archives: o.Archives, Out: o.Out, Filter: o.filter(), Models: o.Models,
		Corpus:  corpus.Options{MinFreq: o.MinFreq, TopPerGroup: o.TopKey, Off: o.NoStats},
		Workers: o.Workers, DocTimeout: o.DocTimeout, Chunk: chunk, Version: Version(), Overwrite: o.Overwrite,
	}
	exec := func(ctx context.Context, p *beam.Pipeline) error {
		_, err := prism.Execute(ctx, p)
		return err
	}
	_, err := beamrun.Run(context.Background(), bo, exec)
	return err
}

// toMemfs copies a local file, or a folder's files, to Beam's in-memory
// file system under name; the local files' modification times are set to
// the copies', so that both runs' ledgers agree.
func toMemfs(t *testing.T, local, name string) {
	t.Helper()
	ctx := context.Background()
	fs := memfs.New(ctx)
	put := func(p, name string) error {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := filesystem.Write(ctx, fs, name, b); err != nil {
			return err
		}
		mod, err := fs.(filesystem.LastModifiedGetter).LastModified(ctx, name)
		if err != nil {
			return err
		}
		return os.Chtimes(p, mod, mod)
	}
	err := filepath.WalkDir(local, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(local, p)
		if rel == "." {
			return put(p, name)
		}
		return put(p, name+"/"+filepath.ToSlash(rel))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// fromMemfs copies a run's tables from Beam's in-memory file system to a
// local folder, checking that its _SUCCESS lists exactly them and that no
// scratch object is left.
func fromMemfs(t *testing.T, out, local string) {
	t.Helper()
	ctx := context.Background()
	fs := memfs.New(ctx)
	names, err := fs.List(ctx, out+"/*/*")
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, n := range names {
		rel := strings.TrimPrefix(n, out+"/")
		if strings.HasPrefix(rel, ".") {
			t.Errorf("left in the output: %s", n)
			continue
		}
		b, err := filesystem.Read(ctx, fs, n)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(local, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, rel)
	}
	if left, _ := fs.List(ctx, out+"/.beam-tmp-*"); len(left) > 0 {
		t.Errorf("scratch left: %v", left)
	}
	manifest, err := filesystem.Read(ctx, fs, out+"/"+write.SuccessFile)
	if err != nil {
		t.Fatalf("no %s: %v", write.SuccessFile, err)
	}
	listed := strings.Fields(string(manifest))
	slices.Sort(listed)
	slices.Sort(parts)
	if !slices.Equal(listed, parts) || len(parts) < len(write.Tables) {
		t.Errorf("%s lists %v; the output holds %v", write.SuccessFile, listed, parts)
	}
}

func localOptions(archives []string, out string) runOptions {
	return runOptions{Archives: archives, Out: out, Workers: 2, Exts: []string{".md", ".markdown"}, MaxSize: 64 << 20,
		Models: modelOptions{TopN: 10}, MinFreq: 5, TopKey: 100, DocTimeout: time.Minute, Quiet: true}
}

// tableSource is how DuckDB reads a table of a run: one file, or a folder
// of part files.
func tableSource(dir, table string) (string, []string) {
	if parts, _ := filepath.Glob(filepath.Join(dir, table, "*.parquet")); len(parts) > 0 {
		return fmt.Sprintf("read_parquet('%s/*.parquet')", filepath.Join(dir, table)), parts
	}
	f := filepath.Join(dir, table+".parquet")
	return fmt.Sprintf("read_parquet('%s')", f), []string{f}
}

// kvMeta is a Parquet file's key-value metadata: the run's settings,
// version and model checksums, and the Arrow schema.
func kvMeta(t *testing.T, path string) map[string]string {
	t.Helper()
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m := map[string]string{}
	kv := r.MetaData().KeyValueMetadata()
	for i, k := range kv.Keys() {
		m[k] = kv.Values()[i]
	}
	return m
}

// sameTableSets checks that every table of run a equals the one of run b
// as a multiset of rows (EXCEPT ALL both ways; row order may differ), and
// that every file has the same metadata and schema. It returns the rows
// per table.
func sameTableSets(t *testing.T, a, b string) map[string]int64 {
	t.Helper()
	return sameTableSetsAs(t, a, b, nil)
}

// sameTableSetsAs is sameTableSets for runs over the same posts under
// other archive names: run b's archive names are read as archives says
// (in the archive columns and in the settings of the metadata).
func sameTableSetsAs(t *testing.T, a, b string, archives map[string]string) map[string]int64 {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows := map[string]int64{}
	for _, table := range write.Tables {
		qa, fa := tableSource(a, table)
		qb, fb := tableSource(b, table)
		want := kvMeta(t, fa[0])
		for _, f := range slices.Concat(fa, fb) {
			got := kvMeta(t, f)
			if len(archives) > 0 {
				// The Arrow schema holds the metadata too, encoded: the
				// columns are compared below instead.
				delete(got, "ARROW:schema")
				delete(want, "ARROW:schema")
				for k, v := range got {
					for from, to := range archives {
						js, _ := json.Marshal(from)
						jt, _ := json.Marshal(to)
						v = strings.ReplaceAll(v, string(js), string(jt))
					}
					got[k] = v
				}
			}
			if !maps.Equal(got, want) {
				t.Errorf("%s: metadata or schema differs from %s", f, fa[0])
			}
		}
		if len(archives) > 0 {
			if ca, cb := columns(t, db, qa), columns(t, db, qb); ca != cb {
				t.Errorf("%s: columns %s, against %s", table, cb, ca)
			}
			if strings.Contains(columns(t, db, qb), "archive ") {
				c := "CASE archive"
				for from, to := range archives {
					c += fmt.Sprintf(" WHEN '%s' THEN '%s'", from, to)
				}
				qb = fmt.Sprintf("(SELECT * REPLACE (%s ELSE archive END AS archive) FROM %s)", c, qb)
			}
		}
		for _, q := range [][2]string{{qa, qb}, {qb, qa}} {
			var n int64
			if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM (SELECT * FROM %s EXCEPT ALL SELECT * FROM %s)", q[0], q[1])).Scan(&n); err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			if n != 0 {
				t.Errorf("%s: %d rows of %s not in %s", table, n, q[0], q[1])
			}
		}
		var na, nb int64
		db.QueryRow("SELECT count(*) FROM " + qa).Scan(&na)
		db.QueryRow("SELECT count(*) FROM " + qb).Scan(&nb)
		if na != nb {
			t.Errorf("%s: %d rows against %d", table, na, nb)
		}
		rows[table] = na
	}
	return rows
}

// columns lists a table's columns and their types.
func columns(t *testing.T, db *sql.DB, src string) string {
	t.Helper()
	r, err := db.Query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + src + ")")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []string
	for r.Next() {
		var n, typ string
		if err := r.Scan(&n, &typ); err != nil {
			t.Fatal(err)
		}
		out = append(out, n+" "+typ)
	}
	return strings.Join(out, ", ")
}

// TestBeamSameTables runs newsnlp-beam's pipeline on Prism over the sample
// posts, with bad inputs beside them, and checks every table against
// newsnlp run's.
func TestBeamSameTables(t *testing.T) {
	src := t.TempDir()
	posts, err := filepath.Glob("../../testdata/posts/*.md")
	if err != nil || len(posts) == 0 {
		t.Fatalf("no sample posts (%v)", err)
	}
	for _, p := range posts {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Bad inputs: binary, empty, and one over --max-size.
	for name, body := range map[string]string{"zz-binary.md": "\x00\x01\x02\xff\xfe\x00", "zz-empty.md": "", "zz-large.md": strings.Repeat("大", 1<<20)} {
		if err := os.WriteFile(filepath.Join(src, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	local, dist := t.TempDir(), t.TempDir()
	o := localOptions([]string{src}, local)
	o.MaxSize = 1 << 20
	o.MinFreq = 2
	if _, err := runPipeline(context.Background(), o, io.Discard); err != nil {
		t.Fatal(err)
	}
	o.Out = dist
	runBeam(t, o, 7) // several chunks
	rows := sameTableSets(t, local, dist)
	t.Logf("rows: %v", rows)
	if rows["errors"] < 3 || rows["documents"] < 30 || rows["keyness"] == 0 || rows["cooccurrence"] == 0 {
		t.Errorf("too few rows to compare: %v", rows)
	}
	if left, _ := filepath.Glob(filepath.Join(dist, ".beam-tmp-*")); len(left) > 0 {
		t.Errorf("scratch left: %v", left)
	}
}

// TestBeamMemfs runs newsnlp-beam with its archives and output in a
// store (Beam's in-memory file system, as gs:// would be on Dataflow): a
// folder of the sample posts with bad inputs, and a tarball of some of
// them under the same paths (so that the second archive's IDs cover its
// name). Every table equals newsnlp run's over local copies; an output
// holding tables is refused without --overwrite.
func TestBeamMemfs(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "sample")
	posts, err := filepath.Glob("../../testdata/posts/*.md")
	if err != nil || len(posts) < 10 {
		t.Fatalf("no sample posts (%v)", err)
	}
	tarball := filepath.Join(dir, "sub.tar.gz")
	f, err := os.Create(tarball)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	for i, p := range posts {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(src, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if i%4 == 0 {
			tw.WriteHeader(&tar.Header{Name: filepath.Base(p), Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg, ModTime: time.Unix(1e9, 0)})
			tw.Write(b)
		}
	}
	tw.Close()
	zw.Close()
	f.Close()
	for name, body := range map[string]string{"zz-binary.md": "\x00\x01\x02\xff\xfe\x00", "zz-empty.md": "", "sub/zz-large.md": strings.Repeat("大", 1<<20)} {
		os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o755)
		if err := os.WriteFile(filepath.Join(src, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mem := "memfs://" + t.Name()
	toMemfs(t, src, mem+"/in/sample")
	toMemfs(t, tarball, mem+"/in/sub.tar.gz")

	local := t.TempDir()
	o := localOptions([]string{src, tarball}, local)
	o.MaxSize = 1 << 20
	o.MinFreq = 2
	if _, err := runPipeline(context.Background(), o, io.Discard); err != nil {
		t.Fatal(err)
	}
	o.Archives = []string{mem + "/in/sample", mem + "/in/sub.tar.gz"}
	o.Out = mem + "/out"
	runBeam(t, o, 7)
	dist := t.TempDir()
	fromMemfs(t, o.Out, dist)
	rows := sameTableSetsAs(t, local, dist, map[string]string{o.Archives[0]: src, o.Archives[1]: tarball})
	t.Logf("rows: %v", rows)
	if rows["errors"] < 3 || rows["documents"] < 35 || rows["keyness"] == 0 || rows["cooccurrence"] == 0 {
		t.Errorf("too few rows to compare: %v", rows)
	}
	if err := beamRun(t, o, 7); !errors.Is(err, write.ErrExists) {
		t.Errorf("a second run into the output: %v, want %v", err, write.ErrExists)
	}
}

// TestBeamSameTablesCorpus does the same over a real sub-archive: a
// tarball of 300 posts of the shared corpus, split into chunks of 64
// entries, read from and written to Beam's in-memory file system.
func TestBeamSameTablesCorpus(t *testing.T) {
	dir := corpusDir(t)
	posts := corpusPosts(t, filepath.Join(dir, "news.tar.gz"), "", 300)
	tarball := filepath.Join(t.TempDir(), "sub.tar.gz")
	f, err := os.Create(tarball)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	add := func(name string, body []byte, typ byte) {
		h := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: typ, ModTime: time.Unix(0, 0)}
		if typ == tar.TypeSymlink {
			h.Size, h.Linkname = 0, "elsewhere.md"
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	for i, p := range posts {
		add(fmt.Sprintf("news/%03d/%s", i/100, p.name), p.body, tar.TypeReg)
		if i == 150 {
			add("news/bad/binary.md", []byte{0, 1, 2, 0xff}, tar.TypeReg)
			add("news/bad/link.md", nil, tar.TypeSymlink)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	local, dist := t.TempDir(), t.TempDir()
	o := localOptions([]string{tarball}, local)
	if _, err := runPipeline(context.Background(), o, io.Discard); err != nil {
		t.Fatal(err)
	}
	mem := "memfs://" + t.Name()
	toMemfs(t, tarball, mem+"/in/sub.tar.gz")
	o.Archives, o.Out = []string{mem + "/in/sub.tar.gz"}, mem+"/out"
	runBeam(t, o, 64)
	fromMemfs(t, o.Out, dist)
	rows := sameTableSetsAs(t, local, dist, map[string]string{o.Archives[0]: tarball})
	t.Logf("rows: %v", rows)
	if rows["errors"] < 2 || rows["documents"] < 290 || rows["keyness"] == 0 || rows["cooccurrence"] == 0 {
		t.Errorf("too few rows to compare: %v", rows)
	}
}

// The chunks of a tarball must cover its entries exactly once.
func TestBeamListCoversArchive(t *testing.T) {
	o := beamrun.Options{Archives: []string{"../../testdata/posts"}, Filter: pipeline.Filter{Exts: []string{".md"}}, Chunk: 5}
	chunks, n, err := beamrun.List(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	var walked []string
	a := pipeline.Archives{Paths: o.Archives, Filter: o.Filter}
	a.Walk(context.Background(), func(d *pipeline.Doc) error { walked = append(walked, d.ID+" "+d.Source.Path); return nil })
	var read []string
	for _, c := range chunks {
		i := 0
		err := a.ReadRange(context.Background(), c.Archive, int(c.Lo), int(c.Hi), func(d *pipeline.Doc) error {
			if d.Raw == nil && d.Err == nil {
				t.Errorf("%s: not read", d.Source.Path)
			}
			read = append(read, c.IDs[i]+" "+d.Source.Path)
			i++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if int64(len(walked)) != n || !slices.Equal(read, walked) || len(chunks) < 3 {
		t.Errorf("%d chunks read %d posts, walk %d (list %d)", len(chunks), len(read), len(walked), n)
	}
}

// TestSameTableSets compares two runs' tables as multisets of rows, either
// form (one file or a folder of part files per table), with their metadata:
// NEWSNLP_SETS_A=DIR1 NEWSNLP_SETS_B=DIR2 go test -run SameTableSets ./cmd/newsnlp
// (e.g. newsnlp run against newsnlp-beam over the same archive).
func TestSameTableSets(t *testing.T) {
	a, b := os.Getenv("NEWSNLP_SETS_A"), os.Getenv("NEWSNLP_SETS_B")
	if a == "" || b == "" {
		t.Skip("NEWSNLP_SETS_A and NEWSNLP_SETS_B not set")
	}
	t.Logf("rows: %v", sameTableSets(t, a, b))
}
