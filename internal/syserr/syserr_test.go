package syserr

import (
	"archive/zip"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
)

// latin finds English words left in a message: three Latin letters in a
// row outside the paths the tests use.
var latin = regexp.MustCompile(`[A-Za-z]{3,}`)

func TestText(t *testing.T) {
	pe := func(op, path string, e error) error { return &fs.PathError{Op: op, Path: path, Err: e} }
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"no such file", pe("open", "/x/y", syscall.ENOENT), "/x/y: файл или папка не найдены"},
		{"permission", fmt.Errorf("трекер: %w", pe("open", "out/t", syscall.EACCES)), "трекер: out/t: нет доступа (недостаточно прав)"},
		{"is a directory", pe("read", "dir", syscall.EISDIR), "dir: это папка, а ожидается файл"},
		{"disk full", pe("write", "/mnt/f", syscall.ENOSPC), "/mnt/f: нет места на диске"},
		{"read-only", pe("open", "/ro/f", syscall.EROFS), "/ro/f: файловая система только для чтения"},
		{"wrapped with %v", fmt.Errorf("папка %s: %v", "o", pe("mkdir", "o", syscall.EACCES)), "папка o: o: нет доступа (недостаточно прав)"},
		{"link", &os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EXDEV}, "a → b: нельзя переместить файл на другой диск"},
		{"sqlite busy", errors.New("db: database is locked (5) (SQLITE_BUSY)"), "db: база данных занята другой программой (повторите, когда та закончит)"},
		{"sqlite readonly", errors.New("x.db: attempt to write a readonly database (8)"), "x.db: база данных доступна только для чтения"},
		{"sqlite cantopen", errors.New("x.db: unable to open database file: out of memory (14)"), "x.db: не удается открыть файл базы данных (нет папки или доступа)"},
		{"sqlite full", errors.New("database or disk is full (13)"), "база данных или диск заполнены"},
		{"not a database", errors.New("a.db: file is not a database (26)"), "a.db: файл не является базой данных SQLite"},
		{"context", fmt.Errorf("сбор: %w", context.Canceled), "сбор: прервано"},
		{"zip not valid", fmt.Errorf("архив .xlsx не читается (%v)", zip.ErrFormat), "архив .xlsx не читается (не архив ZIP)"},
		{"zip checksum", fmt.Errorf("часть x.xml повреждена: %v", zip.ErrChecksum), "часть x.xml повреждена: неверная контрольная сумма части архива"},
		{"zip algorithm", fmt.Errorf("часть x.xml: %w", zip.ErrAlgorithm), "часть x.xml: неизвестный метод сжатия"},
		{"flate corrupt", fmt.Errorf("часть x.xml повреждена: %v", flate.CorruptInputError(106)), "часть x.xml повреждена: сжатые данные повреждены"},
		{"russian stays", errors.New("план.txt:3: нет заголовка"), "план.txt:3: нет заголовка"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Text(tc.err); got != tc.want {
				t.Errorf("Text = %q, want %q", got, tc.want)
			}
			if e := Error(tc.err); e.Error() != tc.want || !errors.Is(e, tc.err) {
				t.Errorf("Error = %q (Is %v)", e, errors.Is(e, tc.err))
			}
		})
	}
	if Text(nil) != "" || Error(nil) != nil {
		t.Error("nil")
	}
}

// TestRealErrors provokes the system's own errors and checks that no
// English is left.
func TestRealErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	os.WriteFile(file, []byte("x"), 0o644)
	_, e1 := os.Open(filepath.Join(dir, "missing"))
	_, e2 := os.ReadFile(dir)
	e3 := os.Mkdir(filepath.Join(file, "sub"), 0o755)
	e4 := os.WriteFile(filepath.Join(dir, "no", "such"), nil, 0o644)
	for _, err := range []error{e1, e2, e3, e4} {
		if err == nil {
			t.Fatal("no error")
		}
		got := Text(err)
		rest := latin.ReplaceAllStringFunc(got, func(w string) string {
			if regexp.MustCompile(regexp.QuoteMeta(w)).MatchString(dir) || w == "missing" || w == "such" || w == "sub" {
				return ""
			}
			return w
		})
		if latin.MatchString(rest) {
			t.Errorf("%q: English left in %q", err, got)
		}
	}
	if got := Text(e1); got != filepath.Join(dir, "missing")+": файл или папка не найдены" {
		t.Errorf("%q", got)
	}
}

func TestYAMLLine(t *testing.T) {
	for _, c := range []struct {
		msg, rest string
		line      int
	}{
		{"yaml: line 3: found a tab character that violates indentation", "found a tab character that violates indentation", 3},
		{"yaml: unmarshal errors:\n  line 5: field totl not found in type templates.Matrix", "field totl not found in type templates.Matrix", 5},
		{"yaml: control characters are not allowed", "yaml: control characters are not allowed", 0},
	} {
		line, rest := YAMLLine(c.msg)
		if line != c.line || rest != c.rest {
			t.Errorf("YAMLLine(%q) = %d, %q; want %d, %q", c.msg, line, rest, c.line, c.rest)
		}
	}
}
