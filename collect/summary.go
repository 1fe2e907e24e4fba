package collect

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/roadmap-tool/roadmap/internal/csvsafe"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// Summary is the state of a plan for a quarter, as `roadmap status`
// shows it: counts per top-level section and per organisation, and the
// items due by the end of the quarter that are not done yet.
type Summary struct {
	Title         string           `json:"title"`
	PlanHash      string           `json:"plan_hash"`
	Quarter       string           `json:"quarter"`
	Sections      []SectionSummary `json:"sections"`
	Organizations []OrgSummary     `json:"organizations"`
	Open          []OpenItem       `json:"open"`

	plan     *plan.Plan
	progress *plan.Progress
}

// Counts maps a status key ("" = no data) to a number of items or answers.
type Counts map[plan.Status]int

// SectionSummary counts the items of one top-level section by their
// aggregated status (plan.Progress.Status).
type SectionSummary struct {
	ID     string `json:"id"`
	Number string `json:"number,omitempty"`
	Title  string `json:"title"`
	Items  int    `json:"items"`
	Counts Counts `json:"by_status"`
}

// OrgSummary counts one organisation's latest answers by status.
type OrgSummary struct {
	Org     string `json:"org"`
	Answers int    `json:"answers"`
	Counts  Counts `json:"by_status"`
}

// OpenItem is an item due by the end of the quarter and not done.
type OpenItem struct {
	ID       string      `json:"id"`
	Number   string      `json:"number,omitempty"`
	Activity string      `json:"activity"`
	Deadline string      `json:"deadline"`
	Status   plan.Status `json:"status"`
	// Overdue is true when the deadline ended before the quarter began:
	// the item is carried forward from an earlier quarter.
	Overdue bool     `json:"overdue"`
	Orgs    []string `json:"orgs,omitempty"` // organisations that answered
}

// Summarize computes the summary of p for quarter q from the latest
// answers. Items without scheduled months (по мере необходимости) are
// counted in their section but never listed as open, since no deadline
// makes them due. A nil prog is no answers (status with no store, which
// panicked).
func Summarize(p *plan.Plan, prog *plan.Progress, q plan.Quarter) *Summary {
	if prog == nil {
		prog = &plan.Progress{}
	}
	s := &Summary{Title: p.Title, PlanHash: p.Hash(), Quarter: q.String(), plan: p, progress: prog}
	secIdx := map[string]int{}
	for _, it := range p.Items {
		top := p.TopSection(it.Section)
		i, ok := secIdx[top]
		if !ok {
			i = len(s.Sections)
			secIdx[top] = i
			ss := SectionSummary{ID: top, Counts: Counts{}}
			if sec := p.SectionByID(top); sec != nil {
				ss.Number, ss.Title = sec.Num(), sec.Title
			}
			s.Sections = append(s.Sections, ss)
		}
		st := prog.Status(it.ID)
		s.Sections[i].Items++
		s.Sections[i].Counts[st]++
		if st != plan.StatusDone && len(it.Deadline.Months) > 0 && it.Deadline.Months[0] <= q.Last() {
			oi := OpenItem{ID: it.ID, Number: it.Num(), Activity: it.Activity.Text, Deadline: it.Deadline.Text,
				Status: st, Overdue: it.Deadline.Last() < q.First()}
			for _, a := range prog.Answers[it.ID] {
				oi.Orgs = append(oi.Orgs, a.Org)
			}
			s.Open = append(s.Open, oi)
		}
	}
	orgs := map[string]*OrgSummary{}
	for _, as := range prog.Answers {
		for _, a := range as {
			o := orgs[a.Org]
			if o == nil {
				o = &OrgSummary{Org: a.Org, Counts: Counts{}}
				orgs[a.Org] = o
			}
			o.Answers++
			o.Counts[a.Status]++
		}
	}
	for _, o := range orgs {
		s.Organizations = append(s.Organizations, *o)
	}
	sort.Slice(s.Organizations, func(i, j int) bool { return NaturalLess(s.Organizations[i].Org, s.Organizations[j].Org) })
	return s
}

// MarshalJSON writes counts with status keys ("none" for no data).
func (c Counts) MarshalJSON() ([]byte, error) {
	m := map[string]int{}
	for _, st := range append([]plan.Status{plan.StatusNone}, plan.Statuses...) {
		k := string(st)
		if k == "" {
			k = "none"
		}
		m[k] = c[st]
	}
	return json.Marshal(m)
}

// WriteJSON writes the summary as indented JSON.
func (s *Summary) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

var countStatuses = append(append([]plan.Status(nil), plan.Statuses...), plan.StatusNone)

// WriteTable prints the summary as aligned Russian tables, in the words
// of lab (status.yaml; nil = the embedded templates).
func (s *Summary) WriteTable(w io.Writer, lab *templates.Labels) error {
	lab = labelsOr(lab)
	sl := &lab.Summary
	q, _ := plan.ParseQuarter(s.Quarter)
	fmt.Fprintf(w, "%s\n%s\n\n", s.Title, templates.Fill(sl.State, "{quarter}", q.Label()))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := func(first, second string) {
		fmt.Fprintf(tw, "%s\t%s", first, second)
		for _, st := range countStatuses {
			fmt.Fprintf(tw, "\t%s", statusHeader(lab, st))
		}
		fmt.Fprintln(tw)
	}
	counts := func(c Counts) {
		for _, st := range countStatuses {
			fmt.Fprintf(tw, "\t%d", c[st])
		}
		fmt.Fprintln(tw)
	}
	header(sl.Section, sl.Items)
	total := Counts{}
	n := 0
	for _, sec := range s.Sections {
		title := sec.Title
		if title == "" && sec.Number == "" { // items outside every section
			title = sl.NoSection
		}
		fmt.Fprintf(tw, "%s\t%d", clip(strings.TrimSpace(sec.Number+" "+title), 50), sec.Items)
		counts(sec.Counts)
		for k, v := range sec.Counts {
			total[k] += v
		}
		n += sec.Items
	}
	fmt.Fprintf(tw, "%s\t%d", sl.Total, n)
	counts(total)
	fmt.Fprintln(tw)
	if len(s.Organizations) == 0 {
		fmt.Fprintln(tw, sl.NoAnswers)
	} else {
		header(sl.Organization, sl.Answers)
		for _, o := range s.Organizations {
			fmt.Fprintf(tw, "%s\t%d", clip(o.Org, 50), o.Answers)
			counts(o.Counts)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s %d\n", sl.Open, len(s.Open))
	if len(s.Open) == 0 {
		return nil
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(sl.OpenColumns, "\t"))
	for _, o := range s.Open {
		mark := lab.Status(o.Status)
		if o.Overdue {
			mark += " " + sl.Overdue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", o.Number, clip(o.Activity, 60), clip(o.Deadline, 30), mark, clip(strings.Join(o.Orgs, ", "), 40))
	}
	return tw.Flush()
}

// WriteCSV writes one row per item and answering organisation (an item
// nobody answered gets one row without an organisation), so that any
// count is a pivot table away. Semicolons and a BOM: what Russian Excel
// opens by double click. The headers come from lab (status.yaml; nil = the
// embedded templates).
func (s *Summary) WriteCSV(w io.Writer, lab *templates.Labels) error {
	lab = labelsOr(lab)
	sl := &lab.Summary
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csvsafe.NewWriter(w) // a school's comment must not run as a formula
	cw.Comma = ';'
	open := map[string]bool{}
	for _, o := range s.Open {
		open[o.ID] = true
	}
	cw.Write(sl.CSVColumns)
	for _, it := range s.plan.Items {
		sec := ""
		if ts := s.plan.SectionByID(s.plan.TopSection(it.Section)); ts != nil {
			sec = strings.TrimSpace(ts.Num() + " " + ts.Title)
		}
		yes := sl.No
		if open[it.ID] {
			yes = sl.Yes
		}
		base := []string{it.Num(), sec, it.Activity.Text, it.Deadline.Text, lab.Status(s.progress.Status(it.ID)), yes}
		as := s.progress.Answers[it.ID]
		if len(as) == 0 {
			cw.Write(append(base, "", "", "", "", "", "", ""))
		}
		for _, a := range as {
			cw.Write(append(base[:6:6], a.Org, lab.Status(a.Status), a.Raw, a.Date, a.Evidence, a.Comment, a.Quarter))
		}
	}
	cw.Flush()
	return cw.Error()
}

// statusHeader is the column title for a status ("Нет данных" for none).
func statusHeader(lab *templates.Labels, st plan.Status) string {
	if st == plan.StatusNone {
		return lab.Summary.NoData
	}
	return lab.Status(st)
}

func labelsOr(lab *templates.Labels) *templates.Labels {
	if lab == nil {
		return templates.Default()
	}
	return lab
}

// NaturalLess orders names with numbers as people expect:
// "Школа № 2" before "Школа № 10".
func NaturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// clip shortens s to n runes for terminal tables, keeping the first line.
func clip(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
