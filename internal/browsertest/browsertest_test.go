package browsertest

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDownload: a page is opened and a link's file is saved where the
// tab's downloads go, under the name the server gave it.
func TestDownload(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/file" {
			w.Header().Set("Content-Disposition", `attachment; filename="report.txt"`)
			w.Write([]byte("отчет"))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><title>т</title><a id="get" href="/file">скачать</a>`))
	}))
	defer ts.Close()
	b := Start(t)
	dir := filepath.Join(t.TempDir(), "downloads")
	tab := b.Tab(t, dir)
	if err := chromedp.Do(tab, chromedp.Navigate(ts.URL)); err != nil {
		t.Fatal(err)
	}
	data, name, err := Download(tab, dir, chromedp.Click(chromedp.ID("get")))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "отчет" || name != "report.txt" {
		t.Errorf("downloaded %q as %q, want %q as report.txt", data, name, "отчет")
	}
}
