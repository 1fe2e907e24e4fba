package produce

import (
	"context"
	"fmt"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
)

// CollectOptions are collect.Options, for the commands that call the
// core and not the collector.
type CollectOptions = collect.Options

// CollectInFile collects the workbooks at paths (files and folders) into
// the store file at db, created if needed, as `roadmap collect` does:
// plans are registered first, so that the checklists made from them are
// recognised, and a checklist of a plan the store has no record of
// issuing is checked against the plan's recipients through the directory
// d (nil: the plan's own organisations). A failure of the collection
// itself reads "collect: ...".
func CollectInFile(ctx context.Context, db string, paths []string, plans []*plan.Plan, d *orgdir.Directory, o CollectOptions) (*collect.Report, error) {
	st, err := OpenStore(db)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	for _, p := range plans {
		if err := Register(ctx, st, p); err != nil {
			return nil, err
		}
	}
	o.Recipients = func(p *plan.Plan) map[string][]string { return RecipientMap(p, d) }
	rep, err := collect.Run(ctx, st, paths, o)
	if err != nil {
		return nil, fmt.Errorf("collect: %w", err)
	}
	return rep, nil
}

// OpenFiles reads the inputs at paths (OpenFile), stopping at the first
// that cannot be read.
func (r Reader) OpenFiles(ctx context.Context, paths []string) ([]*plan.Plan, error) {
	plans := make([]*plan.Plan, 0, len(paths))
	for _, in := range paths {
		p, err := r.OpenFile(ctx, in)
		if err != nil {
			return nil, err
		}
		plans = append(plans, p)
	}
	return plans, nil
}
