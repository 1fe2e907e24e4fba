package xlsx

import "github.com/xuri/excelize/v2"

// Look of the workbooks. Given (source) cells are light grey and locked;
// cells to fill are white and unlocked, which the instructions refer to.
const (
	fontName     = "Arial"
	fontSize     = 10
	lineHeightPt = 12.75 // one line of Arial 10
	colorBorder  = "A6A6A6"
	colorHeader  = "D9E1F2"
	colorGiven   = "F2F2F2"
	colorNote    = "FFF2CC"
	colorMonth   = "5B9BD5"
	colorUnplace = "F8CBAD"
)

// sectionFills shade section rows by depth: darker for top-level sections.
var sectionFills = []string{"BFBFBF", "D9D9D9", "E7E6E6", "EDEDED"}

// styles are the cell style ids of one workbook, created once per
// workbook (a style per cell would cost a lookup each time).
type styles struct {
	header, headerRot, title, subtitle, note           int
	givenText, givenNum                                int
	fillText, fillDate                                 int
	hidden, hiddenDate                                 int
	section, sectionText                               []int // by depth, 0-based
	plain, plainBold, month, unplaced, calText, calSec int
	sumLabel, sumNum, sumPct, sumTotal, sumTotalNum    int
	sumTotalPct                                        int
	// Conditional-format (dxf) ids.
	cfDone, cfNotDone, cfInProgress, cfPostponed, cfOverdue int
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{}
	var err error
	border := []excelize.Border{
		{Type: "left", Color: colorBorder, Style: 1}, {Type: "right", Color: colorBorder, Style: 1},
		{Type: "top", Color: colorBorder, Style: 1}, {Type: "bottom", Color: colorBorder, Style: 1},
	}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: size, Bold: bold}
	}
	fill := func(c string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	dateFmt := "DD.MM.YYYY"
	add := func(dst *int, st *excelize.Style) {
		if err != nil {
			return
		}
		*dst, err = f.NewStyle(st)
	}
	add(&s.header, &excelize.Style{Font: font(true, fontSize), Fill: fill(colorHeader), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	add(&s.headerRot, &excelize.Style{Font: font(false, 9), Fill: fill(colorHeader), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", TextRotation: 90}, Protection: locked})
	add(&s.title, &excelize.Style{Font: font(true, 13), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: locked})
	add(&s.subtitle, &excelize.Style{Font: font(false, 11), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: locked})
	add(&s.note, &excelize.Style{Font: font(false, fontSize), Fill: fill(colorNote), Border: border, Alignment: top, Protection: locked})
	add(&s.givenText, &excelize.Style{Font: font(false, fontSize), Fill: fill(colorGiven), Border: border, Alignment: top, Protection: locked})
	add(&s.givenNum, &excelize.Style{Font: font(false, fontSize), Fill: fill(colorGiven), Border: border,
		Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, Protection: locked})
	add(&s.fillText, &excelize.Style{Font: font(false, fontSize), Border: border, Alignment: top, Protection: unlocked})
	add(&s.fillDate, &excelize.Style{Font: font(false, fontSize), Border: border, CustomNumFmt: &dateFmt,
		Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}, Protection: unlocked})
	add(&s.hidden, &excelize.Style{Font: font(false, 8), Protection: locked})
	add(&s.hiddenDate, &excelize.Style{Font: font(false, 8), CustomNumFmt: &dateFmt, Protection: locked})
	for depth, c := range sectionFills {
		var a, b int
		add(&a, &excelize.Style{Font: font(true, fontSize), Fill: fill(c), Border: border, Alignment: top, Protection: locked})
		add(&b, &excelize.Style{Font: font(true, fontSize), Fill: fill(c), Border: border, Protection: locked,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Indent: depth}})
		s.section = append(s.section, a)
		s.sectionText = append(s.sectionText, b)
	}
	add(&s.plain, &excelize.Style{Font: font(false, fontSize), Alignment: &excelize.Alignment{Vertical: "center"}})
	add(&s.plainBold, &excelize.Style{Font: font(true, fontSize), Alignment: &excelize.Alignment{Vertical: "center"}})
	add(&s.month, &excelize.Style{Fill: fill(colorMonth), Border: border})
	add(&s.unplaced, &excelize.Style{Font: font(false, fontSize), Fill: fill(colorUnplace), Border: border})
	add(&s.calText, &excelize.Style{Font: font(false, fontSize), Border: border})
	add(&s.calSec, &excelize.Style{Font: font(true, fontSize), Fill: fill(sectionFills[1]), Border: border})
	add(&s.sumLabel, &excelize.Style{Font: font(false, fontSize), Border: border, Alignment: top})
	add(&s.sumNum, &excelize.Style{Font: font(false, fontSize), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	pct := "0%"
	add(&s.sumPct, &excelize.Style{Font: font(false, fontSize), Border: border, CustomNumFmt: &pct,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	add(&s.sumTotal, &excelize.Style{Font: font(true, fontSize), Fill: fill(colorHeader), Border: border, Alignment: top})
	add(&s.sumTotalNum, &excelize.Style{Font: font(true, fontSize), Fill: fill(colorHeader), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	add(&s.sumTotalPct, &excelize.Style{Font: font(true, fontSize), Fill: fill(colorHeader), Border: border, CustomNumFmt: &pct,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	cond := func(dst *int, st *excelize.Style) {
		if err != nil {
			return
		}
		*dst, err = f.NewConditionalStyle(st)
	}
	cf := func(bg, fg string) *excelize.Style {
		return &excelize.Style{Fill: fill(bg), Font: &excelize.Font{Color: fg}}
	}
	cond(&s.cfDone, cf("C6EFCE", "006100"))
	cond(&s.cfNotDone, cf("FFC7CE", "9C0006"))
	cond(&s.cfInProgress, cf("FFEB9C", "9C5700"))
	cond(&s.cfPostponed, cf("D9D9D9", "404040"))
	cond(&s.cfOverdue, &excelize.Style{Font: &excelize.Font{Color: "C00000", Bold: true}})
	return s, err
}

// sectionStyles returns the (plain, text) styles of a section at level
// (1-based).
func (s *styles) sectionStyles(level int) (int, int) {
	d := level - 1
	if d < 0 {
		d = 0
	}
	if d >= len(s.section) {
		d = len(s.section) - 1
	}
	return s.section[d], s.sectionText[d]
}
