package ingest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Sentinel causes of a ParseError, for errors.Is.
var (
	ErrEmpty    = errors.New("файл пуст")
	ErrBinary   = errors.New("двоичные данные, а не текст")
	ErrNoTable  = errors.New("таблица не найдена: нет строк с ячейками, разделенными табуляцией, и нет <table>")
	ErrTooLarge = errors.New("файл слишком велик")
	// ErrFormat is a document of another kind given by mistake: a PDF, an
	// Office file, an archive. Detail names what it is and what to do.
	ErrFormat = errors.New("неподходящий формат файла")
	// ErrEncoding is text in an encoding the reader cannot recognise.
	ErrEncoding = errors.New("неизвестная кодировка текста")
)

// ParseError is input that cannot be read as a roadmap table at all.
// Its message is one line: file:line: what is wrong.
type ParseError struct {
	Pos plan.Pos
	Err error
	// Detail adds what was found or expected, in Russian.
	Detail string
}

func (e *ParseError) Error() string {
	s := fmt.Sprintf("%s: %v", e.Pos, e.Err)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func (e *ParseError) Unwrap() error { return e.Err }

// Named puts the file name in front of err unless err names it already (a
// *ParseError or a *plan.JSONError carries its position): one name per
// message.
func Named(name string, err error) error {
	if err == nil || strings.HasPrefix(err.Error(), name+":") {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}
