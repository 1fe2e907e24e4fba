package normalize

import (
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// TestNumberingRestartsPerSection: a document that numbers each section's
// rows anew gets ids qualified by section, stable (the same for the same
// document) and unique; only a number repeated inside one section is a
// duplicate, and unnumbered sections are said once to count by place.
func TestNumberingRestartsPerSection(t *testing.T) {
	const head = "План мероприятий на 2025 год\n\n№\tМероприятие\tСрок\tОтветственный\n"
	row := func(n, act string) string { return n + "\t" + act + "\tмарт 2025\tУО\n" }
	for _, tc := range []struct {
		name, body, ids string
		dups, infos     int
	}{
		{"roman sections", "I. Кадры\n" + row("1.", "А") + row("2.", "Б") + "II. Дети\n" + row("1.", "В") + row("2.", "Г"),
			"1.1 1.2 2.1 2.2", 0, 0},
		{"arabic sections", "1. Кадры\t\t\t\n" + row("1", "А") + "2. Дети\t\t\t\n" + row("1", "В") + row("1.1", "Д"),
			"1.1 2.1 2.1.1", 0, 0},
		{"letter sections", "А. Кадры\n" + row("1)", "А") + "Б. Дети\n" + row("1)", "В") + row("2)", "Г"),
			"А.1 Б.1 Б.2", 0, 0},
		{"unnumbered sections", "Кадры\t\t\t\n" + row("1.", "А") + "Дети\t\t\t\n" + row("1.", "В") + row("2.", "Г"),
			"1.1 2.1 2.2", 0, 1},
		{"a repeat inside a section", "I. Кадры\n" + row("1.", "А") + "II. Дети\n" + row("1.", "В") + row("1.", "Г"),
			"1.1 2.1 2.1-2", 1, 0},
		{"numbering that goes on", "I. Кадры\n" + row("1.", "А") + row("2.", "Б") + "II. Дети\n" + row("3.", "В"),
			"1 2 3", 0, 0},
		{"sections numbered in the items", "1. Кадры\t\t\t\n" + row("1.1.", "А") + "2. Дети\t\t\t\n" + row("2.1.", "В"),
			"1.1 2.1", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildString(t, head+tc.body)
			if got := itemIDs(p); got != tc.ids {
				t.Errorf("ids %q, want %q", got, tc.ids)
			}
			if again := itemIDs(buildString(t, head+tc.body)); again != itemIDs(p) {
				t.Errorf("ids not stable: %q then %q", itemIDs(p), again)
			}
			dups, infos := 0, 0
			for _, d := range p.Diagnostics {
				if d.Code != plan.CodeNumberDuplicate {
					continue
				}
				if d.Severity == plan.Info {
					infos++
				} else {
					dups++
				}
			}
			if dups != tc.dups || infos != tc.infos {
				t.Errorf("duplicate warnings %d, infos %d; want %d, %d: %v", dups, infos, tc.dups, tc.infos, p.Diagnostics)
			}
		})
	}
}

// TestLetteredNumbers: an item number ending in a letter is a number, its
// letter kept in the id: an inserted item beside its base, a lettered
// sub-item under it.
func TestLetteredNumbers(t *testing.T) {
	p := buildString(t, "План мероприятий на 2025 год\n\n№\tМероприятие\tСрок\tОтветственный\n"+
		"1.1.\tСовещание\tмарт 2025\tУО\n1.1а.\tСеминар\tмарт 2025\tУО\n1.2.\tКонкурс\tмарт 2025\tУО\n"+
		"2.3.\tОснащение\tмарт 2025\tУО\n2.3.а\tкабинетов физики\tмарт 2025\tУО\n2.3.б\tкабинетов химии\tмарт 2025\tУО\n")
	if got, want := itemIDs(p), "1.1 1.1а 1.2 2.3 2.3.а 2.3.б"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
	parents := map[string]string{}
	for _, it := range p.Items {
		parents[it.ID] = it.Parent
	}
	if parents["1.1а"] != parents["1.1"] || parents["2.3.б"] != "2.3" {
		t.Errorf("parents %v", parents)
	}
	for _, d := range p.Diagnostics {
		if strings.HasPrefix(d.Code, "number-") {
			t.Errorf("unexpected %v", d)
		}
	}
}

// TestBareNameUnderHeader: "наименование" under another header names
// that header's thing ("Показатель / наименование"), not the activity.
func TestBareNameUnderHeader(t *testing.T) {
	for _, tc := range []struct {
		path []string
		want plan.Role
	}{
		{[]string{"Показатель", "наименование"}, plan.RoleOther},
		{[]string{"Наименование"}, plan.RoleActivity},
		{[]string{"Мероприятие", "наименование"}, plan.RoleActivity},
		{[]string{"Срок", "начало"}, plan.RoleDeadline},
	} {
		m, _ := readPath(tc.path)
		if m.role != tc.want && !(tc.want == plan.RoleOther && m.role != plan.RoleActivity) {
			t.Errorf("readPath(%q) = %q, want %q", tc.path, m.role, tc.want)
		}
	}
}

// TestPageNumber: the page numbers a PDF export keeps between the rows
// are skipped; a number with text, or a bare number that is not alone on
// a line after a page break, is not one.
func TestPageNumber(t *testing.T) {
	for _, tc := range []struct {
		s     string
		alone bool
		want  bool
	}{
		{"- 2 -", false, true},
		{"— 14 —", false, true},
		{"стр. 3", false, true},
		{"Страница 5 из 12", false, true},
		{"7", true, true},
		{"7", false, false},
		{"2. Кадры", true, false},
		{"2025", true, false}, // a year may head its rows
		{"- Семинар -", false, false},
		{"12345", true, false},
	} {
		if got := isPageNumber(tc.s, tc.alone); got != tc.want {
			t.Errorf("isPageNumber(%q, %v) = %v, want %v", tc.s, tc.alone, got, tc.want)
		}
	}
}
