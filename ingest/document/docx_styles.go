package document

// The little of styles.xml the reader needs: which styles make text bold
// or hidden, and which paragraph styles carry list numbering, each
// property inherited through w:basedOn.

type tri int8 // unset, false, true

const (
	unset tri = iota
	no
	yes
)

type style struct {
	basedOn string
	bold    tri
	vanish  tri
	numID   string // "" unset; "0" removes inherited numbering
	ilvl    int    // -1 unset
}

type styles struct {
	byID        map[string]*style
	defaultPara string
	defaultBold bool
	// resolved remembers each style's inherited properties: every
	// paragraph and run asks for them.
	resolved map[string]*resolvedStyle
}

type resolvedStyle struct {
	bold, vanish tri
	numID        string
	ilvl         int
}

// noStyle is what get gives without a styles part; it is read only.
var noStyle = &resolvedStyle{ilvl: -1}

// get returns a style's properties with inheritance applied (read only:
// the result is shared).
func (st *styles) get(id string) *resolvedStyle {
	if st == nil {
		return noStyle
	}
	if r, ok := st.resolved[id]; ok {
		return r
	}
	r := &resolvedStyle{ilvl: -1}
	st.walk(id, func(s *style) bool {
		if r.bold == unset {
			r.bold = s.bold
		}
		if r.vanish == unset {
			r.vanish = s.vanish
		}
		if r.numID == "" {
			r.numID = s.numID
		}
		if r.ilvl < 0 {
			r.ilvl = s.ilvl
		}
		return false
	})
	if st.resolved == nil {
		st.resolved = map[string]*resolvedStyle{}
	}
	st.resolved[id] = r
	return r
}

func parseStyles(data []byte) (*styles, error) {
	st := &styles{byID: map[string]*style{}}
	s := newScanner(data)
	var cur *style
	inRPr, inDefaults, inPPr := false, false, false
	for {
		switch s.next() {
		case tokEOF:
			return st, s.err
		case tokEnd:
			if s.space != nsW {
				continue
			}
			switch s.local {
			case "style":
				cur = nil
			case "rPr":
				inRPr = false
			case "pPr":
				inPPr = false
			case "docDefaults":
				inDefaults = false
			}
		case tokStart:
			if s.space != nsW {
				continue
			}
			val, _ := s.attr(nsW, "val")
			switch s.local {
			case "docDefaults":
				inDefaults = true
			case "style":
				id, _ := s.attr(nsW, "styleId")
				cur = &style{ilvl: -1}
				st.byID[id] = cur
				if typ, _ := s.attr(nsW, "type"); typ == "paragraph" {
					if d, _ := s.attr(nsW, "default"); d == "1" || d == "true" {
						st.defaultPara = id
					}
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = val
				}
			case "rPr":
				inRPr = true
			case "pPr":
				inPPr = true
			case "b":
				if inRPr {
					on := onOff(s, true)
					if cur != nil {
						cur.bold = triOf(on)
					} else if inDefaults {
						st.defaultBold = on
					}
				}
			case "vanish":
				if inRPr && cur != nil {
					cur.vanish = triOf(onOff(s, true))
				}
			case "numId":
				if inPPr && cur != nil {
					cur.numID = val
				}
			case "ilvl":
				if inPPr && cur != nil {
					cur.ilvl = atoiDefault(val, -1)
				}
			case "rPrChange", "pPrChange", "tblStylePr":
				// old formatting of a tracked change, conditional table
				// formatting: not the style's own properties.
				s.skip()
			}
		}
	}
}

func triOf(b bool) tri {
	if b {
		return yes
	}
	return no
}

// walk calls f on the style and its ancestors until f returns true.
func (st *styles) walk(id string, f func(*style) bool) {
	if st == nil {
		return
	}
	for range 32 {
		s := st.byID[id]
		if s == nil || f(s) {
			return
		}
		id = s.basedOn
	}
}

func (st *styles) bold(id string) tri { return st.get(id).bold }

func (st *styles) vanish(id string) tri { return st.get(id).vanish }

// numID returns the list a paragraph style numbers its paragraphs with.
func (st *styles) numID(id string) string { return st.get(id).numID }

// ilvl returns the list level a paragraph style sets, or -1.
func (st *styles) ilvl(id string) int { return st.get(id).ilvl }
