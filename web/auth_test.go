package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/store"
)

// noRedirect is a client that shows redirects instead of following them.
func noRedirect(c *http.Client) *http.Client {
	cp := *c
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cp
}

func TestLoginRequired(t *testing.T) { pgtest.Run(t, testLoginRequired) }

func testLoginRequired(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	anon := e.client()
	resp, err := noRedirect(anon).Get(e.ts.URL + "/plans?x=1")
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next="+url.QueryEscape("/plans?x=1") {
		t.Fatalf("anonymous /plans: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Every department page and download sends a stranger to the login
	// page and shows nothing.
	hash := e.acceptPlan(sarov)
	for _, p := range []string{"/plans", "/plans/" + hash, "/plans/" + hash + "/q/2022Q1", "/plans/" + hash + "/q/2022Q1/rows",
		"/plans/" + hash + "/q/2022Q1/links", "/plans/" + hash + "/tracker.xlsx", "/plans/" + hash + "/q/2022Q1/report.pdf",
		"/plans/" + hash + "/plan.json", "/orgs", "/groups", "/workbooks", "/imports", "/imports/1"} {
		body := e.get(anon, p, http.StatusOK)
		mustContain(t, body, `id="login-form"`)
		if strings.Contains(body, "Сарове") {
			t.Fatalf("%s shows the plan to a stranger", p)
		}
	}
	// A form posted without a session changes nothing.
	e.post(anon, "/orgs/save", url.Values{"name": {"Чужая школа"}, "new": {"1"}}, http.StatusOK)
	if d, _ := e.st.Directory(context.Background()); len(d) != 0 {
		t.Fatalf("a stranger's form was saved: %+v", d)
	}
	// Safe redirects only.
	c := e.client()
	resp, err = c.PostForm(e.ts.URL+"/login", url.Values{"login": {testLogin}, "password": {testPassword}, "next": {"//evil.example/x"}})
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.Request.URL.Host != strings.TrimPrefix(e.ts.URL, "http://") || resp.Request.URL.Path != "/plans" {
		t.Fatalf("login with next=//evil.example went to %s", resp.Request.URL)
	}
}

func TestSessionCookie(t *testing.T) { pgtest.Run(t, testSessionCookie) }

func testSessionCookie(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	c := noRedirect(e.client())
	resp, err := c.PostForm(e.ts.URL+"/login", url.Values{"login": {testLogin}, "password": {testPassword}, "next": {"/orgs"}})
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/orgs" {
		t.Fatalf("login: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var ck *http.Cookie
	for _, x := range resp.Cookies() {
		if x.Name == "roadmap" {
			ck = x
		}
	}
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure || ck.MaxAge != 12*3600 {
		t.Fatalf("session cookie %+v", ck)
	}
	// Only a hash of the session id is stored.
	var n int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM sessions WHERE hash = ?`, ck.Value).Scan(&n)
	if n != 0 {
		t.Fatal("the session id is stored in clear")
	}
	// The cookie works, then not after logout (ended in the store).
	get := func() int {
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/plans", nil)
		req.AddCookie(&http.Cookie{Name: "roadmap", Value: ck.Value})
		resp, err := noRedirect(http.DefaultClient).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, resp)
		return resp.StatusCode
	}
	if got := get(); got != http.StatusOK {
		t.Fatalf("with the cookie: %d", got)
	}
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/logout", nil)
	req.AddCookie(&http.Cookie{Name: "roadmap", Value: ck.Value})
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err = noRedirect(http.DefaultClient).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if got := get(); got != http.StatusSeeOther {
		t.Fatalf("the cookie after logout: %d", got)
	}

	// Behind https, the cookie is Secure and __Host- prefixed.
	st, _ := store.Open(eng.New(t))
	defer st.Close()
	srv, err := New(st, Options{BaseURL: "https://roadmap.example.ru", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	access.New(st, access.Options{}).AddUser(context.Background(), "u1", "", testPassword)
	rec := &recorderT{h: http.Header{}}
	r, _ := http.NewRequest(http.MethodPost, "https://roadmap.example.ru/login", strings.NewReader("login=u1&password="+url.QueryEscape(testPassword)))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	srv.Handler().ServeHTTP(rec, r)
	setCookie := rec.h.Get("Set-Cookie")
	if !srv.SecureCookies() || !strings.HasPrefix(setCookie, "__Host-roadmap=") || !strings.Contains(setCookie, "Secure") ||
		!strings.Contains(setCookie, "HttpOnly") || rec.h.Get("Strict-Transport-Security") == "" {
		t.Fatalf("https: %d Set-Cookie %q", rec.code, setCookie)
	}
	if _, err := New(st, Options{BaseURL: "ftp://x"}); err == nil {
		t.Fatal("a base URL of another scheme was accepted")
	}
}

// recorderT is a minimal ResponseWriter.
type recorderT struct {
	h    http.Header
	code int
	body strings.Builder
}

func (r *recorderT) Header() http.Header         { return r.h }
func (r *recorderT) WriteHeader(c int)           { r.code = c }
func (r *recorderT) Write(b []byte) (int, error) { return r.body.Write(b) }

// Wrong passwords in a loop are stopped by the rate limit kept in the
// store, and the server goes on serving.
func TestLoginRateLimited(t *testing.T) { pgtest.Run(t, testLoginRateLimited) }

func testLoginRateLimited(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	c := e.client()
	for i := range 5 {
		body := e.login(c, testLogin, "неверный пароль "+string(rune('a'+i)), http.StatusUnauthorized)
		mustContain(t, body, "неверный логин или пароль", `id="login-error"`)
	}
	for range 3 {
		body := e.login(c, testLogin, testPassword, http.StatusTooManyRequests)
		mustContain(t, body, "слишком много неудачных попыток входа")
	}
	// Another login from the same address still works (the address limit
	// is higher), and the server is up.
	access.New(e.st, access.Options{}).AddUser(context.Background(), "petrova", "Петрова", testPassword)
	e.login(e.client(), "petrova", testPassword, http.StatusOK)
	e.get(e.client(), "/healthz", http.StatusOK)
	// An address trying many logins is stopped whatever the login.
	// 8 failures from this address so far (5 wrong, 3 refused): 22 more
	// reach its limit of 30.
	for i := range 25 {
		e.login(e.client(), "nobody"+string(rune('a'+i)), "x", map[bool]int{true: http.StatusTooManyRequests, false: http.StatusUnauthorized}[i >= 22])
	}
	e.login(e.client(), "petrova", testPassword, http.StatusTooManyRequests)
	if !strings.Contains(e.logs.String(), "вход ограничен") {
		t.Fatal("the refused logins are not in the log")
	}
}

// A state-changing request from another site is refused before it does
// anything: a login, a department form, a school's save.
func TestCrossOriginRefused(t *testing.T) { pgtest.Run(t, testCrossOriginRefused) }

func testCrossOriginRefused(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	school := links["МБОУ Школа № 1"]
	cases := []struct {
		name    string
		path    string
		form    url.Values
		headers map[string]string
		cookies bool
	}{
		{"login, cross-site fetch", "/login", url.Values{"login": {testLogin}, "password": {testPassword}}, map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{"login, foreign Origin", "/login", url.Values{"login": {testLogin}, "password": {testPassword}}, map[string]string{"Origin": "https://evil.example"}, false},
		{"directory form", "/orgs/save", url.Values{"name": {"Подложная школа"}, "new": {"1"}}, map[string]string{"Sec-Fetch-Site": "cross-site"}, true},
		{"revoke a link", "/links/1/revoke", nil, map[string]string{"Origin": "http://evil.example"}, true},
		{"school's save", school.path() + "/items/1.1", url.Values{"status": {"done"}, "key": {"crosssite1"}}, map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{"accept an import", "/imports/1/accept", nil, map[string]string{"Sec-Fetch-Site": "same-site"}, true},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+c.path, strings.NewReader(c.form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range c.headers {
			req.Header.Set(k, v)
		}
		if c.cookies {
			for _, ck := range e.admin.Jar.Cookies(req.URL) {
				req.AddCookie(ck)
			}
		}
		resp, err := noRedirect(http.DefaultClient).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "отправлен с другого сайта") {
			t.Errorf("%s: %d\n%s", c.name, resp.StatusCode, clipBody(body))
		}
	}
	if d, _ := e.st.Directory(context.Background()); len(d) != 3 {
		t.Fatalf("directory changed: %+v", d)
	}
	if l, _ := e.st.Link(context.Background(), 1); !l.Revoked.IsZero() {
		t.Fatal("a cross-site request revoked a link")
	}
	var n int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM edits`).Scan(&n)
	if n != 0 {
		t.Fatal("a cross-site request saved an answer")
	}
	// Same-origin requests and scripts without browser headers pass.
	e.saveRow(e.newSchool(), school, "1.1", url.Values{"status": {"done"}, "key": {"sameorigin1"}}, http.StatusOK)
	tok, _, _ := access.New(e.st, access.Options{}).NewToken(context.Background(), testLogin, "скрипт", 0)
	e.apiJSON(http.DefaultClient, http.MethodPost, "/api/v1/plans/"+hash+"/quarters/2022Q1/links", `{"orgs": ["МБОУ Школа № 2"]}`,
		http.StatusCreated, "Authorization", "Bearer "+tok)
}

func TestSecurityHeaders(t *testing.T) { pgtest.Run(t, testSecurityHeaders) }

func testSecurityHeaders(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	for _, c := range []struct {
		client *http.Client
		path   string
	}{{e.admin, "/plans"}, {e.admin, "/plans/" + hash + "/q/2022Q1"}, {e.newSchool(), links["МБОУ Школа № 1"].path()}, {e.newSchool(), "/login"}} {
		resp, err := c.client.Get(e.ts.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, resp)
		h := resp.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" ||
			h.Get("Cache-Control") != "no-store" || !strings.HasPrefix(h.Get("Content-Type"), "text/html; charset=utf-8") {
			t.Errorf("%s: headers %v", c.path, h)
		}
	}
	// No inline script or style anywhere: the policy allows none.
	for _, p := range []string{"/plans", links["МБОУ Школа № 1"].path()} {
		c := e.admin
		if strings.HasPrefix(p, "/s/") {
			c = e.newSchool()
		}
		body := e.get(c, p, http.StatusOK)
		if strings.Contains(body, "<script>") || strings.Contains(body, "style=") || strings.Contains(body, "onclick") {
			t.Errorf("%s: inline script or style", p)
		}
	}
}

func TestAPIAuth(t *testing.T) { pgtest.Run(t, testAPIAuth) }

func testAPIAuth(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	acc := access.New(e.st, access.Options{})
	tok, made, err := acc.NewToken(context.Background(), testLogin, "региональная система", 0)
	if err != nil {
		t.Fatal(err)
	}
	id := made.ID
	call := func(auth string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/api/v1/plans", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, resp)
		if resp.StatusCode == http.StatusUnauthorized && resp.Header.Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
		return resp.StatusCode, body
	}
	for _, bad := range []string{"", "Bearer", "Bearer rmt_x", "Basic dXNlcjpwYXNz", "Bearer " + tok + "x"} {
		if code, body := call(bad); code != http.StatusUnauthorized || !strings.Contains(body, `"error"`) {
			t.Errorf("Authorization %q: %d %s", bad, code, body)
		}
	}
	if code, body := call("Bearer " + tok); code != http.StatusOK || strings.TrimSpace(body) != "[]" {
		t.Fatalf("with the token: %d %s", code, body)
	}
	// The session of the pages works for the API too.
	e.apiJSON(e.admin, http.MethodGet, "/api/v1/plans", "", http.StatusOK)
	acc.RevokeToken(context.Background(), id)
	if code, _ := call("Bearer " + tok); code != http.StatusUnauthorized {
		t.Fatalf("a revoked token: %d", code)
	}
}

func TestHealthzAndNotFound(t *testing.T) { pgtest.Run(t, testHealthzAndNotFound) }

func testHealthzAndNotFound(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	if body := e.get(e.client(), "/healthz", http.StatusOK); !strings.Contains(body, `"ok"`) ||
		!strings.Contains(body, `"engine": "`+eng.Name+`"`) || !strings.Contains(body, fmt.Sprintf(`"schema": %d`, store.SchemaVersion)) ||
		!strings.Contains(body, `"connections_max"`) || strings.Contains(body, "postgres://") {
		t.Fatal(body)
	}
	body := e.get(e.admin, "/no/such/page", http.StatusNotFound)
	// The heading is Russian too (it was http.StatusText's "Not Found").
	mustContain(t, body, "<title>Не найдено — Дорожные карты</title>", "<h1>Не найдено</h1>", "страница не найдена")
	if body := e.get(e.client(), "/api/v1/nothing", http.StatusNotFound); !strings.Contains(body, `"error"`) {
		t.Fatalf("API 404 is not JSON: %s", body)
	}
	e.get(e.client(), "/static/", http.StatusNotFound)
	resp, err := e.client().Get(e.ts.URL + "/static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	css := readBody(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(css, "@media") || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") {
		t.Fatalf("static: %d %v", resp.StatusCode, resp.Header)
	}
	e.st.Close()
	if body := e.get(e.client(), "/healthz", http.StatusServiceUnavailable); !strings.Contains(body, "база не отвечает") {
		t.Fatal(body)
	}
}
