package ingest

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseCell(t *testing.T) {
	tests := []struct {
		name, raw string
		text      string
		bold      bool
		links     []Link
		problem   string // a substring of the problem, "" for none
	}{
		{name: "plain", raw: "Сентябрь 2021 г.", text: "Сентябрь 2021 г."},
		{name: "plain folds space", raw: "  Май \t -  июнь\u00a0 2022 ", text: "Май - июнь 2022"},
		{name: "empty", raw: "", text: ""},
		{name: "only nbsp entity", raw: "&nbsp;", text: ""},
		{name: "entities", raw: "&laquo;Лидер&raquo; &amp; &#8470; 5 &lt;b&gt;", text: "«Лидер» & № 5 <b>"},
		{name: "unknown entity kept", raw: "a &foo; b", text: "a &foo; b"},
		{name: "less-than in text", raw: "a < b, c > d", text: "a < b, c > d"},
		{name: "paragraphs", raw: "<p>первый</p> <p>второй</p>", text: "первый\nвторой"},
		{name: "unclosed p is normal", raw: "<p>первый<p>второй", text: "первый\nвторой"},
		{name: "br", raw: "МЦ,<br>ОО<br/><br />ДДТ", text: "МЦ,\nОО\nДДТ"},
		{name: "div", raw: "<div>a</div><div> b </div>", text: "a\nb"},
		{name: "li gets dash", raw: "<ul><li>первое</li><li>второе</li></ul>", text: "- первое\n- второе"},
		{name: "li own dash normalised", raw: "<ul><li>- один</li><li>-два</li><li>– три</li><li>—четыре</li></ul>", text: "- один\n- два\n- три\n- четыре"},
		{name: "li with p inside", raw: "<ul><li><p>- пункт</p></li></ul>", text: "- пункт"},
		{name: "li only dash dropped", raw: "<ul><li>-</li><li>x</li></ul>", text: "- x"},
		{name: "ol items", raw: "<ol><li>a</li><li>b</li></ol>", text: "- a\n- b"},
		// A number column saved by LibreOffice: automatic numbers, no text.
		{name: "soft hyphen dropped", raw: "меро&shy;приятий", text: "мероприятий"},
		{name: "soft hyphen dropped in plain text", raw: "меро\u00adприятий", text: "мероприятий"},
		{name: "empty ol item shows its number", raw: "\n\t<ol start=\"5\"><li><p></p>\n\t</ol>\n", text: "5."},
		{name: "empty ol items count", raw: "<ol><li></li><li><p> </p></li></ol>", text: "1.\n2."},
		{name: "empty ol item lettered", raw: `<ol type="a" start="3"><li></li></ol>`, text: "c."},
		{name: "empty ol item roman", raw: `<ol type="I" start="4"><li></li></ol>`, text: "IV."},
		{name: "bare dashed list", raw: `<p>Участие:</p> <ul style="x"> - первое; - ГИА-9 и ГИА-11; - третье (далее - ВПР) `, text: "Участие:\n- первое;\n- ГИА-9 и ГИА-11;\n- третье (далее - ВПР)"},
		{name: "bare dashed list glued", raw: `<ul>- доля a;- доля b;- доля c`, text: "- доля a;\n- доля b;\n- доля c"},
		{name: "bare list single item", raw: `<ul> - единственный`, text: "- единственный"},
		{name: "bare list not dashed", raw: `<ul>просто текст - с тире</ul>`, text: "просто текст - с тире"},
		{name: "dashes outside lists stay", raw: "<p>показатели: -эффективности; - мониторинга</p>", text: "показатели: -эффективности; - мониторинга"},
		{name: "bold all", raw: "<b>1. Раздел</b>", text: "1. Раздел", bold: true},
		{name: "bold with space around", raw: " <b>Раздел</b>&nbsp;", text: "Раздел", bold: true},
		{name: "bold nested italic", raw: "<strong>a <i>b</i></strong>", text: "a b", bold: true},
		{name: "bold partial", raw: "<b>a</b> b", text: "a b"},
		{name: "bold style", raw: `<span style="font-weight: 700">x</span>`, text: "x", bold: true},
		{name: "bold style word", raw: `<p style="color:red;font-weight:bold">x</p>`, text: "x", bold: true},
		{name: "bold cancelled", raw: `<b>a <span style="font-weight:normal">b</span></b>`, text: "a b"},
		{name: "empty bold is not bold", raw: "<b> </b>", text: ""},
		{name: "link", raw: `на <a href=" http://единыйурок.рф ">портале</a>`, text: "на портале", links: []Link{{"портале", "http://единыйурок.рф"}}},
		{name: "link entity in href", raw: `<a href="https://x.org/?a=1&amp;b=2">x</a>`, text: "x", links: []Link{{"x", "https://x.org/?a=1&b=2"}}},
		{name: "anchor without href", raw: `<a name="x">y</a>`, text: "y"},
		{name: "script dropped", raw: "a<script>var x = 1;</script>b", text: "ab"},
		{name: "nested table flattened", raw: "x<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", text: "x\na b\nc"},
		{name: "unclosed bold", raw: "<b>текст", text: "текст", bold: true, problem: "незакрытый тег <b>"},
		{name: "stray end tag", raw: "текст</b>", text: "текст", problem: "лишний закрывающий тег </b>"},
		{name: "stray p end is fine", raw: "текст</p>", text: "текст"},
		{name: "misnested", raw: "<p><i>a</p>b</i>", text: "a\nb", problem: "тег <i> закрыт после </p>"},
		{name: "cut tag kept as text", raw: "x<y", text: "x<y", problem: "тег не закрыт"},
		{name: "cut tag with attrs", raw: `a <p class="x`, text: `a <p class="x`, problem: "тег не закрыт"},
		{name: "unknown tags", raw: "<o:p>текст</o:p>", text: "текст"},
		{name: "comment", raw: "a<!-- скрыто -->b", text: "ab"},
		{name: "word bullet paragraph", raw: "<p>·&nbsp;&nbsp; Совещание</p><p>\uf0b7 Приказ</p>", text: "- Совещание\n- Приказ"},
		{name: "middle dot inside text stays", raw: "<p>a · b</p><p>·x</p>", text: "a · b\n·x"},
		{name: "too deep for the parser", raw: strings.Repeat("<div>", 600) + "глубоко" + strings.Repeat("<p>x", 3), text: "глубоко\nx\nx\nx", problem: "сохранен только текст"},
		{name: "zero width and nbsp", raw: "a\u200b\u00a0 b", text: "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseCell(tt.raw)
			if got.Text != tt.text {
				t.Errorf("Text = %q, want %q", got.Text, tt.text)
			}
			if got.Bold != tt.bold {
				t.Errorf("Bold = %v, want %v", got.Bold, tt.bold)
			}
			if !reflect.DeepEqual(got.Links, tt.links) {
				t.Errorf("Links = %q, want %q", got.Links, tt.links)
			}
			switch {
			case tt.problem == "" && got.Problem != "":
				t.Errorf("Problem = %q, want none", got.Problem)
			case tt.problem != "" && !strings.Contains(got.Problem, tt.problem):
				t.Errorf("Problem = %q, want it to contain %q", got.Problem, tt.problem)
			}
		})
	}
}

func TestFoldSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":                    "",
		"a":                   "a",
		"a b":                 "a b",
		" a":                  "a",
		"a ":                  "a",
		"a  b":                "a b",
		"a\tb":                "a b",
		"Май\u00a0- июнь":     "Май - июнь",
		"«Лидер» — №5":        "«Лидер» — №5",
		"a\u2003\u2009b":      "a b",
		"\u00a0":              "",
		"Ёлка\u202fи\u3000ёж": "Ёлка и ёж",
	} {
		if got := foldSpace(in); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitDashed(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"- a; - b", []string{"- a;", "- b"}},
		{"Вводная: - a; - b", []string{"Вводная:", "- a;", "- b"}},
		{"текст (далее - ВсОШ)", []string{"текст (далее - ВсОШ)"}},
		{"а. - б. - в", []string{"а.", "- б.", "- в"}},
		{"– a;— b", []string{"- a;", "- b"}},
	}
	for _, tt := range tests {
		if got := splitDashed(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitDashed(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
