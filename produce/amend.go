package produce

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/plandiff"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/templates"
)

// VersionStore is what the versions of a plan need of a status store:
// *store.Store is one.
type VersionStore interface {
	Store
	Plan(hash string) (*plan.Plan, error)
	Chain(hash string) ([]store.Version, error)
	InForce(hash, quarter string) (store.Version, error)
	Amend(ctx context.Context, a store.NewAmendment) error
	AnswerCounts(p *plan.Plan) (map[string]int, error)
	QuarterCounts(hash string) (map[string]int, error)
}

// AmendOptions configure Amend.
type AmendOptions struct {
	// Quarter from which the new version is in force; nil = the quarter
	// of Now within the new plan's period (Quarter).
	Quarter *plan.Quarter
	// Now is when the amendment is registered; zero = time.Now().
	Now time.Time
}

// Amendment is what Amend did.
type Amendment struct {
	Diff      *plandiff.Diff
	Title     string       // the new version's title
	Amendment string       // and its amendment lines (plandiff.Amendment)
	Version   int          // its number in the chain, 1 for the first version
	Effective plan.Quarter // in force from
	// Carried counts the answers stored for matched items: every version
	// reads them, the new one under the new items' ids.
	Carried int
	// Kept are the removed items that have answers: those stay with the
	// old version (and the versions before it), readable there, never
	// dropped.
	Kept []KeptItem
}

// KeptItem is a removed item and the answers stored for it.
type KeptItem struct {
	plandiff.Ref
	Answers int
}

// Amend registers new as the successor of old in st: old must be in the
// store and not already replaced, new must differ from it and not be in
// a chain already. The two versions are compared (Compare) and the
// comparison recorded with the map of items along which the answers
// collected so far count for the new version; the answers themselves
// stay where they are, those of removed items under the old version.
// From the quarter the new version is in force, documents built with the
// store use it (InForce).
func Amend(ctx context.Context, st VersionStore, old, new *plan.Plan, o AmendOptions) (*Amendment, error) {
	o.Now = amendNow(o)
	a, err := PreviewAmend(ctx, st, old, new, o)
	if err != nil {
		return nil, err
	}
	var js bytes.Buffer
	if err := plandiff.WriteJSON(&js, a.Diff); err != nil {
		return nil, err
	}
	names := old.Source.Path + " → " + new.Source.Path
	err = st.Amend(ctx, store.NewAmendment{Old: old, New: new, Effective: a.Effective.String(), Carry: a.Diff.Carry(), Diff: js.Bytes(), Now: o.Now})
	var replaced *store.ReplacedError
	switch {
	case errors.As(err, &replaced):
		return nil, replacedError(old, replaced)
	case errors.Is(err, store.ErrInChain):
		return nil, fmt.Errorf("%s: %w", new.Source.Path, err)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", names, err)
	}
	return a, nil
}

// PreviewAmend is what Amend would do, registering nothing: the
// comparison, the version's number and quarter, the answers that would
// count for the new version and the removed items whose answers would
// stay with the old one; refused for the reasons Amend refuses (the same
// plan, an old version not in st or already replaced, nothing matched).
// The web app shows it before a department accepts a new version.
func PreviewAmend(ctx context.Context, st VersionStore, old, new *plan.Plan, o AmendOptions) (*Amendment, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	names := old.Source.Path + " → " + new.Source.Path
	oldHash := old.Hash()
	if oldHash == new.Hash() {
		return nil, fmt.Errorf("%s: %w: регистрировать нечего", names, store.ErrSameVersion)
	}
	chain, err := st.Chain(oldHash)
	if errors.Is(err, store.ErrNoPlan) {
		return nil, fmt.Errorf("%s: прежней редакции нет в базе %s: сначала зарегистрируйте ее (roadmap checklists --db, roadmap collect --plan)",
			old.Source.Path, storeName(st))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", storeName(st), err)
	}
	i := versionIndex(chain, oldHash)
	if i+1 < len(chain) {
		return nil, replacedError(old, &store.ReplacedError{By: chain[i+1]})
	}
	d, err := Compare(ctx, old, new)
	if err != nil {
		return nil, err
	}
	if len(d.Matches) == 0 && len(old.Items) > 0 {
		// Nothing would carry over and every later document would be
		// built from an unrelated plan: a wrong file, not an amendment.
		return nil, fmt.Errorf("%s: %w %s: это другой план, а не новая редакция", new.Source.Path, ErrUnrelated, old.Source.Path)
	}
	counts, err := st.AnswerCounts(old)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", storeName(st), err)
	}
	a := &Amendment{Diff: d, Title: new.Title, Amendment: plandiff.Amendment(new), Version: i + 2, Effective: Quarter(new, o.Quarter, amendNow(o))}
	for _, m := range d.Matches {
		a.Carried += counts[m.Old.ID]
	}
	for _, r := range d.Removed {
		if n := counts[r.ID]; n > 0 {
			a.Kept = append(a.Kept, KeptItem{Ref: r, Answers: n})
		}
	}
	return a, nil
}

// ErrUnrelated is a "new version" none of whose items matches an item
// of the old one.
var ErrUnrelated = errors.New("ни одно мероприятие не сопоставлено с мероприятиями")

func amendNow(o AmendOptions) time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

func replacedError(old *plan.Plan, replaced *store.ReplacedError) error {
	return fmt.Errorf("%s: %w; новую редакцию регистрируйте на замену действующей «%s»", old.Source.Path, replaced, oneLine(replaced.By.Title))
}

func versionIndex(chain []store.Version, hash string) int {
	for i, v := range chain {
		if v.Hash == hash {
			return i
		}
	}
	return -1
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// quarterWords fills a quarter's {roman} and {year} into s.
func quarterWords(s string, q plan.Quarter) string {
	return templates.Fill(s, "{roman}", q.Roman(), "{year}", strconv.Itoa(q.Year))
}

// WriteAmendment writes what Amend did, in the words of changes.yaml: the
// new version and when it is in force, the answers that count for it,
// and the removed items whose answers stay with the old version.
func WriteAmendment(w io.Writer, a *Amendment, c *templates.Changes) error {
	var b strings.Builder
	amendment := ""
	if a.Amendment != "" {
		amendment = " (" + a.Amendment + ")"
	}
	b.WriteString(quarterWords(templates.Fill(c.Amend.Done, "{title}", oneLine(a.Title), "{amendment}", amendment,
		"{n}", strconv.Itoa(a.Version)), a.Effective) + "\n")
	b.WriteString(plandiff.SummaryLine(a.Diff.Summary, c) + "\n")
	b.WriteString(templates.Fill(c.Amend.Carried, "{n}", strconv.Itoa(a.Carried)) + "\n")
	if len(a.Kept) > 0 {
		n := 0
		for _, k := range a.Kept {
			n += k.Answers
		}
		b.WriteString(templates.Fill(c.Amend.Kept, "{n}", strconv.Itoa(n)) + "\n")
		for _, k := range a.Kept {
			b.WriteString("  " + templates.Fill(c.Amend.KeptItem, "{number}", plandiff.Num(k.Ref), "{activity}", cut(oneLine(k.Activity), 80),
				"{n}", strconv.Itoa(k.Answers)) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// InForce returns the version of p's chain in st that is in force in
// quarter ("" = the newest): the plan documents are to be built from.
// When it is not p, note says which it is and why, for the user to read;
// a plan not in st is itself, with no note.
func InForce(ctx context.Context, st VersionStore, p *plan.Plan, quarter string) (in *plan.Plan, note string, err error) {
	if err := stopped(ctx); err != nil {
		return nil, "", err
	}
	hash := p.Hash()
	v, err := st.InForce(hash, quarter)
	if errors.Is(err, store.ErrNoPlan) {
		return p, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", storeName(st), err)
	}
	if v.Hash == hash {
		return p, "", nil
	}
	in, err = st.Plan(v.Hash)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", storeName(st), err)
	}
	chain, err := st.Chain(v.Hash)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", storeName(st), err)
	}
	when := "действует"
	if quarter != "" {
		if q, err := plan.ParseQuarter(quarter); err == nil {
			when = "в " + prepositional(q) + " действовала"
		}
	}
	amendment := plandiff.Amendment(in)
	if amendment != "" {
		amendment = " (" + amendment + ")"
	}
	note = fmt.Sprintf("%s — редакция %d из %d (база %s); %s редакция %d%s: документ построен по ней",
		p.Source.Path, versionIndex(chain, hash)+1, len(chain), storeName(st), when, versionIndex(chain, v.Hash)+1, amendment)
	return in, note, nil
}

// prepositional is "I квартале 2022 г.".
func prepositional(q plan.Quarter) string {
	return fmt.Sprintf("%s квартале %d г.", q.Roman(), q.Year)
}

// InForceFromFile is InForce on the store file at path; "" or a file that
// does not exist is no store (p itself). warn, when set, gets the note.
func InForceFromFile(ctx context.Context, path string, p *plan.Plan, quarter string, warn func(string)) (*plan.Plan, error) {
	if path == "" {
		return p, nil
	}
	if _, err := os.Stat(path); err != nil {
		return p, nil
	}
	st, err := OpenExistingStore(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	in, note, err := InForce(ctx, st, p, quarter)
	if err != nil {
		return nil, err
	}
	if note != "" && warn != nil {
		warn(note)
	}
	return in, nil
}

// History is the chain of versions of a plan: when each was registered
// and in force, what changed, and which was in force in each quarter
// with the answers collected for it.
type History struct {
	Title    string           `json:"title"`
	Versions []HistoryVersion `json:"versions"`
	Quarters []HistoryQuarter `json:"quarters"`
}

// HistoryVersion is one version of the chain.
type HistoryVersion struct {
	N         int       `json:"n"` // 1 for the first version
	Hash      string    `json:"hash"`
	Title     string    `json:"title"`
	Amendment string    `json:"amendment,omitempty"`
	Items     int       `json:"items"`
	Added     time.Time `json:"added"` // first saved in the store
	// Amended is when it was registered as an amendment; From and To the
	// first and last quarter it is in force ("2022Q2"; "": from the start
	// of the period, until now).
	Amended time.Time `json:"amended,omitzero"`
	From    string    `json:"from,omitempty"`
	To      string    `json:"to,omitempty"`
	Current bool      `json:"current"`
	// Answers collected for this version itself, all quarters.
	Answers int `json:"answers"`
	// Changes against the version before; nil for the first.
	Changes *plandiff.Summary `json:"changes,omitempty"`
}

// HistoryQuarter is one quarter: the version in force and the answers
// collected for it, by version (index into Versions, 0-based).
type HistoryQuarter struct {
	Quarter string      `json:"quarter"` // "2022Q1"
	Version int         `json:"version"` // N of the version in force
	Answers map[int]int `json:"answers,omitempty"`
}

// VersionHistory reads the history of p's chain from st. A plan not in
// st is an error naming the store: there is nothing to show.
func VersionHistory(ctx context.Context, st VersionStore, p *plan.Plan) (*History, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	chain, err := st.Chain(p.Hash())
	if errors.Is(err, store.ErrNoPlan) {
		return nil, fmt.Errorf("%s: плана нет в базе %s", p.Source.Path, storeName(st))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", storeName(st), err)
	}
	h := &History{}
	quarters := map[plan.Quarter]*HistoryQuarter{}
	addQuarter := func(q plan.Quarter) *HistoryQuarter {
		hq := quarters[q]
		if hq == nil {
			hq = &HistoryQuarter{Quarter: q.String(), Answers: map[int]int{}}
			quarters[q] = hq
		}
		return hq
	}
	for i, v := range chain {
		vp, err := st.Plan(v.Hash)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", storeName(st), err)
		}
		hv := HistoryVersion{N: i + 1, Hash: v.Hash, Title: v.Title, Amendment: plandiff.Amendment(vp), Items: len(vp.Items),
			Added: v.Added, Amended: v.Amended, Current: i == len(chain)-1}
		if q, err := plan.ParseQuarter(v.Effective); err == nil {
			hv.From = q.String()
		}
		if len(v.Diff) > 0 {
			if d, err := plandiff.ReadJSON(bytes.NewReader(v.Diff)); err == nil {
				s := d.Summary
				hv.Changes = &s
			}
		}
		for _, q := range vp.Period.Quarters() {
			addQuarter(q)
		}
		counts, err := st.QuarterCounts(v.Hash)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", storeName(st), err)
		}
		for qs, n := range counts {
			if q, err := plan.ParseQuarter(qs); err == nil {
				addQuarter(q).Answers[hv.N] += n
				hv.Answers += n
			}
		}
		h.Versions = append(h.Versions, hv)
	}
	for i := range h.Versions {
		if i+1 < len(h.Versions) {
			if from, err := plan.ParseQuarter(h.Versions[i+1].From); err == nil {
				h.Versions[i].To = prevQuarter(from).String()
			}
		}
	}
	h.Title = chain[len(chain)-1].Title
	keys := make([]plan.Quarter, 0, len(quarters))
	for q := range quarters {
		keys = append(keys, q)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].Before(keys[j]) })
	for _, q := range keys {
		hq := quarters[q]
		hq.Version = 1
		for _, v := range h.Versions[1:] {
			if from, err := plan.ParseQuarter(v.From); err == nil && !q.Before(from) {
				hq.Version = v.N
			}
		}
		h.Quarters = append(h.Quarters, *hq)
	}
	return h, nil
}

func prevQuarter(q plan.Quarter) plan.Quarter {
	if q.Q == 1 {
		return plan.Quarter{Year: q.Year - 1, Q: 4}
	}
	return plan.Quarter{Year: q.Year, Q: q.Q - 1}
}

// WriteHistory writes a history as two tables, in the words of
// changes.yaml: the versions, then the quarters.
func WriteHistory(w io.Writer, h *History, c *templates.Changes) error {
	hc := c.History
	fmt.Fprintln(w, templates.Fill(hc.Title, "{title}", oneLine(h.Title)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(hc.Columns, "\t"))
	for _, v := range h.Versions {
		name := hc.First
		if v.N > 1 {
			name = orDash(v.Amendment, c.Markers.None)
		}
		when := hc.FromStart
		if q, err := plan.ParseQuarter(v.From); err == nil {
			when = quarterWords(hc.From, q)
		}
		if q, err := plan.ParseQuarter(v.To); err == nil {
			when += " " + quarterWords(hc.To, q)
		}
		if v.Current {
			when += " " + hc.Current
		}
		registered := v.Added
		if !v.Amended.IsZero() {
			registered = v.Amended
		}
		changes := c.Markers.None
		if s := v.Changes; s != nil {
			n := strconv.Itoa
			changes = templates.Fill(hc.Changes, "{added}", n(s.Added), "{removed}", n(s.Removed), "{changed}", n(s.Changed), "{moved}", n(s.Moved))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%s\n", v.N, cut(name, 50), registered.Local().Format("02.01.2006"), when, v.Items, v.Answers, changes)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s\n", hc.Quarters)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(hc.QuarterColumns, "\t"))
	for _, q := range h.Quarters {
		var parts []string
		for _, v := range h.Versions {
			if n := q.Answers[v.N]; n > 0 {
				parts = append(parts, templates.Fill(hc.AnswersByVersion, "{n}", strconv.Itoa(n), "{version}", strconv.Itoa(v.N)))
			}
		}
		answers := c.Markers.None
		if len(parts) > 0 {
			answers = strings.Join(parts, ", ")
		}
		label := q.Quarter
		if pq, err := plan.ParseQuarter(q.Quarter); err == nil {
			label = pq.Label()
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", label, q.Version, answers)
	}
	return tw.Flush()
}

func orDash(s, dash string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}
