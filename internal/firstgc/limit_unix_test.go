//go:build unix

package firstgc

import (
	"math"
	"runtime/debug"
	"syscall"
	"testing"
)

// TestHoldUnderAddressSpaceLimit: under ulimit -v the collector keeps
// running.
func TestHoldUnderAddressSpaceLimit(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &old); err != nil {
		t.Fatal(err)
	}
	limited := old
	limited.Cur = 1 << 44 // finite, far above what the test uses
	if old.Max != ^uint64(0) && old.Max < limited.Cur {
		limited.Cur = old.Max
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &limited); err != nil {
		t.Fatal(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_AS, &old)
	release := Hold(64 << 20)
	defer release()
	if got := gcPercent(); got != 100 {
		t.Fatalf("under ulimit -v: GOGC %d, want 100 left", got)
	}
}
