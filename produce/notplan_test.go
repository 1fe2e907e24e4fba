package produce

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/enctest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// TestOpenNotPlanJSON: a plan JSON saved in UTF-16 and a JSON file that
// holds an array, a number or a string are refused for what they are
// (they were «таблица не найдена», as if they were exports), through
// every way an input is opened: read whole, mapped as an export, mapped
// as a plan JSON, from standard input.
func TestOpenNotPlanJSON(t *testing.T) {
	dir := t.TempDir()
	seed, err := OpenFile(context.Background(), filepath.Join("..", "seeds", "000_a1e155e70aa7bfd4.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var valid strings.Builder
	if err := plan.Write(&valid, seed); err != nil {
		t.Fatal(err)
	}
	// Over inputfile.MinMapped, so that withPlan maps it.
	big := `{"schema_version": 1, "title": "` + strings.Repeat("План ", 300_000) + `"}`
	for _, tc := range []struct {
		file string
		data []byte
		want string
	}{
		{"bom.json", enctest.UTF16(valid.String(), false, true), "bom.json:1:1: план JSON: файл в кодировке UTF-16LE, а ожидается UTF-8"},
		{"nobom.json", enctest.UTF16(valid.String(), false, false), "nobom.json:1:1: план JSON: файл в кодировке UTF-16LE"},
		{"big.json", enctest.UTF16(big, false, true), "big.json:1:1: план JSON: файл в кодировке UTF-16LE"},
		{"bignobom.json", enctest.UTF16(big, false, false), "bignobom.json:1:1: план JSON: файл в кодировке UTF-16LE"},
		{"array.json", []byte("[{\"schema_version\": 1}]\n"), "array.json:1:1: план JSON: ожидается объект JSON плана ({ … }), как его пишет roadmap ingest, а найден массив"},
		{"bigarray.json", []byte("[\"" + strings.Repeat("x", 2<<20) + "\"]"), "bigarray.json:1:1: план JSON: ожидается объект JSON плана"},
		{"number.json", []byte("2022\n"), "number.json:1:1: план JSON: ожидается объект JSON плана ({ … }), как его пишет roadmap ingest, а найдено число"},
		{"string.json", []byte(`"plan"`), "а найдена строка"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			check := func(how string, err error) {
				t.Helper()
				if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
					t.Errorf("%s: error %v, want one line containing %q", how, err, tc.want)
				}
			}
			_, err := OpenFile(context.Background(), path)
			check("OpenFile", err)
			err = Reader{}.withPlan(context.Background(), path, -1, func(*plan.Plan, func() error) error {
				t.Error("withPlan opened it")
				return nil
			})
			check("withPlan", err)
			r := Reader{Stdin: strings.NewReader(string(tc.data))}
			_, err = r.OpenFile(context.Background(), StdinArg)
			want := tc.want
			tc.want = strings.Replace(want, tc.file, StdinName, 1)
			check("stdin", err)
			tc.want = want
		})
	}
}
