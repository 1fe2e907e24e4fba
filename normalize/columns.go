package normalize

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// columnsTxt keeps the header synonyms in data, so that a municipality's
// wording is a one-line edit rather than a code change.
//
//go:embed columns.txt
var columnsTxt string

type synonym struct {
	role    plan.Role
	pattern string   // normalized
	padded  string   // " pattern ", for whole-word containment
	words   [][]rune // the pattern's words, for typo matching
}

var synonyms = mustParseSynonyms(columnsTxt)

func mustParseSynonyms(src string) []synonym {
	var out []synonym
	var role plan.Role
	for i, ln := range strings.Split(src, "\n") {
		ln = strings.TrimSpace(ln)
		switch {
		case ln == "" || strings.HasPrefix(ln, "#"):
		case strings.HasPrefix(ln, "[") && strings.HasSuffix(ln, "]"):
			role = plan.Role(ln[1 : len(ln)-1])
		case role == "":
			panic(fmt.Sprintf("columns.txt:%d: synonym before any [role]", i+1))
		default:
			p := normHeader(ln)
			s := synonym{role: role, pattern: p, padded: " " + p + " "}
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
// nothing matched). An exact match beats containment; longer synonyms beat
// shorter ones. Containment is only tried on short headers, so that a data
// cell such as "Организация мероприятия ..." is not taken for a header.
func matchRole(header string) (plan.Role, int) {
	h := normHeader(header)
	if h == "" {
		return plan.RoleOther, 0
	}
	hw := len(strings.Fields(h))
	padded := " " + h + " "
	best, score := plan.RoleOther, 0
	for _, s := range synonyms {
		sc := 0
		switch {
		case h == s.pattern:
			sc = 1000 + len(s.pattern)
		case hw <= 8 && strings.Contains(padded, s.padded):
			sc = 100 + len(s.pattern)
		}
		if sc > score {
			best, score = s.role, sc
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
	num, act, resp int
	deadlines      []int    // every deadline column, in order
	headerNorm     []string // the header row's cells, normalized
	headerPos      plan.Pos
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
				pre = append(pre, ingest.Line{Text: c.Text, Pos: c.Pos})
			}
		}
	}
	hdr := &t.Rows[h]
	texts := make([]string, len(hdr.Cells))
	for j, c := range hdr.Cells {
		texts[j] = c.Text
	}
	subs := make([]string, len(texts))
	body := h + 1
	if body < len(t.Rows) && isSubHeader(hdr, &t.Rows[body]) {
		for j, c := range t.Rows[body].Cells {
			if j < len(subs) && c.Text != "" && !c.Spanned {
				subs[j] = c.Text
			}
		}
		body++
	}
	// A trailing tab gives the header an empty last cell; drop such
	// columns when no row has text in them.
	for len(texts) > 0 && texts[len(texts)-1] == "" && subs[len(texts)-1] == "" && !columnUsed(t.Rows[body:], len(texts)-1) {
		texts, subs = texts[:len(texts)-1], subs[:len(subs)-1]
	}
	l := &layout{num: -1, act: -1, resp: -1}
	seen := map[string]int{}
	for j, text := range texts {
		header := text
		var m headerMatch
		if g := groupStart(hdr, j); subs[j] != "" && g >= 0 && grouped(hdr, g) {
			// "Срок" over "начало" | "окончание"
			group := texts[g]
			header = group + ": " + subs[j]
			if m = readHeader(subs[j]); m.score == 0 {
				m = readHeader(group)
			}
		} else if subs[j] != "" {
			// "Наименование" over "мероприятия": one header in two lines
			header = strings.TrimSpace(text + " " + subs[j])
			if m = readHeader(header); m.score == 0 {
				m = readHeader(text)
			}
		} else {
			m = readHeader(text)
		}
		role := m.role
		if header == "" {
			header = "Столбец " + strconv.Itoa(j+1)
		}
		switch {
		case m.score == 0:
			d.Add(hdr.Cells[j].Pos, plan.Info, plan.CodeHeaderUnknown,
				"заголовок столбца не распознан, значения сохранены как дополнительные", header)
		case m.guessed():
			d.Add(hdr.Cells[j].Pos, plan.Info, plan.CodeHeaderTypo, guessMessage(m), header)
		}
		if n := seen[header]; n > 0 {
			seen[header] = n + 1
			header = fmt.Sprintf("%s (%d)", header, n+1)
		} else {
			seen[header] = 1
		}
		col := plan.Column{Header: header, Role: role, Field: plan.FieldExtra}
		if f, ok := coreFields[role]; ok {
			taken := false
			for _, c := range l.cols {
				if c.Field == f {
					taken = true
				}
			}
			if !taken {
				col.Field = f
			}
		}
		switch col.Field {
		case plan.FieldNumber:
			l.num = j
		case plan.FieldActivity:
			l.act = j
		case plan.FieldResponsible:
			l.resp = j
		}
		if role == plan.RoleDeadline {
			l.deadlines = append(l.deadlines, j)
		}
		l.cols = append(l.cols, col)
	}
	l.headerPos = hdr.Pos
	l.headerNorm = make([]string, len(texts))
	for j, t := range texts {
		l.headerNorm[j] = normHeader(t)
	}
	if body < len(t.Rows) && isColumnNumbers(&t.Rows[body]) {
		r := &t.Rows[body]
		d.Add(r.Pos, plan.Info, plan.CodeNoiseRow, "строка с номерами столбцов пропущена", strings.Join(r.Texts(), " "))
		body++
	}
	l.body = body
	return l, pre, nil
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
		var role plan.Role
		var sc int
		if tolerant {
			m := readHeader(c.Text)
			role, sc = m.role, m.score
		} else {
			role, sc = matchRole(c.Text)
		}
		if sc == 0 {
			continue
		}
		matched++
		if role == plan.RoleActivity {
			activity = true
		}
	}
	return matched >= 2 && activity && (!tolerant || 2*matched > texts)
}

// isSubHeader reports whether row continues the header row: short texts
// that subdivide a header cell ("Срок" over "начало" | "окончание",
// "Финансирование" over "2022" | "2023"), or that finish header texts
// broken over two lines ("Наименование" over "мероприятия"), with the
// number cell empty. A data row without a number is told apart by its
// texts: under no group and starting with a capital.
func isSubHeader(hdr, r *ingest.Row) bool {
	if r.NoTabs || isColumnNumbers(r) {
		return false
	}
	own, grouped, lower := 0, false, true
	for j, c := range r.Cells {
		if c.Text == "" || c.Spanned {
			continue
		}
		if j == 0 || j >= len(hdr.Cells) {
			return false
		}
		if len([]rune(c.Text)) > 40 || len(strings.Fields(c.Text)) > 4 {
			return false
		}
		if groupMember(hdr, j) {
			if groupStart(hdr, j) < 0 {
				return false
			}
			grouped = true
		}
		if first, _ := utf8.DecodeRuneInString(c.Text); !unicode.IsLower(first) {
			lower = false
		}
		own++
	}
	return own > 0 && (grouped || lower)
}

// groupMember: header cell j is empty or a colspan copy, i.e. part of the
// header cell to its left.
func groupMember(hdr *ingest.Row, j int) bool {
	return j < len(hdr.Cells) && (hdr.Cells[j].Text == "" || colspanCopy(hdr, j))
}

// groupStart returns the header cell that column j belongs to, or -1.
func groupStart(hdr *ingest.Row, j int) int {
	for ; j >= 0; j-- {
		if !groupMember(hdr, j) {
			return j
		}
	}
	return -1
}

// grouped reports whether the header cell at g spans further columns.
func grouped(hdr *ingest.Row, g int) bool {
	return groupMember(hdr, g+1)
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
	return j > 0 && r.Cells[j].Spanned && r.Cells[j-1].Pos == r.Cells[j].Pos
}
