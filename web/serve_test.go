package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

// Serve shuts down gracefully: a request in flight when the server is
// told to stop finishes, new connections are refused, Serve returns nil.
func TestGracefulShutdown(t *testing.T) { pgtest.Run(t, testGracefulShutdown) }

func testGracefulShutdown(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String()
	srv, err := New(e.st, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: base, Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, l) }()

	// A school uploads its workbook over a slow line: the body arrives in
	// two halves, and the server is stopped in between.
	one := links["МБОУ Школа № 1"]
	wb := e.get(e.newSchool(), one.path()+"/checklist.xlsx", http.StatusOK)
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	w, _ := mw.CreateFormFile("file", "отчет.xlsx")
	w.Write(fillChecklist(t, []byte(wb), map[string][2]string{firstOf(e.itemsOf(hash, one.Org)): {"Выполнено", "x"}}))
	mw.Close()
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, base+one.path()+"/upload", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	type result struct {
		code int
		body string
		err  error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			res <- result{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		res <- result{code: resp.StatusCode, body: string(b)}
	}()
	data := form.Bytes()
	pw.Write(data[:len(data)/2])
	time.Sleep(100 * time.Millisecond)
	stop()
	time.Sleep(100 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("Serve returned while a request was in flight: %v", err)
	default:
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("a new request was served after the stop")
	}
	pw.Write(data[len(data)/2:])
	pw.Close()
	r := <-res
	if r.err != nil || r.code != http.StatusOK || !strings.Contains(r.body, "отчет.xlsx: собрано 1 ответ") {
		t.Fatalf("the request in flight: %v %d\n%s", r.err, r.code, clipBody(r.body))
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after the last request")
	}
}

// Schools saving at once: no answer lost or duplicated.
func TestConcurrentSaves(t *testing.T) { pgtest.Run(t, testConcurrentSaves) }

func testConcurrentSaves(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	var orgs []issuedLinkT
	for _, l := range links {
		if len(e.itemsOf(hash, l.Org)) > 0 {
			orgs = append(orgs, l)
		}
	}
	var wg sync.WaitGroup
	want := 0
	for i, l := range orgs {
		items := e.itemsOf(hash, l.Org)
		for item := range items {
			want++
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := e.newSchool()
				key := "conc-" + itoa(int64(i)) + "-" + strings.NewReplacer(".", "_", " ", "_").Replace(item)
				form := url.Values{"status": {"done"}, "evidence": {"конкурентно"}, "key": {key}}
				// Each save is sent twice, as a retry after a lost answer.
				for range 2 {
					req, _ := http.NewRequest(http.MethodPost, e.ts.URL+l.path()+"/items/"+url.PathEscape(item), strings.NewReader(form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("Accept", "application/json")
					resp, err := c.Do(req)
					if err != nil {
						t.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						t.Errorf("save %s of %s: %d", item, l.Org, resp.StatusCode)
					}
				}
			}()
		}
	}
	wg.Wait()
	var n int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM edits`).Scan(&n)
	if n != want {
		t.Fatalf("%d answers stored, want %d", n, want)
	}
}
