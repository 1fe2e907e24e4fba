package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/internal/csvsafe"
	"github.com/roadmap-tool/roadmap/internal/filename"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/xuri/excelize/v2"
)

// ChecklistOptions configure WriteChecklists.
type ChecklistOptions struct {
	Directory                       *orgdir.Directory // may be nil: organisations from the plan
	Password, TemplatesDir, Version string
	Now                             time.Time
	Workers                         int // 0 = GOMAXPROCS
}

// Checklist is one written workbook. File is relative to the directory.
type Checklist struct {
	Org, Short, File string
	Items            int
}

// IndexFile is the list of written checklists that WriteChecklists puts
// beside them.
const IndexFile = "checklists.csv"

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

// WriteChecklists writes one workbook per organisation into dir: the
// activities it is responsible for (group executors expanded), with the
// same fill columns, drop-downs and protection as the tracker, and its own
// manifest. It returns the checklists in directory (or plan) order, the
// diagnostics of resolving executors, and the first error.
//
// All workbooks share one template that excelize builds once; each file
// only gets its rows written and its ranges adjusted (see splice.go), in
// parallel.
func WriteChecklists(dir string, p *plan.Plan, opts ChecklistOptions) ([]Checklist, plan.Diagnostics, error) {
	lab, err := loadLabels(opts.TemplatesDir)
	if err != nil {
		return nil, nil, err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	recips, diags := opts.Directory.Recipients(p)
	list := checklistOrder(p, opts.Directory, recips)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, diags, err
	}
	if len(list) == 0 {
		return nil, diags, writeIndex(dir, nil)
	}

	b, err := newChecklistBook(p, lab, opts, now)
	if err != nil {
		return nil, diags, err
	}
	itemIdx := make(map[string]int, len(p.Items))
	for i := range p.Items {
		itemIdx[p.Items[i].ID] = i
	}

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > len(list) {
		workers = len(list)
	}
	jobs := make(chan int)
	errs := make([]error, len(list))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := b.newScratch(len(p.Items))
			for i := range jobs {
				c := &list[i]
				errs[i] = atomicfile.Write(filepath.Join(dir, c.File), func(w io.Writer) error {
					return b.write(w, s, c.Org, recips[c.Org], itemIdx)
				})
			}
		}()
	}
	for i := range list {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for i, e := range errs {
		if e != nil {
			return nil, diags, fmt.Errorf("чек-лист %s: %w", list[i].File, e)
		}
	}
	return list, diags, writeIndex(dir, list)
}

// checklistOrder lists the recipients: in directory order (or the plan's
// organisations order), then the others by their first activity; and
// gives each a unique file name.
func checklistOrder(p *plan.Plan, d *orgdir.Directory, recips map[string][]string) []Checklist {
	rank := map[string]int{}
	if d != nil {
		for i, o := range d.Orgs {
			rank[o.Name] = i
		}
	} else {
		for i, o := range p.Organizations {
			if _, ok := rank[o.Name]; !ok {
				rank[o.Name] = i
			}
		}
	}
	first := map[string]int{}
	pos := map[string]int{}
	for i := range p.Items {
		pos[p.Items[i].ID] = i
	}
	list := make([]Checklist, 0, len(recips))
	for org, ids := range recips {
		if len(ids) == 0 {
			continue
		}
		first[org] = pos[ids[0]]
		list = append(list, Checklist{Org: org, Short: d.Short(p, org), Items: len(ids)})
	}
	key := func(c Checklist) (int, int) {
		if r, ok := rank[c.Org]; ok {
			return 0, r
		}
		return 1, first[c.Org]
	}
	sort.Slice(list, func(i, j int) bool {
		a1, a2 := key(list[i])
		b1, b2 := key(list[j])
		if a1 != b1 {
			return a1 < b1
		}
		if a2 != b2 {
			return a2 < b2
		}
		return list[i].Org < list[j].Org
	})
	used := map[string]bool{IndexFile: true}
	for i := range list {
		base := list[i].Short
		if base == "" || shortClash(list, base) {
			base = list[i].Org
		}
		list[i].File = uniqueName(used, SafeFileName(base), ".xlsx")
	}
	return list
}

// shortClash reports whether several checklists share a short name, in
// which case full names make clearer files than numbered short ones.
func shortClash(list []Checklist, short string) bool {
	n := 0
	for _, c := range list {
		if c.Short == short {
			n++
		}
	}
	return n > 1
}

// uniqueName appends _2, _3 ... until the name is unused (ignoring case,
// as Windows does).
func uniqueName(used map[string]bool, base, ext string) string {
	name := base + ext
	for n := 2; used[strings.ToLower(name)]; n++ {
		name = base + "_" + strconv.Itoa(n) + ext
	}
	used[strings.ToLower(name)] = true
	return name
}

// maxFileNameBytes keeps names well under every file system's limit.
const maxFileNameBytes = 80

// SafeFileName makes a checklist's file name from an organisation's name
// (see filename.Safe): safe on Windows and Linux, at most 80 bytes.
func SafeFileName(s string) string { return filename.Safe(s, maxFileNameBytes, "org") }

// writeIndex writes checklists.csv: organisation, short name, file, items
// (UTF-8 with a BOM so that Excel shows the Cyrillic).
func writeIndex(dir string, list []Checklist) error {
	return atomicfile.Write(filepath.Join(dir, IndexFile), func(w io.Writer) error {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
		cw := csvsafe.NewWriter(w)
		cw.Write([]string{"Организация", "Краткое название", "Файл", "Мероприятий"})
		for _, c := range list {
			cw.Write([]string{c.Org, c.Short, c.File, strconv.Itoa(c.Items)})
		}
		cw.Flush()
		return cw.Error()
	})
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
	man := newManifest("checklist", p, p.Hash(), lay, orgPlaceholder, now, opts.Version)
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
		sheet: splits[0], man: splits[1], paths: [2]string{paths[0], paths[1]}, manif: man}
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
		period = "не указан"
	}
	heading(w, lay, st, clInfoRow, fmt.Sprintf(lab.Checklist.Period, period, len(ids), b.manif.Generated.Format("02.01.2006")), st.plain)
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
