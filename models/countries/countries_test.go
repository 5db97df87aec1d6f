package countries

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func mustLoad(t *testing.T) *Table {
	t.Helper()
	tb, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestCountries(t *testing.T) {
	tb := mustLoad(t)
	if n := len(tb.Countries); n != 249 {
		t.Errorf("%d countries, want the 249 officially assigned ISO 3166-1 codes", n)
	}
	for _, want := range []Country{
		{"USA", "US", "美国", "美國", "United States"},
		{"CHN", "CN", "中国", "中國", "China"},
		{"TWN", "TW", "台湾", "台灣", "Taiwan"},
		{"HKG", "HK", "中国香港特别行政区", "中國香港特別行政區", "Hong Kong SAR China"},
		{"MAC", "MO", "中国澳门特别行政区", "中國澳門特別行政區", "Macau SAR China"},
		{"GBR", "GB", "英国", "英國", "United Kingdom"},
		{"RUS", "RU", "俄罗斯", "俄羅斯", "Russia"},
		{"AUS", "AU", "澳大利亚", "澳洲", "Australia"},
		{"PRK", "KP", "朝鲜", "北韓", "North Korea"},
		{"KOR", "KR", "韩国", "南韓", "South Korea"},
	} {
		got, ok := tb.ByISO3(want.ISO3)
		if !ok || got != want {
			t.Errorf("ByISO3(%s) = %+v, %v; want %+v", want.ISO3, got, ok, want)
		}
	}
	if _, ok := tb.ByISO3("usa"); !ok {
		t.Error("ByISO3 is not case-insensitive")
	}
	// Not ISO 3166-1: deprecated, reserved and user-assigned codes.
	for _, code := range []string{"SUN", "DDR", "YUG", "ANT", "XKK", "ASC", "ZZZ", ""} {
		if c, ok := tb.ByISO3(code); ok {
			t.Errorf("ByISO3(%q) = %+v, want none", code, c)
		}
	}
}

func TestForms(t *testing.T) {
	tb := mustLoad(t)
	cldr := map[string]string{}
	for _, c := range tb.Countries {
		cldr[c.Name] = c.ISO3
		cldr[c.NameT] = c.ISO3
	}
	type key struct{ form, iso3 string }
	seen := map[key]bool{}
	codes := map[string][]string{} // form → iso3s
	kinds := map[string]int{}
	for _, f := range tb.Forms {
		if _, ok := tb.ByISO3(f.ISO3); !ok {
			t.Errorf("%s %s: unknown country", f.ISO3, f.Form)
		}
		if !formKinds[f.Kind] {
			t.Errorf("%s %s: unknown kind %q", f.ISO3, f.Form, f.Kind)
		}
		if seen[key{f.Form, f.ISO3}] {
			t.Errorf("%s %s: duplicate", f.ISO3, f.Form)
		}
		seen[key{f.Form, f.ISO3}] = true
		codes[f.Form] = append(codes[f.Form], f.ISO3)
		kinds[f.Kind]++
		if c, ok := cldr[f.Form]; ok {
			t.Errorf("%s %s: already the CLDR name of %s", f.ISO3, f.Form, c)
		}
		if k, ok := tb.NonStates[f.Form]; ok {
			t.Errorf("%s %s: also a non-state (%s)", f.ISO3, f.Form, k)
		}
		n := utf8.RuneCountInString(f.Form)
		switch f.Kind {
		case KindAbbr:
			if n != 1 {
				t.Errorf("%s %s: abbr must be one character", f.ISO3, f.Form)
			}
		case KindHua:
			if n != 2 || !strings.ContainsAny(f.Form, "华華") || f.ISO3 != "CHN" {
				t.Errorf("%s %s: hua must be a two-character CHN word with 华", f.ISO3, f.Form)
			}
		case KindWord:
			if n != 2 {
				t.Errorf("%s %s: word must have two characters", f.ISO3, f.Form)
			}
		case KindMainland:
			if f.ISO3 != "CHN" {
				t.Errorf("%s %s: mainland must be CHN", f.ISO3, f.Form)
			}
		default:
			if n < 2 {
				t.Errorf("%s %s: a one-character %s", f.ISO3, f.Form, f.Kind)
			}
		}
	}
	// One form, two countries: only for ambiguous abbreviations.
	for form, cs := range codes {
		if len(cs) < 2 {
			continue
		}
		for _, f := range tb.Forms {
			if f.Form == form && f.Kind != KindAbbr {
				t.Errorf("%s is under %v but is not an abbr", form, cs)
				break
			}
		}
	}
	for _, k := range []string{KindName, KindOfficial, KindAbbr, KindHua, KindMainland, KindWord} {
		if kinds[k] == 0 {
			t.Errorf("no forms of kind %s", k)
		}
	}
	// The short forms the matcher needs where CLDR has long ones, and the
	// readings of the ambiguous abbreviations.
	for _, want := range []Form{
		{"HKG", "香港", KindName}, {"MAC", "澳门", KindName}, {"MAC", "澳門", KindName},
		{"TWN", "臺灣", KindName}, {"TWN", "中華民國", KindName}, {"CHN", "中华人民共和国", KindName},
		{"CHN", "中方", KindOfficial}, {"USA", "美军", KindOfficial},
		{"CHN", "中", KindAbbr}, {"USA", "美", KindAbbr}, {"AUS", "澳", KindAbbr}, {"MAC", "澳", KindAbbr},
		{"CHN", "对华", KindHua}, {"CHN", "駐華", KindHua},
		{"CHN", "大陆", KindMainland}, {"CHN", "陆资", KindMainland}, {"CHN", "中企", KindMainland},
	} {
		if !seen[key{want.Form, want.ISO3}] {
			t.Errorf("missing %+v", want)
		}
	}
}

func TestNonStates(t *testing.T) {
	tb := mustLoad(t)
	for form, kind := range tb.NonStates {
		if !nonStateKinds[kind] {
			t.Errorf("%s: unknown kind %q", form, kind)
		}
		if utf8.RuneCountInString(form) < 2 {
			t.Errorf("%s: one character", form)
		}
	}
	for _, c := range tb.Countries {
		for _, n := range []string{c.Name, c.NameT} {
			if k, ok := tb.NonStates[n]; ok {
				t.Errorf("%s is the CLDR name of %s and a non-state (%s)", n, c.ISO3, k)
			}
		}
	}
	for form, kind := range map[string]string{
		"苏联": "former", "新疆": "region", "欧盟": "organisation", "台海": "sea",
		"华盛顿": "city", "中美洲": "region", "德国之声": "organisation",
	} {
		if got := tb.NonStates[form]; got != kind {
			t.Errorf("NonStates[%s] = %q, want %q", form, got, kind)
		}
	}
}

func TestParseErrors(t *testing.T) {
	const c = "# header\nUSA\tUS\t美国\t美國\tUnited States\n"
	for _, tc := range []struct{ countries, forms, nonstates, want string }{
		{"USA\tUS\t美国\n", "", "", "countries.tsv:1: 3 fields, want 5"},
		{c + "usa\tUS\ta\tb\tc\n", "", "", "countries.tsv:3: bad code"},
		{c + c, "", "", "countries.tsv:4: duplicate USA"},
		{c, "#\n\nUSA\t美方\tofficial\nXXX\t某\tname\n", "", "forms.tsv:4: unknown country"},
		{c, "USA\t美方\tside\n", "", "forms.tsv:1: unknown kind"},
		{c, "USA\t美方 \tofficial\n", "", "forms.tsv:1: empty or padded"},
		{c, "USA\t美\tabbr\r\nUSA\t美\tabbr\r\n", "", "forms.tsv:2: duplicate USA 美"},
		{c, "", "苏联\tformer\n苏联\tregion\n", "nonstates.tsv:2: duplicate"},
		{c, "", "苏联\tgone\n", "nonstates.tsv:1: unknown kind"},
	} {
		_, err := parse(tc.countries, tc.forms, tc.nonstates)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parse error %v, want %q", err, tc.want)
		}
	}
}

func TestLoadOnce(t *testing.T) {
	a, b := mustLoad(t), mustLoad(t)
	if a != b {
		t.Error("Load parsed twice")
	}
	if s := Checksum(); len(s) != 16 || s != Checksum() {
		t.Errorf("Checksum() = %q", s)
	}
}

// TestGenerated runs gen.go again and compares its output with the embedded
// countries.tsv, so that a change of golang.org/x/text or of gen.go without
// `go generate` fails.
func TestGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs gen.go")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out := filepath.Join(t.TempDir(), "countries.tsv")
	cmd := exec.Command(gobin, "run", "gen.go", "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen.go: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != countriesTSV {
		gl, wl := strings.Split(got, "\n"), strings.Split(countriesTSV, "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("countries.tsv is stale (run go generate ./models/countries); line %d:\n generated: %q\n embedded:  %q", i+1, g, w)
			}
		}
	}
}
