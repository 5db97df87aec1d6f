package quotes

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// englishCands returns the candidates of each quote of an English text,
// by surface, with their features.
func englishCands(t *testing.T, text string) []map[string][]string {
	t.Helper()
	_, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: text})
	var out []map[string][]string
	for _, cs := range cands {
		m := map[string][]string{}
		for _, c := range cs {
			m[c.Surface] = c.Features
		}
		out = append(out, m)
	}
	return out
}

func TestEnglishCandidates(t *testing.T) {
	const filler = "The country has seen three revolutions since independence and the new leader faces a hard winter. "
	for _, tc := range []struct {
		name, text string
		quote      int
		speaker    string   // a candidate that must be there
		feats      []string // features it must have
		absent     []string // surfaces that must not be candidates
	}{
		{"said after", filler + "“We will not repeat those mistakes,” said Mr Sadyr Japarov on Monday.",
			0, "Sadyr Japarov", []string{"a_cue", "cue_subject", "a_same_sent"}, []string{"Mr Sadyr Japarov", "Monday"}},
		{"name said colon", filler + "Later Japarov told reporters: “The minority should submit to the majority.” Sadyr Japarov was elected in January.",
			0, "Sadyr Japarov", []string{"b_cue", "cue_subject", "gov_subject", "b_same_sent"}, []string{"Later", "January"}},
		{"according to", filler + "According to Human Rights Watch, officials were sent to “reform the thoughts of the people”.",
			0, "Human Rights Watch", []string{"cue_subject", "b_same_sent"}, []string{"According"}},
		{"places and sentence openers are no names", filler + "In Taipei, the foreign ministry said it would not comment on “the usual rhetoric” from Beijing. Reporters asked questions.",
			0, "", nil, []string{"Taipei", "Beijing", "Reporters", "In Taipei"}},
		{"a numbered paragraph's first word", filler + "\n(6) Diplomats were unmoved by “the usual rhetoric” of the day.\n(7) Diplomats left early.",
			0, "", nil, []string{"Diplomats"}},
		{"a place after to, a people", filler + "His German counterpart brought the virus to Wuhan, the face of what state media call “wolf-warrior diplomacy” today.",
			0, "", nil, []string{"Wuhan", "German"}},
		{"demonyms and lower-case words are no names", filler + "More Egyptian voters said “enough is enough” in the streets, and more were to come.",
			0, "", nil, []string{"More", "Egyptian", "More Egyptian"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := englishCands(t, tc.text)
			if len(cs) <= tc.quote {
				t.Fatalf("%d quotes with candidates, want quote %d", len(cs), tc.quote)
			}
			got := cs[tc.quote]
			if _, ok := got[""]; !ok {
				t.Errorf("no candidate for nobody: %v", got)
			}
			if slices.Contains(got[""], "none|rule_unknown") {
				t.Errorf("rules' silence used as evidence in English: %v", got[""])
			}
			if tc.speaker != "" {
				fs, ok := got[tc.speaker]
				if !ok {
					t.Fatalf("no candidate %q among %v", tc.speaker, keys(got))
				}
				for _, f := range tc.feats {
					if !slices.Contains(fs, f) || !slices.Contains(fs, "en|"+f) {
						t.Errorf("%s lacks %s (and en|%s): %v", tc.speaker, f, f, fs)
					}
				}
			}
			for _, a := range tc.absent {
				if _, ok := got[a]; ok {
					t.Errorf("%q is a candidate", a)
				}
			}
		})
	}
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// A Chinese quote keeps its features as they were: no English marks.
func TestChineseQuoteNotEnglish(t *testing.T) {
	text := "外交部发言人王毅在记者会上表示：“中方坚决反对任何形式的干涉，希望有关方面停止错误做法。”他说。"
	for _, cs := range englishCands(t, text) {
		for s, fs := range cs {
			for _, f := range fs {
				if len(f) > 3 && f[:3] == "en|" {
					t.Errorf("%q has English feature %s", s, f)
				}
			}
		}
	}
}

func TestLatinStop(t *testing.T) {
	for _, tc := range []struct {
		text string
		at   int // index of the full stop
		want bool
	}{
		{"he said. Then", 7, true},
		{"Mr. Japarov", 2, false},
		{"the U.S. army", 7, false},
		{"it was 3.5 per cent", 8, false},
		{"this is wrong.”", 13, true},
		{"the headline “No more patience”. Analysts", 31, true},
		{"中国“大国”. 经济", 6, false},
	} {
		d := newDoc(rulesOnly(), tc.text, tc.text, nil, nil)
		if got := d.latinStop(tc.at); got != tc.want {
			t.Errorf("%q at %d: %v, want %v", tc.text, tc.at, got, tc.want)
		}
		d.release()
	}
}

func FuzzLatinNames(f *testing.F) {
	f.Add("“Why repeat those mistakes?” said Mr Sadyr Japarov’s aide, according to the BBC.")
	f.Add("O’Brien-Smith of the Ministry of Foreign Affairs and ")
	f.Add("A B C d e F ' ’ - .")
	f.Fuzz(func(t *testing.T, text string) {
		d := newDoc(rulesOnly(), text, text, nil, nil)
		defer d.release()
		for _, x := range d.latinNames() {
			if x.span[0] < 0 || x.span[1] > len(d.norm) || x.span[0] >= x.span[1] || x.name == "" {
				t.Fatalf("bad name %+v in %q", x, text)
			}
		}
		englishCands(t, text)
	})
}

// An English speaker the text leaves unnamed is nobody, decided by the
// rules as 一位官员说 is; a spokesman is not unnamed.
func TestEnglishUnnamed(t *testing.T) {
	const filler = "The country has seen three revolutions since independence and the new leader faces a hard winter. "
	for _, tc := range []struct {
		name, text string
		unnamed    bool
	}{
		{"says a", filler + "“Diplomacy is not a martial art,” says a retired Chinese ambassador, who asked not to be named. Wang Yi, the foreign minister, has tried to soften the tone.", true},
		{"one official said", filler + "One senior official said: “We will not back down from this fight.”", true},
		{"a spokesman", filler + "“We will not back down from this fight,” said a spokesman for the Foreign Ministry.", false},
		{"a name", filler + "“We will not back down from this fight,” said Wang Yi, the foreign minister.", false},
		{"a headline", filler + "Meng Wanzhou was released. The Global Times ran the answers on its front page under the headline “No more patience”.", true},
		{"the word", filler + "Analysts at the Brookings Institution counted 20 uses of the phrase “peaceful reunification” in a single week.", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qs, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: tc.text}, Norm: tc.text})
			if len(qs) != 1 {
				t.Fatalf("quotes %+v", qs)
			}
			if got := cands[0] == nil && qs[0].Speaker == ""; got != tc.unnamed {
				t.Errorf("unnamed %v, want %v: %+v, %d candidates", got, tc.unnamed, qs[0], len(cands[0]))
			}
		})
	}
}

// TestLatinFirstName: a Latin first name alone stands for the one full
// name the post writes with it (Ian说 → Ian Lambot), not where two do.
func TestLatinFirstName(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	cands := func(text string) map[string][]string {
		norm, toks, ms := chain(t, text)
		_, cands := rulesOnly().Candidates(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: norm, Tokens: toks, Mentions: ms})
		if len(cands) == 0 {
			t.Fatalf("no quote in %s", text)
		}
		m := map[string][]string{}
		for _, c := range cands[len(cands)-1] {
			m[c.Surface] = c.Features
		}
		return m
	}
	const lead = "九龙城寨拆卸前，摄影师Ian Lambot与建筑师走进这个传闻中的三教九流之地，记录它的最后岁月。"
	const quote = "Ian说：“建筑师的经验告诉我，在如此细小的社区住这么多人是不可能的。”"
	cs := cands(lead + quote)
	if fs, ok := cs["Ian Lambot"]; !ok || !slices.Contains(fs, "cue_subject") {
		t.Errorf("Ian Lambot not the subject at 說: %v", cs)
	}
	if _, ok := cs["Ian"]; ok {
		t.Errorf("Ian alone a candidate: %v", keys(cs))
	}
	cs = cands(strings.Replace(lead, "与建筑师", "与建筑师Ian Smith", 1) + quote)
	if _, ok := cs["Ian"]; !ok {
		t.Errorf("Ian read as one of two full names: %v", keys(cs))
	}
	// The entity stage's person keeps its entity.
	full := latinFullNames(nil, []pipeline.Mention{{EntityID: "person:x", Type: "person", Name: "Ian Lambot"}})
	if sp := full["Ian"]; sp.surface != "Ian Lambot" || sp.entityID != "person:x" {
		t.Errorf("Ian → %+v", sp)
	}
}
