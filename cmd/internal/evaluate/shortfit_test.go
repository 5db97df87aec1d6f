package evaluate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/stages/quotes"
)

// TestBestThreshold checks the threshold that maximises the short F1: the
// spans above it kept, the gold quotes no span holds missed at every
// threshold, and the middle of a run of equal best ones.
func TestBestThreshold(t *testing.T) {
	grid := []float64{-1, -0.5, 0, 0.5, 1}
	sp := func(score float64, gold bool) scoredSpan { return scoredSpan{score, gold} }
	for _, tc := range []struct {
		name   string
		spans  []scoredSpan
		missed int
		want   float64
	}{
		// Kept above 0.5: tp 2 fp 0 fn 0 (F1 1), the only best.
		{"separable", []scoredSpan{sp(0.8, true), sp(0.9, true), sp(0.2, false), sp(-0.7, false)}, 0, 0.5},
		// -1, -0.5 and 0 keep the same spans: F1 equal, the middle one.
		{"plateau", []scoredSpan{sp(0.2, true), sp(0.3, true), sp(-2, false)}, 0, -0.5},
		// Lowering to -0.5 adds a quote and a false one: 2tp/(2tp+fp+fn)
		// is 4/6 at 0 (tp 2, fn 2 with 1 missed) against 6/8 at -0.5.
		{"misses count", []scoredSpan{sp(0.2, true), sp(0.3, true), sp(-0.2, true), sp(-0.3, false)}, 1, -0.5},
		{"no quote kept anywhere", []scoredSpan{sp(-3, true)}, 0, 0},
	} {
		if got := bestThreshold(tc.spans, tc.missed, grid); got != tc.want {
			t.Errorf("%s: threshold %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestShortFitFeatures checks that an extra post's short span is fitted
// with its source and the source's pair with short|spk_gov, a gold span as
// it is, and that the span's own features are not changed.
func TestShortFitFeatures(t *testing.T) {
	defer func(s string) { ShortSrcFeature = s }(ShortSrcFeature)
	fs := []string{"short|bias", "short|spk_gov=other"}
	for _, tc := range []struct {
		src   string
		extra bool
		want  []string
	}{
		{"short|src_extra", true, []string{"short|bias", "short|spk_gov=other", "short|src_extra", "short|src_extra&spk_gov=other"}},
		{"short|src_extra", false, fs},
		{"", true, fs},
	} {
		ShortSrcFeature = tc.src
		in := slices.Grow(slices.Clone(fs), 4) // room a careless append would write into
		got := shortFitFeatures(in, tc.extra)
		if !slices.Equal(got, tc.want) {
			t.Errorf("src %q extra %v: %v, want %v", tc.src, tc.extra, got, tc.want)
		}
		if !slices.Equal(in, fs) || slices.Equal(in[:cap(in)][len(fs):][:1], []string{"short|src_extra"}) {
			t.Errorf("src %q extra %v: the span's features changed: %v", tc.src, tc.extra, in[:cap(in)])
		}
	}
}

// TestFitShortThreshold checks that a fit with ShortThresholdCV writes the
// threshold its inner cross-validation chose into the model's file (a
// short|threshold line, one of the grid), the same on a refit, and that
// a fit without it writes none.
func TestFitShortThreshold(t *testing.T) {
	defer func(b bool) { ShortThresholdCV = b }(ShortThresholdCV)
	sd := shortData(true)
	train := func(p *speakerPost) bool { return p.fold != 0 }
	o := quotes.FitOptions{MinCount: 1}
	file := func() string {
		_, f := fitShortFile(t, sd, train, o)
		return f
	}
	ShortThresholdCV = true
	with := file()
	line := ""
	for _, l := range strings.Split(with, "\n") {
		if strings.HasPrefix(l, quotes.ShortThresholdName+"\t") {
			line = l
		}
	}
	var th float64
	if _, err := fmt.Sscanf(strings.TrimPrefix(line, quotes.ShortThresholdName+"\t"), "%g", &th); err != nil || !slices.Contains(shortThresholdGrid, th) {
		t.Errorf("threshold line %q (%v): not one of the grid", line, err)
	}
	if again := file(); again != with {
		t.Errorf("two fits differ:\n%s\n%s", with, again)
	}
	ShortThresholdCV = false
	if without := file(); strings.Contains(without, quotes.ShortThresholdName) {
		t.Errorf("a fit without the inner cross-validation wrote a threshold:\n%s", without)
	}
}

// TestPickThreshold checks each rule on made-up inner folds: the median
// of the folds' own best thresholds (median), the pooled best F1 (f1).
func TestPickThreshold(t *testing.T) {
	grid := []float64{-1.5, -1, -0.5, 0, 0.5, 1, 1.5}
	sp := func(score float64, gold bool) scoredSpan { return scoredSpan{score, gold} }
	// low's own best threshold is -0.5 (its quote kept, its false span
	// not), high's and big's 0.5.
	low := innerHeld{spans: []scoredSpan{sp(-0.2, true), sp(-0.7, false)}}
	high := innerHeld{spans: []scoredSpan{sp(0.7, true), sp(0.2, false)}}
	big := innerHeld{spans: []scoredSpan{sp(0.7, true), sp(0.7, true), sp(0.7, true), sp(0.7, true), sp(0.2, false), sp(0.2, false), sp(0.2, false), sp(0.2, false)}}
	for _, tc := range []struct {
		rule  string
		inner []innerHeld
		want  float64
	}{
		// Pooled, big outweighs the two low folds: above 0.5 four
		// quotes of six and nothing false (F1 8/10), above -0.5 six and
		// four false (12/16).
		{"f1", []innerHeld{low, low, big}, 0.5},
		// The folds' own best: -0.5, -0.5, 0.5.
		{"median", []innerHeld{low, low, big}, -0.5},
		{"median", []innerHeld{high, low, big}, 0.5},
		// An even count: the grid's point nearest the middle two's mean.
		{"median", []innerHeld{low, high}, 0},
		{"median", []innerHeld{low, low, high, big}, 0},
		{"median", []innerHeld{low, high, high, big}, 0.5},
	} {
		got, err := pickThreshold(tc.rule, tc.inner, grid)
		if err != nil {
			t.Fatalf("%s: %v", tc.rule, err)
		}
		if got != tc.want {
			t.Errorf("%s on %d folds: threshold %v, want %v", tc.rule, len(tc.inner), got, tc.want)
		}
	}
	for _, bad := range []string{"mean", "", "median:1"} {
		if _, err := pickThreshold(bad, []innerHeld{low}, grid); err == nil {
			t.Errorf("rule %q: no error", bad)
		}
	}
}
