package quotes

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/newsnlp/newsnlp/pipeline"
)

// A short span marked twice in a post is a term; marked once it is not
// said to come back.
func TestShortMarkedAgain(t *testing.T) {
	text := "阿里经营“虾米音乐”只为上市？评论人士认为，“虾米音乐”的关闭早有预兆。他批评这是“胡闹”。"
	_, _, spans := rulesOnly().Examples(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: text}, nil)
	got := map[string]bool{}
	for _, s := range spans {
		if slices.Contains(s.Features, "short|marked_again") {
			got[s.Text] = true
		}
	}
	if !got["虾米音乐"] || got["胡闹"] || len(spans) != 3 {
		t.Errorf("marked again: %v of %d spans", got, len(spans))
	}
}

// charClassByName is the character class as it was named before the
// classes were numbered: the oracle of TestShortNumbered.
func charClassByName(r []rune, i int) string {
	if i < 0 || i >= len(r) {
		return "edge"
	}
	c := r[i]
	switch {
	case runeIn(c, classWords):
		return string(c)
	case c == '\n':
		return "nl"
	case isHan(c):
		return "han"
	case unicode.IsLetter(c) || unicode.IsDigit(c):
		return "latin"
	case isCloseMark(c) || closeOf(c) != 0:
		return "mark"
	}
	return "other"
}

// TestShortNumbered checks that the detector's numbered features are named
// as the string form names them, every character's class by number as by
// name, and that the detector scores spans as the sum of its features'
// weights by name, in order (bit for bit).
func TestShortNumbered(t *testing.T) {
	if len(classWordRunes) != nClassWords {
		t.Fatalf("classWords has %d distinct characters, nClassWords %d", len(classWordRunes), nClassWords)
	}
	for c := rune(0); c < 0x30000; c++ {
		r := []rune{'x', c, 'y'}
		if got, want := charClassNames[charClassOf(r, 1)], charClassByName(r, 1); got != want {
			t.Fatalf("%U: class %q by number, %q by name", c, got, want)
		}
	}
	for _, i := range []int{-1, 3} {
		if got := charClassNames[charClassOf([]rune("abc"), i)]; got != "edge" {
			t.Errorf("class at %d: %q", i, got)
		}
	}
	for x := -1; x <= 40; x++ {
		if got, want := shortNames[int(shLen)+binIndex(x, shortLenEdges[:])], "short|len="+bin(x, 1, 2, 3, 4, 5); got != want {
			t.Errorf("length %d: %q, want %q", x, got, want)
		}
		if got, want := shortNames[int(shClause)+binIndex(x, shortClauseEdges[:])], "short|cue_clause="+bin(x, 2, 5, 10, 30); got != want {
			t.Errorf("clause %d: %q, want %q", x, got, want)
		}
	}
	s := New()
	m := s.model
	if m == nil || !m.short {
		t.Skip("no shipped detector")
	}
	names := 0
	for _, n := range shortNames {
		if m.w[n] != 0 {
			names++
		}
	}
	if names < 40 {
		t.Errorf("%d of the shipped detector's features found by number", names)
	}
	text := "阿里经营“虾米音乐”只为上市？评论人士认为，“虾米音乐”的关闭早有预兆。他批评这是“胡闹”。王毅说：“不”。\n“好”，“abc”和“我们”、“对”。"
	d := newDoc(s, text, text, nil, nil)
	d.attribute()
	d.sortQuotes()
	spans := d.shortSpans()
	if len(spans) < 6 {
		t.Fatalf("%d short spans", len(spans))
	}
	for _, sp := range spans {
		byName := &featSink{}
		d.shortFeatures(byName, sp, nil)
		want := 0.0
		for _, f := range byName.strs {
			want += m.w[f]
		}
		if string(d.text[sp.start:sp.stop]) == "胡闹" {
			for _, f := range []string{"short|prev=是", "short|next=。", "short|prev2=han是", "short|len=2", "short|cue_clause=5"} {
				if !slices.Contains(byName.strs, f) {
					t.Errorf("胡闹: no %s in %v", f, byName.strs)
				}
			}
		}
		byNumber := &featSink{m: m}
		d.shortFeatures(byNumber, sp, nil)
		if byNumber.score != want {
			t.Errorf("span %q: score %v by number, %v by name (%v)", string(d.text[sp.start:sp.stop]), byNumber.score, want, byName.strs)
		}
	}
}

func runeIn(r rune, set string) bool { return strings.ContainsRune(set, r) }

// TestShortSpeaker checks the detector's speaker-side evidence: asked
// about each short span as if it were a quote, the shipped speaker model
// gives the words a named person calls something to that person and a
// term in scare quotes to nobody; the post's quotes are as before after
// the asking; and the short|spk_ features are made only when a speaker
// model is given.
func TestShortSpeaker(t *testing.T) {
	s := New()
	if s.model == nil {
		t.Skip("no shipped model")
	}
	for _, tc := range []struct {
		text, name string
		top        map[string]int // span -> the best candidate's type (spkEv.top)
		lessNone   [2]string      // the first's P(nobody) below the second's
	}{
		// 误解's best candidate is a near tie between 王毅 and nobody that
		// refits flip (P(nobody) 0.53 with rounds 9-10 of the speaker data):
		// what the features need is its P(nobody) below 民主's.
		{"所谓“民主”制度在当地早已名存实亡，无人不知。王毅当天表示，这种说法是“误解”。", "王毅",
			map[string]int{"民主": 0}, [2]string{"误解", "民主"}},
		{"评论指出“清零”政策代价巨大。李强批评他们“胡闹”，并要求立即整改。", "李强",
			map[string]int{"胡闹": 1}, [2]string{"胡闹", "清零"}},
	} {
		ms := []pipeline.Mention{mention(tc.text, tc.name, "person:x")}
		d := newDoc(s, tc.text, tc.text, nil, ms)
		d.attribute()
		d.sortQuotes()
		before := slices.Clone(d.quotes)
		spans := d.shortSpans()
		evs := d.shortSpeaker(spans, s.model)
		if !slices.Equal(before, d.quotes) || len(d.meta) != len(d.quotes) {
			t.Errorf("%s: quotes %+v after asking, %+v before", tc.text, d.quotes, before)
		}
		byText := map[string]spkEv{}
		for k, sp := range spans {
			byText[string(d.text[sp.start:sp.stop])] = evs[k]
		}
		for span, top := range tc.top {
			if ev, ok := byText[span]; !ok || ev.top != top {
				t.Errorf("%s: %s: evidence %+v (found %v), want top %d", tc.text, span, ev, ok, top)
			}
		}
		if a, b := byText[tc.lessNone[0]], byText[tc.lessNone[1]]; !(a.none < b.none) {
			t.Errorf("%s: P(nobody) %s %.3f, %s %.3f", tc.text, tc.lessNone[0], a.none, tc.lessNone[1], b.none)
		}
		doc := &pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: tc.text}, Norm: tc.text, Mentions: ms}
		for _, spk := range []*Model{nil, s.model} {
			for _, sp := range rulesOnly().ShortExamples(doc, spk) {
				n := 0
				for _, f := range sp.Features {
					if strings.HasPrefix(f, "short|spk_none") || strings.HasPrefix(f, "short|spk_top") {
						n++
					}
				}
				if want := map[bool]int{false: 0, true: 2}[spk != nil]; n != want {
					t.Errorf("%s: %s with speaker model %v: %d spk features %v", tc.text, sp.Text, spk != nil, n, sp.Features)
				}
			}
		}
	}
}

// TestShortGov checks who speaks at the verb of saying that governs a
// short span: a named person, an organisation, a verb whose speaker the
// rules do not read, or no verb at all.
func TestShortGov(t *testing.T) {
	s := rulesOnly()
	for _, tc := range []struct {
		text, name, typ string
		span            string
		want            int
	}{
		{"李强当天批评他们“胡闹”，并要求整改。", "李强", "person", "胡闹", 1},
		{"所谓“民主”制度在当地早已名存实亡。", "", "", "民主", 0},
		{"外交部发言人表示，这是“误解”。", "外交部", "organization", "误解", 2},
		{"有人说这是“误解”。", "", "", "误解", 3},
	} {
		var ms []pipeline.Mention
		if tc.name != "" {
			m := mention(tc.text, tc.name, "x:"+tc.name)
			m.Type = tc.typ
			ms = append(ms, m)
		}
		d := newDoc(s, tc.text, tc.text, nil, ms)
		d.attribute()
		d.sortQuotes()
		d.readCues(d.shortSpans())
		start := len([]rune(tc.text[:strings.Index(tc.text, tc.span)]))
		if got := d.govSpeaker(start); got != tc.want {
			t.Errorf("%s: %s: gov %d, want %d", tc.text, tc.span, got, tc.want)
		}
		found := false
		for _, sp := range s.ShortExamples(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: tc.text}, Norm: tc.text, Mentions: ms}, nil) {
			found = found || sp.Text == tc.span && slices.Contains(sp.Features, shortNames[int(shSpkGov)+tc.want])
		}
		if !found {
			t.Errorf("%s: %s: no feature %s", tc.text, tc.span, shortNames[int(shSpkGov)+tc.want])
		}
	}
}

// TestShortCalled: a name others call someone by (人称“…”, 被封为「…」) is
// marked short|called, a term after 所谓 or 简称 is not; 被称为 is a naming
// word too, so both features mark it.
func TestShortCalled(t *testing.T) {
	s := rulesOnly()
	for _, tc := range []struct {
		text, span     string
		called, naming bool
	}{
		{"他在村里人称“维权能手”，多次上访。", "维权能手", true, false},
		{"她被网友封为“四川女婿”。", "四川女婿", true, false},
		{"这座桥被称为“生命线”。", "生命线", true, true},
		{"所谓“民主”制度在当地早已名存实亡。", "民主", false, true},
		{"该法案简称“港区法”。", "港区法", false, true},
		{"李强当天批评他们“胡闹”。", "胡闹", false, false},
	} {
		var feats []string
		for _, sp := range s.ShortExamples(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: tc.text}, Norm: tc.text}, nil) {
			if sp.Text == tc.span {
				feats = sp.Features
			}
		}
		if feats == nil {
			t.Errorf("%s: no short span %s", tc.text, tc.span)
			continue
		}
		if got := slices.Contains(feats, "short|called"); got != tc.called {
			t.Errorf("%s: short|called %v, want %v (%v)", tc.text, got, tc.called, feats)
		}
		if got := slices.Contains(feats, "short|naming"); got != tc.naming {
			t.Errorf("%s: short|naming %v, want %v (%v)", tc.text, got, tc.naming, feats)
		}
	}
}

// TestShortThresholdLine checks that the detector keeps a span by the
// threshold its model file's short|threshold line gives (the package's
// ShortThreshold without one), and that the line survives a write and a
// read.
func TestShortThresholdLine(t *testing.T) {
	text := "所谓“民主”制度在当地早已名存实亡。"
	doc := &pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: text}
	for _, tc := range []struct {
		file      string
		threshold float64
		kept      bool
	}{
		{"short|bias\t1\nshort|threshold\t0.5\n", 0.5, true},
		{"short|bias\t1\nshort|threshold\t1.5\n", 1.5, false},
		{"short|bias\t-1\nshort|threshold\t-1.5\n", -1.5, true},
		{"short|bias\t-1\n", ShortThreshold, false},
		{"short|bias\t1\n", ShortThreshold, true},
	} {
		m, err := ReadModel(strings.NewReader(tc.file))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if _, err := m.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		again, err := ReadModel(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []*Model{m, again} {
			if got := x.ShortThreshold(); got != tc.threshold {
				t.Errorf("%q: threshold %v, want %v", tc.file, got, tc.threshold)
			}
			qs, _, _ := rulesOnly().Examples(doc, x)
			kept := slices.ContainsFunc(qs, func(q pipeline.Quote) bool { return q.Text == "民主" })
			if kept != tc.kept {
				t.Errorf("%q: 民主 kept %v, want %v (quotes %+v)", tc.file, kept, tc.kept, qs)
			}
		}
	}
	m, _ := ReadModel(strings.NewReader("short|bias\t1\n"))
	m.SetShortThreshold(2)
	if qs, _, _ := rulesOnly().Examples(doc, m); len(qs) != 0 {
		t.Errorf("threshold 2 set: quotes %+v", qs)
	}
}
