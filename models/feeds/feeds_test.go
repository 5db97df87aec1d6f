package feeds

import "testing"

func TestOutlet(t *testing.T) {
	for host, want := range map[string]string{
		"www.bbc.com":           "BBC",
		"BBC.co.uk":             "BBC",
		"cn.ft.com":             "金融时报",
		"www.ft.com":            "",
		"com":                   "",
		"":                      "",
		"news.cna.com.tw.":      "(臺)中央社CNA",
		"example.org":           "",
		"www.zaobao.com.sg":     "联合早报",
		"mandarin.rfa.org":      "自由亚洲电台",
		"chinadigitaltimes.net": "中国数字时代",
	} {
		if got := Outlet(host); got != want {
			t.Errorf("Outlet(%q) = %q, want %q", host, got, want)
		}
	}
}
