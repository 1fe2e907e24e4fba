package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageTemplate is one page: the layout with the page's own blocks.
type pageTemplate struct{ t *template.Template }

// loadPages parses every page over the layout (templates/layout.html and
// the partials whose names start with "_").
func loadPages(funcs template.FuncMap) (map[string]*pageTemplate, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/_*.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*pageTemplate{}
	for _, n := range names {
		name := path.Base(n)
		if name == "layout.html" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, err
		}
		pages[strings.TrimSuffix(name, ".html")] = &pageTemplate{t: t}
	}
	return pages, nil
}

// staticVersion is a digest of the static files: their URLs carry it, so
// that they can be cached for long and still change with a release. Made
// on first use: every command of the program would hash them at start.
var staticVersion = sync.OnceValue(func() string {
	h := sha256.New()
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := staticFS.ReadFile(p)
			h.Write([]byte(p))
			h.Write(data)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
})

// pageData is what every page gets.
type pageData struct {
	Title string
	User  *store.User // the department user; nil on the login page and schools' pages
	// School is the organisation whose page this is (schools' pages).
	School string
	Nav    string // the menu entry to mark
	Flash  string // a confirmation shown once ("Сохранено")
	D      any    // the page's own data
	Page   string // the template's name (the stylesheet marks the page's tab by it)
}

// funcs are the templates' functions.
func (s *Server) funcs() template.FuncMap {
	lab := s.o.Labels
	loc := s.o.Location
	return template.FuncMap{
		"status": func(st plan.Status) string { return lab.Status(st) },
		// statusHeading is a status as a column's heading ("Нет данных"):
		// the words are written for a sentence ("нет данных").
		"statusHeading": func(st plan.Status) string { return capitalize(lab.Status(st)) },
		"outcome":       func(rep *collect.Report, i int) string { return rep.Line(i, &lab.Collect) },
		"statusKey":     statusKey,
		"color":         func(st plan.Status) string { return view.StatusColor(st).Hex() },
		"statuses":      func() []plan.Status { return plan.Statuses },
		"order":         func() []plan.Status { return view.StatusOrder },
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format("02.01.2006")
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format("02.01.2006 15:04")
		},
		"isodate": func(t time.Time) string { return t.In(loc).Format("2006-01-02") },
		// until is the last day an expiry leaves (a link expiring at
		// 00:00 on the 21st works through the 20th).
		"until": func(t time.Time) string { return t.Add(-time.Second).In(loc).Format("02.01.2006") },
		"quarter": func(q string) string {
			if qq, err := plan.ParseQuarter(q); err == nil {
				return qq.Label()
			}
			return q
		},
		"count": templates.Count,
		// fromQuarter and toQuarter are "с III квартала 2022 г." and "по
		// IV квартал 2022 г." (the words of changes.yaml).
		"fromQuarter": func(q string) string { return quarterPhrase(lab.Changes.History.From, q) },
		"toQuarter":   func(q string) string { return quarterPhrase(lab.Changes.History.To, q) },
		"path":        url.PathEscape,
		"isURL":       isURL,
		"clip":        clip,
		"sev": func(s plan.Severity) string {
			return map[plan.Severity]string{plan.Error: "err", plan.Warning: "warn", plan.Info: "info"}[s]
		},
		"static": func(name string) string { return "/static/" + name + "?v=" + staticVersion() },
		"sectionLabel": func(sec *plan.Section) string {
			return view.SectionLabel(sec, lab.Matrix.OutsideSections)
		},
		// rowOf pairs a school's page with one of its rows for the "row"
		// template.
		"rowOf": func(d schoolData, r schoolRow) map[string]any { return map[string]any{"D": d, "R": r} },
		"pct": func(n, total int) int {
			if total == 0 {
				return 0
			}
			return n * 100 / total
		},
	}
}

// statusKey is a status in URLs and forms: its key, "none" for no data.
func statusKey(st plan.Status) string {
	if st == plan.StatusNone {
		return "none"
	}
	return string(st)
}

// statusFromKey reads statusKey back.
func statusFromKey(k string) (plan.Status, bool) {
	if k == "none" {
		return plan.StatusNone, true
	}
	for _, st := range plan.Statuses {
		if string(st) == k {
			return st, true
		}
	}
	return "", false
}

// isURL reports whether evidence is a web address to show as a link
// (http or https only: html/template would neutralise other schemes
// anyway).
func isURL(s string) bool {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") || strings.ContainsAny(s, " \n\t") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}

// capitalize writes the first letter of s as a capital.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// clip cuts s to its first line and n characters.
func clip(s string, n int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if utf8.RuneCountInString(s) > n {
		r := []rune(s)
		s = string(r[:n-1]) + "…"
	}
	return s
}

// render writes a page with status 200.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, d pageData) error {
	return s.renderStatus(w, r, http.StatusOK, name, d)
}

func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, d pageData) error {
	pt := s.pages[name]
	if pt == nil {
		return fmt.Errorf("нет шаблона страницы %s", name)
	}
	if d.User == nil {
		if u := userOf(r); u != nil {
			d.User = u
		}
	}
	d.Page = name
	var buf bytes.Buffer
	if err := pt.t.ExecuteTemplate(&buf, "layout.html", d); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// httpError is an error with the status and the message a user reads.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

// badRequest is a 400 with a message.
func badRequest(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// fail writes err as a page or as JSON, by what the route serves, and
// logs what the user is not shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "внутренняя ошибка сервера; она записана в журнал, попробуйте позже"
	var he *httpError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		status, msg = he.status, he.msg
	case errors.As(err, &mbe):
		status, msg = http.StatusRequestEntityTooLarge, fmt.Sprintf("запрос слишком большой: допускается до %s", sizeText(mbe.Limit))
	case errors.Is(err, os.ErrDeadlineExceeded):
		status, msg = http.StatusRequestTimeout, "данные приходили слишком медленно, и прием остановлен: проверьте связь и отправьте еще раз"
	case errors.Is(err, context.DeadlineExceeded):
		status, msg = http.StatusServiceUnavailable, "время ожидания истекло: сервер занят, попробуйте позже"
	case errors.Is(err, context.Canceled):
		status, msg = 499, "запрос прерван"
	}
	if status >= 500 {
		s.log.Error("ошибка запроса", "method", r.Method, "path", logPath(r), "err", err.Error())
	}
	if rec, ok := w.(*recorder); ok && rec.wrote {
		return // the response has begun: nothing more can be said in it
	}
	if status == 499 {
		w.WriteHeader(status)
		return
	}
	if wantsJSON(r) {
		writeJSON(w, status, map[string]string{"error": msg})
		return
	}
	ed := errorData{Msg: msg}
	d := pageData{Title: statusTitle(status), D: ed}
	if l := linkOf(r); l != nil {
		// A school's page is its only way around: the way back to it.
		d.School, ed.Back = l.Org, "/s/"+r.PathValue("token")
		d.D = ed
	}
	if err := s.renderStatus(w, r, status, "error", d); err != nil {
		http.Error(w, msg, status)
	}
}

// errorData is an error page: the message (the stylesheet starts it with
// a capital: the same words go into sentences and JSON), and for a
// school the way back to its page.
type errorData struct {
	Msg, Back string
}

// statusTitle is the heading of an error page: what happened, in the
// words of the person reading it (http.StatusText is English).
func statusTitle(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Запрос не понят"
	case http.StatusUnauthorized:
		return "Нужен вход"
	case http.StatusForbidden:
		return "Нет доступа"
	case http.StatusNotFound:
		return "Не найдено"
	case http.StatusConflict:
		return "Не сделано"
	case http.StatusGone:
		return "Больше не действует"
	case http.StatusRequestTimeout:
		return "Слишком медленная связь"
	case http.StatusRequestEntityTooLarge:
		return "Слишком большой файл"
	case http.StatusTooManyRequests:
		return "Слишком много попыток"
	case http.StatusServiceUnavailable:
		return "Сервер занят"
	}
	if status >= 500 {
		return "Ошибка сервера"
	}
	return "Ошибка"
}

// sizeText writes a byte count in Russian units.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d МБ", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d КБ", n>>10)
	}
	return fmt.Sprintf("%d байт", n)
}

// wantsJSON: the API, and the school page's script asking for JSON.
func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || strings.Contains(r.Header.Get("Accept"), "application/json")
}

// writeJSON writes v as JSON with a status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// attachment starts a download named name.
func attachment(w http.ResponseWriter, contentType, name string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
}

// seeOther redirects after a form, to a path of this server only.
func seeOther(w http.ResponseWriter, r *http.Request, to string) {
	if !isLocalPath(to) {
		to = "/"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// isLocalPath reports whether a browser sent to "to" stays on this
// server: a path from the root, with no second slash or backslash at its
// start and no control character or space anywhere. A browser drops tabs
// and newlines from a URL and reads a backslash as a slash, so "/\t/evil"
// is "//evil" to it, another site; a NUL breaks the header itself.
func isLocalPath(to string) bool {
	if !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || strings.HasPrefix(to, "/\\") ||
		strings.ContainsFunc(to, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '\\' }) {
		return false
	}
	u, err := url.Parse(to)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil
}

// pathEscape makes a value one segment of a path.
var pathEscape = url.PathEscape

// urlQuery makes a value one component of a query or fragment.
var urlQuery = url.QueryEscape

//go:embed openapi.yaml
var openAPI []byte

// quarterPhrase fills a quarter ("2022Q3") into a phrase of changes.yaml.
func quarterPhrase(phrase, q string) string {
	pq, err := plan.ParseQuarter(q)
	if err != nil {
		return q
	}
	return templates.Fill(phrase, "{roman}", pq.Roman(), "{year}", strconv.Itoa(pq.Year))
}
