package pipeline

import "time"

// Doc is one input file on its way through the stages. A stage owns the Doc
// while it processes it: stages run one after another on a Doc, never at the
// same time, so a stage may read and change any field without locking.
type Doc struct {
	Seq    int64  `json:"seq"`    // position in input order, from 0; the writer emits rows in this order
	ID     string `json:"doc_id"` // stable id of the file (see Source)
	Source Origin `json:"source"` // where the bytes came from
	Raw    []byte `json:"-"`      // the file's bytes; parse drops them once it has read them

	// Err is set when a stage failed on this Doc; later stages skip it and the
	// writer sends it to the errors table.
	Err *DocError `json:"error,omitempty"`

	Post *Post `json:"post,omitempty"` // what parse made of the file; nil before parse or after a failure

	// Norm is Post.Text in simplified script, character for character: the
	// same code points at the same offsets. It equals Post.Text for
	// simplified posts. Set by segment.
	Norm string `json:"-"`
	// Tokens are the words of Norm (and so of Post.Text). Set by segment.
	Tokens []Token `json:"-"`

	// Mentions are the people, countries and outlets the post names, in
	// text order. Set by entities.
	Mentions []Mention `json:"mentions,omitempty"`
	// Pseudonyms are the mentions of names the post marks as made up
	// (李玲（化名）, 使用化名王浩), in text order: by the gold guide no
	// person, and their words nobody's. Not written; set by entities for
	// the quote stage.
	Pseudonyms []Mention `json:"-"`

	// Quotes are who said what: direct quotations in quotation marks and
	// reported speech, in text order. Set by quotes.
	Quotes []Quote `json:"quotes,omitempty"`

	// Keywords are the terms that matter in the post's body, the top ones by
	// each method. Set by keywords.
	Keywords []Keyword `json:"keywords,omitempty"`
	// TermWords count the content terms of the body (keywords'
	// candidates), for the corpus statistics and the ledger, each term
	// once with its word id (Token.Word; 0 for a term that is no
	// dictionary word as written, such as an entity's name, and for every
	// term of a Doc restored from an earlier run), so that the statistics
	// count by id rather than hashing the text. Set by keywords, in order
	// of first occurrence; a restored Doc's are in text order. Non-nil
	// once keywords has seen the post, even without terms.
	TermWords []TermWord `json:"-"`
	// SimHash is a 64-bit fingerprint of the body's text: near-identical
	// posts differ in few bits. Set by keywords.
	SimHash uint64 `json:"-"`
	// DupGroup is the id of the first post of the run that this one nearly
	// repeats, or its own. Set by the writer.
	DupGroup string `json:"-"`

	// State is the Doc's processed form for the ledger (see stages/write);
	// set by the writer's state stage, or restored from an earlier run.
	State []byte `json:"-"`

	// Restored marks a Doc whose stages' output was restored from an
	// earlier run (run --update): the stages pass it through untouched.
	Restored bool `json:"-"`
	// Kept marks an input that the earlier run in the output directory
	// holds unchanged, at the same place in input order (run --update
	// adding to that run): the stages and the writer pass it by, and its
	// rows stay in the earlier run's part files.
	Kept bool `json:"-"`
	// Hash is the Git blob id of the input's bytes (stages/parse.BlobID),
	// set by the command's source for the ledger: rejected inputs are
	// told unchanged by it too.
	Hash string `json:"-"`

	spent time.Duration // time the stages took on it so far
}

// Keyword is a term of a post with its score by one method.
type Keyword struct {
	Term   string  `json:"term"`
	Method string  `json:"method"` // tfidf, textrank
	Score  float64 `json:"score"`
	Rank   int     `json:"rank"` // 1 for the best
}

// TermWord is a term of a post with its count and word id (see
// Doc.TermWords).
type TermWord struct {
	Term  string
	Count int32
	Word  uint32
}

// Quote is one quotation or piece of reported speech.
type Quote struct {
	ID              string  `json:"quote_id"` // doc_id:n, n from 1 in text order
	Kind            string  `json:"kind"`     // direct, partial, reported
	Text            string  `json:"text"`     // code points [Start, Stop) of Post.Text, without the marks
	Start           int     `json:"start"`
	Stop            int     `json:"stop"`
	Speaker         string  `json:"speaker,omitempty"` // as written; "" when the text does not say
	SpeakerEntityID string  `json:"speaker_entity_id,omitempty"`
	SpeakerType     string  `json:"speaker_type"` // person, organization, country, outlet, unknown
	Cue             string  `json:"cue,omitempty"`
	Rule            string  `json:"rule"`
	Confidence      float64 `json:"confidence"`
}

// Token is a word of a post: [Start, Stop) in code points of Post.Text.
type Token struct {
	Start, Stop int32
	POS         string // gse's part of speech: n, v, nr, ns, nt, x …
	// Word is the dictionary word the segmenter matched, as a dense id
	// from 1 (see segment.Segmenter.WordID), when the token's text is that
	// word exactly; 0 for text the dictionary does not hold, ASCII text
	// with capitals (the dictionary holds it lowercased) and tokens of
	// gse's own cutting. Later stages index arrays by it instead of
	// looking words up by text.
	Word uint32
}

// Mention is one naming of an entity in Post.Text.
type Mention struct {
	EntityID string `json:"entity_id"`
	Type     string `json:"type"`    // person, country, outlet
	Surface  string `json:"surface"` // code points [Start, Stop) of Post.Text, not bytes
	Start    int    `json:"start"`
	Stop     int    `json:"stop"`
	Method   string `json:"method"` // how it was found: lexicon, title, dotted, gloss, speech, outlet-pattern, coref …
	Name     string `json:"name"`   // the entity's canonical name (simplified script)
}

// Origin names an input file.
type Origin struct {
	Archive string `json:"archive"` // the archive (directory or tar file) as given on the command line
	Path    string `json:"path"`    // path inside the archive, slash-separated, raw bytes (may be invalid UTF-8)
	Size    int64  `json:"size"`    // bytes
	// ModTime is the file's modification time (a tar entry's header's):
	// with the size, how a later run tells an unchanged input without
	// reading it.
	ModTime time.Time `json:"-"`
}

// DocError says which stage rejected a Doc and why.
type DocError struct {
	Stage string `json:"stage"`
	Err   string `json:"error"`
}

func (e *DocError) Error() string { return e.Stage + ": " + e.Err }

// Post is the parsed form of a news post: metadata from the front matter and
// credit lines, and the plain text with its structure. Offsets are Unicode
// code points into Text.
type Post struct {
	Blob     string `json:"blob"`     // Git's object id of the file's bytes: joins with manifests, finds exact copies
	Format   string `json:"format"`   // layout family: jekyll, link-ts, link-dated, html, text
	Encoding string `json:"encoding"` // the input's encoding: utf-8, gb18030, big5 (with "+bom" when one was stripped)

	Layout     string    `json:"layout,omitempty"`
	Title      string    `json:"title"`
	Author     string    `json:"author,omitempty"`
	Outlet     string    `json:"outlet,omitempty"` // the publishing outlet: categories, else author, else the URL's site
	URL        string    `json:"url,omitempty"`
	Tags       []string  `json:"tags,omitempty"`
	Categories []string  `json:"categories,omitempty"`
	Comments   bool      `json:"comments,omitempty"`
	DateRaw    string    `json:"date_raw,omitempty"`    // the date as written
	Published  time.Time `json:"published_at,omitzero"` // UTC; zero when the post gives none
	SourceTS   time.Time `json:"source_ts,omitzero"`    // the bot's epoch comment, UTC; zero when absent or NaN

	Script        string    `json:"script,omitempty"` // simplified, traditional, english, mixed (or "" when there is no text)
	Dateline      string    `json:"dateline,omitempty"`
	DatelinePlace string    `json:"dateline_place,omitempty"`
	DatelineDate  time.Time `json:"dateline_date,omitzero"` // UTC midnight; zero when none
	Reporters     []string  `json:"reporters,omitempty"`
	Editors       []string  `json:"editors,omitempty"`

	Text  string  `json:"text"`       // the title line (when there is a title), then one line per block of the body
	Runes int     `json:"char_count"` // code points in Text
	Spans []Span  `json:"spans,omitempty"`
	Media []Media `json:"media,omitempty"`
	Links []Link  `json:"links,omitempty"`

	// Warnings record what was repaired on the way: a fallback reader, a
	// decoded legacy encoding, truncated HTML. The post is still usable.
	Warnings []string `json:"warnings,omitempty"`
}

// Span is a block of Text: [Start, Stop) in code points.
type Span struct {
	Kind  string `json:"kind"` // title, paragraph, heading, caption, list, quote, table, pre
	Start int    `json:"start"`
	Stop  int    `json:"stop"`
}

// Media is an image, video, audio or embedded frame of the body.
type Media struct {
	Kind string `json:"kind"` // image, video, audio, iframe
	Src  string `json:"src"`
	Alt  string `json:"alt,omitempty"` // alt text or title attribute
}

// Link is a hyperlink of the body; its anchor text is the code points
// [Start, Stop) of the post's Text.
type Link struct {
	Href  string `json:"href"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	Stop  int    `json:"stop"`
}
