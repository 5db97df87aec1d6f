package entities

import (
	"os"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/stages/entities/tagger"
)

func TestDebugNames(t *testing.T) {
	text := os.Getenv("NEWSNLP_DEBUG_NAMES")
	if text == "" {
		t.Skip()
	}
	st := withNames(t)
	for _, m := range findWith(t, st, text) {
		t.Logf("%s %s %d-%d %s", m.Surface, m.Type, m.Start, m.Stop, m.Method)
	}
	_, seg := setup(t)
	norm := seg.Normalize(text, "simplified")
	for _, tk := range seg.Tokens(norm) {
		t.Logf("tok %s/%s", string([]rune(norm)[tk.Start:tk.Stop]), tk.POS)
	}
}

// TestDebugTagger logs, for texts separated by |, the tagger's spans over
// whole clauses with their confidences, the windows it reads, what the
// other sources found and gse's words: NEWSNLP_DEBUG_TAGGER="…|…".
func TestDebugTagger(t *testing.T) {
	text := os.Getenv("NEWSNLP_DEBUG_TAGGER")
	if text == "" {
		t.Skip()
	}
	st := withNames(t)
	_, seg := setup(t)
	for _, line := range strings.Split(text, "|") {
		norm := seg.Normalize(line, "simplified")
		d, _ := st.find(line, norm, seg.Tokens(norm), nil, false)
		lex, verbs := d.lexCodes(), d.verbStarts()
		var in tagger.Input
		for _, c := range d.clauses() {
			a, b := c[0], c[1]
			d.tagInput(a, b, lex, verbs, nil, nil, &in)
			res := st.names.AnalyzeRange(&in, 0, b-a, true)
			for _, sp := range res.Spans {
				t.Logf("span %s %.3f", string(d.norm[a+sp.Start:a+sp.Stop]), sp.Conf)
			}
			ws := d.nameWindows(a, b, d.ruleNames())
			for _, w := range ws {
				t.Logf("window %s", string(d.norm[w[0]:w[1]]))
			}
		}
		for _, f := range d.found {
			t.Logf("found %s %s %s", string(d.norm[f.start:f.stop]), f.typ, f.method)
		}
		for _, tk := range seg.Tokens(norm) {
			t.Logf("tok %s/%s", string([]rune(norm)[tk.Start:tk.Stop]), tk.POS)
		}
	}
}
