// Package matrix computes the derived views that reports and summary
// workbooks show: the quarterly selection of activities (what is due or
// running in a quarter, what is carried forward, what is overdue) and the
// summary matrices (executor × section, activity × month, executor ×
// quarter, section × status).
//
// The views are plain data computed once from a *plan.Plan and an optional
// *plan.Progress, so that the PDF and Excel writers agree on every number
// and neither re-derives the rules; in the manner of pandoc's
// Writers/AnnotatedTable, a writer that needs a richer view of the model
// gets it here rather than by widening the model. The package imports
// neither excelize nor fpdf.
package matrix
