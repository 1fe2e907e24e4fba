package xlsx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
)

// TestSummaryRecalculatesInLibreOffice changes statuses in a written
// tracker (as a user would), lets LibreOffice recalculate and save it, and
// reads the Сводка counts back. It runs only where soffice is installed.
func TestSummaryRecalculatesInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice round trip: not in -short runs")
	}
	soffice := tooltest.Need(t, "soffice")
	p := loadSample(t)
	f := openBytes(t, trackerBytes(t, p, TrackerOptions{Now: fixedNow}))
	rows, _ := f.GetRows("План")
	header := rows[trackerHeaderRow-1]
	stCol, idCol := colOf(t, header, "Статус"), colOf(t, header, "ID")
	set := map[string]string{"i1.1": "Выполнено", "i1.2": "Выполнено", "i1.3": "Не выполнено", "i2.2": "Выполняется"}
	for i, r := range rows {
		if len(r) >= idCol && set[r[idCol-1]] != "" {
			if err := f.SetCellStr("План", cellAt(stCol, i+1), set[r[idCol-1]]); err != nil {
				t.Fatal(err)
			}
		}
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.xlsx")
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "xlsx", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	g, err := excelize.OpenFile(filepath.Join(out, "in.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	sum, _ := g.GetRows("Сводка")
	find := func(label string) []string {
		for _, r := range sum {
			if len(r) > 0 && r[0] == label {
				return r
			}
		}
		t.Fatalf("no row %q in %q", label, sum)
		return nil
	}
	// Label, total, not started, in progress, done, not done, postponed, no data, %.
	tests := []struct {
		label string
		want  []string
	}{
		{"1. Организационно-управленческие мероприятия", []string{"5", "0", "0", "2", "1", "0", "2", "40%"}},
		{"2. Мероприятия по развитию воспитательной работы в образовательных организациях", []string{"7", "0", "1", "0", "0", "0", "6", "0%"}},
		{"Итого", []string{"16", "0", "1", "2", "1", "0", "12", "13%"}},
		{"МЦ", []string{"4", "0", "1", "1", "0", "0", "2", "25%"}},
	}
	for _, tt := range tests {
		got := find(tt.label)[1:]
		if len(got) < len(tt.want) || !equalStrings(got[:len(tt.want)], tt.want) {
			t.Errorf("%s: %q, want %q", tt.label, got, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "in.xlsx")); err != nil {
		t.Fatal(err)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
