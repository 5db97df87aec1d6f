package entities

import (
	"slices"
	"strings"
	"testing"
)

// idsOf maps each person mention's surface to the ids it got, in text order.
func idsOf(t *testing.T, text string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range find(t, text) {
		if m.Type == "person" {
			out[m.Surface] = append(out[m.Surface], m.EntityID)
		}
	}
	return out
}

func TestDottedLinks(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       map[string]string // surface → id of every mention of it
	}{
		{
			// Another McCarthy: her own id, and the later bare family
			// name follows her.
			name: "another person of the family name",
			text: "美国环保署前署长吉娜·麦卡锡周二说，气候问题刻不容缓。麦卡锡表示，她会继续推动减排。",
			want: map[string]string{"吉娜·麦卡锡": "person:吉娜·麦卡锡", "麦卡锡": "person:吉娜·麦卡锡"},
		},
		{
			// A transliteration variant of the lexicon's 大卫·珀杜.
			name: "same person, other spelling",
			text: "共和党参议员戴维·珀杜周三在佐治亚州发表讲话。",
			want: map[string]string{"戴维·珀杜": "person:david-perdue"},
		},
		{
			name: "a relative, the person named before",
			text: "特朗普周一在白宫发表讲话。他的侄女玛丽·特朗普在新书中写道，家族长期不和。",
			want: map[string]string{"特朗普": "person:donald-trump", "玛丽·特朗普": "person:玛丽·特朗普"},
		},
		{
			name: "a Latin initial is the same person",
			text: "作家玛丽·L·特朗普出版了回忆录。特朗普总统的侄女玛丽·特朗普说，这本书写了真相。",
			want: map[string]string{"玛丽·L·特朗普": "person:玛丽·L·特朗普", "玛丽·特朗普": "person:玛丽·L·特朗普"},
		},
		{
			// The lexicon's own dotted form: no change.
			name: "lexicon form",
			text: "众议院议长凯文·麦卡锡周二表示，他将推动法案表决。麦卡锡说，时间不多了。",
			want: map[string]string{"凯文·麦卡锡": "person:kevin-mccarthy", "麦卡锡": "person:kevin-mccarthy"},
		},
		{
			name: "spaces beside the dot",
			text: "第一夫人梅拉妮娅 · 特朗普周二访问了一所学校。",
			want: map[string]string{"梅拉妮娅 · 特朗普": "person:梅拉妮娅·特朗普"},
		},
		{
			// A kinship word glued before the name: the name starts after it.
			name: "kinship word before",
			text: "特朗普的哥哥小弗雷德·特朗普早年去世。",
			want: map[string]string{"小弗雷德·特朗普": "person:小弗雷德·特朗普"},
		},
		{
			// The end of 首席医疗官 glued to the name.
			name: "office word before",
			text: "英国首席医疗官克里斯·惠蒂周三说，疫情仍在扩散。",
			want: map[string]string{"克里斯·惠蒂": "person:克里斯·惠蒂"},
		},
		{
			// A name's own first character that is no transliteration's
			// stays (山缪埃尔, Samuel).
			name: "name's own first character",
			text: "法国教师山缪埃尔·帕蒂上周遇害。帕蒂生前在学校任教多年。",
			want: map[string]string{"山缪埃尔·帕蒂": "person:山缪埃尔·帕蒂"},
		},
		{
			// Jeff Bezos' mother: one character from his given name.
			name: "two-character given name one character apart",
			text: "亚马逊创始人贝佐斯的母亲杰基·贝佐斯周二捐款一千万美元。",
			want: map[string]string{"杰基·贝佐斯": "person:杰基·贝佐斯", "贝佐斯": "person:jeff-bezos"},
		},
		{
			name: "Josep is Joseph",
			text: "欧盟外交与安全政策高级代表约瑟夫·博雷尔周一说，欧盟将协调立场。",
			want: map[string]string{"约瑟夫·博雷尔": "person:josep-borrell"},
		},
		{
			// Jr. and a Latin initial before an alias's given name.
			name: "junior and initial",
			text: "小约瑟夫·R·拜登周三宣誓就任美国总统。",
			want: map[string]string{"小约瑟夫·R·拜登": "person:joe-biden"},
		},
		{
			// A function word gse reads with the given name as one word
			// (和威廉/nr): the name starts after it.
			name: "function word glued before a given name",
			text: "作家尼尔周二说，他和威廉·吉布森一样喜欢写未来。",
			want: map[string]string{"威廉·吉布森": "person:威廉·吉布森"},
		},
		{
			// The end of a word gse began before the name (之/子).
			name: "end of a kinship word before a given name",
			text: "特朗普周二说，他的长子之子埃里克·斯沃韦尔来访。",
			want: map[string]string{"埃里克·斯沃韦尔": "person:埃里克·斯沃韦尔"},
		},
		{
			// A kinship word before a given name gse tags nz; the
			// lexicon's Gandhi (given name 莫罕达斯) is not she.
			name: "kinship word before an nz given name",
			text: "拉胡尔的祖母英迪拉·甘地曾担任印度总理。",
			want: map[string]string{"英迪拉·甘地": "person:英迪拉·甘地"},
		},
		{
			// A lexicon person with a one-word English name (Pelé) has
			// no given name for another to share.
			name: "one-word English name",
			text: "演员麦迪逊·贝利周二出席了首映式。",
			want: map[string]string{"麦迪逊·贝利": "person:麦迪逊·贝利"},
		},
		{
			// A description glued before a lexicon given name (no title).
			name: "description before a lexicon given name",
			text: "身家千亿美元的富翁杰夫·贝佐斯周二宣布卸任。",
			want: map[string]string{"杰夫·贝佐斯": "person:jeff-bezos"},
		},
		{
			// gse reads 迭戈 as a transliterated name (nrt) after 巨星.
			name: "description before a transliterated given name",
			text: "阿根廷足球巨星迭戈·马拉多纳周三去世。",
			want: map[string]string{"迭戈·马拉多纳": "person:diego-maradona"},
		},
		{
			// A function word glued before the name: 本月初.
			name: "function word before",
			text: "本月初克里斯托弗·诺兰的新片在中国上映。",
			want: map[string]string{"克里斯托弗·诺兰": "person:克里斯托弗·诺兰"},
		},
		{
			// The post writes the name alone elsewhere, after no Han
			// character.
			name: "written apart elsewhere",
			text: "著名新疆媒体人迪力夏提·吾力拜依案情通报。\n迪力夏提·吾力拜依的家人说，他们没有收到通知。",
			want: map[string]string{"迪力夏提·吾力拜依": "person:迪力夏提·吾力拜依"},
		},
		{
			// Transliteration characters that are also words (谢, 凯)
			// start names: they stay.
			name: "names that start with a word",
			text: "赌业大亨谢尔登·阿德尔森去世。白宫顾问凯莉安妮·康威周日说，她将离职。",
			want: map[string]string{"谢尔登·阿德尔森": "person:谢尔登·阿德尔森", "凯莉安妮·康威": "person:凯莉安妮·康威"},
		},
		{
			// A Chinese name (巴金, Ba Jin) is no family name of a dotted
			// foreign one.
			name: "Chinese name as a family name",
			text: "欧洲智库的中国问题专家诺阿·巴金周二说，欧盟将调整对华政策。",
			want: map[string]string{"诺阿·巴金": "person:诺阿·巴金"},
		},
		{
			// The lexicon row writes Chávez's given name now (乌戈): 艾琳
			// is someone else, 乌戈 is he.
			name: "given name the lexicon tells now",
			text: "委内瑞拉记者艾琳·查韦斯周二说，已故总统乌戈·查韦斯的政策影响深远。",
			want: map[string]string{"艾琳·查韦斯": "person:艾琳·查韦斯", "乌戈·查韦斯": "person:hugo-chavez"},
		},
		{
			// A character glued before a lexicon given name that is not
			// all transliteration characters (儒勒): the name starts after
			// it; and 和 before 菲尔 (gse: 和菲尔/nr).
			name: "character glued before a lexicon given name",
			text: "他翻译过多部小说（含儒勒·凡尔纳的《海底两万里》）。部长说，他和菲尔·霍根一样参加了晚宴。",
			want: map[string]string{"儒勒·凡尔纳": "person:jules-verne", "菲尔·霍根": "person:phil-hogan"},
		},
		{
			// Le of Bruno Le Maire is a particle: 布鲁诺 is his given name.
			name: "particle in upper case",
			text: "法国作家玛丽·勒梅尔周二说，她不同意财长布鲁诺·勒梅尔的看法。",
			want: map[string]string{"玛丽·勒梅尔": "person:玛丽·勒梅尔", "布鲁诺·勒梅尔": "person:bruno-le-maire"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkIDs(t, idsOf(t, tc.text), tc.want, nil)
		})
	}
}

func TestGivenFits(t *testing.T) {
	st, _ := setup(t)
	g := st.g
	for _, tc := range []struct {
		id, given string
		want      bool
	}{
		{"person:david-perdue", "戴维", true},    // 大卫: dai, wei
		{"person:viktor-orban", "维克多", true},   // 维克托: d and t
		{"person:joe-biden", "小约瑟夫", true},     // 约瑟夫 inside
		{"person:bob-menendez", "罗伯特", true},   // Bob is Robert
		{"person:kevin-mccarthy", "吉娜", false}, // Gina McCarthy
		{"person:donald-trump", "玛丽", false},
		{"person:donald-trump", "弗雷德", false}, // shares 德 only
		{"person:joe-biden", "博", false},
		{"person:bashar-al-assad", "塔拉尔", false}, // Talal Asad
		{"person:vincent-van-gogh", "文森特", true}, // 文森特·梵高 (van left out)
		{"person:vincent-van-gogh", "提奥", false}, // Theo, his brother
		{"person:jeff-bezos", "杰基", false},       // Jackie: 基 and 夫 unalike
		{"person:jeff-bezos", "杰夫", true},
		{"person:kelly-craft", "杰里", false},   // 杰 and 凯 unalike
		{"person:jake-sullivan", "里克", false}, // 里 and 杰 unalike
		{"person:ely-ratner", "埃利", true},     // 伊利: 埃, 伊 both a vowel
		{"person:peter-daszak", "皮特", true},   // 彼得: p/b, t/d halves
		{"person:josep-borrell", "约瑟夫", true}, // Josep is Joseph
		{"person:ursula-von-der-leyen", "乌尔苏拉", true},
		{"person:ursula-von-der-leyen", "玛丽", false}, // 冯德莱恩 names her now
		{"person:pele", "麦迪逊", false},                // Pelé: no given name
		{"person:h-r-mcmaster", "赫伯特", true},         // H. R.: given names the lexicon does not tell
		{"person:mahatma-gandhi", "拉吉夫", false},      // Rajiv, not Mohandas
		{"person:mahatma-gandhi", "莫罕达斯", true},
		{"person:ba-jin", "诺阿", false},      // Noah Barkin: a Chinese name is no family name
		{"person:hugo-chavez", "艾琳", false}, // the row tells 乌戈 now
		{"person:hugo-chavez", "乌戈", true},
		{"person:philip-davidson", "苏珊娜", false}, // Suzanne Davidson
		{"person:immanuel-kant", "尤里", false},    // Yuri Kondratyuk, cut
		{"person:najib-razak", "史蒂芬", false},     // Stephen Nagy
		{"person:bruno-le-maire", "玛丽", false},   // Le: a particle in upper case
		{"person:marine-le-pen", "玛丽娜", true},
	} {
		e, ok := g.Entity(tc.id)
		if !ok {
			t.Fatalf("no lexicon entity %s", tc.id)
		}
		if got := g.givenFits(e, tc.given); got != tc.want {
			t.Errorf("givenFits(%s, %s) = %v, want %v (given names %v)", tc.id, tc.given, got, tc.want, e.given)
		}
	}
}

func TestSplitSyllable(t *testing.T) {
	for _, tc := range []struct{ in, init, fin string }{
		{"zhang", "zh", "ang"}, {"ai", "", "ai"}, {"ya", "", "ia"}, {"yi", "", "i"},
		{"you", "", "iu"}, {"yu", "", "ü"}, {"wei", "", "ui"}, {"wu", "", "u"},
		{"wa", "", "ua"}, {"ju", "j", "ü"}, {"lü", "l", "ü"},
	} {
		if i, f := splitSyllable(tc.in); i != tc.init || f != tc.fin {
			t.Errorf("splitSyllable(%s) = %q, %q; want %q, %q", tc.in, i, f, tc.init, tc.fin)
		}
	}
}

func TestMergedGiven(t *testing.T) {
	e := &Entity{forms: []string{"哈梅内伊", "阿里·哈梅内伊"}}
	for _, tc := range []struct {
		s    string
		want string
		ok   bool
	}{
		{"阿里·哈梅内伊", "", false}, // a form itself
		{"阿亚图拉·阿里·哈梅内伊", "阿亚图拉|阿里", true},
		{"穆罕默德·R·哈梅内伊", "穆罕默德", true},
		{"哈梅内伊·阿里", "", false},
		{"吉尔·拜登", "", false},
		{"R·哈梅内伊", "", false},
	} {
		got, ok := mergedGiven(e, tc.s)
		if ok != tc.ok || strings.Join(got, "|") != tc.want {
			t.Errorf("mergedGiven(%s) = %v, %v; want %s, %v", tc.s, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzMergedGiven reads any text as a name merged into a person: no panic,
// and the parts it returns are Han parts of the text before the form.
func FuzzMergedGiven(f *testing.F) {
	e := &Entity{forms: []string{"麦卡锡", "凯文·麦卡锡"}}
	for _, s := range []string{"吉娜·麦卡锡", "·麦卡锡", "麦卡锡", "a·b·麦卡锡", "··麦卡锡", "吉娜·麦卡锡·麦卡锡"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts, ok := mergedGiven(e, s)
		if !ok {
			return
		}
		for _, p := range parts {
			if p == "" || !strings.Contains(s, p) || !strings.ContainsFunc(p, isHan) {
				t.Errorf("mergedGiven(%q): part %q", s, p)
			}
		}
	})
}

// TestDottedGiven: a name the rules or the tagger kept starts at the given
// name a middle dot joins to it, which gse reads as a word of its own, and
// ends at a Latin gloss after its last part; the pipeline's stage (tagger
// and decision), since the tagger finds most of these family names.
func TestDottedGiven(t *testing.T) {
	runIDCases(t, withNames(t), []idCase{
		{
			// 大卫/n: alone, 格雷厄姆 was Lindsey Graham.
			name: "noun",
			text: "调查专家大卫·格雷厄姆在《大西洋月刊》撰文说，局势很糟。",
			want: map[string]string{"大卫·格雷厄姆": "person:大卫·格雷厄姆"},
			not:  []string{"格雷厄姆"},
		},
		{
			// 亚历山大/ns: alone, coreference gave it to Solzhenitsyn, whose
			// given name it also is.
			name: "place",
			text: "俄罗斯作家亚历山大·索尔仁尼琴说，真话很重。开国元勋亚历山大·汉密尔顿曾经写道，信用就是生命。",
			want: map[string]string{"亚历山大·索尔仁尼琴": "person:aleksandr-solzhenitsyn", "亚历山大·汉密尔顿": "person:亚历山大·汉密尔顿"},
			not:  []string{"亚历山大", "汉密尔顿"},
		},
		{
			name: "verb and pronoun of one character",
			text: "马克龙任命让·卡斯特克斯为总理。牛津大学学者本·杰克逊说，这很难。",
			want: map[string]string{"让·卡斯特克斯": "person:让·卡斯特克斯", "本·杰克逊": "person:本·杰克逊"},
		},
		{
			// 查理/v to gse, but all transliteration characters.
			name: "verb of transliteration characters",
			text: "保守派活动人士查理·柯克(Charlie Kirk)说，他会参选。",
			want: map[string]string{"查理·柯克": "person:查理·柯克"},
		},
		{
			// A country's name that is a given name here (Chad).
			name: "country as a given name",
			text: "彼得森研究所的高级研究员查德·鲍恩说，关税伤害了农民。",
			want: map[string]string{"查德·鲍恩": "person:查德·鲍恩"},
			not:  []string{"查德"},
		},
		{
			// The gloss says where the name ends: 华盛顿 is a place to gse.
			name: "family name before a gloss",
			text: "美国第一任总统乔治·华盛顿（George Washington）说，要警惕党争。",
			want: map[string]string{"乔治·华盛顿": "person:乔治·华盛顿"},
			not:  []string{"乔治"},
		},
		{
			// 创办/人本, 影评/人本: a title's or role noun's last
			// character is no given name.
			name: "title cut by gse",
			text: "它的创办人本·汤普森(Ben Thompson)说，网站不会收费。不过，影评人本·肯尼斯伯格(Ben Kenigsberg)认为很好。",
			want: map[string]string{"本·汤普森": "person:本·汤普森", "本·肯尼斯伯格": "person:本·肯尼斯伯格"},
			not:  []string{"人本·汤普森", "人本·肯尼斯伯格"},
		},
		{
			// The gloss writes the lexicon person's English name: the
			// spelling of the given name (查理, 菲利浦) does not unlink.
			name: "gloss of the lexicon person",
			text: "喜剧大师查理·卓别林（Charle Chaplin）说，生活是悲剧。司令菲利浦·戴维森(Admiral Phil Davidson)说，威胁在增长。专家大卫·格雷厄姆（David Graham）说，这不是参议员。",
			want: map[string]string{"查理·卓别林": "person:charlie-chaplin", "菲利浦·戴维森": "person:philip-davidson", "大卫·格雷厄姆": "person:大卫·格雷厄姆"},
		},
		{
			// Places in a list of dotted words are no given names.
			name: "list of places",
			text: "疫情严重的黄冈·随州·宜昌·荆州·天门·恩施·黄石等城市都已封城。",
			not:  []string{"天门·恩施·黄石", "荆州·天门·恩施·黄石"},
		},
		{
			// Chad and Jordan in a gloss of a person's name are no
			// countries; a gloss that is only a country's name is.
			name: "country's name in a name's gloss",
			text: "管理该医院的副护士长查德·里克斯(Chad Ricks)五味杂陈。里克斯补充说：“我们很多人都累了。”作家乔丹·斯科特(Jordan Scott)说，他写了这本书。代理部长沃尔夫（Chad F. Wolf）说，边境安全。记者玛丽·乔丹(Mary Jordan)写道，这是真的。他去了新西兰(New Zealand)。",
			want: map[string]string{"查德·里克斯": "person:查德·里克斯", "新西兰": "country:NZL", "New Zealand": "country:NZL"},
			not:  []string{"Chad", "Jordan"},
		},
		{
			// The dot above and the Greek ano teleia (which Unicode folds
			// to the middle dot) between a name's parts.
			name: "dot look-alikes",
			text: "理查德˙尼克松在投书中说，不能让中国孤立。作者：露丝\u0387英格拉姆（Ruth Ingram）",
			want: map[string]string{"理查德˙尼克松": "person:richard-nixon", "露丝\u0387英格拉姆": "person:ruth-ingram"},
			not:  []string{"理查德", "尼克松", "英格拉姆"},
		},
		{
			// A full stop between transliteration characters is a middle
			// dot typed as a stop; between others it ends a sentence.
			name: "full stop as a dot",
			text: "即便是乔.拜登赢了，他也会对抗。西班牙国王胡安.卡洛斯在王宫发表讲话。会议由国家主席.李克强总理主持。",
			want: map[string]string{"乔.拜登": "person:joe-biden", "胡安.卡洛斯": "person:胡安·卡洛斯", "李克强": "person:li-keqiang"},
			not:  []string{"拜登", "胡安", "卡洛斯", "主席.李克强"},
		},
		{
			// 阿不都 (Abdu-) is a syllable, not the adverb 都 gse reads:
			// the names were cut at it (法蒂玛·阿卜, 卡德尔·加拉里丁 and 阿不).
			name: "Abdu names",
			text: "法蒂玛·阿卜都加富尔今年9月收到一封信。艾尔肯·阿不都拉说，很好。最后一次见到我的老教授阿不都卡德尔·加拉里丁(Abduqadir Jalalidin)。流亡挪威的维吾尔学者阿不都外力•阿尤普（Abduweli Ayup）说，很糟。国安局人员阿不都西库尔（Abdushukur）打来电话。",
			want: map[string]string{
				"法蒂玛·阿卜都加富尔": "person:法蒂玛·阿卜都加富尔", "艾尔肯·阿不都拉": "person:艾尔肯·阿不都拉",
				"阿不都卡德尔·加拉里丁": "person:阿不都卡德尔·加拉里丁", "阿不都外力•阿尤普": "person:阿不都外力·阿尤普",
				"阿不都西库尔": "person:阿不都西库尔",
			},
			not: []string{"法蒂玛·阿卜", "阿不", "阿不都", "外力•阿尤普", "卡德尔·加拉里丁"},
		},
		{
			name: "title before the dot",
			text: "周二，候任总统·拜登在特拉华州发表讲话说，他会团结国家。",
			want: map[string]string{"拜登": "person:joe-biden"},
		},
		{
			// A Chinese name is no dotted name's family name.
			name: "Chinese name after the dot",
			text: "2021年1月律师会见·张展未上诉。张展说，她不后悔。",
			want: map[string]string{"张展": "person:zhang-zhan"},
			not:  []string{"会见·张展"},
		},
	})
}

// idCase is a text and the ids its mentions must and must not have.
type idCase struct {
	name, text string
	want       map[string]string // surface → id of every mention of it
	not        []string          // surfaces no mention may have
}

// runIDCases finds each case's mentions with st and checks their ids
// (checkIDs), one subtest a case.
func runIDCases(t *testing.T, st *Stage, cases []idCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string][]string{}
			for _, m := range findWith(t, st, tc.text) {
				got[m.Surface] = append(got[m.Surface], m.EntityID)
			}
			checkIDs(t, got, tc.want, tc.not)
		})
	}
}

// checkIDs checks the ids of the mentions by surface (got): every mention
// of a surface in want has its id, and no surface in not is a mention.
func checkIDs(t *testing.T, got map[string][]string, want map[string]string, not []string) {
	t.Helper()
	for surface, id := range want {
		ids := got[surface]
		if len(ids) == 0 {
			t.Errorf("%s: no mention in %v", surface, got)
		}
		for _, g := range ids {
			if g != id {
				t.Errorf("%s: id %s, want %s (all: %v)", surface, g, id, got)
			}
		}
	}
	for _, s := range not {
		if ids := got[s]; len(ids) > 0 {
			t.Errorf("%s: a mention (%v), want none (all: %v)", s, ids, got)
		}
	}
}

// TestGivenBeforeName checks that coreference takes a dotted name's given
// name for its person only after the person is named, unless the post
// writes the given name as the name itself (another dot, the family name
// run on, a Latin gloss).
func TestGivenBeforeName(t *testing.T) {
	st := withNames(t)
	for _, tc := range []struct {
		name, text string
		// want is the id of each occurrence of given in the text, in
		// order; "" for no mention.
		given string
		want  []string
	}{
		{
			// Frederick the Great, and once his nephew.
			name:  "someone else's given name",
			text:  "腓特烈大帝登基后推行改革。腓特烈大帝还写信给伏尔泰。历史学家腓特烈·梅尼克说，改革很成功。",
			given: "腓特烈",
			want:  []string{"", "", "person:腓特烈·梅尼克"},
		},
		{
			name:  "after the name",
			text:  "乌克兰导演阿列克谢·格尔曼说，电影很难拍。阿列克谢还说，资金不够。",
			given: "阿列克谢",
			want:  []string{"person:阿列克谢·格尔曼", "person:阿列克谢·格尔曼"},
		},
		{
			name: "before the name",
			// Not while the post also names her by the given name alone
			// (伊丽莎白说 after the full name): that form is hers.
			text:  "尽管伊丽莎白女王未出席，赛马会照常举行。创业者伊丽莎白·霍姆斯到场，她很高兴。",
			given: "伊丽莎白",
			want:  []string{"", "person:伊丽莎白·霍姆斯"},
		},
		{
			// Introduced by a gloss before the full name.
			name:  "glossed",
			text:  "她的儿子亨特(Hunter)与一家公司有来往。后来，亨特·沃克斯否认了指控。",
			given: "亨特",
			want:  []string{"person:亨特·沃克斯", "person:亨特·沃克斯"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := findWith(t, st, tc.text)
			text := []rune(tc.text)
			var got []string
			for i := 0; i+len([]rune(tc.given)) <= len(text); i++ {
				if string(text[i:i+len([]rune(tc.given))]) != tc.given {
					continue
				}
				id := ""
				for _, m := range ms {
					if m.Type == "person" && int(m.Start) <= i && i < int(m.Stop) {
						id = m.EntityID
					}
				}
				got = append(got, id)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("ids of %s: %q, want %q (mentions %v)", tc.given, got, tc.want, ms)
			}
		})
	}
}

// TestCutTrailing: a Chinese name ends before a preposition, a count of
// people or a dateline's place that the title rule or the tagger ran over.
func TestCutTrailing(t *testing.T) {
	runIDCases(t, withNames(t), []idCase{
		{
			name: "preposition after a title",
			text: "江西宜春公民、残疾人胡湘银因积极参加维权行动被抓。女子监狱狱警唐安智除指使犯人殴打她。",
			want: map[string]string{"胡湘银": "person:胡湘银", "唐安智": "person:唐安智"},
			not:  []string{"胡湘银因", "唐安智除"},
		},
		{
			// The cut name is the lexicon's person.
			name: "lexicon person",
			text: "人权律师张展因揭露疫情被判刑。中央党校退休教授蔡霞因批评当局被开除党籍。",
			want: map[string]string{"张展": "person:zhang-zhan", "蔡霞": "person:cai-xia"},
			not:  []string{"张展因", "蔡霞因"},
		},
		{
			// The longer form took the id of every shorter mention.
			name: "preposition inside the span",
			text: "新疆乌鲁木齐公民李霖因言获罪。李霖、李龙全、李梅花等人被捕。",
			want: map[string]string{"李霖": "person:李霖"},
			not:  []string{"李霖因言"},
		},
		{
			name: "count of people",
			text: "余浚聪、米久平、刘鹏华、李展四人被正式逮捕。李展说，他没有罪。",
			want: map[string]string{"李展": "person:李展"},
			not:  []string{"李展四人"},
		},
		{
			// Transliterations gse knows keep 因; given names that gse
			// reads as a conjunction or preposition stay whole.
			name: "guards",
			text: "约旦国王侯赛因说，和平可期。学者施泰因表示反对。工人乔娜然说，她没有钱。工人李长根说，工资没发。",
			want: map[string]string{"侯赛因": "person:侯赛因", "施泰因": "person:施泰因", "乔娜然": "person:乔娜然", "李长根": "person:李长根"},
			not:  []string{"侯赛", "施泰", "乔娜", "李长"},
		},
	})
}
