package write

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/corpus"
)

// TestReplayGrowth measures what the writer keeps for a whole run (corpus
// statistics, near-duplicate index, entity counts, Parquet writers) at
// sizes no machine here processes in reasonable time: it writes the
// processed posts of an earlier run's ledger (NEWSNLP_REPLAY_RUN) again
// and again (the first NEWSNLP_REPLAY_BASE, default 20,000), each round under new ids and with its fingerprints moved
// apart (the near-duplicates within a round stay as they were), up to
// NEWSNLP_REPLAY_POSTS posts, and logs the live heap as it goes. The
// stages are not run: their memory does not depend on the archive's size.
// A development measurement, not a check: it skips unless asked for.
func TestReplayGrowth(t *testing.T) {
	run := os.Getenv("NEWSNLP_REPLAY_RUN")
	if run == "" {
		t.Skip("NEWSNLP_REPLAY_RUN not set")
	}
	total, _ := strconv.Atoi(os.Getenv("NEWSNLP_REPLAY_POSTS"))
	if total <= 0 {
		total = 1_000_000
	}
	keep, _ := strconv.Atoi(os.Getenv("NEWSNLP_REPLAY_BASE"))
	if keep <= 0 {
		keep = 20_000
	}
	type saved struct {
		archive, path string
		state         []byte
	}
	var posts []saved
	files, err := TableParts(run, "ledger")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		rdr, err := file.OpenParquetFile(f, false)
		if err != nil {
			t.Fatal(err)
		}
		fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.NewGoAllocator())
		if err != nil {
			t.Fatal(err)
		}
		rr, err := fr.GetRecordReader(context.Background(), []int{ledgerColumn("archive"), ledgerColumn("path"), ledgerColumn("state")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for rr.Next() {
			rec := rr.RecordBatch()
			a, p, s := rec.Column(0).(*array.String), rec.Column(1).(*array.String), rec.Column(2).(*array.Binary)
			for i := range int(rec.NumRows()) {
				if !s.IsNull(i) && s.ValueLen(i) > 0 && len(posts) < keep {
					posts = append(posts, saved{a.Value(i), p.Value(i), append([]byte(nil), s.Value(i)...)})
				}
			}
		}
		rr.Release()
		rdr.Close()
	}
	if len(posts) == 0 {
		t.Fatal("no processed posts in the ledger")
	}
	// Tables too (NEWSNLP_REPLAY_TABLES=1), or only what the writer keeps
	// for the run, from posts decoded once: far faster, and the tables'
	// writers flush at a fixed size whatever the run.
	tables := os.Getenv("NEWSNLP_REPLAY_TABLES") == "1"
	var decoded []*pipeline.Doc
	if !tables {
		for _, p := range posts {
			d := &pipeline.Doc{}
			if err := RestoreState(d, p.state); err != nil {
				t.Fatal(err)
			}
			d.Post.Text, d.Post.Spans, d.Quotes, d.Keywords = "", nil, nil, nil
			decoded = append(decoded, d)
		}
		posts = nil
	}
	out := t.TempDir()
	w, err := Open(out, Options{Meta: map[string]string{"newsnlp.version": "replay"}, Corpus: corpus.Options{}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	heap := func() float64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc) / 1e6
	}
	base := heap()
	n := max(len(posts), len(decoded))
	t.Logf("%d processed posts read; live heap %.0f MB with them", n, base)
	r := rand.New(rand.NewPCG(1, 2))
	var mask uint64
	for i := range total {
		k := i % n
		if k == 0 {
			mask = r.Uint64()
		}
		var idb [8]byte
		binary.BigEndian.PutUint64(idb[:], r.Uint64())
		id := hex.EncodeToString(idb[:])
		if tables {
			d := &pipeline.Doc{ID: id, Seq: int64(i),
				Source: pipeline.Origin{Archive: posts[k].archive, Path: fmt.Sprintf("r%d/%s", i/n, posts[k].path)}}
			if err := RestoreState(d, posts[k].state); err != nil {
				t.Fatal(err)
			}
			if d.SimHash != 0 {
				d.SimHash ^= mask
			}
			if err := w.Write(d); err != nil {
				t.Fatal(err)
			}
		} else {
			d := *decoded[k]
			d.ID = id
			if d.SimHash != 0 {
				d.SimHash ^= mask
			}
			d.DupGroup = w.stats.Add(&d)
			w.ents.add(d.Mentions)
		}
		if (i+1)%(total/10) == 0 {
			h := heap()
			t.Logf("%d posts written: live heap %.0f MB (%+.0f MB), count floor %d", i+1, h, h-base, w.Stats().Floor())
		}
	}
	if tables {
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("rows: %v", w.Rows())
	} else {
		st, err := w.stats.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("saved statistics: %.0f MB", float64(len(st))/1e6)
	}
	status, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM") {
			t.Logf("at the end: live heap %.0f MB; peak RSS of the test %s", heap(), strings.TrimSpace(l[6:]))
		}
	}
}
