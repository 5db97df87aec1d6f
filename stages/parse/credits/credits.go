package credits

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Input is one post as the parse stage sees it.
type Input struct {
	// Paragraphs is the plain text of the body's block elements in document
	// order (paragraphs, headings, captions, list items), HTML entities
	// decoded, whitespace runs collapsed to one space, trimmed. The post's
	// title is not included.
	Paragraphs []string
	// Outlet is the publishing outlet from the front matter
	// (categories/author), e.g. "大纪元", "(臺)中央社CNA", "路透"; may be empty.
	Outlet string
	// Published is the publication time (UTC) from the front matter, zero if
	// unknown; it completes a dateline date that gives only the day.
	Published time.Time
	// Title is the post's title, optional. Column sites put the author
	// there ("许艳：…" on 维权网); it is read only for those outlets.
	Title string
}

// Result is what the credit lines of a post say.
type Result struct {
	// Dateline is the dateline as written, without enclosing brackets, e.g.
	// "大纪元2022年07月21日讯", "中央社記者陳至中台北26日電"; "" if none.
	Dateline string
	// Place is the dateline's place, e.g. "台北", "北京", "华盛顿"; when
	// the dateline names none, the place of the byline ("…记者钟元台北报导",
	// "…记者蔡凌巴黎报导"); "" if none.
	Place string
	// Date is the dateline's date at UTC midnight, zero if none or not
	// resolvable (a day alone needs Input.Published).
	Date time.Time
	// Reporters are reporters, correspondents, photographers, translators
	// and column authors, in order of appearance, deduplicated.
	Reporters []string
	// Editors are 责任编辑, 编辑, 责编, 网编, 核稿, 审校 …, in order,
	// deduplicated.
	Editors []string
}

// Window sizes: credits sit in the first headN and the last tailN
// paragraphs; captions anywhere are read only in their last captionTail
// bytes.
const (
	headN       = 5
	tailN       = 8
	captionTail = 240
	// lineMax is the longest paragraph read as a whole credit line.
	lineMax = 480
)

// Extract reads the dateline and the credited names of one post. It never
// panics and never returns a name that is not a substring of the input.
func Extract(in Input) (res Result) {
	defer func() {
		// Extract is total by construction and the fuzz test holds it to
		// that; this guard only keeps one malformed post from stopping a
		// run if a future edit breaks the invariant.
		if recover() != nil {
			res = Result{}
		}
	}()
	return extract(&in)
}

// extractor holds the state of one Extract call.
type extractor struct {
	in  *Input
	res Result
	// bylinePlace is the first place a byline named, used when the dateline
	// names none.
	bylinePlace string
	// ownOutlet is the longest Han run of Input.Outlet ("中央社" in
	// "(臺)中央社CNA"): a byline may name the post's own outlet even when
	// the outlets list does not know it ("寒冬記者 常新").
	ownOutlet string
	// interview is set when the post is a transcript whose turns start with
	// "记者：": such lines are questions, not credits.
	interview bool
}

// isTurn reports a paragraph that opens an interview turn.
func isTurn(p string) bool {
	for _, m := range [...]string{"记者：", "記者：", "记者:", "記者:", "问：", "問：", "答：", "主持人："} {
		if strings.HasPrefix(p, m) {
			return true
		}
	}
	return false
}

func extract(in *Input) Result {
	x := extractor{in: in, ownOutlet: longestHanRun(in.Outlet)}
	turns := 0
	for _, p := range in.Paragraphs {
		if isTurn(p) {
			turns++
		}
	}
	x.interview = turns >= 2
	x.title()
	ps := in.Paragraphs
	tailStart := x.tailStart()
	nyt := x.isNYT(tailStart)
	for i, p := range ps {
		head := i < headN
		tail := i >= tailStart
		if !head && !tail {
			x.caption(p, true)
			continue
		}
		if head {
			x.headParagraph(i)
		}
		if tail {
			x.tailParagraph(p, nyt)
		}
		x.caption(p, false)
	}
	if x.res.Place == "" {
		x.res.Place = x.bylinePlace
	}
	return x.res
}

// tailStart is the index of the first paragraph of the tail window. Trailing
// boilerplate (feed links, copyright lines, "点击查看本文英文版") does not
// count towards the window.
func (x *extractor) tailStart() int {
	ps := x.in.Paragraphs
	end := len(ps)
	for skipped := 0; end > 0 && skipped < 8 && isBoilerplate(ps[end-1]); skipped++ {
		end--
	}
	return max(end-tailN, 0)
}

// isBoilerplate reports the feed and site furniture that follows the credits.
func isBoilerplate(p string) bool {
	switch {
	case strings.HasPrefix(p, "http"), strings.HasPrefix(p, "获取更多RSS"),
		strings.HasPrefix(p, "點擊查看"), strings.HasPrefix(p, "点击查看"),
		strings.HasPrefix(p, "Post tags"), strings.HasPrefix(p, "Feed enhanced"),
		strings.HasPrefix(p, "我们的标准"), strings.HasPrefix(p, "延伸閱讀"),
		strings.HasPrefix(p, "延伸阅读"), strings.HasPrefix(p, "相关阅读"),
		strings.HasPrefix(p, "©") && (strings.Contains(p, "版权") || strings.Contains(p, "版權") || strings.Contains(p, "AFP")):
		return true
	}
	return false
}

// isNYT reports whether the post follows the New York Times Chinese layout,
// whose tail carries author bios ("X是驻华盛顿记者…").
func (x *extractor) isNYT(tailStart int) bool {
	o := x.in.Outlet
	if strings.Contains(o, "纽约时报") || strings.Contains(o, "紐約時報") || strings.Contains(o, "NYT") {
		return true
	}
	for _, p := range x.in.Paragraphs[tailStart:] {
		if strings.HasPrefix(p, "点击查看本文英文版") || strings.HasPrefix(p, "點擊查看本文英文版") {
			return true
		}
	}
	return false
}

// add records name under the roles in r, once per list. A name that differs
// from an earlier one only in case replaces it when the earlier one is all
// capitals (NYT bylines: "JOHN LELAND", bio: "John Leland").
func (x *extractor) add(r role, name string) {
	if r&roleReporter != 0 {
		x.res.Reporters = addName(x.res.Reporters, name)
	}
	if r&roleEditor != 0 {
		x.res.Editors = addName(x.res.Editors, name)
	}
}

func addName(list []string, name string) []string {
	for i, have := range list {
		if have == name {
			return list
		}
		if strings.EqualFold(have, name) {
			if strings.ToUpper(have) == have && strings.ToUpper(name) != name {
				list[i] = name
			}
			return list
		}
	}
	if list == nil {
		list = make([]string, 0, 4)
	}
	return append(list, name)
}

// headParagraph reads the dateline, the byline and the author lines that
// open a post.
func (x *extractor) headParagraph(i int) {
	ps := x.in.Paragraphs
	p := ps[i]
	next := ""
	if i+1 < len(ps) {
		next = ps[i+1]
	}

	if x.interview && isTurn(p) && !hasEditorLabel(p) {
		return
	}
	rest := x.dateline(p)
	// A bracket right at the start (after a 【…】 dateline) is a byline:
	// （中央社記者陳至中台北26日電）, （大纪元记者徐简综合报导）, （记者 王明）.
	if c, after, ok := leadingBracket(rest); ok {
		x.segment(c, segBracket)
		rest = after
	}
	if r, ok := x.labelOnly(p); ok {
		// "文/" on a line of its own, the name on the next (泡泡).
		if len(next) <= 60 {
			x.allNames(next, r)
		}
		return
	}
	if len(p) <= lineMax {
		if !x.segment(p, segLine) {
			switch {
			case isTimestamp(next):
				// DW and NYT: an author line right above the timestamp.
				x.nameList(p, roleReporter, false)
			case x.isRoleLine(next):
				// BBC: the author's name, then a line with the role.
				x.nameList(p, roleReporter, false)
			}
		}
	}
	// "BBC驻德里记者潘迪(Geeta Pandey)带我们看看…": a byline inside the
	// first sentence, its name delimited by the Latin form in brackets.
	x.bracketedByline(p)
	// A video introduction ends by naming its reporter: "…下面请看美国之音
	// 白宫记者黄耀毅的报道。"
	if s := lastSentence(rest); s != "" && s != rest {
		x.segment(s, segLine)
	}
}

// tailParagraph reads editor lines, translator lines, signatures and bios.
func (x *extractor) tailParagraph(p string, nyt bool) {
	if x.interview && isTurn(p) && !hasEditorLabel(p) {
		return
	}
	if len(p) <= lineMax {
		if x.segment(p, segLine) {
			return
		}
		if x.copyrightFor(p) || x.nameList(p, roleReporter, true) {
			return
		}
	}
	// "Youmi Kim自首尔、Mike Ives自香港报道。Amy Chang Chien自台北对本文
	// 有报道贡献。": one credit per sentence.
	if len(p) <= lineMax {
		found := false
		for sentence := range strings.SplitSeq(p, "。") {
			if x.reportedFrom(sentence) || x.contribution(sentence) {
				found = true
			}
		}
		if found {
			return
		}
	}
	if nyt {
		x.bio(p)
	}
	// Credits in brackets at the end of the paragraph ("…（編輯：戴光育）
	// 1091126") are read with the captions.
}

// segMode says where a credit segment comes from.
type segMode uint8

const (
	// segLine is a whole paragraph or sentence: its first label must open it.
	segLine segMode = iota
	// segBracket is the content of a bracket: labels may also follow
	// separators inside it ("本文仅代表作者本人观点，责编：闫曼").
	segBracket
	// segPhoto is a short paragraph in the body: only photo labels count.
	segPhoto
)

// lastSentence returns the last clause of p, after its last full stop or
// comma, when short enough to be a credit.
func lastSentence(p string) string {
	t := strings.TrimRight(p, "。 ")
	i := lastStop(t)
	if i < 0 {
		return ""
	}
	s := t[i+3:] // each of the three is 3 bytes
	if len(s) > 40 && utf8.RuneCountInString(s) > 40 {
		return ""
	}
	return strings.TrimSpace(s)
}

// lastStop is strings.LastIndexAny(t, "。，；") found by their bytes (E3
// 80 82, EF BC 8C, EF BC 9B): a lead byte is never inside another
// character's encoding, so the answer is the same on invalid UTF-8 too
// (TestLastStop), without decoding every character from the end.
func lastStop(t string) int {
	for i := len(t) - 3; i >= 0; i-- {
		switch t[i] {
		case 0xe3:
			if t[i+1] == 0x80 && t[i+2] == 0x82 {
				return i
			}
		case 0xef:
			if t[i+1] == 0xbc && (t[i+2] == 0x8c || t[i+2] == 0x9b) {
				return i
			}
		}
	}
	return -1
}

// tailBytes returns at most n bytes from the end of s, starting on a rune
// boundary.
func tailBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// leadingBracket splits s = "（c）after" into c and after.
func leadingBracket(s string) (c, after string, ok bool) {
	r, size := utf8.DecodeRuneInString(s)
	if r != '（' && r != '(' {
		return "", s, false
	}
	for i := size; i < len(s); {
		q, n := utf8.DecodeRuneInString(s[i:])
		if q == '）' || q == ')' {
			return s[size:i], s[i+n:], true
		}
		if q == '（' || q == '(' || i > 240 {
			return "", s, false
		}
		i += n
	}
	return "", s, false
}

// isTimestamp reports the timestamp lines under DW and NYT bylines:
// "2020-10-15T14:42:29.688Z", "2020-10-29 16:14:38".
func isTimestamp(p string) bool {
	if len(p) < 10 || len(p) > 40 {
		return false
	}
	for i := 0; i < 10; i++ {
		c := p[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isRoleLine reports the line under a BBC byline that gives the author's
// role: "BBC中文记者", "BBC商业记者 发自纽约", "食品伦理专栏作家".
func (x *extractor) isRoleLine(p string) bool {
	if p == "" || utf8.RuneCountInString(p) > 30 {
		return false
	}
	if strings.HasPrefix(p, "BBC") {
		return true
	}
	// The Latin form of the name alone on the next line: "（Yasmin El-Beih）".
	if c, after, ok := leadingBracket(p); ok && after == "" && latinTail(c) == strings.TrimSpace(c) && validName(strings.TrimSpace(c), nameOpts{}) {
		return true
	}
	if !strings.Contains(x.in.Outlet, "BBC") {
		return false
	}
	for _, w := range [...]string{"记者", "記者", "作家", "编辑", "編輯", "主持人", "通讯员", "撰稿人"} {
		if strings.HasSuffix(p, w) {
			return true
		}
	}
	return false
}

// title reads the author of a column from the title, "许艳：…", on the
// sites that write it there.
func (x *extractor) title() {
	t := strings.TrimSpace(x.in.Title)
	o := x.in.Outlet
	if t == "" || !(strings.Contains(o, "维权网") || strings.Contains(o, "維權網")) {
		return
	}
	i := strings.IndexAny(t, ":：")
	if i <= 0 || i > 40 {
		return
	}
	head := t[:i]
	head = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(head), "律师"), "律師")
	ok := true
	count := 0
	eachToken(head, func(tok string) bool {
		tok = strings.TrimSuffix(strings.TrimSuffix(tok, "律师"), "律師")
		if !validName(tok, nameOpts{maxHan: 4}) {
			ok = false
			return false
		}
		count++
		return true
	})
	if !ok || count == 0 || count > 3 {
		return
	}
	eachToken(head, func(tok string) bool {
		x.add(roleReporter, strings.TrimSuffix(strings.TrimSuffix(tok, "律师"), "律師"))
		return true
	})
}

// hasEditorLabel reports a short line that names an editor: in an
// interview, "记者：陈小洁 责编：申华" is a credit line, not a question.
func hasEditorLabel(p string) bool {
	return len(p) < 160 && containsAny(p, []string{"责编", "責編", "编辑：", "編輯：", "网编", "網編"})
}

// longestHanRun returns the longest run of Han characters in s, if it has
// at least two.
func longestHanRun(s string) string {
	best, start := "", -1
	for i, r := range s + " " {
		if i < len(s) && isHan(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start > len(best) {
			best = s[start:i]
		}
		start = -1
	}
	if utf8.RuneCountInString(best) < 2 {
		return ""
	}
	return best
}

// bracketedByline reads "BBC记者麦小文（Stephen Mac）在街头…": a byline
// label at the start of p followed by a Han name and its Latin form.
func (x *extractor) bracketedByline(p string) {
	for i := 0; i < len(p) && i <= 4*maxPrefix; {
		h, ok := x.labelAt(p, i, segLine, true)
		if ok {
			if h.prefix != 0 || !h.l.byline || !h.bare {
				return
			}
			rest := p[h.end:]
			j := 0
			for j < len(rest) {
				r, size := utf8.DecodeRuneInString(rest[j:])
				if !isHan(r) && !isNameDot(r) {
					break
				}
				j += size
			}
			c, _, ok := leadingBracket(rest[j:])
			if j == 0 || !ok || latinTail(c) != strings.TrimSpace(c) || !validName(strings.TrimSpace(c), nameOpts{}) {
				return
			}
			if name := rest[:j]; validName(name, nameOpts{maxHan: 4}) {
				x.add(h.l.role, name)
			}
			return
		}
		_, size := utf8.DecodeRuneInString(p[i:])
		i += size
	}
}

// labelOnly reports a line that holds nothing but a credit label, and the
// label's role.
func (x *extractor) labelOnly(p string) (role, bool) {
	if len(p) > 24 {
		return 0, false
	}
	h, ok := x.labelAt(p, 0, segLine, true)
	if !ok || h.l.role == 0 {
		return 0, false
	}
	rest := strings.TrimFunc(p[h.end:], func(r rune) bool { return isSpace(r) || isAfterLabelSep(r) })
	return h.l.role, rest == ""
}
