package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/view"
)

// quarterPage is what the pages of one plan and quarter share.
type quarterPage struct {
	Hash     string
	Plan     *plan.Plan
	Quarter  plan.Quarter
	Q        string // "2022Q1"
	Quarters []plan.Quarter
}

// RowsURL is the address of the rows behind a number of the dashboard.
func (q quarterPage) RowsURL(params ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		if params[i+1] != "" {
			v.Set(params[i], params[i+1])
		}
	}
	u := "/plans/" + q.Hash + "/q/" + q.Q + "/rows"
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

// quarterOfRequest reads {plan} and {quarter}.
func (s *Server) quarterOfRequest(r *http.Request) (*planEntry, quarterPage, error) {
	e, err := s.plan(r, r.PathValue("plan"))
	if err != nil {
		return nil, quarterPage{}, err
	}
	q, err := quarterIn(e.p, r.PathValue("quarter"))
	if err != nil {
		return nil, quarterPage{}, err
	}
	qs := e.p.Period.Quarters()
	if len(qs) == 0 {
		qs = []plan.Quarter{q}
	}
	return e, quarterPage{Hash: r.PathValue("plan"), Plan: e.p, Quarter: q, Q: q.String(), Quarters: qs}, nil
}

// quarterProgress reads {plan} and {quarter} and the answers of every
// organisation up to the quarter's end.
func (s *Server) quarterProgress(r *http.Request) (*planEntry, quarterPage, *plan.Progress, error) {
	e, q, err := s.quarterOfRequest(r)
	if err != nil {
		return nil, q, nil, err
	}
	prog, err := s.progress(r.Context(), e.p, q.Quarter, "")
	return e, q, prog, err
}

// quarterRecipients reads {plan} and {quarter} and who receives which
// activities of the plan.
func (s *Server) quarterRecipients(r *http.Request) (*planEntry, quarterPage, *recipSet, error) {
	e, q, err := s.quarterOfRequest(r)
	if err != nil {
		return nil, q, nil, err
	}
	rs, err := s.recipients(r.Context(), e)
	return e, q, rs, err
}

// chart is the bar chart of the quarterly report drawn in SVG: one bar
// per top-level section, a segment per status, each a link to its rows.
// The dashboard draws it twice, wide for a screen and narrow for a phone
// (CSS shows one): an SVG scales its text with its width, so one drawing
// is either unreadable on a phone or cut at its side.
type chart struct {
	Class         string // "wide" or "narrow"
	Width, Height int
	Bars          []bar
	Legend        []legendItem
}

type bar struct {
	Y       int // the label's top; the bar is below it, at BarY
	BarY    int
	Label   string
	Href    string
	Summary string
	SumX    int
	Segs    []segment
}

type segment struct {
	X, W  int
	N     int
	Color string
	Dark  bool
	Href  string
	Title string
}

type legendItem struct {
	X, Y  int // the swatch's top left
	Color string
	Label string
	N     int
}

// chartSize is a drawing of the chart: its width, the longest bar, and
// the characters of a section's name kept (the names are long).
type chartSize struct {
	class       string
	width, barW int
	labelRunes  int
}

var (
	wideChart   = chartSize{class: "wide", width: 760, barW: 640, labelRunes: 88}
	narrowChart = chartSize{class: "narrow", width: 380, barW: 290, labelRunes: 44}
)

const (
	chartLabelH = 18 // a section's name, above its bar
	barH        = 22
	barGap      = 10
	legendLineH = 22
)

// makeChart lays out the chart of v at size z.
func (s *Server) makeChart(q quarterPage, v *view.Quarterly, z chartSize) chart {
	c := chart{Class: z.class, Width: z.width}
	x, y := 0, 4
	for _, st := range view.StatusOrder {
		n := v.Totals.Get(st)
		if n == 0 {
			continue
		}
		label := s.o.Labels.Status(st)
		w := 14 + 8*len([]rune(label+fmt.Sprintf(" (%d)", n))) + 12
		if x > 0 && x+w > z.width {
			x, y = 0, y+legendLineH
		}
		c.Legend = append(c.Legend, legendItem{X: x, Y: y, Color: view.StatusColor(st).Hex(), Label: label, N: n})
		x += w
	}
	maxTotal := 1
	for _, sc := range v.BySection {
		maxTotal = max(maxTotal, sc.Counts.Total)
	}
	y += legendLineH + 6
	for _, sc := range v.BySection {
		id := ""
		if sc.Section != nil {
			id = sc.Section.ID
		}
		label := view.SectionLabel(sc.Section, s.o.Labels.Matrix.OutsideSections)
		b := bar{Y: y, BarY: y + chartLabelH, Label: clip(label, z.labelRunes), Href: q.RowsURL("section", id)}
		bx := 0
		for i, st := range view.StatusOrder {
			n := sc.Counts.N[i]
			if n == 0 {
				continue
			}
			w := max(z.barW*n/maxTotal, 2)
			b.Segs = append(b.Segs, segment{X: bx, W: w, N: n, Color: view.StatusColor(st).Hex(), Dark: view.DarkOnColor(st),
				Href: q.RowsURL("section", id, "status", statusKey(st)), Title: fmt.Sprintf("%s: %d", s.o.Labels.Status(st), n)})
			bx += w
		}
		done := sc.Counts.Get(plan.StatusDone)
		b.SumX = bx + 6
		b.Summary = fmt.Sprintf("%d из %d", done, sc.Counts.Total)
		c.Bars = append(c.Bars, b)
		y += chartLabelH + barH + barGap
	}
	c.Height = y
	return c
}

// orgLine is one organisation's line of the dashboard.
type orgLine struct {
	view.OrgQuarter
	Short string
	Email string
	Done  int
}

type dashData struct {
	quarterPage
	V        *view.Quarterly
	Charts   []chart // wide, narrow
	Orgs     []orgLine
	Silent   []orgLine // organisations with activities in the quarter and no answer
	Groups   []orgdir.Group
	Group    string
	Sections []view.SectionCounts
	Recips   int
}

// dashboard shows a quarter: progress per section and per organisation,
// overdue activities, who has not answered; every number links to its
// rows.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	e, q, prog, err := s.quarterProgress(r)
	if err != nil {
		return err
	}
	rs, err := s.recipients(r.Context(), e)
	if err != nil {
		return err
	}
	v := view.Quarter(e.p, q.Quarter, prog)
	d := dashData{quarterPage: q, V: v, Charts: []chart{s.makeChart(q, v, wideChart), s.makeChart(q, v, narrowChart)}, Sections: v.BySection, Recips: len(rs.list), Group: r.URL.Query().Get("group")}
	members := map[string]bool{}
	if rs.dir != nil {
		d.Groups = rs.dir.Groups()
		for _, g := range d.Groups {
			if g.Name == d.Group {
				for _, m := range g.Members {
					members[m] = true
				}
			}
		}
	}
	for _, oq := range view.ForOrgs(e.p, q.Quarter, prog, rs.assignments()) {
		if d.Group != "" && !members[oq.Org] {
			continue
		}
		ol := orgLine{OrgQuarter: oq, Short: rs.list[rs.byOrg[oq.Org]].Short, Email: rs.email[oq.Org], Done: oq.Counts.Get(plan.StatusDone)}
		d.Orgs = append(d.Orgs, ol)
		if len(oq.Rows) > 0 && oq.Answered == 0 {
			d.Silent = append(d.Silent, ol)
		}
	}
	return s.render(w, r, "dashboard", pageData{Title: e.p.Title + ": " + q.Quarter.Label(), Nav: "plans", D: d})
}

// rowLine is one row of the rows page.
type rowLine struct {
	view.Row
	Section string
}

type rowsData struct {
	quarterPage
	Rows     []rowLine
	Section  string
	Org      string
	Status   string
	Overdue  bool
	Carried  bool
	Answered string          // "yes": rows with an answer, "no": without
	Sections []*plan.Section // top-level, for the filter
	Orgs     []string
}

// rowsPage lists the rows behind a number of the dashboard: filtered by
// top-level section, organisation (its own answers), status, overdue
// or carried forward.
func (s *Server) rowsPage(w http.ResponseWriter, r *http.Request) error {
	e, q, err := s.quarterOfRequest(r)
	if err != nil {
		return err
	}
	f := r.URL.Query()
	d := rowsData{quarterPage: q, Section: f.Get("section"), Org: f.Get("org"), Status: f.Get("status"),
		Overdue: f.Get("overdue") != "", Carried: f.Get("carried") != "", Answered: f.Get("answered")}
	if d.Answered != "" && d.Answered != "yes" && d.Answered != "no" {
		return badRequest("answered=%q: ожидается yes или no", d.Answered)
	}
	var want *plan.Status
	if d.Status != "" {
		st, ok := statusFromKey(d.Status)
		if !ok {
			return badRequest("статус %q не известен", d.Status)
		}
		want = &st
	}
	prog, err := s.progress(r.Context(), e.p, q.Quarter, "")
	if err != nil {
		return err
	}
	rs, err := s.recipients(r.Context(), e)
	if err != nil {
		return err
	}
	for _, rc := range rs.list {
		d.Orgs = append(d.Orgs, rc.Org)
	}
	sort.Strings(d.Orgs)
	for i := range e.p.Sections {
		if e.p.Sections[i].Parent == "" {
			d.Sections = append(d.Sections, &e.p.Sections[i])
		}
	}
	var rows []view.Row
	if d.Org != "" {
		i, ok := rs.byOrg[d.Org]
		if !ok {
			return errNotFound
		}
		oq := view.ForOrgs(e.p, q.Quarter, prog, []view.Assignment{{Org: d.Org, Items: rs.list[i].Items}})[0]
		rows = oq.Rows
	} else {
		for _, g := range view.Quarter(e.p, q.Quarter, prog).Groups {
			for _, row := range g.Rows {
				if !row.Heading {
					rows = append(rows, row)
				}
			}
		}
	}
	for _, row := range rows {
		top := e.p.TopSection(row.Item.Section)
		switch {
		case d.Section != "" && top != d.Section:
			continue
		case want != nil && row.Status != *want:
			continue
		case d.Overdue && !row.Overdue, d.Carried && !row.Carried:
			continue
		case d.Answered == "yes" && len(row.Answers) == 0, d.Answered == "no" && len(row.Answers) > 0:
			continue
		}
		d.Rows = append(d.Rows, rowLine{Row: row, Section: view.SectionLabel(e.p.SectionByID(top), s.o.Labels.Matrix.OutsideSections)})
	}
	return s.render(w, r, "rows", pageData{Title: e.p.Title + ": " + q.Quarter.Label(), Nav: "plans", D: d})
}
