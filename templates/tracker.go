package templates

import "github.com/roadmap-tool/roadmap/normalize/plan"

// Tracker are the words of the Excel tracker and the school checklists
// (tracker.yaml), with the status words of common.yaml.
type Tracker struct {
	Sheets struct {
		Plan, Calendar, Summary, Checklist string
	}
	Columns struct {
		Number, Activity, Deadline, Responsible string
		Status, Date, Evidence, Comment         string
		ID, Due                                 string
		SectionKey                              string `yaml:"section_key"`
		ExecutorsKey                            string `yaml:"executors_key"`
	}
	Validation struct {
		StatusTitle      string `yaml:"status_title"`
		StatusPrompt     string `yaml:"status_prompt"`
		StatusErrorTitle string `yaml:"status_error_title"`
		StatusError      string `yaml:"status_error"`
		DateTitle        string `yaml:"date_title"`
		DatePrompt       string `yaml:"date_prompt"`
		DateErrorTitle   string `yaml:"date_error_title"`
		DateError        string `yaml:"date_error"`
	}
	Print struct {
		Footer string
	}
	Calendar struct {
		Title, Kind     string
		LegendScheduled string `yaml:"legend_scheduled"`
		LegendUnplaced  string `yaml:"legend_unplaced"`
		Kinds           struct {
			YearlyNoMonth    string `yaml:"yearly_no_month"`
			QuarterlyNoMonth string `yaml:"quarterly_no_month"`
			Monthly          string
			RecurringNoMonth string `yaml:"recurring_no_month"`
			Unscheduled      string
			Unknown          string
			Empty            string
			Outside          string
		}
	}
	Summary struct {
		Title, Note            string
		BySection              string `yaml:"by_section"`
		ByExecutor             string `yaml:"by_executor"`
		Section, Executor      string
		Total, Percent, Totals string
		NoSection              string `yaml:"no_section"`
	}
	Checklist struct {
		Heading, Period, Instructions string
		NoPeriod                      string `yaml:"no_period"`
		// Quarter follows Period when the checklist is issued for a
		// quarter: %s is its name ("I квартал 2022 г.").
		Quarter string

		IndexColumns []string `yaml:"index_columns"`
		// ListColumns and Written are what roadmap checklists prints.
		ListColumns []string `yaml:"list_columns"`
		Written     string
	}
	Tracker struct {
		Subject        string
		CommentAuthor  string `yaml:"comment_author"`
		CommentHeading string `yaml:"comment_heading"`
		InfoPeriod     string `yaml:"info_period"`
		InfoItems      string `yaml:"info_items"`
		InfoGenerated  string `yaml:"info_generated"`
	}

	statuses map[string]string // common.yaml's, set by Load
}

// Status returns the drop-down word of a status.
func (t *Tracker) Status(s plan.Status) string { return statusWord(t.statuses, s) }

// StatusList is the drop-down list in plan.Statuses order.
func (t *Tracker) StatusList() []string {
	out := make([]string, len(plan.Statuses))
	for i, s := range plan.Statuses {
		out[i] = t.Status(s)
	}
	return out
}

// check refuses empty headings: collection finds the fill columns by them.
func (t *Tracker) check() error {
	c := t.Columns
	if err := required("tracker.yaml", map[string]string{
		"sheets.plan": t.Sheets.Plan, "sheets.calendar": t.Sheets.Calendar,
		"sheets.summary": t.Sheets.Summary, "sheets.checklist": t.Sheets.Checklist,
		"columns.number": c.Number, "columns.activity": c.Activity, "columns.deadline": c.Deadline,
		"columns.responsible": c.Responsible, "columns.status": c.Status, "columns.date": c.Date,
		"columns.evidence": c.Evidence, "columns.comment": c.Comment, "columns.id": c.ID,
		"columns.due": c.Due, "columns.section_key": c.SectionKey, "columns.executors_key": c.ExecutorsKey,
	}); err != nil {
		return err
	}
	if len(t.Checklist.ListColumns) != 3 {
		return errorf("tracker.yaml", "checklist.list_columns: ожидается 3 заголовка (организация, файл, мероприятий), задано %d", len(t.Checklist.ListColumns))
	}
	if len(t.Checklist.IndexColumns) != 4 {
		return errorf("tracker.yaml", "checklist.index_columns: ожидается 4 заголовка (организация, краткое название, файл, мероприятий), задано %d", len(t.Checklist.IndexColumns))
	}
	return nil
}
