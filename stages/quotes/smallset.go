package quotes

// smallSet is a few runes the rules ask about at single characters (the
// marks and particles around a name or a verb): a filter of 64 bits by
// each rune's low bits, then a look along them. strings.ContainsRune,
// which it replaces, encoded the rune and searched the set's bytes for
// every question (6% of the stage).
type smallSet struct {
	filter uint64
	runes  []rune
}

// smallOf returns the set of the runes of s.
func smallOf(s string) *smallSet {
	set := &smallSet{runes: []rune(s)}
	for _, r := range set.runes {
		set.filter |= 1 << (uint32(r) & 63)
	}
	return set
}

// has reports whether r is in the set.
func (s *smallSet) has(r rune) bool {
	if s.filter&(1<<(uint32(r)&63)) == 0 {
		return false
	}
	for _, c := range s.runes {
		if c == r {
			return true
		}
	}
	return false
}

// The small sets the rules ask about (smallSet).
var (
	afterNameJoins         = smallOf("的、和与及")
	afterStop              = smallOf(" \n”\"’")
	beforeFirstPerson      = smallOf("，,。！？；\n/ ")
	beforeObject           = smallOf("对向和与跟同给把被及、")
	clauseOpeners          = smallOf("据而但另")
	clauseStops            = smallOf("。，；！？\n")
	closersParen           = smallOf("”\"’)")
	colons                 = smallOf("：:")
	colonsCommasSpace      = smallOf(" ：:，,")
	commas                 = smallOf("，,")
	commasSpace            = smallOf("，, ")
	dateRuneSet            = smallOf(dateRunes)
	enClauseStops          = smallOf(",.;:\n“”\"")
	enColonComma           = smallOf(" :,")
	enSentenceStops        = smallOf(".\n“\"")
	heShe                  = smallOf("他她")
	headSuffixes           = smallOf("分议长员官面")
	leadingNoise           = smallOf(" \u3000(（‘'0123456789)）.、")
	listGapRunes           = smallOf("、，,和与及 ")
	listJoins              = smallOf("和与及、")
	nameDots               = smallOf("·•．･・")
	nameStopSet            = smallOf(nameStops)
	notNameWords           = smallOf("的在和与及对向被将把该这那此其各")
	notNarratorSet         = smallOf(notNarrator)
	noteWords              = smallOf("见注即下第如包括也指译又原")
	openersSpaces          = smallOf(" \u3000(（‘'")
	orgFinalSet            = smallOf(orgFinals)
	personalPronouns       = smallOf("他她我")
	pluralSuffixes         = smallOf("们人")
	prepsPronouns          = smallOf("在于从到自对向给把被与和跟同我你他她它")
	pronounsDemonstratives = smallOf("我你他她它这那该此其本")
	quantifiers            = smallOf("有据些多另外")
	quoteListJoins         = smallOf("、和与及")
	roleSuffixes           = smallOf("长员官")
	spaceBreak             = smallOf(" \n")
	stopsAndMarks          = smallOf("。！？“”「」『』‘’\n")
	stopsCommasMarks       = smallOf("。，！？\n“”「」")
	titleCloses            = smallOf("》」 的")
	titleMarks             = smallOf("《》「」")
	toWhom                 = smallOf("对向给跟")
	withJoins              = smallOf("和与跟")
	wordJoins              = smallOf("’'-")
)
