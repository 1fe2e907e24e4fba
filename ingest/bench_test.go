package ingest

import (
	"fmt"
	"github.com/roadmap-tool/roadmap/internal/cputime"
	"io/fs"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/seeds"
)

// reportCPU adds the CPU time per operation (see cpuTime) as cpu-ns/op.
// Call as defer reportCPU(b)() before the loop.
func reportCPU(b *testing.B) func() {
	start := cputime.Now()
	return func() {
		if d := cputime.Now() - start; d > 0 && b.N > 0 {
			b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func BenchmarkReadSeed(b *testing.B) {
	for _, name := range seeds.Names() {
		data, err := fs.ReadFile(seeds.FS, name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				if _, err := Read(name, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// largeRoadmap builds a roadmap of about 3 MB and 5,000 item rows from
// the seeds' own rows: the item rows of both seeds in turn, renumbered
// section by section, a bold section row every 50 items and a page break
// (two blank lines and a continuation row) every 40. Deterministic, built
// in memory, never committed.
func largeRoadmap(tb testing.TB) []byte {
	var items, conts []string
	for _, name := range seeds.Names() {
		data, err := fs.ReadFile(seeds.FS, name)
		if err != nil {
			tb.Fatal(err)
		}
		for i, ln := range strings.Split(string(data), "\n") {
			cells := strings.Split(ln, "\t")
			if i < 6 || len(cells) != 5 {
				continue
			}
			if strings.TrimSpace(cells[0]) == "" {
				conts = append(conts, strings.Join(cells[1:], "\t"))
			} else if strings.TrimSpace(cells[2]) != "" {
				items = append(items, strings.Join(cells[1:], "\t"))
			}
		}
	}
	var sb strings.Builder
	sb.WriteString("\n\n**План мероприятий («дорожная карта»)****по развитию муниципальной системы образования****на 2021-2024 годы**\n\n")
	sb.WriteString("<b>№ п/п</b>\t<b>Наименование мероприятия</b>\t<b>Сроки</b>\t<b>Ответственный исполнитель</b>\t<b>Ожидаемый результат</b>\n")
	for i := 0; i < 5000; i++ {
		sec, n := i/50+1, i%50+1
		if n == 1 {
			fmt.Fprintf(&sb, "<b>%d. Раздел плана номер %d</b>\t\t\t\t\n", sec, sec)
		}
		fmt.Fprintf(&sb, "%d.%d.\t%s\n", sec, n, items[i%len(items)])
		if i%40 == 39 {
			fmt.Fprintf(&sb, "\n\n\t%s\n", conts[i/40%len(conts)])
		}
	}
	return []byte(sb.String())
}

func BenchmarkReadLarge(b *testing.B) {
	data := largeRoadmap(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		t, err := Read("large.txt", data)
		if err != nil {
			b.Fatal(err)
		}
		if len(t.Rows) < 5000 {
			b.Fatalf("%d rows", len(t.Rows))
		}
	}
}

func TestLargeRoadmapShape(t *testing.T) {
	data := largeRoadmap(t)
	tbl, err := Read("large.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	breaks := 0
	for _, r := range tbl.Rows {
		if r.BlankBefore > 0 {
			breaks++
		}
	}
	// 5,000 items, 100 section rows, 125 continuation rows, the header.
	if len(tbl.Rows) != 5226 || breaks != 125 || len(data) < 2<<20 {
		t.Errorf("%d rows, %d page breaks, %d bytes", len(tbl.Rows), breaks, len(data))
	}
	h, err := Read("large.html", largeHTML(t))
	if err != nil {
		t.Fatal(err)
	}
	if h.Source.Format != "html" || len(h.Rows) != 5226 || h.Rows[1].OwnNonEmpty() != 1 || len(h.Rows[1].Cells) != 5 {
		t.Errorf("HTML: %s, %d rows, section row %+v", h.Source.Format, len(h.Rows), h.Rows[1])
	}
}

// largeHTML is largeRoadmap saved as an HTML table: one <tr> per line,
// section rows as one cell with colspan, the cells' markup kept.
func largeHTML(tb testing.TB) []byte {
	var sb strings.Builder
	sb.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>План</title></head><body>\n<p><b>План мероприятий на 2021-2024 годы</b></p>\n<table border=\"1\">\n")
	for _, ln := range strings.Split(string(largeRoadmap(tb)), "\n") {
		cells := strings.Split(ln, "\t")
		if len(cells) < 2 {
			continue
		}
		sb.WriteString("<tr>")
		if strings.Trim(ln[len(cells[0]):], "\t") == "" {
			fmt.Fprintf(&sb, "<td colspan=\"%d\">%s</td>", len(cells), cells[0])
		} else {
			for _, c := range cells {
				fmt.Fprintf(&sb, "<td>%s</td>", c)
			}
		}
		sb.WriteString("</tr>\n")
	}
	sb.WriteString("</table>\n</body></html>\n")
	return []byte(sb.String())
}

func BenchmarkReadLargeHTML(b *testing.B) {
	data := largeHTML(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		t, err := Read("large.html", data)
		if err != nil {
			b.Fatal(err)
		}
		if len(t.Rows) < 5000 {
			b.Fatalf("%d rows", len(t.Rows))
		}
	}
}
