// Package speakers embeds the speaker model of the quote stage
// (speakers.tsv): feature weights of a log-linear ranking of a quote's
// candidate speakers, fitted on the gold annotations by `newsnlp train
// speakers` (see README.md beside it). A leaf: it only holds the text.
package speakers

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
)

//go:embed speakers.tsv
var tsv string

//go:embed extra.jsonl
var extra string

// Extra returns the speaker annotations of corpus posts (extra.jsonl) that
// the shipped model is trained on beside the gold set.
func Extra() string { return extra }

//go:embed heldout.jsonl
var heldout string

// Heldout returns annotated corpus posts (heldout.jsonl) that no model,
// choice or rule is fitted on: eval scores the model as run on them.
func Heldout() string { return heldout }

// Text returns the model file's text.
func Text() string { return tsv }

// Checksum identifies the model, for the metadata of a run's output.
func Checksum() string {
	h := sha256.Sum256([]byte(tsv))
	return hex.EncodeToString(h[:8])
}
