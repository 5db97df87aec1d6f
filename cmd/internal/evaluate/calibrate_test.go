package evaluate

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/quotes"
)

// TestCalibrationQuotes checks which quotes the confidence's calibration
// is fitted on and how each counts: a right and a wrong choice, a quote
// whose speaker is no candidate (wrong, not left out), short quotes and
// quotes of the training folds (left out); and the quotes the rules decide
// alone, which aloneShare counts.
func TestCalibrationQuotes(t *testing.T) {
	m, err := quotes.ReadModel(strings.NewReader("f\t1\n"))
	if err != nil {
		t.Fatal(err)
	}
	cand := func(name string, f ...string) quotes.Candidate {
		return quotes.Candidate{Surface: name, Type: "person", Features: f}
	}
	post := func(fold int) speakerPost {
		p := speakerPost{
			fold: fold,
			doc:  &pipeline.Doc{},
			gold: &goldDoc{Quotes: []goldQuote{
				{Speaker: "甲", Text: "第一句话说得很长。"},
				{Speaker: "丙", Text: "第二句话说得很长。"},
				{Speaker: "戊", Text: "第三句话说得很长。"},
				{Speaker: "甲", Text: "短话"},
				{Speaker: "王五", Text: "第四句话说得很长。"},
				{Speaker: "王五", Text: "第五句话说得很长。"},
			}},
			qs: []pipeline.Quote{
				{Kind: "direct", Text: "第一句话说得很长。"},
				{Kind: "direct", Text: "第二句话说得很长。"},
				{Kind: "direct", Text: "第三句话说得很长。"},
				{Kind: "direct", Text: "短话"},
				{Kind: "direct", Text: "第四句话说得很长。", Speaker: "王五", SpeakerType: "person"},
				{Kind: "direct", Text: "第五句话说得很长。", Speaker: "赵六", SpeakerType: "person"},
			},
			cands: [][]quotes.Candidate{
				{cand("甲", "f"), cand("乙")},                             // right: 甲 scores 1
				{cand("丁", "f"), cand("丙")},                             // wrong: 丁 scores 1
				{{Type: "unknown", Features: []string{"f"}}, cand("庚")}, // nobody best; 戊 is no candidate: wrong
				{cand("甲", "f"), cand("乙")},                             // short: left out
				nil,                                                     // the rules alone, right
				nil,                                                     // the rules alone, wrong
			},
		}
		(&speakerData{gaz: &entities.Gazetteer{}}).label(&p)
		return p
	}
	sd := &speakerData{gaz: &entities.Gazetteer{}, posts: []speakerPost{post(0), post(1), post(2)}}
	train := func(p *speakerPost) bool { return p.fold != 2 } // fold 2 is the outer one
	ps, none, right := sd.calibrationQuotes(3, train, []*quotes.Model{m, m}, []int{0, 1}, 0, 2)
	p1 := 1 / (1 + math.Exp(-0.5)) // scores 1 and 0 at temperature 2
	wantP := []float64{p1, p1, p1, p1, p1, p1}
	wantRight := []bool{true, false, false, true, false, false}
	wantNone := []bool{false, false, true, false, false, true}
	if len(ps) != len(wantP) || !slices.Equal(right, wantRight) || !slices.Equal(none, wantNone) {
		t.Fatalf("quotes %v nobody %v right %v, want %v %v %v", ps, none, right, wantP, wantNone, wantRight)
	}
	for i := range ps {
		if math.Abs(ps[i]-wantP[i]) > 1e-12 {
			t.Errorf("quote %d: p %v, want %v", i, ps[i], wantP[i])
		}
	}
	// Two training posts, one right and one wrong each: (2+1)/(4+2).
	if got := sd.aloneShare(train); got != 0.5 {
		t.Errorf("aloneShare %v, want 0.5", got)
	}
	sd.posts[0].qs[5].Speaker = "王五"
	if got := sd.aloneShare(train); got != math.Round(1e4*4.0/6)/1e4 {
		t.Errorf("aloneShare with one more right %v, want %v", got, 4.0/6)
	}
}
