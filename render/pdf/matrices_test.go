package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
	"github.com/roadmap-tool/roadmap/view/viewtest"
)

func renderMatrices(t testing.TB, p *plan.Plan, s *view.Set) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteMatrices(&buf, p, s, MatrixOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMatricesText(t *testing.T) {
	p := viewtest.Sample(t)
	q := plan.Quarter{Year: 2022, Q: 1}
	data := renderMatrices(t, p, view.Matrices(p, viewtest.Progress(p, q), templates.Default()))
	keepFile(t, "matrices.pdf", data)
	txt := squash(pdfText(t, data))
	for _, w := range []string{
		"Участие исполнителей в разделах дорожной карты",
		"Календарный график мероприятий по месяцам",
		"Нагрузка исполнителей по кварталам",
		"Выполнение мероприятий по разделам",
		"Департамент образования", "ЦППМСП",
		"2.1.2. Стажировочные площадки на базе ДДТ",
		"Итого", "I кв. 2022", "янв 21",
		"Стр. 1 из 4",
	} {
		if !strings.Contains(txt, w) {
			t.Errorf("matrices lack %q", w)
		}
	}
	if !bytes.Equal(data, renderMatrices(t, p, view.Matrices(p, viewtest.Progress(p, q), templates.Default()))) {
		t.Error("two renders differ")
	}
}

// TestMatricesWide splits a wide and long calendar across pages, repeating
// the row labels and the title with a continuation marker.
func TestMatricesWide(t *testing.T) {
	p := viewtest.Plan(120)
	p.Period = plan.Period{From: plan.MonthOf(2021, 1), To: plan.MonthOf(2024, 12)} // 48 months
	s := view.Matrices(p, nil, templates.Default())
	data := renderMatrices(t, p, s)
	keepFile(t, "matrices-wide.pdf", data)
	txt := pdfText(t, data)
	pages := strings.Split(txt, "\f")
	cont := 0
	for _, pg := range pages {
		if strings.Contains(pg, "Календарный график мероприятий по месяцам (продолжение)") {
			cont++
			if !strings.Contains(pg, "Мероприятие") {
				t.Error("continued page lacks the row-label header")
			}
		}
	}
	// 120 rows over ~30 per page, twice over for 48 months.
	if cont < 6 {
		t.Errorf("%d continued calendar pages, want ≥ 6", cont)
	}
	if !strings.Contains(txt, "дек 24") {
		t.Error("the last month is missing")
	}
}
