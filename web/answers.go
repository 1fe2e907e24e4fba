package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// answerForm is an answer as a form or the API sends it.
type answerForm struct {
	Status   plan.Status
	Date     string // YYYY-MM-DD or ""
	Evidence string
	Comment  string
	Key      string // idempotency key
}

// maxAnswerText bounds evidence and comments: a paragraph or a few
// links, not a document.
const maxAnswerText = 4000

// newKey makes an idempotency key for a form: a resubmitted form (the
// back button, a double click) then stores nothing twice.
func newKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// cleanText keeps a user's text as text: valid UTF-8, line breaks as
// "\n", no other control or invisible formatting characters, trimmed.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r) && r != '\u200d':
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// validKey: 8-64 characters of [A-Za-z0-9_-].
func validKey(k string) bool {
	if len(k) < 8 || len(k) > 64 {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// parseAnswer reads and checks an answer's fields.
func parseAnswer(get func(string) string) (answerForm, error) {
	a := answerForm{Date: strings.TrimSpace(get("date")), Evidence: cleanText(get("evidence")), Comment: cleanText(get("comment")),
		Key: strings.TrimSpace(get("key"))}
	if k := get("status"); k != "" && k != "none" {
		st, ok := statusFromKey(k)
		if !ok {
			return a, badRequest("статус %q не из списка", clip(k, 40))
		}
		a.Status = st
	}
	if a.Date != "" {
		d, err := time.Parse("2006-01-02", a.Date)
		if err != nil || d.Year() < 2000 || d.Year() > 2100 {
			return a, badRequest("дата %q: ожидается дата вида 2022-03-15", clip(a.Date, 20))
		}
	}
	if utf8.RuneCountInString(a.Evidence) > maxAnswerText || utf8.RuneCountInString(a.Comment) > maxAnswerText {
		return a, badRequest("подтверждение и комментарий — не длиннее %d символов каждый", maxAnswerText)
	}
	if !validKey(a.Key) {
		return a, badRequest("нет ключа повторной отправки (key или заголовок Idempotency-Key: 8–64 латинских букв и цифр)")
	}
	return a, nil
}

// saveAnswer stores an answer as a change of the history, as the asker.
func (s *Server) saveAnswer(r *http.Request, planHash string, q plan.Quarter, org, item string, a answerForm) (store.Saved, error) {
	return s.saveChecked(r, planHash, q, org, item, a, "")
}

// saveChecked is saveAnswer under the directory's version dir (the one
// the caller found the organisation receives the item under; "" = not
// checked): the store refuses the save if it changed since
// (store.ErrDirectoryChanged), or if the asker's link is no longer live.
func (s *Server) saveChecked(r *http.Request, planHash string, q plan.Quarter, org, item string, a answerForm, dir string) (store.Saved, error) {
	saved, err := s.st.SaveEdit(r.Context(), store.Edit{PlanHash: planHash, Quarter: q.String(), Org: org, ItemID: item,
		Status: a.Status, Date: a.Date, Evidence: a.Evidence, Comment: a.Comment, At: s.o.Now(), By: actor(r), Key: a.Key, Directory: dir})
	switch {
	case errors.Is(err, store.ErrKeyReused):
		return saved, &httpError{status: http.StatusConflict, msg: err.Error()}
	case errors.Is(err, store.ErrLinkRevoked):
		return saved, &httpError{status: http.StatusGone, msg: access.ErrRevoked.Error()}
	case errors.Is(err, store.ErrLinkExpired):
		return saved, &httpError{status: http.StatusGone, msg: access.ErrExpired.Error()}
	}
	return saved, err
}

// savedJSON is the answer to a save in JSON.
type savedJSON struct {
	Item      string    `json:"item"`
	Org       string    `json:"org"`
	Quarter   string    `json:"quarter"`
	ID        int64     `json:"id,omitempty"`
	At        time.Time `json:"at"`
	Replayed  bool      `json:"replayed"`
	Unchanged bool      `json:"unchanged"`
}
