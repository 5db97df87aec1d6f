package main

import (
	"errors"
	"flag"
	"io"
	"maps"
	"testing"

	"github.com/newsnlp/newsnlp/cmd/internal/evaluate"
	"github.com/newsnlp/newsnlp/stages/quotes"
)

// TestBagFlags checks that the speaker model's ensemble flags reach
// evaluate.Trees: the bags, their share, the trees' shrinkage and most
// rounds, and that the defaults are the shipped recipe's.
func TestBagFlags(t *testing.T) {
	for _, tc := range []struct {
		args          []string
		bags          int
		frac, shrink  float64
		rounds        int
		distill       int
		distillDepth  int
		linear, usage bool
	}{
		{args: nil, bags: defaultSpeakerBags, frac: 0.8, shrink: quotes.DefaultBoost.Shrink, rounds: quotes.DefaultBoost.Rounds, distill: defaultSpeakerDistill},
		{args: []string{"--speaker-distill", "0"}, bags: defaultSpeakerBags, frac: 0.8, shrink: quotes.DefaultBoost.Shrink, rounds: quotes.DefaultBoost.Rounds},
		{args: []string{"--speaker-distill", "150", "--speaker-distill-depth", "4"}, bags: defaultSpeakerBags, frac: 0.8, shrink: quotes.DefaultBoost.Shrink, rounds: quotes.DefaultBoost.Rounds, distill: 150, distillDepth: 4},
		{args: []string{"--speaker-distill", "-1"}, usage: true},
		{args: []string{"--speaker-distill-depth", "5"}, usage: true},
		{args: []string{"--speaker-shrink", "0.1", "--speaker-max-trees", "600"}, bags: defaultSpeakerBags, frac: 0.8, shrink: 0.1, rounds: 600, distill: defaultSpeakerDistill},
		{args: []string{"--speaker-bags", "12", "--speaker-bag-frac", "0.7"}, bags: 12, frac: 0.7, shrink: quotes.DefaultBoost.Shrink, rounds: quotes.DefaultBoost.Rounds, distill: defaultSpeakerDistill},
		{args: []string{"--speaker-bag-mode", "linear"}, bags: defaultSpeakerBags, frac: 0.8, shrink: quotes.DefaultBoost.Shrink, rounds: quotes.DefaultBoost.Rounds, distill: defaultSpeakerDistill, linear: true},
		{args: []string{"--speaker-shrink", "0"}, usage: true},
		{args: []string{"--speaker-max-trees", "0"}, usage: true},
		{args: []string{"--speaker-bag-frac", "1"}, usage: true},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var b bagFlags
		b.register(fs)
		if err := fs.Parse(tc.args); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		tr, err := parseTrees(defaultSpeakerTrees, "linear")
		if err != nil {
			t.Fatal(err)
		}
		err = b.apply(tr)
		if tc.usage {
			if !errors.Is(err, errUsage) {
				t.Errorf("%v: err %v, want a usage error", tc.args, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if tr.Bags != tc.bags || tr.BagFrac != tc.frac || tr.Boost.Shrink != tc.shrink || tr.Boost.Rounds != tc.rounds || tr.LinearOnly != tc.linear {
			t.Errorf("%v: bags %d frac %v shrink %v rounds %d linear %v; want %d %v %v %d %v", tc.args,
				tr.Bags, tr.BagFrac, tr.Boost.Shrink, tr.Boost.Rounds, tr.LinearOnly, tc.bags, tc.frac, tc.shrink, tc.rounds, tc.linear)
		}
		if tr.Distill != tc.distill || tr.DistillDepth != tc.distillDepth {
			t.Errorf("%v: distil into %d trees of depth %d, want %d of %d", tc.args, tr.Distill, tr.DistillDepth, tc.distill, tc.distillDepth)
		}
	}
}

// TestShortFlags: the short-quote detector's flags set evaluate's settings,
// and values no fit can use are usage errors.
func TestShortFlags(t *testing.T) {
	defer func(n int, l2 float64, d int, r string) {
		evaluate.ShortBags, evaluate.ShortL2, evaluate.BagDraw, evaluate.ShortThresholdRule = n, l2, d, r
	}(evaluate.ShortBags, evaluate.ShortL2, evaluate.BagDraw, evaluate.ShortThresholdRule)
	for _, tc := range []struct {
		args  []string
		usage bool
	}{
		{args: nil},
		{args: []string{"--short-bags", "8", "--short-l2", "1"}},
		{args: []string{"--short-bags", "0"}, usage: true},
		{args: []string{"--short-l2", "-1"}, usage: true},
		{args: []string{"--short-l2", "NaN"}, usage: true},
		{args: []string{"--bag-draw", "2"}},
		{args: []string{"--bag-draw", "-1"}, usage: true},
		{args: []string{"--short-threshold-rule", "f1"}},
		{args: []string{"--short-threshold-rule", "mean"}, usage: true},
		{args: []string{"--short-threshold-rule", "smooth:0.2"}, usage: true},
	} {
		evaluate.ShortBags, evaluate.ShortL2, evaluate.BagDraw, evaluate.ShortThresholdRule = 1, 3, 0, "median"
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var b bagFlags
		b.register(fs)
		if err := fs.Parse(tc.args); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		err := b.checkShort()
		if tc.usage != errors.Is(err, errUsage) {
			t.Errorf("%v: err %v, want a usage error %v", tc.args, err, tc.usage)
		}
		if len(tc.args) == 4 && (evaluate.ShortBags != 8 || evaluate.ShortL2 != 1) {
			t.Errorf("%v: ShortBags %d ShortL2 %v", tc.args, evaluate.ShortBags, evaluate.ShortL2)
		}
		if len(tc.args) == 2 && tc.args[0] == "--bag-draw" && !tc.usage && evaluate.BagDraw != 2 {
			t.Errorf("%v: BagDraw %d", tc.args, evaluate.BagDraw)
		}
		if len(tc.args) == 2 && tc.args[0] == "--short-threshold-rule" && evaluate.ShortThresholdRule != tc.args[1] {
			t.Errorf("%v: ShortThresholdRule %q", tc.args, evaluate.ShortThresholdRule)
		}
	}
}

// TestParseRulesAlone: --speaker-rules-alone's values, and the default
// it replaces (every rule but unnamed).
func TestParseRulesAlone(t *testing.T) {
	if !maps.Equal(quotes.RulesAlone, map[string]bool{"joint": true, "plural": true, "passive": true, "label": true, "asker": true}) {
		t.Errorf("the rules that decide alone by default: %v, want all but unnamed", quotes.RulesAlone)
	}
	for _, tc := range []struct {
		v    string
		want map[string]bool
	}{
		{"label,asker", map[string]bool{"label": true, "asker": true}},
		{"none", map[string]bool{}},
		{"joint,plural,passive,unnamed,label,asker", map[string]bool{"joint": true, "plural": true, "passive": true, "unnamed": true, "label": true, "asker": true}},
		{"speaker", nil},
		{"", nil},
	} {
		got, err := parseRulesAlone(tc.v)
		if tc.want == nil {
			if err == nil {
				t.Errorf("%q: %v, want an error", tc.v, got)
			}
			continue
		}
		if err != nil || !maps.Equal(got, tc.want) {
			t.Errorf("%q: %v, %v; want %v", tc.v, got, err, tc.want)
		}
	}
}
