//go:build unix

package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"golang.org/x/sys/unix"
)

// ErrNoReader is a named pipe given as the output that nobody read from
// within inputfile.FIFOWait.
var ErrNoReader = errors.New("это именованный канал без читателя")

// openThrough opens a file written in place. A named pipe is opened
// without blocking, again and again until a reader comes, for at most
// inputfile.FIFOWait: os.OpenFile of a pipe nobody reads blocks for ever
// (`roadmap ingest -o pipe plan.txt` hung after the work was done).
func openThrough(t target, flag int) (*os.File, error) {
	if !t.fifo {
		return os.OpenFile(t.path, flag, 0)
	}
	deadline := time.Now().Add(inputfile.FIFOWait)
	for {
		fd, err := unix.Open(t.path, unix.O_WRONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
		switch {
		case err == nil:
			if err := unix.SetNonblock(fd, false); err != nil {
				unix.Close(fd)
				return nil, &fs.PathError{Op: "open", Path: t.path, Err: err}
			}
			return os.NewFile(uintptr(fd), t.path), nil
		case err == unix.EINTR:
			continue
		case err != unix.ENXIO: // ENXIO: no reader yet
			return nil, &fs.PathError{Op: "open", Path: t.path, Err: err}
		case time.Now().After(deadline):
			return nil, &fs.PathError{Op: "write", Path: t.path,
				Err: fmt.Errorf("%w: за %s никто не открыл его для чтения; ожидается файл", ErrNoReader, inputfile.WaitText())}
		}
		time.Sleep(20 * time.Millisecond)
	}
}
