// Package webtest starts `roadmap serve` in-process for tests that drive
// it from outside, as a browser or a load generator does: a temporary
// store, one department user, the server on a free port of 127.0.0.1,
// everything stopped and removed when the test ends.
package webtest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"testing"

	"github.com/roadmap-tool/roadmap/access"
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

// Start runs a server on a new store in t's temporary folder. Options
// are passed on (BaseURL is set to the server's own address; a nil
// Logger discards the log).
func Start(t testing.TB, o web.Options) *Env {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "roadmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := access.New(st, o.Access).AddUser(context.Background(), Login, Name, Password); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e := &Env{URL: "http://" + l.Addr().String(), Store: st}
	o.BaseURL = e.URL
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if e.Server, err = web.New(st, o); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Server.Serve(ctx, l) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
		st.Close()
	})
	return e
}
