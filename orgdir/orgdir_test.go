package orgdir

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func TestLoad(t *testing.T) {
	for name, line2 := range map[string]int{"orgs.yaml": 5, "orgs.csv": 3} {
		d, err := Load(filepath.Join("..", "testdata", "render", name))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Orgs) != 5 || d.Orgs[0].Name != "МБОУ «Школа № 10»" || d.Orgs[0].Short != "Школа № 10" ||
			!reflect.DeepEqual(d.Orgs[0].Groups, []string{"ОбОО"}) || d.Orgs[4].Groups != nil {
			t.Errorf("%s: %+v", name, d.Orgs)
		}
		if d.Orgs[1].Line != line2 {
			t.Errorf("%s: line of second entry = %d, want %d", name, d.Orgs[1].Line, line2)
		}
	}
}

// english finds English left in a message: a word of three small Latin
// letters that is none of the file's own (its fields, its extension).
func english(msg string) bool {
	for _, w := range regexp.MustCompile(`[a-z]{3,}`).FindAllString(msg, -1) {
		switch w {
		case "name", "short", "groups", "email", "adress", "yaml", "csv":
		default:
			return true
		}
	}
	return false
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"a.csv", "", "a.csv: пустой файл: ожидается заголовок name,short,groups"},
		{"b.csv", "title,x\nШкола,1\n", "b.csv:1: нет столбца name"},
		{"c.csv", "name,short\nШкола 1,Ш1\n\"bad,x\n", "c.csv:3:8: не закрыта кавычка \" в поле, заключенном в кавычки"},
		{"d.csv", "name,short\nШкола 1,Ш1\n,Ш2\n", "d.csv:3: пустое название организации"},
		{"e.csv", "name\nШкола № 1\nшкола №1\n", `e.csv:3: организация "школа №1" уже указана в строке 2`},
		{"f.yaml", "name: x\n", "f.yaml:1: ожидается список организаций"},
		{"g.yaml", "- name: a\n- [1, 2]\n", "g.yaml:2: ожидается запись вида {name, short, groups}"},
		{"h.yaml", "- name: a\n  groups: {a: 1}\n", "h.yaml:2:11: поле groups: ожидается список названий групп"},
		{"j.yaml", "- name: a\n  adress: x\n", "j.yaml:2:3: неизвестное поле «adress»: ожидается name, short, email или groups"},
		{"k.yaml", "- name: [a\n", "k.yaml:1: ошибка в разметке YAML (список [...] не закрыт): ожидается список организаций"},
		{"tab.yaml", "- name: a\n\tshort: b\n", "tab.yaml:2: ошибка в разметке YAML (табуляция в отступе, а отступы делаются пробелами)"},
		{"deep.yaml", strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n", "deep.yaml: ошибка в разметке YAML (слишком глубокая вложенность)"},
		{"colon.yaml", "- name: МБОУ: Школа\n", "colon.yaml: ошибка в разметке YAML (двоеточие там, где значение не ожидается"},
		{"l.csv", "name,short\nШкола 1,Ш1,лишнее\n", "l.csv:2:18: в строке 3 полей, а в заголовке 2: лишнее поле «лишнее»"},
		{"i.csv", "name;short;groups\nШкола 1;Ш1;ОбОО;ОО\n", ""},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		os.WriteFile(path, []byte(tt.content), 0o644)
		_, err := Load(path)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dir, tt.want[:strings.Index(tt.want, ":")])) ||
			!strings.Contains(err.Error(), tt.want[strings.Index(tt.want, ":"):]) || english(err.Error()[strings.Index(err.Error(), ": "):]) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.csv")); err == nil || !strings.Contains(err.Error(), "missing.csv") {
		t.Errorf("missing file: %v", err)
	}
}

func samplePlan() *plan.Plan {
	ex := func(text, org string, group, co bool) plan.Executor {
		return plan.Executor{Text: text, Org: org, Group: group, Co: co}
	}
	return &plan.Plan{
		Source: plan.Source{Path: "p.txt"},
		Items: []plan.Item{
			{ID: "a", Line: 5, Responsible: []plan.Executor{ex("ОО", "ОО", true, false)}},
			{ID: "b", Line: 6, Responsible: []plan.Executor{ex("ОбоО", "ОбОО", true, false), ex("совместно с МЦ", "МЦ", false, true)}},
			{ID: "c", Line: 7, Responsible: []plan.Executor{ex("МБОУ Школы №№ 10, 17", "МБОУ Школы №№ 10, 17", true, false)}},
			{ID: "d", Line: 8, Responsible: []plan.Executor{ex("ДОО", "ДОО", true, false), ex("Школа № 10", "", false, false)}},
			{ID: "e", Line: 9, Responsible: []plan.Executor{ex("ГМО", "ГМО", true, false), ex("НИРО", "НИРО", false, false)}},
		},
		Organizations: []plan.Organization{
			{Name: "ОО", Group: true}, {Name: "ОбОО", Group: true, Aliases: []string{"ОбоО"}},
			{Name: "МЦ", Short: "МЦ", Full: "методический центр"},
			{Name: "МБОУ Школы №№ 10, 17", Group: true, Members: []string{"МБОУ Школа № 10", "МБОУ Школа № 17"}},
			{Name: "ДОО", Group: true}, {Name: "ГМО", Group: true}, {Name: "НИРО"},
		},
	}
}

func TestRecipients(t *testing.T) {
	d, err := New("orgs.csv", []Org{
		{Name: "МБОУ «Школа № 10»", Short: "Школа 10", Groups: []string{"ОбОО"}, Line: 2},
		{Name: "МБОУ Школа № 17", Groups: []string{"ОБОУ"}, Line: 3},
		{Name: "МБДОУ Детский сад № 5", Groups: []string{"ДОУ"}, Line: 4},
		{Name: "Методический центр", Short: "МЦ", Line: 5},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, diags := d.Recipients(samplePlan())
	want := map[string][]string{
		"МБОУ «Школа № 10»":     {"a", "b", "c", "d"},
		"МБОУ Школа № 17":       {"a", "b", "c"},
		"МБДОУ Детский сад № 5": {"a", "d"},
		"Методический центр":    {"b"},
		"ГМО":                   {"e"},
		"НИРО":                  {"e"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("recipients\n got %v\nwant %v", got, want)
	}
	var codes []string
	for _, dg := range diags {
		codes = append(codes, dg.Pos.String()+" "+dg.Severity.String()+" "+dg.Code+" "+dg.Text)
	}
	wantDiags := []string{"p.txt:9 warning unknown-group ГМО", "p.txt:9 info unknown-executor НИРО"}
	if !reflect.DeepEqual(codes, wantDiags) {
		t.Errorf("diagnostics %q, want %q", codes, wantDiags)
	}
}

func TestRecipientsWithoutDirectory(t *testing.T) {
	var d *Directory
	got, diags := d.Recipients(samplePlan())
	want := map[string][]string{
		"ОО": {"a"}, "ОбОО": {"b"}, "МЦ": {"b"}, "МБОУ Школа № 10": {"c"}, "МБОУ Школа № 17": {"c"},
		"ДОО": {"d"}, "Школа № 10": {"d"}, "ГМО": {"e"}, "НИРО": {"e"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("recipients\n got %v\nwant %v", got, want)
	}
	if len(diags) != 4 || diags.Count(plan.Warning) != 4 {
		t.Errorf("want 4 unknown-group warnings (ОО, ОбОО, ДОО, ГМО): %v", diags)
	}
}

func TestParseEmailAndGroups(t *testing.T) {
	entries, err := Parse("orgs.csv", []byte("name;short;e-mail;groups\nМБОУ Школа № 1;Школа 1;s1@example.ru;ОбОО\nМБДОУ Детский сад № 5;;;ДОУ\nДДТ;ДДТ;ddt@example.ru;\n"))
	if err != nil {
		t.Fatal(err)
	}
	if entries[0].Email != "s1@example.ru" || entries[1].Email != "" || entries[2].Email != "ddt@example.ru" {
		t.Fatalf("emails: %+v", entries)
	}
	y, err := Parse("orgs.yaml", []byte("- {name: МБОУ Школа № 1, email: s1@example.ru, groups: [ОбОО]}\n"))
	if err != nil || y[0].Email != "s1@example.ru" {
		t.Fatalf("yaml: %+v %v", y, err)
	}
	d, err := New("orgs.csv", entries)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range d.Groups() {
		got = append(got, g.Name+"="+strings.Join(g.Members, ",")+map[bool]string{true: " (implied)"}[g.Implied])
	}
	want := []string{"ДОУ=МБДОУ Детский сад № 5", "ОО=МБОУ Школа № 1,МБДОУ Детский сад № 5 (implied)", "ОбОО=МБОУ Школа № 1"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("groups:\n got %q\nwant %q", got, want)
	}
}
