// Package orgs splits the "responsible" cell of a roadmap item into
// executors and resolves each to a canonical organisation, through the
// abbreviations the document defines ("(далее – ООДО МКУ ДГУО)") and an
// editable alias table (ОбоО -> ОбОО).
package orgs

import "github.com/roadmap-tool/roadmap/normalize/plan"

// Finding is something the resolver noticed, for the caller to turn into a
// plan.Diagnostic at the cell's position.
type Finding struct {
	Severity plan.Severity
	Code     string // plan.Code*
	Message  string // Russian
	Text     string // the offending text
}

// Resolver resolves executor texts of one document.
type Resolver struct {
	defs map[string]string
}

// New makes a resolver. aliases adds variant -> canonical spellings to the
// embedded table.
func New(aliases map[string]string) *Resolver { return &Resolver{defs: map[string]string{}} }

// Define scans any text of the document for abbreviation definitions
// ("... (далее – X)") and remembers them. Call it on every cell first.
func (r *Resolver) Define(text string) {}

// Resolve splits a responsible cell into executors.
func (r *Resolver) Resolve(text string) ([]plan.Executor, []Finding) {
	if text == "" {
		return nil, nil
	}
	return []plan.Executor{{Text: text}}, nil
}

// Organizations lists the canonical organisations met so far, in order of
// first appearance.
func (r *Resolver) Organizations() []plan.Organization { return nil }
