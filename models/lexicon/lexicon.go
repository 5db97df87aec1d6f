// Package lexicon embeds the word lists of the language stages: Chinese
// surnames, titles and roles written before names, and speech verbs. Each is
// a plain-text file, one entry a line, '#' lines are comments; each is parsed
// once and read-only afterwards.
package lexicon

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
)

var (
	//go:embed surnames.txt
	surnamesTxt string
	//go:embed titles.txt
	titlesTxt string
	//go:embed speech_verbs.txt
	speechVerbsTxt string
	//go:embed translit.txt
	translitTxt string
	//go:embed not_people.txt
	notPeopleTxt string
	//go:embed companies.txt
	companiesTxt string
	//go:embed naming_verbs.txt
	namingVerbsTxt string
	//go:embed roles.txt
	rolesTxt string
	//go:embed voices.txt
	voicesTxt string
	//go:embed stopwords.txt
	stopwordsTxt string
	//go:embed terms.txt
	termsTxt string
	//go:embed sounds.txt
	soundsTxt string
)

func lines(s string) []string {
	var out []string
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// Surnames are Chinese surnames, single and compound, simplified script.
var Surnames = sync.OnceValue(func() []string { return lines(surnamesTxt) })

// Titles are titles and roles written before a name (外长, 国务卿, 律师).
var Titles = sync.OnceValue(func() []string { return lines(titlesTxt) })

// SpeechVerbs are verbs of saying (说, 表示, 指出, 写道).
var SpeechVerbs = sync.OnceValue(func() []string { return lines(speechVerbsTxt) })

// NamingVerbs mark a quoted term as a name, not speech (所谓, 被称为).
var NamingVerbs = sync.OnceValue(func() []string { return lines(namingVerbsTxt) })

// PersonRoles are words for someone speaking for an organisation (发言人,
// 官员): roles.txt, which the entity stage reads as a role before a name.
var PersonRoles = sync.OnceValue(func() []string { return lines(rolesTxt) })

// Voices are an organisation's own channels and offices (声明, 公告, 官网,
// 新闻处): voices.txt. After an organisation's name they make it the
// speaker as a role does, but they are no person's role.
var Voices = sync.OnceValue(func() []string { return lines(voicesTxt) })

// Roles are what, written after an organisation's name, makes the
// organisation the speaker (外交部发言人, 白宫声明): the person roles and the
// voices, as the quote stage reads them.
var Roles = sync.OnceValue(func() []string { return slices.Concat(PersonRoles(), Voices()) })

// Stopwords are never keywords: function words and news boilerplate.
var Stopwords = sync.OnceValue(func() []string { return lines(stopwordsTxt) })

// Terms are multi-word political terms kept whole (一国两制, 国安法).
var Terms = sync.OnceValue(func() []string { return lines(termsTxt) })

// NotPeople are words that look like names but never are a person's: those
// of not_people.txt and the companies.
var NotPeople = sync.OnceValue(func() []string { return append(lines(notPeopleTxt), Companies()...) })

// Companies are firms whose names the tagger and the discovery rules would
// take for people's (英伟达, 阿里巴巴): never a person, and an organisation
// the quote stage may give a quote to.
var Companies = sync.OnceValue(func() []string { return lines(companiesTxt) })

// Translit are the characters of transliterated foreign names.
var Translit = sync.OnceValue(func() []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, l := range lines(translitTxt) {
		for _, r := range l {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
})

// Sounds are the toneless Mandarin readings of the characters of
// transliterated names and of the common characters (吕 → lü; 大 → da, dai,
// tai), generated from go-pinyin's table: two spellings of one foreign
// name are told apart from two names by how they sound (戴维 and 大卫 are
// both David).
//
//go:generate go run gen_sounds.go
var Sounds = sync.OnceValue(func() map[rune][]string {
	out := map[rune][]string{}
	for _, l := range lines(soundsTxt) {
		c, rs, ok := strings.Cut(l, "\t")
		if r := []rune(c); ok && len(r) == 1 {
			out[r[0]] = strings.Split(rs, ",")
		}
	}
	return out
})

// Checksum identifies the lists' content, for the metadata of a run's output.
func Checksum() string {
	h := sha256.Sum256([]byte(surnamesTxt + titlesTxt + speechVerbsTxt + translitTxt + notPeopleTxt + companiesTxt + namingVerbsTxt + rolesTxt + voicesTxt + stopwordsTxt + termsTxt + soundsTxt))
	return hex.EncodeToString(h[:8])
}
