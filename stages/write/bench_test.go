package write

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/pipeline/corpustest"
)

// benchDocs are n posts shaped like the corpus's averages (6 KB of text,
// 50 mentions, 9 quotes, 20 keywords), made without the stages, their
// states made beforehand as the state stage does: the writer alone, in a
// test that needs neither the corpus nor the models (and so runs under
// valgrind in seconds).
func benchDocs(tb testing.TB, n int) []*pipeline.Doc {
	tb.Helper()
	x := uint32(1)
	next := func(m uint32) int {
		x = x*1664525 + 1013904223
		return int(x >> 8 % m)
	}
	people := []string{"王毅", "秦刚", "布林肯", "普京", "拜登", "习近平", "泽连斯基", "岸田文雄"}
	docs := make([]*pipeline.Doc, n)
	for i := range docs {
		var text strings.Builder
		for range 2000 {
			text.WriteRune(rune(0x4e00 + next(2000)))
		}
		id := fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15)
		d := &pipeline.Doc{Seq: int64(i), ID: id,
			Source: pipeline.Origin{Archive: "news.tar.gz", Path: fmt.Sprintf("repo/_posts/2022-07-%02d-%d.md", i%28+1, i), Size: 9000},
			Post: &pipeline.Post{Blob: id + id[:8], Format: "jekyll", Encoding: "utf-8", Layout: "post", Title: "标题" + id[:4],
				Outlet: "大纪元", Script: "simplified", Text: text.String(), Runes: 2000, Tags: []string{"大纪元"},
				Spans: []pipeline.Span{{Kind: "title", Start: 0, Stop: 9}, {Kind: "paragraph", Start: 10, Stop: 2000}}}}
		at := 0
		for range 50 {
			at += next(40) + 1
			p := people[next(uint32(len(people)))]
			d.Mentions = append(d.Mentions, pipeline.Mention{EntityID: "person:" + p, Type: "person", Surface: p, Start: at, Stop: at + 2, Method: "lexicon", Name: p})
		}
		for q := range 9 {
			d.Quotes = append(d.Quotes, pipeline.Quote{ID: fmt.Sprintf("%s:%d", id, q), Kind: "direct", Text: "中俄不是盟友关系", Start: 200 * q, Stop: 200*q + 8,
				Speaker: people[q%len(people)], SpeakerType: "person", Cue: "说", Rule: "cue-before", Confidence: float64(next(1000)) / 1000})
		}
		for k := range 20 {
			d.Keywords = append(d.Keywords, pipeline.Keyword{Term: people[k%len(people)] + fmt.Sprint(k), Method: "tfidf", Score: float64(next(100000)) / 7, Rank: k + 1})
		}
		terms := map[string]int{}
		for range 300 {
			terms[string([]rune{rune(0x4e00 + next(3000)), rune(0x4e00 + next(3000))})]++
		}
		d.TermWords = termWords(terms)
		state, err := EncodeState(d)
		if err != nil {
			tb.Fatal(err)
		}
		d.State = state
		docs[i] = d
	}
	return docs
}

// BenchmarkWriter writes 500 made-up posts (benchDocs) through a
// Writer, open to close, with processor time per iteration:
//
//	go test -run '^$' -bench Writer -benchmem -count 6 ./stages/write
func BenchmarkWriter(b *testing.B) {
	docs := benchDocs(b, 500)
	b.ReportAllocs()
	c0 := corpustest.CPUTime()
	defer func() { b.ReportMetric((corpustest.CPUTime()-c0).Seconds()/float64(b.N), "cpu-s/op") }()
	for b.Loop() {
		w, err := Open(b.TempDir(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			c := *d
			if err := w.Write(&c); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStates makes the states of 500 made-up posts (benchDocs: 300
// terms of two characters each), as the state stage does.
func BenchmarkStates(b *testing.B) {
	docs := benchDocs(b, 500)
	b.ReportAllocs()
	c0 := corpustest.CPUTime()
	defer func() { b.ReportMetric((corpustest.CPUTime()-c0).Seconds()/float64(b.N), "cpu-s/op") }()
	for b.Loop() {
		for _, d := range docs {
			if _, err := EncodeState(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
