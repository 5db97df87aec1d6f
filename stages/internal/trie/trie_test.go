package trie

import "testing"

func TestTrie(t *testing.T) {
	var tr Trie[string]
	for _, k := range []string{"美国", "美国之音", "美", "中美洲"} {
		tr.Add([]rune(k), k)
	}
	tr.Add([]rune("美国"), "again")
	if tr.Len() != 4 {
		t.Errorf("Len = %d", tr.Len())
	}
	text := []rune("美国之音报道")
	ms := tr.MatchesAt(text, 0, nil)
	if len(ms) != 3 || ms[0].N != 1 || ms[1].N != 2 || ms[2].N != 4 || len(ms[1].Vals) != 2 {
		t.Errorf("MatchesAt = %+v", ms)
	}
	if ms := tr.MatchesAt(text, 4, nil); len(ms) != 0 {
		t.Errorf("MatchesAt(4) = %+v", ms)
	}
	var rev Trie[struct{}]
	for _, k := range []string{"长外", "长部交外"} { // 外长, 外交部长 reversed
		rev.Add([]rune(k), struct{}{})
	}
	if n := rev.LongestBack([]rune("中国外交部长王毅"), 6); n != 4 {
		t.Errorf("LongestBack = %d, want 4", n)
	}
	if n := rev.LongestBack([]rune("王毅"), 2); n != 0 {
		t.Errorf("LongestBack = %d, want 0", n)
	}
}
