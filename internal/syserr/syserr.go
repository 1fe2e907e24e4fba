// Package syserr says in Russian what the operating system and the
// database said in English: "open out/x.xlsx: permission denied" becomes
// "out/x.xlsx: нет доступа (недостаточно прав)", "database is locked (5)"
// becomes "база данных занята другой программой". It is the one
// translation every command's messages go through (the command line's
// last line, a build's summary, a collection's refusals, lint's
// unreadable files), so that a user never meets the system's English.
//
// Text works on the whole message, whatever wrapped the cause: a
// *fs.PathError found in the chain loses its operation word ("open") and
// keeps its path; causes wrapped with %v, whose chain is lost, are still
// recognised by their text.
package syserr

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
)

// errnos are the system errors a user can meet, in Russian, with what to
// do where it is not obvious.
var errnos = map[syscall.Errno]string{
	syscall.ENOENT:       "файл или папка не найдены",
	syscall.EACCES:       "нет доступа (недостаточно прав)",
	syscall.EPERM:        "операция не разрешена (недостаточно прав)",
	syscall.EISDIR:       "это папка, а ожидается файл",
	syscall.ENOTDIR:      "часть пути — не папка",
	syscall.ENOSPC:       "нет места на диске",
	syscall.EDQUOT:       "превышена дисковая квота",
	syscall.EROFS:        "файловая система только для чтения",
	syscall.EEXIST:       "файл уже существует",
	syscall.ENAMETOOLONG: "слишком длинное имя файла",
	syscall.EMFILE:       "слишком много открытых файлов",
	syscall.ENFILE:       "слишком много открытых файлов в системе",
	syscall.EIO:          "ошибка ввода-вывода (диск неисправен или отключен)",
	syscall.ELOOP:        "слишком много символических ссылок подряд (ссылка указывает сама на себя?)",
	syscall.ENXIO:        "нет такого устройства (именованный канал без читающей программы?)",
	syscall.EPIPE:        "читающая программа закрыла канал",
	syscall.ENOTEMPTY:    "папка не пуста",
	syscall.EXDEV:        "нельзя переместить файл на другой диск",
	syscall.EBUSY:        "файл или устройство заняты",
	syscall.ETXTBSY:      "файл занят",
	syscall.EINVAL:       "недопустимое значение",
	syscall.EFBIG:        "файл слишком велик",
	syscall.EAGAIN:       "ресурс временно недоступен",
	syscall.EINTR:        "прервано",
	syscall.ENODEV:       "нет такого устройства",
	syscall.ENOMEM:       "недостаточно памяти",
	syscall.ECONNREFUSED: "соединение отклонено",
	syscall.ETIMEDOUT:    "время ожидания истекло",
}

// phrases are other English texts the libraries use, each with its
// Russian; a pattern stands for texts with a code or detail in them.
var phrases = []struct {
	re  *lazyre.Regexp
	rus string
}{
	// SQLite, as modernc.org/sqlite words it: "database is locked (5)
	// (SQLITE_BUSY)", "unable to open database file: ... (14)".
	{lazyre.New(`database is locked(?:: [^()]*[^() ])?(?: \(\d+\))?(?: \(SQLITE_BUSY\))?`), "база данных занята другой программой (повторите, когда та закончит)"},
	{lazyre.New(`database table is locked(?:: [^()]*[^() ])?(?: \(\d+\))?`), "таблица базы данных занята"},
	{lazyre.New(`unable to open database file(?:: [^()]*[^() ])?(?: \(\d+\))?`), "не удается открыть файл базы данных (нет папки или доступа)"},
	{lazyre.New(`attempt to write a readonly database(?:: [^()]*[^() ])?(?: \(\d+\))?`), "база данных доступна только для чтения"},
	{lazyre.New(`database or disk is full(?:: [^()]*[^() ])?(?: \(\d+\))?`), "база данных или диск заполнены"},
	{lazyre.New(`file is not a database(?:: [^()]*[^() ])?(?: \(\d+\))?`), "файл не является базой данных SQLite"},
	{lazyre.New(`database disk image is malformed(?:: [^()]*[^() ])?(?: \(\d+\))?`), "файл базы данных поврежден"},
	{lazyre.New(`disk I/O error(?:: [^()]*[^() ])?(?: \(\d+\))?`), "ошибка ввода-вывода при работе с базой данных"},
	{lazyre.New(`interrupted(?: \(9\))`), "прервано"},
	// The standard library's own words.
	{lazyre.New(`context canceled`), "прервано"},
	{lazyre.New(`context deadline exceeded`), "время ожидания истекло"},
	{lazyre.New(`unexpected EOF`), "файл оборван (неожиданный конец)"},
	{lazyre.New(`zip: not a valid zip file`), "не архив ZIP"},
	// archive/zip and the inflaters (compress/flate, klauspost's) on a
	// damaged workbook or document.
	{lazyre.New(`zip: checksum error`), "неверная контрольная сумма части архива"},
	{lazyre.New(`zip: unsupported compression algorithm`), "неизвестный метод сжатия"},
	{lazyre.New(`zip: offset out of range`), "архив оборван"},
	{lazyre.New(`flate: corrupt input before offset \d+`), "сжатые данные повреждены"},
	{lazyre.New(`flate: (?:internal error|read error)[^;]*`), "сжатые данные не читаются"},
	{lazyre.New(`file already closed`), "файл уже закрыт"},
}

// ops are the operation words of *fs.PathError, left out: the user
// needs the path and what went wrong, not the system call.
var opRE = lazyre.New(`\b(?:open|read|write|stat|lstat|mkdir|rename|remove|unlinkat|readdirent|readdir|close|chmod|fchmod|chown|fchown|truncate|sync|seek|fstat|openat|fdopendir|readlink|symlink|link|write at|read at) `)

// errnoRE matches the texts of errnos, longest first so that the
// alternation (leftmost-first) never stops at a shorter text that begins
// a longer one, whatever the map's order. It is compiled on first use,
// like the patterns above: at package initialisation these cost every
// process about a millisecond.
var errnoRE = sync.OnceValue(func() *regexp.Regexp {
	var alts []string
	for e := range errnos {
		alts = append(alts, regexp.QuoteMeta(e.Error()))
	}
	sort.Slice(alts, func(i, j int) bool {
		return len(alts[i]) > len(alts[j]) || len(alts[i]) == len(alts[j]) && alts[i] < alts[j]
	})
	return regexp.MustCompile(strings.Join(alts, "|"))
})

// Text is err's message with every system and database error in it said
// in Russian. A nil error is "".
func Text(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	walk(err, func(e error) {
		var from, to string
		switch e := e.(type) {
		case *fs.PathError:
			from, to = e.Error(), e.Path+": "+cause(e.Err)
		case *os.LinkError:
			from, to = e.Error(), e.Old+" → "+e.New+": "+cause(e.Err)
		case *os.SyscallError:
			from, to = e.Error(), cause(e.Err)
		default:
			return
		}
		s = strings.Replace(s, from, to, 1)
	})
	return translate(s)
}

// cause is the Russian of the error a *fs.PathError carries.
func cause(err error) string {
	var no syscall.Errno
	if errors.As(err, &no) {
		if r, ok := errnos[no]; ok {
			return r
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		return "прервано"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "файл оборван (неожиданный конец)"
	}
	return translate(err.Error())
}

// translate replaces the known English texts of s, then drops the
// operation word before a path whose error was translated ("open x: нет
// доступа" -> "x: нет доступа").
func translate(s string) string {
	s = errnoRE().ReplaceAllStringFunc(s, func(m string) string {
		for e, r := range errnos {
			if e.Error() == m {
				return r
			}
		}
		return m
	})
	for _, p := range phrases {
		s = p.re.ReplaceAllString(s, p.rus)
	}
	if !opRE.MatchString(s) {
		return s
	}
	var b strings.Builder
	for _, part := range strings.SplitAfter(s, ": ") {
		if loc := opRE.FindStringIndex(part); loc != nil && loc[0] == 0 && len(part) > loc[1] && isPathStart(part[loc[1]]) {
			part = part[loc[1]:]
		}
		b.WriteString(part)
	}
	return b.String()
}

// isPathStart reports a byte a path in a message starts with.
func isPathStart(c byte) bool {
	return c == '/' || c == '.' || c == '~' || c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80
}

// walk calls fn on err and every error it wraps, depth first.
func walk(err error, fn func(error)) {
	for err != nil {
		fn(err)
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e, fn)
			}
			return
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		default:
			return
		}
	}
}

// Error is err with its message in Russian (Text); errors.Is and As still
// see err beneath. Nil stays nil, and an error already translated is
// returned as it is.
func Error(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(translated); ok {
		return err
	}
	return translated{msg: Text(err), err: err}
}

type translated struct {
	msg string
	err error
}

func (t translated) Error() string { return t.msg }
func (t translated) Unwrap() error { return t.err }

// yamlReasons say in Russian what yaml.v3 says in English (the
// directory of organisations, the templates of --templates).
var yamlReasons = []struct{ en, ru string }{
	{"found a tab character", "табуляция в отступе, а отступы делаются пробелами"},
	{"found character that cannot start any token", "символ, с которого не может начинаться значение"},
	{"mapping values are not allowed", "двоеточие там, где значение не ожидается (заключите текст с двоеточием в кавычки)"},
	{"did not find expected key", "ожидается поле, а найдено другое (проверьте отступы)"},
	{"did not find expected node content", "не хватает значения"},
	{"did not find expected ',' or ']'", "список [...] не закрыт"},
	{"did not find expected ',' or '}'", "запись {...} не закрыта"},
	{"did not find expected '-' indicator", "ожидается элемент списка «- »"},
	{"could not find expected ':'", "после названия поля нет двоеточия"},
	{"found unexpected end of stream", "файл обрывается"},
	{"exceeded max depth", "слишком глубокая вложенность"},
	{"document contains excessive aliasing", "слишком много ссылок (*) на якоря (&)"},
	{"unknown anchor", "ссылка (*) на неизвестный якорь"},
	{"block sequence entries are not allowed", "элемент списка «- » в неподходящем месте"},
	{"found unknown escape character", "неизвестная последовательность с «\\» в кавычках"},
	{"invalid leading UTF-8 octet", "неверная последовательность байтов UTF-8"},
	{"invalid trailing UTF-8 octet", "неверная последовательность байтов UTF-8"},
	{"control characters are not allowed", "управляющие символы в тексте"},
	{"found unclosed quoted scalar", "не закрыта кавычка"},
	{"found unexpected end of stream while scanning a quoted scalar", "не закрыта кавычка"},
}

// yamlLineRE finds the line yaml.v3 names in a message: "yaml: line 3:
// found a tab character", "yaml: unmarshal errors:\n  line 5: field x
// not found in type ...".
var yamlLineRE = lazyre.New(`line (\d+): ([^\n]*)`)

// YAMLLine splits a yaml.v3 message into the line it names (0 for none)
// and what it says there, in English still: the caller may look at it
// (an unknown key) before YAMLReason says it in Russian.
func YAMLLine(msg string) (line int, rest string) {
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return 0, msg
	}
	line, _ = strconv.Atoi(m[1])
	return line, m[2]
}

// YAMLReason is the Russian of a yaml.v3 message, its "yaml: line N:"
// taken off by the caller; a message not known is "разметка не читается",
// never the English.
func YAMLReason(msg string) string {
	for _, r := range yamlReasons {
		if strings.Contains(msg, r.en) {
			return r.ru
		}
	}
	return "разметка не читается"
}
