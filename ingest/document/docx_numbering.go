package document

import (
	"strconv"
	"strings"
)

// Word's automatic numbering (numbering.xml) computed as Word renders it.
//
// A paragraph is numbered by a w:numPr (numId, ilvl) of its own or of its
// paragraph style (w:pStyle, through w:basedOn). A w:num points to a
// w:abstractNum, which defines nine levels: start value, format (numFmt),
// label template (lvlText "%1.%2."), when the level restarts (lvlRestart)
// and whether higher levels print as decimals (isLgl). A w:num may
// override levels (lvlOverride: a startOverride, or a whole w:lvl).
//
// Counters belong to the abstract numbering, not to the w:num: as in
// Word, two w:num elements on the same abstractNum continue one list,
// unless a w:num overrides a level's start, which restarts that level at
// the first paragraph of that w:num. Using a level restarts the levels
// below it, each unless its lvlRestart says otherwise (0: never; N: only
// when a level among the first N is used).

const maxLevels = 9

type level struct {
	start   int
	format  numFormat
	text    string // lvlText
	restart int    // -1: default; 0: never; N: after levels 1..N
	isLgl   bool
	pStyle  string
}

type abstractNum struct {
	levels       [maxLevels]*level
	numStyleLink string // the levels are those of the numbering style's list
	styleLink    string
}

type override struct {
	start *int
	lvl   *level
}

type numInstance struct {
	abstract  string
	overrides map[int]override
}

type listCounters struct {
	count   [maxLevels]int
	started [maxLevels]bool
	// startAt holds a level's start after a startOverride restart.
	startAt [maxLevels]*int
}

type numbering struct {
	abstracts map[string]*abstractNum
	nums      map[string]*numInstance
	counters  map[string]*listCounters
	// used records the w:num instances seen, so that a startOverride
	// restarts its level only at the instance's first paragraph.
	used map[string]bool
}

func newNumbering() *numbering {
	return &numbering{abstracts: map[string]*abstractNum{}, nums: map[string]*numInstance{},
		counters: map[string]*listCounters{}, used: map[string]bool{}}
}

func atoiDefault(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

// parseNumbering reads numbering.xml.
func parseNumbering(data []byte) (*numbering, error) {
	n := newNumbering()
	s := newScanner(data)
	var abs *abstractNum
	var inst *numInstance
	var lvl *level
	ovLevel := -1
	for {
		switch s.next() {
		case tokEOF:
			if s.err != nil {
				return nil, s.err
			}
			return n, nil
		case tokEnd:
			if s.space != nsW {
				continue
			}
			switch s.local {
			case "abstractNum":
				abs = nil
			case "num":
				inst = nil
			case "lvl":
				lvl = nil
			case "lvlOverride":
				ovLevel = -1
			}
		case tokStart:
			if s.space != nsW {
				continue
			}
			val, _ := s.attr(nsW, "val")
			switch s.local {
			case "abstractNum":
				id, _ := s.attr(nsW, "abstractNumId")
				abs = &abstractNum{}
				n.abstracts[id] = abs
			case "num":
				id, _ := s.attr(nsW, "numId")
				inst = &numInstance{overrides: map[int]override{}}
				n.nums[id] = inst
			case "abstractNumId":
				if inst != nil {
					inst.abstract = val
				}
			case "lvlOverride":
				il, _ := s.attr(nsW, "ilvl")
				ovLevel = atoiDefault(il, -1)
			case "startOverride":
				if inst != nil && ovLevel >= 0 && ovLevel < maxLevels {
					v := atoiDefault(val, 0)
					o := inst.overrides[ovLevel]
					o.start = &v
					inst.overrides[ovLevel] = o
				}
			case "lvl":
				il, _ := s.attr(nsW, "ilvl")
				i := atoiDefault(il, -1)
				if i < 0 || i >= maxLevels {
					s.skip()
					continue
				}
				lvl = &level{restart: -1}
				switch {
				case inst != nil && ovLevel >= 0:
					o := inst.overrides[i]
					o.lvl = lvl
					inst.overrides[i] = o
				case abs != nil:
					abs.levels[i] = lvl
				}
			case "start":
				if lvl != nil {
					lvl.start = atoiDefault(val, 0)
				}
			case "numFmt":
				if lvl != nil {
					f, ok := wordFormats[val]
					if !ok {
						f = fmtDecimal
					}
					lvl.format = f
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = val
				}
			case "lvlRestart":
				if lvl != nil {
					lvl.restart = atoiDefault(val, -1)
				}
			case "isLgl":
				if lvl != nil {
					lvl.isLgl = onOff(s, true)
				}
			case "pStyle":
				if lvl != nil {
					lvl.pStyle = val
				}
			case "numStyleLink":
				if abs != nil {
					abs.numStyleLink = val
				}
			case "styleLink":
				if abs != nil {
					abs.styleLink = val
				}
			case "legacy", "lvlPicBulletId":
				s.skip()
			}
		}
	}
}

// onOff reads a toggle element such as <w:b/>, <w:b w:val="0"/>.
func onOff(s *scanner, def bool) bool {
	v, ok := s.attr(nsW, "val")
	if !ok {
		return def
	}
	switch v {
	case "0", "false", "off":
		return false
	}
	return true
}

// abstractOf resolves a w:num to its abstract numbering, following a
// numStyleLink to the numbering style's own list.
func (n *numbering) abstractOf(numID string, st *styles) (string, *abstractNum) {
	inst := n.nums[numID]
	if inst == nil {
		return "", nil
	}
	id := inst.abstract
	for range 8 {
		a := n.abstracts[id]
		if a == nil || a.numStyleLink == "" || st == nil {
			return id, a
		}
		linked := st.numID(a.numStyleLink)
		li := n.nums[linked]
		if li == nil || li.abstract == id {
			return id, a
		}
		id = li.abstract
	}
	return id, n.abstracts[id]
}

func (n *numbering) levelDef(inst *numInstance, a *abstractNum, i int) *level {
	if inst != nil {
		if o, ok := inst.overrides[i]; ok && o.lvl != nil {
			return o.lvl
		}
	}
	if a == nil {
		return nil
	}
	return a.levels[i]
}

// levelForStyle finds the level of an abstract numbering linked to a
// paragraph style (w:lvl/w:pStyle), or -1.
func (n *numbering) levelForStyle(numID, styleID string, st *styles) int {
	_, a := n.abstractOf(numID, st)
	if a == nil || styleID == "" {
		return -1
	}
	for i, l := range a.levels {
		if l != nil && l.pStyle == styleID {
			return i
		}
	}
	return -1
}

// label counts one paragraph of list numID at level ilvl and returns the
// label Word prints, and whether it is a bullet. ok is false when the
// paragraph is not numbered after all (numId 0, an unknown list, a level
// without a definition).
func (n *numbering) label(numID string, ilvl int, st *styles) (label string, bullet, ok bool) {
	if numID == "" || numID == "0" || ilvl < 0 || ilvl >= maxLevels {
		return "", false, false
	}
	inst := n.nums[numID]
	absID, a := n.abstractOf(numID, st)
	if inst == nil || a == nil {
		return "", false, false
	}
	def := n.levelDef(inst, a, ilvl)
	if def == nil {
		return "", false, false
	}
	c := n.counters[absID]
	if c == nil {
		c = &listCounters{}
		n.counters[absID] = c
	}
	if !n.used[numID] {
		n.used[numID] = true
		for i, o := range inst.overrides {
			if o.start != nil {
				v := *o.start
				c.started[i], c.startAt[i] = false, &v
			} else if o.lvl != nil {
				c.started[i], c.startAt[i] = false, nil
			}
		}
	}
	startOf := func(i int) int {
		if c.startAt[i] != nil {
			return *c.startAt[i]
		}
		if d := n.levelDef(inst, a, i); d != nil {
			return d.start
		}
		return 0
	}
	if def.format == fmtBullet {
		return def.text, true, true
	}
	if c.started[ilvl] {
		c.count[ilvl]++
	} else {
		c.count[ilvl], c.started[ilvl] = startOf(ilvl), true
	}
	for k := ilvl + 1; k < maxLevels; k++ {
		d := n.levelDef(inst, a, k)
		restart := -1
		if d != nil {
			restart = d.restart
		}
		if restart < 0 || restart > 0 && ilvl < restart {
			c.started[k] = false
			c.startAt[k] = nil
		}
	}
	var b strings.Builder
	text := def.text
	for i := 0; i < len(text); i++ {
		if text[i] != '%' || i+1 >= len(text) || text[i+1] < '1' || text[i+1] > '9' {
			b.WriteByte(text[i])
			continue
		}
		k := int(text[i+1] - '1')
		i++
		v := startOf(k)
		if c.started[k] {
			v = c.count[k]
		}
		f := fmtDecimal
		if d := n.levelDef(inst, a, k); d != nil {
			f = d.format
		}
		if def.isLgl && k != ilvl || f == fmtBullet {
			f = fmtDecimal
		}
		b.WriteString(formatNumber(v, f, true))
	}
	return b.String(), false, true
}
