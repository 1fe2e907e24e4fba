package normalize

import (
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// A deadline the parser cannot read gets no month and a warning at its
// line; one that names no fixed time is unscheduled, without a warning
// (issue 9, third blind round: never a wrong month silently).
func TestUnreadDeadlinesDiagnosed(t *testing.T) {
	doc := "План мероприятий на 2024-2025 годы\n№\tМероприятие\tСроки\tОтветственные\n" +
		"1.\tСовещание\t32.13.2024\tОО\n" + // line 3: no such month
		"2.\tСеминар\tв период подготовки к ГИА\tОО\n" + // 4: no rule reads it
		"3.\tКонкурс\tсентябрь 2026 г.\tОО\n" + // 5: outside the period
		"4.\tАнализ\tпосле получения результатов ГИА\tОО\n" + // 6: counted from an event
		"5.\tОтчет\tмесяца, следующего за отчетным\tОО\n" // 7: monthly, the noun left out
	p := build(t, "deadlines.txt", doc)
	at := func(code string) map[int]bool {
		lines := map[int]bool{}
		for _, d := range codes(p, code) {
			if d.Severity != plan.Warning {
				t.Errorf("%s at line %d is %s, want a warning", code, d.Pos.Line, d.Severity)
			}
			lines[d.Pos.Line] = true
		}
		return lines
	}
	unread, impossible, outside := at(plan.CodeDeadlineUnparsed), at(plan.CodeDateImpossible), at(plan.CodeDeadlinePeriod)
	for _, d := range codes(p, plan.CodeDeadlineUnparsed) {
		if want := "срок не распознан: месяцы не назначены, текст сохранен как есть; проверьте срок"; d.Message != want {
			t.Errorf("line %d: message %q, want %q", d.Pos.Line, d.Message, want)
		}
	}
	for _, tc := range []struct {
		line                        int
		unread, impossible, outside bool
		kind                        plan.Kind
	}{
		{3, true, true, false, plan.KindUnknown},
		{4, true, false, false, plan.KindUnknown},
		{5, false, false, true, plan.KindDated},
		{6, false, false, false, plan.KindUnscheduled},
		{7, false, false, false, plan.KindRecurring},
	} {
		it := p.Items[tc.line-3]
		if unread[tc.line] != tc.unread || impossible[tc.line] != tc.impossible || outside[tc.line] != tc.outside {
			t.Errorf("line %d %q: unread %v, impossible %v, outside %v; want %v, %v, %v", tc.line, it.Deadline.Text,
				unread[tc.line], impossible[tc.line], outside[tc.line], tc.unread, tc.impossible, tc.outside)
		}
		if it.Deadline.Kind != tc.kind {
			t.Errorf("line %d %q: kind %s, want %s", tc.line, it.Deadline.Text, it.Deadline.Kind, tc.kind)
		}
		if tc.kind != plan.KindRecurring && len(it.Deadline.Months) != 0 {
			t.Errorf("line %d %q: months %v, want none", tc.line, it.Deadline.Text, it.Deadline.Months)
		}
	}
}
