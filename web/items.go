package web

import (
	"fmt"
	"net/http"
	"sort"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// itemData is an item's page: the activity, its answers in force and its
// whole history, and the form to answer for an organisation.
type itemData struct {
	Hash     string
	Plan     *plan.Plan
	Item     *plan.Item
	Quarter  plan.Quarter
	Quarters []plan.Quarter
	Answers  []plan.Answer
	History  []store.Change
	Orgs     []string // who receives it
	Key      string
	Saved    bool
}

// itemOf reads {plan} and {item}.
func (s *Server) itemOf(r *http.Request) (*planEntry, *plan.Item, error) {
	e, err := s.plan(r, r.PathValue("plan"))
	if err != nil {
		return nil, nil, err
	}
	it := e.p.ItemByID(r.PathValue("item"))
	if it == nil {
		return nil, nil, errNotFound
	}
	return e, it, nil
}

func (s *Server) itemPage(w http.ResponseWriter, r *http.Request) error {
	e, it, err := s.itemOf(r)
	if err != nil {
		return err
	}
	q := s.currentQuarter(e.p)
	if v := r.URL.Query().Get("quarter"); v != "" {
		if q, err = quarterIn(e.p, v); err != nil {
			return quarterError(e.p, v)
		}
	}
	d := itemData{Hash: r.PathValue("plan"), Plan: e.p, Item: it, Quarter: q, Quarters: e.p.Period.Quarters(), Key: newKey(),
		Saved: r.URL.Query().Get("saved") != ""}
	if len(d.Quarters) == 0 {
		d.Quarters = []plan.Quarter{q}
	}
	prog, err := s.progress(r.Context(), e.p, q, "")
	if err != nil {
		return err
	}
	d.Answers = prog.Answers[it.ID]
	if d.History, err = s.st.History(r.Context(), d.Hash, it.ID, ""); err != nil {
		return err
	}
	rs, err := s.recipients(r.Context(), e)
	if err != nil {
		return err
	}
	for _, rc := range rs.list {
		if rs.has(rc.Org, it.ID) {
			d.Orgs = append(d.Orgs, rc.Org)
		}
	}
	sort.Strings(d.Orgs)
	title := it.Num()
	if title == "" {
		title = it.ID
	}
	return s.render(w, r, "item", pageData{Title: "Мероприятие " + title, Nav: "plans", D: d})
}

// saveItemAnswer saves an answer for an organisation given by a
// department user (a school that phoned, a correction): a change of the
// history with the user's name.
func (s *Server) saveItemAnswer(w http.ResponseWriter, r *http.Request) error {
	e, it, err := s.itemOf(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	a, err := parseAnswer(r.PostForm.Get)
	if err != nil {
		return err
	}
	q, err := quarterIn(e.p, r.PostForm.Get("quarter"))
	if err != nil {
		return quarterError(e.p, r.PostForm.Get("quarter"))
	}
	org := r.PostForm.Get("org")
	rs, err := s.recipients(r.Context(), e)
	if err != nil {
		return err
	}
	if !rs.has(org, it.ID) {
		return badRequest("организация «%s» не исполнитель этого мероприятия", org)
	}
	if _, err := s.saveAnswer(r, r.PathValue("plan"), q, org, it.ID, a); err != nil {
		return err
	}
	seeOther(w, r, fmt.Sprintf("/plans/%s/items/%s?quarter=%s&saved=1", r.PathValue("plan"), pathEscape(it.ID), q))
	return nil
}
