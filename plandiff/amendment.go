package plandiff

import (
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Amendment is the amendment lines of a plan (plan.Plan.Amendments,
// which normalize takes out of the title) as one line to show: their
// parentheses dropped, joined with "; "; "" for the first version.
func Amendment(p *plan.Plan) string {
	var out []string
	for _, a := range p.Amendments {
		a = strings.TrimSpace(a)
		if strings.HasPrefix(a, "(") && strings.HasSuffix(a, ")") {
			a = strings.TrimSpace(a[1 : len(a)-1])
		}
		if a != "" {
			out = append(out, strings.Join(strings.Fields(a), " "))
		}
	}
	return strings.Join(out, "; ")
}
