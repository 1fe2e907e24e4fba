package produce

import (
	"context"
	"fmt"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/store"
)

// Workbook kinds, as manifests and the store name them.
const (
	KindChecklist = store.KindChecklist
	KindTracker   = store.KindTracker
)

// Issue is what workbooks are issued with: the quarter their answers are
// filed under (written in each manifest) and the store's key that signs
// each manifest, so that collection trusts only what the store issued.
type Issue struct {
	Quarter plan.Quarter // zero: no quarter written
	Key     []byte       // nil: unsigned (issued without a store)
}

func (i Issue) quarter() string {
	if i.Quarter.Year == 0 {
		return ""
	}
	return i.Quarter.String()
}

// Issuer is a store that signs what it issues and remembers to whom
// (*store.Store is one).
type Issuer interface {
	Store
	ManifestKeyFor(ctx context.Context, planHash string) ([]byte, error)
	RecordIssue(ctx context.Context, planHash, kind, quarter string, recipients map[string][]string) error
}

// IssueTo records in st (where p is registered, Register) that p's
// workbooks of kind go to recips for quarter q (a tracker: to the
// department, with every item), and returns what to write them with.
// Collection then refuses a workbook of p whose manifest was changed, an
// organisation that was not given one, and rows of items it was not
// given.
func IssueTo(ctx context.Context, st Issuer, p *plan.Plan, kind string, q plan.Quarter, recips []Recipient) (Issue, error) {
	if err := stopped(ctx); err != nil {
		return Issue{}, err
	}
	hash := p.Hash()
	key, err := st.ManifestKeyFor(ctx, hash)
	if err != nil {
		return Issue{}, fmt.Errorf("%s: %w", storeName(st), err)
	}
	byOrg := map[string][]string{}
	if kind == KindTracker {
		ids := make([]string, len(p.Items))
		for i := range p.Items {
			ids[i] = p.Items[i].ID
		}
		byOrg[store.TrackerOrg] = ids
	}
	for _, r := range recips {
		byOrg[r.Org] = append(byOrg[r.Org], r.Items...)
	}
	if err := st.RecordIssue(ctx, hash, kind, q.String(), byOrg); err != nil {
		return Issue{}, fmt.Errorf("%s: %w", storeName(st), err)
	}
	return Issue{Quarter: q, Key: key}, nil
}

// IssueInFile is IssueTo with the store file at path, created if needed;
// "" issues without a store: the quarter is written, nothing is signed
// or recorded.
func IssueInFile(ctx context.Context, path string, p *plan.Plan, kind string, q plan.Quarter, recips []Recipient) (Issue, error) {
	if path == "" {
		return Issue{Quarter: q}, stopped(ctx)
	}
	st, err := OpenStore(path)
	if err != nil {
		return Issue{}, err
	}
	defer st.Close()
	if err := Register(ctx, st, p); err != nil {
		return Issue{}, err
	}
	return IssueTo(ctx, st, p, kind, q, recips)
}

// ChecklistsInFile writes the checklists of p into dir as `roadmap
// checklists` does, with the store file at db ("" = none): p is
// registered there, the checklists follow the version of p in force in
// the quarter requested (nil: the newest, as the tracker does), go to
// the recipients through the directory d (nil: the plan's own
// organisations), and are issued for the quarter requested or, without
// one, the current one within the plan's period (Quarter). It returns the
// files written and that quarter.
func ChecklistsInFile(ctx context.Context, db, dir string, p *plan.Plan, d *orgdir.Directory, requested *plan.Quarter, o ChecklistOptions) ([]ChecklistFile, plan.Quarter, error) {
	q := Quarter(p, requested, o.now())
	if err := RegisterInFile(ctx, db, p); err != nil {
		return nil, q, err
	}
	in := ""
	if requested != nil {
		in = requested.String()
	}
	p, err := InForceFromFile(ctx, db, p, in, o.Warn)
	if err != nil {
		return nil, q, err
	}
	recips, diags := Recipients(p, d)
	if o.Diagnostics != nil {
		o.Diagnostics(diags)
	}
	if o.Issue, err = IssueInFile(ctx, db, p, KindChecklist, q, recips); err != nil {
		return nil, q, err
	}
	files, err := WriteChecklists(ctx, dir, p, recips, o)
	return files, q, err
}
