// Package browsertest starts Debian's chromium, headless, for tests that
// drive the web app as a person does (chromedp over the DevTools
// protocol): a fresh profile in the test's temporary folder, the flags
// that work in a container without a GPU or a sandbox, no traffic of
// its own (updates, sync, QUIC). Without chromium the test is skipped
// on a developer's machine and fails in CI (internal/tooltest).
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
)

// Browser is a running chromium; each Tab is a context of its own
// (cookies and local storage apart, as two people's browsers are).
type Browser struct {
	ctx context.Context
}

// Start runs chromium until the test ends.
func Start(t testing.TB) *Browser {
	t.Helper()
	path := tooltest.Need(t, "chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("lang", "ru-RU"),
		// On Linux chromium takes its interface language (the date
		// field's дд.мм.гггг among it) from the environment, not --lang;
		// with chromium-l10n installed the pages look as on a Russian phone.
		chromedp.Env("LANGUAGE=ru"),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return &Browser{ctx: ctx}
}

// Tab opens a tab in a new browser context (its own cookies and
// storage), set up as a Russian user's (locale ru-RU, Moscow time);
// downloads go to dir ("": none expected).
func (b *Browser) Tab(t testing.TB, dir string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium: a new tab: %v", err)
	}
	// A Russian user's browser: dates as дд.мм.гггг, Moscow time.
	if _, err := chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "ru-RU"}); err != nil {
		t.Fatalf("chromium: locale: %v", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Europe/Moscow"}); err != nil {
		t.Fatalf("chromium: time zone: %v", err)
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		c := chromedp.FromContext(ctx)
		_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, BrowserContextID: c.BrowserContextID,
			DownloadPath: dir, EventsEnabled: new(true)})
		if err != nil {
			t.Fatalf("chromium: downloads: %v", err)
		}
	}
	return ctx
}

// Download runs trigger (a click on a link or a form's button) in the
// tab ctx, whose downloads go to dir, and returns the file the browser
// saved and the name the server suggested for it.
func Download(ctx context.Context, dir string, trigger chromedp.Action[chromedp.Void]) (data []byte, name string, err error) {
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	begins := chromedp.BrowserEvents(wctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(wctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, trigger); err != nil {
		return nil, "", err
	}
	var guid string
	for ev, err := range begins {
		if err != nil {
			return nil, "", fmt.Errorf("no download began: %w", err)
		}
		guid, name = ev.GUID, ev.SuggestedFilename
		break
	}
	for ev, err := range progress {
		if err != nil {
			return nil, "", fmt.Errorf("download of %s did not finish: %w", name, err)
		}
		if ev.GUID != guid {
			continue
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			data, err := os.ReadFile(filepath.Join(dir, guid))
			return data, name, err
		case browser.DownloadProgressStateCanceled:
			return nil, name, errors.New("download of " + name + " canceled")
		}
	}
	return nil, name, errors.New("no download")
}
