package produce

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/view/viewtest"
)

// The conformance test opens every kind of output with programs other
// than the ones that wrote it: LibreOffice re-saves each workbook and its
// values are read back and compared cell by cell with what excelize reads
// from ours; poppler reads each PDF. The workbooks are partly written by
// hand around excelize (render/xlsx/splice.go, deflate.go) and the PDFs
// are written by a patched copy of fpdf (third_party/fpdf): an upgrade of
// excelize or a change to that copy that breaks either fails here, in CI,
// where the programs are installed (.ci/run) and a missing one fails the
// test.

// conformanceOutputs renders the kinds of output of the report sample
// with answers for 2022Q1, and the change sheets of it and an amended
// copy.
func conformanceOutputs(t *testing.T) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	p := viewtest.Sample(t)
	q := plan.Quarter{Year: 2022, Q: 1}
	prog := viewtest.Progress(p, q)
	set := Settings{Now: time.Date(2022, 3, 31, 12, 0, 0, 0, time.UTC), Version: "conformance"}
	out := map[string][]byte{}
	render := func(name string, write func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b.Bytes()
	}
	render("tracker.xlsx", func(b *bytes.Buffer) error {
		return Tracker(ctx, b, p, TrackerOptions{Settings: set, Progress: prog})
	})
	render("matrix.xlsx", func(b *bytes.Buffer) error {
		return Matrices(ctx, b, p, MatrixOptions{Settings: set, Format: "xlsx", Progress: prog})
	})
	render("checklist.xlsx", func(b *bytes.Buffer) error {
		recips, _ := Recipients(p, nil)
		cs, err := NewChecklistSet(ctx, p, ChecklistOptions{Settings: set})
		if err != nil {
			return err
		}
		return cs.Write(ctx, b, recips[0])
	})
	render("report.pdf", func(b *bytes.Buffer) error {
		return Report(ctx, b, p, ReportOptions{Settings: set, Quarter: q, Progress: prog})
	})
	render("matrix.pdf", func(b *bytes.Buffer) error {
		return Matrices(ctx, b, p, MatrixOptions{Settings: set, Format: "pdf", Progress: prog})
	})
	// The change sheet of the sample and an amended copy: an item
	// removed, one reworded (a word diff in rich text), an amendment line.
	amended := clonePlan(t, p)
	amended.Title += " (в ред. приказа от 01.04.2022 № 12)"
	amended.Items = amended.Items[1:]
	amended.Items[0].Activity.Text = "Уточненные " + amended.Items[0].Activity.Text
	d, err := Compare(ctx, p, amended)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"xlsx", "pdf"} {
		render("changes."+f, func(b *bytes.Buffer) error {
			return Changes(ctx, b, d, ChangesOptions{Settings: set, Format: f})
		})
	}
	return out
}

// TestConformanceWorkbooks: LibreOffice opens every workbook, and every
// value of every sheet reads back the same from its re-saved copy; the
// cells that hold formulas (which we leave to be computed on opening)
// read back computed.
func TestConformanceWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice round trip: not in -short runs")
	}
	soffice := tooltest.Need(t, "soffice")
	dir := t.TempDir()
	var names []string
	for name, data := range conformanceOutputs(t) {
		if strings.HasSuffix(name, ".xlsx") {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
			names = append(names, name)
		}
	}
	out := filepath.Join(dir, "libreoffice")
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "xlsx", "--outdir", out}
	for _, n := range names {
		args = append(args, filepath.Join(dir, n))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			ours, err := excelize.OpenFile(filepath.Join(dir, n))
			if err != nil {
				t.Fatalf("excelize cannot read our own file: %v", err)
			}
			defer ours.Close()
			theirs, err := excelize.OpenFile(filepath.Join(out, n))
			if err != nil {
				t.Fatalf("LibreOffice did not write a readable copy (it could not open ours?): %v", err)
			}
			defer theirs.Close()
			compareWorkbooks(t, ours, theirs)
		})
	}
}

// compareWorkbooks checks that every sheet of ours is in theirs with the
// same values.
func compareWorkbooks(t *testing.T, ours, theirs *excelize.File) {
	t.Helper()
	sheets := ours.GetSheetList()
	if got := theirs.GetSheetList(); strings.Join(got, "|") != strings.Join(sheets, "|") {
		t.Fatalf("sheets %q after LibreOffice, ours %q", got, sheets)
	}
	cells := 0
	for _, sh := range sheets {
		a, err := ours.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		b, err := theirs.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		a, b = trimRows(a), trimRows(b)
		if len(a) != len(b) {
			t.Errorf("%s: %d rows, %d after LibreOffice", sh, len(a), len(b))
		}
		for r := 0; r < min(len(a), len(b)); r++ {
			for c := 0; c < max(len(a[r]), len(b[r])); c++ {
				va, vb := at(a[r], c), at(b[r], c)
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if va == "" {
					if f, _ := ours.GetCellFormula(sh, cell); f != "" {
						if vb == "" {
							t.Errorf("%s!%s: the formula %s is not computed by LibreOffice", sh, cell, f)
						}
						continue
					}
				}
				if va != vb {
					t.Errorf("%s!%s = %q, %q after LibreOffice", sh, cell, va, vb)
				}
				if va != "" {
					cells++
				}
			}
		}
	}
	if cells < 50 {
		t.Errorf("only %d cells compared", cells)
	}
}

func at(row []string, c int) string {
	if c < len(row) {
		return row[c]
	}
	return ""
}

// trimRows drops trailing empty rows, which the two writers may keep or
// not for styled blank rows.
func trimRows(rows [][]string) [][]string {
	for len(rows) > 0 && strings.Join(rows[len(rows)-1], "") == "" {
		rows = rows[:len(rows)-1]
	}
	return rows
}

// TestConformancePDF: poppler reads every PDF without a complaint, finds
// its pages, and extracts the text we wrote.
func TestConformancePDF(t *testing.T) {
	pdfinfo, pdftotext := tooltest.Need(t, "pdfinfo"), tooltest.Need(t, "pdftotext")
	outputs := conformanceOutputs(t)
	want := map[string][]string{
		"report.pdf": {"Отчет о реализации дорожной карты за I квартал 2022 г.", "Сводные показатели", "Выполнение по разделам",
			"Просроченные мероприятия", "Сводка по исполнителям"},
		"matrix.pdf": {"Участие исполнителей в разделах дорожной карты", "Календарный график мероприятий по месяцам",
			"Нагрузка исполнителей по кварталам", "Выполнение мероприятий по разделам", "Итого"},
		"changes.pdf": {"Лист изменений дорожной карты", "в ред. приказа от 01.04.2022 № 12", "Исключенные мероприятия (1)",
			"Измененные мероприятия (1)", "Составил"},
	}
	dir := t.TempDir()
	for name, words := range want {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, outputs[name], 0o644); err != nil {
				t.Fatal(err)
			}
			info := poppler(t, pdfinfo, path)
			if !strings.Contains(info, "Pages:") || strings.Contains(info, "Pages:           0") {
				t.Errorf("pdfinfo:\n%s", info)
			}
			text := strings.Join(strings.Fields(poppler(t, pdftotext, path, "-")), " ")
			for _, w := range words {
				if !strings.Contains(text, w) {
					t.Errorf("pdftotext finds no %q", w)
				}
			}
		})
	}
}

// poppler runs a poppler tool; anything on its stderr (a syntax error in
// a stream, a broken cross-reference table) fails the test.
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(tool, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(tool), err, errb.String())
	}
	if errb.Len() > 0 {
		t.Errorf("%s complains:\n%s", filepath.Base(tool), errb.String())
	}
	return out.String()
}
