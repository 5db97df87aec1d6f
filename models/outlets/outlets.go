// Package outlets embeds the gazetteer of outlets (outlets.tsv, see its
// README.md) in the format of package gazetteer, parsed once and read-only.
package outlets

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strings"
	"sync"

	"github.com/newsnlp/newsnlp/models/gazetteer"
)

var (
	//go:embed outlets.tsv
	tsv string
	//go:embed context_only.txt
	contextOnlyTxt string
)

// Load returns the embedded entries. The slice is shared: do not modify it.
var Load = sync.OnceValues(func() ([]gazetteer.Entry, error) {
	return gazetteer.Parse(strings.NewReader(tsv), "models/outlets/outlets.tsv")
})

// ContextOnly returns the ids of outlets whose names are also ordinary words
// (求是, 外交政策): they count only inside title marks or beside an outlet
// cue.
var ContextOnly = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for line := range strings.Lines(contextOnlyTxt) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
})

// Checksum identifies the list's content, for the metadata of a run's output.
func Checksum() string {
	h := sha256.Sum256([]byte(tsv + contextOnlyTxt))
	return hex.EncodeToString(h[:8])
}
