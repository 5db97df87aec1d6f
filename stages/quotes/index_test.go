package quotes

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/pipeline"
)

// TestPerPostIndexes: the per-post readings shared by every quote (verbs
// of saying by position, mentions by end, the speakers at verbs within the
// quotes' windows) answer as reading afresh does.
func TestPerPostIndexes(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	text := "外交部发言人汪文斌表示，“中方坚决反对。”他还说，美方应当停止干涉。\n" +
		"康明凯的妻子对记者说：“我们只想要他回家。”该组织称，这份报告令人担忧。" +
		"国际特赦组织发表声明指出，“这是对人权的严重侵犯。”李文亮的同事表示不知情。"
	norm, toks, ms := chain(t, text)
	d := newDoc(rulesOnly(), text, norm, toks, ms)
	d.attribute()
	d.sortQuotes()
	if len(d.quotes) < 2 {
		t.Fatalf("quotes %+v", d.quotes)
	}
	for i := 0; i <= len(d.norm); i++ {
		if got, want := d.cueLen(i), len(d.cueAt(i)); got != want {
			t.Errorf("cueLen(%d) = %d, read afresh %d", i, got, want)
		}
		if got, want := d.cueLen(i), len(d.cueAt(i)); got != want {
			t.Errorf("cueLen(%d) again = %d, read afresh %d", i, got, want)
		}
	}
	for k := -1; k <= len(d.norm)+1; k++ {
		i, ok := d.endingAt(k)
		want := -1
		for j, m := range d.mentions {
			if m.Stop == k {
				want = j
			}
		}
		if ok != (want >= 0) || ok && i != want {
			t.Errorf("endingAt(%d) = %d %v, want %d", k, i, ok, want)
		}
	}
	// The speakers at verbs within some quote's window are those a
	// post-wide reading finds there.
	subj := d.cueSubjects()
	all := map[int]cueSubject{}
	var cues []cueAt // read over the whole post
	for i := range d.norm {
		if !d.inQuote[i] && d.tokStart(i) && d.cueLen(i) > 0 {
			cues = append(cues, cueAt{i, d.cueLen(i)})
		}
	}
	got := map[int]bool{}
	for _, c := range d.cuePositions() {
		got[c.at] = true
	}
	for _, c := range cues {
		if d.inWindow(0, c.at) && !got[c.at] {
			t.Errorf("verb at %d in a window not read", c.at)
		}
	}
	next := 0
	for _, c := range cues {
		if c.at < next {
			continue
		}
		next = c.at + c.n
		if sp, how := d.speakerBefore(d.sentStart(c.at), c.at, c.at); sp.surface != "" && (how == "named" || how == "organization" || how == "role" || how == "subject") {
			all[c.at] = cueSubject{sp: sp, at: c.at}
		}
	}
	if len(subj) == 0 {
		t.Fatal("no speaker at a verb of saying")
	}
	got = map[int]bool{}
	for _, s := range subj {
		got[s.at] = true
		if w, ok := all[s.at]; !ok || w.sp != s.sp {
			t.Errorf("at %d: %+v, post-wide %+v", s.at, s.sp, w.sp)
		}
	}
	for at := range all {
		if d.inWindow(0, at) && !got[at] {
			t.Errorf("verb at %d in a window left out", at)
		}
	}
}

// TestSubjectMemo: speakerBefore's kept answers are those a fresh reading
// gives, whatever the quotes found so far (d.last, d.other) and the quote's
// start; answers that read them (该组织称, 发言人说) are not kept, except a
// pronoun (他还说) resolved again for each quote.
func TestSubjectMemo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	text := "外交部发言人汪文斌表示，“中方坚决反对。”他还说，美方应当停止干涉。\n" +
		"康明凯的妻子对记者说：“我们只想要他回家。”该组织称，这份报告令人担忧。" +
		"白宫表示，“我们欢迎。”发言人说，会谈富有成果。她随后表示，“这很重要。”" +
		"国际特赦组织发表声明指出，“这是对人权的严重侵犯。”李文亮的同事表示不知情。"
	norm, toks, ms := chain(t, text)
	d := newDoc(rulesOnly(), text, norm, toks, ms)
	d.attribute()
	d.sortQuotes()
	if d.subj == nil {
		t.Fatal("no memo after the mentions are read")
	}
	states := []struct {
		last speaker
		pos  int
	}{
		{speaker{surface: "汪文斌", typ: "person"}, 20},
		{speaker{surface: "白宫", typ: "organization"}, 60},
		{speaker{surface: "希拉里", typ: "person"}, 0},
		{unknown, -1000},
	}
	var cues []int
	for i := range d.norm {
		if !d.inQuote[i] && d.tokStart(i) && d.cueLen(i) > 0 {
			cues = append(cues, i)
		}
	}
	varies := 0
	for _, i := range cues {
		a := d.sentStart(i)
		var fresh []subjAt
		for _, st := range states {
			for _, qs := range []int{i, i + 5, len(d.norm)} {
				d.last, d.lastPos, d.other, d.otherPos = st.last, st.pos, st.last, st.pos
				n := d.stateReads
				wsp, whow := d.subjectBefore(a, i, qs)
				read := d.stateReads != n
				sp, how := d.speakerBefore(a, i, qs)
				if sp != wsp || how != whow {
					t.Errorf("at %d (last %v, quote at %d): kept %v %q, afresh %v %q", i, st.last, qs, sp, how, wsp, whow)
				}
				e, kept := d.subj[uint64(uint32(a))<<32|uint64(uint32(i))]
				if read && kept && e.pron == 0 {
					t.Errorf("at %d: an answer that read the quotes so far kept (%v %q)", i, wsp, whow)
				}
				fresh = append(fresh, subjAt{sp: wsp, how: whow})
			}
		}
		for _, f := range fresh[1:] {
			if f != fresh[0] {
				varies++
				break
			}
		}
	}
	tails := 0
	for _, e := range d.subj {
		if e.pron > 0 {
			tails++
		}
	}
	if tails == 0 {
		t.Error("no pronoun kept: the text does not test them")
	}
	if varies < 2 || len(d.subj) == 0 {
		t.Errorf("%d verbs whose speaker depends on the quotes so far, %d kept: the text does not test the memo", varies, len(d.subj))
	}
}

// TestTokenIndex: tokenIndex gives each position the last token covering
// it, as writing every token in turn over a cleared array does, for tokens
// in order with gaps, out of order, overlapping, empty or running past the
// text, into a kept array that held another post's.
func TestTokenIndex(t *testing.T) {
	naive := func(tokens []pipeline.Token, n int) []int32 {
		at := make([]int32, n)
		for i := range tokens {
			if a, b := int(tokens[i].Start), min(int(tokens[i].Stop), n); a < b {
				for p := a; p < b; p++ {
					at[p] = int32(i)
				}
			}
		}
		return at
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	sc := &scratch{}
	for trial := range 2000 {
		n := rnd.IntN(40)
		var toks []pipeline.Token
		for p := 0; p < n+3; {
			l := rnd.IntN(4)
			if rnd.IntN(8) == 0 {
				l = 4 + rnd.IntN(6) // longer than the four written at once
			}
			a := p + rnd.IntN(2) // a gap now and then
			switch rnd.IntN(20) {
			case 0:
				a = max(0, a-2) // overlapping the one before
			case 1:
				l = 0
			}
			toks = append(toks, pipeline.Token{Start: int32(a), Stop: int32(a + l)})
			p = a + max(l, 1)
		}
		if trial%7 == 0 && len(toks) > 1 {
			toks[0], toks[len(toks)-1] = toks[len(toks)-1], toks[0]
		}
		sc.tokAt = append(sc.tokAt[:0], 7, 7, 7, 7, 7, 7, 7, 7, 7, 7) // another post's
		for k := range sc.tokAt[len(sc.tokAt):cap(sc.tokAt)] {
			sc.tokAt[:cap(sc.tokAt)][len(sc.tokAt)+k] = 9 // and its room past the end
		}
		got, want := tokenIndex(sc, toks, n), naive(toks, n)
		if !slices.Equal(got, want) {
			t.Fatalf("tokens %v, n %d: got %v, want %v", toks, n, got, want)
		}
	}
}

// TestCueAfterNameKept: cueAfterName, which keeps its reading per
// position, answers as the reading it replaced for every position and
// bound, asked in any order.
func TestCueAfterNameKept(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	text := "外交部发言人汪文斌表示，“中方坚决反对。”他还说，美方应当停止干涉。\n" +
		"康明凯的妻子对记者说：“我们只想要他回家。”该组织称，这份报告令人担忧。" +
		"国际特赦组织发表声明指出，“这是对人权的严重侵犯。”李文亮的同事表示不知情。王毅·外长在会上强调"
	norm, toks, ms := chain(t, text)
	d := newDoc(rulesOnly(), text, norm, toks, ms)
	d.attribute()
	afresh := func(i, b int) bool {
		for k := i; k < b && k-i <= 12; k++ {
			if r := d.norm[k]; isPunct(r) && r != '·' || r == '\n' {
				return false
			}
			if d.cueLen(k) > 0 {
				return true
			}
		}
		return false
	}
	n := len(d.norm)
	type ask struct{ i, b int }
	var asks []ask
	for i := 0; i <= n; i++ {
		for b := i; b <= n; b++ {
			asks = append(asks, ask{i, b})
		}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(asks), func(x, y int) { asks[x], asks[y] = asks[y], asks[x] })
	found := 0
	for _, a := range asks {
		got, want := d.cueAfterName(a.i, a.b), afresh(a.i, a.b)
		if got != want {
			t.Fatalf("cueAfterName(%d, %d) = %v, read afresh %v", a.i, a.b, got, want)
		}
		if want {
			found++
		}
	}
	if found == 0 {
		t.Fatal("no verb found after any position: the text tests nothing")
	}
}

// TestCuePositionsFromStarts: the verbs in the quotes' windows read from
// the places reportedCues noted are those read character by character,
// over the test posts (and without segmentation: every position a word's
// start).
func TestCuePositionsFromStarts(t *testing.T) {
	posts := testPosts(t)
	read := 0
	for _, tp := range posts {
		f, text, norm, toks, ms := tp.name, tp.text, tp.norm, tp.toks, tp.ms
		for _, seg := range []bool{true, false} {
			d := newDoc(rulesOnly(), text, norm, toks, ms)
			if !seg {
				d = newDoc(rulesOnly(), text, norm, nil, ms)
			}
			d.attribute()
			d.sortQuotes()
			if !d.verbStartsRead {
				t.Fatalf("%s: reportedCues noted no verb starts", f)
			}
			got := slices.Clone(d.cuePositions())
			d.cues, d.verbStartsRead = nil, false
			want := d.cuePositions()
			if !slices.Equal(got, want) {
				t.Errorf("%s (segmented %v): from the starts %v, read afresh %v", f, seg, got, want)
			}
			read += len(want)
		}
	}
	if read == 0 {
		t.Error("no verb in any window")
	}
}

// TestParaBounds: the paragraphs read from the lines' ends reportedCues
// noted are those read character by character, at every quote of the test
// posts and at every position of them.
func TestParaBounds(t *testing.T) {
	posts := testPosts(t)
	read := 0
	for _, tp := range posts {
		f, text, norm, toks, ms := tp.name, tp.text, tp.norm, tp.toks, tp.ms
		d := newDoc(rulesOnly(), text, norm, toks, ms)
		d.attribute()
		if len(d.spans) == 0 {
			continue // no marks: the lines are not noted
		}
		if !d.linesRead {
			t.Fatalf("%s: reportedCues noted no lines", f)
		}
		read++
		ask := func(open, stop int) {
			p, e := d.paraBounds(open, stop)
			d.linesRead = false
			wp, we := d.paraBounds(open, stop)
			d.linesRead = true
			if p != wp || e != we {
				t.Errorf("%s: paraBounds(%d, %d) = %d, %d from the lines, read afresh %d, %d", f, open, stop, p, e, wp, we)
			}
		}
		for _, q := range d.quotes {
			ask(max(0, q.Start-1), q.Stop)
		}
		step := max(7, len(d.norm)/500) // the huge post's lines are long
		for i := 0; i <= len(d.norm); i += step {
			ask(i, min(len(d.norm), i+3))
			ask(i, i)
		}
	}
	if read < len(posts)/2 {
		t.Errorf("%d posts of %d with marks", read, len(posts))
	}
}

// TestFemaleAt: the answer femaleAt keeps per mention is female's of the
// mention, over the test posts' mentions, asked twice in any order.
func TestFemaleAt(t *testing.T) {
	posts := testPosts(t)
	rnd := rand.New(rand.NewPCG(5, 6))
	women := 0
	for _, tp := range posts {
		f, text, norm, toks, ms := tp.name, tp.text, tp.norm, tp.toks, tp.ms
		d := newDoc(rulesOnly(), text, norm, toks, ms)
		d.attribute()
		for range 2 {
			for _, k := range rnd.Perm(len(d.mentions)) {
				m := d.mentions[k]
				want := d.female(m.Surface, m.EntityID)
				if got := d.femaleAt(k); got != want {
					t.Fatalf("%s: femaleAt(%d) (%s) = %v, want %v", f, k, m.Surface, got, want)
				}
				if want {
					women++
				}
			}
		}
	}
	if women == 0 {
		t.Error("no woman named")
	}
}

// testPost is a test post run through the stages before this one.
type testPost struct {
	name, text string
	norm       string
	toks       []pipeline.Token
	ms         []pipeline.Mention
}

// testPosts reads the repository's test posts and runs each through the
// stages before this one (chain), for tests that compare two readings of
// every post; it skips in -short mode, where the dictionaries are not
// loaded.
func testPosts(t *testing.T) []testPost {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	files, err := filepath.Glob("../../testdata/posts/*.md")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	var ps []testPost
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		norm, toks, ms := chain(t, text)
		ps = append(ps, testPost{f, text, norm, toks, ms})
	}
	return ps
}

// TestClustersByWord: a token's cluster read by its word number
// (UseWords) is the one its text finds, at every token of the test posts.
func TestClustersByWord(t *testing.T) {
	posts := testPosts(t)
	byText := rulesOnly()
	byID := rulesOnly()
	byID.UseWords(chainSeg)
	if byID.clusByWord == nil {
		t.Fatal("no table of clusters by word number")
	}
	numbered, found := 0, 0
	for _, tp := range posts {
		dt := newDoc(byText, tp.text, tp.norm, tp.toks, tp.ms)
		di := newDoc(byID, tp.text, tp.norm, tp.toks, tp.ms)
		for _, tok := range tp.toks {
			a, b := int(tok.Start), int(tok.Stop)
			ct, okt := dt.clusterOf(a, b)
			ci, oki := di.clusterOf(a, b)
			if ct != ci || okt != oki {
				t.Errorf("%s: %q (word %d): by text %d %v, by number %d %v", tp.name, string(dt.norm[a:b]), tok.Word, ct, okt, ci, oki)
			}
			if tok.Word != 0 {
				numbered++
				if oki {
					found++
				}
			}
		}
	}
	if numbered == 0 || found == 0 {
		t.Errorf("%d numbered tokens, %d with a cluster", numbered, found)
	}
}

// TestPrevEndFromReportedCues: the sentence ends reportedCues notes for
// sentStart (filled a sentence at a time) are those sentStart reads
// character by character, at every position of the test posts and of
// texts that end in and out of a sentence.
func TestPrevEndFromReportedCues(t *testing.T) {
	type post struct{ name, text, norm string }
	var posts []post
	for _, tp := range testPosts(t) {
		posts = append(posts, post{tp.name, tp.text, tp.norm})
	}
	for _, s := range []string{"", "。", "他说：“好。”", "“好”\n", "A. Smith said “yes.” Then. 他表示，很好！", "“没有句号”的文字"} {
		posts = append(posts, post{s, s, s})
	}
	read := 0
	for _, p := range posts {
		d := newDoc(rulesOnly(), p.text, p.norm, nil, nil)
		d.reportedCues(true)
		got := slices.Clone(d.prevEnd)
		d.prevEnd = nil
		d.scratch.prevEnd = nil
		for i := -1; i <= len(d.norm)+1; i++ {
			d.sentStart(i) // reads the ends afresh at the first call
		}
		if !slices.Equal(got, d.prevEnd) {
			t.Errorf("%q: reportedCues noted %v, read afresh %v", p.name, got, d.prevEnd)
		}
		read += len(got)
	}
	if read == 0 {
		t.Fatal("no position read")
	}
}

// TestClusterByRune: a one-character word's cluster, read by its rune
// (wordClusters.byRune), is the one its text finds in byWord, for every
// character of the file's words and for runes no word is (a surrogate
// and an out-of-range rune read as U+FFFD, as the text's bytes are).
func TestClusterByRune(t *testing.T) {
	s := rulesOnly()
	w := s.clusters
	if w == nil {
		t.Skip("no clusters")
	}
	runes := []rune{0xD800, 0x110000, -1, utf8.RuneError, 'a', '，', '的'}
	for word := range w.byWord {
		runes = append(runes, []rune(word)...)
	}
	one := 0
	for _, r := range runes {
		d := newDoc(s, "x", "x", nil, nil)
		d.norm = []rune{r}
		got, gotOK := d.lookupCluster(0, 1)
		want, wantOK := w.byWord[string(utf8.AppendRune(nil, r))]
		if got != want || gotOK != wantOK {
			t.Fatalf("%U: by rune %d %v, by text %d %v", r, got, gotOK, want, wantOK)
		}
		if gotOK {
			one++
		}
	}
	if one == 0 {
		t.Error("no character has a cluster")
	}
}
