package normalize

import (
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// TestReadHeader: typos are read within the per-word bound, the
// parenthesised part counts as evidence, and near words of another role,
// short words and data cells are not read as headers.
func TestReadHeader(t *testing.T) {
	tests := []struct {
		header  string
		role    plan.Role // RoleOther with guessed false: no match at all
		guessed bool
		syn     string // the synonym read through a typo, if any
	}{
		// exact readings are not guesses
		{"Мероприятие (содержание деятельности)", plan.RoleActivity, false, ""},
		{"Отвётственные", plan.RoleResponsible, false, ""},             // ё is е
		{"Форма прёдставления отчета", plan.RoleReportForm, false, ""}, // ё is е
		{"Результат", plan.RoleResult, false, ""},                      // not "показатели"
		{"Показатели", plan.RoleIndicator, false, ""},                  // not "результат"
		{"Перечень основных мероприятий", plan.RoleActivity, false, ""},
		{"Действие", plan.RoleActivity, false, ""},
		{"Вид отчетного документа", plan.RoleReportForm, false, ""},
		{"Механизм реализации", plan.RoleDescription, false, ""},
		{"Срок", plan.RoleDeadline, false, ""}, // "сроки" is a synonym, no typo needed
		{"Статус", plan.RoleOther, false, ""},  // exact [other]
		{"Мерорпиятие (содержание деятельности)", plan.RoleActivity, true, "мероприятие"},
		{"Мероприятиие (содержание деятельности)", plan.RoleActivity, true, "мероприятие"},
		{"Мреоприятие", plan.RoleActivity, true, "мероприятие"},
		{"Мерроприятие", plan.RoleActivity, true, "мероприятие"},
		{"Форма прредставления отчета", plan.RoleReportForm, true, "форма представления отчета"},
		{"Наименованние мероприятия", plan.RoleActivity, false, ""}, // "мероприятия" is contained exactly
		{"Наимнование", plan.RoleActivity, true, "наименование"},
		{"Ответсвенные", plan.RoleResponsible, true, "ответственные"},
		{"Ожидаемый резултат", plan.RoleResult, true, "ожидаемый результат"},
		{"Ожидаемый резултат, ед.", plan.RoleResult, true, "ожидаемый результат"}, // contained
		{"Показатль", plan.RoleIndicator, true, "показатель"},
		{"Форма представления представления отчета", plan.RoleReportForm, true, "форма представления отчета"}, // a doubled word
		{"Форма представления представления отчта", plan.RoleReportForm, true, "форма представления отчета"},
		{"Форма представления представления отчта, ед. изм.", plan.RoleReportForm, true, "форма представления отчета"},
		{"Срк исполненя (месяц, год)", plan.RoleOther, false, ""}, // "срок" is too short for a typo
		// only the parenthesised part names the role
		{"Что делаем (содержание деятельности)", plan.RoleActivity, true, ""},
		{"Что делаем (содержание деятельнсти)", plan.RoleActivity, true, ""},
		// the main text read through a typo disagrees with the exact
		// parenthesised part: the exact reading wins
		{"Резултат (сроки)", plan.RoleDeadline, true, ""},
		// no reading
		{"Срки", plan.RoleOther, false, ""},      // short words take no typos
		{"№№", plan.RoleOther, false, ""},        // nor signs
		{"Дата1", plan.RoleOther, false, ""},     // nor words with digits
		{"Выполнено", plan.RoleOther, false, ""}, // [other] is never guessed
		{"Положение", plan.RoleOther, false, ""},
		{"Август 2021", plan.RoleOther, false, ""},
		{"Код КБК", plan.RoleOther, false, ""},
		{"Резуьлтаты прведения", plan.RoleResult, true, "результаты"}, // one contained word suffices
		{"Ответсвенные исполнтели", plan.RoleResponsible, true, "ответственные исполнители"},
		{"Ответсвенне исполнтели", plan.RoleResponsible, true, "исполнители"},                                                  // three edits over the whole; one word still reads
		{"Утверждение Положения о муниципальной системе оценки качества образования и мероприятия", plan.RoleOther, false, ""}, // a data cell
		{"Мрепориятие", plan.RoleActivity, true, "мероприятие"},                                                                // two transpositions: within 2 for 11 letters
		{"Мрепориятеи", plan.RoleOther, false, ""},                                                                             // three edits
	}
	for _, tc := range tests {
		m := readHeader(tc.header)
		matched := m.score > 0
		wantMatch := tc.role != plan.RoleOther || tc.guessed || tc.header == "Статус"
		if matched != wantMatch || (matched && m.role != tc.role) || m.guessed() != tc.guessed || m.syn != tc.syn {
			t.Errorf("readHeader(%q) = %+v, want role %s guessed %v syn %q", tc.header, m, tc.role, tc.guessed, tc.syn)
		}
	}
}

// TestFindLayoutTolerant checks which row is taken for the header once
// typos are allowed, and that a typo reading is always reported.
func TestFindLayoutTolerant(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		header int    // 1-based line of the header row; 0: refused
		roles  string // the columns' roles, space-separated
		typos  int    // header-typo diagnostics
	}{
		{
			name: "typo header after title",
			src: "Дорожная карта на 2023 год\n\n" +
				"№ п/п\tМерорпиятие (содержание деятельности)\tСроки\tФорма прредставления отчета\tОтвётственные\n" +
				"1.\tСеминар\tМай 2023\tПротокол\tИМЦ\n",
			header: 3, roles: "number activity deadline report_form responsible", typos: 2,
		},
		{
			// an earlier row would pass with typos, the exact header wins
			name: "exact header beats an earlier near-header",
			src: "Дорожная карта на 2023 год\n" +
				"Мерроприятия\tОтветсвенные\n" +
				"№\tМероприятие\tСроки\tОтветственные\n" +
				"1.\tСеминар\tМай 2023\tИМЦ\n",
			header: 3, roles: "number activity deadline responsible", typos: 0,
		},
		{
			// a data row with one cell near "мероприятие" and a deadline
			// is mostly unrecognized texts: not a header
			name: "data row is not a header",
			src: "Дорожная карта на 2023 год\n" +
				"1.\tМерроприятие\tСроки\tИМЦ совместно с ОО\tПротокол заседания\tВыполнено в срок\n" +
				"2.\tСеминар\tМай 2023\tИМЦ\tПротокол\tНет\n",
			header: 0,
		},
		{
			name: "no header at all",
			src: "Дорожная карта на 2023 год\n" +
				"1.\tУтверждение Положения о системе оценки\tАвгуст 2021\tООДО\n" +
				"2.\tСеминар\tМай 2023\tИМЦ\n",
			header: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ingest.Read("t.tsv", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			var d plan.Diagnostics
			l, _, err := findLayout(tb, &d)
			if tc.header == 0 {
				if err == nil {
					t.Fatalf("header found at line %d, want none", l.headerPos.Line)
				}
				if !strings.Contains(err.Error(), "t.tsv:") || !strings.Contains(err.Error(), "не найдена строка заголовка") {
					t.Errorf("error %q does not name the file and what was expected", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.headerPos.Line != tc.header {
				t.Errorf("header at line %d, want %d", l.headerPos.Line, tc.header)
			}
			var roles []string
			for _, c := range l.cols {
				roles = append(roles, string(c.Role))
			}
			if got := strings.Join(roles, " "); got != tc.roles {
				t.Errorf("roles %q, want %q", got, tc.roles)
			}
			typos := 0
			for _, x := range d {
				if x.Code == plan.CodeHeaderTypo {
					typos++
					if x.Severity != plan.Info || x.Text == "" || !strings.Contains(x.Message, "прочитан как «") {
						t.Errorf("typo diagnostic %v: want Info naming the header and the role", x)
					}
				}
			}
			if typos != tc.typos {
				t.Errorf("%d header-typo diagnostics, want %d: %v", typos, tc.typos, d)
			}
		})
	}
}

// BenchmarkFindLayout measures the header search of a document whose
// header is spelled right (the exact pass only) and of one whose activity
// header carries a typo (the exact pass over 15 rows fails, then the
// tolerant pass).
func BenchmarkFindLayout(b *testing.B) {
	title := strings.Repeat("Дорожная карта по развитию муниципальной системы оценки качества образования\n", 4)
	rows := strings.Repeat("1.\tУтверждение Положения о муниципальной системе оценки качества образования\tАвгуст 2021\tПоложение\tООДО МКУ ДГУО\n", 20)
	for _, c := range []struct{ name, header string }{
		{"exact", "№ п/п\tМероприятие (содержание деятельности)\tСроки\tФорма представления отчета\tОтветственные\n"},
		{"typo", "№ п/п\tМерорпиятие (содержание деятельности)\tСроки\tФорма прредставления отчета\tОтветственные\n"},
	} {
		b.Run(c.name, func(b *testing.B) {
			tb, err := ingest.Read("t.tsv", []byte(title+c.header+rows))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				var d plan.Diagnostics
				if _, _, err := findLayout(tb, &d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
