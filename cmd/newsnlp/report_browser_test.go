package main

import (
	"context"
	"flag"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var screenshots = flag.String("screenshots", "", "write the report's screenshots into this directory (docs to renew the README's)")

// chromium finds Debian's Chromium: $CHROME, else on the PATH.
func chromium() string {
	if p := os.Getenv("CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// box is what the page says of a chart: its size on screen, whether it is
// shown, and how many of its labels have a size.
type box struct {
	ID            string  `json:"id"`
	Width         float64 `json:"width"`
	Height        float64 `json:"height"`
	Visible       bool    `json:"visible"`
	Texts         int     `json:"texts"`
	TextsWithSize int     `json:"textsWithSize"`
}

const chartBoxesJS = `[...document.querySelectorAll('svg.chart')].map(s => {
  const r = s.getBoundingClientRect(), cs = getComputedStyle(s);
  const texts = [...s.querySelectorAll('text')];
  return {id: s.closest('figure').dataset.figure, width: r.width, height: r.height,
    visible: cs.display !== 'none' && cs.visibility !== 'hidden' && cs.opacity !== '0',
    texts: texts.length, textsWithSize: texts.filter(t => t.textContent.trim() !== '' && t.getBBox().width > 0).length};
})`

// TestReportBrowser loads the report in headless Chromium: no console
// error, no request beyond the page itself, every chart shown with a size
// and its labels laid out. It skips without Chromium, except in CI.
func TestReportBrowser(t *testing.T) {
	chrome := chromium()
	if chrome == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium (CI installs Debian's chromium package)")
		}
		t.Skip("no Chromium; apt-get install chromium")
	}
	run := os.Getenv("NEWSNLP_REPORT_RUN")
	if run == "" {
		run = sampleRun(t)
	}
	dir := t.TempDir()
	htmlPath := filepath.Join(dir, "report.html")
	if code, _, stderr := runCLI(t, "report", run, "--html", htmlPath, "-q"); code != exitOK {
		t.Fatalf("report: %d %s", code, stderr)
	}
	p := parsePage(t, htmlPath)
	charts := 0
	for _, f := range p.figures {
		charts += f.svgs
	}
	pageURL := (&url.URL{Scheme: "file", Path: htmlPath}).String()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(browserProfile(t)),
		chromedp.WindowSize(1000, 1400),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()

	var mu sync.Mutex
	var problems, requests []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; u != pageURL && !strings.HasPrefix(u, "data:") {
				requests = append(requests, u)
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeWarning || e.Type == runtime.APITypeAssert {
				problems = append(problems, "console "+string(e.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError || e.Entry.Level == log.LevelWarning {
				problems = append(problems, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	})
	var boxes []box
	var labels []*cdp.Node
	fonts := map[string]int{} // glyphs drawn per font family, in the people chart
	var top, netShot []byte
	if err := chromedp.Run(ctx,
		network.Enable(), log.Enable(), runtime.Enable(),
		chromedp.Navigate(pageURL),
		chromedp.WaitReady("body"),
		chromedp.Evaluate(chartBoxesJS, &boxes),
		chromedp.Nodes("#entities-person svg text", &labels, chromedp.ByQueryAll),
		dom.Enable(), css.Enable(),
		chromedp.ActionFunc(func(ctx context.Context) error {
			for _, n := range labels {
				fs, err := css.GetPlatformFontsForNode(n.NodeID).Do(ctx)
				if err != nil {
					return err
				}
				for _, f := range fs {
					fonts[f.FamilyName] += int(f.GlyphCount)
				}
			}
			return nil
		}),
		chromedp.CaptureScreenshot(&top),
		chromedp.ScrollIntoView("#network-pairs"),
		chromedp.Screenshot("#network-pairs", &netShot, chromedp.NodeVisible),
	); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, r := range requests {
		t.Errorf("the page requested %s: it must need nothing from elsewhere", r)
	}
	for _, pr := range problems {
		t.Errorf("browser: %s", pr)
	}
	if len(boxes) != charts || charts == 0 {
		t.Errorf("the browser sees %d charts, the page has %d", len(boxes), charts)
	}
	for _, b := range boxes {
		if !b.Visible || b.Width < 200 || b.Height < 60 {
			t.Errorf("%s: chart not shown at a readable size: %+v", b.ID, b)
		}
		if b.Texts == 0 || b.TextsWithSize < b.Texts/2 {
			t.Errorf("%s: labels without a size: %+v", b.ID, b)
		}
	}
	// The people chart's names are Chinese: drawn in a CJK font, not as
	// boxes of a Latin one. A machine without one (CI installs
	// fonts-noto-cjk) can only check the rest.
	cjk := 0
	for name, n := range fonts {
		for _, fam := range []string{"CJK", "WenQuanYi", "UMing", "Droid Sans Fallback"} {
			if strings.Contains(name, fam) {
				cjk += n
			}
		}
	}
	if _, err := os.Stat("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"); (err == nil || os.Getenv("CI") == "true") && cjk == 0 {
		t.Errorf("the people chart's labels are drawn without a CJK font: %v", fonts)
	}
	t.Logf("fonts of the people chart's labels (glyphs): %v", fonts)

	shots := dir
	if *screenshots != "" {
		shots = *screenshots
	}
	for name, png := range map[string][]byte{"report-top.png": top, "report-network.png": netShot} {
		if len(png) < 1000 {
			t.Errorf("%s: empty screenshot", name)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// browserProfile is a Chromium profile directory outside t.TempDir: Chromium's
// helper processes can still write to it for a moment after the browser is
// cancelled, which made TempDir's cleanup fail the test ("directory not empty").
// Removal is retried for a few seconds and a leftover is only logged.
func browserProfile(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "newsnlp-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		var err error
		for i := 0; i < 20; i++ {
			if err = os.RemoveAll(dir); err == nil {
				return
			}
			time.Sleep(250 * time.Millisecond)
		}
		t.Logf("chromium profile left behind: %v", err)
	})
	return dir
}
