package credits

import (
	"strings"
	"testing"
	"time"
)

// FuzzExtract holds Extract to its invariants on arbitrary text: it does
// not panic (extract is called without Extract's recover guard), and every
// name it returns is non-empty, trimmed, a substring of the input, and
// appears once in its list.
func FuzzExtract(f *testing.F) {
	seeds := []string{
		"",
		"\n\n\n",
		"（）()【】",
		"（（（（",
		"））））",
		"【大纪元2022年07月21日讯】（大纪元记者王明远综合报导）正文",
		"（中央社記者陳大文台北26日電）正文\n正文。（編輯：林小美）1091126",
		"（中央社記者99999999999日電）",
		"路透北京/香港9月5日 - 正文\n编译 王一鸣/张二强 审校 张二强/赵四海",
		"自由亚洲电台记者 夏大华 台北报导 责编 许小婷 胡大汉 网编 瑞文",
		"（记者：王小允；编辑：申华）网编：郭大度",
		"JOHN SMITH,JOHN SMITH\n2020-10-29 16:14:38\n正文\nJohn Smith是记者。\n翻译：杜小然、Jing Ma",
		"大卫·史密斯（David Smith）\nBBC媒体事务记者",
		"李明川/洪小山 （德新社、法新社）",
		"© 大号测试 for 中国数字时代, get_post_time('Y').",
		"图 / Asa Tester",
		"REUTERS/Jane Doe",
		"(Jane Roe/Getty Images)",
		"©Jane Doe/BBC",
		"记者：没事。\n记者：好的",
		"编译/审校",
		"责任编辑：",
		"记者记者记者记者记者记者记者记者记者记者记者记者记者记者",
		"///////",
		"（记者 ·）",
		"·····",
		"\xff\xfe（记者\xc0王明）\x80",
		"Ａ　Ｂ　（記者　王明　台北　電）",
		"混合 mixed 文字 text （记者 John 王）",
		"“引号（记者：王明）”",
	}
	for _, s := range seeds {
		f.Add(s, "大纪元", "", int64(1606359514))
	}
	f.Add("正文", "维权网", "许小艳：标题", int64(0))
	f.Add("正文", "纽约时报", "：", int64(-1))
	f.Fuzz(func(t *testing.T, text, outlet, title string, epoch int64) {
		in := Input{
			Paragraphs: strings.Split(text, "\n"),
			Outlet:     outlet,
			Title:      title,
		}
		if epoch != 0 {
			in.Published = time.Unix(epoch%(1<<40), 0).UTC()
		}
		res := extract(&in)
		check := func(kind string, names []string) {
			seen := map[string]bool{}
			for _, n := range names {
				if n == "" {
					t.Fatalf("%s: empty name", kind)
				}
				if strings.TrimSpace(n) != n {
					t.Fatalf("%s: untrimmed name %q", kind, n)
				}
				if !strings.Contains(text, n) && !strings.Contains(title, n) {
					t.Fatalf("%s: %q is not in the input", kind, n)
				}
				if seen[n] {
					t.Fatalf("%s: %q twice", kind, n)
				}
				seen[n] = true
			}
		}
		check("reporters", res.Reporters)
		check("editors", res.Editors)
		if res.Dateline != "" && !strings.Contains(text, res.Dateline) {
			t.Fatalf("dateline %q is not in the input", res.Dateline)
		}
		if res.Place != "" && !strings.Contains(text, res.Place) {
			t.Fatalf("place %q is not in the input", res.Place)
		}
		if !res.Date.IsZero() && (res.Date.Hour() != 0 || res.Date.Location() != time.UTC) {
			t.Fatalf("date %v is not UTC midnight", res.Date)
		}
	})
}

// mayCreditRunes is mayCredit as a loop over the runes.
func mayCreditRunes(t string) bool {
	for _, r := range t {
		switch r {
		case ')', '）', '/', '／', '©', '攝', '摄', '图', '圖':
			return true
		}
	}
	return false
}

// TestMayCreditBytes checks mayCredit's byte scan against the loop over
// runes on each character it looks for, alone, cut short, after an
// invalid byte and among other characters that share its lead byte.
func TestMayCreditBytes(t *testing.T) {
	cases := []string{"", "a", "正文", "图文", "地圖", "拍攝", "摄影", "(c)", "©", "）", "／", "/", ")",
		"\xc2", "\xef\xbc", "\xe5\x9b", "\xe6\x94", "\xc2\xa8", "\xef\xbc\x88", "\xe5\x9b\xbd", "国", "团", "\xff图", "\xe5图", "\xe5\x9b\xe5\x9b\xbe",
		"\xc2\xc2\xa9", "文©", "中国人民", "攔", "摁"}
	for _, c := range cases {
		if got, want := mayCredit(c), mayCreditRunes(c); got != want {
			t.Errorf("mayCredit(%q) = %v, the runes say %v", c, got, want)
		}
	}
}

// FuzzMayCredit holds mayCredit's byte scan to the loop over runes.
func FuzzMayCredit(f *testing.F) {
	for _, s := range []string{"图", "\xe5\x9b", "文（摄）", "\xc2©"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := mayCredit(s), mayCreditRunes(s); got != want {
			t.Errorf("mayCredit(%q) = %v, the runes say %v", s, got, want)
		}
	})
}

// TestLastStop checks lastStop against strings.LastIndexAny on each stop
// alone, cut short, after invalid bytes and beside characters that share
// its lead byte.
func TestLastStop(t *testing.T) {
	cases := []string{"", "。", "，", "；", "a。b", "中国，人民；银行。", "\xe3\x80", "\xef\xbc", "\xe3\xe3\x80\x82", "\xef\xbc\xef\xbc\x8c",
		"、", "：", "！", "\xe3\x80\x81\xe3\x80\x82x", "，\xff", "\x80\x82", "。\xe3\x80", "x；y，z"}
	for _, c := range cases {
		if got, want := lastStop(c), strings.LastIndexAny(c, "。，；"); got != want {
			t.Errorf("lastStop(%q) = %d, strings.LastIndexAny %d", c, got, want)
		}
	}
}

// FuzzLastStop holds lastStop to strings.LastIndexAny.
func FuzzLastStop(f *testing.F) {
	for _, s := range []string{"。", "a，b", "\xe3\x80", "；\xef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := lastStop(s), strings.LastIndexAny(s, "。，；"); got != want {
			t.Errorf("lastStop(%q) = %d, strings.LastIndexAny %d", s, got, want)
		}
	})
}

// indexAnyEach is indexAny as a search for each word, its oracle.
func indexAnyEach(s string, list []string) (int, string) {
	best, which := -1, ""
	for _, w := range list {
		if i := strings.Index(s, w); i >= 0 && (best < 0 || i < best) {
			best, which = i, w
		}
	}
	return best, which
}

var indexAnyLists = [][]string{cutMarkers.words, contributionMarks.words, {"对本", "对本文", "对"}, {"b", "", "a"}, {"\xe5", "对本文", "\xe5x"}, {"对x", "\xe5", "对本文"}, {"ab", "a", "abc"}, {"ab", "cd"}}

// TestIndexAny checks indexAny's grouped search against a search for each
// word: overlapping words, a word that is a prefix of another, an empty
// word, invalid bytes that share a lead byte with a word's.
func TestIndexAny(t *testing.T) {
	cases := []string{"", "a", "abc", "莫雨对本文也有贡献", "楚良一发自东京", "对对本对本文", "对此对本报道對本報道", "\xe5x对本文", "\xe5\xaf", "许菁 发表时间 2020", "xab", "aab"}
	for _, list := range indexAnyLists {
		for _, c := range cases {
			gi, gw := indexAny(c, newMarkers(list...))
			wi, ww := indexAnyEach(c, list)
			if gi != wi || gw != ww {
				t.Errorf("indexAny(%q, %q) = %d %q, want %d %q", c, list, gi, gw, wi, ww)
			}
		}
	}
}

// FuzzIndexAny holds indexAny to a search for each word.
func FuzzIndexAny(f *testing.F) {
	for _, s := range []string{"对本文", "\xe5对此文", "ab"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, list := range indexAnyLists {
			gi, gw := indexAny(s, newMarkers(list...))
			wi, ww := indexAnyEach(s, list)
			if gi != wi || gw != ww {
				t.Errorf("indexAny(%q, %q) = %d %q, want %d %q", s, list, gi, gw, wi, ww)
			}
		}
	})
}

// containsFoldAll is containsFold comparing at every place, its oracle.
func containsFoldAll(s string, list []string) bool {
	for _, w := range list {
		for i := 0; i+len(w) <= len(s); i++ {
			if strings.EqualFold(s[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// TestContainsFold checks containsFold's first-byte test on socialWords
// against EqualFold at every place: other cases, the Kelvin sign and long
// s (letters whose other case is longer), invalid bytes.
func TestContainsFold(t *testing.T) {
	cases := []string{"", "x", "TWITTER", "Twitter", "@twitter.com", "LinKedIn", "Lin\u212aedIn", "lin\u212aedin", "\u017fina", "WeChat",
		"TikTok", "ti\u212ato\u212a", "微博", "脸书", "\xe5微博", "YANG/TWITT", "FaceBook/x", "telegraM", "\xffweibo"}
	for _, c := range cases {
		if got, want := containsFold(c, socialWords), containsFoldAll(c, socialWords); got != want {
			t.Errorf("containsFold(%q) = %v, want %v", c, got, want)
		}
	}
}

// FuzzContainsFold holds containsFold to EqualFold at every place.
func FuzzContainsFold(f *testing.F) {
	for _, s := range []string{"TWITTER", "lin\u212aedin", "微博"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := containsFold(s, socialWords), containsFoldAll(s, socialWords); got != want {
			t.Errorf("containsFold(%q) = %v, want %v", s, got, want)
		}
	})
}
