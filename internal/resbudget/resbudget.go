// Package resbudget measures what a piece of work costs, for tests that
// hold hostile input to a budget ("refused or read within 2 s and
// 200 MB"): CPU time (wall time on a shared machine measures the
// neighbours), wall time, and the peak of the heap while it ran.
package resbudget

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/cputime"
)

// Usage is what one run cost.
type Usage struct {
	CPU, Wall time.Duration
	// PeakHeap is the most heap the process held while the work ran, above
	// what it held before (sampled every millisecond).
	PeakHeap uint64
	// Alloc is everything the work allocated, freed or not.
	Alloc uint64
}

func (u Usage) String() string {
	return fmt.Sprintf("CPU %v, wall %v, peak heap +%d MB, allocated %d MB", u.CPU.Round(time.Millisecond),
		u.Wall.Round(time.Millisecond), u.PeakHeap>>20, u.Alloc>>20)
}

const heapMetric = "/memory/classes/heap/objects:bytes"

func heapNow() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Measure runs fn and returns its cost.
func Measure(fn func()) Usage {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	base := heapNow()
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if h := heapNow(); h > peak {
				peak = h
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	cpu0, wall0 := cputime.Now(), time.Now()
	fn()
	u := Usage{CPU: cputime.Now() - cpu0, Wall: time.Since(wall0)}
	close(stop)
	wg.Wait()
	if h := heapNow(); h > peak {
		peak = h
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if peak > base {
		u.PeakHeap = peak - base
	}
	u.Alloc = after.TotalAlloc - before.TotalAlloc
	return u
}

// Check fails t when u is over the budget. Times are not checked under the
// race detector, which makes code several times slower; memory is. Over
// the time budget means both CPU time and wall time over it (or wall time
// over 10×, a hang): on a loaded machine wall time measures the
// neighbours, and on an idle one CPU time counts the garbage collector's
// work on every core (a 16 MB cell read in 1.2 s of wall time took 2.1 s
// of CPU), while a slower reader shows in both.
func Check(t testing.TB, what string, u Usage, maxTime time.Duration, maxHeap uint64) {
	t.Helper()
	t.Logf("%s: %v", what, u)
	if !Race && (min(u.CPU, u.Wall) > maxTime || u.Wall > 10*maxTime) {
		t.Errorf("%s: %v, want within %v of CPU or wall time", what, u, maxTime)
	}
	if u.PeakHeap > maxHeap {
		t.Errorf("%s: %v, want a peak heap within %d MB", what, u, maxHeap>>20)
	}
}
