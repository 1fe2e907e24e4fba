package plan

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func validPlan() *Plan {
	n1, n2 := "1.", "1.1."
	return &Plan{SchemaVersion: SchemaVersion, Title: "План", Period: Period{From: MonthOf(2021, 1), To: MonthOf(2022, 12)},
		Sections: []Section{{ID: "S-1", Number: &n1, Title: "Раздел", Level: 1}},
		Items: []Item{
			{ID: "1.1", Number: &n2, Section: "S-1", Parent: "S-1", Level: 2,
				Deadline: Schedule{Text: "май 2021", Kind: KindDated, Months: Months{MonthOf(2021, 5)}}},
			{ID: "1.1.1", Section: "S-1", Parent: "1.1", Level: 3, Deadline: Schedule{Kind: KindUnknown}},
		}}
}

func encode(t testing.TB, p *Plan) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestValidPlanDecodes(t *testing.T) {
	p, err := DecodeNamed("p.json", encode(t, validPlan()))
	if err != nil || len(p.Items) != 2 {
		t.Fatalf("%v", err)
	}
	// Saved again by Notepad: with a BOM, the same plan.
	q, err := DecodeNamed("p.json", append([]byte("\ufeff"), encode(t, validPlan())...))
	if err != nil || q.Hash() != p.Hash() {
		t.Fatalf("with a BOM: %v", err)
	}
}

// Every kind of inconsistency is refused with one Russian line naming the
// file, the line of the JSON and the section or item.
func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *Plan)
		want   string
	}{
		{"period reversed", func(p *Plan) { p.Period = Period{From: MonthOf(2023, 1), To: MonthOf(2021, 12)} },
			"p.json:10:3: план JSON: период 2023-01..2021-12: начало позже конца"},
		{"period of centuries", func(p *Plan) { p.Period = Period{From: MonthOf(2021, 1), To: MonthOf(2121, 12)} },
			"p.json:10:3: план JSON: период 2021-01..2121-12 длиннее 20 лет"},
		{"period in year 1", func(p *Plan) { p.Period = Period{From: MonthOf(1, 1), To: MonthOf(1, 12)} },
			"p.json:10:3: план JSON: период 0001-01..0001-12: ожидаются годы от 1900 до 2199"},
		{"duplicate item ids", func(p *Plan) { p.Items[1].ID = "1.1"; p.Items[1].Parent = "S-1" },
			"p.json:50:5: план JSON: пункт «1.1» (items[1]): идентификатор уже занят: пункт «1.1» (items[0])"},
		{"item id of a section", func(p *Plan) { p.Items[0].ID = "S-1"; p.Items[1].Parent = "S-1" },
			"p.json:25:5: план JSON: пункт «S-1» (items[0]): идентификатор уже занят: раздел «S-1» (sections[0])"},
		{"empty id", func(p *Plan) { p.Items[1].ID = " " },
			"p.json:50:5: план JSON: пункт « » (items[1]): пустой идентификатор (id)"},
		{"negative line", func(p *Plan) { p.Sections[0].Line = -7 },
			"p.json:16:5: план JSON: раздел «S-1» (sections[0]): строка (line) -7: ожидается номер строки источника, 0 или больше"},
		{"level 0", func(p *Plan) { p.Sections[0].Level = 0 },
			"p.json:16:5: план JSON: раздел «S-1» (sections[0]): уровень 0: ожидается от 1 до 32"},
		{"item not deeper than its parent", func(p *Plan) { p.Items[1].Level = 2 },
			"p.json:50:5: план JSON: пункт «1.1.1» (items[1]): уровень 2 не глубже уровня 2 родителя «1.1»"},
		{"missing section", func(p *Plan) { p.Items[0].Section = "S-9" },
			"p.json:25:5: план JSON: пункт «1.1» (items[0]): раздел (section) «S-9» не найден"},
		{"section of an item", func(p *Plan) { p.Items[1].Section = "1.1" },
			"p.json:50:5: план JSON: пункт «1.1.1» (items[1]): раздел (section) «1.1» не найден"},
		{"missing parent", func(p *Plan) { p.Items[1].Parent = "9.9" },
			"p.json:50:5: план JSON: пункт «1.1.1» (items[1]): родитель (parent) «9.9» не найден среди разделов и пунктов"},
		{"section under an item", func(p *Plan) { p.Sections[0].Parent = "1.1" },
			"p.json:16:5: план JSON: раздел «S-1» (sections[0]): родительский раздел (parent) «1.1» не найден"},
		{"cycle", func(p *Plan) { p.Items[0].Parent = "1.1.1" },
			"p.json:25:5: план JSON: пункт «1.1» (items[0]): уровень 2 не глубже уровня 3 родителя «1.1.1»"},
		{"month outside the period", func(p *Plan) { p.Items[0].Deadline.Months = Months{MonthOf(2025, 3)} },
			"p.json:25:5: план JSON: пункт «1.1» (items[0]): месяц срока 2025-03 вне периода плана 2021-01..2022-12"},
		{"months out of order", func(p *Plan) { p.Items[0].Deadline.Months = Months{MonthOf(2021, 5), MonthOf(2021, 5)} },
			"p.json:25:5: план JSON: пункт «1.1» (items[0]): месяцы срока не по порядку или повторяются (2021-05 после 2021-05)"},
		{"unknown kind", func(p *Plan) { p.Items[0].Deadline.Kind = "someday" },
			"p.json:25:5: план JSON: пункт «1.1» (items[0]): вид срока (deadline.kind) «someday»: ожидается dated, range, recurring, period, unscheduled или unknown"},
		{"months in a plan without period", func(p *Plan) { p.Period = Period{}; p.Items[0].Deadline.Months = Months{MonthOf(3000, 1)} },
			"p.json:25:5: план JSON: пункт «1.1» (items[0]): месяц срока 3000-01: ожидаются годы от 1900 до 2199"},
		{"title of 100,000 characters", func(p *Plan) { p.Title = strings.Repeat("я", 100_000) },
			"p.json:8:3: план JSON: название плана (title) длиной 100000 знаков, а допускается не более 32767: ожидается заголовок документа"},
		{"approval of 40,000 characters", func(p *Plan) { p.Approval = strings.Repeat("Утверждаю ", 4000) },
			"p.json:10:3: план JSON: гриф утверждения (approval) длиной 40000 знаков, а допускается не более 32767: ожидается заголовок документа"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPlan()
			tt.mutate(p)
			_, err := DecodeNamed("p.json", encode(t, p))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error\n got: %v\nwant: %s", err, tt.want)
			}
			var je *JSONError
			if !errors.As(err, &je) {
				t.Errorf("error %T is not *JSONError", err)
			}
			if err := p.Validate(); err == nil {
				t.Error("Validate passed")
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	good := string(encode(t, validPlan()))
	tests := []struct{ name, json, want string }{
		{"empty", "", "p.json:1:1: план JSON: файл обрывается: ожидается JSON, записанный командой roadmap ingest"},
		{"cut", good[:200], "план JSON: файл обрывается"},
		{"syntax", "{\"schema_version\": 1,\n  \"title\": \"x\",,\n}", "p.json:2:16: план JSON: синтаксическая ошибка JSON: неожиданный символ «,»"},
		{"type", strings.Replace(good, `"level": 2`, `"level": "два"`, 1), "план JSON: поле items.level: ожидается число, а указано значение типа строка"},
		{"bad month", strings.Replace(good, `"from": "2021-01"`, `"from": "2021-13"`, 1), "p.json:11:13: план JSON: месяц «2021-13»: ожидается ГГГГ-ММ (год и номер месяца от 01 до 12)"},
		{"bad months list", strings.Replace(good, `"2021-05"`, `"май"`, 1), "p.json:39:11: план JSON: месяц «май»: ожидается ГГГГ-ММ"},
		{"foreign JSON", `{"name": "x", "items": 5}`, "p.json: план JSON: нет поля schema_version: ожидается план JSON, записанный командой roadmap ingest"},
		{"other version", strings.Replace(good, `"schema_version": 1`, `"schema_version": 2`, 1), "p.json: план JSON: версия схемы 2, ожидается 1"},
		{"invalid utf-8", strings.Replace(good, `"title": "`, "\"title\": \"\xff", 1), "p.json:8:13: план JSON: неверная последовательность UTF-8 (байт 0xFF): ожидается план JSON в UTF-8, как его пишет roadmap ingest"},
		{"integer too large", strings.Replace(good, `"schema_version": 1`, `"schema_version": 99999999999999999999`, 1), "p.json:2:41: план JSON: поле schema_version: ожидается целое число, а указано 99999999999999999999"},
		{"fraction", strings.Replace(good, `"level": 2`, `"level": 1.5`, 1), "план JSON: поле items.level: ожидается целое число, а указано 1.5"},
		{"too deep", `{"schema_version": 1, "extra": ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}", "p.json:1:10031: план JSON: вложенность глубже 10000 уровней"},
		{"bom and error", "\ufeff" + strings.Replace(good, `"schema_version": 1`, `"schema_version": 2`, 1), "p.json: план JSON: версия схемы 2, ожидается 1"},
		{"bom and syntax", "\ufeff{,}", "p.json:1:5: план JSON: синтаксическая ошибка JSON: неожиданный символ «,»"},
		{"repeated key", strings.Replace(good, `"title": "`, `"title": "первое", "title": "`, 1), "p.json:8:28: план JSON: поле title повторяется в одном объекте"},
		{"repeated key in an item", strings.Replace(good, `"level": 2`, `"level": 2, "level": 3`, 1), "план JSON: поле level повторяется в одном объекте"},
		{"bad severity", `{"schema_version": 1, "diagnostics": [{"severity": "fatal"}]}`, "план JSON: важность замечания (severity) «fatal»: ожидается info, warning или error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeNamed("p.json", []byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error\n got: %v\nwant: %s", err, tt.want)
			}
		})
	}
}

// Whatever bytes the reader is given, it returns a plan that passes
// Validate or one Russian line, and never panics.
func FuzzDecode(f *testing.F) {
	good := encode(f, validPlan())
	f.Add(good)
	f.Add([]byte(`{"schema_version": 1, "period": {"from": "2021-01", "to": "2020-01"}}`))
	f.Add([]byte(`{"schema_version": 1, "items": [{"id": "a", "parent": "a", "level": 1}]}`))
	f.Add([]byte(`{"schema_version": 1, "items": [{"id": "a", "deadline": {"months": ["2021-01", "2021-0x"]}}]}`))
	f.Add([]byte(`[1, 2]`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodeNamed("p.json", data)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "p.json") || strings.Contains(msg, "\n") || !strings.Contains(msg, "план JSON") {
				t.Fatalf("error not one line naming the file: %q", msg)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("decoded plan fails Validate: %v", err)
		}
		// What was read writes and reads back the same.
		again, err := Decode(encode(t, p))
		if err != nil {
			t.Fatalf("re-read: %v", err)
		}
		if again.Hash() != p.Hash() {
			t.Fatal("hash changed on a round trip")
		}
	})
}

// A heading of exactly MaxHeadingRunes characters is a plan's: the bound
// is Excel's cell, not below it.
func TestHeadingAtTheBound(t *testing.T) {
	p := validPlan()
	p.Title = strings.Repeat("я", MaxHeadingRunes)
	if _, err := DecodeNamed("p.json", encode(t, p)); err != nil {
		t.Fatal(err)
	}
}

func TestCutRunes(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"абв", 3, "абв"},
		{"абвг", 3, "абвг"}, // one more than n: the cut would save nothing
		{"абвгд", 3, "абв…"},
		{"ab\xffcd", 2, "ab…"},
		{"план", 0, "…"},
	} {
		if got := CutRunes(tt.s, tt.n, "…"); got != tt.want {
			t.Errorf("CutRunes(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
	// The cost is the cut's: a 100 MB text is not walked to its end.
	long := strings.Repeat("я", 50<<20)
	if a := testing.AllocsPerRun(3, func() { CutRunes(long, 100, "…") }); a > 1 {
		t.Errorf("%v allocations", a)
	}
}
