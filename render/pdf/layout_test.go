package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestWrap(t *testing.T) {
	d := newDoc(time.Time{}, "", "", "", "")
	d.newPage()
	d.font("", textSize)
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string // nil: only check the invariants
	}{
		{"fits", "Мероприятие", 50, []string{"Мероприятие"}},
		{"two lines", "Проведение муниципального конкурса «Педагог года»", 40,
			[]string{"Проведение муниципального", "конкурса «Педагог года»"}},
		{"number cut after a dot", "144.1.16.", 9, []string{"144.1.", "16."}},
		{"long word cut", strings.Repeat("ж", 40), 20, nil},
		{"spaces collapsed at breaks", "а  б   в", 100, []string{"а  б   в"}},
		{"empty", "", 30, nil},
		{"long text", strings.Repeat("участие в семинарах-совещаниях МОНиМП ", 30), 60, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := d.wrap(tc.text, tc.width, nil)
			if tc.want != nil && strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("wrap = %q, want %q", got, tc.want)
			}
			for _, l := range got {
				if w := d.width(l); w > tc.width+0.01 {
					t.Errorf("line %q is %.2f mm wide, limit %.2f", l, w, tc.width)
				}
			}
			if strings.Join(strings.Fields(strings.Join(got, "")), "") != strings.Join(strings.Fields(tc.text), "") {
				t.Errorf("text changed: %q", got)
			}
		})
	}
}

func TestLayoutLists(t *testing.T) {
	d := newDoc(time.Time{}, "", "", "", "")
	d.newPage()
	ls := d.layout([]para{{text: "Мониторинг:\n- анализ планов воспитательной работы общеобразовательных организаций;\n– анкетирование"}}, 50)
	if len(ls) < 4 || ls[0].bullet || !ls[1].bullet || ls[2].bullet || ls[2].indent != bulletW || !ls[len(ls)-1].bullet {
		t.Errorf("layout = %+v", ls)
	}
	if strings.HasPrefix(ls[1].text, "-") {
		t.Errorf("the source dash is kept: %q", ls[1].text)
	}
}

func TestTruncate(t *testing.T) {
	d := newDoc(time.Time{}, "", "", "", "")
	d.newPage()
	d.font("", 8)
	s := d.truncate("Мероприятия по организационно-управленческому сопровождению системы", 40)
	if !strings.HasSuffix(s, "…") || d.width(s) > 40 {
		t.Errorf("truncate = %q (%.1f mm)", s, d.width(s))
	}
	if got := d.truncate("Кадры", 40); got != "Кадры" {
		t.Errorf("short text changed: %q", got)
	}
}

func BenchmarkWrap(b *testing.B) {
	d := newDoc(time.Time{}, "", "", "", "")
	d.newPage()
	d.font("", textSize)
	s := strings.Repeat("Проведение муниципального конкурса «Педагог года» с участием советников ", 4)
	var out []string
	b.ReportAllocs()
	for b.Loop() {
		out = d.wrap(s, 60, out[:0])
	}
}

// TestRawText pins rawText to fpdf's Text: the same document drawn through
// doc.text (each line twice, so the second goes through rawText) and
// through fpdf's Text alone is the same file, byte for byte.
func TestRawText(t *testing.T) {
	lines := []string{
		"Мероприятие по плану", "Шкала (Щ) и ш щ", `скобки ( ) \ и \\`, "возврат\rкаретки",
		"Latin 123, «№ 5» – — …", "", " ", "ёЁ·•", "\xffневерный байт",
	}
	colors := []struct{ text, fill rgb }{
		{rgb{0, 0, 0}, rgb{0, 0, 0}},             // no colour operator
		{rgb{100, 100, 100}, rgb{255, 255, 255}}, // grey: "g"
		{rgb{200, 30, 40}, rgb{10, 20, 30}},      // "rg"
		{rgb{0, 0, 0}, rgb{230, 240, 250}},
	}
	draw := func(viaDoc bool) []byte {
		d := newDoc(fixedNow, "t", "s", "k", "Стр. {page} из {pages}")
		d.newPage()
		for pass := range 2 {
			for i, st := range []style{"", "B", "I"} {
				d.font(st, textSize+float64(i))
				for j, l := range lines {
					c := colors[(j+pass)%len(colors)]
					d.pdf.SetTextColor(c.text.r, c.text.g, c.text.b)
					d.pdf.SetFillColor(c.fill.r, c.fill.g, c.fill.b)
					x, y := float64(j)*7.31-3, float64(i*len(lines)+j)*4.17
					if viaDoc {
						d.text(x, y, l)
					} else {
						d.pdf.Text(x, y+lineH*0.76, l)
					}
				}
			}
			d.newPage() // the font unknown to doc until font() is called
			d.text(20, 20, lines[0])
			if !viaDoc {
				continue
			}
			for _, st := range []style{"", "B", "I"} {
				if !d.drawn[st].hasAll(lines[0] + lines[1]) {
					t.Errorf("style %q: the lines were not recorded as drawn", st)
				}
			}
		}
		var buf bytes.Buffer
		if err := d.pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	want, got := draw(false), draw(true)
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("rawText differs from fpdf's Text at byte %d:\n%q\nwant\n%q", i, got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
	}
}
