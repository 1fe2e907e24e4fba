//go:build unix

// Package addrlimit tells whether the process runs under a limit of its
// address space (ulimit -v, RLIMIT_AS). Memory tuning that trades more
// heap for less work (firstgc.Hold holding the collector off, hugeheap's
// reserve) must stand down there: the Go runtime reserves much of the
// space it may use, so such a limit is reached long before the machine
// runs short, and the process dies instead of collecting.
package addrlimit

import "syscall"

// Limited reports whether the address space is limited (or the limit
// cannot be read).
func Limited() bool {
	var lim syscall.Rlimit
	return syscall.Getrlimit(syscall.RLIMIT_AS, &lim) != nil || lim.Cur != ^uint64(0)
}
