package templates

// StatusSummary are the words of the status of a plan for a quarter
// (roadmap status; status.yaml).
type StatusSummary struct {
	State        string   `yaml:"state"`
	Section      string   `yaml:"section"`
	Items        string   `yaml:"items"`
	Total        string   `yaml:"total"`
	Organization string   `yaml:"organization"`
	Answers      string   `yaml:"answers"`
	NoAnswers    string   `yaml:"no_answers"`
	Open         string   `yaml:"open"`
	Overdue      string   `yaml:"overdue"`
	NoSection    string   `yaml:"no_section"`
	NoData       string   `yaml:"no_data"`
	Yes          string   `yaml:"answer_yes"`
	No           string   `yaml:"answer_no"`
	OpenColumns  []string `yaml:"open_columns"`
	CSVColumns   []string `yaml:"csv_columns"`
}

func (s *StatusSummary) check() error {
	if len(s.OpenColumns) != 5 {
		return errorf("status.yaml", "open_columns: ожидается 5 заголовков, задано %d", len(s.OpenColumns))
	}
	if len(s.CSVColumns) != 13 {
		return errorf("status.yaml", "csv_columns: ожидается 13 заголовков, задано %d", len(s.CSVColumns))
	}
	return required("status.yaml", map[string]string{"section": s.Section, "organization": s.Organization})
}
