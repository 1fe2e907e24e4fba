package xlsx

import (
	"fmt"
	"sort"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
	"go.yaml.in/yaml/v3"
)

// labels are the user-facing texts of the tracker and the checklists, read
// from templates/tracker.yaml and the status words from common.yaml.
type labels struct {
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
	}
	Tracker struct {
		Subject        string
		CommentAuthor  string `yaml:"comment_author"`
		CommentHeading string `yaml:"comment_heading"`
	}
	// Statuses maps status keys (and "none") to their labels.
	Statuses map[string]string
}

// status returns the drop-down label of a status.
func (l *labels) status(s plan.Status) string {
	key := string(s)
	if s == plan.StatusNone {
		key = "none"
	}
	if v := l.Statuses[key]; v != "" {
		return v
	}
	return s.Label()
}

// statusList is the drop-down list in plan.Statuses order.
func (l *labels) statusList() []string {
	out := make([]string, len(plan.Statuses))
	for i, s := range plan.Statuses {
		out[i] = l.status(s)
	}
	return out
}

// loadLabels reads tracker.yaml and common.yaml from dir (or the embedded
// defaults) and checks that no heading the workbooks need is empty, since
// an empty header would make a fill column unfindable for collection.
func loadLabels(dir string) (*labels, error) {
	var l labels
	for _, name := range []string{"tracker.yaml", "common.yaml"} {
		b, err := templates.Open(dir, name)
		if err != nil {
			return nil, fmt.Errorf("шаблон %s: %w", name, err)
		}
		if err := yaml.Unmarshal(b, &l); err != nil {
			return nil, fmt.Errorf("шаблон %s: %w", name, err)
		}
	}
	c := l.Columns
	required := map[string]string{
		"sheets.plan": l.Sheets.Plan, "sheets.calendar": l.Sheets.Calendar,
		"sheets.summary": l.Sheets.Summary, "sheets.checklist": l.Sheets.Checklist,
		"columns.number": c.Number, "columns.activity": c.Activity, "columns.deadline": c.Deadline,
		"columns.responsible": c.Responsible, "columns.status": c.Status, "columns.date": c.Date,
		"columns.evidence": c.Evidence, "columns.comment": c.Comment, "columns.id": c.ID,
		"columns.due": c.Due, "columns.section_key": c.SectionKey, "columns.executors_key": c.ExecutorsKey,
	}
	for _, k := range sortedKeys(required) {
		if required[k] == "" {
			return nil, fmt.Errorf("шаблон tracker.yaml: не задано значение %s", k)
		}
	}
	for _, s := range plan.Statuses {
		if l.Statuses[string(s)] == "" {
			return nil, fmt.Errorf("шаблон common.yaml: не задана подпись статуса statuses.%s", s)
		}
	}
	return &l, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
