package quotes

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/lexicon"
	"github.com/newsnlp/newsnlp/stages/internal/runeset"
	"github.com/newsnlp/newsnlp/stages/internal/trie"
)

// orgName is an organisation's name read by its head word anywhere in a
// post, outside quotes, or a reference to one (该组织, 该院) standing for
// the last such name with the same head.
type orgName struct {
	// name is where the name is written: span itself, or for a reference
	// the name it stands for. Its text is made only where a quote's
	// candidates take it (orgSurface): most names of a post are in no
	// quote's window.
	name [2]int
	span [2]int
	ref  bool // 该组织: the name is the one it stands for
	// surface is the name's text once made: the windows of a post's
	// quotes overlap, and textOf walks the post's bytes back and forth to
	// make it again for each.
	surface string
}

// orgSurface returns the name of o as the text writes it.
func (d *doc) orgSurface(o *orgName) string {
	if o.surface == "" {
		o.surface = d.textOf(o.name[0], o.name[1])
	}
	return o.surface
}

// isWord reports string(w) in words, without making the string.
func (d *doc) isWord(words map[string]bool, w []rune) bool {
	b := d.sink.buf[:0]
	for _, r := range w {
		b = utf8.AppendRune(b, r)
	}
	d.sink.buf = b
	return words[string(b)]
}

// orgNameHeads end the names of organisations the entity stage does not
// know (国际特赦组织, 香港教育局, 宁阳县人民政府, 禹州市人民法院), longest
// first within each ending. 机场, 航空, 证券, 投资 and 控股 end names the
// corpus writes before verbs of saying (国盛证券, 盖维克机场, 北欧航空,
// 星石投资, 联想控股) and gold speakers (柏瑞投资, 哈马德国际机场). The
// last row are classes of bodies rather than words: a place that receives
// or serves (…酒店, …馆, …景区), a unit of an administration or a firm
// (…派出所, …司, …部门, …厂, …社) and a group (…关注组, …团): annotators
// give such a body's staff's words to the body, and the names are each
// written once, so that no list of names could hold them. 观察 ends
// watchdogs' names (全球渔业观察, 中国劳工观察); a head may span two of gse's
// words (资产/管理 in 摩根资产管理, 国/保 in 福州市国保) when it begins where
// one begins (headAt).
var orgNameHeads = []string{"委员会", "办公室", "联合会", "基金会", "研究所", "研究院", "事务所", "检察院", "代表处", "办事处", "大使馆", "领事馆",
	"组织", "协会", "学会", "联盟", "集团", "公司", "银行", "政府", "法院", "法庭", "大学", "学院", "机构", "中心", "议会", "国会", "工会", "商会",
	"资产管理", "当局", "警方", "军方", "机场", "航空", "证券", "投资", "控股", "观察", "国保", "部", "局", "署", "院", "厅", "办", "党", "委",
	"酒店", "饭店", "旅店", "景区", "部门", "团队", "馆", "所", "司", "厂", "社", "组", "团"}

// orgNameHeadRunes are orgNameHeads as runes, orgHeadFinal their last
// characters: a word is looked at only when one ends it.
var orgNameHeadRunes, orgHeadFinal = func() ([][]rune, *runeset.Set) {
	var hs [][]rune
	fin := &runeset.Set{}
	for _, h := range orgNameHeads {
		r := []rune(h)
		hs = append(hs, r)
		fin.Add(r[len(r)-1])
	}
	return hs, fin
}()

// notOrgWords end like an organisation's name and are none (东部, 全部,
// 干部, 格局, 住院, 有所, 官司), or open no name (有关部门, 相关部门: any
// department, not one).
var notOrgWords = map[string]bool{"全部": true, "内部": true, "外部": true, "干部": true, "东部": true, "西部": true, "南部": true, "北部": true, "中部": true,
	"局部": true, "总部": true, "本部": true, "大部": true, "头部": true, "面部": true, "腹部": true, "胸部": true, "背部": true, "脑部": true, "底部": true,
	"顶部": true, "上部": true, "下部": true, "前部": true, "后部": true, "细部": true, "一部": true, "首部": true, "各部": true,
	"格局": true, "结局": true, "布局": true, "大局": true, "时局": true, "政局": true, "骗局": true, "僵局": true, "全局": true, "出局": true, "开局": true, "赌局": true, "饭局": true,
	"住院": true, "出院": true, "入院": true, "医院": true, "寺院": true, "庭院": true, "戏院": true, "影院": true, "电影院": true,
	"政党": true, "入党": true, "退党": true, "全党": true, "本党": true, "该党": true, "此党": true, "政委": true, "纪委": true,
	"有所": true, "无所": true, "场所": true, "住所": true, "厕所": true, "处所": true, "寓所": true, "居所": true, "该所": true, "本所": true,
	"官司": true, "上司": true, "出厂": true, "进厂": true, "建厂": true, "该厂": true, "本厂": true, "全厂": true,
	"结社": true, "入社": true, "该社": true, "本社": true, "改组": true, "重组": true, "分组": true, "编组": true, "机组": true, "词组": true,
	"该组": true, "本组": true, "全组": true, "基因组": true, "谜团": true, "疑团": true, "线团": true, "面团": true, "抱团": true, "该团": true,
	"全团": true, "本团": true, "场馆": true, "闭馆": true, "开馆": true, "该馆": true, "本馆": true, "全馆": true, "有关": true, "相关": true}

// orgRefHeads follow 该 in a reference to an organisation named before;
// 机构, 组织, 单位 and 团体 stand for any.
var orgRefHeads = []string{"委员会", "办公室", "组织", "机构", "单位", "团体", "协会", "集团", "公司", "银行", "政府", "法院", "大学", "学院", "中心",
	"部门", "部", "局", "署", "院", "厅", "办", "党", "会", "委", "校", "行"}

var orgRefHeadsR = runesOf(orgRefHeads)

// orgRefWindow bounds how far before 该组织 the name it stands for may be.
const orgRefWindow = 2000

// orgNames returns, once per post, the organisations named outside quotes
// that no mention of the entity stage names whole, and the references to
// them, in text order. The head word ends a gse word; the name extends over
// the nouns before it (国际特赦/组织, 香港/教育局) and is 3 to 14
// characters long, names no person except one that opens it (特朗普政府,
// 哈马德国际机场) and is no unnamed speaker. People whose every mention
// opens the same name are kept as cut short (cutOrg).
func (d *doc) orgNames() []orgName {
	if d.orgs != nil {
		return *d.orgs
	}
	out := d.scratch.orgs[:0]
	d.orgs = &out
	var opened []opening
	for _, t := range d.tokens {
		s, e := int(t.Start), int(t.Stop)
		if e > len(d.norm) || s >= e || d.inQuote[s] {
			continue
		}
		if n := d.companyAt(s); n > 0 {
			out = append(out, orgName{name: [2]int{s, s + n}, span: [2]int{s, s + n}})
			continue
		}
		// 该组织, 该院: the last name with that head.
		if d.norm[s] == '该' {
			if h := orgRefAt(d.norm, s+1); h >= 0 {
				if x, ok := d.orgRefers(out, h, s); ok {
					out = append(out, orgName{name: x.name, span: [2]int{s, s + 1 + len(orgRefHeadsR[h])}, ref: true})
				}
			}
			continue
		}
		if !orgHeadFinal.Has(d.norm[e-1]) {
			continue // most words: no head ends them
		}
		head := d.headAt(s, e)
		if head == 0 || e < len(d.norm) && roleSuffixes.has(d.norm[e]) || e-s <= 3 && d.isWord(notOrgWords, d.norm[s:e]) {
			continue
		}
		s = min(s, e-head) // a head over two words: the name begins before the first
		a := d.orgStart(s, e)
		if e-a < 3 || e-a == head {
			continue
		}
		if runesHaveUnnamedPrefix(d.norm[a:e]) {
			continue
		}
		whole := false
		opener := -1
		ms := d.mentionsIn(max(0, a-20), e+20)
		for k, m := range ms {
			if m.Start >= e || m.Stop <= a {
				continue
			}
			if m.Type == "person" && m.Start == a && m.Stop < e {
				opener = k // 特朗普政府, 哈马德国际机场, 柏瑞投(资)
				continue
			}
			if m.Type == "person" || m.Start <= a && m.Stop >= e {
				whole = true // a person in it, or a mention names it all
				break
			}
		}
		if whole {
			continue
		}
		if opener >= 0 {
			// The longest name read at a mention (柏瑞投资, then 柏瑞投资公司).
			surface := string(d.text[a:e])
			m := ms[opener]
			if k := len(opened) - 1; k >= 0 && opened[k].start == m.Start && opened[k].id == m.EntityID {
				opened[k].surface = surface
			} else if m.EntityID != "" {
				opened = append(opened, opening{m.EntityID, surface, m.Start})
			}
		}
		out = append(out, orgName{name: [2]int{a, e}, span: [2]int{a, e}})
	}
	d.fullForms(out)
	d.cut = d.cutNames(opened)
	return out
}

// fullForms makes the short forms of a body's name stand for its full name
// where the post writes both (禹州法院 and 禹州市法院 for 禹州市人民法院,
// 宁阳县政府 for 宁阳县人民政府): one body, named in full, as the gold
// names it. A short form drops an administrative level after the place
// (市 县 省 区 镇 乡) or the 人民 of a court, procuratorate or government
// (人民法院, 人民检察院, 人民政府), and nothing else: 中国银行 is not
// 中国人民银行, nor 香港大学 香港中文大学.
//
// A full form shares the short one's first two characters and its last
// (shortFormOf's first test): each name's three, packed in a word (keys)
// and compared first, spare the scan over every pair of a post's names
// the load of the other's 64-byte orgName and its runes.
func (d *doc) fullForms(names []orgName) {
	var kbuf [128]uint64
	keys := kbuf[:0]
	if len(names) > len(kbuf) {
		keys = make([]uint64, 0, len(names))
	}
	for _, y := range names {
		keys = append(keys, d.formKey(y))
	}
	for i := range names {
		x := &names[i]
		if x.ref || x.span[1]-x.span[0] < 4 {
			continue
		}
		kx := keys[i]
		best := -1
		for j := range names {
			if keys[j] != kx {
				continue
			}
			y := names[j]
			if y.ref || y.span[1]-y.span[0] <= x.span[1]-x.span[0] || (best >= 0 && y.span[1]-y.span[0] <= names[best].span[1]-names[best].span[0]) {
				continue
			}
			if d.shortFormOf(d.norm[x.span[0]:x.span[1]], d.norm[y.span[0]:y.span[1]]) {
				best = j
			}
		}
		if best >= 0 {
			x.name = names[best].span
		}
	}
}

// formKey packs a name's first two characters and its last (21 bits a
// rune), the characters a short form and its full form share; noKey for a
// reference or a name of under four characters, which fullForms neither
// reads nor gives a full form.
func (d *doc) formKey(x orgName) uint64 {
	a, b := x.span[0], x.span[1]
	if x.ref || b-a < 4 {
		return noKey
	}
	r := func(i int) uint64 { return uint64(d.norm[i]) & (1<<21 - 1) }
	return r(a)<<42 | r(a+1)<<21 | r(b-1)
}

// noKey is no name's formKey: a key has 63 bits.
const noKey = ^uint64(0)

// shortFormOf reports s a short form of the name full (see fullForms): the
// same first two characters and head, full's other characters dropped
// only where they are an administrative level or a body's 人民.
func (d *doc) shortFormOf(s, full []rune) bool {
	if s[0] != full[0] || s[1] != full[1] || s[len(s)-1] != full[len(full)-1] {
		return false
	}
	i, j := 2, 2
	for j < len(full) {
		if i < len(s) && s[i] == full[j] {
			i++
			j++
			continue
		}
		switch {
		case adminLevels.Has(full[j]):
			j++
		case full[j] == '人' && j+1 < len(full) && full[j+1] == '民' && peopleBodies(full[j+2:]):
			j += 2
		default:
			return false
		}
	}
	return i == len(s)
}

// adminLevels are the levels after a place's name that short forms drop.
var adminLevels = runeset.Of("市县省区镇乡")

// peopleBodies reports a name's rest that the 人民 before it may be dropped
// from: a court's, a procuratorate's or a government's.
func peopleBodies(rest []rune) bool {
	r := string(rest)
	return r == "法院" || r == "检察院" || r == "政府"
}

// cutName is a person whose every mention opens the same organisation's
// name: the entity stage cut it short.
type cutName struct{ id, surface string }

// opening is a mention of a person that opens an organisation's name, the
// longest read there.
type opening struct {
	id, surface string
	start       int
}

// cutNames returns the people every mention of whom opens the same name.
func (d *doc) cutNames(opened []opening) []cutName {
	var out []cutName
	for i, o := range opened {
		if slices.ContainsFunc(opened[:i], func(p opening) bool { return p.id == o.id }) {
			continue // decided with its first opening
		}
		n, same := 0, true
		for _, p := range opened[i:] {
			if p.id == o.id {
				n++
				same = same && p.surface == o.surface
			}
		}
		if same && n == d.mentionCount(o.id) {
			out = append(out, cutName{o.id, o.surface})
		}
	}
	return out
}

// cutOrg returns the organisation's name that every mention of person id
// opens, if any: the entity stage cut it short (柏瑞投 in 柏瑞投资).
func (d *doc) cutOrg(id string) (string, bool) {
	if id == "" {
		return "", false
	}
	d.orgNames()
	for _, c := range d.cut {
		if c.id == id {
			return c.surface, true
		}
	}
	return "", false
}

// headAt returns the length of the organisation head that ends the word
// [s, e), or 0: a head within the word, or one that runs back over the
// word before to where that word begins (资产/管理).
func (d *doc) headAt(s, e int) int {
	last := d.norm[e-1]
	for _, h := range orgNameHeadRunes {
		// The last characters compared first: one head in ten ends
		// with the word's.
		if h[len(h)-1] != last || len(h) > e || !slices.Equal(d.norm[e-len(h):e], h) {
			continue
		}
		if d.isWord(verbHeads, h) {
			// A verb too (仔细观察, 通过观察): a head only as a word of its
			// own, and not after the kinds of observation (医学观察).
			if len(h) != e-s {
				continue
			}
			if ps, pe, _ := d.token(s - 1); s > 0 && pe == s && d.isWord(notWatch, d.norm[ps:pe]) {
				continue
			}
		}
		if len(h) <= e-s || d.tokStart(e-len(h)) && !d.inQuote[e-len(h)] {
			return len(h)
		}
	}
	return 0
}

// orgStart returns where the name ending with the word [s, e) begins: over
// the nouns before it, no further back than 14 characters.
func (d *doc) orgStart(s, e int) int {
	a := s
	for a > 0 && e-a < 14 {
		ps, pe, pos := d.token(a - 1)
		if pe != a || e-ps > 14 || !isHan(d.norm[ps]) || d.inQuote[ps] {
			break
		}
		// 驻华, 驻美 (a verb to gse) place a country's body abroad: 以色列驻华大使馆.
		stationed := d.norm[ps] == '驻' && pe-ps <= 3
		if !(nounish(pos) || stationed) {
			if b, ok := d.runAcross(a, e); ok {
				a = b
			}
			break
		}
		if notNameWords.has(d.norm[pe-1]) || d.isWord(notOrgWords, d.norm[ps:pe]) {
			break
		}
		a = ps
	}
	// Leading words that open a clause rather than a name (据, 另).
	for a < s && !unicode.Is(unicode.Han, d.norm[a]) {
		a++
	}
	return a
}

// nounish reports a part of speech that a name's words before its head
// have: nouns, abbreviations, idioms, distinguishing words, verbal nouns.
func nounish(pos string) bool {
	return strings.HasPrefix(pos, "n") || pos == "j" || pos == "l" || pos == "b" || pos == "vn" || pos == "x"
}

// runAcross returns where a name begins that gse cut with a verb inside it
// (港大校友/关注/组, 12港人/关注/组, 国家/搜救/署): a verb of two characters
// right before a bound head of one (组 署 司 局 办), and nouns before the
// verb back to a clause's start, a digit or the post's start. A head that
// is a word of its own after a verb is its object (谴责当局, 关闭景区), and
// over a whole run of the news archive 党, 所 and 馆 so read were no names
// (热议党, 不在所, 拆除馆).
func (d *doc) runAcross(a, e int) (int, bool) {
	if e-a != 1 || !acrossHeads.has(d.norm[a]) {
		return 0, false
	}
	vs, ve, pos := d.token(a - 1)
	if ve != a || ve-vs != 2 || pos != "v" || d.inQuote[vs] || notAcross.has(d.norm[vs]) || d.isWord(d.s.reported, d.norm[vs:ve]) {
		return 0, false
	}
	b := vs
	for b > 0 && e-b < 14 {
		ps, pe, pos := d.token(b - 1)
		if pe != b || e-ps > 14 || d.inQuote[ps] {
			return 0, false
		}
		if !isHan(d.norm[ps]) {
			break // a clause's start, a digit (12港人关注组)
		}
		if !nounish(pos) || notNameWords.has(d.norm[pe-1]) || d.isWord(notOrgWords, d.norm[ps:pe]) {
			return 0, false
		}
		b = ps
	}
	if b == vs || e-b >= 14 {
		return 0, false
	}
	return b, true
}

// verbHeads are heads that are verbs as well (观察), notWatch the words
// before 观察 that make it an observation rather than a watchdog: over a
// whole run of the news archive 医学观察 and 居家观察 were 140 of the 600
// names 观察 ended.
var (
	verbHeads = map[string]bool{"观察": true}
	notWatch  = map[string]bool{"医学": true, "居家": true, "隔离": true, "集中": true, "临床": true, "留院": true, "院": true, "近距离": true, "肉眼": true}
)

// acrossHeads are the bound heads of one character that runAcross reads a
// name's run to across a verb.
var acrossHeads = smallOf("组署司局办")

// companies are lexicon.Companies, which the entity stage never takes for
// people (英伟达, 阿里巴巴): only here are they anyone's name.
var companies = func() *trie.Trie[struct{}] {
	t := &trie.Trie[struct{}]{}
	for _, c := range lexicon.Companies() {
		t.Add([]rune(c), struct{}{})
	}
	t.Freeze()
	return t
}()

// companyAt returns the length of the longest company's name written from
// the word starting at i to a word's end (英/伟达; not 华为 in 中华/为了), that
// no mention covers; 0 for none.
func (d *doc) companyAt(i int) int {
	var arr [4]trie.Match[struct{}]
	buf := companies.MatchesAt(d.norm, i, arr[:0])
	for k := len(buf) - 1; k >= 0; k-- {
		j := i + buf[k].N
		if d.tokStart(j) && len(d.mentionsIn(i, j)) == 0 {
			return buf[k].N
		}
	}
	return 0
}

// orgRefAt returns the index in orgRefHeads of the head that a reference
// 该… has at i, or -1.
func orgRefAt(norm []rune, i int) int {
	for k, h := range orgRefHeads {
		if n := len(orgRefHeadsR[k]); runesAt(norm, i, h) {
			// 该部门 is a reference; 该部分, 该会议 are not.
			if i+n < len(norm) && headSuffixes.has(norm[i+n]) {
				return -1
			}
			return k
		}
	}
	return -1
}

// orgRefers returns the last organisation in names, before at and within
// orgRefWindow, that a reference with head orgRefHeads[h] stands for.
func (d *doc) orgRefers(names []orgName, h int, at int) (orgName, bool) {
	hs, hr := orgRefHeads[h], orgRefHeadsR[h]
	anyOrg := hs == "机构" || hs == "组织" || hs == "单位" || hs == "团体" || hs == "部门"
	for k := len(names) - 1; k >= 0; k-- {
		x := names[k]
		if at-x.span[1] > orgRefWindow {
			break
		}
		if x.ref {
			continue
		}
		// The name ends with the head in the text's script or in
		// simplified (x.name is x.span: x is no reference).
		if anyOrg || runesEndWith(d.text[x.span[0]:x.span[1]], hr) || runesEndWith(d.norm[x.span[0]:x.span[1]], hr) {
			return x, true
		}
	}
	return orgName{}, false
}

// runesEndWith reports rs ending with w.
func runesEndWith(rs, w []rune) bool {
	return len(w) <= len(rs) && slices.Equal(rs[len(rs)-len(w):], w)
}

// notAcross open words that runAcross does not cross: prepositions and the
// verbs that join a clause's subject to what follows (是, 有, 要), which gse
// tags v or p and which stand between two names rather than inside one.
var notAcross = smallOf("在于从到自对向给把被与和跟同为以由将让往朝离比按据经是有说去来要会能使令叫称指")
