package main

import (
	"flag"
	"strings"

	"github.com/newsnlp/newsnlp/stages/entities"
)

// registerPeopleFlags adds eval's options for measuring the sources of
// people.
func registerPeopleFlags(fs *flag.FlagSet, m *modelOptions) {
	fs.StringVar(&m.Off, "people-off", "", "leave out sources of people, comma-separated ("+strings.Join(entities.Sources, ", ")+"), to measure what each adds")
	fs.Float64Var(&m.NamesThreshold, "names-threshold", 0, "the name tagger's least span confidence (default: the tuned one)")
	fs.Float64Var(&m.NamesTemp, "names-temperature", 0, "the divisor of the tagger's scores for its confidences (default: the model's own)")
	fs.Float64Var(&m.NamesVeto, "names-veto", 0, "drop a discovery rule's name when the tagger's confidence in it is below this (default: the tuned one; negative: never)")
}
