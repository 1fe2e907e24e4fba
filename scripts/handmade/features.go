package main

import (
	ot "github.com/roadmap-tool/roadmap/internal/officetest"
)

// docxFeatures has one row per construct of WordprocessingML the reader
// handles, the construct named in the first cell.
func docxFeatures() ot.DOCX {
	r := func(text string) string { return `<w:r><w:t xml:space="preserve">` + ot.T(text) + `</w:t></w:r>` }
	feature := func(name string, cells ...string) string {
		return ot.Row("", append([]string{ot.Cell("", ot.P(name))}, cells...)...)
	}
	p := func(content string) string { return "<w:p>" + content + "</w:p>" }
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>` +
		`<w:style w:type="paragraph" w:styleId="Strong"><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>` +
		`<w:style w:type="character" w:styleId="Emph"><w:rPr><w:b/></w:rPr></w:style>` +
		`<w:style w:type="character" w:styleId="Hidden"><w:rPr><w:vanish/></w:rPr></w:style>`
	body := ot.P("Конструкции WordprocessingML") +
		ot.Table(3,
			ot.Row(`<w:tblHeader/>`, ot.TextCells("Конструкция", "Ячейка", "Еще")),
			feature("hyperlink", ot.Cell("", p(r("см. ")+`<w:hyperlink r:id="rIdLink">`+r("сайт")+`</w:hyperlink>`+
				r(" ")+`<w:hyperlink w:anchor="plan">`+r("план")+`</w:hyperlink>`)), ot.Cell("", "")),
			feature("fields", ot.Cell("", p(`<w:fldSimple w:instr=" HYPERLINK &quot;https://edu.example/a&quot; ">`+r("простое")+`</w:fldSimple>`+
				r(" ")+`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://edu.example/b" </w:instrText></w:r>`+
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r("сложное")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)),
				ot.Cell("", p(r("стр. ")+`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>`+
					`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r("3")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`))),
			feature("bold", ot.Cell("", ot.Para(`<w:pStyle w:val="Strong"/>`, "", "жирный стиль абзаца")),
				ot.Cell("", p(`<w:r><w:rPr><w:rStyle w:val="Emph"/></w:rPr><w:t>знак</w:t></w:r>`+`<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> не жирный</w:t></w:r>`))),
			feature("hidden", ot.Cell("", p(r("видно")+`<w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r>`+
				`<w:r><w:rPr><w:rStyle w:val="Hidden"/></w:rPr><w:t>тоже</w:t></w:r>`)), ot.Cell("", "")),
			feature("characters", ot.Cell("", p(r("ГИА")+`<w:r><w:noBreakHyphen/><w:t>9</w:t><w:softHyphen/><w:tab/><w:t>табуляция</w:t><w:br/><w:t>строка</w:t></w:r>`)),
				ot.Cell("", p(`<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t xml:space="preserve"> пункт</w:t></w:r>`))),
			feature("content control", `<w:sdt><w:sdtPr><w:alias w:val="поле"/></w:sdtPr><w:sdtContent>`+ot.Cell("", p(`<w:sdt><w:sdtContent>`+r("в элементе")+`</w:sdtContent></w:sdt>`))+`</w:sdtContent></w:sdt>`,
				ot.Cell("", p(`<mc:AlternateContent><mc:Choice Requires="w14">`+r("выбор")+`</mc:Choice><mc:Fallback>`+r("запасной")+`</mc:Fallback></mc:AlternateContent>`))),
			`<w:sdt><w:sdtContent>`+feature("row in control", ot.Cell("", ot.P("строка")), ot.Cell("", ""))+`</w:sdtContent></w:sdt>`,
			ot.Row(`<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>`, ot.Cell("", ot.P("gridBefore/After"))),
			feature("vMerge restart", ot.Cell(`<w:vMerge w:val="restart"/>`, ot.P("объединено")), ot.Cell(`<w:vMerge/>`, ot.P("без начала"))),
			feature("vMerge continue", ot.Cell(`<w:vMerge/>`, ot.P("текст в продолжении")), ot.Cell(`<w:vMerge/>`, "")),
			feature("hMerge", ot.Cell(`<w:hMerge w:val="restart"/>`, ot.P("на две")), ot.Cell(`<w:hMerge/>`, "")),
			feature("paragraphs", ot.Cell("", ot.P("первый")+ot.Para(`<w:rPr><w:del w:id="1" w:author="А"/></w:rPr>`, "", "слитый")+ot.P(" со вторым")+
				ot.Para(`<w:rPr><w:del w:id="2" w:author="А"/></w:rPr>`, "", "последний")), ot.Cell("", ot.P("a < b & c > d")))) +
		ot.P("После таблицы")
	return ot.DOCX{Body: body, Styles: styles, Links: map[string]string{"rIdLink": "https://edu.example/site"}}
}

// odtFeatures has one row per construct of OpenDocument the reader
// handles.
func odtFeatures() ot.ODT {
	auto := `<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>` +
		`<style:style style:name="PB" style:family="paragraph" style:parent-style-name="Heading"><style:paragraph-properties/></style:style>` +
		`<text:list-style style:name="L1">` +
		`<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>` +
		`<text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="1" text:display-levels="2"/>` +
		`</text:list-style>` +
		`<text:list-style style:name="L2"><text:list-level-style-number text:level="1" style:num-suffix=")" style:num-format="а, б, .., аа, аб, ... (ru)"/></text:list-style>` +
		`<text:list-style style:name="L3"><text:list-level-style-number text:level="1" loext:num-list-format="Этап %1%:" style:num-format="I"/></text:list-style>` +
		`<text:list-style style:name="L4"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>`
	styles := `<style:style style:name="Heading" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>`
	cell := func(content string) string {
		return `<table:table-cell office:value-type="string">` + content + `</table:table-cell>`
	}
	p := func(s string) string { return "<text:p>" + s + "</text:p>" }
	row := func(cells ...string) string {
		s := "<table:table-row>"
		for _, c := range cells {
			s += c
		}
		return s + "</table:table-row>"
	}
	feature := func(name string, cells ...string) string {
		return row(append([]string{cell(p(name))}, cells...)...)
	}
	item := func(s string) string { return "<text:list-item>" + p(s) + "</text:list-item>" }
	body := `<text:tracked-changes><text:changed-region xml:id="c1" text:id="c1"><text:deletion><office:change-info><dc:creator>А</dc:creator></office:change-info>` +
		p("удаленный текст") + `</text:deletion></text:changed-region>` +
		`<text:changed-region xml:id="c2" text:id="c2"><text:insertion><office:change-info><dc:creator>А</dc:creator></office:change-info></text:insertion></text:changed-region></text:tracked-changes>` +
		p("Конструкции OpenDocument") +
		`<table:table table:name="T"><table:table-column table:number-columns-repeated="3"/>` +
		`<table:table-header-rows>` + row(cell(p("Конструкция")), cell(p("Ячейка")), cell(p("Еще"))) + `</table:table-header-rows>` +
		feature("spans", cell(`<text:p>обычный <text:span text:style-name="B">жирный</text:span></text:p>`), cell(`<text:p text:style-name="PB">стиль абзаца</text:p>`)) +
		feature("link and spaces", cell(p(`<text:a xlink:href="https://edu.example/x">ссылка</text:a> и<text:s text:c="3"/>пробелы<text:tab/>табуляция<text:line-break/>строка`)),
			cell(p(`текст<office:annotation><dc:creator>А</dc:creator><text:p>примечание</text:p></office:annotation> с примечанием<office:annotation-end/>`))) +
		feature("changes", cell(p(`было <text:change text:change-id="c1"/><text:change-start text:change-id="c2"/>вставлено<text:change-end text:change-id="c2"/>`)), cell(p(`сноска<text:note><text:note-citation>1</text:note-citation><text:note-body>`+p("текст сноски")+`</text:note-body></text:note>`))) +
		`<table:table-row><table:table-cell table:number-columns-spanned="2">` + p("на два столбца") + `</table:table-cell><table:covered-table-cell/>` + cell(p("рядом")) + `</table:table-row>` +
		feature("rows spanned", `<table:table-cell table:number-rows-spanned="2">`+p("на две строки")+`</table:table-cell>`, cell(p("верх"))) +
		feature("covered", `<table:covered-table-cell>`+p("текст в закрытой")+`</table:covered-table-cell>`, cell(p("низ"))) +
		`<table:table-row table:number-rows-repeated="2">` + cell(p("повтор")) + cell(p("строки")) + cell("") + `</table:table-row>` +
		feature("lists", cell(`<text:list text:style-name="L1">`+item("раздел")+`<text:list-item><text:list>`+item("пункт")+item("пункт")+`</text:list></text:list-item>`+
			`<text:list-header>`+p("заголовок списка")+`</text:list-header></text:list>`+
			`<text:list text:style-name="L1" text:continue-numbering="true">`+item("раздел дальше")+`</text:list>`),
			cell(`<text:list xml:id="x1" text:style-name="L2">`+item("первый")+`</text:list>`+p("между")+
				`<text:list text:continue-list="x1">`+item("второй")+`</text:list>`+
				`<text:list text:style-name="L2"><text:list-item text:start-value="5">`+p("пятый")+p("второй абзац пункта")+`</text:list-item></text:list>`)) +
		feature("list formats", cell(`<text:list text:style-name="L3">`+item("подготовка")+item("проведение")+`</text:list>`),
			cell(`<text:list text:style-name="L4">`+item("маркер")+item("еще")+`</text:list>`)) +
		feature("nested table", cell(p("до")+`<table:table><table:table-column table:number-columns-repeated="2"/>`+row(cell(p("а")), cell(p("б")))+row(cell(p("в")), cell(p("г")))+`</table:table>`), cell("")) +
		`</table:table>` + `<text:section>` + p("После таблицы") + `</text:section>`
	return ot.ODT{Body: body, AutoStyles: auto, Styles: styles}
}
