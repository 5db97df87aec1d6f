package beamrun

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// Remote reports whether path names an object store's path (scheme://…),
// read and written through Beam's file systems; other paths are local
// ones, read by the walker of newsnlp run and written with the os package
// (on a cluster they must be on a file system every worker mounts).
func Remote(path string) bool {
	i := strings.Index(path, "://")
	return i > 0 && !strings.Contains(path[:i], "/")
}

// fileSystems holds one Beam file system per scheme for the process:
// making one can be costly (a GCS client), and they are never closed.
var fileSystems = struct {
	sync.Mutex
	m map[string]filesystem.Interface
}{m: map[string]filesystem.Interface{}}

func fileSystem(path string) (filesystem.Interface, error) {
	scheme := path[:strings.Index(path, "://")]
	fileSystems.Lock()
	defer fileSystems.Unlock()
	if fs, ok := fileSystems.m[scheme]; ok {
		return fs, nil
	}
	// The client outlives any one call's context.
	fs, err := filesystem.New(context.Background(), path)
	if err != nil {
		return nil, err
	}
	fileSystems.m[scheme] = fs
	return fs, nil
}

// beamFS is Beam's file systems seen as the pipeline's RemoteFS (reading
// archives) and the writer's Store (writing tables).
type beamFS struct{}

func (beamFS) Handles(path string) bool { return Remote(path) }

func (beamFS) Stat(ctx context.Context, path string) (int64, time.Time, error) {
	fs, err := fileSystem(path)
	if err != nil {
		return 0, time.Time{}, err
	}
	size, err := fs.Size(ctx, path)
	if err != nil {
		return 0, time.Time{}, err
	}
	var mod time.Time
	if lm, ok := fs.(filesystem.LastModifiedGetter); ok {
		if mod, err = lm.LastModified(ctx, path); err != nil {
			return 0, time.Time{}, err
		}
	}
	return size, mod, nil
}

// ListAll lists every object below dir. gs:// and s3:// globs let **
// cross slashes: one listing. Other schemes' globs are filepath.Match's
// (memfs://), so each depth is listed in turn, down to maxDepth folders.
func (beamFS) ListAll(ctx context.Context, dir string) ([]string, error) {
	fs, err := fileSystem(dir)
	if err != nil {
		return nil, err
	}
	if s := dir[:strings.Index(dir, "://")]; s == "gs" || s == "s3" {
		return fs.List(ctx, dir+"/**")
	}
	var all []string
	glob := dir
	for range maxDepth {
		glob += "/*"
		names, err := fs.List(ctx, glob)
		if err != nil {
			return nil, err
		}
		all = append(all, names...)
	}
	return all, nil
}

// maxDepth bounds the folders below an archive read from a store whose
// globs cannot match any depth at once.
const maxDepth = 32

func (beamFS) Open(ctx context.Context, path string) (io.ReadCloser, error) {
	fs, err := fileSystem(path)
	if err != nil {
		return nil, err
	}
	return fs.OpenRead(ctx, path)
}

func (beamFS) Create(ctx context.Context, name string) (io.WriteCloser, error) {
	fs, err := fileSystem(name)
	if err != nil {
		return nil, err
	}
	return fs.OpenWrite(ctx, name)
}

func (beamFS) List(ctx context.Context, glob string) ([]string, error) {
	fs, err := fileSystem(glob)
	if err != nil {
		return nil, err
	}
	return fs.List(ctx, glob)
}

// Copy copies within one store (server side where the store can, as
// GCS's Copier does).
func (beamFS) Copy(ctx context.Context, from, to string) error {
	fs, err := fileSystem(from)
	if err != nil {
		return err
	}
	return filesystem.Copy(ctx, fs, from, to)
}

func (beamFS) Remove(ctx context.Context, name string) error {
	fs, err := fileSystem(name)
	if err != nil {
		return err
	}
	rm, ok := fs.(filesystem.Remover)
	if !ok {
		return fmt.Errorf("%s: the file system of %T cannot remove files", name, fs)
	}
	return rm.Remove(ctx, name)
}
