package normalize

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// explainCodes are the diagnostics that record a decision of the reading,
// in the order the explanation lists them, with their headings.
var explainCodes = []struct{ code, heading string }{
	{plan.CodeContinuation, "Строки, присоединенные к предыдущим"},
	{plan.CodeRowRealigned, "Строки, выровненные по содержанию"},
	{plan.CodeRaggedRow, "Строки с лишними или недостающими ячейками"},
	{plan.CodeNoiseRow, "Пропущенные строки"},
	{plan.CodeHeaderTypo, "Заголовки, прочитанные с опечаткой"},
	{plan.CodeHeaderUnknown, "Нераспознанные заголовки"},
}

// WriteExplanation writes how the plan's table was read, with the source
// lines of each decision: the header rows and each column's role, header
// path and year, grouping columns, a number column that numbers groups,
// rows read as continuations, totals and realigned rows. It is what
// `roadmap lint --explain` prints and the head of `roadmap ingest --format
// text`, so that a user who disagrees with the reading sees why at once.
// A plan read back from JSON has no record of its header rows; the rest
// is explained from the plan itself.
func WriteExplanation(w io.Writer, p *plan.Plan) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Как прочитана таблица %s\n", p.Source.Path)
	rd := p.Reading
	if rd != nil && len(rd.HeaderLines) > 0 {
		fmt.Fprintf(bw, "  строки заголовка: %s", lineList(rd.HeaderLines))
		if rd.NumbersLine > 0 {
			fmt.Fprintf(bw, "; строка с номерами столбцов: %d", rd.NumbersLine)
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, "  столбцы:")
	for j, c := range p.Columns {
		role := roleLabels[c.Role]
		if role == "" {
			role = string(c.Role)
		}
		switch c.Field {
		case plan.FieldCoResponsible:
			role = "соисполнители"
			if personHeader(c.Header) && slices.ContainsFunc(p.Columns, func(o plan.Column) bool {
				return o.Field == plan.FieldResponsible && orgHeader(o.Header)
			}) {
				role = "ответственные лица организаций"
			}
		case plan.FieldExtra:
			if c.Role != plan.RoleOther && c.Role != plan.RoleGroup && c.Role != plan.RoleFunding && c.Role != plan.RoleIndicator {
				role += " (дополнительный столбец)"
			}
		}
		if c.Year != 0 {
			role += ", " + strconv.Itoa(c.Year) + " год"
		}
		fmt.Fprintf(bw, "    %d. «%s» — %s", j+1, c.Header, role)
		if rd != nil && j < len(rd.Columns) && rd.Columns[j] != "" {
			fmt.Fprintf(bw, " (%s)", rd.Columns[j])
		}
		fmt.Fprintln(bw)
	}
	if rd != nil && rd.GroupNumbers != "" {
		fmt.Fprintf(bw, "  номера стоят только в первой строке групп «%s» и нумеруют группы, а не мероприятия\n", rd.GroupNumbers)
	}
	if groups := groupSections(p); len(groups) > 0 {
		fmt.Fprintln(bw, "  разделы из столбцов группировки:")
		for _, s := range groups {
			fmt.Fprintf(bw, "    строка %d: %s\n", s.Line, headingLine(s, 80))
		}
	}
	if len(p.Totals) > 0 {
		fmt.Fprintln(bw, "  итоги (не мероприятия):")
		for _, t := range p.Totals {
			fmt.Fprintf(bw, "    строка %d: «%s» — %s\n", t.Line, firstLine(t.Label, 60), totalTarget(p, t))
		}
	}
	for _, ec := range explainCodes {
		var ds []plan.Diagnostic
		for _, d := range p.Diagnostics {
			if d.Code == ec.code {
				ds = append(ds, d)
			}
		}
		if len(ds) == 0 {
			continue
		}
		fmt.Fprintf(bw, "  %s:\n", strings.ToLower(ec.heading[:2])+ec.heading[2:])
		for _, d := range ds {
			fmt.Fprintf(bw, "    строка %d: %s\n", d.Line, d.Message)
		}
	}
	return bw.Flush()
}

// groupSections lists the sections opened by grouping columns: those whose
// title is some item's value of a grouping column.
func groupSections(p *plan.Plan) []*plan.Section {
	var headers []string
	for _, c := range p.Columns {
		if c.Role == plan.RoleGroup {
			headers = append(headers, c.Header)
		}
	}
	if len(headers) == 0 {
		return nil
	}
	values := map[string]bool{}
	for i := range p.Items {
		for _, h := range headers {
			if v := p.Items[i].Extra[h]; v != "" {
				values[v] = true
			}
		}
	}
	var out []*plan.Section
	for i := range p.Sections {
		s := &p.Sections[i]
		full := joinNonEmpty(" ", s.Num(), s.Title)
		if values[s.Title] || values[full] || values[strings.TrimSpace(kindLabel(s)+" "+full)] || groupValueOf(values, s) {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

// groupValueOf reports a grouping value that ends with the section's
// title ("Этап 1. Подготовительный" for the section "1." "Подготовительный").
func groupValueOf(values map[string]bool, s *plan.Section) bool {
	for v := range values {
		if strings.HasSuffix(v, s.Title) && s.Title != "" {
			return true
		}
	}
	return false
}

// totalTarget says what a total sums, for a person.
func totalTarget(p *plan.Plan, t plan.Total) string {
	what := "итог плана в целом"
	if t.Section != "" {
		what = "итог раздела " + t.Section
		if s := p.SectionByID(t.Section); s != nil {
			what = "итог раздела " + joinNonEmpty(" ", s.Num(), "«"+firstLine(s.Title, 50)+"»")
		}
	}
	if t.Own {
		what = "суммы в строке самого раздела: " + strings.TrimPrefix(what, "итог ")
	}
	return what
}

// lineList prints line numbers as "4–6" when consecutive, "4, 7" otherwise.
func lineList(ls []int) string {
	if len(ls) == 1 {
		return strconv.Itoa(ls[0])
	}
	consecutive := true
	for i := 1; i < len(ls); i++ {
		consecutive = consecutive && ls[i] == ls[i-1]+1
	}
	if consecutive {
		return fmt.Sprintf("%d–%d", ls[0], ls[len(ls)-1])
	}
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = strconv.Itoa(l)
	}
	return strings.Join(parts, ", ")
}
