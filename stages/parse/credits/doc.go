// Package credits reads the credit lines of a news post: its dateline, the
// reporters (and photographers, translators, column authors) and the editors.
//
// The parse stage calls [Extract] once per post with the plain text of the
// body's block elements. Credits are not written in prose but in a handful of
// fixed places that differ by outlet, so Extract looks only there: the first
// few paragraphs (dateline, byline, author line), the last few (editor lines,
// translator lines, author bios) and the tail of every paragraph, where photo
// captions put their credit. The work is therefore linear in the size of the
// post and independent of how many paragraphs of body text lie in between.
//
// Invariants, checked by the fuzz test: Extract never panics, every name it
// returns is non-empty, trimmed and a substring of the input (names are
// slices of the input, never rebuilt), and a name appears at most once per
// list.
//
// The conventions handled, per outlet, are listed in the table tests
// (credits_test.go); the word lists that drive them are in lexicon.go.
package credits
