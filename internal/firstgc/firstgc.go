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
	"os"
	"runtime"
	"runtime/debug"
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
