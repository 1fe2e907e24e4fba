package collect

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/render/xlsx"
)

// checklistFile is one checklist writeChecklists wrote.
type checklistFile struct {
	Org, File string
}

// writeChecklists writes p's checklists into dir with the writer `roadmap
// checklists` runs (render/xlsx), one per recipient of the plan as the
// core resolves them without a directory, generated at gen. (The core
// itself, produce, imports this package: its tests cannot use it here.)
func writeChecklists(dir string, p *plan.Plan, gen time.Time) ([]checklistFile, error) {
	byOrg, _ := (*orgdir.Directory)(nil).Recipients(p)
	orgs := make([]string, 0, len(byOrg))
	for org := range byOrg {
		orgs = append(orgs, org)
	}
	sort.Strings(orgs)
	c, err := xlsx.NewChecklists(p, xlsx.ChecklistOptions{Now: gen})
	if err != nil {
		return nil, err
	}
	var out []checklistFile
	for i, org := range orgs {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("org%03d.xlsx", i+1)))
		if err != nil {
			return nil, err
		}
		err = c.Write(f, org, byOrg[org])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		out = append(out, checklistFile{Org: org, File: filepath.Base(f.Name())})
	}
	return out, nil
}
