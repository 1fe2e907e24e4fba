package plan

import (
	"encoding/json"
	"fmt"
	"strings"
)

// SchemaVersion is the version of the JSON encoding written by this package.
const SchemaVersion = 1

// Plan is one roadmap: its title, period, columns, section tree, items and
// every diagnostic found while reading it.
type Plan struct {
	SchemaVersion int    `json:"schema_version"`
	Source        Source `json:"source"`
	Title         string `json:"title"`
	Municipality  string `json:"municipality"`
	// Organization is the organisation whose own plan this is (a school's
	// roadmap names the school in its title); "" for a municipality's plan.
	Organization string `json:"organization,omitempty"`
	// Approval is the approval stamp above the title ("УТВЕРЖДАЮ ...",
	// "Приложение к приказу ..."), its lines joined by spaces.
	Approval string `json:"approval,omitempty"`
	// Amendments are the lines naming the acts that amended the plan
	// ("(в ред. постановления Администрации ... от 13.03.2023 N 245)").
	Amendments    []string       `json:"amendments,omitempty"`
	Period        Period         `json:"period"`
	Columns       []Column       `json:"columns"`
	Sections      []Section      `json:"sections"`
	Items         []Item         `json:"items"`
	Totals        []Total        `json:"totals,omitempty"`
	Organizations []Organization `json:"organizations"`
	Diagnostics   Diagnostics    `json:"diagnostics"`
	// Reading says how the source table was read (header rows, the row
	// of column numbers), for explaining the reading to a user. It
	// belongs to the source, not to the plan, so it is not in the JSON:
	// a plan read back from JSON has none.
	Reading *Reading `json:"-"`
}

// Source says where the plan was read from.
type Source struct {
	Path     string `json:"path"`
	Format   string `json:"format"`   // "tsv" or "html"
	Encoding string `json:"encoding"` // "utf-8", "utf-8-bom", "windows-1251", ...
}

// Role is what a source column holds.
type Role string

// Column roles. Synonyms of the headers that map to them live in data
// (normalize's embedded table), not here.
const (
	RoleNumber      Role = "number"
	RoleActivity    Role = "activity"
	RoleDeadline    Role = "deadline"
	RoleResponsible Role = "responsible"
	RoleResult      Role = "result"
	RoleReportForm  Role = "report_form"
	RoleIndicator   Role = "indicator"
	RoleFunding     Role = "funding"
	RoleOther       Role = "other"
	// RoleDescription is a column that describes the activity beside the
	// column naming it ("Содержание деятельности", "Форма проведения").
	RoleDescription Role = "description"
	// RoleGroup is a grouping column ("Этап", "Направление", "Задача"):
	// its value names a group of rows and becomes a level of sections.
	RoleGroup Role = "group"
)

// Field names say where a column's values live in an Item (Column.Field).
const (
	FieldNumber      = "number"
	FieldActivity    = "activity"
	FieldDeadline    = "deadline"
	FieldResponsible = "responsible"
	FieldResult      = "result"
	FieldReportForm  = "report_form"
	FieldExtra       = "extra" // Item.Extra[Column.Header]
	// FieldDescription keeps the column in Item.Description.
	FieldDescription = "description"
	// FieldCoResponsible keeps the column's executors in Item.Responsible,
	// marked Co and carrying the column's header in Executor.Column.
	FieldCoResponsible = "co_responsible"
)

// Column is one column of the source table, in source order.
type Column struct {
	Header string `json:"header"`
	Role   Role   `json:"role"`
	// Field is where an item keeps this column's value: one of the Field*
	// constants. The first column of a core role maps to its field; further
	// columns of the same role, and columns of other roles, go to "extra"
	// under their header text (which normalize makes unique).
	Field string `json:"field"`
	// Path holds the header cells above the column, outermost first, when
	// the header has several rows ("Объемы финансирования (тыс. руб.)",
	// "в том числе по годам:", "2010 г."); Header joins them with " / ".
	Path []string `json:"path,omitempty"`
	// Year is the year a per-year column (funding, indicator) is for,
	// read from its header ("2010 г."); 0 when it names none.
	Year int `json:"year,omitempty"`
}

// Section is a heading row of the table. Sections nest by their numbering.
type Section struct {
	ID     string  `json:"id"`
	Number *string `json:"number"` // as printed, nil when unnumbered
	Title  string  `json:"title"`
	Parent string  `json:"parent,omitempty"` // id of the enclosing section
	Level  int     `json:"level"`            // 1 for top-level sections
	Line   int     `json:"line"`
	// Kind is the word the document calls the section by, lower case:
	// "раздел", "задача", "цель", "этап", "направление", "подпрограмма"...
	// ("" for a heading that names none, such as "1. Меры ...").
	Kind string `json:"kind,omitempty"`
}

// Item is one activity of the roadmap.
type Item struct {
	ID       string  `json:"id"`
	Number   *string `json:"number"`           // as printed, nil when absent
	Section  string  `json:"section"`          // id of the innermost section ("" if none)
	Parent   string  `json:"parent,omitempty"` // id of the parent item or section
	Level    int     `json:"level"`            // depth in the tree, 1-based
	Line     int     `json:"line"`
	Activity Text    `json:"activity"`
	// Description is the text of a column describing the activity beside
	// the one naming it ("Содержание деятельности", "Форма проведения").
	Description Text              `json:"description,omitzero"`
	Deadline    Schedule          `json:"deadline"`
	Responsible []Executor        `json:"responsible"`
	Result      Text              `json:"result"`
	ReportForm  Text              `json:"report_form"`
	Extra       map[string]string `json:"extra,omitempty"`
	// HasChildren is true when other items are numbered under this one.
	HasChildren bool `json:"has_children,omitempty"`
}

// Text is cell content as plain text: paragraphs and list items each on
// their own line, list items starting with "- ", whitespace normalized.
type Text struct {
	Text string `json:"text"`
}

// Num returns the printed number or "".
func (it *Item) Num() string {
	if it.Number == nil {
		return ""
	}
	return *it.Number
}

// Num returns the printed number or "".
func (s *Section) Num() string {
	if s.Number == nil {
		return ""
	}
	return *s.Number
}

// ResponsibleText joins the executors' source texts with ", ".
func (it *Item) ResponsibleText() string {
	parts := make([]string, len(it.Responsible))
	for i, e := range it.Responsible {
		parts[i] = e.Text
	}
	return strings.Join(parts, ", ")
}

// Value returns the item's text for a source column, whatever its field.
func (it *Item) Value(c Column) string {
	switch c.Field {
	case FieldNumber:
		return it.Num()
	case FieldActivity:
		return it.Activity.Text
	case FieldDeadline:
		return it.Deadline.Text
	case FieldResponsible:
		return it.executorText(func(e *Executor) bool { return e.Column == "" })
	case FieldCoResponsible:
		return it.executorText(func(e *Executor) bool { return e.Column == c.Header })
	case FieldDescription:
		return it.Description.Text
	case FieldResult:
		return it.Result.Text
	case FieldReportForm:
		return it.ReportForm.Text
	default:
		return it.Extra[c.Header]
	}
}

func (it *Item) executorText(keep func(*Executor) bool) string {
	var parts []string
	for i := range it.Responsible {
		if e := &it.Responsible[i]; keep(e) {
			parts = append(parts, e.Text)
		}
	}
	return strings.Join(parts, ", ")
}

// Executor is one entry of an item's responsible list.
type Executor struct {
	Text  string `json:"text"`            // as written in the source
	Org   string `json:"org"`             // canonical organisation name ("" if unresolved)
	Group bool   `json:"group,omitempty"` // stands for several organisations
	Co    bool   `json:"co,omitempty"`    // co-executor ("совместно с ...", a "Соисполнители" column)
	// Kind is Position for a post rather than a body ("заместитель
	// директора по УВР", "классные руководители"); zero for an
	// organisation. In JSON: "kind": "position" or nothing.
	Kind ExecutorKind `json:"kind,omitempty"`
	// Column is the header of the co-executors' column the executor was
	// read from ("Соисполнители"); "" for the responsible column.
	Column string `json:"column,omitempty"`
}

// ExecutorKind says what an executor is: an organisation (the zero value)
// or a post. One byte, so that an Executor, copied for every item, stays
// small.
type ExecutorKind uint8

// Executor kinds.
const (
	ExecutorOrg      ExecutorKind = iota // an organisation or a group of them
	ExecutorPosition                     // a post: "заместитель директора по УВР"
)

var executorKindNames = [...]string{ExecutorOrg: "", ExecutorPosition: "position"}

func (k ExecutorKind) String() string {
	if int(k) < len(executorKindNames) {
		return executorKindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// MarshalJSON writes the kind's name.
func (k ExecutorKind) MarshalJSON() ([]byte, error) { return json.Marshal(k.String()) }

// UnmarshalJSON reads a kind's name; "" is an organisation.
func (k *ExecutorKind) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return err
	}
	for i, n := range executorKindNames {
		if n == name {
			*k = ExecutorKind(i)
			return nil
		}
	}
	return fmt.Errorf("plan: unknown executor kind %q", name)
}

// Organization is a canonical executor named in the plan.
type Organization struct {
	Name    string       `json:"name"`              // canonical name, as used in Executor.Org
	Short   string       `json:"short,omitempty"`   // abbreviation, if any
	Full    string       `json:"full,omitempty"`    // expanded name, if known
	Aliases []string     `json:"aliases,omitempty"` // other spellings met in the document
	Group   bool         `json:"group,omitempty"`   // a group of organisations (ОО, ОбОО)
	Members []string     `json:"members,omitempty"` // for groups named with numbers: the members
	Kind    ExecutorKind `json:"kind,omitempty"`    // ExecutorPosition for a post
}

// SectionByID returns the section with the given id, or nil.
func (p *Plan) SectionByID(id string) *Section {
	for i := range p.Sections {
		if p.Sections[i].ID == id {
			return &p.Sections[i]
		}
	}
	return nil
}

// ItemByID returns the item with the given id, or nil.
func (p *Plan) ItemByID(id string) *Item {
	for i := range p.Items {
		if p.Items[i].ID == id {
			return &p.Items[i]
		}
	}
	return nil
}

// TopSection returns the id of the top-level section containing section id.
func (p *Plan) TopSection(id string) string {
	for {
		s := p.SectionByID(id)
		if s == nil || s.Parent == "" {
			return id
		}
		id = s.Parent
	}
}

// ColumnFor returns the first column mapped to field, and whether there is one.
func (p *Plan) ColumnFor(field string) (Column, bool) {
	for _, c := range p.Columns {
		if c.Field == field {
			return c, true
		}
	}
	return Column{}, false
}
