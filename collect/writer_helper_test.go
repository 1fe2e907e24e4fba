package collect

import (
	"context"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
)

// writeChecklists writes p's checklists into dir as `roadmap checklists`
// does (through the core), generated at gen.
func writeChecklists(dir string, p *plan.Plan, gen time.Time) ([]produce.ChecklistFile, error) {
	recips, _ := produce.Recipients(p, nil)
	return produce.WriteChecklists(context.Background(), dir, p, recips, produce.ChecklistOptions{Settings: produce.Settings{Now: gen}})
}
