package wordclusters

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// synthetic returns a counter over sentences "一位 ROLE 说 ： THING" and
// "在 PLACE 的 THING", so that roles, places and things each share their
// contexts.
func synthetic() *Counter {
	roles := []string{"官员", "士兵", "人士", "干部", "发言人", "教授", "记者", "律师"}
	places := []string{"北京", "上海", "台北", "香港", "东京", "纽约", "伦敦", "巴黎"}
	things := []string{"问题", "政策", "经济", "决定", "计划", "法律", "会议", "报告"}
	rng := rand.New(rand.NewPCG(1, 2))
	c := NewCounter()
	for range 3000 {
		r, p, t := roles[rng.IntN(len(roles))], places[rng.IntN(len(places))], things[rng.IntN(len(things))]
		c.Add([]string{"一位", r, "说", "：", t, "。"})
		c.Add([]string{"在", p, "的", t, "，", "这位", r, "表示"})
	}
	return c
}

var testOptions = Options{Words: 100, MinCount: 5, Contexts: 30, Dims: 6, Levels: []int{6, 3}, Iters: 20, MaxRunes: 6}

// TestTrainDeterministic: the same words give the same file, byte for
// byte, and words used alike share a cluster.
func TestTrainDeterministic(t *testing.T) {
	var files [2][]byte
	for i := range files {
		cl, err := synthetic().Train(testOptions)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := cl.Write(&b, "test", testOptions); err != nil {
			t.Fatal(err)
		}
		files[i] = b.Bytes()
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatalf("two trainings differ:\n%s\n%s", files[0], files[1])
	}
	cl, _ := synthetic().Train(testOptions)
	at := map[string][]int{}
	for i, w := range cl.Words {
		at[w] = cl.Paths[i]
	}
	for _, g := range [][]string{{"官员", "士兵", "干部", "律师"}, {"北京", "纽约", "巴黎"}, {"问题", "报告", "法律"}} {
		for _, w := range g[1:] {
			if fmt.Sprint(at[w][1]) != fmt.Sprint(at[g[0]][1]) {
				t.Errorf("%s in %v, %s in %v", w, at[w], g[0], at[g[0]])
			}
		}
	}
	if at["官员"][1] == at["北京"][1] || at["北京"][1] == at["问题"][1] {
		t.Errorf("roles %v, places %v, things %v share a cluster", at["官员"], at["北京"], at["问题"])
	}
}

func TestClusterable(t *testing.T) {
	for w, want := range map[string]bool{"官员": true, "：": true, "2020": true, "CNN": false, "a b": false, "x|y": false, "一二三四五六七": false} {
		if got := Clusterable(w, 6); got != want {
			t.Errorf("Clusterable(%q) = %v", w, got)
		}
	}
}
