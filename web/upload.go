package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// uploaded is one file of a multipart upload.
type uploaded struct {
	name string
	data []byte
}

// maxUploadFiles bounds the files of one upload: a municipality's
// schools and some more. maxUploadParts bounds the parts of any kind
// (files, fields, parts under other names), and maxFieldLen a field's
// value: every field is kept, so a 200 MB upload of empty fields would
// otherwise be millions of them in memory.
const (
	maxUploadFiles = 1000
	maxUploadParts = maxUploadFiles + 100
	maxFieldLen    = 4 << 10
)

// readUpload reads the files of the form field (each at most perFile
// bytes, the whole request bounded by the route's limit) and the form's
// small fields, part by part: nothing is spooled to disk.
func readUpload(r *http.Request, field string, perFile int64) ([]uploaded, url.Values, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, badRequest("ожидается форма с файлами (multipart/form-data)")
	}
	var files []uploaded
	fields := url.Values{}
	for parts := 0; ; parts++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, uploadError(err)
		}
		if parts == maxUploadParts {
			return nil, nil, badRequest("в загрузке слишком много частей (больше %d): разделите ее", maxUploadParts)
		}
		if part.FileName() == "" {
			b, err := io.ReadAll(io.LimitReader(part, maxFieldLen+1))
			if err != nil {
				return nil, nil, uploadError(err)
			}
			if len(b) > maxFieldLen {
				return nil, nil, badRequest("поле %s длиннее %s: такая форма не принимается", clip(part.FormName(), 40), sizeText(maxFieldLen))
			}
			fields.Add(part.FormName(), string(b))
			continue
		}
		if part.FormName() != field {
			continue
		}
		name := fileName(part)
		data, err := io.ReadAll(io.LimitReader(part, perFile+1))
		if err != nil {
			return nil, nil, uploadError(err)
		}
		if int64(len(data)) > perFile {
			return nil, nil, &httpError{status: http.StatusRequestEntityTooLarge,
				msg: fmt.Sprintf("%s: файл больше %s, такой не принимается", name, sizeText(perFile))}
		}
		if name == "" && len(data) == 0 {
			continue // an empty file input
		}
		if len(files) == maxUploadFiles {
			return nil, nil, badRequest("больше %d файлов за раз: разделите загрузку", maxUploadFiles)
		}
		files = append(files, uploaded{name: name, data: data})
	}
	if len(files) == 0 {
		return nil, nil, badRequest("не выбрано ни одного файла")
	}
	return files, fields, nil
}

// uploadError keeps a body over the route's limit a 413, one too slow a
// 408 (fail tells both).
func uploadError(err error) error {
	if bodyFault(err) {
		return err
	}
	return badRequest("загрузка прервана или повреждена: ожидается форма с файлами (multipart/form-data)")
}

// fileName is the uploaded file's base name (some browsers send the whole
// path), without control or invisible characters, at most 200 bytes.
func fileName(p *multipart.Part) string {
	n := p.FileName()
	if i := strings.LastIndexAny(n, `/\`); i >= 0 {
		n = n[i+1:]
	}
	n = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, n)
	n = strings.TrimSpace(path.Clean("/" + n)[1:])
	for len(n) > 200 {
		_, size := utf8.DecodeLastRuneInString(n)
		n = n[:len(n)-size]
	}
	if n == "" || n == "." {
		n = "без имени"
	}
	return n
}

// bodyFault reports a fault of the body itself: over the route's limit
// (http.MaxBytesError) or arriving too slowly (steadyBody's deadline).
func bodyFault(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe) || errors.Is(err, os.ErrDeadlineExceeded)
}

// parseForm reads a posted form: a body over the route's limit is a 413,
// anything else unreadable a 400.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		if bodyFault(err) {
			return err
		}
		return badRequest("форма не читается: ожидается форма страницы (application/x-www-form-urlencoded)")
	}
	return nil
}
