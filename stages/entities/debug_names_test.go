package entities

import (
	"os"
	"testing"
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
