package templates

import (
	"fmt"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Column is one column of a report table as configured.
type Column struct {
	Key               string  `yaml:"key"`
	Heading           string  `yaml:"heading"`
	HeadingReportForm string  `yaml:"heading_report_form"`
	Width             float64 `yaml:"width"`
}

// Report are the words of the quarterly report (report.yaml).
type Report struct {
	Title          string            `yaml:"title"`
	Keywords       string            `yaml:"keywords"`
	PlanTitle      string            `yaml:"plan_title"`
	PlanNote       string            `yaml:"plan_note"`
	CumulativeNote string            `yaml:"cumulative_note"`
	Labels         map[string]string `yaml:"labels"`
	Headings       map[string]string `yaml:"headings"`
	Markers        map[string]string `yaml:"markers"`
	Columns        struct {
		Progress []Column `yaml:"progress"`
		Plan     []Column `yaml:"plan"`
	} `yaml:"columns"`
	ListColumns []Column `yaml:"list_columns"`
	// Statuses override the words of common.yaml in the report only.
	Statuses map[string]string `yaml:"statuses"`

	statuses map[string]string // Statuses over common.yaml's, set by Load
}

// ColumnKeys are the keys a report column may have.
var ColumnKeys = []string{"number", "activity", "deadline", "responsible", "result", "report_form", "status", "done"}

// pick returns a word by key, or the key itself so that a template
// missing a key shows where the text belongs instead of an empty cell.
func pick(m map[string]string, key string) string {
	if s, ok := m[key]; ok {
		return s
	}
	return key
}

// Label, Heading and Marker return the words of labels:, headings: and
// markers: by key.
func (r *Report) Label(k string) string   { return pick(r.Labels, k) }
func (r *Report) Heading(k string) string { return pick(r.Headings, k) }
func (r *Report) Marker(k string) string  { return pick(r.Markers, k) }

// Status is the report's word for a status.
func (r *Report) Status(s plan.Status) string { return statusWord(r.statuses, s) }

func (r *Report) check() error {
	known := map[string]bool{}
	for _, k := range ColumnKeys {
		known[k] = true
	}
	for _, set := range []struct {
		name string
		cols []Column
	}{{"columns.progress", r.Columns.Progress}, {"columns.plan", r.Columns.Plan}, {"list_columns", r.ListColumns}} {
		if len(set.cols) == 0 {
			return errorf("report.yaml", "%s: нужен хотя бы один столбец", set.name)
		}
		for i, c := range set.cols {
			if !known[c.Key] {
				return errorf("report.yaml", "%s[%d]: неизвестный ключ столбца %q; допустимы number, activity, deadline, responsible, result, report_form, status, done", set.name, i+1, c.Key)
			}
			if c.Width <= 0 {
				return errorf("report.yaml", "%s[%d] (%s): ширина должна быть положительным числом", set.name, i+1, c.Key)
			}
		}
	}
	return nil
}

// errorf is an error about a template file.
func errorf(file, format string, args ...any) error {
	return fmt.Errorf("шаблон %s: %s", file, fmt.Sprintf(format, args...))
}
