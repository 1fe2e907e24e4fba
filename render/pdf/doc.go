// Package pdf renders the quarterly report on a roadmap, its summary
// matrices and the change sheet of two versions of it (лист изменений,
// WriteChanges) as PDF with go-pdf/fpdf: the copy in third_party/fpdf,
// patched so that a short process does not pay for fpdf's allocations
// (its README.roadmap.md; upstream is archived).
//
// Everything a reader sees in Russian comes in with the options as
// templates.Labels (report.yaml, matrix.yaml, the status words of
// common.yaml), so a municipality can rename a heading with --templates
// DIR. A pure writer: a plan and its words in, bytes to an io.Writer out. The Go fonts are embedded from
// golang.org/x/image/font/gofont: they cover Cyrillic and nothing is read
// from the system, so the output is the same on every machine, and with a
// fixed Now it is byte-identical from run to run.
//
// Tables are laid out by this package rather than by fpdf's MultiCell:
// text is wrapped with a cached per-rune width table, a row is moved to the
// next page whole unless it alone is taller than a page (then it is split
// and continued under a marker), the header row repeats on every page and
// a section heading is kept with the row after it. A cell may hold rich
// text (rich.go): the change sheet's word diff, its deleted words struck
// through and inserted ones underlined.
package pdf
