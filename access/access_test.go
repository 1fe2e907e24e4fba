package access

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func setup(t *testing.T, e pgtest.Engine) (*Service, *store.Store, *clock) {
	t.Helper()
	st, err := store.Open(e.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{time.Date(2022, 3, 1, 10, 0, 0, 0, time.UTC)}
	return New(st, Options{Now: c.now}), st, c
}

func TestLoginAndSession(t *testing.T) { pgtest.Run(t, testLoginAndSession) }

func testLoginAndSession(t *testing.T, e pgtest.Engine) {
	a, _, c := setup(t, e)
	ctx := context.Background()
	if _, err := a.AddUser(ctx, "ivanova", "Иванова", "короткий"); err == nil {
		t.Fatal("a short password was accepted")
	}
	if _, err := a.AddUser(ctx, "иванова", "Иванова", "длинный-пароль"); err == nil {
		t.Fatal("a Cyrillic login was accepted")
	}
	if _, err := a.AddUser(ctx, "Ivanova", "Иванова И. И.", "длинный-пароль"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Login(ctx, "ivanova", "не тот пароль", "10.0.0.1"); !errors.Is(err, ErrBadLogin) {
		t.Fatalf("wrong password: %v", err)
	}
	if _, _, err := a.Login(ctx, "petrov", "длинный-пароль", "10.0.0.1"); !errors.Is(err, ErrBadLogin) {
		t.Fatalf("unknown login: %v", err)
	}
	id, u, err := a.Login(ctx, "IVANOVA ", "длинный-пароль", "10.0.0.1")
	if err != nil || u.Name != "Иванова И. И." {
		t.Fatal(u, err)
	}
	if got, err := a.Session(ctx, id); err != nil || got.ID != u.ID {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	c.t = c.t.Add(13 * time.Hour)
	if _, err := a.Session(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a session after 13 hours: %v", err)
	}
	id2, _, _ := a.Login(ctx, "ivanova", "длинный-пароль", "10.0.0.1")
	a.Logout(ctx, id2)
	if _, err := a.Session(ctx, id2); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a session after logout: %v", err)
	}
	if _, err := a.Session(ctx, "junk"); !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	// A new password ends the sessions open with the old one.
	id3, _, _ := a.Login(ctx, "ivanova", "длинный-пароль", "10.0.0.1")
	if err := a.SetPassword(ctx, "ivanova", "новый-длинный-пароль"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Session(ctx, id3); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a session after the password changed: %v", err)
	}
	if _, _, err := a.Login(ctx, "ivanova", "новый-длинный-пароль", "10.0.0.1"); err != nil {
		t.Fatal(err)
	}
}

func TestRateLimit(t *testing.T) { pgtest.Run(t, testRateLimit) }

func testRateLimit(t *testing.T, e pgtest.Engine) {
	a, _, c := setup(t, e)
	ctx := context.Background()
	a.AddUser(ctx, "ivanova", "", "длинный-пароль")
	for i := range 5 {
		if _, _, err := a.Login(ctx, "ivanova", "неверный", "10.0.0.1"); !errors.Is(err, ErrBadLogin) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	// Locked: even the right password is refused without being checked.
	var le *LimitedError
	if _, _, err := a.Login(ctx, "ivanova", "длинный-пароль", "10.0.0.2"); !errors.As(err, &le) || !strings.Contains(err.Error(), "15 мин") {
		t.Fatalf("sixth attempt: %v", err)
	}
	c.t = c.t.Add(16 * time.Minute)
	if _, _, err := a.Login(ctx, "ivanova", "длинный-пароль", "10.0.0.2"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	// One address trying many logins is stopped too.
	for i := range 30 {
		a.Login(ctx, "user"+string(rune('a'+i%26))+"x", "неверный", "10.9.9.9")
	}
	if _, _, err := a.Login(ctx, "ivanova", "длинный-пароль", "10.9.9.9"); !errors.As(err, &le) {
		t.Fatalf("an address over its limit: %v", err)
	}
}

func TestTokens(t *testing.T) { pgtest.Run(t, testTokens) }

func testTokens(t *testing.T, e pgtest.Engine) {
	a, st, c := setup(t, e)
	ctx := context.Background()
	a.AddUser(ctx, "robot", "", "длинный-пароль")
	tok, made, err := a.NewToken(ctx, "robot", "выгрузка статусов", 0)
	if err != nil || !strings.HasPrefix(tok, TokenPrefix) || !made.Expires.Equal(c.t.Add(DefaultTokenTTL)) {
		t.Fatal(tok, made, err)
	}
	id := made.ID
	if u, err := a.TokenUser(ctx, tok); err != nil || u.Login != "robot" {
		t.Fatal(u, err)
	}
	for _, bad := range []string{"", tok[len(TokenPrefix):], tok + "x", "rmt_" + strings.Repeat("A", 43)} {
		if _, err := a.TokenUser(ctx, bad); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("TokenUser(%q): %v", bad, err)
		}
	}
	// A token given a week stops after the week, with a message that
	// says when.
	week, _, err := a.NewToken(ctx, "robot", "на неделю", 7*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(7 * 24 * time.Hour)
	var te *TokenError
	if _, err := a.TokenUser(ctx, week); !errors.As(err, &te) || !errors.Is(err, store.ErrTokenExpired) ||
		!strings.Contains(err.Error(), "срок действия токена API 2 истек 08.03.2022") {
		t.Fatalf("expired token: %v", err)
	}
	if _, err := a.TokenUser(ctx, tok); err != nil {
		t.Fatalf("the token of 90 days after a week: %v", err)
	}
	st.RevokeToken(ctx, id, c.t)
	if _, err := a.TokenUser(ctx, tok); !errors.Is(err, store.ErrTokenRevoked) || !strings.Contains(err.Error(), "отозван 08.03.2022") {
		t.Fatalf("revoked token: %v", err)
	}
	for _, ttl := range []time.Duration{-time.Hour, MaxTokenTTL + time.Hour} {
		if _, _, err := a.NewToken(ctx, "robot", "x", ttl); err == nil || !strings.Contains(err.Error(), "срок действия токена") {
			t.Errorf("a token for %v: %v", ttl, err)
		}
	}
	if _, _, err := a.NewToken(ctx, "nobody", "x", 0); err == nil {
		t.Fatal("a token for an unknown user")
	}
}

func TestLinks(t *testing.T) { pgtest.Run(t, testLinks) }

func testLinks(t *testing.T, e pgtest.Engine) {
	a, st, c := setup(t, e)
	ctx := context.Background()
	p := &plan.Plan{SchemaVersion: plan.SchemaVersion, Title: "План"}
	st.SavePlan(p)
	q := plan.Quarter{Year: 2022, Q: 1}
	if got := LinkExpiry(q, time.UTC); !got.Equal(time.Date(2022, 4, 21, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("LinkExpiry(2022Q1) = %v", got)
	}
	if got := LinkExpiry(plan.Quarter{Year: 2022, Q: 4}, time.UTC); !got.Equal(time.Date(2023, 1, 21, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("LinkExpiry(2022Q4) = %v", got)
	}
	ls, err := a.IssueLinks(ctx, p.Hash(), q, []string{"Школа № 1", "Школа № 2"}, 0, LinkExpiry(q, time.UTC), false, nil)
	if err != nil || len(ls) != 2 || ls[0].Token == ls[1].Token {
		t.Fatal(ls, err)
	}
	// Without an expiry, the quarter's in the zone given (not the
	// server's); one past, or more than a year beyond, is refused.
	vlad, err := time.LoadLocation("Asia/Vladivostok")
	if err != nil {
		t.Fatal(err)
	}
	zoned, err := a.IssueLinks(ctx, p.Hash(), q, []string{"Школа № 3"}, 0, time.Time{}, false, vlad)
	if err != nil || !zoned[0].Expires.Equal(time.Date(2022, 4, 21, 0, 0, 0, 0, vlad)) {
		t.Fatalf("expiry in Vladivostok: %v, %v", zoned, err)
	}
	for _, tc := range []struct {
		expires time.Time
		want    string
	}{
		{time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), "срок действия ссылок (01.01.2021 00:00) уже прошел"},
		{time.Date(2122, 4, 21, 0, 0, 0, 0, time.UTC), "срок действия ссылок (21.04.2122) слишком далек: ссылки за квартал могут действовать не дольше чем по 21.04.2023"},
	} {
		var ee *ExpiryError
		_, err := a.IssueLinks(ctx, p.Hash(), q, []string{"Школа № 4"}, 0, tc.expires, false, time.UTC)
		if !errors.As(err, &ee) || err.Error() != tc.want {
			t.Errorf("expiry %v: %v, want %q", tc.expires, err, tc.want)
		}
	}
	if _, err := a.IssueLinks(ctx, p.Hash(), q, []string{"Школа № 4"}, 0, LinkExpiry(q, time.UTC).Add(MaxLinkLife), false, time.UTC); err != nil {
		t.Errorf("a year after the quarter's expiry: %v", err)
	}
	l, err := a.OpenLink(ctx, ls[1].Token)
	if err != nil || l.Org != "Школа № 2" || l.ID != ls[1].ID {
		t.Fatal(l, err)
	}
	if _, err := a.OpenLink(ctx, strings.Repeat("A", 43)); !errors.Is(err, ErrNoLink) {
		t.Fatal(err)
	}
	again, _ := a.IssueLinks(ctx, p.Hash(), q, []string{"Школа № 1"}, 0, time.Time{}, true, nil)
	if _, err := a.OpenLink(ctx, ls[0].Token); !errors.Is(err, ErrRevoked) {
		t.Fatalf("the old link after a reissue: %v", err)
	}
	if _, err := a.OpenLink(ctx, again[0].Token); err != nil {
		t.Fatal(err)
	}
	c.t = time.Date(2022, 4, 21, 0, 0, 0, 0, time.UTC)
	if _, err := a.OpenLink(ctx, ls[1].Token); !errors.Is(err, ErrExpired) {
		t.Fatalf("a link after the reporting window: %v", err)
	}
	if _, err := a.IssueLinks(ctx, p.Hash(), q, []string{"Школа № 1"}, 0, c.t.Add(-time.Hour), false, nil); err == nil {
		t.Fatal("links issued already expired")
	}
	var n int
	st.DB().QueryRow(`SELECT COUNT(*) FROM links WHERE hash LIKE '%' || ? || '%'`, ls[0].Token[:20]).Scan(&n)
	if n != 0 {
		t.Fatal("a token is stored in clear")
	}
}

// The service's tests run on both engines.
func TestMain(m *testing.M) {
	os.Exit(pgtest.Main(m, func(url string) error {
		st, err := store.Open(url)
		if err != nil {
			return err
		}
		return st.Close()
	}))
}
