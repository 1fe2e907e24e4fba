package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/view"
)

// planEntry is a plan read from the store, with its municipality and its
// recipients for one version of the directory.
type planEntry struct {
	p   *plan.Plan
	mun int64 // never changes: a plan belongs to one municipality
	mu  sync.Mutex
	rs  *recipSet // for rs.version
}

// recipSet says who receives which activities of a plan: the checklists'
// recipients (produce.Recipients over the store's directory).
type recipSet struct {
	version string
	list    []produce.Recipient
	byOrg   map[string]int             // org -> index in list
	items   map[string]map[string]bool // org -> its item ids
	email   map[string]string          // org -> e-mail from the directory
	dir     *orgdir.Directory          // nil when the directory is empty
	diags   plan.Diagnostics
}

// has reports whether org receives the item.
func (rs *recipSet) has(org, item string) bool { return rs.items[org][item] }

// assignments are the recipients as the views take them.
func (rs *recipSet) assignments() []view.Assignment {
	out := make([]view.Assignment, len(rs.list))
	for i, r := range rs.list {
		out[i] = view.Assignment{Org: r.Org, Items: r.Items}
	}
	return out
}

// errNotFound is a 404: the object does not exist or is not the asker's
// to see (the two are never told apart).
var errNotFound = &httpError{status: http.StatusNotFound, msg: "страница не найдена"}

// Who may see what, in one place. A department user sees its own
// municipality's plans and, through them, their schools, links,
// dashboards, answers and downloads, and its municipality's directory
// and imports; a region's user sees every municipality's; a school sees
// the one plan of its link. Whatever the asker may not see is "not
// found", never told apart from what does not exist. Every handler
// reaches a plan through plan, a directory through munOf, and a link or
// an import through the plan or municipality it belongs to.

// mayRead reports whether the asker may see what belongs to municipality
// mun.
func mayRead(r *http.Request, mun int64) bool {
	u := userOf(r)
	return u != nil && (u.Region() || u.Municipality == mun)
}

// plan returns the plan saved under hash if the asker may see it; 404
// when there is none or it is not the asker's.
func (s *Server) plan(r *http.Request, hash string) (*planEntry, error) {
	e, err := s.planEntry(r.Context(), hash)
	if err != nil {
		return nil, err
	}
	if l := linkOf(r); l != nil {
		if l.PlanHash != hash {
			return nil, errNotFound
		}
		return e, nil
	}
	if !mayRead(r, e.mun) {
		return nil, errNotFound
	}
	return e, nil
}

// munOf is the municipality whose directory and imports a request works
// on: a department user's own; for a region's user the one named by ?m=
// (404 without it or for one that does not exist).
func (s *Server) munOf(r *http.Request) (int64, error) {
	u := userOf(r)
	switch {
	case u == nil:
		return 0, errNotFound
	case !u.Region():
		return u.Municipality, nil
	}
	id, err := strconv.ParseInt(r.URL.Query().Get("m"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	ms, err := s.municipalities(r.Context())
	if err != nil {
		return 0, err
	}
	if _, ok := ms[id]; !ok {
		return 0, errNotFound
	}
	return id, nil
}

// municipalities are the store's municipalities by id (read each time:
// another server may have added one).
func (s *Server) municipalities(ctx context.Context) (map[int64]string, error) {
	return s.st.MunicipalityNames(ctx)
}

// planEntry reads the plan saved under hash, whoever asks (404 when there
// is none): cached, since a plan never changes.
func (s *Server) planEntry(ctx context.Context, hash string) (*planEntry, error) {
	s.cache.mu.Lock()
	e := s.cache.plans[hash]
	s.cache.mu.Unlock()
	if e != nil {
		return e, nil
	}
	if len(hash) != 16 {
		return nil, errNotFound
	}
	p, err := s.st.Plan(hash)
	if errors.Is(err, store.ErrNoPlan) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	mun, err := s.st.PlanMunicipality(ctx, hash)
	if err != nil {
		return nil, err
	}
	e = &planEntry{p: p, mun: mun}
	s.cache.mu.Lock()
	if old := s.cache.plans[hash]; old != nil {
		e = old
	} else {
		s.cache.plans[hash] = e
	}
	s.cache.mu.Unlock()
	return e, nil
}

// directory reads a municipality's directory as orgdir sees it (nil when
// it is empty: the plans' own organisations then receive the checklists).
func (s *Server) directory(ctx context.Context, mun int64) (*orgdir.Directory, []store.DirOrg, error) {
	orgs, err := s.st.DirectoryIn(ctx, mun)
	if err != nil || len(orgs) == 0 {
		return nil, orgs, err
	}
	entries := make([]orgdir.Org, len(orgs))
	for i, o := range orgs {
		entries[i] = orgdir.Org{Name: o.Name, Short: o.Short, Groups: o.Groups, Email: o.Email, Line: i + 1}
	}
	d, err := orgdir.New("справочник организаций", entries)
	if err != nil {
		return nil, nil, fmt.Errorf("справочник организаций в базе: %w", err)
	}
	return d, orgs, nil
}

// lastRecipients are the recipients computed last (nil: none yet), for
// a caller that checks their directory's version where it writes.
func (e *planEntry) lastRecipients() *recipSet {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.rs
}

// recipients returns who receives which activities of e's plan under
// its municipality's directory as it is now.
func (s *Server) recipients(ctx context.Context, e *planEntry) (*recipSet, error) {
	version, err := s.st.DirectoryVersion(ctx)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.rs != nil && e.rs.version == version {
		return e.rs, nil
	}
	d, orgs, err := s.directory(ctx, e.mun)
	if err != nil {
		return nil, err
	}
	rs := &recipSet{version: version, byOrg: map[string]int{}, items: map[string]map[string]bool{}, email: map[string]string{}, dir: d}
	rs.list, rs.diags = produce.Recipients(e.p, d)
	for i, r := range rs.list {
		rs.byOrg[r.Org] = i
		set := make(map[string]bool, len(r.Items))
		for _, id := range r.Items {
			set[id] = true
		}
		rs.items[r.Org] = set
	}
	for _, o := range orgs {
		rs.email[o.Name] = o.Email
	}
	e.rs = rs
	return rs, nil
}

// quarterIn reads a quarter of p from a path, a query or a form: one
// that p's period touches (any, for a plan without a period). A quarter
// outside the period is no page of the plan (errNotFound; the caller
// tells a form's mistake with quarterError): an answer saved to it would
// belong to nothing the department sees, and a link issued for it would
// work to the 20th after it, decades ahead for a mistyped year.
func quarterIn(p *plan.Plan, v string) (plan.Quarter, error) {
	q, err := plan.ParseQuarter(v)
	if err != nil {
		return plan.Quarter{}, errNotFound
	}
	if !p.Period.IsZero() && (q.Last() < p.Period.From || q.First() > p.Period.To) {
		return plan.Quarter{}, errNotFound
	}
	return q, nil
}

// quarterError says what is wrong with a quarter a form or a query gave
// (a 400: the page exists, the value does not fit it).
func quarterError(p *plan.Plan, v string) error {
	if _, err := plan.ParseQuarter(v); err != nil {
		return badRequest("квартал «%s»: ожидается вида 2022Q1", clip(v, 20))
	}
	return badRequest("квартал «%s» не входит в период плана (%s)", clip(v, 20), periodLabel(p))
}

// progress reads the latest answers to p up to the end of quarter q
// (every organisation, or one).
func (s *Server) progress(ctx context.Context, p *plan.Plan, q plan.Quarter, org string) (*plan.Progress, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.st.Progress(p, store.Query{Quarter: q.String(), Org: org})
}
