package normalize

import (
	"errors"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Options tunes Build. The zero value is ready to use.
type Options struct {
	// Aliases adds executor spellings to the embedded alias table
	// (variant -> canonical), e.g. from a municipality's own file.
	Aliases map[string]string
}

// Build makes a plan from a table. It returns an error only when the table
// cannot be a roadmap at all (no header row); everything doubtful is a
// diagnostic in the plan.
func Build(t *ingest.Table, opts Options) (*plan.Plan, error) {
	return nil, errors.New("normalize: not implemented yet")
}
