package pdf

import (
	"strings"
	"unicode/utf8"
)

// mark is how a run of rich text is set off: the word diff of a change
// sheet strikes deleted words through and underlines inserted ones.
type mark uint8

const (
	markNone mark = iota
	markDeleted
	markInserted
)

// run is a piece of a paragraph in one mark.
type run struct {
	text string
	mark mark
}

// piece is a run laid out on a line, x mm from the line's start.
type piece struct {
	text string
	mark mark
	x    float64
}

// Colours and styles of the marks: deleted words dark red and struck
// through, inserted ones dark green, bold and underlined, so that both
// still read on a grey printout.
var (
	deletedColor  = rgb{192, 0, 0}
	insertedColor = rgb{0, 97, 46}
)

func (m mark) style() style {
	if m == markInserted {
		return "B"
	}
	return ""
}

// atom is a word's part in one mark; a word is atoms with no space
// between them ("Анализ" and a deleted ",").
type atom struct {
	text string
	mark mark
	w    float64 // mm
}

// word is a run of atoms and the space before it (marked as the run it
// was in, so that a struck-through phrase is struck through its spaces).
type word struct {
	atoms     []atom
	space     bool
	spaceMark mark
	w         float64
}

// richLayout wraps runs into lines of width w mm: at spaces, and inside a
// word only when the word alone is wider. A "\n" in a run breaks the
// line; list dashes stay as they are written.
func (m *meter) richLayout(runs []run, w float64) []line {
	var out []line
	for _, words := range m.richWords(runs) {
		out = append(out, m.richLines(words, w)...)
	}
	if len(out) == 0 {
		out = append(out, line{})
	}
	return out
}

// richWords splits runs into paragraphs of words.
func (m *meter) richWords(runs []run) [][]word {
	paras := [][]word{nil}
	var cur *word
	space, spaceMark := false, markNone
	flush := func() { cur = nil }
	for _, r := range runs {
		for i, part := range strings.Split(r.text, "\n") {
			if i > 0 {
				flush()
				paras = append(paras, nil)
				space = false
			}
			for part != "" {
				c, n := utf8.DecodeRuneInString(part)
				if c == ' ' || c == '\t' || c == '\r' {
					flush()
					space, spaceMark = true, r.mark
					part = part[n:]
					continue
				}
				j := strings.IndexAny(part, " \t\r")
				if j < 0 {
					j = len(part)
				}
				text := part[:j]
				part = part[j:]
				if cur == nil {
					ps := &paras[len(paras)-1]
					*ps = append(*ps, word{space: space && len(*ps) > 0, spaceMark: spaceMark})
					cur = &(*ps)[len(*ps)-1]
					space = false
				}
				m.use(r.mark.style(), textSize)
				aw := m.width(text)
				cur.atoms = append(cur.atoms, atom{text: text, mark: r.mark, w: aw})
				cur.w += aw
			}
		}
	}
	return paras
}

// richLines fills lines greedily with words.
func (m *meter) richLines(words []word, w float64) []line {
	m.use("", textSize)
	spaceW := m.width(" ")
	var out []line
	var cur []piece
	x := 0.0
	emit := func() {
		out = append(out, line{pieces: cur})
		cur, x = nil, 0
	}
	place := func(a atom) {
		cur = append(cur, piece{text: a.text, mark: a.mark, x: x})
		x += a.w
	}
	for _, wd := range words {
		lead := 0.0
		if wd.space && len(cur) > 0 {
			lead = spaceW
		}
		if len(cur) > 0 && x+lead+wd.w > w {
			emit()
			lead = 0
		}
		if lead > 0 {
			// A space is marked only inside a marked phrase, not where
			// one begins or ends: " (уточнено)" underlines the words.
			m := wd.spaceMark
			if cur[len(cur)-1].mark != m || len(wd.atoms) > 0 && wd.atoms[0].mark != m {
				m = markNone
			}
			cur = append(cur, piece{text: " ", mark: m, x: x})
			x += lead
		}
		for _, a := range wd.atoms {
			if x+a.w <= w || wd.w <= w {
				place(a)
				continue
			}
			// A word wider than the column is cut by runes.
			m.use(a.mark.style(), textSize)
			start := 0
			cw := 0.0
			for i, r := range a.text {
				rw := float64(m.runeWidth(r)) * m.size / 1000 / m.k
				if x+cw+rw > w && (i > start || len(cur) > 0) {
					if i > start {
						place(atom{text: a.text[start:i], mark: a.mark, w: cw})
					}
					emit()
					start, cw = i, 0
				}
				cw += rw
			}
			place(atom{text: a.text[start:], mark: a.mark, w: cw})
		}
	}
	if len(cur) > 0 || len(out) == 0 {
		emit()
	}
	return out
}

// drawPieces draws a rich line with its left edge at x and its top at y:
// each piece in its mark's style and colour, a rule through the deleted
// ones and under the inserted.
func (d *doc) drawPieces(x, y float64, ps []piece) {
	pdf := d.pdf
	base := y + lineH*0.76
	for _, p := range ps {
		d.font(p.mark.style(), textSize)
		px := x + p.x
		switch p.mark {
		case markDeleted:
			pdf.SetTextColor(deletedColor.r, deletedColor.g, deletedColor.b)
			pdf.SetDrawColor(deletedColor.r, deletedColor.g, deletedColor.b)
		case markInserted:
			pdf.SetTextColor(insertedColor.r, insertedColor.g, insertedColor.b)
			pdf.SetDrawColor(insertedColor.r, insertedColor.g, insertedColor.b)
		}
		if p.text != " " {
			d.drawText(px, base, p.text)
		}
		if p.mark != markNone {
			pw := d.width(p.text)
			pdf.SetLineWidth(0.2)
			ly := base + 0.45 // under the baseline
			if p.mark == markDeleted {
				ly = base - 0.95 // through the middle of lower-case letters
			}
			pdf.Line(px, ly, px+pw, ly)
			pdf.SetTextColor(0, 0, 0)
		}
	}
	pdf.SetDrawColor(borderGray, borderGray, borderGray)
	pdf.SetLineWidth(0.15)
}
