package entities

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline"
)

// cluster is one entity of a post: a lexicon entity or a discovered name
// with the shorter forms that refer to it.
type cluster struct {
	id, name, typ string
	// forms are the normalised forms, with and without dots, each once,
	// in the order added: a slice, since resolve and corefScan walk every
	// cluster's forms (a map's iteration start costs more than the few
	// forms); set answers has once there are more than a few.
	forms []string
	set   map[string]bool
	n     int // mentions
	// notPerson marks a discovered name that is a company's short name
	// (阿里 of 阿里巴巴, expandNames): its mentions are dropped.
	notPerson bool
}

// maxListForms is the most forms has finds by a scan of the slice.
const maxListForms = 8

// has reports the form f.
func (c *cluster) has(f string) bool {
	if c.set != nil {
		return c.set[f]
	}
	return slices.Contains(c.forms, f)
}

func (c *cluster) addForm(f string) {
	if c.has(f) {
		return
	}
	c.forms = append(c.forms, f)
	switch {
	case c.set != nil:
		c.set[f] = true
	case len(c.forms) > maxListForms:
		c.set = make(map[string]bool, 2*len(c.forms))
		for _, g := range c.forms {
			c.set[g] = true
		}
	}
}

// addForms adds f and f without its dots.
func (c *cluster) addForms(f string) {
	c.addForm(f)
	c.addForm(strings.ReplaceAll(f, "·", ""))
}

// parts returns the dot-separated parts of a name and its dotted suffixes:
// 马丁·范·海尔弗特 → 马丁, 范, 海尔弗特, 范·海尔弗特.
func parts(f string) []string {
	if !strings.Contains(f, "·") {
		return nil // most forms: no split, no allocation
	}
	ps := strings.Split(f, "·")
	if len(ps) < 2 {
		return nil
	}
	out := append([]string{}, ps...)
	for i := 1; i < len(ps)-1; i++ {
		out = append(out, strings.Join(ps[i:], "·"))
	}
	return out
}

// isPart reports whether key is one of parts(form), without making them:
// a dot-separated part of a dotted form, or, when key has a dot itself,
// the form's end after one of its dots.
func isPart(form, key string) bool {
	if !strings.Contains(form, "·") {
		return false
	}
	if strings.Contains(key, "·") {
		rest, ok := strings.CutSuffix(form, key)
		return ok && strings.HasSuffix(rest, "·")
	}
	for p := range strings.SplitSeq(form, "·") {
		if p == key {
			return true
		}
	}
	return false
}

// resolve clusters what was found, adds the later short references to each
// person (coreference), and returns the post's mentions in text order.
// credits are the byline's reporters and editors: a name seen only there is
// not a person the post is about.
func (d *doc) resolve(credits map[string]bool) []pipeline.Mention {
	clusters := map[string]*cluster{}
	var order []*cluster
	get := func(id, name, typ string) *cluster {
		c := clusters[id]
		if c == nil {
			c = &cluster{id: id, name: name, typ: typ}
			clusters[id] = c
			order = append(order, c)
		}
		return c
	}
	// A cluster's forms are read to join a discovered name of its type to
	// it, and a person's for coreference: a lexicon country's or outlet's
	// are not made when nothing of its type was discovered.
	var discovered []string
	for _, f := range d.found {
		if f.ent == nil && !slices.Contains(discovered, f.typ) {
			discovered = append(discovered, f.typ)
		}
	}
	assign := make([]*cluster, len(d.found))
	for i, f := range d.found {
		if f.ent == nil {
			continue
		}
		c := get(f.ent.ID, f.ent.Name, f.ent.Type)
		assign[i] = c
		if c.typ != "person" && !slices.Contains(discovered, c.typ) {
			continue
		}
		if len(c.forms) == 0 {
			for _, form := range f.ent.forms {
				c.addForms(form)
			}
		}
		c.addForms(string(d.norm[f.start:f.stop]))
	}
	// Discovered names, longest first, so that a full name makes its
	// cluster before the parts that refer to it.
	// Honorific forms (林先生) last, so that they find the full name. The
	// keys are taken once a name, not at every comparison (honorific
	// makes the name's runes).
	idx := d.orderBuf[:0]
	for i, f := range d.found {
		if f.ent == nil {
			idx = append(idx, discOrder{i: i, honorific: d.honorific(f.key), runes: utf8.RuneCountInString(f.key)})
		}
	}
	slices.SortStableFunc(idx, func(a, b discOrder) int {
		if a.honorific != b.honorific {
			if a.honorific {
				return 1
			}
			return -1
		}
		return cmp.Compare(b.runes, a.runes)
	})
	d.orderBuf = idx
	for _, o := range idx {
		i := o.i
		f := d.found[i]
		key := f.key
		plain := strings.ReplaceAll(key, "·", "")
		var into *cluster
		for _, c := range order {
			if c.typ == f.typ && (c.has(key) || c.has(plain)) {
				into = c
				break
			}
		}
		if into == nil && f.typ == "person" && utf8.RuneCountInString(key) >= 2 {
			for _, c := range order {
				if c.typ != "person" {
					continue
				}
				for _, form := range c.forms {
					if isPart(form, key) {
						into = c
						break
					}
				}
				if into != nil {
					break
				}
			}
		}
		if into == nil && f.typ == "person" {
			into = prefixOwner(order, key)
		}
		if into == nil && f.typ == "person" && d.honorific(key) {
			into = d.honorificOwner(order, key, credits)
		}
		if into == nil {
			into = get(f.typ+":"+key, key, f.typ)
		}
		into.addForms(key)
		assign[i] = into
	}
	if d.corefOwner == nil {
		d.corefOwner = map[int]*cluster{}
	}
	if !d.noCoref {
		d.followDotted(order, assign)
		d.expandNames(order)
		d.corefScan(order, assign)
	}
	assign = append(assign, make([]*cluster, len(d.found)-len(assign))...)
	for i := range d.found {
		if assign[i] == nil {
			assign[i] = d.corefOwner[i]
		}
	}

	for _, c := range assign {
		if c != nil {
			c.n++
		}
	}
	out := make([]pipeline.Mention, 0, len(d.found))
	// The surfaces are written one after the other into one string, which
	// each mention's Surface is a piece of: one allocation a post instead
	// of one a mention.
	sb, ends := d.surfBuf[:0], d.surfEnds[:0]
	for i, f := range d.found {
		c := assign[i]
		if c == nil || c.notPerson {
			continue
		}
		if c.typ == "person" && c.n <= 1 && isCredit(credits, c.name, string(d.text[f.start:f.stop])) && !d.headlineAuthor(f) {
			continue // the byline's reporter, not someone the post is about
		}
		for _, r := range d.text[f.start:f.stop] {
			sb = utf8.AppendRune(sb, r)
		}
		ends = append(ends, len(sb))
		out = append(out, pipeline.Mention{
			EntityID: c.id, Type: c.typ,
			Start: f.start, Stop: f.stop, Method: f.method, Name: c.name,
		})
	}
	all, lo := string(sb), 0
	for k, e := range ends {
		out[k].Surface, lo = all[lo:e], e
	}
	d.surfBuf, d.surfEnds = sb, ends
	slices.SortStableFunc(out, func(a, b pipeline.Mention) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// discOrder is a discovered name's place in resolve's order: found's
// index, and the sort's keys.
type discOrder struct {
	i         int
	honorific bool
	runes     int
}

// honorific reports a surname and an honorific: 林先生, 李警察.
func (d *doc) honorific(key string) bool {
	r := []rune(key)
	if len(r) != 3 || !d.g.surn.single(r[0]) {
		return false
	}
	for _, h := range honorifics {
		if runesEqual(r[1:], h) {
			return true
		}
	}
	return false
}

// prefixOwner returns the one person of the post whose undotted Han name
// starts with key and is at least two characters longer: the family name
// of a Japanese name (海野 of 海野雅威), the first syllables of a long
// transliteration cut short (利特维 of 利特维年科). Nil when none or
// several.
func prefixOwner(order []*cluster, key string) *cluster {
	k := []rune(key)
	if len(k) < 2 || strings.Contains(key, "·") {
		return nil
	}
	var owner *cluster
	for _, c := range order {
		if c.typ != "person" {
			continue
		}
		for _, f := range c.forms {
			// The prefix first: it turns away most forms without decoding them.
			if !strings.HasPrefix(f, key) || strings.Contains(f, "·") || utf8.RuneCountInString(f) < len(k)+2 {
				continue
			}
			if last, _ := utf8.DecodeLastRuneInString(f); !isHan(last) {
				continue
			}
			if owner != nil && owner != c {
				return nil
			}
			owner = c
		}
	}
	return owner
}

// headlineAuthor reports a name that opens the first line, before a colon:
// the author of a commentary reposted as "李翘楚：警察怕被连坐", whom the post
// is by and about.
func (d *doc) headlineAuthor(f found) bool {
	for k := 0; k < f.start; k++ {
		if d.norm[k] == '\n' {
			return false
		}
	}
	return f.stop < len(d.norm) && (d.norm[f.stop] == '：' || d.norm[f.stop] == ':') && f.start <= 2
}

// honorificOwner returns the one person of the post whose Chinese name
// has the surname of an honorific form (林先生 → 林荣基), or nil when none or
// several have it.
func (d *doc) honorificOwner(order []*cluster, key string, credits map[string]bool) *cluster {
	sn := []rune(key)[0]
	var owner *cluster
	for _, c := range order {
		if c.typ != "person" || credits[c.name] {
			continue // the byline's author is 我, not 李警察
		}
		for _, f := range c.forms {
			r := []rune(f)
			if len(r) < 2 || len(r) > 3 || r[0] != sn || f == key || strings.Contains(f, "·") || credits[f] {
				continue
			}
			if owner != nil && owner != c {
				return nil
			}
			owner = c
		}
	}
	return owner
}

// corefScan finds the short forms of the post's people where nothing else
// was found: the last parts of transliterated names (库格尔曼, 范·海尔弗特)
// and, before a verb of saying, a Chinese name's surname (秦). A short form
// that two people of the post share is left alone, and so is a given name
// (the first part of a dotted name) written before the person is first
// named: news names a person in full and then shortens, so a given name
// that comes first is someone else's (腓特烈 of 腓特烈大帝 in an essay that
// names 腓特烈·威廉二世 once, late; 伊丽莎白女王 before 伊丽莎白·霍姆斯).
func (d *doc) corefScan(order []*cluster, assign []*cluster) {
	short := map[string]*cluster{}
	ambiguous := map[string]bool{}
	again := map[string]bool{} // forms only a discovered name's repeat adds
	// isPart holds the parts of dotted forms, true for those of a
	// discovered name's.
	isPart := map[string]bool{}
	// given holds the first parts of dotted forms that are no later part
	// of their person's; first where each person is first named (by any
	// finding but coreference).
	// Both are made only for a post with such a given name: most have none.
	var given map[string]bool
	for _, c := range order {
		if c.typ != "person" || c.notPerson {
			continue
		}
		for _, form := range c.forms {
			if g, _, ok := strings.Cut(form, "·"); ok && utf8.RuneCountInString(g) >= 2 && givenOnly(c, g) {
				if given == nil {
					given = map[string]bool{}
				}
				given[g] = true
			}
		}
	}
	var first map[*cluster]int
	if given != nil {
		first = map[*cluster]int{}
		for i, c := range assign {
			if c == nil {
				continue
			}
			if at, ok := first[c]; !ok || d.found[i].start < at {
				first[c] = d.found[i].start
			}
		}
	}
	note := func(f string, c *cluster) {
		if prev, ok := short[f]; ok && prev != c {
			ambiguous[f] = true
		}
		short[f] = c
	}
	surnames := map[rune]*cluster{}
	ambiguousSurname := map[rune]bool{}
	for _, c := range order {
		if c.typ != "person" || c.notPerson {
			continue
		}
		_, lex := d.g.byID[c.id]
		for _, form := range c.forms {
			for _, p := range parts(form) {
				if len([]rune(p)) >= 2 {
					note(p, c)
					isPart[p] = isPart[p] || !lex
				}
			}
			// A discovered name again, where no rule found it (律师李进进说
			// … 李进进说).
			if !lex && len([]rune(form)) >= 2 {
				again[form] = true
				note(form, c)
			}
			r := []rune(form)
			if !strings.Contains(form, "·") && len(r) == 3 && d.g.surn.single(r[0]) {
				if prev, ok := surnames[r[0]]; ok && prev != c {
					ambiguousSurname[r[0]] = true
				}
				surnames[r[0]] = c
			}
		}
	}
	if len(short) == 0 && len(surnames) == 0 {
		return
	}
	// A form that is also a part of a name (in whatever order the forms
	// came) is matched as such, not only as a repeat.
	for p := range isPart {
		delete(again, p)
	}
	m := d.corefForms(short, ambiguous)
	// The surnames in a slice: a few at most, scanned before the maps are
	// asked.
	sns := make([]rune, 0, len(surnames))
	for r := range surnames {
		sns = append(sns, r)
	}
	n := len(d.norm)
	for i := 0; i < n; i++ {
		if d.covered[i] || !d.han(i) || !d.tokStart(i) {
			continue
		}
		done := false
		ks := m.at(d.norm, i)
		for x := range ks {
			k := &ks[x]
			if done {
				break
			}
			if !k.startsAt(d.norm, i) {
				continue
			}
			j := i + len(k.form)
			// Not inside a span the decision or placeFamily judged a
			// thing's name (特朗普主义, 盖茨基金会, 乔治·华盛顿大学).
			if !d.free(i, j) || !(d.tokEnd(j) || j >= n || !d.han(j) || d.verbGlued(i, j)) || d.overThing(i, j) || d.placeThingAt(j) {
				continue
			}
			// A repeat of a discovered name that gse knows as one word of
			// another kind (麦当劳/nt, 兰屿/ns) is that word: the name was
			// likely a mistake, and is not spread. So is a part of a
			// discovered dotted name that gse reads as a word of another
			// kind than a name or a place (留守/v of 王欧·留守, 安信/nz of
			// 安信·普惠): the dot joined two words; gse reads many
			// transliterations as places (罗宾, 巴斯/ns). The form's text
			// is looked up without keeping it (no allocation).
			rep, part := again[string(d.norm[i:j])], isPart[string(d.norm[i:j])]
			if at, ok := first[k.c]; ok && i < at && given[string(d.norm[i:j])] && !d.introduced(string(k.form), j, k.c) {
				continue
			}
			if rep || part {
				if s, e, pos := d.token(i); s == i && e == j && !strings.HasPrefix(pos, "nr") && pos != "x" && pos != "eng" && (rep || !strings.HasPrefix(pos, "ns")) {
					continue
				}
			}
			// A discovered name or part that the post also writes before
			// a company's or a thing's head (安邦集团, 亚马逊公司) and never
			// after a title names the company: a finding the decision took
			// is not spread to its other occurrences. A person a brand is
			// named after (网红李子柒 … 李子柒品牌) keeps hers.
			if rep || part {
				if k.thing == 0 {
					k.thing = 1
					if d.thingNamed(k.form) {
						k.thing = 2
					}
				}
				if k.thing == 2 {
					continue
				}
			}
			d.corefOwner[len(d.found)] = k.c
			d.add(found{start: i, stop: j, typ: "person", method: "coref"})
			i, done = j-1, true
		}
		if done {
			continue
		}
		if !slices.Contains(sns, d.norm[i]) {
			continue
		}
		// A surname before a kin character is the kin's (潘 of 潘母 is the
		// mother, not 潘晓颖: kinAt).
		if c, ok := surnames[d.norm[i]]; ok && !ambiguousSurname[d.norm[i]] &&
			d.boundaryBefore(i) && d.verbAfter(i+1) && d.tokEnd(i+1) && !kinFinals.Has(at(d.norm, i+1)) {
			d.corefOwner[len(d.found)] = c
			d.add(found{start: i, stop: i + 1, typ: "person", method: "coref"})
		}
	}
}

// introduced reports a given name ending at j that the post writes as its
// person's full name or glosses: another dot or a hyphen after it
// (黛博拉.伯克斯, 大卫-珀杜), the family name run on (罗伯特穆加贝), or a
// Latin gloss (亨特(Hunter)). Such a given name is the person named, not a
// short form before the name.
func (d *doc) introduced(given string, j int, c *cluster) bool {
	if j >= len(d.norm) {
		return false
	}
	switch r := d.norm[j]; {
	case isDot(r), r == '.', r == '-', r == '‐', r == '–':
		return true
	case r == '(' || r == '（':
		return j+1 < len(d.norm) && d.norm[j+1] < utf8.RuneSelf && unicode.IsLetter(d.norm[j+1])
	}
	for _, form := range c.forms {
		family := form // an undotted form: a lexicon person's family name
		if k := strings.LastIndex(form, "·"); k >= 0 {
			family = form[k+len("·"):]
		}
		if utf8.RuneCountInString(family) >= 2 && family != given && hasPrefixRunes(d.norm[j:], family) {
			return true
		}
	}
	return false
}

// hasPrefixRunes reports whether text starts with s, comparing characters.
func hasPrefixRunes(text []rune, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(text) || text[i] != r {
			return false
		}
		i++
	}
	return true
}

// givenOnly reports that g, the first part of one of c's dotted forms, is
// not also a later part of one (an inverted or repeated name: 伊万·伊万诺维奇·伊万)
// nor a form of c on its own: a lexicon person known by a given name, or
// one a rule found by it (莫妮卡说), whom the post names that way.
func givenOnly(c *cluster, g string) bool {
	if c.has(g) {
		return false
	}
	for _, form := range c.forms {
		_, rest, ok := strings.Cut(form, "·")
		if ok && isPart(rest, g) || rest == g {
			return false
		}
	}
	return true
}

// thingNamed reports a name that the post writes before a company's or a
// thing's head (anyHeads) and never after a title or naming word, among
// the occurrences the decision's features read (occurrences): from the
// proposals' cache when the tagger made it, else by a scan of the post in
// the same order, so that coreference builds no index of its own.
func (d *doc) thingNamed(name []rune) bool {
	if d.occIndexed {
		occ := d.occurrences(string(name), name)
		return occ&occThing != 0 && occ&occTitle == 0
	}
	thing, seen := false, 0
	for k := len(d.norm) - len(name); k >= 0 && seen < maxCueOcc; k-- {
		if d.norm[k] != name[0] || !runesEqual(d.norm[k:k+len(name)], name) {
			continue
		}
		seen++
		if k > 0 && d.han(k-1) && d.titleEndsAt(k) >= 0 || d.namingEndsAt(k) {
			return false
		}
		thing = thing || d.anyHeadAt(k+len(name))
	}
	return thing
}

// verbGlued reports a verb of saying that starts at j and ends the
// word gse made of it and the name's last characters (姜家文说 cut
// 姜家/文说): the name ends at j all the same.
func (d *doc) verbGlued(i, j int) bool {
	s, e, _ := d.token(j)
	if s >= j || s < i {
		return false
	}
	d.bufVerb = d.g.verbs.MatchesAt(d.norm, j, d.bufVerb[:0])
	for _, l := range d.bufVerb {
		if j+l.N == e {
			return true
		}
	}
	return false
}

// isCredit reports a name of the byline (or a part of one: 斯利托 of
// 大卫·斯利托).
func isCredit(credits map[string]bool, names ...string) bool {
	for _, n := range names {
		if credits[n] {
			return true
		}
		for c := range credits {
			for _, p := range parts(normDots(c)) {
				if p == n && len([]rune(p)) >= 2 {
					return true
				}
			}
		}
	}
	return false
}

// expandNames lengthens a discovered two-character name that the post
// writes longer elsewhere, three times or more (海野 → 海野雅威): the
// longer form is the full name, and its occurrences are mentions. A
// longer form that ends in a word gse tags as no name is the name and the
// next word (徐升告诉, 周泽律师, 安邦集团), which also made the entity's
// id.
func (d *doc) expandNames(order []*cluster) {
	n := len(d.norm)
	for _, c := range order {
		r := []rune(c.name)
		if c.typ != "person" || len(r) != 2 || !strings.HasPrefix(c.id, "person:") || strings.ContainsRune(c.name, '·') || !isHan(r[0]) {
			continue
		}
		if _, lex := d.g.byID[c.id]; lex {
			continue
		}
		if d.companyShort(r) {
			c.notPerson = true
			continue
		}
		counts := map[string]int{}
		for i := 0; i+4 <= n; i++ {
			if d.norm[i] != r[0] || d.norm[i+1] != r[1] || d.covered[i+2] || d.covered[i+3] {
				continue
			}
			ext := d.norm[i : i+4]
			if !isHan(ext[2]) || !isHan(ext[3]) || funcChars.Has(ext[2]) || nameStop.Has(ext[2]) || nameStop.Has(ext[3]) || !d.boundaryAfter(i+4) {
				continue
			}
			// A word gse reads there as another kind (告诉 v, 律师 n, 集团 n)
			// follows the name: 徐升告诉 three times is 徐升 speaking.
			if ws, we, pos := d.token(i + 2); ws == i+2 && we == i+4 && pos != "x" && pos != "" && !strings.HasPrefix(pos, "nr") && !(d.isTrans(i+2) && d.isTrans(i+3)) {
				continue
			}
			counts[string(ext)]++
		}
		best, bestN := "", 0
		for k, v := range counts {
			if v > bestN || v == bestN && k < best {
				best, bestN = k, v
			}
		}
		if bestN < 3 {
			continue
		}
		c.name = best
		c.id = "person:" + best
		c.addForms(best)
		rb := []rune(best)
		for i := 0; i+4 <= n; i++ {
			if d.norm[i] == rb[0] && d.norm[i+1] == rb[1] && d.norm[i+2] == rb[2] && d.norm[i+3] == rb[3] && d.free(i, i+4) {
				d.corefOwner[len(d.found)] = c
				d.add(found{start: i, stop: i + 4, typ: "person", method: "coref"})
			}
		}
	}
}

// companyShort reports a two-character name that the post writes three
// times or more as the start of a word of not_people.txt or
// companies.txt (阿里 of 阿里巴巴): the company's short name, which
// expandNames would otherwise lengthen into a person named 阿里巴巴.
func (d *doc) companyShort(name []rune) bool {
	n, prefix := 0, string(name)
	for w := range d.g.notPeople {
		if len(w) <= len(prefix) || !strings.HasPrefix(w, prefix) {
			continue
		}
		r := []rune(w)
		for i := 0; i+len(r) <= len(d.norm); i++ {
			if d.norm[i] == r[0] && runesEqual(d.norm[i:i+len(r)], r) {
				n++
			}
		}
	}
	return n >= 3
}

// shortForms are the forms coreference looks for in a post: a few dozen
// at most, sorted by first character and, among those of one, longest
// first. A trie of them, built for every post, cost more to build than
// its walks saved.
type shortForms struct {
	keys []shortForm
	// firsts has bit r%64 set for the first character r of each form:
	// most positions are ruled out without a search.
	firsts uint64
}

type shortForm struct {
	form []rune
	c    *cluster
	// thing is corefScan's memo of thingNamed: 0 not asked, 1 no, 2 yes.
	thing int8
}

// corefForms collects the forms of short that are not ambiguous.
func (d *doc) corefForms(short map[string]*cluster, ambiguous map[string]bool) *shortForms {
	m := &shortForms{keys: make([]shortForm, 0, len(short))}
	size := 0
	for f := range short {
		size += len(f)
	}
	// One buffer for the forms' characters (no more than their bytes).
	buf := make([]rune, 0, size)
	for f, c := range short {
		if ambiguous[f] || f == "" {
			continue
		}
		lo := len(buf)
		for _, r := range f {
			buf = append(buf, r)
		}
		m.keys = append(m.keys, shortForm{form: buf[lo:len(buf):len(buf)], c: c})
		m.firsts |= 1 << (uint(buf[lo]) % 64)
	}
	slices.SortFunc(m.keys, func(a, b shortForm) int {
		if c := cmp.Compare(a.form[0], b.form[0]); c != 0 {
			return c
		}
		return cmp.Compare(len(b.form), len(a.form))
	})
	return m
}

// at returns the forms whose first character is text[i], longest first:
// those text[i:] starts with are the matches of a trie of the forms, read
// from the last.
func (m *shortForms) at(text []rune, i int) []shortForm {
	r := text[i]
	if m.firsts&(1<<(uint(r)%64)) == 0 {
		return nil
	}
	lo, _ := slices.BinarySearchFunc(m.keys, r, func(k shortForm, r rune) int { return cmp.Compare(k.form[0], r) })
	hi := lo
	for hi < len(m.keys) && m.keys[hi].form[0] == r {
		hi++
	}
	return m.keys[lo:hi]
}

// startsAt reports whether text[i:] starts with the form.
func (f *shortForm) startsAt(text []rune, i int) bool {
	return i+len(f.form) <= len(text) && runesEqual(text[i:i+len(f.form)], f.form)
}
