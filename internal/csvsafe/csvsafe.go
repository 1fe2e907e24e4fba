// Package csvsafe writes CSV files that are safe to open in Excel and
// LibreOffice Calc: no cell runs as a formula.
//
// A spreadsheet reads a CSV cell that starts with "=", "+", "-" or "@" as
// a formula, so a school's comment "=HYPERLINK(...)" would run when the
// department opens the file; a leading tab or carriage return is trimmed
// by some importers, which then see the formula behind it. The workbooks
// the tool writes are safe by construction (every text is an inline
// string, never a formula); a CSV cell has no type, so here a cell that
// could be read as a formula gets a leading apostrophe, the mark Excel
// itself uses for "this is text". The text stays readable and whole:
// "'=HYPERLINK(...)", "'- пункт списка". Plain numbers ("-5", "+3,5") are
// left alone: they are values, not formulas.
package csvsafe

import (
	"encoding/csv"
	"io"
	"strings"
	"unicode/utf8"
)

// Cell returns s as it is safe to put into a CSV cell (see the package
// doc).
func Cell(s string) string {
	if !Risky(s) {
		return s
	}
	return "'" + s
}

// Risky reports whether a spreadsheet could read s as a formula: its first
// character, or the first after leading white space, is one of = + - @
// (or their full-width forms), or s starts with a tab, CR or LF, and s is
// not a plain number.
func Risky(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '\t', '\r', '\n':
		return true
	}
	t := strings.TrimLeft(s, " \u00a0")
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case '=', '+', '-', '@', '＝', '＋', '－', '＠', '\t', '\r', '\n':
		return !isNumber(t)
	}
	return false
}

// isNumber reports a signed decimal number: an optional sign, digits, and
// an optional decimal part after "." or ",".
func isNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, sep := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case (c == '.' || c == ',') && !sep && digits > 0 && i+1 < len(s):
			sep = true
		default:
			return false
		}
	}
	return digits > 0
}

// Writer is a csv.Writer whose records are made safe cell by cell. Its
// settings (Comma, UseCRLF) are the csv.Writer's.
type Writer struct {
	*csv.Writer
	buf []string
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{Writer: csv.NewWriter(w)} }

// Write writes one record, each cell through Cell.
func (w *Writer) Write(record []string) error {
	w.buf = w.buf[:0]
	for _, s := range record {
		w.buf = append(w.buf, Cell(s))
	}
	return w.Writer.Write(w.buf)
}

// WriteAll writes the records and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
