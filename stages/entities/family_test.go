package entities

import (
	"slices"
	"testing"
)

// TestPlaceFamilyRule: the dotted rule proposes a lexicon given name before
// a dot and a place's name as one person (乔治·华盛顿), and not the given
// name alone; in the pipeline the tagger may still veto it.
func TestPlaceFamilyRule(t *testing.T) {
	st := withNames(t)
	_, seg := setup(t)
	text := "他说，乔治·华盛顿是美国第一任总统。"
	norm := seg.Normalize(text, "simplified")
	d, _ := st.find(text, norm, seg.Tokens(norm), nil, false)
	var got []string
	for _, f := range d.found {
		if f.typ == "person" {
			got = append(got, string(d.norm[f.start:f.stop]))
		}
	}
	if !slices.Equal(got, []string{"乔治·华盛顿"}) {
		t.Errorf("people %v, want [乔治·华盛顿]", got)
	}
}

// TestPlaceFamily: before an organisation's head the given name and the
// place are a thing's name (乔治·华盛顿大学): neither the given name alone
// nor a repeat of another 乔治 is a person there.
func TestPlaceFamily(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       map[string]string // surface → id of every mention of it
		none       []string          // surfaces with no mention
	}{
		{
			name: "an organisation named after him",
			text: "乔治·华盛顿大学法学院教授周二说，此案没有先例。",
			none: []string{"乔治", "乔治·华盛顿"},
		},
		{
			// 乔治 found after a title elsewhere is not spread into the
			// university's name.
			name: "no coreference into the organisation",
			text: "他的儿子乔治今年七岁。乔治·华盛顿医院的医生说，他已经出院。",
			want: map[string]string{"乔治": "person:乔治"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := withNames(t)
			got := map[string][]string{}
			n := map[string]int{}
			for _, m := range findWith(t, st, tc.text) {
				if m.Type == "person" {
					got[m.Surface] = append(got[m.Surface], m.EntityID)
					n[m.Surface]++
				}
			}
			for surface, id := range tc.want {
				if len(got[surface]) == 0 || slices.ContainsFunc(got[surface], func(g string) bool { return g != id }) {
					t.Errorf("%s: ids %v, want %s (all: %v)", surface, got[surface], id, got)
				}
			}
			for _, surface := range tc.none {
				if len(got[surface]) > 0 {
					t.Errorf("%s: a mention, want none (all: %v)", surface, got)
				}
			}
			if tc.name == "no coreference into the organisation" && n["乔治"] != 1 {
				t.Errorf("乔治: %d mentions, want 1 (all: %v)", n["乔治"], got)
			}
		})
	}
}

// TestNoCorefIntoThing: a lexicon person's name that the decision read as
// a thing's (特朗普主义, 盖茨基金会) is not made a mention again by
// coreference from the person's other mentions.
func TestNoCorefIntoThing(t *testing.T) {
	st := withNames(t)
	text := "特朗普周二在白宫讲话。分析人士认为，特朗普主义不会随他离任而消失。"
	n := countMentions(findWith(t, st, text), "", "特朗普")
	if n != 1 {
		t.Errorf("特朗普: %d mentions, want 1 (特朗普主义 is a thing's name)", n)
	}
}

// TestPlaceThingNoDot: a given name written right before a place's name
// and a thing's head without a dot (乔治华盛顿大学) is no mention of the
// post's George.
func TestPlaceThingNoDot(t *testing.T) {
	st := withNames(t)
	text := "乔治·布什周二在德州讲话。乔治华盛顿大学政治学教授说，他的演讲很温和。"
	n := countMentions(findWith(t, st, text), "person", "乔治")
	if n != 0 {
		t.Errorf("乔治: %d mentions, want none (乔治华盛顿大学 is a university)", n)
	}
}
