package orgdir

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/enctest"
	"golang.org/x/text/encoding/charmap"
)

// The directory as each way of saving it from Excel or a text editor
// leaves it reads to the same organisations.
func TestLoadAsExcelSavesIt(t *testing.T) {
	rows := [][]string{{"name", "short", "groups"}, {"МБОУ «Школа № 10»", "Школа № 10", "ОбОО;ОО"}, {"МБДОУ Детский сад № 5", "Детсад 5", "ДОО"}}
	join := func(sep, eol string) string {
		var lines []string
		for _, r := range rows {
			cells := append([]string(nil), r...)
			for i, c := range cells {
				if strings.Contains(c, sep) || strings.Contains(c, `"`) {
					cells[i] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
				}
			}
			lines = append(lines, strings.Join(cells, sep))
		}
		return strings.Join(lines, eol) + eol
	}
	cp1251 := func(s string) string {
		b, err := charmap.Windows1251.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16le := func(s string) string { return string(enctest.UTF16(s, false, true)) }
	utf16be := func(s string) string { return string(enctest.UTF16(s, true, false)) }
	want := []Org{{Name: "МБОУ «Школа № 10»", Short: "Школа № 10", Groups: []string{"ОбОО", "ОО"}, Line: 2},
		{Name: "МБДОУ Детский сад № 5", Short: "Детсад 5", Groups: []string{"ДОО"}, Line: 3}}
	for name, content := range map[string]string{
		"utf8-comma.csv":          join(",", "\n"),
		"utf8-bom-semicolon.csv":  "\xEF\xBB\xBF" + join(";", "\r\n"),
		"cp1251-semicolon.csv":    cp1251(join(";", "\r\n")),
		"cp1251-comma.csv":        cp1251(join(",", "\r\n")),
		"cp1251-bom-like.csv":     cp1251(join(";", "\n")),
		"unicode-text.csv":        utf16le(join("\t", "\r\n")),
		"unicode-text-no-bom.csv": utf16le(join("\t", "\r\n"))[2:], // was «двоичный файл (байт NUL)»
		"utf16be-no-bom.csv":      utf16be(join(",", "\n")),
		"semicolon-unquoted.csv":  "name;short;groups\nМБОУ «Школа № 10»;Школа № 10;ОбОО;ОО\nМБДОУ Детский сад № 5;Детсад 5;ДОО\n",
		"comma-groups-in-csv.csv": "name;short;groups\nМБОУ «Школа № 10»;Школа № 10;ОбОО, ОО\nМБДОУ Детский сад № 5;Детсад 5;ДОО;\n",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			os.WriteFile(path, []byte(content), 0o644)
			d, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Orgs, want) {
				t.Errorf("orgs = %+v\nwant   %+v", d.Orgs, want)
			}
		})
	}
}

func TestLoadRefusesBinaryAndHuge(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "orgs.csv")
	os.WriteFile(bin, []byte("name\n\x00\x01\x02"), 0o644)
	if _, err := Load(bin); err == nil || err.Error() != bin+":2: двоичный файл (байт NUL), а ожидается текст CSV или YAML" {
		t.Errorf("binary: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := Load("/dev/zero"); err == nil || !strings.Contains(err.Error(), "двоичный файл") {
			t.Errorf("/dev/zero: %v", err)
		}
	}
	big := filepath.Join(dir, "big.csv")
	f, _ := os.Create(big)
	f.Truncate(MaxFileBytes + 1)
	f.Close()
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "файл слишком велик") {
		t.Errorf("big: %v", err)
	}
}

// checkErr holds an error of the readers to their form: one line that
// starts with the file name.
func checkErr(t *testing.T, path string, err error) {
	if err == nil {
		return
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, path+":") || strings.Contains(msg, "\n") {
		t.Fatalf("error not one line naming the file: %q", msg)
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{"name,short,groups\nШкола,Ш,ОбОО;ОО\n", "name;short\n\"a;b\";c\n", "\xEF\xBB\xBFname\n\"x", "name\tgroups\nx\ty,z\n",
		"\xFF\xFEn\x00a\x00m\x00e\x00", "\xcd\xe0\xe7\xe2\xe0\xed\xe8\xe5\nx\n", "name\n,\n\"\"\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orgs, err := Parse("orgs.csv", data)
		checkErr(t, "orgs.csv", err)
		if err == nil {
			_, err = New("orgs.csv", orgs)
			checkErr(t, "orgs.csv", err)
		}
	})
}

func FuzzParseYAML(f *testing.F) {
	for _, s := range []string{"- name: a\n  short: b\n  groups: [ОбОО]\n", "- {name: a, groups: ОбОО; ОО}\n", "x: &a [*a]\n", "- name: [\n",
		"- name: a\n  groups: {x: 1}\n", "---\n...\n", "- &a {name: x}\n- *a\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orgs, err := Parse("orgs.yaml", data)
		checkErr(t, "orgs.yaml", err)
		if err == nil {
			_, err = New("orgs.yaml", orgs)
			checkErr(t, "orgs.yaml", err)
		}
	})
}
