package pipeline

import (
	"archive/tar"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/klauspost/compress/gzip"
)

// Filter chooses the files of an archive that are posts.
type Filter struct {
	Exts    []string // file name endings, case-insensitive, e.g. ".md"; empty means every file
	Include []string // globs (doublestar syntax) on the path inside the archive; empty means all
	Exclude []string // globs that drop a file even when Include matched it
	MaxSize int64    // files larger than this are rejected unread; 0 means no limit
}

// Validate reports a malformed glob.
func (f Filter) Validate() error {
	for _, p := range append(append([]string{}, f.Include...), f.Exclude...) {
		if !doublestar.ValidatePattern(p) {
			return fmt.Errorf("bad glob %q", p)
		}
	}
	return nil
}

// Match reports whether the file at rel (slash-separated) is a post.
func (f Filter) Match(rel string) bool {
	if len(f.Exts) > 0 {
		lower := strings.ToLower(rel)
		ok := false
		for _, e := range f.Exts {
			if strings.HasSuffix(lower, strings.ToLower(e)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if len(f.Include) > 0 && !matchAny(f.Include, rel) {
		return false
	}
	return !matchAny(f.Exclude, rel)
}

func matchAny(globs []string, rel string) bool {
	base := path.Base(rel)
	for _, g := range globs {
		// A glob without a slash matches the file name at any depth.
		target := rel
		if !strings.Contains(g, "/") {
			target = base
		}
		if ok, _ := doublestar.Match(g, target); ok {
			return true
		}
	}
	return false
}

// skipDirs are version-control folders: never posts, often huge.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

// Archives is a Source over several archives, read one after another in the
// order given. Each archive is a directory (walked recursively in byte order
// of names, symbolic links followed), a tar file (optionally gzip-compressed,
// read in stored order) or a single post file.
//
// A Doc's ID is derived from its path inside its archive, so the same post
// gets the same ID in every run, whether the archive is read as a directory
// or as a tarball of it. When two archives of one run hold the same path, the
// later one's ID also covers the archive's name.
type Archives struct {
	Paths  []string
	Filter Filter
	// Unchanged, when set, is asked of each input before its bytes are
	// read: true means the caller knows it by its origin, size and
	// modification time, and the Doc comes without its bytes, Kept set.
	// A tarball is still read through (its entries are not indexed), but
	// nothing is copied out of it.
	Unchanged func(Origin) bool
	// Replay, when set, is asked of each tarball before it is read, with
	// its size and modification time; hash returns the SHA-256 of its
	// bytes. When it returns ok, the origins it gives come out in order
	// as the archive's inputs, Kept and without bytes, and the tarball is
	// not decompressed: the caller knows them from a run over these very
	// bytes.
	Replay func(f ArchiveFile, hash func() (string, error)) (inputs []Origin, ok bool)
	// Walked, when set, is told of each tarball read through or replayed:
	// what a later run's Replay needs to know it again.
	Walked func(ArchiveFile)
	// Remote, when set, reads the archives it handles (paths of an object
	// store) in place of the local file system.
	Remote RemoteFS

	countOnly bool // emit Docs without reading the files
	// sel, when set, reads only the files of a range of positions (see
	// ReadRange).
	sel *selection
}

// Walk implements Source.
func (a Archives) Walk(ctx context.Context, emit func(*Doc) error) error {
	// The ids seen, by the 64 bits they spell: a run keeps one per input
	// (see idSet).
	var seen idSet
	withID := func(d *Doc) error {
		n := idBits(d.Source.Path)
		if seen.has(n) {
			n = idBits(filepath.Base(d.Source.Archive) + "\x00" + d.Source.Path)
		}
		seen.add(n)
		d.ID = idText(n)
		return emit(d)
	}
	for _, p := range a.Paths {
		if err := a.walkOne(ctx, p, withID); err != nil {
			return err
		}
	}
	return nil
}

// Count walks the archives without reading the posts: the number of posts
// and their bytes, for progress display.
func (a Archives) Count(ctx context.Context) (files, bytes int64, err error) {
	noRead := a
	noRead.countOnly = true
	err = noRead.Walk(ctx, func(d *Doc) error {
		files++
		bytes += d.Source.Size
		return ctx.Err()
	})
	return files, bytes, err
}

// ArchiveFile identifies a tarball's bytes, and says how many inputs
// they gave.
type ArchiveFile struct {
	Path   string // as given on the command line
	Size   int64
	MTime  int64  // modification time, Unix nanoseconds
	SHA256 string // hex; empty when not known
	Inputs int    // Docs emitted for the archive's entries
}

// hashingReader hashes what is read through it.
type hashingReader struct {
	r io.Reader
	h hash.Hash
}

func (h hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	return n, err
}

// fileSHA256 hashes f from its start and leaves its offset as it was.
func fileSHA256(f *os.File) (string, error) {
	at, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, 1<<62)); err != nil {
		return "", err
	}
	if _, err := f.Seek(at, io.SeekStart); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// idBits is the first 64 bits of the SHA-256 of s, which a doc_id spells
// in hex.
func idBits(s string) uint64 {
	h := sha256.Sum256([]byte(s))
	return binary.BigEndian.Uint64(h[:8])
}

func idText(n uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return hex.EncodeToString(b[:])
}

func (a Archives) walkOne(ctx context.Context, root string, emit func(*Doc) error) error {
	if a.Remote != nil && a.Remote.Handles(root) {
		return a.walkRemote(ctx, a.Remote, root, emit)
	}
	fi, err := os.Stat(root)
	if err != nil {
		return emit(&Doc{Source: Origin{Archive: root, Path: filepath.Base(root)}, Err: &DocError{Stage: "walk", Err: err.Error()}})
	}
	if fi.IsDir() {
		w := dirWalker{archives: a, root: root, emit: emit, ctx: ctx}
		return w.walk(root, "", []fileKey{keyOf(fi)})
	}
	f, err := os.Open(root)
	if err != nil {
		return emit(&Doc{Source: Origin{Archive: root, Path: filepath.Base(root), Size: fi.Size()}, Err: &DocError{Stage: "read", Err: err.Error()}})
	}
	defer f.Close()
	var h hash.Hash
	var src io.Reader = f
	if !a.skipRead() && (a.Replay != nil || a.Walked != nil) {
		h = sha256.New()
		src = hashingReader{f, h}
	}
	br := bufio.NewReaderSize(src, 1<<16)
	if isTar(root, br) {
		if h == nil {
			return a.walkTar(ctx, root, br, emit)
		}
		af := ArchiveFile{Path: root, Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
		if a.Replay != nil {
			var sum string
			hashOnce := func() (string, error) {
				if sum != "" {
					return sum, nil
				}
				var err error
				sum, err = fileSHA256(f)
				return sum, err
			}
			if origins, ok := a.Replay(af, hashOnce); ok {
				for _, o := range origins {
					if err := ctx.Err(); err != nil {
						return err
					}
					if err := emit(&Doc{Source: o, Kept: true}); err != nil {
						return err
					}
				}
				if a.Walked != nil {
					af.Inputs = len(origins)
					if af.SHA256, err = hashOnce(); err != nil {
						af.SHA256 = ""
					}
					a.Walked(af)
				}
				return nil
			}
		}
		count := func(d *Doc) error {
			af.Inputs++
			return emit(d)
		}
		if err := a.walkTar(ctx, root, br, count); err != nil {
			return err
		}
		// The rest of the file (past the tar's end, the gzip trailer)
		// completes the hash.
		if _, err := io.Copy(h, f); err != nil {
			return nil
		}
		if a.Walked != nil {
			af.SHA256 = hex.EncodeToString(h.Sum(nil))
			a.Walked(af)
		}
		return nil
	}
	// A single post.
	d := &Doc{Source: Origin{Archive: root, Path: filepath.Base(root), Size: fi.Size()}}
	a.read(d, br)
	return emit(d)
}

func isTar(name string, br *bufio.Reader) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".tar") || strings.HasSuffix(lower, ".tar.gz") || strings.HasSuffix(lower, ".tgz") {
		return true
	}
	// ustar magic at offset 257.
	b, _ := br.Peek(263)
	return len(b) == 263 && string(b[257:262]) == "ustar"
}

// read fills d.Raw from r, or sets d.Err.
func (a Archives) read(d *Doc, r io.Reader) {
	if a.skipRead() {
		return
	}
	if a.Filter.MaxSize > 0 && d.Source.Size > a.Filter.MaxSize {
		d.Err = &DocError{Stage: "read", Err: fmt.Sprintf("file of %d bytes is over the size limit of %d bytes", d.Source.Size, a.Filter.MaxSize)}
		return
	}
	raw, err := readSized(r, d.Source.Size)
	if err != nil {
		d.Err = &DocError{Stage: "read", Err: err.Error()}
		return
	}
	d.Raw = raw
	d.Source.Size = int64(len(raw))
}

// maxSizedRead bounds the buffer readSized makes from a size it is told
// before reading: a tar header's size is not to be trusted that far.
const maxSizedRead = 64 << 20

// readSized is io.ReadAll with the buffer made at the size the file is
// said to have (a tar header's, a stat's) rather than grown by doubling
// from 512 bytes, which allocated twice the input over a run. It reads to
// the end whatever the size said.
func readSized(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, min(max(size, 0), maxSizedRead)+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
	}
}

func (a Archives) walkTar(ctx context.Context, name string, r io.Reader, emit func(*Doc) error) error {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return emit(&Doc{Source: Origin{Archive: name, Path: ""}, Err: &DocError{Stage: "read", Err: "gzip: " + err.Error()}})
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	// Reads check the context, so that skipping a huge entry (a gzip bomb
	// decompresses at a few hundred MB/s) still stops at once when asked.
	tr := tar.NewReader(ctxReader{ctx, r})
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// A corrupt or truncated tarball: report it and go on with the
			// next archive.
			return emit(&Doc{Source: Origin{Archive: name, Path: ""}, Err: &DocError{Stage: "read", Err: "tar: " + err.Error()}})
		}
		if h.Typeflag == tar.TypeDir {
			continue
		}
		rel := strings.TrimPrefix(path.Clean("/"+h.Name), "/")
		if !a.Filter.Match(rel) {
			continue
		}
		d := &Doc{Source: Origin{Archive: name, Path: rel, Size: h.Size, ModTime: h.ModTime}}
		if msg := tarEntryProblem(h); msg != "" {
			d.Source.Size = 0
			d.Err = &DocError{Stage: "walk", Err: msg}
		} else if !a.skipRead() && a.Unchanged != nil && a.Unchanged(d.Source) {
			d.Kept = true
		} else {
			a.read(d, tr)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := emit(d); err != nil {
			return err
		}
	}
}

// tarEntryProblem says why a tar entry that looks like a post is not read
// as one, or "" for a regular file. Links are not followed: a symbolic
// link may point outside the archive, and a hard link's target is a post
// of the same archive that has a row of its own already (reading it twice
// would only double it). Names that climb out of the archive (../, or an
// absolute path) are refused as an extracting tool would refuse them.
func tarEntryProblem(h *tar.Header) string {
	if strings.HasPrefix(h.Name, "/") || slices.Contains(strings.Split(h.Name, "/"), "..") {
		return fmt.Sprintf("tar: unsafe entry name %q: outside the archive", h.Name)
	}
	switch h.Typeflag {
	case tar.TypeReg:
		return ""
	case tar.TypeSymlink:
		return fmt.Sprintf("tar: symbolic link to %q: not followed", h.Linkname)
	case tar.TypeLink:
		return fmt.Sprintf("tar: hard link to %q: not read (its target is read at its own entry)", h.Linkname)
	case tar.TypeChar, tar.TypeBlock:
		return "tar: device file: not a post"
	case tar.TypeFifo:
		return "tar: named pipe: not a post"
	}
	return fmt.Sprintf("tar: entry of type %q: not a regular file", h.Typeflag)
}

// ctxReader fails reads once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// fileKey identifies a directory to detect symbolic link loops.
type fileKey struct{ dev, ino uint64 }

func keyOf(fi fs.FileInfo) fileKey {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fileKey{uint64(st.Dev), uint64(st.Ino)}
	}
	return fileKey{}
}

type dirWalker struct {
	ctx      context.Context
	archives Archives
	root     string
	emit     func(*Doc) error
}

func (w *dirWalker) fail(rel, stage string, err error) error {
	return w.emit(&Doc{Source: Origin{Archive: w.root, Path: rel}, Err: &DocError{Stage: stage, Err: err.Error()}})
}

// walk visits dir (rel inside the archive); ancestors are the directories on
// the way down, for loop detection.
func (w *dirWalker) walk(dir, rel string, ancestors []fileKey) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		// ReadDir returns what it could read before the error.
		if err := w.fail(rel, "walk", err); err != nil {
			return err
		}
	}
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(dir, name)
		childRel := name
		if rel != "" {
			childRel = rel + "/" + name
		}
		typ := e.Type()
		var fi fs.FileInfo
		if typ&fs.ModeSymlink != 0 {
			fi, err = os.Stat(full)
			if err != nil {
				if w.archives.Filter.Match(childRel) {
					if err := w.fail(childRel, "walk", fmt.Errorf("broken symbolic link: %w", err)); err != nil {
						return err
					}
				}
				continue
			}
			typ = fi.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if skipDirs[name] {
				continue
			}
			if fi == nil {
				if fi, err = e.Info(); err != nil {
					if err := w.fail(childRel, "walk", err); err != nil {
						return err
					}
					continue
				}
			}
			k := keyOf(fi)
			loop := false
			for _, a := range ancestors {
				if a == k {
					loop = true
				}
			}
			if loop {
				if err := w.fail(childRel, "walk", errors.New("symbolic link loop: the directory contains itself")); err != nil {
					return err
				}
				continue
			}
			if err := w.walk(full, childRel, append(ancestors, k)); err != nil {
				return err
			}
		case typ.IsRegular():
			if !w.archives.Filter.Match(childRel) {
				continue
			}
			if err := w.file(full, childRel, fi, e); err != nil {
				return err
			}
		default:
			// A device, named pipe or socket: never opened (a pipe would
			// block the walk), but accounted for.
			if !w.archives.Filter.Match(childRel) {
				continue
			}
			if err := w.fail(childRel, "walk", fmt.Errorf("not a regular file (%v): not a post", typ)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *dirWalker) file(full, rel string, fi fs.FileInfo, e fs.DirEntry) error {
	d := &Doc{Source: Origin{Archive: w.root, Path: rel}}
	if fi == nil {
		var err error
		if fi, err = e.Info(); err != nil {
			d.Err = &DocError{Stage: "read", Err: err.Error()}
			return w.emit(d)
		}
	}
	d.Source.Size, d.Source.ModTime = fi.Size(), fi.ModTime()
	if w.archives.skipRead() {
		return w.emit(d)
	}
	if w.archives.Unchanged != nil && w.archives.Unchanged(d.Source) {
		d.Kept = true
		return w.emit(d)
	}
	f, err := os.Open(full)
	if err != nil {
		d.Err = &DocError{Stage: "read", Err: err.Error()}
		return w.emit(d)
	}
	w.archives.read(d, f)
	f.Close()
	return w.emit(d)
}
