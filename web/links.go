package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/internal/csvsafe"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/view"
)

// linkLine is one recipient on the links page: its latest link.
type linkLine struct {
	Org, Short, Email string
	Items             int // its activities in the quarter, carried ones included
	Link              *store.Link
	Live              bool
	Earlier           int // links issued to it before the latest
}

type linksData struct {
	quarterPage
	Lines   []linkLine
	Expires time.Time // the default expiry of new links
	// Today and Latest bound the expiry a user may choose.
	Today, Latest time.Time
	Live          int
}

// linksPage lists the recipients of a plan for a quarter with the state
// of their links, and offers to issue them.
func (s *Server) linksPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.linksData(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "links", pageData{Title: "Ссылки для организаций", Nav: "plans", D: d})
}

func (s *Server) linksData(r *http.Request) (linksData, error) {
	e, q, rs, err := s.quarterRecipients(r)
	if err != nil {
		return linksData{}, err
	}
	links, err := s.st.Links(r.Context(), q.Hash, q.Q)
	if err != nil {
		return linksData{}, err
	}
	latest := map[string]*store.Link{}
	count := map[string]int{}
	for i := range links {
		l := &links[i]
		count[l.Org]++
		if latest[l.Org] == nil {
			latest[l.Org] = l // newest first
		}
	}
	now := s.o.Now()
	d := linksData{quarterPage: q, Expires: access.LinkExpiry(q.Quarter, s.o.Location), Today: now,
		Latest: access.LatestExpiry(q.Quarter, s.o.Location, now)}
	// The activities counted are those the organisation's page shows:
	// the quarter's, and those carried into it from before (which need
	// the answers), so that the two pages and the dashboard agree.
	prog, err := s.progress(r.Context(), e.p, q.Quarter, "")
	if err != nil {
		return linksData{}, err
	}
	for _, oq := range view.ForOrgs(e.p, q.Quarter, prog, rs.assignments()) {
		ll := linkLine{Org: oq.Org, Short: rs.list[rs.byOrg[oq.Org]].Short, Email: rs.email[oq.Org], Items: len(oq.Rows) + len(oq.Unscheduled),
			Link: latest[oq.Org], Earlier: max(count[oq.Org]-1, 0)}
		ll.Live = ll.Link != nil && ll.Link.Live(now)
		if ll.Live {
			d.Live++
		}
		d.Lines = append(d.Lines, ll)
	}
	return d, nil
}

// linkURL is the address a school opens.
func (s *Server) linkURL(token string) string {
	return s.base.String() + "/s/" + token
}

// issueRequest is what to issue.
type issueRequest struct {
	orgs    []string // "" = by which
	all     bool     // every recipient, revoking live links; else those without one
	expires time.Time
}

// issue issues the links a request asks for and returns them.
func (s *Server) issue(r *http.Request, e *planEntry, q quarterPage, rs *recipSet, req issueRequest) ([]access.Issued, error) {
	orgs := req.orgs
	replace := req.all || len(orgs) > 0
	if len(orgs) == 0 {
		live := map[string]bool{}
		if !req.all {
			links, err := s.st.Links(r.Context(), q.Hash, q.Q)
			if err != nil {
				return nil, err
			}
			for _, l := range links {
				if l.Live(s.o.Now()) {
					live[l.Org] = true
				}
			}
		}
		for _, rc := range rs.list {
			if !live[rc.Org] {
				orgs = append(orgs, rc.Org)
			}
		}
	}
	for _, o := range orgs {
		if _, ok := rs.byOrg[o]; !ok {
			return nil, badRequest("организация «%s» не получает мероприятий этого плана", o)
		}
	}
	if len(orgs) == 0 {
		return nil, nil
	}
	issued, err := s.acc.IssueLinks(r.Context(), q.Hash, q.Quarter, orgs, userOf(r).ID, req.expires, replace, s.o.Location)
	var ee *access.ExpiryError
	if errors.As(err, &ee) {
		return nil, badRequest("%v", err)
	}
	if err != nil {
		return nil, err // the store's: logged, never shown
	}
	// The organisations' checklists are issued with their links (the
	// page offers the workbook), so the record is made here, by the
	// POST, and never by the download.
	recips := make([]produce.Recipient, len(issued))
	for i, l := range issued {
		recips[i] = rs.list[rs.byOrg[l.Org]]
	}
	if _, err := produce.IssueTo(r.Context(), s.st, e.p, produce.KindChecklist, q.Quarter, recips); err != nil {
		return nil, err
	}
	s.log.Info("выданы ссылки", "plan", q.Hash, "quarter", q.Q, "links", len(issued), "user", userOf(r).Login)
	return issued, nil
}

// parseExpiry reads a date field: the link works to the end of that day.
func (s *Server) parseExpiry(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation("2006-01-02", v, s.o.Location)
	if err != nil {
		return time.Time{}, badRequest("срок действия %q: ожидается дата", v)
	}
	return d.AddDate(0, 0, 1), nil
}

type issuedData struct {
	quarterPage
	Links []issuedLink
}

type issuedLink struct {
	Org, URL string
	Expires  time.Time
}

// issueLinks issues links: to one organisation (shown once on a page),
// or to those without a live link or to all, as a zip of their
// checklists with the list of links, or as the list alone (CSV for a
// mail merge). Tokens are not stored, so this response is the only
// place the links appear.
func (s *Server) issueLinks(w http.ResponseWriter, r *http.Request) error {
	e, q, err := s.quarterOfRequest(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rs, err := s.recipients(r.Context(), e)
	if err != nil {
		return err
	}
	expires, err := s.parseExpiry(r.PostForm.Get("expires"))
	if err != nil {
		return err
	}
	req := issueRequest{all: r.PostForm.Get("which") == "all", expires: expires}
	if org := r.PostForm.Get("org"); org != "" {
		req.orgs = []string{org}
	}
	issued, err := s.issue(r, e, q, rs, req)
	if err != nil {
		return err
	}
	if len(req.orgs) > 0 {
		return s.showIssued(w, r, q, issued)
	}
	if len(issued) == 0 {
		d, err := s.linksData(r)
		if err != nil {
			return err
		}
		return s.render(w, r, "links", pageData{Title: "Ссылки для организаций", Nav: "plans", D: d,
			Flash: "У всех организаций уже есть действующие ссылки: новых не выдано."})
	}
	base := produce.SafeFileName(e.p.Title) + "_" + q.Q
	if r.PostForm.Get("format") == "csv" {
		var buf bytes.Buffer
		if err := s.writeLinksCSV(&buf, rs, issued, nil); err != nil {
			return err
		}
		attachment(w, "text/csv; charset=utf-8", base+"_ссылки.csv")
		_, err := buf.WriteTo(w)
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	recips := make([]produce.Recipient, len(issued))
	for i, l := range issued {
		recips[i] = rs.list[rs.byOrg[l.Org]]
	}
	o, err := s.signedChecklists(r, e.p, q.Quarter) // issued with the links
	if err != nil {
		return err
	}
	files, err := produce.WriteChecklistZip(r.Context(), zw, e.p, recips, o)
	if err != nil {
		return err
	}
	fileOf := map[string]string{}
	for _, f := range files {
		fileOf[f.Org] = f.File
	}
	lw, err := zw.Create("ссылки.csv")
	if err != nil {
		return err
	}
	if err := s.writeLinksCSV(lw, rs, issued, fileOf); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	attachment(w, "application/zip", base+"_чек-листы.zip")
	_, err = buf.WriteTo(w)
	return err
}

// showIssued shows links just issued, once.
func (s *Server) showIssued(w http.ResponseWriter, r *http.Request, q quarterPage, issued []access.Issued) error {
	d := issuedData{quarterPage: q}
	for _, l := range issued {
		d.Links = append(d.Links, issuedLink{Org: l.Org, URL: s.linkURL(l.Token), Expires: l.Expires})
	}
	return s.render(w, r, "issued", pageData{Title: "Новая ссылка", Nav: "plans", D: d})
}

// checklistOptions issues the checklists of p for quarter q to recips:
// the store records to whom they went and signs their manifests
// (produce.IssueTo), so that collection trusts them when they come back.
// Only a POST may call it: a GET changes nothing (a prefetch, a crawler
// or a link preview would issue), and signs with signedIssue.
func (s *Server) checklistOptions(r *http.Request, p *plan.Plan, q plan.Quarter, recips []produce.Recipient) (produce.ChecklistOptions, error) {
	iss, err := produce.IssueTo(r.Context(), s.st, p, produce.KindChecklist, q, recips)
	return produce.ChecklistOptions{Settings: s.settings(), Issue: iss}, err
}

// signedChecklists are the options of checklists already issued
// (signedIssue).
func (s *Server) signedChecklists(r *http.Request, p *plan.Plan, q plan.Quarter) (produce.ChecklistOptions, error) {
	iss, err := s.signedIssue(r, p, q)
	return produce.ChecklistOptions{Settings: s.settings(), Issue: iss}, err
}

// signedIssue signs a download's manifests with the key the store
// already has for p, recording nothing and making no key: a download is
// a GET. Without a key (the store never issued a workbook of p's
// municipality) the manifest is unsigned, as a workbook made without a
// store is, and collection checks it against the recipients.
func (s *Server) signedIssue(r *http.Request, p *plan.Plan, q plan.Quarter) (produce.Issue, error) {
	key, err := s.st.HasManifestKeyFor(r.Context(), p.Hash())
	return produce.Issue{Quarter: q, Key: key}, err
}

// writeLinksCSV writes the links for a mail merge: organisation, short
// name, e-mail, link, valid until, checklist file (when in a zip). UTF-8
// with a BOM and ';' as Russian Excel opens it; every cell neutralised
// against formulas.
func (s *Server) writeLinksCSV(w io.Writer, rs *recipSet, issued []access.Issued, fileOf map[string]string) error {
	cw := excelCSV(w)
	head := []string{"Организация", "Краткое название", "Электронная почта", "Ссылка", "Действует до"}
	if fileOf != nil {
		head = append(head, "Файл чек-листа")
	}
	cw.Write(head)
	for _, l := range issued {
		rec := []string{l.Org, rs.list[rs.byOrg[l.Org]].Short, rs.email[l.Org], s.linkURL(l.Token),
			l.Expires.Add(-time.Second).In(s.o.Location).Format("02.01.2006")}
		if fileOf != nil {
			rec = append(rec, fileOf[l.Org])
		}
		for i := range rec {
			rec[i] = csvsafe.Cell(rec[i])
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// linkOfID finds the link of {id}.
func (s *Server) linkOfID(r *http.Request) (store.Link, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return store.Link{}, errNotFound
	}
	l, err := s.st.Link(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return l, errNotFound
	}
	if err != nil {
		return l, err
	}
	// Another municipality's link is not found either.
	if _, err := s.plan(r, l.PlanHash); err != nil {
		return store.Link{}, err
	}
	return l, nil
}

// revokeLink revokes a link and goes back to the links page.
func (s *Server) revokeLink(w http.ResponseWriter, r *http.Request) error {
	l, err := s.linkOfID(r)
	if err != nil {
		return err
	}
	if _, err := s.st.RevokeLink(r.Context(), l.ID, s.o.Now()); err != nil {
		return err
	}
	s.log.Info("ссылка отозвана", "link", l.ID, "org", l.Org, "user", userOf(r).Login)
	seeOther(w, r, "/plans/"+l.PlanHash+"/q/"+l.Quarter+"/links")
	return nil
}

// reissueLink issues a new link to the organisation of a link (revoking
// it) and shows it once.
func (s *Server) reissueLink(w http.ResponseWriter, r *http.Request) error {
	l, err := s.linkOfID(r)
	if err != nil {
		return err
	}
	r.SetPathValue("plan", l.PlanHash)
	r.SetPathValue("quarter", l.Quarter)
	e, q, rs, err := s.quarterRecipients(r)
	if err != nil {
		return err
	}
	issued, err := s.issue(r, e, q, rs, issueRequest{orgs: []string{l.Org}})
	if err != nil {
		return err
	}
	return s.showIssued(w, r, q, issued)
}
