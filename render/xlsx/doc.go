// Package xlsx writes the Excel workbooks of a roadmap: the department's
// tracker (WriteTracker), the checklist of one executing organisation
// (NewChecklists, then Checklists.Write for each), the summary matrices
// (WriteMatrices) and the change sheet of two versions of a plan
// (WriteChanges, the "лист изменений" an official signs). It is a pure writer: a plan and its words in, bytes to
// an io.Writer out. Who receives which activities, file names, folders
// and how many workbooks are written at once are the core's (produce).
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
// The texts users read come in with the options as templates.Labels
// (tracker.yaml, matrix.yaml, the status words of common.yaml), so
// --templates can rename them.
package xlsx
