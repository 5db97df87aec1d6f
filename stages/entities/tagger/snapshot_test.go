package tagger

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/newsnlp/newsnlp/models/names"
)

// inference is what a model uses to tag: the model without what Train
// and Read keep on the side.
func inference(m *Model) Model {
	c := *m
	c.named, c.w, c.wts = nil, nil, nil
	return c
}

// TestSnapshotSmall round-trips a small model (characters beyond the BMP
// included), refuses a snapshot made for another text file, and refuses
// a snapshot damaged at any byte: an error, never a panic or a model.
func TestSnapshotSmall(t *testing.T) {
	var text bytes.Buffer
	if err := train(t).WriteText(&text); err != nil {
		t.Fatal(err)
	}
	// A character beyond the BMP, which training on trainSet does not give.
	text.WriteString("c0\t\"𠮷\"\t1.5\t-2\t0\t0.25\t3\n")
	m, err := Read(bytes.NewReader(text.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m.uniHi == nil || m.pairs == nil {
		t.Fatal("the small model lacks characters beyond the BMP or pairs: the test covers less than it says")
	}
	sum := names.ModelSum(text.Bytes())
	snap, err := m.AppendSnapshot(nil, sum)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadSnapshot(snap, sum)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(inference(got), inference(m)) {
		t.Fatal("the snapshot reads back as another model")
	}
	if _, err := ReadSnapshot(snap, names.ModelSum([]byte("another model"))); err == nil {
		t.Error("a snapshot of another model file was accepted")
	}
	raw, err := m.rawSnapshot(sum)
	if err != nil {
		t.Fatal(err)
	}
	for i := range raw {
		bad := bytes.Clone(raw)
		bad[i] ^= 0x5a
		if d, err := readRawSnapshot(bad, sum); err == nil || d != nil {
			t.Fatalf("byte %d damaged: accepted", i)
		}
		if d, err := readRawSnapshot(raw[:i], sum); err == nil || d != nil {
			t.Fatalf("cut to %d bytes: accepted", i)
		}
	}
}

// TestShippedSnapshot checks that the embedded snapshot is the embedded
// text model's: start-up reads the snapshot.
func TestShippedSnapshot(t *testing.T) {
	data, sum := names.Snapshot()
	got, err := ReadSnapshot(data, sum)
	if err != nil {
		t.Fatalf("%v: run go generate ./models/names", err)
	}
	want, err := Read(names.Reader())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(inference(got), inference(want)) {
		t.Fatal("the snapshot is not the text model: run go generate ./models/names")
	}
}

func BenchmarkLoad(b *testing.B) {
	b.Run("text", func(b *testing.B) {
		for b.Loop() {
			if _, err := Read(names.Reader()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("snapshot", func(b *testing.B) {
		data, sum := names.Snapshot()
		for b.Loop() {
			if _, err := ReadSnapshot(data, sum); err != nil {
				b.Fatal(err)
			}
		}
	})
}
