package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/access"
)

// healthz answers 200 when the store answers a query within 2 seconds
// with the schema this build works with, 503 otherwise (a load balancer
// takes the server out of rotation); both say what the store reported
// (its engine, schema, latency and this server's connections to it, never
// its address).
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	h, err := s.st.Health(ctx)
	if err != nil {
		s.log.Error("проверка состояния: база не отвечает", "err", err.Error())
		return writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "error", "error": "база не отвечает", "store": h})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "store": h})
}

// home sends a department's user to the plans, a region's to the
// region's dashboard.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	if userOf(r).Region() {
		seeOther(w, r, "/region")
		return nil
	}
	seeOther(w, r, "/plans")
	return nil
}

type loginData struct {
	Login, Next, Error string
}

// safeNext keeps a redirect after login on this server.
func safeNext(next string) string {
	if !isLocalPath(next) {
		return "/plans"
	}
	return next
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "login", pageData{Title: "Вход", D: loginData{Next: safeNext(r.URL.Query().Get("next"))}})
}

// login checks the password (rate-limited by access), sets the session
// cookie and goes on to the page asked for.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	login, next := strings.TrimSpace(r.PostForm.Get("login")), safeNext(r.PostForm.Get("next"))
	id, u, err := s.acc.Login(r.Context(), login, r.PostForm.Get("password"), s.clientAddr(r))
	var le *access.LimitedError
	switch {
	case errors.As(err, &le):
		s.log.Warn("вход ограничен", "login", login, "addr", s.clientAddr(r))
		w.Header().Set("Retry-After", "900")
		return s.renderStatus(w, r, http.StatusTooManyRequests, "login", pageData{Title: "Вход", D: loginData{Login: login, Next: next, Error: err.Error()}})
	case errors.Is(err, access.ErrBadLogin):
		s.log.Info("неудачный вход", "login", login, "addr", s.clientAddr(r))
		return s.renderStatus(w, r, http.StatusUnauthorized, "login", pageData{Title: "Вход", D: loginData{Login: login, Next: next, Error: err.Error()}})
	case err != nil:
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: id, Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(s.sessionTTL() / time.Second)})
	s.log.Info("вход", "login", u.Login, "addr", s.clientAddr(r))
	seeOther(w, r, next)
	return nil
}

func (s *Server) sessionTTL() time.Duration {
	if s.o.Access.SessionTTL > 0 {
		return s.o.Access.SessionTTL
	}
	return 12 * time.Hour
}

// logout ends the session in the store and clears the cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(s.cookieName()); err == nil {
		if err := s.acc.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
	seeOther(w, r, "/login")
	return nil
}
