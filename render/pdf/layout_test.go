package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/view/viewtest"
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

// TestTextNotWrappedInColour pins what fillRect is for: once a filled
// cell or bar is drawn, the fill colour is black again, so black text is
// drawn without fpdf's "q <colour> ... Q" around it (every line of a
// report carried one before, a fifth of its page content). Coloured text
// (the grey footer, grey notes) still carries its own colour.
func TestTextNotWrappedInColour(t *testing.T) {
	p := viewtest.Plan(120)
	q := plan.Quarter{Year: 2022, Q: 1}
	data := render(t, p, ReportOptions{Quarter: q, Progress: viewtest.Progress(p, q), Now: fixedNow})
	var content []byte
	for rest := data; ; {
		i := bytes.Index(rest, []byte(">>\nstream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len(">>\nstream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			t.Fatal("unterminated stream")
		}
		if zr, err := zlib.NewReader(bytes.NewReader(rest[:j])); err == nil {
			if b, err := io.ReadAll(zr); err == nil {
				content = append(content, b...)
			}
		}
		rest = rest[j:]
	}
	texts := bytes.Count(content, []byte(" Tj ET"))
	if texts < 1000 {
		t.Fatalf("only %d texts drawn in the page content found", texts)
	}
	if n := bytes.Count(content, []byte("q 0.000 g BT")); n > 0 {
		t.Errorf("%d of %d black texts wrapped in a colour change: a fill colour was left set", n, texts)
	}
	if n := bytes.Count(content, []byte("q 0.353 g BT")); n == 0 {
		t.Error("no grey footer text found")
	}
}

// TestTextOperator pins the bytes of a line of text as fpdf writes them
// (third_party/fpdf patches Text for speed): the position in points with
// two decimals and the text in UTF-16BE with \, ( and ) escaped.
func TestTextOperator(t *testing.T) {
	d := newDoc(fixedNow, "t", "s", "k", "{page}")
	d.newPage()
	lines := []string{"План (проект) \\ итог", "«дорожная карта» 4.1 – №5 …", "a)b(c", "Ĩ"}
	_, h := d.pdf.GetPageSize() // A4 is not exactly 210 mm
	var want []string
	for i, s := range lines {
		for _, st := range []style{"", "B"} {
			d.font(st, textSize)
			x, y := marginL+float64(i)*10.123, 20.005+float64(i)*7
			d.drawText(x, y, s)
			k := d.pdf.GetConversionRatio()
			want = append(want, fmt.Sprintf("BT %.2f %.2f Td (%s) Tj ET\n", x*k, (h-y)*k, escapedUTF16(s)))
		}
	}
	d.pdf.SetCompression(false) // the page content readable in the file
	var raw bytes.Buffer
	if err := d.pdf.Output(&raw); err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !bytes.Contains(raw.Bytes(), []byte(w)) {
			t.Errorf("page content lacks %q", w)
		}
	}
}

// escapedUTF16 is s in UTF-16BE as a PDF literal string's content.
func escapedUTF16(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			switch c {
			case '\\', '(', ')':
				b.WriteByte('\\')
			case '\r':
				b.WriteString("\\r")
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}
