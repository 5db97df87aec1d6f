package evaluate

import (
	"archive/tar"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/quotes"
)

func TestReadExtra(t *testing.T) {
	in := `{"file":"a/b.md","quotes":[{"speaker":"秦刚","text":"中俄不是盟友关系。"},{"speaker":"?","text":"……"}]}

{"file":"c.md","quotes":[],"not_quotes":["好人"]}
`
	ps, err := ReadExtra(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].File != "a/b.md" || len(ps[0].Quotes) != 2 || ps[0].Quotes[0].Speaker != "秦刚" || ps[1].File != "c.md" || len(ps[1].NotQuotes) != 1 {
		t.Errorf("ReadExtra = %+v", ps)
	}
	for _, bad := range []string{`{"file":"x.md"`, `{"quotes":[]}`} {
		if _, err := ReadExtra(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadExtra(%q): no error", bad)
		}
	}
	if extraChecksum(ps) == extraChecksum(ps[:1]) {
		t.Error("the checksum does not change with the annotations")
	}
}

func TestExtractPosts(t *testing.T) {
	dir := t.TempDir()
	tgz := filepath.Join(dir, "c.tar.gz")
	f, err := os.Create(tgz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	for _, e := range []struct {
		name, body string
		typ        byte
	}{{"x/one.md", "one", tar.TypeReg}, {"./x/two.md", "two", tar.TypeReg}, {"x/link.md", "", tar.TypeSymlink}, {"x/other.md", "other", tar.TypeReg}} {
		h := &tar.Header{Name: e.name, Typeflag: e.typ, Size: int64(len(e.body)), Mode: 0o644, Linkname: "one.md"}
		if e.typ != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []interface{ Close() error }{tw, zw, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	found := map[int]string{}
	want := map[string]int{"x/one.md": 0, "x/two.md": 1, "x/link.md": 2, "x/missing.md": 3}
	if err := extractPosts(tgz, want, out, found); err != nil {
		t.Fatal(err)
	}
	if len(found) != 2 {
		t.Fatalf("found %v, want the two regular files", found)
	}
	for i, body := range map[int]string{0: "one", 1: "two"} {
		b, err := os.ReadFile(found[i])
		if err != nil || string(b) != body {
			t.Errorf("post %d: %q, %v", i, b, err)
		}
	}
}

// A short_only post keeps its quote judgments for the short-quote detector
// but gives the speaker model no labels.
func TestShortOnlyLabels(t *testing.T) {
	ps, err := ReadExtra(strings.NewReader(`{"file":"a.md","quotes":[{"speaker":"秦刚","text":"中俄不是盟友关系。"}],"short_only":true}`))
	if err != nil {
		t.Fatal(err)
	}
	if !ps[0].ShortOnly {
		t.Fatal("short_only not read")
	}
	for _, shortOnly := range []bool{false, true} {
		p := speakerPost{
			doc:   &pipeline.Doc{},
			gold:  &goldDoc{Quotes: ps[0].Quotes, shortOnly: shortOnly},
			qs:    []pipeline.Quote{{Kind: "direct", Text: "中俄不是盟友关系。"}},
			cands: [][]quotes.Candidate{{{Surface: "秦刚", Type: "person"}}},
		}
		(&speakerData{gaz: &entities.Gazetteer{}}).label(&p)
		if got := len(p.labels[0]) > 0; got == shortOnly {
			t.Errorf("short_only %v: labels %v", shortOnly, p.labels)
		}
	}
}

func TestExtraRounds(t *testing.T) {
	post := func(extra bool, round int) speakerPost {
		return speakerPost{extra: extra, gold: &goldDoc{round: round}}
	}
	for _, c := range []struct {
		posts []speakerPost
		want  []int
	}{
		{[]speakerPost{post(false, 0), post(true, 0), post(true, 0)}, nil},
		{[]speakerPost{post(false, 4), post(true, 0)}, nil}, // a gold post's round is not an extra round
		{[]speakerPost{post(true, 4), post(true, 0), post(true, 5), post(false, 0)}, []int{0, 4, 5}},
	} {
		sd := &speakerData{posts: c.posts}
		if got := sd.extraRounds(); !slices.Equal(got, c.want) {
			t.Errorf("extraRounds = %v, want %v", got, c.want)
		}
	}
	ps, err := ReadExtra(strings.NewReader(`{"file":"a/b.md","quotes":[],"round":4,"speakers_only":true}` + "\n" + `{"file":"a/c.md","quotes":[]}` + "\n"))
	if err != nil || len(ps) != 2 || ps[0].Round != 4 || ps[1].Round != 0 || !ps[0].SpeakersOnly || ps[1].SpeakersOnly {
		t.Errorf("ReadExtra rounds: %+v, %v", ps, err)
	}
}
