package credits

import (
	"strings"
	"time"
	"unicode/utf8"
)

// datelineEnds end a dateline in brackets: （中央社記者陳至中台北26日電）,
// （法新社洛杉矶24日电）, （中央社華盛頓8日綜合外電報導）.
var datelineEnds = []string{"电", "電", "報導", "报导", "报道", "報道", "讯", "訊"}

// dateline reads the dateline that opens paragraph p, if there is none yet,
// and returns the rest of p.
func (x *extractor) dateline(p string) string {
	if x.res.Dateline != "" {
		return p
	}
	// 【大纪元2022年07月21日讯】
	if rest, ok := strings.CutPrefix(p, "【"); ok {
		j := strings.Index(rest, "】")
		if j <= 0 || j > 90 {
			return p
		}
		c := rest[:j]
		if (strings.HasSuffix(c, "讯") || strings.HasSuffix(c, "訊")) && strings.IndexFunc(c, isDigit) >= 0 {
			x.setDateline(c, true)
			return rest[j+len("】"):]
		}
		return p
	}
	// （中央社記者陳至中台北26日電）, (德国之声中文网)
	if c, _, ok := leadingBracket(p); ok {
		c = strings.TrimSpace(c)
		switch {
		case c == "德国之声中文网" || c == "德國之聲中文網":
			x.res.Dateline = c
		case hasSuffixAny(c, datelineEnds) != "" && strings.Contains(c, "日") && strings.IndexFunc(c, isDigit) >= 0:
			x.setDateline(c, !strings.Contains(c, "记者") && !strings.Contains(c, "記者") && !strings.Contains(c, "特派"))
		}
		return p
	}
	// 路透北京/香港9月5日 - …
	if strings.HasPrefix(p, "路透") {
		for _, dash := range [...]string{" - ", " – ", " — ", " -", "－"} {
			if i := strings.Index(p, dash); i > 0 && i < 90 {
				c := strings.TrimSpace(p[:i])
				if strings.IndexFunc(c, isDigit) >= 0 && strings.HasSuffix(c, "日") {
					x.setDateline(c, true)
				}
				break
			}
		}
	}
	return p
}

// setDateline records dateline c. withPlace says whether the place can be
// read between the outlet and the date (a dateline without a reporter).
func (x *extractor) setDateline(c string, withPlace bool) {
	x.res.Dateline = c
	x.res.Date = resolveDate(c, x.in.Published)
	if !withPlace {
		return
	}
	s := c
	if o := hasPrefixAny(s, outlets); o != "" {
		s = s[len(o):]
	}
	d := strings.IndexFunc(s, isDigit)
	if d <= 0 {
		return
	}
	place := strings.TrimSpace(s[:d])
	if i := strings.IndexAny(place, "/／"); i > 0 {
		place = place[:i]
	}
	for _, r := range place {
		if !isHan(r) {
			return
		}
	}
	if utf8.RuneCountInString(place) <= 12 {
		x.res.Place = place
	}
}

// resolveDate reads the first date in s: "2022年07月21日", "9月5日" or
// "26日". A date without a year or a month takes them from published: the
// latest such date not more than two days after it (datelines are in local
// time, published in UTC).
func resolveDate(s string, published time.Time) time.Time {
	y, m, d, ok := scanDate(s)
	if !ok {
		return time.Time{}
	}
	if y > 0 {
		return validDate(y, m, d)
	}
	if published.IsZero() {
		return time.Time{}
	}
	limit := published.AddDate(0, 0, 2)
	if m > 0 {
		for _, year := range [...]int{published.Year() + 1, published.Year(), published.Year() - 1} {
			if t := validDate(year, m, d); !t.IsZero() && !t.After(limit) {
				return t
			}
		}
		return time.Time{}
	}
	first := time.Date(published.Year(), published.Month(), 1, 0, 0, 0, 0, time.UTC)
	for k := 1; k >= -2; k-- {
		mo := first.AddDate(0, k, 0)
		if t := validDate(mo.Year(), int(mo.Month()), d); !t.IsZero() && !t.After(limit) {
			return t
		}
	}
	return time.Time{}
}

// validDate returns the date y-m-d at UTC midnight, or zero if there is no
// such day.
func validDate(y, m, d int) time.Time {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}
	}
	return t
}

// scanDate finds the first "Y年M月D日", "M月D日" or "D日" in s; absent parts
// are zero.
func scanDate(s string) (y, m, d int, ok bool) {
	for i := 0; i < len(s); {
		n, j := readNumber(s, i)
		if j == i {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		unit, size := utf8.DecodeRuneInString(s[j:])
		switch unit {
		case '年':
			mo, k := readNumber(s, j+size)
			if k > j+size && strings.HasPrefix(s[k:], "月") {
				da, l := readNumber(s, k+len("月"))
				if l > k+len("月") && strings.HasPrefix(s[l:], "日") {
					return n, mo, da, true
				}
			}
		case '月':
			da, l := readNumber(s, j+size)
			if l > j+size && strings.HasPrefix(s[l:], "日") {
				return 0, n, da, true
			}
		case '日':
			return 0, 0, n, true
		}
		i = j
	}
	return 0, 0, 0, false
}

// readNumber reads the ASCII or full-width decimal number at s[i:], up to
// six digits, and returns it with the index after it.
func readNumber(s string, i int) (int, int) {
	n, digits := 0, 0
	for i < len(s) && digits < 6 {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			return n, i
		}
		digits++
		i += size
	}
	return n, i
}
