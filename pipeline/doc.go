// Package pipeline runs the whole job for one roadmap or a region's folder
// of them: import, plan JSON and diagnostics, Excel tracker, school
// checklists, quarterly PDF report and matrices, then a run summary
// (summary.csv, index.html).
//
// Files are independent, so they go through a bounded pool of workers; a
// bad file is reported and never stops the others. Every output goes
// through internal/atomicfile, so an interrupted run leaves only complete
// files. The package only orchestrates: reading, normalizing and rendering
// live in their own packages.
package pipeline
