package normalize

import (
	"bytes"
	goldenfile "github.com/roadmap-tool/roadmap/internal/golden"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// repoRoot is where fixture paths are relative to, so that goldens carry
// "testdata/normalize/x.tsv" whatever the working directory.
const repoRoot = "../"

// buildFile reads a fixture by its repository-relative path.
func buildFile(t testing.TB, rel string) (*ingest.Table, *plan.Plan) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, rel))
	if err != nil {
		t.Fatal(err)
	}
	tb, err := ingest.Read(rel, data)
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return tb, p
}

type golden struct{ input, golden string }

func goldenCases(t *testing.T) []golden {
	tsv, err1 := filepath.Glob(filepath.Join(repoRoot, "testdata/normalize/*.tsv"))
	html, err2 := filepath.Glob(filepath.Join(repoRoot, "testdata/normalize/*.html"))
	// Word and OpenDocument files made by LibreOffice, read directly.
	office, err3 := filepath.Glob(filepath.Join(repoRoot, "testdata/normalize/*.[do][od][ct]*"))
	if err1 != nil || err2 != nil || err3 != nil || len(tsv) == 0 {
		t.Fatalf("no fixtures: %v %v %v", err1, err2, err3)
	}
	var cs []golden
	for _, f := range append(append(tsv, html...), office...) {
		rel, _ := filepath.Rel(repoRoot, f)
		cs = append(cs, golden{rel, strings.TrimSuffix(rel, filepath.Ext(rel)) + ".plan.golden"})
	}
	cs = append(cs,
		golden{"seeds/000_a1e155e70aa7bfd4.txt", "testdata/normalize/seed-000.plan.golden"},
		golden{"seeds/004_7e7c8821e6f4a4e0.txt", "testdata/normalize/seed-004.plan.golden"})
	return cs
}

// TestGolden compares the plan JSON of every fixture with its golden file
// (go test ./normalize -update rewrites them) and checks that no text of
// the input was lost on the way.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(filepath.Base(c.input), func(t *testing.T) {
			tb, p := buildFile(t, c.input)
			assertNothingLost(t, tb, p)
			var got bytes.Buffer
			if err := plan.Write(&got, p); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(repoRoot, c.golden)
			goldenfile.Check(t, path, got.Bytes())
			var expl bytes.Buffer
			if err := WriteExplanation(&expl, p); err != nil {
				t.Fatal(err)
			}
			goldenfile.Check(t, strings.TrimSuffix(path, ".plan.golden")+".explain.golden", expl.Bytes())
			// The JSON reads back to the same plan.
			back, err := plan.Read(bytes.NewReader(got.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if back.Hash() != p.Hash() {
				t.Errorf("hash after JSON round trip %s, want %s", back.Hash(), p.Hash())
			}
		})
	}
}

// words splits text into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// assertNothingLost checks that every word of every title line, cell and
// trailing line of the input occurs in the plan: in its title, columns,
// sections, items, organizations or diagnostics. A word broken across a
// page break ("воспи-" + "тания") is found inside the rejoined word.
func assertNothingLost(t *testing.T, tb *ingest.Table, p *plan.Plan) {
	t.Helper()
	var model []string
	add := func(ss ...string) { model = append(model, ss...) }
	add(p.Title, p.Municipality, p.Organization, p.Approval)
	add(p.Amendments...)
	for _, c := range p.Columns {
		add(c.Header)
	}
	for _, s := range p.Sections {
		add(s.Kind, s.Num(), s.Title)
	}
	for _, tot := range p.Totals {
		add(tot.Label)
		for k, v := range tot.Values {
			add(k, v)
		}
	}
	for _, it := range p.Items {
		add(it.Num(), it.Activity.Text, it.Description.Text, it.Deadline.Text, it.Result.Text, it.ReportForm.Text, it.Deadline.Note)
		for _, e := range it.Responsible {
			add(e.Text, e.Org)
			if e.Co {
				// the resolver keeps its marker as the Co flag
				add("совместно с", "при участии", "с участием", "во взаимодействии с")
			}
		}
		for k, v := range it.Extra {
			add(k, v)
		}
	}
	for _, d := range p.Diagnostics {
		add(d.Text, d.Message)
	}
	have := map[string]bool{}
	blob := strings.ToLower(strings.Join(model, "\n"))
	for _, w := range words(blob) {
		have[w] = true
	}
	check := func(pos plan.Pos, s string) {
		for _, w := range words(s) {
			if !have[w] && !strings.Contains(blob, w) {
				t.Errorf("%s: word %q of %q is not in the plan", pos, w, s)
			}
		}
	}
	for _, ln := range tb.Title {
		check(ln.Pos, ln.Text)
	}
	for _, r := range tb.Rows {
		for j, c := range r.Cells {
			check(r.CellPos(j), c.Text)
		}
	}
	for _, ln := range tb.Trailing {
		check(ln.Pos, ln.Text)
	}
}

func countCode(p *plan.Plan, code string) int {
	n := 0
	for _, d := range p.Diagnostics {
		if d.Code == code {
			n++
		}
	}
	return n
}

func findDiag(p *plan.Plan, code, text string) *plan.Diagnostic {
	for i, d := range p.Diagnostics {
		if d.Code == code && strings.Contains(d.Text+" "+d.Message, text) {
			return &p.Diagnostics[i]
		}
	}
	return nil
}

func TestSeedSarov(t *testing.T) {
	_, p := buildFile(t, "seeds/000_a1e155e70aa7bfd4.txt")
	if len(p.Sections) != 14 || len(p.Items) != 79 {
		t.Fatalf("sections %d, items %d; want 14 and 79", len(p.Sections), len(p.Items))
	}
	if p.Municipality != "Саров" {
		t.Errorf("municipality %q, want Саров", p.Municipality)
	}
	if got := p.Period.String(); got != "2021-01..2022-12" {
		t.Errorf("period %s, want 2021-01..2022-12", got)
	}
	if !strings.HasPrefix(p.Title, "План мероприятий («дорожная карта» 2.3) по развитию в Сарове") || !strings.HasSuffix(p.Title, "на 2021-2022 годы") {
		t.Errorf("title %q", p.Title)
	}
	it := p.ItemByID("2.1")
	if it == nil || !strings.HasSuffix(it.Result.Text, "мотивации к волонтерской деятельности") {
		t.Fatalf("2.1 result not continued: %+v", it)
	}
	if !strings.Contains(it.Activity.Text, "«Лидер XXI века», направленного\nвыявление, развитие") &&
		!strings.Contains(it.Activity.Text, "«Лидер XXI века», направленного выявление, развитие") {
		t.Errorf("2.1 activity continuation: %q", it.Activity.Text)
	}
	if it := p.ItemByID("13.7"); it == nil || !strings.HasSuffix(it.Activity.Text, "с участниками мероприятий, направленных на формирования системы воспитания обучающихся") {
		t.Errorf("13.7 activity: %+v", it)
	}
	for _, id := range []string{"14.1", "14.3"} {
		if d := findDiag(p, plan.CodeNumberFormat, id); d == nil || d.Severity != plan.Warning {
			t.Errorf("no number-format warning for %s", id)
		}
	}
	if n := countCode(p, plan.CodeNumberFormat); n != 2 {
		t.Errorf("%d number-format diagnostics, want 2 (14.1, 14.3)", n)
	}
	for _, s := range p.Sections {
		if s.Level != 1 || s.Number == nil {
			t.Errorf("section %s: level %d number %v", s.ID, s.Level, s.Number)
		}
	}
	if it := p.ItemByID("5.6"); it == nil || it.Section != "S-5" || it.Parent != "S-5" || it.Level != 2 {
		t.Errorf("5.6 placement: %+v", it)
	}
}

func TestSeedDerbent(t *testing.T) {
	_, p := buildFile(t, "seeds/004_7e7c8821e6f4a4e0.txt")
	if p.Municipality != "город Дербент" {
		t.Errorf("municipality %q, want «город Дербент»", p.Municipality)
	}
	if got := p.Period.String(); got != "2021-09..2024-08" {
		t.Errorf("period %s, want 2021-09..2024-08", got)
	}
	first := p.Sections[0]
	if first.Number != nil || first.ID != "S-u1" || !strings.HasPrefix(first.Title, "Формирование нормативно-правового обеспечения") {
		t.Errorf("first section %+v, want the unnumbered heading", first)
	}
	for _, id := range []string{"1", "2", "3"} {
		if it := p.ItemByID(id); it == nil || it.Section != "S-u1" {
			t.Errorf("item %s not in the unnumbered first section: %+v", id, it)
		}
	}
	for _, id := range []string{"S-I", "S-II"} {
		s := p.SectionByID(id)
		if s == nil || s.Level != 1 || !strings.HasPrefix(s.Title, "МЕХАНИЗМЫ УПРАВЛЕНИЯ КАЧЕСТВОМ") {
			t.Errorf("part %s: %+v", id, s)
		}
	}
	if s := p.SectionByID("S-1.1.1"); s == nil || s.Parent != "S-1.1" || s.Level != 3 || p.TopSection(s.ID) != "S-I" {
		t.Errorf("group 1.1.1: %+v", s)
	}
	if it := p.ItemByID("1.1.1.1"); it == nil || it.Section != "S-1.1.1" || it.Level != 4 {
		t.Errorf("1.1.1.1: %+v", it)
	}
	// The unnumbered activity after 1.2.6 is kept as an item.
	u := p.ItemByID("1.2.6+1")
	if u == nil || u.Number != nil || u.Section != "S-1.2" || !strings.HasPrefix(u.Activity.Text, "Подготовка методических материалов") {
		t.Fatalf("unnumbered item after 1.2.6: %+v", u)
	}
	if d := findDiag(p, plan.CodeNoNumber, "1.2.6+1"); d == nil || d.Pos.Line != u.Line || d.Severity != plan.Warning {
		t.Errorf("no no-number warning at line %d", u.Line)
	}
	// 1.3.2 has content: an item with children.
	if it := p.ItemByID("1.3.2"); it == nil || !it.HasChildren || it.Section != "S-1.3" {
		t.Errorf("1.3.2: %+v", it)
	}
	for _, id := range []string{"1.2.3.7", "1.2.3.8"} {
		it := p.ItemByID(id)
		if it == nil || it.Parent != "1.3.2" || it.Section != "S-1.3" {
			t.Errorf("%s not kept under 1.3.2: %+v", id, it)
			continue
		}
		if d := findDiag(p, plan.CodeNumberPrefix, id); d == nil || d.Pos.Line != it.Line {
			t.Errorf("no number-prefix warning for %s", id)
		}
	}
	if d := findDiag(p, plan.CodeNumberGap, "2.5.5"); d == nil || d.Text != "2.5.6" || d.Pos.Line != 119 {
		t.Errorf("gap at 2.5.5 not diagnosed: %+v", d)
	}
	if n := countCode(p, plan.CodeNumberGap); n != 1 {
		t.Errorf("%d number-gap diagnostics, want 1", n)
	}
	if it := p.ItemByID("2.5.6"); it == nil || it.Deadline.Text != "В период каникул по отдельным планам" {
		t.Errorf("2.5.6 deadline: %+v", it)
	}
	if it := p.ItemByID("3"); it == nil || !strings.Contains(it.Activity.Text, "\n- мониторинга эффективности системы методической работы") {
		t.Errorf("item 3 list continuation: %+v", it)
	}
	if findDiag(p, plan.CodeNoiseRow, "-- --- --") == nil {
		t.Errorf("noise row not reported")
	}
	if len(p.Items) != 71 {
		t.Errorf("%d items, want 71", len(p.Items))
	}
}

func TestNoHeader(t *testing.T) {
	tb, err := ingest.Read("x.txt", []byte("Заголовок\n\nодин\tдва\tтри\nчетыре\tпять\tшесть\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(tb, Options{})
	want := "x.txt:3: не найдена строка заголовка таблицы: ожидаются столбцы вроде «Мероприятие», «Сроки», «Ответственные»"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}

// TestDeterministic builds each seed twice: the JSON must be identical
// (no map order or pointer identity leaks into the output).
func TestDeterministic(t *testing.T) {
	for _, f := range []string{"seeds/000_a1e155e70aa7bfd4.txt", "seeds/004_7e7c8821e6f4a4e0.txt", "testdata/normalize/other-columns.tsv"} {
		var out [2]bytes.Buffer
		for i := range out {
			_, p := buildFile(t, f)
			if err := plan.Write(&out[i], p); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
			t.Errorf("%s: two builds differ", f)
		}
	}
}
