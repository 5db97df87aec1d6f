package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/newsnlp/newsnlp/cmd/internal/evaluate"
	"github.com/newsnlp/newsnlp/stages/entities"
)

// registerPeopleFlags adds eval's options for measuring the sources of
// people.
func registerPeopleFlags(fs *flag.FlagSet, m *modelOptions) {
	fs.StringVar(&m.Off, "people-off", "", "leave out sources of people, comma-separated ("+strings.Join(entities.Sources, ", ")+"), to measure what each adds")
	fs.Float64Var(&m.NamesThreshold, "names-threshold", 0, "the name tagger's least span confidence (default: the tuned one)")
	fs.Float64Var(&m.NamesShort, "names-short", 0, "the least confidence of a tagger span of a surname and one character (default: the tuned one; negative: never)")
	fs.Float64Var(&m.NamesTrans, "names-trans", 0, "the least confidence of a tagger span of a transliteration without a middle dot (default: the tuned one; negative: never)")
	fs.Float64Var(&m.NamesTemp, "names-temperature", 0, "the divisor of the tagger's scores for its confidences (default: the model's own)")
	fs.Float64Var(&m.NamesVeto, "names-veto", 0, "drop a discovery rule's name when the tagger's confidence in it is below this (default: the tuned one; negative: never)")
	fs.Float64Var(&peopleRegisterWeight, "register-weight", entities.DefaultDecisionFit.RegisterWeight, "with --folds: the weight of a register sentence's proposal in the decision's fit")
}

// peopleRegisterWeight is eval's --register-weight (a measuring option:
// the shipped fit's is entities.DefaultDecisionFit's).
var peopleRegisterWeight float64

// handSet reports options that ask for the hand-set thresholds instead of
// the decision over proposed names.
func handSet(m modelOptions) bool {
	return m.NamesThreshold != 0 || m.NamesShort != 0 || m.NamesTrans != 0 || m.NamesVeto != 0
}

// peopleCV sets what eval --folds cross-validates of the people: the
// decision over proposed names, fitted on all folds but one; with hand-set
// thresholds (--names-*), the choice among them.
func peopleCV(m modelOptions, o *evaluate.Options) error {
	if handSet(m) {
		var err error
		o.People, err = peopleSettings(m)
		return err
	}
	b, err := buildStages(m)
	if err != nil {
		return err
	}
	st, err := entities.NewStage(b.gaz, entities.StageOptions{Names: b.names, Off: strings.Split(m.Off, ",")})
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	o.PeopleStage, o.PeopleFit = st, entities.DefaultDecisionFit
	o.PeopleFit.RegisterWeight = peopleRegisterWeight
	return nil
}

// peopleSettings are the name tagger's settings that eval --folds chooses
// among by cross-validation: the least confidence of a tagger span, the
// veto of the rules' names and whether names of a surname and one
// character are taken (and from what confidence), around the shipped ones (the shipped model,
// the --people-off sources left out).
func peopleSettings(m modelOptions) ([]evaluate.PeopleSetting, error) {
	b, err := buildStages(m)
	if err != nil {
		return nil, err
	}
	var out []evaluate.PeopleSetting
	for _, short := range []float64{0, 0.7} {
		for _, th := range []float64{0.3, 0.5, 0.7, 0.9} {
			for _, veto := range []float64{0, 0.1, 0.3} {
				st, err := entities.NewStage(b.gaz, entities.StageOptions{Names: b.names, Threshold: th, Short: short, Veto: veto, Off: strings.Split(m.Off, ",")})
				if err != nil {
					return nil, fmt.Errorf("%w: %v", errUsage, err)
				}
				name := fmt.Sprintf("threshold %.1f, veto %.1f", th, veto)
				if veto == 0 {
					name = fmt.Sprintf("threshold %.1f, no veto", th)
				}
				if short > 0 {
					name += fmt.Sprintf(", short %.1f", short)
				}
				out = append(out, evaluate.PeopleSetting{Name: name, Stage: st})
			}
		}
	}
	return out, nil
}
