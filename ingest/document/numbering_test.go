package document

import (
	"fmt"
	"strings"
	"testing"

	ot "github.com/roadmap-tool/roadmap/internal/officetest"
)

func lvl(ilvl int, start int, format, text string, extra string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>%s</w:lvl>`,
		ilvl, start, format, text, extra)
}

func abstract(id int, levels ...string) string {
	return fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d">%s</w:abstractNum>`, id, strings.Join(levels, ""))
}

func num(id, abs int, overrides string) string {
	return fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>`, id, abs, overrides)
}

// para is a numbered paragraph: "numId/ilvl", or "@Style" for a style.
func para(spec string) string {
	if strings.HasPrefix(spec, "@") {
		return ot.Para(`<w:pStyle w:val="`+spec[1:]+`"/>`, "", "x")
	}
	var n, l int
	fmt.Sscanf(spec, "%d/%d", &n, &l)
	return ot.Para(ot.Num(n, l), "", "x")
}

func labels(t *testing.T, d ot.DOCX) []string {
	t.Helper()
	doc, err := ReadDOCX(d.Bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func([]Block)
	walk = func(bs []Block) {
		for _, b := range bs {
			if b.Para != nil {
				out = append(out, b.Para.Label)
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for _, c := range r.Cells {
						walk(c.Blocks)
					}
				}
			}
		}
	}
	walk(doc.Blocks)
	return out
}

// TestWordNumbering computes list labels as Word renders them.
func TestWordNumbering(t *testing.T) {
	outline := abstract(1,
		lvl(0, 1, "decimal", "%1.", ""),
		lvl(1, 1, "decimal", "%1.%2.", ""),
		lvl(2, 1, "decimal", "%1.%2.%3.", ""))
	tests := []struct {
		name      string
		numbering string
		styles    string
		paras     []string
		want      []string
	}{
		{"levels restart below", outline + num(1, 1, ""),
			"", []string{"1/0", "1/1", "1/1", "1/2", "1/0", "1/1", "1/2"},
			[]string{"1.", "1.1.", "1.2.", "1.2.1.", "2.", "2.1.", "2.1.1."}},
		{"a level never used prints its start", outline + num(1, 1, ""),
			"", []string{"1/1", "1/1"}, []string{"1.1.", "1.2."}},
		{"lvlRestart 0: never restarts", abstract(1,
			lvl(0, 1, "russianUpper", "%1.", ""),
			lvl(1, 1, "decimal", "%2)", `<w:lvlRestart w:val="0"/>`)) + num(1, 1, ""),
			"", []string{"1/0", "1/1", "1/1", "1/0", "1/1"}, []string{"А.", "1)", "2)", "Б.", "3)"}},
		{"lvlRestart 1: only level 1 restarts level 3", abstract(1,
			lvl(0, 1, "decimal", "%1.", ""),
			lvl(1, 1, "decimal", "%1.%2.", ""),
			lvl(2, 1, "lowerLetter", "%3)", `<w:lvlRestart w:val="1"/>`)) + num(1, 1, ""),
			"", []string{"1/0", "1/2", "1/1", "1/2", "1/0", "1/2"}, []string{"1.", "a)", "1.1.", "b)", "2.", "a)"}},
		{"two nums on one list continue it", outline + num(1, 1, "") + num(2, 1, ""),
			"", []string{"1/0", "2/0", "1/0"}, []string{"1.", "2.", "3."}},
		{"startOverride restarts once", outline + num(1, 1, "") +
			num(2, 1, `<w:lvlOverride w:ilvl="1"><w:startOverride w:val="4"/></w:lvlOverride>`),
			"", []string{"1/0", "1/1", "1/1", "2/1", "2/1", "1/1"}, []string{"1.", "1.1.", "1.2.", "1.4.", "1.5.", "1.6."}},
		{"lvlOverride replaces a level", outline + num(1, 1, "") +
			num(2, 1, `<w:lvlOverride w:ilvl="0">`+lvl(0, 10, "upperRoman", "Раздел %1.", "")+`</w:lvlOverride>`),
			"", []string{"2/0", "2/0"}, []string{"Раздел X.", "Раздел XI."}},
		{"isLgl prints upper levels as decimals", abstract(1,
			lvl(0, 1, "upperRoman", "%1.", ""),
			lvl(1, 1, "decimal", "%1.%2.", `<w:isLgl/>`)) + num(1, 1, ""),
			"", []string{"1/0", "1/0", "1/1"}, []string{"I.", "II.", "2.1."}},
		{"formats", abstract(1,
			lvl(0, 26, "lowerLetter", "%1)", ""),
			lvl(1, 28, "russianLower", "%2)", `<w:lvlRestart w:val="0"/>`),
			lvl(2, 9, "decimalZero", "%3", `<w:lvlRestart w:val="0"/>`),
			lvl(3, 1999, "upperRoman", "%4", `<w:lvlRestart w:val="0"/>`)) + num(1, 1, ""),
			"", []string{"1/0", "1/0", "1/1", "1/1", "1/2", "1/2", "1/3"},
			[]string{"z)", "aa)", "я)", "аа)", "09", "10", "MCMXCIX"}},
		{"start absent is 0", abstract(1, `<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>`) + num(1, 1, ""),
			"", []string{"1/0", "1/0"}, []string{"0.", "1."}},
		{"bullets do not count", abstract(5, lvl(0, 1, "bullet", "•", "")) + outline + num(1, 5, "") + num(2, 1, ""),
			"", []string{"1/0", "2/0", "1/0"}, []string{"•", "1.", "•"}},
		{"numId 0 and unknown lists number nothing", outline + num(1, 1, ""),
			"", []string{"0/0", "7/0", "1/0"}, []string{"", "", "1."}},
		{"style-linked numbering", outline + num(1, 1, ""),
			`<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="Plain"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>`,
			[]string{"@H1", "@H2", "@H2", "@Plain", "@H1"}, []string{"1.", "1.1.", "1.2.", "", "2."}},
		{"level linked to a style by w:pStyle", abstract(1,
			lvl(0, 1, "decimal", "%1.", `<w:pStyle w:val="H1"/>`),
			lvl(1, 1, "decimal", "%1.%2.", `<w:pStyle w:val="H2"/>`)) + num(1, 1, ""),
			`<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`,
			[]string{"@H1", "@H2", "@H1", "@H2"}, []string{"1.", "1.1.", "2.", "2.1."}},
		{"numStyleLink follows the numbering style", outline +
			`<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>` +
			num(1, 1, "") + num(2, 2, ""),
			`<w:style w:type="numbering" w:styleId="ListStyle"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`,
			[]string{"2/0", "2/1", "1/0"}, []string{"1.", "1.1.", "2."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body strings.Builder
			for _, p := range tt.paras {
				body.WriteString(para(p))
			}
			got := labels(t, ot.DOCX{Body: body.String(), Numbering: tt.numbering, Styles: tt.styles})
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("labels %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n    int
		f    numFormat
		sync bool
		want string
	}{
		{1, fmtDecimal, true, "1"},
		{4, fmtUpperRoman, true, "IV"},
		{3999, fmtLowerRoman, true, "mmmcmxcix"},
		{4000, fmtUpperRoman, true, "4000"},
		{27, fmtLowerLetter, true, "aa"},
		{28, fmtUpperLetter, true, "BB"},
		{27, fmtLowerLetter, false, "aa"},
		{28, fmtLowerLetter, false, "ab"},
		{1, fmtRussianLower, true, "а"},
		{10, fmtRussianUpper, true, "К"},
		{28, fmtRussianLower, true, "я"},
		{29, fmtRussianLower, true, "аа"},
		{29, fmtRussianLower, false, "аа"},
		{30, fmtRussianLower, false, "аб"},
		{0, fmtLowerLetter, true, "0"},
		{5, fmtNone, true, ""},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.n, tt.f, tt.sync); got != tt.want {
			t.Errorf("formatNumber(%d, %d, %v) = %q, want %q", tt.n, tt.f, tt.sync, got, tt.want)
		}
	}
}
