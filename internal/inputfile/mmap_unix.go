//go:build unix

package inputfile

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// mapFile maps the regular file at path when its size is from MinMapped
// to max; nil when not. Anything else is not even opened: opening a named
// pipe wakes the writer waiting for a reader, and closing it at once left
// that writer with none (its writes failed, or were lost, before Read
// opened the pipe again). O_NONBLOCK: a path that turned into a FIFO
// since the stat must not block the open. The file stays open until
// unmap, for changed to look at it again: an error when its size or
// modification time is no longer what it was when it was mapped.
func mapFile(path string, max int64) (data []byte, changed func() error, unmap func()) {
	if fi, err := os.Stat(path); err != nil || !fits(fi, max) {
		return nil, nil, nil
	}
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, nil
	}
	f := os.NewFile(uintptr(fd), path)
	st, err := f.Stat()
	if err != nil || !fits(st, max) {
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

// fits reports whether fi is a regular file of MinMapped to max bytes
// that can be mapped whole.
func fits(fi os.FileInfo, max int64) bool {
	return fi.Mode().IsRegular() && fi.Size() >= MinMapped && fi.Size() <= max && int64(int(fi.Size())) == fi.Size()
}

// inside reports whether addr falls in data.
func inside(data []byte, addr uintptr) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	return addr >= start && addr < start+uintptr(len(data))
}
