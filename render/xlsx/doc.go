// Package xlsx writes the Excel workbooks of a roadmap: the department's
// tracker (WriteTracker), one checklist per executing organisation
// (WriteChecklists) and the summary matrices (WriteMatrices).
//
// Tracker and checklists share one table layout (layout, table.go): the
// plan's columns, then the columns to fill (status with a drop-down, date,
// what was done, reasons), then hidden service columns, of which the item
// ID lets collection match answers whatever users do to the rows. Every
// generated workbook carries a very hidden "_manifest" sheet (manifest.go)
// naming the plan, its hash, the organisation and the headers used.
//
// Speed comes from building each kind of workbook once with excelize, with
// empty sheets, and writing the rows as XML straight into the saved
// package (splice.go); the rows of checklists are even compressed once
// per plan (deflate.go). See bench_test.go for the figures.
//
// The texts users read come from templates/tracker.yaml and the status
// words from templates/common.yaml, so --templates can rename them.
package xlsx
