package quotes

import (
	"strings"
	"testing"
	"unicode"
)

// TestSmallSets checks every small set against strings.ContainsRune over
// every code point and a few that are none.
func TestSmallSets(t *testing.T) {
	for _, tc := range []struct {
		set *smallSet
		str string
	}{
		{afterNameJoins, "的、和与及"},
		{afterStop, " \n”\"’"},
		{beforeFirstPerson, "，,。！？；\n/ "},
		{beforeObject, "对向和与跟同给把被及、"},
		{clauseOpeners, "据而但另"},
		{clauseStops, "。，；！？\n"},
		{closersParen, "”\"’)"},
		{colons, "：:"},
		{colonsCommasSpace, " ：:，,"},
		{commas, "，,"},
		{commasSpace, "，, "},
		{dateRuneSet, dateRunes},
		{enClauseStops, ",.;:\n“”\""},
		{enColonComma, " :,"},
		{enSentenceStops, ".\n“\""},
		{heShe, "他她"},
		{headSuffixes, "分议长员官面"},
		{leadingNoise, " \u3000(（‘'0123456789)）.、"},
		{listGapRunes, "、，,和与及 "},
		{listJoins, "和与及、"},
		{nameDots, "·•．･・"},
		{nameStopSet, nameStops},
		{notNameWords, "的在和与及对向被将把该这那此其各"},
		{notNarratorSet, notNarrator},
		{noteWords, "见注即下第如包括也指译又原"},
		{openersSpaces, " \u3000(（‘'"},
		{orgFinalSet, orgFinals},
		{personalPronouns, "他她我"},
		{pluralSuffixes, "们人"},
		{prepsPronouns, "在于从到自对向给把被与和跟同我你他她它"},
		{pronounsDemonstratives, "我你他她它这那该此其本"},
		{quantifiers, "有据些多另外"},
		{quoteListJoins, "、和与及"},
		{roleSuffixes, "长员官"},
		{spaceBreak, " \n"},
		{stopsAndMarks, "。！？“”「」『』‘’\n"},
		{stopsCommasMarks, "。，！？\n“”「」"},
		{titleCloses, "》」 的"},
		{titleMarks, "《》「」"},
		{toWhom, "对向给跟"},
		{withJoins, "和与跟"},
		{wordJoins, "’'-"},
	} {
		for r := rune(-3); r <= unicode.MaxRune+3; r++ {
			if tc.set.has(r) != strings.ContainsRune(tc.str, r) {
				t.Fatalf("%q: has(%U) = %v", tc.str, r, tc.set.has(r))
			}
		}
	}
}
