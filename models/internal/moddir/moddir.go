// Package moddir finds a module's source in the module cache, downloading
// it through the Go module proxy when missing, for the generators that
// derive the shipped tables from other projects' data (go generate only;
// nothing at run time).
package moddir

import (
	"encoding/json"
	"fmt"
	"log"
	"os/exec"
)

// Dir returns the directory of path ("module@version") in the module cache.
func Dir(path string) (string, error) {
	out, err := exec.Command("go", "mod", "download", "-json", path).Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w", path, err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: no directory in %q", path, out)
	}
	return m.Dir, nil
}

// Must is Dir for the generators, which stop at the first error.
func Must(path string) string {
	d, err := Dir(path)
	if err != nil {
		log.Fatal(err)
	}
	return d
}
