package templates

// Changes are the words of the versions of a roadmap (changes.yaml): the
// change sheet in Excel and PDF, the text of roadmap diff, the outcome of
// roadmap amend and the history of versions.
type Changes struct {
	Title        string `yaml:"title"`
	Keywords     string `yaml:"keywords"`
	Sheet        string `yaml:"sheet"`
	MatchesSheet string `yaml:"matches_sheet"`
	Old          string `yaml:"old"`
	New          string `yaml:"new"`
	Labels       struct {
		Title         string `yaml:"title"`
		Amendment     string `yaml:"amendment"`
		Original      string `yaml:"original"`
		Period        string `yaml:"period"`
		Source        string `yaml:"source"`
		Items         string `yaml:"items"`
		Generated     string `yaml:"generated"`
		MonthYear     string `yaml:"month_year"`
		Same          string `yaml:"same"`
		TitleChanged  string `yaml:"title_changed"`
		PeriodChanged string `yaml:"period_changed"`
	} `yaml:"labels"`
	Summary struct {
		Heading    string `yaml:"heading"`
		Line       string `yaml:"line"`
		Matched    string `yaml:"matched"`
		Unchanged  string `yaml:"unchanged"`
		Changed    string `yaml:"changed"`
		Renumbered string `yaml:"renumbered"`
		Moved      string `yaml:"moved"`
		Added      string `yaml:"added"`
		Removed    string `yaml:"removed"`
	} `yaml:"summary"`
	Headings struct {
		Added      string `yaml:"added"`
		Removed    string `yaml:"removed"`
		Changed    string `yaml:"changed"`
		Moved      string `yaml:"moved"`
		Renumbered string `yaml:"renumbered"`
	} `yaml:"headings"`
	Fields struct {
		Activity    string `yaml:"activity"`
		Deadline    string `yaml:"deadline"`
		Responsible string `yaml:"responsible"`
		Result      string `yaml:"result"`
		ReportForm  string `yaml:"report_form"`
	} `yaml:"fields"`
	Columns struct {
		Number      string `yaml:"number"`
		OldNumber   string `yaml:"old_number"`
		NewNumber   string `yaml:"new_number"`
		Section     string `yaml:"section"`
		Activity    string `yaml:"activity"`
		Deadline    string `yaml:"deadline"`
		Responsible string `yaml:"responsible"`
		Field       string `yaml:"field"`
		Before      string `yaml:"before"`
		After       string `yaml:"after"`
		From        string `yaml:"from"`
		To          string `yaml:"to"`
		By          string `yaml:"by"`
		Similarity  string `yaml:"similarity"`
	} `yaml:"columns"`
	// By names how a pair of items was matched, by plandiff's Match.By.
	By      map[string]string `yaml:"by"`
	Markers struct {
		None             string `yaml:"none"`
		MonthsRemoved    string `yaml:"months_removed"`
		MonthsAdded      string `yaml:"months_added"`
		ExecutorsRemoved string `yaml:"executors_removed"`
		ExecutorsAdded   string `yaml:"executors_added"`
		Legend           string `yaml:"legend"`
		TextDeleted      string `yaml:"text_deleted"`
		TextInserted     string `yaml:"text_inserted"`
		TextLegend       string `yaml:"text_legend"`
		Page             string `yaml:"page"`
		Continued        string `yaml:"continued"`
		ContinuedRow     string `yaml:"continued_row"`
	} `yaml:"markers"`
	Signature struct {
		Roles []string `yaml:"roles"`
		Sign  string   `yaml:"sign"`
		Name  string   `yaml:"name"`
		Date  string   `yaml:"date"`
	} `yaml:"signature"`
	Amend struct {
		Done     string `yaml:"done"`
		Carried  string `yaml:"carried"`
		Kept     string `yaml:"kept"`
		KeptItem string `yaml:"kept_item"`
	} `yaml:"amend"`
	History struct {
		Title            string   `yaml:"title"`
		Columns          []string `yaml:"columns"`
		First            string   `yaml:"first"`
		FromStart        string   `yaml:"from_start"`
		From             string   `yaml:"from"`
		To               string   `yaml:"to"`
		Current          string   `yaml:"current"`
		Changes          string   `yaml:"changes"`
		Quarters         string   `yaml:"quarters"`
		QuarterColumns   []string `yaml:"quarter_columns"`
		AnswersByVersion string   `yaml:"answers_by_version"`
	} `yaml:"history"`
}

// MatchedBy names how a pair of items was matched: "по тексту".
func (c *Changes) MatchedBy(by string) string { return pick(c.By, by) }

func (c *Changes) check() error {
	for key, name := range map[string]string{"sheet": c.Sheet, "matches_sheet": c.MatchesSheet} {
		if n := len([]rune(name)); n > 31 {
			return errorf("changes.yaml", "%s: %d знаков, а имя листа Excel — не длиннее 31", key, n)
		}
	}
	if len(c.History.Columns) != 7 {
		return errorf("changes.yaml", "history.columns: ожидается 7 заголовков, задано %d", len(c.History.Columns))
	}
	if len(c.History.QuarterColumns) != 3 {
		return errorf("changes.yaml", "history.quarter_columns: ожидается 3 заголовка, задано %d", len(c.History.QuarterColumns))
	}
	return required("changes.yaml", map[string]string{
		"title": c.Title, "sheet": c.Sheet, "matches_sheet": c.MatchesSheet, "old": c.Old, "new": c.New,
		"columns.old_number": c.Columns.OldNumber, "columns.new_number": c.Columns.NewNumber,
		"columns.activity": c.Columns.Activity, "columns.before": c.Columns.Before, "columns.after": c.Columns.After,
		"markers.text_deleted": c.Markers.TextDeleted, "markers.text_inserted": c.Markers.TextInserted,
	})
}
