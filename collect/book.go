package collect

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
)

// book is an .xlsx opened for reading values only: sheet names and parts,
// shared strings (decoded lazily, since most of them are plan texts that
// collection never needs), the date system and the last-saved stamp.
type book struct {
	files    map[string]*zip.File
	parts    map[string][]byte // decompressed parts, read once
	sheets   []sheetRef
	sst      [][]byte // raw <si> contents
	sstCache map[int]string
	date1904 bool
	modified time.Time
	// kind is the roadmap.kind document property ("" when none).
	kind string
	// unpacked counts the bytes unpacked from the zip so far, all parts
	// together, against maxUnpacked.
	unpacked, maxUnpacked int64
}

type sheetRef struct {
	name  string
	part  string
	state string // "", "hidden", "veryHidden"
}

// openBook reads the workbook structure from a zip checked by sniff.
func openBook(zr *zip.Reader, maxUnpacked int64) (*book, error) {
	b := &book{files: make(map[string]*zip.File, len(zr.File)), parts: map[string][]byte{}, sstCache: map[int]string{}, maxUnpacked: maxUnpacked}
	for _, f := range zr.File {
		b.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	wbPart := "xl/workbook.xml"
	if rels, err := b.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPart = r.target
			}
		}
	}
	wb, err := b.read(wbPart)
	if err != nil {
		return nil, fmt.Errorf("нет описания книги (%s): %v", wbPart, err)
	}
	rels, err := b.rels(path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels"), path.Dir(wbPart))
	if err != nil {
		return nil, fmt.Errorf("нет связей книги: %v", err)
	}
	byID := map[string]string{}
	sstPart := ""
	for _, r := range rels {
		byID[r.id] = r.target
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			sstPart = r.target
		}
	}
	s := xmlScanner{data: wb}
	for {
		t, ok := s.next()
		if !ok {
			break
		}
		if t.kind != tokStart {
			continue
		}
		switch string(t.name) {
		case "sheet":
			name, _ := attr(t.attrs, "name")
			id, _ := attr(t.attrs, "id")
			state, _ := attr(t.attrs, "state")
			if part, ok := byID[id]; ok {
				if len(b.sheets) == maxSheets {
					return nil, fmt.Errorf("в книге больше %d листов", maxSheets)
				}
				b.sheets = append(b.sheets, sheetRef{name: name, part: part, state: state})
			}
		case "workbookPr":
			v, _ := attr(t.attrs, "date1904")
			b.date1904 = v == "1" || v == "true"
		}
	}
	if len(b.sheets) == 0 {
		return nil, fmt.Errorf("в книге нет листов")
	}
	if sstPart != "" {
		if err := b.loadSST(sstPart); err != nil {
			return nil, err
		}
	}
	if core, err := b.read("docProps/core.xml"); err == nil {
		if i := bytes.Index(core, []byte("modified")); i >= 0 {
			s := xmlScanner{data: core, pos: bytes.LastIndexByte(core[:i], '<')}
			s.next()
			if t, ok := s.next(); ok && t.kind == tokText {
				b.modified, _ = time.Parse(time.RFC3339, strings.TrimSpace(string(t.text)))
			}
		}
	}
	if custom, err := b.read("docProps/custom.xml"); err == nil {
		b.kind = customProp(custom, "roadmap.kind")
	}
	return b, nil
}

// customProp is the text value of the named custom document property.
func customProp(data []byte, name string) string {
	s := xmlScanner{data: data}
	in := false
	for {
		t, ok := s.next()
		if !ok {
			return ""
		}
		switch {
		case t.kind == tokStart && string(t.name) == "property":
			n, _ := attr(t.attrs, "name")
			in = n == name
		case t.kind == tokText && in:
			return strings.TrimSpace(unescape(t.text, false))
		case t.kind == tokEnd && string(t.name) == "property":
			in = false
		}
	}
}

func (b *book) read(name string) ([]byte, error) {
	if data, ok := b.parts[name]; ok {
		return data, nil
	}
	f, ok := b.files[name]
	if !ok {
		return nil, fmt.Errorf("нет части %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// sniff has bounded the declared sizes (and archive/zip refuses a part
	// longer than declared); the budget of the whole book guards against a
	// central directory that lies anyway.
	left := b.maxUnpacked - b.unpacked
	// MinRead more than the declared size: bytes.Buffer asks for that much
	// room before every read, the last one (which finds the end) included,
	// and a buffer of the exact size was copied into one twice as large.
	buf := bytes.NewBuffer(partBufs.get(int(min(f.UncompressedSize64, uint64(left))) + bytes.MinRead))
	n, err := io.Copy(buf, io.LimitReader(rc, left+1))
	b.unpacked += n
	if err != nil {
		return nil, fmt.Errorf("часть %s повреждена: %v", name, err)
	}
	if n > left {
		return nil, fmt.Errorf("после распаковки больше %d МБ (подозрение на zip-бомбу)", b.maxUnpacked>>20)
	}
	b.parts[name] = buf.Bytes()
	return buf.Bytes(), nil
}

// partBufs recycles the buffers parts are unpacked into, from one
// workbook to the next: a checklist's sheet is about 175 KB unpacked, and
// 500 of them allocated afresh were most of a collection's garbage. It is
// a bounded free list, not a sync.Pool: a pool is emptied by every other
// garbage collection, and the fresh buffers that replaced its contents
// cost page faults (with the fix below, 7.9k -> 6.7k in a collection of
// 500 checklists; ~20 µs a fault on the VMs measured).
var partBufs = make(bufList, maxPooledParts)

// bufList is a bounded free list of buffers, as partBufs describes.
type bufList chan []byte

const (
	// minPooled is the smallest buffer worth keeping.
	minPooled = 16 << 10
	// maxPooled is the largest kept: the list lives as long as the
	// process (a web server's too), so a tracker's big sheets are left to
	// the garbage collector.
	maxPooled = 1 << 20
	// maxPooledParts bounds the list: a few per parsing worker.
	maxPooledParts = 8
)

// get is an empty buffer of at least n bytes' capacity.
// A small one (a workbook's description, its relationships) is a buffer
// of its own: taking a kept one, it held that buffer until the whole book
// was released, and the sheet read after it found none (a third of the
// sheets were unpacked into new buffers).
func (l bufList) get(n int) []byte {
	if n < minPooled || n >= maxPooled {
		return make([]byte, 0, n)
	}
	select {
	case p := <-l:
		if cap(p) >= n {
			return p[:0]
		}
	default:
	}
	// Room for the next workbook's part as well: the same sheet of another
	// school's checklist is up to a fifth larger, and a buffer too small
	// for it is dropped.
	return make([]byte, 0, n+n/4)
}

// put keeps a buffer for a later get, when its size is worth keeping and
// the list has room.
func (l bufList) put(b []byte) {
	if cap(b) >= minPooled && cap(b) <= maxPooled {
		select {
		case l <- b[:0]:
		default:
		}
	}
}

// release gives the unpacked parts back for reuse: nothing read from the
// book may be used afterwards (every value taken from it is a copy).
func (b *book) release() {
	for name, data := range b.parts {
		partBufs.put(data)
		delete(b.parts, name)
	}
	b.sst, b.sstCache = nil, nil
}

type rel struct{ id, typ, target string }

// rels reads a relationships part; targets are resolved against dir.
func (b *book) rels(name, dir string) ([]rel, error) {
	data, err := b.read(name)
	if err != nil {
		return nil, err
	}
	var out []rel
	s := xmlScanner{data: data}
	for {
		t, ok := s.next()
		if !ok {
			break
		}
		if t.kind == tokStart && string(t.name) == "Relationship" {
			if len(out) == maxRels {
				return nil, fmt.Errorf("в части %s больше %d связей", name, maxRels)
			}
			var r rel
			r.id, _ = attr(t.attrs, "Id")
			r.typ, _ = attr(t.attrs, "Type")
			r.target, _ = attr(t.attrs, "Target")
			if strings.HasPrefix(r.target, "/") {
				r.target = strings.TrimPrefix(r.target, "/")
			} else {
				r.target = path.Join(dir, r.target)
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// loadSST records where each shared string lies; text is decoded on use.
func (b *book) loadSST(part string) error {
	data, err := b.read(part)
	if err != nil {
		return err
	}
	s := xmlScanner{data: data}
	start := -1
	for {
		t, ok := s.next()
		if !ok {
			break
		}
		if len(b.sst) == maxSharedStrings {
			return fmt.Errorf("в книге больше %d разных текстов", maxSharedStrings)
		}
		switch {
		case t.kind == tokStart && string(t.name) == "si":
			if t.self {
				b.sst = append(b.sst, nil)
			} else {
				start = s.pos
			}
		case t.kind == tokEnd && string(t.name) == "si" && start >= 0:
			b.sst = append(b.sst, data[start:s.pos])
			start = -1
		}
	}
	return nil
}

// missingShared reports a cell of type "s" whose index names no shared
// string of the book (a part removed, an index written by another
// program): value reads it as empty, which must not pass for a blank
// answer.
func (b *book) missingShared(c cell) bool {
	if c.typ != "s" {
		return false
	}
	v := bytes.TrimSpace(c.v)
	if len(v) == 0 {
		return false
	}
	i, ok := digitsOnly(v, 9)
	return !ok || i >= len(b.sst)
}

// shared returns shared string i.
func (b *book) shared(i int) string {
	if s, ok := b.sstCache[i]; ok {
		return s
	}
	if i < 0 || i >= len(b.sst) {
		return ""
	}
	s := richText(b.sst[i])
	b.sstCache[i] = s
	return s
}

// richText joins the <t> runs of a string item, leaving out phonetic
// guides (<rPh>), as Excel displays it.
func richText(data []byte) string {
	s := xmlScanner{data: data}
	var parts []string
	inT, inPh := false, false
	for {
		t, ok := s.next()
		if !ok {
			break
		}
		switch t.kind {
		case tokStart:
			switch string(t.name) {
			case "t":
				inT = !t.self
			case "rPh":
				inPh = !t.self
			}
		case tokEnd:
			switch string(t.name) {
			case "t":
				inT = false
			case "rPh":
				inPh = false
			}
		case tokText:
			if inT && !inPh {
				if t.cdata {
					parts = append(parts, string(t.text))
				} else {
					parts = append(parts, unescape(t.text, true))
				}
			}
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts, "")
}

// cell is one cell of a row as stored: its column and undecoded value.
type cell struct {
	col int    // 1-based
	typ string // the t attribute: "s", "inlineStr", "str", "b", "n", "d", "e" or ""
	v   []byte // <v> content (raw)
	is  []byte // <is> content for inline strings
	// formula is true when the cell holds a formula (<f>); without a <v>
	// its value was never computed and saved (a file written by a program,
	// not saved from Excel).
	formula bool
}

// value decodes a cell as text; numbers stay as written (serial dates
// included), as excelize's RawCellValue gives them.
func (b *book) value(c cell) string {
	switch c.typ {
	case "s":
		v := bytes.TrimSpace(c.v)
		if len(v) == 0 || len(v) > 9 {
			return ""
		}
		for _, d := range v {
			if d < '0' || d > '9' {
				return ""
			}
		}
		return b.shared(atoiBytes(v))
	case "inlineStr":
		return richText(c.is)
	case "d":
		v := unescape(c.v, false)
		if len(v) >= 10 && strings.Contains(v, "T") {
			v = v[:10] // ISO 8601 date cell: keep the date
		}
		return v
	case "str", "e":
		return unescape(c.v, true)
	}
	return strings.TrimSpace(string(c.v))
}

// eachRow streams a sheet's rows to fn with their 1-based numbers. The
// cells slice is reused between calls.
func (b *book) eachRow(sh sheetRef, fn func(n int, cells []cell) error) error {
	data, err := b.read(sh.part)
	if err != nil {
		return err
	}
	s := xmlScanner{data: data}
	var cells []cell
	rowN, inRow := 0, false
	var cur *cell
	inV, inIS := false, false
	isStart := 0
	for {
		before := s.pos
		t, ok := s.next()
		if !ok {
			break
		}
		switch t.kind {
		case tokStart:
			switch string(t.name) {
			case "row":
				if r, ok := attrRaw(t.attrs, "r"); ok {
					rowN = rowNumber(r)
					if rowN == 0 {
						return fmt.Errorf("строка с номером «%s»: такой строки не бывает в Excel (номера от 1 до %d); файл поврежден", quoted(r), maxRows)
					}
				} else if rowN++; rowN > maxRows {
					return fmt.Errorf("строка %d: в Excel не бывает больше %d строк; файл поврежден", rowN, maxRows)
				}
				cells = cells[:0]
				if t.self {
					if err := fn(rowN, cells); err != nil {
						return err
					}
					continue
				}
				inRow = true
			case "c":
				if !inRow {
					continue
				}
				c := cell{col: 1}
				if len(cells) > 0 {
					c.col = cells[len(cells)-1].col + 1
				}
				r, hasR, typ, hasT := attrsRaw2(t.attrs, "r", "t")
				if hasR {
					if col := colOf(r); col > maxColumns {
						return fmt.Errorf("строка %d: ячейка «%s» правее последнего столбца Excel (XFD); файл поврежден", rowN, quoted(r))
					} else if col > 0 {
						c.col = col
					}
				}
				if hasT {
					c.typ = cellType(typ)
				}
				if c.col > maxColumns || len(cells) >= maxColumns {
					return fmt.Errorf("строка %d: больше %d ячеек, а в Excel не бывает больше %d столбцов", rowN, maxColumns, maxColumns)
				}
				cells = append(cells, c)
				cur = &cells[len(cells)-1]
				if t.self {
					cur = nil
				}
			case "v":
				inV = cur != nil && !t.self
			case "f":
				if cur != nil {
					cur.formula = true
				}
			case "is":
				if cur != nil && !t.self {
					inIS, isStart = true, s.pos
				}
			}
		case tokEnd:
			switch string(t.name) {
			case "v":
				inV = false
			case "is":
				if inIS && cur != nil {
					cur.is = data[isStart:before]
				}
				inIS = false
			case "c":
				cur = nil
			case "row":
				inRow = false
				if err := fn(rowN, cells); err != nil {
					return err
				}
			case "sheetData":
				return nil
			}
		case tokText:
			if inV && cur != nil {
				cur.v = t.text
			}
		}
	}
	return nil
}

// cellType interns the t attribute so that reading a cell allocates nothing.
func cellType(b []byte) string {
	for _, t := range [...]string{"s", "inlineStr", "str", "n", "b", "d", "e"} {
		if string(b) == t {
			return t
		}
	}
	return string(b)
}

func atoiBytes(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return n
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// colOf turns "F12" into 6. A column past Excel's last (XFD) is
// maxColumns+1, however many letters follow: "ZZZZZZZZZZZZZZ1" must not
// wrap around to a small or negative number.
func colOf(ref []byte) int {
	n := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a') + 1
		default:
			return n
		}
		if n > maxColumns {
			return maxColumns + 1
		}
	}
	return n
}

// rowNumber reads a row's r attribute: a number from 1 to Excel's last
// row, or 0 for anything else ("0", "-3", "7a", twenty digits), which
// atoiBytes would have read as a row of the sheet or wrapped around.
func rowNumber(r []byte) int {
	if n, ok := digitsOnly(r, 7); ok && n <= maxRows {
		return n
	}
	return 0
}

// digitsOnly reads b as a number of 1 to maxDigits decimal digits and nothing
// else; ok is false for any other text, which then has no value (a
// longer run of digits could wrap around).
func digitsOnly(b []byte, maxDigits int) (n int, ok bool) {
	if len(b) == 0 || len(b) > maxDigits {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// quoted is a value from the file to quote in a message, cut to a length
// a message line can hold.
func quoted(b []byte) string {
	return clip(strings.ToValidUTF8(string(b), "\uFFFD"), 20)
}
