// Package hugeheap lets a command that is about to fill tens of megabytes
// of heap have them backed by transparent huge pages, where Linux gives
// them only to memory that asks (the "madvise" mode, Debian's default).
//
// Why: on the machines roadmap is measured on (virtual machines, where
// the host backs guest memory lazily) the first touch of each fresh 4 KB
// page costs 12-40 µs, while a 2 MB huge page costs about as much as a
// few 4 KB ones. The Go runtime maps its heap without MADV_HUGEPAGE (it
// stopped asking in Go 1.21.1), so every page a command touches is a
// fault of its own: the tracker of 5,000 activities touched ~6,300 pages,
// the 500 checklists ~13,900 (BENCHMARKS.md, "Huge pages for the heap").
//
// How: Reserve makes the runtime map the heap the command will need, by
// allocating one block of that size that no one writes to, marks the
// heap's addresses up to the block's end with MADV_HUGEPAGE, and frees the
// block with a collection, so that the command's allocations reuse those
// addresses. Memory no one touches is not resident: a command that needs
// less than it reserved spends nothing on the rest.
//
// The collection and the runtime's bookkeeping for the block cost a few
// milliseconds, more than a small command saves, so Reserve is for large
// inputs only, and only once per process. It does nothing where it could
// hurt or would not help: outside Linux, when the kernel's mode is
// "always" (the heap is huge already) or "never", when GODEBUG has
// disablethp=1 (the runtime's own switch against huge pages under the
// heap), when GOMEMLIMIT is set, or when the address space is limited
// (ulimit -v), where the block could be refused.
package hugeheap

// MinInput is the smallest input, in bytes, for which Reserve does
// anything: a seed's import (50 KB) touches ~350 pages of heap of its
// own, fewer than the reserve itself costs.
const MinInput = 1 << 20

// reserveFor is the heap reserved for a command reading input bytes:
// eight times the input (the tracker of a 7.7 MB plan touched ~25 MB, the
// 5,000-row import of a 3.2 MB export ~21 MB), 32 MB at least, 128 MB at
// most (the runtime's bookkeeping grows with the block).
func reserveFor(input int64) int64 {
	return min(max(8*input, 32<<20), 128<<20)
}
