package evaluate

import (
	"fmt"
	"io"
	"strings"

	"github.com/go-ego/gse"
	"github.com/go-ego/gse/hmm/idf"
	"github.com/newsnlp/newsnlp/pipeline"
)

// keywordScores are precision@10 of keywords against the terms of each
// post's title, for newsnlp's two methods and gse's own two extractors.
type keywordScores struct {
	Posts int                `json:"posts"`
	Hits  map[string]float64 `json:"hits"` // method → keywords found in the title, summed over posts
	P10   map[string]float64 `json:"precision_at_10"`
}

// matchesTitle reports whether a keyword is one of the title's terms, or
// contains or is contained in one (国安法 and 香港国安法).
func matchesTitle(k string, title []string) bool {
	k = normForm(k)
	for _, t := range title {
		t = normForm(t)
		if k == t || len([]rune(k)) >= 2 && len([]rune(t)) >= 2 && (strings.Contains(k, t) || strings.Contains(t, k)) {
			return true
		}
	}
	return false
}

// gseExtractors are gse's TF-IDF and TextRank extractors over the same
// dictionary, the baseline of keyword evaluation.
type gseExtractors struct {
	tfidf    idf.TagExtracter
	textrank idf.TextRanker
}

func newGseExtractors(seg *gse.Segmenter) (*gseExtractors, error) {
	g := &gseExtractors{}
	g.tfidf.WithGse(*seg)
	if err := g.tfidf.LoadIdfStr(gse.ZhIdf); err != nil {
		return nil, err
	}
	g.textrank.WithGse(*seg)
	return g, nil
}

// scoreKeywords adds one post's precision@10 to sc.
func scoreKeywords(b *System, ge *gseExtractors, d *pipeline.Doc, sc *keywordScores) {
	title := b.Keywords.TitleTerms(d)
	if len(title) == 0 {
		return
	}
	sc.Posts++
	hits := func(method string, ks []string) {
		n := 0
		for i, k := range ks {
			if i < 10 && matchesTitle(k, title) {
				n++
			}
		}
		sc.Hits[method] += float64(n)
	}
	var tfidf, textrank []string
	for _, k := range d.Keywords {
		switch k.Method {
		case "tfidf":
			tfidf = append(tfidf, k.Term)
		case "textrank":
			textrank = append(textrank, k.Term)
		}
	}
	hits("newsnlp tfidf", tfidf)
	hits("newsnlp textrank", textrank)
	body := bodyOf(d)
	var gt, gr []string
	for _, s := range ge.tfidf.ExtractTags(body, 10) {
		gt = append(gt, s.Text)
	}
	for _, s := range ge.textrank.TextRank(body, 10) {
		gr = append(gr, s.Text)
	}
	hits("gse tfidf", gt)
	hits("gse textrank", gr)
}

// bodyOf returns a post's body in simplified script, as the keyword stage
// reads it.
func bodyOf(d *pipeline.Doc) string {
	norm := d.Norm
	if norm == "" {
		norm = d.Post.Text
	}
	r := []rune(norm)
	for _, sp := range d.Post.Spans {
		if sp.Kind == "title" {
			return string(r[min(sp.Stop, len(r)):])
		}
	}
	return norm
}

var keywordMethods = []string{"newsnlp tfidf", "newsnlp textrank", "gse tfidf", "gse textrank"}

func printKeywordScores(w io.Writer, k keywordScores) {
	fmt.Fprintf(w, "keywords  precision@10 against title terms, %d posts:", k.Posts)
	for _, m := range keywordMethods {
		fmt.Fprintf(w, "  %s %.3f", m, k.P10[m])
	}
	fmt.Fprintln(w)
}
