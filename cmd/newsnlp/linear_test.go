package main

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// stagePathological are posts built to be slow for the stages after parse,
// by size n in code points.
var stagePathological = map[string]func(n int) string{
	"one sentence": func(n int) string {
		return "<p>" + strings.Repeat("中国外交部发言人王毅表示美国", n/14) + "</p>"
	},
	"clauses": func(n int) string {
		return "<p>" + strings.Repeat("中国外交部发言人王毅表示，美国", n/15) + "</p>"
	},
	"open quotes":  func(n int) string { return "<p>" + strings.Repeat("他说“", n/3) + "</p>" },
	"short quotes": func(n int) string { return "<p>" + strings.Repeat("“好”", n/3) + "</p>" },
	"speakers":     func(n int) string { return "<p>" + strings.Repeat("王毅说，", n/4) + "</p>" },
	"latin run":    func(n int) string { return "<p>" + strings.Repeat("abcdefghij", n/10) + "</p>" },
	"names and glosses": func(n int) string {
		return "<p>" + strings.Repeat("吴玉婷（Andrea Worden）表示，", n/24) + "</p>"
	},
	"paragraphs":         func(n int) string { return strings.Repeat("<p>秦刚表示：“中俄不是盟友。”</p>", n/15) },
	"repeated one name":  func(n int) string { return "<p>" + strings.Repeat("库格尔曼", n/4) + "</p>" },
	"pronoun references": func(n int) string { return "<p>" + strings.Repeat("他表示，她说：“是”。", n/10) + "</p>" },
}

// stageWork runs the stages on one post and returns each stage's bytes
// allocated: work that, unlike time, does not depend on the machine's load.
func stageWork(t *testing.T, stages []pipeline.Stage, raw string) []uint64 {
	d := &pipeline.Doc{ID: "x", Raw: []byte(raw)}
	var out []uint64
	for _, st := range stages {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatalf("%s: %v", st.Name(), err)
		}
		runtime.ReadMemStats(&b)
		out = append(out, b.TotalAlloc-a.TotalAlloc)
	}
	return out
}

// Every stage does at most about twice the work when a pathological post
// doubles.
func TestStagesLinear(t *testing.T) {
	b, err := buildStages(modelOptions{TopN: 10})
	if err != nil {
		t.Fatal(err)
	}
	n := 30000
	if testing.Short() {
		n = 10000
	}
	for name, gen := range stagePathological {
		small := stageWork(t, b.stages, gen(n))
		large := stageWork(t, b.stages, gen(2*n))
		for i, st := range b.stages {
			if float64(large[i]) > 2.5*float64(small[i])+1<<20 {
				t.Errorf("%s: %s allocated %d bytes at n=%d, %d at 2n", name, st.Name(), small[i], n, large[i])
			}
		}
	}
}
