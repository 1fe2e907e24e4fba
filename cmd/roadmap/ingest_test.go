package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/internal/syserr"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
)

const (
	seedSarov   = "../../seeds/000_a1e155e70aa7bfd4.txt"
	seedDerbent = "../../seeds/004_7e7c8821e6f4a4e0.txt"
)

// run executes the CLI in process as main does (flags after arguments
// allowed) and returns stdout, stderr and the exit code main would use.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	app := newApp()
	var out, errb bytes.Buffer
	app.Writer, app.ErrWriter = &out, &errb
	app.Reader = strings.NewReader("")
	err := ruscli.Run(context.Background(), app, append([]string{"roadmap"}, args...))
	if err != nil {
		errb.WriteString("roadmap: " + syserr.Text(err) + "\n")
	}
	return out.String(), errb.String(), ruscli.ExitCode(err)
}

func TestIngest(t *testing.T) {
	dir := t.TempDir()
	noHeader := filepath.Join(dir, "nohead.txt")
	if err := os.WriteFile(noHeader, []byte("Заголовок\n\nодин\tдва\tтри\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    []string // substrings
		stderr    []string
		notStdout []string
	}{
		{name: "json", args: []string{"ingest", seedSarov}, code: 0,
			stdout: []string{`"schema_version": 1`, `"municipality": "Саров"`, `"id": "14.4"`},
			stderr: []string{"000_a1e155e70aa7bfd4.txt:125:1: предупреждение: number-format: номер 14.1"}},
		{name: "text", args: []string{"ingest", "--format", "text", seedDerbent}, code: 0,
			stdout: []string{"Муниципалитет: город Дербент", "Период: сентябрь 2021 – август 2024",
				"Разделов: 16, мероприятий: 71", "I. МЕХАНИЗМЫ", "\n    2.5.6 Проведение мероприятий по организации каникулярного отдыха детей",
				"срок: В период каникул по отдельным планам [", "\n    [1.2.6+1] Подготовка методических материалов"},
			stderr: []string{"004_7e7c8821e6f4a4e0.txt:119:1: предупреждение: number-gap: пропущен номер 2.5.5"}},
		{name: "no input", args: []string{"ingest"}, code: 2, stderr: []string{"ingest: не указан входной файл"}},
		{name: "two inputs without a folder", args: []string{"ingest", seedSarov, seedDerbent}, code: 2, stderr: []string{"для нескольких входов укажите папку: roadmap ingest -o планы/"}},
		{name: "bad format", args: []string{"ingest", "--format", "xml", seedSarov}, code: 2, stderr: []string{`неизвестный формат "xml"`}},
		{name: "missing file", args: []string{"ingest", filepath.Join(dir, "nope.txt")}, code: 1, stderr: []string{"nope.txt: файл не найден"}},
		{name: "not a roadmap", args: []string{"ingest", noHeader}, code: 1,
			stderr: []string{"nohead.txt:3: не найдена строка заголовка таблицы"}},
		{name: "lint", args: []string{"lint", seedSarov, seedDerbent}, code: 0,
			stdout: []string{"number-prefix: номер 1.2.3.7", "Проверено файлов: 2; 0 ошибок, "}},
		{name: "lint strict", args: []string{"lint", "--strict", seedDerbent}, code: 3,
			stdout: []string{"Проверено файлов: 1; 0 ошибок"}, stderr: []string{"найдены предупреждения (--strict)"}},
		{name: "lint unreadable", args: []string{"lint", seedSarov, noHeader}, code: 1,
			stdout: []string{"Проверено файлов: 1;", "1 файл не прочитан"}, stderr: []string{"не найдена строка заголовка"}},
		{name: "lint no input", args: []string{"lint"}, code: 2, stderr: []string{"lint: не указан входной файл"}},
		{name: "lint explain", args: []string{"lint", "--explain", "../../testdata/normalize/programme-funding-word.html"}, code: 0,
			stdout: []string{"Как прочитана таблица", "строки заголовка: 35, 58, 66; строка с номерами столбцов: 77",
				"«Объемы финансирования (тыс. руб.) / в том числе по годам: / 2023 г.» — финансирование, 2023 год",
				"«Итого по задаче 2» — итог раздела 2.", "total-mismatch"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := run(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tc.code, errs)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%.2000s", s, out)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%.2000s", s, errs)
				}
			}
		})
	}
}

// TestIngestOutput checks -o: the file holds the plan JSON, stdout stays
// empty, no temporary file is left, and the JSON reads back through
// the core's OpenFile (which every other command uses).
func TestIngestOutput(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "plan.json")
	out, errs, code := run(t, "ingest", "-o", dst, seedSarov)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errs)
	}
	data, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Items    []json.RawMessage `json:"items"`
		Sections []json.RawMessage `json:"sections"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Items) != 79 || len(doc.Sections) != 14 {
		t.Fatalf("plan.json: %v, %d items, %d sections", err, len(doc.Items), len(doc.Sections))
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("files left in the output directory: %v", ents)
	}
	p, err := produce.OpenFile(context.Background(), dst)
	if err != nil || len(p.Items) != 79 || p.ItemByID("2.1") == nil {
		t.Fatalf("OpenFile(plan.json): %v", err)
	}
	// lint accepts the JSON too and reports the same diagnostics.
	lintOut, _, code := run(t, "lint", dst)
	if code != 0 || !strings.Contains(lintOut, "number-format: номер 14.3") {
		t.Errorf("lint plan.json: exit %d\n%s", code, lintOut)
	}
}

// TestErrorsExit: a plan with an error-level diagnostic is still written
// by ingest, but both ingest and lint exit 1.
func TestErrorsExit(t *testing.T) {
	dir := t.TempDir()
	p, err := produce.OpenFile(context.Background(), seedSarov)
	if err != nil {
		t.Fatal(err)
	}
	p.Diagnostics.Add(plan.Pos{File: "x.txt", Line: 7}, plan.Error, plan.CodeHTMLMalformed, "ячейку не удалось разобрать", "<td")
	src := filepath.Join(dir, "bad.json")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Write(f, p); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dst := filepath.Join(dir, "out.json")
	_, errs, code := run(t, "ingest", "-o", dst, src)
	if code != 1 || !strings.Contains(errs, "x.txt:7: ошибка: html-malformed: ячейку не удалось разобрать") || !strings.Contains(errs, "в документе есть ошибки (1), план записан") {
		t.Errorf("ingest: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(dst); err != nil {
		t.Errorf("plan not written: %v", err)
	}
	out, _, code := run(t, "lint", src)
	if code != 1 || !strings.Contains(out, "Проверено файлов: 1; 1 ошибка, ") {
		t.Errorf("lint: exit %d\n%s", code, out)
	}
}

// TestIngestBatch checks -o DIR with several inputs: one plan JSON per
// input, named after it, each reading back as the plan of its input; an
// input that cannot be read is named on stderr, the others are written,
// and the exit code is 1.
func TestIngestBatch(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(filepath.Join(in, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for src, dst := range map[string]string{seedSarov: "a.txt", seedDerbent: "sub/a.txt"} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, dst), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	stdout, errs, code := run(t, "ingest", "-o", out, in, seedDerbent)
	if code != 0 || !strings.Contains(stdout, "Записано планов: 3 из 3") {
		t.Fatalf("exit %d\nstdout %s\nstderr %.1000s", code, stdout, errs)
	}
	if !strings.Contains(errs, "004_7e7c8821e6f4a4e0.txt:119:1: предупреждение: number-gap") {
		t.Errorf("stderr lacks the diagnostics of the inputs:\n%.1000s", errs)
	}
	items := map[string]int{"a.json": 79, "a_2.json": 71, "004_7e7c8821e6f4a4e0.json": 71}
	ents, _ := os.ReadDir(out)
	if len(ents) != len(items) {
		t.Errorf("written: %v, want %v", ents, items)
	}
	for name, n := range items {
		p, err := produce.OpenFile(context.Background(), filepath.Join(out, name))
		if err != nil || len(p.Items) != n {
			t.Errorf("%s: %v, want %d items", name, err, n)
		}
	}

	out2 := filepath.Join(dir, "out2")
	stdout, errs, code = run(t, "ingest", "-o", out2, seedSarov, filepath.Join(dir, "nope.txt"), "../../go.mod")
	if code != 1 || !strings.Contains(stdout, "Записано планов: 1 из 3") ||
		!strings.Contains(errs, "nope.txt: файл не найден") || !strings.Contains(errs, "go.mod:") ||
		!strings.Contains(errs, "не прочитано файлов: 2 из 3") {
		t.Errorf("exit %d\nstdout %s\nstderr %.1000s", code, stdout, errs)
	}
	if _, err := os.Stat(filepath.Join(out2, "000_a1e155e70aa7bfd4.json")); err != nil {
		t.Errorf("the readable input is not written: %v", err)
	}
}
