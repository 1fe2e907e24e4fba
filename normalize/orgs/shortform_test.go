package orgs

import (
	"reflect"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func TestShortFormOf(t *testing.T) {
	for _, tc := range []struct {
		short, long string
		want        bool
	}{
		{"Отдел образования", "Отдел образования администрации Первомайского района", true},
		{"отдел образования", "Отдел образования Администрации Первомайского муниципального района", true},
		{"Управление образования", "Управление образования города Сарова", true},
		{"Управление образования", "Управление образования г. Сарова", true},
		{"Комитет по образованию", "Комитет по образованию Тверской области", true},
		{"Комитет по образованию", "Комитет по образованию Городецкого муниципального района", true},
		{"Отдел образования", "Отдел образования и молодежной политики администрации района", false}, // another body
		{"Отдел образования", "Отдел образования", false},
		{"Отдел", "Отдел администрации района", false},                        // one word names no body
		{"МБОУ «СОШ № 1»", "МБОУ «СОШ № 1» города Сарова", false},             // a school, not a body of the administration
		{"Отдел образования", "Отдел образованияадминистрации района", false}, // not at a word
	} {
		if got := ShortFormOf(tc.short, tc.long); got != tc.want {
			t.Errorf("ShortFormOf(%q, %q) = %v, want %v", tc.short, tc.long, got, tc.want)
		}
	}
}

func TestShortForms(t *testing.T) {
	org := func(names ...string) []plan.Organization {
		out := make([]plan.Organization, len(names))
		for i, n := range names {
			out[i] = plan.Organization{Name: n}
		}
		return out
	}
	const (
		full  = "Отдел образования администрации Первомайского района"
		other = "Отдел образования администрации Октябрьского района"
	)
	t.Run("one body", func(t *testing.T) {
		list := org(full, "ОО", "Отдел образования")
		list[2].Aliases = []string{"отделом образования"}
		got, amb := ShortForms(list)
		if !reflect.DeepEqual(got, map[string]string{"Отдел образования": full}) || amb != nil {
			t.Fatalf("ShortForms = %v, %v", got, amb)
		}
		merged := MergeShortForms(list, got)
		want := []plan.Organization{{Name: full, Aliases: []string{"Отдел образования", "отделом образования"}}, {Name: "ОО"}}
		if !reflect.DeepEqual(merged, want) {
			t.Errorf("MergeShortForms = %+v", merged)
		}
	})
	t.Run("two bodies", func(t *testing.T) {
		got, amb := ShortForms(org("Отдел образования", full, other))
		if got != nil || !reflect.DeepEqual(amb, map[string][]string{"Отдел образования": {full, other}}) {
			t.Errorf("ShortForms = %v, %v", got, amb)
		}
	})
	t.Run("a longer name of the same body", func(t *testing.T) {
		longer := "Отдел образования администрации Первомайского района Тверской области"
		got, _ := ShortForms(org("Отдел образования", full, longer))
		want := map[string]string{"Отдел образования": longer, full: longer}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ShortForms = %v, want %v", got, want)
		}
	})
	t.Run("a group is no short form", func(t *testing.T) {
		list := org("Отдел образования", full)
		list[0].Group = true
		if got, _ := ShortForms(list); got != nil {
			t.Errorf("ShortForms = %v", got)
		}
	})
}

// TestOwnerOnItsOwnLine: a body's owner wrapped onto the next line of the
// cell goes on naming that body; after a comma, "администрации
// поселений" are executors of their own.
func TestOwnerOnItsOwnLine(t *testing.T) {
	for _, tc := range []struct {
		cell string
		want []string
	}{
		{"Управление образования\nУсть-Каменского городского округа", []string{"Управление образования Усть-Каменского городского округа"}},
		{"Отдел образования\nадминистрации Первомайского района\nОО", []string{"Отдел образования администрации Первомайского района", "ОО"}},
		{"Отдел образования, администрации сельских поселений", []string{"Отдел образования", "администрации сельских поселений"}},
		{"ОО\nПервомайского района", []string{"ОО", "Первомайского района"}}, // a group, no body named
	} {
		execs, _ := New(nil).Resolve(tc.cell)
		var got []string
		for _, e := range execs {
			got = append(got, e.Text)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Resolve(%q) = %q, want %q", tc.cell, got, tc.want)
		}
	}
}
