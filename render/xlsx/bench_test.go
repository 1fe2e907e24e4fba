package xlsx

import (
	"fmt"
	"io"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
)

var benchPhrases = []string{
	"Проведение муниципального этапа конкурса профессионального мастерства педагогов",
	"Организация работы по профилактике безнадзорности и правонарушений несовершеннолетних",
	"Мониторинг реализации рабочих программ воспитания в общеобразовательных организациях",
	"Проведение совещаний с заместителями директоров по воспитательной работе",
	"Участие в региональных и всероссийских мероприятиях, акциях и проектах",
	"- по итогам учебного года;\n- по планированию работы на новый учебный год",
	"Размещение информации о ходе реализации плана на официальных сайтах",
}

// benchPlan generates a deterministic plan: items in sections of 30 (every
// fourth section nested), each item assigned to perItem of orgs schools
// and to one group or department.
func benchPlan(items, orgs, perItem int) *plan.Plan {
	rng := rand.New(rand.NewSource(20240601))
	p := &plan.Plan{SchemaVersion: 1, Title: "Дорожная карта развития муниципальной системы образования на 2021-2024 годы",
		Municipality: "г. Образцовск", Period: plan.Period{From: plan.MonthOf(2021, 1), To: plan.MonthOf(2024, 12)},
		Columns: []plan.Column{{Header: "№ п/п", Role: plan.RoleNumber, Field: plan.FieldNumber},
			{Header: "Мероприятие", Role: plan.RoleActivity, Field: plan.FieldActivity},
			{Header: "Сроки", Role: plan.RoleDeadline, Field: plan.FieldDeadline},
			{Header: "Ответственные", Role: plan.RoleResponsible, Field: plan.FieldResponsible},
			{Header: "Ожидаемый результат", Role: plan.RoleResult, Field: plan.FieldResult}}}
	for o := 1; o <= orgs; o++ {
		p.Organizations = append(p.Organizations, plan.Organization{Name: fmt.Sprintf("МБОУ Школа № %d", o)})
	}
	p.Organizations = append(p.Organizations, plan.Organization{Name: "МЦ", Short: "МЦ"})
	sec := ""
	for i := 0; i < items; i++ {
		if i%30 == 0 {
			n := i/30 + 1
			num := fmt.Sprintf("%d.", n)
			s := plan.Section{ID: fmt.Sprintf("s%d", n), Number: &num, Title: "Раздел " + benchPhrases[n%len(benchPhrases)], Level: 1}
			if n%4 == 0 {
				s.Parent, s.Level = fmt.Sprintf("s%d", n-1), 2
			}
			p.Sections = append(p.Sections, s)
			sec = s.ID
		}
		num := fmt.Sprintf("%d.%d.", i/30+1, i%30+1)
		m := plan.MonthOf(2021, 1) + plan.Month(rng.Intn(48))
		it := plan.Item{ID: fmt.Sprintf("i%d", i), Number: &num, Section: sec, Level: 2, Line: i + 10,
			Activity: plan.Text{Text: benchPhrases[rng.Intn(len(benchPhrases))] + " " + strings.Repeat("и другие ", rng.Intn(6))},
			Deadline: plan.Schedule{Text: m.Label(), Kind: plan.KindDated, Months: []plan.Month{m}},
			Result:   plan.Text{Text: benchPhrases[rng.Intn(len(benchPhrases))]}}
		for k := 0; k < perItem; k++ {
			it.Responsible = append(it.Responsible, plan.Executor{Text: p.Organizations[rng.Intn(orgs)].Name, Org: p.Organizations[rng.Intn(orgs)].Name})
		}
		if i%10 == 0 {
			it.Responsible = append(it.Responsible, plan.Executor{Text: "МЦ", Org: "МЦ", Co: true})
		}
		p.Items = append(p.Items, it)
	}
	return p
}

func benchDirectory(b testing.TB, p *plan.Plan) *orgdir.Directory {
	var orgs []orgdir.Org
	for i, o := range p.Organizations {
		orgs = append(orgs, orgdir.Org{Name: o.Name, Groups: []string{"ОбОО"}, Line: i + 2})
	}
	d, err := orgdir.New("bench.csv", orgs)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

func BenchmarkTracker5000(b *testing.B) {
	p := benchPlan(5000, 500, 3)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := WriteTracker(io.Discard, p, TrackerOptions{Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChecklists500 writes 500 school checklists of about 80 items
// (5,000 items, 8 schools each) plus the МЦ's of 500, in memory, one
// writer per CPU as the core runs them (produce.WriteChecklists adds the
// files: BenchmarkWriteChecklists500 there).
func BenchmarkChecklists500(b *testing.B) {
	p := benchPlan(5000, 500, 8)
	recips, _ := benchDirectory(b, p).Recipients(p)
	orgs := make([]string, 0, len(recips))
	for org := range recips {
		orgs = append(orgs, org)
	}
	workers := runtime.GOMAXPROCS(0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, err := NewChecklists(p, ChecklistOptions{Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := w; j < len(orgs); j += workers {
					if err := c.Write(io.Discard, orgs[j], recips[orgs[j]]); err != nil {
						errs[w] = err
					}
				}
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	if len(orgs) < 500 {
		b.Fatalf("%d checklists", len(orgs))
	}
}

// BenchmarkTrackerFile writes the tracker of the plan JSON named by
// $ROADMAP_BENCH_PLAN (e.g. the peers' 5,000-item workload after
// `roadmap ingest`); skipped without it.
func BenchmarkTrackerFile(b *testing.B) {
	path := os.Getenv("ROADMAP_BENCH_PLAN")
	if path == "" {
		b.Skip("ROADMAP_BENCH_PLAN not set")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	p, err := plan.Read(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteTracker(io.Discard, p, TrackerOptions{Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
}
