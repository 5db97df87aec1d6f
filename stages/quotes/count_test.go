package quotes

import (
	"fmt"
	"slices"
	"testing"
)

// TestCountNames checks countNames's one reading against a scan of the
// text for each name: overlapping writings, names sharing a first
// character or its hash, the text's end.
func TestCountNames(t *testing.T) {
	text := []rune("张成刚说，张成刚表示，张成说。哈哈哈哈哈。王五王五王\u0400王五")
	var names []nameCount
	for _, w := range []string{"张成", "哈哈", "王五", "王", "张", "\u0400王", "五王", "说"} {
		for _, next := range []rune{'刚', '哈', '王', '五', '。', 0} {
			names = append(names, nameCount{w: []rune(w), next: next})
		}
	}
	countNames(text, names)
	for _, nc := range names {
		c, cNext := 0, 0
		for i := 0; i+len(nc.w) <= len(text); i++ {
			if slices.Equal(text[i:i+len(nc.w)], nc.w) {
				c++
				if i+len(nc.w) < len(text) && text[i+len(nc.w)] == nc.next {
					cNext++
				}
			}
		}
		if got, want := fmt.Sprint(nc.c, nc.cNext), fmt.Sprint(c, cNext); got != want {
			t.Errorf("%q then %q: %s, a scan gives %s", string(nc.w), nc.next, got, want)
		}
	}
	if names[0].c != 3 || names[0].cNext != 2 {
		t.Errorf("张成: %d, %d; want 3, 2", names[0].c, names[0].cNext)
	}
}
