package normalize

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// kindLabels name the deadline kinds for people reading an outline.
var kindLabels = map[plan.Kind]string{
	plan.KindDated:       "к дате",
	plan.KindRange:       "период",
	plan.KindRecurring:   "регулярно",
	plan.KindPeriod:      "весь период",
	plan.KindUnscheduled: "вне графика",
	plan.KindUnknown:     "не распознан",
}

// KindLabel names a deadline kind for people reading an outline ("период",
// "вне графика").
func KindLabel(k plan.Kind) string { return kindLabels[k] }

// RoleLabel names what a column was read as ("срок", "ответственные";
// "прочее" for a column kept as is).
func RoleLabel(r plan.Role) string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return "прочее"
}

// WriteOutline writes a readable outline of the plan: title, municipality
// and period, then sections and items in document order, indented by
// level, each item with its number, the first line of its activity, its
// deadline and kind, and its executors. It is what `roadmap ingest
// --format text` prints, for a person to check the reading at a glance.
func WriteOutline(w io.Writer, p *plan.Plan) error {
	if err := WriteExplanation(w, p); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, p.Title)
	if p.Organization != "" {
		fmt.Fprintf(bw, "Организация: %s\n", p.Organization)
	}
	if p.Municipality != "" {
		fmt.Fprintf(bw, "Муниципалитет: %s\n", p.Municipality)
	}
	if !p.Period.IsZero() {
		fmt.Fprintf(bw, "Период: %s – %s\n", p.Period.From.Label(), p.Period.To.Label())
	}
	fmt.Fprintf(bw, "Разделов: %d, мероприятий: %d\n", len(p.Sections), len(p.Items))

	type entry struct {
		line  int
		sec   *plan.Section
		item  *plan.Item
		total *plan.Total
	}
	entries := make([]entry, 0, len(p.Sections)+len(p.Items))
	for i := range p.Sections {
		entries = append(entries, entry{line: p.Sections[i].Line, sec: &p.Sections[i]})
	}
	for i := range p.Items {
		entries = append(entries, entry{line: p.Items[i].Line, item: &p.Items[i]})
	}
	for i := range p.Totals {
		entries = append(entries, entry{line: p.Totals[i].Line, total: &p.Totals[i]})
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].line < entries[j].line })
	for _, e := range entries {
		if t := e.total; t != nil {
			label := "= " + firstLine(t.Label, 60)
			if t.Own {
				label = "= суммы раздела"
			}
			at := 1
			if s := p.SectionByID(t.Section); s != nil {
				at = s.Level + 1
			}
			fmt.Fprintf(bw, "%s%s: %s\n", indent(at), label, totalFigures(p, t))
			continue
		}
		if s := e.sec; s != nil {
			if s.Level == 1 {
				fmt.Fprintln(bw)
			}
			fmt.Fprintf(bw, "%s%s\n", indent(s.Level), headingLine(s, 120))
			continue
		}
		it := e.item
		num := it.Num()
		if num == "" {
			num = "[" + it.ID + "]"
		}
		fmt.Fprintf(bw, "%s%s %s\n", indent(it.Level), num, firstLine(it.Activity.Text, 120))
		execs := make([]string, 0, len(it.Responsible))
		for _, x := range it.Responsible {
			if x.Org != "" {
				execs = append(execs, x.Org)
			} else {
				execs = append(execs, x.Text)
			}
		}
		deadline := "не указан"
		if it.Deadline.Text != "" {
			deadline = fmt.Sprintf("%s [%s]", firstLine(it.Deadline.Text, 80), kindLabels[it.Deadline.Kind])
		}
		resp := strings.Join(execs, ", ")
		if resp == "" {
			resp = "не указаны"
		}
		fmt.Fprintf(bw, "%s  срок: %s; исполнители: %s\n", indent(it.Level), deadline, resp)
	}
	return bw.Flush()
}

// headingLine is a section's heading as an outline prints it: kind,
// number and title ("Раздел 1. Организационные меры"), or the title alone
// when it names its kind itself ("1. | Задача 1. Обеспечение ..." prints
// "Задача 1. Обеспечение ...", not the kind and number twice).
func headingLine(s *plan.Section, width int) string {
	title := firstLine(s.Title, width)
	if s.Kind != "" && strings.HasPrefix(strings.ToLower(title), s.Kind) {
		return title
	}
	return joinNonEmpty(" ", kindLabel(s), s.Num(), title)
}

// kindLabel is the section's kind as a heading prints it: "Раздел" before
// "1.", "Цель:" before an unnumbered title.
func kindLabel(s *plan.Section) string {
	if s.Kind == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s.Kind)
	k := string(unicode.ToUpper(r)) + s.Kind[n:]
	if s.Number == nil {
		k += ":"
	}
	return k
}

// totalFigures lists a total's figures in the order of the columns.
func totalFigures(p *plan.Plan, t *plan.Total) string {
	var parts []string
	for _, c := range p.Columns {
		if v := t.Values[c.Header]; v != "" {
			name := c.Header
			if len(c.Path) > 0 {
				name = c.Path[len(c.Path)-1]
			}
			parts = append(parts, name+" "+strings.ReplaceAll(v, "\n", " / "))
		}
	}
	return strings.Join(parts, "; ")
}

func indent(level int) string {
	if level < 1 {
		level = 1
	}
	return strings.Repeat("  ", level-1)
}

func firstLine(s string, max int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
