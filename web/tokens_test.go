package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/store"
)

// A user issues a token with the expiry it chooses, sees it listed with
// that expiry, and the API refuses it once it has expired (401, in
// Russian, saying when) or been revoked; another user can neither see
// nor revoke it.
func TestTokensPage(t *testing.T) { pgtest.Run(t, testTokensPage) }

func testTokensPage(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	page := e.get(e.admin, "/tokens", http.StatusOK)
	mustContain(t, page, `id="no-tokens"`, `value="2022-05-16"`) // 90 days from 15.02.2022 offered
	body := e.post(e.admin, "/tokens", url.Values{"name": {"<script>скрипт</script>"}, "expires": {"2022-03-01"}}, http.StatusOK)
	mustContain(t, body, "&lt;script&gt;скрипт&lt;/script&gt;", "действует до 02.03.2022 00:00")
	if strings.Contains(body, "<script>скрипт") {
		t.Fatal("the token's name is not escaped")
	}
	m := regexp.MustCompile(`id="new-token-value" value="(rmt_[A-Za-z0-9_-]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no new token on the page:\n%s", clipBody(body))
	}
	tok := m[1]
	if again := e.get(e.admin, "/tokens", http.StatusOK); strings.Contains(again, tok) {
		t.Fatal("the token is shown a second time")
	}
	api := func(want int) string {
		return e.apiJSON(e.client(), http.MethodGet, "/api/v1/plans", "", want, "Authorization", "Bearer "+tok)
	}
	api(http.StatusOK)
	e.now = time.Date(2022, 3, 2, 0, 0, 0, 0, time.UTC) // the end of 01.03.2022
	mustContain(t, api(http.StatusUnauthorized), "срок действия токена API 1 истек 02.03.2022 00:00: выпустите новый")
	e.login(e.admin, testLogin, testPassword, http.StatusOK) // the session of 15.02 has ended too
	mustContain(t, e.get(e.admin, "/tokens", http.StatusOK), "истек 02.03.2022")

	// Bad forms: no name, a date past or too far.
	for _, f := range []url.Values{
		{"name": {""}},
		{"name": {"x"}, "expires": {"2022-03-01"}},
		{"name": {"x"}, "expires": {"2025-03-01"}},
		{"name": {"x"}, "expires": {"завтра"}},
		{"name": {strings.Repeat("я", maxTokenName+1)}},
	} {
		e.post(e.admin, "/tokens", f, http.StatusBadRequest)
	}

	// Without a date the token works for the default 90 days; revoked, it
	// is refused at once.
	body = e.post(e.admin, "/tokens", url.Values{"name": {"выгрузка"}}, http.StatusOK)
	tok = regexp.MustCompile(`value="(rmt_[A-Za-z0-9_-]+)"`).FindStringSubmatch(body)[1]
	mustContain(t, body, "действует до 31.05.2022 00:00")
	api(http.StatusOK)

	// Another user neither sees nor revokes it.
	acc := access.New(e.st, access.Options{})
	if _, err := acc.AddUser(context.Background(), "petrov", "Петров", testPassword); err != nil {
		t.Fatal(err)
	}
	other := e.client()
	e.login(other, "petrov", testPassword, http.StatusOK)
	if p := e.get(other, "/tokens", http.StatusOK); strings.Contains(p, "выгрузка") {
		t.Fatal("another user's tokens are listed")
	}
	e.post(other, "/tokens/2/revoke", nil, http.StatusNotFound)
	api(http.StatusOK)
	e.post(e.admin, "/tokens/2/revoke", nil, http.StatusOK)
	mustContain(t, api(http.StatusUnauthorized), "токен API 2 отозван 02.03.2022")
	e.post(e.admin, "/tokens/x/revoke", nil, http.StatusNotFound)

	// A region's user reads its tokens and issues none here.
	if _, err := acc.AddAccount(context.Background(), store.User{Login: "minobr", Name: "Министерство", Role: store.RoleRegion}, testPassword); err != nil {
		t.Fatal(err)
	}
	reg := e.client()
	e.login(reg, "minobr", testPassword, http.StatusOK)
	p := e.get(reg, "/tokens", http.StatusOK)
	mustContain(t, p, `id="tokens-region"`, `id="no-tokens"`)
	if strings.Contains(p, `id="token-form"`) {
		t.Fatal("a region's user is offered a form it may not send")
	}
	e.post(reg, "/tokens", url.Values{"name": {"x"}}, http.StatusForbidden)
}
