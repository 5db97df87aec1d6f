package write

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klauspost/compress/s2"
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
	for _, tw := range d.TermWords {
		st.Terms = append(st.Terms, termCount{tw.Term, int(tw.Count)})
	}
	sort.Slice(st.Terms, func(i, j int) bool { return st.Terms[i].Term < st.Terms[j].Term })
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&st); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// termWords are terms as a restored post has them: in text order, without
// word ids.
func termWords(terms map[string]int) []pipeline.TermWord {
	var tw []pipeline.TermWord
	for _, t := range slices.Sorted(maps.Keys(terms)) {
		tw = append(tw, pipeline.TermWord{Term: t, Count: int32(terms[t])})
	}
	return tw
}

// gobRoundTrip is d's state as the gob encoding of earlier runs restores
// it: what the state's own encoding must restore too.
func gobRoundTrip(t testing.TB, d *pipeline.Doc) *pipeline.Doc {
	t.Helper()
	var back pipeline.Doc
	if err := RestoreState(&back, append([]byte{stateSnappy}, s2.EncodeSnappy(nil, gobState(t, d))...)); err != nil {
		t.Fatal(err)
	}
	return &back
}

// TestEncodeState checks that states restore as the gob states of earlier
// runs do, from several goroutines sharing the encoders' buffers, and that
// equal posts give equal bytes.
func TestEncodeState(t *testing.T) {
	docs := sampleDocs()
	docs[0].Keywords = []pipeline.Keyword{{Term: "盟友", Method: "tfidf", Score: 1.5, Rank: 1}, {Term: "零", Method: "textrank", Score: math.Copysign(0, -1), Rank: 2}}
	// Not in text order, as the keyword stage gives them: they restore
	// in text order, as the sorted gob state's do.
	docs[0].TermWords = []pipeline.TermWord{{Term: "盟友", Count: 2, Word: 9}, {Term: "中俄", Count: 1}, {Term: "关系", Count: 1, Word: 3}, {Term: "秦刚", Count: 2}}
	docs[0].SimHash = 0xfeedface
	docs = append(docs, &pipeline.Doc{Post: &pipeline.Post{}}, &pipeline.Doc{Post: &pipeline.Post{Text: string(make([]byte, 1<<20)), Tags: []string{}}, TermWords: []pipeline.TermWord{{Term: ""}}},
		filledDoc(t))
	want := make([]*pipeline.Doc, len(docs))
	first := make([][]byte, len(docs))
	for i, d := range docs {
		if d.Post != nil {
			want[i] = gobRoundTrip(t, d)
			first[i], _ = EncodeState(d)
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				k := (i + g) % len(docs)
				d := docs[k]
				if d.Post == nil {
					continue
				}
				got, err := EncodeState(d)
				if err != nil {
					t.Error(err)
					return
				}
				if got[0] != stateBin {
					t.Errorf("doc %d: state begins with %#x", k, got[0])
					return
				}
				if !bytes.Equal(got, first[k]) {
					t.Errorf("doc %d: the bytes differ from one encoding to the next", k)
				}
				var back pipeline.Doc
				if err := RestoreState(&back, got); err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(&back, want[k]) {
					t.Errorf("doc %d restored as\n%+v\nthe gob state as\n%+v", k, back, *want[k])
				}
			}
		})
	}
	wg.Wait()
}

// filledDoc is a doc whose state has every field of every type in it set
// (by reflection, so that a field added later is set too): a field the
// state's encoding misses restores as zero and TestEncodeState fails.
func filledDoc(t testing.TB) *pipeline.Doc {
	t.Helper()
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		n++
		switch v.Kind() {
		case reflect.String:
			v.SetString(fmt.Sprint("值", n))
		case reflect.Int, reflect.Int64:
			v.SetInt(int64(n) * 1001)
		case reflect.Uint64:
			v.SetUint(uint64(n) << 40)
		case reflect.Float64:
			v.SetFloat(float64(n) / 7)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			for i := range 2 {
				fill(v.Index(i))
			}
		case reflect.Pointer:
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem())
		case reflect.Struct:
			if v.Type() == reflect.TypeFor[time.Time]() {
				v.Set(reflect.ValueOf(time.Date(2022, 7, 21, 8, 30, n, 5, time.FixedZone("", 8*3600))))
				return
			}
			for i := range v.NumField() {
				fill(v.Field(i))
			}
		default:
			t.Fatalf("filledDoc: a field of kind %s", v.Kind())
		}
	}
	var st docState
	fill(reflect.ValueOf(&st).Elem())
	d := &pipeline.Doc{Post: st.Post, Mentions: st.Mentions, Quotes: st.Quotes, Keywords: st.Keywords, SimHash: st.SimHash}
	for _, tc := range st.Terms {
		d.TermWords = append(d.TermWords, pipeline.TermWord{Term: tc.Term, Count: int32(tc.Count)})
	}
	return d
}

// FuzzRestoreState holds the state's decoder to failing without a panic
// on any bytes, and to restoring what it encoded.
func FuzzRestoreState(f *testing.F) {
	for _, d := range sampleDocs() {
		if d.Post != nil {
			b, err := EncodeState(d)
			if err != nil {
				f.Fatal(err)
			}
			raw, err := s2.Decode(nil, b[1:])
			if err != nil {
				f.Fatal(err)
			}
			f.Add(raw, "")
		}
	}
	f.Add([]byte{}, "\xff")
	f.Fuzz(func(t *testing.T, raw []byte, s string) {
		var back pipeline.Doc
		_ = RestoreState(&back, append([]byte{stateBin}, s2.EncodeSnappy(nil, raw)...))
		d := &pipeline.Doc{Post: &pipeline.Post{Title: s, Text: string(raw), Tags: []string{s}, Runes: len(s) - 9}, TermWords: []pipeline.TermWord{{Term: s, Count: -int32(len(raw))}},
			Quotes: []pipeline.Quote{{Text: s, Start: -1, Confidence: float64(len(raw)) / 3}}}
		b, err := EncodeState(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := RestoreState(&back, b); err != nil {
			t.Fatal(err)
		}
		if want := gobRoundTrip(t, d); !reflect.DeepEqual(&back, want) {
			t.Errorf("restored as\n%+v\nthe gob state as\n%+v", back, *want)
		}
	})
}

// TestRestoreZstdState checks that a state as earlier runs wrote it (a
// zstd frame, which --update copies into the new ledger) still restores.
func TestRestoreZstdState(t *testing.T) {
	d := sampleDocs()[0]
	d.TermWords = termWords(map[string]int{"盟友": 2, "中俄": 1})
	d.SimHash = 42
	old := zenc.EncodeAll(gobState(t, d), nil)
	if old[0] == stateSnappy || old[0] == stateBin {
		t.Fatalf("a zstd frame begins with %#x", old[0])
	}
	var back pipeline.Doc
	if err := RestoreState(&back, old); err != nil {
		t.Fatal(err)
	}
	if back.Post.Text != d.Post.Text || !reflect.DeepEqual(back.TermWords, d.TermWords) || back.SimHash != 42 {
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
	for i := range 300 {
		d.TermWords = append(d.TermWords, pipeline.TermWord{Term: fmt.Sprint("术语", i), Count: int32(i%7 + 1)})
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
