package entities

import (
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/models/lexicon"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
)

// Augment makes NameExamples add, for each clause with a name, a copy in
// which every person is replaced by a generated name: the corpus's people
// are the 1,680 of the lexicon and those the rules find, and a tagger
// trained on them alone learns those names rather than what a name looks
// like.
type Augment struct {
	// Segment cuts a clause into words as a run does (the segmenter with
	// the lexicons' words).
	Segment func(norm string) []pipeline.Token
	// Names are example person names (gse's dictionary words tagged nr):
	// the generated names follow the frequencies of their surnames and
	// given-name characters and reuse their transliterated parts.
	Names []string
}

// nameGen draws names. Its tables are sorted, so that the same lists give
// the same names for the same seed.
type nameGen struct {
	surn, surn2, given1, given2 weighted
	trans                       weighted // transliteration characters
	parts                       []string // transliterated name parts
	jaSurn, jaGiven             []string // Japanese surnames and given names
}

type weighted struct {
	items []string
	cum   []int
}

func newWeighted(count map[string]int) weighted {
	var w weighted
	for k := range count {
		w.items = append(w.items, k)
	}
	sort.Strings(w.items)
	t := 0
	for _, k := range w.items {
		t += count[k]
		w.cum = append(w.cum, t)
	}
	return w
}

func (w *weighted) draw(r *rand.Rand) string {
	if len(w.items) == 0 {
		return ""
	}
	x := r.IntN(w.cum[len(w.cum)-1])
	return w.items[sort.SearchInts(w.cum, x+1)]
}

// Japanese surnames and given names, written as Chinese news writes them.
var (
	jaSurnames = strings.Fields("佐藤 铃木 高桥 田中 渡边 伊藤 山本 中村 小林 加藤 吉田 山田 佐佐木 山口 松本 井上 木村 清水 斋藤 山崎 森田 池田 桥本 石川 小川 前田 冈田 长谷川 藤田 后藤 近藤 村上 远藤 青木 坂本 福田 太田 西村 藤原 冈本 安倍 岸田 菅野 石破 野田 小泉 河野 二阶")
	jaGiven    = strings.Fields("一郎 太郎 健太 翔太 大辅 浩二 直树 裕子 惠子 美智子 由美 直子 晋三 文雄 义伟 茂 洋子 明美 和也 拓也 健 诚 浩 隆 彻 修 胜也 雅人 真纪 阳菜")
)

func newNameGen(g *Gazetteer, names []string) *nameGen {
	sc, sc2, g1, g2, tc := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	parts := map[string]bool{}
	for _, s := range lexicon.Surnames() {
		r := []rune(s)
		if len(r) == 1 {
			sc[s]++
		} else if len(r) == 2 {
			sc2[s]++
		}
	}
	for _, n := range names {
		r := []rune(g.norm(n))
		if len(r) < 2 || len(r) > 4 || !allHan(r) {
			continue
		}
		switch {
		case len(r) >= 3 && g.surn.double(r[0], r[1]):
			sc2[string(r[:2])]++
			for _, c := range r[2:] {
				g1[string(c)]++
			}
		case g.surn.single(r[0]) && len(r) <= 3:
			sc[string(r[:1])]++
			if len(r) == 3 {
				for _, c := range r[1:] {
					g1[string(c)]++
				}
				g2[string(r[1:])]++
			} else {
				g1[string(r[1])]++
			}
		}
		trans := true
		for _, c := range r {
			trans = trans && g.trans.Has(c)
		}
		if trans && len(r) >= 2 {
			parts[string(r)] = true
			for _, c := range r {
				tc[string(c)]++
			}
		}
	}
	// Given names of two characters seen as a whole are a fifth of the
	// draws; the rest combine characters by their frequencies.
	ng := &nameGen{surn: newWeighted(sc), surn2: newWeighted(sc2), given1: newWeighted(g1), given2: newWeighted(g2), trans: newWeighted(tc)}
	for p := range parts {
		ng.parts = append(ng.parts, p)
	}
	sort.Strings(ng.parts)
	ng.jaSurn, ng.jaGiven = jaSurnames, jaGiven
	return ng
}

func allHan(r []rune) bool {
	for _, c := range r {
		if !isHan(c) {
			return false
		}
	}
	return true
}

// chinese draws a Chinese name: a surname (one in thirty double) and one
// given-name character (a quarter of the names) or two.
func (ng *nameGen) chinese(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(30) == 0 && len(ng.surn2.items) > 0 {
		b.WriteString(ng.surn2.draw(r))
	} else {
		b.WriteString(ng.surn.draw(r))
	}
	switch x := r.IntN(20); {
	case x < 5:
		b.WriteString(ng.given1.draw(r))
	case x < 9 && len(ng.given2.items) > 0:
		b.WriteString(ng.given2.draw(r))
	default:
		b.WriteString(ng.given1.draw(r))
		b.WriteString(ng.given1.draw(r))
	}
	return b.String()
}

// foreign draws a transliterated name: one part (a third) or two joined
// by the middle dot, each part a known one or 2–4 drawn characters.
func (ng *nameGen) foreign(r *rand.Rand) string {
	part := func() string {
		if len(ng.parts) > 0 && r.IntN(2) == 0 {
			return ng.parts[r.IntN(len(ng.parts))]
		}
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(ng.trans.draw(r))
		}
		return b.String()
	}
	if r.IntN(3) == 0 {
		return part()
	}
	return part() + "·" + part()
}

func (ng *nameGen) japanese(r *rand.Rand) string {
	return ng.jaSurn[r.IntN(len(ng.jaSurn))] + ng.jaGiven[r.IntN(len(ng.jaGiven))]
}

// like draws a name of the kind of orig: a transliteration for a
// transliteration, mostly a Chinese name otherwise; one in ten of any
// other kind.
func (ng *nameGen) like(orig []rune, g *Gazetteer, r *rand.Rand) string {
	foreign := false
	for _, c := range orig {
		if c == '·' {
			foreign = true
		}
	}
	if !foreign && len(orig) >= 3 && !g.surn.single(orig[0]) {
		foreign = true
		for _, c := range orig {
			foreign = foreign && g.trans.Has(c)
		}
	}
	x := r.IntN(20)
	switch {
	case x == 0:
		return ng.japanese(r)
	case x <= 2:
		foreign = !foreign
	}
	if foreign {
		return ng.foreign(r)
	}
	return ng.chinese(r)
}

// augmented returns the clause [s, e) of x with its people (the spans of
// names, sorted and inside it) replaced by generated names, as an
// example, or false when a name straddles the clause's ends. The
// characters the clause leaves out of the loss (tagger.Unknown in labels)
// stay out of it.
func (s *Stage) augmented(x *doc, c [2]int, names [][2]int, labels []byte, seed uint64) (tagger.Example, bool) {
	r := rand.New(rand.NewPCG(seed, 0x6e616d6573))
	var runes []rune
	var spans [][2]int
	var unknown []int
	k := c[0]
	keep := func(a, b int) {
		for i := a; i < b; i++ {
			if labels[i] == tagger.Unknown {
				unknown = append(unknown, len(runes)+i-a)
			}
		}
		runes = append(runes, x.norm[a:b]...)
	}
	for _, m := range names {
		if m[1] <= c[0] || m[0] >= c[1] {
			continue
		}
		if m[0] < c[0] || m[1] > c[1] || m[0] < k {
			return tagger.Example{}, false
		}
		keep(k, m[0])
		name := []rune(s.gen.like(x.norm[m[0]:m[1]], s.g, r))
		spans = append(spans, [2]int{len(runes), len(runes) + len(name)})
		runes = append(runes, name...)
		k = m[1]
	}
	if len(spans) == 0 {
		return tagger.Example{}, false
	}
	keep(k, c[1])
	text := string(runes)
	y, _ := s.find(text, text, s.aug.Segment(text), nil, false)
	out := make([]byte, len(y.norm))
	for i := range out {
		out[i] = tagger.O
	}
	for _, i := range unknown {
		out[i] = tagger.Unknown
	}
	for _, sp := range spans {
		for i := sp[0]; i < sp[1]; i++ {
			out[i] = tagger.I
		}
		out[sp[0]], out[sp[1]-1] = tagger.B, tagger.E
	}
	var in tagger.Input
	y.tagInput(0, len(y.norm), y.lexCodes(), y.verbStarts(), nil, nil, &in)
	in.Runes = append([]rune(nil), in.Runes...)
	return tagger.Example{In: in, Labels: out}, true
}
