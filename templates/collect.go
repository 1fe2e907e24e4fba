package templates

import "github.com/roadmap-tool/roadmap/normalize/plan"

// Collect are the words of the outcome of collecting filled checklists
// (collect.yaml): the summary roadmap collect prints and the line the web
// app shows for each uploaded file.
type Collect struct {
	Heading             string   `yaml:"heading"`
	HeadingFileQuarters string   `yaml:"heading_file_quarters"`
	Collected           string   `yaml:"collected"`
	FromTracker         string   `yaml:"from_tracker"`
	ForQuarter          string   `yaml:"for_quarter"`
	Refiled             string   `yaml:"refiled"`
	Supersedes          string   `yaml:"supersedes"`
	SupersededBy        string   `yaml:"superseded_by"`
	Refused             string   `yaml:"refused"`
	Skipped             string   `yaml:"skipped"`
	Empty               string   `yaml:"empty"`
	Duplicate           string   `yaml:"duplicate"`
	DuplicateOf         string   `yaml:"duplicate_of"`
	DuplicateQuarter    string   `yaml:"duplicate_quarter"`
	Totals              string   `yaml:"totals"`
	ByOrganization      string   `yaml:"by_organization"`
	Columns             []string `yaml:"columns"`
	NoStatus            string   `yaml:"no_status"`
	AnswerForms         []string `yaml:"answer_forms"`

	statuses map[string]string // common.yaml's, set by Load
}

// Status is the word of a status in the table by organisation.
func (c *Collect) Status(s plan.Status) string { return statusWord(c.statuses, s) }

// Answers is n with the word for answers: "1 ответ", "12 ответов".
func (c *Collect) Answers(n int) string {
	return Count(n, c.AnswerForms[0], c.AnswerForms[1], c.AnswerForms[2])
}

func (c *Collect) check() error {
	if len(c.Columns) != 3 {
		return errorf("collect.yaml", "columns: ожидается 3 заголовка, задано %d", len(c.Columns))
	}
	if len(c.AnswerForms) != 3 {
		return errorf("collect.yaml", "answer_forms: ожидается 3 формы слова (1, 2, 5), задано %d", len(c.AnswerForms))
	}
	return required("collect.yaml", map[string]string{"heading": c.Heading, "heading_file_quarters": c.HeadingFileQuarters,
		"collected": c.Collected, "refused": c.Refused, "skipped": c.Skipped, "empty": c.Empty, "duplicate": c.Duplicate,
		"duplicate_of": c.DuplicateOf, "totals": c.Totals, "by_organization": c.ByOrganization, "no_status": c.NoStatus})
}
