package plandiff

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// WriteJSON writes the diff as indented JSON (the golden tests' form and
// the machine-readable output).
func WriteJSON(w io.Writer, d *Diff) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadJSON reads a diff written by WriteJSON.
func ReadJSON(r io.Reader) (*Diff, error) {
	var d Diff
	if err := json.NewDecoder(r).Decode(&d); err != nil {
		return nil, err
	}
	return &d, nil
}

// WriteText writes the diff for a person, in the words of changes.yaml
// (nil = the embedded ones): both versions, a summary, then the added,
// removed, changed, moved and renumbered items. In a word diff, deleted
// and inserted words are marked as markers.text_deleted and
// markers.text_inserted say ([-так-] and {+так+}).
func WriteText(w io.Writer, d *Diff, words *templates.Changes) error {
	c := words
	if c == nil {
		c = &templates.Default().Changes
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", c.Title)
	for _, v := range []struct {
		label string
		v     Version
	}{{c.Old, d.Old}, {c.New, d.New}} {
		amendment := ""
		if v.v.Amendment != "" {
			amendment = " (" + v.v.Amendment + ")"
		}
		fmt.Fprintf(&b, "%s: %s%s (%s)\n", v.label, oneLine(v.v.Title, 0), amendment, v.v.Source)
	}
	fmt.Fprintf(&b, "%s\n", SummaryLine(d.Summary, c))
	for _, n := range Notes(d, c) {
		fmt.Fprintf(&b, "%s\n", n)
	}
	if hasWordDiff(d) {
		fmt.Fprintf(&b, "%s\n", c.Markers.TextLegend)
	}
	if len(d.Added) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", c.Headings.Added, len(d.Added))
		for _, r := range d.Added {
			fmt.Fprintf(&b, "  + %s %s\n", Num(r), oneLine(r.Activity, 80))
		}
	}
	if len(d.Removed) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", c.Headings.Removed, len(d.Removed))
		for _, r := range d.Removed {
			fmt.Fprintf(&b, "  - %s %s\n", Num(r), oneLine(r.Activity, 80))
		}
	}
	if len(d.Changed) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", c.Headings.Changed, len(d.Changed))
		for _, ch := range d.Changed {
			fmt.Fprintf(&b, "  %s\n", pairName(ch.Old, ch.New))
			for _, f := range Fields(ch, c) {
				fmt.Fprintf(&b, "    %s: ", f.Name)
				if f.Spans != nil {
					b.WriteString(textSpans(f.Spans, c))
				} else {
					fmt.Fprintf(&b, "%s → %s", quoted(f.Old, c), quoted(f.New, c))
				}
				if len(f.Notes) > 0 {
					fmt.Fprintf(&b, " (%s)", strings.Join(f.Notes, "; "))
				}
				b.WriteByte('\n')
			}
		}
	}
	if len(d.Moved) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", c.Headings.Moved, len(d.Moved))
		for _, m := range d.Moved {
			fmt.Fprintf(&b, "  %s: «%s» → «%s»\n", pairName(m.Old, m.New), m.From, m.To)
		}
	}
	if ren := d.Renumbered(); len(ren) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", c.Headings.Renumbered, len(ren))
		for _, m := range ren {
			fmt.Fprintf(&b, "  %s → %s %s\n", Num(m.Old), Num(m.New), oneLine(m.New.Activity, 80))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Notes are what every form of a diff says besides its tables: a new
// name, a new period, or that the versions are the same.
func Notes(d *Diff, c *templates.Changes) []string {
	var out []string
	if d.TitleChanged() {
		out = append(out, c.Labels.TitleChanged)
	}
	if d.PeriodChanged() {
		out = append(out, c.Labels.PeriodChanged+" "+PeriodText(d.Old.Period, c)+" → "+PeriodText(d.New.Period, c))
	}
	if !d.Differs() {
		out = append(out, c.Labels.Same)
	}
	return out
}

// Renumbered lists the matches whose number changed, in the new order.
func (d *Diff) Renumbered() []Match {
	var out []Match
	for _, m := range d.Matches {
		if m.Renumbered {
			out = append(out, m)
		}
	}
	return out
}

// FieldChange is one changed field of an item as every writer shows it:
// its name, a word diff (for texts) or the old and new values (for the
// deadline and executors), and notes (months and executors removed and
// added).
type FieldChange struct {
	Name     string
	Spans    []Span // nil for a field shown as Old and New
	Old, New string
	Notes    []string
}

// Fields lists the changed fields of an item in a fixed order: activity,
// deadline, executors, result, report form, then the extra columns by
// name.
func Fields(ch Change, c *templates.Changes) []FieldChange {
	var out []FieldChange
	if ch.Activity != nil {
		out = append(out, FieldChange{Name: c.Fields.Activity, Spans: ch.Activity})
	}
	if dc := ch.Deadline; dc != nil {
		f := FieldChange{Name: c.Fields.Deadline, Old: dc.Old, New: dc.New}
		if len(dc.MonthsRemoved) > 0 {
			f.Notes = append(f.Notes, templates.Fill(c.Markers.MonthsRemoved, "{list}", strings.Join(MonthRanges(dc.MonthsRemoved), ", ")))
		}
		if len(dc.MonthsAdded) > 0 {
			f.Notes = append(f.Notes, templates.Fill(c.Markers.MonthsAdded, "{list}", strings.Join(MonthRanges(dc.MonthsAdded), ", ")))
		}
		out = append(out, f)
	}
	if rc := ch.Responsible; rc != nil {
		f := FieldChange{Name: c.Fields.Responsible, Old: rc.Old, New: rc.New}
		if len(rc.Removed) > 0 {
			f.Notes = append(f.Notes, templates.Fill(c.Markers.ExecutorsRemoved, "{list}", strings.Join(rc.Removed, ", ")))
		}
		if len(rc.Added) > 0 {
			f.Notes = append(f.Notes, templates.Fill(c.Markers.ExecutorsAdded, "{list}", strings.Join(rc.Added, ", ")))
		}
		out = append(out, f)
	}
	if ch.Result != nil {
		out = append(out, FieldChange{Name: c.Fields.Result, Spans: ch.Result})
	}
	if ch.ReportForm != nil {
		out = append(out, FieldChange{Name: c.Fields.ReportForm, Spans: ch.ReportForm})
	}
	for _, k := range sortedKeys(ch.Extra) {
		out = append(out, FieldChange{Name: k, Spans: ch.Extra[k]})
	}
	return out
}

// SummaryLine is the one-line summary of the diff (summary.line).
func SummaryLine(s Summary, c *templates.Changes) string {
	n := strconv.Itoa
	return strings.Join(strings.Fields(templates.Fill(c.Summary.Line, "{matched}", n(s.Matched), "{unchanged}", n(s.Unchanged),
		"{changed}", n(s.Changed), "{renumbered}", n(s.Renumbered), "{moved}", n(s.Moved), "{added}", n(s.Added),
		"{removed}", n(s.Removed))), " ")
}

// PeriodText is a period as "сентябрь 2021 г. – август 2024 г.", or the
// marker of nothing when it is unknown.
func PeriodText(p *plan.Period, c *templates.Changes) string {
	if p == nil || p.IsZero() {
		return c.Markers.None
	}
	my := func(m plan.Month) string { return templates.Fill(c.Labels.MonthYear, "{month}", m.Label()) }
	return my(p.From) + " – " + my(p.To)
}

// MonthRanges writes months ("2021-10", "2021-11", ...) as runs of
// consecutive months: "октябрь – декабрь 2021", "май 2022 – январь 2023".
func MonthRanges(ms []string) []string {
	var months []plan.Month
	for _, s := range ms {
		if m, err := plan.ParseMonth(s); err == nil {
			months = append(months, m)
		}
	}
	sort.Slice(months, func(i, j int) bool { return months[i] < months[j] })
	var out []string
	for i := 0; i < len(months); {
		j := i
		for j+1 < len(months) && months[j+1] == months[j]+1 {
			j++
		}
		a, z := months[i], months[j]
		switch {
		case i == j:
			out = append(out, a.Label())
		case a.Year() == z.Year():
			out = append(out, plan.MonthNames[a.Num()-1]+" – "+z.Label())
		default:
			out = append(out, a.Label()+" – "+z.Label())
		}
		i = j + 1
	}
	return out
}

// Num is an item's number as printed, or its id in brackets when it has
// none.
func Num(r Ref) string {
	if r.Number != "" {
		return r.Number
	}
	return "[" + r.ID + "]"
}

func pairName(o, n Ref) string {
	if Num(o) == Num(n) {
		return Num(n) + " " + oneLine(n.Activity, 80)
	}
	return Num(o) + " → " + Num(n) + " " + oneLine(n.Activity, 80)
}

// oneLine gives a text's first line, cut at limit characters (0 = not
// cut).
func oneLine(s string, limit int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if r := []rune(s); limit > 0 && len(r) > limit {
		s = string(r[:limit-1]) + "…"
	}
	return s
}

func quoted(s string, c *templates.Changes) string {
	if strings.TrimSpace(s) == "" {
		return c.Markers.None
	}
	return "«" + strings.ReplaceAll(s, "\n", " ") + "»"
}

func textSpans(ss []Span, c *templates.Changes) string {
	var b strings.Builder
	for _, s := range ss {
		t := strings.ReplaceAll(s.Text, "\n", " / ")
		switch s.Op {
		case Delete:
			b.WriteString(templates.Fill(c.Markers.TextDeleted, "{text}", t))
		case Insert:
			b.WriteString(templates.Fill(c.Markers.TextInserted, "{text}", t))
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

func hasWordDiff(d *Diff) bool {
	for _, ch := range d.Changed {
		if ch.Activity != nil || ch.Result != nil || ch.ReportForm != nil || len(ch.Extra) > 0 {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string][]Span) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
