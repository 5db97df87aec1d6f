package entities

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/newsnlp/newsnlp/models/hanzi"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/segment"
)

var (
	setupOnce sync.Once
	testStage *Stage
	testSeg   *segment.Segmenter
)

func setup(t testing.TB) (*Stage, *segment.Segmenter) {
	setupOnce.Do(func() {
		g, err := LoadGazetteer(Options{})
		if err != nil {
			panic(err)
		}
		seg, err := segment.New(g.Words())
		if err != nil {
			panic(err)
		}
		testStage, testSeg = New(g), seg
	})
	return testStage, testSeg
}

// find runs segmentation and entity finding on a text, as the pipeline does.
func find(t testing.TB, text string) []pipeline.Mention {
	st, seg := setup(t)
	script := "simplified"
	for _, r := range text {
		if hanzi.Load().Traditional(r) {
			script = "traditional"
		}
	}
	norm := seg.Normalize(text, script)
	return st.Find(text, norm, seg.Tokens(norm), nil)
}

func render(ms []pipeline.Mention) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s=%s ", m.Surface, m.EntityID)
	}
	return strings.TrimSpace(b.String())
}

func TestDebug(t *testing.T) {
	text := os.Getenv("NEWSNLP_DEBUG_TEXT")
	if text == "" {
		t.Skip()
	}
	st, seg := setup(t)
	norm := seg.Normalize(text, "simplified")
	toks := seg.Tokens(norm)
	r := []rune(norm)
	var tb strings.Builder
	for _, tk := range toks {
		fmt.Fprintf(&tb, "%s/%s ", string(r[tk.Start:tk.Stop]), tk.POS)
	}
	t.Log(tb.String())
	for _, m := range st.Find(text, norm, toks, nil) {
		t.Logf("%s %s %s %s", m.Surface, m.EntityID, m.Type, m.Method)
	}
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string // surface=entity_id, in text order; a prefix "!" means must be absent
	}{
		{"lexicon people stay whole", "美国国务卿布林肯7月会晤中共外长王毅。",
			[]string{"美国=country:USA", "布林肯=person:antony-blinken", "王毅=person:wang-yi-diplomat"}},
		{"compounds count each country", "中美关系和俄乌战争影响日韩。",
			[]string{"中=country:CHN", "美=country:USA", "俄=country:RUS", "乌=country:UKR", "日=country:JPN", "韩=country:KOR"}},
		{"其中美国 is not a compound", "其中美国最为积极。", []string{"美国=country:USA"}},
		{"Central America is not China and the US", "中美洲移民。", []string{"!中=country:CHN"}},
		{"an outlet's country does not count", "德国之声和美国之音报道。", []string{"德国之声=outlet:dw", "美国之音=outlet:voa", "!德国=country:DEU"}},
		{"华 in 对华", "美国对华政策。", []string{"美国=country:USA", "对华=country:CHN"}},
		{"华盛顿 is a city", "他在华盛顿说。", []string{"!在华=country:CHN"}},
		{"traditional script", "蔡英文總統會見美國官員，臺灣與美國關係。",
			[]string{"蔡英文=person:tsai-ing-wen", "美國=country:USA", "臺灣=country:TWN"}},
		{"title and a new name", "美国华府智库中国计划主任孙韵表示，两国没有足够细节。", []string{"孙韵=person:孙韵"}},
		{"dotted name with a lexicon surname merges", "法国总统伊曼纽尔·马克龙表示。", []string{"伊曼纽尔·马克龙=person:emmanuel-macron"}},
		{"dotted name with initials", "首席大法官小约翰·G·罗伯茨主持。", []string{"小约翰·G·罗伯茨=person:小约翰·G·罗伯茨"}},
		{"Latin gloss", "人权基金会顾问王珍妮（Jenny Wang）指出。", []string{"王珍妮=person:王珍妮"}},
		{"coreference to the last part", "分析师迈克尔·库格尔曼认为局势紧张。库格尔曼说，双方都想维持现状。",
			[]string{"迈克尔·库格尔曼=person:迈克尔·库格尔曼", "库格尔曼=person:迈克尔·库格尔曼"}},
		{"a listed two-character name before a character gse glues to it", "“我相信我们会取得胜利，”拜登在周三说。", []string{"拜登=person:joe-biden"}},
		{"a listed name that starts a longer one gives way", "律师刘奇峰在会上发言。", []string{"刘奇峰=person:刘奇峰", "!刘奇=person:liu-qi-jiangxi"}},
		{"a listed name before a verb stays", "江西省委书记刘奇说，经济向好。刘奇强调发展。", []string{"刘奇=person:liu-qi-jiangxi", "刘奇=person:liu-qi-jiangxi"}},
		{"lists of names", "议员杨岳桥、郭荣铿、郭家麒以及梁继昌丧失资格。", []string{"梁继昌=person:梁继昌"}},
		{"withheld given names", "村民张某某、李某某被带走，被告人刘某因受贿罪被判刑。已报备蒋XX。",
			[]string{"张某某=person:张某某", "李某某=person:李某某", "刘某=person:刘某", "蒋XX=person:蒋XX"}},
		{"某 of a place or a determiner is no name", "他在朝阳区某宾馆被关押，某些人说。", []string{"!区某=person:区某"}},
		{"Latin names after a role or before a verb of saying", "共和党人Patrick McHenry在会上发言。首席投资官Prashant Bhayani表示，前景乐观。",
			[]string{"Patrick McHenry=person:Patrick McHenry", "Prashant Bhayani=person:Prashant Bhayani"}},
		{"a Latin firm name is no person", "资产管理公司AMP Capital表示，前景乐观。", []string{"!AMP Capital=person:AMP Capital"}},
		{"social media handles", "人员包括@李开复 @张泉灵 @王巍w，要求审评论。",
			[]string{"李开复=person:李开复", "张泉灵=person:张泉灵", "王巍=person:王巍"}},
		{"honorific joins the one full name", "书店店长林荣基说，他要离开香港。林先生表示担心。", []string{"林先生=person:lam-wing-kee"}},
		{"honorific alone", "审讯我的李警察说，你要配合。", []string{"李警察=person:李警察"}},
		{"a preposition is no surname", "他向警察求助。", []string{"!向警察=person:向警察"}},
		{"a preposition is no surname, whatever gse tags", "示威者向警察投掷石块，和律师见面。", []string{"!向警察=person:向警察", "!和律师=person:和律师"}},
		{"a given name read as a verb, before a verb of saying", "律师李进进说，案件没有证据。后来李进进说，他会上诉。",
			[]string{"李进进=person:李进进"}},
		{"a verb after a surname is no name without speech", "李进进入会场。", []string{"!李进进=person:李进进"}},
		{"a naming word introduces a name", "名为李方的推友写道，一位名叫王芳的女士说。", []string{"李方=person:李方", "王芳=person:王芳"}},
		{"a transliterated name before a quote", "ACT—1, 库格尔曼：“俄罗斯的能源供应可让中国不依赖海上运输。”", []string{"库格尔曼=person:库格尔曼"}},
		{"叫 starts no dotted name", "一位分析人士叫蒂姆·施泰纳。", []string{"蒂姆·施泰纳=person:蒂姆·施泰纳", "!叫蒂姆·施泰纳=person:叫蒂姆·施泰纳"}},
		{"a person named by surname alone", "面条店姓马的老板说，生意不好。", []string{"马=person:马"}},
		{"姓 without 的 is no name", "他姓马。", []string{"!马=person:马"}},
		{"问 of 问题 is no verb of saying", "他提及了中国的封锁问题。", []string{"!封锁=person:封锁"}},
		{"a long transliterated word before a quote", "ACT—1, 亚历山德罗夫：“俄罗斯的能源供应可让中国不依赖海上运输。”", []string{"亚历山德罗夫=person:亚历山德罗夫"}},
		{"a place before a colon that opens no quote", "亚历山德罗夫：俄罗斯小城。", []string{"!亚历山德罗夫=person:亚历山德罗夫"}},
		{"a verb after a name is not its last character", "福州维权人士林鸿遭强迫失踪，董事长雷杰做了部署。", []string{"!林鸿遭=person:林鸿遭", "!雷杰做=person:雷杰做"}},
		{"kin words are no names", "一位来自武汉的保洁阿姨称，祖母告诉他。", []string{"!阿姨=person:阿姨", "!祖母=person:祖母"}},
		{"a role after 原 or 应 is no honorific", "已应警察要求注销，政治工作部原主任张阳。", []string{"!应警察=person:应警察", "!原主任=person:原主任"}},
		{"所 and 请 are no syllables of a dotted name", "请杰德·约翰逊做评估，伊曼努尔·康德所著的书。", []string{"杰德·约翰逊=person:杰德·约翰逊", "伊曼努尔·康德=person:immanuel-kant"}}, // 康德 is in the lexicon
		{"a company's name does not count its country", "中国移动和中国石油天然气集团公司宣布。", []string{"!中国=country:CHN"}},
		{"generic companies and state bodies do", "美国公司和中国人民银行表示。", []string{"美国=country:USA", "中国=country:CHN"}},
		{"a verb of asking ends a transliterated name", "钢琴家海野雅威问我，这是什么意思。", []string{"海野雅威=person:海野雅威", "!海野雅威问=person:海野雅威问"}},
		{"a verb gse reads after a name does not lengthen it", "证人徐升说，他没见过。徐升告诉记者，此事属实。徐升告诉法庭，他很害怕。徐升告诉我们，他不后悔。",
			[]string{"徐升=person:徐升", "!徐升=person:徐升告诉"}},
		{"a noun gse reads after a name does not lengthen it", "律师周泽说，案件有疑点。周泽律师表示，他会上诉。周泽律师指出，证据不足。周泽律师认为，程序违法。",
			[]string{"周泽=person:周泽", "!周泽=person:周泽律师"}},
		{"锺 (鍾 as a surname) is a surname", "香港自由党党魁锺国斌表示，支持。", []string{"锺国斌=person:锺国斌"}},
		{"a name before its title", "此案是福建林洪楠律师代理的。", []string{"林洪楠=person:林洪楠"}},
		{"a name the post marks as made up is no person", "受访者王秀英（化名）说，她的邻居陈建国也被带走。", []string{"!王秀英=person:王秀英"}},
		{"a modifier before a title is no name", "全国律师协会、麻醉医生和荣休教授。", []string{"!全国=person:全国", "!麻醉=person:麻醉", "!荣休=person:荣休"}},
		{"a Latin name listed with a found one", "有包括Lady Gaga和詹妮弗·洛佩兹在内的艺人，以及Shopee CEO和拜登。", []string{"Lady Gaga=person:Lady Gaga", "!Shopee CEO=person:Shopee CEO"}},
		{"case names", "如邓玉娇案、钱云会案等。", []string{"邓玉娇=person:邓玉娇", "钱云会=person:钱云会"}},
		{"a function word is no surname", "但孙韵表示。", []string{"孙韵=person:孙韵", "!但孙韵=person:但孙韵"}},
		{"a date's 日 is no compound", "2020年9月8日德中举行第16次人权对话。", []string{"!日=country:JPN", "德=country:DEU", "中=country:CHN"}},
		{"a compound ends where a word starts inside it", "主要报道朝韩新闻，澳新法剑指一带一路。", []string{"朝=country:PRK", "韩=country:KOR", "!澳=country:AUS", "!新=country:SGP", "!法=country:FRA"}},
		{"country characters listed with 、", "作出了与美、英、澳同样的结论，日本、美、加等国家；高、中、低三档。",
			[]string{"美=country:USA", "英=country:GBR", "澳=country:AUS", "日本=country:JPN", "加=country:CAN", "!中=country:CHN"}},
		{"nationality and origin", "三名澳籍公民和韩裔德国哲学家，华裔专家。", []string{"澳=country:AUS", "韩=country:KOR", "华裔=country:CHN"}},
		{"a name gse joins to a function word", "在和约旦国王会面，同意大利谈判。", []string{"约旦=country:JOR", "意大利=country:ITA"}},
		{"a country inside a dotted name", "竞选经理詹妮弗·奥马利·狄龙说。", []string{"!马利=country:MLI", "詹妮弗·奥马利·狄龙=person:詹妮弗·奥马利·狄龙"}},
		{"a country opening a dotted name's part", "巴基斯坦前驻印高级专员阿卜杜勒•巴西特(Abdul Basit)说，专栏作家尼斯林·马里克（Nesrine Malik）指出。",
			[]string{"!巴西=country:BRA", "!马里=country:MLI", "阿卜杜勒•巴西特=person:阿卜杜勒·巴西特", "尼斯林·马里克=person:尼斯林·马里克"}},
		{"a country opening a dotted name's first part", "律师麦克·布朗（Mike Brown）和阿曼达·麦克贝恩（Amanda McBain）说。",
			[]string{"!阿曼=country:OMN", "阿曼达·麦克贝恩=person:阿曼达·麦克贝恩"}},
		{"a country before a dotted name stays", "阿曼和巴西达成协议，俄罗斯阿列克谢·纳瓦尔尼说。", []string{"阿曼=country:OMN", "俄罗斯=country:RUS"}},
		{"a dotted lexicon name read on into a longer one", "联邦上诉法院前法官玛丽安·特朗普·巴里(Maryanne Trump Barry)说。",
			[]string{"玛丽安·特朗普·巴里=person:玛丽安·特朗普·巴里"}},
		{"languages, editions, web addresses and 华府", "他说葡萄牙语。大纪元台湾：https://www.djy.news facebook.com/epochtimes.taiwan 他在華府簽署。",
			[]string{"!葡萄牙=country:PRT", "!台湾=country:TWN", "!taiwan=country:TWN", "!在華=country:CHN"}},
		{"companies and universities named after a country", "沙特阿美上市，香港中文大学宣布，瑞士信贷表示。", []string{"!沙特=country:SAU", "!香港=country:HKG", "!瑞士=country:CHE"}},
		{"Japanese names by their family name", "是53岁的三浦知良。日本导演黑泽明的电影，田中角荣访华。",
			[]string{"三浦知良=person:三浦知良", "!浦知良=person:浦知良", "黑泽明=person:黑泽明", "田中角荣=person:田中角荣"}},
		{"a Japanese family name in a place or a word is no name", "万科清水蓝湾，千葉縣新增病例，安倍首相致辞，井上命名。",
			[]string{"!清水蓝=person:清水蓝", "!千葉縣=person:千葉縣", "!安倍首相=person:安倍首相", "!井上命名=person:井上命名"}},
		{"a hyphenated place is no name", "佛罗里达州迈阿密-戴德县官员说。", []string{"!迈阿密-戴德县=person:迈阿密-戴德县"}},
		{"role nouns in 人, 者, 民, 警 before a name", "被告人刘长海受审，志愿者邱美玲说，民警蒋涛在巡逻。感染者因无症状，人民健康福祉。",
			[]string{"刘长海=person:刘长海", "邱美玲=person:邱美玲", "蒋涛=person:蒋涛", "!因无=person:因无", "!健康福祉=person:健康福祉"}},
		{"a dictionary word is not a speaker", "中方表示反对。官员说。", []string{"中方=country:CHN", "!官员=person:官员"}},
		{"outlet in title marks", "据《南华早报》报道。", []string{"南华早报=outlet:scmp"}},
		{"unknown paper in title marks", "《朝日晚报》指出。", []string{"朝日晚报=outlet:朝日晚报"}},
		{"photo credit agency", "照片 ©EPA/Getty Images 提供", []string{"EPA=outlet:epa", "Getty Images=outlet:getty-images"}},
		{"context-only outlet needs marks", "实事求是，《求是》杂志发文。", []string{"求是=outlet:qiushi"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := find(t, tc.text)
			r := []rune(tc.text)
			have := map[string]bool{}
			for _, m := range got {
				if string(r[m.Start:m.Stop]) != m.Surface {
					t.Errorf("surface %q at [%d,%d) is %q", m.Surface, m.Start, m.Stop, string(r[m.Start:m.Stop]))
				}
				have[m.Surface+"="+m.EntityID] = true
			}
			for _, w := range tc.want {
				if strings.HasPrefix(w, "!") {
					if have[w[1:]] {
						t.Errorf("found %s; got %s", w[1:], render(got))
					}
					continue
				}
				if !have[w] {
					t.Errorf("missing %s; got %s", w, render(got))
				}
			}
		})
	}
}

// FuzzFind checks the invariants of the entity stage on any text: no panic,
// every mention inside the text at its offsets, in order.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"", "·", "··a·", "中美", "《", "《》", "©", "©/", "(Jr.)", "据报道", "王", "外长", "说", "案", "A·B·C", "美国之音", "\n\n", "\xff", "化名", "（化名", "化名“", "化名为“王", "和为化名", "、为化名", "A（化名）", "化名Ab、", "文中均为化名", "除外其余均为化名", "除王、李外，其余均为化名", "，除，其他为化名", "人物为化名", "阿不都", "阿卜都外力·阿尤普", "学者阿不都外力•阿尤普（A", "阿布都·", "腓特烈大帝·腓特烈·威廉", "亨特(H", "˙", "\u0387", "乔.拜登", ".", "乔.", ".拜", "陈芳明说", "席海明", "陈芳明", "科比·戈德堡说", "尼克·埃普利当天", "·苏非", "王文彬表示", "王文彬", "张颖表示", "一张纸", "张"} {
		f.Add(s)
	}
	// Load the stage before the first input: a worker that spends its
	// first call loading it (seconds on a busy machine) is killed as hung.
	setup(f)
	f.Fuzz(func(t *testing.T, text string) {
		text = strings.ToValidUTF8(text, "\uFFFD")
		ms := find(t, text)
		r := []rune(text)
		last := -1
		for _, m := range ms {
			if m.Start < 0 || m.Stop > len(r) || m.Start >= m.Stop {
				t.Fatalf("mention %+v outside text of %d", m, len(r))
			}
			if string(r[m.Start:m.Stop]) != m.Surface {
				t.Fatalf("surface %q != text %q", m.Surface, string(r[m.Start:m.Stop]))
			}
			if m.Start < last {
				t.Fatalf("mentions out of order")
			}
			last = m.Start
		}
	})
}

// TestCredits checks how the byline's names are told from the people a post
// is about.
func TestCredits(t *testing.T) {
	st, seg := setup(t)
	for _, tc := range []struct {
		name, text string
		credits    []string
		want       []string
	}{
		{"a reporter named once is no mention", "记者王小明报道，官员表示反对。", []string{"王小明"}, []string{"!王小明=person:王小明"}},
		{"the author opening the headline is", "李翘楚：警察怕被连坐\n我被带到派出所。", []string{"李翘楚"}, []string{"李翘楚=person:li-qiaochu"}},
		{"an honorific does not join the author", "李翘楚：警察怕被连坐\n审讯我的李警察说，你要配合。", []string{"李翘楚"},
			[]string{"李警察=person:李警察", "!李警察=person:li-qiaochu"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			credits := map[string]bool{}
			for _, c := range tc.credits {
				credits[c] = true
			}
			norm := seg.Normalize(tc.text, "simplified")
			got := st.Find(tc.text, norm, seg.Tokens(norm), credits)
			have := map[string]bool{}
			for _, m := range got {
				have[m.Surface+"="+m.EntityID] = true
			}
			for _, w := range tc.want {
				if neg := strings.HasPrefix(w, "!"); neg == have[strings.TrimPrefix(w, "!")] {
					t.Errorf("want %s; got %s", w, render(got))
				}
			}
		})
	}
}

// TestFindDeterministic runs the same post many times: no answer may depend
// on the order a map is walked in.
func TestFindDeterministic(t *testing.T) {
	text := "分析师迈克尔·库格尔曼认为局势紧张。库格尔曼说，双方都想维持现状。律师李进进说，案件没有证据。" +
		"后来李进进说，他会上诉。书店店长林荣基说，他要离开香港。林先生表示担心。名为李方的推友写道，李方很失望。"
	first := render(find(t, text))
	for range 30 {
		if got := render(find(t, text)); got != first {
			t.Fatalf("runs differ:\n%s\n%s", first, got)
		}
	}
}

// TestIsHan holds isHan's table to the definition it replaced, over every
// code point and a few invalid ones.
func TestIsHan(t *testing.T) {
	n := 0
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		want := r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf || r >= 0x2e80 && unicode.Is(unicode.Han, r)
		if isHan(r) != want {
			t.Fatalf("isHan(%U) = %v, want %v", r, !want, want)
		}
		if want {
			n++
		}
	}
	if n < 90000 {
		t.Fatalf("%d Han code points: the definition is not the one meant", n)
	}
}

// TestIsPart holds isPart to membership in parts, over dotted and plain
// forms and keys, empty parts included.
func TestIsPart(t *testing.T) {
	forms := []string{"马丁·范·海尔弗特", "迈克尔·库格尔曼", "库格尔曼", "a·b·c·d", "·x", "x··y", "范·海尔弗特", "a·b"}
	keys := []string{"马丁", "范", "海尔弗特", "范·海尔弗特", "马丁·范", "库格尔曼", "迈克尔·库格尔曼", "b·c·d", "c·d", "a·b", "d", "", "x", "·y", "y", "海尔", "a"}
	hits := 0
	for _, f := range forms {
		for _, k := range keys {
			want := slices.Contains(parts(f), k)
			if got := isPart(f, k); got != want {
				t.Errorf("isPart(%q, %q) = %v, want %v (parts %q)", f, k, got, want, parts(f))
			}
			if want {
				hits++
			}
		}
	}
	if hits < 10 {
		t.Fatalf("%d parts found in all: the cases test little", hits)
	}
}

// TestDocProps checks the properties a doc notes for each character
// against the lookups they stand for, over every character of the BMP,
// a few beyond it, and dots the doc normalises.
func TestDocProps(t *testing.T) {
	st, _ := setup(t)
	g := st.g
	var text []rune
	for r := rune(1); r < 0x10000; r++ {
		if r < 0xd800 || r > 0xdfff {
			text = append(text, r)
		}
	}
	text = append(text, '𠮷', '𪚥', '😀', '•', '．')
	d := newDoc(g, string(text), "", nil)
	if len(d.props) != len(d.norm) {
		t.Fatalf("%d props for %d characters", len(d.props), len(d.norm))
	}
	bad := 0
	for i, r := range d.norm {
		want := map[uint16]bool{
			propHan:      isHan(r),
			propLexStart: isHan(r) && g.mayStart(r),
			propSurname:  g.surn.single(r),
			propTrans:    g.trans.Has(r),
			propGiven:    g.given.Has(r),
			propStop:     nameStop.Has(r) || funcChars.Has(r),
			propFunc:     funcChars.Has(r),
			propLatin:    isLatin(r),
			// The first or last characters the rules' scans look for.
			propTitleAfterFirst: titlesAfterFirst.Has(r),
			propHonorFirst:      honorificFirst.Has(r),
			propSuffixEnd:       suffixEnds.Has(r),
			propAbbrOrPartner:   g.abbrOrPartner.Has(r),
			propJaFirst:         g.jaFirst.Has(r),
			propRoleSuffix:      roleSuffixes.Has(r),
			propNamingLast:      namingLast.Has(r),
			propWeakRole:        weakRoles.Has(r),
		}
		for bit, w := range want {
			if got := d.props[i]&bit != 0; got != w && bad < 10 {
				t.Errorf("%q (U+%04X): property %016b %v, want %v", r, r, bit, got, w)
				bad++
			}
		}
	}
	if !d.han(len(d.norm)-5) || d.han(len(d.norm)-1) || !d.isTrans(indexRune(d.norm, '尔')) {
		t.Error("han or isTrans disagree")
	}
}

func indexRune(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}

// TestLatinStart holds latinStart, read from the characters' properties,
// to isLatinStart at every position of mixed-script texts and of the
// first posts of the corpus.
func TestLatinStart(t *testing.T) {
	st, seg := setup(t)
	texts := []string{
		"路透社Reuters报道，facebook.com/epochtimes.taiwan与@handle_x和3M公司、Chip Somodevilla/Getty Images。",
		"Ｒeuters ÉLYSÉE élysée 5G网络 a.b_c@d.e 〇Ab 中A",
		"", "A", "·Ab", "习近平·John",
	}
	if os.Getenv("NEWSNLP_CORPUS") != "" {
		for _, d := range corpusSample(t, 300) {
			texts = append(texts, d.Norm)
		}
	}
	for _, text := range texts {
		d := newDoc(st.g, text, text, seg.Tokens(text))
		for i := range d.norm {
			if got, want := d.latinStart(i), isLatinStart(d.norm, i); got != want {
				t.Fatalf("latinStart(%d) = %v, isLatinStart %v in %q", i, got, want, string(d.norm[max(0, i-5):min(len(d.norm), i+5)]))
			}
		}
	}
}
