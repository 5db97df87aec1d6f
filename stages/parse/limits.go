package parse

import (
	"errors"
	"fmt"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Limits on one post, well above anything real (the corpus's largest post
// has 669,064 code points and the most quoted 14,525 quotation marks; the
// sample 27-huge.md has 1.06 million code points) and low enough that a
// hostile post costs bounded time and memory: the later stages take about
// a hundred bytes of memory per code point.
const (
	MaxRunes          = 2_000_000
	MaxParagraphRunes = 400_000
	MaxQuoteMarks     = 50_000
)

// ErrLimit is the error of a post over one of the limits.
var ErrLimit = errors.New("over a limit")

// checkLimits rejects a post too large for the later stages.
func checkLimits(p *pipeline.Post) error {
	if p.Runes > MaxRunes {
		return fmt.Errorf("%w: text of %d code points, the limit is %d", ErrLimit, p.Runes, MaxRunes)
	}
	for _, s := range p.Spans {
		if n := s.Stop - s.Start; n > MaxParagraphRunes {
			return fmt.Errorf("%w: a %s of %d code points, the limit is %d", ErrLimit, s.Kind, n, MaxParagraphRunes)
		}
	}
	if len(p.Text) <= MaxQuoteMarks {
		// Each mark takes a byte at least: a text this short has too
		// few to count.
		return nil
	}
	marks := 0
	for _, r := range p.Text {
		switch r {
		case '“', '”', '「', '」', '『', '』', '‘', '’', '〝', '〞', '﹁', '﹂', '﹃', '﹄', '"', '＂':
			marks++
		}
	}
	if marks > MaxQuoteMarks {
		return fmt.Errorf("%w: %d quotation marks, the limit is %d", ErrLimit, marks, MaxQuoteMarks)
	}
	return nil
}
