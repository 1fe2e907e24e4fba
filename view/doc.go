// Package view computes the derived views of the plan model that reports
// and summary workbooks show: the quarterly selection of activities (what is due or
// running in a quarter, what is carried forward, what is overdue) and the
// summary matrices (executor × section, activity × month, executor ×
// quarter, section × status).
//
// The views are plain data computed once from a *plan.Plan and an optional
// *plan.Progress, so that the PDF and Excel writers agree on every number
// and neither re-derives the rules; in the manner of pandoc's
// Writers/AnnotatedTable, a writer that needs a richer view of the model
// gets it here rather than by widening the model. It sits beside the model,
// not among the writers: the PDF and Excel writers both import it and never
// each other (the layering test checks both rules). It imports neither
// excelize nor fpdf; its words (matrix names, headings) come from the
// templates the caller passes.
package view
