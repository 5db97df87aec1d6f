package quotes

import "slices"

// A document speaks in news as its issuer does: 中国网发表文章… 文章说「…」,
// 统战部发表声明，宣称「…」. The gold guide gives such a quote to whoever
// issued the document (a spokesperson's or a body's words are the body's)
// and to nobody where no issuer is named (a law, a constitution). The
// document is often introduced sentences or paragraphs before the quote,
// outside the candidates' window: docOwner finds its owner there and
// proposes it as a candidate, and the features say how it was found.

// docNouns are the nouns of documents that speak (simplified script: the
// stage reads d.norm). Longer words come first where one holds another.
var docNouns = runesOf([]string{
	"评论员文章", "署名文章", "文章", "调查报告", "研究报告", "报告", "声明", "社论", "社评", "短评",
	"评论", "文件", "公报", "白皮书", "报道", "公开信", "来信", "信函", "通知", "决议", "新闻稿",
	"推文", "帖文", "备忘录", "简报", "公告", "通报", "通告", "告示", "判决书", "起诉书", "专文",
	"贴文", "博文", "文告", "讲稿",
})

// docNotAfter are what, right after a document noun, makes it no
// document (评论区 the comments under a post, 报道称 … is kept).
var docNotAfter = smallOf("区员家人者")

// docDeterminers may stand before a document noun that is a clause's
// subject (这篇文章说, 该声明指出, 上述报告称).
var docDeterminers = runesOf([]string{"这篇", "这份", "这项", "这则", "这封", "这一", "该篇", "该份", "该项", "该则", "该", "此份", "此篇", "此", "上述", "这", "那篇", "那份"})

// docPublish are the verbs by which a body issues a document (X发表声明,
// X刊发社论, 以…为题的文章).
var docPublish = runesOf([]string{"发表", "发布", "公布", "刊登", "刊发", "刊出", "刊载", "撰写", "撰文", "发出", "发文", "推出", "印发", "出台", "写", "为题", "题为", "名为", "发"})

// docOcc is a document named outside quotes and, where the text says,
// its owner.
type docOcc struct {
	at, noun int // where the noun begins, its index in docNouns
	owner    speaker
	ownerAt  [2]int // where the owner is named
	hasOwner bool
}

// docLink is how a quote's document owner was found (candFeatures).
type docLink struct {
	on       bool
	sameNoun bool // the owner's document is named by the subject's noun
	inSent   bool // the document and its owner are in the quote's sentence
	dist     int  // characters from the owner's document to the quote
	// between: someone else is named between the document and the
	// quote (据路透社报道，纳瓦罗说「…」).
	between bool
}

// docNounFirst are the first characters of docNouns: most characters
// start none, and are passed over unread.
var docNounFirst = func() *smallSet {
	var first []rune
	for _, w := range docNouns {
		first = append(first, w[0])
	}
	return smallOf(string(first))
}()

// docNounAt returns the index of the document noun at i, or -1.
func (d *doc) docNounAt(i int) int {
	if i < 0 || i >= len(d.norm) || !docNounFirst.has(d.norm[i]) {
		return -1
	}
	for k, w := range docNouns {
		if i+len(w) <= len(d.norm) && d.norm[i] == w[0] && slices.Equal(d.norm[i:i+len(w)], w) {
			if e := i + len(w); e < len(d.norm) && docNotAfter.has(d.norm[e]) {
				return -1
			}
			return k
		}
	}
	return -1
}

// docOccs returns, once per post, the documents named outside quotes, in
// text order, with their owners.
func (d *doc) docOccs() []docOcc {
	if d.docs != nil {
		return *d.docs
	}
	var out []docOcc
	d.docs = &out
	for i := 0; i < len(d.norm); i++ {
		if d.inQuote[i] {
			continue
		}
		k := d.docNounAt(i)
		if k < 0 {
			continue
		}
		o := docOcc{at: i, noun: k}
		o.owner, o.ownerAt, o.hasOwner = d.docOwnerAt(i)
		out = append(out, o)
		i += len(docNouns[k]) - 1
	}
	return out
}

// ownerType reports a mention's type that may issue a document. A
// country is left out: on the gold and extra posts no country named
// before a document was its issuer (中国 of 中国网, 驻美, 香港).
func ownerType(t string) bool {
	return t == "person" || t == "organization" || t == "outlet"
}

// docOwnerAt reads who issued the document named at p, in p's sentence:
// the name right before it (X的声明, X在报告中, 据X报道, 新华社报道), else
// the subject of a verb of issuing before it in its clause (X发表声明,
// 中国网…发表文章, 以「…」为题的文章), not a name after a preposition
// (汇丰就华为争议发表声明).
func (d *doc) docOwnerAt(p int) (speaker, [2]int, bool) {
	s := d.sentStart(p)
	a := s // the clause before the noun
	for k := p - 1; k > s; k-- {
		if r := d.norm[k-1]; (r == '，' || r == ',' || r == '：' || r == ':') && !d.inQuote[k-1] {
			a = k
			break
		}
	}
	type named struct {
		sp speaker
		at [2]int
	}
	var names []named
	for _, m := range d.mentionsIn(s, p) {
		if d.inQuote[m.Start] {
			continue
		}
		if ownerType(m.Type) {
			names = append(names, named{ofMention(m), [2]int{m.Start, m.Stop}})
		}
	}
	for i := range d.orgNames() {
		o := &d.orgNames()[i]
		// An organisation's name holding a mention is the longer name
		// (中国外交部 over 中国); one a mention overlaps otherwise is not.
		if o.span[0] < s || o.span[1] > p || d.inQuote[o.span[0]] || slices.ContainsFunc(names, func(n named) bool {
			return n.at[0] < o.span[1] && o.span[0] < n.at[1] && (n.at[0] < o.span[0] || n.at[1] > o.span[1])
		}) {
			continue
		}
		names = slices.DeleteFunc(names, func(n named) bool { return n.at[0] >= o.span[0] && n.at[1] <= o.span[1] })
		names = append(names, named{speaker{surface: d.orgSurface(o), typ: "organization"}, o.span})
	}
	slices.SortFunc(names, func(x, y named) int { return byOccStart(x.at, y.at) })
	// The nearest name, joined to the noun by little.
	if len(names) > 0 {
		n := names[len(names)-1]
		if d.docJoined(n.at[1], p) && !d.afterPrep(n.at[0]) {
			return n.sp, n.at, true
		}
	}
	v := -1
	for k := a; k < p && v < 0; k++ {
		if !d.inQuote[k] && d.wordAt(k, docPublish) > 0 {
			v = k
		}
	}
	if v < 0 {
		return speaker{}, [2]int{}, false
	}
	for j := len(names) - 1; j >= 0; j-- {
		n := names[j]
		if n.at[0] < a || n.at[1] > v || d.afterPrep(n.at[0]) || n.at[1] < len(d.norm) && d.norm[n.at[1]] == '的' {
			continue
		}
		return n.sp, n.at, true
	}
	return speaker{}, [2]int{}, false
}

// afterPrep reports a name at i that is the object of a preposition
// (对美国, 就华为).
func (d *doc) afterPrep(i int) bool {
	return i > 0 && (objectBefore.Has(d.norm[i-1]) || d.norm[i-1] == '就' || d.norm[i-1] == '为')
}

// docJoined reports the stretch [e, p) between a name and a document
// noun as one that makes the name its owner: nothing, 的, 在 (X在声明中),
// or a few characters ending in 的 (X发表的, X昨日的).
func (d *doc) docJoined(e, p int) bool {
	if e > p || p-e > 8 {
		return false
	}
	for _, r := range d.norm[e:p] {
		if isPunct(r) || r == '\n' {
			return false
		}
	}
	switch {
	case e == p:
		return true
	case d.norm[p-1] == '的', p-e == 1 && d.norm[e] == '在':
		return true
	}
	return false
}

// wordAt returns the length of the first of ws spelled at i, or 0.
func (d *doc) wordAt(i int, ws [][]rune) int {
	for _, w := range ws {
		if i+len(w) <= len(d.norm) && d.norm[i] == w[0] && slices.Equal(d.norm[i:i+len(w)], w) {
			return len(w)
		}
	}
	return 0
}

// clauseOpenings returns where the quote's sentence, its clause and the
// governing verb's clause open, past lead-ins, spaces, slashes and the
// rune also (-1 for none): the places a subject standing for a document or
// a body is read (docSubject, anaphorSubject). An opening not before open
// is -1.
func (d *doc) clauseOpenings(qc quoteCtx, open int, also rune) [3]int {
	starts := [3]int{qc.sent, qc.clause, -1}
	if qc.gov >= 0 {
		starts[2] = d.clauseStart(qc.sent, qc.gov+1)
	}
	for i, a := range starts {
		if a < 0 || a >= open {
			starts[i] = -1
			continue
		}
		a = d.skipLeadIn(a, open)
		for a < open && (d.norm[a] == '\u3000' || d.norm[a] == '/' || d.norm[a] == also) {
			a++
		}
		starts[i] = a
	}
	return starts
}

// docSubject returns the document noun (its index in docNouns) that is
// the subject of the clause or sentence before the quote opening at open
// (文章说「…」, 该声明指出, 报告在…的章节中写道, 评论认为，X「…」), and
// where it is; -1 for none.
func (d *doc) docSubject(qc quoteCtx, open int) (noun, at int) {
	for _, a := range d.clauseOpenings(qc, open, -1) {
		if a < 0 {
			continue
		}
		if n := d.wordAt(a, docDeterminers); n > 0 && d.docNounAt(a+n) >= 0 {
			a += n
		}
		if d.inQuote[a] {
			continue
		}
		if k := d.docNounAt(a); k >= 0 {
			return k, a
		}
	}
	return -1, -1
}

// docOwner returns the owner of the document that speaks the quote
// opening at open: for a document subject, the owner of the latest
// document named before it with the same noun, else with any noun.
// Without a document subject no owner is proposed: a document named in
// the quote's own sentence (统战部发表声明，宣称「…」, 据路透社报道，纳瓦罗
// 说「…」) proposed its owner too, and cross-validated the linear model
// lost 0.002 on the gold and the extra posts (models/speakers/README.md).
func (d *doc) docOwner(qc quoteCtx, open int) (owner speaker, link docLink, subject bool) {
	noun, at := d.docSubject(qc, open)
	if noun >= 0 {
		docs := d.docOccs()
		last := -1
		for i := len(docs) - 1; i >= 0; i-- {
			o := &docs[i]
			if o.at > at || !o.hasOwner {
				continue
			}
			if o.noun == noun {
				last = i
				break
			}
			if last < 0 {
				last = i
			}
		}
		if last < 0 {
			return speaker{}, docLink{}, true
		}
		o := &docs[last]
		return o.owner, docLink{on: true, sameNoun: o.noun == noun, inSent: o.at >= qc.sent, dist: open - o.at, between: d.namedBetween(at, open, o.owner)}, true
	}
	return speaker{}, docLink{}, false
}

// docFeatures describe a candidate that issued the quote's document.
func (d *doc) docFeatures(l docLink, addL func(lit), addB func(binned, int)) {
	addL(litDocOwner)
	if l.sameNoun {
		addL(litDocOwnerSameNoun)
	} else {
		addL(litDocOwnerOtherNoun)
	}
	if l.inSent {
		addL(litDocOwnerInSent)
	}
	addB(binDocDist, l.dist)
	if l.between {
		addL(litDocOwnerBetween)
	}
}

// namedBetween reports a person or organisation other than owner named
// in [a, b) outside quotes.
func (d *doc) namedBetween(a, b int, owner speaker) bool {
	for _, m := range d.mentionsIn(a, b) {
		if !d.inQuote[m.Start] && (m.Type == "person" || m.Type == "organization") && m.Surface != owner.surface && (m.EntityID == "" || m.EntityID != owner.entityID) {
			return true
		}
	}
	return false
}
