package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// ChecklistOptions configure NewChecklists.
type ChecklistOptions struct {
	Labels            *templates.Labels // the words; nil = the embedded templates
	Password, Version string
	Now               time.Time // generation time; zero = time.Now()
	// Quarter is the quarter the checklists are issued for ("2022Q1",
	// written in each manifest; "" = none), Key the store's key that
	// signs each manifest (plan.Manifest.Sign; nil = unsigned).
	Quarter string
	Key     []byte
}

// Rows of a checklist sheet above the table.
const (
	clHeadingRow = 1
	clTitleRow   = 2
	clInfoRow    = 3
	clNoteRow    = 4
	clHeaderRow  = 5
	clFirstRow   = 6
)

// sentinelRow stands for the last table row in the shared template; each
// checklist's real last row replaces it in ranges (validations, filter).
const sentinelRow = 1048000

// orgPlaceholder stands for the organisation in the template's custom
// document properties.
const orgPlaceholder = "ROADMAP-ORG-PLACEHOLDER"

// Checklists writes the checklists of one plan, one workbook per
// organisation: the activities it is responsible for, with the same fill
// columns, drop-downs and protection as the tracker, and its own manifest.
//
// All workbooks share one template that excelize builds once
// (NewChecklists); each Write only writes its rows and adjusts its ranges
// (see splice.go). Write is safe for concurrent use: the caller decides
// how many run at once and where the bytes go.
type Checklists struct {
	b       *checklistBook
	itemIdx map[string]int
	scratch sync.Pool // *scratch, one per concurrent Write
}

// NewChecklists builds the shared template of p's checklists.
func NewChecklists(p *plan.Plan, opts ChecklistOptions) (*Checklists, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	b, err := newChecklistBook(p, labelsOf(opts.Labels), opts, now)
	if err != nil {
		return nil, err
	}
	c := &Checklists{b: b, itemIdx: make(map[string]int, len(p.Items))}
	for i := range p.Items {
		c.itemIdx[p.Items[i].ID] = i
	}
	c.scratch.New = func() any { return b.newScratch(len(p.Items)) }
	return c, nil
}

// Write writes the checklist of org, holding the items ids (in any
// order; unknown ids are left out) to w.
func (c *Checklists) Write(w io.Writer, org string, ids []string) error {
	s := c.scratch.Get().(*scratch)
	defer c.scratch.Put(s)
	return c.b.write(w, s, org, ids, c.itemIdx)
}

// checklistBook is the shared template of a plan's checklists.
type checklistBook struct {
	p     *plan.Plan
	lab   *labels
	lay   *layout
	st    *styles
	tw    *tableWriter
	tpl   *template
	sheet sheetSplit
	man   sheetSplit
	paths [2]string
	manif plan.Manifest
	key   []byte // signs each organisation's manifest
	// Every item's and section's row, deflated once (see deflate.go).
	itemRows []preRow
	secRows  map[string]preRow
}

func newChecklistBook(p *plan.Plan, lab *labels, opts ChecklistOptions, now time.Time) (*checklistBook, error) {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	lay := newLayout(p, lab, false)
	lay.fit(p)
	sh := lab.Sheets.Checklist
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(manifestSheet); err != nil {
		return nil, err
	}
	if err := setupTable(f, lay, st, tableSetup{sheet: sh, headerRow: clHeaderRow, firstRow: clFirstRow, last: sentinelRow,
		title: p.Title, password: opts.Password, footer: lab.Print.Footer, validation: lab}); err != nil {
		return nil, err
	}
	lastVis := colName(lay.lastVisible)
	for r := clHeadingRow; r <= clNoteRow; r++ {
		if err := f.MergeCell(sh, "A"+strconv.Itoa(r), lastVis+strconv.Itoa(r)); err != nil {
			return nil, err
		}
	}
	if err := f.SetSheetVisible(manifestSheet, false, true); err != nil {
		return nil, err
	}
	man := newManifest("checklist", p, p.Hash(), lay, orgPlaceholder, now, opts.Version, opts.Quarter)
	if err := docProps(f, p, lab, man); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	paths, err := sheetPaths(f, sh, manifestSheet)
	if err != nil {
		return nil, err
	}
	tpl, err := newTemplate(f, map[string]bool{paths[0]: true, paths[1]: true, "xl/workbook.xml": true, "docProps/custom.xml": true})
	if err != nil {
		return nil, err
	}
	splits, err := tpl.sheets(paths...)
	if err != nil {
		return nil, err
	}
	b := &checklistBook{p: p, lab: lab, lay: lay, st: st, tw: newTableWriter(p, lay, st), tpl: tpl,
		sheet: splits[0], man: splits[1], paths: [2]string{paths[0], paths[1]}, manif: man, key: opts.Key}
	ck := newChunker()
	w := &rowsWriter{cellsOnly: true}
	pre := func(write func()) preRow {
		w.reset()
		write()
		return preRow{height: w.rowHeight, outline: w.rowOutline, cells: ck.chunk(bytes.Clone(w.buf))}
	}
	b.itemRows = make([]preRow, len(p.Items))
	for i := range p.Items {
		b.itemRows[i] = pre(func() { b.tw.item(w, 0, i, fillValues{}, "", "") })
	}
	b.secRows = make(map[string]preRow, len(p.Sections))
	for i := range p.Sections {
		s := &p.Sections[i]
		b.secRows[s.ID] = pre(func() { b.tw.section(w, 0, s) })
	}
	return b, nil
}

// preRow is a table row whose cells (without references) are deflated
// once; only its opening tag is written per workbook.
type preRow struct {
	height  float64
	outline int
	cells   *zchunk
}

// scratch is one worker's reusable buffers.
type scratch struct {
	rows, man rowsWriter
	keep      []bool
	sheet     deflateBuilder
	open      []byte
}

func (b *checklistBook) newScratch(n int) *scratch {
	return &scratch{rows: rowsWriter{buf: make([]byte, 0, 16<<10)}, keep: make([]bool, n),
		sheet: deflateBuilder{out: make([]byte, 0, 128<<10), pending: make([]byte, 0, 32<<10)}}
}

func (w *rowsWriter) reset() {
	w.buf, w.row, w.maxCol, w.outlines = w.buf[:0], 0, 0, 0
}

// write writes the checklist of one organisation.
func (b *checklistBook) write(out io.Writer, s *scratch, org string, ids []string, itemIdx map[string]int) error {
	for i := range s.keep {
		s.keep[i] = false
	}
	for _, id := range ids {
		if i, ok := itemIdx[id]; ok {
			s.keep[i] = true
		}
	}
	refs := tableRows(b.p, s.keep)
	p, lab, lay, st := b.p, b.lab, b.lay, b.st
	w := &s.rows
	w.reset()
	heading(w, lay, st, clHeadingRow, fmt.Sprintf(lab.Checklist.Heading, org), st.title)
	heading(w, lay, st, clTitleRow, oneLine(p.Title), st.subtitle)
	period := periodText(p.Period)
	if period == "" {
		period = lab.Checklist.NoPeriod
	}
	info := fmt.Sprintf(lab.Checklist.Period, period, len(ids), b.manif.Generated.Format("02.01.2006"))
	if q, err := plan.ParseQuarter(b.manif.Quarter); err == nil && lab.Checklist.Quarter != "" {
		info += " " + templates.Sentencef(lab.Checklist.Quarter, q.Label())
	}
	heading(w, lay, st, clInfoRow, info, st.plain)
	heading(w, lay, st, clNoteRow, oneLine(lab.Checklist.Instructions), st.note)
	b.tw.header(w, clHeaderRow)
	r := clFirstRow
	outlines := w.outlines
	for _, ref := range refs {
		pr := b.itemRows[ref.item]
		if ref.sec != nil {
			pr = b.secRows[ref.sec.ID]
		}
		outlines = max(outlines, min(pr.outline, 7))
		r++
	}
	last := max(r-1, clFirstRow)
	d := &s.sheet
	d.reset()
	d.raw(b.sheet.headFor(last, len(lay.cols), outlines))
	d.rawString("<sheetData>")
	d.raw(w.buf)
	r = clFirstRow
	for _, ref := range refs {
		pr := b.itemRows[ref.item]
		if ref.sec != nil {
			pr = b.secRows[ref.sec.ID]
		}
		s.open = appendRowOpen(s.open[:0], r, pr.height, pr.outline)
		d.raw(s.open)
		d.chunk(pr.cells)
		r++
	}
	d.rawString("</sheetData>")
	d.raw(replaceRow(b.sheet.tail, sentinelRow, last))
	d.finish()
	m := b.manif
	m.Org = org
	m = signed(m, b.key)
	s.man.reset()
	writeManifest(&s.man, m)
	man := splice(b.man, &s.man, b.man.tail)
	man.store = true
	return b.tpl.write(out, map[string]part{
		b.paths[0]: {pre: d},
		b.paths[1]: man,
		"xl/workbook.xml": {store: true, fn: func(w io.Writer, x []byte) error {
			_, err := w.Write(replaceRow(x, sentinelRow, last))
			return err
		}},
		"docProps/custom.xml": {store: true, fn: func(w io.Writer, x []byte) error {
			_, err := w.Write(bytes.Replace(x, []byte(orgPlaceholder), appendText(nil, org), 1))
			return err
		}},
	})
}
