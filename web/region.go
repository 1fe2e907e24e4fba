package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/view"
)

// The region's pages, for the region's users only (a department's user
// gets "not found"): the dashboard of every municipality's plans quarter
// by quarter, and the same summary as a PDF and a workbook.

type regionData struct {
	Year   int
	Years  []int
	V      *view.RegionSummary
	Latest plan.Quarter // the current quarter: later ones have no answers yet
}

// regionOnly refuses whoever is not a region's user.
func regionOnly(r *http.Request) error {
	if u := userOf(r); u == nil || !u.Region() {
		return errNotFound
	}
	return nil
}

// regionView reads ?year= (the current year by default) and computes the
// summary: the version in force of every plan, with its answers up to
// the end of each quarter of the year that has begun (the later ones
// are the plans of their quarters, nothing answered yet).
func (s *Server) regionView(r *http.Request) (regionData, error) {
	now := s.o.Now().In(s.o.Location)
	cur := plan.MonthOf(now.Year(), int(now.Month())).Quarter()
	d := regionData{Year: now.Year(), Latest: cur}
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 2000 || y > 2100 {
			return d, badRequest("год %q: ожидается год вида 2022", clip(v, 10))
		}
		d.Year = y
	}
	for y := now.Year() - 3; y <= now.Year()+1; y++ {
		d.Years = append(d.Years, y)
	}
	infos, err := s.st.Plans(r.Context())
	if err != nil {
		return d, err
	}
	replaced, err := s.st.Replaced(r.Context())
	if err != nil {
		return d, err
	}
	ms, err := s.municipalities(r.Context())
	if err != nil {
		return d, err
	}
	quarters := view.YearQuarters(d.Year)
	var plans []view.RegionPlan
	for _, info := range infos {
		if replaced[info.Hash] != "" {
			continue
		}
		e, err := s.plan(r, info.Hash)
		if err != nil {
			return d, err
		}
		rp := view.RegionPlan{Municipality: ms[e.mun], Hash: info.Hash, Plan: e.p, Progress: make([]*plan.Progress, len(quarters))}
		for k, q := range quarters {
			if q.Year > cur.Year || q.Year == cur.Year && q.Q > cur.Q {
				continue
			}
			if rp.Progress[k], err = s.progress(r.Context(), e.p, q, ""); err != nil {
				return d, err
			}
		}
		plans = append(plans, rp)
	}
	d.V = view.Region(quarters, plans)
	return d, nil
}

// regionPage is the region's dashboard.
func (s *Server) regionPage(w http.ResponseWriter, r *http.Request) error {
	if err := regionOnly(r); err != nil {
		return err
	}
	d, err := s.regionView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "region", pageData{Title: "Регион", Nav: "region", D: d})
}

// downloadRegion sends the region's summary as a PDF or a workbook.
func (s *Server) downloadRegion(w http.ResponseWriter, r *http.Request, format string) error {
	if err := regionOnly(r); err != nil {
		return err
	}
	typ := pdfType
	if format == "xlsx" {
		typ = xlsxType
	}
	d, err := s.regionView(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := produce.Region(r.Context(), &buf, d.V, produce.RegionOptions{Settings: s.settings(), Format: format, Year: d.Year}); err != nil {
		return err
	}
	return send(w, &buf, typ, "Сводка_региона_"+strconv.Itoa(d.Year)+"."+format)
}

type munChoice struct {
	Path  string // the page to open for the municipality chosen
	Title string
	List  []munItem
}

type munItem struct {
	ID   int64
	Name string
}

// municipalityChoice lets a region's user pick the municipality whose
// page (path?m=ID) to open.
func (s *Server) municipalityChoice(w http.ResponseWriter, r *http.Request, path, title, nav string) error {
	ms, err := s.st.Municipalities(r.Context())
	if err != nil {
		return err
	}
	d := munChoice{Path: path, Title: title}
	for _, m := range ms {
		d.List = append(d.List, munItem{ID: m.ID, Name: m.Name})
	}
	return s.render(w, r, "municipalities", pageData{Title: title, Nav: nav, D: d})
}
