package inputfile

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// ErrChanged is what the error of Mapped is (errors.Is) when the file
// changed while it was read: it shrank (its mapped pages were gone), grew
// or was rewritten.
var ErrChanged = errors.New("файл изменился во время чтения; ожидается файл, который никто не переписывает")

// changeError is ErrChanged saying how the file changed.
type changeError string

func (e changeError) Error() string {
	return "файл изменился (" + string(e) + ") во время чтения; ожидается файл, который никто не переписывает"
}

func (e changeError) Is(target error) bool { return target == ErrChanged }

// MinMapped is the smallest file Mapped maps: a smaller one is read by
// Read in one or two allocations of its size, at no cost worth saving.
const MinMapped = 1 << 20

// Mapped lets use read the regular file at path where the system maps it
// (read-only, private) instead of a copy in memory: reading a 7.7 MB plan
// JSON into a fresh slice faulted in 1,900 new pages, most of the read's
// cost on this project's virtual machines, where the first touch of a
// page of memory costs ~20 µs; the mapped file's pages come from the page
// cache. data is valid only during use: use must copy what it keeps.
//
// A mapping is not a copy: a file rewritten while use runs (another
// program saving it: the same size, or truncated and written again)
// changes data under use's feet, and a plan whose texts are slices of it
// would be written from neither version. So the file is looked at again
// (its size and modification time) when use returns, and by unchanged,
// which use calls before it commits to an output made of data.
//
// As in Read, check (when not nil) sees the head first (up to HeadSize
// bytes): a file it refuses is neither read in whole nor used, ok is
// false, and the caller reads it with Read, which refuses it with check's
// error or reads it another way. Only an accepted file has its pages read
// in at once (populate: one system call instead of a fault per 16 pages).
//
// ok is false, and use is not called, when the file is not a regular file
// of MinMapped to max bytes or cannot be mapped (or on a system without
// mappings). Otherwise err is use's error, or an error wrapping
// ErrChanged when the file was truncated under the mapping (a fault that
// would have killed the process; goroutines that use starts must pass it
// on the same way) or changed before use returned; that error, naming
// path, is also unchanged's.
func Mapped(path string, max int64, check func(head []byte) error, use func(data []byte, unchanged func() error) error) (ok bool, err error) {
	data, changed, unmap := mapFile(path, max)
	if data == nil {
		return false, nil
	}
	defer unmap()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if e := recover(); e != nil {
			if f, isFault := e.(interface{ Addr() uintptr }); !isFault || !inside(data, f.Addr()) {
				panic(e)
			}
			ok, err = true, fmt.Errorf("%s: %w", path, changeError("укоротился"))
		}
	}()
	if check != nil && check(data[:min(len(data), HeadSize)]) != nil {
		return false, nil
	}
	populate(data)
	unchanged := func() error {
		if err := changed(); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
	err = use(data, unchanged)
	if cerr := unchanged(); cerr != nil {
		// Whatever use made of the changed bytes, this is the cause.
		return true, cerr
	}
	return true, err
}
