package main

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDiffExitCodes: 0 when the versions are the same, 4 when they
// differ (whatever the output), 1 when an input cannot be read, 2 for
// wrong usage; the change sheet written with -o is a workbook.
func TestDiffExitCodes(t *testing.T) {
	dir := t.TempDir()
	seed := "../../seeds/000_a1e155e70aa7bfd4.txt"
	other := "../../seeds/004_7e7c8821e6f4a4e0.txt"
	xlsx := filepath.Join(dir, "лист.xlsx")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"diff", seed, seed}, 0},
		{[]string{"diff", seed, "../../testdata/document/converted/seed-000.odt"}, 0},
		{[]string{"diff", seed, other}, exitDiffers},
		{[]string{"diff", "--format", "json", seed, other}, exitDiffers},
		{[]string{"diff", "-o", xlsx, seed, other}, exitDiffers},
		{[]string{"diff", seed, filepath.Join(dir, "missing.txt")}, 1},
		{[]string{"diff", seed}, 2},
		{[]string{"diff", "--format", "yaml", seed, other}, 2},
	} {
		if _, errs, code := run(t, tc.args...); code != tc.code {
			t.Errorf("%q: exit %d, want %d\n%s", tc.args, code, tc.code, errs)
		}
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Лист изменений", "A1"); v != "Лист изменений дорожной карты" {
		t.Errorf("A1 of the change sheet = %q", v)
	}
}
