package main

import (
	"archive/tar"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/models/lexicon"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/pipeline/corpustest"
	"github.com/newsnlp/newsnlp/stages/corpus"
	"github.com/newsnlp/newsnlp/stages/segment"
	"github.com/newsnlp/newsnlp/stages/write"
)

// benchPosts copies the first n posts of news.tar.gz (n from
// NEWSNLP_BENCH_POSTS, default 2000; 0 means all) into a directory, so that
// a benchmark of whole runs stays a few seconds per iteration on a shared
// machine. It returns the directory, or the archive itself for all posts.
func benchPosts(b *testing.B) string {
	in := filepath.Join(corpusDir(b), "news.tar.gz")
	n := 2000
	if v := os.Getenv("NEWSNLP_BENCH_POSTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("NEWSNLP_BENCH_POSTS=%s: %v", v, err)
		}
	}
	if n == 0 {
		return in
	}
	dir := b.TempDir()
	corpustest.Each(b, in, func(h *tar.Header, r io.Reader) bool {
		if !strings.HasSuffix(h.Name, ".md") {
			return true
		}
		p := filepath.Join(dir, filepath.FromSlash(h.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		n--
		return n > 0
	})
	return dir
}

// BenchmarkRunVsGse measures, in one benchmark, gse's Segment alone on the
// texts of news.tar.gz's posts (the segment stage's dictionary, simplified
// script, two goroutines) and the whole run on the same posts: every stage,
// the corpus statistics and the Parquet tables, two workers. It reports
// both in megabytes of text per second and their ratio (run over gse, the
// issue's figure of merit):
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench RunVsGse -count 6 ./cmd/newsnlp
//
// NEWSNLP_BENCH_POSTS sets the number of posts (default 2000, 0 for all
// 12,427). Both halves alternate within each iteration, so load from other
// processes falls on both alike.
func BenchmarkRunVsGse(b *testing.B) {
	in := benchPosts(b)
	bu, err := buildStages(modelOptions{})
	if err != nil {
		b.Fatal(err)
	}
	words := segment.DefaultWords(bu.gaz.Words(), lexicon.Terms())
	var texts [][]byte
	var textBytes int64
	if _, err := pipeline.Run(context.Background(), pipeline.Archives{Paths: []string{in}, Filter: pipeline.Filter{Exts: []string{".md"}}}, bu.stages[:1],
		sinkFunc(func(d *pipeline.Doc) error {
			if d.Post != nil {
				t := bu.seg.Normalize(d.Post.Text, d.Post.Script)
				texts = append(texts, []byte(t))
				textBytes += int64(len(t))
			}
			return nil
		}), pipeline.Config{Workers: 2}); err != nil {
		b.Fatal(err)
	}
	// The command's collector settings (main sets them; a test binary
	// does not): with them, a smaller live heap means fewer collections.
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(defaultMemoryLimit))
	}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(defaultGCPercent))
	}
	var gseTime, runTime, gseCPU, runCPU time.Duration
	for b.Loop() {
		// gse with the stage's dictionary, loaded apart from the stage
		// (which keeps no gse dictionary) and dropped before the run is
		// timed, so that the run's collector does not mark it.
		b.StopTimer()
		fresh, err := segment.New(words)
		if err != nil {
			b.Fatal(err)
		}
		gs := fresh.Gse()
		b.StartTimer()
		runtime.GC()
		t0, c0 := time.Now(), corpustest.CPUTime()
		var wg sync.WaitGroup
		next := make(chan []byte)
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for t := range next {
					gs.Segment(t)
				}
			}()
		}
		for _, t := range texts {
			next <- t
		}
		close(next)
		wg.Wait()
		gseTime += time.Since(t0)
		gseCPU += corpustest.CPUTime() - c0
		fresh, gs = nil, nil

		runtime.GC()
		t0, c0 = time.Now(), corpustest.CPUTime()
		o := runOptions{Archives: []string{in}, Out: b.TempDir(), Workers: 2, Exts: []string{".md"}, MaxSize: 64 << 20, Quiet: true}
		if _, err := runPipeline(context.Background(), o, io.Discard); err != nil {
			b.Fatal(err)
		}
		runTime += time.Since(t0)
		runCPU += corpustest.CPUTime() - c0
		if os.Getenv("NEWSNLP_BENCH_TRACE") != "" {
			b.Logf("iteration: gse %v, run %v", gseCPU, runCPU)
		}
	}
	mb := float64(textBytes) * float64(b.N) / 1e6
	b.ReportMetric(mb/gseTime.Seconds(), "gse-MB/s")
	b.ReportMetric(mb/runTime.Seconds(), "run-MB/s")
	b.ReportMetric(gseTime.Seconds()/runTime.Seconds(), "ratio")
	// The same in processor time: less at the mercy of other processes on
	// a shared machine, blind to how well the run uses both cores.
	b.ReportMetric(gseCPU.Seconds()/runCPU.Seconds(), "cpu-ratio")
	// Each half's processor time per iteration, to compare versions by.
	b.ReportMetric(gseCPU.Seconds()/float64(b.N), "gse-cpu-s")
	b.ReportMetric(runCPU.Seconds()/float64(b.N), "run-cpu-s")
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}

// reportCPU starts counting the process's processor time; the function
// it returns reports it per iteration as cpu-s (call it when the loop is
// done, e.g. deferred). On a machine shared with other work, processor
// time moves less with the load than ns/op does.
func reportCPU(b *testing.B) func() {
	c0 := corpustest.CPUTime()
	return func() { b.ReportMetric((corpustest.CPUTime()-c0).Seconds()/float64(b.N), "cpu-s/op") }
}

// benchEach runs stage over a copy of each of docs per iteration.
func benchEach(b *testing.B, docs []*pipeline.Doc, textBytes int64, stage pipeline.Stage) {
	b.SetBytes(textBytes)
	b.ReportAllocs()
	defer reportCPU(b)()
	ctx := context.Background()
	for b.Loop() {
		for _, d := range docs {
			c := *d
			if err := stage.Process(ctx, &c); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkStages times the segment, keywords and state stages, the
// corpus statistics and the writer alone on real posts (the first
// NEWSNLP_BENCH_POSTS of news.tar.gz, default 2000), each fed what the
// stages before it made, with allocations: the figures to compare with
// benchstat when changing a stage.
//
//	NEWSNLP_CORPUS=../shared/corpus go test -run '^$' -bench Stages -benchmem -count 6 ./cmd/newsnlp
func BenchmarkStages(b *testing.B) {
	in := benchPosts(b)
	bu, err := buildStages(modelOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var docs []*pipeline.Doc
	var textBytes int64
	if _, err := pipeline.Run(context.Background(), pipeline.Archives{Paths: []string{in}, Filter: pipeline.Filter{Exts: []string{".md"}}}, bu.stages,
		sinkFunc(func(d *pipeline.Doc) error {
			if d.Post != nil {
				docs = append(docs, d)
				textBytes += int64(len(d.Post.Text))
			}
			return nil
		}), pipeline.Config{Workers: 2}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.Run("segment", func(b *testing.B) { benchEach(b, docs, textBytes, bu.seg) })
	b.Run("keywords", func(b *testing.B) { benchEach(b, docs, textBytes, bu.kw) })
	// The state stage (the ledger's processed forms, made on the workers).
	b.Run("state", func(b *testing.B) { benchEach(b, docs, textBytes, (write.StateStage{})) })
	// The corpus statistics alone (the writer's goroutine counts them).
	b.Run("stats", func(b *testing.B) {
		b.SetBytes(textBytes)
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			s := corpus.New(corpus.Options{})
			for _, d := range docs {
				s.Add(d)
			}
		}
	})
	// The writer's goroutine: the tables, the ledger (states made before,
	// as the state stage does on the workers), the corpus statistics.
	for _, d := range docs {
		if err := (write.StateStage{}).Process(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("write", func(b *testing.B) {
		b.SetBytes(textBytes)
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			w, err := write.Open(b.TempDir(), write.Options{})
			if err != nil {
				b.Fatal(err)
			}
			for _, d := range docs {
				c := *d
				if err := w.Write(&c); err != nil {
					b.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSameTables compares the tables of two runs, NEWSNLP_SAME_A and
// NEWSNLP_SAME_B (output directories), row for row with DuckDB (EXCEPT ALL
// both ways): the check that a speed change left every table as it was.
// Skipped unless both are set:
//
//	NEWSNLP_SAME_A=/tmp/A NEWSNLP_SAME_B=/tmp/B go test -run SameTables ./cmd/newsnlp
func TestSameTables(t *testing.T) {
	a, b := os.Getenv("NEWSNLP_SAME_A"), os.Getenv("NEWSNLP_SAME_B")
	if a == "" || b == "" {
		t.Skip("NEWSNLP_SAME_A and NEWSNLP_SAME_B not set")
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := write.TableParts(a, "documents"); err != nil {
		t.Fatalf("no tables in %s (%v)", a, err)
	}
	for _, name := range write.Tables {
		fa, fb := tableGlob(a, name), tableGlob(b, name)
		// The ledger's states are compared restored (below): the same
		// processed form may be compressed differently.
		cols := "*"
		if name == "ledger" {
			cols = "* EXCLUDE (state)"
		}
		for _, q := range [][2]string{{fa, fb}, {fb, fa}} {
			var n int64
			if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM (SELECT %s FROM read_parquet('%s') EXCEPT ALL SELECT %s FROM read_parquet('%s'))", cols, q[0], cols, q[1])).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%s: %d rows of %s not in %s", name, n, q[0], q[1])
			}
		}
		t.Logf("%s: same", name)
	}
	sameStates(t, db, tableGlob(a, "ledger"), tableGlob(b, "ledger"))
}

// sameStates checks that the ledgers' states, row by row in input order,
// restore to the same processed posts.
func sameStates(t *testing.T, db *sql.DB, a, b string) {
	q := "SELECT a.seq, a.state, b.state FROM read_parquet('%s') a JOIN read_parquet('%s') b ON a.seq = b.seq ORDER BY a.seq"
	rows, err := db.Query(fmt.Sprintf(q, a, b))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n, differ := 0, 0
	for rows.Next() {
		var seq int64
		var sa, sb []byte
		if err := rows.Scan(&seq, &sa, &sb); err != nil {
			t.Fatal(err)
		}
		n++
		if len(sa) == 0 || len(sb) == 0 {
			if len(sa) != len(sb) {
				t.Errorf("seq %d: a state in one ledger only", seq)
			}
			continue
		}
		var da, dbs pipeline.Doc
		if err := write.RestoreState(&da, sa); err != nil {
			t.Fatalf("seq %d: %v", seq, err)
		}
		if err := write.RestoreState(&dbs, sb); err != nil {
			t.Fatalf("seq %d: %v", seq, err)
		}
		if !reflect.DeepEqual(da, dbs) {
			if differ++; differ <= 5 {
				t.Errorf("seq %d: the states restore differently", seq)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if differ > 0 {
		t.Errorf("%d of %d states differ", differ, n)
	}
	t.Logf("ledger states: %d rows restore the same", n)
}
