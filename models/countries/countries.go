// Package countries is the country and territory gazetteer of entity
// extraction: every ISO 3166-1 country or territory with its alpha-3 code,
// and the surface forms under which Chinese-language news refers to it.
//
// The data are three embedded TSV files, parsed once and read-only afterwards:
//
//   - countries.tsv: the 249 ISO 3166-1 codes with their CLDR names in
//     Simplified Chinese, Traditional Chinese and English, generated from
//     golang.org/x/text (go generate; see gen.go). CLDR gives Hong Kong and
//     Macau long official names (中国香港特别行政区), so the matcher needs the
//     short forms of forms.tsv.
//   - forms.tsv: hand-curated other forms, each with a kind that says where it
//     counts: names (美國, 澳洲, 臺灣), official forms (中方, 美军), one-character
//     abbreviations that count only inside compounds (中美, 俄乌), 华 in 对华
//     and 访华, and mainland forms (大陆, 陆资, 中企).
//   - nonstates.tsv: words that look like countries but do not count (苏联,
//     新疆, 欧盟, 台海, 华盛顿, 德国之声): the matcher lets them win over the
//     shorter country forms they contain.
//
// What counts as a country is defined by the gold annotation guide
// (shared/gold/GUIDE.md); the comments of the TSV files give the corpus
// evidence for each decision.
package countries

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
)

//go:generate go run gen.go

var (
	//go:embed countries.tsv
	countriesTSV string
	//go:embed forms.tsv
	formsTSV string
	//go:embed nonstates.tsv
	nonstatesTSV string
)

// Kinds of Form.
const (
	// KindName is a standalone full or short name (俄国, 臺灣, 香港).
	KindName = "name"
	// KindOfficial is the government, side or armed forces of a country
	// (中方, 美方, 美军, 港府).
	KindOfficial = "official"
	// KindAbbr is a one-character form that counts only inside a compound of
	// country abbreviations (中 and 美 in 中美). A character may have two rows
	// (澳: AUS, and MAC next to 港); the first is the usual reading.
	KindAbbr = "abbr"
	// KindHua is a two-character word with 华 meaning China (对华, 访华).
	KindHua = "hua"
	// KindMainland is a form of mainland China (大陆, 内地, 陆资, 中企).
	KindMainland = "mainland"
	// KindWord is a two-character word of a country's character and a noun
	// or a verb of travel (港股, 美媒, 访美, 驻台): it counts when it stands
	// as a whole word, like 对华.
	KindWord = "word"
)

var formKinds = map[string]bool{
	KindName: true, KindOfficial: true, KindAbbr: true, KindHua: true, KindMainland: true, KindWord: true,
}

// nonStateKinds are the kinds of nonstates.tsv.
var nonStateKinds = map[string]bool{
	"former": true, "region": true, "organisation": true, "sea": true, "city": true, "other": true,
}

// Country is an ISO 3166-1 country or territory with its CLDR names.
type Country struct {
	ISO3, ISO2 string
	Name       string // Simplified Chinese (CLDR zh-Hans)
	NameT      string // Traditional Chinese (CLDR zh-Hant, Taiwan usage)
	NameEn     string // English (CLDR en)
}

// Form is another surface form of a country.
type Form struct {
	ISO3 string
	Form string
	Kind string // one of the Kind constants
}

// Table is the parsed gazetteer. It is shared: callers must not modify it.
type Table struct {
	Countries []Country         // sorted by ISO3
	Forms     []Form            // in file order
	NonStates map[string]string // form → kind (former, region, organisation, sea, city, other)

	byISO3 map[string]int
}

var load = sync.OnceValues(func() (*Table, error) {
	return parse(countriesTSV, formsTSV, nonstatesTSV)
})

// Load parses the embedded files once and returns the same table on every
// call. An error names the file and line at fault.
func Load() (*Table, error) { return load() }

// ByISO3 returns the country with the alpha-3 code (case-insensitive).
func (t *Table) ByISO3(code string) (Country, bool) {
	i, ok := t.byISO3[strings.ToUpper(code)]
	if !ok {
		return Country{}, false
	}
	return t.Countries[i], true
}

// Checksum identifies the files' content, for the metadata of a run's output.
func Checksum() string {
	h := sha256.New()
	for _, s := range []string{countriesTSV, formsTSV, nonstatesTSV} {
		fmt.Fprintf(h, "%d\n", len(s))
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func parse(countries, forms, nonstates string) (*Table, error) {
	t := &Table{NonStates: map[string]string{}, byISO3: map[string]int{}}

	err := eachRow("countries.tsv", countries, 5, func(f []string) error {
		c := Country{ISO3: f[0], ISO2: f[1], Name: f[2], NameT: f[3], NameEn: f[4]}
		if !isUpper(c.ISO3, 3) || !isUpper(c.ISO2, 2) {
			return fmt.Errorf("bad code %q/%q", c.ISO3, c.ISO2)
		}
		if _, dup := t.byISO3[c.ISO3]; dup {
			return fmt.Errorf("duplicate %s", c.ISO3)
		}
		t.byISO3[c.ISO3] = len(t.Countries)
		t.Countries = append(t.Countries, c)
		return nil
	})
	if err != nil {
		return nil, err
	}

	seen := map[Form]bool{}
	err = eachRow("forms.tsv", forms, 3, func(f []string) error {
		x := Form{ISO3: f[0], Form: f[1], Kind: f[2]}
		if _, ok := t.byISO3[x.ISO3]; !ok {
			return fmt.Errorf("unknown country %q", x.ISO3)
		}
		if !formKinds[x.Kind] {
			return fmt.Errorf("unknown kind %q", x.Kind)
		}
		if seen[x] {
			return fmt.Errorf("duplicate %s %s", x.ISO3, x.Form)
		}
		seen[x] = true
		t.Forms = append(t.Forms, x)
		return nil
	})
	if err != nil {
		return nil, err
	}

	err = eachRow("nonstates.tsv", nonstates, 2, func(f []string) error {
		if !nonStateKinds[f[1]] {
			return fmt.Errorf("unknown kind %q", f[1])
		}
		if _, dup := t.NonStates[f[0]]; dup {
			return fmt.Errorf("duplicate %s", f[0])
		}
		t.NonStates[f[0]] = f[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// eachRow calls fn with the fields of each line of a TSV file that is neither
// blank nor a # comment, after checking that it has n non-empty fields without
// surrounding spaces. Errors are prefixed with file:line.
func eachRow(file, s string, n int, fn func([]string) error) error {
	no := 0
	for line := range strings.Lines(s) {
		no++
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		if err := checkRow(line, n, fn); err != nil {
			return fmt.Errorf("%s:%d: %w", file, no, err)
		}
	}
	return nil
}

func checkRow(line string, n int, fn func([]string) error) error {
	f := strings.Split(line, "\t")
	if len(f) != n {
		return fmt.Errorf("%d fields, want %d", len(f), n)
	}
	for _, x := range f {
		if x == "" || strings.TrimSpace(x) != x {
			return fmt.Errorf("empty or padded field %q", x)
		}
	}
	return fn(f)
}

func isUpper(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
