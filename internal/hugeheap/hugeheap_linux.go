//go:build linux && (amd64 || arm64)

package hugeheap

import (
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"github.com/roadmap-tool/roadmap/internal/addrlimit"
)

const (
	hugePage     = 2 << 20
	arenaBytes   = 64 << 20 // the runtime's heap arena on 64-bit Linux
	madvHugePage = 14       // MADV_HUGEPAGE
)

var once sync.Once

// applied is the block's size once Reserve has marked the heap (for tests).
var applied int64

// Reserve marks heap for a command about to read input bytes (see the
// package's doc). It does nothing for an input under MinInput, after its
// first call, or where wanted says no.
func Reserve(input int64) {
	if input < MinInput {
		return
	}
	once.Do(func() {
		if wanted() {
			reserve(reserveFor(input))
		}
	})
}

// sink keeps the block reachable until the marking is done.
var sink []byte

func reserve(size int64) {
	first := uintptr(unsafe.Pointer(new([64]byte)))
	sink = make([]byte, size)
	block := uintptr(unsafe.Pointer(unsafe.SliceData(sink)))
	// The heap so far may begin below the arena that holds first (the
	// runtime's 64 MB arenas are aligned to their size; its first mapping
	// can sit at the end of one and go on in the next), so the marking
	// starts an arena lower;
	lo := min(first, block) &^ (arenaBytes - 1)
	if lo >= arenaBytes {
		lo -= arenaBytes
	}
	// and the heap may go on above the block (mapped before, the block
	// placed in a gap below it): the marking ends an arena above the
	// block's.
	hi := (max(first, block+uintptr(size))+arenaBytes-1)&^(arenaBytes-1) + arenaBytes
	// The range may hold addresses the runtime has reserved but not
	// mapped yet, or mappings that are not the heap's: the kernel marks
	// the anonymous mappings in it, reports ENOMEM for the holes, and a
	// mark on memory that is not the heap's changes only its page size.
	syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, madvHugePage)
	sink = nil
	runtime.GC()
	applied = size
}

// wanted reports whether marking the heap can help and cannot hurt here.
func wanted() bool {
	mode, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return decide(string(mode), os.Getenv("GOMEMLIMIT"), os.Getenv("GODEBUG"), addrlimit.Limited())
}

// decide is wanted's rule: only the kernel's "madvise" mode needs the
// marking, and a memory limit of the user's (GOMEMLIMIT, ulimit -v) or
// the runtime's switch against huge pages is respected.
func decide(mode, goMemLimit, goDebug string, addressSpaceLimited bool) bool {
	if goMemLimit != "" || addressSpaceLimited || !strings.Contains(mode, "[madvise]") {
		return false
	}
	for _, setting := range strings.Split(goDebug, ",") {
		if strings.TrimSpace(setting) == "disablethp=1" {
			return false
		}
	}
	return true
}
