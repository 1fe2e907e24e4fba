package webtest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/web"
)

func TestStart(t *testing.T) {
	e := Start(t, web.Options{})
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(e.URL+"/login", url.Values{"login": {Login}, "password": {Password}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), Name) || e.Server.SecureCookies() {
		t.Fatalf("login: %d\n%s", resp.StatusCode, body)
	}
}
