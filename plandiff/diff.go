package plandiff

import (
	"sort"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Options tunes the matching. The zero value takes the defaults.
type Options struct {
	// Threshold is the lowest similarity of activity texts at which two
	// items with different numbers are taken for one item.
	Threshold float64
	// MinSameNumber is the lowest similarity at which two items with the
	// same number are: a reworded item keeps its number more often than
	// another item takes it.
	MinSameNumber float64
}

// Defaults of Options, tuned on the seeds and their edited copies
// (plandiff_test.go). Of the 5,566 pairs of distinct items within the two
// seeds, 9 reach a similarity of 0.72 or more (two are word for word the
// same, others share long formulas such as "Организация и проведение
// муниципальных конкурсов"); the reworded items of the fixtures score
// 0.75 to 0.94. A text match and a same-number match are taken before
// any such pair is looked at, so a near twin is only ever matched when
// its own counterpart is gone and it still scores 0.72; with the same
// number, 0.45 keeps an item whose wording changed by half.
const (
	DefaultThreshold     = 0.72
	DefaultMinSameNumber = 0.45
)

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.MinSameNumber <= 0 {
		o.MinSameNumber = DefaultMinSameNumber
	}
	return o
}

// Diff is what changed from one version of a plan to the next.
type Diff struct {
	Old       Version `json:"old"`
	New       Version `json:"new"`
	Threshold float64 `json:"threshold"`
	Summary   Summary `json:"summary"`
	// Matches pairs each old item with its new self, in the new order:
	// the map along which answers collected for the old version carry
	// over to the new one (Carry).
	Matches []Match `json:"matches"`
	// Added are the new version's items that match no old item, in order.
	Added []Ref `json:"added"`
	// Removed are the old version's items that match no new item.
	Removed []Ref `json:"removed"`
	// Changed are the matched items whose content changed.
	Changed []Change `json:"changed"`
	// Moved are the matched items now in another section.
	Moved []Move `json:"moved"`
}

// Version names one side of the comparison: what the heading of a
// change sheet says of each version.
type Version struct {
	Title string `json:"title"`
	// Amendment is the plan's amendment lines ("в ред. приказа от
	// 13.03.2023 № 45"), "" for a version that has none (Amendment).
	Amendment string       `json:"amendment,omitempty"`
	Period    *plan.Period `json:"period,omitempty"` // nil when unknown
	Source    string       `json:"source"`
	Items     int          `json:"items"`
}

func version(p *plan.Plan) Version {
	v := Version{Title: p.Title, Amendment: Amendment(p), Source: p.Source.Path, Items: len(p.Items)}
	if !p.Period.IsZero() {
		per := p.Period
		v.Period = &per
	}
	return v
}

// Summary counts the items by what happened to them.
type Summary struct {
	Matched    int `json:"matched"`
	Unchanged  int `json:"unchanged"`
	Changed    int `json:"changed"`
	Renumbered int `json:"renumbered"`
	Moved      int `json:"moved"`
	Added      int `json:"added"`
	Removed    int `json:"removed"`
}

// Ref is an item of one version, with what a change sheet lists of an
// item added or removed.
type Ref struct {
	ID          string `json:"id"`
	Number      string `json:"number"`
	Section     string `json:"section,omitempty"` // the section's number and title
	Activity    string `json:"activity"`
	Deadline    string `json:"deadline,omitempty"`
	Responsible string `json:"responsible,omitempty"`
}

// Match says an old item is a new one.
type Match struct {
	Old Ref `json:"old"`
	New Ref `json:"new"`
	// By is how: "text" (the same text), "number" (the same number and a
	// similar text) or "similar" (a similar text under another number).
	By         string  `json:"by"`
	Similarity float64 `json:"similarity"`
	Renumbered bool    `json:"renumbered,omitempty"`
}

// Change is a matched item whose content changed, field by field; a
// field that did not change is nil.
type Change struct {
	Old         Ref                `json:"old"`
	New         Ref                `json:"new"`
	Activity    []Span             `json:"activity,omitempty"`
	Deadline    *DeadlineChange    `json:"deadline,omitempty"`
	Responsible *ResponsibleChange `json:"responsible,omitempty"`
	Result      []Span             `json:"result,omitempty"`
	ReportForm  []Span             `json:"report_form,omitempty"`
	Extra       map[string][]Span  `json:"extra,omitempty"`
}

// DeadlineChange is a changed deadline: its texts, and the months it no
// longer or newly covers.
type DeadlineChange struct {
	Old           string   `json:"old"`
	New           string   `json:"new"`
	MonthsRemoved []string `json:"months_removed,omitempty"`
	MonthsAdded   []string `json:"months_added,omitempty"`
}

// ResponsibleChange lists the executors no longer and newly named.
type ResponsibleChange struct {
	Old     string   `json:"old"`
	New     string   `json:"new"`
	Removed []string `json:"removed,omitempty"`
	Added   []string `json:"added,omitempty"`
}

// Move is a matched item now in another section.
type Move struct {
	Old  Ref    `json:"old"`
	New  Ref    `json:"new"`
	From string `json:"from"` // old section's title
	To   string `json:"to"`   // new section's title
}

// TitleChanged reports a changed title, compared as normalized text (the
// amendment lines are not in it: a new one is what a new version has,
// not a new name).
func (d *Diff) TitleChanged() bool { return normText(d.Old.Title) != normText(d.New.Title) }

// PeriodChanged reports a changed period of the plan.
func (d *Diff) PeriodChanged() bool {
	a, b := d.Old.Period, d.New.Period
	return (a == nil) != (b == nil) || a != nil && *a != *b
}

// Differs reports whether the versions differ at all: an item added,
// removed, changed, moved or renumbered, or the title, its amendment
// line or the period changed. A section renamed with all its items the
// same is not a difference: items are what is tracked.
func (d *Diff) Differs() bool {
	s := d.Summary
	return s.Added+s.Removed+s.Changed+s.Moved+s.Renumbered > 0 || d.TitleChanged() || d.PeriodChanged() ||
		normText(d.Old.Amendment) != normText(d.New.Amendment)
}

// Carry maps each matched old item id to its new id.
func (d *Diff) Carry() map[string]string {
	m := make(map[string]string, len(d.Matches))
	for _, x := range d.Matches {
		m[x.Old.ID] = x.New.ID
	}
	return m
}

// item is one side's item prepared for matching.
type item struct {
	it      *plan.Item
	num     string
	norm    string
	bag     bag
	section string // the section's normalized title
}

func prepare(p *plan.Plan) []item {
	titles := map[string]string{} // normalized, once per section
	for _, s := range p.Sections {
		titles[s.ID] = normText(s.Title)
	}
	out := make([]item, len(p.Items))
	for i := range p.Items {
		it := &p.Items[i]
		n := normText(it.Activity.Text)
		out[i] = item{it: it, num: strings.TrimSuffix(strings.TrimSpace(it.Num()), "."), norm: n, bag: newBag(n),
			section: titles[it.Section]}
	}
	return out
}

func ref(p *plan.Plan, it *plan.Item) Ref {
	r := Ref{ID: it.ID, Number: it.Num(), Activity: it.Activity.Text, Deadline: it.Deadline.Text, Responsible: it.ResponsibleText()}
	if s := p.SectionByID(it.Section); s != nil {
		r.Section = strings.TrimSpace(s.Num() + " " + s.Title)
	}
	return r
}

// Compare matches the items of two versions of a plan and lists what
// changed.
func Compare(old, new *plan.Plan, opts Options) *Diff {
	opts = opts.withDefaults()
	a, b := prepare(old), prepare(new)
	pairOf := matchItems(a, b, opts)

	d := &Diff{
		Old:       version(old),
		New:       version(new),
		Threshold: opts.Threshold,
		Matches:   []Match{}, Added: []Ref{}, Removed: []Ref{}, Changed: []Change{}, Moved: []Move{},
	}
	sectionMap := matchSections(old, new, a, b, pairOf)
	oldMatched := make([]bool, len(a))
	for j := range b {
		p, ok := pairOf[j]
		if !ok {
			d.Added = append(d.Added, ref(new, b[j].it))
			continue
		}
		oi, ni := a[p.old].it, b[j].it
		oldMatched[p.old] = true
		m := Match{Old: ref(old, oi), New: ref(new, ni), By: p.by, Similarity: round(p.sim),
			Renumbered: a[p.old].num != b[j].num}
		d.Matches = append(d.Matches, m)
		if m.Renumbered {
			d.Summary.Renumbered++
		}
		if to, ok := sectionMap[oi.Section]; !ok || to != ni.Section {
			d.Moved = append(d.Moved, Move{Old: m.Old, New: m.New, From: m.Old.Section, To: m.New.Section})
		}
		if c, changed := compareItems(old, new, oi, ni); changed {
			c.Old, c.New = m.Old, m.New
			d.Changed = append(d.Changed, c)
		}
	}
	for i := range a {
		if !oldMatched[i] {
			d.Removed = append(d.Removed, ref(old, a[i].it))
		}
	}
	d.Summary.Matched = len(d.Matches)
	d.Summary.Changed = len(d.Changed)
	d.Summary.Moved = len(d.Moved)
	d.Summary.Added = len(d.Added)
	d.Summary.Removed = len(d.Removed)
	d.Summary.Unchanged = d.Summary.Matched - d.Summary.Changed
	return d
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

type pair struct {
	old int
	by  string
	sim float64
}

// matchItems returns, for each new item matched, its old item.
func matchItems(a, b []item, opts Options) map[int]pair {
	out := map[int]pair{}
	usedOld := make([]bool, len(a))
	// 1. The same text: the nearest unused old item with it, same number
	// first, then in order.
	byText := map[string][]int{}
	for i := range a {
		byText[a[i].norm] = append(byText[a[i].norm], i)
	}
	for j := range b {
		cands := byText[b[j].norm]
		best := -1
		for _, i := range cands {
			if usedOld[i] {
				continue
			}
			if best < 0 || a[i].num == b[j].num && a[best].num != b[j].num {
				best = i
			}
		}
		if best >= 0 && b[j].norm != "" {
			usedOld[best] = true
			out[j] = pair{best, "text", 1}
		}
	}
	// 2. Similar texts, scored, best first. Candidates share a word that
	// is rare in the old version, so that not every pair is scored.
	df := map[string]int{}
	for i := range a {
		for w := range a[i].bag.words {
			df[w]++
		}
	}
	index := map[string][]int{}
	for i := range a {
		if usedOld[i] {
			continue
		}
		for w := range a[i].bag.words {
			if df[w] <= max(len(a)/10, 5) {
				index[w] = append(index[w], i)
			}
		}
	}
	byNumber := map[string][]int{}
	for i := range a {
		if !usedOld[i] && a[i].num != "" {
			byNumber[a[i].num] = append(byNumber[a[i].num], i)
		}
	}
	type scored struct {
		old, new   int
		sim, score float64
	}
	var cands []scored
	for j := range b {
		if _, ok := out[j]; ok {
			continue
		}
		seen := map[int]bool{}
		consider := func(i int) {
			if seen[i] || usedOld[i] {
				return
			}
			seen[i] = true
			sim := dice(a[i].bag, b[j].bag)
			need := opts.Threshold
			sameNum := a[i].num != "" && a[i].num == b[j].num
			if sameNum {
				need = opts.MinSameNumber
			}
			if sim < need {
				return
			}
			score := sim + context(a[i], b[j])
			if sameNum {
				score += 0.1
			}
			cands = append(cands, scored{i, j, sim, score})
		}
		for _, i := range byNumber[b[j].num] {
			consider(i)
		}
		for w := range b[j].bag.words {
			for _, i := range index[w] {
				consider(i)
			}
		}
	}
	sort.Slice(cands, func(x, y int) bool {
		if cands[x].score != cands[y].score {
			return cands[x].score > cands[y].score
		}
		if cands[x].new != cands[y].new {
			return cands[x].new < cands[y].new
		}
		return cands[x].old < cands[y].old
	})
	for _, c := range cands {
		if usedOld[c.old] {
			continue
		}
		if _, ok := out[c.new]; ok {
			continue
		}
		usedOld[c.old] = true
		by := "similar"
		if a[c.old].num == b[c.new].num {
			by = "number"
		}
		out[c.new] = pair{c.old, by, c.sim}
	}
	return out
}

// context scores how much else two items share: their deadline,
// executors, result and section, a little each, to break ties between
// texts alike.
func context(x, y item) float64 {
	s := 0.0
	if x.it.Deadline.Text == y.it.Deadline.Text {
		s += 0.05
	}
	if x.it.ResponsibleText() == y.it.ResponsibleText() {
		s += 0.05
	}
	if normText(x.it.Result.Text) == normText(y.it.Result.Text) {
		s += 0.05
	}
	if x.section == y.section {
		s += 0.05
	}
	return s
}

// matchSections maps each old section id to the new section most of its
// matched items are in; a section without matched items goes to the new
// section of the same title, if any.
func matchSections(old, new *plan.Plan, a, b []item, pairOf map[int]pair) map[string]string {
	votes := map[string]map[string]int{}
	for j, p := range pairOf {
		from, to := a[p.old].it.Section, b[j].it.Section
		if votes[from] == nil {
			votes[from] = map[string]int{}
		}
		votes[from][to]++
	}
	out := map[string]string{}
	for from, v := range votes {
		best, n := "", -1
		for to, c := range v {
			if c > n || c == n && to < best {
				best, n = to, c
			}
		}
		out[from] = best
	}
	byTitle := map[string]string{}
	for _, s := range new.Sections {
		byTitle[normText(s.Title)] = s.ID
	}
	for _, s := range old.Sections {
		if _, ok := out[s.ID]; !ok {
			if to, ok := byTitle[normText(s.Title)]; ok {
				out[s.ID] = to
			}
		}
	}
	return out
}

// compareItems lists the fields of a matched pair that changed. Texts
// are compared with white space folded; the deadline by its text and by
// its months; executors as sets of their canonical names.
func compareItems(old, new *plan.Plan, x, y *plan.Item) (Change, bool) {
	var c Change
	changed := false
	text := func(o, n string) []Span {
		if o == n || sameSpaced(o, n) {
			return nil
		}
		changed = true
		return WordDiff(o, n)
	}
	c.Activity = text(x.Activity.Text, y.Activity.Text)
	c.Result = text(x.Result.Text, y.Result.Text)
	c.ReportForm = text(x.ReportForm.Text, y.ReportForm.Text)
	if dc := deadlineChange(x.Deadline, y.Deadline); dc != nil {
		c.Deadline, changed = dc, true
	}
	if rc := responsibleChange(x, y); rc != nil {
		c.Responsible, changed = rc, true
	}
	keys := map[string]bool{}
	for k := range x.Extra {
		keys[k] = true
	}
	for k := range y.Extra {
		keys[k] = true
	}
	for k := range keys {
		if s := text(x.Extra[k], y.Extra[k]); s != nil {
			if c.Extra == nil {
				c.Extra = map[string][]Span{}
			}
			c.Extra[k] = s
		}
	}
	return c, changed
}

func deadlineChange(x, y plan.Schedule) *DeadlineChange {
	sameText := x.Text == y.Text || sameSpaced(x.Text, y.Text)
	had := map[plan.Month]bool{}
	for _, m := range x.Months {
		had[m] = true
	}
	has := map[plan.Month]bool{}
	for _, m := range y.Months {
		has[m] = true
	}
	dc := &DeadlineChange{Old: x.Text, New: y.Text}
	for _, m := range x.Months {
		if !has[m] {
			dc.MonthsRemoved = append(dc.MonthsRemoved, m.String())
		}
	}
	for _, m := range y.Months {
		if !had[m] {
			dc.MonthsAdded = append(dc.MonthsAdded, m.String())
		}
	}
	if sameText && dc.MonthsRemoved == nil && dc.MonthsAdded == nil {
		return nil
	}
	return dc
}

func executorKey(e plan.Executor) string {
	if e.Org != "" {
		return e.Org
	}
	return strings.TrimSpace(e.Text)
}

func responsibleChange(x, y *plan.Item) *ResponsibleChange {
	had, has := map[string]bool{}, map[string]bool{}
	for _, e := range x.Responsible {
		had[executorKey(e)] = true
	}
	for _, e := range y.Responsible {
		has[executorKey(e)] = true
	}
	rc := &ResponsibleChange{Old: x.ResponsibleText(), New: y.ResponsibleText()}
	for _, e := range x.Responsible {
		if k := executorKey(e); !has[k] {
			rc.Removed = append(rc.Removed, k)
			has[k] = true // once
		}
	}
	for _, e := range y.Responsible {
		if k := executorKey(e); !had[k] {
			rc.Added = append(rc.Added, k)
			had[k] = true
		}
	}
	if rc.Removed == nil && rc.Added == nil {
		return nil
	}
	return rc
}

// sameSpaced reports whether two texts are the same but for white space.
func sameSpaced(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}
