package keywords

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/go-ego/gse"
	"github.com/newsnlp/newsnlp/pipeline"
)

func stage(t testing.TB) *Stage {
	s, err := New(Options{TopN: 5})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// doc builds a post from words with parts of speech, the first line a
// title.
func doc(title string, words ...string) *pipeline.Doc {
	var text strings.Builder
	var toks []pipeline.Token
	pos := 0
	add := func(w, p string) {
		n := len([]rune(w))
		toks = append(toks, pipeline.Token{Start: int32(pos), Stop: int32(pos + n), POS: p})
		text.WriteString(w)
		pos += n
	}
	add(title, "n")
	titleEnd := pos
	add("\n", "x")
	for _, w := range words {
		word, p, _ := strings.Cut(w, "/")
		add(word, p)
	}
	return &pipeline.Doc{ID: "d", Post: &pipeline.Post{Text: text.String(), Spans: []pipeline.Span{{Kind: "title", Start: 0, Stop: titleEnd}}}, Tokens: toks}
}

func TestTermsAndScores(t *testing.T) {
	s := stage(t)
	d := doc("标题", "香港国安法/nz", "的/uj", "实施/v", "引发/v", "国际社会/n", "关注/v", "。/x", "香港国安法/nz", "限制/v", "言论自由/n",
		"，/x", "责任编辑/n", "2020/m", "年/m", "国际社会/n", "批评/v", "香港国安法/nz", "Reuters/x", "a/x")
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	terms := termCounts(t, d)
	if terms["香港国安法"] != 3 || terms["国际社会"] != 2 || terms["言论自由"] != 1 || terms["Reuters"] != 1 {
		t.Errorf("terms %v", terms)
	}
	for _, bad := range []string{"责任编辑", "2020", "的", "实施", "标题", "a"} {
		if _, ok := terms[bad]; ok {
			t.Errorf("%q is a term", bad)
		}
	}
	byMethod := map[string][]pipeline.Keyword{}
	for _, k := range d.Keywords {
		byMethod[k.Method] = append(byMethod[k.Method], k)
	}
	if len(byMethod["tfidf"]) == 0 || byMethod["tfidf"][0].Term != "香港国安法" || byMethod["tfidf"][0].Rank != 1 {
		t.Errorf("tfidf %+v", byMethod["tfidf"])
	}
	if len(byMethod["textrank"]) < 3 {
		t.Errorf("textrank %+v", byMethod["textrank"])
	}
	for m, ks := range byMethod {
		for i := 1; i < len(ks); i++ {
			if ks[i].Score > ks[i-1].Score || ks[i].Rank != i+1 {
				t.Errorf("%s keywords out of order: %+v", m, ks)
			}
		}
	}
	if tt := s.TitleTerms(d); len(tt) != 1 || tt[0] != "标题" {
		t.Errorf("title terms %q", tt)
	}
}

func TestEntityTermsUseCanonicalNames(t *testing.T) {
	s := stage(t)
	d := doc("标题", "川普/nr", "说/v", "特朗普/nr")
	d.Mentions = []pipeline.Mention{
		{EntityID: "person:donald-trump", Type: "person", Surface: "川普", Start: 3, Stop: 5, Name: "特朗普"},
		{EntityID: "person:donald-trump", Type: "person", Surface: "特朗普", Start: 6, Stop: 9, Name: "特朗普"},
	}
	s.Process(context.Background(), d)
	if terms := termCounts(t, d); terms["特朗普"] != 2 || terms["川普"] != 0 {
		t.Errorf("terms %v", terms)
	}
}

// termCounts returns d's terms as a map, failing if one is counted twice.
func termCounts(t testing.TB, d *pipeline.Doc) map[string]int {
	t.Helper()
	m := map[string]int{}
	for _, tw := range d.TermWords {
		if _, ok := m[tw.Term]; ok {
			t.Fatalf("term %q twice in %v", tw.Term, d.TermWords)
		}
		m[tw.Term] = int(tw.Count)
	}
	return m
}

// TestTermsMentionOrder checks that the walk through mentions names the
// words as a lookup by start did: the last mention starting at a word,
// whether mentions and tokens come in text order or not.
func TestTermsMentionOrder(t *testing.T) {
	s := stage(t)
	base := doc("标题", "川普/nr", "说/v", "特朗普/nr", "和/c", "北京/ns", "政府/n")
	trump := pipeline.Mention{Type: "person", Start: 3, Stop: 5, Name: "特朗普"}
	other := pipeline.Mention{Type: "person", Start: 3, Stop: 5, Name: "唐纳德"}
	trump2 := pipeline.Mention{Type: "person", Start: 6, Stop: 9, Name: "特朗普"}
	beijing := pipeline.Mention{Type: "country", Start: 10, Stop: 12, Name: "中国"}
	for _, c := range []struct {
		name     string
		mentions []pipeline.Mention
		reverse  bool // tokens in reverse order
		want     string
	}{
		{"none", nil, false, "川普 特朗普 北京 政府"},
		{"in order", []pipeline.Mention{trump, trump2, beijing}, false, "特朗普 特朗普 北京 政府"},
		{"same start, last wins", []pipeline.Mention{trump, other, trump2}, false, "唐纳德 特朗普 北京 政府"},
		{"out of order", []pipeline.Mention{trump2, beijing, trump}, false, "特朗普 特朗普 北京 政府"},
		// The walk goes back for 特朗普; 川普 then lies before the end of
		// the mention taken last, as it did with the lookup.
		{"tokens reversed", []pipeline.Mention{trump, trump2}, true, "政府 北京 特朗普"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := *base
			d.Mentions = c.mentions
			if c.reverse {
				d.Tokens = slices.Clone(d.Tokens)
				slices.Reverse(d.Tokens)
			}
			if got := strings.Join(s.Terms(&d), " "); got != c.want {
				t.Errorf("terms %q, want %q", got, c.want)
			}
		})
	}
}

func TestSimHash(t *testing.T) {
	base := strings.Repeat("美国国务卿布林肯与中共外长王毅在印尼巴厘岛举行了长达五个小时的会谈。", 5)
	near := strings.Replace(base, "五个小时", "六个小时", 1)
	other := strings.Repeat("香港立法会今天通过了新的选举制度，反对派议员全部缺席。", 5)
	a, b, c := SimHash([]rune(base)), SimHash([]rune(near)), SimHash([]rune(other))
	if d := bits.OnesCount64(a ^ b); d > 3 {
		t.Errorf("near-identical texts differ in %d bits", d)
	}
	if d := bits.OnesCount64(a ^ c); d < 10 {
		t.Errorf("different texts differ in only %d bits", d)
	}
	if SimHash([]rune("短")) != 0 {
		t.Error("a text too short for a 4-gram has a fingerprint")
	}
}

func TestIDF(t *testing.T) {
	m, err := ReadIDF(strings.NewReader("# docs 100\n香港\t49\n国安法\t9\n罕见词\t0\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	if !(m.Weight("罕见词") > m.Weight("国安法") && m.Weight("国安法") > m.Weight("香港")) {
		t.Errorf("weights %v %v %v", m.Weight("罕见词"), m.Weight("国安法"), m.Weight("香港"))
	}
	if math.Abs(m.Weight("没见过")-m.Weight("国安法")) > 1e-6 {
		t.Errorf("unknown term weight %v, want the median %v", m.Weight("没见过"), m.Weight("国安法"))
	}
	bg, err := Background()
	if err != nil || bg.Len() < 200000 {
		t.Fatalf("background model: %v, %d terms", err, bg.Len())
	}
	var sb strings.Builder
	df := NewDF()
	df.Add([]pipeline.TermWord{{Term: "香港", Count: 2}, {Term: "国安法", Count: 1}})
	df.Add([]pipeline.TermWord{{Term: "香港", Count: 1, Word: 7}})
	if err := df.Write(&sb, 1); err != nil {
		t.Fatal(err)
	}
	if sb.String() != "# docs 2\n# term\tdocument frequency; written by newsnlp idf build\n国安法\t1\n香港\t2\n" {
		t.Errorf("written model %q", sb.String())
	}
	for _, bad := range []string{"a b c\n", "香港\tx\n", "# docs -1\n香港\t1\n", ""} {
		if _, err := ReadIDF(strings.NewReader(bad), "bad"); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

// TestTextRankCentralTerm: the term that co-occurs with every other ranks
// first.
func TestTextRankCentralTerm(t *testing.T) {
	s := stage(t)
	var terms []string
	for _, w := range []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"} {
		terms = append(terms, "中心词", w+w, "远处"+w)
	}
	ks := s.TextRank(terms)
	if len(ks) == 0 || ks[0].Term != "中心词" {
		t.Errorf("textrank %+v", ks)
	}
}

// simHashRef is SimHash written the plain way: +1 or -1 per bit and 4-gram.
func simHashRef(text []rune) uint64 {
	var buf []rune
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			buf = append(buf, unicode.ToLower(r))
		}
	}
	if len(buf) < 4 {
		return 0
	}
	var acc [64]int
	for i := 0; i+4 <= len(buf); i++ {
		v := mix(uint64(buf[i])<<42 ^ uint64(buf[i+1])<<21 ^ uint64(buf[i+2]) ^ uint64(buf[i+3])*0x9e3779b97f4a7c15)
		for bit := range 64 {
			if v>>bit&1 == 1 {
				acc[bit]++
			} else {
				acc[bit]--
			}
		}
	}
	var out uint64
	for bit := range 64 {
		if acc[bit] > 0 {
			out |= 1 << bit
		}
	}
	return out
}

// TestSimHashLanes checks the lane-counting SimHash against the plain one,
// on texts shorter and longer than a lane holds.
func TestSimHashLanes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("中美关系俄乌战争香港国安法ABCxyz0123 ，。ÉéΩω１２Ｚ㐀𠀀·-")
	for _, n := range []int{0, 3, 4, 5, 100, 254, 255, 256, 258, 259, 1000, 5000} {
		for range 5 {
			text := make([]rune, n)
			for i := range text {
				text[i] = alphabet[rng.IntN(len(alphabet))]
			}
			if got, want := SimHash(text), simHashRef(text); got != want {
				t.Fatalf("n=%d: SimHash %016x, want %016x", n, got, want)
			}
		}
	}
}

func BenchmarkSimHash(b *testing.B) {
	text := []rune(strings.Repeat("美国国务卿布林肯7月会晤中共外长王毅，双方讨论了中美关系。", 100))
	for b.Loop() {
		SimHash(text)
	}
}

// readIDFLines is ReadIDF as it was, a line scanner and strings.Fields:
// the reference for the faster parser.
func readIDFLines(text string) (map[string]float32, float64) {
	w := map[string]float32{}
	var weights []float64
	docs := 0.0
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			if f := strings.Fields(line); len(f) == 3 && f[1] == "docs" {
				docs, _ = strconv.ParseFloat(f[2], 64)
			}
			continue
		}
		f := strings.Fields(line)
		v, _ := strconv.ParseFloat(f[1], 64)
		if docs > 0 {
			v = math.Log(docs / (v + 1))
		}
		w[f[0]] = float32(v)
		weights = append(weights, v)
	}
	sort.Float64s(weights)
	return w, weights[len(weights)/2]
}

// The IDF parser gives what a line scanner with strings.Fields gives, on
// jieba's table and on odd spacing.
func TestIDFParseSameAsLines(t *testing.T) {
	for _, text := range []string{
		gse.ZhIdf,
		"# docs 10\r\n 香港 \t 4\r\n\n国安法\u3000 1\n香港  2\n# comment\n罕见\t0",
	} {
		m, err := parseIDF(text, "t")
		if err != nil {
			t.Fatal(err)
		}
		w, unknown := readIDFLines(text)
		if len(m.w) != len(w) || m.unknown != unknown {
			t.Fatalf("%d terms, unknown %v; want %d, %v", len(m.w), m.unknown, len(w), unknown)
		}
		for k, v := range w {
			if got, ok := m.w[k]; !ok || got != v {
				t.Fatalf("%q: %v %v, want %v", k, got, ok, v)
			}
		}
	}
	if _, err := parseIDF("香港 1 2\n", "t"); err == nil {
		t.Error("three fields accepted")
	}
}

// BenchmarkIDFLoad parses jieba's table (start-up), beside the line
// scanner it replaced.
func BenchmarkIDFLoad(b *testing.B) {
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			if _, err := parseIDF(gse.ZhIdf, "t"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lines", func(b *testing.B) {
		for b.Loop() {
			readIDFLines(gse.ZhIdf)
		}
	})
}

// TestIdeographsAreLetters holds goodTerm's shortcut to the Unicode tables
// the build uses: every common ideograph is a letter.
func TestIdeographsAreLetters(t *testing.T) {
	for r := rune(0x4e00); r <= 0x9fff; r++ {
		if !unicode.IsLetter(r) {
			t.Fatalf("%U is not a letter: goodTerm's shortcut is wrong", r)
		}
	}
}

// TestProcessOrderFree: a post's keywords and counts do not depend on the
// posts processed before it (the stage reuses buffers from post to post),
// and Process agrees with TFIDF and TextRank called apart.
func TestProcessOrderFree(t *testing.T) {
	s := stage(t)
	rng := rand.New(rand.NewPCG(3, 4))
	var vocab []string
	for _, a := range "中美俄乌港台欧日韩朝印越英法德" {
		for _, b := range "关系战争选举会谈制裁贸易" {
			vocab = append(vocab, string(a)+string(b)+"/n")
		}
	}
	var docs []*pipeline.Doc
	for i := range 40 {
		// Some posts with more distinct terms than TextRank's graph keeps.
		words := vocab[:5+rng.IntN(len(vocab)-5)]
		var body []string
		for range 1 + rng.IntN(400) {
			body = append(body, words[rng.IntN(len(words))], "的/uj")
		}
		docs = append(docs, doc("标题"+strconv.Itoa(i), body...))
	}
	run := func(order []int) []pipeline.Doc {
		out := make([]pipeline.Doc, len(docs))
		for _, i := range order {
			out[i] = *docs[i]
			if err := s.Process(context.Background(), &out[i]); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	var fwd, back []int
	for i := range docs {
		fwd = append(fwd, i)
		back = append(back, len(docs)-1-i)
	}
	a, b := run(fwd), run(back)
	for i := range docs {
		if !slices.Equal(a[i].Keywords, b[i].Keywords) || !slices.Equal(a[i].TermWords, b[i].TermWords) {
			t.Fatalf("post %d: keywords or terms depend on the posts before it", i)
		}
		terms := s.Terms(&a[i])
		counts := map[string]int{}
		for _, w := range terms {
			counts[w]++
		}
		want := append(s.TFIDF(counts), s.TextRank(terms)...)
		if !maps.Equal(termCounts(t, &a[i]), counts) || !slices.Equal(a[i].Keywords, want) {
			t.Fatalf("post %d: Process gives %v, TFIDF and TextRank %v", i, a[i].Keywords, want)
		}
	}
}

// TestTopNodesSameAsSort compares topNodes with sorting all the nodes and
// keeping the first k, on nodes in order of first occurrence.
func TestTopNodesSameAsSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		n := rng.IntN(300)
		k := 1 + rng.IntN(100)
		nodes := make([]termNode, n)
		first := 0
		for i := range nodes {
			first += 1 + rng.IntN(3)
			f := 1 + rng.IntN(1+rng.IntN(4))
			if rng.IntN(20) == 0 {
				f = 1 + rng.IntN(200) // around and above maxFreq
			}
			nodes[i] = termNode{term: strconv.Itoa(i), freq: f, first: first, k: int32(i)}
		}
		want := slices.Clone(nodes)
		slices.SortFunc(want, func(a, b termNode) int {
			if a.freq != b.freq {
				return b.freq - a.freq
			}
			return a.first - b.first
		})
		want = want[:min(k, n)]
		got := topNodes(slices.Clone(nodes), k)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d (n %d, k %d): got %v, want %v", trial, n, k, got, want)
		}
	}
}

// fakeWords numbers a few words as the segmenter would.
type fakeWords map[string]uint32

func (f fakeWords) WordID(w string) uint32 { return f[w] }
func (f fakeWords) NumWords() int          { return len(f) + 1 }

// TestWordIDsWeighAsText checks that weights read by word id are the ones
// looked up by text, for words the model holds and words it does not.
func TestWordIDsWeighAsText(t *testing.T) {
	// 新词汇 is a word that the model does not hold.
	words := fakeWords{"香港国安法": 1, "国际社会": 2, "言论自由": 3, "限制": 4, "批评": 5, "新词汇": 6}
	byText := stage(t)
	byWord, err := New(Options{TopN: 5, Words: words})
	if err != nil {
		t.Fatal(err)
	}
	body := []string{"香港国安法/nz", "国际社会/n", "。/x", "香港国安法/nz", "限制/vn", "言论自由/n", "批评/vn", "国际社会/n", "香港国安法/nz", "Reuters/x", "新词汇/n"}
	a, b := doc("标题", body...), doc("标题", body...)
	text := []rune(b.Post.Text)
	for i, tk := range b.Tokens {
		b.Tokens[i].Word = words[string(text[tk.Start:tk.Stop])]
	}
	for _, x := range []struct {
		s *Stage
		d *pipeline.Doc
	}{{byText, a}, {byWord, b}} {
		if err := x.s.Process(context.Background(), x.d); err != nil {
			t.Fatal(err)
		}
	}
	if fmt.Sprint(a.Keywords) != fmt.Sprint(b.Keywords) {
		t.Errorf("keywords by word id %v, by text %v", b.Keywords, a.Keywords)
	}
	if fmt.Sprint(a.TermWords) != fmt.Sprint(b.TermWords) {
		// The same terms and counts, in the same order; b's with ids.
		for i := range a.TermWords {
			a.TermWords[i].Word = words[a.TermWords[i].Term]
		}
		if fmt.Sprint(a.TermWords) != fmt.Sprint(b.TermWords) {
			t.Errorf("term words by word id %v, by text %v", b.TermWords, a.TermWords)
		}
	}
}

// TestStopWordsByID: a stop word is no term whether its token carries its
// word id or not.
func TestStopWordsByID(t *testing.T) {
	words := fakeWords{"责任编辑": 1, "国际社会": 2, "记者": 3}
	s, err := New(Options{Words: words})
	if err != nil {
		t.Fatal(err)
	}
	for _, withIDs := range []bool{false, true} {
		d := doc("标题", "责任编辑/n", "国际社会/n", "记者/n", "国际社会/n")
		if withIDs {
			text := []rune(d.Post.Text)
			for i, tk := range d.Tokens {
				d.Tokens[i].Word = words[string(text[tk.Start:tk.Stop])]
			}
		}
		if got := strings.Join(s.Terms(d), " "); got != "国际社会 国际社会" {
			t.Errorf("ids %v: terms %q", withIDs, got)
		}
	}
}

// TestNamesCountWithTheirWord: an entity's name comes as text (word id 0);
// where it is also a dictionary word, written elsewhere in the post as a
// token with the word's id, the two are one term, counted by text, with
// the word id of its first occurrence.
func TestNamesCountWithTheirWord(t *testing.T) {
	words := fakeWords{"特朗普": 1, "拜登": 2, "会谈": 3}
	byText := stage(t)
	byWord, err := New(Options{TopN: 5, Words: words})
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range [][]string{
		{"川普/nr", "与/p", "拜登/nr", "会谈/vn", "特朗普/nr", "说/v", "特朗普/nr"},
		{"特朗普/nr", "与/p", "拜登/nr", "会谈/vn", "川普/nr", "说/v", "川普/nr"},
	} {
		a, b := doc("标题", body...), doc("标题", body...)
		text := []rune(b.Post.Text)
		for _, d := range []*pipeline.Doc{a, b} {
			for i, tk := range d.Tokens {
				if w := string(text[tk.Start:tk.Stop]); w == "川普" {
					d.Mentions = append(d.Mentions, pipeline.Mention{EntityID: "person:donald-trump", Type: "person", Surface: w, Start: int(tk.Start), Stop: int(tk.Stop), Name: "特朗普"})
				} else if d == b {
					b.Tokens[i].Word = words[w]
				}
			}
		}
		if err := byText.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if err := byWord.Process(context.Background(), b); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(a.Keywords) != fmt.Sprint(b.Keywords) {
			t.Errorf("%v: keywords by word id %v, by text %v", body, b.Keywords, a.Keywords)
		}
		if !maps.Equal(termCounts(t, a), termCounts(t, b)) || termCounts(t, b)["特朗普"] != 3 {
			t.Errorf("%v: terms by word id %v, by text %v", body, b.TermWords, a.TermWords)
		}
		for _, tw := range b.TermWords {
			if want := words[tw.Term]; tw.Term == "特朗普" && body[0] == "川普/nr" {
				want = 0 // first as a name
			} else if tw.Word != want {
				t.Errorf("%v: term word %+v, want word %d", body, tw, want)
			}
		}
	}
}

// TestIndexTermsSameAsMap compares indexTerms with numbering the terms by
// text in a new map, on posts whose terms come with their word ids, as
// text only, or both ways, one after another on the same reused solver
// (long posts among them, whose map the solver drops).
func TestIndexTermsSameAsMap(t *testing.T) {
	words := fakeWords{}
	var vocab []string
	for i := range 60 {
		w := fmt.Sprint("词", i)
		vocab = append(vocab, w)
		if i%3 != 0 {
			words[w] = uint32(len(words) + 1)
		}
	}
	s, err := New(Options{Words: words})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 10))
	sv := new(solver)
	for post := range 300 {
		var terms []string
		var ids []uint32
		n := rng.IntN(200)
		if post%10 == 0 {
			n = 6000
		}
		for i := range n {
			w := vocab[rng.IntN(len(vocab))]
			if post%10 == 0 {
				w = fmt.Sprint("长", i%(maxKeptTerms+100))
			}
			id := words[w]
			if rng.IntN(4) == 0 {
				id = 0 // a name, or gse's own cutting
			}
			terms, ids = append(terms, w), append(ids, id)
		}
		at := map[string]int{}
		var want []termNode
		for i, w := range terms {
			k, ok := at[w]
			if !ok {
				k = len(want)
				at[w] = k
				want = append(want, termNode{term: w, first: i, k: int32(k), word: ids[i]})
			}
			want[k].freq++
		}
		ix := s.indexTerms(terms, ids, sv)
		if !slices.Equal(ix.nodes, want) {
			t.Fatalf("post %d: nodes %v, want %v", post, ix.nodes, want)
		}
		for i, k := range ix.occ {
			if ix.nodes[k].term != terms[i] {
				t.Fatalf("post %d: occurrence %d is node %d (%s), want %s", post, i, k, ix.nodes[k].term, terms[i])
			}
		}
		sv.reset()
		if len(sv.byText) != 0 {
			t.Fatalf("post %d: the solver keeps the post's index", post)
		}
	}
}
