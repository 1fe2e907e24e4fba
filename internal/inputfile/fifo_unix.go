//go:build unix

package inputfile

import (
	"fmt"
	"io/fs"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// open opens path to read. A named pipe is opened without blocking and
// then waited on for at most FIFOWait: os.Open of a pipe nobody writes to
// blocks for ever (`roadmap lint pipe` hung, and a batch with it).
// Linux reports a pipe ready only once a writer has written or come and
// gone, so a writer that starts a little after the reader is read as
// usual.
func open(path string) (*os.File, error) {
	if fi, err := os.Stat(path); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		return os.Open(path)
	}
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	deadline := time.Now().Add(FIFOWait)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			unix.Close(fd)
			return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (за %s не пришло ни байта); ожидается файл",
				ErrNoWriter, WaitText())}
		}
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n > 0 {
			break
		}
	}
	if err := unix.SetNonblock(fd, false); err != nil {
		unix.Close(fd)
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}

// WaitText is FIFOWait in a message: "5 с", "300 мс".
func WaitText() string {
	if FIFOWait%time.Second == 0 {
		return fmt.Sprintf("%d с", FIFOWait/time.Second)
	}
	return fmt.Sprintf("%d мс", FIFOWait/time.Millisecond)
}
