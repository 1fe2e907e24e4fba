package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/store"
)

// A department user's machine tokens (the JSON API for its scripts):
// listed with when each stops working, issued with a chosen expiry,
// revoked. A user sees and revokes only its own tokens; another's is
// "not found". `roadmap users token` issues them from the terminal too.

type tokensData struct {
	Tokens []tokenLine
	// New is a token just issued, shown this once.
	New          string
	Today        time.Time
	Default, Max time.Time // the expiry offered, and the latest allowed
}

type tokenLine struct {
	store.Token
	State string // access.TokenState
	Live  bool
}

// maxTokenName bounds a token's purpose.
const maxTokenName = 200

// tokensPage lists the user's tokens.
func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderTokens(w, r, "", "")
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, fresh, flash string) error {
	all, err := s.acc.Tokens(r.Context())
	if err != nil {
		return err
	}
	now := s.o.Now()
	today := now.In(s.o.Location)
	d := tokensData{New: fresh, Today: today, Default: today.Add(access.DefaultTokenTTL), Max: today.Add(access.MaxTokenTTL - 24*time.Hour)}
	me := userOf(r).ID
	for _, t := range all {
		if t.User.ID == me {
			d.Tokens = append(d.Tokens, tokenLine{Token: t, State: access.TokenState(t, now), Live: t.Live(now)})
		}
	}
	return s.render(w, r, "tokens", pageData{Title: "Токены API", Nav: "tokens", Flash: flash, D: d})
}

// newToken issues a token to the user, working to the end of the day
// chosen (in the department's time zone), and shows it once.
func (s *Server) newToken(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	if name == "" || utf8.RuneCountInString(name) > maxTokenName || strings.ContainsAny(name, "\r\n") {
		return badRequest("назначение токена: ожидается строка до %d символов, например «региональная система»", maxTokenName)
	}
	now := s.o.Now()
	ttl := access.DefaultTokenTTL
	if v := r.PostForm.Get("expires"); v != "" {
		day, err := time.ParseInLocation("2006-01-02", v, s.o.Location)
		if err != nil {
			return badRequest("срок действия токена %q: ожидается дата", v)
		}
		ttl = day.AddDate(0, 0, 1).Sub(now)
		if ttl <= 0 || ttl > access.MaxTokenTTL {
			return badRequest("срок действия токена %s: ожидается дата не раньше сегодняшней и не дальше чем через %d дней",
				day.Format("02.01.2006"), int(access.MaxTokenTTL/(24*time.Hour))-1)
		}
	}
	tok, t, err := s.acc.NewToken(r.Context(), userOf(r).Login, name, ttl)
	if err != nil {
		return err
	}
	s.log.Info("выдан токен API", "token", t.ID, "user", userOf(r).Login, "expires", t.Expires)
	return s.renderTokens(w, r, tok, "Токен выдан. Он показывается один раз: скопируйте его сейчас.")
}

// revokeToken revokes one of the user's tokens.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	all, err := s.acc.Tokens(r.Context())
	if err != nil {
		return err
	}
	for _, t := range all {
		if t.ID == id && t.User.ID == userOf(r).ID {
			if t.Revoked.IsZero() {
				if err := s.acc.RevokeToken(r.Context(), id); err != nil {
					return err
				}
				s.log.Info("токен API отозван", "token", id, "user", userOf(r).Login)
			}
			seeOther(w, r, "/tokens")
			return nil
		}
	}
	return errNotFound
}
