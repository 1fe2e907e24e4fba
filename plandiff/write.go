package plandiff

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
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

// The words of the text form, in one place.
var label = struct {
	header, summary                                 string
	added, removed, changed, moved, renumbered      string
	activity, deadline, responsible, result, report string
	months, from, to, none                          string
}{
	header:      "Изменения дорожной карты",
	summary:     "Сопоставлено мероприятий: %d (без изменений %d, изменено %d, перенумеровано %d, перемещено %d); добавлено %d, исключено %d.",
	added:       "Добавлены",
	removed:     "Исключены",
	changed:     "Изменены",
	moved:       "Перемещены в другой раздел",
	renumbered:  "Перенумерованы",
	activity:    "мероприятие",
	deadline:    "срок",
	responsible: "исполнители",
	result:      "результат",
	report:      "форма отчета",
	months:      "месяцы",
	from:        "было",
	to:          "стало",
	none:        "нет",
}

// WriteText writes the diff for a person: a summary, then the added,
// removed, changed, moved and renumbered items. In a word diff, deleted
// words are shown [-так-] and inserted ones {+так+}.
func WriteText(w io.Writer, d *Diff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", label.header)
	fmt.Fprintf(&b, "%s: %s (%s)\n", label.from, d.Old.Title, d.Old.Source)
	fmt.Fprintf(&b, "%s: %s (%s)\n", label.to, d.New.Title, d.New.Source)
	s := d.Summary
	fmt.Fprintf(&b, label.summary+"\n", s.Matched, s.Unchanged, s.Changed, s.Renumbered, s.Moved, s.Added, s.Removed)
	if len(d.Added) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", label.added, len(d.Added))
		for _, r := range d.Added {
			fmt.Fprintf(&b, "  + %s %s\n", num(r), oneLine(r.Activity))
		}
	}
	if len(d.Removed) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", label.removed, len(d.Removed))
		for _, r := range d.Removed {
			fmt.Fprintf(&b, "  - %s %s\n", num(r), oneLine(r.Activity))
		}
	}
	if len(d.Changed) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", label.changed, len(d.Changed))
		for _, c := range d.Changed {
			fmt.Fprintf(&b, "  %s\n", pairName(c.Old, c.New))
			if c.Activity != nil {
				fmt.Fprintf(&b, "    %s: %s\n", label.activity, spans(c.Activity))
			}
			if dc := c.Deadline; dc != nil {
				fmt.Fprintf(&b, "    %s: %s → %s", label.deadline, orNone(dc.Old), orNone(dc.New))
				if len(dc.MonthsRemoved)+len(dc.MonthsAdded) > 0 {
					fmt.Fprintf(&b, " (%s: %s)", label.months, monthsDelta(dc))
				}
				b.WriteByte('\n')
			}
			if rc := c.Responsible; rc != nil {
				var parts []string
				for _, x := range rc.Removed {
					parts = append(parts, "−"+x)
				}
				for _, x := range rc.Added {
					parts = append(parts, "+"+x)
				}
				fmt.Fprintf(&b, "    %s: %s\n", label.responsible, strings.Join(parts, "; "))
			}
			if c.Result != nil {
				fmt.Fprintf(&b, "    %s: %s\n", label.result, spans(c.Result))
			}
			if c.ReportForm != nil {
				fmt.Fprintf(&b, "    %s: %s\n", label.report, spans(c.ReportForm))
			}
			for _, k := range sortedKeys(c.Extra) {
				fmt.Fprintf(&b, "    %s: %s\n", strings.ToLower(k), spans(c.Extra[k]))
			}
		}
	}
	if len(d.Moved) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", label.moved, len(d.Moved))
		for _, m := range d.Moved {
			fmt.Fprintf(&b, "  %s: «%s» → «%s»\n", pairName(m.Old, m.New), m.From, m.To)
		}
	}
	var ren []Match
	for _, m := range d.Matches {
		if m.Renumbered {
			ren = append(ren, m)
		}
	}
	if len(ren) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", label.renumbered, len(ren))
		for _, m := range ren {
			fmt.Fprintf(&b, "  %s → %s %s\n", num(m.Old), num(m.New), oneLine(m.New.Activity))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func num(r Ref) string {
	if r.Number != "" {
		return r.Number
	}
	return "[" + r.ID + "]"
}

func pairName(o, n Ref) string {
	if num(o) == num(n) {
		return num(n) + " " + oneLine(n.Activity)
	}
	return num(o) + " → " + num(n) + " " + oneLine(n.Activity)
}

// oneLine gives a text's first line, cut at 80 characters.
func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return s
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return label.none
	}
	return "«" + strings.ReplaceAll(s, "\n", " ") + "»"
}

func spans(ss []Span) string {
	var b strings.Builder
	for _, s := range ss {
		t := strings.ReplaceAll(s.Text, "\n", " / ")
		switch s.Op {
		case Delete:
			b.WriteString("[-" + t + "-]")
		case Insert:
			b.WriteString("{+" + t + "+}")
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

func monthsDelta(dc *DeadlineChange) string {
	var parts []string
	for _, m := range dc.MonthsRemoved {
		parts = append(parts, "−"+m)
	}
	for _, m := range dc.MonthsAdded {
		parts = append(parts, "+"+m)
	}
	return strings.Join(parts, ", ")
}

func sortedKeys(m map[string][]Span) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
