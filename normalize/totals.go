package normalize

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Totals. A programme table sums its funding per task, per subprogramme
// and for the whole programme in rows of their own ("Итого по задаче 1",
// "Всего по подпрограмме", "ВСЕГО"), and a numbered task row carries its
// subtotals in the funding columns. Neither is an activity: both are kept
// as plan.Total with their texts per column, attached to the section they
// sum or to the plan, and checked against the figures of what they sum.

var (
	totalRE = lazyre.New(`^(?i:итого|всего)(?:$|[\s:.,(])`)
	// totalRefRE names the section a total sums: "по задаче 1", "по
	// подпрограмме 2", "по разделу II".
	totalRefRE = lazyre.New(`(?i)по\s+(разделу|задаче|подпрограмме|направлению|этапу|цели|главе|блоку|мероприятию|пункту)\s+№?\s*(\d{1,3}(?:\.\d{1,3})*|[IVXLCІХ]+|[А-ЯЁA-Z])(?:$|[^\pL\d])`)
	// totalPlanRE names the whole plan: "по муниципальной программе", "по
	// плану", "по дорожной карте".
	totalPlanRE = lazyre.New(`(?i)по\s+(?:муниципальной\s+|государственной\s+)?(?:программе|плану|дорожной\s+карте)`)
	totalSubRE  = lazyre.New(`(?i)по\s+подпрограмме`)
	// totalPartRE marks a total of one funding source ("в том числе
	// областной бюджет"): not a sum of the items' figures in a column.
	totalPartRE = lazyre.New(`(?i)бюджет|в том числе|средств|внебюджет`)
)

// refKinds maps the word of "по задаче 1" to the section kind it names.
var refKinds = map[string]string{"разделу": "раздел", "задаче": "задача", "подпрограмме": "подпрограмма",
	"направлению": "направление", "этапу": "этап", "цели": "цель", "главе": "глава", "блоку": "блок"}

// isTotalLabel reports a row label that starts a total: "Итого", "ИТОГО:",
// "Всего по подпрограмме".
func isTotalLabel(s string) bool {
	if len(s) < len("итого") {
		return false
	}
	switch s[0] {
	case 0xd0: // Cyrillic И, В, и, в all start with this byte in UTF-8
	default:
		return false
	}
	return totalRE.MatchString(s)
}

// totalTarget returns the id of the section a total row sums ("" for the
// plan): the section its label names by number, the plan for "по
// программе" or "ВСЕГО", and otherwise the innermost open section, or the
// plan when the total closes the table.
func (b *builder) totalTarget(label string, last bool) string {
	if m := totalRefRE.FindStringSubmatch(label); m != nil {
		// The latest section of that number, of the kind the label names
		// if there is one ("по подпрограмме 1" is not "Задача 1").
		kind, key := refKinds[strings.ToLower(m[1])], strings.TrimSuffix(m[2], ".")
		found := ""
		for i := len(b.plan.Sections) - 1; i >= 0; i-- {
			s := &b.plan.Sections[i]
			if s.Number == nil || strings.TrimRight(*s.Number, ".)") != key {
				continue
			}
			if s.Kind == kind {
				return s.ID
			}
			// A section of no named kind may be the one meant; a "Задача
			// 1" is not what "по подпрограмме 1" sums.
			if found == "" && (s.Kind == "" || kind == "") {
				found = s.ID
			}
		}
		if found != "" {
			return found
		}
	}
	if totalSubRE.MatchString(label) {
		for k := len(b.headings) - 1; k >= 0; k-- {
			if s := b.plan.SectionByID(b.headings[k].id); s != nil && s.Kind == "подпрограмма" {
				return s.ID
			}
		}
		return ""
	}
	if totalPlanRE.MatchString(label) || strings.HasPrefix(label, "ВСЕГО") || strings.HasPrefix(label, "ИТОГО") && last {
		return ""
	}
	if last && len(b.plan.Sections) > 1 {
		return ""
	}
	// The innermost open section: a numbered group ("1. | Раздел 1")
	// in the numbering chain, or the heading.
	for k := len(b.chain) - 1; k >= 0; k-- {
		if b.chain[k].section {
			return b.chain[k].id
		}
	}
	return b.root.secID
}

// addTotal keeps a total row: label is the text of column at, values the
// other texts by column header.
func (b *builder) addTotal(lr *lrow, at int, section string, own bool) {
	t := plan.Total{Label: lr.cells[at], Section: section, Own: own, Line: lr.line(), Values: map[string]string{}}
	for j, c := range b.l.cols {
		if txt := lr.text(j); txt != "" && j != at && (!own || b.l.figures[j]) {
			t.Values[c.Header] = txt
		}
	}
	b.plan.Totals = append(b.plan.Totals, t)
	b.totalPos = append(b.totalPos, lr)
	if !own {
		where := "плана в целом"
		if section != "" {
			where = "раздела " + section
		}
		b.diag.Add(lr.cellPos(at), plan.Info, plan.CodeTotalRow,
			"строка итога не считается мероприятием; ее суммы отнесены к итогам "+where, lr.cells[at])
	}
}

// checkTotals compares each total's figures with the sum of what it
// totals, column by column, and reports a difference with both sums. A
// section's content is its items (an item's own figure, or its children's
// when it has none) and its subsections (their total when they have one).
// Totals of one funding source and columns whose texts are not figures
// are not checked.
func (b *builder) checkTotals() {
	p := b.plan
	if len(p.Totals) == 0 {
		return
	}
	// A section's own figures and its one total row, -1 when it has
	// several total rows (one per funding source, say).
	secOwn, secTotal := map[string]int{}, map[string]int{}
	for i, t := range p.Totals {
		switch {
		case t.Section == "":
		case t.Own:
			secOwn[t.Section] = i
		default:
			if _, dup := secTotal[t.Section]; dup {
				secTotal[t.Section] = -1
			} else {
				secTotal[t.Section] = i
			}
		}
	}
	childItems := map[string][]int{}
	childSecs := map[string][]string{}
	for i := range p.Items {
		childItems[p.Items[i].Parent] = append(childItems[p.Items[i].Parent], i)
	}
	for _, s := range p.Sections {
		childSecs[s.Parent] = append(childSecs[s.Parent], s.ID)
	}
	for ci, c := range p.Columns {
		if !b.l.figures[ci] {
			continue
		}
		var itemValue func(i int) (float64, int, bool)
		itemValue = func(i int) (float64, int, bool) {
			if v, dec, ok := itemFigure(p.Items[i].Extra[c.Header]); ok {
				return v, dec, true
			}
			return sumOf(childItems[p.Items[i].ID], itemValue)
		}
		var content func(id string) (float64, int, bool)
		content = func(id string) (float64, int, bool) {
			sum, dec, any := sumOf(childItems[id], itemValue)
			for _, s := range childSecs[id] {
				v, d, ok := 0.0, 0, false
				if ti, has := secTotal[s]; has && ti >= 0 {
					v, d, ok = parseFigure(p.Totals[ti].Values[c.Header])
				}
				if ti, has := secOwn[s]; has && !ok {
					v, d, ok = parseFigure(p.Totals[ti].Values[c.Header])
				}
				if !ok {
					v, d, ok = content(s)
				}
				if ok {
					sum, dec, any = sum+v, max(dec, d), true
				}
			}
			return sum, dec, any
		}
		for ti, t := range p.Totals {
			want, dec, ok := parseFigure(t.Values[c.Header])
			if !ok || totalPartRE.MatchString(t.Label) || t.Section != "" && !t.Own && secTotal[t.Section] < 0 {
				continue
			}
			got, gdec, any := content(t.Section)
			if !any {
				continue
			}
			dec = max(dec, gdec)
			if math.Abs(got-want) <= 0.5*math.Pow10(-dec) {
				continue
			}
			lr := b.totalPos[ti]
			b.diag.Add(lr.cellPos(ci), plan.Warning, plan.CodeTotalMismatch, fmt.Sprintf(
				"итог «%s» в столбце «%s» — %s, а сумма по тому, что он итожит, — %s",
				firstLine(t.Label, 60), c.Header, formatFigure(want, dec), formatFigure(got, dec)), t.Values[c.Header])
		}
	}
}

// itemFigure reads an activity's figure in a column: one figure, or its
// breakdown by funding source one a line, either led by its total ("всего"
// then each source, the first line the sum of the others) or not (each
// source only: their sum).
func itemFigure(s string) (float64, int, bool) {
	first, dec, ok := parseFigure(s)
	if !ok || !strings.Contains(s, "\n") {
		return first, dec, ok
	}
	rest, rdec, n := 0.0, 0, 0
	for _, line := range strings.Split(s, "\n")[1:] {
		v, d, ok := parseFigure(line)
		if !ok {
			return first, dec, true // not a breakdown: the first figure, as before
		}
		rest, rdec, n = rest+v, max(rdec, d), n+1
	}
	if n == 0 || math.Abs(first-rest) <= 0.5*math.Pow10(-max(dec, rdec)) {
		return first, dec, true
	}
	return first + rest, max(dec, rdec), true
}

func sumOf(idx []int, value func(int) (float64, int, bool)) (float64, int, bool) {
	sum, dec, any := 0.0, 0, false
	for _, i := range idx {
		if v, d, ok := value(i); ok {
			sum, dec, any = sum+v, max(dec, d), true
		}
	}
	return sum, dec, any
}

// parseFigure reads a figure as officials print it: "1 500,5", "1500.50",
// "12 000", "0,0"; a dash is zero. Only the first line counts (a cell may
// list the figures per source below the total). dec is the number of
// decimals printed.
func parseFigure(s string) (v float64, dec int, ok bool) {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, false
	}
	if dashesOnly(s) {
		return 0, 0, true
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9' || r == '-' && b.Len() == 0:
			b.WriteRune(r)
		case r == ',' || r == '.':
			b.WriteByte('.')
		case r == ' ' || r == '\u00a0' || r == '\u202f':
		default:
			return 0, 0, false
		}
	}
	t := b.String()
	if i := strings.IndexByte(t, '.'); i >= 0 {
		if strings.Count(t, ".") > 1 {
			return 0, 0, false
		}
		dec = len(t) - i - 1
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, 0, false
	}
	return v, dec, true
}

func formatFigure(v float64, dec int) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', dec, 64), ".", ",", 1)
}
