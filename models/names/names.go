// Package names embeds the person-name tagger's model (names.model.gz:
// gzip-compressed text, one feature a line; see README.md for how it is
// made), its binary snapshot (names.bin: the same model in the form that
// loads fast, made from the text file by go generate), and the decision
// over proposed names (decision.tsv). It holds bytes only:
// stages/entities/tagger reads them.
package names

//go:generate go run ./internal/snapshot

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"io"
	"strings"
)

//go:embed names.model.gz
var model []byte

//go:embed names.bin
var snapshot []byte

// Snapshot returns the binary snapshot of the model and the checksum of
// the text file it must have been made from (tagger.ReadSnapshot refuses
// it otherwise: the text file is then read instead).
func Snapshot() (data, sum []byte) { return snapshot, ModelSum(model) }

// ModelSum is the SHA-256 of a text model file, which its snapshot names.
func ModelSum(text []byte) []byte {
	s := sha256.Sum256(text)
	return s[:]
}

// decision is the decision over proposed names (newsnlp train people).
//
//go:embed decision.tsv
var decision []byte

// register is sentences of other registers than news posts with their
// person names marked: the decision learns from them beside the gold.
//
//go:embed register.txt
var register []byte

// surnamesJa are Japanese family names, one a line (# comments).
//
//go:embed surnames_ja.txt
var surnamesJa string

// JapaneseSurnames returns the Japanese family names of surnames_ja.txt.
func JapaneseSurnames() []string {
	var out []string
	for _, l := range strings.Split(surnamesJa, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// Register returns the out-of-register sentences the decision learns from.
func Register() io.Reader { return bytes.NewReader(register) }

// Reader returns the model file.
func Reader() io.Reader { return bytes.NewReader(model) }

// Decision returns the decision file: which of the tagger's and the rules'
// names become mentions.
func Decision() io.Reader { return bytes.NewReader(decision) }

// Checksum is the SHA-256 of the model file, the decision file and the
// Japanese family names, for the metadata of a run's output.
func Checksum() string {
	h := sha256.New()
	h.Write(model)
	h.Write(decision)
	h.Write([]byte(surnamesJa))
	return hex.EncodeToString(h.Sum(nil)[:8])
}
