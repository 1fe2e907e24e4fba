//go:build unix

// Package cputime reads the process's CPU time. Benchmarks report it per
// operation beside the wall time: on a shared, loaded machine wall time
// measures the neighbours, CPU time measures the code.
package cputime

import (
	"syscall"
	"time"
)

// Now is the process's user+system CPU time so far.
func Now() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
