package document

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	kflate "github.com/klauspost/compress/flate"
)

// Causes of an *Error, for errors.Is.
var (
	// ErrCorrupt: the archive or one of its XML parts cannot be read.
	ErrCorrupt = errors.New("файл поврежден")
	// ErrTooLarge: the archive unpacks to more than the limits allow (a
	// ZIP bomb, or a document no roadmap comes close to).
	ErrTooLarge = errors.New("документ слишком велик")
	// ErrNotDocument: a ZIP archive that is no text document.
	ErrNotDocument = errors.New("это не текстовый документ")
)

// Error is a document that cannot be read. Detail says in Russian what
// was found and what is expected.
type Error struct {
	Err    error
	Detail string
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + ": " + e.Detail
}

func (e *Error) Unwrap() error { return e.Err }

// Limits bound what reading an archive may cost. The zero value takes the
// defaults below.
type Limits struct {
	// MaxEntries is the most members the archive may list.
	MaxEntries int
	// MaxUnpacked is the most bytes the parts read may unpack to, all
	// together.
	MaxUnpacked int64
	// MaxRatio is the highest compression ratio accepted for a part over
	// a megabyte: XML compresses ten to thirty times, a ZIP bomb
	// thousands of times.
	MaxRatio int64
}

// Defaults of Limits.
const (
	DefaultMaxEntries  = 10000
	DefaultMaxUnpacked = 256 << 20
	DefaultMaxRatio    = 200
)

func (l Limits) withDefaults() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxUnpacked <= 0 {
		l.MaxUnpacked = DefaultMaxUnpacked
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = DefaultMaxRatio
	}
	return l
}

// archive is an opened ZIP with a budget of bytes left to unpack.
type archive struct {
	files  map[string]*zip.File
	left   int64
	limits Limits
}

func openArchive(data []byte, lim Limits) (*archive, error) {
	lim = lim.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &Error{Err: ErrCorrupt, Detail: "ZIP-архив документа не читается (" + zipReason(err) + ")"}
	}
	// klauspost/compress inflates about twice as fast as compress/flate:
	// unpacking is a third of reading a large document.
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return kflate.NewReader(r) })
	if len(zr.File) > lim.MaxEntries {
		return nil, &Error{Err: ErrTooLarge, Detail: fmt.Sprintf("в архиве %d частей, допускается не более %d", len(zr.File), lim.MaxEntries)}
	}
	a := &archive{files: make(map[string]*zip.File, len(zr.File)), left: lim.MaxUnpacked, limits: lim}
	for _, f := range zr.File {
		a.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return a, nil
}

func zipReason(err error) string {
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "неверная структура архива"
	case errors.Is(err, zip.ErrChecksum):
		return "неверная контрольная сумма"
	case errors.Is(err, zip.ErrAlgorithm):
		return "неизвестный метод сжатия"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "архив обрывается"
	}
	return "неверная структура архива"
}

func (a *archive) has(name string) bool {
	_, ok := a.files[name]
	return ok
}

// read unpacks a member; ok is false when the archive has none by that
// name. Sizes are checked against the header before unpacking and
// enforced while unpacking, since a header can lie.
func (a *archive) read(name string) (data []byte, ok bool, err error) {
	f := a.files[name]
	if f == nil {
		return nil, false, nil
	}
	size := f.UncompressedSize64
	if size > uint64(a.left) {
		return nil, true, a.tooLarge(name, size, f.CompressedSize64)
	}
	if size > 1<<20 && f.CompressedSize64 > 0 && size/f.CompressedSize64 > uint64(a.limits.MaxRatio) {
		return nil, true, a.tooLarge(name, size, f.CompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, &Error{Err: ErrCorrupt, Detail: fmt.Sprintf("часть %s не читается (%s)", name, zipReason(err))}
	}
	defer rc.Close()
	// The header's size is checked above; one byte more than it says
	// is read to catch a header that lies (archive/zip reports that as
	// ErrFormat too).
	buf := make([]byte, size+1)
	n, err := io.ReadFull(rc, buf)
	switch {
	case (err == io.ErrUnexpectedEOF || err == io.EOF) && uint64(n) == size:
		err = nil
	case err == nil:
		return nil, true, &Error{Err: ErrCorrupt, Detail: fmt.Sprintf("часть %s длиннее, чем указано в архиве", name)}
	}
	if err != nil {
		return nil, true, &Error{Err: ErrCorrupt, Detail: fmt.Sprintf("часть %s не читается (%s)", name, zipReason(err))}
	}
	a.left -= int64(n)
	return buf[:n], true, nil
}

func (a *archive) tooLarge(name string, size, packed uint64) error {
	detail := fmt.Sprintf("часть %s распаковывается в %s", name, megabytes(size))
	if packed > 0 && size/packed > uint64(a.limits.MaxRatio) {
		detail += fmt.Sprintf(" из %s (сжатие %d:1, похоже на ZIP-бомбу)", megabytes(packed), size/packed)
	}
	return &Error{Err: ErrTooLarge, Detail: detail + fmt.Sprintf("; допускается не более %d МБ и сжатие не выше %d:1",
		a.limits.MaxUnpacked>>20, a.limits.MaxRatio)}
}

func megabytes(n uint64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d КБ", (n+1023)>>10)
	}
	return fmt.Sprintf("%d МБ", n>>20)
}

// relationship is one entry of a .rels part.
type relationship struct {
	id, typ, target string
	external        bool
}

// readRels reads the relationships of a part (word/document.xml ->
// word/_rels/document.xml.rels); targets of internal relationships are
// resolved to archive member names.
func (a *archive) readRels(part string) (map[string]relationship, error) {
	dir, file := path.Split(part)
	name := dir + "_rels/" + file + ".rels"
	data, ok, err := a.read(name)
	if err != nil || !ok {
		return nil, err
	}
	rels := map[string]relationship{}
	s := newScanner(data)
	for {
		switch s.next() {
		case tokEOF:
			if s.err != nil {
				return nil, partError(name, s.err)
			}
			return rels, nil
		case tokStart:
			if s.local != "Relationship" {
				continue
			}
			id, _ := s.attr(nsNone, "Id")
			typ, _ := s.attr(nsNone, "Type")
			target, _ := s.attr(nsNone, "Target")
			mode, _ := s.attr(nsNone, "TargetMode")
			r := relationship{id: id, typ: typ, target: target, external: mode == "External"}
			if !r.external {
				if strings.HasPrefix(target, "/") {
					r.target = strings.TrimPrefix(target, "/")
				} else {
					r.target = path.Clean(dir + target)
				}
			}
			rels[id] = r
		}
	}
}

func partError(name string, err error) error {
	return &Error{Err: ErrCorrupt, Detail: fmt.Sprintf("часть %s: неверный %v", name, err)}
}
