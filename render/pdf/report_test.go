package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
	"github.com/roadmap-tool/roadmap/view/viewtest"
)

var keep = flag.String("keep", "", "write the rendered PDFs into this directory for inspection")

var fixedNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// pdfText runs pdftotext on data; tests skip when poppler is missing.
func pdfText(t testing.TB, data []byte, args ...string) string {
	t.Helper()
	tooltest.Need(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", append(append([]string{}, args...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func keepFile(t testing.TB, name string, data []byte) {
	if *keep != "" {
		if err := os.WriteFile(filepath.Join(*keep, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func render(t testing.TB, p *plan.Plan, opts ReportOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteReport(&buf, p, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// squash joins the text's words so that wrapped phrases compare equal.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// inQ1 and notInQ1 are the sample's activities by whether they are due or
// running in the first quarter of 2022 (see testdata/render/report-sample.plan.json).
var inQ1 = []string{
	"Мониторинг реализации рабочих программ воспитания",
	"Проведение совещания руководителей ОО по итогам полугодия",
	"Корректировка муниципальной программы развития воспитания",
	"Участие в региональных семинарах по воспитанию",
	"Организация работы городских методических объединений классных руководителей",
	"Курсы повышения квалификации советников директоров по воспитанию",
	"Стажировочные площадки на базе ДДТ",
	"Городской родительский форум «Семья и школа»",
}

var notInQ1 = []string{
	"Организационные мероприятия по внедрению программ воспитания ОБОУ",
	"Конкурс профессионального мастерства",
	"Семинар для заместителей директоров",
	"Обучение педагогов-организаторов",
	"Методический день для молодых педагогов",
	"Проведение родительских собраний",
	"Анкетирование родителей об удовлетворенности",
	"Организация семейных праздников",
	"Публичный отчет о реализации дорожной карты",
}

func TestReportPlanText(t *testing.T) {
	p := viewtest.Sample(t)
	data := render(t, p, ReportOptions{Quarter: plan.Quarter{Year: 2022, Q: 1}, Now: fixedNow})
	keepFile(t, "sample-plan.pdf", data)
	txt := squash(pdfText(t, data))
	want := []string{
		"План на I квартал 2022 г.: сведения о выполнении не собраны",
		"План мероприятий («дорожная карта») по развитию муниципальной системы организации воспитания обучающихся на 2021-2022 годы",
		"Муниципальное образование: Саров",
		"Период реализации: январь 2021 г. – декабрь 2022 г.",
		"Дата формирования: 25.11.2026",
		"1. Мероприятия по организационно-управленческому сопровождению системы организации воспитания обучающихся",
		"2. Кадровое и методическое обеспечение",
		"2.1. Повышение квалификации педагогических работников",
		"3. Работа с родителями (законными представителями) обучающихся",
		"Мероприятия без установленного срока",
		"Подготовка информационных материалов для СМИ",
		"Консультирование родителей по вопросам воспитания",
		"Стр. 1 из ",
	}
	for _, w := range append(want, inQ1...) {
		if !strings.Contains(txt, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	for _, w := range notInQ1 {
		if strings.Contains(txt, w) {
			t.Errorf("report has %q, not due in the quarter", w)
		}
	}
	if strings.Contains(txt, "перенесено из прошлых периодов") {
		t.Error("plan-only report carries activities forward")
	}
	if strings.Contains(txt, "Отчет о реализации") {
		t.Error("plan-only report is titled as a report")
	}
}

func TestReportProgressText(t *testing.T) {
	p := viewtest.Sample(t)
	q := plan.Quarter{Year: 2022, Q: 1}
	pr := &plan.Progress{Quarter: "2022Q1", Answers: map[string][]plan.Answer{}}
	for _, it := range p.Items {
		switch it.Num() {
		case "1.1.":
			pr.Answers[it.ID] = []plan.Answer{{ItemID: it.ID, Org: "МЦ", Status: plan.StatusDone}}
		case "1.2.":
			pr.Answers[it.ID] = []plan.Answer{{ItemID: it.ID, Org: "Департамент образования", Status: plan.StatusNotDone, Comment: "Ставки не выделены"}}
		case "3.2.":
			pr.Answers[it.ID] = []plan.Answer{{ItemID: it.ID, Org: "МЦ", Status: plan.StatusDone,
				Comment: "Форум проведен", Evidence: "Приказ № 12", Date: "2022-02-12"}}
		}
	}
	data := render(t, p, ReportOptions{Quarter: q, Now: fixedNow, Progress: pr})
	keepFile(t, "sample-progress.pdf", data)
	txt := squash(pdfText(t, data))
	want := []string{
		"Отчет о реализации дорожной карты за I квартал 2022 г.",
		"Сводные показатели", "Выполнение по разделам", "Просроченные мероприятия", "Сводка по исполнителям",
		"перенесено из прошлых периодов (Май - сентябрь 2021 г.)",
		"Организационные мероприятия по внедрению ставок советников",
		"Ставки не выделены",
		"Форум проведен; Приказ № 12; 12.02.2022",
		"Выполнено", "Не выполнено", "нет данных",
		"Что сделано / причины невыполнения",
	}
	for _, w := range append(want, inQ1...) {
		if !strings.Contains(txt, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	// Bookmarks: an outline with the report parts and the sections.
	if !bytes.Contains(data, []byte("/Type /Outlines")) || bytes.Count(data, []byte("/Title (")) < 8 {
		t.Error("no outline of bookmarks")
	}
	// 1.1 was done: not carried forward.
	if strings.Contains(txt, "Организационные мероприятия по внедрению программ воспитания ОБОУ") {
		t.Error("a done earlier activity is carried forward")
	}
}

func TestReportReproducible(t *testing.T) {
	p := viewtest.Sample(t)
	q := plan.Quarter{Year: 2022, Q: 1}
	opts := ReportOptions{Quarter: q, Now: fixedNow, Progress: viewtest.Progress(p, q)}
	a, b := render(t, p, opts), render(t, p, opts)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders with the same Now differ")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261125")) {
		t.Error("creation date is not taken from Now")
	}
}

// A report whose document was prepared in the background (PrepareReport)
// is the same file as one set up on the spot, and only the next report
// takes the prepared document.
func TestReportPrepared(t *testing.T) {
	p := viewtest.Sample(t)
	q := plan.Quarter{Year: 2022, Q: 1}
	opts := ReportOptions{Quarter: q, Now: fixedNow, Progress: viewtest.Progress(p, q)}
	plain := render(t, p, opts)
	PrepareReport()
	if !bytes.Equal(render(t, p, opts), plain) {
		t.Fatal("the report on a prepared document differs")
	}
	if preparedReport.Load() != nil {
		t.Error("the prepared document was not taken")
	}
	if !bytes.Equal(render(t, p, opts), plain) {
		t.Fatal("the report after the prepared one differs")
	}
}

func TestReportFontsEmbedded(t *testing.T) {
	tooltest.Need(t, "pdffonts")
	p := viewtest.Sample(t)
	q := plan.Quarter{Year: 2022, Q: 1}
	data := render(t, p, ReportOptions{Quarter: q, Now: fixedNow, Progress: viewtest.Progress(p, q)})
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 5 { // header, rule, regular, bold, italic
		t.Fatalf("pdffonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

func TestReportTemplateOverride(t *testing.T) {
	dir := t.TempDir()
	yaml := "columns:\n  plan:\n    - {key: number, heading: \"№\", width: 10}\n" +
		"    - {key: activity, heading: Содержание работы, width: 100}\n" +
		"    - {key: deadline, heading: Срок исполнения, width: 30}\n" +
		"headings:\n  unscheduled: Без срока\n"
	if err := os.WriteFile(filepath.Join(dir, "report.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	p := viewtest.Sample(t)
	lab, err := templates.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	data := render(t, p, ReportOptions{Quarter: plan.Quarter{Year: 2022, Q: 1}, Now: fixedNow, Labels: lab})
	txt := squash(pdfText(t, data))
	for _, w := range []string{"Содержание работы", "Срок исполнения", "Без срока", "Сводные показатели"} {
		if !strings.Contains(txt, w) {
			t.Errorf("overridden report lacks %q", w)
		}
	}
	for _, w := range []string{"Исполнители Ожидаемый результат", "Мероприятия без установленного срока"} {
		if strings.Contains(txt, w) {
			t.Errorf("overridden report still has %q", w)
		}
	}

	if err := os.WriteFile(filepath.Join(dir, "report.yaml"), []byte("columns:\n  plan:\n    - {key: bogus, width: 1}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = templates.Load(dir)
	if err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Errorf("bad column key: err = %v", err)
	}
}

// TestReportLong renders 5,000 activities: hundreds of pages, every page
// footed, every activity of the quarter present once.
func TestReportLong(t *testing.T) {
	if testing.Short() {
		t.Skip("long report")
	}
	p := viewtest.Plan(5000)
	q := plan.Quarter{Year: 2022, Q: 1}
	data := render(t, p, ReportOptions{Quarter: q, Now: fixedNow, Progress: viewtest.Progress(p, q)})
	keepFile(t, "long.pdf", data)
	txt := pdfText(t, data)
	pages := strings.Count(txt, "\f")
	if pages < 200 {
		t.Fatalf("%d pages, want hundreds", pages)
	}
	for i, page := range strings.Split(txt, "\f")[:pages] {
		if !strings.Contains(page, fmt.Sprintf("Стр. %d из %d", i+1, pages)) {
			t.Fatalf("page %d lacks its footer", i+1)
		}
	}
	v := view.Quarter(p, q, viewtest.Progress(p, q))
	// Every row's number appears whole, as a word of its own.
	words := map[string]bool{}
	for _, w := range strings.Fields(txt) {
		words[w] = true
	}
	for _, g := range v.Groups {
		for _, r := range g.Rows {
			if !r.Heading && !words[r.Item.Num()] {
				t.Errorf("row %s missing", r.Item.Num())
			}
		}
	}
}

// TestReportLongRow splits an activity longer than a page across pages
// under the continuation marker, losing no line, and keeps its section
// heading with it.
func TestReportLongRow(t *testing.T) {
	p := viewtest.Sample(t)
	var lines []string
	for i := 1; i <= 120; i++ {
		lines = append(lines, fmt.Sprintf("- пункт плана номер %d: проведение мероприятия в образовательной организации", i))
	}
	for i := range p.Items {
		if p.Items[i].Num() == "1.4." {
			p.Items[i].Activity.Text = "Очень длинное мероприятие:\n" + strings.Join(lines, "\n")
		}
	}
	data := render(t, p, ReportOptions{Quarter: plan.Quarter{Year: 2022, Q: 1}, Now: fixedNow})
	keepFile(t, "long-row.pdf", data)
	txt := pdfText(t, data)
	if n := strings.Count(squash(txt), "1.4. (продолжение)"); n < 2 {
		t.Errorf("%d continuation markers, want at least 2 for 120 lines", n)
	}
	flat := squash(txt)
	for i := 1; i <= 120; i++ {
		if !strings.Contains(flat, fmt.Sprintf("пункт плана номер %d:", i)) {
			t.Errorf("line %d lost", i)
		}
	}
}

// TestReportHeadingsKept checks on a long report that no page ends with a
// section heading: the line above each footer is never one.
func TestReportHeadingsKept(t *testing.T) {
	if testing.Short() {
		t.Skip("long report")
	}
	p := viewtest.Plan(3000)
	heads := map[string]bool{}
	for i := range p.Sections {
		heads[squash(view.SectionLabel(&p.Sections[i], ""))] = true
	}
	q := plan.Quarter{Year: 2022, Q: 1}
	data := render(t, p, ReportOptions{Quarter: q, Now: fixedNow, Progress: viewtest.Progress(p, q)})
	pages := strings.Split(pdfText(t, data, "-layout"), "\f")
	checked := 0
	for i, pg := range pages {
		ls := strings.Split(strings.TrimRight(pg, "\n "), "\n")
		if len(ls) < 3 {
			continue
		}
		last := ""
		for j := len(ls) - 1; j >= 0; j-- {
			l := strings.TrimSpace(ls[j])
			if l != "" && !strings.HasPrefix(l, "Стр. ") {
				last = squash(l)
				break
			}
		}
		checked++
		if heads[last] {
			t.Errorf("page %d ends with the heading %q", i+1, last)
		}
	}
	if checked < 100 {
		t.Errorf("only %d pages checked", checked)
	}
}

// TestReportEdgeCases renders degenerate plans without error or panic.
func TestReportEdgeCases(t *testing.T) {
	q := plan.Quarter{Year: 2022, Q: 1}
	empty := &plan.Plan{SchemaVersion: plan.SchemaVersion, Title: "Пустой план"}
	noSections := viewtest.Sample(t)
	noSections.Sections = nil
	for i := range noSections.Items {
		noSections.Items[i].Section, noSections.Items[i].Parent = "", ""
	}
	noPeriod := viewtest.Sample(t)
	noPeriod.Period = plan.Period{}
	tests := []struct {
		name string
		p    *plan.Plan
		prog *plan.Progress
		want []string
	}{
		{"empty plan", empty, nil, []string{"Пустой план", "В квартале нет мероприятий"}},
		{"empty plan with progress", empty, &plan.Progress{}, []string{"Просроченных мероприятий нет"}},
		{"no sections", noSections, nil, []string{"Вне разделов", "Городской родительский форум"}},
		{"no period", noPeriod, nil, []string{"Участие в региональных семинарах по воспитанию"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			txt := squash(pdfText(t, render(t, tc.p, ReportOptions{Quarter: q, Now: fixedNow, Progress: tc.prog})))
			for _, w := range tc.want {
				if !strings.Contains(txt, w) {
					t.Errorf("lacks %q", w)
				}
			}
		})
	}
	if err := WriteReport(io.Discard, empty, ReportOptions{}); err == nil {
		t.Error("no quarter: no error")
	}
	var buf bytes.Buffer
	if err := WriteMatrices(&buf, empty, view.Matrices(empty, nil, templates.Default()), MatrixOptions{Now: fixedNow}); err != nil {
		t.Errorf("matrices of an empty plan: %v", err)
	}
}

// TestReportOutsideBMP: a rune outside the Basic Multilingual Plane (an
// emoji) in a plan made fpdf panic when it subset the font; it is drawn
// as U+FFFD, the rest of the text as it is, in the report and the
// matrices alike.
func TestReportOutsideBMP(t *testing.T) {
	p := viewtest.Sample(t)
	for i := range p.Items {
		if p.Items[i].Num() == "1.4." {
			p.Items[i].Activity.Text = "Стажировочные 🎓 площадки 𝄞 на базе ДДТ"
		}
	}
	p.Title += " 🎓"
	data := render(t, p, ReportOptions{Quarter: plan.Quarter{Year: 2022, Q: 1}, Now: fixedNow})
	txt := squash(pdfText(t, data))
	if !strings.Contains(txt, "Стажировочные \uFFFD площадки \uFFFD на базе ДДТ") {
		t.Errorf("the activity is not drawn with U+FFFD in place of the emoji:\n%s", txt)
	}
	if strings.Contains(txt, "🎓") || strings.Contains(txt, "𝄞") {
		t.Error("a rune outside the BMP reached the PDF")
	}
	var buf bytes.Buffer
	s := view.Matrices(p, nil, templates.Default())
	if err := WriteMatrices(&buf, p, s, MatrixOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	if txt := squash(pdfText(t, buf.Bytes())); !strings.Contains(txt, "\uFFFD") {
		t.Error("the matrices do not show the activity's U+FFFD")
	}
}

func TestBMP(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		"Мероприятие «№ 5»": "Мероприятие «№ 5»",
		"а🎓б":               "а\uFFFDб",
		"𝄞":                 "\uFFFD",
		"ok\xc3":            "ok\xc3", // an invalid byte below 0xF0: as it is
		"ok\xff":            "ok\uFFFD",
		"x\xf0":             "x\uFFFD",
	} {
		if got := bmp(in); got != want {
			t.Errorf("bmp(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFooterCentred: the page footer, drawn once the page total is known,
// is centred on the page (with fpdf's {nb} alias it was centred as if the
// total were the four characters "{nb}").
func TestFooterCentred(t *testing.T) {
	p := viewtest.Plan(300)
	q := plan.Quarter{Year: 2022, Q: 1}
	data := render(t, p, ReportOptions{Quarter: q, Now: fixedNow})
	bbox := pdfText(t, data, "-bbox", "-f", "1", "-l", "1")
	var words []string // the footer's words, the last line of the page
	var lo, hi, lastY float64
	re := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)"[^>]*>([^<]*)</word>`)
	for _, m := range re.FindAllStringSubmatch(bbox, -1) {
		x0, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		if y > lastY+0.5 {
			words, lo, lastY = nil, x0, y
		}
		words, hi = append(words, m[4]), x1
	}
	if len(words) < 4 || words[0] != "Стр." {
		t.Fatalf("the last line of page 1 is %q, want the footer", words)
	}
	const pageW = 841.89 // A4 landscape, points
	if mid := (lo + hi) / 2; math.Abs(mid-pageW/2) > 0.3 {
		t.Errorf("footer %q centred at %.2f pt, want %.2f", strings.Join(words, " "), mid, pageW/2)
	}
}
