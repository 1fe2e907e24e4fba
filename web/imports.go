package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
)

// importView is an uploaded roadmap as its pages show it.
type importView struct {
	store.Import
	Plan    *plan.Plan // nil when it could not be read
	Period  string
	Counts  [3]int // diagnostics by severity (info, warning, error)
	Known   bool   // the same plan is already in the store
	Outline produce.OutlineData
	// Explanation is how the table was read (roadmap lint --explain).
	Explanation string
	// Heads are the plans in force it may be a new version of (its page).
	Heads []store.PlanInfo
}

func (s *Server) importView(r *http.Request, im store.Import, outline bool) (importView, error) {
	v := importView{Import: im}
	if im.JSON == nil {
		return v, nil
	}
	p, err := plan.Decode(im.JSON)
	if err != nil {
		return v, fmt.Errorf("загрузка %d: %w", im.ID, err)
	}
	v.Plan, v.Period = p, periodLabel(p)
	for _, d := range p.Diagnostics {
		if d.Severity >= plan.Info && d.Severity <= plan.Error {
			v.Counts[d.Severity]++
		}
	}
	if _, err := s.st.Plan(im.PlanHash); err == nil {
		v.Known = true
	} else if !errors.Is(err, store.ErrNoPlan) {
		return v, err
	}
	if outline {
		v.Outline = produce.OutlineOf(p)
		var b strings.Builder
		if err := produce.Explanation(r.Context(), &b, p); err != nil {
			return v, err
		}
		v.Explanation = b.String()
	}
	return v, nil
}

// uploadPlans reads each uploaded export (produce.Open: the same reading
// as roadmap ingest) and keeps it waiting for a decision.
func (s *Server) uploadPlans(w http.ResponseWriter, r *http.Request) error {
	files, _, err := readUpload(r, "files", planFileLimit)
	if err != nil {
		return err
	}
	ids, err := s.importFiles(r, files)
	if err != nil {
		return err
	}
	if len(ids) == 1 {
		seeOther(w, r, "/imports/"+strconv.FormatInt(ids[0], 10))
		return nil
	}
	seeOther(w, r, "/imports")
	return nil
}

// importFiles reads and records uploaded exports; an unreadable one is
// recorded with its reason.
func (s *Server) importFiles(r *http.Request, files []uploaded) ([]int64, error) {
	var ids []int64
	for _, f := range files {
		p, err := produce.Open(r.Context(), f.name, f.data)
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		reason := ""
		if err != nil {
			reason = err.Error()
		}
		id, err := s.st.AddImport(r.Context(), userOf(r).Municipality, userOf(r).ID, f.name, p, reason, s.o.Now())
		if err != nil {
			return nil, err
		}
		s.log.Info("загружена дорожная карта", "file", f.name, "readable", p != nil, "user", userOf(r).Login)
		ids = append(ids, id)
	}
	return ids, nil
}

func (s *Server) importsPage(w http.ResponseWriter, r *http.Request) error {
	ims, err := s.st.Imports(r.Context(), userOf(r).Municipality)
	if err != nil {
		return err
	}
	var vs []importView
	for _, im := range ims {
		v, err := s.importView(r, im, false)
		if err != nil {
			return err
		}
		vs = append(vs, v)
	}
	return s.render(w, r, "imports", pageData{Title: "Загруженные дорожные карты", Nav: "plans", D: vs})
}

// importOf finds the import of {id}.
func (s *Server) importOf(r *http.Request) (store.Import, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return store.Import{}, errNotFound
	}
	im, err := s.st.Import(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || err == nil && !mayRead(r, im.Municipality) {
		return store.Import{}, errNotFound
	}
	return im, err
}

// importPage shows an uploaded roadmap: the outline with each diagnostic
// at its row, how its columns were read, and the decision.
func (s *Server) importPage(w http.ResponseWriter, r *http.Request) error {
	im, err := s.importOf(r)
	if err != nil {
		return err
	}
	v, err := s.importView(r, im, true)
	if err != nil {
		return err
	}
	if v.Plan != nil && !v.Known && im.Decision == "" {
		if v.Heads, err = s.heads(r); err != nil {
			return err
		}
	}
	return s.render(w, r, "import", pageData{Title: im.Name, Nav: "plans", D: v})
}

func (s *Server) decide(w http.ResponseWriter, r *http.Request, decision string) error {
	im, err := s.importOf(r)
	if err != nil {
		return err
	}
	if decision == store.Accepted && im.JSON == nil {
		return badRequest("%s: файл не прочитан, принять нечего", im.Name)
	}
	im, err = s.st.DecideImport(r.Context(), im.ID, decision, s.o.Now())
	switch {
	case errors.Is(err, store.ErrDecided):
		return &httpError{status: http.StatusConflict, msg: "по этому файлу решение уже принято"}
	case errors.Is(err, store.ErrOtherMunicipality):
		return &httpError{status: http.StatusConflict, msg: err.Error()}
	case err != nil:
		return err
	}
	s.log.Info("решение по дорожной карте", "file", im.Name, "decision", decision, "plan", im.PlanHash, "user", userOf(r).Login)
	if decision == store.Accepted {
		seeOther(w, r, "/plans/"+im.PlanHash)
	} else {
		seeOther(w, r, "/imports")
	}
	return nil
}

func (s *Server) acceptImport(w http.ResponseWriter, r *http.Request) error {
	return s.decide(w, r, store.Accepted)
}

func (s *Server) discardImport(w http.ResponseWriter, r *http.Request) error {
	return s.decide(w, r, store.Discarded)
}

// heads lists the plans in force: each plan never amended and the last
// version of each amended one.
func (s *Server) heads(r *http.Request) ([]store.PlanInfo, error) {
	infos, err := s.st.Plans(r.Context())
	if err != nil {
		return nil, err
	}
	var out []store.PlanInfo
	for _, info := range infos {
		chain, err := s.st.Chain(info.Hash)
		if err != nil {
			return nil, err
		}
		if chain[len(chain)-1].Hash == info.Hash {
			out = append(out, info)
		}
	}
	return out, nil
}
