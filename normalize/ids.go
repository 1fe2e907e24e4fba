package normalize

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// ids hands out unique ids. The scheme (see the package doc) derives every
// id from the source numbering, never from line numbers alone, so that an
// edit elsewhere in the document (a page break moved, a row added to
// another section) does not rename an item that reports refer to.
type ids map[string]bool

// take returns base, or base-2, base-3... when base is taken.
func (u ids) take(base string) string {
	id := base
	for n := 2; u[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	u[id] = true
	return id
}

func sectionID(key string) string { return "S-" + key }

func unnumberedSectionID(ordinal int) string { return "S-u" + strconv.Itoa(ordinal) }

// unnumberedItemID names the n-th unnumbered item after the item (or
// section) with id prev: "1.2.6+1".
func unnumberedItemID(prev string, n int) string { return prev + "+" + strconv.Itoa(n) }

// restartsPerSection reports a document that numbers the rows of each
// section anew (1, 2, 3 under "I.", 1, 2 under "II."): a section after
// one with numbered items opens with item 1. Such a document's item ids
// are qualified by their section (see qualify); a number repeated inside
// one section stays a duplicate.
func restartsPerSection(infos []rowInfo) bool {
	earlier, inSection, first := false, false, true
	for _, inf := range infos {
		if inf.kind == rowHeading || inf.open != nil {
			earlier = earlier || inSection
			inSection, first = false, true
		}
		if inf.kind != rowItem && inf.kind != rowGroup || inf.num == nil || inf.num.kind != numArabic {
			continue
		}
		if first && earlier && len(inf.num.path) == 1 && inf.num.path[0] == 1 {
			return true
		}
		first, inSection = false, true
	}
	return false
}

// sectionQualifier is what qualifies the ids of a section's items when
// numbering restarts per section: its arabic number ("2", "1.2"), a roman
// one's value ("II" -> "2", as officials cite "п. 2.1"), its letter ("Б").
func sectionQualifier(n number) string {
	switch n.kind {
	case numArabic:
		return n.key()
	case numRoman:
		return strconv.Itoa(n.path[0])
	}
	return strings.ToUpper(n.key())
}

// qualify returns the id base of a number under the current section: the
// number's key, or, in a document numbered anew in each section, the
// section's qualifier and the key ("2.1" for item 1 of section II).
func (b *builder) qualify(key string) string {
	if !b.restart || b.root == nil || b.root.qual == "" {
		return key
	}
	return b.root.qual + "." + key
}

// ordinalQualifier names an unnumbered section by its place among the
// sections beside it ("3" for the third), for the ids of its items when
// numbering restarts per section; the caller says so in a diagnostic,
// since the source gives the section no number.
func (b *builder) ordinalQualifier(parent *node) string {
	key := ""
	if parent != nil {
		key = parent.id
	}
	if b.siblings == nil {
		b.siblings = map[string]int{}
	}
	b.siblings[key]++
	q := strconv.Itoa(b.siblings[key])
	if parent != nil && parent.qual != "" {
		q = parent.qual + "." + q
	}
	return q
}

// unnumberedQualifier is ordinalQualifier for an unnumbered section. When
// its items' ids depend on it, the first such section says so once (an
// Info): the source does not number the section, so its place stands for
// its number.
func (b *builder) unnumberedQualifier(parent *node, pos plan.Pos, title string) string {
	q := b.ordinalQualifier(parent)
	if b.restart && !b.toldOrdinal {
		b.toldOrdinal = true
		b.diag.Add(pos, plan.Info, plan.CodeNumberDuplicate,
			fmt.Sprintf("нумерация пунктов начинается заново в каждом разделе, а разделы не пронумерованы: идентификатор пункта составлен из места раздела в документе и номера пункта (пункты этого раздела — %s.1, %s.2…)", q, q), title)
	}
	return q
}
