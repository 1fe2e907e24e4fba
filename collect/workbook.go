package collect

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/internal/syserr"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// parsed is what one workbook holds, before it is matched to a plan.
type parsed struct {
	path     string
	sha      string
	modTime  time.Time
	manifest plan.Manifest
	saved    time.Time // docProps modified, else the file's mtime
	rows     []row
	diags    plan.Diagnostics
}

// row is one filled row with an item ID.
type row struct {
	sheet string
	n     int // 1-based row number
	id    string
	plan.Answer
}

// fillKeys are the manifest column keys read from each row.
var fillKeys = [...]string{plan.ColID, plan.ColStatus, plan.ColDate, plan.ColEvidence, plan.ColComment}

// readWorkbook opens one file and extracts its manifest and filled rows.
// Every failure is a refusal with a reason for the user; it never panics
// on a malformed file.
func readWorkbook(path string, maxBytes int64) (*parsed, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, refuse("файл не найден")
		}
		return nil, refuse("не читается: %s", syserr.Text(err))
	}
	if fi.IsDir() {
		return nil, refuse("это папка")
	}
	if !fi.Mode().IsRegular() {
		// A named pipe or a device: no workbook, and reading one could
		// wait forever.
		return nil, refuse("не обычный файл (именованный канал или устройство), а ожидается книга Excel")
	}
	// Bounded, and refused from its first bytes when it is no workbook.
	buf := fileBuf(fi.Size())
	data, err := inputfile.ReadInto(buf, path, max(maxBytes, maxFile), func(head []byte) error { return sniffHead(path, head) })
	var tl *inputfile.TooLargeError
	switch {
	case errors.As(err, &tl):
		return nil, refuse("%s", tl.Error()+"; ожидается книга Excel с ответами")
	case errors.As(err, new(refusal)):
		return nil, err
	case err != nil:
		return nil, refuse("не читается: %s", syserr.Text(err))
	}
	defer fileBufs.put(data)
	return parseWorkbook(path, data, fi.ModTime(), maxBytes)
}

// fileBufs recycles the buffers workbooks are read into, from one file to
// the next: 500 checklists of ~35 KB read into fresh slices were 40 % of
// the bytes a collection allocated. Nothing parseWorkbook returns refers
// to the file's bytes (every value it keeps is a copy).
var fileBufs = make(bufList, maxPooledParts)

// fileBuf is an empty buffer for a file of size bytes (inputfile reads one
// byte past the size to see the end); nil for a file too large to keep a
// buffer for, which inputfile reads within its limit.
func fileBuf(size int64) []byte {
	if size >= maxPooled {
		return nil
	}
	return fileBufs.get(int(size) + 1)
}

// parseWorkbook extracts the manifest and filled rows of a workbook held
// in memory (read from path, or uploaded under that name); modTime stands
// for its save time when the workbook does not carry one.
func parseWorkbook(path string, data []byte, modTime time.Time, maxBytes int64) (p *parsed, err error) {
	defer func() {
		// A malformed part must cost one file, not the batch.
		if r := recover(); r != nil {
			p, err = nil, refuse("файл поврежден: внутренняя ошибка чтения (%v)", r)
		}
	}()
	sum := sha256.Sum256(data)
	p = &parsed{path: path, sha: hex.EncodeToString(sum[:]), modTime: modTime}
	zr, err := sniff(path, data, max(maxBytes, maxUnpacked))
	if err != nil {
		return nil, err
	}
	b, err := openBook(zr, max(maxBytes, maxUnpacked))
	if err != nil {
		return nil, refuse("не открывается как книга Excel: %v", err)
	}
	defer b.release()
	// The manifest is normally very hidden: look at hidden sheets first,
	// then at the rest (a user may have unhidden it).
	var mf *sheetRef
	for _, hidden := range []bool{true, false} {
		for i := range b.sheets {
			if (b.sheets[i].state != "") != hidden || mf != nil {
				continue
			}
			if a1, _ := firstCell(b, b.sheets[i]); a1 == plan.ManifestMarker {
				mf = &b.sheets[i]
			}
		}
	}
	if mf == nil && b.kind == "matrix" {
		return nil, skip("сводные матрицы roadmap: ответов в них нет, не собираются")
	}
	if mf == nil && b.kind == "region" {
		return nil, skip("сводка региона roadmap: ответов в ней нет, не собирается")
	}
	if mf == nil {
		return nil, refuse("нет служебного листа с паспортом файла: книга создана не программой roadmap или лист удален")
	}
	if p.manifest, err = readManifest(b, *mf); err != nil {
		return nil, err
	}
	// Excel and LibreOffice stamp the save time into docProps/core.xml;
	// it survives e-mail and copying, unlike the file's mtime. A stamp not
	// later than generation was left by the writer library, not a user.
	p.saved = p.modTime
	if b.modified.After(p.manifest.Generated) {
		p.saved = b.modified
	}
	found := false
	p.rows = rowScratch()
	for _, sh := range b.sheets {
		if sh == *mf {
			continue
		}
		ok, err := p.readSheet(b, sh)
		if err != nil {
			return nil, refuse("лист «%s»: %v", sh.name, err)
		}
		found = found || ok
	}
	if !found {
		p.releaseRows()
		return nil, refuse("ни на одном листе нет заголовка столбца «%s» (скрытый столбец с кодами пунктов удален?)", p.manifest.Columns[plan.ColID])
	}
	return p, nil
}

// rowBufs recycles the slices rows are gathered in, from one workbook to
// the next: grown by append, a checklist's 72 answered rows cost 2.5 times
// their size in garbage (a third of the bytes a collection allocated).
var rowBufs sync.Pool // of *[]row

// rowScratch is an empty slice to gather a workbook's rows in.
func rowScratch() []row {
	if p, ok := rowBufs.Get().(*[]row); ok {
		return (*p)[:0]
	}
	return nil
}

// releaseRows gives the slice the rows were gathered in back for reuse,
// once they are turned into answers (a copy kept at its exact size was
// 9 MB of garbage in a collection of 500 checklists).
func (p *parsed) releaseRows() {
	rows := p.rows
	clear(rows)
	rows = rows[:0]
	rowBufs.Put(&rows)
	p.rows = nil
}

// errStop ends a row scan early.
var errStop = errors.New("stop")

// firstCell returns A1 of a sheet.
func firstCell(b *book, sh sheetRef) (string, error) {
	a1 := ""
	err := b.eachRow(sh, func(n int, cells []cell) error {
		if n == 1 && len(cells) > 0 && cells[0].col == 1 {
			a1 = strings.TrimSpace(b.value(cells[0]))
		}
		return errStop
	})
	if err == errStop {
		err = nil
	}
	return a1, err
}

// readManifest decodes the key/value rows below the marker.
func readManifest(b *book, sh sheetRef) (plan.Manifest, error) {
	m := plan.Manifest{Columns: map[string]string{}}
	err := b.eachRow(sh, func(_ int, cells []cell) error {
		var k, v string
		for _, c := range cells {
			switch c.col {
			case 1:
				k = strings.TrimSpace(b.value(c))
			case 2:
				v = strings.TrimSpace(b.value(c))
			}
		}
		switch {
		case k == "kind":
			m.Kind = v
		case k == "plan_title":
			m.PlanTitle = v
		case k == "plan_hash":
			m.PlanHash = v
		case k == "org":
			m.Org = v
		case k == "tool":
			m.Tool = v
		case k == "quarter":
			m.Quarter = v
		case k == "signature":
			m.Signature = v
		case k == "generated":
			m.Generated, _ = time.Parse(time.RFC3339, v)
		case strings.HasPrefix(k, "columns."):
			m.Columns[strings.TrimPrefix(k, "columns.")] = v
		}
		return nil
	})
	if err != nil {
		return m, refuse("служебный лист не читается: %v", err)
	}
	switch {
	case m.PlanHash == "":
		return m, refuse("в служебном листе нет кода плана (plan_hash)")
	case m.Columns[plan.ColID] == "":
		return m, refuse("в служебном листе не указан столбец ID (columns.id)")
	case m.Kind != "checklist" && m.Kind != "tracker":
		return m, refuse("в служебном листе неизвестный вид книги %q (ожидается checklist или tracker)", m.Kind)
	case m.Kind == "checklist" && m.Org == "":
		return m, refuse("в служебном листе чек-листа не указана организация")
	}
	return m, nil
}

// normHeader compares header texts loosely: users retype headers with
// other spacing or case, and Excel may wrap them onto several lines.
func normHeader(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "ё", "е")), " "))
}

// nonSpaceRunes counts the runes of s that are not white space, up to
// limit+1: normHeader keeps exactly these (it only folds case, ё and
// spaces), so a text whose count differs from a header's cannot match it,
// and the long texts above the header row are not normalized in vain
// (that was 6 % of reading a checklist).
func nonSpaceRunes(s string, limit int) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			if n++; n > limit {
				break
			}
		}
	}
	return n
}

// readSheet streams a sheet: finds the header row by the ID column's
// header, maps the fill columns by their header texts, and keeps every row
// with an item ID. It reports whether the sheet had the header.
func (p *parsed) readSheet(b *book, sh sheetRef) (bool, error) {
	want := map[string]string{} // normalized header -> key
	for _, k := range fillKeys {
		if h := p.manifest.Columns[k]; h != "" {
			want[normHeader(h)] = k
		}
	}
	idHeader := normHeader(p.manifest.Columns[plan.ColID])
	idRunes := nonSpaceRunes(idHeader, len(idHeader))
	col := map[string]int{}
	var byCol [len(fillKeys)]int // fillKeys index -> column
	err := b.eachRow(sh, func(n int, cells []cell) error {
		if col[plan.ColID] == 0 {
			for _, c := range cells {
				if v := b.value(c); nonSpaceRunes(v, idRunes) == idRunes && normHeader(v) == idHeader {
					for _, c2 := range cells {
						if k, ok := want[normHeader(b.value(c2))]; ok && col[k] == 0 {
							col[k] = c2.col
						}
					}
					col[plan.ColID] = c.col
					for i, k := range fillKeys {
						byCol[i] = col[k]
					}
					p.missingColumns(sh.name, n, col)
					break
				}
			}
			return nil
		}
		var v [len(fillKeys)]string
		for _, c := range cells {
			for i, bc := range byCol {
				if bc != c.col {
					continue
				}
				v[i] = strings.TrimSpace(strings.ReplaceAll(b.value(c), "\r\n", "\n"))
				if c.formula && len(c.v) == 0 {
					p.diag(n, plan.Warning, "formula-no-value", fmt.Sprintf("лист «%s», строка %d: в столбце «%s» формула без вычисленного значения, ответ не прочитан; откройте файл в Excel или LibreOffice и сохраните его снова",
						sh.name, n, p.manifest.Columns[fillKeys[i]]), "")
				} else if v[i] == "" && b.missingShared(c) {
					p.diag(n, plan.Warning, "shared-string-missing", fmt.Sprintf("лист «%s», строка %d: в столбце «%s» ссылка на текст № %s, которого нет в книге (текстов в ней %d), ответ не прочитан; файл поврежден, откройте его в Excel или LibreOffice и сохраните снова",
						sh.name, n, p.manifest.Columns[fillKeys[i]], quoted(bytes.TrimSpace(c.v)), len(b.sst)), "")
				}
			}
		}
		p.addRow(sh.name, n, v[0], v[1], v[2], v[3], v[4], b.date1904)
		return nil
	})
	return col[plan.ColID] > 0, err
}

// addRow interprets one data row.
func (p *parsed) addRow(sheet string, n int, id, status, date, evidence, comment string, date1904 bool) {
	if id == "" {
		if status != "" || date != "" || evidence != "" || comment != "" {
			p.diag(n, plan.Warning, "added-row", fmt.Sprintf("лист «%s», строка %d: заполненная строка без кода пункта (добавлена вручную?) не собрана", sheet, n),
				firstNonEmpty(evidence, comment, status, date))
		}
		return
	}
	if status == "" && date == "" && evidence == "" && comment == "" {
		return // not answered
	}
	r := row{sheet: sheet, n: n, id: id}
	r.Evidence, r.Comment = evidence, comment
	st, ok := ParseStatus(status)
	r.Status = st
	if !ok {
		r.Raw = status
		p.diag(n, plan.Warning, "status-unknown", fmt.Sprintf("нераспознанный статус «%s» в строке %d (сохранен как есть)", status, n), status)
	} else if status != st.Label() {
		r.Raw = status
	}
	if date != "" {
		d, ok := ParseDate(date, date1904)
		switch {
		case !ok:
			p.diag(n, plan.Warning, "date-unknown", fmt.Sprintf("нераспознанная дата «%s» в строке %d (перенесена в комментарий)", date, n), date)
			r.Comment = strings.TrimSpace(r.Comment + "\nДата: " + date)
		case d.Month:
			p.diag(n, plan.Info, "date-month", fmt.Sprintf("в строке %d указан только месяц «%s»: записано 1-е число", n, date), date)
			fallthrough
		default:
			r.Date = d.Date
		}
	}
	p.rows = append(p.rows, r)
}

// missingColumns warns about fill columns whose header is gone: their
// answers cannot be read, but the rest of the file still is.
func (p *parsed) missingColumns(sheet string, n int, col map[string]int) {
	names := map[string]string{plan.ColStatus: "статус", plan.ColDate: "дата", plan.ColEvidence: "что сделано", plan.ColComment: "комментарий"}
	for _, k := range fillKeys[1:] {
		h := p.manifest.Columns[k]
		if h != "" && col[k] == 0 {
			p.diag(n, plan.Warning, "column-missing", fmt.Sprintf("лист «%s»: нет столбца «%s» (%s), его ответы не собраны", sheet, h, names[k]), "")
		}
	}
}

func (p *parsed) diag(line int, sev plan.Severity, code, msg, text string) {
	p.diags.Add(plan.Pos{File: p.path, Line: line}, sev, code, msg, text)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// Inspect reads the workbook at path as collection would and returns its
// manifest and how many rows hold an answer; an error says why it is no
// workbook of the tool. It stores nothing: a caller decides whether a
// file it wrote earlier may be removed (a checklist nobody filled in).
func Inspect(path string) (plan.Manifest, int, error) {
	pf, err := readWorkbook(path, 0)
	if err != nil {
		return plan.Manifest{}, 0, err
	}
	return pf.manifest, len(pf.rows), nil
}
