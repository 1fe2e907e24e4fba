package plan

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// planWriter writes a plan as encoding/json's Encoder does with
// SetIndent("", "  ") and SetEscapeHTML(false), byte for byte, but
// straight from the model into a small buffer flushed to w as it fills.
// encoding/json built the whole compact document, then an indented copy
// of it (two buffers of the output's size: 7.7 MB each for a 5,000-item
// plan), and spent half of a large import's process time on that.
// TestWriteMatchesEncodingJSON compares the two on plans with every
// field of the model set (found by reflection, so that a new field not
// written here fails) and on real plans.
type planWriter struct {
	w     io.Writer
	buf   []byte
	err   error
	depth int
	first bool // no member written yet in the innermost object or array
}

// flushAt is the buffer size at which planWriter hands its bytes to w.
const flushAt = 64 << 10

// writeBufs keeps planWriter's buffers between calls of Write: a batch
// import (ingest -o DIR) writes one plan per file, and a new 68 KB buffer
// for each was a tenth of all it allocated, paid again in collections and
// in fresh pages of memory.
var writeBufs = sync.Pool{New: func() any {
	b := make([]byte, 0, flushAt+4<<10)
	return &b
}}

func (e *planWriter) flush() {
	if e.err == nil && len(e.buf) > 0 {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

func (e *planWriter) newline() {
	e.buf = append(e.buf, '\n')
	for i := 0; i < e.depth; i++ {
		e.buf = append(e.buf, ' ', ' ')
	}
}

// open starts an object or an array; close ends it, on its own line
// unless it was empty ("{}", "[]").
func (e *planWriter) open(c byte) {
	e.buf = append(e.buf, c)
	e.depth++
	e.first = true
}

func (e *planWriter) close(c byte) {
	e.depth--
	if !e.first {
		e.newline()
	}
	e.buf = append(e.buf, c)
	e.first = false
	if len(e.buf) >= flushAt {
		e.flush()
	}
}

// elem starts the next element of an array.
func (e *planWriter) elem() {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.newline()
}

// key starts the next member of an object.
func (e *planWriter) key(k string) {
	e.elem()
	e.buf = append(e.buf, '"')
	e.buf = append(e.buf, k...)
	e.buf = append(e.buf, '"', ':', ' ')
}

func (e *planWriter) str(k, v string) {
	e.key(k)
	e.buf = appendJSONString(e.buf, v)
}

func (e *planWriter) strOmit(k, v string) {
	if v != "" {
		e.str(k, v)
	}
}

func (e *planWriter) num(k string, v int) {
	e.key(k)
	e.buf = strconv.AppendInt(e.buf, int64(v), 10)
}

func (e *planWriter) numOmit(k string, v int) {
	if v != 0 {
		e.num(k, v)
	}
}

func (e *planWriter) boolOmit(k string, v bool) {
	if v {
		e.key(k)
		e.buf = append(e.buf, "true"...)
	}
}

func (e *planWriter) strPtr(k string, v *string) {
	e.key(k)
	if v == nil {
		e.buf = append(e.buf, "null"...)
		return
	}
	e.buf = appendJSONString(e.buf, *v)
}

// strings writes a list of strings (nil as null).
func (e *planWriter) strings(k string, v []string) {
	e.key(k)
	if v == nil {
		e.buf = append(e.buf, "null"...)
		return
	}
	e.open('[')
	for _, s := range v {
		e.elem()
		e.buf = appendJSONString(e.buf, s)
	}
	e.close(']')
}

func (e *planWriter) stringsOmit(k string, v []string) {
	if len(v) > 0 {
		e.strings(k, v)
	}
}

// strMap writes a map with its keys sorted (nil as null).
func (e *planWriter) strMap(k string, m map[string]string) {
	e.key(k)
	if m == nil {
		e.buf = append(e.buf, "null"...)
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.open('{')
	for _, k := range keys {
		e.elem()
		e.buf = appendJSONString(e.buf, k)
		e.buf = append(e.buf, ':', ' ')
		e.buf = appendJSONString(e.buf, m[k])
	}
	e.close('}')
}

// month writes one month as Month.MarshalJSON does.
func (e *planWriter) month(k string, m Month) {
	e.str(k, m.String())
}

// monthValue writes an element of Months as Months.MarshalJSON does.
func (e *planWriter) monthValue(m Month) {
	y, n := m.Year(), m.Num()
	if y < 0 || y > 9999 {
		if e.err == nil {
			e.err = fmt.Errorf("json: error calling MarshalJSON for type plan.Months: plan: month %d out of range", int(m))
		}
		return
	}
	e.buf = append(e.buf, '"', byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		'-', byte('0'+n/10), byte('0'+n%10), '"')
}

// list starts a list field: false (and null written) when it is nil.
func (e *planWriter) list(k string, isNil bool) bool {
	e.key(k)
	if isNil {
		e.buf = append(e.buf, "null"...)
		return false
	}
	e.open('[')
	return true
}

// writeList writes the list field k of xs, each element by write (null
// for a nil list).
func writeList[T any](e *planWriter, k string, xs []T, write func(*planWriter, *T)) {
	if !e.list(k, xs == nil) {
		return
	}
	for i := range xs {
		e.elem()
		write(e, &xs[i])
	}
	e.close(']')
}

func (e *planWriter) plan(p *Plan) {
	e.open('{')
	e.num("schema_version", p.SchemaVersion)
	e.key("source")
	e.open('{')
	e.str("path", p.Source.Path)
	e.str("format", p.Source.Format)
	e.str("encoding", p.Source.Encoding)
	e.close('}')
	e.str("title", p.Title)
	e.str("municipality", p.Municipality)
	e.strOmit("organization", p.Organization)
	e.strOmit("approval", p.Approval)
	e.stringsOmit("amendments", p.Amendments)
	e.key("period")
	e.open('{')
	e.month("from", p.Period.From)
	e.month("to", p.Period.To)
	e.close('}')
	writeList(e, "columns", p.Columns, (*planWriter).column)
	writeList(e, "sections", p.Sections, (*planWriter).section)
	writeList(e, "items", p.Items, (*planWriter).item)
	if len(p.Totals) > 0 {
		writeList(e, "totals", p.Totals, (*planWriter).total)
	}
	writeList(e, "organizations", p.Organizations, (*planWriter).organization)
	writeList(e, "diagnostics", p.Diagnostics, (*planWriter).diagnostic)
	e.close('}')
	e.buf = append(e.buf, '\n')
}

func (e *planWriter) column(c *Column) {
	e.open('{')
	e.str("header", c.Header)
	e.str("role", string(c.Role))
	e.str("field", c.Field)
	e.stringsOmit("path", c.Path)
	e.numOmit("year", c.Year)
	e.close('}')
}

func (e *planWriter) section(s *Section) {
	e.open('{')
	e.str("id", s.ID)
	e.strPtr("number", s.Number)
	e.str("title", s.Title)
	e.strOmit("parent", s.Parent)
	e.num("level", s.Level)
	e.num("line", s.Line)
	e.strOmit("kind", s.Kind)
	e.close('}')
}

func (e *planWriter) text(k string, t Text) {
	e.key(k)
	e.open('{')
	e.str("text", t.Text)
	e.close('}')
}

func (e *planWriter) item(it *Item) {
	e.open('{')
	e.str("id", it.ID)
	e.strPtr("number", it.Number)
	e.str("section", it.Section)
	e.strOmit("parent", it.Parent)
	e.num("level", it.Level)
	e.num("line", it.Line)
	e.text("activity", it.Activity)
	if it.Description != (Text{}) {
		e.text("description", it.Description)
	}
	e.key("deadline")
	e.schedule(&it.Deadline)
	if e.list("responsible", it.Responsible == nil) {
		for i := range it.Responsible {
			e.elem()
			e.executor(&it.Responsible[i])
		}
		e.close(']')
	}
	e.text("result", it.Result)
	e.text("report_form", it.ReportForm)
	if len(it.Extra) > 0 {
		e.strMap("extra", it.Extra)
	}
	e.boolOmit("has_children", it.HasChildren)
	e.close('}')
}

func (e *planWriter) schedule(s *Schedule) {
	e.open('{')
	e.str("text", s.Text)
	e.str("kind", string(s.Kind))
	e.key("months")
	e.open('[') // Months.MarshalJSON writes nil as []
	for _, m := range s.Months {
		e.elem()
		e.monthValue(m)
	}
	e.close(']')
	e.strOmit("recurrence", s.Recurrence)
	e.strOmit("due", s.Due)
	e.strOmit("note", s.Note)
	e.close('}')
}

func (e *planWriter) executor(x *Executor) {
	e.open('{')
	e.str("text", x.Text)
	e.str("org", x.Org)
	e.boolOmit("group", x.Group)
	e.boolOmit("co", x.Co)
	if x.Kind != 0 {
		e.str("kind", x.Kind.String())
	}
	e.strOmit("column", x.Column)
	e.close('}')
}

func (e *planWriter) total(t *Total) {
	e.open('{')
	e.str("label", t.Label)
	e.strOmit("section", t.Section)
	e.boolOmit("own", t.Own)
	e.num("line", t.Line)
	e.strMap("values", t.Values)
	e.close('}')
}

func (e *planWriter) organization(o *Organization) {
	e.open('{')
	e.str("name", o.Name)
	e.strOmit("short", o.Short)
	e.strOmit("full", o.Full)
	e.stringsOmit("aliases", o.Aliases)
	e.boolOmit("group", o.Group)
	e.stringsOmit("members", o.Members)
	if o.Kind != 0 {
		e.str("kind", o.Kind.String())
	}
	e.close('}')
}

func (e *planWriter) diagnostic(d *Diagnostic) {
	e.open('{')
	e.strOmit("file", d.File)
	e.numOmit("line", d.Line)
	e.numOmit("col", d.Col)
	e.str("severity", d.Severity.String())
	e.str("code", d.Code)
	e.str("message", d.Message)
	e.strOmit("text", d.Text)
	e.close('}')
}

// appendJSONString is encoding/json's string encoding without HTML
// escaping: quotes, backslashes and control bytes escaped (\b \f \n \r
// \t by name), invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
//
// Most of a plan's letters are Cyrillic, two bytes each: a valid
// two-byte sequence (none of them is U+2028, U+2029 or invalid) passes
// without decoding the rune, which took a fifth of the writer's time.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		if b >= 0xC2 && b < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
