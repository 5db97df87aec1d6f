// Package names embeds the person-name tagger's model (names.model.gz:
// gzip-compressed text, one feature a line; see README.md for how it is
// made). It holds bytes only: stages/entities/tagger reads them.
package names

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"io"
)

//go:embed names.model.gz
var model []byte

// Reader returns the model file.
func Reader() io.Reader { return bytes.NewReader(model) }

// Checksum is the SHA-256 of the model file, for the metadata of a run's
// output.
func Checksum() string {
	h := sha256.Sum256(model)
	return hex.EncodeToString(h[:8])
}
