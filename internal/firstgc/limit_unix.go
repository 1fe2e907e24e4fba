//go:build unix

package firstgc

import "syscall"

// addressSpaceLimited reports whether the process runs under a limit of
// its address space (ulimit -v): there memory held back from the
// collector can hit the limit long before the machine runs short (the Go
// runtime reserves much of the space it may use), and the process dies
// instead of collecting.
func addressSpaceLimited() bool {
	var lim syscall.Rlimit
	return syscall.Getrlimit(syscall.RLIMIT_AS, &lim) != nil || lim.Cur != ^uint64(0)
}
