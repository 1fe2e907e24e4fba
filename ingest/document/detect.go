package document

import (
	"archive/zip"
	"bytes"
	"strings"

	"github.com/richardlehane/mscfb"
)

// Format is what kind of document a file is, as far as this package
// cares.
type Format int

const (
	// Unknown: not a document this package reads or names.
	Unknown Format = iota
	// DOCX is an Office Open XML word-processing document.
	DOCX
	// ODT is an OpenDocument text.
	ODT
	// Encrypted is an Office document protected by a password: an OLE
	// compound file holding an EncryptedPackage stream.
	Encrypted
	// WordBinary is a Word 97-2003 document (.doc): an OLE compound file
	// with a WordDocument stream.
	WordBinary
)

var oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")

// Detect tells the kind of a document from its bytes, never from its
// name. A ZIP archive is a DOCX when it has word/document.xml or declares
// a WordprocessingML main part, an ODT when its mimetype says so; an
// archive too damaged to list is named by the member names its local
// headers show near the start, so that its reader reports the damage.
func Detect(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return detectZip(data)
	case bytes.HasPrefix(data, oleMagic):
		return detectOLE(data)
	}
	return Unknown
}

func detectZip(data []byte) Format {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		head := data[:min(len(data), 64<<10)]
		switch {
		case bytes.Contains(head, []byte("word/")):
			return DOCX
		case bytes.Contains(head, []byte("application/vnd.oasis.opendocument.text")):
			return ODT
		}
		return Unknown
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return DOCX
		case "mimetype":
			if f.UncompressedSize64 > 200 {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				continue
			}
			var b [200]byte
			n, _ := rc.Read(b[:])
			rc.Close()
			mt := strings.TrimSpace(string(b[:n]))
			if mt == "application/vnd.oasis.opendocument.text" || mt == "application/vnd.oasis.opendocument.text-template" {
				return ODT
			}
		case "[Content_Types].xml":
			if f.UncompressedSize64 > 1<<20 {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				continue
			}
			var b bytes.Buffer
			_, _ = b.ReadFrom(rc)
			rc.Close()
			if bytes.Contains(b.Bytes(), []byte("wordprocessingml.document.main+xml")) ||
				bytes.Contains(b.Bytes(), []byte("wordprocessingml.template.main+xml")) {
				return DOCX
			}
		}
	}
	return Unknown
}

// detectOLE lists the streams of a compound file. The parser is a
// third-party one on untrusted bytes: a panic in it means "not a file we
// can name", never a crash.
func detectOLE(data []byte) (f Format) {
	defer func() {
		if recover() != nil {
			f = Unknown
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return Unknown
	}
	for _, e := range r.File {
		switch e.Name {
		case "EncryptedPackage":
			return Encrypted
		case "WordDocument":
			return WordBinary
		}
	}
	return Unknown
}
