package orgs

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/seeds"
)

func TestDefine(t *testing.T) {
	cases := []struct {
		text, abbr, full string
	}{
		{"Утверждение Положения о муниципальной системе оценки качества образования (далее – МСОКО)",
			"МСОКО", "муниципальной системе оценки качества образования"},
		{"Отдел общего и дошкольного образования Муниципального казенного учреждения Дербентского городского управления образования (далее- ООДО МКУ ДГУО)",
			"ООДО МКУ ДГУО", "Отдел общего и дошкольного образования Муниципального казенного учреждения Дербентского городского управления образования"},
		{"ООДО МКУ ДГУО, общеобразовательные организации (далее-ОО)", "ОО", "общеобразовательные организации"},
		// A comma inside the quotes of the name does not end it.
		{"МКУ «Центр психолого-педагогической, медицинской и социальной помощи» (далее – ЦППМСП)",
			"ЦППМСП", "МКУ «Центр психолого-педагогической, медицинской и социальной помощи»"},
		{"УО, МБУ \"Центр диагностики, консультирования\" (далее – ЦДК)", "ЦДК", "МБУ \"Центр диагностики, консультирования\""},
		{"Отдел воспитательной работы и дополнительного образования МКУ ДГУО (далее-ОВР ДО МКУ ДГУО), ОО",
			"ОВР ДО МКУ ДГУО", "Отдел воспитательной работы и дополнительного образования МКУ ДГУО"},
		{"ООДО МКУ ДГУО, Городские методические объединения учителей (далее-ГМО)", "ГМО", "Городские методические объединения учителей"},
		{"В течение учебного года по плану Дагестанского института развития образования (далее-ДИРО)", "ДИРО", "Дагестанского института развития образования"},
		{"<p>Система объективности процедуры проведения Всероссийской олимпиады школьников (далее - ВсОШ):</p>", "ВсОШ", "Всероссийской олимпиады школьников"},
		{"анализ результатов ГИА-9 и ГИА-11, в том числе ГВЭ, в образовательных организациях (далее - ОО)", "ОО", "образовательных организациях"},
		{"Комитет по образованию администрации города (далее по тексту – КО)", "КО", "Комитет по образованию администрации города"},
		{"участие в работе экспертной комиссии (далее — «ЭК»)", "ЭК", "экспертной комиссии"},
		// The legal form before the initials belongs to the name.
		{"Консультирование команд МКУ «Центр развития образования» (далее – ЦРО)", "ЦРО", "МКУ «Центр развития образования»"},
		// Initials that do not fit: the clause since the last comma.
		{"Проведение конкурса, муниципальный этап конкурса профессионального мастерства (далее - Конкурс)", "Конкурс", "муниципальный этап конкурса профессионального мастерства"},
	}
	for _, c := range cases {
		t.Run(c.abbr, func(t *testing.T) {
			r := New(nil)
			r.Define(c.text)
			if got := r.defs[key(c.abbr)]; got != c.abbr {
				t.Fatalf("abbreviation %q not defined (defs %v)", c.abbr, r.defs)
			}
			if got := r.defFull[c.abbr]; got != c.full {
				t.Errorf("expansion = %q, want %q", got, c.full)
			}
		})
	}
}

// TestDefineGlossary: a list of abbreviations under the table defines
// them; entries that name no abbreviation define nothing, and a
// definition made in a cell first is kept.
func TestDefineGlossary(t *testing.T) {
	cases := []struct {
		name, first, text string
		want              map[string]string // abbreviation -> full name
		none              []string          // not defined
	}{
		{name: "label and semicolons",
			text: "Используемые сокращения: ОО – общеобразовательные организации; ППМС-центр – МБУ «Центр психолого-педагогической, медицинской и социальной помощи»; ИРО – институт развития образования.",
			want: map[string]string{"ОО": "общеобразовательные организации",
				"ППМС-центр": "МБУ «Центр психолого-педагогической, медицинской и социальной помощи»", "ИРО": "институт развития образования"}},
		{name: "one per line", text: "Список сокращений:\nУО - управление образования,\nКДН и ЗП — комиссия по делам несовершеннолетних и защите их прав",
			want: map[string]string{"УО": "управление образования", "КДН и ЗП": "комиссия по делам несовершеннолетних и защите их прав"}},
		{name: "no label", text: "ИМЦ – информационно-методический центр", want: map[string]string{"ИМЦ": "информационно-методический центр"}},
		{name: "signature", text: "Начальник управления образования – Е.В. Кречетова", none: []string{"Начальник управления образования"}},
		{name: "a sentence", text: "Примечание: мероприятия проводятся по плану – графику ИМЦ", none: []string{"мероприятия проводятся по плану"}},
		{name: "an instruction", text: "Примечание: ОО – обеспечить участие обучающихся в конкурсе; ЦРО – предоставьте отчет до 5 числа",
			none: []string{"ОО", "ЦРО"}},
		{name: "a body whose name opens with a noun in -ть", text: "ОСЗН – областная сеть защиты населения",
			want: map[string]string{"ОСЗН": "областная сеть защиты населения"}},
		{name: "cell first", first: "Городской методический центр (далее – ГМЦ)", text: "ГМЦ – городской методический кабинет",
			want: map[string]string{"ГМЦ": "Городской методический центр"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := New(nil)
			if c.first != "" {
				r.Define(c.first)
			}
			r.DefineGlossary(c.text)
			for abbr, full := range c.want {
				if got := r.defs[key(abbr)]; got != abbr {
					t.Errorf("%q not defined (defs %v)", abbr, r.defs)
				}
				if got := r.defFull[abbr]; got != full {
					t.Errorf("%s = %q, want %q", abbr, got, full)
				}
			}
			for _, n := range c.none {
				if _, ok := r.defs[key(n)]; ok {
					t.Errorf("%q defined: %v", n, r.defs)
				}
			}
		})
	}
}

// derbentDefs are the definitions the Derbent roadmap makes in its cells.
var derbentDefs = []string{
	"Отдел общего и дошкольного образования Муниципального казенного учреждения Дербентского городского управления образования (далее- ООДО МКУ ДГУО)",
	"ООДО МКУ ДГУО, общеобразовательные организации (далее-ОО)",
	"Отдел воспитательной работы и дополнительного образования МКУ ДГУО (далее-ОВР ДО МКУ ДГУО), ОО",
	"ООДО МКУ ДГУО, Городские методические объединения учителей (далее-ГМО)",
}

// ex writes an executor compactly: "Text=>Org", with "+g" for a group and
// "+co" for a co-executor; "Text" alone when Org equals Text.
func ex(e plan.Executor) string {
	s := e.Text
	if e.Org != e.Text {
		s += "=>" + e.Org
	}
	if e.Group {
		s += "+g"
	}
	if e.Co {
		s += "+co"
	}
	return s
}

func TestResolve(t *testing.T) {
	cases := []struct {
		name  string
		defs  []string
		cell  string
		want  []string // ex() of each executor
		finds []string // "severity code text"
	}{
		// Sarov, every distinct responsible cell.
		{cell: "Департамент образования, МБОУ ДПО МЦ, ОБОУ", want: []string{"Департамент образования", "МБОУ ДПО МЦ", "ОБОУ=>ОбОО+g"}},
		{cell: "Департамент образования, ОБОУ", want: []string{"Департамент образования", "ОБОУ=>ОбОО+g"}},
		{cell: "Департамент образования", want: []string{"Департамент образования"}},
		{cell: "Департамент образования, МБОУ ДПО МЦ, МБОУ Школы №№ 10, 17", want: []string{"Департамент образования", "МБОУ ДПО МЦ", "МБОУ Школы №№ 10, 17+g"}},
		{cell: "Департамент образования, ОО", want: []string{"Департамент образования", "ОО+g"}},
		{cell: "Департамент образования, ОбоО", want: []string{"Департамент образования", "ОбоО=>ОбОО+g"}, finds: []string{"info alias-resolved ОбоО"}},
		{cell: "<p>Департамент образования, МБУ ДО ДДТ</p>", want: []string{"Департамент образования", "МБУ ДО ДДТ"}},
		{cell: "МБУ ДО ДДТ", want: []string{"МБУ ДО ДДТ"}},
		{cell: "Молодежный центр", want: []string{"Молодежный центр"}},
		{cell: "ОО", want: []string{"ОО+g"}},
		// Heads of kindergartens stand for them, as heads of schools do;
		// "заведующие" opens a post, not a participial clause.
		{cell: "Руководители ОО, заведующие ДОО", want: []string{"Руководители ОО=>ОО+g", "заведующие ДОО=>ДОО+g"}},
		{cell: "ЦДТ, ДЮСШ", want: []string{"ЦДТ", "ДЮСШ"}},
		// A parenthesis: co-executors of their own ("Исполнитель
		// (соисполнитель)"), initials that define the name, or a remark.
		{cell: "Руководители ОО (МБУ ДО «ДЮСШ»)", want: []string{"Руководители ОО=>ОО+g", "МБУ ДО «ДЮСШ»+co"}},
		{cell: "Отдел образования (ИМЦ, ДДТ)", want: []string{"Отдел образования", "ИМЦ+co", "ДДТ+co"}},
		{cell: "Районный методический кабинет (РМК)", want: []string{"Районный методический кабинет (РМК)=>РМК"}},
		{cell: "Отдел образования (Иванова И.И.)", want: []string{"Отдел образования (Иванова И.И.)=>Отдел образования"}},
		{cell: "ОО района; образовательные организации города", want: []string{"ОО района=>ОО+g", "образовательные организации города=>ОО+g"}},
		{cell: "администрации ОО", want: []string{"администрации ОО=>ОО+g"}},
		{cell: "УО / ИМЦ; ИМЦ/ОО", want: []string{"УО=>Управление образования", "ИМЦ", "ИМЦ", "ОО+g"}},
		{cell: "МБДОУ д/с № 12 «Солнышко»", want: []string{"МБДОУ д/с № 12 «Солнышко»"}},
		{cell: "заместитель директора по УВР/ВР", want: []string{"заместитель директора по УВР/ВР"}},
		{cell: "Администрация района", want: []string{"Администрация района"}},
		{cell: "Руководители общеобразовательных организаций", want: []string{"Руководители общеобразовательных организаций=>ОбОО+g"}},
		{cell: "ОбОО", want: []string{"ОбОО+g"}},
		{cell: "ОБОУ", want: []string{"ОБОУ=>ОбОО+g"}},
		{cell: "Департамент образования, ДМиС, ОО", want: []string{"Департамент образования", "ДМиС", "ОО+g"}},
		{cell: "ДМиС, Молодежный центр", want: []string{"ДМиС", "Молодежный центр"}},
		{cell: "ДМиС, ОО", want: []string{"ДМиС", "ОО+g"}},
		{cell: "Департамент образования, ОО совместно с ДМиС", want: []string{"Департамент образования", "ОО+g", "ДМиС+co"}},
		{cell: "Департамент образования, ОО, МБУ ДО «Станция юных натуралистов»", want: []string{"Департамент образования", "ОО+g", "МБУ ДО «Станция юных натуралистов»"}},
		{cell: "Департамент образования, ОО, субъекты профилактики", want: []string{"Департамент образования", "ОО+g", "субъекты профилактики+g"}},
		{cell: "Департамент образования, МБОУ ДПО МЦ", want: []string{"Департамент образования", "МБОУ ДПО МЦ"}},
		{cell: "Департамент образования, ОО,", want: []string{"Департамент образования", "ОО+g"}},
		{cell: "МБОУ ДПО МЦ", want: []string{"МБОУ ДПО МЦ"}},
		{cell: "МБОУ ДПО МЦ, ОбОО", want: []string{"МБОУ ДПО МЦ", "ОбОО+g"}},
		{cell: "Департамент образования, МБОУ Гимназия № 2, МБОУ «Школа – интернат № 9»", want: []string{"Департамент образования", "МБОУ Гимназия № 2", "МБОУ «Школа – интернат № 9»"}},
		{cell: "Департамент образования, МБОУ Школа № 10, МБОУ Школа № 17", want: []string{"Департамент образования", "МБОУ Школа № 10", "МБОУ Школа № 17"}},

		// Derbent, every distinct responsible cell, with the document's definitions.
		{defs: derbentDefs, cell: derbentDefs[0], want: []string{derbentDefs[0][:strings.Index(derbentDefs[0], " (")] + " (далее- ООДО МКУ ДГУО)=>ООДО МКУ ДГУО"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО", want: []string{"ООДО МКУ ДГУО"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО, общеобразовательные организации (далее-ОО)", want: []string{"ООДО МКУ ДГУО", "общеобразовательные организации (далее-ОО)=>ОО+g"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО, ОО", want: []string{"ООДО МКУ ДГУО", "ОО+g"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО,ОО", want: []string{"ООДО МКУ ДГУО", "ОО+g"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО, ГМО", want: []string{"ООДО МКУ ДГУО", "ГМО+g"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО, Городские методические объединения учителей (далее-ГМО)",
			want: []string{"ООДО МКУ ДГУО", "Городские методические объединения учителей (далее-ГМО)=>ГМО+g"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО, ОВР ДО МКУ ДГУО", want: []string{"ООДО МКУ ДГУО", "ОВР ДО МКУ ДГУО"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО, ОВР ДО МКУ ДГУО, ОО", want: []string{"ООДО МКУ ДГУО", "ОВР ДО МКУ ДГУО", "ОО+g"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО, ОВР ДО МКУ ДГУО,ОО", want: []string{"ООДО МКУ ДГУО", "ОВР ДО МКУ ДГУО", "ОО+g"}},
		{defs: derbentDefs, cell: "ООДО МКУ ДГУО, ОВР ДО МКУ ДГУО, учреждения профессионального образования",
			want: []string{"ООДО МКУ ДГУО", "ОВР ДО МКУ ДГУО", "учреждения профессионального образования+g"}},
		{defs: derbentDefs, cell: "Отдел воспитательной работы и дополнительного образования МКУ ДГУО (далее-ОВР ДО МКУ ДГУО), ОО",
			want: []string{"Отдел воспитательной работы и дополнительного образования МКУ ДГУО (далее-ОВР ДО МКУ ДГУО)=>ОВР ДО МКУ ДГУО", "ОО+g"}},
		{defs: derbentDefs, cell: "ОВР ДО МКУ ДГУО, ОО", want: []string{"ОВР ДО МКУ ДГУО", "ОО+g"}},
		{defs: derbentDefs, cell: "ОВР ДО МКУ ДГУО", want: []string{"ОВР ДО МКУ ДГУО"}},
		{defs: derbentDefs, cell: "ОВР ДО МКУ ДГУО,", want: []string{"ОВР ДО МКУ ДГУО"}},
		// The expansion resolves to the abbreviation.
		{name: "expansion", defs: derbentDefs, cell: "Отдел общего и дошкольного образования Муниципального казенного учреждения Дербентского городского управления образования",
			want: []string{"Отдел общего и дошкольного образования Муниципального казенного учреждения Дербентского городского управления образования=>ООДО МКУ ДГУО"}},
		// Undefined in this document: an unknown abbreviation.
		{name: "undefined", cell: "ОВР ДО МКУ ДГУО", want: []string{"ОВР ДО МКУ ДГУО"}, finds: []string{"warning unknown-executor ОВР ДО МКУ ДГУО"}},

		// Other municipalities.
		{cell: "Управление образования; ИМЦ", want: []string{"Управление образования", "ИМЦ"}},
		// A comma inside a name: after an adjective left without its noun,
		// before the fields a body's name lists.
		{cell: "Центр психолого-педагогической, медицинской и социальной помощи, ОО",
			want: []string{"Центр психолого-педагогической, медицинской и социальной помощи=>ЦППМСП", "ОО+g"}},
		{cell: "отдел по делам молодежи, культуры и спорта администрации района",
			want: []string{"отдел по делам молодежи, культуры и спорта администрации района"}},
		{cell: "Управление образования, учреждения культуры, спорта и молодежной политики",
			want: []string{"Управление образования", "учреждения культуры, спорта и молодежной политики+g"}},
		{cell: "классные руководители, социальный педагог", want: []string{"классные руководители", "социальный педагог"}},
		{cell: "УО, ЦДТ", want: []string{"УО=>Управление образования", "ЦДТ"}},
		{cell: "управление  образования", want: []string{"управление образования=>Управление образования"}},
		{cell: "все ОО", want: []string{"все ОО=>ОО+g"}},
		{cell: "руководители ОО", want: []string{"руководители ОО=>ОО+g"}},
		{cell: "руководители ОбОО", want: []string{"руководители ОбОО=>ОбОО+g"}},
		// The head of one institution named in full is that institution.
		{cell: "руководители МКОУ «Озерская ООШ», МКОУ «Кленовская СОШ»",
			want: []string{"руководители МКОУ «Озерская ООШ»=>МКОУ «Озерская ООШ»", "МКОУ «Кленовская СОШ»"}},
		{cell: "директор МБОУ СОШ № 5", want: []string{"директор МБОУ СОШ № 5=>МБОУ СОШ № 5"}},
		{cell: "заведующая МБДОУ «Детский сад № 3»", want: []string{"заведующая МБДОУ «Детский сад № 3»=>МБДОУ «Детский сад № 3»"}},
		{cell: "руководители МБОУ", want: []string{"руководители МБОУ"}},
		// The remark of consent after a dash is not part of the name.
		{cell: "МКУ «Централизованная бухгалтерия» – по согласованию", want: []string{"МКУ «Централизованная бухгалтерия» – по согласованию=>МКУ «Централизованная бухгалтерия»"}},
		{cell: "ДИРО - по согл.", want: []string{"ДИРО - по согл=>ДИРО"}},
		{cell: "проведение по согласованию с ОО", want: []string{"проведение по согласованию с ОО"}},
		// The official in charge after the body, in parentheses or after a dash.
		{cell: "МБУ ДО «ЦДТ» (Иванова Е.Е.)", want: []string{"МБУ ДО «ЦДТ» (Иванова Е.Е.)=>МБУ ДО «ЦДТ»"}},
		{cell: "МБУ ДО «ЦДТ» – Иванова Е.Е.", want: []string{"МБУ ДО «ЦДТ» – Иванова Е.Е.=>МБУ ДО «ЦДТ»"}},
		{cell: "Петрова А.А. - Иванова Е.Е.", want: []string{"Петрова А.А. - Иванова Е.Е."}},
		// ДОУ is the name of before 2013 for ДОО (aliases.tsv): one group, as in orgdir.
		{cell: "Руководители ДОУ", want: []string{"Руководители ДОУ=>ДОО+g"}},
		{cell: "образовательные организации", want: []string{"образовательные организации=>ОО+g"}},
		{cell: "общеобразовательные организации", want: []string{"общеобразовательные организации=>ОбОО+g"}},
		{cell: "ОО и ДДТ", want: []string{"ОО+g", "ДДТ"}},
		{cell: "Департамент образования и ОО", want: []string{"Департамент образования", "ОО+g"}},
		{cell: "Отдел общего и дошкольного образования", want: []string{"Отдел общего и дошкольного образования"}},
		{cell: "Департамент образования и науки", want: []string{"Департамент образования и науки"}},
		{cell: "МБОУ СОШ № 1, 2 и 5", want: []string{"МБОУ СОШ № 1, 2 и 5+g"}},
		{cell: "- ОО;\n- МЦ.", want: []string{"ОО+g", "МЦ"}},
		{cell: "<ul><li>- ГМО</li><li>- ШМО</li></ul>", want: []string{"ГМО+g", "ШМО+g"}},
		{cell: "УО при участии НИРО", want: []string{"УО=>Управление образования", "НИРО+co"}},
		{cell: "МЦ с участием ДИРО, ОО", want: []string{"МЦ", "ДИРО+co", "ОО+g"}},
		{cell: "МАОУ «Лицей № 3, корпус 2», ОО", want: []string{"МАОУ «Лицей № 3, корпус 2»", "ОО+g"}},
		{cell: "Администрация (отдел опеки, попечительства), ОО", want: []string{"Администрация (отдел опеки, попечительства)", "ОО+g"}},
		{cell: "&nbsp;ОО&nbsp;", want: []string{"ОО+g"}},
		{cell: "оо", want: []string{"оо=>ОО+g"}, finds: []string{"info alias-resolved оо"}},
		{cell: "ОРКСЭ, ОО", want: []string{"ОРКСЭ", "ОО+g"}, finds: []string{"warning unknown-executor ОРКСЭ"}},
		{cell: "Комитет по образованию (далее по тексту – КО), ОО", want: []string{"Комитет по образованию (далее по тексту – КО)=>КО", "ОО+g"}},
		{name: "defined earlier", defs: []string{"Комитет по образованию (далее по тексту – КО)"}, cell: "КО", want: []string{"КО"}},
		{cell: "ДИРО (по согласованию), ОО (по плану)", want: []string{"ДИРО (по согласованию)=>ДИРО", "ОО (по плану)=>ОО+g"}},
		{cell: "Заместитель директора по ВР", want: []string{"Заместитель директора по ВР"}},
		{cell: "МБОУ «Школа № 1, ОО", want: []string{"МБОУ «Школа № 1", "ОО+g"}},
		{cell: "ОО совместно с Департаментом образования", want: []string{"ОО+g", "Департаментом образования=>Департамент образования+co"}},
		{cell: "Молодежный центр; при участии Молодежного центра", want: []string{"Молодежный центр", "Молодежного центра=>Молодежный центр+co"}},
		{cell: "при участии Дагестанского института развития образования", want: []string{"Дагестанского института развития образования=>ДИРО+co"}},
		{cell: "совместно с городскими методическими объединениями", want: []string{"городскими методическими объединениями=>ГМО+g+co"}},
		{cell: "", want: nil},
		{cell: " , ; ", want: nil},
		// "и" between executors of their own: posts, bodies by their head
		// noun or legal form, an abbreviation with words after it.
		{cell: "заместитель директора по УПР и председатели ПЦК", want: []string{"заместитель директора по УПР", "председатели ПЦК"}},
		{cell: "классные руководители и учителя математики", want: []string{"классные руководители", "учителя математики"}},
		{cell: "Управление образования и МКУ «Информационно-методический центр»", want: []string{"Управление образования", "МКУ «Информационно-методический центр»"}},
		{cell: "отдел образования и ОМВД России по Красногвардейскому району (по согласованию)",
			want: []string{"отдел образования=>Отдел образования", "ОМВД России по Красногвардейскому району (по согласованию)=>ОМВД России по Красногвардейскому району"}},
		{cell: "ПДН ОМВД (по согл.); КДН и ЗП", want: []string{"ПДН ОМВД (по согл.)=>ПДН ОМВД", "КДН и ЗП=>КДНиЗП"},
			finds: []string{"warning unknown-executor ПДН ОМВД (по согл.)"}},
		// ... and "и" inside one executor's name.
		{cell: "КДН и ЗП", want: []string{"КДН и ЗП=>КДНиЗП"}},
		{cell: "КДН и ЗП администрации района", want: []string{"КДН и ЗП администрации района"}},
		{cell: "учителя русского языка и литературы", want: []string{"учителя русского языка и литературы"}},
		{cell: "заместитель директора по учебной и воспитательной работе", want: []string{"заместитель директора по учебной и воспитательной работе"}},
		{cell: "Управление образования и молодежной политики", want: []string{"Управление образования и молодежной политики"}},
		{cell: "администрация района, МКУ «ЦБ и ХО»", want: []string{"администрация района", "МКУ «ЦБ и ХО»"}},
		{cell: "Управление образования, Управление культуры и Управление по физической культуре и спорту",
			want: []string{"Управление образования", "Управление культуры", "Управление по физической культуре и спорту"}},
		{cell: "ГИБДД и ОО", want: []string{"ГИБДД", "ОО+g"}},
		{cell: "ПДН и ОВД", want: []string{"ПДН и ОВД"}},
		// A label introduces co-executors: all that follow it.
		{cell: "УО; соисполнители: ИМЦ, ОО", want: []string{"УО=>Управление образования", "ИМЦ+co", "ОО+g+co"}},
		{cell: "Соисполнитель – ИМЦ", want: []string{"ИМЦ+co"}},
		// A post's second field after a comma is not an executor.
		{cell: "заместитель директора по УВР, ВР", want: []string{"заместитель директора по УВР, ВР"}},
		{cell: "заместитель директора по УВР, ОО", want: []string{"заместитель директора по УВР", "ОО+g"}},
		// A person and her post are one executor.
		{cell: "МЦ, Иванова Н.В., начальник отдела общего образования", want: []string{"МЦ", "Иванова Н.В., начальник отдела общего образования"}},
		{cell: "Н.В. Иванова, старший воспитатель", want: []string{"Н.В. Иванова, старший воспитатель"}},
		{cell: "Иванова Н.В., ОО", want: []string{"Иванова Н.В.", "ОО+g"}},
	}
	for _, c := range cases {
		name := c.name
		if name == "" {
			name = c.cell
		}
		t.Run(name, func(t *testing.T) {
			r := New(nil)
			for _, d := range c.defs {
				r.Define(d)
			}
			got, finds := r.Resolve(c.cell)
			var gs []string
			for _, e := range got {
				gs = append(gs, ex(e))
			}
			if fmt.Sprint(gs) != fmt.Sprint(c.want) {
				t.Errorf("executors:\n got %q\nwant %q", gs, c.want)
			}
			var fs []string
			for _, f := range finds {
				fs = append(fs, fmt.Sprintf("%s %s %s", f.Severity, f.Code, f.Text))
				if f.Message == "" || !strings.Contains(f.Message, "«") {
					t.Errorf("finding without a Russian message quoting the text: %+v", f)
				}
			}
			if fmt.Sprint(fs) != fmt.Sprint(c.finds) {
				t.Errorf("findings:\n got %q\nwant %q", fs, c.finds)
			}
		})
	}
}

func TestUnknownExecutorMessage(t *testing.T) {
	_, finds := New(nil).Resolve("ОРКСЭ")
	want := "неизвестное сокращение исполнителя «ОРКСЭ»: добавьте его в таблицу псевдонимов или определите в документе"
	if len(finds) != 1 || finds[0].Message != want || finds[0].Severity != plan.Warning || finds[0].Code != plan.CodeUnknownExecutor {
		t.Fatalf("findings = %+v", finds)
	}
}

func TestOrganizations(t *testing.T) {
	r := New(nil)
	for _, d := range derbentDefs {
		r.Define(d)
	}
	for _, cell := range []string{
		"Департамент образования, МБОУ ДПО МЦ, МБОУ Школы №№ 10, 17",
		"ОБОУ", "ОбоО", "ОбОО",
		"ООДО МКУ ДГУО, общеобразовательные организации (далее-ОО)",
		derbentDefs[0], "ОО", "все ОО",
		"департамент образования",
	} {
		r.Resolve(cell)
	}
	got := r.Organizations()
	want := []plan.Organization{
		{Name: "Департамент образования", Aliases: []string{"департамент образования"}},
		{Name: "МБОУ ДПО МЦ"},
		{Name: "МБОУ Школы №№ 10, 17", Group: true, Members: []string{"МБОУ Школа № 10", "МБОУ Школа № 17"}},
		{Name: "ОбОО", Short: "ОбОО", Full: "общеобразовательные организации", Group: true, Aliases: []string{"ОБОУ", "ОбоО"}},
		{Name: "ООДО МКУ ДГУО", Short: "ООДО МКУ ДГУО",
			Full:    "Отдел общего и дошкольного образования Муниципального казенного учреждения Дербентского городского управления образования",
			Aliases: []string{"Отдел общего и дошкольного образования Муниципального казенного учреждения Дербентского городского управления образования"}},
		{Name: "ОО", Short: "ОО", Full: "общеобразовательные организации", Group: true, Aliases: []string{"общеобразовательные организации", "все ОО"}},
	}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("Organizations:\n got %+v\nwant %+v", got, want)
	}
}

func TestNewMergesAliases(t *testing.T) {
	r := New(map[string]string{"ЦРО": "Центр развития образования", "ОбоО": "ОО"})
	got, finds := r.Resolve("ЦРО, Обоо")
	var gs []string
	for _, e := range got {
		gs = append(gs, ex(e))
	}
	if want := []string{"ЦРО=>Центр развития образования", "Обоо=>ОО+g"}; fmt.Sprint(gs) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", gs, want)
	}
	if len(finds) != 1 || finds[0].Code != plan.CodeAliasResolved {
		t.Errorf("findings = %+v", finds)
	}
}

func TestReadAliases(t *testing.T) {
	m, err := ReadAliases(strings.NewReader("\ufeff# мои сокращения\r\nЦРО\tЦентр развития образования\r\n\r\nОУ\tОО\n"), "my.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 2 || m["ЦРО"] != "Центр развития образования" || m["ОУ"] != "ОО" {
		t.Errorf("aliases = %v", m)
	}
	for _, c := range []struct{ in, err string }{
		{"ЦРО Центр\n", "my.tsv:1: ожидается «вариант<TAB>каноническое имя», получено \"ЦРО Центр\""},
		{"# x\nА\tБ\t\tgroupy\n", "my.tsv:2: неизвестный признак \"groupy\": ожидается group или typo"},
		{"А\t\n", "my.tsv:1: ожидается «вариант<TAB>каноническое имя», получено \"А\\t\""},
	} {
		if _, err := ReadAliases(strings.NewReader(c.in), "my.tsv"); err == nil || err.Error() != c.err {
			t.Errorf("%q: error %v, want %s", c.in, err, c.err)
		}
	}
}

func TestBuiltinTable(t *testing.T) {
	if _, err := parseTable(builtinAliases, "aliases.tsv"); err != nil {
		t.Fatal(err)
	}
}

// seedCells returns every line's cells of each seed with the column of the
// responsible executors (4th in Sarov, 5th in Derbent: the last header cell).
func seedCells(t testing.TB) (all [][]string, responsible []string) {
	t.Helper()
	for _, name := range seeds.Names() {
		data, err := fs.ReadFile(seeds.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		col := -1
		for _, line := range strings.Split(string(data), "\n") {
			cells := strings.Split(line, "\t")
			all = append(all, cells)
			if col < 0 {
				for i, c := range cells {
					if strings.Contains(c, "Ответственн") {
						col = i
					}
				}
				continue
			}
			if len(cells) > col && strings.TrimSpace(cells[col]) != "" && cells[0] != "--" {
				responsible = append(responsible, cells[col])
			}
		}
	}
	return all, responsible
}

// TestSeedResponsible resolves every responsible cell of both seeds after
// defining the abbreviations of all their cells: every executor has an
// organisation and no abbreviation is unknown.
func TestSeedResponsible(t *testing.T) {
	all, cells := seedCells(t)
	if len(cells) < 150 {
		t.Fatalf("only %d responsible cells", len(cells))
	}
	r := New(nil)
	for _, row := range all {
		for _, c := range row {
			r.Define(c)
		}
	}
	for _, cell := range cells {
		execs, finds := r.Resolve(cell)
		if len(execs) == 0 {
			t.Errorf("%q: no executors", cell)
		}
		for _, e := range execs {
			if e.Org == "" {
				t.Errorf("%q: %q unresolved", cell, e.Text)
			}
		}
		for _, f := range finds {
			if f.Code == plan.CodeUnknownExecutor {
				t.Errorf("%q: %s", cell, f.Message)
			}
		}
	}
}

// BenchmarkResolve resolves every responsible cell of both seeds, with a
// fresh resolver per iteration that first reads the definitions.
func BenchmarkResolve(b *testing.B) {
	all, cells := seedCells(b)
	b.ReportAllocs()
	for b.Loop() {
		r := New(nil)
		for _, row := range all {
			for _, c := range row {
				r.Define(c)
			}
		}
		for _, c := range cells {
			r.Resolve(c)
		}
	}
	b.ReportMetric(float64(len(cells)), "cells")
}

// BenchmarkResolveCell is the cost of one cell once definitions are read.
func BenchmarkResolveCell(b *testing.B) {
	all, cells := seedCells(b)
	r := New(nil)
	for _, row := range all {
		for _, c := range row {
			r.Define(c)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cells {
			r.Resolve(c)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cells)), "ns/cell")
}

// A person named with her post is an executor of the kind position, as the
// post alone is.
func TestPersonWithPost(t *testing.T) {
	for _, cell := range []string{"Иванова Н.В., начальник отдела", "Смирнова О.А., старший воспитатель", "заместитель директора по УВР",
		"Заместители директоров по ВР", "руководители педагогов-психологов", "Петрова А.С.", "Н.В. Сидоров",
		"Петрова Анна Сергеевна, методист ИМЦ", "Петрова А.С. – главный специалист отдела образования",
		"Ершова Л.Н., заместитель главы администрации"} {
		got, _ := New(nil).Resolve(cell)
		if len(got) != 1 || got[0].Kind != plan.ExecutorPosition || got[0].Text != cell {
			t.Errorf("Resolve(%q) = %+v, want one executor of the kind position", cell, got)
		}
	}
}

// TestNumberList: the school numbers a group names, ranges expanded.
func TestNumberList(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"10, 17", "10 17", true},
		{"3-5", "3 4 5", true},
		{"1, 3 – 5 и 8", "1 3 4 5 8", true},
		{"5-3", "", false},
		{"1-100", "", false},
		{"9223372036854775806-9223372036854775807", "", false}, // once counted past the int's end, forever
		{"99999999999999999999999-3", "", false},
		{"123456, 7", "", false},
	} {
		got, ok := numberList(tc.in)
		if strings.Join(got, " ") != tc.want || ok != tc.ok {
			t.Errorf("numberList(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	r := New(nil)
	r.Resolve("МБОУ СОШ №№ 3-5")
	orgs := r.Organizations()
	if len(orgs) != 1 || !orgs[0].Group || strings.Join(orgs[0].Members, "|") != "МБОУ СОШ № 3|МБОУ СОШ № 4|МБОУ СОШ № 5" {
		t.Errorf("МБОУ СОШ №№ 3-5: %+v", orgs)
	}
}
