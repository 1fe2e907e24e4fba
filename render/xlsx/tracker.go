package xlsx

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// TrackerOptions configure WriteTracker.
type TrackerOptions struct {
	Progress *plan.Progress    // latest collected answers, may be nil
	Password string            // sheet protection password, "" = protected without password
	Labels   *templates.Labels // the words; nil = the embedded templates
	Now      time.Time         // generation time (manifest, overdue); zero = time.Now()
	Version  string            // tool version for the manifest
	// Quarter is the quarter the tracker is issued for ("2022Q1", written
	// in its manifest; "" = none), Key the store's key that signs the
	// manifest (plan.Manifest.Sign; nil = unsigned).
	Quarter string
	Key     []byte
}

// Rows of the План sheet above the table.
const (
	trackerTitleRow  = 1
	trackerInfoRow   = 2
	trackerHeaderRow = 3
)

// WriteTracker writes the department's Excel tracker of the plan: sheet
// План (every section and item, with the columns to fill), Календарь
// (items by month), Сводка (live counts by section and executor) and the
// very hidden manifest.
func WriteTracker(w io.Writer, p *plan.Plan, opts TrackerOptions) error {
	lab := labelsOf(opts.Labels)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	// The hash (a JSON encoding of the whole plan) runs beside the layout
	// work: on two cores this hides most of it.
	hashc := make(chan string, 1)
	go func() { hashc <- p.Hash() }()
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	// The rows of Календарь, План and Сводка are written and deflated on
	// other goroutines while excelize lays out the template below; the
	// calendar's need no layout, so they start before its fitting (the
	// widths of every column measured over every item).
	rows := tableRows(p, nil)
	cal := newCalendar(p, lab, st)
	calBody := startBody(func(cw *rowsWriter) { cal.rows(cw, rows) })
	lay := newLayout(p, lab, true)
	lay.fit(p)
	tw := newTableWriter(p, lay, st)
	first := trackerHeaderRow + 1
	last := trackerHeaderRow + len(rows)
	if last < first {
		last = first
	}
	fills, notes := progressFills(p, lab, opts.Progress)

	planBody := startBody(func(pw *rowsWriter) {
		heading(pw, lay, st, trackerTitleRow, p.Title, st.title)
		heading(pw, lay, st, trackerInfoRow, infoLine(p, lab, now), st.subtitle)
		tw.header(pw, trackerHeaderRow)
		execKeys := executorKeys(p)
		secKeys := sectionKeys(p)
		r := first
		for _, ref := range rows {
			if ref.sec != nil {
				tw.section(pw, r, ref.sec)
			} else {
				it := &p.Items[ref.item]
				tw.item(pw, r, ref.item, fills[ref.item], sectionKey(secKeys, it), execKeys[ref.item])
			}
			r++
		}
	})
	planSheet := lab.Sheets.Plan
	sumBody := startBody(func(sw *rowsWriter) { summaryRows(sw, p, lab, st, lay, planSheet, first, last) })

	if err := f.SetSheetName("Sheet1", planSheet); err != nil {
		return err
	}
	for _, name := range []string{lab.Sheets.Calendar, lab.Sheets.Summary, manifestSheet} {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("лист %q: %w", name, err)
		}
	}
	lastVis := colName(lay.lastVisible)
	if err := setupTable(f, lay, st, tableSetup{sheet: planSheet, headerRow: trackerHeaderRow, firstRow: first, last: last,
		title: p.Title, password: opts.Password, footer: lab.Print.Footer, validation: lab}); err != nil {
		return err
	}
	for _, r := range []int{trackerTitleRow, trackerInfoRow} {
		if err := f.MergeCell(planSheet, "A"+strconv.Itoa(r), lastVis+strconv.Itoa(r)); err != nil {
			return err
		}
	}
	if err := cal.setup(f); err != nil {
		return err
	}
	if err := summarySetup(f, lab.Sheets.Summary, p.Title, lab); err != nil {
		return err
	}
	if err := f.SetSheetVisible(manifestSheet, false, true); err != nil {
		return err
	}
	statusCol := colName(lay.pos[kStatus])
	// Comments must be added before the template is serialised: they live
	// in their own parts, which splice copies untouched.
	r := first
	for _, ref := range rows {
		if ref.sec == nil && notes[ref.item] != "" {
			if err := f.AddComment(planSheet, excelize.Comment{Cell: statusCol + strconv.Itoa(r), Author: lab.Tracker.CommentAuthor,
				Width: 360, Height: 160, Paragraph: []excelize.RichTextRun{{Text: notes[ref.item]}}}); err != nil {
				return err
			}
		}
		r++
	}
	man := signed(newManifest("tracker", p, <-hashc, lay, "", now, opts.Version, opts.Quarter), opts.Key)
	if err := docProps(f, p, lab, man); err != nil {
		return err
	}
	f.SetActiveSheet(0)

	paths, err := sheetPaths(f, planSheet, lab.Sheets.Calendar, manifestSheet, lab.Sheets.Summary)
	if err != nil {
		return err
	}
	tpl, err := newTemplate(f, map[string]bool{paths[0]: true, paths[1]: true, paths[2]: true, paths[3]: true})
	if err != nil {
		return err
	}
	splits, err := tpl.sheets(paths...)
	if err != nil {
		return err
	}
	mw := &rowsWriter{}
	writeManifest(mw, man)
	man2 := splice(splits[2], mw, splits[2].tail)
	man2.store = true
	return tpl.write(w, map[string]part{
		paths[0]: (<-planBody).part(splits[0]),
		paths[1]: (<-calBody).part(splits[1]),
		paths[2]: man2,
		paths[3]: (<-sumBody).part(splits[3]),
	})
}

// sheetPaths finds the worksheet parts of the named sheets: excelize
// names them xl/worksheets/sheet<ID>.xml.
func sheetPaths(f *excelize.File, names ...string) ([]string, error) {
	ids := map[string]int{}
	for id, name := range f.GetSheetMap() {
		ids[name] = id
	}
	out := make([]string, len(names))
	for i, n := range names {
		id, ok := ids[n]
		if !ok {
			return nil, fmt.Errorf("xlsx: нет листа %q", n)
		}
		out[i] = "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
	}
	return out, nil
}

// heading writes a title line across the visible columns (merged in the
// template), tall enough for its wrapped text.
func heading(w *rowsWriter, lay *layout, st *styles, r int, text string, style int) {
	width := 0.0
	for _, c := range lay.cols[:lay.lastVisible] {
		width += c.width
	}
	size := 1.0
	if style == st.title {
		size = 1.35
	} else if style == st.subtitle {
		size = 1.15
	}
	n := textLines(text, width/size)
	w.start(r, float64(n)*lineHeightPt*size+4, 0)
	w.str(1, style, text)
	for c := 2; c <= lay.lastVisible; c++ {
		w.blank(c, style)
	}
	w.end()
}

// infoLine is the line under the title: municipality, period, date.
func infoLine(p *plan.Plan, lab *labels, now time.Time) string {
	var parts []string
	if p.Municipality != "" {
		parts = append(parts, p.Municipality)
	}
	if pr := periodText(p.Period); pr != "" {
		parts = append(parts, fmt.Sprintf(lab.Tracker.InfoPeriod, pr))
	}
	parts = append(parts, fmt.Sprintf(lab.Tracker.InfoItems, len(p.Items)), fmt.Sprintf(lab.Tracker.InfoGenerated, now.Format("02.01.2006 15:04")))
	return upperFirst(strings.Join(parts, "; "))
}

// periodText is "сентябрь 2021 – август 2024", or "" when unknown.
func periodText(pr plan.Period) string {
	if pr.IsZero() {
		return ""
	}
	return pr.From.Label() + " – " + pr.To.Label()
}

// sectionKeys maps every section id to the key Сводка counts its items
// under: the id of its top-level section.
func sectionKeys(p *plan.Plan) map[string]string {
	parent := make(map[string]string, len(p.Sections))
	for _, s := range p.Sections {
		parent[s.ID] = s.Parent
	}
	keys := make(map[string]string, len(p.Sections))
	for _, s := range p.Sections {
		// At most len(p.Sections) steps up: a hand-edited plan JSON with
		// a cycle must not hang the writer.
		id := s.ID
		for n := 0; n < len(p.Sections); n++ {
			up, ok := parent[id]
			if !ok || up == "" {
				break
			}
			if _, known := parent[up]; !known {
				break
			}
			id = up
		}
		keys[s.ID] = id
	}
	return keys
}

// sectionKey is the Сводка key of an item.
func sectionKey(keys map[string]string, it *plan.Item) string {
	if k, ok := keys[it.Section]; ok {
		return k
	}
	return noSectionKey
}

const noSectionKey = "_"

// executorName is the name an executor is counted under.
func executorName(e plan.Executor) string {
	if e.Org != "" {
		return e.Org
	}
	return strings.TrimSpace(e.Text)
}

// executorKeys builds, per item, "|org1|org2|": Сводка matches it with
// the COUNTIFS pattern "*|org|*", which cannot confuse ОО with ОбОО.
func executorKeys(p *plan.Plan) []string {
	out := make([]string, len(p.Items))
	for i := range p.Items {
		seen := map[string]bool{}
		var b strings.Builder
		for _, e := range p.Items[i].Responsible {
			n := executorName(e)
			if n == "" || seen[n] {
				continue
			}
			seen[n] = true
			if b.Len() == 0 {
				b.WriteByte('|')
			}
			b.WriteString(n)
			b.WriteByte('|')
		}
		out[i] = b.String()
	}
	return out
}

// progressFills turns the latest answers into the fill cells of each
// item. One answer is shown as it is. Several organisations' answers (a
// group item) show the aggregate status, the latest date, and the
// evidence and comments prefixed with each organisation; the full
// per-organisation detail goes into a cell note on the status.
func progressFills(p *plan.Plan, lab *labels, pr *plan.Progress) ([]fillValues, []string) {
	fills := make([]fillValues, len(p.Items))
	notes := make([]string, len(p.Items))
	if pr == nil {
		return fills, notes
	}
	for i := range p.Items {
		as := append([]plan.Answer(nil), pr.Answers[p.Items[i].ID]...)
		if len(as) == 0 {
			continue
		}
		sort.SliceStable(as, func(a, b int) bool { return as[a].Org < as[b].Org })
		label := func(a plan.Answer) string {
			if a.Status == plan.StatusNone {
				return a.Raw
			}
			return lab.Status(a.Status)
		}
		fv := &fills[i]
		if len(as) == 1 {
			a := as[0]
			*fv = fillValues{status: label(a), evidence: a.Evidence, comment: a.Comment, date: answerDate(a.Date)}
			continue
		}
		if s := pr.Status(p.Items[i].ID); s != plan.StatusNone {
			fv.status = lab.Status(s)
		}
		var ev, cm, note []string
		note = append(note, lab.Tracker.CommentHeading)
		for _, a := range as {
			if d := answerDate(a.Date); d > fv.date {
				fv.date = d
			}
			if a.Evidence != "" {
				ev = append(ev, a.Org+": "+a.Evidence)
			}
			if a.Comment != "" {
				cm = append(cm, a.Org+": "+a.Comment)
			}
			line := a.Org + ": " + label(a)
			if t := strings.TrimSpace(strings.Join(nonEmpty(a.Evidence, a.Comment), "; ")); t != "" {
				line += " — " + t
			}
			note = append(note, line)
		}
		fv.evidence = strings.Join(ev, "\n")
		fv.comment = strings.Join(cm, "\n")
		notes[i] = strings.Join(note, "\n")
	}
	return fills, notes
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// answerDate converts "YYYY-MM-DD" to an Excel date, 0 when absent or
// malformed (the text is then still in the collected data).
func answerDate(s string) float64 {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0
	}
	return excelDate(t)
}

// docProps sets the document properties: title, subject, creator and the
// plan hash as keywords, plus the manifest keys as custom properties.
func docProps(f *excelize.File, p *plan.Plan, lab *labels, m plan.Manifest) error {
	subject := p.Municipality
	if pr := periodText(p.Period); pr != "" {
		if subject != "" {
			subject = fmt.Sprintf(lab.Tracker.Subject, subject, pr)
		} else {
			subject = pr
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: plan.CutRunes(p.Title, maxCellRunes-1, "…"), Subject: subject, Creator: "roadmap",
		LastModifiedBy: "roadmap", Keywords: m.PlanHash, Created: m.Generated.UTC().Format(time.RFC3339),
		Modified: m.Generated.UTC().Format(time.RFC3339), Language: "ru-RU"}); err != nil {
		return err
	}
	for _, kv := range manifestRows(m) {
		// The signature is the workbook's own: the checklists' shared
		// template would carry one organisation's.
		if strings.HasPrefix(kv[0], "columns.") || kv[0] == "signature" || kv[1] == "" {
			continue
		}
		if err := f.SetCustomProps(excelize.CustomProperty{Name: "roadmap." + kv[0], Value: kv[1]}); err != nil {
			return err
		}
	}
	yes := true
	return f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes})
}

// upperFirst capitalises the first letter.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
