package ingest_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/resbudget"
	"github.com/roadmap-tool/roadmap/normalize"
)

const (
	maxTime = 2 * time.Second
	maxHeap = 200 << 20
)

// readAndBuild is what `roadmap ingest` does with a file: read it, build
// the plan. It returns the reader's error, if any.
func readAndBuild(path string) error {
	t, err := ingest.ReadFile(path)
	if err != nil {
		return err
	}
	_, err = normalize.Build(t, normalize.Options{})
	return err
}

// Hostile and careless inputs are refused or read within 2 s of CPU time
// and 200 MB of heap, and a refusal is one line in Russian naming the file.
func TestHostileInputsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 20 MB inputs")
	}
	dir := t.TempDir()
	header := "План мероприятий на 2021-2022 годы\n№\tМероприятие\tСроки\tОтветственные\n"
	item := "1.\tСовещание\tМай 2021\tОО\n"
	cases := []struct {
		name   string
		data   func() string
		refuse error // nil: read
	}{
		{"20 MB line of tabs", func() string { return header + strings.Repeat("\t", 20<<20) + "\n" + item }, nil},
		{"20 MB of tabs after text", func() string { return header + "1.\tx" + strings.Repeat("\t", 20<<20) + "\n" }, nil},
		{"row of 2 million cells", func() string { return header + strings.Repeat("a\t", 2_000_000) + "\n" }, ingest.ErrTooManyCells},
		{"HTML row of 2 million cells", func() string {
			return "<html><body><table><tr><td>№</td><td>Мероприятие</td></tr><tr>" + strings.Repeat("<td>a</td>", 2_000_000) + "</tr></table>"
		}, ingest.ErrTooManyCells},
		{"HTML row of 2 million empty cells", func() string {
			return "<html><body><table><tr><td>№</td><td>Мероприятие</td></tr><tr><td>1.</td><td>x</td>" + strings.Repeat("<td>&nbsp;</td>", 2_000_000) + "</tr></table>"
		}, nil},
		{"HTML span bomb", func() string {
			return "<html><body><table><tr><td colspan=1000 rowspan=65534>x</td></tr>" + strings.Repeat("<tr><td>a</td></tr>", 100_000) + "</table>"
		}, ingest.ErrTooManyCells},
		{"a million rows of tabs", func() string { return header + strings.Repeat("\t\t\t\n", 1_000_000) }, ingest.ErrTooManyCells},
		{"ten million blank lines", func() string { return header + item + strings.Repeat("\n", 10_000_000) + item }, nil},
		{"HTML with ten million newlines", func() string {
			return "<html><body><table><tr><td>№</td><td>Мероприятие</td></tr>" + strings.Repeat("\n", 10_000_000) + "<tr><td>1.</td><td>x</td></tr></table>"
		}, nil},
		{"16 MB cell of markup", func() string { return header + "1.\t" + strings.Repeat("<b>x</b> ", 2<<20) + "\tМай 2021\tОО\n" }, nil},
		{"16 MB cell of paragraphs", func() string {
			return header + "1.\t" + strings.Repeat("<p>абзац</p>", 1<<20) + "\tМай 2021\tОО\n"
		}, nil},
		{"deep nesting", func() string { return header + "1.\t" + strings.Repeat("<span>", 1<<20) + "\tМай 2021\tОО\n" }, nil},
		{"20 MB cell", func() string {
			return header + "1.\t" + strings.Repeat("Совещание ", 1<<20) + "\tМай 2021\tОО\n"
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".txt")
			if err := os.WriteFile(path, []byte(c.data()), 0o644); err != nil {
				t.Fatal(err)
			}
			var err error
			u := resbudget.Measure(func() { err = readAndBuild(path) })
			resbudget.Check(t, c.name, u, maxTime, maxHeap)
			checkOutcome(t, path, err, c.refuse)
		})
	}
}

func checkOutcome(t *testing.T, path string, err, want error) {
	t.Helper()
	if want == nil {
		var pe *ingest.ParseError
		if errors.As(err, &pe) {
			t.Fatalf("refused: %v", err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, path+":") || strings.Contains(msg, "\n") || !strings.ContainsAny(msg, "абвгдеёжзийклмнопрстуфхцчшщыэюя") {
		t.Errorf("message is not one Russian line naming the file: %q", msg)
	}
}

// Endless and huge files are refused at once, from their first bytes or
// their size.
func TestEndlessAndHugeFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err == nil {
		var err error
		u := resbudget.Measure(func() { err = readAndBuild("/dev/zero") })
		resbudget.Check(t, "/dev/zero", u, maxTime, maxHeap)
		if !errors.Is(err, ingest.ErrBinary) || err.Error() != "/dev/zero:1: двоичные данные, а не текст: байт NUL в тексте; ожидается текстовый экспорт таблицы (TSV) или HTML" {
			t.Errorf("/dev/zero: %v", err)
		}
	}
	big := filepath.Join(t.TempDir(), "disk.img")
	f, _ := os.Create(big)
	if err := f.Truncate(2 << 30); err != nil {
		t.Skip(err)
	}
	f.Close()
	var err error
	u := resbudget.Measure(func() { err = readAndBuild(big) })
	resbudget.Check(t, "2 GB file", u, maxTime, maxHeap)
	if !errors.Is(err, ingest.ErrTooLarge) || err.Error() != big+": файл слишком велик: 2048 МБ, а допускается не более 32 МБ" {
		t.Errorf("2 GB file: %v", err)
	}
	// A text stream without end (yes | roadmap ingest /dev/stdin) stops at
	// the limit.
	r, w, _ := os.Pipe()
	go func() {
		line := []byte(strings.Repeat("текст\t", 100) + "\n")
		for {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	}()
	defer r.Close()
	defer w.Close()
	u = resbudget.Measure(func() { _, err = ingest.Limits{MaxBytes: 8 << 20}.ReadFile("/dev/fd/" + itoa(int(r.Fd()))) })
	resbudget.Check(t, "endless pipe", u, maxTime, maxHeap)
	if !errors.Is(err, ingest.ErrTooLarge) || !strings.Contains(err.Error(), "больше 8 МБ") {
		t.Errorf("endless pipe: %v", err)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// ReadSource reads an input of either kind within its kind's limit: a
// text over the export's limit is refused as over it, having read no
// more than its head (a 95 MB text was read whole, 118 MB of memory, and
// a 200 MB one was said to be over the plan JSON's 128 MB).
func TestReadSourceLimitOfItsKind(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "plan.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("текст\t", 6<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	var err error
	u := resbudget.Measure(func() { _, err = ingest.ReadSource(text) })
	if !errors.Is(err, ingest.ErrTooLarge) || err.Error() != text+": файл слишком велик: 66 МБ, а допускается не более 32 МБ" {
		t.Errorf("66 MB text: %v", err)
	}
	if u.Alloc > 1<<20 {
		t.Errorf("66 MB text: %d bytes allocated to refuse it, want under 1 MB", u.Alloc)
	}
	js := filepath.Join(dir, "plan.json")
	if err := os.WriteFile(js, []byte(`{"title": "`+strings.Repeat("x", 40<<20)+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ingest.ReadSource(js); err != nil || len(data) != 40<<20+13 {
		t.Errorf("40 MB plan JSON: %d bytes, %v; want it read", len(data), err)
	}
}
