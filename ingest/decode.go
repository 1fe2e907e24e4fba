package ingest

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// Encoding names recorded in plan.Source.Encoding.
const (
	EncUTF8      = "utf-8"
	EncUTF8BOM   = "utf-8-bom"
	EncUTF16LE   = "utf-16le"
	EncUTF16BE   = "utf-16be"
	EncWin1251   = "windows-1251"
	EncKOI8R     = "koi8-r"
	EncIBM866    = "ibm866"
	expectedText = "ожидается текстовый экспорт таблицы (TSV) или HTML"
)

// magic lists documents people send by mistake instead of the export. The
// detail says in Russian what the file is and what to do with it.
var magic = []struct {
	prefix string
	what   string
}{
	{"%PDF", "это PDF-файл, а " + expectedText + "; откройте исходный документ в Word и сохраните его как HTML или текст"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "это документ Microsoft Office старого формата (DOC или XLS), а " + expectedText + "; сохраните его как HTML или текст"},
	{"{\\rtf", "это документ RTF, а " + expectedText + "; откройте его в Word и сохраните как HTML"},
	{"\x1F\x8B", "это архив gzip, а " + expectedText + "; распакуйте его"},
	{"Rar!\x1A\x07", "это архив RAR, а " + expectedText + "; распакуйте его"},
	{"7z\xBC\xAF\x27\x1C", "это архив 7z, а " + expectedText + "; распакуйте его"},
	{"\x89PNG", "это изображение PNG, а " + expectedText},
	{"\xFF\xD8\xFF", "это изображение JPEG, а " + expectedText},
}

// zipKind names a ZIP-based file by the member names its local headers
// show in clear near the start: Office Open XML, OpenDocument or a plain
// archive. A plain archive named as a document (an empty .docx, one
// whose parts are gone) is a damaged document to its owner, not an
// archive to unpack.
func zipKind(name string, data []byte) string {
	head := data[:min(len(data), 64<<10)]
	switch {
	case bytes.Contains(head, []byte("word/")):
		return "это документ Word (DOCX), а " + expectedText + "; сохраните документ в Word как «Веб-страница (HTML)» или как текст"
	case bytes.Contains(head, []byte("xl/")):
		return "это книга Excel (XLSX), а " + expectedText + "; сохраните лист как «Текст (с разделителями табуляции)»"
	case bytes.Contains(head, []byte("opendocument.text")):
		return "это документ OpenDocument (ODT), а " + expectedText + "; сохраните его в LibreOffice как HTML"
	case bytes.Contains(head, []byte("opendocument.spreadsheet")):
		return "это таблица OpenDocument (ODS), а " + expectedText + "; сохраните лист как текст CSV с табуляцией"
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".docm", ".dotx":
		return "файл назван как документ Word, но в архиве нет документа (word/document.xml): файл поврежден или сохранен не Word; откройте его в Word или LibreOffice и сохраните заново"
	case ".odt", ".ott":
		return "файл назван как документ OpenDocument, но в архиве нет документа (content.xml): файл поврежден; откройте его в LibreOffice и сохраните заново"
	}
	return "это ZIP-архив, а " + expectedText + "; распакуйте его"
}

// sniffFormat refuses files that are clearly not text exports.
func sniffFormat(name string, data []byte) error {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return &ParseError{Pos: plan.Pos{File: name, Line: 1}, Err: ErrFormat, Detail: zipKind(name, data)}
	}
	for _, m := range magic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return &ParseError{Pos: plan.Pos{File: name, Line: 1}, Err: ErrFormat, Detail: m.what}
		}
	}
	return nil
}

// decoded is the input as UTF-8 text.
type decoded struct {
	text     string
	encoding string
	diags    plan.Diagnostics
}

// decode detects the encoding and returns the text as UTF-8. The order
// matters: a byte-order mark is certain; valid UTF-8 is next to certain
// (Windows-1251 Cyrillic almost never forms valid multi-byte sequences); a
// charset declared by an HTML <meta> is trusted next; otherwise the bytes
// are scored as the Cyrillic single-byte encodings and the one that reads
// as Russian text wins.
func decode(name string, data []byte) (*decoded, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		if utf8.Valid(data[3:]) {
			return checkText(name, &decoded{text: keep(data[3:]), encoding: EncUTF8BOM})
		}
		return decodeLines(name, data[3:], EncUTF8BOM)
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		return decodeWith(name, data, xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), EncUTF16LE)
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return decodeWith(name, data, xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), EncUTF16BE)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		if enc := sniffUTF16(data); enc != nil {
			return decodeWith(name, data, enc.enc, enc.name)
		}
		return nil, binaryError(name, data, i, "байт NUL")
	}
	if controls, ok := scanUTF8(data); ok {
		// data holds no NUL (refused above), so only the share of the
		// other control characters is left to check.
		d := &decoded{text: keep(data), encoding: EncUTF8}
		if share(controls, len(data)) > 0.01 {
			off := strings.IndexFunc(d.text, isControl)
			return nil, binaryError(name, data, off, "управляющие символы")
		}
		return d, nil
	}
	if cs := declaredCharset(data); cs != "" {
		if cm, canon := charmapByName(cs); cm != nil {
			return decodeLegacy(name, data, cm, canon)
		}
	}
	// Text with UTF-8 in it is read line by line: a file cut or
	// concatenated badly, or pasted together from files in two encodings.
	if good, bad := utf8Counts(data); good >= 20*bad && good > 0 || hasRussianUTF8Line(data) {
		return decodeLines(name, data, EncUTF8)
	}
	best, bestScore := "", 0.0
	for _, c := range legacyCandidates {
		if s := cyrillicScore(data, c.cm); s > bestScore {
			best, bestScore = c.name, s
		}
	}
	if bestScore < 0.6 {
		off := firstInvalidUTF8(data)
		if controlShare(string(data)) > 0.01 {
			return nil, binaryError(name, data, off, "байты вне текста")
		}
		return nil, &ParseError{Pos: plan.Pos{File: name, Line: lineAt(data, off)}, Err: ErrEncoding,
			Detail: "ожидается UTF-8 или Windows-1251 (русский текст)"}
	}
	cm, _ := charmapByName(best)
	return decodeLegacy(name, data, cm, best)
}

// keep is data as a string without a copy: UTF-8 input, the common
// case, becomes the text as it is. Read's caller does not change data
// afterwards (see Read), and nothing here writes to it; a copy of a
// 3 MB export cost a fifth of `roadmap ingest`'s time beyond the process
// start on this project's machine, where each fresh page of memory is
// expensive.
func keep(data []byte) string { return unsafe.String(unsafe.SliceData(data), len(data)) }

// decodeLines decodes text that holds valid UTF-8 but is not all valid
// UTF-8, line by line, so that nothing is lost:
//
//   - a valid line is UTF-8;
//   - a line with Russian letters in UTF-8 and fewer broken sequences is
//     UTF-8 cut or joined badly: the broken bytes become U+FFFD, with a
//     warning;
//   - a line with more broken sequences (or characters no Russian text
//     has, as CP866 letters form) than Russian letters in UTF-8 is in a
//     single-byte Cyrillic code page (the one that reads best over all
//     such lines), as when a Windows-1251 file was pasted into a UTF-8
//     one: it is decoded as such, with a warning naming its first line,
//     so that lint --strict fails on the file.
//
// If those lines read as no Russian code page, they are broken UTF-8 too.
func decodeLines(name string, data []byte, encName string) (*decoded, error) {
	type span struct{ start, end int }
	var legacy []span
	var legacyBytes []byte
	for start := 0; start < len(data); {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start + 1
		}
		line := data[start:end]
		if utf8.Valid(line) {
			start = end
			continue
		}
		if cyr, other := utf8Cyrillic(line); cyr < other {
			legacy = append(legacy, span{start, end})
			legacyBytes = append(legacyBytes, line...)
		}
		start = end
	}
	var cm *charmap.Charmap
	legacyName := ""
	if len(legacy) > 0 {
		best, bestScore := "", 0.0
		for _, c := range legacyCandidates {
			if sc := cyrillicScore(legacyBytes, c.cm); sc > bestScore {
				best, bestScore = c.name, sc
			}
		}
		if bestScore >= 0.6 {
			cm, legacyName = charmapByName(best)
		}
	}
	var out strings.Builder
	out.Grow(len(data) + len(data)/2)
	d := &decoded{encoding: encName}
	bad, firstBad := 0, -1
	prev := 0
	flushUTF8 := func(part []byte, off int) {
		if utf8.Valid(part) {
			out.Write(part)
			return
		}
		_, b := utf8Counts(part)
		if firstBad < 0 {
			firstBad = off + firstInvalidUTF8(part)
		}
		bad += b
		out.Write(bytes.ToValidUTF8(part, []byte("\uFFFD")))
	}
	if cm != nil {
		dec := cm.NewDecoder()
		for _, sp := range legacy {
			flushUTF8(data[prev:sp.start], prev)
			b, err := dec.Bytes(data[sp.start:sp.end])
			if err != nil {
				return nil, &ParseError{Pos: plan.Pos{File: name, Line: lineAt(data, sp.start)}, Err: ErrEncoding, Detail: err.Error()}
			}
			out.Write(b)
			prev = sp.end
		}
		d.diags.Add(plan.Pos{File: name, Line: lineAt(data, legacy[0].start)}, plan.Warning, plan.CodeEncoding,
			fmt.Sprintf("в файле смешаны кодировки: %s в %s, остальные в UTF-8; каждая строка прочитана в своей кодировке, проверьте текст",
				linesWord(len(legacy)), encTitle[legacyName]), "")
	}
	flushUTF8(data[prev:], prev)
	if bad > 0 {
		d.diags.Add(plan.Pos{File: name, Line: lineAt(data, firstBad)}, plan.Warning, plan.CodeEncoding,
			fmt.Sprintf("неверные последовательности байтов UTF-8 (%d) заменены символом �", bad), "")
	}
	d.text = out.String()
	return checkText(name, d)
}

func isRussian(r rune) bool { return r >= 'А' && r <= 'я' || r == 'ё' || r == 'Ё' }

// hasRussianUTF8Line reports a line that is valid UTF-8 with at least two
// Russian letters: text in a single-byte code page never has one, since
// its letters do not pair into valid sequences for a whole line.
func hasRussianUTF8Line(data []byte) bool {
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data) - 1
		}
		line := data[:end+1]
		if cyr, other := utf8Cyrillic(line); cyr >= 2 && other == 0 && utf8.Valid(line) {
			return true
		}
		data = data[end+1:]
	}
	return false
}

// utf8Cyrillic counts, in data read as UTF-8, the Russian letters (cyr)
// and every non-ASCII byte sequence that is neither one of them nor a
// typographic mark of Russian text (« » — – № … NBSP and quotes), valid
// or not (other). Text in a
// single-byte code page has no Cyrillic letters read this way: its bytes
// form either invalid sequences or characters of other scripts.
func utf8Cyrillic(data []byte) (cyr, other int) {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			other++
		case isRussian(r):
			cyr++
		case strings.ContainsRune("«»—–№…\u00a0“”„‘’•", r):
		default:
			other++
		}
		i += size
	}
	return cyr, other
}

// linesWord says "1 строка", "3 строки", "5 строк".
func linesWord(n int) string { return templates.Count(n, "строка", "строки", "строк") }

// encTitle is how the user knows the legacy encodings.
var encTitle = map[string]string{EncWin1251: "Windows-1251", EncKOI8R: "KOI8-R", EncIBM866: "CP866 (DOS)"}

var legacyCandidates = []struct {
	name string
	cm   *charmap.Charmap
}{
	{EncWin1251, charmap.Windows1251},
	{EncKOI8R, charmap.KOI8R},
	{EncIBM866, charmap.CodePage866},
}

// charmapByName resolves a charset label (as HTML declares it) to a code
// page and the name recorded in Source.Encoding.
func charmapByName(label string) (*charmap.Charmap, string) {
	switch label {
	case EncWin1251, "cp1251", "x-cp1251", "windows1251":
		return charmap.Windows1251, EncWin1251
	case EncKOI8R, "koi8r", "koi8":
		return charmap.KOI8R, EncKOI8R
	case EncIBM866, "cp866", "866":
		return charmap.CodePage866, EncIBM866
	}
	return nil, ""
}

// cyrillicScore rates how much a single-byte encoding makes the non-ASCII
// bytes read as Russian: the share of high bytes that become Cyrillic
// letters, with lower-case letters (which dominate running text) counted
// fully and capitals at half weight; a letter next to a Latin letter
// counts nothing. Windows-1251 and KOI8-R both map the upper half to
// letters but with the cases swapped, so the weighting tells them apart.
func cyrillicScore(data []byte, cm *charmap.Charmap) float64 {
	var high, score float64
	for i, b := range data {
		if b < 0x80 {
			continue
		}
		high++
		r := cm.DecodeByte(b)
		switch {
		case i > 0 && isASCIILetter(data[i-1]) || i+1 < len(data) && isASCIILetter(data[i+1]):
			// A letter glued to a Latin one: Latin-1 "Café" read as
			// "Cafй". Russian words are all Cyrillic.
		case unicode.Is(unicode.Cyrillic, r) && unicode.IsLower(r):
			score++
		case unicode.Is(unicode.Cyrillic, r):
			score += 0.5
		case r == '«' || r == '»' || r == '–' || r == '—' || r == '№' || r == '\u00a0':
			score += 0.5
		}
	}
	if high == 0 {
		return 0
	}
	return score / high
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

func decodeLegacy(name string, data []byte, cm *charmap.Charmap, encName string) (*decoded, error) {
	d, err := decodeWith(name, data, cm, encName)
	if err != nil {
		return nil, err
	}
	d.diags.Add(plan.Pos{File: name}, plan.Info, plan.CodeEncoding,
		"файл прочитан в кодировке "+encTitle[encName]+", а не UTF-8", "")
	return d, nil
}

func decodeWith(name string, data []byte, enc encoding.Encoding, encName string) (*decoded, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, &ParseError{Pos: plan.Pos{File: name, Line: 1}, Err: ErrEncoding, Detail: err.Error()}
	}
	// The UTF-16 decoder keeps nothing of the BOM; a stray one is dropped.
	out = bytes.TrimPrefix(out, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(out, 0); i >= 0 {
		return nil, binaryError(name, out, i, "символ NUL")
	}
	return checkText(name, &decoded{text: string(out), encoding: encName})
}

// hasBOM16 reports a UTF-16 byte-order mark.
func hasBOM16(data []byte) bool {
	return bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF"))
}

func indexNUL(data []byte) int { return bytes.IndexByte(data, 0) }

type utf16Guess struct {
	enc  encoding.Encoding
	name string
}

// sniffUTF16 is inputfile.SniffUTF16 with the encoding's name.
func sniffUTF16(data []byte) *utf16Guess {
	switch enc, be := inputfile.SniffUTF16(data); {
	case enc == nil:
		return nil
	case be:
		return &utf16Guess{enc, EncUTF16BE}
	default:
		return &utf16Guess{enc, EncUTF16LE}
	}
}

// checkText refuses decoded text full of control characters: such a file
// is binary data that happened to decode.
func checkText(name string, d *decoded) (*decoded, error) {
	if i := strings.IndexByte(d.text, 0); i >= 0 {
		return nil, binaryError(name, []byte(d.text), i, "символ NUL")
	}
	if controlShare(d.text) > 0.01 {
		off := strings.IndexFunc(d.text, isControl)
		return nil, binaryError(name, []byte(d.text), off, "управляющие символы")
	}
	return d, nil
}

func binaryError(name string, data []byte, off int, what string) error {
	return &ParseError{Pos: plan.Pos{File: name, Line: lineAt(data, off)}, Err: ErrBinary,
		Detail: what + " в тексте; " + expectedText}
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v' || r == 0x7f
}

// controlShare is the share of C0 control bytes other than white space.
func controlShare(data string) float64 {
	n := 0
	for i := 0; i < len(data); i++ {
		if byteClass[data[i]] == classControl {
			n++
		}
	}
	return share(n, len(data))
}

// share is n control bytes in a text of size bytes as a fraction. A
// handful of stray control characters in a long text is a defect of the
// text, not binary data; a share over 1% is.
func share(n, size int) float64 {
	if n == 0 || size == 0 {
		return 0
	}
	return float64(n) / float64(size)
}

// Byte classes for scanUTF8.
const (
	classText    = iota // ASCII text, white space included
	classControl        // a C0 control character other than white space, or DEL
	classHigh           // the first byte of a multi-byte sequence (or an invalid byte)
)

var byteClass = func() (t [256]uint8) {
	for b := 0; b < 256; b++ {
		switch {
		case b >= 0x80:
			t[b] = classHigh
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' || b == 0x7f:
			t[b] = classControl
		}
	}
	return t
}()

// scanUTF8 reports whether data is valid UTF-8 (as utf8.Valid) and counts
// its control bytes (as controlShare) in the same pass: the check used to
// read a large input three times (validate, copy, count), and this pass
// is most of decoding a valid file. Two-byte sequences, which all Cyrillic
// letters are, are checked inline; longer ones go to utf8.DecodeRune.
func scanUTF8(data []byte) (controls int, valid bool) {
	for i := 0; i < len(data); {
		switch byteClass[data[i]] {
		case classText:
			i++
		case classControl:
			controls++
			i++
		default:
			if c := data[i]; c >= 0xC2 && c <= 0xDF && i+1 < len(data) && data[i+1]&0xC0 == 0x80 {
				i += 2
				continue
			}
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return controls, false
			}
			i += size
		}
	}
	return controls, true
}

// lineAt is the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	if off < 0 {
		return 1
	}
	return bytes.Count(data[:min(off, len(data))], []byte{'\n'}) + 1
}

func utf8Counts(data []byte) (good, bad int) {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			good++
		}
		i += size
	}
	return good, bad
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// declaredCharset finds charset=... in the first 64 KB, the way browsers
// pre-scan for <meta charset> and http-equiv Content-Type. It only matters
// for HTML that is not valid UTF-8.
func declaredCharset(data []byte) string {
	head := bytes.ToLower(data[:min(len(data), 64<<10)])
	i := bytes.Index(head, []byte("charset"))
	for i >= 0 {
		rest := bytes.TrimLeft(head[i+len("charset"):], " \t\r\n")
		if len(rest) > 0 && rest[0] == '=' {
			rest = bytes.TrimLeft(rest[1:], " \t\r\n\"'")
			end := bytes.IndexFunc(rest, func(r rune) bool {
				return !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z')
			})
			if end < 0 {
				end = len(rest)
			}
			return string(rest[:end])
		}
		j := bytes.Index(head[i+1:], []byte("charset"))
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return ""
}
