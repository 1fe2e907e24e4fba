package normalize

import (
	"reflect"
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func TestMatchRole(t *testing.T) {
	tests := []struct {
		header string
		role   plan.Role
	}{
		{"№ п/п", plan.RoleNumber},
		{"N п/п", plan.RoleNumber},
		{"<b>Наименование мероприятия</b>", plan.RoleActivity},
		{"Мероприятие (содержание деятельности)", plan.RoleActivity},
		{"Сроки", plan.RoleDeadline},
		{"Срок исполнения", plan.RoleDeadline},
		{"Срок реализации", plan.RoleDeadline},
		{"Ответственный исполнитель", plan.RoleResponsible},
		{"Ответственные исполнители", plan.RoleResponsible},
		{"Исполнители", plan.RoleResponsible},
		{"Ожидаемые результаты", plan.RoleResult},
		{"Форма представления отчета", plan.RoleReportForm},
		{"Форма отчётности", plan.RoleReportForm},
		{"Целевые показатели", plan.RoleIndicator},
		{"Объем финансирования, тыс. руб.", plan.RoleFunding},
		{"Источник финансирования", plan.RoleFunding},
		{"Отметка о выполнении", plan.RoleOther},
		{"Срок начала", plan.RoleDeadline},
	}
	for _, tc := range tests {
		role, score := matchRole(tc.header)
		if role != tc.role || score == 0 {
			t.Errorf("matchRole(%q) = %s (%d), want %s", tc.header, role, score, tc.role)
		}
	}
	for _, h := range []string{"Код КБК", "", "Организация и проведение муниципального этапа Всероссийского конкурса мероприятия для детей и молодежи"} {
		if _, score := matchRole(h); score != 0 {
			t.Errorf("matchRole(%q) matched", h)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		kind numKind
		path []int
		dot  bool
		key  string
	}{
		{"1.", true, numArabic, []int{1}, true, "1"},
		{"2.5.6", true, numArabic, []int{2, 5, 6}, false, "2.5.6"},
		{"14.2.", true, numArabic, []int{14, 2}, true, "14.2"},
		{"1)", true, numArabic, []int{1}, true, "1"},
		{"II.", true, numRoman, []int{2}, true, "II"},
		{"IV", true, numRoman, []int{4}, false, "IV"},
		{"Б)", true, numLetter, []int{2}, true, "Б"},
		// A letter after the number: an item inserted after 1.1 (its
		// sibling), or sub-item б of 2.3 (its child); the letter stays in
		// the key, hence in the id.
		{"1.1а.", true, numArabic, []int{1, 1}, true, "1.1а"},
		{"1.1а)", true, numArabic, []int{1, 1}, true, "1.1а"},
		{"1.1а", true, numArabic, []int{1, 1}, false, "1.1а"},
		{"3б.", true, numArabic, []int{3}, true, "3б"},
		{"2.3.б", true, numArabic, []int{2, 3, 2}, false, "2.3.б"},
		{"2.3.б)", true, numArabic, []int{2, 3, 2}, true, "2.3.б"},
		{"4.2.a.", true, numArabic, []int{4, 2, 1}, true, "4.2.a"},
		{"2021г.", false, 0, nil, false, ""}, // a year
		{"1.1ы", false, 0, nil, false, ""},   // no enumeration letter
		{"1.1А", false, 0, nil, false, ""},   // a capital: no item letter
		{"1.1аб", false, 0, nil, false, ""},  // two letters
		{"1.1а.)", false, 0, nil, false, ""}, // two marks
		{"а)", false, 0, nil, false, ""},     // a sub-list marker alone
		{"", false, 0, nil, false, ""},
		{"2021", false, 0, nil, false, ""},
		{"1.1 Система", false, 0, nil, false, ""},
		{"—", false, 0, nil, false, ""},
	}
	for _, tc := range tests {
		n, ok := parseNumber(tc.in)
		if ok != tc.ok || ok && (n.kind != tc.kind || !reflect.DeepEqual(n.path, tc.path) || n.dot != tc.dot || n.key() != tc.key) {
			t.Errorf("parseNumber(%q) = %+v, %v", tc.in, n, ok)
		}
	}
}

func TestHeadingPrefix(t *testing.T) {
	tests := []struct {
		in, num, title string
		path           []int
	}{
		{"1. Мероприятия по сопровождению", "1.", "Мероприятия по сопровождению", []int{1}},
		{"II. МЕХАНИЗМЫ УПРАВЛЕНИЯ", "II.", "МЕХАНИЗМЫ УПРАВЛЕНИЯ", []int{2}},
		{"Раздел 2. Кадровое обеспечение", "2.", "Кадровое обеспечение", []int{2}},
		{"РАЗДЕЛ III: Мониторинг", "III", "Мониторинг", []int{3}},
		{"Глава 4 Контроль", "4", "Контроль", []int{4}},
		{"Задача 2. Обеспечение доступности", "2.", "Обеспечение доступности", []int{2}},
		{"Цель 3. Повышение качества", "3.", "Повышение качества", []int{3}},
		{"Этап 1 – подготовительный", "1", "подготовительный", []int{1}},
		{"Направление деятельности 3: Работа с детьми", "3", "Работа с детьми", []int{3}},
		{"Модуль 5 «Родители»", "5", "«Родители»", []int{5}},
		{"Подраздел 1.2. Кадры", "1.2.", "Кадры", []int{1, 2}},
		{"Б. Проведение конкурса", "Б.", "Проведение конкурса", []int{2}},
		{"1.2.3 Подраздел", "1.2.3", "Подраздел", []int{1, 2, 3}},
		{"12 Меры поддержки", "12", "Меры поддержки", []int{12}},
	}
	for _, tc := range tests {
		n, title, ok := headingPrefix(tc.in)
		if !ok || n.text != tc.num || title != tc.title || !reflect.DeepEqual(n.path, tc.path) {
			t.Errorf("headingPrefix(%q) = %q %q %v %v", tc.in, n.text, title, n.path, ok)
		}
	}
	for _, s := range []string{"Формирование нормативно-правового обеспечения", "2021 год", "В течение года", "12 месяцев подготовки"} {
		if n, _, ok := headingPrefix(s); ok {
			t.Errorf("headingPrefix(%q) found number %q", s, n.text)
		}
	}
}

func TestJoinCont(t *testing.T) {
	tests := []struct{ prev, next, raw, want string }{
		{"В период каникул по", "отдельным планам", "отдельным планам", "В период каникул по отдельным планам"},
		{"организации", "и повышение", "<p>и повышение</p>", "организации и повышение"},
		{"повышение качества воспи-", "тания обучающихся", "тания обучающихся", "повышение качества воспитания обучающихся"},
		{"показателей:", "- мониторинга", "- мониторинга", "показателей:\n- мониторинга"},
		{"направленных на:", "- поддержку", `<ul style="x"><li>- поддержку</li></ul>`, "направленных на:\n- поддержку"},
		{"Итоги подведены.", "Новый абзац", "<p>Новый абзац</p>", "Итоги подведены.\nНовый абзац"},
		{"", "текст", "текст", "текст"},
		{"3-", "4 класс", "4 класс", "3- 4 класс"},
	}
	for _, tc := range tests {
		if got := joinCont(tc.prev, tc.next, tc.raw); got != tc.want {
			t.Errorf("joinCont(%q, %q) = %q, want %q", tc.prev, tc.next, got, tc.want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct{ title, want string }{
		{"План мероприятий на 2021-2022 годы", "2021-01..2022-12"},
		{"Дорожная карта на 2021 – 2023 гг.", "2021-01..2023-12"},
		{"в течение 2021-2022 годов", "2021-01..2022-12"},
		{"на 2021-2024 учебный год", "2021-09..2024-08"},
		{"на 2021/2022 учебный год", "2021-09..2022-08"},
		{"на 2022-2023 учебные годы", "2022-09..2023-08"},
		{"План работы на 2022 год", "2022-01..2022-12"},
		{"с 2021 по 2025 год", "2021-01..2025-12"},
		{"План работы на 2023-24 учебный год", "2023-09..2024-08"},
		{"в 2024/25 учебном году", "2024-09..2025-08"},
		{"на 2023 и 2024 годы", "2023-01..2024-12"},
		{"План мероприятий по организации отдыха детей в летний период 2024 года", "2024-01..2024-12"},
		{"План к 2024 году по итогам 2023 года", ""},
		// The school year a plan prepares for is not its period.
		{"План-график подготовки образовательных организаций к началу 2024-2025 учебного года", ""},
		{"План подготовки к новому 2024/2025 учебному году", ""},
		{"План подготовки школ к 2024-2025 учебному году на 2024 год", "2024-01..2024-12"},
		{"План работы в 2024-2025 учебном году по подготовке к ГИА", "2024-09..2025-08"},
		// "уч." and "г." without their dots (blind3).
		{"План мероприятий на 2024-2025 уч год", "2024-09..2025-08"},
		{"План работы на 2025 г", "2025-01..2025-12"},
		{"Дорожная карта по развитию МСОКО", ""},
		{"План (дорожная карта 2.3)", ""},
	}
	for _, tc := range tests {
		if got := parsePeriod(tc.title).String(); got != tc.want {
			t.Errorf("parsePeriod(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

func TestMunicipality(t *testing.T) {
	tests := []struct {
		title, want string
		unsure      bool
	}{
		{"по развитию в Сарове муниципальной системы", "Саров", false},
		{"по развитию образования в г.о. Красногорск на 2025 год", "городской округ Красногорск", false},
		{"по развитию образования г. о. Красногорск на 2025 год", "городской округ Красногорск", false},
		{"по реализации проекта (Сосновоборский городской округ) на 2025-2026 годы", "Сосновоборский городской округ", false},
		{"Управления образования Усть-Кутского муниципального образования на 2025 год", "Усть-Кутское муниципальное образование", false},
		{"в Заларинском муниципальном образовании на 2025 год", "Заларинское муниципальное образование", false},
		{"в городском округе «город Дербент» на 2021-2024 учебный год", "город Дербент", false},
		{"наставничества городского округа город Бор на 2022 год", "городской округ город Бор", false},
		{"в Богородском муниципальном районе на 2022 год", "Богородский муниципальный район", false},
		{"Лукояновского муниципального округа", "Лукояновский муниципальный округ", false},
		{"План работы управления образования г. Саров", "Саров", false},
		{"мероприятия в городе Томске", "Томск", false},
		{"развитие образования города Сарова", "Саров", false},
		// A preposition inside the name: the head inflects, the rest not.
		{"администрации города Светлогорска-на-Вятке", "Светлогорск-на-Вятке", false},
		{"в городе Ростове-на-Дону", "Ростов-на-Дону", false},
		{"администрации г. Березовска-на-Оби", "Березовск-на-Оби", false},
		{"План работы МБОУ «СОШ № 14» г. Зеленодольска-Северного", "Зеленодольск-Северный", false},
		{"мероприятия города Усолья-Сибирского", "Усолья-Сибирского", true},
		// A town named by an adjective and a noun: as written, unsure.
		{"МБОУ «Лицей № 7» г. Лесной Поляны по повышению качества", "Лесной Поляны", true},
		{"в городе Нижнем Новгороде", "Нижнем Новгороде", true},
		{"администрации г. Саров Нижегородской области", "Саров", false},
		{"в г. Лесной Свердловской области", "Лесной", false},
		{"в Старооскольском-Заречном муниципальном округе", "Старооскольский-Заречный муниципальный округ", false},
		{"Мегино-Кангаласского района", "Мегино-Кангаласский район", false},
		{"в Новосибирске на 2022 год", "Новосибирск", false},
		{"План работы на 2022 год", "", false},
		{"в Российской Федерации", "", false},
		{"План мероприятий Ливенского района на 2023 год", "Ливенский район", false},
		{"в образовательных организациях Чаа-Хольского кожууна на 2023-2024 годы", "Чаа-Хольский кожуун", false},
		{"в Мегино-Кангаласском улусе", "Мегино-Кангаласский улус", false},
		{"Верхнего района", "Верхний район", false},
		{"в городе Арзамасе на 2022 год", "городе Арзамасе", true},
		{"профилактике правонарушений в городе Березники на 2023-2024 годы", "Березники", false},
		{"в городе Кстово", "Кстово", false},
		{"школа № 3 города Ишима в 2023-2024 учебном году", "Ишим", false},
		{"развитие образования города Ливны", "Ливны", false},
		{"развитие образования города Орла", "города Орла", true},
		{"организаций муниципального района «Мегино-Кангаласский улус» Республики Саха (Якутия)", "Мегино-Кангаласский улус", false},
		{"образовательных организаций Шебекинского городского округа на 2023-2024 годы", "Шебекинский городской округ", false},
		{"муниципальной программы «Развитие образования» на 2024 год", "", false},
		{"отдел образования Администрации района на 2022 год", "", false},
		{"МБОУ «Средняя общеобразовательная школа № 3» г. Кузнецка на 2023-2024 учебный год", "Кузнецк", false},
		{"по развитию инклюзивного образования в городе Череповце на 2023 – 2025 годы", "Череповец", false},
		{"Администрация г. Москва", "Москва", false},
	}
	for _, tc := range tests {
		if got, sure := municipalityFromTitle(tc.title); got != tc.want || got != "" && sure == tc.unsure {
			t.Errorf("municipalityFromTitle(%q) = %q (sure %v), want %q (sure %v)", tc.title, got, sure, tc.want, !tc.unsure)
		}
	}
}

func TestAmendmentsAndOrganization(t *testing.T) {
	lines := []ingest.Line{
		{Text: "Муниципальная программа «Развитие образования Ливенского района на 2022-2024 годы»"},
		{Text: "(в ред. постановления Администрации Ливенского района от 13.03.2023 N 245)"},
		{Text: "План работы (в редакции приказа от 01.02.2023 № 12) на 2023 год"},
	}
	rest, amend := splitAmendments(lines)
	if len(rest) != 2 || rest[1].Text != "План работы на 2023 год" || len(amend) != 2 ||
		amend[0] != "(в ред. постановления Администрации Ливенского района от 13.03.2023 N 245)" {
		t.Errorf("splitAmendments: rest %+v, amendments %q", rest, amend)
	}
	for _, tc := range []struct{ title, want string }{
		{"Дорожная карта МБОУ «Средняя общеобразовательная школа № 5» на 2022-2023 учебный год", "МБОУ «Средняя общеобразовательная школа № 5»"},
		{"План мероприятий МАОУ СОШ № 12 г. Ливны", "МАОУ СОШ № 12"},
		{"по введению ФОП в МБДОУ «Детский сад № 5 «Ромашка» на 2024/2025 учебный год", "МБДОУ «Детский сад № 5 «Ромашка»"},
		{"План МАДОУ «Детский сад «Солнышко»» на 2025 год", "МАДОУ «Детский сад «Солнышко»»"},
		{"План работы средней общеобразовательной школы № 3 на 2023 год", "средней общеобразовательной школы № 3"},
		{"Дорожная карта в городском округе «город Дербент»", ""},
	} {
		if got := organizationOf(tc.title); got != tc.want {
			t.Errorf("organizationOf(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

// TestHeadingContinued: a heading split by a page break stays one heading.
func TestHeadingContinued(t *testing.T) {
	src := "Заголовок на 2022 год\n\n№\tМероприятие\tСрок\tОтветственный\n" +
		"<b>7. Мероприятия, направленные на повышение престижа профессий, связанных</b>\t\t\t\n\n" +
		"\t<b>с воспитанием</b>\t\t\n" +
		"7.1.\tНаграждение педагогов\tОктябрь 2022\tУО\n"
	tb, err := ingest.Read("h.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sections) != 1 || p.Sections[0].Title != "Мероприятия, направленные на повышение престижа профессий, связанных с воспитанием" {
		t.Fatalf("sections %+v", p.Sections)
	}
	if len(p.Items) != 1 || p.Items[0].ID != "7.1" || p.Items[0].Section != "S-7" {
		t.Fatalf("items %+v", p.Items)
	}
}

// TestRomanInNumberColumn: "I" in the number column with its title in the
// activity column is a top-level part, not a group under the section
// before it.
func TestRomanInNumberColumn(t *testing.T) {
	src := "Дорожная карта на 2022 год\n\n№ п/п\tМероприятие\tСроки\tОтветственные\n" +
		"Нормативное обеспечение\t\t\t\n" +
		"1.\tУтверждение положения\tЯнварь 2022\tУО\n" +
		"I\tМЕХАНИЗМЫ УПРАВЛЕНИЯ\t\t\n" +
		"1.1\tСистема оценки\t\t\n" +
		"1.1.1\tМониторинг\tМарт 2022\tУО\n" +
		"II\tМЕХАНИЗМЫ РАЗВИТИЯ\t\t\n" +
		"2.1.\tСовещание\tАпрель 2022\tУО\n"
	tb, err := ingest.Read("r.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range p.Sections {
		got = append(got, s.ID+"/"+s.Parent+"/"+s.Title)
	}
	want := []string{"S-u1//Нормативное обеспечение", "S-I//МЕХАНИЗМЫ УПРАВЛЕНИЯ", "S-1.1/S-I/Система оценки", "S-II//МЕХАНИЗМЫ РАЗВИТИЯ"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sections\n got %q\nwant %q", got, want)
	}
	if it := p.ItemByID("2.1"); it == nil || it.Section != "S-II" || it.Level != 2 {
		t.Errorf("2.1: %+v", it)
	}
	if it := p.ItemByID("1.1.1"); it == nil || it.Section != "S-1.1" || it.Level != 3 {
		t.Errorf("1.1.1: %+v", it)
	}
}

// TestHeaderVariants: a header broken over two lines is joined; a data row
// without a number right under the header is data, not a second header
// line.
func TestHeaderVariants(t *testing.T) {
	tests := []struct {
		name, src string
		headers   []string
		items     int
	}{
		{"broken header",
			"№\tНаименование\tОтветственный\tСрок\n\tмероприятия\tисполнитель\t\n1.\tСбор данных\tУО\tМай 2022\n",
			[]string{"№", "Наименование мероприятия", "Ответственный исполнитель", "Срок"}, 1},
		{"unnumbered first row",
			"№\tМероприятие\tОтветственный\tСрок\n\tСбор данных\tУО\tМай 2022\n1.\tАнализ\tУО\tИюнь 2022\n",
			[]string{"№", "Мероприятие", "Ответственный", "Срок"}, 2},
		{"repeated header and column numbers after a page break",
			"№\tМероприятие\tСрок\tИсполнители\n1\t2\t3\t4\n1.\tСбор\tМай 2022\tУО\n\n№\tМероприятие\tСрок\tИсполнители\n1\t2\t3\t4\n2.\tАнализ\tИюнь 2022\tУО\n",
			[]string{"№", "Мероприятие", "Срок", "Исполнители"}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ingest.Read("h.txt", []byte("План на 2022 год\n\n"+tc.src))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Build(tb, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var hs []string
			for _, c := range p.Columns {
				hs = append(hs, c.Header)
			}
			if !reflect.DeepEqual(hs, tc.headers) || len(p.Items) != tc.items {
				t.Errorf("headers %q, %d items; want %q, %d", hs, len(p.Items), tc.headers, tc.items)
			}
			assertNothingLost(t, tb, p)
		})
	}
}

// TestDashPlaceholders: "—" in the cells of a group row means "nothing
// here": the row is still a group heading, and a dash-only row is noise.
func TestDashPlaceholders(t *testing.T) {
	src := "План на 2022 год\n\n№\tМероприятие\tСрок\tОтветственный\n" +
		"1.\tОценка качества\t—\t-\n" +
		"1.1.\tМониторинг\tМай 2022\tУО\n" +
		"—\t—\t—\t—\n" +
		"1.2.\tАнализ\tИюнь 2022\tИМЦ\n"
	tb, err := ingest.Read("d.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sections) != 1 || p.Sections[0].ID != "S-1" || len(p.Items) != 2 || p.Items[1].Section != "S-1" {
		t.Errorf("sections %+v\nitems %+v", p.Sections, p.Items)
	}
	if findDiag(p, plan.CodeNoiseRow, "— — — —") == nil {
		t.Errorf("dash row not reported as noise: %v", p.Diagnostics)
	}
}

// TestTrailingTab: an empty last header cell from a trailing tab is not a
// column.
func TestTrailingTab(t *testing.T) {
	src := "План на 2022 год\n\n№\tМероприятие\tСрок\tОтветственный\t\n1.\tСбор\tМай 2022\tУО\t\n"
	tb, err := ingest.Read("t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Columns) != 4 || countCode(p, plan.CodeHeaderUnknown) != 0 {
		t.Errorf("columns %+v, diagnostics %v", p.Columns, p.Diagnostics)
	}
}

func TestMatchRoleLayouts(t *testing.T) {
	tests := []struct {
		header string
		role   plan.Role
	}{
		{"Наименование подпрограммы, основного мероприятия, мероприятия", plan.RoleActivity},
		{"Наименование этапа", plan.RoleGroup},
		{"Этап реализации", plan.RoleGroup},
		// The date it was done is a mark of completion, not a deadline.
		{"Фактический срок", plan.RoleOther},
		{"Дата фактического исполнения", plan.RoleOther},
		{"Плановый срок", plan.RoleDeadline},
		{"Направление", plan.RoleGroup},
		{"Цель", plan.RoleGroup},
		{"Задача", plan.RoleGroup},
		{"Содержание деятельности", plan.RoleDescription},
		{"Форма проведения", plan.RoleDescription},
		{"Примечание", plan.RoleDescription},
		{"Соисполнители", plan.RoleResponsible},
		{"Участники", plan.RoleResponsible},
		{"№№ п/п", plan.RoleNumber},
		{"Виды работ", plan.RoleActivity},
	}
	for _, tc := range tests {
		if role, score := matchRole(tc.header); role != tc.role || score == 0 {
			t.Errorf("matchRole(%q) = %s (%d), want %s", tc.header, role, score, tc.role)
		}
	}
}

func TestReversedPeriod(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"на 2023-2021 годы", "2023-2021"},
		{"с 2022 по 2021 год", "с 2022 по 2021"},
		{"План работы на 2023-24 учебный год", ""},
		{"на 2023-2024 учебный год", ""},
	} {
		if got := reversedPeriod(tc.title); got != tc.want {
			t.Errorf("reversedPeriod(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}
