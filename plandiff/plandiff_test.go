package plandiff

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/golden"
	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

func load(t *testing.T, rel string) *plan.Plan {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", rel))
	if err != nil {
		t.Fatal(err)
	}
	tb, err := ingest.Read(rel, data)
	if err != nil {
		t.Fatal(err)
	}
	p, err := normalize.Build(tb, normalize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// clone copies a plan through its JSON form.
func clone(t *testing.T, p *plan.Plan) *plan.Plan {
	t.Helper()
	var b bytes.Buffer
	if err := plan.Write(&b, p); err != nil {
		t.Fatal(err)
	}
	q, err := plan.Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	q.Source.Path += " (изм.)"
	return q
}

// editor edits a plan as a department amends a roadmap, renumbering what
// follows an item added, removed or moved, as the new document would.
type editor struct {
	t *testing.T
	p *plan.Plan
}

func (e editor) index(id string) int {
	for i := range e.p.Items {
		if e.p.Items[i].ID == id {
			return i
		}
	}
	e.t.Fatalf("no item %s", id)
	return -1
}

// renumber numbers the items under parent 1, 2, ... after its number.
func (e editor) renumber(parent string) {
	prefix := ""
	if s := e.p.SectionByID(parent); s != nil {
		prefix = s.Num()
	} else if it := e.p.ItemByID(parent); it != nil {
		prefix = it.Num()
	}
	prefix = strings.TrimSuffix(prefix, ".")
	k := 0
	for i := range e.p.Items {
		it := &e.p.Items[i]
		if it.Parent != parent || it.Number == nil {
			continue
		}
		k++
		dot := ""
		if strings.HasSuffix(*it.Number, ".") {
			dot = "."
		}
		id := fmt.Sprintf("%s.%d", prefix, k)
		if prefix == "" {
			id = fmt.Sprint(k)
		}
		n := id + dot
		it.Number, it.ID = &n, id
	}
}

func (e editor) remove(id string) {
	i := e.index(id)
	parent := e.p.Items[i].Parent
	e.p.Items = append(e.p.Items[:i], e.p.Items[i+1:]...)
	e.renumber(parent)
}

// insert adds an item after id, in the same section.
func (e editor) insert(after, activity, deadline, responsible string) {
	i := e.index(after)
	it := e.p.Items[i]
	n := "new"
	it.ID, it.Number = "new", &n
	it.Activity.Text = activity
	it.Deadline = plan.Schedule{Text: deadline, Kind: plan.KindUnknown}
	it.Responsible = []plan.Executor{{Text: responsible, Org: responsible}}
	it.Result.Text = ""
	e.p.Items = append(e.p.Items[:i+1], append([]plan.Item{it}, e.p.Items[i+1:]...)...)
	e.renumber(it.Parent)
}

// move takes an item to the end of another section's items.
func (e editor) move(id, section string) {
	i := e.index(id)
	it := e.p.Items[i]
	from := it.Parent
	e.p.Items = append(e.p.Items[:i], e.p.Items[i+1:]...)
	last := -1
	for k := range e.p.Items {
		if e.p.Items[k].Parent == section {
			last = k
		}
	}
	if last < 0 {
		e.t.Fatalf("no items in %s", section)
	}
	it.Parent, it.Section = section, section
	e.p.Items = append(e.p.Items[:last+1], append([]plan.Item{it}, e.p.Items[last+1:]...)...)
	e.renumber(from)
	e.renumber(section)
}

func (e editor) item(id string) *plan.Item { return &e.p.Items[e.index(id)] }

func (e editor) deadline(id, text string, months ...string) {
	it := e.item(id)
	it.Deadline = plan.Schedule{Text: text, Kind: plan.KindDated}
	for _, m := range months {
		var y, mo int
		fmt.Sscanf(m, "%d-%d", &y, &mo)
		it.Deadline.Months = append(it.Deadline.Months, plan.Month(y*12+mo-1))
	}
}

func (e editor) responsible(id string, orgs ...string) {
	it := e.item(id)
	it.Responsible = nil
	for _, o := range orgs {
		it.Responsible = append(it.Responsible, plan.Executor{Text: o, Org: o})
	}
}

func (e editor) result(id, text string) { e.item(id).Result.Text = text }

func (e editor) reword(id, old, new string) {
	it := e.item(id)
	if !strings.Contains(it.Activity.Text, old) {
		e.t.Fatalf("%s has no %q", id, old)
	}
	it.Activity.Text = strings.Replace(it.Activity.Text, old, new, 1)
}

// want is what a case's diff must say, exactly.
type want struct {
	added, removed []string // new ids, old ids
	changed        []string // "newid:field,field"
	moved          []string // "oldid>newid"
	renumbered     []string // "oldid>newid"
}

const sarov, derbent = "seeds/000_a1e155e70aa7bfd4.txt", "seeds/004_7e7c8821e6f4a4e0.txt"

var cases = []struct {
	name, seed string
	edit       func(editor)
	want       want
}{
	{"unchanged", sarov, func(editor) {}, want{}},
	{"removed", sarov, func(e editor) { e.remove("1.3") },
		want{removed: []string{"1.3"}, renumbered: []string{"1.4>1.3", "1.5>1.4", "1.6>1.5", "1.7>1.6", "1.8>1.7"}}},
	{"added", sarov, func(e editor) {
		e.insert("2.3", "Организация и проведение муниципального конкурса «Лучший классный руководитель»", "Март 2022 г.", "МЦ")
	}, want{added: []string{"2.4"}, renumbered: []string{"2.4>2.5", "2.5>2.6", "2.6>2.7", "2.7>2.8", "2.8>2.9", "2.9>2.10", "2.10>2.11"}}},
	{"deadlines", sarov, func(e editor) {
		e.deadline("3.2", "Март 2022 г.", "2022-03")
		e.deadline("5.1", "Октябрь 2021 г. - май 2022 г.", "2021-10", "2021-11", "2021-12", "2022-01", "2022-02", "2022-03", "2022-04", "2022-05")
	}, want{changed: []string{"3.2:deadline", "5.1:deadline"}}},
	{"executors", sarov, func(e editor) {
		e.responsible("1.1", "Департамент образования", "МЦ")
		e.responsible("4.2", "ОО")
	}, want{changed: []string{"1.1:responsible", "4.2:responsible"}}},
	{"results", sarov, func(e editor) {
		e.result("2.5", "Участие вожатых не менее чем из 10 ОО")
		e.result("6.1", "")
	}, want{changed: []string{"2.5:result", "6.1:result"}}},
	{"reworded", sarov, func(e editor) {
		e.reword("1.2", "Организационные", "Организационно-методические")
		e.reword("3.3", "Обеспечение", "Обеспечение и развитие")
	}, want{changed: []string{"1.2:activity", "3.3:activity"}}},
	{"moved", sarov, func(e editor) { e.move("2.7", "S-3") },
		want{moved: []string{"2.7>3.7"}, renumbered: []string{"2.7>3.7", "2.8>2.7", "2.9>2.8", "2.10>2.9"}}},
	{"amended", derbent, func(e editor) {
		e.remove("1.1.3.4")
		e.insert("1.1.3.7", "Проведение муниципального конкурса «Педагог-наставник»", "Апрель 2022", "ООДО МКУ ДГУО")
		e.deadline("1.2.3", "Ноябрь 2021", "2021-11")
		e.responsible("1.2.4", "ООДО МКУ ДГУО")
		e.reword("1.1.3.5", "стажировочных площадок", "стажировочной площадки")
		e.move("1.2.1", "S-1.1.2")
	}, want{
		added:   []string{"1.1.3.8"},
		removed: []string{"1.1.3.4"},
		changed: []string{"1.1.3.5:activity", "1.2.2:deadline", "1.2.3:responsible"},
		moved:   []string{"1.2.1>1.1.2.4"},
		renumbered: []string{"1.1.3.5>1.1.3.4", "1.1.3.6>1.1.3.5", "1.1.3.7>1.1.3.6", "1.1.3.8>1.1.3.7",
			"1.2.1>1.1.2.4", "1.2.2>1.2.1", "1.2.3>1.2.2", "1.2.4>1.2.3", "1.2.5>1.2.4", "1.2.6>1.2.5"},
	}},
}

func summarize(d *Diff) want {
	var w want
	for _, r := range d.Added {
		w.added = append(w.added, r.ID)
	}
	for _, r := range d.Removed {
		w.removed = append(w.removed, r.ID)
	}
	for _, c := range d.Changed {
		var f []string
		if c.Activity != nil {
			f = append(f, "activity")
		}
		if c.Deadline != nil {
			f = append(f, "deadline")
		}
		if c.Responsible != nil {
			f = append(f, "responsible")
		}
		if c.Result != nil {
			f = append(f, "result")
		}
		if c.ReportForm != nil {
			f = append(f, "report_form")
		}
		for k := range c.Extra {
			f = append(f, "extra:"+k)
		}
		w.changed = append(w.changed, c.New.ID+":"+strings.Join(f, ","))
	}
	for _, m := range d.Moved {
		w.moved = append(w.moved, m.Old.ID+">"+m.New.ID)
	}
	for _, m := range d.Matches {
		if m.Renumbered {
			w.renumbered = append(w.renumbered, m.Old.ID+">"+m.New.ID)
		}
	}
	return w
}

func same(a, b []string) bool {
	a, b = append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	return strings.Join(a, " ") == strings.Join(b, " ")
}

// TestEditedPairs diffs each seed with a copy edited in known ways and
// wants exactly those edits back; the JSON and text forms are golden.
func TestEditedPairs(t *testing.T) {
	plans := map[string]*plan.Plan{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old := plans[c.seed]
			if old == nil {
				old = load(t, c.seed)
				plans[c.seed] = old
			}
			nw := clone(t, old)
			c.edit(editor{t, nw})
			d := Compare(old, nw, Options{})
			got := summarize(d)
			for _, f := range []struct {
				name      string
				got, want []string
			}{
				{"added", got.added, c.want.added},
				{"removed", got.removed, c.want.removed},
				{"changed", got.changed, c.want.changed},
				{"moved", got.moved, c.want.moved},
				{"renumbered", got.renumbered, c.want.renumbered},
			} {
				if !same(f.got, f.want) {
					t.Errorf("%s: got %q, want %q", f.name, f.got, f.want)
				}
			}
			if d.Differs() != (c.name != "unchanged") {
				t.Errorf("Differs() = %v", d.Differs())
			}
			if n := len(d.Matches) + len(d.Removed); n != len(old.Items) {
				t.Errorf("matched %d + removed %d != %d old items", len(d.Matches), len(d.Removed), len(old.Items))
			}
			if n := len(d.Matches) + len(d.Added); n != len(nw.Items) {
				t.Errorf("matched %d + added %d != %d new items", len(d.Matches), len(d.Added), len(nw.Items))
			}
			var js, txt bytes.Buffer
			if err := WriteJSON(&js, d); err != nil {
				t.Fatal(err)
			}
			if err := WriteText(&txt, d, nil); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("../testdata/plandiff", c.name+".diff.json"), js.Bytes())
			golden.Check(t, filepath.Join("../testdata/plandiff", c.name+".diff.txt"), txt.Bytes())
		})
	}
}

func TestWordDiff(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"Проведение городской конференции", "Проведение муниципальной конференции", "Проведение [-городской-]{+муниципальной+} конференции"},
		{"а б в", "а б в", "а б в"},
		{"", "новый текст", "{+новый текст+}"},
		{"Анализ, отчет", "Анализ и отчет", "Анализ[-,-]{+ и+} отчет"},
	}
	for _, tt := range tests {
		if got := textSpans(WordDiff(tt.old, tt.new), &templates.Default().Changes); got != tt.want {
			t.Errorf("WordDiff(%q, %q) = %s, want %s", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestAmendment(t *testing.T) {
	tests := []struct {
		lines []string
		want  string
	}{
		{nil, ""},
		{[]string{"(в ред. приказа от 13.03.2023 № 45)"}, "в ред. приказа от 13.03.2023 № 45"},
		{[]string{"(с изменениями от 10.10.2022)", " (в ред.  от 01.12.2022) "}, "с изменениями от 10.10.2022; в ред. от 01.12.2022"},
		{[]string{"в ред. приказа от 13.03.2023"}, "в ред. приказа от 13.03.2023"},
	}
	for _, tt := range tests {
		if got := Amendment(&plan.Plan{Amendments: tt.lines}); got != tt.want {
			t.Errorf("Amendment(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}

func TestMonthRanges(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"2021-10"}, "октябрь 2021"},
		{[]string{"2021-12", "2021-10", "2021-11"}, "октябрь – декабрь 2021"},
		{[]string{"2021-11", "2021-12", "2022-01", "2022-03"}, "ноябрь 2021 – январь 2022, март 2022"},
	}
	for _, tt := range tests {
		if got := strings.Join(MonthRanges(tt.in), ", "); got != tt.want {
			t.Errorf("MonthRanges(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTitleAndPeriod: a version's amendment line and period are read from
// the plan, and a changed title or period alone makes the versions differ.
func TestTitleAndPeriod(t *testing.T) {
	old := load(t, sarov)
	nw := clone(t, old)
	nw.Amendments = []string{"(в ред. приказа от 13.03.2022 № 45)"}
	nw.Period.To++
	d := Compare(old, nw, Options{})
	if d.Old.Amendment != "" || d.New.Amendment != "в ред. приказа от 13.03.2022 № 45" {
		t.Errorf("amendments %q, %q", d.Old.Amendment, d.New.Amendment)
	}
	if d.TitleChanged() || !d.PeriodChanged() || !d.Differs() || d.Summary.Unchanged != len(old.Items) {
		t.Errorf("title changed %v, period changed %v, differs %v, summary %+v", d.TitleChanged(), d.PeriodChanged(), d.Differs(), d.Summary)
	}
	var b bytes.Buffer
	if err := WriteText(&b, d, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Изменен период реализации: январь 2021 г. – декабрь 2022 г. → январь 2021 г. – январь 2023 г."} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
	// A new amendment line alone is a difference, a new name is said.
	nw = clone(t, old)
	nw.Amendments = []string{"(в ред. приказа от 13.03.2022 № 45)"}
	if d = Compare(old, nw, Options{}); d.TitleChanged() || !d.Differs() {
		t.Errorf("amendment line only: title changed %v, differs %v", d.TitleChanged(), d.Differs())
	}
	nw.Title = "План мероприятий на 2021-2022 годы"
	if d = Compare(old, nw, Options{}); !d.TitleChanged() || !d.Differs() {
		t.Errorf("renamed: title changed %v, differs %v", d.TitleChanged(), d.Differs())
	}
	b.Reset()
	WriteText(&b, d, nil)
	if !strings.Contains(b.String(), "Изменено наименование дорожной карты.") {
		t.Errorf("a new name not said:\n%s", b.String())
	}
}
