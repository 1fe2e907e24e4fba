package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/roadmap-tool/roadmap/internal/browsertest"
	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

// TestBrowserRegion: the region's page as the ministry's specialist sees
// it in a real browser, on a monitor and on a phone: both municipalities
// with their roadmaps, the totals, the downloads. Screenshots go to
// ROADMAP_SCREENSHOTS (a temporary folder when unset), as the README's.
func TestBrowserRegion(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser session: not with -short")
	}
	shots := os.Getenv("ROADMAP_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	g := newRegion(t, pgtest.Engines[0])
	b := browsertest.Start(t)
	tab := b.Tab(t, "")
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		ctx, cancel := context.WithTimeout(tab, time.Minute)
		defer cancel()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(tab, 30*time.Second)
		defer cancel()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("the text of %s: %v", sel, err)
		}
		return strings.Join(strings.Fields(v), " ")
	}
	shot := func(name string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(tab, time.Minute)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	do("log in", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(g.ts.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#login"), "minobr"), chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("#login-submit")), chromedp.WaitNotPresent(chromedp.CSS("#login-submit")))
	do("the region's page", chromedp.Navigate(g.ts.URL+"/region"), chromedp.WaitReady(chromedp.CSS("main")))
	wctx, wcancel := context.WithTimeout(tab, 10*time.Second)
	defer wcancel()
	if err := chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS("#region"))); err != nil {
		t.Fatalf("the region's page has no table: %v\n%s", err, text("body"))
	}
	page := text("#region")
	for _, want := range []string{"г. Саров", "г. Дербент", "Итого по региону", "I кв. 2022", "итого"} {
		if !strings.Contains(page, want) {
			t.Errorf("the region's table lacks %q:\n%s", want, page)
		}
	}
	// One row per roadmap of each municipality, then its subtotal.
	for _, hash := range []string{g.hashA, g.hashB} {
		if row := text(`[id="region-plan-` + hash + `"]`); !strings.Contains(row, " из ") {
			t.Errorf("the row of %s shows no counts: %q", hash, row)
		}
	}
	if over := evalInt(t, tab, `Math.round(document.querySelector("#region").getBoundingClientRect().right - document.querySelector("main").getBoundingClientRect().right)`); over > 1 {
		t.Errorf("the region's table overflows the page by %d px", over)
	}
	shot("web-region")
	do("phone", chromedp.Emulate(device.Info{Name: "phone", Width: 390, Height: 844, Scale: 2, Mobile: true, Touch: true,
		UserAgent: "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"}),
		chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#region")))
	// On a phone the table is a list of cards: nothing wider than the screen.
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	if wide {
		t.Error("on a phone the region's page is wider than the screen")
	}
	// Each card says what its figures are: every count of a subtotal
	// or of the region's total is labelled with its quarter.
	unlabelled, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("#region tr.subtotal td.num, #region tr.total td.num")).filter(td => !td.dataset.label).length`))
	if err != nil {
		t.Fatal(err)
	}
	if unlabelled > 0 {
		t.Errorf("on a phone %d totals show without their quarter", unlabelled)
	}
	shot("web-region-phone")
}

func evalInt(t *testing.T, tab context.Context, js string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}
