package normalize

import "strconv"

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
