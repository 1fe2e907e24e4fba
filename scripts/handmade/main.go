// Command handmade writes the hand-made Word fixtures of
// testdata/document/handmade: each documents one thing the .docx reader
// must get right (merges, automatic numbering with restarts and
// overrides, tracked changes and comments, a table split over pages,
// nested tables, several tables), written from WordprocessingML markup
// with internal/officetest. Beside each NAME.docx is the export it must
// read the same as (NAME.html or NAME.tsv, written by hand), and
// scripts/document-fixtures.sh makes NAME.odt of it with LibreOffice.
//
// It also writes the reader's own fixtures, testdata/ingest/docx-features.docx
// and odt-features.odt, whose ingest dumps are golden files: every
// construct the readers handle, one row each.
//
//	go run ./scripts/handmade      # from the repository root
package main

import (
	"fmt"
	"os"
	"path/filepath"

	ot "github.com/roadmap-tool/roadmap/internal/officetest"
)

const bold = "<w:b/>"

func main() {
	files := map[string][]byte{
		"testdata/ingest/docx-features.docx": docxFeatures().Bytes(),
		"testdata/ingest/odt-features.odt":   odtFeatures().Bytes(),
	}
	for name, d := range fixtures() {
		files[filepath.Join("testdata/document/handmade", name+".docx")] = d.Bytes()
	}
	for path, data := range files {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func fixtures() map[string]ot.DOCX {
	return map[string]ot.DOCX{
		"merges":            merges(),
		"autonumber":        autonumber(),
		"autonumber-school": autonumberSchool(),
		"tracked-changes":   trackedChanges(),
		"split-table":       splitTable(),
		"nested-tables":     nestedTables(),
		"several-tables":    severalTables(),
	}
}

// centered bold title paragraph
func title(text string) string {
	return ot.Para(`<w:jc w:val="center"/>`, bold, text)
}

// section is a bold row merged over all columns.
func section(cols int, ppr, text string) string {
	return ot.Row("", ot.Cell(fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, cols), ot.Para(ppr, bold, text)))
}

// bullets is the numbering.xml markup of a bulleted list (numId 9).
const bullets = `<w:abstractNum w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="` + "\uf0b7" + `"/></w:lvl></w:abstractNum>`
const bulletsNum = `<w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num>`

// merges is testdata/normalize/html-spans.html as Word writes it: the
// header's rowspans as w:vMerge, its colspan as w:gridSpan, section rows
// merged across (one with the legacy w:hMerge), a deadline merged over
// two items, a bulleted list in a cell.
func merges() ot.DOCX {
	restart, cont := `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`
	cell := func(pr, text string) string { return ot.Cell(pr, ot.P(text)) }
	hmerge := ot.Row("",
		ot.Cell(`<w:hMerge w:val="restart"/>`, ot.Para("", bold, "1.2. Аналитика")),
		ot.Cell(`<w:hMerge/>`, ""), ot.Cell(`<w:hMerge/>`, ""), ot.Cell(`<w:hMerge/>`, ""), ot.Cell(`<w:hMerge/>`, ""))
	list := ot.P("Анализ итогов:") + ot.Para(ot.Num(9, 0), "", "по школам;") + ot.Para(ot.Num(9, 0), "", "по предметам.")
	body := title("План мероприятий по повышению качества образования") +
		title("в городском округе «город Лысково» на 2022 год") +
		ot.Table(5,
			ot.Row(`<w:tblHeader/>`, cell(restart, "№ п/п"), cell(restart, "Наименование мероприятия"),
				cell(`<w:gridSpan w:val="2"/>`, "Срок"), cell(restart, "Ответственные")),
			ot.Row(`<w:tblHeader/>`, cell(cont, ""), cell(cont, ""), cell("", "начало"), cell("", "окончание"), cell(cont, "")),
			section(5, "", "1. Оценка качества"),
			section(5, "", "1.1. Мониторинги"),
			ot.Row("", cell("", "1.1.1."), cell("", "Мониторинг результатов ВПР"), cell(restart, "Март 2022"),
				cell(restart, "Май 2022"), cell("", "Управление образования")),
			ot.Row("", cell("", "1.1.2."), cell("", "Мониторинг результатов ОГЭ"), cell(cont, ""), cell(cont, ""), cell("", "ИМЦ")),
			hmerge,
			ot.Row("", cell("", "1.2.1."), ot.Cell("", list), cell("", "Июнь 2022"), cell("", "Июль 2022"), cell("", "ИМЦ, ОО")),
			section(5, "", "2. Кадры"),
			ot.Row("", ot.TextCells("2.1.", "Курсы повышения квалификации", "Сентябрь 2022", "Декабрь 2022", "ОО"))) +
		ot.P("Начальник управления образования И.И. Иванов")
	return ot.DOCX{Body: body, Numbering: bullets + bulletsNum}
}

// autonumber numbers sections and items with a Word list: the numbers
// are in no text. Sections use level 1 ("%1."), items level 2
// ("%1.%2."), sub-items level 3; section 2 is numbered through
// paragraph styles linked to the list; section 3 uses a second w:num on
// the same list whose startOverride restarts the items at 4, once; the
// activity cells hold a list "%1)" whose second instance restarts it.
func autonumber() ot.DOCX {
	numbering := `<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>` +
		`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3."/></w:lvl>` +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>` +
		bullets +
		`<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="4"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>` +
		`<w:num w:numId="4"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
		bulletsNum
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Section"><w:name w:val="Roadmap Section"/><w:basedOn w:val="Normal"/>` +
		`<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Item"><w:name w:val="Roadmap Item"/><w:basedOn w:val="Normal"/>` +
		`<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`
	sec := func(text string) string { return section(5, ot.Num(1, 0), text) }
	item := func(numID, lvl int, cells ...string) string {
		return ot.Row("", ot.Cell("", ot.Para(ot.Num(numID, lvl), "", "")), ot.TextCells(cells...))
	}
	styled := func(cells ...string) string {
		return ot.Row("", ot.Cell("", ot.Para(`<w:pStyle w:val="Item"/>`, "", "")), ot.TextCells(cells...))
	}
	steps := func(numID int, lines ...string) string {
		s := ot.P("Этапы:")
		for _, l := range lines {
			s += ot.Para(ot.Num(numID, 0), "", l)
		}
		return s
	}
	body := title("План мероприятий по развитию муниципальной системы оценки качества образования") +
		title("на 2023 год") +
		ot.Table(5,
			ot.Row(`<w:tblHeader/>`, ot.TextCells("№ п/п", "Мероприятие", "Срок", "Ответственные", "Результат")),
			sec("Оценка качества подготовки обучающихся"),
			item(1, 1, "Мониторинг результатов ВПР", "Март 2023", "УО", "Справка"),
			item(1, 1, "Анализ результатов ОГЭ и ЕГЭ", "Июль 2023", "ИМЦ", "Аналитический отчет"),
			item(1, 2, "Анализ результатов ОГЭ", "Июль 2023", "ИМЦ", "Справка"),
			item(1, 2, "Анализ результатов ЕГЭ", "Июль 2023", "ИМЦ", "Справка"),
			ot.Row("", ot.Cell(`<w:gridSpan w:val="5"/>`, ot.Para(`<w:pStyle w:val="Section"/>`, "", "Оценка качества работы педагогов"))),
			styled("Аттестация педагогических работников", "В течение года", "УО", "Приказы"),
			styled("Конкурс профессионального мастерства", "Февраль 2023", "ИМЦ", "Итоги конкурса"),
			sec("Развитие системы оценки"),
			ot.Row("", ot.Cell("", ot.Para(ot.Num(2, 1), "", "")),
				ot.Cell("", steps(3, "сбор данных;", "анализ;", "обсуждение.")), ot.TextCells("Апрель 2023", "УО, ИМЦ", "Положение")),
			ot.Row("", ot.Cell("", ot.Para(ot.Num(2, 1), "", "")),
				ot.Cell("", steps(4, "анкетирование;", "отчет.")), ot.TextCells("Май 2023", "ОО", "Отчет")),
			item(1, 1, "Семинар для заместителей директоров", "Октябрь 2023", "ИМЦ", "Материалы семинара")) +
		ot.P("")
	return ot.DOCX{Body: body, Numbering: numbering, Styles: styles}
}

// autonumberSchool is a school's plan: sections lettered in Russian
// ("А.", "Б."), items numbered "1)" in each section, one part in Roman
// numerals from another list.
func autonumberSchool() ot.DOCX {
	numbering := `<w:abstractNum w:abstractNumId="1">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="russianUpper"/><w:lvlText w:val="%1."/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2)"/></w:lvl>` +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>`
	row := func(cells ...string) string {
		return ot.Row("", ot.Cell("", ot.Para(ot.Num(1, 1), "", "")), ot.TextCells(cells...))
	}
	body := ot.Para(`<w:jc w:val="center"/>`, bold, "План работы МБОУ Школа № 5 по подготовке к ГИА на 2022-2023 учебный год") +
		ot.Table(4,
			ot.Row("", ot.TextCells("№", "Содержание деятельности", "Сроки проведения", "Ответственные")),
			section(4, ot.Num(2, 0), "Подготовительный этап"),
			section(4, ot.Num(1, 0), "Нормативное обеспечение"),
			row("Изучение нормативных документов", "Сентябрь 2022", "заместитель директора по УВР"),
			row("Издание приказа об организации подготовки", "Октябрь 2022", "директор"),
			section(4, ot.Num(1, 0), "Работа с учащимися"),
			row("Пробные экзамены", "Декабрь 2022", "классные руководители"),
			row("Консультации по предметам", "В течение учебного года", "учителя-предметники"))
	return ot.DOCX{Body: body, Numbering: numbering}
}

// trackedChanges holds revisions, to be read as accepted: inserted and
// deleted text, a deleted and an inserted row, a moved executor, a
// deleted paragraph mark joining two paragraphs, changed formatting; and
// comments, which are not read.
func trackedChanges() ot.DOCX {
	rev := `w:author="Иванова" w:date="2023-03-13T10:00:00Z"`
	run := func(text string) string { return `<w:r><w:t xml:space="preserve">` + ot.T(text) + `</w:t></w:r>` }
	ins := func(id int, text string) string {
		return fmt.Sprintf(`<w:ins w:id="%d" %s>%s</w:ins>`, id, rev, run(text))
	}
	del := func(id int, text string) string {
		return fmt.Sprintf(`<w:del w:id="%d" %s><w:r><w:delText xml:space="preserve">%s</w:delText></w:r></w:del>`, id, rev, ot.T(text))
	}
	p := func(content string) string { return "<w:p>" + content + "</w:p>" }
	body := title("Дорожная карта по развитию наставничества на 2023 год") +
		ot.P("(в ред. приказа от 13.03.2023 № 45)") +
		ot.Table(5,
			ot.Row("", ot.TextCells("№", "Мероприятие", "Срок", "Ответственные", "Результат")),
			ot.Row("", ot.Cell("", ot.P("1.")),
				ot.Cell("", p(run("Проведение ")+del(1, "городской ")+ins(2, "муниципальной ")+run("конференции")+
					`<w:commentRangeStart w:id="0"/>`+run(" по наставничеству")+`<w:commentRangeEnd w:id="0"/>`+
					`<w:r><w:commentReference w:id="0"/></w:r>`)),
				ot.Cell("", p(del(3, "Февраль")+ins(4, "Март")+run(" 2023"))),
				ot.Cell("", p(run("УО, ")+fmt.Sprintf(`<w:moveFrom w:id="5" %s>%s</w:moveFrom>`, rev, run("ИМЦ, "))+run("ОО")+
					fmt.Sprintf(`<w:moveTo w:id="6" %s>%s</w:moveTo>`, rev, run(", ИМЦ")))),
				ot.Cell("", p(run("Проведена конференция")))),
			ot.Row(fmt.Sprintf(`<w:del w:id="7" %s/>`, rev), ot.Cell("", ot.P("2.")),
				ot.TextCells("Исключенное мероприятие", "Апрель 2023", "ОО", "Отчет")),
			ot.Row(fmt.Sprintf(`<w:ins w:id="8" %s/>`, rev), ot.Cell("", ot.P("2.")),
				ot.TextCells("Семинар для наставников", "Май 2023", "ИМЦ", "Материалы")),
			ot.Row("", ot.Cell("", ot.P("3.")),
				ot.Cell("", `<w:p><w:pPr><w:rPr><w:del w:id="9" `+rev+`/></w:rPr></w:pPr>`+run("Мониторинг программ")+`</w:p>`+
					p(run(" наставничества в школах"))),
				ot.Cell("", `<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="10" `+rev+`><w:rPr/></w:rPrChange></w:rPr><w:t>Ежеквартально</w:t></w:r></w:p>`),
				ot.Cell("", ot.P("УО")), ot.Cell("", ot.P("Справка"))))
	comments := `<w:comment w:id="0" ` + rev + ` w:initials="ИИ">` + ot.P("Уточнить тему конференции") + `</w:comment>`
	return ot.DOCX{Body: body, Comments: comments}
}

// splitTable is a roadmap Word split into two tables at a page break,
// the header repeated on the second page and a row continued there: it
// reads as testdata/document/handmade/split-table.tsv, the text export
// of the same pages.
func splitTable() ot.DOCX {
	header := ot.Row(`<w:tblHeader/>`, ot.TextCells("№", "Мероприятие", "Сроки", "Ответственные", "Результат"))
	body := ot.Para("", bold, "Дорожная карта") + ot.P("на 2024 год") +
		ot.Table(5, header,
			ot.Row("", ot.TextCells("1.1", "Проведение конференции для педагогов по вопросам", "Март 2024", "МЦ, ОО", "Проведена конференция, участие"))) +
		`<w:p><w:r><w:br w:type="page"/></w:r></w:p>` +
		ot.Table(5, header,
			ot.Row("", ot.TextCells("", "наставничества в образовательных организациях", "", "", "не менее 50 педагогов")),
			ot.Row("", ot.TextCells("1.2", "Мониторинг", "Апрель 2024 г.", "УО", "Справка")),
			ot.Row("", ot.TextCells("1.3", "Семинар", "Май 2024", "ОО", "")))
	return ot.DOCX{Body: body}
}

// nestedTables has tables inside cells: an executors table and a result
// table, read as the cell's text.
func nestedTables() ot.DOCX {
	inner := func(rows ...[]string) string {
		var rs []string
		for _, r := range rows {
			rs = append(rs, ot.Row("", ot.TextCells(r...)))
		}
		return ot.Table(len(rows[0]), rs...) + ot.P("")
	}
	body := title("План мероприятий на 2023 год") +
		ot.Table(4,
			ot.Row("", ot.TextCells("№", "Мероприятие", "Срок", "Ответственные")),
			ot.Row("", ot.Cell("", ot.P("1.")), ot.Cell("", ot.P("Смотр-конкурс")), ot.Cell("", ot.P("Май 2023")),
				ot.Cell("", inner([]string{"УО"}, []string{"ИМЦ"}))),
			ot.Row("", ot.Cell("", ot.P("2.")), ot.Cell("", ot.P("Фестиваль")+inner([]string{"этап", "срок"}, []string{"отборочный", "май"})),
				ot.Cell("", ot.P("Июнь 2023")), ot.Cell("", ot.P("ДДТ"))))
	return ot.DOCX{Body: body}
}

// severalTables opens with an approval stamp in a borderless table, then
// a table of indicators, then the roadmap, then a signature table: the
// roadmap is the table with the roadmap header.
func severalTables() ot.DOCX {
	body := ot.Table(2, ot.Row("", ot.Cell("", ""), ot.Cell("", ot.P("УТВЕРЖДАЮ\nНачальник управления образования\nИ.И. Иванов")))) +
		title("План мероприятий по повышению функциональной грамотности на 2023 год") +
		ot.P("Целевые показатели:") +
		ot.Table(3,
			ot.Row("", ot.TextCells("Наименование показателя", "2022", "2023")),
			ot.Row("", ot.TextCells("Доля школ, участвующих в мониторинге", "60%", "80%")),
			ot.Row("", ot.TextCells("Число педагогов, прошедших курсы", "120", "200"))) +
		ot.P("Мероприятия:") +
		ot.Table(4,
			ot.Row("", ot.TextCells("№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственные")),
			ot.Row("", ot.TextCells("1.", "Курсы повышения квалификации", "Март 2023", "ИМЦ")),
			ot.Row("", ot.TextCells("2.", "Мониторинг функциональной грамотности", "Октябрь 2023", "УО, ОО"))) +
		ot.P("") + // Word keeps a paragraph between tables; without one it joins them
		ot.Table(2, ot.Row("", ot.TextCells("Исполнитель", "П.П. Петров")))
	return ot.DOCX{Body: body}
}
