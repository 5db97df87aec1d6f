// Command synthposts makes a large synthetic archive of news posts from a
// real one, to measure how a run's memory and time grow with the archive
// (newsnlp's memory must stay flat in the number of posts). It is a
// development tool, not part of newsnlp:
//
//	go run ./cmd/internal/synthposts -n 100000 -o /tmp/synth.tar.gz ../shared/corpus/*.tar.gz
//
// Every output post is a real post changed so that ids, periods, outlets
// and near-duplicate groups stay realistic at any size: a new path (and
// file-name date), its date moved back by up to -years (front matter and
// epoch comment), its outlet sometimes one of -outlets variants of the
// original, and its body's paragraphs shuffled, swapped for paragraphs of
// other posts of the same outlet, or with sentences swapped for others'.
// A share (-dups) are deliberate near-duplicates of a recent output post:
// the same body with one sentence changed, under another path and outlet.
// The output is a function of the inputs, -n and -seed, byte for byte.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Options shape the synthetic archive.
type Options struct {
	N       int     // posts to write
	Seed    uint64  // the same seed gives the same archive
	Years   int     // dates move back by up to this many years
	Outlets int     // variants per outlet (the original among them)
	Dups    float64 // share of posts that nearly repeat a recent one
	Swap    float64 // share of paragraphs swapped for another post's
	Subst   float64 // share of the other paragraphs' sentences swapped
}

// DefaultOptions are the settings the README's figures were measured with.
var DefaultOptions = Options{Seed: 1, Years: 6, Outlets: 4, Dups: 0.05, Swap: 0.4, Subst: 0.2}

// source is a real post cut into the parts the generator changes.
type source struct {
	path   string
	outlet string // pool key: the categories line, else the path's first directory
	head   string // front matter and header up to the body
	body   string
	slots  [][2]int // byte ranges of the body's paragraph texts (no tags inside)
}

// paraRE finds a paragraph whose text holds no tags: its text can be swapped.
var paraRE = regexp.MustCompile(`<p(?:\s[^>]*)?>([^<]{8,})</p>`)

func cut(path string, raw []byte) source {
	s := source{path: path}
	text := string(raw)
	// The body starts after the title link's underline, or after the front
	// matter, else at the start.
	at := 0
	if i := strings.Index(text, "\n------\n"); i >= 0 && i < 4096 {
		at = i + len("\n------\n")
	} else if strings.HasPrefix(text, "---\n") {
		if j := strings.Index(text[4:], "\n---\n"); j >= 0 {
			at = 4 + j + len("\n---\n")
		}
	}
	s.head, s.body = text[:at], text[at:]
	for _, m := range paraRE.FindAllStringSubmatchIndex(s.body, -1) {
		s.slots = append(s.slots, [2]int{m[2], m[3]})
	}
	if len(s.slots) == 0 {
		// Older layouts: lines of plain text.
		off := 0
		for _, line := range strings.SplitAfter(s.body, "\n") {
			t := strings.TrimRight(line, "\n")
			if len(t) >= 24 && !strings.ContainsAny(t, "<>[]") {
				s.slots = append(s.slots, [2]int{off, off + len(t)})
			}
			off += len(line)
		}
	}
	s.outlet = firstDir(path)
	if c := headLine(s.head, "categories:"); c != "" {
		s.outlet = c
	}
	// An outlet's posts in either script swap text only with posts of
	// their own script.
	if traditional(s.body) {
		s.outlet += "\x00t"
	}
	return s
}

// traditional tells a body in traditional script by common characters that
// differ between the scripts.
func traditional(body string) bool {
	t, s := 0, 0
	for _, r := range body {
		switch {
		case strings.ContainsRune("們這說國會對時來為與後發經過還裡個們將體從", r):
			t++
		case strings.ContainsRune("们这说国会对时来为与后发经过还里个们将体从", r):
			s++
		}
	}
	return t > s
}

func firstDir(p string) string {
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// headLine returns the value of the front matter line starting with key.
func headLine(head, key string) string {
	for _, l := range strings.Split(head, "\n") {
		if strings.HasPrefix(l, key) {
			return strings.TrimSpace(l[len(key):])
		}
	}
	return ""
}

// generator holds the sources and the pools of paragraphs and sentences
// by outlet.
type generator struct {
	opt     Options
	rng     *rand.Rand
	srcs    []source
	paras   map[string][]string
	sents   map[string][]string
	recent  []recentPost // ring of recent outputs, for near-duplicates
	written int
}

type recentPost struct {
	src   int
	texts []string // the texts of its slots
}

const recentSize = 512

func newGenerator(srcs []source, opt Options) *generator {
	g := &generator{opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)), srcs: srcs,
		paras: map[string][]string{}, sents: map[string][]string{}}
	for _, s := range srcs {
		for _, sl := range s.slots {
			p := s.body[sl[0]:sl[1]]
			g.paras[s.outlet] = append(g.paras[s.outlet], p)
			g.sents[s.outlet] = append(g.sents[s.outlet], sentences(p)...)
		}
	}
	return g
}

// sentences cuts a paragraph after each full stop, question or exclamation
// mark (Chinese or Latin).
func sentences(p string) []string {
	var out []string
	start := 0
	for i, r := range p {
		if r == '。' || r == '！' || r == '？' || r == '.' || r == '!' || r == '?' {
			end := i + len(string(r))
			if end-start >= 6 {
				out = append(out, p[start:end])
				start = end
			}
		}
	}
	if start < len(p) {
		out = append(out, p[start:])
	}
	return out
}

// post is one output post.
type post struct {
	path    string
	modTime time.Time
	data    []byte
	dup     bool // a near-duplicate of a recent post
}

var (
	dateRE  = regexp.MustCompile(`(?m)^date: *"?(\d{4}-\d\d-\d\d)([^\n"]*)"?`)
	epochRE = regexp.MustCompile(`<!--(\d{10,13})-->`)
	nameRE  = regexp.MustCompile(`^\d{4}-\d\d-\d\d`)
)

// next makes the next post.
func (g *generator) next() post {
	i := g.written
	g.written++
	var si int
	var body string
	dup := len(g.recent) > 0 && g.rng.Float64() < g.opt.Dups
	if dup {
		r := g.recent[g.rng.IntN(len(g.recent))]
		si = r.src
		body = fill(g.srcs[si], g.nearCopy(g.srcs[si], r.texts))
	} else {
		si = g.rng.IntN(len(g.srcs))
		texts := g.vary(g.srcs[si])
		body = fill(g.srcs[si], texts)
		if len(texts) == 0 {
			// Nothing to vary: no copy of it as a near-duplicate either.
		} else if len(g.recent) < recentSize {
			g.recent = append(g.recent, recentPost{si, texts})
		} else {
			g.recent[g.rng.IntN(recentSize)] = recentPost{si, texts}
		}
	}
	s := g.srcs[si]
	shift := time.Duration(g.rng.IntN(g.opt.Years*365+1)) * 24 * time.Hour
	head := g.moveDate(s.head, shift)
	if v := g.rng.IntN(max(g.opt.Outlets, 1)); v > 0 {
		head = renameOutlet(head, v)
	}
	dir, base := path.Split(s.path)
	if m := nameRE.FindString(base); m != "" {
		if t, err := time.Parse("2006-01-02", m); err == nil {
			base = t.Add(-shift).Format("2006-01-02") + base[len(m):]
		}
	}
	// The post's number keeps paths (and so doc ids) unique.
	ext := path.Ext(base)
	p := fmt.Sprintf("synth%03d/%s%s-%d%s", i/10000, dir, strings.TrimSuffix(base, ext), i, ext)
	mod := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(-shift)
	return post{path: p, modTime: mod, data: []byte(head + body), dup: dup}
}

// moveDate moves the front matter's date and the epoch comment back.
func (g *generator) moveDate(head string, shift time.Duration) string {
	head = dateRE.ReplaceAllStringFunc(head, func(m string) string {
		sm := dateRE.FindStringSubmatch(m)
		t, err := time.Parse("2006-01-02", sm[1])
		if err != nil {
			return m
		}
		return strings.Replace(m, sm[1], t.Add(-shift).Format("2006-01-02"), 1)
	})
	return epochRE.ReplaceAllStringFunc(head, func(m string) string {
		ms, err := strconv.ParseInt(m[4:len(m)-3], 10, 64)
		if err != nil {
			return m
		}
		if len(m)-7 <= 10 { // seconds
			return fmt.Sprintf("<!--%d-->", ms-int64(shift/time.Second))
		}
		return fmt.Sprintf("<!--%d-->", ms-shift.Milliseconds())
	})
}

// renameOutlet makes the post's outlet the v-th variant of its own: the
// last category (what the parser takes for the outlet) gets a suffix.
func renameOutlet(head string, v int) string {
	lines := strings.Split(head, "\n")
	for k, l := range lines {
		if !strings.HasPrefix(l, "categories:") {
			continue
		}
		if j := strings.LastIndex(l, "]"); j > 0 {
			lines[k] = strings.TrimRight(l[:j], " ") + "·" + strconv.Itoa(v) + " " + l[j:]
		} else {
			lines[k] = strings.TrimRight(l, " ") + "·" + strconv.Itoa(v)
		}
	}
	return strings.Join(lines, "\n")
}

// vary returns the texts of a post's slots shuffled, some swapped for other
// posts' paragraphs, and some of the others' sentences swapped for others'.
func (g *generator) vary(s source) []string {
	texts := make([]string, len(s.slots))
	for k, sl := range s.slots {
		texts[k] = s.body[sl[0]:sl[1]]
	}
	g.rng.Shuffle(len(texts), func(a, b int) { texts[a], texts[b] = texts[b], texts[a] })
	paras, sents := g.paras[s.outlet], g.sents[s.outlet]
	for k := range texts {
		if g.rng.Float64() < g.opt.Swap {
			texts[k] = paras[g.rng.IntN(len(paras))]
			continue
		}
		ss := sentences(texts[k])
		changed := false
		for j := range ss {
			if g.rng.Float64() < g.opt.Subst {
				ss[j] = sents[g.rng.IntN(len(sents))]
				changed = true
			}
		}
		if changed {
			texts[k] = strings.Join(ss, "")
		}
	}
	return texts
}

// nearCopy returns texts with one sentence swapped for another post's.
func (g *generator) nearCopy(s source, texts []string) []string {
	out := append([]string(nil), texts...)
	sents := g.sents[s.outlet]
	k := g.rng.IntN(len(out))
	ss := sentences(out[k])
	if len(ss) == 0 || len(sents) == 0 {
		return out
	}
	ss[g.rng.IntN(len(ss))] = sents[g.rng.IntN(len(sents))]
	out[k] = strings.Join(ss, "")
	return out
}

// fill puts texts into s's slots.
func fill(s source, texts []string) string {
	if len(texts) == 0 {
		return s.body
	}
	var b strings.Builder
	b.Grow(len(s.body) + 256)
	at := 0
	for k, sl := range s.slots {
		b.WriteString(s.body[at:sl[0]])
		b.WriteString(texts[k])
		at = sl[1]
	}
	b.WriteString(s.body[at:])
	return b.String()
}

// readSources reads the posts of the archives (directories or tarballs) in
// the order newsnlp reads them.
func readSources(ctx context.Context, archives []string) ([]source, error) {
	var srcs []source
	a := pipeline.Archives{Paths: archives, Filter: pipeline.Filter{Exts: []string{".md", ".markdown"}}}
	err := a.Walk(ctx, func(d *pipeline.Doc) error {
		if d.Err == nil && len(d.Raw) > 0 {
			srcs = append(srcs, cut(d.Source.Path, d.Raw))
		}
		return nil
	})
	if err == nil && len(srcs) == 0 {
		err = errors.New("no posts in the archives")
	}
	return srcs, err
}

// Generate writes a gzip-compressed tarball of opt.N posts made from srcs.
func Generate(w io.Writer, srcs []source, opt Options) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	if err := generateTar(zw, srcs, opt); err != nil {
		return err
	}
	return zw.Close()
}

// generateTar writes an uncompressed tarball of opt.N posts made from srcs.
func generateTar(w io.Writer, srcs []source, opt Options) error {
	tw := tar.NewWriter(w)
	g := newGenerator(srcs, opt)
	for range opt.N {
		p := g.next()
		h := &tar.Header{Name: p.path, Mode: 0o644, Size: int64(len(p.data)), ModTime: p.modTime, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := io.Copy(tw, bytes.NewReader(p.data)); err != nil {
			return err
		}
	}
	return tw.Close()
}

func main() {
	opt := DefaultOptions
	fs := flag.NewFlagSet("synthposts", flag.ExitOnError)
	out := fs.String("o", "", "output tarball (.tar.gz, or .tar uncompressed), written whole or not at all; - for an uncompressed tarball on standard output")
	fs.IntVar(&opt.N, "n", 100000, "posts to write")
	fs.Uint64Var(&opt.Seed, "seed", opt.Seed, "random seed")
	fs.IntVar(&opt.Years, "years", opt.Years, "dates move back by up to this many years")
	fs.IntVar(&opt.Outlets, "outlets", opt.Outlets, "variants per outlet")
	fs.Float64Var(&opt.Dups, "dups", opt.Dups, "share of near-duplicates of recent posts")
	fs.Float64Var(&opt.Swap, "swap", opt.Swap, "share of paragraphs swapped for other posts'")
	fs.Float64Var(&opt.Subst, "subst", opt.Subst, "share of sentences swapped in the other paragraphs")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: synthposts -n N -o OUT.tar.gz ARCHIVE...")
		fs.PrintDefaults()
	}
	fs.Parse(os.Args[1:])
	if *out == "" || fs.NArg() == 0 || opt.N < 0 {
		fs.Usage()
		os.Exit(2)
	}
	if err := run(*out, fs.Args(), opt, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "synthposts:", err)
		os.Exit(1)
	}
}

// run writes the archive to out, or uncompressed to stdout when out is
// "-": into a named pipe that a run reads (mkfifo /tmp/s1m.tar), a
// million posts take no disk for the 13 GB of their tarball.
func run(out string, archives []string, opt Options, stdout io.Writer) error {
	srcs, err := readSources(context.Background(), archives)
	if err != nil {
		return err
	}
	if out == "-" {
		bw := bufio.NewWriterSize(stdout, 1<<20)
		if err = generateTar(bw, srcs, opt); err == nil {
			err = bw.Flush()
		}
		return err
	}
	f, err := os.CreateTemp(path.Dir(out), ".synthposts-*")
	if err != nil {
		return err
	}
	if strings.HasSuffix(out, ".tar") {
		// Uncompressed: a third of the processor time to make.
		bw := bufio.NewWriterSize(f, 1<<20)
		if err = generateTar(bw, srcs, opt); err == nil {
			err = bw.Flush()
		}
	} else {
		err = Generate(f, srcs, opt)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), out)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
