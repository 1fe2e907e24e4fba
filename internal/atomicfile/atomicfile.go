// Package atomicfile writes output files so that a crash or Ctrl-C never
// leaves a half-written file behind, and so that an output never replaces
// something it should not.
//
// What a path names decides how it is written (Create):
//
//   - "-" is standard output.
//   - A path that does not exist becomes a new regular file. Its content
//     goes to a temporary file in the same folder, created with mode 0666
//     less the umask (as any program's new files), and renamed over the
//     path only when complete: readers see the old file or the new one.
//   - An existing regular file is replaced the same way; the new file
//     keeps the old one's permission bits (and owner and group, where the
//     process may set them). A file with several hard links is replaced at
//     this name only: the other names keep the old content.
//   - A device, a FIFO or any other non-regular file (/dev/null, a named
//     pipe, a terminal) is written through: opened and written in place,
//     never replaced by a regular file. So is a path naming an open
//     descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N), which is
//     opened for appending, as a shell redirection would.
//   - A symbolic link is followed: the file it points to is written by
//     the rules above, and the link stays a link. A link whose target does
//     not exist is refused rather than followed to create a file
//     somewhere the user may not expect; so is a folder.
//
// A run killed while writing leaves its temporary file behind
// (".NAME.tmpDIGITS"). Each temporary file is locked while it is written,
// so the next write into the same folder (from this or a later run)
// removes the temporary files no living writer holds. Nothing is synced to
// disk before the rename: the files are rebuilt from their inputs, and the
// cost of an fsync per checklist is not worth it.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// StdoutName is the output path that means standard output.
const StdoutName = "-"

// Output is an output being written: a temporary file renamed into place
// by Commit, a device or FIFO written in place, or standard output.
type Output struct {
	bw   *bufio.Writer
	f    *os.File // nil when writing to stdout
	tmp  string   // temporary file, "" when writing through
	path string   // the file the temporary file replaces
	done bool
}

// Create opens path for writing as the package doc describes; stdout is
// what "-" writes to. Write the content, then Commit; on failure, Abort
// (a deferred Abort after Commit does nothing).
func Create(path string, stdout io.Writer) (*Output, error) {
	if path == StdoutName {
		return &Output{bw: newWriter(stdout)}, nil
	}
	if path == "" {
		return nil, errors.New("не указан файл для записи")
	}
	t, err := resolve(path)
	if err != nil {
		return nil, err
	}
	if t.through {
		flag := os.O_WRONLY
		if t.descriptor {
			flag |= os.O_APPEND
		}
		f, err := openThrough(t, flag)
		if err != nil {
			return nil, err
		}
		return &Output{bw: newWriter(f), f: f}, nil
	}
	dir := filepath.Dir(t.path)
	cleanOnce(dir)
	f, tmp, err := createTemp(dir, filepath.Base(t.path))
	if err != nil {
		return nil, err
	}
	if t.existing != nil {
		if err := keepMode(f, t.existing); err != nil {
			f.Close()
			os.Remove(tmp)
			return nil, err
		}
	}
	inFlight.Store(tmp, true)
	return &Output{bw: newWriter(f), f: f, tmp: tmp, path: t.path}, nil
}

// writers keeps the outputs' 64 KB buffers between outputs: a batch
// (ingest -o DIR of a thousand files, checklists) writes many files, and
// a new buffer for each was a tenth of all that ingest -o DIR allocated.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

func newWriter(w io.Writer) *bufio.Writer {
	bw := writers.Get().(*bufio.Writer)
	bw.Reset(w)
	return bw
}

// release gives the output's buffer back once it is flushed or discarded.
func (o *Output) release() {
	o.bw.Reset(nil)
	writers.Put(o.bw)
	o.bw = nil
}

var errClosed = errors.New("atomicfile: output already closed")

// Write writes to the output's buffer.
func (o *Output) Write(p []byte) (int, error) {
	if o.done {
		return 0, errClosed
	}
	return o.bw.Write(p)
}

// Commit flushes the output and, for a new or replaced file, renames the
// temporary file into place.
func (o *Output) Commit() error {
	if o.done {
		return errClosed
	}
	o.done = true
	err := o.bw.Flush()
	o.release()
	if o.f == nil {
		return err
	}
	// The temporary file is renamed while it is still open, and so still
	// locked: closed first, it was for a moment a file nobody holds, and a
	// cleaner (another writer's first write into the folder, in this or
	// another process) removed it before the rename. Windows does not
	// rename an open file; there the cleaner goes by age, not by lock.
	renamed := false
	if o.tmp != "" && err == nil && renameOpen {
		err = os.Rename(o.tmp, o.path)
		renamed = err == nil
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if o.tmp == "" {
		return err
	}
	if err == nil && !renamed {
		err = os.Rename(o.tmp, o.path)
	}
	if err != nil && !renamed {
		os.Remove(o.tmp)
	}
	inFlight.Delete(o.tmp)
	return err
}

// renameOpen: the system renames a file that is open.
var renameOpen = runtime.GOOS != "windows"

// Abort discards a new or replaced file's content (the old file stays as
// it was). What was written through to a device or stdout stays written.
func (o *Output) Abort() {
	if o.done {
		return
	}
	o.done = true
	o.release()
	if o.f != nil {
		o.f.Close()
	}
	if o.tmp != "" {
		os.Remove(o.tmp)
		inFlight.Delete(o.tmp)
	}
}

// inFlight holds the temporary files being written by this process.
var inFlight sync.Map

// RemoveInFlight removes the temporary files this process is writing, for
// a process about to exit before its writers finish (a second Ctrl-C, or
// a read blocked where no cancellation reaches): the outputs stay as they
// were. It reports how many it removed. Writers still running fail at
// their rename.
func RemoveInFlight() int {
	n := 0
	inFlight.Range(func(k, _ any) bool {
		if os.Remove(k.(string)) == nil {
			n++
		}
		inFlight.Delete(k)
		return true
	})
	return n
}

// WritesThrough reports whether Create would write path in place rather
// than through a temporary file: standard output ("-"), a device, a FIFO,
// a descriptor path (/dev/stdout), or a link to one of them. A command
// that checks a file's extension uses it to let these through, since
// their names say nothing of the format. A path that cannot be written
// (a folder, a dangling link) is an error.
func WritesThrough(path string) (bool, error) {
	if path == StdoutName {
		return true, nil
	}
	if path == "" {
		return false, errors.New("не указан файл для записи")
	}
	t, err := resolve(path)
	return t.through, err
}

// WriteTo writes path (see Create) by calling fill with a buffered writer;
// "-" writes to stdout. When fill fails, a file is left as it was.
func WriteTo(path string, stdout io.Writer, fill func(w io.Writer) error) error {
	o, err := Create(path, stdout)
	if err != nil {
		return err
	}
	if err := fill(o); err != nil {
		o.Abort()
		return err
	}
	return o.Commit()
}

// Write is WriteTo with the process's standard output for "-".
func Write(path string, fill func(w io.Writer) error) error {
	return WriteTo(path, os.Stdout, fill)
}

// WriteBytes is Write for content already in memory.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// target is what an output path resolves to.
type target struct {
	path       string      // the file to write or replace, links resolved
	existing   fs.FileInfo // the regular file being replaced, nil if new
	through    bool        // write in place: a device, a FIFO, a descriptor
	descriptor bool        // a path naming an open file descriptor
	fifo       bool        // a named pipe (written through)
}

// ErrDanglingLink is returned for a symbolic link whose target does not
// exist.
var ErrDanglingLink = errors.New("символическая ссылка указывает на несуществующий файл; укажите сам файл")

// ErrIsDir is returned when the output path is a folder.
var ErrIsDir = errors.New("это папка, а ожидается имя файла")

func resolve(path string) (target, error) {
	if isDescriptorPath(path) {
		return target{path: path, through: true, descriptor: true}, nil
	}
	li, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return target{path: path}, nil
	}
	if err != nil {
		return target{}, err
	}
	if li.Mode()&fs.ModeSymlink == 0 {
		return classify(path, li)
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return target{}, &fs.PathError{Op: "write", Path: path, Err: ErrDanglingLink}
	}
	if err != nil {
		return target{}, err
	}
	if !fi.Mode().IsRegular() {
		// A device or FIFO behind a link is written through the link.
		return classify(path, fi)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return target{}, err
	}
	if isDescriptorPath(real) {
		return target{path: path, through: true, descriptor: true}, nil
	}
	return target{path: real, existing: fi}, nil
}

func classify(path string, fi fs.FileInfo) (target, error) {
	switch {
	case fi.IsDir():
		return target{}, &fs.PathError{Op: "write", Path: path, Err: ErrIsDir}
	case fi.Mode().IsRegular():
		return target{path: path, existing: fi}, nil
	}
	return target{path: path, through: true, fifo: fi.Mode()&fs.ModeNamedPipe != 0}, nil
}

// isDescriptorPath reports the paths that name an already open descriptor
// of this process: replacing such a file would write where the shell's
// redirection no longer looks.
func isDescriptorPath(path string) bool {
	p := filepath.ToSlash(filepath.Clean(path))
	switch {
	case p == "/dev/stdout" || p == "/dev/stderr" || p == "/dev/stdin":
		return true
	case strings.HasPrefix(p, "/dev/fd/"):
		return true
	case strings.HasPrefix(p, "/proc/"):
		parts := strings.Split(p, "/") // "", "proc", PID|self, "fd", N
		return len(parts) == 5 && parts[3] == "fd"
	}
	return false
}

// keepMode gives the temporary file the permissions (and, when allowed,
// the owner) of the file it replaces.
func keepMode(f *os.File, old fs.FileInfo) error {
	if err := f.Chmod(old.Mode().Perm()); err != nil {
		return err
	}
	chownLike(f, old)
	return nil
}

// tempSuffix marks the package's temporary files: ".NAME.tmpDIGITS", the
// pattern os.CreateTemp gave them in earlier versions, so that what those
// left behind is cleaned as well.
const tempSuffix = ".tmp"

// createTemp creates and locks a new temporary file for base in dir, with
// mode 0666 less the umask.
func createTemp(dir, base string) (*os.File, string, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, "."+base+tempSuffix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		// Lock before anyone else may see the file as abandoned; a cleaner
		// that came in between has removed it, so check it is still ours.
		if lockFile(f) && sameFile(f, name) {
			return f, name, nil
		}
		f.Close()
		if try >= 100 {
			return nil, "", fmt.Errorf("%s: не удалось создать временный файл", dir)
		}
	}
}

func sameFile(f *os.File, name string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Lstat(name)
	return err == nil && os.SameFile(a, b)
}

// cleaned remembers the folders already cleaned by this process.
var cleaned sync.Map

// cleanOnce removes, once per process and folder, the temporary files
// left by writers that died: those no living process holds locked.
func cleanOnce(dir string) {
	if _, loaded := cleaned.LoadOrStore(dir, true); loaded {
		return
	}
	CleanStale(dir)
}

// CleanStale removes the temporary files in dir that no running writer
// holds: what a killed run left behind. It reports how many it removed.
func CleanStale(dir string) int {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		if !e.Type().IsRegular() || !IsTemp(e.Name()) {
			continue
		}
		if removeIfAbandoned(filepath.Join(dir, e.Name())) {
			n++
		}
	}
	return n
}

// IsTemp reports whether a file name is one of this package's temporary
// files, so that folder walks can pass them over.
func IsTemp(name string) bool {
	if len(name) < 2 || name[0] != '.' {
		return false
	}
	i := strings.LastIndex(name, tempSuffix)
	if i <= 1 || i+len(tempSuffix) == len(name) {
		return false
	}
	for _, c := range name[i+len(tempSuffix):] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func removeIfAbandoned(name string) bool {
	if _, busy := inFlight.Load(name); busy {
		return false // this process is writing it
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	if !abandoned(f) || !sameFile(f, name) {
		return false
	}
	return os.Remove(name) == nil
}
