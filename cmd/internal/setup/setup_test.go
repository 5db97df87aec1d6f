package setup

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsnlp/newsnlp/stages/quotes"
)

// quoteStage returns the quote stage of b.
func quoteStage(t *testing.T, b *Built) *quotes.Stage {
	t.Helper()
	for _, s := range b.Stages {
		if q, ok := s.(*quotes.Stage); ok {
			return q
		}
	}
	t.Fatal("no quote stage among the built stages")
	return nil
}

// TestSpeakerModelChoice: a run scores with the embedded speaker model or
// the user's file, refuses a file that does not read, and only the refit's
// options build the stage on the rules alone.
func TestSpeakerModelChoice(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the stages (about half a second each)")
	}
	b, err := Build(ModelOptions{TopN: 10})
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := quotes.EmbeddedModel()
	if err != nil {
		t.Fatal(err)
	}
	if m := quoteStage(t, b).Model(); m == nil || m.Checksum() != embedded.Checksum() {
		t.Errorf("default options: the quote stage's model is %v, want the embedded one", m)
	}
	b, err = Build(ModelOptions{TopN: 10, NoSpeakerModel: true})
	if err != nil {
		t.Fatal(err)
	}
	if m := quoteStage(t, b).Model(); m != nil {
		t.Error("NoSpeakerModel: the quote stage has a model, want the rules alone")
	}
	bad := filepath.Join(t.TempDir(), "speakers.tsv")
	if err := os.WriteFile(bad, []byte("not a model\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(ModelOptions{TopN: 10, SpeakerModel: bad}); !errors.Is(err, ErrUsage) {
		t.Errorf("a speaker model file that does not read: %v, want a usage error", err)
	}
}
