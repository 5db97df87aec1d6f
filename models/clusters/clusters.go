// Package clusters embeds word clusters learnt from the shared corpus
// (clusters.tsv, made by `newsnlp train clusters`; see README.md beside
// it): each frequent word of the simplified text with its cluster at four
// levels, fine to coarse. The speaker model weighs a word seen too rarely
// in the annotated quotes by its clusters. A leaf: it only holds the text.
package clusters

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
)

//go:embed clusters.tsv
var tsv string

// Text returns the file's text.
func Text() string { return tsv }

// Checksum identifies the clusters, for the metadata of a run's output.
func Checksum() string {
	h := sha256.Sum256([]byte(tsv))
	return hex.EncodeToString(h[:8])
}
