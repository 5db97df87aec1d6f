package quotes

import (
	"sync"

	"github.com/newsnlp/newsnlp/models/lexicon"
	"github.com/newsnlp/newsnlp/stages/internal/trie"
)

// An affiliation is a body written before a person's title and name:
// 《纽约时报》记者Albert Scardino, 《环球》执行主编 章文, 美国国务卿蓬佩奥. The
// person speaks there, not the body: the rules read the body as the
// cue's subject when they miss the name after it (a Latin name, a name
// after a space), and the model then follows them. Two features say so,
// for the naming nearest before the quote: b_affil on the body, b_affiliated
// on the person.

// maxAffilGap bounds the characters between the body and the person: a
// title and what may stand before it (的, 》, 执行 before 主编).
const maxAffilGap = 10

// titlesRev are the titles written before a name (lexicon.Titles),
// reversed.
var titlesRev = sync.OnceValue(func() *trie.Trie[struct{}] {
	t := &trie.Trie[struct{}]{}
	for _, v := range lexicon.Titles() {
		t.Add(reverse(v), struct{}{})
	}
	t.Freeze()
	return t
})

// affilGap reports whether norm[a:b], the text between a body's naming
// and a person's, is a title with at most two characters before it (副,
// 执行, 的): no punctuation but closing brackets and spaces, no verb of
// saying.
func (d *doc) affilGap(a, b int) bool {
	if a > b || b-a > maxAffilGap {
		return false
	}
	for a < b && closeOrSpace(d.norm[a]) {
		a++
	}
	for b > a && isSpace(d.norm[b-1]) {
		b--
	}
	n := titlesRev().LongestBack(d.norm[a:b], b-a)
	if n == 0 {
		return false
	}
	rest := b - n - a
	if rest > 2 {
		return false
	}
	for k := a; k < b-n; k++ {
		if r := d.norm[k]; !isHan(r) || objectBefore.Has(r) || d.cueLen(k) > 0 {
			return false
		}
	}
	return true
}

func closeOrSpace(r rune) bool { return r == '》' || r == '」' || r == '〉' || isSpace(r) }

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u3000' }

// affiliations marks, for each candidate, whether the naming nearest
// before the quote (as candFeatures reads it) is a body's written before a
// person's title and name (affil), or a person's written after a body and
// a title (affiliated).
func (d *doc) affiliations(cs []*cand, open int) {
	for _, c := range cs {
		c.affil, c.affiliated = false, false
		nb := d.nearestBefore(c, open)
		if nb < 0 {
			continue
		}
		o := c.occ[nb]
		person := c.sp.typ == "person"
		for _, x := range cs {
			if x == c || (x.sp.typ == "person") == person || x.sp.typ == "" || x.sp.typ == "unknown" {
				continue
			}
			for _, p := range x.occ {
				if person {
					// A body ending just before the person.
					if p[1] <= o[0] && o[0]-p[1] <= maxAffilGap && d.affilGap(p[1], o[0]) {
						c.affiliated = true
					}
				} else if p[0] >= o[1] && p[0]-o[1] <= maxAffilGap && p[0] < len(d.inQuote) && !d.inQuote[p[0]] && d.affilGap(o[1], p[0]) {
					c.affil = true
				}
			}
		}
	}
}

// nearestBefore returns the index in c.occ of the naming nearest before
// open outside quotes, or -1: candFeatures's nb.
func (d *doc) nearestBefore(c *cand, open int) int {
	nb := -1
	for i, o := range c.occ {
		if o[1] <= open && !d.inQuote[o[0]] {
			nb = i
		}
	}
	return nb
}

// possessorAt reports a naming ending at end that owns the subject of a
// verb of saying before open: X的朋友说, X一家的一位朋友表示, X的律师称 (at
// most 3 Han characters, then 的, then at most 6 Han characters, then the
// verb). The speaker is X's friend or lawyer, whom the post does not name.
func (d *doc) possessorAt(end, open int) bool {
	i := end
	for k := 0; k < 3 && i < open; k, i = k+1, i+1 {
		if d.norm[i] == '的' {
			break
		}
		if !isHan(d.norm[i]) {
			return false
		}
	}
	if i >= open || d.norm[i] != '的' {
		return false
	}
	for j := i + 1; j < open && j <= i+7; j++ {
		if !isHan(d.norm[j]) {
			return false
		}
		if j > i+1 && d.cueLen(j) > 0 {
			return true
		}
	}
	return false
}
