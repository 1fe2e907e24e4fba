package normalize

import (
	"slices"
	"strings"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Options tunes Build. The zero value is ready to use.
type Options struct {
	// Aliases adds executor spellings to the embedded alias table
	// (variant -> canonical), e.g. from a municipality's own file.
	Aliases map[string]string
}

// builder holds the state of one Build: the open sections and the
// numbering tree under the innermost heading.
type builder struct {
	l    *layout
	plan *plan.Plan
	diag *plan.Diagnostics
	ids  ids

	headings []*node // open heading sections, outermost first
	root     *node   // innermost heading, or a virtual root before any
	chain    []*node // numbered groups and items under root, outermost first
	// itemNodes is the room of the items' nodes, one per row placed,
	// allocated once (a node each was 5,000 allocations of 128 bytes).
	itemNodes []node

	unnumbered    int    // unnumbered headings so far
	lastItemID    string // last numbered item under the current heading
	sinceNumbered int    // unnumbered items since then

	numSeen         map[string]seenNumber
	headingSeen     map[string]int
	lastTop         int   // last one-component number
	lastTopRoot     *node // the heading it was under
	lastHeading     int
	lastHeadingKind numKind
	styles          []numberStyle

	itemRows []*lrow // the logical row of each plan item
	totalPos []*lrow // the logical row of each plan total

	// Sections opened by grouping columns, one per column (nil when
	// none is open), and the values that opened them.
	groupNodes []*node
	groupVals  []string

	// restart: the document numbers each section's rows anew, and item
	// ids are qualified by section (ids.go). siblings counts the
	// sections opened under each parent id, for the qualifier of an
	// unnumbered one.
	restart     bool
	toldOrdinal bool // the Info on unnumbered sections' qualifiers is given
	siblings    map[string]int
}

type seenNumber struct {
	line int
	root *node
}

// Build makes a plan from a table. It returns an error only when the table
// cannot be a roadmap at all (no header row); everything doubtful is a
// diagnostic in the plan.
func Build(t *ingest.Table, opts Options) (*plan.Plan, error) {
	var d plan.Diagnostics
	t, skipped := chooseTable(t)
	above := skippedText(skipped, &d)
	l, pre, err := findLayout(t, &d)
	if err != nil {
		return nil, err
	}
	p := &plan.Plan{
		SchemaVersion: plan.SchemaVersion,
		Source:        t.Source,
		Columns:       l.cols,
		Sections:      []plan.Section{},
		Items:         []plan.Item{},
	}
	titleLines := append(append(above, t.Title...), pre...)
	titleLines, t = headingAboveTable(titleLines, t, l)
	setTitle(p, titleLines, t, &d)

	b := &builder{
		l: l, plan: p, diag: &d,
		root:        &node{section: true},
		headingSeen: map[string]int{},
	}
	rows := logicalRows(t, l, &d)
	infos := b.classify(rows)
	b.restart = restartsPerSection(infos)
	// The items and the numbers' styles are at most the rows placed (an
	// item or a group each), the ids those and the headings: allocated
	// once at that size, not grown by doubling (5,000 styles grown by
	// append allocated five times their size).
	placed, numbered, arabic, headings := 0, 0, 0, 0
	for _, inf := range infos {
		switch inf.kind {
		case rowItem, rowGroup:
			placed++
			if inf.num != nil {
				numbered++
				if inf.num.kind == numArabic {
					arabic++
				}
			}
		case rowHeading:
			headings++
		}
	}
	p.Items = make([]plan.Item, 0, placed)
	b.itemRows = make([]*lrow, 0, placed)
	b.itemNodes = make([]node, 0, placed)
	b.styles = make([]numberStyle, 0, arabic)
	b.ids, b.numSeen = make(ids, placed+headings), make(map[string]seenNumber, numbered)
	b.groupNodes, b.groupVals = make([]*node, len(l.groups)), make([]string, len(l.groups))
	var notes []string // the texts under the table
	var notePos []plan.Pos
	for i, inf := range infos {
		if inf.open != nil {
			b.openGroups(rows[i], inf)
		}
		switch inf.kind {
		case rowHeading:
			b.openHeading(rows[i], inf)
		case rowGroupOnly:
		case rowNote:
			lr := rows[i]
			var texts []string
			for _, j := range lr.filled() {
				texts = append(texts, lr.cells[j])
			}
			d.Add(lr.src.Pos, plan.Info, plan.CodeTextOutsideTable, "строка под таблицей без мероприятия и срока сохранена только здесь", strings.Join(texts, " "))
			notes = append(notes, strings.Join(texts, "\n"))
			notePos = append(notePos, lr.src.Pos)
		case rowTotal:
			at := int(inf.headCol)
			b.addTotal(rows[i], at, b.totalTarget(rows[i].cells[at], inf.last), false)
		default:
			b.place(rows[i], inf)
		}
	}
	checkDots(b.styles, &d)
	b.checkTotals()
	p.Reading = l.reading
	if len(p.Items) == 0 {
		d.Add(l.headerPos, plan.Error, plan.CodeNoItems,
			"в таблице нет ни одного мероприятия: после заголовка нет строк с мероприятиями; ожидается хотя бы одна", "")
	}
	if l.num < 0 && len(p.Items) > 0 {
		d.Add(l.headerPos, plan.Info, plan.CodeNoNumber,
			"в таблице нет столбца с номерами: мероприятиям даны идентификаторы по порядку", "")
	}
	for _, ln := range t.Trailing {
		d.Add(ln.Pos, plan.Info, plan.CodeTextOutsideTable, "текст после таблицы сохранен только здесь", ln.Text)
		notes = append(notes, ln.Text)
	}

	b.resolve(titleLines, rows, notes, opts)

	// A signature or a note under the table has the cells it has: that
	// it has fewer than the header is no broken row.
	tds := t.Diagnostics
	if len(notePos) > 0 {
		tds = slices.DeleteFunc(slices.Clone(tds), func(x plan.Diagnostic) bool {
			return x.Code == plan.CodeRaggedRow && slices.Contains(notePos, x.Pos)
		})
	}
	switch {
	case len(tds) > 0:
		p.Diagnostics = append(append(plan.Diagnostics{}, tds...), d...)
	case d != nil:
		// The reader found nothing (most exports): the build's list is
		// the plan's, not copied (about 1,200 diagnostics of 88 bytes for an
		// export of 5,000 activities).
		p.Diagnostics = d
	default:
		p.Diagnostics = plan.Diagnostics{}
	}
	p.Diagnostics.Sort()
	p.Diagnostics.RemoveRepeats()
	return p, nil
}

// headingAboveTable takes the first section's heading out of the title:
// a plan split into tables, one per section, has each table's heading in
// a paragraph above it ("1. Подготовительный этап"), and the first one
// reads as the title's last line. A last line that is a numbered heading
// ("1. ...", "I. ...", "Раздел 1. ...") under the title proper opens
// the first section instead: t is returned as a copy with it as a row
// without tabs before the body, as ingest lays the headings between the
// tables.
func headingAboveTable(lines []ingest.Line, t *ingest.Table, l *layout) ([]ingest.Line, *ingest.Table) {
	if len(lines) < 2 || l.body > len(t.Rows) {
		return lines, t
	}
	last := lines[len(lines)-1]
	n, rest, ok := headingPrefix(last.Text)
	if !ok || rest == "" || len(n.path) != 1 || titleStartRE.MatchString(rest) || anyYearRE.MatchString(rest) {
		return lines, t
	}
	cp := *t
	cp.Rows = make([]ingest.Row, 0, len(t.Rows)+1)
	cp.Rows = append(cp.Rows, t.Rows[:l.body]...)
	cp.Rows = append(cp.Rows, ingest.Row{Pos: last.Pos, NoTabs: true,
		Cells: []ingest.Cell{{Text: last.Text, Raw: last.Text, At: ingest.At{Line: int32(last.Pos.Line), Col: int32(last.Pos.Col)}}}})
	cp.Rows = append(cp.Rows, t.Rows[l.body:]...)
	return lines[:len(lines)-1], &cp
}
