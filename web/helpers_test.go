package web

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
)

// env is a server on a temporary store with one department user.
type env struct {
	t     *testing.T
	st    *store.Store
	srv   *Server
	ts    *httptest.Server
	now   time.Time
	logs  *bytes.Buffer
	admin *http.Client // logged in
}

const (
	testLogin    = "ivanova"
	testPassword = "пароль-для-тестов"
)

// the sample roadmaps
var (
	sarov   = filepath.Join("..", "seeds", "000_a1e155e70aa7bfd4.txt")
	derbent = filepath.Join("..", "seeds", "004_7e7c8821e6f4a4e0.txt")
)

// newEnv starts a server on a new store of the engine.
func newEnv(t *testing.T, eng pgtest.Engine) *env {
	t.Helper()
	st, err := store.Open(eng.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, st: st, now: time.Date(2022, 2, 15, 10, 0, 0, 0, time.UTC), logs: &bytes.Buffer{}}
	clock := func() time.Time { return e.now }
	e.srv, err = New(st, Options{Logger: slog.New(slog.NewTextHandler(e.logs, nil)), Now: clock, Location: time.UTC,
		BaseURL: "http://127.0.0.1", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(e.srv.Handler())
	t.Cleanup(e.ts.Close)
	if _, err := access.New(st, access.Options{Now: clock}).AddUser(context.Background(), testLogin, "Иванова Ирина", testPassword); err != nil {
		t.Fatal(err)
	}
	e.admin = e.client()
	e.login(e.admin, testLogin, testPassword, http.StatusOK)
	return e
}

// client is a browser: a cookie jar, redirects followed, and the
// headers a browser sends on same-origin requests.
func (e *env) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Transport: sameOrigin{e.ts.URL}}
}

// sameOrigin adds what a browser adds to a request to its own site.
type sameOrigin struct{ origin string }

func (s sameOrigin) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if r.Header.Get("Sec-Fetch-Site") == "" {
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	return http.DefaultTransport.RoundTrip(r)
}

func (e *env) login(c *http.Client, login, password string, want int) string {
	e.t.Helper()
	resp, err := c.PostForm(e.ts.URL+"/login", url.Values{"login": {login}, "password": {password}})
	if err != nil {
		e.t.Fatal(err)
	}
	body := readBody(e.t, resp)
	if resp.StatusCode != want {
		e.t.Fatalf("login %s: status %d, want %d\n%s", login, resp.StatusCode, want, body)
	}
	return body
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// get fetches a path and checks the status.
func (e *env) get(c *http.Client, path string, want int) string {
	e.t.Helper()
	resp, err := c.Get(e.ts.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	body := readBody(e.t, resp)
	if resp.StatusCode != want {
		e.t.Fatalf("GET %s: status %d, want %d\n%s", path, resp.StatusCode, want, clipBody(body))
	}
	return body
}

func clipBody(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// post sends a form and checks the status (after redirects).
func (e *env) post(c *http.Client, path string, form url.Values, want int) string {
	e.t.Helper()
	resp, err := c.PostForm(e.ts.URL+path, form)
	if err != nil {
		e.t.Fatal(err)
	}
	body := readBody(e.t, resp)
	if resp.StatusCode != want {
		e.t.Fatalf("POST %s: status %d, want %d\n%s", path, resp.StatusCode, want, clipBody(body))
	}
	return body
}

// file is one file of a multipart upload.
type file struct {
	name string
	data []byte
}

func readFile(t *testing.T, path string) file {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return file{name: filepath.Base(path), data: data}
}

// upload posts files (and fields) as multipart/form-data.
func (e *env) upload(c *http.Client, path, field string, files []file, fields url.Values, want int) (string, *http.Response) {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile(field, f.name)
		w.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	body := readBody(e.t, resp)
	if resp.StatusCode != want {
		e.t.Fatalf("upload to %s: status %d, want %d\n%s", path, resp.StatusCode, want, clipBody(body))
	}
	return body, resp
}

// mustContain fails unless body holds every part.
func mustContain(t *testing.T, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(body, p) {
			t.Fatalf("page lacks %q:\n%s", p, clipBody(body))
		}
	}
}

// openForTest reads an export as the upload does.
func openForTest(name string, data []byte) (*plan.Plan, error) {
	return produce.Open(context.Background(), name, data)
}

// zipBomb is a small zip whose one part inflates to 60 MB.
func zipBomb() []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zero := make([]byte, 1<<20)
	for range 60 {
		w.Write(zero)
	}
	zw.Close()
	return b.Bytes()
}

// editOf is an answer whose comment starts a formula.
func editOf(hash, org, item string) store.Edit {
	return store.Edit{PlanHash: hash, Quarter: "2022Q1", Org: org, ItemID: item, Status: plan.StatusDone,
		Comment: `=cmd|' /C calc'!A0`, Evidence: "+1", At: time.Now(), Key: "formula-1"}
}
