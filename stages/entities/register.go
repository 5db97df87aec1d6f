package entities

import (
	"bufio"
	"io"
	"strings"
)

// RegisterLine is a sentence of an out-of-register check and its person
// names as rune offsets.
type RegisterLine struct {
	Text  string
	Names [][2]int
}

// ReadRegister reads sentences with person names in [[double brackets]],
// one a line; lines starting with # are comments (models/names/register.txt,
// testdata/outofregister_heldout.txt).
func ReadRegister(r io.Reader) ([]RegisterLine, error) {
	var out []RegisterLine
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var l RegisterLine
		var text []rune
		rs := []rune(line)
		start := -1
		for i := 0; i < len(rs); i++ {
			switch {
			case rs[i] == '[' && i+1 < len(rs) && rs[i+1] == '[':
				start, i = len(text), i+1
			case rs[i] == ']' && i+1 < len(rs) && rs[i+1] == ']' && start >= 0:
				l.Names = append(l.Names, [2]int{start, len(text)})
				start = -1
				i++
			default:
				text = append(text, rs[i])
			}
		}
		l.Text = string(text)
		out = append(out, l)
	}
	return out, sc.Err()
}
