package credits

import (
	"strings"
	"unicode/utf8"
)

// caption reads the credits written at the end of a paragraph: photo
// credits in captions ("（孙诚拍摄）", "(Tasos Katopodis/Getty Images)",
// "REUTERS/Jason Lee", "©Aamir Peerzada/BBC", "中央社記者謝佳璋攝 110年1月8日")
// and credit brackets ("（編輯：戴光育）1091126"). body says the paragraph
// is neither in the head nor in the tail window: there a short line counts
// only if it opens with a photo label, and the text after a credit bracket
// is not read.
func (x *extractor) caption(p string, body bool) {
	t := tailBytes(p, captionTail)
	if !mayCredit(t) {
		return
	}
	if body && len(p) <= 120 && x.segment(p, segPhoto) {
		// "图 / Asa Sjostrom", "攝：王文凯/端传媒" on a line of their own.
		return
	}

	// Brackets.
	credited := -1
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		if r == '（' || r == '(' {
			if c, after, ok := leadingBracket(t[i:]); ok {
				if x.creditBracket(c) {
					credited = len(t) - len(after)
				}
				i = len(t) - len(after)
				continue
			}
		}
		i += size
	}
	if credited >= 0 && !body {
		// "（记者：王允；编辑：申铧）网编：郭度".
		x.segment(t[credited:], segLine)
	}

	// "…企业标识。REUTERS/Thomas Suen", "…Francois Walschaerts/Pool via REUTERS".
	if run := latinTail(t); strings.ContainsAny(run, "/") {
		x.slashCredit(run)
	}
	// "©Aamir Peerzada/BBC", "图片版权Jilla Dastmalchi/BBC".
	for _, m := range [...]string{"©", "图片版权", "圖片版權"} {
		if i := strings.LastIndex(t, m); i >= 0 {
			x.slashCredit(t[i+len(m):])
		}
	}
	// "…。中央社記者謝佳璋攝 110年1月8日", "…。攝：陳焯煇/端傳媒".
	if s := trailingClause(t); s != "" {
		x.photoLine(s)
	}
}

// creditBracket reads the content of a bracket in a caption or a closing
// paragraph. It reports whether it credited anyone.
func (x *extractor) creditBracket(c string) bool {
	c = strings.TrimSpace(c)
	if c == "" || len(c) > 200 {
		return false
	}
	if x.segment(c, segBracket) {
		return true
	}
	// "孙诚拍摄", "美国之音钟辰芳拍摄", "资料照片美国之音张永泰拍摄", "张泰格 攝影".
	if w := hasSuffixAny(c, photoSuffixes); w != "" {
		s := strings.TrimSpace(c[:len(c)-len(w)])
		for {
			u := strings.TrimSpace(s)
			if p := hasPrefixAny(u, photoPrefixes); p != "" {
				u = u[len(p):]
			}
			if p := hasPrefixAny(u, outlets); p != "" {
				u = u[len(p):]
			}
			if u == s {
				break
			}
			s = u
		}
		return x.allNames(s, roleReporter)
	}
	if strings.ContainsAny(c, "/／") {
		return x.slashCredit(c)
	}
	return false
}

var photoSuffixes = []string{"拍摄", "拍攝", "摄影", "攝影", "摄", "攝"}

var photoPrefixes = []string{"资料照片", "資料照片", "资料照", "資料照", "资料图片", "資料圖片", "图为", "圖為", "摄影师", "攝影師", "摄影", "攝影"}

// slashCredit reads a picture credit of the form person/agency
// ("Tasos Katopodis/Getty Images", "REUTERS/Thomas White/File Photo",
// "路透社/Jason Lee"): the person goes to the reporters, the agency does
// not. It needs an agency in the credit, so that "视频截图/乔龙提供" or a
// pair of names in the text is not taken for one.
func (x *extractor) slashCredit(s string) bool {
	s = strings.TrimSpace(s)
	for _, p := range [...]string{"Photo by ", "Photo: ", "photo by ", "Photos by ", "Image: ", "Photo："} {
		s = strings.TrimPrefix(s, p)
	}
	if s == "" || len(s) > 120 {
		return false
	}
	var comps [4]string
	n := 0
	agency := false
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '/' || r == '／' }) {
		if n == len(comps) {
			return false
		}
		part = trimName(part)
		if part == "" {
			continue
		}
		if containsFold(part, socialWords) {
			return false
		}
		if isAgency(part) || strings.HasSuffix(part, "社") {
			agency = true
			continue
		}
		comps[n] = part
		n++
	}
	if !agency {
		return false
	}
	added := false
	for _, c := range comps[:n] {
		// Persons in slash credits are written in Latin letters; a Han
		// token there is a mangled agency ("©EPA/新化").
		if r := firstRune(c); isLatin(r) && validName(c, nameOpts{}) {
			x.add(roleReporter, c)
			added = true
		}
	}
	return added
}

// allNames adds the names of the list s only if every token is a name.
func (x *extractor) allNames(s string, r role) bool {
	ok, count := true, 0
	eachToken(s, func(tok string) bool {
		if !validName(tok, nameOpts{}) {
			ok = false
			return false
		}
		count++
		return count <= 8
	})
	if !ok || count == 0 || count > 8 {
		return false
	}
	eachToken(s, func(tok string) bool {
		x.add(r, tok)
		return true
	})
	return true
}

// latinTail returns the run of Latin text, spaces and slashes that ends s.
func latinTail(s string) string {
	s = strings.TrimRight(s, " .")
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !(isLatin(r) || r == ' ' || r == '/' || r == '.' || r == '-' || r == '\'' || r == '’') {
			break
		}
		i -= size
	}
	return strings.TrimSpace(s[i:])
}

// trailingClause returns what follows the last sentence or bracket end in s.
func trailingClause(s string) string {
	i := strings.LastIndexAny(s, "。！？）)」”")
	if i < 0 {
		if utf8.RuneCountInString(s) > 60 {
			return ""
		}
		return strings.TrimSpace(s)
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return strings.TrimSpace(s[i+size:])
}

// photoLine reads a clause that credits a picture: it must start with a
// label and end in a photo verb, or start with a photo label.
func (x *extractor) photoLine(s string) {
	if s == "" || len(s) > 160 {
		return
	}
	h, ok := x.labelAt(s, 0, segLine, true)
	if !ok {
		// An outlet before a byline label: "中央社記者…".
		for i := 0; i < len(s) && i <= 4*maxPrefix; {
			if h2, ok2 := x.labelAt(s, i, segLine, true); ok2 {
				h, ok = h2, ok2
				break
			}
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	if !ok {
		// "唐凤 图/ Piers Cawley": a photo label after the caption text.
		if i := lastPhotoLabel(s); i > 0 {
			x.segment(s[i:], segPhoto)
		}
		return
	}
	if h.prefix != 0 {
		return
	}
	if h.l.photo {
		x.segment(s, segPhoto)
		return
	}
	x.region(s[h.end:], h.l.role, regionOpts{bare: h.bare, byline: h.l.byline, followed: true, photoOnly: true})
}

// containsFold reports whether s contains an element of list, ignoring the
// case of Latin letters. A place is compared only if its first byte is the
// word's in either case: a letter's other case in another byte length (K,
// the Kelvin sign K) cannot open a match of the word's length when the rest
// of the word is ASCII or Han, as socialWords are (TestContainsFold).
func containsFold(s string, list []string) bool {
	for _, w := range list {
		if w == "" {
			return true
		}
		for i := 0; i+len(w) <= len(s); i++ {
			if c := s[i]; c != w[0] && c|0x20 != w[0]|0x20 {
				continue
			}
			if strings.EqualFold(s[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// mayCredit is a quick test for the characters that every caption credit
// contains, so that most body paragraphs cost one scan of their tail.
//
// It looks for the characters' UTF-8 bytes: a lead byte is never inside
// another character's encoding, so the answer is that of a loop over the
// runes, on invalid UTF-8 too (TestMayCreditBytes).
func mayCredit(t string) bool {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case ')', '/':
			return true
		case 0xc2: // © C2 A9
			if i+1 < len(t) && t[i+1] == 0xa9 {
				return true
			}
		case 0xef: // ） EF BC 89, ／ EF BC 8F
			if i+2 < len(t) && t[i+1] == 0xbc && (t[i+2] == 0x89 || t[i+2] == 0x8f) {
				return true
			}
		case 0xe6: // 攝 E6 94 9D, 摄 E6 91 84
			if i+2 < len(t) && (t[i+1] == 0x94 && t[i+2] == 0x9d || t[i+1] == 0x91 && t[i+2] == 0x84) {
				return true
			}
		case 0xe5: // 图 E5 9B BE, 圖 E5 9C 96
			if i+2 < len(t) && (t[i+1] == 0x9b && t[i+2] == 0xbe || t[i+1] == 0x9c && t[i+2] == 0x96) {
				return true
			}
		}
	}
	return false
}

// lastPhotoLabel returns the index of the last photo label in s that
// follows a space, or -1.
func lastPhotoLabel(s string) int {
	last := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			j := i + size
			for _, k := range labelCandidates[firstRune(s[j:])] {
				if l := &labels[k]; l.photo && strings.HasPrefix(s[j:], l.text) {
					last = j
					break
				}
			}
		}
		i += size
	}
	return last
}
