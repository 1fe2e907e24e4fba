package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/templates"
)

// Options configure a server. The zero value serves on plain HTTP with
// the embedded templates, the server's time zone and the default limits.
type Options struct {
	// BaseURL is the address people open ("https://roadmap.example.ru");
	// the schools' links are built from it, and cookies are Secure unless
	// it is plain http on this machine (localhost, 127.0.0.1, ::1).
	// "" is http://localhost.
	BaseURL string
	// TrustProxy takes the client's address from the last entry of
	// X-Forwarded-For (set it behind a reverse proxy that appends it:
	// otherwise every client has the proxy's address and shares its rate
	// limit).
	TrustProxy bool
	Logger     *slog.Logger      // nil = slog.Default()
	Labels     *templates.Labels // the words of the documents; nil = embedded
	Version    string            // stamped into workbooks
	// Location is the department's time zone: dates on pages, the links'
	// expiry. nil = time.Local.
	Location *time.Location
	// Access tunes sessions and the login rate limit (tests shorten them).
	Access access.Options
	// Now is the clock; nil = time.Now.
	Now func() time.Time
}

// Server serves the pages and the API over one store. It holds no state
// of its own beyond caches of what the store says (plans by hash, the
// recipients of a plan for a version of the directory), so several
// servers can share one store.
type Server struct {
	st      *store.Store
	acc     *access.Service
	o       Options
	log     *slog.Logger
	base    *url.URL
	secure  bool // cookies are Secure
	pages   map[string]*pageTemplate
	cache   cache
	handler http.Handler
	routes  []Route
	heavy   chan struct{} // uploads and documents being made at once
}

// Route is one registered route: its method and path pattern.
type Route struct {
	Method, Pattern string
}

// New returns a server over st.
func New(st *store.Store, o Options) (*Server, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Labels == nil {
		o.Labels = templates.Default()
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Access.Now == nil {
		o.Access.Now = o.Now
	}
	if o.BaseURL == "" {
		o.BaseURL = "http://localhost"
	}
	base, err := url.Parse(strings.TrimSuffix(o.BaseURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" || base.RawQuery != "" || base.Fragment != "" ||
		base.User != nil || strings.ContainsFunc(o.BaseURL, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return nil, fmt.Errorf("--base-url %q: ожидается адрес вида https://roadmap.example.ru", o.BaseURL)
	}
	s := &Server{st: st, acc: access.New(st, o.Access), o: o, log: o.Logger, base: base,
		secure: !(base.Scheme == "http" && isLocal(base.Hostname())), heavy: make(chan struct{}, 4)}
	s.cache.plans = map[string]*planEntry{}
	if s.pages, err = loadPages(s.funcs()); err != nil {
		return nil, err
	}
	s.handler = s.routesHandler()
	return s, nil
}

// isLocal reports whether a host name is this machine.
func isLocal(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Handler is the whole server as an http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Routes lists the registered routes (the OpenAPI test compares them
// with openapi.yaml).
func (s *Server) Routes() []Route { return append([]Route(nil), s.routes...) }

// SecureCookies reports whether cookies are marked Secure.
func (s *Server) SecureCookies() bool { return s.secure }

// Timeouts of every stage of a request. Uploads of many workbooks over a
// school's slow line and the zip of 300 checklists are the long ones;
// each request's own context ends sooner (route.timeout).
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 5 * time.Minute
	writeTimeout      = 10 * time.Minute
	idleTimeout       = 2 * time.Minute
)

// ShutdownTimeout is how long Serve waits, after its context ends, for
// the requests in flight to finish.
const ShutdownTimeout = 30 * time.Second

// Serve serves on l until ctx is done, then shuts down gracefully:
// requests in flight finish (for up to 30 seconds) and no new ones are
// taken. It returns nil after a shutdown asked for by ctx. The start and
// the stop are logged.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	s.logStart(l)
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("остановка: ждем завершения запросов", "timeout", ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	if err == nil {
		s.log.Info("сервер остановлен")
	}
	return err
}

// cache keeps what the store says and never changes (a plan under its
// hash), or changes with a version the store reports (recipients with
// the directory).
type cache struct {
	mu    sync.Mutex
	plans map[string]*planEntry
}
