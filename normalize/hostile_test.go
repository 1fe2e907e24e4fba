package normalize

import (
	"slices"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func build(t *testing.T, name, doc string) *plan.Plan {
	t.Helper()
	tb, err := ingest.Read(name, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func codes(p *plan.Plan, code string) []plan.Diagnostic {
	var out []plan.Diagnostic
	for _, d := range p.Diagnostics {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

// A roadmap with a header and no activity is an error (no-items), which
// makes ingest and lint exit with 1.
func TestEmptyRoadmapIsAnError(t *testing.T) {
	const head = "План мероприятий на 2021-2022 годы\n№\tМероприятие\tСроки\tОтветственные\n"
	for name, doc := range map[string]string{
		"header only":         head,
		"header and sections": head + "<b>1. Раздел первый</b>\t\t\t\n<b>2. Раздел второй</b>\t\t\t\n",
		"header and blank":    head + "\n\n\t\t\t\n",
		"html header only":    "<html><body><p>План на 2021 год</p><table><tr><td>№</td><td>Мероприятие</td><td>Сроки</td></tr></table>",
	} {
		t.Run(name, func(t *testing.T) {
			p := build(t, "empty.txt", doc)
			ds := codes(p, plan.CodeNoItems)
			if len(p.Items) != 0 || len(ds) != 1 || ds[0].Severity != plan.Error || !p.Diagnostics.HasErrors() {
				t.Fatalf("items %d, diagnostics %v", len(p.Items), p.Diagnostics)
			}
			if ds[0].Pos.Line == 0 {
				t.Errorf("no-items without a line: %v", ds[0])
			}
		})
	}
	p := build(t, "one.txt", head+"1.\tСовещание\tМай 2021\tОО\n")
	if len(codes(p, plan.CodeNoItems)) != 0 {
		t.Errorf("no-items on a roadmap with an item: %v", p.Diagnostics)
	}
}

// Impossible dates are reported where they are written: a deadline with a
// day its month lacks or a range that ends before it starts, and a title
// whose period runs backwards.
func TestImpossibleDatesDiagnosed(t *testing.T) {
	doc := "План мероприятий на 2021-2022 годы\n№\tМероприятие\tСроки\tОтветственные\n" +
		"1.\tСовещание\t31 февраля 2022 г.\tОО\n" +
		"2.\tСеминар\tс мая 2022 по март 2022\tОО\n" +
		"3.\tКонференция\t29.02.2021\tОО\n" +
		"4.\tКонкурс\tМай 2022\tОО\n"
	p := build(t, "dates.txt", doc)
	ds := codes(p, plan.CodeDateImpossible)
	lines := map[int]string{}
	for _, d := range ds {
		lines[d.Pos.Line] = d.Message
	}
	if len(ds) != 3 || lines[3] == "" || lines[4] == "" || lines[5] == "" {
		t.Fatalf("date-impossible: %v", ds)
	}
	if want := "в сроке невозможная дата «31 февраля 2022 г» (такого дня нет или конец раньше начала); прочитано, что удалось, проверьте срок"; lines[3] != want {
		t.Errorf("message %q", lines[3])
	}
	p = build(t, "title.txt", "План мероприятий с 2022 по 2021 год\n№\tМероприятие\tСроки\n1.\tСовещание\tМай 2022\n")
	ds = codes(p, plan.CodeDateImpossible)
	if len(ds) != 1 || ds[0].Pos.Line != 1 || ds[0].Message != "в заголовке невозможный период «с 2022 по 2021»: конец раньше начала; период плана не определен" {
		t.Errorf("title: %v", p.Diagnostics)
	}
}

// Number components of 1000 and more are numbers; a lone year is not.
func TestLargeNumberComponents(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ok   bool
		path []int
	}{
		{"1000.", true, []int{1000}}, {"1.1000", true, []int{1, 1000}}, {"12345)", true, []int{12345}},
		{"999999.1", true, []int{999999, 1}}, {"1234567", false, nil}, {"2021", false, nil}, {"2021.", false, nil},
		{"2021.1", true, []int{2021, 1}},
	} {
		n, ok := parseNumber(tc.in)
		if ok != tc.ok || ok && !slices.Equal(n.path, tc.path) {
			t.Errorf("parseNumber(%q) = %v %v, want %v %v", tc.in, n.path, ok, tc.path, tc.ok)
		}
	}
	doc := "План мероприятий на 2021-2022 годы\n№\tМероприятие\tСроки\tОтветственные\n" +
		"999.\tА\tМай 2021\tОО\n1000.\tБ\tМай 2021\tОО\n1001.\tВ\tМай 2021\tОО\n1001.1.\tГ\tМай 2021\tОО\n"
	p := build(t, "long.txt", doc)
	var ids []string
	for _, it := range p.Items {
		ids = append(ids, it.ID+"="+it.Num())
	}
	if got := strings.Join(ids, " "); got != "999=999. 1000=1000. 1001=1001. 1001.1=1001.1." {
		t.Errorf("items %s; diagnostics %v", got, p.Diagnostics)
	}
	if p.Items[3].Parent != "1001" {
		t.Errorf("1001.1 parent %q", p.Items[3].Parent)
	}
}

// An executor written as marks only ("..", "?") names nobody: it is
// reported, never dropped silently nor made an organisation.
func TestExecutorWithoutName(t *testing.T) {
	doc := "План мероприятий на 2021-2022 годы\n№\tМероприятие\tСроки\tОтветственные\n" +
		"1.\tА\tМай 2021\t..\n2.\tБ\tМай 2021\tОО, ..\n3.\tВ\tМай 2021\t?\n4.\tГ\tМай 2021\tОО; …\n5.\tД\tМай 2021\tДДТ\n"
	p := build(t, "dots.txt", doc)
	ds := codes(p, plan.CodeExecutorNoName)
	lines := map[int]bool{}
	for _, d := range ds {
		lines[d.Pos.Line] = true
	}
	if len(ds) != 4 || !lines[3] || !lines[4] || !lines[5] || !lines[6] {
		t.Fatalf("executor-no-name: %v", ds)
	}
	for _, o := range p.Organizations {
		if !hasLetter(o.Name) {
			t.Errorf("organisation %q", o.Name)
		}
	}
	if len(p.Items[1].Responsible) != 1 || p.Items[1].Responsible[0].Org != "ОО" || len(p.Items[0].Responsible) != 0 {
		t.Errorf("responsible: %v / %v", p.Items[0].Responsible, p.Items[1].Responsible)
	}
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= 'А' && r <= 'я' || r >= 'A' && r <= 'z' }) >= 0
}
