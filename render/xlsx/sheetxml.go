package xlsx

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/xuri/excelize/v2"
)

// maxCellRunes is Excel's limit on the characters of one cell.
const maxCellRunes = 32767

// colName is a column's letters. excelize keeps a table of all of them
// (since v2.11: a copy of its first 256 here was built at every start).
func colName(c int) string {
	s, _ := excelize.ColumnNumberToName(c)
	return s
}

// rowsWriter appends SpreadsheetML <row>/<c> elements to a byte slice: the
// content of a <sheetData> that splice puts into a sheet excelize laid out.
// Strings are written inline (t="inlineStr"), never as formulas, so a
// source text such as "=SUM(A1)" or "-" stays text and no shared-strings
// table has to be merged per workbook.
type rowsWriter struct {
	buf      []byte
	row      int
	maxCol   int
	outlines int // deepest outline level written
	next     int // the column a cell without a reference lands in

	// In cells-only mode start writes nothing (it keeps the row's height
	// and outline level in rowHeight and rowOutline) and cells carry no
	// reference, so the bytes do not depend on the row number at all.
	cellsOnly  bool
	rowHeight  float64
	rowOutline int

	// pieces, when set, takes the rows written so far whenever they pass
	// pieceSize, to deflate them while the next are written.
	pieces *pieceDeflater
}

// start opens row r. height 0 keeps the default; outline is the row's
// outline level (0..7).
func (w *rowsWriter) start(r int, height float64, outline int) {
	w.row, w.next = r, 1
	if w.cellsOnly {
		w.rowHeight, w.rowOutline = height, outline
		return
	}
	w.buf = append(w.buf, `<row r="`...)
	w.buf = strconv.AppendInt(w.buf, int64(r), 10)
	w.buf = append(w.buf, '"')
	w.buf = appendRowAttrs(w.buf, height, outline)
	if outline > w.outlines {
		w.outlines = min(outline, 7)
	}
	w.buf = append(w.buf, '>')
}

// appendRowAttrs writes the height and outline attributes of a row.
func appendRowAttrs(b []byte, height float64, outline int) []byte {
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	if outline > 0 {
		b = append(b, ` outlineLevel="`...)
		b = strconv.AppendInt(b, int64(min(outline, 7)), 10)
		b = append(b, '"')
	}
	return b
}

// appendRowOpen writes <row r="N" ...>.
func appendRowOpen(b []byte, r int, height float64, outline int) []byte {
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	b = appendRowAttrs(b, height, outline)
	return append(b, '>')
}

func (w *rowsWriter) end() {
	w.buf = append(w.buf, `</row>`...)
	if w.pieces != nil && len(w.buf) >= pieceSize {
		w.pieces.cut(w)
	}
}

func (w *rowsWriter) cellStart(col, style int) {
	if col > w.maxCol {
		w.maxCol = col
	}
	// A cell right after the previous one needs no reference (Excel,
	// LibreOffice, excelize and openpyxl place it there): 10 bytes less
	// per cell of a large sheet to write and deflate.
	if w.cellsOnly || col == w.next {
		w.buf = append(w.buf, `<c`...)
	} else {
		w.buf = append(w.buf, `<c r="`...)
		w.buf = append(w.buf, colName(col)...)
		w.buf = strconv.AppendInt(w.buf, int64(w.row), 10)
		w.buf = append(w.buf, '"')
	}
	w.next = col + 1
	if style > 0 {
		w.buf = append(w.buf, ` s="`...)
		w.buf = strconv.AppendInt(w.buf, int64(style), 10)
		w.buf = append(w.buf, '"')
	}
}

// str writes a text cell; an empty text writes a styled blank cell.
func (w *rowsWriter) str(col, style int, s string) {
	if s == "" {
		w.blank(col, style)
		return
	}
	w.cellStart(col, style)
	if keepsSpace(s) {
		w.buf = append(w.buf, ` t="inlineStr"><is><t xml:space="preserve">`...)
	} else {
		w.buf = append(w.buf, ` t="inlineStr"><is><t>`...)
	}
	w.buf = appendText(w.buf, s)
	w.buf = append(w.buf, `</t></is></c>`...)
}

// keepsSpace reports whether s starts or ends with white space, which a
// reader trims unless the text is marked xml:space="preserve" (as
// XlsxWriter decides; line breaks inside a text are kept either way).
// Control characters that appendText drops do not count.
func keepsSpace(s string) bool {
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	dropped := func(c byte) bool { return c < 0x20 && !space(c) }
	i, j := 0, len(s)-1
	for i < len(s) && dropped(s[i]) {
		i++
	}
	for j >= i && dropped(s[j]) {
		j--
	}
	return i <= j && (space(s[i]) || space(s[j]))
}

// blank writes an empty cell that carries a style (borders, fill, lock).
func (w *rowsWriter) blank(col, style int) {
	if style == 0 {
		return
	}
	w.cellStart(col, style)
	w.buf = append(w.buf, `/>`...)
}

// num writes a number cell.
func (w *rowsWriter) num(col, style int, v float64) {
	w.cellStart(col, style)
	w.buf = append(w.buf, `><v>`...)
	w.buf = strconv.AppendFloat(w.buf, v, 'f', -1, 64)
	w.buf = append(w.buf, `</v></c>`...)
}

// formula writes a formula cell without a cached value: the workbook is
// marked for full calculation on load.
func (w *rowsWriter) formula(col, style int, f string) {
	w.cellStart(col, style)
	w.buf = append(w.buf, `><f>`...)
	w.buf = appendText(w.buf, f)
	w.buf = append(w.buf, `</f></c>`...)
}

// appendText escapes s for an XML text node. Characters XML 1.0 forbids
// are dropped, and a literal "_xHHHH_" gets its underscore escaped, since
// Excel would otherwise decode it as a character reference. Text longer
// than Excel's cell limit is cut and ends with "…", so that the cut shows
// (the reader reported it: ingest's cell-too-long).
func appendText(b []byte, s string) []byte {
	if len(s) > maxCellRunes {
		s = plan.CutRunes(s, maxCellRunes-1, "…")
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var rep string
		switch {
		case c >= 0x80:
			// U+FFFE and U+FFFF are not XML characters (EF BF BE/BF).
			if c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF) {
				b = append(b, s[start:i]...)
				i += 2
				start = i + 1
			}
			continue
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '_' && isExcelEscape(s[i:]):
			rep = "_x005F_"
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			rep = ""
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, rep...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

// isExcelEscape reports whether s starts with "_x" + 4 hex digits + "_".
func isExcelEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// excelEpoch is day 0 of Excel's 1900 date system (with its leap-year bug
// already accounted for from March 1900 on).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDate is the serial number of a calendar date.
func excelDate(t time.Time) float64 {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return float64(d.Sub(excelEpoch) / (24 * time.Hour))
}
