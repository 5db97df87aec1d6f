package credits

import (
	"strings"
	"unicode/utf8"
)

// nameListSuffixes are the words that follow a bare author name:
// "李鱼 综合报导", "张筠青（摘编）", "null 李鱼摘编".
var nameListSuffixes = []string{
	"综合报导", "综合报道", "綜合報導", "綜合報道", "摘编", "摘編", "摘译", "摘譯", "编译",
	"編譯", "整理", "报道", "報導", "报导", "報道", "综合", "綜合", "撰文", "撰稿",
}

// nameList reads a line that is nothing but author names: the DW and NYT
// bylines above the timestamp ("杨宇", "AARON KROLIK,AARON KROLIK",
// "null 张慈"), the BBC byline above the role line ("大卫·斯利托（David
// Sillito）"), and the DW signature at the end ("李京慧/洪沙 （德新社）").
// With needMark the line must show that it is a credit: a slash between
// names, a source in brackets or a spaced word such as 综合报道; Latin
// names need one of the last two. It reports whether it added names.
func (x *extractor) nameList(p string, r role, needMark bool) bool {
	s := strings.TrimSpace(p)
	if s == "" || len(s) > 160 {
		return false
	}
	if t, ok := strings.CutPrefix(s, "null"); ok && (t == "" || isSpace(firstRune(t))) {
		s = strings.TrimSpace(t)
	}
	mark, sourced := false, false
	// A source in brackets at the end: "（德新社、法新社）", "（综合报道）".
	if strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")") {
		if i := strings.LastIndexAny(s, "（("); i > 0 {
			c := s[i:]
			switch {
			case containsAny(c, sourceWords) ||
				needMark && strings.IndexFunc(c, isDigit) < 0 && strings.ContainsAny(s[:i], "/／"):
				// "（德新社、法新社）"; after names in a slash list any
				// source: "李鱼/苗子(人权观察)", "杨威廉/张慈 (Axios)".
				mark, sourced = true, true
				s = strings.TrimSpace(s[:i])
			case needMark:
				// "吳晉淮 / 港口情歌（1958）": a list of works, not a signature.
				return false
			}
		}
	}
	for {
		w := hasSuffixAny(s, nameListSuffixes)
		if w == "" || len(w) == len(s) {
			break
		}
		t := s[:len(s)-len(w)]
		if needMark && strings.TrimRightFunc(t, isSpace) == t {
			// At the end of a post only "李鱼 综合报导" counts, not a
			// heading such as "外媒已有报道".
			break
		}
		s = strings.TrimSpace(t)
		mark, sourced = true, true
	}
	if strings.ContainsAny(s, "/／") {
		mark = true
	}
	if needMark && !mark {
		return false
	}
	if strings.ContainsAny(s, "：:。，") {
		return false
	}
	if needMark && !sourced && (strings.Contains(s, " / ") || strings.Contains(s, " ／ ")) {
		// Signatures write "李京慧/洪沙"; "周某 / 某歌" is a playlist.
		return false
	}
	if needMark && !sourced && strings.IndexFunc(s, isLatin) >= 0 {
		// A bare pair of Latin names at the end is a picture credit
		// ("Sentinel Hub / Copernicus"); a signature names its sources
		// ("杨威廉/Phoebe Kong（路透社）").
		return false
	}
	return x.allNames(s, r)
}

// sourceWords mark a bracket that names the sources of a report.
var sourceWords = []string{
	"社", "报道", "報導", "报导", "報道", "摘编", "摘編", "摘译", "摘譯", "综合", "綜合", "等",
	"媒体", "媒體", "电", "電", "编译", "編譯", "Reuters", "AFP", "dpa", "AP",
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// bioVerbs follow the author's name in a NYT bio line.
var bioVerbs = []string{
	"是", "为", "為", "自", "在", "曾", "于", "於", "就职", "就職", "现为", "現為", "现任",
	"現任", "目前", "从", "從", "负责", "負責", "报道", "報導", "撰写", "撰寫", "一直", "此前",
	"担任", "擔任", "和", "与", "與",
}

// bioWords show that a bio line is about a journalist or a contributor.
var bioWords = []string{
	"记者", "記者", "时报", "時報", "撰稿", "编辑", "編輯", "作者", "专栏", "專欄", "社长",
	"社長", "评论", "評論", "分社", "报道", "報導", "供稿", "写作", "寫作", "主编", "主編",
	"摄影", "攝影", "播客", "通讯员", "作家", "贡献", "貢獻", "撰文",
}

// bio reads a NYT author bio: "Julian E. Barnes是驻华盛顿国家安全记者…",
// "孟建国(Paul Mozur)是科技记者…". Han names must carry their Latin form
// in brackets, which is how the bios write them; without it the end of the
// name cannot be told from the start of the sentence.
func (x *extractor) bio(p string) bool {
	if len(p) > 1200 || !containsAny(p, bioWords) {
		return false
	}
	name, rest := "", ""
	i := 0
	for i < len(p) {
		r, size := utf8.DecodeRuneInString(p[i:])
		if !(isLatin(r) || r == ' ' || r == '.' || r == '-' || r == '\'' || r == '’') {
			break
		}
		i += size
	}
	if i > 0 {
		name, rest = strings.TrimSpace(p[:i]), p[i:]
	} else {
		j := 0
		for j < len(p) {
			r, size := utf8.DecodeRuneInString(p[j:])
			if !isHan(r) && !isNameDot(r) {
				break
			}
			j += size
		}
		c, after, ok := leadingBracket(p[j:])
		if j == 0 || !ok || latinTail(c) != strings.TrimSpace(c) {
			return false
		}
		name, rest = p[:j], after
	}
	if hasPrefixAny(rest, bioVerbs) == "" || !validName(name, nameOpts{maxHan: 4}) {
		return false
	}
	x.add(roleReporter, name)
	return true
}

// contributionMarks end the names in a line that credits help with a
// report: "Lin Qiqing对本文有研究贡献。", "Amy Chang Chien自台北对本文有
// 报道贡献。".
var contributionMarks = newMarkers("对本文", "對本文", "对此文", "對此文", "对本报道", "對本報導", "對本報道")

// contribution reads a line that credits contributors.
func (x *extractor) contribution(p string) bool {
	i, _ := indexAny(p, contributionMarks)
	if i <= 0 || i > 300 {
		return false
	}
	return x.creditParts(p[:i])
}

// copyrightFor reads the signature of 中国数字时代 posts:
// "© 大号冲塔 for 中国数字时代, …"; the poster is credited as the author.
func (x *extractor) copyrightFor(p string) bool {
	rest, ok := strings.CutPrefix(p, "©")
	if !ok {
		return false
	}
	rest = strings.TrimSpace(rest)
	i := strings.Index(rest, " for ")
	if i <= 0 {
		return false
	}
	name := trimName(rest[:i])
	if !validName(name, nameOpts{loose: true}) {
		return false
	}
	x.add(roleReporter, name)
	return true
}

// reportedFrom reads a line that says who reported from where:
// "Youmi Kim自首尔、Mike Ives自香港报道", "储百亮自北京报道".
func (x *extractor) reportedFrom(s string) bool {
	s = strings.TrimSpace(s)
	rest, ok := strings.CutSuffix(s, "报道")
	if !ok {
		if rest, ok = strings.CutSuffix(s, "報導"); !ok {
			return false
		}
	}
	if len(rest) > 300 {
		return false
	}
	from := false
	for part := range strings.FieldsFuncSeq(rest, func(r rune) bool { return r == '、' || r == '，' || r == ',' }) {
		// Places are short: "他此前曾自台湾和北京对亚洲重大事件作出报道"
		// is a sentence of a bio.
		if _, place, ok := strings.Cut(part, "自"); ok {
			if utf8.RuneCountInString(place) > 10 {
				return false
			}
			from = true
		}
	}
	return from && x.creditParts(rest)
}

// creditParts adds the people of a list of contributors, each possibly
// followed by where they worked from: "储百亮(Chris Buckley)自悉尼、Keith
// Bradsher自北京", "Claire Fu和Albee Zhang". Every part must be names.
func (x *extractor) creditParts(s string) bool {
	var names [12]string
	n := 0
	ok := true
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '、' || r == '，' || r == ',' || r == '；' }) {
		if i := strings.Index(part, "自"); i > 0 {
			part = part[:i]
		}
		eachToken(part, func(tok string) bool {
			if n == len(names) || !validName(tok, nameOpts{maxHan: 4}) {
				ok = false
				return false
			}
			names[n] = tok
			n++
			return true
		})
		if !ok {
			return false
		}
	}
	for _, name := range names[:n] {
		x.add(roleReporter, name)
	}
	return n > 0
}
