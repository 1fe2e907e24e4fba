package ingest_test

import (
	"fmt"
	"os"

	"github.com/roadmap-tool/roadmap/ingest"
)

func ExampleRead() {
	export := "**Дорожная карта****на 2022 год**\n" +
		"№\tМероприятие\tСроки\n" +
		"<b>1. Раздел</b>\t\t\n" +
		"1.1.\t<p>Семинар для:</p><ul><li>- директоров;</li><li>заместителей</li></ul>\tМай&nbsp;2022\n" +
		"\n" +
		"\tпродолжение\t\n"
	t, err := ingest.Read("plan.txt", []byte(export))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range t.Title {
		fmt.Printf("title: %s\n", l.Text)
	}
	for _, r := range t.Rows {
		fmt.Printf("line %d, blank before %d, bold %v: %q\n", r.Pos.Line, r.BlankBefore, r.Cells[0].Bold, r.Texts())
	}
	// Output:
	// title: Дорожная карта
	// title: на 2022 год
	// line 2, blank before 0, bold false: ["№" "Мероприятие" "Сроки"]
	// line 3, blank before 0, bold true: ["1. Раздел" "" ""]
	// line 4, blank before 0, bold false: ["1.1." "Семинар для:\n- директоров;\n- заместителей" "Май 2022"]
	// line 6, blank before 1, bold false: ["" "продолжение" ""]
}

func ExampleRead_error() {
	_, err := ingest.Read("plan.pdf", []byte("%PDF-1.7\n..."))
	fmt.Println(err)
	// Output:
	// plan.pdf:1: неподходящий формат файла: это PDF-файл, а ожидается текстовый экспорт таблицы (TSV) или HTML; откройте исходный документ в Word и сохраните его как HTML или текст
}

func ExampleDump() {
	t, _ := ingest.Read("plan.html", []byte(`<p>План на 2023 год</p>
<table><tr><th>№</th><th colspan="2">Сроки</th></tr>
<tr><td>1</td><td>май</td><td>июнь</td></tr></table>`))
	ingest.Dump(os.Stdout, t)
	// Output:
	// source format=html encoding=utf-8
	// title 1:4 "План на 2023 год"
	// row 2 blank=0 cells=3
	//   2:12 "№"
	//   2:24 "Сроки"
	//   2:24 "Сроки" spanned
	// row 3 blank=0 cells=3
	//   3:5 "1"
	//   3:15 "май"
	//   3:30 "июнь"
}
