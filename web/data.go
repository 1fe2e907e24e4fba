package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/view"
)

// planEntry is a plan read from the store, with its recipients for one
// version of the directory.
type planEntry struct {
	p  *plan.Plan
	mu sync.Mutex
	rs *recipSet // for rs.version
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

// plan returns the plan saved under hash (404 when there is none).
func (s *Server) plan(ctx context.Context, hash string) (*planEntry, error) {
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
	e = &planEntry{p: p}
	s.cache.mu.Lock()
	if old := s.cache.plans[hash]; old != nil {
		e = old
	} else {
		s.cache.plans[hash] = e
	}
	s.cache.mu.Unlock()
	return e, nil
}

// directory reads the store's directory as orgdir sees it (nil when it
// is empty: the plans' own organisations then receive the checklists).
func (s *Server) directory(ctx context.Context) (*orgdir.Directory, []store.DirOrg, error) {
	orgs, err := s.st.Directory(ctx)
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
// the directory as it is now.
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
	d, orgs, err := s.directory(ctx)
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

// quarterOf reads a quarter from a path or form value (404 for junk in a
// path: no such page).
func quarterOf(s string) (plan.Quarter, error) {
	q, err := plan.ParseQuarter(s)
	if err != nil {
		return plan.Quarter{}, errNotFound
	}
	return q, nil
}

// progress reads the latest answers to p up to the end of quarter q
// (every organisation, or one).
func (s *Server) progress(ctx context.Context, p *plan.Plan, q plan.Quarter, org string) (*plan.Progress, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.st.Progress(p, store.Query{Quarter: q.String(), Org: org})
}
