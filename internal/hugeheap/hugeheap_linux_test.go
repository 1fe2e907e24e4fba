//go:build linux && (amd64 || arm64)

package hugeheap

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

func TestDecide(t *testing.T) {
	const madvise = "always [madvise] never\n"
	for _, c := range []struct {
		name, mode, memLimit, debug string
		limited                     bool
		want                        bool
	}{
		{"madvise mode", madvise, "", "", false, true},
		{"always: the heap is huge already", "[always] madvise never\n", "", "", false, false},
		{"never", "always madvise [never]\n", "", "", false, false},
		{"no THP in the kernel", "", "", "", false, false},
		{"GOMEMLIMIT set", madvise, "100MiB", "", false, false},
		{"ulimit -v", madvise, "", "", true, false},
		{"runtime switch", madvise, "", "gctrace=1,disablethp=1", false, false},
		{"runtime switch off", madvise, "", "disablethp=0", false, true},
		{"other settings", madvise, "", "gctrace=1", false, true},
	} {
		if got := decide(c.mode, c.memLimit, c.debug, c.limited); got != c.want {
			t.Errorf("%s: decide = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestReserveFor(t *testing.T) {
	for _, c := range []struct{ input, want int64 }{
		{1 << 20, 32 << 20},
		{3 << 20, 32 << 20}, // the 5,000-row export
		{8 << 20, 64 << 20}, // its plan JSON
		{1 << 30, 128 << 20},
	} {
		if got := reserveFor(c.input); got != c.want {
			t.Errorf("reserveFor(%d) = %d, want %d", c.input, got, c.want)
		}
	}
}

// TestReserve checks that a small input reserves nothing, and that a
// large one, where the machine wants it, leaves the mapping of the
// objects allocated after it advised for huge pages (VmFlags "hg" in
// /proc/self/smaps).
func TestReserve(t *testing.T) {
	Reserve(MinInput - 1)
	if applied != 0 {
		t.Fatalf("an input under MinInput reserved %d bytes", applied)
	}
	Reserve(MinInput)
	if !wanted() {
		if applied != 0 {
			t.Fatalf("reserved %d bytes where the machine does not want it", applied)
		}
		t.Log("this machine's THP mode, GOMEMLIMIT, GODEBUG or ulimit -v: nothing to mark")
		return
	}
	if applied != reserveFor(MinInput) {
		t.Fatalf("reserved %d bytes, want %d", applied, reserveFor(MinInput))
	}
	var keep [][]byte
	for _, size := range []int{64, 64 << 10, 4 << 20, 8 << 20} {
		obj := make([]byte, size)
		keep = append(keep, obj)
		flags, err := vmFlags(uintptr(unsafe.Pointer(unsafe.SliceData(obj))))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(" "+flags+" ", " hg ") {
			t.Errorf("a %d-byte object's mapping (%#x) is not advised for huge pages: VmFlags %q", size, uintptr(unsafe.Pointer(unsafe.SliceData(obj))), flags)
		}
	}
	runtime.KeepAlive(keep)
}

// vmFlags returns the VmFlags line of the mapping that holds addr.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping holds %#x", addr)
}
