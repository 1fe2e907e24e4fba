package pipeline

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// summary.csv: a title or an error message that looks like a formula is
// written as text.
func TestSummaryCSVNeutralizesFormulas(t *testing.T) {
	var buf bytes.Buffer
	l, err := templates.Load("")
	if err != nil {
		t.Fatal(err)
	}
	err = writeCSV(&buf, []Result{
		{Input: "=1+1.txt", Title: "-План", Dir: "@dir"},
		{Input: "b.txt", Err: errors.New("+ошибка")},
	}, &l.Build)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1][:3]; got[0] != "'=1+1.txt" || got[1] != "'-План" || got[2] != "'@dir" {
		t.Errorf("row 1 = %q", got)
	}
	for _, r := range rows {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("cell %q would run as a formula", c)
			}
		}
	}
}

// Output folders named after the plan are never Windows device names nor
// start with "-".
func TestFolderNamesSafe(t *testing.T) {
	n := newNamer()
	for _, tc := range []struct{ mun, title, input, want string }{
		{"CON", "", "x.txt", "CON_"},
		{"-rf", "", "x.txt", "rf"},
		{"", "", "nul.txt", "nul_"},
		// Named for the subject, not for the words every title has.
		{"Саров", "План мероприятий («дорожная карта» 2.3) по развитию в Сарове муниципальной системы организации воспитания обучающихся", "x.txt", "Саров_воспитания_обучающихся"},
		{"город Дербент", "Дорожная карта по развитию муниципальной системы оценки качества образования и муниципальных механизмов управления качеством образования в городском округе «город Дербент»", "x.txt", "город_Дербент_оценки_качества_образования"},
		{"", "План мероприятий по повышению финансовой грамотности обучающихся общеобразовательных организаций", "x.txt", "финансовой_грамотности_обучающихся"},
	} {
		p := &plan.Plan{Municipality: tc.mun, Title: tc.title}
		if got := n.dir(p, tc.input); got != tc.want {
			t.Errorf("dir(%q, %q) = %q, want %q", tc.mun, tc.input, got, tc.want)
		}
	}
}
