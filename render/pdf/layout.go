package pdf

import (
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// Page geometry, millimetres (A4 landscape).
const (
	pageW   = 297.0
	pageH   = 210.0
	marginL = 12.0
	marginR = 12.0
	marginT = 12.0
	marginB = 14.0 // room for the footer
	bodyW   = pageW - marginL - marginR
	bottom  = pageH - marginB

	family   = "go"
	textSize = 8.0  // table text, points
	lineH    = 3.45 // line height of table text, mm
	padX     = 1.2  // cell padding, mm
	padY     = 1.1
	bulletW  = 3.0 // hanging indent of list items, mm
)

// style is a font style of the one embedded family: "", "B", "I", "BI".
type style string

// doc wraps an fpdf document with the measurement of text and the page
// state the table engine needs.
type doc struct {
	pdf *fpdf.Fpdf
	// meter measures text in the style and size last chosen by font (or,
	// inside layout, by the layout itself).
	meter
	added map[style]bool // the styles added to pdf (newDoc adds regular)
	// fcur and fsize are the font selected in pdf.
	fcur  style
	fsize float64
	// onNewPage redraws whatever must open every page (a table header).
	onNewPage func()
	// pageLabel is the footer template ("Стр. {page} из {pages}"), drawn
	// on every page by output once the page count is known.
	pageLabel string
}

// newDoc sets up an A4 landscape document with the Go fonts embedded, the
// footer "Стр. N из M", metadata and reproducible dates.
func newDoc(now time.Time, title, subject, keywords, pageLabel string) *doc {
	return newDocOn(newBase(), now, title, subject, keywords, pageLabel)
}

// base is an fpdf document before anything of its content is known: the
// page set-up and the fonts added, which are most of a document's fixed
// cost (fpdf parses a font when it is added, and hashes it through a JSON
// encoding of its 65,536 widths).
type base struct {
	pdf   *fpdf.Fpdf
	added map[style]bool
}

// newBase sets up a base with the regular font and the styles given.
// Regular is the footer's; the other styles are added when a document
// uses them (font): fpdf embeds every font added, so an unused style
// would cost a parse of its TTF and a compressed subset in the file.
func newBase(styles ...style) base {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "L", UnitStr: "mm", SizeStr: "A4"})
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(false, marginB)
	f.AddUTF8FontFromBytes(family, "", goregular.TTF)
	b := base{pdf: f, added: map[style]bool{"": true}}
	for _, s := range styles {
		f.AddUTF8FontFromBytes(family, string(s), fontTTF[s])
		b.added[s] = true
	}
	// fpdf compresses the pages at Output, on every core with one reused
	// writer each (third_party/fpdf, README.roadmap.md).
	return b
}

// newDocOn makes a document of a base.
func newDocOn(b base, now time.Time, title, subject, keywords, pageLabel string) *doc {
	f := b.pdf
	f.SetTitle(title, true)
	f.SetSubject(subject, true)
	f.SetKeywords(keywords, true)
	f.SetCreator("roadmap", true)
	f.SetProducer("roadmap (go-pdf/fpdf)", true)
	f.SetLang("ru-RU")
	f.SetCreationDate(now)
	f.SetModificationDate(now)
	f.SetCatalogSort(true)
	d := &doc{pdf: f, added: b.added, pageLabel: pageLabel}
	d.meter = meter{fonts: map[style]charWidths{}, k: f.GetConversionRatio()}
	for s := range b.added {
		d.addWidths(s)
	}
	return d
}

// addWidths lets the meter measure style s, a style added to pdf.
func (d *doc) addWidths(s style) {
	cw, missing := d.pdf.FontCharWidths(family, string(s))
	d.fonts[s] = charWidths{cw: cw, missing: missing}
}

// footers draws the footer of every page, "Стр. N из M", once the layout
// is done and M known. Drawn so rather than by fpdf's footer function
// with the page total left as an alias ({nb}): fpdf replaces an alias by
// copying every page twice at Output, and a page's footer comes last in
// its content either way (fpdf draws the footer as the page closes). The
// line is centred on the real total (the alias was measured as the four
// characters "{nb}", which put it up to 0.4 mm off centre).
func (d *doc) footers() {
	f := d.pdf
	n := f.PageCount()
	total := itoa(n)
	f.SetTextColor(90, 90, 90)
	for i := 1; i <= n; i++ {
		f.SetPage(i)
		f.SetFont(family, "", 7.5) // the page's last font is another one
		f.SetXY(marginL, pageH-9)
		f.CellFormat(bodyW, 4, bmp(fill(d.pageLabel, "{page}", itoa(i), "{pages}", total)), "", 0, "C", false, 0, "")
	}
	f.SetTextColor(0, 0, 0)
	d.fcur, d.fsize = "", 0
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// font selects a style and size for drawing and measuring, skipping
// fpdf's work when unchanged.
func (d *doc) font(s style, size float64) {
	d.addStyle(s)
	d.use(s, size)
	if d.fcur == s && d.fsize == size {
		return
	}
	d.pdf.SetFont(family, string(s), size)
	d.fcur, d.fsize = s, size
}

// addStyle adds style s to pdf unless it is there: fpdf embeds every
// font added, so a style is added when a document first uses it.
func (d *doc) addStyle(s style) {
	if !d.added[s] {
		d.pdf.AddUTF8FontFromBytes(family, string(s), fontTTF[s])
		d.added[s] = true
		d.addWidths(s)
	}
}

// fontTTF are the Go fonts of the styles.
var fontTTF = map[style][]byte{"": goregular.TTF, "B": gobold.TTF, "I": goitalic.TTF, "BI": gobolditalic.TTF}

// meter measures text in the widths of the fonts' own tables, so that
// measuring needs no font selected in fpdf: a copy of a meter measures on
// another goroutine while the document is drawn (report.mainTable).
type meter struct {
	fonts map[style]charWidths // read only once the styles are added
	k     float64              // points per mm
	cur   style
	size  float64
	tab   charWidths // fonts[cur]
}

// charWidths is a font's width table (fpdf's FontCharWidths).
type charWidths struct {
	cw      []int
	missing int
}

// use measures in style s and size points from now on.
func (m *meter) use(s style, size float64) {
	if m.cur != s || m.tab.cw == nil {
		m.tab = m.fonts[s]
	}
	m.cur, m.size = s, size
}

// forked is a copy of m with a map of its own, for another goroutine.
func (m *meter) forked() *meter {
	c := *m
	c.fonts = make(map[style]charWidths, len(m.fonts))
	for s, w := range m.fonts {
		c.fonts[s] = w
	}
	return &c
}

// runeWidth is the advance of r in the current style, in font units, as
// fpdf's GetStringSymbolWidth counts it.
func (m *meter) runeWidth(r rune) int {
	if r > 0xFFFF || r < 0 {
		r = utf8.RuneError // drawn so (bmp)
	}
	cw := m.tab.cw
	if int(r) < len(cw) && cw[r] > 0 {
		if cw[r] == 65535 {
			return 0
		}
		return cw[r]
	}
	if m.tab.missing != 0 {
		return m.tab.missing
	}
	return 500
}

// width measures s in mm in the current font.
func (m *meter) width(s string) float64 {
	n := 0
	for _, r := range s {
		n += m.runeWidth(r)
	}
	return float64(n) * m.size / 1000 / m.k
}

// wrap breaks one paragraph into lines no wider than w mm in the current
// font: at spaces, and inside a word only when the word alone is wider.
func (m *meter) wrap(s string, w float64, out []string) []string {
	limit := int(w * m.k * 1000 / m.size)
	if limit <= 0 {
		return append(out, s)
	}
	space := m.runeWidth(' ')
	start := 0   // byte offset of the current line
	lineW := 0   // width of s[start:lastEnd]
	lastEnd := 0 // byte offset after the last word placed on the line
	i := 0
	for i < len(s) {
		// Skip spaces before a word.
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			break
		}
		j := i
		ww := 0
		for j < len(s) && s[j] != ' ' {
			r, n := utf8.DecodeRuneInString(s[j:])
			ww += m.runeWidth(r)
			j += n
		}
		switch {
		case lastEnd == start && lineW == 0 && ww <= limit:
			start, lastEnd, lineW = i, j, ww
		case lineW+space+ww <= limit && lastEnd > start:
			lastEnd, lineW = j, lineW+space+ww
		case ww <= limit:
			out = append(out, s[start:lastEnd])
			start, lastEnd, lineW = i, j, ww
		default:
			// A word wider than the column: flush the line, then cut the
			// word by runes.
			if lastEnd > start {
				out = append(out, s[start:lastEnd])
			}
			// Prefer a cut after a dot, dash or slash ("1.2.3." numbers,
			// "научно-методический") over one inside a run of letters.
			k, cw := i, 0
			brk, brkW := -1, 0
			for p := i; p < j; {
				r, n := utf8.DecodeRuneInString(s[p:])
				rw := m.runeWidth(r)
				if cw+rw > limit && p > k {
					if brk > k {
						out = append(out, s[k:brk])
						k, cw = brk, cw-brkW
					} else {
						out = append(out, s[k:p])
						k, cw = p, 0
					}
					brk = -1
				}
				cw += rw
				p += n
				if r == '.' || r == '-' || r == '/' || r == ',' || r == ';' || r == ')' {
					brk, brkW = p, cw
				}
			}
			start, lastEnd, lineW = k, j, cw
		}
		i = j
	}
	if lastEnd > start {
		out = append(out, s[start:lastEnd])
	}
	return out
}

// line is one laid-out line of a cell.
type line struct {
	text   string
	indent float64 // mm from the cell's text edge
	bullet bool    // draw a dash in the hanging indent
	st     style
	gray   bool
	pieces []piece // a line of rich text (richLayout), drawn piece by piece
}

// para is a paragraph of cell content before layout: text in one style,
// or runs of rich text.
type para struct {
	text string
	st   style
	gray bool
	runs []run
}

// layout wraps a cell's paragraphs into lines for a column of text width w.
// Paragraphs are separated by "\n"; a paragraph starting with "- ", "– ",
// "— " or "• " is a list item, laid out with a hanging indent.
func (m *meter) layout(ps []para, w float64) []line {
	var out []line
	var buf []string
	for _, p := range ps {
		if p.runs != nil {
			out = append(out, m.richLayout(p.runs, w)...)
			continue
		}
		m.use(p.st, textSize)
		for _, raw := range strings.Split(p.text, "\n") {
			t := strings.TrimSpace(raw)
			if t == "" {
				continue
			}
			t = squeeze(t)
			bullet := false
			for _, pre := range []string{"- ", "– ", "— ", "• ", "· "} {
				if strings.HasPrefix(t, pre) {
					t, bullet = strings.TrimSpace(t[len(pre):]), true
					break
				}
			}
			indent := 0.0
			if bullet {
				indent = bulletW
			}
			buf = m.wrap(t, w-indent, buf[:0])
			for i, s := range buf {
				out = append(out, line{text: s, indent: indent, bullet: bullet && i == 0, st: p.st, gray: p.gray})
			}
		}
	}
	return out
}

// squeeze collapses runs of white space into one space.
func squeeze(s string) string {
	need := false
	prev := false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prev || r != ' ') {
			need = true
			break
		}
		prev = sp
	}
	if !need {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// truncate shortens s with "…" to fit w mm in the current font.
func (m *meter) truncate(s string, w float64) string {
	if m.width(s) <= w {
		return s
	}
	ell := m.width("…")
	rs := []rune(s)
	total := 0.0
	for i, r := range rs {
		rw := float64(m.runeWidth(r)) * m.size / 1000 / m.k
		if total+rw+ell > w {
			return strings.TrimRight(string(rs[:i]), " ,.;:-–") + "…"
		}
		total += rw
	}
	return s
}

// output finishes the document and writes it to w.
func (d *doc) output(w io.Writer) error {
	d.footers()
	return d.pdf.Output(w)
}

// fillRect draws a rectangle filled with c (op "F", or "FD" with its
// border) and sets the fill colour back to black, the colour of text:
// fpdf wraps every text it draws in "q <text colour> Q" while the fill
// colour differs from the text colour, and a fill colour left set made
// that wrapper about a fifth of a report's page content.
func (d *doc) fillRect(x, y, w, h float64, op string, c rgb) {
	d.pdf.SetFillColor(c.r, c.g, c.b)
	d.pdf.Rect(x, y, w, h, op)
	d.pdf.SetFillColor(0, 0, 0)
}

// newPage starts a page and runs the page opener (a repeated header).
func (d *doc) newPage() {
	d.pdf.AddPage()
	d.fcur, d.fsize = "", 0
	d.pdf.SetY(marginT)
	if d.onNewPage != nil {
		d.onNewPage()
	}
}

// ensure starts a new page unless h mm fit below the current position.
func (d *doc) ensure(h float64) {
	if d.pdf.GetY()+h > bottom {
		d.newPage()
	}
}

// text draws one line with its top at y.
func (d *doc) text(x, y float64, s string) {
	// Baseline sits about 0.78 of the line height below the top for the
	// Go fonts at this leading.
	d.drawText(x, y+lineH*0.76, s)
}

// drawText draws s with its baseline at y: every text of a document goes
// to fpdf through here, so that none carries a rune fpdf cannot embed.
func (d *doc) drawText(x, y float64, s string) {
	d.pdf.Text(x, y, bmp(s))
}

// bmp replaces the runes outside the Basic Multilingual Plane (an emoji,
// a musical sign) with U+FFFD: fpdf indexes its width table of 65,536
// entries by rune when it subsets the font, and one such rune in a plan
// made the whole report fail with a panic. runeWidth measures them as
// U+FFFD too, so lines are wrapped as they are drawn.
func bmp(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xF0 { // the lead byte of a four-byte sequence
			return strings.Map(func(r rune) rune {
				if r > 0xFFFF {
					return utf8.RuneError
				}
				return r
			}, s)
		}
	}
	return s
}

// paragraph writes wrapped text across width w at the current position and
// moves below it, breaking pages between lines.
func (d *doc) paragraph(s string, st style, size, w, lh float64) {
	d.font(st, size)
	for _, raw := range strings.Split(s, "\n") {
		for _, l := range d.wrap(squeeze(strings.TrimSpace(raw)), w, nil) {
			d.ensure(lh)
			y := d.pdf.GetY()
			d.font(st, size)
			d.drawText(marginL, y+lh*0.76, l)
			d.pdf.SetY(y + lh)
		}
	}
}

// heading writes a section heading of the report, kept with at least keep
// mm of what follows, and bookmarks it.
func (d *doc) heading(s string, level int, keep float64) {
	const size, lh = 12.0, 6.0
	d.font("B", size)
	ls := d.wrap(s, bodyW, nil)
	d.ensure(float64(len(ls))*lh + 2 + keep)
	if d.pdf.GetY() > marginT+1 {
		d.pdf.SetY(d.pdf.GetY() + 2)
	}
	d.pdf.Bookmark(s, level, -1)
	for _, l := range ls {
		y := d.pdf.GetY()
		d.font("B", size)
		d.drawText(marginL, y+lh*0.76, l)
		d.pdf.SetY(y + lh)
	}
	d.pdf.SetY(d.pdf.GetY() + 1)
}
