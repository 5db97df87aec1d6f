//go:build ignore

// gen derives the character tables of package hanzi from OpenCC's
// dictionaries (TSCharacters, STCharacters) and gse's word frequencies, as
// found in the module cache. Run with `go generate ./models/hanzi`.
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/internal/moddir"
)

func readPairs(file string) map[rune][]rune {
	f, err := os.Open(file)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	m := map[rune][]rune{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "\t")
		if !ok || utf8.RuneCountInString(k) != 1 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(k)
		for _, f := range strings.Fields(v) {
			if utf8.RuneCountInString(f) == 1 {
				c, _ := utf8.DecodeRuneInString(f)
				m[r] = append(m[r], c)
			}
		}
	}
	return m
}

// charFreq sums word frequencies per Han character.
func charFreq(file string) map[rune]int {
	f, err := os.Open(file)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	m := map[rune]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 {
			continue
		}
		n, err := strconv.Atoi(fs[1])
		if err != nil {
			continue
		}
		for _, r := range fs[0] {
			if unicode.Is(unicode.Han, r) {
				m[r] += n
			}
		}
	}
	return m
}

func top(m map[rune]int, n int) []rune {
	rs := make([]rune, 0, len(m))
	for r := range m {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool {
		if m[rs[i]] != m[rs[j]] {
			return m[rs[i]] > m[rs[j]]
		}
		return rs[i] < rs[j]
	})
	if len(rs) > n {
		rs = rs[:n]
	}
	return rs
}

func main() {
	occ := filepath.Join(moddir.Must("github.com/longbridgeapp/opencc@v0.3.13"), "dictionary")
	gse := filepath.Join(moddir.Must("github.com/go-ego/gse@v0.80.3"), "data", "dict", "zh")
	ts := readPairs(filepath.Join(occ, "TSCharacters.txt"))
	st := readPairs(filepath.Join(occ, "STCharacters.txt"))

	// t2s.tsv: every traditional character that OpenCC converts to a
	// different simplified one (first candidate), one pair a line.
	var keys []rune
	for r, v := range ts {
		if len(v) > 0 && v[0] != r {
			keys = append(keys, r)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	w := create("t2s.tsv", "# traditional\tsimplified: OpenCC TSCharacters (Apache-2.0), first candidate, identity pairs left out")
	for _, r := range keys {
		fmt.Fprintf(w, "%c\t%c\n", r, ts[r][0])
	}
	w.done()

	// Characters that mark a script: traditional-only are converted by t2s and
	// are never a simplified form themselves; simplified-only likewise.
	simpForms := map[rune]bool{}
	for _, v := range ts {
		for _, c := range v {
			simpForms[c] = true
		}
	}
	tradForms := map[rune]bool{}
	for _, v := range st {
		for _, c := range v {
			tradForms[c] = true
		}
	}
	var tOnly, sOnly []rune
	for _, r := range keys {
		if !simpForms[r] {
			tOnly = append(tOnly, r)
		}
	}
	for r, v := range st {
		if len(v) > 0 && v[0] != r && !tradForms[r] {
			sOnly = append(sOnly, r)
		}
	}
	sort.Slice(sOnly, func(i, j int) bool { return sOnly[i] < sOnly[j] })
	writeRunes("traditional.txt", "# characters written only in traditional script (derived from OpenCC TSCharacters/STCharacters)", tOnly)
	writeRunes("simplified.txt", "# characters written only in simplified script (derived from OpenCC STCharacters/TSCharacters)", sOnly)

	// common.txt: the most frequent Han characters of gse's simplified and
	// traditional dictionaries: the yardstick of the encoding detector.
	fs := charFreq(filepath.Join(gse, "s_1.txt"))
	ft := charFreq(filepath.Join(gse, "t_1.txt"))
	set := map[rune]bool{}
	for _, r := range top(fs, 3500) {
		set[r] = true
	}
	for _, r := range top(ft, 3500) {
		set[r] = true
	}
	var common []rune
	for r := range set {
		common = append(common, r)
	}
	sort.Slice(common, func(i, j int) bool { return common[i] < common[j] })
	writeRunes("common.txt", "# the 3,500 most frequent Han characters of gse's simplified and of its traditional dictionary (word frequencies summed per character)", common)
}

type out struct {
	f *os.File
	*bufio.Writer
}

func create(name, header string) out {
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	w := out{f, bufio.NewWriter(f)}
	fmt.Fprintln(w, header)
	return w
}

func (o out) done() {
	if err := o.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := o.f.Close(); err != nil {
		log.Fatal(err)
	}
}

// writeRunes writes one character a line.
func writeRunes(name, header string, rs []rune) {
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	w := create(name, header)
	for _, r := range rs {
		fmt.Fprintf(w, "%c\n", r)
	}
	w.done()
}
