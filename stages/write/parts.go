package write

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"

	"github.com/klauspost/compress/zstd"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/corpus"
)

// Every table is a folder of part files, DIR/<table>/part-NNNNN.parquet,
// that DuckDB (read_parquet('DIR/documents/*.parquet')), pyarrow, pandas
// and polars open as one table. A fresh run writes one part per table. A
// run that only adds posts after those of the run in the directory
// (Options.Continue) writes the new rows of the per-post tables as new
// parts and leaves the earlier parts alone; it rewrites entities,
// keyness and cooccurrence, which the new posts change throughout, from
// the earlier run's saved counts (stateName). Chosen by measurement: on
// the shared corpus (17,731 posts, 100 new), an update that rewrote every
// table took about 25 s of CPU, one that adds parts about 4.5 s, of a
// fresh run's 90 to 100 s (see the README).

// perPost are the tables whose rows belong to one input each: an update
// that adds posts adds parts to them.
var perPost = map[string]bool{"documents": true, "mentions": true, "quotes": true, "keywords": true, "errors": true, "ledger": true}

// stateName is the saved state of a run: the corpus statistics and entity
// counts after its last post, and the rows per table, from which a run
// adding posts goes on. It is committed with the tables.
const stateName = ".newsnlp-state"

var partRE = regexp.MustCompile(`^part-(\d{5,})\.parquet$`)

func partName(gen int) string { return fmt.Sprintf("part-%05d.parquet", gen) }

// TableParts returns the part files of a table in dir, in the order written.
func TableParts(dir, table string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, table))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if partRE.MatchString(e.Name()) {
			out = append(out, filepath.Join(dir, table, e.Name()))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no part files: %w", filepath.Join(dir, table), fs.ErrNotExist)
	}
	return out, nil
}

// existing returns every part file of every table in dir (paths relative
// to dir), the tables of the older one-file layout, and the highest part
// number found.
func existing(dir string) (files []string, maxGen int) {
	maxGen = -1
	for _, t := range Tables {
		if _, err := os.Stat(filepath.Join(dir, t+".parquet")); err == nil {
			files = append(files, t+".parquet")
		}
		entries, _ := os.ReadDir(filepath.Join(dir, t))
		for _, e := range entries {
			m := partRE.FindStringSubmatch(e.Name())
			if m == nil {
				continue
			}
			files = append(files, filepath.Join(t, e.Name()))
			if g, err := strconv.Atoi(m[1]); err == nil && g > maxGen {
				maxGen = g
			}
		}
	}
	return files, maxGen
}

// savedRun is the state file.
type savedRun struct {
	Gen      int
	Rows     map[string]int64
	Parts    map[string][]string // per table, its part files (relative to dir)
	Stats    []byte              // of runs before StatsFollow
	Entities map[string]*entityRow
	// Archives are the tarballs the run read, by size, time and content:
	// a later --update passes an unchanged one without decompressing it.
	Archives []pipeline.ArchiveFile
	// StatsFollow says the corpus statistics follow this message in the
	// same stream, as their own gob message, instead of in Stats: written
	// there straight from the counts, they are not held in memory twice.
	StatsFollow bool
}

func readState(dir string) (*savedRun, error) {
	b, err := os.ReadFile(filepath.Join(dir, stateName))
	if err != nil {
		return nil, err
	}
	raw, err := zdec.DecodeAll(b, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", stateName, err)
	}
	var s savedRun
	// A bytes.Reader is an io.ByteReader, so gob reads no further than its
	// message: what is left is the statistics.
	r := bytes.NewReader(raw)
	if err := gob.NewDecoder(r).Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: %w", stateName, err)
	}
	if s.StatsFollow {
		s.Stats = raw[len(raw)-r.Len():]
	}
	// The parts the state speaks of must all be there.
	for _, ps := range s.Parts {
		for _, p := range ps {
			if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
				return nil, fmt.Errorf("%s: %w", stateName, err)
			}
		}
	}
	return &s, nil
}

// State is the saved state of the run in a directory, read ahead of Open
// (Options.State): an update reads it while the models load.
type State struct {
	run   *savedRun
	stats *corpus.Stats
}

// ReadState completes an interrupted commit in dir, as Open would, and
// reads the state its run saved for a run adding posts to it, with the
// corpus statistics sized by opt; an error when there is none or it is
// unreadable.
func ReadState(dir string, opt corpus.Options) (*State, error) {
	if err := replayJournal(dir); err != nil {
		return nil, fmt.Errorf("completing the commit of an interrupted run: %w", err)
	}
	return readStateFor(dir, opt)
}

// Archives are the tarballs the run read (see pipeline.Archives.Replay).
func (s *State) Archives() []pipeline.ArchiveFile { return s.run.Archives }

func readStateFor(dir string, opt corpus.Options) (*State, error) {
	s, err := readState(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNoState, err)
	}
	stats, err := restoreStats(opt, s.Stats)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNoState, err)
	}
	s.Stats = nil // restored; the next save writes its own
	return &State{s, stats}, nil
}

// writeState writes the saved run, gob-encoded and zstd-compressed, and
// the corpus statistics after it (stats, when not nil).
//
// The gob encoding streams through zstd into w rather than into a buffer
// compressed whole: at a million posts it is about 40 MB, and that buffer
// and the compressor's output, live at once at the close of a run, made
// the run's peak of memory. The file is one zstd frame either way, which
// readState decodes.
func writeState(w io.Writer, s *savedRun, stats io.WriterTo) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	zw, err := zstd.NewWriter(bw, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return err
	}
	s.StatsFollow = stats != nil
	if s.StatsFollow {
		s.Stats = nil
	}
	if err := gob.NewEncoder(zw).Encode(s); err != nil {
		zw.Close()
		return err
	}
	if stats != nil {
		if _, err := stats.WriteTo(zw); err != nil {
			zw.Close()
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// restoreStats reads saved statistics into a fresh Stats.
func restoreStats(opt corpus.Options, b []byte) (*corpus.Stats, error) {
	s := corpus.New(opt)
	if err := s.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return s, nil
}

// errNoState is returned by Open when Continue is asked of a directory
// without a saved state.
var errNoState = errors.New("the earlier run saved no state to add posts to")
