package credits_test

import (
	"fmt"
	"time"

	"github.com/newsnlp/newsnlp/stages/parse/credits"
)

// The parse stage hands Extract the plain text of a post's blocks; the
// dateline's day is completed from the publication time.
func ExampleExtract() {
	res := credits.Extract(credits.Input{
		Outlet:    "(臺)中央社CNA",
		Published: time.Date(2020, 11, 26, 2, 58, 0, 0, time.UTC),
		Paragraphs: []string{
			"（中央社記者陳大文台北26日電）教育部今天公布最新統計。",
			"教育部表示，將持續檢討相關措施。（譯者：張三豐/核稿：林小美）1091126",
		},
	})
	fmt.Println(res.Dateline)
	fmt.Println(res.Place, res.Date.Format(time.DateOnly))
	fmt.Println(res.Reporters, res.Editors)
	// Output:
	// 中央社記者陳大文台北26日電
	// 台北 2020-11-26
	// [陳大文 張三豐] [林小美]
}
