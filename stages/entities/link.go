package entities

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/gazetteer"
	"github.com/newsnlp/newsnlp/models/lexicon"
)

// A dotted name whose last part is a lexicon person's form is merged into
// that person by the dotted rule (addTransName): 大卫·珀杜 and 戴维·珀杜 are
// both David Perdue. But a family name is shared: 吉娜·麦卡锡 is not Kevin
// McCarthy, 玛丽·特朗普 not Donald Trump. The link is checked where the
// post's mentions get their ids (resolve), not where names are proposed,
// so that the decision over proposed names and the tagger see what they
// saw before: a dotted name whose given name neither is nor sounds like
// one of the person's keeps its own id, as an unlisted person's.

// learnGivenNames records each lexicon person's given names: the parts
// before the family name of the person's dotted forms that stand for the
// English name's words (唐纳德 of 唐纳德·特朗普, Donald Trump; 贾瓦德 of
// 穆罕默德·贾瓦德·扎里夫; not 梵 of 梵·高, which is van of Vincent van
// Gogh), and the first parts of the other people of that English given
// name or its long form (Bob: 罗伯特, 鲍勃).
func (g *Gazetteer) learnGivenNames(ppl []gazetteer.Entry) {
	byEn := map[string][]string{}
	first := make([]string, len(ppl))
	for k, p := range ppl {
		en := englishParts(p.NameEn)
		if len(en) < 2 {
			continue
		}
		first[k] = givenKey(en[0])
		e := g.byID["person:"+p.ID]
		if e == nil {
			continue
		}
		for _, f := range p.Forms() {
			parts := hanParts(g.norm(f))
			if len(parts) < 2 || len(parts) < len(en) {
				continue
			}
			for _, q := range parts[:len(parts)-1] {
				e.given = appendNew(e.given, q)
			}
			byEn[first[k]] = appendNew(byEn[first[k]], parts[0])
		}
	}
	for k, p := range ppl {
		if e := g.byID["person:"+p.ID]; e != nil && first[k] != "" {
			for _, v := range byEn[first[k]] {
				e.given = appendNew(e.given, v)
			}
		}
	}
}

// givenKey is the key of an English given name in learnGivenNames: the
// long form of a short one (Bob → robert), lower case.
func givenKey(s string) string {
	s = strings.ToLower(s)
	if l, ok := longGiven[s]; ok {
		return l
	}
	return s
}

// longGiven maps the English short given names the lexicon writes people
// by (Bob Menendez, Chuck Grassley) to the long form a post may
// transliterate (罗伯特·梅嫩德斯, 查尔斯·格拉斯利).
var longGiven = map[string]string{
	"bob": "robert", "bobby": "robert", "rob": "robert", "bill": "william", "billy": "william",
	"chuck": "charles", "charlie": "charles", "sam": "samuel", "larry": "lawrence",
	"tony": "anthony", "antony": "anthony", "mike": "michael", "jim": "james", "jimmy": "james",
	"joe": "joseph", "steve": "stephen", "steven": "stephen", "rudy": "rudolph", "dick": "richard",
	"rick": "richard", "ted": "edward", "ron": "ronald", "tom": "thomas", "ken": "kenneth",
	"dan": "daniel", "dave": "david", "andy": "andrew", "nick": "nicholas", "pete": "peter",
	"ben": "benjamin", "matt": "matthew", "chris": "christopher", "greg": "gregory",
	"jeff": "jeffrey", "liz": "elizabeth", "jerry": "gerald", "hank": "henry", "ray": "raymond",
	"alex": "alexander", "newt": "newton", "jake": "jacob", "kate": "katherine",
}

// englishParts are the words of an English name without initials and
// generational suffixes: Donald J. Trump Jr. → Donald, Trump.
func englishParts(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		t := strings.TrimSuffix(w, ".")
		switch {
		case utf8.RuneCountInString(t) <= 1, t == "Jr", t == "Sr", t == "II", t == "III", t == "IV":
			continue
		}
		out = append(out, t)
	}
	return out
}

// hanParts are the dot-separated parts of a name that hold a Han
// character: Latin initials (唐纳德·J·特朗普) are no part.
func hanParts(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "·") {
		if strings.ContainsFunc(p, isHan) {
			out = append(out, p)
		}
	}
	return out
}

// givenFits reports whether given, the first part of a dotted name merged
// into the lexicon person e, may be e's given name: one of e's given names,
// one inside the other (约瑟夫 of 小约瑟夫), or a spelling that sounds
// nearly the same (戴维 and 大卫, 维克多 and 维克托). A person whose given
// names the lexicon does not tell fits any.
func (g *Gazetteer) givenFits(e *Entity, given string) bool {
	if len(e.given) == 0 {
		return true
	}
	p := []rune(given)
	if len(p) > 2 && (p[0] == '小' || p[0] == '老') {
		p = p[1:] // Jr., Sr.
	}
	for _, v := range e.given {
		w := []rune(v)
		short := min(len(p), len(w))
		if short >= 2 && (strings.Contains(string(p), v) || strings.Contains(v, string(p))) {
			return true
		}
		if g.soundDistance(p, w) <= 0.5*float64(max(len(p), len(w))) {
			return true
		}
	}
	return false
}

// soundDistance is the edit distance between two spellings of a name,
// where a character that shares a reading with the other costs nothing
// (戴/大 dai, 维/卫 wei) and one that shares the reading's initial or final
// half (托/多 uo, 拉/兰 l) costs half.
func (g *Gazetteer) soundDistance(a, b []rune) float64 {
	prev := make([]float64, len(b)+1)
	cur := make([]float64, len(b)+1)
	for j := range prev {
		prev[j] = float64(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = float64(i)
		for j := 1; j <= len(b); j++ {
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+soundCost(a[i-1], b[j-1]))
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// soundCost is what replacing a by b costs in soundDistance: nothing for
// a shared reading, half for readings of one initial (拉/兰 l) or of one
// final after initials of one class (托/多 uo, t and d), else one.
func soundCost(a, b rune) float64 {
	if a == b {
		return 0
	}
	ra, rb := lexicon.Sounds()[a], lexicon.Sounds()[b]
	cost := 1.0
	for _, x := range ra {
		for _, y := range rb {
			if x == y {
				return 0
			}
			xi, xf := splitSyllable(x)
			yi, yf := splitSyllable(y)
			if xi != "" && xi == yi || xf == yf && initialClass[xi] == initialClass[yi] {
				cost = 0.5
			}
		}
	}
	return cost
}

// initialClass groups the initials that transliterations of one sound
// use in turn: 多/托 (d, t), 纳/拉 (n, l), 雅/贾 (the glide, j).
var initialClass = map[string]int{
	"b": 1, "p": 1, "m": 2, "f": 3, "d": 4, "t": 4, "n": 5, "l": 5, "g": 6, "k": 6, "h": 6,
	"": 7, "j": 7, "q": 7, "x": 7, "zh": 8, "ch": 8, "sh": 8, "z": 8, "c": 8, "s": 8, "r": 8,
}

// initials are the pinyin initials, two-letter ones first.
var initials = []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"}

// splitSyllable cuts a toneless pinyin syllable into initial and final,
// the glides y and w written as the final's vowel: "zhang" → "zh", "ang";
// "ya" → "", "ia"; "wei" → "", "ui"; "ju" → "j", "ü".
func splitSyllable(s string) (string, string) {
	for _, in := range initials {
		if !strings.HasPrefix(s, in) || len(s) == len(in) {
			continue
		}
		f := s[len(in):]
		switch in {
		case "y":
			switch {
			case f == "ou":
				f = "iu"
			case strings.HasPrefix(f, "i"):
			case strings.HasPrefix(f, "u"):
				f = "ü" + f[1:]
			default:
				f = "i" + f
			}
			return "", f
		case "w":
			switch {
			case f == "ei":
				f = "ui"
			case f == "en":
				f = "un"
			case strings.HasPrefix(f, "u"):
			default:
				f = "u" + f
			}
			return "", f
		case "j", "q", "x":
			if strings.HasPrefix(f, "u") {
				f = "ü" + f[1:]
			}
		}
		return in, f
	}
	return "", s
}

// unlinkDotted takes back the merge of a dotted name into a lexicon
// person (addTransName) when the name's given part does not fit the
// person's (givenFits; any of its parts before the family name, 阿里 of
// 阿亚图拉·阿里·哈梅内伊): the name is then a person of its own, its id made
// from its text as a discovered name's is. The found keeps its span and
// method, so that only the id changes.
func (d *doc) unlinkDotted() {
	for k := range d.found {
		f := &d.found[k]
		if f.ent == nil || f.typ != "person" {
			continue
		}
		span := d.norm[f.start:f.stop]
		if !slices.Contains(span, '·') {
			continue
		}
		given, ok := mergedGiven(f.ent, nameKey(span)) // 吉尔· 拜登: no spaces
		if ok && !slices.ContainsFunc(given, func(p string) bool { return d.g.givenFits(f.ent, p) }) {
			f.ent, f.key, f.unlinked = nil, nameKey(span), f.ent
		}
	}
	// 玛丽·L·特朗普 and 玛丽·特朗普 are one person, as they were one
	// lexicon id: the names taken from one person that differ only by
	// Latin initials take the longest name's key.
	for k := range d.found {
		f := &d.found[k]
		if f.unlinked == nil {
			continue
		}
		han := strings.Join(hanParts(f.key), "·")
		for _, g := range d.found {
			if g.unlinked == f.unlinked && len(g.key) > len(f.key) && strings.Join(hanParts(g.key), "·") == han {
				f.key = g.key
			}
		}
	}
}

// mergedGiven returns the parts of a dotted name s before the shortest
// lexicon form of e that ends it after a dot (吉娜 of 吉娜·麦卡锡 for Kevin
// McCarthy's 麦卡锡; 阿亚图拉, 阿里 of 阿亚图拉·阿里·哈梅内伊), or false
// when s is itself one of e's forms or no form of e ends a dotted part of
// it.
func mergedGiven(e *Entity, s string) ([]string, bool) {
	if slices.Contains(e.forms, s) {
		return nil, false
	}
	best := -1
	for _, form := range e.forms {
		k := strings.LastIndex(s, form)
		if k <= 0 || !strings.HasSuffix(s[:k], "·") {
			continue
		}
		if k > best {
			best = k
		}
	}
	if best < 0 {
		return nil, false
	}
	parts := hanParts(s[:best])
	return parts, len(parts) > 0
}

// followDotted gives the later bare family name of a dotted name that
// unlinkDotted took from a lexicon person to that name (吉娜·麦卡锡 …
// 麦卡锡表示: Gina McCarthy, not Kevin McCarthy), when the lexicon person
// is not otherwise in the post: every mention of the person is that bare
// name, none before the dotted name, and no other dotted name of the post
// taken from the person ends in it; and the name is written as
// transliterations (transName). A post that names 特朗普 before
// 玛丽·特朗普, or by another form, keeps 特朗普 for Donald Trump.
func (d *doc) followDotted(order []*cluster, assign []*cluster) {
	for i, f := range d.found {
		if f.unlinked == nil || assign[i] == nil {
			continue
		}
		if !d.g.transName(f.key) {
			continue // a title run into a name: 雪·纳博科夫·基辛格
		}
		own := assign[i]
		_, last, _ := strings.Cut(f.key, "·")
		for strings.Contains(last, "·") {
			_, last, _ = strings.Cut(last, "·")
		}
		var lex *cluster
		for _, c := range order {
			if c.id == f.unlinked.ID {
				lex = c
				break
			}
		}
		if lex == nil {
			continue
		}
		first, ok := d.found[i].start, true
		for j, g := range d.found {
			switch {
			case assign[j] == own:
				first = min(first, g.start)
			case g.unlinked == f.unlinked && assign[j] != own:
				ok = false // two dotted names of the person's family
			}
		}
		var bare []int
		for j, g := range d.found {
			if assign[j] != lex {
				continue
			}
			if g.start < first || string(d.norm[g.start:g.stop]) != last {
				ok = false
				break
			}
			bare = append(bare, j)
		}
		if !ok {
			continue
		}
		for _, j := range bare {
			assign[j] = own
		}
	}
}

// transName reports a dotted name written as transliterations: every Han
// part of two characters or more (雪·纳博科夫·基辛格 is a headline of three
// names), every Han character a transliteration character.
func (g *Gazetteer) transName(s string) bool {
	for _, p := range hanParts(s) {
		if utf8.RuneCountInString(p) < 2 {
			return false
		}
	}
	for _, r := range s {
		if isHan(r) && !g.trans.Has(r) {
			return false
		}
	}
	return true
}
