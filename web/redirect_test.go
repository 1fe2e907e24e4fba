package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

// browserResolve resolves a Location header as a browser does (the
// WHATWG URL parser): leading and trailing C0 controls and spaces are
// trimmed, tabs and newlines anywhere are removed, and a backslash is a
// slash in an http(s) URL.
func browserResolve(t *testing.T, base *url.URL, loc string) *url.URL {
	t.Helper()
	loc = strings.TrimFunc(loc, func(r rune) bool { return r <= ' ' })
	loc = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(loc)
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatalf("Location %q does not parse: %v", loc, err)
	}
	return base.ResolveReference(u)
}

func TestLoginNextStaysHere(t *testing.T) { pgtest.Run(t, testLoginNextStaysHere) }

// testLoginNextStaysHere: whatever ?next= a link to the login page
// carries, the browser ends up on this server after the login, even
// where a browser reads the Location differently from Go (tabs and
// newlines dropped, backslashes read as slashes).
func testLoginNextStaysHere(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	base, _ := url.Parse(e.ts.URL + "/login")
	for _, next := range []string{
		"//evil.example/x", "/\t/evil.example/x", "/\n/evil.example", "/\r/evil.example", "/\\evil.example",
		"/\t\\evil.example", "\t//evil.example", "https://evil.example", "/ /evil.example", "/%2F/evil.example",
		"/\x00/evil.example", "/\x0b/evil.example",
	} {
		// The login page carries next in its form, which posts it back.
		e.get(e.client(), "/login?next="+url.QueryEscape(next), http.StatusOK)
		// The response itself, not followed: Go's client refuses to parse
		// a Location that a browser follows.
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/login",
			strings.NewReader(url.Values{"login": {testLogin}, "password": {testPassword}, "next": {next}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := sameOrigin{e.ts.URL}.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, resp)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("next %q: status %d", next, resp.StatusCode)
		}
		loc := resp.Header.Get("Location")
		if to := browserResolve(t, base, loc); to.Host != base.Host {
			t.Errorf("next %q: Location %q takes the browser to %s", next, loc, to)
		}
	}
}
