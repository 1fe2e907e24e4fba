package normalize

import (
	"fmt"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

type rowKind int

const (
	rowItem    rowKind = iota
	rowHeading         // one text: a section heading
	rowGroup           // numbered, only a title, items numbered under it
)

// rowInfo is what a logical row is, before it is placed in the tree.
type rowInfo struct {
	kind    rowKind
	headCol int     // rowHeading: the column holding the text
	num     *number // parsed number, nil when absent or unreadable
	numText string  // the number as printed ("" when empty)
	act     string  // activity text (without a number glued to it)
}

// classify decides what each logical row is. A row with a single text in
// the number or activity column is a heading; a numbered row whose only
// other text is its title is a group when rows numbered under it follow
// (or when it is bold), and an item otherwise: a row with a deadline, an
// executor or a result is always an item, even with items under it.
func (b *builder) classify(rows []*lrow) []rowInfo {
	l := b.l
	infos := make([]rowInfo, len(rows))
	for i, lr := range rows {
		inf := &infos[i]
		filled := lr.filled()
		inf.numText = lr.text(l.num)
		inf.act = lr.text(l.act)
		if len(filled) == 1 {
			j := filled[0]
			_, pure := parseNumber(lr.cells[j])
			if !(j == l.num && pure) && (lr.src.NoTabs || j == l.num || j == l.act || j == 0) {
				inf.kind, inf.headCol = rowHeading, j
				continue
			}
		}
		switch {
		case inf.numText != "":
			if n, ok := parseNumber(inf.numText); ok {
				inf.num = &n
			} else if n, rest, ok := headingPrefix(inf.numText); ok && n.kind == numArabic && inf.act == "" {
				inf.num, inf.act, inf.numText = &n, rest, n.text
			}
		case l.num < 0 && inf.act != "":
			if n, rest, ok := headingPrefix(inf.act); ok && n.kind == numArabic {
				inf.num, inf.act, inf.numText = &n, rest, n.text
			}
		}
		if inf.num != nil && inf.act != "" && onlyNumberAndTitle(lr, l) {
			inf.kind = rowGroup // confirmed below
			if inf.num.kind != numArabic {
				// "II | МЕХАНИЗМЫ ...": a part, not a group of the
				// arabic numbering.
				inf.kind = rowHeading
			}
		}
	}
	for i := range infos {
		if infos[i].kind == rowGroup && !rows[i].bold[l.act] && !hasChildren(infos, i) {
			infos[i].kind = rowItem
		}
	}
	return infos
}

func onlyNumberAndTitle(lr *lrow, l *layout) bool {
	for _, j := range lr.filled() {
		if j != l.num && j != l.act {
			return false
		}
	}
	return true
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
	pos := lr.cellPos(b.l.num)
	if b.l.num < 0 {
		pos = lr.cellPos(b.l.act)
	}
	k := len(n.path)
	if n.kind == numArabic {
		b.styles = append(b.styles, numberStyle{depth: k, dot: n.dot, pos: pos, text: n.text})
	}
	for len(b.chain) > 0 && len(b.chain[len(b.chain)-1].path) >= k {
		b.chain = b.chain[:len(b.chain)-1]
	}
	parent := b.root
	if len(b.chain) > 0 {
		parent = b.chain[len(b.chain)-1]
	}
	b.checkNumber(n, parent, pos, lr)

	if inf.kind == rowGroup && parent.section {
		nd := b.openGroup(lr, n, parent)
		nd.numText = n.text
		b.chain = append(b.chain, nd)
		b.lastItemID, b.sinceNumbered = "", 0
		return
	}
	id := b.ids.take(n.key())
	num := n.text
	nd := b.addItem(lr, inf, id, &num, parent)
	nd.path, nd.numText = n.path, n.text
	b.chain = append(b.chain, nd)
	b.lastItemID, b.sinceNumbered = id, 0
}

// checkNumber reports a number that does not continue its parent's
// numbering (prefix), skips numbers (gap), goes backwards, or repeats.
func (b *builder) checkNumber(n number, parent *node, pos plan.Pos, lr *lrow) {
	k := len(n.path)
	key := n.key()
	reported := false
	if prev, dup := b.numSeen[key]; dup && !(k == 1 && prev.root != b.root) {
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
				b.diag.Add(pos, plan.Warning, plan.CodeNumberGap, missingText(nil, 1, v-1), n.text)
			}
		case v == b.lastTop+1, v == 1 && b.lastTopRoot != b.root, v == b.lastTop:
		case v > b.lastTop+1:
			b.diag.Add(pos, plan.Warning, plan.CodeNumberGap, missingText(nil, b.lastTop+1, v-1), n.text)
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
			b.diag.Add(pos, plan.Warning, plan.CodeNumberGap, missingText(prefix, 1, v-1), n.text)
		}
	case len(last) != k || !hasPrefix(n.path, last[:k-1]):
		// another prefix: already reported above, or a new branch
	case v > last[k-1]+1:
		b.diag.Add(pos, plan.Warning, plan.CodeNumberGap, missingText(prefix, last[k-1]+1, v-1), n.text)
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
	id := b.ids.take(unnumberedItemID(base, b.sinceNumbered))
	var num *string
	switch {
	case inf.numText != "":
		t := inf.numText
		num = &t
		b.diag.Add(lr.cellPos(b.l.num), plan.Warning, plan.CodeNumberFormat,
			fmt.Sprintf("номер «%s» не распознан; пункту дан идентификатор %s", t, id), t)
	case b.l.num >= 0:
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
	if !parent.section {
		b.plan.Items[parent.item].HasChildren = true
	}
	b.plan.Items = append(b.plan.Items, it)
	b.itemRows = append(b.itemRows, lr)
	return &node{id: id, secID: parent.secID, level: it.Level, item: len(b.plan.Items) - 1}
}
