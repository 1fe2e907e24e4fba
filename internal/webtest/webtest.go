// Package webtest starts `roadmap serve` in-process for tests that drive
// it from outside, as a browser or a load generator does: a temporary
// store, one department user, the server on a free port of 127.0.0.1,
// everything stopped and removed when the test ends.
package webtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/web"
)

// Login and Password are the department user Start creates.
const (
	Login    = "ivanova"
	Password = "пароль-для-тестов"
	Name     = "Иванова Ирина"
)

// Env is a running server.
type Env struct {
	URL    string // http://127.0.0.1:PORT, also the server's base URL
	Store  *store.Store
	Server *web.Server
}

// Start runs a server on a new store in t's temporary folder, with the
// department user Login. Options are passed on (BaseURL is set to the
// server's own address; a nil Logger discards the log).
func Start(t testing.TB, o web.Options) *Env {
	t.Helper()
	return startWithUser(t, o, nil)
}

// StartFaulty is Start with the connection between the server and its
// clients under the test's control (Faults), as a phone's network is
// not: the server is served by a plain http.Server around its handler.
func StartFaulty(t testing.TB, o web.Options) (*Env, *Faults) {
	t.Helper()
	f := &Faults{}
	return startWithUser(t, o, f), f
}

func startWithUser(t testing.TB, o web.Options, f *Faults) *Env {
	t.Helper()
	e := start(t, filepath.Join(t.TempDir(), "roadmap.db"), o, f)
	if _, err := access.New(e.Store, o.Access).AddUser(context.Background(), Login, Name, Password); err != nil {
		t.Fatal(err)
	}
	return e
}

// StartOn runs a server on the store at db (a file or a PostgreSQL URL),
// with its own connections to it: servers side by side, as several
// `roadmap serve` processes on one region's store.
func StartOn(t testing.TB, db string, o web.Options) *Env {
	t.Helper()
	return start(t, db, o, nil)
}

func start(t testing.TB, db string, o web.Options, f *Faults) *Env {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	e := &Env{URL: "http://" + l.Addr().String(), Store: st}
	o.BaseURL = e.URL
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if e.Server, err = web.New(st, o); err != nil {
		st.Close()
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	if f == nil {
		go func() { done <- e.Server.Serve(ctx, l) }()
	} else {
		srv := &http.Server{Handler: f.wrap(e.Server.Handler()), ReadHeaderTimeout: 10 * time.Second}
		go func() {
			err := srv.Serve(l)
			if errors.Is(err, http.ErrServerClosed) {
				err = nil
			}
			done <- err
		}()
		go func() { <-ctx.Done(); srv.Close() }()
	}
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
		st.Close()
	})
	return e
}

// Faults breaks the server's connections on demand: a reply lost after
// the server has done the work (the phone went out of coverage while
// the answer was on its way), and a server out of reach.
type Faults struct {
	mu      sync.Mutex
	down    bool
	drop    int    // replies still to lose
	prefix  string // of the paths whose replies are lost
	dropped chan string
}

// DropReplies makes the server handle the next n requests whose path
// starts with prefix as usual, then close their connections without a
// reply, and go down (Down) after the last of them. Each path handled
// so is sent on the returned channel.
func (f *Faults) DropReplies(prefix string, n int) <-chan string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.prefix, f.drop, f.dropped = prefix, n, make(chan string, n)
	return f.dropped
}

// SetDown makes every request fail (its connection closed unanswered,
// nothing handled) until SetDown(false).
func (f *Faults) SetDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}

func (f *Faults) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		down, drop := f.down, f.drop > 0 && strings.HasPrefix(r.URL.Path, f.prefix)
		if drop {
			f.drop--
			if f.drop == 0 {
				f.down = true
			}
		}
		f.mu.Unlock()
		switch {
		case drop:
			h.ServeHTTP(httptest.NewRecorder(), r)
			f.dropped <- r.URL.Path
			panic(http.ErrAbortHandler) // net/http closes the connection, unanswered
		case down:
			panic(http.ErrAbortHandler)
		}
		h.ServeHTTP(w, r)
	})
}

// Fixture is a plan whose every activity is addressed to every school
// of the directory (the group ОбОО), with a link per school: the shape
// of the load the issue names (500 schools × 80 rows).
type Fixture struct {
	Plan    *plan.Plan
	Hash    string
	Quarter plan.Quarter
	Schools []School
}

// School is one school of a fixture with its link.
type School struct {
	Org  string
	URL  string // its page
	Path string // the page's path (/s/TOKEN)
}

// NewFixture saves a plan of items activities due in 2022Q1, a directory
// of schools schools, and issues their links.
func (e *Env) NewFixture(t testing.TB, schools, items int) *Fixture {
	t.Helper()
	ctx := context.Background()
	p := &plan.Plan{SchemaVersion: plan.SchemaVersion, Title: fmt.Sprintf("План мероприятий на 2022 год (%d × %d)", schools, items),
		Period:        plan.Period{From: plan.MonthOf(2022, 1), To: plan.MonthOf(2022, 12)},
		Organizations: []plan.Organization{{Name: "ОбОО", Short: "ОбОО", Group: true}}}
	for i := 0; i < items; i++ {
		if i%10 == 0 {
			num := strconv.Itoa(i/10 + 1)
			p.Sections = append(p.Sections, plan.Section{ID: "S-" + num, Number: &num, Title: "Раздел " + num, Level: 1, Line: 2*i + 1})
		}
		num := fmt.Sprintf("%d.%d", i/10+1, i%10+1)
		m := plan.MonthOf(2022, 1+i%3)
		p.Items = append(p.Items, plan.Item{ID: num, Number: &num, Section: p.Sections[len(p.Sections)-1].ID, Level: 2, Line: 2*i + 2,
			Activity:    plan.Text{Text: "Мероприятие " + num + ": подготовка, проведение и анализ результатов"},
			Deadline:    plan.Schedule{Text: plan.MonthNames[m.Num()-1] + " 2022 г.", Kind: plan.KindDated, Months: []plan.Month{m}},
			Responsible: []plan.Executor{{Text: "ОбОО", Org: "ОбОО", Group: true}}})
	}
	if err := e.Store.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	dir := make([]store.DirOrg, schools)
	orgs := make([]string, schools)
	for i := range dir {
		orgs[i] = fmt.Sprintf("МБОУ Школа № %d", i+1)
		dir[i] = store.DirOrg{Name: orgs[i], Short: fmt.Sprintf("Школа %d", i+1), Email: fmt.Sprintf("school%d@example.ru", i+1), Groups: []string{"ОбОО"}}
	}
	if err := e.Store.ReplaceDirectory(ctx, dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	q := plan.Quarter{Year: 2022, Q: 1}
	f := &Fixture{Plan: p, Hash: p.Hash(), Quarter: q}
	issued, err := access.New(e.Store, access.Options{}).IssueLinks(ctx, f.Hash, q, orgs, 0, time.Now().Add(24*time.Hour), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range issued {
		f.Schools = append(f.Schools, School{Org: l.Org, URL: e.URL + "/s/" + l.Token, Path: "/s/" + l.Token})
	}
	return f
}
