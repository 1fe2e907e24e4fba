// Package pipeline runs the whole job for one roadmap or a region's folder
// of them: import, plan JSON and diagnostics, Excel tracker, school
// checklists, quarterly PDF report and matrices, then a run summary
// (summary.csv, index.html).
//
// Files are independent, so they go through a bounded pool of workers; a
// bad file is reported and never stops the others. Every output goes
// through internal/atomicfile, so an interrupted run leaves only complete
// files. The package is a loop over the application core (produce): every
// document is one of its operations; what is left here is the run's own
// business, folder names and the run summary.
package pipeline
