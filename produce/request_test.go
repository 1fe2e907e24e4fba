package produce

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/usage"
)

const requestSeed = "../seeds/000_a1e155e70aa7bfd4.txt"

// TestRequestUsage: what a user got wrong in a command is a usage error
// that starts with the command's name and names the flag or argument,
// found before anything is written.
func TestRequestUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := func(name string) string { return filepath.Join(dir, name) }
	ctx := context.Background()
	cases := []struct {
		name string
		req  Request
		run  func(Request) error
		want string // the whole message, or its start when it ends in "…"
	}{
		{"tracker without -o", Request{Command: "tracker", Example: "roadmap tracker -o tracker.xlsx plan.txt", Args: []string{requestSeed}},
			func(r Request) error { return r.Tracker(ctx, "") }, "tracker: не указан выходной файл; пример: roadmap tracker -o tracker.xlsx plan.txt"},
		{"tracker to a pdf", Request{Command: "tracker", Output: out("t.pdf"), Args: []string{requestSeed}},
			func(r Request) error { return r.Tracker(ctx, "") }, `tracker: выходной файл "` + out("t.pdf") + `": ожидается расширение .xlsx (или «-» для стандартного вывода)`},
		{"report without input", Request{Command: "report", Output: out("r.pdf")},
			func(r Request) error { return r.Report(ctx) }, "report: ожидается один входной файл (план JSON или экспорт дорожной карты), указано 0"},
		{"report of a quarter there is not", Request{Command: "report", Output: out("r.pdf"), Quarter: "2022Q5", Args: []string{requestSeed}},
			func(r Request) error { return r.Report(ctx) }, "report: --quarter: …"},
		{"matrix in an unknown format", Request{Command: "matrix", Output: "-", Format: "csv", Args: []string{requestSeed}},
			func(r Request) error { return r.Matrices(ctx) }, `matrix: --format "csv": ожидается xlsx или pdf`},
		{"matrix of two formats", Request{Command: "matrix", Output: out("m.xlsx"), Format: "pdf", Args: []string{requestSeed}},
			func(r Request) error { return r.Matrices(ctx) }, "matrix: --format pdf, а выходной файл " + out("m.xlsx") + ": укажите одно и то же"},
		{"status with templates that are not there", Request{Command: "status", Format: "table", Templates: out("нет"), Args: []string{requestSeed}},
			func(r Request) error { return r.Status(ctx, false) }, "status: --templates " + out("нет") + ": папка не найдена; ожидается папка с файлами шаблонов (*.yaml)"},
		{"status in an unknown format", Request{Command: "status", Format: "xml", Args: []string{requestSeed}},
			func(r Request) error { return r.Status(ctx, false) }, `status: неизвестный формат "xml": ожидается table, json или csv`},
		{"history in an unknown format", Request{Command: "history", Format: "csv", Args: []string{requestSeed}},
			func(r Request) error { return r.History(ctx) }, `history: неизвестный формат "csv": ожидается table или json`},
		{"checklists without a folder", Request{Command: "checklists", Example: "roadmap checklists -o чек-листы plan.txt", Args: []string{requestSeed}},
			func(r Request) error { return r.Checklists(ctx, "") }, "checklists: не указана папка; пример: roadmap checklists -o чек-листы plan.txt"},
		{"checklists to standard output", Request{Command: "checklists", Output: "-", Example: "roadmap checklists -o чек-листы plan.txt", Args: []string{requestSeed}},
			func(r Request) error { return r.Checklists(ctx, "") }, "checklists: -o -: результаты — папка файлов, в стандартный вывод они не пишутся; пример: roadmap checklists -o чек-листы plan.txt"},
		{"checklists into a file", Request{Command: "checklists", Output: file, Args: []string{requestSeed}},
			func(r Request) error { return r.Checklists(ctx, "") }, "checklists: -o " + file + ": это файл или устройство, а ожидается папка результатов"},
		{"diff of standard input twice", Request{Command: "diff", Args: []string{"-", "-"}},
			func(r Request) error { _, err := r.Diff(ctx); return err }, "diff: «-» (стандартный ввод) указан дважды: стандартным вводом может быть одна редакция"},
		{"diff of one version", Request{Command: "diff", Args: []string{requestSeed}},
			func(r Request) error { _, err := r.Diff(ctx); return err }, "diff: ожидаются две редакции плана, прежняя и новая (экспорт, документ Word/ODF или план JSON), указано 1"},
		{"diff to an empty name", Request{Command: "diff", OutputGiven: true, Args: []string{requestSeed, requestSeed}},
			func(r Request) error { _, err := r.Diff(ctx); return err }, "diff: -o: пустое имя файла; без -o (или с -o -) результат идет в стандартный вывод"},
		{"diff's sheet on the terminal", Request{Command: "diff", Format: "xlsx", Args: []string{requestSeed, requestSeed}},
			func(r Request) error { _, err := r.Diff(ctx); return err }, `diff: неизвестный формат "xlsx": на экран — text или json; …`},
		{"diff to a csv", Request{Command: "diff", Output: out("d.csv"), Args: []string{requestSeed, requestSeed}},
			func(r Request) error { _, err := r.Diff(ctx); return err }, `diff: выходной файл "` + out("d.csv") + `": ожидается расширение .xlsx, .pdf, .json или .txt`},
		{"diff of two formats", Request{Command: "diff", Output: out("d.xlsx"), Format: "pdf", Args: []string{requestSeed, requestSeed}},
			func(r Request) error { _, err := r.Diff(ctx); return err }, "diff: --format pdf не согласуется с файлом " + out("d.xlsx")},
		{"amend of one version", Request{Command: "amend", Args: []string{requestSeed}},
			func(r Request) error { return r.Amend(ctx) }, "amend: ожидаются две редакции плана, …"},
		{"export with arguments", Request{Command: "export", Example: "roadmap export --db roadmap.db -o база.jsonl", Output: out("e.jsonl"), Args: []string{"x"}},
			func(r Request) error { return r.Export(ctx) }, `export: лишние аргументы ["x"]; пример: roadmap export --db roadmap.db -o база.jsonl`},
		{"import of nothing", Request{Command: "import", Example: "roadmap import саров.jsonl --db roadmap.db"},
			func(r Request) error { return r.Import(ctx, "") }, "import: ожидается один источник (файл выгрузки или база), указано 0; пример: roadmap import саров.jsonl --db roadmap.db"},
		{"collect of nothing", Request{Command: "collect", Example: "roadmap collect --quarter 2022Q1 входящие/"},
			func(r Request) error { return r.Collect(ctx, nil, "schools", false, false) }, "collect: не указаны файлы или папки; пример: roadmap collect --quarter 2022Q1 входящие/"},
		{"collect preferring nobody", Request{Command: "collect", Args: []string{dir}},
			func(r Request) error { return r.Collect(ctx, nil, "region", false, false) }, `collect: --prefer "region": ожидается schools или tracker`},
		{"lint of nothing", Request{Command: "lint", Example: "roadmap lint plan.txt"},
			func(r Request) error { _, err := r.Lint(ctx, false); return err }, "lint: не указан входной файл; пример: roadmap lint plan.txt"},
		{"ingest in an unknown format", Request{Command: "ingest", Format: "yaml", Args: []string{requestSeed}},
			func(r Request) error { return r.Ingest(ctx) }, `ingest: неизвестный формат "yaml": ожидается json или text`},
		{"ingest of two without a folder", Request{Command: "ingest", Format: "json", Args: []string{requestSeed, requestSeed}},
			func(r Request) error { return r.Ingest(ctx) }, "ingest: для нескольких входов укажите папку: roadmap ingest -o планы/ " + requestSeed + " " + requestSeed},
		{"ingest of two into a file", Request{Command: "ingest", Format: "json", Output: file, Args: []string{requestSeed, requestSeed}},
			func(r Request) error { return r.Ingest(ctx) }, "ingest: -o " + file + ": для нескольких входов ожидается папка, а это файл"},
		{"ingest into its input folder", Request{Command: "ingest", Format: "json", Output: dir, Args: []string{dir}},
			func(r Request) error { return r.Ingest(ctx) }, "ingest: -o " + dir + ": это входная папка, …"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			c.req.Stdout, c.req.Stderr = &stdout, &stderr
			err := c.run(c.req)
			prefix, cut := strings.CutSuffix(c.want, "…")
			if err == nil || !usage.Is(err) || !cut && err.Error() != c.want || cut && !strings.HasPrefix(err.Error(), prefix) {
				t.Fatalf("%v (usage error: %v), want %q", err, usage.Is(err), c.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("written to stdout: %q", stdout.String())
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("%s holds %d files, want only %s", dir, len(entries), file)
			}
		})
	}
}

// TestRequestDocuments: the commands that make a document of a plan
// write it where -o says, and tell Warn what the user should know.
func TestRequestDocuments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "roadmap.db")
	if err := RegisterFiles(ctx, db, requestSeed); err != nil {
		t.Fatal(err)
	}
	var warned []string
	var stdout bytes.Buffer
	r := Request{Args: []string{requestSeed}, DB: db, Quarter: "2022Q1", Stdout: &stdout,
		Warn: func(msg string) { warned = append(warned, msg) }}

	r.Command, r.Output = "report", "-"
	if err := r.Report(ctx); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(stdout.Bytes(), []byte("%PDF-")) {
		t.Errorf("report on stdout: %.20q", stdout.Bytes())
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "нет отметок о выполнении этого плана за 2022Q1 и ранее") {
		t.Errorf("warned: %q", warned)
	}

	r.Command, r.Output = "tracker", filepath.Join(dir, "трекер.xlsx")
	if err := r.Tracker(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(r.Output); err != nil || !bytes.HasPrefix(data, []byte("PK")) {
		t.Errorf("tracker: %.10q, %v", data, err)
	}

	stdout.Reset()
	r.Command, r.Output, r.Format = "status", "", "csv"
	if err := r.Status(ctx, false); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(stdout.String(), "\n"); lines < 2 {
		t.Errorf("status: %d lines: %q", lines, stdout.String())
	}

	r.Command, r.DB = "status", filepath.Join(dir, "нет.db")
	if err := r.Status(ctx, false); err == nil || !strings.HasSuffix(err.Error(), "(сначала соберите ответы: roadmap collect --db "+r.DB+" ...)") {
		t.Errorf("status without a store: %v", err)
	}
}
