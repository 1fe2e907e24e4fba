package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// version builds a version of a plan whose items have these ids.
func versionOf(title string, ids ...string) *plan.Plan {
	p := testPlan(title, 0)
	for i, id := range ids {
		num := fmt.Sprintf("1.%d", i+1)
		p.Items = append(p.Items, plan.Item{ID: id, Number: &num, Level: 1, Activity: plan.Text{Text: "Мероприятие " + id}})
	}
	return p
}

func countAnswers(t *testing.T, st *Store) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(`SELECT COUNT(*) FROM answers`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// answered lists "item=org:status" of a progress, sorted.
func answered(p *plan.Progress) string {
	var out []string
	for item, as := range p.Answers {
		out = append(out, item+"="+describe(as))
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// TestAmendChain amends a plan twice (three versions) with answers
// collected for each: no answer row is moved or lost, each version reads
// the answers of the whole chain through the maps of items, a removed
// item's answers stay readable under the versions that have it, and the
// version in force in a quarter is the last one effective by then.
func TestAmendChain(t *testing.T) { pgtest.Run(t, testAmendChain) }

func testAmendChain(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	t0 := time.Date(2022, 3, 20, 10, 0, 0, 0, time.UTC)
	const school = "МБОУ Школа № 1"
	v1 := versionOf("План", "i1", "i2", "i3", "i4")
	v2 := versionOf("План (в ред. от 01.04.2022)", "j1", "j2", "j3", "j4")
	v3 := versionOf("План (в ред. от 01.07.2022)", "k1", "k2")
	if err := st.SavePlan(v1); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Add(ctx, []NewSubmission{
		sub(v1, "a", school, "2022Q1", t0, plan.StatusInProgress, "i1", "i2", "i3"),
		sub(v1, "b", TrackerOrg, "2022Q1", t0, plan.StatusDone, "i4"),
	}); err != nil {
		t.Fatal(err)
	}
	before := countAnswers(t, st)

	// v2: i3 removed, j4 added.
	if err := st.Amend(ctx, NewAmendment{Old: v1, New: v2, Effective: "2022Q2",
		Carry: map[string]string{"i1": "j1", "i2": "j2", "i4": "j3"}, Diff: []byte(`{}`), Now: t0.AddDate(0, 0, 12)}); err != nil {
		t.Fatal(err)
	}
	if n := countAnswers(t, st); n != before {
		t.Fatalf("amend changed the answers: %d, was %d", n, before)
	}
	progress := func(p *plan.Plan, q string) string {
		t.Helper()
		prog, err := st.Latest(p, q)
		if err != nil {
			t.Fatal(err)
		}
		return answered(prog)
	}
	if got, want := progress(v2, ""), "j1=МБОУ Школа № 1:in_progress; j2=МБОУ Школа № 1:in_progress; j3=Департамент:done"; got != want {
		t.Errorf("v2 after amend: %s, want %s", got, want)
	}
	if got := progress(v1, ""); !strings.Contains(got, "i3=МБОУ Школа № 1:in_progress") || !strings.Contains(got, "i1=") {
		t.Errorf("v1 after amend: %s", got)
	}

	// Collected after the amendment: a checklist of v2 and a late one of v1.
	if _, err := st.Add(ctx, []NewSubmission{
		sub(v2, "c", school, "2022Q2", t0.AddDate(0, 3, 0), plan.StatusDone, "j1", "j4"),
		sub(v1, "d", school, "2022Q2", t0.AddDate(0, 3, 1), plan.StatusNotDone, "i2", "i3"),
	}); err != nil {
		t.Fatal(err)
	}
	if got, want := progress(v2, "2022Q2"), "j1=МБОУ Школа № 1:done; j2=МБОУ Школа № 1:not_done; j3=Департамент:done; j4=МБОУ Школа № 1:done"; got != want {
		t.Errorf("v2 in 2022Q2: %s, want %s", got, want)
	}
	if got, want := progress(v1, "2022Q2"), "i1=МБОУ Школа № 1:done; i2=МБОУ Школа № 1:not_done; i3=МБОУ Школа № 1:not_done; i4=Департамент:done"; got != want {
		t.Errorf("v1 in 2022Q2: %s, want %s", got, want)
	}
	if got, want := progress(v2, "2022Q1"), "j1=МБОУ Школа № 1:in_progress; j2=МБОУ Школа № 1:in_progress; j3=Департамент:done"; got != want {
		t.Errorf("v2 in 2022Q1: %s, want %s", got, want)
	}

	// v3: only j1 and j4 remain.
	if err := st.Amend(ctx, NewAmendment{Old: v2, New: v3, Effective: "2022Q3",
		Carry: map[string]string{"j1": "k1", "j4": "k2"}, Diff: []byte(`{}`), Now: t0.AddDate(0, 4, 0)}); err != nil {
		t.Fatal(err)
	}
	if got, want := progress(v3, ""), "k1=МБОУ Школа № 1:done; k2=МБОУ Школа № 1:done"; got != want {
		t.Errorf("v3: %s, want %s", got, want)
	}
	if _, err := st.Add(ctx, []NewSubmission{sub(v3, "e", school, "2022Q3", t0.AddDate(0, 6, 0), plan.StatusPostponed, "k1")}); err != nil {
		t.Fatal(err)
	}
	// v1 reads v3's answer through two maps.
	if got := progress(v1, ""); !strings.Contains(got, "i1=МБОУ Школа № 1:postponed") {
		t.Errorf("v1 does not see v3's answer: %s", got)
	}
	counts, err := st.AnswerCounts(v1)
	if err != nil {
		t.Fatal(err)
	}
	if counts["i1"] != 3 || counts["i3"] != 2 || counts["i4"] != 1 {
		t.Errorf("answer counts of v1: %v", counts)
	}

	chain, err := st.Chain(v2.Hash())
	if err != nil || len(chain) != 3 || chain[0].Hash != v1.Hash() || chain[2].Hash != v3.Hash() ||
		chain[1].Previous != v1.Hash() || chain[2].Effective != "2022Q3" || chain[0].Effective != "" {
		t.Fatalf("chain: %+v, %v", chain, err)
	}
	for _, tc := range []struct {
		from    *plan.Plan
		quarter string
		want    *plan.Plan
	}{
		{v1, "2022Q1", v1}, {v3, "2022Q1", v1}, {v1, "2022Q2", v2}, {v1, "2022Q3", v3}, {v2, "2024Q1", v3}, {v1, "", v3},
	} {
		v, err := st.InForce(tc.from.Hash(), tc.quarter)
		if err != nil || v.Hash != tc.want.Hash() {
			t.Errorf("InForce(%s, %q) = %s, want %s (%v)", tc.from.Title, tc.quarter, v.Title, tc.want.Title, err)
		}
	}
}

// TestAmendRefused: every way an amendment cannot be made is refused,
// and a refusal changes nothing.
func TestAmendRefused(t *testing.T) { pgtest.Run(t, testAmendRefused) }

func testAmendRefused(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	v1, v2, v3 := versionOf("План", "a"), versionOf("План 2", "b"), versionOf("План 3", "c")
	st.SavePlan(v1)
	amend := func(old, nw *plan.Plan, q string) error {
		return st.Amend(ctx, NewAmendment{Old: old, New: nw, Effective: q, Carry: map[string]string{}, Diff: []byte(`{}`)})
	}
	if err := amend(v1, v1, "2022Q1"); !errors.Is(err, ErrSameVersion) {
		t.Errorf("same version: %v", err)
	}
	if err := amend(v2, v3, "2022Q1"); !errors.Is(err, ErrNoPlan) {
		t.Errorf("old not in the store: %v", err)
	}
	if err := amend(v1, v2, "2022Q3"); err != nil {
		t.Fatal(err)
	}
	var re *ReplacedError
	if err := amend(v1, v3, "2022Q4"); !errors.As(err, &re) || re.By.Hash != v2.Hash() ||
		!strings.Contains(err.Error(), "уже заменена более новой") || !strings.Contains(err.Error(), "с III квартала 2022 г.") {
		t.Errorf("a second successor: %v", err)
	}
	if err := amend(v2, v1, "2022Q4"); !errors.Is(err, ErrInChain) {
		t.Errorf("a loop: %v", err)
	}
	var ee *EarlierError
	if err := amend(v2, v3, "2022Q2"); !errors.As(err, &ee) {
		t.Errorf("earlier than the version it replaces: %v", err)
	}
	if _, err := st.Plan(v3.Hash()); !errors.Is(err, ErrNoPlan) {
		t.Errorf("a refused amendment saved its plan: %v", err)
	}
	chain, _ := st.Chain(v1.Hash())
	if len(chain) != 2 {
		t.Errorf("chain of %d after refusals", len(chain))
	}
}
