package parse

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/models/hanzi"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	unicodeenc "golang.org/x/text/encoding/unicode"
)

// decode returns raw as UTF-8 text with "\n" line ends, and the name of the
// encoding it was read in. Valid UTF-8 is taken as it is; otherwise the
// legacy Chinese encoding whose decoding reads most like Chinese wins.
func decode(raw []byte) (text []byte, enc string) {
	suffix := ""
	switch {
	case bytes.HasPrefix(raw, []byte{0xef, 0xbb, 0xbf}):
		raw, suffix = raw[3:], "+bom"
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}), bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		// UTF-16 with a byte order mark.
		e := unicodeenc.UTF16(unicodeenc.LittleEndian, unicodeenc.ExpectBOM)
		name := "utf-16le"
		if raw[0] == 0xfe {
			e = unicodeenc.UTF16(unicodeenc.BigEndian, unicodeenc.ExpectBOM)
			name = "utf-16be"
		}
		if out, err := e.NewDecoder().Bytes(raw); err == nil {
			return normaliseNewlines(out), name + "+bom"
		}
	}
	if utf8.Valid(raw) {
		return normaliseNewlines(raw), "utf-8" + suffix
	}
	best, bestEnc, bestScore := raw, "", -1<<62
	for _, c := range []struct {
		name string
		e    encoding.Encoding
	}{{"gb18030", simplifiedchinese.GB18030}, {"big5", traditionalchinese.Big5}} {
		out, err := c.e.NewDecoder().Bytes(raw)
		if err != nil {
			continue
		}
		if s := chineseScore(out); s > bestScore {
			best, bestEnc, bestScore = out, c.name, s
		}
	}
	if bestEnc == "" {
		// Not Chinese: keep what is valid, replace the rest.
		return normaliseNewlines(bytes.ToValidUTF8(raw, []byte("\uFFFD"))), "unknown"
	}
	return normaliseNewlines(best), bestEnc + suffix
}

// chineseScore rewards common Han characters and penalises replacement
// characters, rare characters and private-use code points: a GBK file read
// as Big5 (or the reverse) decodes to rare characters.
func chineseScore(b []byte) int {
	t := hanzi.Load()
	score := 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case r < utf8.RuneSelf:
		case r == utf8.RuneError:
			score -= 10
		case t.Common(r):
			score += 2
		case unicode.Is(unicode.Han, r):
			score--
		case unicode.In(r, unicode.Co):
			score -= 5
		}
	}
	return score
}

// normaliseNewlines turns CRLF and lone CR into LF.
func normaliseNewlines(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}
