package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

var t0 = time.Date(2022, 2, 10, 9, 0, 0, 0, time.UTC)

func TestRebind(t *testing.T) {
	q := `SELECT a FROM t WHERE x = ? AND y = '?' AND "z?" = ? AND w IN (?,?)`
	if got := sqliteDialect.rebind(q); got != q {
		t.Errorf("sqlite rebind changed the query: %s", got)
	}
	want := `SELECT a FROM t WHERE x = $1 AND y = '?' AND "z?" = $2 AND w IN ($3,$4)`
	if got := postgresDialect.rebind(q); got != want {
		t.Errorf("postgres rebind:\n got %s\nwant %s", got, want)
	}
}

func TestUsersAndSessions(t *testing.T) { pgtest.Run(t, testUsersAndSessions) }

func testUsersAndSessions(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	id, err := st.AddUser(ctx, " Ivanova ", "Иванова И. И.", "$argon2id$hash", t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddUser(ctx, "IVANOVA", "другая", "h", t0); !errors.Is(err, ErrExists) {
		t.Fatalf("second user with the same login: %v", err)
	}
	u, hash, err := st.UserByLogin(ctx, "ivanova")
	if err != nil || u.ID != id || u.Name != "Иванова И. И." || hash != "$argon2id$hash" || !u.Created.Equal(t0) {
		t.Fatalf("UserByLogin = %+v %q %v", u, hash, err)
	}
	if _, _, err := st.UserByLogin(ctx, "petrov"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown login: %v", err)
	}
	if err := st.AddSession(ctx, "s1", id, t0, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if u, err := st.SessionUser(ctx, "s1", t0.Add(time.Minute)); err != nil || u.ID != id {
		t.Fatalf("live session: %+v %v", u, err)
	}
	if _, err := st.SessionUser(ctx, "s1", t0.Add(time.Hour)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("expired session: %v", err)
	}
	if _, err := st.SessionUser(ctx, "s2", t0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown session: %v", err)
	}
	st.AddSession(ctx, "s3", id, t0, t0.Add(time.Hour))
	if err := st.EndSession(ctx, "s3", t0); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SessionUser(ctx, "s3", t0.Add(time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ended session: %v", err)
	}
	st.AddSession(ctx, "s5", id, t0, t0.Add(time.Hour))
	if err := st.SetPassword(ctx, id, "$argon2id$new", true, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SessionUser(ctx, "s5", t0.Add(time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a session after a new password: %v", err)
	}
	if _, h, _ := st.UserByLogin(ctx, "ivanova"); h != "$argon2id$new" {
		t.Fatalf("password hash %q", h)
	}
	st.AddSession(ctx, "s4", id, t0, t0.Add(time.Hour))
	st.SetUserDisabled(ctx, id, true)
	if _, err := st.SessionUser(ctx, "s4", t0.Add(time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("session of a disabled user: %v", err)
	}
	var n int
	st.DB().QueryRow(`SELECT COUNT(*) FROM sessions`).Scan(&n)
	if n != 4 {
		t.Fatalf("%d sessions kept, want 4 (nothing deleted)", n)
	}
}

func TestLoginFailures(t *testing.T) { pgtest.Run(t, testLoginFailures) }

func testLoginFailures(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	for m := range 4 {
		st.AddLoginAttempt(ctx, "ivanova", "10.0.0.1", at(m), false)
	}
	st.AddLoginAttempt(ctx, "petrov", "10.0.0.1", at(4), false)
	l, a, err := st.LoginFailures(ctx, "Ivanova", "10.0.0.1", at(-1))
	if err != nil || l != 4 || a != 5 {
		t.Fatalf("failures = %d by login, %d by address, %v; want 4, 5", l, a, err)
	}
	if l, a, _ := st.LoginFailures(ctx, "ivanova", "10.0.0.1", at(2)); l != 1 || a != 2 {
		t.Fatalf("failures in the window = %d, %d; want 1, 2", l, a)
	}
	st.AddLoginAttempt(ctx, "ivanova", "10.0.0.1", at(5), true)
	st.AddLoginAttempt(ctx, "ivanova", "10.0.0.1", at(6), false)
	if l, a, _ := st.LoginFailures(ctx, "ivanova", "10.0.0.1", at(-1)); l != 1 || a != 6 {
		t.Fatalf("after a success = %d, %d; want 1 (reset), 6 (the address keeps counting)", l, a)
	}
}

func TestTokens(t *testing.T) { pgtest.Run(t, testTokens) }

func testTokens(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	uid, _ := st.AddUser(ctx, "robot", "Региональная система", "h", t0)
	expires := t0.Add(90 * 24 * time.Hour)
	id, err := st.AddToken(ctx, "th", "выгрузка", uid, t0, expires)
	if err != nil {
		t.Fatal(err)
	}
	if u, tok, err := st.TokenUser(ctx, "th", t0); err != nil || u.ID != uid || tok.ID != id || !tok.Expires.Equal(expires) {
		t.Fatalf("TokenUser = %+v %+v %v", u, tok, err)
	}
	// It works to the instant before it expires, not at it.
	if _, _, err := st.TokenUser(ctx, "th", expires.Add(-time.Nanosecond)); err != nil {
		t.Fatalf("a token before its expiry: %v", err)
	}
	if _, tok, err := st.TokenUser(ctx, "th", expires); !errors.Is(err, ErrTokenExpired) || !tok.Expires.Equal(expires) {
		t.Fatalf("an expired token: %+v %v", tok, err)
	}
	if _, _, err := st.TokenUser(ctx, "nothing", t0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("an unknown token: %v", err)
	}
	if _, err := st.AddToken(ctx, "th2", "x", uid, t0, t0); err == nil {
		t.Fatal("a token that expires as it is made")
	}
	if err := st.RevokeToken(ctx, id, t0); err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeToken(ctx, id, t0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second revoke: %v", err)
	}
	if _, _, err := st.TokenUser(ctx, "th", t0); !errors.Is(err, ErrTokenRevoked) {
		t.Fatalf("revoked token: %v", err)
	}
	ts, _ := st.Tokens(ctx)
	if len(ts) != 1 || ts[0].Name != "выгрузка" || ts[0].User.Login != "robot" || ts[0].Revoked.IsZero() || !ts[0].Expires.Equal(expires) || ts[0].Live(t0) {
		t.Fatalf("Tokens = %+v", ts)
	}
}

func TestLinks(t *testing.T) { pgtest.Run(t, testLinks) }

func testLinks(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	p := testPlan("План", 3)
	st.SavePlan(p)
	exp := t0.Add(60 * 24 * time.Hour)
	nl := func(hash, org string) NewLink {
		return NewLink{Hash: hash, Org: org, PlanHash: p.Hash(), Quarter: "2022Q1", Created: t0, Expires: exp}
	}
	ids, err := st.AddLinks(ctx, []NewLink{nl("h1", "Школа № 1"), nl("h2", "Школа № 2")}, false)
	if err != nil || len(ids) != 2 {
		t.Fatal(ids, err)
	}
	l, err := st.LinkByHash(ctx, "h2")
	if err != nil || l.ID != ids[1] || l.Org != "Школа № 2" || l.Quarter != "2022Q1" || !l.Expires.Equal(exp) || !l.Live(t0) || l.Live(exp) {
		t.Fatalf("LinkByHash = %+v, %v", l, err)
	}
	if _, err := st.LinkByHash(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	// A reissue revokes the live link of the organisation.
	later := nl("h3", "Школа № 1")
	later.Created = t0.Add(time.Hour)
	if _, err := st.AddLinks(ctx, []NewLink{later}, true); err != nil {
		t.Fatal(err)
	}
	old, _ := st.LinkByHash(ctx, "h1")
	if old.Live(t0.Add(2*time.Hour)) || !old.Revoked.Equal(later.Created) {
		t.Fatalf("reissued link still live: %+v", old)
	}
	if l, _ := st.LinkByHash(ctx, "h2"); !l.Live(t0) {
		t.Fatal("another school's link was revoked by the reissue")
	}
	ls, _ := st.Links(ctx, p.Hash(), "2022Q1")
	if len(ls) != 3 || ls[0].Org != "Школа № 1" || ls[0].ID < ls[1].ID {
		t.Fatalf("Links = %+v", ls)
	}
	r, err := st.RevokeLink(ctx, ids[1], t0.Add(3*time.Hour))
	if err != nil || r.Revoked.IsZero() {
		t.Fatalf("RevokeLink = %+v, %v", r, err)
	}
	if _, err := st.RevokeLink(ctx, 999, t0); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
}

func TestDirectory(t *testing.T) { pgtest.Run(t, testDirectory) }

func testDirectory(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	v0, _ := st.DirectoryVersion(ctx)
	orgs := []DirOrg{{Name: "МБОУ Школа № 2", Short: "Школа 2", Email: "s2@example.ru", Groups: []string{"ОбОО"}},
		{Name: "МБОУ Школа № 1", Groups: []string{"ОбОО", "ОО"}}}
	if err := st.ReplaceDirectory(ctx, orgs, t0); err != nil {
		t.Fatal(err)
	}
	d, _ := st.Directory(ctx)
	if len(d) != 2 || d[0].Name != "МБОУ Школа № 2" || d[0].Email != "s2@example.ru" || len(d[1].Groups) != 2 || d[1].Groups[1] != "ОО" {
		t.Fatalf("Directory = %+v", d)
	}
	v1, _ := st.DirectoryVersion(ctx)
	if v1 == v0 {
		t.Fatal("the version did not change")
	}
	if err := st.SaveOrg(ctx, DirOrg{Name: "ДДТ", Short: "ДДТ"}, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveOrg(ctx, DirOrg{Name: "МБОУ Школа № 2", Email: "new@example.ru"}, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	d, _ = st.Directory(ctx)
	if len(d) != 3 || d[0].Email != "new@example.ru" || d[2].Name != "ДДТ" {
		t.Fatalf("after SaveOrg: %+v", d)
	}
	if err := st.UnlistOrg(ctx, "МБОУ Школа № 1", t0.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := st.UnlistOrg(ctx, "МБОУ Школа № 1", t0.Add(3*time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	d, _ = st.Directory(ctx)
	if len(d) != 2 {
		t.Fatalf("after UnlistOrg: %+v", d)
	}
	// Replacing keeps the organisations (their answers refer to them).
	st.ReplaceDirectory(ctx, orgs[:1], t0.Add(4*time.Minute))
	var n int
	st.DB().QueryRow(`SELECT COUNT(*) FROM organizations`).Scan(&n)
	if d, _ = st.Directory(ctx); len(d) != 1 || n != 3 {
		t.Fatalf("after a replace: directory %+v, %d organisations kept", d, n)
	}
	v2, _ := st.DirectoryVersion(ctx)
	if v2 == v1 {
		t.Fatal("the version did not change")
	}
}

func TestEditsAndHistory(t *testing.T) { pgtest.Run(t, testEditsAndHistory) }

func testEditsAndHistory(t *testing.T, eng pgtest.Engine) {
	st := openTemp(t, eng)
	ctx := context.Background()
	p := testPlan("План", 3)
	st.SavePlan(p)
	uid, _ := st.AddUser(ctx, "ivanova", "Иванова", "h", t0)
	e := Edit{PlanHash: p.Hash(), Quarter: "2022Q1", Org: "Школа № 1", ItemID: "i1", Status: plan.StatusInProgress,
		Evidence: "приказ № 1", At: t0, By: Actor{LinkID: 0, UserID: uid}, Key: "k1"}
	s1, err := st.SaveEdit(ctx, e)
	if err != nil || s1.ID == 0 || s1.Replayed || s1.Unchanged {
		t.Fatalf("first save: %+v %v", s1, err)
	}
	// The same save again (a retry): nothing new.
	retry := e
	retry.At = t0.Add(time.Minute)
	s2, err := st.SaveEdit(ctx, retry)
	if err != nil || !s2.Replayed || s2.ID != s1.ID || !s2.At.Equal(t0) {
		t.Fatalf("retried save: %+v %v", s2, err)
	}
	// The same key for another answer: refused.
	other := e
	other.Status = plan.StatusDone
	if _, err := st.SaveEdit(ctx, other); !errors.Is(err, ErrKeyReused) {
		t.Fatalf("reused key: %v", err)
	}
	// The same answer under a new key: nothing changed, nothing stored.
	same := e
	same.Key, same.At = "k2", t0.Add(2*time.Minute)
	if s, err := st.SaveEdit(ctx, same); err != nil || !s.Unchanged {
		t.Fatalf("unchanged save: %+v %v", s, err)
	}
	// A workbook from the school saved after the web answer wins; a web
	// answer saved after that wins again.
	sub := sub(p, "f1", "Школа № 1", "2022Q1", t0.Add(time.Hour), plan.StatusNotDone, "i1", "i2")
	if _, err := st.Add(ctx, []NewSubmission{sub}); err != nil {
		t.Fatal(err)
	}
	prog, _ := st.Progress(p, Query{Quarter: "2022Q1"})
	if got := prog.Answers["i1"]; len(got) != 1 || got[0].Status != plan.StatusNotDone {
		t.Fatalf("after the workbook: %+v", got)
	}
	done := e
	done.Status, done.Key, done.At, done.Date = plan.StatusDone, "k3", t0.Add(2*time.Hour), "2022-02-10"
	if _, err := st.SaveEdit(ctx, done); err != nil {
		t.Fatal(err)
	}
	prog, _ = st.Progress(p, Query{Quarter: "2022Q1"})
	if got := prog.Answers["i1"]; len(got) != 1 || got[0].Status != plan.StatusDone || got[0].Date != "2022-02-10" {
		t.Fatalf("after the last web save: %+v", got)
	}
	if got := prog.Answers["i2"]; len(got) != 1 || got[0].Status != plan.StatusNotDone {
		t.Fatalf("the workbook's other row: %+v", got)
	}
	// An answer saved for the next quarter is not in this quarter's progress.
	next := e
	next.Quarter, next.Status, next.Key, next.At = "2022Q2", plan.StatusPostponed, "k4", t0.Add(3*time.Hour)
	st.SaveEdit(ctx, next)
	prog, _ = st.Progress(p, Query{Quarter: "2022Q1"})
	if got := prog.Answers["i1"]; got[0].Status != plan.StatusDone {
		t.Fatalf("Q1 sees Q2: %+v", got)
	}
	prog, _ = st.Progress(p, Query{Quarter: "2022Q2", Org: "Школа № 2"})
	if len(prog.Answers) != 0 {
		t.Fatalf("another organisation's progress: %+v", prog.Answers)
	}
	h, err := st.History(ctx, p.Hash(), "i1", "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range h {
		got = append(got, fmt.Sprintf("%s %s %s %s", c.Quarter, c.Kind, c.Status, c.ByName))
	}
	want := []string{"2022Q1 web in_progress Иванова", "2022Q1 checklist not_done ", "2022Q1 web done Иванова", "2022Q2 web postponed Иванова"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("history:\n got %q\nwant %q", got, want)
	}
}

// Concurrent saves of one row with one key store one answer.
func TestConcurrentRetries(t *testing.T) { pgtest.Run(t, testConcurrentRetries) }

func testConcurrentRetries(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	p := testPlan("План", 1)
	st.SavePlan(p)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := st.SaveEdit(ctx, Edit{PlanHash: p.Hash(), Quarter: "2022Q1", Org: "Школа", ItemID: "i1",
				Status: plan.StatusDone, At: t0, Key: "same"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var n int
	st.DB().QueryRow(`SELECT COUNT(*) FROM edits`).Scan(&n)
	if n != 1 {
		t.Fatalf("%d edits stored, want 1", n)
	}
}

func TestImports(t *testing.T) { pgtest.Run(t, testImports) }

func testImports(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	p := testPlan("План", 2)
	id, err := st.AddImport(ctx, 0, 0, "plan.txt", p, "", t0)
	if err != nil {
		t.Fatal(err)
	}
	bad, _ := st.AddImport(ctx, 0, 0, "bad.txt", nil, "bad.txt:1: не таблица", t0)
	ims, _ := st.Imports(ctx, 0)
	if len(ims) != 2 || ims[0].PlanHash != p.Hash() || ims[1].Error == "" || ims[1].JSON != nil {
		t.Fatalf("Imports = %+v", ims)
	}
	if _, err := st.DecideImport(ctx, bad, Accepted, t0); err == nil {
		t.Fatal("an unreadable import was accepted")
	}
	im, err := st.DecideImport(ctx, id, Accepted, t0)
	if err != nil || im.Decision != Accepted {
		t.Fatal(im, err)
	}
	if _, err := st.Plan(p.Hash()); err != nil {
		t.Fatalf("accepted plan not saved: %v", err)
	}
	if _, err := st.DecideImport(ctx, id, Discarded, t0); !errors.Is(err, ErrDecided) {
		t.Fatalf("second decision: %v", err)
	}
	st.DecideImport(ctx, bad, Discarded, t0)
	if ims, _ := st.Imports(ctx, 0); len(ims) != 0 {
		t.Fatalf("decided imports still pending: %+v", ims)
	}
	ps, _ := st.Plans(ctx)
	if len(ps) != 1 || ps[0].Title != "План" {
		t.Fatalf("Plans = %+v", ps)
	}
}

// A token issued before tokens expired (schema 7) gets LegacyTokenGrace
// from the migration to be replaced, on both engines: it works now and
// stops then, rather than never (or at once).
func TestMigrateTokensExpire(t *testing.T) { pgtest.Run(t, testMigrateTokensExpire) }

func testMigrateTokensExpire(t *testing.T, e pgtest.Engine) {
	where := e.Empty(t)
	driver, dsn, d := "sqlite", "file:"+where+"?_pragma=foreign_keys(1)", sqliteDialect
	if e.Name == "postgres" {
		driver, dsn, d = "pgx", where, postgresDialect
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := migrate(ctx, db, d, 7); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO users(login, name, password, created) VALUES('robot', 'Робот', 'h', '2022-01-01T00:00:00.000000000Z')`,
		`INSERT INTO api_tokens(hash, name, user_id, created) VALUES('th', 'старый', 1, '2022-01-01T00:00:00.000000000Z')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	before := time.Now()
	st, err := Open(where)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	after := time.Now()
	_, tok, err := st.TokenUser(ctx, "th", after)
	if err != nil {
		t.Fatalf("the old token after the upgrade: %v", err)
	}
	// The migration's SQL counts in whole seconds.
	if lo, hi := before.Add(LegacyTokenGrace-time.Second), after.Add(LegacyTokenGrace+time.Second); tok.Expires.Before(lo) || tok.Expires.After(hi) {
		t.Fatalf("the old token expires %v, want between %v and %v", tok.Expires, lo, hi)
	}
	if _, _, err := st.TokenUser(ctx, "th", tok.Expires); !errors.Is(err, ErrTokenExpired) {
		t.Fatalf("the old token at its expiry: %v", err)
	}
}
