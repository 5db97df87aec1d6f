package pipeline

import (
	"bufio"
	"context"
	"io"
	"path"
	"slices"
	"strings"
	"time"
)

// RemoteFS reads archives that are not local paths: objects of a store
// such as a bucket (gs://bucket/news.tar.gz, or gs://bucket/posts holding
// posts at any depth below it). A distributed run's workers share no
// disk, so they read the archives there; the pipeline itself stays free of
// any store's client (newsnlp-beam adapts Beam's file systems).
type RemoteFS interface {
	// Handles reports whether path is the store's (e.g. has its scheme).
	Handles(path string) bool
	// Stat returns an object's size and modification time (zero when the
	// store keeps none), or an error when there is no such object.
	Stat(ctx context.Context, path string) (size int64, modTime time.Time, err error)
	// ListAll returns the names of every object under dir + "/", at any
	// depth, in any order.
	ListAll(ctx context.Context, dir string) ([]string, error)
	Open(ctx context.Context, path string) (io.ReadCloser, error)
}

// walkRemote walks an archive of a store as walkOne walks a local one:
// an object is a tarball or a single post; otherwise the objects under
// root/ are a directory's files, visited in the order of a local walk of
// the same tree (names compared folder by folder), so that the posts get
// the same positions and IDs as in a run over a local copy.
func (a Archives) walkRemote(ctx context.Context, fs RemoteFS, root string, emit func(*Doc) error) error {
	given := root
	root = strings.TrimSuffix(root, "/")
	if size, _, err := fs.Stat(ctx, root); err == nil {
		d := &Doc{Source: Origin{Archive: given, Path: path.Base(root), Size: size}}
		f, err := fs.Open(ctx, root)
		if err != nil {
			d.Err = &DocError{Stage: "read", Err: err.Error()}
			return emit(d)
		}
		defer f.Close()
		br := bufio.NewReaderSize(f, 1<<16)
		if isTar(root, br) {
			return a.walkTar(ctx, given, br, emit)
		}
		a.read(d, br)
		return emit(d)
	}
	names, err := fs.ListAll(ctx, root)
	if err == nil && len(names) == 0 {
		err = &DocError{Stage: "walk", Err: "no such object or folder: " + root}
	}
	if err != nil {
		return emit(&Doc{Source: Origin{Archive: given, Path: path.Base(root)}, Err: &DocError{Stage: "walk", Err: err.Error()}})
	}
	var rels [][]string
	for _, n := range names {
		rel, ok := strings.CutPrefix(n, root+"/")
		if !ok || rel == "" || strings.HasSuffix(rel, "/") { // a folder placeholder
			continue
		}
		segs := strings.Split(rel, "/")
		if slices.ContainsFunc(segs[:len(segs)-1], func(s string) bool { return skipDirs[s] }) || !a.Filter.Match(rel) {
			continue
		}
		rels = append(rels, segs)
	}
	slices.SortFunc(rels, slices.Compare)
	for _, segs := range rels {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel := strings.Join(segs, "/")
		d := &Doc{Source: Origin{Archive: given, Path: rel}}
		if !a.skipRead() {
			a.readRemote(ctx, fs, root+"/"+rel, d)
		}
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}

// readRemote reads one object of a remote directory into d, as
// dirWalker.file reads a local file.
func (a Archives) readRemote(ctx context.Context, fs RemoteFS, name string, d *Doc) {
	size, mod, err := fs.Stat(ctx, name)
	if err != nil {
		d.Err = &DocError{Stage: "read", Err: err.Error()}
		return
	}
	d.Source.Size, d.Source.ModTime = size, mod
	if a.Unchanged != nil && a.Unchanged(d.Source) {
		d.Kept = true
		return
	}
	f, err := fs.Open(ctx, name)
	if err != nil {
		d.Err = &DocError{Stage: "read", Err: err.Error()}
		return
	}
	defer f.Close()
	a.read(d, f)
}
