//go:build unix

package inputfile

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// mapFile maps the regular file at path when its size is from MinMapped
// to max; nil when not. O_NONBLOCK: a path that turned into a FIFO since
// the caller looked must not block the open. The file stays open until
// unmap, for changed to look at it again: an error when its size or
// modification time is no longer what it was when it was mapped.
func mapFile(path string, max int64) (data []byte, changed func() error, unmap func()) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, nil
	}
	f := os.NewFile(uintptr(fd), path)
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() < MinMapped || st.Size() > max || int64(int(st.Size())) != st.Size() {
		f.Close()
		return nil, nil, nil
	}
	data, err = unix.Mmap(fd, 0, int(st.Size()), unix.PROT_READ, unix.MAP_PRIVATE)
	if err != nil {
		f.Close()
		return nil, nil, nil
	}
	changed = func() error {
		now, err := f.Stat()
		switch {
		case err != nil:
			return err
		case now.Size() < st.Size():
			return changeError("укоротился")
		case now.Size() > st.Size():
			return changeError("вырос")
		case !now.ModTime().Equal(st.ModTime()):
			return changeError("переписан")
		}
		return nil
	}
	return data, changed, func() { unix.Munmap(data); f.Close() }
}

// inside reports whether addr falls in data.
func inside(data []byte, addr uintptr) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	return addr >= start && addr < start+uintptr(len(data))
}
