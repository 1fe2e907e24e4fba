package xlsx

import (
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// manifestSheet is the name of the very hidden sheet that identifies a
// generated workbook for collection.
const manifestSheet = "_manifest"

// KindMatrix is the kind the matrix workbook states in its document
// properties (roadmap.kind), as checklists and trackers do: it has no
// manifest and nothing to collect.
const KindMatrix = "matrix"

// newManifest fills a plan.Manifest with the headers the layout uses.
func newManifest(kind string, p *plan.Plan, hash string, lay *layout, org string, now time.Time, version, quarter string) plan.Manifest {
	cols := map[string]string{}
	for k, key := range map[colKind]string{kID: plan.ColID, kStatus: plan.ColStatus, kDate: plan.ColDate,
		kEvidence: plan.ColEvidence, kComment: plan.ColComment} {
		cols[key] = lay.cols[lay.pos[k]-1].header
	}
	return plan.Manifest{Kind: kind, PlanTitle: p.Title, PlanHash: hash, Org: org,
		Generated: now, Tool: toolName(version), Quarter: quarter, Columns: cols}
}

// signed is m with its signature under key (unsigned when key is empty).
func signed(m plan.Manifest, key []byte) plan.Manifest {
	if len(key) > 0 {
		m.Signature = m.Sign(key)
	}
	return m
}

func toolName(version string) string {
	if version == "" {
		version = "dev"
	}
	return "roadmap " + version
}

// manifestRows lists the manifest as key/value pairs named after the JSON
// keys of plan.Manifest; the column headers come as "columns.<key>".
func manifestRows(m plan.Manifest) [][2]string {
	rows := [][2]string{
		{"kind", m.Kind},
		{"plan_title", m.PlanTitle},
		{"plan_hash", m.PlanHash},
	}
	if m.Org != "" {
		rows = append(rows, [2]string{"org", m.Org})
	}
	rows = append(rows, [2]string{"generated", m.Generated.Format(time.RFC3339)}, [2]string{"tool", m.Tool})
	if m.Quarter != "" {
		rows = append(rows, [2]string{"quarter", m.Quarter})
	}
	if m.Signature != "" {
		rows = append(rows, [2]string{"signature", m.Signature})
	}
	for _, k := range []string{plan.ColID, plan.ColStatus, plan.ColDate, plan.ColEvidence, plan.ColComment} {
		rows = append(rows, [2]string{"columns." + k, m.Columns[k]})
	}
	return rows
}

// writeManifest writes the marker row and the key/value rows.
func writeManifest(w *rowsWriter, m plan.Manifest) {
	w.start(1, 0, 0)
	w.str(1, 0, plan.ManifestMarker)
	w.end()
	for i, kv := range manifestRows(m) {
		w.start(i+2, 0, 0)
		w.str(1, 0, kv[0])
		w.str(2, 0, kv[1])
		w.end()
	}
}
