package credits

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// labelCandidates holds, per first rune, the indexes of the labels that
// start with it, longest first.
var labelCandidates = func() map[rune][]int {
	m := make(map[rune][]int)
	for i, l := range labels {
		r, _ := utf8.DecodeRuneInString(l.text)
		m[r] = append(m[r], i)
	}
	for _, idx := range m {
		sort.SliceStable(idx, func(a, b int) bool { return len(labels[idx[a]].text) > len(labels[idx[b]].text) })
	}
	return m
}()

// maxPrefix is the longest outlet or title written before a byline label
// ("美国之音中文部驻白宫记者"), in runes.
const maxPrefix = 12

// hit is a label found in a segment. The label's own text is s[at:end]; an
// outlet or title written before it starts at prefix.
type hit struct {
	l          *label
	prefix, at int
	end        int
	bare       bool // no separator between the label and the name
}

// isAfterLabelSep reports the runes that may sit between a label and the
// first name: "编辑：", "编译 ", "文/", "编辑 | ", "作者丨".
func isAfterLabelSep(r rune) bool {
	switch r {
	case '：', ':', '/', '／', '|', '丨', '｜', '-', '－', '—':
		return true
	}
	return isSpace(r)
}

// isStrongSep reports the runes after which a new credit may start inside a
// segment without further evidence.
func isStrongSep(r rune) bool {
	switch r {
	case '/', '／', '；', ';', '|', '丨', '｜', '、', '。':
		return true
	}
	return isSpace(r)
}

// labelAt reports the label used at s[i:], if any. first says whether no
// label has been found in the segment yet.
func (x *extractor) labelAt(s string, i int, mode segMode, first bool) (hit, bool) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	cands := labelCandidates[r]
	if len(cands) == 0 {
		return hit{}, false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	for _, k := range cands {
		l := &labels[k]
		if !strings.HasPrefix(s[i:], l.text) {
			continue
		}
		end := i + len(l.text)
		next, _ := utf8.DecodeRuneInString(s[end:])
		sep := end == len(s) || isAfterLabelSep(next)
		if !sep {
			if !l.noSep || strings.ContainsRune(notAfterLabel, next) || isDigit(next) ||
				strings.ContainsRune("，,。.、）)】", next) {
				continue
			}
		}
		h := hit{l: l, prefix: i, at: i, end: end, bare: !sep}
		switch {
		case i == 0:
			return h, true
		case isStrongSep(prev) && (mode == segBracket || !first):
			return h, true
		case (prev == '，' || prev == ',' || prev == '：' || prev == ':') && sep && (mode == segBracket || !first):
			return h, true
		case l.byline:
			// An outlet or a title before the label: 自由亚洲电台特约记者,
			// 中央社駐歐洲特派員, BBC中文驻美记者.
			j, n := i, 0
			for j > 0 && n <= maxPrefix {
				q, size := utf8.DecodeLastRuneInString(s[:j])
				if !(isHan(q) || q < 0x80 && (q >= 'A' && q <= 'Z' || q >= 'a' && q <= 'z' || q >= '0' && q <= '9')) {
					break
				}
				j -= size
				n++
			}
			if n == 0 || n > maxPrefix {
				continue
			}
			before, _ := utf8.DecodeLastRuneInString(s[:j])
			if !bylinePrefixOK(s[j:i], x.ownOutlet) {
				continue
			}
			if j == 0 || (isStrongSep(before) && (mode == segBracket || !first)) {
				h.prefix = j
				return h, true
			}
		}
	}
	return hit{}, false
}

// segment reads one credit segment: a paragraph, a sentence or the content
// of a bracket. It reports whether it credited anyone.
func (x *extractor) segment(s string, mode segMode) bool {
	s = strings.TrimSpace(s)
	if t, ok := strings.CutPrefix(s, "null "); ok {
		// DW bylines sometimes start with a missing field printed as "null".
		s = strings.TrimSpace(t)
	}
	if s == "" {
		return false
	}
	var hits [12]hit
	n := 0
	for i := 0; i < len(s) && n < len(hits); {
		if n == 0 && mode != segBracket && i > 4*maxPrefix {
			// The first label of a line opens it.
			return false
		}
		if h, ok := x.labelAt(s, i, mode, n == 0); ok {
			if n == 0 && mode == segPhoto && !h.l.photo {
				return false
			}
			hits[n] = h
			n++
			i = h.end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	// Asked only when a label was found (labelAt changes nothing): most
	// paragraphs have none, and the book words cost nine scans of each.
	if n == 0 || mode == segLine && containsAny(s, bookWords) {
		// "作者：某某/出版社：…": a book's data, not the post's credits.
		return false
	}
	found := false
	var pending role
	for k := 0; k < n; k++ {
		h := hits[k]
		stop := len(s)
		if k+1 < n {
			stop = hits[k+1].prefix
		}
		if h.l.role == 0 {
			pending = 0
			continue
		}
		pending |= h.l.role
		if stop < h.end {
			continue
		}
		text := s[h.end:stop]
		if strings.TrimFunc(text, func(r rune) bool { return isSpace(r) || isAfterLabelSep(r) || isListSep(r) }) == "" {
			// "编译/审校 汪红英/蔡美珍": an empty credit shares the next one's names.
			continue
		}
		o := regionOpts{
			bare:     h.bare,
			byline:   h.l.byline,
			followed: k+1 < n || mode == segBracket,
			photo:    h.l.photo,
		}
		if x.region(text, pending, o) {
			found = true
		}
		pending = 0
	}
	return found
}

// regionOpts describes the label that opened a name region.
type regionOpts struct {
	bare     bool // no separator after the label
	byline   bool // 记者 and the like
	followed bool // another label, or the end of a bracket, follows
	photo    bool // a photo label opened it
	// photoOnly accepts the region only if it credits a photograph.
	photoOnly bool
}

// region reads the names after a label, up to the next label, and adds
// them under role r. It reports whether it added any.
func (x *extractor) region(s string, r role, o regionOpts) bool {
	if strings.ContainsAny(s, "？?！!“”「」『』…") {
		// A question, an exclamation or a quotation: an interview, not a
		// credit ("记者：哪个门开着？").
		return false
	}
	if i := strings.Index(s, "。"); i >= 0 {
		if j, _ := indexAny(s, cutMarkers); (j < 0 || j > i) && strings.TrimFunc(s[i+len("。"):], isSpace) != "" {
			// A sentence after a label is an answer or a remark
			// ("记者：没事。"), not a credit.
			return false
		}
		s = s[:i]
	}
	if i := strings.Index(s, "http"); i >= 0 {
		// A link ends the names: "图：某某 https://twitter.com/…".
		s = s[:i]
	}
	if o.bare && strings.ContainsAny(s, "，,") {
		// "记者发现，…": a sentence about a reporter.
		return false
	}
	cut := false
	if i, m := indexAny(s, cutMarkers); i >= 0 {
		if m == "发自" || m == "發自" {
			x.notePlace(leadingPlace(s[i+len(m):]))
		}
		s = s[:i]
		cut = true
	}

	// Peel the dateline words off the end: 台北26日電, 综合报导, 拍摄 ….
	var suffix, date, photo bool
	for {
		t := strings.TrimRightFunc(s, func(r rune) bool {
			return isSpace(r) || r == '#' || r == '＃' || r == '）' || r == ')' || r == '，' || r == ','
		})
		if w := hasSuffixAny(t, telegraph); w != "" && strings.HasSuffix(t[:len(t)-len(w)], "日") {
			t = t[:len(t)-len(w)]
			suffix = true
		}
		if u, ok := trimDate(t); ok {
			t = u
			date = true
		}
		if strings.HasSuffix(t, "提供") {
			// "乔龙提供": a picture someone handed over, not a credit.
			return false
		}
		if w := hasSuffixAny(t, reportSuffixes); w != "" && len(w) < len(t) {
			switch w {
			case "摄", "攝", "拍摄", "拍攝", "摄影", "攝影", "传真", "傳真":
				photo = true
			}
			t = t[:len(t)-len(w)]
			suffix = true
		}
		if t == s {
			break
		}
		s = t
	}
	if o.photoOnly && !photo && !o.photo {
		return false
	}
	if o.bare && o.byline && !suffix && !date && !cut && !o.followed {
		// "记者乔龙" alone on a line is too weak; a byline has a place,
		// a date, a verb or another credit after it.
		return false
	}
	if suffix || date {
		s = x.stripPlaces(s, date)
	}

	added := false
	count := 0
	eachToken(s, func(tok string) bool {
		count++
		if count > 16 {
			return false
		}
		if a, b, ok := splitConjunction(tok); ok && !validName(tok, nameOpts{maxHan: 4}) {
			for _, t := range [...]string{a, b} {
				if validName(t, nameOpts{}) {
					x.add(r, t)
					added = true
				}
			}
			return true
		}
		if t := stripTitle(tok); validName(t, nameOpts{}) {
			x.add(r, t)
			added = true
		}
		return true
	})
	return added
}

// stripPlaces removes the places written after the names of a byline
// ("陳偉婷、吳欣紜台北", "孙诚旧金山、北京") and notes the first of them.
func (x *extractor) stripPlaces(s string, dated bool) string {
	place := ""
	for {
		t := strings.TrimRightFunc(s, func(r rune) bool { return isSpace(r) || isListSep(r) })
		p := placeSuffix(t)
		if p == "" || utf8.RuneCountInString(t)-utf8.RuneCountInString(p) < 2 {
			s = t
			break
		}
		place = p
		s = t[:len(t)-len(p)]
	}
	if place == "" && dated {
		// An unknown place after the name: "某某某哈爾格薩". Names are
		// mostly three characters long; cut there when the run is longer
		// than a name can be.
		i := strings.LastIndexFunc(s, func(r rune) bool { return !isHan(r) })
		last := s
		if i >= 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			last = s[i+size:]
		}
		if n := utf8.RuneCountInString(last); n >= 5 && n <= 10 {
			k := 3
			if compoundSurname(last) {
				k = 4
			}
			cutAt := len(s) - len(last)
			for j := 0; j < k; j++ {
				_, size := utf8.DecodeRuneInString(s[cutAt:])
				cutAt += size
			}
			place = s[cutAt:]
			s = s[:cutAt]
		}
	}
	x.notePlace(place)
	return s
}

// compoundSurname reports whether s starts with a two-character surname.
func compoundSurname(s string) bool {
	for _, c := range [...]string{"歐陽", "欧阳", "司馬", "司马", "上官", "諸葛", "诸葛", "東方", "东方", "皇甫", "司徒", "令狐", "夏侯", "慕容", "尉遲", "尉迟", "公孫", "公孙", "長孫", "长孙", "宇文", "軒轅", "轩辕", "范姜", "張簡", "张简"} {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// notePlace remembers the first place a byline names.
func (x *extractor) notePlace(p string) {
	if x.bylinePlace == "" && p != "" {
		x.bylinePlace = p
	}
}

// leadingPlace returns the Han run at the start of s ("东京" in "东京）").
func leadingPlace(s string) string {
	s = strings.TrimLeftFunc(s, isSpace)
	end := 0
	for i, r := range s {
		if !isHan(r) || i >= 30 {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return s[:end]
}

// markers is a list of words for indexAny, with each word's first
// character and whether an earlier word begins with it.
type markers struct {
	words []string
	first []string
	dup   []bool
}

func newMarkers(words ...string) *markers {
	m := &markers{words: words, first: make([]string, len(words)), dup: make([]bool, len(words))}
	for k, w := range words {
		_, n := utf8.DecodeRuneInString(w)
		m.first[k] = w[:n]
		m.dup[k] = slices.Contains(m.first[:k], w[:n])
	}
	return m
}

// indexAny returns the first index in s of any of the words, and the first
// word found there. Words that begin with the same character are looked
// for together, at the places that character occurs: the markers share a
// few first characters (对本文, 对此文, 对本报道 …), and one scan of s for
// each is cheaper than one for each word (TestIndexAny holds it to a
// search for each word).
func indexAny(s string, m *markers) (int, string) {
	best, which, bestK := -1, "", -1
next:
	for k, f := range m.first {
		if m.dup[k] {
			continue // looked for with an earlier word
		}
		for from := 0; from <= len(s); {
			j := strings.Index(s[from:], f)
			if j < 0 {
				break
			}
			at := from + j
			if best >= 0 && at > best {
				break
			}
			for kk, v := range m.words[k:] {
				if strings.HasPrefix(v, f) && strings.HasPrefix(s[at:], v) {
					if best < 0 || at < best || k+kk < bestK {
						best, which, bestK = at, v, k+kk
					}
					continue next
				}
			}
			from = at + 1
		}
	}
	return best, which
}

// trimDate removes a date written at the end of s: "26日", "9月5日",
// "2020年7月21日", "110年1月8日". It reports whether it removed one.
func trimDate(s string) (string, bool) {
	t := strings.TrimRightFunc(s, isSpace)
	removed := false
	for _, unit := range [...]string{"日", "号", "號", "月", "年"} {
		u, ok := strings.CutSuffix(t, unit)
		if !ok {
			continue
		}
		v := strings.TrimRightFunc(u, isDigit)
		if v == u {
			return s, removed
		}
		t = v
		removed = true
	}
	if !removed {
		return s, false
	}
	return strings.TrimRightFunc(t, isSpace), true
}

// telegraph is the last word of a wire dateline: 台北26日電.
var telegraph = []string{"电", "電"}

// titleWords are the titles written between an outlet and a byline label:
// 自由亚洲电台特约记者, 美国之音驻国务院记者, 本刊记者, 采访记者.
var titleWords = []string{
	"特约", "特約", "特派", "驻", "駐", "中文", "实习", "實習", "资深", "資深", "首席", "白宫", "白宮",
	"华府", "華府", "国会", "國會", "国务院", "國務院", "摄影", "攝影", "文字", "采访", "採訪",
	"随团", "隨團", "本台", "本刊", "本报", "本報", "本网", "本網", "本社", "视频", "視頻", "见习",
	"見習", "专栏", "專欄", "特邀", "独立", "獨立", "自由", "评论", "評論", "前方", "前線", "前线",
}

// pressEndings end the name of a news organisation written before a byline
// label that the outlets list does not know ("澎湃新闻记者").
var pressEndings = []string{"报", "報", "社", "台", "臺", "网", "網", "刊", "新闻", "新聞", "电视", "電視", "频道", "頻道"}

// bylinePrefixOK reports whether prefix, written right before a byline
// label, is an outlet or a title ("自由亚洲电台特约", "中央社駐歐洲",
// "下面请看美国之音白宫", "本刊") rather than the start of a sentence
// ("我是海外特派員…").
func bylinePrefixOK(prefix, own string) bool {
	if hasPrefixAny(prefix, titleWords) != "" && utf8.RuneCountInString(prefix) <= 8 {
		return true
	}
	afterOutlet := func(o string) (bool, bool) {
		i := strings.Index(prefix, o)
		if i < 0 {
			return false, false
		}
		rest := prefix[i+len(o):]
		return true, rest == "" || hasPrefixAny(rest, titleWords) != "" && utf8.RuneCountInString(rest) <= 8
	}
	if own != "" {
		if found, ok := afterOutlet(own); found {
			return ok
		}
	}
	for _, o := range outlets {
		if found, ok := afterOutlet(o); found {
			return ok
		}
	}
	return utf8.RuneCountInString(prefix) <= 8 && hasSuffixAny(prefix, pressEndings) != ""
}

// stripTitle removes a title written before a name ("作家赵瑜").
func stripTitle(tok string) string {
	if p := hasPrefixAny(tok, titlePrefixes); p != "" && utf8.RuneCountInString(tok[len(p):]) >= 2 {
		return tok[len(p):]
	}
	// "数据新闻实习生赵敏竹": a longer title ending in one of them.
	if utf8.RuneCountInString(tok) > 4 {
		best := -1
		for _, w := range titlePrefixes {
			if i := strings.LastIndex(tok, w); i >= 0 && i+len(w) > best {
				best = i + len(w)
			}
		}
		if best > 0 {
			if n := utf8.RuneCountInString(tok[best:]); n >= 2 && n <= 4 {
				return tok[best:]
			}
		}
	}
	return tok
}

// bookWords mark the data line of a book under review.
var bookWords = []string{"出版社", "出版時間", "出版时间", "ISBN", "定价", "定價", "书号", "書號", "出版日期"}
