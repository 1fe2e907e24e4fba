package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/roadmap-tool/roadmap/ingest/document"
	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Default limits of the reader. A real roadmap export is under a megabyte
// with a few hundred rows of 4 to 10 cells; the largest benchmark
// workload (5,000 activities) is 4 MB and 30,000 cells. The limits leave
// ample room above that and keep a wrong or hostile file (a disk image, a
// row of two million cells, a table of a million empty rows) from costing
// more than about 200 MB of memory and a couple of seconds.
const (
	DefaultMaxBytes   = 32 << 20
	DefaultMaxColumns = 1000 // also the HTML standard's largest colspan
	DefaultMaxCells   = 500_000
)

// Limits bound what the reader takes from one document; a zero field
// means its default. A command line flag (--max-size) sets MaxBytes.
type Limits struct {
	// MaxBytes is the largest file read, in bytes.
	MaxBytes int64
	// MaxColumns is the most cells of one table row. Empty cells past it
	// (a row of tabs to Excel's last column) are dropped with a note; a
	// row with text past it refuses the file, since its columns could not
	// be told apart.
	MaxColumns int
	// MaxCells is the most cells of the whole table, the copies that
	// rowspan and colspan make included.
	MaxCells int
	// MaxUnpacked is the most a Word or OpenDocument file may unpack to
	// (document.DefaultMaxUnpacked, or MaxBytes when that is larger).
	MaxUnpacked int64
}

func (l Limits) maxUnpacked() int64 {
	if l.MaxUnpacked > 0 {
		return l.MaxUnpacked
	}
	return max(document.DefaultMaxUnpacked, l.MaxBytes)
}

func (l Limits) maxBytes() int64 {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return DefaultMaxBytes
}

func (l Limits) maxColumns() int {
	if l.MaxColumns > 0 {
		return l.MaxColumns
	}
	return DefaultMaxColumns
}

func (l Limits) maxCells() int {
	if l.MaxCells > 0 {
		return l.MaxCells
	}
	return DefaultMaxCells
}

// ErrTooManyCells is the cause of a ParseError for a table over
// Limits.MaxColumns or Limits.MaxCells.
var ErrTooManyCells = errors.New("слишком большая таблица")

func tooManyColumns(pos plan.Pos, n, max int) error {
	return &ParseError{Pos: pos, Err: ErrTooManyCells,
		Detail: fmt.Sprintf("в строке %d ячеек с текстом и после %d-й, а допускается не более %d столбцов; ожидается таблица дорожной карты", n, max, max)}
}

func tooManyCells(pos plan.Pos, max int) error {
	return &ParseError{Pos: pos, Err: ErrTooManyCells,
		Detail: fmt.Sprintf("больше %d ячеек, а допускается не более %d; ожидается таблица дорожной карты", max, max)}
}

// ReadFile reads a roadmap export from disk within the default limits.
// See Limits.ReadFile.
func ReadFile(path string) (*Table, error) { return Limits{}.ReadFile(path) }

// ReadFile reads a roadmap export from disk. The kind of file is checked
// from its first bytes before the rest is read (CheckHead), and no more
// than MaxBytes is read: /dev/zero or a 2 GB video given by mistake is
// refused at once.
func (l Limits) ReadFile(path string) (*Table, error) {
	data, err := readBounded(path, l.maxBytes())
	if err != nil {
		return nil, err
	}
	return l.Read(path, data)
}

// ReadSource reads an input that may be a roadmap export or a plan JSON,
// for a caller that tells them apart afterwards (plan.LooksLikeJSON): the
// same checks as ReadFile, within the larger of MaxBytes and
// plan.MaxJSONBytes.
func (l Limits) ReadSource(path string) ([]byte, error) {
	data, err := inputfile.ReadSized(path, l.sourceMax(), func(head []byte) (int64, error) {
		return l.sourceLimit(head), CheckHead(path, head)
	})
	return boundedResult(path, data, err)
}

// sourceMax is the most an input of either kind may hold.
func (l Limits) sourceMax() int64 { return max(l.maxBytes(), plan.MaxJSONBytes) }

// sourceLimit is the limit of an input told by its head: the plan JSON's
// for a plan JSON, else the export's. With the larger one for everything,
// 95 MB of text were read whole (118 MB of memory) before being refused
// as over 32 MB, and a 200 MB text was said to be over 128 MB.
func (l Limits) sourceLimit(head []byte) int64 {
	if plan.LooksLikeJSON(head) {
		return l.sourceMax()
	}
	return l.maxBytes()
}

// ReadSource is Limits.ReadSource with the default limits.
func ReadSource(path string) ([]byte, error) { return Limits{}.ReadSource(path) }

// ReadSourceFrom is ReadSource for an open stream (standard input),
// named name in messages: the kind is checked from the first bytes and
// no more than the limit is read.
func (l Limits) ReadSourceFrom(name string, r io.Reader) ([]byte, error) {
	// The limit is the plan JSON's only for a plan JSON (sourceLimit).
	br := bufio.NewReaderSize(r, inputfile.HeadSize)
	head, _ := br.Peek(inputfile.HeadSize)
	data, err := inputfile.ReadAll(br, l.sourceLimit(head), func(head []byte) error { return CheckHead(name, head) })
	return boundedResult(name, data, err)
}

func readBounded(path string, max int64) ([]byte, error) {
	data, err := inputfile.Read(path, max, func(head []byte) error { return CheckHead(path, head) })
	return boundedResult(path, data, err)
}

// boundedResult words the errors of a bounded read.
func boundedResult(path string, data []byte, err error) ([]byte, error) {
	var tl *inputfile.TooLargeError
	switch {
	case errors.As(err, &tl):
		size := "больше " + inputfile.MB(tl.Max)
		if tl.Size >= 0 {
			size = inputfile.MB(tl.Size)
		}
		return nil, &ParseError{Pos: plan.Pos{File: path}, Err: ErrTooLarge,
			Detail: fmt.Sprintf("%s, а допускается не более %s", size, inputfile.MB(tl.Max))}
	case errors.Is(err, inputfile.ErrIsDir):
		return nil, &fs.PathError{Op: "read", Path: path, Err: inputfile.ErrIsDir}
	}
	return data, err
}

// CheckHead refuses, from the first bytes of a file, what cannot be a
// roadmap export, a document or a plan JSON: a PDF, an image, a gzip, RAR
// or 7z archive, binary data with zero bytes (UTF-16 text excepted). ZIP
// and OLE files pass: they may be .docx or .odt, which Read tells apart. It is what
// lets ReadFile stop after one read on /dev/zero.
func CheckHead(name string, head []byte) error {
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
		// A Word or OpenDocument file (or another archive, or an old
		// Office file): Read tells them apart with all of it.
		return nil
	}
	if err := sniffFormat(name, head); err != nil {
		return err
	}
	if hasBOM16(head) {
		return nil
	}
	if i := indexNUL(head); i >= 0 && sniffUTF16(head) == nil {
		return binaryError(name, head, i, "байт NUL")
	}
	return nil
}
