// Package firstgc lets a short process finish before its first garbage
// collection.
//
// The runtime starts its first collection when the heap reaches 4 MB (at
// GOGC=100). Package initialisation (excelize's tables and regular
// expressions, the SQLite driver, fpdf) leaves a process of this program
// about 3 MB in, so importing one roadmap crosses the line and pays for a
// collection: the mark workers' stacks and mark bits are fresh memory,
// and on this project's machine each fresh page costs ~20 µs (a seed's
// `roadmap ingest`, 4-5 MB of heap in all, touched 230 pages more and
// took ~5 ms more of CPU). A larger GOGC for the whole process would
// delay the collections of big work too: the 1,000-file import touched
// twice the memory at GOGC=400, and even a first collection at 8 MB
// (GOGC=200) made the 5,000-row import touch 370 pages more. So only the
// first collection is delayed, to 6 MB (150): from it on the collector
// runs at the percentage it had.
package firstgc

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	"github.com/roadmap-tool/roadmap/internal/addrlimit"
)

// Delay sets the garbage collector's percentage to percent until the first
// collection has run, then back to what it was. It does nothing when GOGC
// is set in the environment (the user's choice stays) or when the
// collector is off.
func Delay(percent int) {
	if os.Getenv("GOGC") != "" {
		return
	}
	old := debug.SetGCPercent(percent)
	if old < 0 || old >= percent {
		debug.SetGCPercent(old)
		return
	}
	// An object nothing refers to is found unreachable by the first
	// collection, which queues its cleanup. 64 bytes: not one of the tiny
	// allocations that share a block with live ones.
	runtime.AddCleanup(new([64]byte), func(old int) { debug.SetGCPercent(old) }, old)
}

// Hold turns the collector off while a command that will allocate about
// budget bytes more, and then end, does its work, and returns the function
// that turns it back on. A one-file import allocates a few times its
// input, nearly all of it live until the plan is written, so collections
// found little to free: in the 5,000-row import (11 MB allocated) the two
// it ran reused few pages, touched ~450 of their own (the sweeper's span
// sets) and took ~20 ms of CPU, while the process touched as many pages
// with GOGC=off (BENCHMARKS.md, "Seventh pass"). A memory limit of budget
// above what the process holds now stays: should the estimate be wrong,
// the runtime collects at that limit. Hold does nothing when GOGC or
// GOMEMLIMIT is set in the environment (the user's choice stays), under a
// limit of the address space (ulimit -v: a 25 MB export held ~280 MB
// and was killed at a 2 GB limit, where collecting keeps it alive), or
// when budget is not positive.
func Hold(budget int64) (release func()) {
	if budget <= 0 || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || addrlimit.Limited() {
		return func() {}
	}
	held := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	metrics.Read(held)
	limit := budget
	if held[0].Value.Kind() == metrics.KindUint64 {
		limit += int64(min(held[0].Value.Uint64(), math.MaxInt64/2))
	}
	oldLimit := debug.SetMemoryLimit(limit)
	oldPercent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}
