package web

import (
	"net/http"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
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
	infos, err := s.st.Plans(r.Context())
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
	Quarters []plan.Quarter
	Outline  produce.OutlineData
}

// planPage shows a plan: its quarters, downloads and outline.
func (s *Server) planPage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.plan(r, r.PathValue("plan"))
	if err != nil {
		return err
	}
	ps, err := s.summarize(r, store.PlanInfo{Hash: r.PathValue("plan"), Title: e.p.Title})
	if err != nil {
		return err
	}
	qs := e.p.Period.Quarters()
	if len(qs) == 0 {
		qs = []plan.Quarter{s.currentQuarter(e.p)}
	}
	return s.render(w, r, "plan", pageData{Title: e.p.Title, Nav: "plans",
		D: planData{planSummary: ps, Quarters: qs, Outline: produce.OutlineOf(e.p)}})
}
