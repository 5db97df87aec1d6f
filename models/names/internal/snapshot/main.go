// Command snapshot writes names.bin, the binary snapshot of the tagger's
// text model names.model.gz that start-up loads instead of parsing the
// text (see stages/entities/tagger/snapshot.go):
//
//	go generate ./models/names
package main

import (
	"bytes"
	"log"
	"os"

	"github.com/newsnlp/newsnlp/models/names"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
)

func main() {
	// The text file on disk, not the one compiled into this program,
	// which is stale when the model was just retrained.
	text, err := os.ReadFile("names.model.gz")
	if err != nil {
		log.Fatal(err)
	}
	m, err := tagger.Read(bytes.NewReader(text))
	if err != nil {
		log.Fatal(err)
	}
	b, err := m.AppendSnapshot(nil, names.ModelSum(text))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("names.bin", b, 0o644); err != nil {
		log.Fatal(err)
	}
}
