package plan

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// planReader decodes the plan JSON that Write writes, without reflection:
// encoding/json took a quarter of the process time of `roadmap tracker`
// on a 5,000-item plan (a validity pass over the whole input, then a
// reflective walk). It is a fast path only: it accepts the fields of the
// model under their exact names, and gives up (ok false) on anything else
// (an unknown or differently cased key, a null or a type where the model
// has none, a number that is not a plain integer, invalid UTF-8, a syntax
// error), and Decode then runs encoding/json on the same bytes, whose
// result or error is the reference. FuzzPlanReader checks that whatever
// it accepts decodes to what encoding/json gives.
type planReader struct {
	data []byte
	i    int
	ok   bool
	// strs interns short strings met many times (kinds, codes, section
	// ids, organisation names), so that a large plan allocates each once.
	strs map[string]string
	// scratch holds the text of a string with escapes as it is decoded.
	scratch []byte
	// dup is a key met twice in one object, where it was met again: an
	// error of its own, not left to encoding/json, which keeps the last
	// value and drops the first without a word.
	dup *dupKey
}

func decodeFast(data []byte, p *Plan) (ok bool, dup *dupKey) {
	r := planReader{data: data, ok: true, strs: make(map[string]string, 1024)}
	r.plan(p)
	r.space()
	return r.ok && r.i == len(r.data), r.dup
}

func (r *planReader) fail() { r.ok = false }

func (r *planReader) space() {
	for r.i < len(r.data) {
		switch r.data[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// next skips white space and reports whether the next byte is c,
// consuming it if so.
func (r *planReader) next(c byte) bool {
	r.space()
	if r.ok && r.i < len(r.data) && r.data[r.i] == c {
		r.i++
		return true
	}
	return false
}

func (r *planReader) expect(c byte) {
	if !r.next(c) {
		r.fail()
	}
}

// null consumes a null if one comes next.
func (r *planReader) null() bool {
	r.space()
	if r.ok && len(r.data)-r.i >= 4 && string(r.data[r.i:r.i+4]) == "null" {
		r.i += 4
		return true
	}
	return false
}

// object reads an object, calling member for each key with the reader
// placed before the value; member returns false for a key it does not
// know, which fails the fast path.
func (r *planReader) object(member func(key string) bool) {
	r.expect('{')
	if r.next('}') {
		return
	}
	var seen [24]string
	n := 0
	for r.ok {
		r.space()
		at := r.i
		k, ok := r.rawKey()
		if !ok || n == len(seen) {
			r.fail()
			return
		}
		for _, s := range seen[:n] {
			if s == k {
				r.dup = &dupKey{off: at, key: k}
				r.fail()
				return
			}
		}
		seen[n] = k
		n++
		r.expect(':')
		if !r.ok || !member(k) {
			r.fail()
			return
		}
		if r.next(',') {
			continue
		}
		r.expect('}')
		return
	}
}

// array reads an array, calling elem for each element; nil reports a
// null instead of an array.
func (r *planReader) array(elem func()) (isNull bool) {
	if r.null() {
		return true
	}
	r.expect('[')
	if r.next(']') {
		return false
	}
	for r.ok {
		elem()
		if r.next(',') {
			continue
		}
		r.expect(']')
		break
	}
	return false
}

// rawKey reads a key without escapes (a key with one is none of ours).
// The key is a view of the input, not a copy: object compares it and
// hands it to member, which only compares it (5,000 items have 100,000
// keys, and looking each up among the interned strings was a tenth of
// the decoding).
func (r *planReader) rawKey() (string, bool) {
	r.space()
	if r.i >= len(r.data) || r.data[r.i] != '"' {
		return "", false
	}
	start := r.i + 1
	for j := start; j < len(r.data); j++ {
		switch c := r.data[j]; {
		case c == '"':
			r.i = j + 1
			return unsafe.String(unsafe.SliceData(r.data[start:j]), j-start), true
		case c == '\\' || c < 0x20:
			return "", false
		}
	}
	return "", false
}

// str reads a string. One pass finds its end and checks its bytes: the
// two-byte sequences of Cyrillic text inline, other UTF-8 through
// utf8.DecodeRune. A short one is interned.
func (r *planReader) str() string { return r.strIn(true) }

// uniqueStr reads a string that is met once (an id, a number): not
// interned, since 10,000 of them only grew the table the others are
// looked up in.
func (r *planReader) uniqueStr() string { return r.strIn(false) }

func (r *planReader) strIn(intern bool) string {
	r.space()
	if !r.ok || r.i >= len(r.data) || r.data[r.i] != '"' {
		r.fail()
		return ""
	}
	d := r.data
	start := r.i + 1
	for j := start; j < len(d); {
		c := d[j]
		switch {
		case c == '"':
			r.i = j + 1
			if !intern {
				return string(d[start:j])
			}
			return r.intern(d[start:j])
		case c == '\\':
			return r.escaped(start)
		case c < 0x20:
			r.fail()
			return ""
		case c < utf8.RuneSelf:
			j++
		case c >= 0xC2 && c <= 0xDF && j+1 < len(d) && d[j+1]&0xC0 == 0x80:
			j += 2
		default:
			rn, size := utf8.DecodeRune(d[j:])
			if rn == utf8.RuneError && size == 1 {
				r.fail() // encoding/json replaces invalid bytes: let it
				return ""
			}
			j += size
		}
	}
	r.fail()
	return ""
}

func (r *planReader) intern(s []byte) string {
	if len(s) > 40 {
		return string(s)
	}
	if v, ok := r.strs[string(s)]; ok {
		return v
	}
	v := string(s)
	r.strs[v] = v
	return v
}

// escaped decodes a string with escapes from start (after the quote), as
// encoding/json's unquote does.
func (r *planReader) escaped(start int) string {
	b := r.scratch[:0]
	defer func() { r.scratch = b[:0] }()
	j := start
	for j < len(r.data) {
		c := r.data[j]
		switch {
		case c == '"':
			r.i = j + 1
			if !utf8.Valid(b) {
				r.fail()
				return ""
			}
			return string(b)
		case c < 0x20:
			r.fail()
			return ""
		case c != '\\':
			b = append(b, c)
			j++
			continue
		}
		if j+1 >= len(r.data) {
			break
		}
		switch e := r.data[j+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			c1, ok := r.hex4(j + 2)
			if !ok {
				r.fail()
				return ""
			}
			j += 6
			if utf16.IsSurrogate(c1) {
				if c2, ok := r.hex4(j + 2); ok && j+1 < len(r.data) && r.data[j] == '\\' && r.data[j+1] == 'u' {
					if dec := utf16.DecodeRune(c1, c2); dec != utf8.RuneError {
						b = utf8.AppendRune(b, dec)
						j += 6
						continue
					}
				}
				c1 = utf8.RuneError
			}
			b = utf8.AppendRune(b, c1)
			continue
		default:
			r.fail()
			return ""
		}
		j += 2
	}
	r.fail()
	return ""
}

func (r *planReader) hex4(at int) (rune, bool) {
	if at+4 > len(r.data) {
		return 0, false
	}
	var v rune
	for _, c := range r.data[at : at+4] {
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// num reads a plain integer ("-12"): anything else (a fraction, an
// exponent, a leading zero) is left to encoding/json.
func (r *planReader) num() int {
	r.space()
	start := r.i
	j := r.i
	if j < len(r.data) && r.data[j] == '-' {
		j++
	}
	digits := j
	for j < len(r.data) && r.data[j] >= '0' && r.data[j] <= '9' {
		j++
	}
	if j == digits || j-digits > 1 && r.data[digits] == '0' || j < len(r.data) && (r.data[j] == '.' || r.data[j] == 'e' || r.data[j] == 'E') {
		r.fail()
		return 0
	}
	v, err := strconv.Atoi(string(r.data[start:j]))
	if err != nil {
		r.fail()
		return 0
	}
	r.i = j
	return v
}

func (r *planReader) boolean() bool {
	r.space()
	switch {
	case len(r.data)-r.i >= 4 && string(r.data[r.i:r.i+4]) == "true":
		r.i += 4
		return true
	case len(r.data)-r.i >= 5 && string(r.data[r.i:r.i+5]) == "false":
		r.i += 5
		return false
	}
	r.fail()
	return false
}

// numberPtr reads a printed number, or null.
func (r *planReader) numberPtr() *string {
	if r.null() {
		return nil
	}
	s := r.uniqueStr()
	return &s
}

func (r *planReader) strings() []string {
	var out []string
	if r.array(func() { out = append(out, r.str()) }) {
		return nil
	}
	if out == nil {
		out = []string{}
	}
	return out
}

func (r *planReader) strMap() map[string]string {
	if r.null() {
		return nil
	}
	m := map[string]string{}
	r.expect('{')
	if r.next('}') {
		return m
	}
	for r.ok {
		k := r.str()
		r.expect(':')
		m[k] = r.str()
		if r.next(',') {
			continue
		}
		r.expect('}')
		break
	}
	return m
}

func (r *planReader) month() Month {
	m, err := ParseMonth(r.str())
	if err != nil {
		r.fail()
	}
	return m
}

// monthsElem reads an element of Months, which Months.UnmarshalJSON takes
// as written between the quotes: one with an escape is left to it.
func (r *planReader) monthsElem() Month {
	r.space()
	if r.i < len(r.data) && r.data[r.i] == '"' {
		if end := r.i + 1 + indexQuoteOrEscape(r.data[r.i+1:]); end < len(r.data) && r.data[end] == '"' {
			if m, ok := parseMonth(r.data[r.i+1 : end]); ok {
				r.i = end + 1
				return m
			}
		}
	}
	r.fail()
	return 0
}

func indexQuoteOrEscape(b []byte) int {
	for i, c := range b {
		if c == '"' || c == '\\' {
			return i
		}
	}
	return len(b)
}

func (r *planReader) text() Text {
	var t Text
	r.object(func(k string) bool {
		if k != "text" {
			return false
		}
		t.Text = r.str()
		return true
	})
	return t
}

func (r *planReader) plan(p *Plan) {
	r.object(func(k string) bool {
		switch k {
		case "schema_version":
			p.SchemaVersion = r.num()
		case "source":
			r.object(func(k string) bool {
				switch k {
				case "path":
					p.Source.Path = r.str()
				case "format":
					p.Source.Format = r.str()
				case "encoding":
					p.Source.Encoding = r.str()
				default:
					return false
				}
				return true
			})
		case "title":
			p.Title = r.str()
		case "municipality":
			p.Municipality = r.str()
		case "organization":
			p.Organization = r.str()
		case "approval":
			p.Approval = r.str()
		case "amendments":
			p.Amendments = r.strings()
		case "period":
			r.object(func(k string) bool {
				switch k {
				case "from":
					p.Period.From = r.month()
				case "to":
					p.Period.To = r.month()
				default:
					return false
				}
				return true
			})
		case "columns":
			p.Columns = list(r, p.Columns[:0], (*planReader).column)
		case "sections":
			p.Sections = list(r, p.Sections[:0], (*planReader).section)
		case "items":
			p.Items = r.items(p.Items[:0])
		case "totals":
			p.Totals = list(r, p.Totals[:0], (*planReader).total)
		case "organizations":
			p.Organizations = list(r, p.Organizations[:0], (*planReader).organization)
		case "diagnostics":
			p.Diagnostics = list(r, p.Diagnostics[:0], (*planReader).diagnostic)
		default:
			return false
		}
		return true
	})
}

// list reads an array of structs, each by read; null gives nil, [] an
// empty list, as encoding/json does.
func list[T any](r *planReader, out []T, read func(*planReader, *T)) []T {
	var zero T
	isNull := r.array(func() {
		out = append(out, zero)
		read(r, &out[len(out)-1])
	})
	switch {
	case isNull:
		return nil
	case out == nil:
		return []T{}
	}
	return out
}

// executors reads an item's executors as list does, into an array on
// the stack first and then into a slice of their number: growing it from
// nil allocated three times for three executors.
func (r *planReader) executors() []Executor {
	var small [8]Executor
	n := 0
	var more []Executor
	isNull := r.array(func() {
		if more == nil && n < len(small) {
			r.executor(&small[n])
			n++
			return
		}
		if more == nil {
			more = append(make([]Executor, 0, 2*len(small)), small[:n]...)
		}
		more = append(more, Executor{})
		r.executor(&more[len(more)-1])
	})
	switch {
	case isNull:
		return nil
	case more != nil:
		return more
	}
	return append([]Executor{}, small[:n]...)
}
func (r *planReader) column(c *Column) {
	r.object(func(k string) bool {
		switch k {
		case "header":
			c.Header = r.str()
		case "role":
			c.Role = Role(r.str())
		case "field":
			c.Field = r.str()
		case "path":
			c.Path = r.strings()
		case "year":
			c.Year = r.num()
		default:
			return false
		}
		return true
	})
}

func (r *planReader) section(s *Section) {
	r.object(func(k string) bool {
		switch k {
		case "id":
			s.ID = r.uniqueStr()
		case "number":
			s.Number = r.numberPtr()
		case "title":
			s.Title = r.str()
		case "parent":
			s.Parent = r.str()
		case "level":
			s.Level = r.num()
		case "line":
			s.Line = r.num()
		case "kind":
			s.Kind = r.str()
		default:
			return false
		}
		return true
	})
}

func (r *planReader) item(it *Item) {
	r.object(func(k string) bool {
		switch k {
		case "id":
			it.ID = r.uniqueStr()
		case "number":
			it.Number = r.numberPtr()
		case "section":
			it.Section = r.str()
		case "parent":
			it.Parent = r.str()
		case "level":
			it.Level = r.num()
		case "line":
			it.Line = r.num()
		case "activity":
			it.Activity = r.text()
		case "description":
			it.Description = r.text()
		case "deadline":
			r.schedule(&it.Deadline)
		case "responsible":
			it.Responsible = r.executors()
		case "result":
			it.Result = r.text()
		case "report_form":
			it.ReportForm = r.text()
		case "extra":
			it.Extra = r.strMap()
		case "has_children":
			it.HasChildren = r.boolean()
		default:
			return false
		}
		return true
	})
}

func (r *planReader) schedule(s *Schedule) {
	r.object(func(k string) bool {
		switch k {
		case "text":
			s.Text = r.str()
		case "kind":
			s.Kind = Kind(r.str())
		case "months":
			// Read on the stack and copied once, as list does: a
			// deadline has 9 months on average.
			var small [24]Month
			ms := small[:0]
			if r.array(func() { ms = append(ms, r.monthsElem()) }) {
				s.Months = nil
			} else {
				s.Months = append(Months{}, ms...)
			}
		case "recurrence":
			s.Recurrence = r.str()
		case "due":
			s.Due = r.str()
		case "note":
			s.Note = r.str()
		default:
			return false
		}
		return true
	})
}

func (r *planReader) executorKind() ExecutorKind {
	name := r.str()
	for i, n := range executorKindNames {
		if n == name {
			return ExecutorKind(i)
		}
	}
	r.fail()
	return 0
}

func (r *planReader) executor(x *Executor) {
	r.object(func(k string) bool {
		switch k {
		case "text":
			x.Text = r.str()
		case "org":
			x.Org = r.str()
		case "group":
			x.Group = r.boolean()
		case "co":
			x.Co = r.boolean()
		case "kind":
			x.Kind = r.executorKind()
		case "column":
			x.Column = r.str()
		default:
			return false
		}
		return true
	})
}

func (r *planReader) total(t *Total) {
	r.object(func(k string) bool {
		switch k {
		case "label":
			t.Label = r.str()
		case "section":
			t.Section = r.str()
		case "own":
			t.Own = r.boolean()
		case "line":
			t.Line = r.num()
		case "values":
			t.Values = r.strMap()
		default:
			return false
		}
		return true
	})
}

func (r *planReader) organization(o *Organization) {
	r.object(func(k string) bool {
		switch k {
		case "name":
			o.Name = r.str()
		case "short":
			o.Short = r.str()
		case "full":
			o.Full = r.str()
		case "aliases":
			o.Aliases = r.strings()
		case "group":
			o.Group = r.boolean()
		case "members":
			o.Members = r.strings()
		case "kind":
			o.Kind = r.executorKind()
		default:
			return false
		}
		return true
	})
}

func (r *planReader) diagnostic(d *Diagnostic) {
	r.object(func(k string) bool {
		switch k {
		case "file":
			d.File = r.str()
		case "line":
			d.Line = r.num()
		case "col":
			d.Col = r.num()
		case "severity":
			name := r.str()
			d.Severity = -1
			for i, n := range severityNames {
				if n == name {
					d.Severity = Severity(i)
				}
			}
			if d.Severity < 0 {
				r.fail()
			}
		case "code":
			d.Code = r.str()
		case "message":
			d.Message = r.str()
		case "text":
			d.Text = r.str()
		default:
			return false
		}
		return true
	})
}
