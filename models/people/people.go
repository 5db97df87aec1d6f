// Package people embeds the gazetteer of people (people.tsv, see its
// README.md) in the format of package gazetteer, parsed once and read-only.
package people

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strings"
	"sync"

	"github.com/newsnlp/newsnlp/models/gazetteer"
)

//go:embed people.tsv
var tsv string

// Load returns the embedded entries. The slice is shared: do not modify it.
var Load = sync.OnceValues(func() ([]gazetteer.Entry, error) {
	return gazetteer.Parse(strings.NewReader(tsv), "models/people/people.tsv")
})

// Checksum identifies the list's content, for the metadata of a run's output.
func Checksum() string {
	h := sha256.Sum256([]byte(tsv))
	return hex.EncodeToString(h[:8])
}
