package view

import (
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view/viewtest"
)

// sampleProgress answers some items of the sample: 1.1 done, 1.2 not done,
// 1.3 done by МЦ only, 2.3 postponed, 3.2 done.
func sampleProgress(p *plan.Plan) *plan.Progress {
	pr := &plan.Progress{Quarter: "2022Q1", Answers: map[string][]plan.Answer{}}
	add := func(num, org string, st plan.Status, comment string) {
		for _, it := range p.Items {
			if it.Num() == num {
				pr.Answers[it.ID] = append(pr.Answers[it.ID], plan.Answer{ItemID: it.ID, Org: org, Status: st,
					Comment: comment, Received: time.Date(2022, 3, 30, 0, 0, 0, 0, time.UTC)})
			}
		}
	}
	add("1.1.", "Департамент образования", plan.StatusDone, "Программы размещены")
	add("1.2.", "Департамент образования", plan.StatusNotDone, "Нет ставок")
	add("1.3.", "МЦ", plan.StatusDone, "Справка подготовлена")
	add("1.3.", "ОбОО", plan.StatusInProgress, "")
	add("2.3.", "МЦ", plan.StatusPostponed, "Перенесен на апрель")
	add("3.2.", "Департамент образования", plan.StatusDone, "Форум проведен 12.02.2022")
	return pr
}

func rowNums(v *Quarterly) (due, carried []string) {
	for _, g := range v.Groups {
		for _, r := range g.Rows {
			if r.Heading {
				continue
			}
			if r.Carried {
				carried = append(carried, r.Item.Num())
			} else {
				due = append(due, r.Item.Num())
			}
		}
	}
	return
}

func nums(rows []Row) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Item.Num())
	}
	return out
}

func TestQuarterView(t *testing.T) {
	p := viewtest.Sample(t)
	q1 := plan.Quarter{Year: 2022, Q: 1}
	tests := []struct {
		name        string
		q           plan.Quarter
		prog        *plan.Progress
		due         []string
		carried     []string
		overdue     []string
		unscheduled []string
	}{
		{
			name:        "plan only",
			q:           q1,
			due:         []string{"1.3.", "1.4.", "1.5.", "1.6.", "2.1.", "2.1.1.", "2.1.2.", "3.2."},
			unscheduled: []string{"1.7.", "3.4."},
		},
		{
			name:        "with progress",
			q:           q1,
			prog:        sampleProgress(p),
			due:         []string{"1.2.", "1.3.", "1.4.", "1.5.", "1.6.", "2.1.", "2.3.", "2.1.1.", "2.1.2.", "2.1.4.", "3.2.", "3.5."},
			carried:     []string{"1.2.", "2.3.", "2.1.4.", "3.5."},
			overdue:     []string{"1.2.", "1.3.", "1.4.", "2.3.", "2.1.1.", "2.1.2.", "2.1.4.", "3.5."},
			unscheduled: []string{"1.7.", "3.4."},
		},
		{
			name:        "third quarter 2021",
			q:           plan.Quarter{Year: 2021, Q: 3},
			due:         []string{"1.1.", "1.2.", "1.6.", "2.1.", "3.1.", "3.5."},
			unscheduled: []string{"1.7.", "3.4."},
		},
		{
			name:        "outside the period",
			q:           plan.Quarter{Year: 2024, Q: 1},
			unscheduled: []string{"1.7.", "3.4."},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := Quarter(p, tc.q, tc.prog)
			due, carried := rowNums(v)
			all := append(append([]string(nil), due...), carried...)
			// Rows come in document order; compare as sets for "due"
			// which here includes carried rows in their place.
			sort.Strings(all)
			want := append([]string(nil), tc.due...)
			sort.Strings(want)
			if !reflect.DeepEqual(all, want) && !(len(all) == 0 && len(want) == 0) {
				t.Errorf("rows = %v, want %v", all, want)
			}
			if !reflect.DeepEqual(carried, tc.carried) {
				t.Errorf("carried = %v, want %v", carried, tc.carried)
			}
			if got := nums(v.Overdue); !reflect.DeepEqual(got, tc.overdue) {
				t.Errorf("overdue = %v, want %v", got, tc.overdue)
			}
			if got := nums(v.Unscheduled); !reflect.DeepEqual(got, tc.unscheduled) {
				t.Errorf("unscheduled = %v, want %v", got, tc.unscheduled)
			}
			if v.Totals.Total != len(tc.due) || v.Due+v.Carried != v.Totals.Total {
				t.Errorf("totals %d (due %d + carried %d), want %d", v.Totals.Total, v.Due, v.Carried, len(tc.due))
			}
			sum := 0
			for _, s := range v.BySection {
				sum += s.Counts.Total
			}
			if sum != v.Totals.Total {
				t.Errorf("sections sum to %d, totals %d", sum, v.Totals.Total)
			}
		})
	}
}

func TestQuarterViewStatusesAndHeadings(t *testing.T) {
	p := viewtest.Sample(t)
	v := Quarter(p, plan.Quarter{Year: 2022, Q: 1}, sampleProgress(p))
	if got := v.Totals.Get(plan.StatusDone); got != 1 { // 3.2 (1.3 is mixed)
		t.Errorf("done = %d, want 1", got)
	}
	if got := v.Totals.Get(plan.StatusInProgress); got != 1 { // 1.3
		t.Errorf("in progress = %d, want 1", got)
	}
	if got := v.Totals.Get(plan.StatusNotDone) + v.Totals.Get(plan.StatusPostponed); got != 2 {
		t.Errorf("not done + postponed = %d, want 2", got)
	}
	// The heading chain: 1, 2, 2.1, 3 (section 2 has rows of its own and
	// then its subsection).
	var heads []string
	for _, g := range v.Groups {
		heads = append(heads, g.Section.Num())
	}
	if want := []string{"1.", "2.", "2.1.", "3."}; !reflect.DeepEqual(heads, want) {
		t.Errorf("groups = %v, want %v", heads, want)
	}
	// Per-executor counts use the organisation's own answer: МЦ answered
	// done for 1.3, so МЦ has a done while the item is in progress.
	for _, e := range v.ByExecutor {
		if e.Org == "МЦ" && e.Counts.Get(plan.StatusDone) != 2 { // 1.3 own answer, 3.2 aggregate
			t.Errorf("МЦ done = %d, want 2", e.Counts.Get(plan.StatusDone))
		}
		if e.Org == "ЦППМСП" && e.Counts.Total != 1 { // unresolved executor kept by its text
			t.Errorf("ЦППМСП total = %d, want 1", e.Counts.Total)
		}
	}
}

func TestBuild(t *testing.T) {
	p := viewtest.Sample(t)
	s := Matrices(p, sampleProgress(p), templates.Default())
	es := s.ExecutorSection
	if len(es.Cols) != 3 || es.Cols[0] != "1. Мероприятия по организационно-управленческому сопровождению системы организации воспитания обучающихся" {
		t.Fatalf("executor × section columns = %q", es.Cols)
	}
	row := map[string]int{}
	for i, r := range es.Rows {
		row[r] = i
	}
	// МЦ: 1.1, 1.3, 1.6, 1.7 in section 1; 2.1-2.3, 2.1.1, 2.1.3, 2.1.4 in 2;
	// 3.2, 3.3 in 3.
	if got := es.Cells[row["МЦ"]]; !reflect.DeepEqual(got, []int{4, 6, 2}) {
		t.Errorf("МЦ by section = %v", got)
	}
	if got := es.Extra[row["ДМиС"]]; got != 2 {
		t.Errorf("ДМиС co-led = %d, want 2", got)
	}
	if es.Total != sumAll(es.Cells) || es.RowTotals[row["МЦ"]] != 12 {
		t.Errorf("totals: total %d, МЦ %d", es.Total, es.RowTotals[row["МЦ"]])
	}
	am := s.ActivityMonth
	if len(am.Cols) != 24 || am.Cols[0] != "янв 21" || len(am.Rows) != 20 {
		t.Fatalf("calendar %d×%d, first column %q", len(am.Rows), len(am.Cols), am.Cols[0])
	}
	// 2.1.2: October, November 2021 and February, March 2022.
	var marked []string
	for i, r := range am.Rows {
		if r[:6] == "2.1.2." {
			for j, v := range am.Cells[i] {
				if v == 1 {
					marked = append(marked, am.Cols[j])
				}
			}
		}
	}
	if want := []string{"окт 21", "ноя 21", "фев 22", "мар 22"}; !reflect.DeepEqual(marked, want) {
		t.Errorf("2.1.2 months = %v, want %v", marked, want)
	}
	eq := s.ExecutorQuarter
	if len(eq.Cols) != 8 || eq.Cols[4] != "I кв. 2022" {
		t.Fatalf("quarters = %v", eq.Cols)
	}
	// Department in I кв. 2022: 1.4, 1.5, 3.2.
	if got := eq.Cells[row["Департамент образования"]][4]; got != 3 {
		t.Errorf("department in 2022Q1 = %d, want 3", got)
	}
	ss := s.SectionStatus
	if ss == nil || ss.Total != 20 || ss.Cells[0][0] != 1 { // section 1: 1.1 done
		t.Errorf("section × status = %+v", ss)
	}
	if Matrices(p, nil, templates.Default()).SectionStatus != nil {
		t.Error("section × status without progress")
	}
	for _, m := range s.All() {
		if n := len([]rune(m.Name)); n > 31 {
			t.Errorf("%q: name of %d characters", m.Name, n)
		}
	}
}

func sumAll(c [][]int) int {
	n := 0
	for _, r := range c {
		for _, v := range r {
			n += v
		}
	}
	return n
}

func BenchmarkQuarter5000(b *testing.B) {
	p := viewtest.Plan(5000)
	q := plan.Quarter{Year: 2022, Q: 1}
	pr := viewtest.Progress(p, q)
	b.ReportAllocs()
	for b.Loop() {
		Quarter(p, q, pr)
	}
}

func BenchmarkMatrices5000(b *testing.B) {
	p := viewtest.Plan(5000)
	pr := viewtest.Progress(p, plan.Quarter{Year: 2022, Q: 1})
	b.ReportAllocs()
	for b.Loop() {
		Matrices(p, pr, templates.Default())
	}
}
