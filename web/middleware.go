package web

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/store"
)

// authKind is who may call a route.
type authKind int

const (
	public   authKind = iota // anyone (login, health, static files)
	userAuth                 // a department user with a session; others are sent to the login page
	apiAuth                  // a machine token or a session; others get 401
	linkAuth                 // a school, by the link token in {token}
)

// route is one registered handler with its limits.
type route struct {
	method, pattern string
	auth            authKind
	limit           int64         // request body bytes
	timeout         time.Duration // of the request's context
	heavy           bool          // an upload or a document to make: waits for a free slot
	// savedChecked: the route's only effect is a save that the store
	// checks against the link and the directory in its own transaction
	// (store.Edit), so the link may come from memory (OpenLinkCached).
	savedChecked bool
	h            func(http.ResponseWriter, *http.Request) error
}

// Limits of request bodies and of the time a request may take.
const (
	formLimit      = 64 << 10  // a page's form
	saveLimit      = 32 << 10  // a school's row
	jsonLimit      = 1 << 20   // an API request
	directoryLimit = 8 << 20   // a directory of organisations
	planFileLimit  = 32 << 20  // one roadmap export (ingest reads at most that much)
	plansLimit     = 64 << 20  // an upload of several exports
	bookFileLimit  = 50 << 20  // one returned workbook (collect refuses more)
	booksLimit     = 200 << 20 // an upload of many workbooks
	shortTimeout   = 30 * time.Second
	longTimeout    = 5 * time.Minute
)

type ctxKey int

const (
	userKey ctxKey = iota
	linkKey
	infoKey
)

// reqInfo is what the log line of a request says of who made it, filled
// in by the route once it knows.
type reqInfo struct {
	user string
	link int64
}

// userOf is the department user of the request (nil for others).
func userOf(r *http.Request) *store.User {
	u, _ := r.Context().Value(userKey).(*store.User)
	return u
}

// linkOf is the school link of the request (nil for others).
func linkOf(r *http.Request) *store.Link {
	l, _ := r.Context().Value(linkKey).(*store.Link)
	return l
}

// actor is who the request acts as, for the history.
func actor(r *http.Request) store.Actor {
	var a store.Actor
	if u := userOf(r); u != nil {
		a.UserID = u.ID
	}
	if l := linkOf(r); l != nil {
		a.LinkID = l.ID
	}
	return a
}

// recorder keeps what the log line says of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.status, r.wrote = http.StatusOK, true
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logPath is the request's path for the log, without a school's token:
// a link is as good as a password until it expires.
func logPath(r *http.Request) string {
	p := r.URL.Path
	if strings.HasPrefix(p, "/s/") {
		rest := p[3:]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			return "/s/<ссылка>" + rest[i:]
		}
		return "/s/<ссылка>"
	}
	return p
}

// clientAddr is the address the rate limit counts: the peer's, or behind
// a trusted proxy the last address it appended to X-Forwarded-For.
func (s *Server) clientAddr(r *http.Request) string {
	if s.o.TrustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			parts := strings.Split(xff[len(xff)-1], ",")
			if a := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(a) != nil {
				return a
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// outer wraps the whole mux: panics become a 500 and a log line, every
// response gets the security headers, every request a log line, and
// every state-changing request from another site is refused
// (http.CrossOriginProtection: Sec-Fetch-Site, else Origin against Host
// and the base URL).
func (s *Server) outer(mux http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if err := cop.AddTrustedOrigin(s.base.Scheme + "://" + s.base.Host); err != nil {
		s.log.Warn("адрес сервера не добавлен в доверенные источники", "err", err.Error())
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.Warn("запрос с другого сайта отклонен", "method", r.Method, "path", logPath(r),
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		s.fail(w, r, &httpError{status: http.StatusForbidden, msg: "запрос отправлен с другого сайта и отклонен: откройте страницу заново и повторите"})
	}))
	inner := cop.Handler(mux)
	csp := "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
		"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		info := &reqInfo{}
		r = r.WithContext(context.WithValue(r.Context(), infoKey, info))
		h := rec.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.base.Scheme == "https" {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("паника в обработчике", "path", logPath(r), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				s.fail(rec, r, errors.New("panic"))
			}
			level := slog.LevelInfo
			if rec.status >= 500 {
				level = slog.LevelError
			}
			s.log.LogAttrs(r.Context(), level, "запрос", slog.String("method", r.Method), slog.String("path", logPath(r)),
				slog.Int("status", rec.status), slog.Int64("bytes", rec.bytes), slog.Duration("duration", time.Since(start)),
				slog.String("user", info.user), slog.Int64("link", info.link), slog.String("addr", s.clientAddr(r)))
		}()
		inner.ServeHTTP(rec, r)
	})
}

// wrap makes a route's handler: its body limit, its timeout, its slot
// among the heavy requests, who may call it, and its errors rendered.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = newSteadyBody(w, r.Body)
		}
		r.Body = http.MaxBytesReader(w, r.Body, max(rt.limit, 1))
		ctx, cancel := context.WithTimeout(r.Context(), rt.timeout)
		defer cancel()
		r = r.WithContext(ctx)
		switch rt.auth {
		case userAuth, apiAuth:
			u, err := s.authenticate(r, rt.auth == apiAuth)
			if err != nil {
				if rt.auth == userAuth && !wantsJSON(r) && errors.Is(err, store.ErrNotFound) {
					next := r.URL.Path
					if r.Method == http.MethodGet && r.URL.RawQuery != "" {
						next += "?" + r.URL.RawQuery
					}
					seeOther(w, r, "/login?next="+url.QueryEscape(next))
					return
				}
				var te *access.TokenError
				switch {
				case errors.As(err, &te): // expired or revoked: say which, and since when
					w.Header().Set("WWW-Authenticate", `Bearer realm="roadmap", error="invalid_token"`)
					err = &httpError{status: http.StatusUnauthorized, msg: te.Error()}
				case errors.Is(err, store.ErrNotFound):
					if rt.auth == apiAuth {
						w.Header().Set("WWW-Authenticate", `Bearer realm="roadmap"`)
					}
					err = &httpError{status: http.StatusUnauthorized, msg: "нужен вход: токен API (Authorization: Bearer ...) или сессия"}
				}
				s.fail(w, r, err)
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), userKey, &u))
			if info, ok := r.Context().Value(infoKey).(*reqInfo); ok {
				info.user = u.Login
			}
			// A region's user reads every municipality's data and
			// changes none of it (logging out aside).
			if u.Region() && r.Method != http.MethodGet && rt.pattern != "/logout" {
				s.fail(w, r, &httpError{status: http.StatusForbidden, msg: "пользователь региона только просматривает данные муниципалитетов: изменения вносят их специалисты"})
				return
			}
		case linkAuth:
			open := s.acc.OpenLink
			if rt.savedChecked {
				open = s.acc.OpenLinkCached
			}
			l, err := open(r.Context(), r.PathValue("token"))
			switch {
			case errors.Is(err, access.ErrNoLink):
				err = &httpError{status: http.StatusNotFound, msg: err.Error()}
			case errors.Is(err, access.ErrRevoked), errors.Is(err, access.ErrExpired):
				err = &httpError{status: http.StatusGone, msg: err.Error()}
			}
			if err != nil {
				s.fail(w, r, err)
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), linkKey, &l))
			if info, ok := r.Context().Value(infoKey).(*reqInfo); ok {
				info.link = l.ID
			}
		}
		if rt.heavy {
			select {
			case s.heavy <- struct{}{}:
				defer func() { <-s.heavy }()
			case <-r.Context().Done():
				s.fail(w, r, r.Context().Err())
				return
			}
		}
		if err := rt.h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// authenticate finds the department user: by a machine token (API
// routes), else by the session cookie.
func (s *Server) authenticate(r *http.Request, api bool) (store.User, error) {
	if api {
		if h := r.Header.Get("Authorization"); h != "" {
			tok, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				return store.User{}, store.ErrNotFound
			}
			return s.acc.TokenUser(r.Context(), strings.TrimSpace(tok))
		}
	}
	c, err := r.Cookie(s.cookieName())
	if err != nil {
		return store.User{}, store.ErrNotFound
	}
	return s.acc.Session(r.Context(), c.Value)
}

// cookieName is the session cookie's name: with the __Host- prefix when
// Secure, so that no other site on the domain can set or scope it.
func (s *Server) cookieName() string {
	if s.secure {
		return "__Host-roadmap"
	}
	return "roadmap"
}

// routesHandler registers the routes on a mux and wraps it.
func (s *Server) routesHandler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routeList() {
		mux.Handle(rt.method+" "+rt.pattern, s.wrap(rt))
		s.routes = append(s.routes, Route{Method: rt.method, Pattern: rt.pattern})
	}
	static, _ := fs.Sub(staticFS, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") { // no listings
			s.fail(w, r, errNotFound)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	}))
	mux.Handle("/", s.wrap(route{auth: public, limit: formLimit, timeout: shortTimeout,
		h: func(http.ResponseWriter, *http.Request) error { return errNotFound }}))
	return s.outer(mux)
}
