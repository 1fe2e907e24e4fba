package normalize

import (
	"fmt"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// node is an open position in the tree: a heading section (the root of a
// numbering tree), a group section made from a numbered row without
// content, or an item.
type node struct {
	id      string
	path    []int // numbering components; nil when unnumbered
	section bool
	secID   string // innermost section at or above the node
	level   int
	item    int    // index in plan.Items when !section
	numText string // the number as printed
	// qual qualifies the ids of a section's items when numbering restarts
	// per section ("2" for "II."); "" for none (ids.go).
	qual string
	// last child's number, for the gap check
	last []int
}

// openHeading starts a heading section: a row with one text (bold, a
// numbered or roman heading, "Раздел 2", or an unnumbered heading).
// Headings nest by arabic numbering ("1.2." under "1."); every other
// heading is top level. A heading closes the numbering tree of the
// previous one.
func (b *builder) openHeading(lr *lrow, inf rowInfo) {
	j := int(inf.headCol)
	text := lr.cells[j]
	n, title, ok := headingPrefix(text)
	if inf.num != nil {
		// "II" in the number column, its title in the activity column.
		n, title, ok = *inf.num, inf.act, true
		j = b.l.num
		text = n.text + " " + title
	}
	var parent *node
	level := 1
	if ok && n.kind == numArabic && len(n.path) > 1 {
		for k := len(b.headings) - 1; k >= 0; k-- {
			if h := b.headings[k]; h.path != nil && len(h.path) < len(n.path) && hasPrefix(n.path, h.path) {
				parent, level = h, h.level+1
				break
			}
		}
	}
	for len(b.headings) > 0 && b.headings[len(b.headings)-1].level >= level {
		b.headings = b.headings[:len(b.headings)-1]
	}
	s := plan.Section{Title: title, Level: level, Line: lr.line(), Kind: n.word}
	if !ok {
		if kind, t, named := headingKind(title); named {
			s.Kind, s.Title = kind, t
		}
	}
	if parent != nil {
		s.Parent = parent.id
	}
	nd := &node{section: true, level: level}
	pos := lr.cellPos(j)
	if ok {
		num := n.text
		s.Number = &num
		nd.path, nd.numText = n.path, n.text
		key := n.key()
		if prev, dup := b.headingSeen[key]; dup {
			b.diag.Add(pos, plan.Warning, plan.CodeNumberDuplicate,
				fmt.Sprintf("номер раздела %s уже встречался в строке %d", n.text, prev), text)
		} else {
			b.headingSeen[key] = lr.line()
		}
		if level == 1 {
			v := n.path[0]
			if len(n.path) == 1 && b.lastHeading > 0 && v > b.lastHeading+1 && n.kind == b.lastHeadingKind {
				b.diag.Add(pos, plan.Warning, plan.CodeNumberGap,
					fmt.Sprintf("пропущены разделы между %d и %d", b.lastHeading, v), text)
			}
			b.lastHeading, b.lastHeadingKind = v, n.kind
		}
		s.ID = b.ids.take(sectionID(key))
		nd.qual = sectionQualifier(n)
		b.ordinalQualifier(parent) // counted among its siblings
	} else {
		b.unnumbered++
		s.ID = b.ids.take(unnumberedSectionID(b.unnumbered))
		nd.qual = b.unnumberedQualifier(parent, pos, text)
	}
	nd.id, nd.secID = s.ID, s.ID
	b.plan.Sections = append(b.plan.Sections, s)
	b.headings = append(b.headings, nd)
	b.root = nd
	b.chain = b.chain[:0]
	b.lastItemID, b.sinceNumbered = "", 0
	clear(b.groupNodes)
	clear(b.groupVals)
	if inf.figures {
		b.addTotal(lr, int(inf.headCol), s.ID, true)
	}
}

// openGroups opens the sections of the grouping columns' values that
// change on this row ("Этап 1. Подготовительный", "Направление:
// кадры"): each grouping column is a level of sections under the
// innermost heading, the leftmost outermost. A value keeps its printed
// number and keyword; the number column's number goes to the group when
// it numbers the groups.
func (b *builder) openGroups(lr *lrow, inf rowInfo) {
	innermost := -1
	for gi, t := range inf.open.values {
		if t != "" {
			innermost = gi
		}
	}
	for gi, t := range inf.open.values {
		if t == "" {
			continue
		}
		clear(b.groupNodes[gi:])
		clear(b.groupVals[gi:])
		var parent *node
		for k := gi - 1; k >= 0 && parent == nil; k-- {
			parent = b.groupNodes[k]
		}
		if parent == nil && len(b.headings) > 0 {
			parent = b.headings[len(b.headings)-1]
		}
		s := plan.Section{Title: t, Level: 1, Line: lr.line(), Kind: b.l.groupKinds[gi]}
		if parent != nil {
			s.Parent, s.Level = parent.id, parent.level+1
		}
		n, title, ok := headingPrefix(t)
		switch {
		case ok:
			s.Title = title
			if n.word != "" {
				s.Kind = n.word
			}
		case gi == innermost && inf.open.num != "":
			n, ok = parseNumber(inf.open.num)
			if !ok {
				n, ok = number{text: inf.open.num}, true
			}
		default:
			if kind, rest, named := headingKind(t); named {
				s.Kind, s.Title = kind, rest
			}
		}
		nd := &node{section: true, level: s.Level}
		if ok {
			num := n.text
			s.Number = &num
			key := n.key()
			if key == "" {
				key = strings.TrimRight(n.text, ".)")
			}
			s.ID = b.ids.take(sectionID(key))
			if n.kind == numArabic {
				nd.path, nd.numText = n.path, n.text
			}
			nd.qual = strings.ToUpper(key)
			if n.kind != 0 {
				nd.qual = sectionQualifier(n)
			}
			b.ordinalQualifier(parent)
		} else {
			b.unnumbered++
			s.ID = b.ids.take(unnumberedSectionID(b.unnumbered))
			nd.qual = b.unnumberedQualifier(parent, lr.cellPos(b.l.groups[gi]), t)
		}
		nd.id, nd.secID = s.ID, s.ID
		b.plan.Sections = append(b.plan.Sections, s)
		b.groupNodes[gi], b.groupVals[gi] = nd, t
	}
	for _, nd := range b.groupNodes {
		if nd != nil {
			b.root = nd
		}
	}
	b.chain = b.chain[:0]
	b.lastItemID, b.sinceNumbered = "", 0
}

// openGroup makes a section from a numbered row that only names a group
// of the items numbered under it (Derbent "1.1 Система оценки ...").
func (b *builder) openGroup(lr *lrow, n number, parent *node) *node {
	num := n.text
	s := plan.Section{
		ID:     b.ids.take(sectionID(b.qualify(n.key()))),
		Number: &num,
		Title:  lr.text(b.l.act),
		Parent: parent.secID,
		Level:  parent.level + 1,
		Line:   lr.line(),
	}
	// "1. | Задача 1. Обеспечение ...": the title names the kind.
	if m, _, ok := headingPrefix(s.Title); ok && m.word != "" {
		s.Kind = m.word
	} else if kind, _, ok := headingKind(s.Title); ok {
		s.Kind = kind
	}
	b.plan.Sections = append(b.plan.Sections, s)
	return &node{id: s.ID, path: n.path, section: true, secID: s.ID, level: s.Level}
}

func (nd *node) numberText() string {
	if nd.numText != "" {
		return nd.numText
	}
	return pathString(nd.path)
}
