package normalize

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// columnsTxt keeps the header synonyms in data, so that a municipality's
// wording is a one-line edit rather than a code change.
//
//go:embed columns.txt
var columnsTxt string

type synonym struct {
	role plan.Role
	// standIn is the role the header also fills when no column of the
	// table has it ("Содержание деятельности" is the activity when there
	// is no "Мероприятие"); "" for none.
	standIn plan.Role
	pattern string   // normalized
	padded  string   // " pattern ", for whole-word containment
	words   [][]rune // the pattern's words, for typo matching
}

// synonyms are parsed on first use, not at package initialisation: every
// command of the process links this package, and only an import reads
// headers.
var synonyms = sync.OnceValue(func() []synonym { return mustParseSynonyms(columnsTxt) })

func mustParseSynonyms(src string) []synonym {
	var out []synonym
	var role, standIn plan.Role
	for i, ln := range strings.Split(src, "\n") {
		ln = strings.TrimSpace(ln)
		switch {
		case ln == "" || strings.HasPrefix(ln, "#"):
		case strings.HasPrefix(ln, "[") && strings.HasSuffix(ln, "]"):
			r, alt, _ := strings.Cut(ln[1:len(ln)-1], ">")
			role, standIn = plan.Role(strings.TrimSpace(r)), plan.Role(strings.TrimSpace(alt))
		case role == "":
			panic(fmt.Sprintf("columns.txt:%d: synonym before any [role]", i+1))
		default:
			p := normHeader(ln)
			s := synonym{role: role, standIn: standIn, pattern: p, padded: " " + p + " "}
			for _, w := range strings.Fields(p) {
				s.words = append(s.words, []rune(w))
			}
			out = append(out, s)
		}
	}
	return out
}

// normHeader folds a header to the form synonyms are compared in: lower
// case, ё as е, "(…)" removed, punctuation as spaces, spaces folded.
// It runs on every cell of the rows searched for the header, so it lowers
// rune by rune instead of copying the text through strings.ToLower first.
func normHeader(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	depth := 0
	space := false
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r == '(':
			depth++
			continue
		case r == ')':
			if depth > 0 {
				depth--
			}
			continue
		case depth > 0:
			continue
		case r == 'ё':
			r = 'е'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '№' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// matchRole returns the best role for a header text and a score (0 when
// nothing matched). An exact match beats containment; among contained
// synonyms the activity's win, then longer ones beat shorter ones.
// Containment is only tried on short headers, so that a data cell such
// as "Организация мероприятия ..." is not taken for a header.
func matchRole(header string) (plan.Role, int) {
	s, sc := matchSynonym(header)
	if s == nil {
		return plan.RoleOther, 0
	}
	return s.role, sc
}

// matchSynonym is matchRole returning the synonym that matched, or nil.
func matchSynonym(header string) (*synonym, int) {
	h := normHeader(header)
	if h == "" {
		return nil, 0
	}
	hw := len(strings.Fields(h))
	padded := " " + h + " "
	var best *synonym
	score := 0
	syns := synonyms()
	for i := range syns {
		s := &syns[i]
		sc := 0
		switch {
		case h == s.pattern:
			sc = 1000 + len(s.pattern)
		case hw <= 8 && strings.Contains(padded, s.padded):
			sc = 100 + len(s.pattern)
			if s.role == plan.RoleActivity {
				// "Наименование подпрограммы, основного мероприятия,
				// мероприятия": a header that names the measure is the
				// activity, whatever else it names.
				sc += 50
			}
		}
		if sc > score {
			best, score = s, sc
		}
	}
	return best, score
}

// coreFields maps the roles that have their own Item field.
var coreFields = map[plan.Role]string{
	plan.RoleNumber:      plan.FieldNumber,
	plan.RoleActivity:    plan.FieldActivity,
	plan.RoleDeadline:    plan.FieldDeadline,
	plan.RoleResponsible: plan.FieldResponsible,
	plan.RoleResult:      plan.FieldResult,
	plan.RoleReportForm:  plan.FieldReportForm,
}

// layout is the table's column structure once the header is found.
type layout struct {
	cols []plan.Column
	// first row index after the header (and its sub-header and
	// column-number rows).
	body int
	// column indexes of the core fields, -1 when absent.
	num, act, resp, desc int
	deadlines            []int // every deadline column, in order
	co                   []int // columns of co-executors ("Соисполнители")
	// persons marks the columns of co that name the responsible's people
	// beside an organisations' column ("Организация | Ответственное
	// лицо"): their executors are responsible, not co-executors.
	persons    []bool
	groups     []int // grouping columns, outermost first
	groupKinds []string
	figures    []bool // per column: funding or indicator figures
	// headerNorm holds each header row's cells, normalized, to recognise
	// the header repeated after a page break.
	headerNorm [][]string
	headerPos  plan.Pos
	reading    *plan.Reading
}

const maxHeaderScan = 15

// findLayout finds the header row among the first rows and derives the
// columns. Rows before it are returned as extra title lines.
//
// The header is first looked for with exact readings only; typo-tolerant
// readings are tried only when no row qualifies that way, so a document
// whose header is spelled right never has an earlier row taken for it.
func findLayout(t *ingest.Table, d *plan.Diagnostics) (*layout, []ingest.Line, error) {
	h := -1
	for _, tolerant := range [...]bool{false, true} {
		for i := 0; i < len(t.Rows) && i < maxHeaderScan; i++ {
			if isHeaderRow(&t.Rows[i], tolerant) {
				h = i
				break
			}
		}
		if h >= 0 {
			break
		}
	}
	if h < 0 {
		pos := plan.Pos{File: t.Source.Path}
		if len(t.Rows) > 0 {
			pos = plan.Pos{File: t.Rows[0].Pos.File, Line: t.Rows[0].Pos.Line}
		}
		return nil, nil, fmt.Errorf("%s: не найдена строка заголовка таблицы: ожидаются столбцы вроде «Мероприятие», «Сроки», «Ответственные»", pos)
	}
	var pre []ingest.Line
	for _, r := range t.Rows[:h] {
		for j, c := range r.Cells {
			if c.Text != "" && !colspanCopy(&r, j) {
				pre = append(pre, ingest.Line{Text: c.Text, Pos: r.CellPos(j)})
			}
		}
	}
	hdr := []*ingest.Row{&t.Rows[h]}
	body := h + 1
	for body < len(t.Rows) && len(hdr) < maxHeaderRows && isSubHeader(hdr, &t.Rows[body]) {
		hdr = append(hdr, &t.Rows[body])
		body++
	}
	width := 0
	for _, r := range hdr {
		width = max(width, len(r.Cells))
	}
	grid := newHeaderGrid(hdr, width)
	paths := make([][]string, width)
	for j := range paths {
		paths[j] = grid.path(j)
	}
	// A trailing tab gives the header an empty last cell; drop such
	// columns when no row has text in them.
	for len(paths) > 0 && len(paths[len(paths)-1]) == 0 && !columnUsed(t.Rows[body:], len(paths)-1) {
		paths = paths[:len(paths)-1]
	}
	l := &layout{num: -1, act: -1, resp: -1, desc: -1, reading: &plan.Reading{}}
	for _, r := range hdr {
		l.reading.HeaderLines = append(l.reading.HeaderLines, r.Pos.Line)
		norm := make([]string, len(r.Cells))
		for j, c := range r.Cells {
			if !c.Spanned {
				norm[j] = normHeader(c.Text)
			}
		}
		l.headerNorm = append(l.headerNorm, norm)
	}
	matches := make([]headerMatch, len(paths))
	seen := map[string]int{}
	for j, path := range paths {
		header := strings.Join(path, " / ")
		m, at := readPath(path)
		if m.score == 0 && len(path) == 1 && yearOf(path[0]) != 0 && marksOnly(t.Rows[body:], j) {
			// "2024 г. | 2025 г. | 2026 г." ticked with "+": a deadline
			// column per year without a "Сроки" header over them.
			m = headerMatch{role: plan.RoleDeadline, score: 1}
		}
		matches[j] = m
		if header == "" {
			header = "Столбец " + strconv.Itoa(j+1)
		}
		pos := hdr[0].Pos
		if r := hdr[min(at, len(hdr)-1)]; cellAt(r, j) != nil {
			pos = r.CellPos(j)
		}
		if cellAt(hdr[0], j) != nil && at == 0 {
			pos = hdr[0].CellPos(j)
		}
		switch {
		case m.score == 0:
			d.Add(pos, plan.Info, plan.CodeHeaderUnknown,
				"заголовок столбца не распознан, значения сохранены как дополнительные", header)
		case m.guessed():
			d.Add(pos, plan.Info, plan.CodeHeaderTypo, guessMessage(m), header)
		}
		if n := seen[header]; n > 0 {
			seen[header] = n + 1
			header = fmt.Sprintf("%s (%d)", header, n+1)
		} else {
			seen[header] = 1
		}
		col := plan.Column{Header: header, Role: m.role, Field: plan.FieldExtra}
		if len(path) > 1 {
			col.Path = path
		}
		if len(path) > 0 {
			col.Year = yearOf(path[len(path)-1])
		}
		l.cols = append(l.cols, col)
	}
	l.reading.Columns = make([]string, len(l.cols))
	l.assignFields(matches)
	l.headerPos = hdr[0].Pos
	if body < len(t.Rows) && isColumnNumbers(&t.Rows[body]) {
		r := &t.Rows[body]
		d.Add(r.Pos, plan.Info, plan.CodeNoiseRow, "строка с номерами столбцов пропущена", strings.Join(r.Texts(), " "))
		l.reading.NumbersLine = r.Pos.Line
		body++
	}
	l.body = body
	return l, pre, nil
}

// readPath reads a column's role from its header path, the innermost
// header that names one first ("Срок / начало": a deadline; "Объемы
// финансирования / всего": funding). It returns the reading and the row
// of the path element read.
//
// A bare "наименование" (or "название") under another header names what
// that header names: "Показатель / наименование" is the indicator's name,
// not the activity; alone or on top it is the activity, as columns.txt says.
func readPath(path []string) (headerMatch, int) {
	for k := len(path) - 1; k >= 0; k-- {
		if k > 0 && bareName(path[k]) {
			if m, at := readPath(path[:k]); m.score > 0 {
				return m, at
			}
		}
		if m := readHeader(path[k]); m.score > 0 {
			return m, k
		}
	}
	return headerMatch{role: plan.RoleOther}, 0
}

// bareName reports a header that is only the word for a name.
func bareName(h string) bool {
	switch normHeader(h) {
	case "наименование", "название":
		return true
	}
	return false
}

// assignFields gives each column the field its values live in: the first
// column of a core role takes the role's field; a column that only
// describes the activity stands in for it when no column names the
// measure; of several executor columns, the one of the responsible ("Ответственный
// исполнитель") keeps the field and the others ("Соисполнители",
// "Участники") hold co-executors; grouping columns become levels of
// sections, their values kept in extra.
func (l *layout) assignFields(matches []headerMatch) {
	has := func(r plan.Role) bool {
		for _, c := range l.cols {
			if c.Role == r {
				return true
			}
		}
		return false
	}
	if !has(plan.RoleActivity) {
		// A description, then the innermost grouping column, that may
		// stand in ("Цель | Задачи | Сроки": the tasks are the rows).
		for _, r := range [...]plan.Role{plan.RoleDescription, plan.RoleGroup} {
			standsIn := func(m headerMatch) bool { return m.role == r && m.standIn == plan.RoleActivity }
			j := slices.IndexFunc(matches, standsIn)
			if r == plan.RoleGroup {
				j = lastIndexFunc(matches, standsIn)
			}
			if j >= 0 {
				l.cols[j].Role = plan.RoleActivity
				l.reading.Columns[j] = "другого столбца с наименованием мероприятия нет"
				break
			}
		}
	}
	main := l.mainResponsible()
	l.figures = make([]bool, len(l.cols))
	for j := range l.cols {
		c := &l.cols[j]
		if f, ok := coreFields[c.Role]; ok && !slices.ContainsFunc(l.cols[:j], func(o plan.Column) bool { return o.Field == f }) {
			c.Field = f
		}
		switch c.Role {
		case plan.RoleResponsible:
			c.Field = plan.FieldExtra
			if j == main {
				c.Field = plan.FieldResponsible
			} else {
				c.Field = plan.FieldCoResponsible
				l.co = append(l.co, j)
				person := personHeader(c.Header) && orgHeader(l.cols[main].Header)
				l.persons = append(l.persons, person)
				l.reading.Columns[j] = "ответственный указан в столбце «" + l.cols[main].Header + "»"
				if person {
					l.reading.Columns[j] = "их организации — в столбце «" + l.cols[main].Header + "»"
				}
			}
		case plan.RoleDescription:
			if l.desc < 0 {
				c.Field, l.desc = plan.FieldDescription, j
			}
		case plan.RoleGroup:
			l.groups = append(l.groups, j)
			l.groupKinds = append(l.groupKinds, groupKind(c.Header))
			l.reading.Columns[j] = "значение открывает раздел и относится ко всем строкам ниже до следующего значения"
		case plan.RoleDeadline:
			l.deadlines = append(l.deadlines, j)
		case plan.RoleFunding, plan.RoleIndicator:
			l.figures[j] = true
		}
		switch c.Field {
		case plan.FieldNumber:
			l.num = j
		case plan.FieldActivity:
			l.act = j
		case plan.FieldResponsible:
			l.resp = j
		}
	}
}

func lastIndexFunc[T any](s []T, f func(T) bool) int {
	for i := len(s) - 1; i >= 0; i-- {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// mainResponsible picks the column of the responsible among the executor
// columns: the one that says "ответственный", else the first that is not
// of co-executors or participants, else the first; -1 when none.
func (l *layout) mainResponsible() int {
	// "Организация | Ответственное лицо": the bodies are the executors,
	// the people their contacts.
	org, person := -1, false
	for j, c := range l.cols {
		if c.Role == plan.RoleResponsible {
			if org < 0 && orgHeader(c.Header) && !personHeader(c.Header) {
				org = j
			}
			person = person || personHeader(c.Header)
		}
	}
	if org >= 0 && person {
		return org
	}
	first, plain := -1, -1
	for j, c := range l.cols {
		if c.Role != plan.RoleResponsible {
			continue
		}
		h := normHeader(c.Header)
		if strings.Contains(h, "ответствен") {
			return j
		}
		if first < 0 {
			first = j
		}
		if plain < 0 && !strings.Contains(h, "соисполн") && !strings.Contains(h, "участ") && !strings.Contains(h, "партнер") {
			plain = j
		}
	}
	if plain >= 0 {
		return plain
	}
	return first
}

// personHeader reports an executors' header that names people:
// "Ответственное лицо", "ФИО ответственного", "Ответственный (Ф.И.О.,
// должность)".
func personHeader(h string) bool {
	h = normHeader(h)
	return strings.Contains(h, "лицо") || strings.Contains(h, "лица") || strings.Contains(h, "фио") ||
		strings.Contains(h, "ф и о") || strings.Contains(h, "должност")
}

// orgHeader reports an executors' header that names bodies:
// "Организация", "Ответственная организация", "Учреждение-исполнитель".
func orgHeader(h string) bool {
	h = normHeader(h)
	return strings.Contains(h, "организац") || strings.Contains(h, "учрежден")
}

// groupKind is the section kind a grouping column's header names.
func groupKind(header string) string {
	h := normHeader(header)
	for _, k := range [...][2]string{{"подпрограмм", "подпрограмма"}, {"этап", "этап"}, {"направлен", "направление"},
		{"задач", "задача"}, {"цел", "цель"}, {"раздел", "раздел"}, {"блок", "блок"}} {
		if strings.Contains(h, k[0]) {
			return k[1]
		}
	}
	return ""
}

// marksOnly reports a column whose texts are all marks ticking a year
// ("+", "х"), at least one.
func marksOnly(rows []ingest.Row, j int) bool {
	n := 0
	for i := range rows {
		if j >= len(rows[i].Cells) || rows[i].Cells[j].Text == "" {
			continue
		}
		if !isYearMark(rows[i].Cells[j].Text) {
			return false
		}
		n++
	}
	return n > 0
}

func columnUsed(rows []ingest.Row, j int) bool {
	for i := range rows {
		if j < len(rows[i].Cells) && rows[i].Cells[j].Text != "" {
			return true
		}
	}
	return false
}

// isHeaderRow: at least two cells name a role and one of them names the
// activity. With tolerant, cells are read through typos too (readHeader);
// then more than half of the row's texts must name a role, since a header
// is mostly recognizable and a data row mostly not, and no cell may be an
// item number ("1.", "2.3"), which only data rows carry.
func isHeaderRow(r *ingest.Row, tolerant bool) bool {
	matched, texts, activity := 0, 0, false
	for j, c := range r.Cells {
		if c.Text == "" || colspanCopy(r, j) {
			continue
		}
		texts++
		if tolerant {
			if _, ok := parseNumber(c.Text); ok {
				return false
			}
		}
		var role, standIn plan.Role
		var sc int
		if tolerant {
			m := readHeader(c.Text)
			role, standIn, sc = m.role, m.standIn, m.score
		} else if s, score := matchSynonym(c.Text); s != nil {
			role, standIn, sc = s.role, s.standIn, score
		}
		if sc == 0 {
			continue
		}
		matched++
		if role == plan.RoleActivity || standIn == plan.RoleActivity {
			activity = true
		}
	}
	return matched >= 2 && activity && (!tolerant || 2*matched > texts)
}

// isColumnNumbers reports a row "1 2 3 4 ..." that numbers the columns:
// small increasing integers from 1 and nothing else.
func isColumnNumbers(r *ingest.Row) bool {
	n, prev := 0, 0
	for _, c := range r.Cells {
		if c.Text == "" {
			continue
		}
		s := strings.TrimSuffix(c.Text, ".")
		if strings.Trim(s, "0123456789+-") != "" {
			return false // not a number: spares Atoi's error, which copies the text
		}
		v, err := strconv.Atoi(s)
		if err != nil || v <= prev || v > 30 || n == 0 && v != 1 {
			return false
		}
		prev = v
		n++
	}
	return n >= 2 && n == r.NonEmpty()
}

// colspanCopy reports whether cell j is copied from a colspan origin to
// its left in the same row (same position as its left neighbour): its
// text belongs to the origin only. A rowspan copy, whose origin is in an
// earlier row, keeps its text: the value applies to this row too.
func colspanCopy(r *ingest.Row, j int) bool {
	return j > 0 && r.Cells[j].Spanned && r.Cells[j-1].At == r.Cells[j].At
}
