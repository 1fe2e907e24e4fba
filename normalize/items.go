package normalize

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

type rowKind uint8

const (
	rowItem      rowKind = iota
	rowHeading           // one text: a section heading
	rowGroup             // numbered, only a title, items numbered under it
	rowTotal             // "Итого ...": a total, not an activity
	rowGroupOnly         // nothing but the values of grouping columns
	rowNote              // a line under the table with tabs: a signature, a note
)

// rowInfo is what a logical row is, before it is placed in the tree.
// There is one per row, so what few rows need lives behind a pointer.
type rowInfo struct {
	kind rowKind
	// figures: a heading or group row that carries subtotals in funding or
	// indicator columns (kept as the section's own total). last: the last
	// total of the table, after every item.
	figures, last bool
	// spaced: the number was read with the spaces typed inside it
	// removed ("1. 3." is 1.3), which is reported.
	spaced bool
	// headCol is a heading's column (rowHeading) or a total's label
	// column (rowTotal); int32 keeps rowInfo as small as before.
	headCol int32
	num     *number // parsed number, nil when absent or unreadable
	numText string  // the number as printed ("" when empty)
	act     string  // activity text (without a number glued to it)
	open    *groupOpen
}

// groupOpen is what a row opens in the grouping columns.
type groupOpen struct {
	// values holds, per grouping column, the value that opens a group on
	// this row ("" for none).
	values []string
	// num is the number of the group the row opens, when the number
	// column numbers the groups rather than the items.
	num string
}

// classify decides what each logical row is. A row whose first text is
// "Итого"/"Всего" (and that names no executor) is a total. Values of
// grouping columns open groups and are taken out of the row. A row with a
// single text in the number or activity column is a heading; a numbered
// row whose only other text is its title (figures in funding or indicator
// columns aside) is a group when rows numbered under it follow (or when
// it is bold), and an item otherwise: a row with a deadline, an executor
// or a result is always an item, even with items under it.
func (b *builder) classify(rows []*lrow) []rowInfo {
	l := b.l
	infos := make([]rowInfo, len(rows))
	cur := make([]string, len(l.groups))
	// The signature under the table ("Начальник управления | | А.А.
	// Иванов"): whatever columns its texts fall in, it opens no group and
	// is no heading or item.
	sig := len(rows)
	for sig > 0 && l.signature(rows[sig-1]) {
		sig--
	}
	for i, lr := range rows {
		inf := &infos[i]
		if i >= sig {
			inf.kind = rowNote
			continue
		}
		if at, ok := totalLabelAt(lr, l); ok {
			inf.kind, inf.headCol = rowTotal, int32(at)
			continue
		}
		if len(l.groups) > 0 && !l.groupHeading(lr) {
			for gi, g := range l.groups {
				t := lr.text(g)
				if t == "" {
					continue
				}
				if t != cur[gi] {
					if inf.open == nil {
						inf.open = &groupOpen{values: make([]string, len(l.groups))}
					}
					inf.open.values[gi] = t
					cur[gi] = t
					clear(cur[gi+1:])
				}
				// The value lives in its section and in each item's extra.
				lr.cells[g] = ""
			}
		}
		filled := lr.filled()
		if len(filled) == 0 {
			inf.kind = rowGroupOnly
			continue
		}
		inf.numText = lr.text(l.num)
		inf.act = lr.text(l.act)
		own := filled
		if slices.ContainsFunc(filled, func(j int) bool { return l.figures[j] }) {
			own = slices.DeleteFunc(slices.Clone(filled), func(j int) bool { return l.figures[j] })
		}
		figs := len(own) < len(filled)
		if len(own) == 1 {
			j := own[0]
			_, pure := parseNumber(lr.cells[j])
			if !(j == l.num && pure) && (lr.src.NoTabs || j == l.num || j == l.act || j == 0) &&
				(!figs || lr.bold[j] || hasKeyword(lr.cells[j])) {
				inf.kind, inf.headCol, inf.figures = rowHeading, int32(j), figs
				clear(cur)
				continue
			}
		}
		switch {
		case inf.numText != "":
			if n, ok := parseNumber(inf.numText); ok {
				inf.num = &n
			} else if n, ok := parseSpacedNumber(inf.numText); ok {
				n.text, inf.num, inf.spaced = inf.numText, &n, true
			} else if n, rest, ok := headingPrefix(inf.numText); ok && n.kind == numArabic && inf.act == "" {
				inf.num, inf.act, inf.numText = &n, rest, n.text
			} else if ok && n.word != "" && rest == "" {
				// "Раздел 1." in the number column, its title beside it.
				inf.num, inf.numText = &n, n.text
			}
		case l.num < 0 && inf.act != "":
			if n, rest, ok := headingPrefix(inf.act); ok && n.kind == numArabic {
				inf.num, inf.act, inf.numText = &n, rest, n.text
			}
		case inf.act != "" && inf.act[0] >= '1' && inf.act[0] <= '9':
			// The number typed in the activity's cell, its own left
			// empty: "| 1.4. Конкурс педагогов |". Only a number with
			// its dot or of several levels ("5 классов" is no number),
			// not the marker of a sub-list ("1) положения").
			if n, rest, ok := headingPrefix(inf.act); ok && n.kind == numArabic && (n.dot || len(n.path) > 1) && rest != "" &&
				!strings.HasSuffix(n.text, ")") {
				inf.num, inf.act, inf.numText = &n, rest, n.text
			}
		}
		if inf.num != nil && inf.act != "" && onlyNumberAndTitle(lr, l) {
			inf.kind = rowGroup // confirmed below
			inf.figures = figs
			if inf.num.kind != numArabic || inf.num.word != "" {
				// "II | МЕХАНИЗМЫ ...", "Раздел 1. | Кадры": a part, not
				// a group of the arabic numbering.
				inf.kind = rowHeading
				clear(cur)
			}
		}
	}
	markSubListInActivity(infos)
	// Rows at the end without an activity, a deadline or a number are
	// the signature or a note typed with tabs under the table; the name
	// of the one who signs may fall in the deadline column ("Начальник
	// управления | | Н.В. Смирнова"), where it reads as no deadline.
	for i := len(infos) - 1; i >= 0; i-- {
		inf := &infos[i]
		if inf.kind != rowItem || inf.act != "" || inf.num != nil || l.hasReadableDeadline(rows[i]) {
			break
		}
		inf.kind = rowNote
	}
	lastItem := -1
	for i := range infos {
		inf := &infos[i]
		if inf.kind == rowGroup && !rows[i].bold[l.act] && !hasChildren(infos, i) && !(inf.figures && hasKeyword(inf.act)) &&
			!introducesSubList(infos, i) {
			inf.kind, inf.figures = rowItem, false
		}
		if inf.kind == rowItem {
			lastItem = i
		}
	}
	// A footnote typed under the table ("* Мониторинг проводится ...",
	// "Примечание: ...") is a note, not the heading of an empty section.
	for i := lastItem + 1; i < len(infos); i++ {
		if inf := &infos[i]; inf.kind == rowHeading && isFootnote(rows[i].text(int(inf.headCol))) {
			inf.kind = rowNote
		}
	}
	// The last total of the table, after every item, sums the plan.
	for i := len(infos) - 1; i > lastItem; i-- {
		if infos[i].kind == rowTotal {
			infos[i].last = true
			break
		}
	}
	b.numbersOfGroups(infos)
	return infos
}

// signatureRE is a person's name with initials: "А.А. Иванов", "Иванов
// А.А.", "И. И. Петрова".
var signatureRE = lazyre.New(`(?:^|[\s(])(?:\p{Lu}\.\s?\p{Lu}\.\s?\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+\s\p{Lu}\.\s?\p{Lu}\.)(?:$|[\s,)])`)

// signPosts open the line of the one who signs a document.
var signPosts = []string{"начальник", "руководитель", "директор", "председатель", "глава", "заместитель",
	"и.о.", "исп.", "исполнитель:", "согласовано", "утверждаю"}

// signature reports a line of the one who signs: a post and a name with
// initials, short, and no deadline or number of an item.
func (l *layout) signature(lr *lrow) bool {
	var b strings.Builder
	for _, j := range lr.filled() {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lr.cells[j])
	}
	t := b.String()
	if t == "" || len(strings.Fields(t)) > 15 || l.num >= 0 && lr.text(l.num) != "" && isItemNumber(lr.text(l.num)) {
		return false
	}
	first := strings.TrimSuffix(strings.ToLower(firstWordOf(t)), ":")
	post := slices.Contains(signPosts, first) || slices.Contains(signPosts, first+":")
	return post && signatureRE.MatchString(t) && !l.hasReadableDeadline(lr)
}

func isItemNumber(s string) bool {
	_, ok := parseNumber(s)
	return ok
}

// totalLabelAt reports a total row: its first text starts with "Итого" or
// "Всего", and it names no executor. It returns the label's column.
func totalLabelAt(lr *lrow, l *layout) (int, bool) {
	for j, t := range lr.cells {
		if t != "" {
			return j, isTotalLabel(t) && !l.hasExecutor(lr)
		}
	}
	return 0, false
}

// groupHeading reports a row whose only text, in a grouping column, is a
// heading across the table rather than a group's value: bold, or spanning
// the whole row in an HTML table.
func (l *layout) groupHeading(lr *lrow) bool {
	f := lr.filled()
	if len(f) != 1 || !slices.Contains(l.groups, f[0]) {
		return false
	}
	j := f[0]
	if lr.bold[j] {
		return true
	}
	cells := lr.src.Cells
	return j+1 < len(cells) && cells[j+1].Spanned && cells[j+1].At == cells[j].At && len(cells) >= len(l.cols)-j
}

// hasKeyword reports a heading text opening with a section keyword
// ("Задача 1.", "Подпрограмма 2", "Цель:").
func hasKeyword(s string) bool {
	if n, _, ok := headingPrefix(s); ok && n.word != "" {
		return true
	}
	_, _, ok := headingKind(s)
	return ok
}

// numbersOfGroups finds a number column that numbers the groups of a
// grouping column rather than the items: every number stands on a row
// that opens a group, and rows without a number carry activities. The
// numbers then go to the groups' sections, and the items get ids by
// their order.
func (b *builder) numbersOfGroups(infos []rowInfo) {
	l := b.l
	if len(l.groups) == 0 || l.num < 0 {
		return
	}
	opens := func(inf *rowInfo) bool { return inf.open != nil }
	with, without, loose := 0, 0, 0
	for i := range infos {
		inf := &infos[i]
		if inf.kind != rowItem && inf.kind != rowGroup {
			continue
		}
		switch {
		case inf.numText != "" && opens(inf):
			with++
		case inf.numText != "":
			without++
		case inf.act != "":
			loose++
		}
	}
	if with == 0 || without > 0 || loose == 0 {
		return
	}
	for i := range infos {
		inf := &infos[i]
		if (inf.kind == rowItem || inf.kind == rowGroup) && inf.numText != "" && opens(inf) {
			inf.open.num, inf.numText, inf.num, inf.kind = inf.numText, "", nil, rowItem
		}
	}
	inner := l.groups[len(l.groups)-1]
	l.reading.GroupNumbers = l.cols[inner].Header
	b.diag.Add(l.headerPos, plan.Info, plan.CodeNoNumber, fmt.Sprintf(
		"номера в столбце «%s» стоят только в первой строке каждой группы столбца «%s» и нумеруют группы; мероприятиям даны идентификаторы по порядку",
		l.cols[l.num].Header, l.cols[inner].Header), "")
}

func onlyNumberAndTitle(lr *lrow, l *layout) bool {
	for _, j := range lr.filled() {
		if j != l.num && j != l.act && !l.figures[j] {
			return false
		}
	}
	return true
}

// introducesSubList reports a title that ends with a colon over rows
// lettered "а)", "б)" or numbered "1)": "1. | Оснащение ОО:" heads its
// sub-items "а) | системами видеонаблюдения | 2023 г. | ...".
func introducesSubList(infos []rowInfo, i int) bool {
	if !endsWithColon(infos[i].act) || i+1 >= len(infos) {
		return false
	}
	next := &infos[i+1]
	return next.kind == rowItem && isSubListMarker(next.numText)
}

// markSubListInActivity moves the marker of a sub-item typed in the
// activity cell, the number cell empty ("| а) положения о ... |"), to
// the row's number, as if it stood in the number column: under a
// numbered title that ends with a colon, or after such a sub-item. Without
// it the title was an item without a deadline or an executor and each
// sub-item an item without a number (three false warnings and a wrong
// count of activities).
func markSubListInActivity(infos []rowInfo) {
	// The colon of the last numbered row is looked at only when an
	// unnumbered row opens with a marker: the numbered rows, nearly all
	// of a plan, cost nothing here.
	title := -1     // the last numbered row; -1 after a heading or a total
	listed := false // the rows since it are all its sub-items
	for i := range infos {
		inf := &infos[i]
		switch {
		case inf.kind == rowHeading || inf.kind == rowTotal:
			title = -1
		case inf.kind != rowItem && inf.kind != rowGroup:
		case inf.num != nil:
			title, listed = i, true
		case inf.numText != "":
			listed = listed && isSubListMarker(inf.numText)
		case title >= 0 && listed:
			marker, rest, ok := cutSubListMarker(inf.act)
			if !ok || !endsWithColon(infos[title].act) {
				listed = false
				break
			}
			inf.numText, inf.act = marker, rest
		}
	}
}

// parseSpacedNumber reads a number typed with spaces inside: "1. 3.".
func parseSpacedNumber(s string) (number, bool) {
	if c := compactNumber(s); c != "" {
		return parseNumber(c)
	}
	return number{}, false
}

// compactNumber is a number typed with spaces inside ("1. 3.", "1.5 .")
// without them, "" for any other text: only digits, dots, a closing
// parenthesis and spaces, and at least one space between two of the
// others. It runs only on number cells parseNumber did not read.
func compactNumber(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, " ") {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
		case c >= '0' && c <= '9' || c == '.' || c == ')':
			b.WriteByte(c)
		default:
			return ""
		}
	}
	return b.String()
}

// endsWithColon reports a text whose last character before any trailing
// white space is a colon.
func endsWithColon(s string) bool {
	return strings.HasSuffix(strings.TrimSpace(s), ":")
}

// cutSubListMarker splits "а) положения ..." into "а)" and "положения
// ...": a marker of isSubListMarker, then a space.
func cutSubListMarker(s string) (marker, rest string, ok bool) {
	i := strings.IndexByte(s, ' ')
	if i <= 0 || !isSubListMarker(s[:i]) {
		return "", s, false
	}
	rest = strings.TrimSpace(s[i+1:])
	return s[:i], rest, rest != ""
}

// footnoteLabels open a note under a table: the remark, the footnote, the
// list of abbreviations used.
var footnoteLabels = []string{"примечани", "сноск", "используемые сокращения", "принятые сокращения",
	"список сокращений", "список используемых сокращений", "перечень сокращений", "условные обозначения"}

// isFootnote reports the text of a footnote or a remark: one opened by a
// footnote mark ("*", "¹") or by a label of footnoteLabels.
func isFootnote(s string) bool {
	s = strings.TrimSpace(s)
	r, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("*¹²³⁴⁵", r) {
		return true
	}
	l := strings.ToLower(s)
	for _, p := range footnoteLabels {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// isSubListMarker reports the marker of a sub-list item: a lower-case
// letter or a number closed by a parenthesis ("а)", "б.", "1)").
func isSubListMarker(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	rest := s[n:]
	switch {
	case unicode.IsLower(r):
		return rest == ")" || rest == "."
	case r >= '0' && r <= '9':
		rest = strings.TrimLeft(rest, "0123456789")
		return rest == ")" && len(s) <= 3
	}
	return false
}

// hasChildren reports whether the next numbered row is numbered under row i.
func hasChildren(infos []rowInfo, i int) bool {
	p := infos[i].num.path
	for k := i + 1; k < len(infos); k++ {
		switch inf := infos[k]; {
		case inf.kind == rowHeading:
			return false
		case inf.num != nil:
			return len(inf.num.path) > len(p) && hasPrefix(inf.num.path, p)
		}
	}
	return false
}

// place puts a numbered or unnumbered row into the tree.
func (b *builder) place(lr *lrow, inf rowInfo) {
	if inf.num == nil {
		b.placeUnnumbered(lr, inf)
		return
	}
	n := *inf.num
	col := b.l.num
	if col < 0 {
		col = b.l.act
	}
	pos := lr.cellPos(col)
	k := len(n.path)
	if n.kind == numArabic {
		b.styles = append(b.styles, numberStyle{depth: int32(k), col: int32(col), dot: n.dot, lr: lr, text: n.text})
	}
	for len(b.chain) > 0 && len(b.chain[len(b.chain)-1].path) >= k {
		b.chain = b.chain[:len(b.chain)-1]
	}
	parent := b.root
	if len(b.chain) > 0 {
		parent = b.chain[len(b.chain)-1]
	}
	b.checkNumber(n, parent, pos, lr)
	if inf.spaced {
		b.diag.Add(pos, plan.Warning, plan.CodeNumberFormat,
			fmt.Sprintf("в номере «%s» лишний пробел; номер прочитан как %s", n.text, n.key()), n.text)
	}

	if inf.kind == rowGroup && parent.section {
		nd := b.openGroup(lr, n, parent)
		nd.numText = n.text
		if inf.figures {
			b.addTotal(lr, b.l.act, nd.id, true)
		}
		b.chain = append(b.chain, nd)
		b.lastItemID, b.sinceNumbered = "", 0
		return
	}
	id := b.ids.take(b.qualify(n.key()))
	// The item's number is the text of the number classify parsed,
	// which nothing changes: no copy of it for each item.
	nd := b.addItem(lr, inf, id, &inf.num.text, parent)
	nd.path, nd.numText = n.path, n.text
	b.chain = append(b.chain, nd)
	b.lastItemID, b.sinceNumbered = id, 0
}

// checkNumber reports a number that does not continue its parent's
// numbering (prefix), skips numbers (gap), goes backwards, or repeats.
func (b *builder) checkNumber(n number, parent *node, pos plan.Pos, lr *lrow) {
	k := len(n.path)
	key := b.qualify(n.key())
	reported := false
	// A number cell merged over this row and the one above (a staged
	// activity: each row its own deadline and executors) is printed
	// once: the row repeats no number.
	spanned := b.l.num >= 0 && b.l.num < len(lr.at) && lr.at[b.l.num] != nil && lr.at[b.l.num].Spanned
	if prev, dup := b.numSeen[key]; dup && spanned {
		reported = true
	} else if dup && !(k == 1 && prev.root != b.root) {
		b.diag.Add(pos, plan.Warning, plan.CodeNumberDuplicate,
			fmt.Sprintf("номер %s уже встречался в строке %d", n.text, prev.line), n.text)
		reported = true
	} else if !dup {
		b.numSeen[key] = seenNumber{line: lr.line(), root: b.root}
	}
	v := n.path[k-1]
	if k == 1 {
		switch {
		case b.lastTopRoot == nil:
			if v > 1 {
				b.diag.Add(pos, plan.Warning, plan.CodeNumberGap, missingText(nil, 1, v-1, false), n.text)
			}
		case v == b.lastTop+1, v == 1 && b.lastTopRoot != b.root, v == b.lastTop:
		case v > b.lastTop+1:
			b.diag.Add(pos, plan.Warning, plan.CodeNumberGap, missingText(nil, b.lastTop+1, v-1, false), n.text)
		case reported:
			// a repeated number: said once, as a duplicate
		default:
			b.diag.Add(pos, plan.Warning, plan.CodeNumberGap,
				fmt.Sprintf("нарушен порядок нумерации: номер %s после %d", n.text, b.lastTop), n.text)
		}
		b.lastTop, b.lastTopRoot = v, b.root
		return
	}
	pl := len(parent.path)
	prefix := n.path[:k-1]
	if pl > 0 && pl < k && !hasPrefix(n.path, parent.path) {
		b.diag.Add(pos, plan.Warning, plan.CodeNumberPrefix,
			fmt.Sprintf("номер %s не продолжает номер %s, под которым стоит; пункт оставлен на своем месте", n.text, parent.numberText()), n.text)
	}
	last := parent.last
	parent.last = n.path
	switch {
	case last == nil:
		if v > 1 && (pl == 0 || hasPrefix(n.path, parent.path)) && pl == k-1 {
			b.diag.Add(pos, plan.Warning, plan.CodeNumberGap, missingText(prefix, 1, v-1, n.sub), n.text)
		}
	case len(last) != k || !hasPrefix(n.path, last[:k-1]):
		// another prefix: already reported above, or a new branch
	case v > last[k-1]+1:
		b.diag.Add(pos, plan.Warning, plan.CodeNumberGap, missingText(prefix, last[k-1]+1, v-1, n.sub), n.text)
	case v < last[k-1] && !reported:
		b.diag.Add(pos, plan.Warning, plan.CodeNumberGap,
			fmt.Sprintf("нарушен порядок нумерации: номер %s после %s", n.text, pathString(last)), n.text)
	}
}

// placeUnnumbered keeps a row without a (readable) number as an item,
// beside the item before it, with an id derived from that item's id.
func (b *builder) placeUnnumbered(lr *lrow, inf rowInfo) {
	parent := b.root
	if len(b.chain) > 0 {
		top := b.chain[len(b.chain)-1]
		parent = top
		if !top.section {
			parent = b.root
			if len(b.chain) > 1 {
				parent = b.chain[len(b.chain)-2]
			}
		}
	}
	b.sinceNumbered++
	base := b.lastItemID
	if base == "" {
		base = parent.id
		if base == "" {
			base = "u"
		}
	}
	subList := inf.numText != "" && isSubListMarker(inf.numText) && parent.numText != ""
	var id string
	if key, ok := strings.CutPrefix(parent.id, "S-"); subList && ok {
		// "а)" under "1.2. Утверждение планов ОО, в том числе:" is
		// 1.2.а: an id from the source numbering, as a number's is.
		id = b.ids.take(key + "." + strings.TrimRight(inf.numText, ")."))
	} else {
		id = b.ids.take(unnumberedItemID(base, b.sinceNumbered))
	}
	var num *string
	switch {
	case subList:
		// "а)" under "1. Оснащение ОО:": a sub-list marker, understood.
		t := inf.numText
		num = &t
	case inf.numText != "":
		t := inf.numText
		num = &t
		b.diag.Add(lr.cellPos(b.l.num), plan.Warning, plan.CodeNumberFormat,
			fmt.Sprintf("номер «%s» не распознан; пункту дан идентификатор %s", t, id), t)
	case b.l.num >= 0 && b.l.reading.GroupNumbers == "":
		b.diag.Add(lr.cellPos(b.l.num), plan.Warning, plan.CodeNoNumber,
			fmt.Sprintf("у мероприятия нет номера; оно сохранено с идентификатором %s", id), inf.act)
	}
	b.addItem(lr, inf, id, num, parent)
}

// addItem appends an item under parent; deadline and executors are filled
// later, once the period and the document's abbreviations are known.
func (b *builder) addItem(lr *lrow, inf rowInfo, id string, num *string, parent *node) *node {
	it := plan.Item{
		ID:          id,
		Number:      num,
		Section:     parent.secID,
		Parent:      parent.id,
		Level:       parent.level + 1,
		Line:        lr.line(),
		Activity:    plan.Text{Text: inf.act},
		Responsible: []plan.Executor{},
	}
	for j, c := range b.l.cols {
		t := lr.text(j)
		switch {
		case t == "":
		case c.Field == plan.FieldResult:
			it.Result.Text = t
		case c.Field == plan.FieldReportForm:
			it.ReportForm.Text = t
		case c.Field == plan.FieldDescription:
			it.Description.Text = t
		case c.Field == plan.FieldExtra:
			if it.Extra == nil {
				it.Extra = map[string]string{}
			}
			it.Extra[c.Header] = t
		}
	}
	for gi, g := range b.l.groups {
		if v := b.groupVals[gi]; v != "" {
			if it.Extra == nil {
				it.Extra = map[string]string{}
			}
			it.Extra[b.l.cols[g].Header] = v
		}
	}
	if !parent.section {
		b.plan.Items[parent.item].HasChildren = true
	}
	b.plan.Items = append(b.plan.Items, it)
	b.itemRows = append(b.itemRows, lr)
	if len(b.itemNodes) == cap(b.itemNodes) {
		// More items than rows counted (not expected): a node of its own.
		return &node{id: id, secID: parent.secID, level: it.Level, item: len(b.plan.Items) - 1}
	}
	b.itemNodes = append(b.itemNodes, node{id: id, secID: parent.secID, level: it.Level, item: len(b.plan.Items) - 1})
	return &b.itemNodes[len(b.itemNodes)-1]
}
