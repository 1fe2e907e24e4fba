// Package viewtest generates large deterministic plans and progress for
// the renderers' tests and benchmarks, so that a 5,000-activity report can
// be measured without the importer and without files on disk.
package viewtest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

var sectionTitles = []string{
	"Мероприятия по организационно-управленческому сопровождению системы организации воспитания обучающихся",
	"Кадровое обеспечение",
	"Методическое сопровождение педагогических работников",
	"Мониторинг и оценка качества образования",
	"Работа с родителями (законными представителями) обучающихся",
	"Развитие дополнительного образования детей",
	"Информационное сопровождение",
}

var activities = []string{
	"Организационные мероприятия по внедрению программ воспитания ОБОУ",
	"Участие в семинарах-совещаниях МОНиМП для заместителей директоров по воспитательной работе",
	"Проведение муниципального конкурса «Педагог года» с участием советников по воспитанию и классных руководителей общеобразовательных организаций",
	"Мониторинг реализации рабочих программ воспитания:\n- анализ планов воспитательной работы;\n- анкетирование обучающихся и родителей;\n- подготовка аналитической справки по итогам мониторинга",
	"Организация работы городских методических объединений классных руководителей",
	"Проведение оценочных процедур по функциональной грамотности обучающихся 8-9 классов",
	"Разработка и утверждение положения о муниципальной системе оценки качества образования",
	"Обновление содержания официальных сайтов образовательных организаций в разделе «Воспитательная работа»",
}

var deadlines = []struct {
	text   string
	kind   plan.Kind
	months []int // offsets from the period's start; nil: none
	recur  string
}{
	{"Сентябрь 2021 г.", plan.KindDated, []int{8}, ""},
	{"Май - сентябрь 2021 г.", plan.KindRange, []int{4, 5, 6, 7, 8}, ""},
	{"Октябрь 2021 г., март 2022 г.", plan.KindDated, []int{9, 14}, ""},
	{"Ежегодно (сентябрь)", plan.KindRecurring, []int{8, 20}, plan.RecurYearly},
	{"Ежегодно", plan.KindRecurring, nil, plan.RecurYearly},
	{"В течение всего периода", plan.KindPeriod, nil, ""},
	{"В течение учебного года", plan.KindPeriod, []int{8, 9, 10, 11, 12, 13, 14, 15, 16}, ""},
	{"I квартал 2022 г.", plan.KindDated, []int{12, 13, 14}, ""},
	{"до 01.06.2022", plan.KindDated, []int{17}, ""},
	{"По мере необходимости", plan.KindUnscheduled, nil, ""},
	{"Декабрь 2022 г.", plan.KindDated, []int{23}, ""},
	{"Февраль 2021 г.", plan.KindDated, []int{1}, ""},
}

var executors = []plan.Executor{
	{Text: "Департамент образования", Org: "Департамент образования"},
	{Text: "МБОУ ДПО МЦ", Org: "МЦ"},
	{Text: "ОБОУ", Org: "ОбОО", Group: true},
	{Text: "ДДТ", Org: "ДДТ"},
	{Text: "ГМО", Org: "ГМО", Group: true},
	{Text: "совместно с ДМиС", Org: "ДМиС", Co: true},
	{Text: "МБОУ Школа № 10", Org: "МБОУ Школа № 10"},
}

var results = []string{
	"Размещение утвержденных программ воспитания ОО на официальных сайтах",
	"Аналитическая справка",
	"Приказ департамента образования; план мероприятий",
	"",
}

// Plan returns a deterministic plan of n activities for January 2021 to
// December 2022: top-level sections of about 30 items, every third one with
// a nested subsection, deadlines of every kind, group and co-executors.
func Plan(n int) *plan.Plan {
	r := rand.New(rand.NewPCG(20240601, uint64(n)))
	p := &plan.Plan{
		SchemaVersion: plan.SchemaVersion,
		Source:        plan.Source{Path: fmt.Sprintf("generated-%d.txt", n), Format: "tsv", Encoding: "utf-8"},
		Title:         "План мероприятий («дорожная карта») по развитию муниципальной системы организации воспитания обучающихся на 2021-2022 годы",
		Municipality:  "Саров",
		Period:        plan.Period{From: plan.MonthOf(2021, 1), To: plan.MonthOf(2022, 12)},
		Columns: []plan.Column{
			{Header: "№ п/п", Role: plan.RoleNumber, Field: plan.FieldNumber},
			{Header: "Наименование мероприятия", Role: plan.RoleActivity, Field: plan.FieldActivity},
			{Header: "Сроки", Role: plan.RoleDeadline, Field: plan.FieldDeadline},
			{Header: "Ответственный исполнитель", Role: plan.RoleResponsible, Field: plan.FieldResponsible},
			{Header: "Ожидаемый результат", Role: plan.RoleResult, Field: plan.FieldResult},
		},
	}
	line := 5
	str := func(s string) *string { return &s }
	sec, sub, num := 0, 0, 0
	var cur, curTop string
	for i := 0; i < n; i++ {
		if i%30 == 0 {
			sec++
			sub, num = 0, 0
			curTop = fmt.Sprintf("s%d", sec)
			cur = curTop
			p.Sections = append(p.Sections, plan.Section{ID: curTop, Number: str(fmt.Sprintf("%d.", sec)),
				Title: sectionTitles[(sec-1)%len(sectionTitles)], Level: 1, Line: line})
			line++
		} else if i%30 == 15 && sec%3 == 0 {
			sub++
			cur = fmt.Sprintf("s%d.%d", sec, sub)
			p.Sections = append(p.Sections, plan.Section{ID: cur, Number: str(fmt.Sprintf("%d.%d.", sec, sub)),
				Title: "Подраздел: " + strings.ToLower(sectionTitles[(sec+sub)%len(sectionTitles)]), Parent: curTop, Level: 2, Line: line})
			line++
		}
		num++
		d := deadlines[r.IntN(len(deadlines))]
		var months []plan.Month
		for _, off := range d.months {
			months = append(months, p.Period.From+plan.Month(off))
		}
		nExec := 1 + r.IntN(3)
		var resp []plan.Executor
		for k := 0; k < nExec; k++ {
			e := executors[r.IntN(len(executors))]
			if k == 0 {
				e.Co = false
			}
			resp = append(resp, e)
		}
		act := activities[r.IntN(len(activities))]
		if r.IntN(4) == 0 {
			act += " " + activities[r.IntN(len(activities))]
		}
		number := fmt.Sprintf("%d.%d.", sec, num)
		if cur != curTop {
			number = fmt.Sprintf("%s%d.", p.Sections[len(p.Sections)-1].Num(), num)
		}
		p.Items = append(p.Items, plan.Item{
			ID: fmt.Sprintf("i%d", i+1), Number: str(number), Section: cur, Parent: cur, Level: 1, Line: line,
			Activity:    plan.Text{Text: act},
			Deadline:    plan.Schedule{Text: d.text, Kind: d.kind, Months: months, Recurrence: d.recur},
			Responsible: resp,
			Result:      plan.Text{Text: results[r.IntN(len(results))]},
		})
		line++
	}
	return p
}

// Progress returns deterministic answers for every other activity of p,
// collected for quarter q: one answer per resolved executor, statuses and
// comments drawn from the whole vocabulary.
func Progress(p *plan.Plan, q plan.Quarter) *plan.Progress {
	r := rand.New(rand.NewPCG(7, uint64(len(p.Items))))
	pr := &plan.Progress{Quarter: q.String(), Answers: map[string][]plan.Answer{}}
	received := time.Date(q.Year, time.Month(3*q.Q), 28, 12, 0, 0, 0, time.UTC)
	comments := []string{
		"Проведено совещание, принят приказ",
		"Работа продолжается по плану",
		"Перенесено в связи с ограничительными мерами",
		"Не выполнено: отсутствует финансирование",
		"",
	}
	for i := range p.Items {
		if i%2 == 1 {
			continue
		}
		it := &p.Items[i]
		for _, e := range it.Responsible {
			if e.Org == "" {
				continue
			}
			st := plan.Statuses[r.IntN(len(plan.Statuses))]
			pr.Answers[it.ID] = append(pr.Answers[it.ID], plan.Answer{
				ItemID: it.ID, Org: e.Org, Status: st, Quarter: q.String(), Received: received,
				Comment: comments[r.IntN(len(comments))], Evidence: "Приказ № " + fmt.Sprint(100+r.IntN(300)),
			})
		}
	}
	return pr
}

// Sample reads the hand-written report fixture
// testdata/render/report-sample.plan.json (4 sections, one nested, 20
// activities), which the PDF, matrix and Excel matrix tests share.
func Sample(t testing.TB) *plan.Plan {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	f, err := os.Open(filepath.Join(filepath.Dir(here), "../../testdata/render/report-sample.plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := plan.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
