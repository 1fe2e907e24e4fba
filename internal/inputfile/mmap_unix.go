//go:build unix

package inputfile

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// mapFile maps the regular file at path when its size is from MinMapped
// to max; nil when not. O_NONBLOCK: a path that turned into a FIFO since
// the caller looked must not block the open.
func mapFile(path string, max int64) (data []byte, unmap func()) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size < MinMapped || st.Size > max || int64(int(st.Size)) != st.Size {
		return nil, nil
	}
	data, err = unix.Mmap(fd, 0, int(st.Size), unix.PROT_READ, unix.MAP_PRIVATE)
	if err != nil {
		return nil, nil
	}
	return data, func() { unix.Munmap(data) }
}

// inside reports whether addr falls in data.
func inside(data []byte, addr uintptr) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	return addr >= start && addr < start+uintptr(len(data))
}
