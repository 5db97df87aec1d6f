package quotes

import (
	"slices"
	"testing"

	"github.com/newsnlp/newsnlp/pipeline"
)

// A short span marked twice in a post is a term; marked once it is not
// said to come back.
func TestShortMarkedAgain(t *testing.T) {
	text := "阿里经营“虾米音乐”只为上市？评论人士认为，“虾米音乐”的关闭早有预兆。他批评这是“胡闹”。"
	_, _, spans := rulesOnly().Examples(&pipeline.Doc{ID: "doc", Post: &pipeline.Post{Text: text}, Norm: text}, nil)
	got := map[string]bool{}
	for _, s := range spans {
		if slices.Contains(s.Features, "short|marked_again") {
			got[s.Text] = true
		}
	}
	if !got["虾米音乐"] || got["胡闹"] || len(spans) != 3 {
		t.Errorf("marked again: %v of %d spans", got, len(spans))
	}
}
