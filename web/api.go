package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// The JSON API (openapi.yaml): the same operations as the pages, for a
// regional system that pulls statuses and scripts that upload workbooks.
// It answers JSON only, errors as {"error": "..."} in Russian.

// readJSON decodes the request body into v, refusing unknown fields and
// trailing data.
func readJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if bodyFault(err) {
			return err
		}
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("тело запроса: после JSON лишние данные")
	}
	return nil
}

// jsonError says in Russian what is wrong with a request's JSON, naming
// the field as the JSON does: encoding/json's own text is English and
// names the server's Go types ("Go struct field answerRequest.org").
func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return badRequest("тело запроса не читается как JSON: ошибка синтаксиса у байта %d", syn.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return badRequest("тело запроса: поле %s — ожидается %s, а не %s", typ.Field, jsonKind(typ.Type), jsonValueName(typ.Value))
	case errors.As(err, &typ):
		return badRequest("тело запроса: ожидается %s, а не %s", jsonKind(typ.Type), jsonValueName(typ.Value))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("тело запроса пусто или оборвано: ожидается JSON")
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return badRequest("тело запроса: неизвестное поле «%s»", strings.Trim(f, `"`))
	}
	return badRequest("тело запроса не читается как JSON")
}

// jsonKind names what a Go type reads from JSON.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "строка"
	case reflect.Bool:
		return "true или false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16,
		reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "число"
	case reflect.Slice, reflect.Array:
		return "список"
	}
	return "объект"
}

// jsonValueName names a JSON value's kind as UnmarshalTypeError gives it.
func jsonValueName(v string) string {
	switch {
	case v == "string":
		return "строка"
	case v == "bool":
		return "true или false"
	case v == "array":
		return "список"
	case v == "object":
		return "объект"
	case strings.HasPrefix(v, "number"):
		return "число"
	}
	return v
}

// planJSON describes a plan in lists.
type planJSON struct {
	Hash         string      `json:"hash"`
	Title        string      `json:"title"`
	Municipality string      `json:"municipality,omitempty"`
	Period       plan.Period `json:"period"`
	Sections     int         `json:"sections"`
	Items        int         `json:"items"`
	Added        time.Time   `json:"added,omitzero"`
	Diagnostics  diagCounts  `json:"diagnostics"`
}

type diagCounts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Info     int `json:"info"`
}

func describePlan(p *plan.Plan, added time.Time) planJSON {
	return planJSON{Hash: p.Hash(), Title: p.Title, Municipality: p.Municipality, Period: p.Period, Sections: len(p.Sections),
		Items: len(p.Items), Added: added, Diagnostics: diagCounts{Errors: p.Diagnostics.Count(plan.Error),
			Warnings: p.Diagnostics.Count(plan.Warning), Info: p.Diagnostics.Count(plan.Info)}}
}

func (s *Server) apiPlans(w http.ResponseWriter, r *http.Request) error {
	infos, err := s.st.Plans(r.Context())
	if err != nil {
		return err
	}
	out := []planJSON{}
	for _, info := range infos {
		if !mayRead(r, info.Municipality) {
			continue
		}
		e, err := s.plan(r, info.Hash)
		if err != nil {
			return err
		}
		out = append(out, describePlan(e.p, info.Added))
	}
	return writeJSON(w, http.StatusOK, out)
}

// uploadedPlan is the result of one uploaded export.
type uploadedPlan struct {
	Name        string           `json:"name"`
	Error       string           `json:"error,omitempty"`
	Plan        *planJSON        `json:"plan,omitempty"`
	Diagnostics plan.Diagnostics `json:"diagnostics,omitempty"`
}

// apiUploadPlans reads exports (multipart "files", or the body itself
// named by ?name=) and registers each readable one at once: a script
// has no page to look at first.
func (s *Server) apiUploadPlans(w http.ResponseWriter, r *http.Request) error {
	var files []uploaded
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		var err error
		if files, _, err = readUpload(r, "files", planFileLimit); err != nil {
			return err
		}
	} else {
		name := r.URL.Query().Get("name")
		if name == "" {
			return badRequest("укажите имя файла: ?name=plan.txt (по расширению выбирается формат)")
		}
		data, err := io.ReadAll(io.LimitReader(r.Body, planFileLimit+1))
		if err != nil {
			return uploadError(err)
		}
		if len(data) > planFileLimit {
			return &httpError{status: http.StatusRequestEntityTooLarge, msg: fmt.Sprintf("%s: файл больше %s", name, sizeText(planFileLimit))}
		}
		files = []uploaded{{name: name, data: data}}
	}
	ids, err := s.importFiles(r, files)
	if err != nil {
		return err
	}
	out := make([]uploadedPlan, len(ids))
	for i, id := range ids {
		out[i].Name = files[i].name
		im, err := s.st.Import(r.Context(), id)
		if err != nil {
			return err
		}
		if im.JSON == nil {
			out[i].Error = im.Error
			continue
		}
		if im, err = s.st.DecideImport(r.Context(), id, store.Accepted, s.o.Now()); err != nil {
			if errors.Is(err, store.ErrOtherMunicipality) {
				out[i].Error = err.Error()
				continue
			}
			return err
		}
		p, err := plan.Decode(im.JSON)
		if err != nil {
			return err
		}
		d := describePlan(p, im.Decided)
		out[i].Plan, out[i].Diagnostics = &d, p.Diagnostics
	}
	return writeJSON(w, http.StatusOK, out)
}

// apiPlan sends the plan JSON (schema version 1).
func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) error {
	e, err := s.plan(r, r.PathValue("plan"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	return plan.Write(w, e.p)
}

// changeJSON is one answer of an item's history.
type changeJSON struct {
	Quarter    string      `json:"quarter"`
	At         time.Time   `json:"at"`
	Org        string      `json:"org"`
	Status     plan.Status `json:"status"`
	Raw        string      `json:"raw,omitempty"`
	Date       string      `json:"date,omitempty"`
	Evidence   string      `json:"evidence,omitempty"`
	Comment    string      `json:"comment,omitempty"`
	Kind       string      `json:"kind"`
	Source     string      `json:"source,omitempty"`
	User       string      `json:"user,omitempty"`
	ByLink     bool        `json:"by_link,omitempty"`
	Superseded bool        `json:"superseded,omitempty"`
}

func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) error {
	_, it, err := s.itemOf(r)
	if err != nil {
		return err
	}
	h, err := s.st.History(r.Context(), r.PathValue("plan"), it.ID, r.URL.Query().Get("org"))
	if err != nil {
		return err
	}
	out := make([]changeJSON, len(h))
	for i, c := range h {
		out[i] = changeJSON{Quarter: c.Quarter, At: c.At, Org: c.Org, Status: c.Status, Raw: c.Raw, Date: c.Date, Evidence: c.Evidence,
			Comment: c.Comment, Kind: c.Kind, Source: c.Source, User: c.ByName, ByLink: c.By.LinkID != 0, Superseded: c.Superseded}
	}
	return writeJSON(w, http.StatusOK, out)
}
