package templates

// MatrixWords are the words of one summary matrix.
type MatrixWords struct {
	Name        string `yaml:"name"` // an Excel sheet name: at most 31 characters
	Title       string `yaml:"title"`
	Note        string `yaml:"note"`
	QuarterNote string `yaml:"quarter_note"`
	Corner      string `yaml:"corner"`
	Info        string `yaml:"info"`
	Extra       string `yaml:"extra"`
}

// Matrix are the words of the summary matrices, in Excel and PDF alike
// (matrix.yaml).
type Matrix struct {
	Title           string      `yaml:"title"`
	Document        string      `yaml:"document"`
	Keywords        string      `yaml:"keywords"`
	Total           string      `yaml:"total"`
	Continued       string      `yaml:"continued"`
	ColumnsKey      string      `yaml:"columns_key"`
	Legend          string      `yaml:"legend"`
	LegendMark      string      `yaml:"legend_mark"`
	OutsideSections string      `yaml:"outside_sections"`
	MonthColumn     string      `yaml:"month_column"`
	QuarterColumn   string      `yaml:"quarter_column"`
	ExecutorSection MatrixWords `yaml:"executor_section"`
	ActivityMonth   MatrixWords `yaml:"activity_month"`
	ExecutorQuarter MatrixWords `yaml:"executor_quarter"`
	SectionStatus   MatrixWords `yaml:"section_status"`
}

func (m *Matrix) check() error {
	values := map[string]string{"title": m.Title, "total": m.Total, "month_column": m.MonthColumn, "quarter_column": m.QuarterColumn}
	for key, w := range map[string]MatrixWords{"executor_section": m.ExecutorSection, "activity_month": m.ActivityMonth,
		"executor_quarter": m.ExecutorQuarter, "section_status": m.SectionStatus} {
		values[key+".name"] = w.Name
		if n := len([]rune(w.Name)); n > 31 {
			return errorf("matrix.yaml", "%s.name: %d знаков, а имя листа Excel — не длиннее 31", key, n)
		}
	}
	return required("matrix.yaml", values)
}
