package collect

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	kflate "github.com/klauspost/compress/flate"

	"github.com/roadmap-tool/roadmap/internal/findfiles"
	"github.com/roadmap-tool/roadmap/internal/syserr"
)

// Limits against zip bombs and wrong files: a filled checklist is a few
// hundred kilobytes unpacked, a big tracker a few megabytes. maxFile bounds
// the file read from disk, maxUnpacked everything unpacked from one
// workbook (each part, and all parts together), maxRatio the compression
// ratio the central directory declares.
const (
	maxFile     = 50 << 20
	maxUnpacked = 50 << 20
	maxRatio    = 100
	// Excel's own limits of a sheet's size; a workbook holds far fewer
	// sheets and distinct texts than these.
	maxColumns       = 16384
	maxRows          = 1 << 20
	maxSheets        = 1000
	maxSharedStrings = 1 << 20
	maxRels          = 10000
)

// expand lists the workbooks named by paths: files as given, folders
// searched recursively for .xlsx/.xlsm, plus .xls/.ods so that the user is
// told why they were not read. Office lock files (~$name.xlsx,
// .~lock.name#) and the tool's own temporary files (.name.tmp123) are
// skipped. The result is sorted within each folder for a stable report.
// What a folder walk could not read (a folder without permission, a
// broken link, a named pipe) comes back in problems, by path: each is
// refused with its reason and the rest is collected.
func expand(paths []string) (files []string, problems map[string]error) {
	seen := map[string]bool{}
	problems = map[string]error{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil || !fi.IsDir() {
			// A missing path is reported as a refused file, not fatal.
			add(root)
			continue
		}
		found, probs := findfiles.Walk(root, wanted, findfiles.Options{})
		for _, p := range found {
			add(p)
		}
		for _, pr := range probs {
			add(pr.Path)
			problems[pr.Path] = refuse("%s", syserr.Text(pr.Err))
		}
	}
	return files, problems
}

func wanted(name string) bool {
	if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".~lock") || strings.HasPrefix(name, ".") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods":
		return true
	}
	return false
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// An encrypted OOXML file is an OLE container holding these streams.
	oleEncrypted = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// refusal is why a file was not collected, in Russian, one line.
type refusal struct{ reason string }

func (r refusal) Error() string { return r.reason }

// refuse words a refusal. A cause formatted into it by a library ("zip:
// not a valid zip file", "flate: corrupt input before offset 106") is said
// in Russian by syserr, as every other message of the tool: a truncated
// or damaged checklist showed the school's clerk the English.
func refuse(format string, args ...any) error {
	return refusal{syserr.Text(fmt.Errorf(format, args...))}
}

// skipping is why a file was passed over: one of the tool's own outputs
// with nothing to collect (the matrices), not an error.
type skipping struct{ reason string }

func (s skipping) Error() string { return s.reason }

func skip(reason string) error { return skipping{reason} }

// sniffHead refuses, from the first bytes, a file that cannot be a
// workbook, before the rest of it is read (/dev/zero, a 2 GB video).
func sniffHead(path string, head []byte) error {
	switch {
	case len(head) == 0:
		return refuse("пустой файл")
	case bytes.HasPrefix(head, oleMagic):
		return nil // refused or explained by sniff, which needs all of it
	case strings.EqualFold(filepath.Ext(path), ".ods"):
		return refuse("формат OpenDocument (.ods): сохраните как «Книга Excel 2007-365 (.xlsx)»")
	case !bytes.HasPrefix(head, zipMagic):
		return refuse("не книга Excel (.xlsx): содержимое файла другого типа")
	}
	return nil
}

// sniff checks that data is an OOXML zip small enough to open safely. It
// reads only the zip's central directory, before excelize unpacks any
// part, so a zip bomb is refused without being inflated.
func sniff(path string, data []byte, maxUnpacked int64) (*zip.Reader, error) {
	switch {
	case len(data) == 0:
		return nil, refuse("пустой файл")
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, oleEncrypted) {
			return nil, refuse("файл защищен паролем: снимите пароль (Файл → Сведения → Защитить книгу) и пришлите снова")
		}
		return nil, refuse("старый формат Excel 97-2003 (.xls): сохраните как «Книга Excel (.xlsx)»")
	case strings.EqualFold(filepath.Ext(path), ".ods"):
		return nil, refuse("формат OpenDocument (.ods): сохраните как «Книга Excel 2007-365 (.xlsx)»")
	case !bytes.HasPrefix(data, zipMagic):
		return nil, refuse("не книга Excel (.xlsx): содержимое файла другого типа")
	}
	zr, err := zip.NewReader(memFile(data), int64(len(data)))
	if err != nil {
		return nil, refuse("файл поврежден: архив .xlsx не читается (%v)", err)
	}
	// klauspost/compress inflates the same bytes about twice as fast as
	// compress/flate, and inflating the sheets was a quarter of a
	// collection's CPU (as for documents in ingest/document).
	zr.RegisterDecompressor(zip.Deflate, newInflater)
	var unpacked, packed uint64
	for _, f := range zr.File {
		if f.Name == "xl/workbook.bin" {
			return nil, refuse("двоичный формат Excel (.xlsb): сохраните как «Книга Excel (.xlsx)»")
		}
		unpacked += f.UncompressedSize64
		packed += f.CompressedSize64
	}
	if unpacked > uint64(maxUnpacked) {
		return nil, refuse("подозрение на zip-бомбу: %d МБ после распаковки (допускается до %d МБ)", unpacked>>20, maxUnpacked>>20)
	}
	if packed > 0 && unpacked/packed > maxRatio {
		return nil, refuse("подозрение на zip-бомбу: степень сжатия %d:1 (допускается до %d:1)", unpacked/packed, maxRatio)
	}
	return zr, nil
}

// inflaters keeps klauspost's decompressors for reuse: a new one allocates
// about 300 KB of tables, more than a checklist's parts take to inflate
// (archive/zip pools its own compress/flate readers the same way).
var inflaters sync.Pool

// memFile is a workbook held in memory, as archive/zip reads it. Its own
// type lets newInflater find a part's compressed bytes in it.
type memFile []byte

func (m memFile) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off > int64(len(m)) {
		return 0, errors.New("zip: offset out of range")
	}
	n := copy(p, m[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// newInflater is the zip.Decompressor of the workbooks' deflated parts.
// archive/zip hands it a section of the file; when the file is a memFile
// the decompressor reads the section's bytes in place (klauspost's fast
// path for a *bytes.Reader) instead of through a new 4 KB bufio.Reader
// for every part, which was a quarter of the bytes a collection allocated.
func newInflater(r io.Reader) io.ReadCloser {
	z := &inflater{}
	if sr, ok := r.(*io.SectionReader); ok {
		if m, off, n := sr.Outer(); m != nil {
			if mem, ok := m.(memFile); ok && off >= 0 && n >= 0 && off <= int64(len(mem)) && n <= int64(len(mem))-off {
				z.src.Reset(mem[off : off+n])
				r = &z.src
			}
		}
	}
	if fr, ok := inflaters.Get().(io.ReadCloser); ok {
		if err := fr.(kflate.Resetter).Reset(r, nil); err == nil {
			z.fr = fr
			return z
		}
	}
	z.fr = kflate.NewReader(r)
	return z
}

// inflater returns its decompressor to the pool when closed.
type inflater struct {
	fr  io.ReadCloser
	src bytes.Reader // the compressed bytes, when in memory
}

func (z *inflater) Read(p []byte) (int, error) {
	if z.fr == nil {
		return 0, errors.New("flate: read after close")
	}
	return z.fr.Read(p)
}

func (z *inflater) Close() error {
	if z.fr == nil {
		return nil
	}
	err := z.fr.Close()
	inflaters.Put(z.fr)
	z.fr = nil
	return err
}
