package quotes

import (
	"testing"
	"unicode/utf8"
)

// TestCountWritten checks the byte search of countWritten against a scan
// of every code point, overlapping names and invalid UTF-8 included.
func TestCountWritten(t *testing.T) {
	for _, tc := range []struct{ text, w string }{
		{"张成刚说，张成刚表示，张成说", "张成"},
		{"哈哈哈哈哈", "哈哈"},
		{"abab\xffab张", "ab"},
		{"\xe4\xb8张三\xe4\xb8\xad张三丰", "张三"},
		{"", "张"},
		{"王\uFFFD王\xff王", "王"},
	} {
		d := newDoc(New(), tc.text, tc.text, nil, nil)
		w := []rune(tc.w)
		for _, next := range []rune{'刚', '哈', 'a', '丰', utf8.RuneError, '王'} {
			c, cn := d.countWritten(w, next)
			wc, wcn := countRunes2(d.norm, w, next)
			if c != wc || cn != wcn {
				t.Errorf("%q in %q, next %q: %d, %d; a scan of code points gives %d, %d", tc.w, tc.text, next, c, cn, wc, wcn)
			}
		}
		d.release()
	}
}
