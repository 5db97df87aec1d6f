package entities

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/newsnlp/newsnlp/models/hanzi"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/segment"
)

var (
	setupOnce sync.Once
	testStage *Stage
	testSeg   *segment.Segmenter
)

func setup(t testing.TB) (*Stage, *segment.Segmenter) {
	setupOnce.Do(func() {
		g, err := LoadGazetteer(Options{})
		if err != nil {
			panic(err)
		}
		seg, err := segment.New(g.Words())
		if err != nil {
			panic(err)
		}
		testStage, testSeg = New(g), seg
	})
	return testStage, testSeg
}

// find runs segmentation and entity finding on a text, as the pipeline does.
func find(t testing.TB, text string) []pipeline.Mention {
	st, seg := setup(t)
	script := "simplified"
	for _, r := range text {
		if hanzi.Load().Traditional(r) {
			script = "traditional"
		}
	}
	norm := seg.Normalize(text, script)
	return st.Find(text, norm, seg.Tokens(norm), nil)
}

func render(ms []pipeline.Mention) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s=%s ", m.Surface, m.EntityID)
	}
	return strings.TrimSpace(b.String())
}

func TestDebug(t *testing.T) {
	text := os.Getenv("NEWSNLP_DEBUG_TEXT")
	if text == "" {
		t.Skip()
	}
	st, seg := setup(t)
	norm := seg.Normalize(text, "simplified")
	toks := seg.Tokens(norm)
	r := []rune(norm)
	var tb strings.Builder
	for _, tk := range toks {
		fmt.Fprintf(&tb, "%s/%s ", string(r[tk.Start:tk.Stop]), tk.POS)
	}
	t.Log(tb.String())
	for _, m := range st.Find(text, norm, toks, nil) {
		t.Logf("%s %s %s %s", m.Surface, m.EntityID, m.Type, m.Method)
	}
}
