package plan

import (
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/enctest"
)

// TestNotPlanJSON: a plan JSON in UTF-16 and a JSON value that is not an
// object are named for what they are, with the file and position; an
// export and a plan object are left to their readers.
func TestNotPlanJSON(t *testing.T) {
	const obj = "{\n  \"schema_version\": 1, \"title\": \"План мероприятий\"\n}\n"
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string // "" when NotPlanJSON must return nil
	}{
		{"utf16le bom", "plan.json", enctest.UTF16(obj, false, true), "plan.json:1:1: план JSON: файл в кодировке UTF-16LE, а ожидается UTF-8"},
		{"utf16le", "plan.json", enctest.UTF16(obj, false, false), "plan.json:1:1: план JSON: файл в кодировке UTF-16LE"},
		{"utf16be bom", "plan.json", enctest.UTF16(obj, true, true), "файл в кодировке UTF-16BE"},
		{"utf16be", "p.txt", enctest.UTF16("  "+obj, true, false), "p.txt:1:1: план JSON: файл в кодировке UTF-16BE"},
		{"utf16 array", "p.json", enctest.UTF16("[1]", false, true), "в кодировке UTF-16LE"},
		{"array", "a.json", []byte("\n\n  [1, 2, 3]"), "a.json:3:3: план JSON: ожидается объект JSON плана ({ … }), как его пишет roadmap ingest, а найден массив"},
		{"broken array in .json", "a.JSON", []byte("[{\"a\":"), "a.JSON:1:1: план JSON: ожидается объект JSON плана ({ … }), как его пишет roadmap ingest, а найден массив"},
		{"broken array of arrays", "стандартный ввод", []byte("[[[[[[[["), "стандартный ввод:1:1: план JSON: ожидается объект JSON плана ({ … }), как его пишет roadmap ingest, а найден массив"},
		{"broken array of objects", "p.txt", []byte(" [\n {\"schema_version\": 1"), "p.txt:1:2: план JSON: ожидается объект JSON плана"},
		{"number", "n.json", []byte("42\n"), "а найдено число"},
		{"negative", "n", []byte("-1.5e3"), "а найдено число"},
		{"string", "s.json", []byte("\xEF\xBB\xBF\"план\""), "s.json:1:4: план JSON: ожидается объект JSON плана ({ … }), как его пишет roadmap ingest, а найдена строка"},
		{"bool", "b.json", []byte("true"), "а найдено логическое значение"},
		{"null", "z.json", []byte("null"), "а найдено значение null"},

		{"object", "plan.json", []byte(obj), ""},
		{"broken object", "plan.json", []byte("{\"a\":"), ""},
		{"tsv numbered", "plan.json", []byte("1.\tМероприятие\tСрок\n"), ""},
		{"tsv quoted", "plan.txt", []byte("\"Раздел\"\tСрок\n"), ""},
		{"tsv bracket", "plan.txt", []byte("[Гриф]\nМероприятие\tСрок\n"), ""},
		{"tsv bracket space", "plan.txt", []byte("[ Утверждено ]\nМероприятие\tСрок\n"), ""},
		{"utf16 tsv", "plan.txt", enctest.UTF16("Мероприятие\tСрок\n", false, true), ""},
		{"html", "plan.html", []byte("<html><table>"), ""},
		{"empty", "e.json", nil, ""},
		{"nul", "z.json", []byte{0}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := NotPlanJSON(tc.file, tc.data)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("NotPlanJSON = %q, want nil", err)
			case tc.want != "" && err == nil:
				t.Fatalf("NotPlanJSON = nil, want %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Fatalf("NotPlanJSON = %q, want it to contain %q", err, tc.want)
			}
			if tc.want != "" {
				if _, err := DecodeNamed(tc.file, tc.data); err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("DecodeNamed error = %v, want it to contain %q", err, tc.want)
				}
			}
		})
	}
}
