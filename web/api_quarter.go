package web

import (
	"net/http"
	"sort"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
)

// apiStatus sends the state of the quarter as `roadmap status --format
// json` writes it.
func (s *Server) apiStatus(w http.ResponseWriter, r *http.Request) error {
	e, q, prog, err := s.quarterProgress(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	return produce.Status(r.Context(), w, e.p, prog, q.Quarter, produce.StatusOptions{Format: "json"})
}

type answersJSON struct {
	Plan    string        `json:"plan"`
	Quarter string        `json:"quarter"`
	Answers []plan.Answer `json:"answers"`
}

// apiAnswers sends the answers in force at the end of the quarter (of
// one organisation with ?org=), in plan order.
func (s *Server) apiAnswers(w http.ResponseWriter, r *http.Request) error {
	e, q, err := s.quarterOfRequest(r)
	if err != nil {
		return err
	}
	prog, err := s.progress(r.Context(), e.p, q.Quarter, r.URL.Query().Get("org"))
	if err != nil {
		return err
	}
	out := answersJSON{Plan: q.Hash, Quarter: q.Q, Answers: []plan.Answer{}}
	for _, it := range e.p.Items {
		out.Answers = append(out.Answers, prog.Answers[it.ID]...)
	}
	return writeJSON(w, http.StatusOK, out)
}

type answerRequest struct {
	Org      string `json:"org"`
	Item     string `json:"item"`
	Status   string `json:"status"`
	Date     string `json:"date"`
	Evidence string `json:"evidence"`
	Comment  string `json:"comment"`
}

// apiSaveAnswer saves one organisation's answer to one item for the
// quarter, idempotently by the Idempotency-Key header: 201 for a new
// change, 200 for a retry or an unchanged answer.
func (s *Server) apiSaveAnswer(w http.ResponseWriter, r *http.Request) error {
	e, q, err := s.quarterOfRequest(r)
	if err != nil {
		return err
	}
	var req answerRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	a, err := parseAnswer(func(k string) string {
		return map[string]string{"status": req.Status, "date": req.Date, "evidence": req.Evidence, "comment": req.Comment,
			"key": r.Header.Get("Idempotency-Key")}[k]
	})
	if err != nil {
		return err
	}
	rs, err := s.recipients(r.Context(), e)
	if err != nil {
		return err
	}
	if e.p.ItemByID(req.Item) == nil {
		return badRequest("пункта %q нет в плане", req.Item)
	}
	if !rs.has(req.Org, req.Item) {
		return badRequest("организация %q не исполнитель пункта %q", req.Org, req.Item)
	}
	saved, err := s.saveAnswer(r, q.Hash, q.Quarter, req.Org, req.Item, a)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if saved.Replayed || saved.Unchanged {
		status = http.StatusOK
	}
	return writeJSON(w, status, savedJSON{Item: req.Item, Org: req.Org, Quarter: q.Q, ID: saved.ID, At: saved.At,
		Replayed: saved.Replayed, Unchanged: saved.Unchanged})
}

// linkJSON is a link without its token.
type linkJSON struct {
	ID      int64     `json:"id"`
	Org     string    `json:"org"`
	Plan    string    `json:"plan"`
	Quarter string    `json:"quarter"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
	Revoked time.Time `json:"revoked,omitzero"`
	Live    bool      `json:"live"`
}

func (s *Server) describeLink(l store.Link) linkJSON {
	return linkJSON{ID: l.ID, Org: l.Org, Plan: l.PlanHash, Quarter: l.Quarter, Created: l.Created, Expires: l.Expires,
		Revoked: l.Revoked, Live: l.Live(s.o.Now())}
}

func (s *Server) apiLinks(w http.ResponseWriter, r *http.Request) error {
	_, q, err := s.quarterOfRequest(r)
	if err != nil {
		return err
	}
	links, err := s.st.Links(r.Context(), q.Hash, q.Q)
	if err != nil {
		return err
	}
	out := []linkJSON{}
	for _, l := range links {
		out = append(out, s.describeLink(l))
	}
	return writeJSON(w, http.StatusOK, out)
}

type issueJSON struct {
	Orgs    []string `json:"orgs"`
	All     bool     `json:"all"`
	Expires string   `json:"expires"`
}

// issuedJSON is a link just issued: the only time its address is told.
type issuedJSON struct {
	ID      int64     `json:"id"`
	Org     string    `json:"org"`
	Email   string    `json:"email,omitempty"`
	URL     string    `json:"url"`
	Expires time.Time `json:"expires"`
}

// apiIssueLinks issues links: to the organisations named (revoking their
// live links), to every recipient (all), or to those without a live
// link.
func (s *Server) apiIssueLinks(w http.ResponseWriter, r *http.Request) error {
	e, q, err := s.quarterOfRequest(r)
	if err != nil {
		return err
	}
	var req issueJSON
	if err := readJSON(r, &req); err != nil {
		return err
	}
	expires, err := s.parseExpiry(req.Expires)
	if err != nil {
		return err
	}
	rs, err := s.recipients(r.Context(), e)
	if err != nil {
		return err
	}
	issued, err := s.issue(r, e, q, rs, issueRequest{orgs: req.Orgs, all: req.All, expires: expires})
	if err != nil {
		return err
	}
	out := []issuedJSON{}
	for _, l := range issued {
		out = append(out, issuedJSON{ID: l.ID, Org: l.Org, Email: rs.email[l.Org], URL: s.linkURL(l.Token), Expires: l.Expires})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return writeJSON(w, http.StatusCreated, out)
}

func (s *Server) apiRevokeLink(w http.ResponseWriter, r *http.Request) error {
	l, err := s.linkOfID(r)
	if err != nil {
		return err
	}
	if l, err = s.st.RevokeLink(r.Context(), l.ID, s.o.Now()); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.describeLink(l))
}
