package main

import (
	"fmt"
	"sort"
	"strings"
)

var pairs = map[rune]rune{'“': '”', '「': '」', '『': '』'}

// mark numbers every span between matching marks within a line (nested
// spans too) as ⟦n … ⟧n and returns the spans' texts.
func mark(text string) (string, []string) {
	var spans []string
	var out strings.Builder
	for li, line := range strings.Split(text, "\n") {
		if li > 0 {
			out.WriteByte('\n')
		}
		rs := []rune(line)
		type open struct {
			at    int
			close rune
		}
		var stack []open
		type sp struct{ a, b int }
		var found []sp
		for i, r := range rs {
			if c, ok := pairs[r]; ok {
				stack = append(stack, open{i, c})
				continue
			}
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].close == r {
					found = append(found, sp{stack[k].at, i})
					stack = stack[:k]
					break
				}
			}
		}
		sort.Slice(found, func(i, j int) bool { return found[i].a < found[j].a })
		opens := map[int][]int{}
		closes := map[int][]int{}
		for _, f := range found {
			if f.b-f.a-1 <= 0 {
				continue
			}
			spans = append(spans, string(rs[f.a+1:f.b]))
			n := len(spans)
			opens[f.a] = append(opens[f.a], n)
			closes[f.b] = append(closes[f.b], n)
		}
		for i, r := range rs {
			for k := len(closes[i]) - 1; k >= 0; k-- {
				fmt.Fprintf(&out, " ⟧%d", closes[i][k])
			}
			out.WriteRune(r)
			for _, n := range opens[i] {
				fmt.Fprintf(&out, "⟦%d ", n)
			}
		}
	}
	return out.String(), spans
}
