package web

import (
	"net/http"
	"strconv"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
)

// planSummary is a plan in the list: its period, items and the progress
// of its current quarter.
type planSummary struct {
	Info store.PlanInfo
	// Municipality is the plan's municipality, for a region's user.
	Municipality string
	Plan         *plan.Plan
	Period       string
	Items        int
	Quarter      string
	Totals       view.Counts
	Done         int
	Overdue      int
	Pending      int // imports waiting for a decision (the list's heading)
	Sections     int
}

// periodLabel is a plan's period in words.
func periodLabel(p *plan.Plan) string {
	if p.Period.IsZero() {
		return "период не указан"
	}
	return p.Period.From.Label() + " – " + p.Period.To.Label()
}

// currentQuarter is the quarter a report would be asked for now.
func (s *Server) currentQuarter(p *plan.Plan) plan.Quarter {
	return produce.Quarter(p, nil, s.o.Now().In(s.o.Location))
}

// summarize computes a plan's line of the list.
func (s *Server) summarize(r *http.Request, info store.PlanInfo) (planSummary, error) {
	e, err := s.plan(r, info.Hash)
	if err != nil {
		return planSummary{}, err
	}
	p := e.p
	q := s.currentQuarter(p)
	munName := ""
	if userOf(r).Region() {
		ms, err := s.municipalities(r.Context())
		if err != nil {
			return planSummary{}, err
		}
		munName = ms[e.mun]
	}
	prog, err := s.progress(r.Context(), p, q, "")
	if err != nil {
		return planSummary{}, err
	}
	v := view.Quarter(p, q, prog)
	return planSummary{Info: info, Municipality: munName, Plan: p, Period: periodLabel(p), Items: len(p.Items), Sections: len(p.Sections),
		Quarter: q.String(), Totals: v.Totals, Done: v.Totals.Get(plan.StatusDone), Overdue: len(v.Overdue)}, nil
}

type plansData struct {
	Plans   []planSummary
	Pending int
}

// plansPage lists the plans and offers the upload of exports.
func (s *Server) plansPage(w http.ResponseWriter, r *http.Request) error {
	// An amended plan is listed once, as its version in force; the plan's
	// page shows the others.
	infos, err := s.heads(r)
	if err != nil {
		return err
	}
	d := plansData{}
	for _, info := range infos {
		if !mayRead(r, info.Municipality) {
			continue
		}
		ps, err := s.summarize(r, info)
		if err != nil {
			return err
		}
		d.Plans = append(d.Plans, ps)
	}
	if u := userOf(r); !u.Region() {
		pending, err := s.st.Imports(r.Context(), u.Municipality)
		if err != nil {
			return err
		}
		d.Pending = len(pending)
	}
	return s.render(w, r, "plans", pageData{Title: "Дорожные карты", Nav: "plans", D: d})
}

// planData is the plan's page.
type planData struct {
	planSummary
	Quarters []planQuarter
	Outline  produce.OutlineData
	// History is the chain of versions (one for a plan never amended);
	// This is this plan's place in it and Current the version in force.
	History       *produce.History
	This, Current produce.HistoryVersion
	Amended       string // the quarter a version accepted just now is in force from
	Words         *templates.Changes
}

// planQuarter is a quarter of the plan's page: its pages are those of
// the version in force in it.
type planQuarter struct {
	plan.Quarter
	Hash    string // the version in force
	Version int    // its number
	Answers []string
}

// planPage shows a plan: its quarters (each with the version in force
// in it), its versions, downloads and outline.
func (s *Server) planPage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.plan(r, r.PathValue("plan"))
	if err != nil {
		return err
	}
	ps, err := s.summarize(r, store.PlanInfo{Hash: r.PathValue("plan"), Title: e.p.Title})
	if err != nil {
		return err
	}
	h, err := produce.VersionHistory(r.Context(), s.st, e.p)
	if err != nil {
		return err
	}
	d := planData{planSummary: ps, Outline: produce.OutlineOf(e.p), History: h, Current: h.Versions[len(h.Versions)-1],
		Amended: r.URL.Query().Get("amended"), Words: &s.o.Labels.Changes}
	byN := map[int]produce.HistoryVersion{}
	for _, v := range h.Versions {
		byN[v.N] = v
		if v.Hash == e.p.Hash() {
			d.This = v
		}
	}
	// The quarters of this version's period, each with the version in
	// force in it; a plan not amended is in force in all of them.
	inForce := map[string]produce.HistoryQuarter{}
	for _, hq := range h.Quarters {
		inForce[hq.Quarter] = hq
	}
	qs := e.p.Period.Quarters()
	if len(qs) == 0 {
		qs = []plan.Quarter{s.currentQuarter(e.p)}
	}
	for _, q := range qs {
		pq := planQuarter{Quarter: q, Hash: e.p.Hash(), Version: d.This.N}
		if hq, ok := inForce[q.String()]; ok {
			pq.Hash, pq.Version = byN[hq.Version].Hash, hq.Version
			if len(h.Versions) > 1 {
				for _, v := range h.Versions {
					if n := hq.Answers[v.N]; n > 0 {
						pq.Answers = append(pq.Answers, templates.Fill(s.o.Labels.Changes.History.AnswersByVersion, "{n}", strconv.Itoa(n), "{version}", strconv.Itoa(v.N)))
					}
				}
			}
		}
		d.Quarters = append(d.Quarters, pq)
	}
	return s.render(w, r, "plan", pageData{Title: e.p.Title, Nav: "plans", D: d})
}
