package entities

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/hanzi"
	"github.com/newsnlp/newsnlp/models/names"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
	"github.com/newsnlp/newsnlp/stages/segment"
)

var (
	namesOnce  sync.Once
	namesStage *Stage
)

// withNames is the test stage with the embedded name tagger.
func withNames(t testing.TB) *Stage {
	st, _ := setup(t)
	namesOnce.Do(func() {
		m, err := tagger.Read(names.Reader())
		if err != nil {
			panic(err)
		}
		var dec *Decision
		if !handSetTest {
			if dec, err = ReadDecision(names.Decision()); err != nil {
				panic(err)
			}
		}
		namesStage, err = NewStage(st.g, StageOptions{Names: m, Threshold: testThreshold, Short: testShort, Trans: testTrans, Veto: testVeto, Decision: dec})
		if err != nil {
			panic(err)
		}
	})
	return namesStage
}

// countMentions counts the mentions ms of surface, of type typ ("" for
// any).
func countMentions(ms []pipeline.Mention, typ, surface string) int {
	n := 0
	for _, m := range ms {
		if m.Surface == surface && (typ == "" || m.Type == typ) {
			n++
		}
	}
	return n
}

func findWith(t testing.TB, st *Stage, text string) []pipeline.Mention {
	_, seg := setup(t)
	norm := seg.Normalize(text, "simplified")
	return st.Find(text, norm, seg.Tokens(norm), nil)
}

type registerLine = RegisterLine

// readRegister reads a file of sentences with person names in [[double
// brackets]].
func readRegister(t *testing.T, name string) []registerLine {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := ReadRegister(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// registerScore is exact-span precision and recall of person mentions.
func registerScore(t *testing.T, st *Stage, lines []registerLine) (p, r float64, misses, falses []string) {
	tp, fp, fn := 0, 0, 0
	for _, l := range lines {
		gold := map[[2]int]bool{}
		for _, g := range l.Names {
			gold[g] = true
		}
		got := map[[2]int]bool{}
		rs := []rune(l.Text)
		for _, m := range findWith(t, st, l.Text) {
			if m.Type != "person" {
				continue
			}
			k := [2]int{m.Start, m.Stop}
			got[k] = true
			if gold[k] {
				tp++
			} else {
				fp++
				falses = append(falses, string(rs[m.Start:m.Stop])+"/"+m.Method)
			}
		}
		for g := range gold {
			if !got[g] {
				fn++
				misses = append(misses, string(rs[g[0]:g[1]]))
			}
		}
	}
	return float64(tp) / float64(max(1, tp+fp)), float64(tp) / float64(max(1, tp+fn)), misses, falses
}

// TestOutOfRegister holds person-name recall on sentences unlike the
// corpus's posts (written for this test) with precision at least 0.90:
// models/names/register.txt, which the decision over proposed names learns from, and
// outofregister_heldout.txt, written later and never tuned on.
func TestOutOfRegister(t *testing.T) {
	for _, c := range []struct {
		file       string
		floorP, fR float64
	}{
		{"../../models/names/register.txt", registerPrecisionFloor, registerRecallFloor},
		{"testdata/outofregister_heldout.txt", heldoutPrecisionFloor, heldoutRecallFloor},
	} {
		t.Run(strings.TrimSuffix(filepath.Base(c.file), ".txt"), func(t *testing.T) {
			lines := readRegister(t, c.file)
			st, _ := setup(t)
			p0, r0, _, _ := registerScore(t, st, lines)
			p, r, misses, falses := registerScore(t, withNames(t), lines)
			t.Logf("%d sentences; rules: P %.3f R %.3f; with the tagger: P %.3f R %.3f", len(lines), p0, r0, p, r)
			t.Logf("missed: %s", strings.Join(misses, " "))
			t.Logf("false: %s", strings.Join(falses, " "))
			if p < c.floorP || r < c.fR {
				t.Errorf("precision %.3f (floor %.2f), recall %.3f (floor %.2f)", p, c.floorP, r, c.fR)
			}
		})
	}
}

// testThreshold, testShort, testTrans and testVeto are the settings of
// the command (cmd/newsnlp: defaultNamesThreshold, defaultNamesShort,
// defaultNamesTrans, defaultNamesVeto).
var (
	testThreshold, testVeto = envFloat("NAMES_THR", 0.5), envFloat("NAMES_VETO", 0.1)
	testShort, testTrans    = envFloat("NAMES_SHORT", 0), envFloat("NAMES_TRANS", 0)
)

// handSetTest measures the hand-set thresholds above instead of the
// shipped decision (NAMES_HAND=1).
var handSetTest = os.Getenv("NAMES_HAND") != ""

// The floors are a little below the figures reached. The held-out floor
// went down from 0.72 to 0.70 when the shipped tagger was retrained with
// the recipe in the code (the one before could no longer be made from it):
// held-out recall 0.740 -> 0.719, register 0.830 -> 0.851. The widely
// known historical and literary figures added to models/people raised them
// to 0.792 (held-out) and 0.929 (register, in-sample); the tagger retrained
// with them among its training names to 0.802 and 0.936.
const (
	registerRecallFloor, registerPrecisionFloor = 0.91, 0.90
	heldoutRecallFloor, heldoutPrecisionFloor   = 0.78, 0.90
)

func envFloat(k string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(k), 64); err == nil {
		return v
	}
	return def
}

// BenchmarkFindNames runs the stage with the tagger over the out-of-register
// sentences as one text.
func BenchmarkFindNames(b *testing.B) {
	f, err := os.ReadFile("../../models/names/register.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.NewReplacer("[[", "", "]]", "").Replace(string(f))
	st := withNames(b)
	_, seg := setup(b)
	norm := seg.Normalize(text, "simplified")
	toks := seg.Tokens(norm)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		st.Find(text, norm, toks, nil)
	}
}

// BenchmarkReadNames reads the shipped tagger model: the run's start-up
// share of the tagger.
func BenchmarkReadNames(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tagger.Read(names.Reader()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFindReusesDocs finds the mentions of posts of different lengths and
// scripts one after another, longer before shorter and back, through the
// docs Find reuses: each post's mentions equal those found in a fresh doc.
func TestFindReusesDocs(t *testing.T) {
	st := withNames(t)
	_, seg := setup(t)
	texts := []string{
		"分析师迈克尔·库格尔曼认为局势紧张。库格尔曼说，双方都想维持现状。律师李进进说，案件没有证据。后来李进进说，他会上诉。",
		"書店店長林榮基說，他要離開香港。林先生表示擔心。",
		"美国总统特朗普和俄罗斯总统普京通话。德国之声报道，王毅访华。",
		"名为李方的推友写道，李方很失望。",
		"沒有人名。",
		"薇诺娜‧瑞德（Winona Ryder）说。",
	}
	type post struct {
		text, norm string
		want       string
	}
	var posts []post
	for _, text := range texts {
		script := "simplified"
		for _, r := range text {
			if hanzi.Load().Traditional(r) {
				script = "traditional"
			}
		}
		norm := seg.Normalize(text, script)
		_, ms := st.findCollect(text, norm, seg.Tokens(norm), nil, true, nil)
		posts = append(posts, post{text, norm, render(ms)})
	}
	found := 0
	for round := range 3 {
		for _, p := range posts {
			got := render(st.Find(p.text, p.norm, seg.Tokens(p.norm), nil))
			if got != p.want {
				t.Fatalf("round %d, %s:\n got %s\nwant %s", round, p.text, got, p.want)
			}
			found += len(got)
		}
		slices.Reverse(posts)
	}
	if found == 0 {
		t.Fatal("no mentions at all: the test compares nothing")
	}
}

// TestNameWindowsSplitName checks that the tagger reads a three-character
// name gse cuts as a word of the surname and the next character and then
// the last character alone (高树/超, 郑克/鲁): before, no window covered
// them and the tagger never saw the name.
func TestNameWindowsSplitName(t *testing.T) {
	st, seg := setup(t)
	for _, c := range []struct{ text, name string }{
		{"专门研究国际贸易的新加坡管理大学法学教授高树超说。", "高树超"},
		{"著名翻译家郑克鲁逝世：他曾影响一代读者。", "郑克鲁"},
	} {
		norm := seg.Normalize(c.text, "simplified")
		d, _ := st.find(c.text, norm, seg.Tokens(norm), nil, false)
		at := strings.Index(norm, c.name)
		i := utf8.RuneCountInString(norm[:at])
		j := i + utf8.RuneCountInString(c.name)
		covered := false
		for _, cl := range d.clauses() {
			for _, w := range d.nameWindows(cl[0], cl[1], nil) {
				covered = covered || w[0] <= i && j <= w[1]
			}
		}
		if !covered {
			t.Errorf("%s: no window covers %s", c.text, c.name)
		}
	}
	if ms := findWith(t, withNames(t), "专门研究国际贸易的新加坡管理大学法学教授高树超说。"); !slices.ContainsFunc(ms, func(m pipeline.Mention) bool { return m.Surface == "高树超" && m.Type == "person" }) {
		t.Errorf("高树超 not found: %v", ms)
	}
}

// TestLatinNameCues checks Latin-script names after a title, set off by
// spaces or not: the decision over proposed names read the tagger's
// confidence (always near zero on Latin letters) and no title across the
// space, and refused them.
func TestLatinNameCues(t *testing.T) {
	st := withNames(t)
	for _, c := range []struct{ text, name string }{
		{"包括前得克萨斯州议员 Beto O'Rourke 在内，至少已有三位民主党总统候选人批评了 NBA 。", "Beto O'Rourke"},
		{"美国电脑科学家Nicholas Negroponte 曾经把这种新闻形容成为“每日自我播报”。", "Nicholas Negroponte"},
	} {
		if ms := findWith(t, st, c.text); !slices.ContainsFunc(ms, func(m pipeline.Mention) bool { return m.Surface == c.name && m.Type == "person" }) {
			t.Errorf("%s: %s not found: %v", c.text, c.name, ms)
		}
	}
}

// TestOrgFinalWeighed: a tagger name ending in a character that heads
// organisations (科, 局) is weighed by the decision (org-final), not vetoed
// as the rules' names are: 苏博科 is a name, 财政科 and 刑侦科 are not.
func TestOrgFinalWeighed(t *testing.T) {
	st := withNames(t)
	text := "阿斯利康首席执行官苏博科(Pascal Soriot)表示：“有一种可能性。”市财政局财政科表示同意。他去了派出所刑侦科。"
	ms := findWith(t, st, text)
	if !slices.ContainsFunc(ms, func(m pipeline.Mention) bool { return m.Surface == "苏博科" && m.Type == "person" }) {
		t.Errorf("苏博科 not found: %v", ms)
	}
	for _, m := range ms {
		if m.Type == "person" && m.Surface != "苏博科" {
			t.Errorf("%s taken for a person", m.Surface)
		}
	}
}

// TestRepeatGluedToVerb: a found name repeated where gse glued its last
// character to a verb of saying (姜家/文说) is a mention all the same.
func TestRepeatGluedToVerb(t *testing.T) {
	st := withNames(t)
	text := "政府人员曾强抢姜家文的手机，被久敬庄的警察给制止。\n转发一个视频被抓\n姜家文说，“我当天被押返丹东市。”"
	n := countMentions(findWith(t, st, text), "", "姜家文")
	if n != 2 {
		t.Errorf("姜家文 found %d times, want 2", n)
	}
}

// TestSurnameHong: 洪, among the hundred commonest surnames, was missing
// from the list, and names in it were read by no rule nor window
// (出版人洪晃说).
func TestSurnameHong(t *testing.T) {
	st, seg := setup(t)
	text := "中国文化评论人和出版人洪晃说。"
	norm := seg.Normalize(text, "simplified")
	d, _ := st.find(text, norm, seg.Tokens(norm), nil, false)
	i := utf8.RuneCountInString(norm[:strings.Index(norm, "洪晃")])
	covered := false
	for _, cl := range d.clauses() {
		for _, w := range d.nameWindows(cl[0], cl[1], nil) {
			covered = covered || w[0] <= i && i+2 <= w[1]
		}
	}
	if !covered {
		t.Errorf("%s: no window covers 洪晃", text)
	}
}

// TestCorefNoThingParts: coreference does not spread a discovered dotted
// name's part that gse reads as a word of another kind (留守 of a
// citation's 王欧．留守, a verb), nor a part or a name the post writes
// before a company's head (亚马逊公司).
func TestCorefNoThingParts(t *testing.T) {
	st := withNames(t)
	for _, tc := range []struct{ text, part string }{
		{"[3]王欧．留守经历与家庭分工研究。村里的留守老人越来越多，留守儿童也不少。", "留守"},
		{"他写过一份题为《亚马逊·爱》的备忘录。亚马逊公司的创始人说，亚马逊会继续扩张。", "亚马逊"},
	} {
		for _, m := range findWith(t, st, tc.text) {
			if m.Type == "person" && m.Surface == tc.part {
				t.Errorf("%s: %s a person (%s, entity %s)", tc.text, m.Surface, m.Method, m.Name)
			}
		}
	}
}

// TestCorefKeepsNames: a transliterated part gse reads as a place (罗宾/ns
// of 罗宾·托平) is still spread.
func TestCorefKeepsNames(t *testing.T) {
	st := withNames(t)
	for _, tc := range []struct{ text, name string }{
		{"他的女儿罗宾·托平在柏林工作。罗宾每年回来一次。", "罗宾"},
	} {
		coref := false
		for _, m := range findWith(t, st, tc.text) {
			coref = coref || m.Type == "person" && m.Surface == tc.name && m.Method == "coref"
		}
		if !coref {
			t.Errorf("%s: %s not found by coreference", tc.text, tc.name)
		}
	}
}

// TestDottedNameEdges: the small full stop (﹒) some input methods type is
// a middle dot, and a title written after a dotted name (博士, 拉比) is no
// part of it, whether the dotted rule or the tagger reads the name.
func TestDottedNameEdges(t *testing.T) {
	st := withNames(t)
	for _, tc := range []struct{ text, want, not string }{
		{"法院判处阿依别克﹒努尔兰有期徒刑五年，他的家人提出上诉。", "person:阿依别克·努尔兰", "person:努尔兰"},
		{"村里的叶尔波拉提﹒哈斯木说，牧场已经被收回。", "person:叶尔波拉提·哈斯木", "person:哈斯木"},
		{"研讨会上，玛格丽特·赫斯特博士介绍了新的研究成果。", "person:玛格丽特·赫斯特", "person:玛格丽特·赫斯特博士"},
		{"犹太会堂的本杰明·罗森塔尔拉比（Benjamin Rosenthal）表示欢迎。", "person:本杰明·罗森塔尔", "person:本杰明·罗森塔尔拉比"},
		// A last part gse reads as one syllable and a place or an adverb
		// (戈/德堡, 苏非, 埃/普利): dottedPart.
		{"智库的研究员托马斯·戈德堡说：“供应链很脆弱。”", "person:托马斯·戈德堡", "person:托马斯·戈德"},
		{"活动人士席亚·苏非说，移民都很担心。", "person:席亚·苏非", "person:席亚·苏"},
		{"但是汤姆·埃普利当天在芝加哥做了实验。", "person:汤姆·埃普利", "person:汤姆·埃"},
	} {
		var got []string
		for _, m := range findWith(t, st, tc.text) {
			if m.Type == "person" {
				got = append(got, m.EntityID)
			}
		}
		if !slices.Contains(got, tc.want) || slices.Contains(got, tc.not) {
			t.Errorf("%s: people %v, want %s and not %s", tc.text, got, tc.want, tc.not)
		}
	}
}

// TestNamesCutShort: names the rules cut (names25): an ordinal (二世) read
// into the name, and a two-character name the post writes three times with
// the same function character after it. Sentences written for the test.
func TestNamesCutShort(t *testing.T) {
	st := withNames(t)
	for _, tc := range []struct {
		text string
		want []string // surface=entity_id
		not  []string
	}{
		{"卫生部长亚历克斯·M·阿扎二世今天抵达台北。", []string{"亚历克斯·M·阿扎二世=person:alex-azar"}, nil},
		{"这批陶器属于公元前二世纪。", nil, []string{"二世=person:二世"}},
		{"研究所教授张信和接受采访时说，形势紧张。张信和认为，双方都有责任。张信和指出，谈判仍有可能。",
			[]string{"张信和=person:张信和"}, []string{"张信=person:张信"}},
		{"记者王明和同事前往现场。王明和村民交谈。", []string{"王明=person:王明"}, []string{"王明和=person:王明和"}},
	} {
		got := map[string]bool{}
		for _, m := range findWith(t, st, tc.text) {
			if m.Type == "person" {
				got[m.Surface+"="+m.EntityID] = true
			}
		}
		checkPeople(t, tc.text, "people", got, tc.want, tc.not)
	}
}

// rulePeople returns the surfaces of the people the discovery rules find
// in text, before the tagger and the decision.
func rulePeople(t *testing.T, st *Stage, seg *segment.Segmenter, text string) map[string]bool {
	t.Helper()
	norm := seg.Normalize(text, "simplified")
	d, _ := st.find(text, norm, seg.Tokens(norm), nil, false)
	got := map[string]bool{}
	for _, f := range d.found {
		if f.typ == "person" {
			got[string(d.norm[f.start:f.stop])] = true
		}
	}
	return got
}

// checkPeople reports each of want missing from got and each of not in
// it; what names got in the messages.
func checkPeople(t *testing.T, text, what string, got map[string]bool, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !got[w] {
			t.Errorf("%s: %s %v, want %s", text, what, got, w)
		}
	}
	for _, w := range not {
		if got[w] {
			t.Errorf("%s: %s %v, want no %s", text, what, got, w)
		}
	}
}

// TestGluedSpeaker: the rules read a name whose last character gse glues
// to the verb of saying after it (陈芳/明说, 郝/德/明说) to its end, and 明说
// as a verb of its own (没明说) gives no name. The rules only propose: the
// decision, which reads the tagger's confidence in the span, may still drop
// the name (the tagger, trained on gse's words, reads 陈芳 before 明说), so
// the end-to-end case is one it keeps. Sentences written for the test.
func TestGluedSpeaker(t *testing.T) {
	st, seg := setup(t)
	for _, tc := range []struct {
		text string
		want []string // surfaces of people the rules find
		not  []string
	}{
		{"陈芳明说，这件事还没有结束。", []string{"陈芳明"}, []string{"陈芳"}},
		{"牧民席海明说，草场被占了。", []string{"席海明"}, []string{"席海"}},
		{"老胡没明说，大家都明白。", nil, []string{"老胡没", "胡没明"}},
		{"我们不能明说，这是一个问题。", nil, []string{"不能明"}},
	} {
		got := rulePeople(t, st, seg, tc.text)
		checkPeople(t, tc.text, "the rules' people", got, tc.want, tc.not)
	}
	named := withNames(t)
	text := "「逃兵论不攻自破。」郝德明说。"
	var got []string
	for _, m := range findWith(t, named, text) {
		if m.Type == "person" {
			got = append(got, m.Surface)
		}
	}
	if !slices.Equal(got, []string{"郝德明"}) {
		t.Errorf("%s: people %v, want [郝德明]", text, got)
	}
}

// TestLexiconNameExtended: a lexicon name of two characters reads on over
// a character no lexicon name gives only right before a verb of saying
// (王文/彬/表示), and never over an adverb (王文也表示). Sentences written for
// the test.
func TestLexiconNameExtended(t *testing.T) {
	st := withNames(t)
	for _, tc := range []struct {
		text string
		want []string // surfaces of people
		not  []string
	}{
		{"物流公司负责人王文彬表示，仓库已经扩建。", []string{"王文彬"}, []string{"王文"}},
		{"王文也表示，形势很严峻。", []string{"王文"}, []string{"王文也"}},
	} {
		got := map[string]bool{}
		for _, m := range findWith(t, st, tc.text) {
			if m.Type == "person" {
				got[m.Surface] = true
			}
		}
		checkPeople(t, tc.text, "people", got, tc.want, tc.not)
	}
}

// TestSurnameMeasureWord: gse tags the surname 张 a measure word (张/q 颖/nr)
// wherever it stands; it is one only after a numeral or a demonstrative
// (一张纸, 这张照片). Sentences written for the test.
func TestSurnameMeasureWord(t *testing.T) {
	st, seg := setup(t)
	for _, tc := range []struct {
		text string
		want []string // surfaces of people the rules find
		not  []string
	}{
		{"在法庭外，张颖说，罪名是加重的。", []string{"张颖"}, nil},
		{"消息传出后，张英表示，效果很好。", []string{"张英"}, nil},
		{"他拿出一张纸说，这是证据。", nil, []string{"张纸"}},
		{"这张图说明了一切。", nil, []string{"张图"}},
		{"桌上放着3张照片。", nil, []string{"张照片", "张照"}},
	} {
		got := rulePeople(t, st, seg, tc.text)
		checkPeople(t, tc.text, "the rules' people", got, tc.want, tc.not)
	}
}

// TestKinNoPerson: a surname and 父, 母 or 妻 names someone's kin, a
// description the annotation guide counts as no person (陆母): no rule
// proposes it, and its surname alone is not coreference of the person the
// post named with it. Sentences written for the test.
func TestKinNoPerson(t *testing.T) {
	st, seg := setup(t)
	for _, tc := range []struct {
		text string
		not  []string
	}{
		{"赵敏母亲接受采访。赵母表示，她不接受道歉。", []string{"赵母"}},
		{"记者联系了董父。董父说，女儿已经失联。", []string{"董父"}},
		{"韩妻认为，丈夫是被冤枉的。", []string{"韩妻"}},
	} {
		got := rulePeople(t, st, seg, tc.text)
		checkPeople(t, tc.text, "the rules' people", got, nil, tc.not)
	}
	text := "律师潘晓颖说，案件还没有结束。潘母表示，不接受道歉。"
	named := withNames(t)
	for _, m := range findWith(t, named, text) {
		if m.Type == "person" && (m.Surface == "潘母" || m.Surface == "潘") {
			t.Errorf("%s: person %q at %d, want none (the mother is no person; 潘 is hers)", text, m.Surface, m.Start)
		}
	}
}

// TestTaggerLonger: a rule's name gives way to the tagger's span from its
// start one or two characters further, unless those are a function word,
// a title or a thing's head.
func TestTaggerLonger(t *testing.T) {
	st, seg := setup(t)
	for _, tc := range []struct {
		text     string
		i, j, sp int // the rule's name [i, j), the tagger's span [i, sp)
		want     int
	}{
		{"法官郭志安於判決書中指出", 2, 4, 5, 5},
		{"法官郭志和同事指出", 2, 4, 5, 4},
		{"法官郭志律师指出", 2, 4, 6, 4},
		{"校长郭志学院指出", 2, 4, 6, 4},
		{"法官郭志安於判決書中指出", 2, 4, 7, 4},
	} {
		norm := seg.Normalize(tc.text, "simplified")
		d, _ := st.find(tc.text, norm, seg.Tokens(norm), nil, false)
		for k := range d.covered {
			d.covered[k] = k >= tc.i && k < tc.j
		}
		res := &tagger.Result{Spans: []tagger.Span{{Start: tc.i, Stop: tc.sp, Conf: 1}}}
		if got := d.taggerLonger(tc.i, tc.j, 0, len(d.norm), res); got != tc.want {
			t.Errorf("%s [%d,%d) span to %d: %d, want %d", tc.text, tc.i, tc.j, tc.sp, got, tc.want)
		}
	}
}
