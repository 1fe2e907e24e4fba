// Package normalize turns a raw ingest.Table into the plan model: column
// roles from header synonyms, title and period, the section and item tree
// from the numbering, continuation rows merged, deadlines parsed into
// schedules, executors resolved, and a diagnostic for every defect.
package normalize
