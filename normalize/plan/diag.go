package plan

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Severity grades a diagnostic.
type Severity int

const (
	// Info notes something the user may want to know (an abbreviation
	// resolved through the alias table, a continuation row merged).
	Info Severity = iota
	// Warning marks a defect of the source that was kept as it is: a
	// numbering gap, an unparsed deadline, an unknown executor.
	Warning
	// Error marks input that could not be placed in the model as intended;
	// its text is still kept in the diagnostic.
	Error
)

var severityNames = [...]string{"info", "warning", "error"}

func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// Label is the Russian word for the severity, for reports and pages.
func (s Severity) Label() string {
	switch s {
	case Info:
		return "замечание"
	case Warning:
		return "предупреждение"
	case Error:
		return "ошибка"
	}
	return s.String()
}

// MarshalJSON encodes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON decodes a severity name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return err
	}
	for i, n := range severityNames {
		if n == name {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("важность замечания (severity) «%s»: ожидается info, warning или error", name)
}

// Diagnostic codes. Each is a stable, machine-readable name; the message
// says the same thing in Russian for the user.
const (
	CodeRaggedRow        = "ragged-row"         // a row whose cell count differs from the header's
	CodeNoiseRow         = "noise-row"          // a markdown delimiter or similar row skipped
	CodeContinuation     = "continuation"       // a row merged into the row before a page break
	CodeNumberGap        = "number-gap"         // 2.5.4 followed by 2.5.6
	CodeNumberPrefix     = "number-prefix"      // 1.2.3.7 inside 1.3.2
	CodeNumberDuplicate  = "number-duplicate"   // the same number twice
	CodeNumberFormat     = "number-format"      // "14.1" beside "14.2."
	CodeNoNumber         = "no-number"          // an item whose number is empty
	CodeDeadlineUnparsed = "deadline-unparsed"  // a deadline text no rule understood
	CodeDeadlinePeriod   = "deadline-period"    // a deadline outside the plan's period
	CodeDeadlineEmpty    = "deadline-empty"     // an item without a deadline
	CodeUnknownExecutor  = "unknown-executor"   // an executor abbreviation not known
	CodeAliasResolved    = "alias-resolved"     // an executor spelled by a known variant (ОбоО -> ОбОО)
	CodeNoResponsible    = "no-responsible"     // an item without an executor
	CodeNoPeriod         = "no-period"          // the title states no period
	CodeNoTitle          = "no-title"           // no title lines before the header
	CodeTitlePreamble    = "title-preamble"     // an approval stamp above the title, kept here
	CodeTitleTooLong     = "title-too-long"     // the lines above the table longer than a title can be
	CodeHeaderUnknown    = "header-unknown"     // a column whose header matches no role
	CodeHTMLMalformed    = "html-malformed"     // unclosed or stray tags in a cell
	CodeEncoding         = "encoding"           // the file was decoded from a legacy encoding
	CodeTextOutsideTable = "text-outside-table" // text after the table, kept here
	CodeUnknownGroup     = "unknown-group"      // a group executor with no members in the directory
)

// Diagnostic is one finding about the source: where, how bad, what, and the
// offending text so nothing is lost even when the model could not hold it.
//
// In JSON the position's fields are inline: {"file", "line", "col",
// "severity", "code", "message", "text"}.
type Diagnostic struct {
	Pos
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Text     string   `json:"text,omitempty"`
}

// String formats the diagnostic on one line as
// file:line:col: severity: code: message: "text", the severity in
// Russian (the people reading it are officials, not programmers); the
// code stays a stable English name that JSON and scripts match on.
func (d Diagnostic) String() string { return string(d.AppendTo(nil)) }

// AppendTo appends the diagnostic's line (see String) to b, for a writer
// of many lines that reuses one buffer: a batch prints tens of thousands.
func (d Diagnostic) AppendTo(b []byte) []byte {
	b = d.Pos.appendTo(b)
	b = append(b, ": "...)
	b = append(b, d.Severity.Label()...)
	b = append(b, ": "...)
	b = append(b, d.Code...)
	b = append(b, ": "...)
	b = append(b, d.Message...)
	if d.Text == "" {
		return b
	}
	b = append(b, ": "...)
	t := d.Text
	// A text of more than 80 runes is cut to its first 77 and "...": an
	// invalid byte counts as one rune and is cut as U+FFFD. The runes are
	// counted up to the 81st, and only the 77 kept are converted: a
	// diagnostic's text is often a whole cell, and converting every rune
	// of it took most of the time of writing the diagnostics.
	n, cut := 0, 0
	for i := range t {
		if n == 77 {
			cut = i
		}
		if n++; n > 80 {
			t = string([]rune(t[:cut])) + "..."
			break
		}
	}
	return strconv.AppendQuote(b, t)
}

// Diagnostics is a list of findings, in the manner of go/scanner.ErrorList.
type Diagnostics []Diagnostic

// Add appends a diagnostic.
func (l *Diagnostics) Add(pos Pos, sev Severity, code, msg, text string) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Code: code, Message: msg, Text: text})
}

// Sort orders the list by file, line, column and code; stable for equal keys.
func (l Diagnostics) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int { return compareKey(&a, &b) })
}

// compareKey orders two diagnostics as Sort does: by file, line, column
// and code; 0 for the same position and code.
func compareKey(a, b *Diagnostic) int {
	return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
		strings.Compare(a.Code, b.Code))
}

// RemoveRepeats drops a diagnostic equal to an earlier one (same position,
// code and text), as a cell copied by a rowspan would otherwise report its
// defect once per copy. The order of the rest is kept.
//
// In a sorted list (Sort), as the build's, the diagnostics of one position
// and code are next to each other, and a repeat is among them: looked for
// there, without a map of every diagnostic (about 1,200 keys of 64 bytes
// for an export of 5,000 activities), while no such run is longer than
// maxRepeatRun.
func (l *Diagnostics) RemoveRepeats() {
	if !l.shortRuns() {
		l.removeRepeatsMap()
		return
	}
	out := (*l)[:0]
	run := 0 // where the current position and code start in out
	for _, d := range *l {
		if run < len(out) && (out[run].Pos != d.Pos || out[run].Code != d.Code) {
			run = len(out)
		}
		if slices.ContainsFunc(out[run:], func(e Diagnostic) bool { return e.Text == d.Text }) {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// maxRepeatRun bounds the diagnostics of one position and code that
// RemoveRepeats compares with each other.
const maxRepeatRun = 16

// shortRuns reports a list in Sort's order whose runs of one position and
// code are at most maxRepeatRun long.
func (l Diagnostics) shortRuns() bool {
	run := 0
	for i := 1; i < len(l); i++ {
		switch c := compareKey(&l[i-1], &l[i]); {
		case c > 0:
			return false
		case c == 0:
			if run++; run >= maxRepeatRun {
				return false
			}
		default:
			run = 0
		}
	}
	return true
}

// removeRepeatsMap is RemoveRepeats for any list.
func (l *Diagnostics) removeRepeatsMap() {
	type key struct {
		pos        Pos
		code, text string
	}
	seen := make(map[key]bool, len(*l))
	out := (*l)[:0]
	for _, d := range *l {
		k := key{d.Pos, d.Code, d.Text}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	*l = out
}

// Count returns how many diagnostics have exactly the given severity.
func (l Diagnostics) Count(sev Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an Error.
func (l Diagnostics) HasErrors() bool { return l.Count(Error) > 0 }

// Clone copies the list and its strings. A diagnostic's text is often a
// slice of the source it was found in, so a list kept after its plan is
// written (a batch keeps each file's diagnostics until all are printed)
// would otherwise keep every source file of the batch in memory.
func (l Diagnostics) Clone() Diagnostics {
	if l == nil {
		return nil
	}
	out := make(Diagnostics, len(l))
	files := map[string]string{}
	for i, d := range l {
		f, ok := files[d.File]
		if !ok {
			f = strings.Clone(d.File)
			files[d.File] = f
		}
		d.File, d.Code, d.Message, d.Text = f, strings.Clone(d.Code), strings.Clone(d.Message), strings.Clone(d.Text)
		out[i] = d
	}
	return out
}
