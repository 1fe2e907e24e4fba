package collect

import (
	"sync"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// The status table is built on first use (statusTable); requests of the
// web server read statuses at once, the first of them all together. Run
// alone (-run ConcurrentFirstUse -race), the table is built by the
// goroutines racing for it; with the others, it checks concurrent reads.
func TestParseStatusConcurrentFirstUse(t *testing.T) {
	cells := []string{"Выполнено", "в работе", "не выполнено по причине карантина", "перенесено", "", "абв"}
	type result struct {
		st plan.Status
		ok bool
	}
	got := make([][]result, 8)
	var wg sync.WaitGroup
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, c := range cells {
				st, ok := ParseStatus(c)
				got[g] = append(got[g], result{st, ok})
			}
		}()
	}
	wg.Wait()
	want := []result{{plan.StatusDone, true}, {plan.StatusInProgress, true}, {plan.StatusNotDone, true},
		{plan.StatusPostponed, true}, {plan.StatusNone, true}, {plan.StatusNone, false}}
	for g, rs := range got {
		for i, r := range rs {
			if r != want[i] {
				t.Errorf("goroutine %d, %q: %v %v, want %v %v", g, cells[i], r.st, r.ok, want[i].st, want[i].ok)
			}
		}
	}
}
