package write

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/newsnlp/newsnlp/pipeline"
)

// gobState is EncodeState's gob bytes as a new encoder for each post gives
// them (the encoding of earlier runs' ledgers).
// zenc makes states as earlier runs wrote them (zstd frames), which
// RestoreState must still read.
var zenc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest))

func gobState(t testing.TB, d *pipeline.Doc) []byte {
	t.Helper()
	st := docState{Post: d.Post, Mentions: d.Mentions, Quotes: d.Quotes, Keywords: d.Keywords, SimHash: d.SimHash}
	for term, n := range d.Terms {
		st.Terms = append(st.Terms, termCount{term, n})
	}
	sort.Slice(st.Terms, func(i, j int) bool { return st.Terms[i].Term < st.Terms[j].Term })
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&st); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEncodeStateAsGob checks that the reused encoders give the bytes of a
// new gob encoder per post, whichever post an encoder saw before, from
// several goroutines; and that the states restore.
func TestEncodeStateAsGob(t *testing.T) {
	docs := sampleDocs()
	docs[0].Keywords = []pipeline.Keyword{{Term: "盟友", Method: "tfidf", Score: 1.5, Rank: 1}}
	docs[0].Terms = map[string]int{"盟友": 2, "中俄": 1, "关系": 1, "秦刚": 2}
	docs[0].SimHash = 0xfeedface
	docs = append(docs, &pipeline.Doc{Post: &pipeline.Post{}}, &pipeline.Doc{Post: &pipeline.Post{Text: string(make([]byte, 1<<20))}, Terms: map[string]int{"": 0}})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				d := docs[(i+g)%len(docs)]
				if d.Post == nil {
					continue
				}
				got, err := EncodeState(d)
				if err != nil {
					t.Error(err)
					return
				}
				if got[0] != stateSnappy {
					t.Errorf("doc %d: state begins with %#x", (i+g)%len(docs), got[0])
					return
				}
				raw, err := unpackState(got)
				if err != nil {
					t.Error(err)
					return
				}
				if want := gobState(t, d); !bytes.Equal(raw, want) {
					t.Errorf("doc %d: %d bytes, a new gob encoder gives %d", (i+g)%len(docs), len(raw), len(want))
					return
				}
				var back pipeline.Doc
				if err := RestoreState(&back, got); err != nil {
					t.Error(err)
					return
				}
				if back.Post.Text != d.Post.Text || len(back.Terms) != len(d.Terms) || back.SimHash != d.SimHash {
					t.Errorf("doc %d restored differently", (i+g)%len(docs))
				}
			}
		})
	}
	wg.Wait()
}

// TestRestoreZstdState checks that a state as earlier runs wrote it (a
// zstd frame, which --update copies into the new ledger) still restores.
func TestRestoreZstdState(t *testing.T) {
	d := sampleDocs()[0]
	d.Terms = map[string]int{"盟友": 2, "中俄": 1}
	d.SimHash = 42
	old := zenc.EncodeAll(gobState(t, d), nil)
	if old[0] == stateSnappy {
		t.Fatalf("a zstd frame begins with %#x", old[0])
	}
	var back pipeline.Doc
	if err := RestoreState(&back, old); err != nil {
		t.Fatal(err)
	}
	if back.Post.Text != d.Post.Text || back.Terms["盟友"] != 2 || back.SimHash != 42 {
		t.Errorf("restored %+v", back)
	}
	if err := RestoreState(&back, []byte{stateSnappy, 0xff, 0xff}); err == nil {
		t.Error("a broken state restored")
	}
}

// BenchmarkEncodeState compares EncodeState with a new gob encoder per post
// (as before) on a post of corpus-like size: 3,000 code points, 60
// mentions, 15 quotes, 20 keywords, 300 terms.
//
//	go test -run '^$' -bench EncodeState -benchmem -count 6 ./stages/write
func BenchmarkEncodeState(b *testing.B) {
	d := sampleDocs()[0]
	post := *d.Post
	// Characters drawn from 2,000 common ones: text that compresses about
	// as real text does, not a repeated sentence.
	var text strings.Builder
	x := uint32(1)
	for range 3000 {
		x = x*1664525 + 1013904223
		text.WriteRune(rune(0x4e00 + x>>16%2000))
	}
	post.Text = text.String()
	d.Post = &post
	for i := range 60 {
		d.Mentions = append(d.Mentions, pipeline.Mention{EntityID: "person:wang-yi", Type: "person", Surface: "王毅", Start: 30 * i, Stop: 30*i + 2, Method: "lexicon", Name: "王毅"})
	}
	for i := range 15 {
		d.Quotes = append(d.Quotes, pipeline.Quote{ID: fmt.Sprintf("x:%d", i), Kind: "direct", Text: "中俄不是盟友关系", Start: i, Stop: i + 8, Speaker: "秦刚", SpeakerType: "person", Cue: "说", Rule: "cue-before", Confidence: 0.9})
	}
	for i := range 20 {
		d.Keywords = append(d.Keywords, pipeline.Keyword{Term: fmt.Sprint("词", i), Method: "tfidf", Score: 1.5, Rank: i + 1})
	}
	d.Terms = map[string]int{}
	for i := range 300 {
		d.Terms[fmt.Sprint("术语", i)] = i%7 + 1
	}
	b.Run("gob-per-post", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			zenc.EncodeAll(gobState(b, d), nil)
		}
	})
	b.Run("EncodeState", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := EncodeState(d); err != nil {
				b.Fatal(err)
			}
		}
	})
	// As the state stage's workers call it: from every processor at once.
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := EncodeState(d); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
