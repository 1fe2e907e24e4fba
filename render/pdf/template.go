package pdf

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// column is one column of a report table as configured.
type column struct {
	Key               string  `yaml:"key"`
	Heading           string  `yaml:"heading"`
	HeadingReportForm string  `yaml:"heading_report_form"`
	Width             float64 `yaml:"width"`
}

// tmpl is templates/report.yaml.
type tmpl struct {
	Title          string            `yaml:"title"`
	PlanTitle      string            `yaml:"plan_title"`
	PlanNote       string            `yaml:"plan_note"`
	CumulativeNote string            `yaml:"cumulative_note"`
	Labels         map[string]string `yaml:"labels"`
	Headings       map[string]string `yaml:"headings"`
	Markers        map[string]string `yaml:"markers"`
	Columns        struct {
		Progress []column `yaml:"progress"`
		Plan     []column `yaml:"plan"`
	} `yaml:"columns"`
	ListColumns []column          `yaml:"list_columns"`
	Matrix      map[string]string `yaml:"matrix"`
	Statuses    map[string]string `yaml:"statuses"`
}

// common is the part of templates/common.yaml the report uses.
type common struct {
	Statuses map[string]string `yaml:"statuses"`
}

var knownKeys = map[string]bool{
	"number": true, "activity": true, "deadline": true, "responsible": true,
	"result": true, "report_form": true, "status": true, "done": true,
}

// loadTemplate reads report.yaml and the status words of common.yaml from
// dir (or the embedded defaults). A file in dir only needs the keys it
// changes: it is decoded over the embedded default.
func loadTemplate(dir string) (*tmpl, error) {
	t := &tmpl{}
	if err := decodeInto(t, "", "report.yaml"); err != nil {
		return nil, err
	}
	if dir != "" {
		if err := decodeInto(t, dir, "report.yaml"); err != nil {
			return nil, err
		}
	}
	var c common
	if err := decodeInto(&c, "", "common.yaml"); err != nil {
		return nil, err
	}
	if dir != "" {
		if err := decodeInto(&c, dir, "common.yaml"); err != nil {
			return nil, err
		}
	}
	if t.Statuses == nil {
		t.Statuses = map[string]string{}
	}
	for k, v := range c.Statuses {
		if _, ok := t.Statuses[k]; !ok {
			t.Statuses[k] = v
		}
	}
	for name, cols := range map[string][]column{"columns.progress": t.Columns.Progress, "columns.plan": t.Columns.Plan, "list_columns": t.ListColumns} {
		if len(cols) == 0 {
			return nil, fmt.Errorf("report.yaml: %s: нужен хотя бы один столбец", name)
		}
		for i, c := range cols {
			if !knownKeys[c.Key] {
				return nil, fmt.Errorf("report.yaml: %s[%d]: неизвестный ключ столбца %q; допустимы number, activity, deadline, responsible, result, report_form, status, done", name, i+1, c.Key)
			}
			if c.Width <= 0 {
				return nil, fmt.Errorf("report.yaml: %s[%d] (%s): ширина должна быть положительным числом", name, i+1, c.Key)
			}
		}
	}
	return t, nil
}

// decodeInto decodes the named template from dir ("" for the embedded
// default) over v; a missing override is not an error.
func decodeInto(v any, dir, name string) error {
	data, err := templates.Open(dir, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		where := name
		if dir != "" {
			where = dir + "/" + name
		}
		return fmt.Errorf("%s: %v", where, err)
	}
	return nil
}

// pick returns a label by key, or the key itself so that a template
// missing a key shows where the text belongs instead of an empty cell.
func pick(m map[string]string, key string) string {
	if s, ok := m[key]; ok {
		return s
	}
	return key
}

func (t *tmpl) label(k string) string   { return pick(t.Labels, k) }
func (t *tmpl) heading(k string) string { return pick(t.Headings, k) }
func (t *tmpl) marker(k string) string  { return pick(t.Markers, k) }

// status is the report's word for a status.
func (t *tmpl) status(s plan.Status) string {
	k := string(s)
	if s == plan.StatusNone {
		k = "none"
	}
	if l, ok := t.Statuses[k]; ok {
		return l
	}
	return s.Label()
}

// fill substitutes {quarter}, {page}, {pages}.
func fill(s string, kv ...string) string {
	return strings.NewReplacer(kv...).Replace(s)
}
