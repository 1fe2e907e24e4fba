package web

import (
	"bytes"
	"errors"
	"net/http"
	"time"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/view"
)

// A school's page is reached only through its link: the token in the
// path names one organisation, one plan and one quarter, and everything
// the page shows or accepts is checked against them. An item the
// organisation does not receive is "not found", like a page that does
// not exist: never another school's data.

// schoolRow is one activity on a school's page.
type schoolRow struct {
	view.Row
	Answer      plan.Answer // the organisation's answer in force (maybe of an earlier quarter)
	HasAnswer   bool
	FromEarlier bool
	Key         string // the idempotency key of the row's next save
}

type schoolData struct {
	Token       string
	Org         string
	Plan        *plan.Plan
	Quarter     plan.Quarter
	Expires     time.Time
	Rows        []schoolRow
	Unscheduled []schoolRow
	Other       []schoolRow // ?all: the rest of its activities
	All         bool
	Saved       string // the item just saved (without JavaScript)
	Report      *collect.Report
	Statuses    []plan.Status
}

// schoolScope reads the link's plan and the organisation's activities.
func (s *Server) schoolScope(r *http.Request) (*planEntry, *recipSet, plan.Quarter, error) {
	l := linkOf(r)
	e, err := s.plan(r, l.PlanHash)
	if err != nil {
		return nil, nil, plan.Quarter{}, err
	}
	rs, err := s.recipients(r.Context(), e)
	if err != nil {
		return nil, nil, plan.Quarter{}, err
	}
	q, err := plan.ParseQuarter(l.Quarter)
	return e, rs, q, err
}

func (s *Server) schoolData(r *http.Request) (schoolData, error) {
	l := linkOf(r)
	e, rs, q, err := s.schoolScope(r)
	if err != nil {
		return schoolData{}, err
	}
	d := schoolData{Token: r.PathValue("token"), Org: l.Org, Plan: e.p, Quarter: q, Expires: l.Expires,
		All: r.URL.Query().Get("all") != "", Saved: r.URL.Query().Get("saved"), Statuses: plan.Statuses}
	prog, err := s.progress(r.Context(), e.p, q, l.Org)
	if err != nil {
		return d, err
	}
	var items []string
	if i, ok := rs.byOrg[l.Org]; ok {
		items = rs.list[i].Items
	}
	oq := view.ForOrgs(e.p, q, prog, []view.Assignment{{Org: l.Org, Items: items}})[0]
	row := func(vr view.Row) schoolRow {
		sr := schoolRow{Row: vr, Key: newKey()}
		if len(vr.Answers) > 0 {
			sr.Answer, sr.HasAnswer = vr.Answers[0], true
			sr.FromEarlier = sr.Answer.Quarter != q.String()
		}
		return sr
	}
	shown := map[string]bool{}
	for _, vr := range oq.Rows {
		d.Rows = append(d.Rows, row(vr))
		shown[vr.Item.ID] = true
	}
	for _, vr := range oq.Unscheduled {
		d.Unscheduled = append(d.Unscheduled, row(vr))
		shown[vr.Item.ID] = true
	}
	if d.All {
		for _, id := range items {
			it := e.p.ItemByID(id)
			if it == nil || shown[id] || !view.IsActivity(it) {
				continue
			}
			vr := view.Row{Item: it}
			for _, a := range prog.Answers[id] {
				if a.Org == l.Org {
					vr.Status, vr.Answers = a.Status, []plan.Answer{a}
				}
			}
			d.Other = append(d.Other, row(vr))
		}
	}
	return d, nil
}

// schoolPage shows the organisation's activities of the quarter as a
// form, each row saved on its own.
func (s *Server) schoolPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.schoolData(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "school", pageData{Title: d.Org, School: d.Org, D: d})
}

// schoolSave saves one row: idempotently by its key; as JSON for the
// page's script, or back to the page for a form sent without it. It is
// the server's busiest request (every school, row after row), so it
// reads nothing the save itself does not check: the link may come from
// memory (the route is savedChecked) and the recipients are those last
// computed, their directory's version checked in the save's transaction
// (a changed directory: looked at again, once).
func (s *Server) schoolSave(w http.ResponseWriter, r *http.Request) error {
	l := linkOf(r)
	e, err := s.plan(r, l.PlanHash)
	if err != nil {
		return err
	}
	q, err := plan.ParseQuarter(l.Quarter)
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
	item := r.PathValue("item")
	var saved store.Saved
	for fresh := false; ; fresh = true {
		rs := e.lastRecipients()
		if rs == nil {
			fresh = true
		}
		if fresh {
			if rs, err = s.recipients(r.Context(), e); err != nil {
				return err
			}
		}
		if !rs.has(l.Org, item) || e.p.ItemByID(item) == nil {
			if fresh {
				return errNotFound
			}
			continue // the remembered set may be older than the directory
		}
		saved, err = s.saveChecked(r, l.PlanHash, q, l.Org, item, a, rs.version)
		if !errors.Is(err, store.ErrDirectoryChanged) || fresh {
			break
		}
	}
	if err != nil {
		return err
	}
	if wantsJSON(r) {
		return writeJSON(w, http.StatusOK, savedJSON{Item: item, Org: l.Org, Quarter: q.String(), ID: saved.ID, At: saved.At,
			Replayed: saved.Replayed, Unchanged: saved.Unchanged})
	}
	seeOther(w, r, "/s/"+r.PathValue("token")+"?saved="+urlQuery(item)+"#row-"+urlQuery(item))
	return nil
}

// schoolChecklist sends the organisation's workbook: the checklist the
// department would send, to fill in offline and upload.
func (s *Server) schoolChecklist(w http.ResponseWriter, r *http.Request) error {
	l := linkOf(r)
	e, rs, q, err := s.schoolScope(r)
	if err != nil {
		return err
	}
	i, ok := rs.byOrg[l.Org]
	if !ok {
		return errNotFound
	}
	// Issued with the link (issue); the download records nothing.
	o, err := s.signedChecklists(r, e.p, q)
	if err != nil {
		return err
	}
	set, err := produce.NewChecklistSet(r.Context(), e.p, o)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := set.Write(r.Context(), &buf, rs.list[i]); err != nil {
		return err
	}
	attachment(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", produce.ChecklistFiles(rs.list[i : i+1])[0].File)
	_, err = buf.WriteTo(w)
	return err
}

// schoolUpload collects the organisation's filled workbook: its own
// checklist of this plan only.
func (s *Server) schoolUpload(w http.ResponseWriter, r *http.Request) error {
	l := linkOf(r)
	files, _, err := readUpload(r, "file", bookFileLimit)
	if err != nil {
		return err
	}
	e, rs, q, err := s.schoolScope(r)
	if err != nil {
		return err
	}
	// The link issued the checklist; a link issued before the record was
	// made with it (issue) gets the record now, by this POST, so that its
	// workbook is trusted.
	if i, ok := rs.byOrg[l.Org]; ok {
		if _, err := s.checklistOptions(r, e.p, q, rs.list[i:i+1]); err != nil {
			return err
		}
	}
	rep, err := s.collect(r, files, &q, &collect.Scope{PlanHash: l.PlanHash, Org: l.Org})
	if err != nil {
		return err
	}
	d, err := s.schoolData(r)
	if err != nil {
		return err
	}
	d.Report = rep
	return s.render(w, r, "school", pageData{Title: d.Org, School: d.Org, D: d})
}
