// Package inputfile reads an input file into memory with a bound on its
// size, checking what kind of file it is from its first bytes before
// reading the rest.
//
// os.ReadFile trusts the file: /dev/zero never ends, a FIFO or a device
// has no size to check beforehand, and a 2 GB video given by mistake costs
// 2 GB of memory before any reader can refuse it. Read stats the file
// first (a regular file over the limit is refused without reading), reads
// a head of at most HeadSize bytes and lets the caller refuse the kind of
// file from it (a zero byte, a PDF, an archive), and only then reads the
// rest, never more than the limit.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
)

// HeadSize is the most that is read before the caller's check of the
// file's kind.
const HeadSize = 64 << 10

// ErrTooLarge is the cause of a *TooLargeError.
var ErrTooLarge = errors.New("файл слишком велик")

// ErrIsDir is returned for a folder given as a file.
var ErrIsDir = errors.New("это папка, а ожидается файл")

// ErrNoWriter is a named pipe nobody wrote to within FIFOWait.
var ErrNoWriter = errors.New("это именованный канал, в который никто не пишет")

// FIFOWait is how long Read waits for the first bytes of a named pipe.
// A pipe is read when another program writes to it (`mkfifo p; roadmap
// ingest p & producer > p`); one nobody writes to is refused rather than
// waited on for ever. A variable for the tests.
var FIFOWait = 5 * time.Second

// TooLargeError is a file over the limit. Size is -1 when the file has
// no size of its own (a pipe or device) and was cut off while reading.
type TooLargeError struct {
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("файл слишком велик: больше %s, допускается не более %s", MB(e.Max), MB(e.Max))
	}
	return fmt.Sprintf("файл слишком велик: %s, допускается не более %s", MB(e.Size), MB(e.Max))
}

func (e *TooLargeError) Unwrap() error { return ErrTooLarge }

// MB formats a size for a message: "12,5 МБ", "800 КБ", "17 байт".
func MB(n int64) string {
	switch {
	case n >= 10<<20 || n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d МБ", n>>20)
	case n >= 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f МБ", float64(n)/(1<<20)), ".", ",", 1)
	case n >= 1<<10:
		return fmt.Sprintf("%d КБ", n>>10)
	}
	return fmt.Sprintf("%d байт", n)
}

// Open opens path to read as Read does: a named pipe nobody writes to is
// refused after FIFOWait (ErrNoWriter) rather than waited on for ever,
// and a folder is ErrIsDir in a *fs.PathError. For a reader that streams
// the file itself (an export of the whole store).
func Open(path string) (*os.File, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrIsDir}
	}
	return f, nil
}

// Read reads the file at path, at most max bytes (max <= 0: no limit). check,
// if not nil, sees the first bytes (up to HeadSize, fewer when the file is
// shorter) and may refuse the file before the rest is read; its error is
// returned as it is. Other errors are *fs.PathError, *TooLargeError or
// ErrIsDir wrapped in a *fs.PathError.
func Read(path string, max int64, check func(head []byte) error) ([]byte, error) {
	return ReadInto(nil, path, max, check)
}

// ReadInto is Read into buf's memory when its capacity holds the whole
// file, else into a new slice as Read does. A caller reading many small
// files one after the other (collect's 500 checklists of ~35 KB) reuses
// one buffer instead of allocating each file afresh: those copies were
// 40 % of the bytes a collection allocated, and the collections they
// caused. buf's contents are overwritten.
func ReadInto(buf []byte, path string, max int64, check func(head []byte) error) ([]byte, error) {
	return readPath(buf, path, max, headLimit(max, check))
}

// ReadSized is Read for a caller whose limit depends on the kind of file,
// told from its head: limit sees the first bytes and returns the most the
// file may hold (at most max), or an error refusing it. A reader of an
// export (32 MB) or a plan JSON (128 MB) so reads no more of a 95 MB text
// than an export may hold, and its *TooLargeError names the export's
// limit, not the plan JSON's.
func ReadSized(path string, max int64, limit func(head []byte) (int64, error)) ([]byte, error) {
	return readPath(nil, path, max, limit)
}

// headLimit is the limit function of a reader with one limit and a check.
func headLimit(max int64, check func(head []byte) error) func(head []byte) (int64, error) {
	return func(head []byte) (int64, error) {
		if check != nil {
			if err := check(head); err != nil {
				return 0, err
			}
		}
		return max, nil
	}
}

func readPath(buf []byte, path string, max int64, limit func(head []byte) (int64, error)) ([]byte, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrIsDir}
	}
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return readFrom(f, size, max, limit, buf)
}

// ReadAll is Read for an open reader (standard input, a pipe).
func ReadAll(r io.Reader, max int64, check func(head []byte) error) ([]byte, error) {
	return readFrom(r, -1, max, headLimit(max, check), nil)
}

// readFrom reads r (of size bytes, -1 when unknown) into buf when its
// capacity holds the whole file, else into a new slice. limit sees the
// head and tells the limit of the rest (at most max).
func readFrom(r io.Reader, size, max int64, limit func(head []byte) (int64, error), buf []byte) ([]byte, error) {
	headCap := int64(HeadSize)
	if max > 0 {
		headCap = min(headCap, max+1)
	}
	capacity := headCap
	if size >= 0 {
		capacity = size + 1 // one more byte to see the end (a file may grow)
		if max > 0 {
			capacity = min(capacity, max+1)
		}
	}
	// Only the head is allocated before the check: a 40 MB file that is
	// not what the caller reads costs 64 KB.
	if int64(cap(buf)) < capacity {
		buf = make([]byte, 0, min(headCap, capacity))
	}
	head, err := readRest(r, buf[:0], headCap)
	if err != nil {
		return nil, err
	}
	// The size refuses first: a 2 GB disk image is too large, whatever
	// its head is.
	m, err := limit(head)
	if m > 0 && (max <= 0 || m < max) {
		max = m
		capacity = min(capacity, max+1)
	}
	if max > 0 && (size > max || int64(len(head)) > max) {
		return nil, &TooLargeError{Size: size, Max: max}
	}
	if err != nil {
		return nil, err
	}
	if int64(len(head)) < headCap {
		return head, nil // the whole file fit in the head
	}
	if int64(cap(head)) < capacity {
		head = append(make([]byte, 0, capacity), head...)
	}
	rest := int64(-1)
	if max > 0 {
		rest = max + 1
	}
	data, err := readRest(r, head, rest)
	if err != nil {
		return nil, err
	}
	if max > 0 && int64(len(data)) > max {
		return nil, &TooLargeError{Size: size, Max: max}
	}
	return data, nil
}

// readRest reads to the end of the input or until buf holds limit bytes
// (limit < 0: no limit).
func readRest(r io.Reader, buf []byte, limit int64) ([]byte, error) {
	for limit < 0 || int64(len(buf)) < limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		end := cap(buf)
		if limit >= 0 {
			end = int(min(int64(end), limit))
		}
		m, err := r.Read(buf[len(buf):end])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}
