package pdf

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
	"github.com/roadmap-tool/roadmap/plandiff"
	"github.com/roadmap-tool/roadmap/plandiff/difftest"
)

var changesNow = time.Date(2022, 3, 15, 10, 0, 0, 0, time.UTC)

func renderChanges(t testing.TB, name string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteChanges(&b, difftest.Golden(t, name), ChangesOptions{Now: changesNow}); err != nil {
		t.Fatal(err)
	}
	keepFile(t, "changes-"+name+".pdf", b.Bytes())
	return b.Bytes()
}

// TestChangesText reads the change sheet of the amended Derbent fixture
// with pdftotext: both versions, the summary, every table with its items,
// both sides of the word diff, the months and executors removed, and the
// signature block.
func TestChangesText(t *testing.T) {
	data := renderChanges(t, "amended")
	txt := squash(pdfText(t, data))
	for _, want := range []string{
		"Лист изменений дорожной карты",
		"Прежняя редакция Наименование: Дорожная карта по развитию муниципальной системы оценки качества",
		"Редакция: первоначальная Период реализации: сентябрь 2021 г. – август 2024 г. Файл: seeds/004_7e7c8821e6f4a4e0.txt Мероприятий: 71",
		"Файл: seeds/004_7e7c8821e6f4a4e0.txt (изм.)",
		"Дата составления: 15.03.2022",
		"Добавленные мероприятия (1)",
		"1.1.3.8 Проведение муниципального конкурса «Педагог-наставник» Апрель 2022 ООДО МКУ ДГУО",
		"Исключенные мероприятия (1)",
		"1.1.3.4 Функционирование городских методических объединений и",
		"Измененные мероприятия (3)",
		"1.1.3.6 → 1.1.3.5 Создание стажировочной площадки в городском округе «город Дербент»",
		"Мероприятие Создание стажировочных площадок в городском округе «город Дербент» Создание стажировочной площадки в городском округе «город Дербент»",
		"Срок Октябрь-декабрь (ежегодно) Ноябрь 2021",
		"(исключены месяцы: октябрь 2021, декабрь 2021, октябрь – декабрь 2022,",
		"Исполнители ООДО МКУ ДГУО, ОО ООДО МКУ ДГУО (исключены: ОО)",
		"Мероприятия, перемещенные в другой раздел (1)",
		"Мероприятия с измененным номером (10)",
		"1.2.6 1.2.5 Разработка методов корректировки затруднений",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// The figures stand beside their labels, the captions under the rules.
	layout := squash(pdfText(t, data, "-layout"))
	for _, want := range []string{
		"Сопоставлено мероприятий прежней и новой редакций 70",
		"изменен номер 10",
		"Добавлено мероприятий 1",
		"Исключено мероприятий 1",
		"Составил «___» ____________ 20___ г. (подпись) (расшифровка подписи) Проверил",
	} {
		if !strings.Contains(layout, want) {
			t.Errorf("PDF layout text lacks %q", want)
		}
	}
	if strings.Contains(txt, "Редакции совпадают") {
		t.Error("different versions said to be the same")
	}
}

// TestChangesMarks looks at the page with the word diff: the deleted
// words are struck through with a red rule and the inserted ones
// underlined with a green one, as long as the words (letters alone never
// make a horizontal run of one colour that long).
func TestChangesMarks(t *testing.T) {
	tooltest.Need(t, "pdftoppm")
	data := renderChanges(t, "reworded")
	dir := t.TempDir()
	in := filepath.Join(dir, "c.pdf")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	if len(pages) != 1 {
		t.Fatalf("pages %q", pages)
	}
	f, err := os.Open(pages[0])
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	red := func(r, g, b uint32) bool { return r > 150<<8 && g < 80<<8 && b < 80<<8 }
	green := func(r, g, b uint32) bool { return g > 60<<8 && r < 60<<8 && b < 90<<8 && g > r+40<<8 }
	// At 150 dpi a millimetre is about 6 pixels: the shortest marked
	// phrase of the fixture ("-методические") is over 15 mm long.
	if n := longestRun(img, red); n < 80 {
		t.Errorf("longest red rule %d px: deleted words not struck through", n)
	}
	if n := longestRun(img, green); n < 80 {
		t.Errorf("longest green rule %d px: inserted words not underlined", n)
	}
}

// longestRun is the longest horizontal run of pixels of one kind.
func longestRun(img image.Image, is func(r, g, b uint32) bool) int {
	best := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		n := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if is(r, g, bl) {
				n++
				best = max(best, n)
			} else {
				n = 0
			}
		}
	}
	return best
}

func TestChangesSame(t *testing.T) {
	txt := squash(pdfText(t, renderChanges(t, "unchanged")))
	if !strings.Contains(txt, "Редакции совпадают, изменений нет.") {
		t.Error("equal versions not said to be the same")
	}
	for _, no := range []string{"Добавленные", "Измененные", "зачеркнут"} {
		if strings.Contains(txt, no) {
			t.Errorf("a sheet of equal versions says %q", no)
		}
	}
}

func TestChangesReproducible(t *testing.T) {
	a, b := renderChanges(t, "amended"), renderChanges(t, "amended")
	if !bytes.Equal(a, b) {
		t.Fatal("two renders with the same Now differ")
	}
}

// TestRichLayout: rich text wraps within its width, keeps every word and
// its mark, and a marked phrase is marked through its spaces but not
// through the space before it.
func TestRichLayout(t *testing.T) {
	d := newDoc(time.Time{}, "", "", "", "")
	d.newPage()
	var got []string
	for _, p := range d.richLayout(spanRuns(plandiff.WordDiff("Форум наставников", "Форум наставников (в том числе онлайн)"), plandiff.Insert), 200)[0].pieces {
		if p.mark == markInserted {
			got = append(got, p.text)
		}
	}
	if strings.Join(got, "|") != "(в| |том| |числе| |онлайн)" {
		t.Errorf("underlined pieces %q", got)
	}
	runs := spanRuns(plandiff.WordDiff(
		"Создание стажировочных площадок в городском округе «город Дербент» для педагогов всех общеобразовательных организаций",
		"Создание стажировочной площадки в городском округе «город Дербент» для педагогов всех общеобразовательных организаций"), plandiff.Delete)
	for _, w := range []float64{200, 40, 12} {
		ls := d.richLayout(runs, w)
		var all strings.Builder
		for _, l := range ls {
			end := 0.0
			for _, p := range l.pieces {
				d.font(p.mark.style(), textSize)
				end = p.x + d.width(p.text)
				all.WriteString(p.text)
				if p.mark == markDeleted && !strings.Contains("стажировочных площадок", strings.TrimSpace(p.text)) {
					t.Errorf("width %v: %q marked deleted", w, p.text)
				}
			}
			if end > w+0.01 {
				t.Errorf("width %v: a line ends at %.2f mm", w, end)
			}
		}
		want := "Создание стажировочных площадок в городском округе «город Дербент» для педагогов всех общеобразовательных организаций"
		if got := strings.Join(strings.Fields(all.String()), ""); got != strings.Join(strings.Fields(want), "") {
			t.Errorf("width %v: text %q", w, all.String())
		}
		if w == 200 {
			for i, p := range ls[0].pieces {
				if p.text == " " && p.mark != markNone && (i == 0 || ls[0].pieces[i-1].mark != p.mark || i+1 < len(ls[0].pieces) && ls[0].pieces[i+1].mark != p.mark) {
					t.Errorf("a space at the edge of a marked phrase is marked: piece %d", i)
				}
			}
			var marked []string
			for _, p := range ls[0].pieces {
				if p.mark == markDeleted {
					marked = append(marked, p.text)
				}
			}
			if strings.Join(marked, "") != "стажировочных площадок" {
				t.Errorf("marked %q", marked)
			}
		}
	}
}
