package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Bounds of a sane plan. normalize reads periods of at most eleven years
// (a ten-year span of school years); a calendar grid has a column per
// month, so a period of centuries would be a broken file, not a plan.
const (
	MinYear         = 1900
	MaxYear         = 2199
	MaxPeriodMonths = 20 * 12
	MaxLevel        = 32
	// MaxHeadingRunes bounds each text of the plan's heading (title,
	// approval, municipality, organisation): what an Excel cell holds.
	// Every output repeats the title (sheet headers, document
	// properties, each checklist's passport, the report's pages), so a
	// title of 100 MB in a plan JSON cost a gigabyte of memory to write.
	MaxHeadingRunes = 32767
)

// JSONError is a plan JSON that cannot be read or is not a consistent
// plan: where (the line and column in the JSON, when known), what (the
// section or item, when it is about one) and why, in Russian.
type JSONError struct {
	File      string // "" when the caller names the file itself
	Line, Col int    // 0 when unknown
	Where     string // "пункт «1.2» (items[5])", "" for the whole plan
	Msg       string
	More      int // further errors not shown
}

func (e *JSONError) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d: ", DisplayName(e.File), e.Line, e.Col)
	case e.File != "":
		b.WriteString(DisplayName(e.File) + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "строка %d: ", e.Line)
	}
	b.WriteString("план JSON: ")
	if e.Where != "" {
		b.WriteString(e.Where + ": ")
	}
	b.WriteString(e.Msg)
	if e.More > 0 {
		fmt.Fprintf(&b, " (и еще ошибок: %d)", e.More)
	}
	return b.String()
}

// ref locates an error on a section or item: its index in the JSON array.
type ref struct {
	array string // "sections" or "items"
	index int
	key   string // a top-level field, when array is "": "period" if empty
}

type invalid struct {
	ref  ref
	what string
	msg  string
}

// Validate checks that the plan is consistent: a sane period; ids present
// and unique among sections and items; levels from 1 to MaxLevel, a
// section deeper than its parent section and an item deeper than its
// parent item (an item's level under a section is the writer's choice);
// the section and parent of each element existing;
// months of each deadline ascending, in sane years, and inside the period
// when it is known; known deadline kinds. It returns a *JSONError naming
// the first problem (and how many more there are), or nil.
func (p *Plan) Validate() error {
	errs := p.validate()
	if len(errs) == 0 {
		return nil
	}
	e := errs[0]
	return &JSONError{Where: e.what, Msg: e.msg, More: len(errs) - 1}
}

func (p *Plan) validate() []invalid {
	var errs []invalid
	add := func(r ref, what, format string, args ...any) {
		errs = append(errs, invalid{r, what, fmt.Sprintf(format, args...)})
	}
	per := p.Period
	if !per.IsZero() {
		n := len(errs)
		switch {
		case !saneYear(per.From) || !saneYear(per.To):
			add(ref{}, "", "период %s: ожидаются годы от %d до %d", per, MinYear, MaxYear)
		case per.From > per.To:
			add(ref{}, "", "период %s: начало позже конца", per)
		case int(per.To-per.From) >= MaxPeriodMonths:
			add(ref{}, "", "период %s длиннее %d лет", per, MaxPeriodMonths/12)
		}
		if len(errs) > n {
			per = Period{} // months are not held to a broken period
		}
	}
	for _, h := range [...]struct{ key, name, text string }{
		{"title", "название плана", p.Title},
		{"approval", "гриф утверждения", p.Approval},
		{"municipality", "муниципалитет", p.Municipality},
		{"organization", "организация плана", p.Organization},
	} {
		if len(h.text) > MaxHeadingRunes {
			if n := utf8.RuneCountInString(h.text); n > MaxHeadingRunes {
				add(ref{key: h.key}, "", "%s (%s) длиной %d знаков, а допускается не более %d: ожидается заголовок документа", h.name, h.key, n, MaxHeadingRunes)
			}
		}
	}
	type node struct {
		ref   ref
		level int
	}
	nodes := make(map[string]node, len(p.Sections)+len(p.Items))
	what := func(r ref, id string) string {
		if r.array == "sections" {
			return fmt.Sprintf("раздел «%s» (sections[%d])", id, r.index)
		}
		return fmt.Sprintf("пункт «%s» (items[%d])", id, r.index)
	}
	addID := func(r ref, id string, level int) {
		w := what(r, id)
		if strings.TrimSpace(id) == "" {
			add(r, w, "пустой идентификатор (id)")
			return
		}
		if prev, ok := nodes[id]; ok {
			add(r, w, "идентификатор уже занят: %s", what(prev.ref, id))
			return
		}
		if level < 1 || level > MaxLevel {
			add(r, w, "уровень %d: ожидается от 1 до %d", level, MaxLevel)
		}
		nodes[id] = node{r, level}
	}
	for i := range p.Sections {
		addID(ref{array: "sections", index: i}, p.Sections[i].ID, p.Sections[i].Level)
		if l := p.Sections[i].Line; l < 0 {
			add(ref{array: "sections", index: i}, what(ref{array: "sections", index: i}, p.Sections[i].ID), "строка (line) %d: ожидается номер строки источника, 0 или больше", l)
		}
	}
	for i := range p.Items {
		addID(ref{array: "items", index: i}, p.Items[i].ID, p.Items[i].Level)
		if l := p.Items[i].Line; l < 0 {
			add(ref{array: "items", index: i}, what(ref{array: "items", index: i}, p.Items[i].ID), "строка (line) %d: ожидается номер строки источника, 0 или больше", l)
		}
	}
	checkParent := func(r ref, id, parent string, level int, sectionsOnly bool) {
		if parent == "" {
			return
		}
		par, ok := nodes[parent]
		switch {
		case sectionsOnly && (!ok || par.ref.array != "sections"):
			add(r, what(r, id), "родительский раздел (parent) «%s» не найден", parent)
		case !ok:
			add(r, what(r, id), "родитель (parent) «%s» не найден среди разделов и пунктов", parent)
		case par.ref.array == r.array && par.level >= level:
			// Among sections, and among items, a parent is shallower:
			// that keeps the tree free of cycles.
			add(r, what(r, id), "уровень %d не глубже уровня %d родителя «%s»", level, par.level, parent)
		}
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		checkParent(ref{array: "sections", index: i}, s.ID, s.Parent, s.Level, true)
	}
	for i := range p.Items {
		it := &p.Items[i]
		r := ref{array: "items", index: i}
		if it.Section != "" {
			if n, ok := nodes[it.Section]; !ok || n.ref.array != "sections" {
				add(r, what(r, it.ID), "раздел (section) «%s» не найден", it.Section)
			}
		}
		checkParent(r, it.ID, it.Parent, it.Level, false)
		d := &it.Deadline
		if !knownKind(d.Kind) {
			add(r, what(r, it.ID), "вид срока (deadline.kind) «%s»: ожидается dated, range, recurring, period, unscheduled или unknown", d.Kind)
		}
		for k, m := range d.Months {
			switch {
			case !saneYear(m):
				add(r, what(r, it.ID), "месяц срока %s: ожидаются годы от %d до %d", m, MinYear, MaxYear)
			case !per.IsZero() && !per.Contains(m):
				add(r, what(r, it.ID), "месяц срока %s вне периода плана %s", m, per)
			case k > 0 && m <= d.Months[k-1]:
				add(r, what(r, it.ID), "месяцы срока не по порядку или повторяются (%s после %s)", m, d.Months[k-1])
			default:
				continue
			}
			break
		}
	}
	return errs
}

func saneYear(m Month) bool { return m.Year() >= MinYear && m.Year() <= MaxYear }

func knownKind(k Kind) bool {
	switch k {
	case "", KindDated, KindRange, KindRecurring, KindPeriod, KindUnscheduled, KindUnknown:
		return true
	}
	return false
}

// jsonError turns an error of encoding/json (or of the plan's own
// decoders) into a *JSONError with the line and column, in Russian.
func jsonError(data []byte, err error) *JSONError {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se) && strings.Contains(se.Error(), "max depth"):
		line, col := lineCol(data, int(se.Offset)-1)
		return &JSONError{Line: line, Col: col, Msg: "вложенность глубже 10000 уровней: ожидается план JSON, записанный командой roadmap ingest"}
	case errors.As(err, &se):
		off := int(se.Offset)
		if off >= len(bytes.TrimRight(data, " \t\r\n")) {
			line, col := lineCol(data, len(data))
			return &JSONError{Line: line, Col: col, Msg: "файл обрывается: ожидается JSON, записанный командой roadmap ingest"}
		}
		line, col := lineCol(data, off-1)
		r, _ := utf8.DecodeRune(data[max(off-1, 0):])
		return &JSONError{Line: line, Col: col, Msg: fmt.Sprintf("синтаксическая ошибка JSON: неожиданный символ «%s»", printable(r))}
	case errors.As(err, &te):
		line, col := lineCol(data, int(te.Offset))
		field := te.Field
		if field == "" {
			field = "документ"
		}
		if num, ok := strings.CutPrefix(te.Value, "number "); ok && te.Type.Kind() == reflect.Int {
			// encoding/json names a fraction or an integer out of range
			// "number 1e+308": the type is right, the value is not.
			return &JSONError{Line: line, Col: col, Msg: fmt.Sprintf("поле %s: ожидается целое число, а указано %s", field, num)}
		}
		return &JSONError{Line: line, Col: col, Msg: fmt.Sprintf("поле %s: ожидается %s, а указано значение типа %s", field, jsonType(te.Type.Kind().String()), jsonType(te.Value))}
	}
	var dk *dupKey
	if errors.As(err, &dk) {
		line, col := lineCol(data, dk.off)
		return &JSONError{Line: line, Col: col, Msg: dk.Error()}
	}
	var bu *badUTF8
	if errors.As(err, &bu) {
		line, col := lineCol(data, bu.off)
		return &JSONError{Line: line, Col: col, Msg: bu.Error()}
	}
	var me *monthError
	if errors.As(err, &me) {
		// The plan's own decoders know no offset: find the value.
		if i := bytes.Index(data, []byte(`"`+me.value+`"`)); i >= 0 {
			line, col := lineCol(data, i)
			return &JSONError{Line: line, Col: col, Msg: me.Error()}
		}
	}
	return &JSONError{Msg: err.Error()}
}

// printable shows a character in a message: control characters by code.
func printable(r rune) string {
	if r < 0x20 || r == 0x7f || r == utf8.RuneError {
		return fmt.Sprintf("U+%04X", r)
	}
	return string(r)
}

// jsonType names a JSON or Go type in Russian.
func jsonType(t string) string {
	switch t {
	case "string":
		return "строка"
	case "number", "int", "int64", "float64", "uint":
		return "число"
	case "bool":
		return "логическое значение"
	case "array", "slice":
		return "список"
	case "object", "struct", "map":
		return "объект"
	}
	return t
}

// lineCol turns a byte offset into a 1-based line and byte column.
func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := bytes.Count(data[:off], []byte("\n")) + 1
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, off - start + 1
}

// elementOffset finds where element i of the top-level array key starts
// in the JSON: walked only when there is an error to place.
func elementOffset(data []byte, key string, i int) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return 0, false
		}
		if t != key {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0, false
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return 0, false
		}
		for k := 0; dec.More(); k++ {
			off := int(dec.InputOffset())
			if k == i {
				for off < len(data) && (data[off] == ',' || data[off] == ' ' || data[off] == '\n' || data[off] == '\r' || data[off] == '\t') {
					off++
				}
				return off, true
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0, false
			}
		}
		return 0, false
	}
	return 0, false
}

// CutRunes is s cut to its first n characters with more appended, or s
// itself when it has no more than n+1 (a cut that would save nothing). It
// walks to the cut, so its cost is the cut's length, not the text's: the
// writers cut texts to what a cell or a page header holds, and []rune(s)
// of a 100 MB title allocated 400 MB for each place it was written to.
func CutRunes(s string, n int, more string) string {
	i := 0
	for range n {
		if i == len(s) {
			return s
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i == len(s) {
		return s
	}
	if _, size := utf8.DecodeRuneInString(s[i:]); i+size == len(s) {
		return s
	}
	return s[:i] + more
}
