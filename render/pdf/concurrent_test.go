package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/view"
	"github.com/roadmap-tool/roadmap/view/viewtest"
)

// Reports built at once, as the web server builds them for several
// requests, are each the bytes of the same report built alone: the
// patched fpdf's pooled zlib writers and buffers and the table laid out
// on a second goroutine are shared by nothing but what they should be.
// Run under -race, this is also the check that they share no memory.
func TestReportsConcurrent(t *testing.T) {
	sample := viewtest.Sample(t)
	long := viewtest.Plan(120)
	q1, q2 := plan.Quarter{Year: 2022, Q: 1}, plan.Quarter{Year: 2022, Q: 2}
	cases := []struct {
		p    *plan.Plan
		opts ReportOptions
	}{
		{sample, ReportOptions{Quarter: q1, Now: fixedNow, Progress: viewtest.Progress(sample, q1)}},
		{sample, ReportOptions{Quarter: q2, Now: fixedNow}},
		{long, ReportOptions{Quarter: q1, Now: fixedNow, Progress: viewtest.Progress(long, q1)}},
		{long, ReportOptions{Quarter: q2, Now: fixedNow.Add(time.Hour), Progress: viewtest.Progress(long, q2)}},
	}
	alone := make([][]byte, len(cases))
	for i, c := range cases {
		alone[i] = render(t, c.p, c.opts)
	}
	for i := range alone {
		for j := range i {
			if bytes.Equal(alone[i], alone[j]) {
				t.Fatalf("reports %d and %d are the same file: the comparison would show nothing", j, i)
			}
		}
	}

	before := runtime.NumGoroutine()
	const workers, each = 6, 3
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range each {
				i := (w + k) % len(cases)
				if w%3 == 0 {
					PrepareReport() // taken by whichever report comes next
				}
				var buf bytes.Buffer
				if err := WriteReport(&buf, cases[i].p, cases[i].opts); err != nil {
					errs <- err
					continue
				}
				if !bytes.Equal(buf.Bytes(), alone[i]) {
					errs <- fmt.Errorf("report %d built beside others differs from it built alone (%d bytes, want %d)", i, buf.Len(), len(alone[i]))
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// A PrepareReport not taken leaves its document in the channel, not
	// a goroutine; take it so that the next test starts clean.
	if ch := preparedReport.Swap(nil); ch != nil {
		<-*ch
	}
	noLeak(t, before)
}

// A report whose output fails (a client gone) ends every goroutine it
// started: the table's layout and the page compression.
func TestReportFailedOutputNoLeak(t *testing.T) {
	p := viewtest.Plan(120)
	q := plan.Quarter{Year: 2022, Q: 1}
	before := runtime.NumGoroutine()
	for range 3 {
		err := WriteReport(failingWriter{}, p, ReportOptions{Quarter: q, Now: fixedNow, Progress: viewtest.Progress(p, q)})
		if !errors.Is(err, errGone) {
			t.Fatalf("error %v, want the writer's", err)
		}
	}
	noLeak(t, before)
}

var errGone = errors.New("client gone")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errGone }

// noLeak fails when more goroutines run than before, once those ending
// have had a second to end.
func noLeak(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left running, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

// A panic while the main table is laid out, on its second goroutine,
// reaches the goroutine that writes the report, where the web server's
// handler recovers it (a 500 for that request): raised on the layout's
// own goroutine it ended the whole process, every user's requests with
// it, which the table laid out on one goroutine never did. The panic is
// made by a row without its activity, which view never gives.
func TestReportLayoutPanicReachesCaller(t *testing.T) {
	p := viewtest.Plan(40)
	q := plan.Quarter{Year: 2022, Q: 1}
	opts := ReportOptions{Quarter: q, Now: fixedNow}
	r := &report{t: &labelsOf(opts.Labels).Report, p: p, now: fixedNow, quart: q.Label()}
	r.v = view.Quarter(p, q, nil)
	if len(r.v.Groups) == 0 || len(r.v.Groups[0].Rows) < 2 {
		t.Fatal("no rows to lay out")
	}
	r.v.Groups[0].Rows[1].Item = nil
	r.d = newDocOn(reportBase(), fixedNow, "title", "subject", "keywords", "page")
	before := runtime.NumGoroutine()
	got := func() (v any) {
		defer func() { v = recover() }()
		r.mainTable()
		return nil
	}()
	if got == nil {
		t.Fatal("no panic reached the caller")
	}
	if !strings.Contains(fmt.Sprint(got), "nil pointer") {
		t.Errorf("panic %v, want the layout's", got)
	}
	noLeak(t, before)
}
