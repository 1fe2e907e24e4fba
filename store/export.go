package store

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"
	"time"
)

// Moving between engines. Export writes everything a store holds as JSON
// lines: a header line, then one line per row, table by table in the
// order their references need; Load reads such a file into either
// engine. What is written is the same whatever the engine, so that a
// store exported, imported elsewhere and exported again gives the same
// file, byte for byte.
//
// Everything means the municipalities, plans with their versions
// (amendments and their maps of items), organisations and directories,
// users (their argon2id password hashes) and machine tokens (the SHA-256
// of each), school links (the SHA-256 of each), submissions with their
// answers, the answers saved on the web with their history, what was
// issued to whom, uploaded roadmaps and the key that signs workbooks. No
// secret is in clear but that key, which collection needs to check the
// workbooks already issued: the file is to be kept as safe as the store.
// Sessions and login attempts are not moved: they are the state of the
// servers of the moment, not history (users log in again).

// ExportFormat names the file's format in its header; ExportVersion is
// the version of the format this build writes and reads.
const (
	ExportFormat  = "roadmap-store"
	ExportVersion = 1
)

// exportHeader is the first line.
type exportHeader struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Schema  int    `json:"schema"`
}

// exportLine is every other line: one row of a table.
type exportLine struct {
	Table string         `json:"table"`
	Row   map[string]any `json:"row"`
}

// Column kinds.
const (
	colInt  = 'i' // an integer, maybe NULL
	colText = 's'
	colBlob = 'b' // base64 in the file, maybe NULL
)

type exportTable struct {
	name  string
	cols  string // name:kind, comma-separated
	order string // a unique order, integers and text compared byte by byte
	// id: the table's rows have an id a merge renumbers.
	id bool
}

// exportTables are the tables in the order of their references.
var exportTables = []exportTable{
	{name: "municipalities", cols: "id:i,name:s,created:s,manifest_key:b", order: "id", id: true},
	{name: "organizations", cols: "name:s,short:s", order: "name"},
	{name: "plans", cols: "hash:s,title:s,period:s,json:b,added:s,municipality_id:i", order: "hash"},
	{name: "amendments", cols: "plan_hash:s,previous:s,effective:s,amended:s,diff:b", order: "plan_hash"},
	{name: "carried_items", cols: "plan_hash:s,old_item:s,new_item:s", order: "plan_hash,old_item"},
	{name: "directory", cols: "municipality_id:i,name:s,short:s,email:s,org_groups:s,listed:i,updated:s", order: "municipality_id,name"},
	{name: "users", cols: "id:i,login:s,name:s,password:s,created:s,disabled:i,role:s,municipality_id:i", order: "id", id: true},
	{name: "api_tokens", cols: "id:i,hash:s,name:s,user_id:i,created:s,revoked:s,expires:s", order: "id", id: true},
	{name: "links", cols: "id:i,hash:s,org:s,plan_hash:s,quarter:s,created:s,created_by:i,expires:s,revoked:s", order: "id", id: true},
	{name: "submissions", cols: "id:i,path:s,sha256:s,received:s,org:s,plan_hash:s,quarter:s,kind:s,generated:s,superseded_by:i,saved:s,prefer:i,user_id:i,link_id:i", order: "id", id: true},
	{name: "answers", cols: "submission_id:i,item_id:s,org:s,status:s,raw:s,date:s,evidence:s,comment:s,row:i", order: "submission_id,row,item_id,org,status,raw,date,evidence,comment"},
	{name: "edits", cols: "id:i,plan_hash:s,quarter:s,org:s,item_id:s,status:s,date:s,evidence:s,comment:s,at:s,user_id:i,link_id:i,idem_key:s", order: "id", id: true},
	{name: "issued", cols: "plan_hash:s,kind:s,org:s,items:s,quarter:s,issued:s", order: "plan_hash,kind,org"},
	{name: "imports", cols: "id:i,municipality_id:i,user_id:i,name:s,created:s,plan_hash:s,json:b,error:s,decision:s,decided:s", order: "id", id: true},
	{name: "secrets", cols: "name:s,value:b", order: "name"},
	{name: "counters", cols: "name:s,value:i", order: "name"},
}

type col struct {
	name string
	kind byte
}

func (t exportTable) columns() []col {
	var out []col
	for _, c := range strings.Split(t.cols, ",") {
		name, kind, _ := strings.Cut(c, ":")
		out = append(out, col{name: name, kind: kind[0]})
	}
	return out
}

// orderBy is the table's order, text compared byte by byte on either
// engine (the same file whichever wrote it).
func (s *Store) orderBy(t exportTable) string {
	kinds := map[string]byte{}
	for _, c := range t.columns() {
		kinds[c.name] = c.kind
	}
	var parts []string
	for _, o := range strings.Split(t.order, ",") {
		if kinds[o] == colText {
			o += s.d.binary
		}
		parts = append(parts, o)
	}
	return strings.Join(parts, ", ")
}

// Export writes the whole store to w (see above), read in one snapshot.
func (s *Store) Export(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(exportHeader{Format: ExportFormat, Version: ExportVersion, Schema: SchemaVersion}); err != nil {
		return err
	}
	err := s.snapshot(ctx, func(r runner) error {
		for _, t := range exportTables {
			if err := s.exportTable(ctx, r, t, enc); err != nil {
				return fmt.Errorf("выгрузка таблицы %s: %w", t.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

func (s *Store) exportTable(ctx context.Context, r runner, t exportTable, enc *json.Encoder) error {
	cols := t.columns()
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	rows, err := r.QueryContext(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+t.name+` ORDER BY `+s.orderBy(t))
	if err != nil {
		return err
	}
	defer rows.Close()
	ints := make([]sql.NullInt64, len(cols))
	texts := make([]string, len(cols))
	blobs := make([][]byte, len(cols))
	dest := make([]any, len(cols))
	for i, c := range cols {
		switch c.kind {
		case colInt:
			dest[i] = &ints[i]
		case colText:
			dest[i] = &texts[i]
		default:
			dest[i] = &blobs[i]
		}
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			switch c.kind {
			case colInt:
				if ints[i].Valid {
					row[c.name] = ints[i].Int64
				} else {
					row[c.name] = nil
				}
			case colText:
				row[c.name] = texts[i]
			default:
				if blobs[i] == nil {
					row[c.name] = nil
				} else {
					row[c.name] = base64.StdEncoding.EncodeToString(blobs[i])
				}
			}
		}
		if err := enc.Encode(exportLine{Table: t.name, Row: row}); err != nil {
			return err
		}
	}
	return rows.Err()
}

// LoadOptions say how Load loads a file.
type LoadOptions struct {
	// Municipality names the municipality a single department's file
	// becomes in a store that is not empty (a region's): required then.
	// Into an empty store everything is loaded as it was, and this, when
	// given, names the file's only municipality.
	Municipality string
	Now          time.Time
}

// Loaded tells what Load loaded: rows by table.
type Loaded struct {
	Rows   map[string]int
	Merged bool // into a store that was not empty
}

// ErrExportFormat is a file that is not a store's export, or of a version
// this build does not read.
var ErrExportFormat = errors.New("файл не выгрузка базы roadmap (roadmap export)")

// Load loads a file Export wrote (roadmap import) (name is how errors name it) in one
// transaction: everything or, on any error, nothing. The rules:
//
//   - Into an empty store (no plans, users, links, answers or uploads;
//     its one municipality unnamed) everything is loaded as it was,
//     numbers included: exporting it again gives the same file.
//   - Into a store that is not empty (a region's), the file must be a
//     single department's (one municipality): it becomes the municipality
//     opts.Municipality names (made; one that exists must hold no plans
//     or users yet). Its plans must be new to the store, and its users'
//     logins too; everything gets new numbers, its references followed;
//     organisations already known keep their short names; its key that
//     signed workbooks stays the key of that municipality's plans, so
//     that the workbooks it issued before still collect.
func (s *Store) Load(ctx context.Context, r io.Reader, name string, opts LoadOptions) (Loaded, error) {
	f, err := ReadExport(r, name)
	if err != nil {
		return Loaded{}, err
	}
	return s.LoadFile(ctx, f, opts)
}

// ExportFile is an export read and checked (ReadExport), to be loaded
// (LoadFile): a command reads it before it opens, or makes, the store it
// loads it into, so that a file refused leaves nothing behind.
//
// Its rows are decoded again as they are loaded, from the file read
// again (ReadExportFile) or from its lines kept in data (ReadExport, for
// a stream): decoded once and kept, a map of values per row, they took
// 1.1 GB for an export of a million rows (86 MB).
type ExportFile struct {
	name  string
	src   io.ReadSeeker     // the file, read again while loading; nil: the lines are in data
	sum   [sha256.Size]byte // of the file as it was checked
	data  []byte
	lines []exportRow
	muns  []map[string]any // the rows of municipalities
	// schema is the header's; legacyExpiry the expiry given to the API
	// tokens of an export made before tokens expired (schema < 8).
	schema       int
	legacyExpiry string
}

// MaxExportBytes is the largest export read. A department's store
// exported is tens of megabytes: an answer is a line of about 150 bytes,
// a plan one of under 4 MB (5,000 activities); 512 MB hold millions of
// answers, and bound what a wrong input (an endless stream, a disk image
// of JSON lines) costs.
const MaxExportBytes = 512 << 20

// ReadExport reads and checks a whole export (name is how errors name
// it): its header, each line's table and columns. Its lines are kept in
// memory (about twice the file) to be loaded: a file that can be read
// again is better read by ReadExportFile.
func ReadExport(r io.Reader, name string) (*ExportFile, error) {
	return readExport(r, name, true)
}

// ReadExportFile is ReadExport of a file that is read again while it is
// loaded, rather than kept: a million rows cost no memory. LoadFile
// refuses the file if it changed in between.
func ReadExportFile(rs io.ReadSeeker, name string) (*ExportFile, error) {
	f, err := readExport(rs, name, false)
	if err != nil {
		return nil, err
	}
	f.src = rs
	return f, nil
}

// rows yields the file's rows, decoded, in order; an error stops them
// and is set in *errp.
func (f *ExportFile) rows(errp *error) iter.Seq2[exportRow, map[string]any] {
	return func(yield func(exportRow, map[string]any) bool) {
		if f.src == nil {
			for _, l := range f.lines {
				_, row, err := f.decodeRow(l.line, f.data[l.start:l.end])
				if err != nil {
					*errp = err
					return
				}
				if !yield(l, row) {
					return
				}
			}
			return
		}
		if _, err := f.src.Seek(0, io.SeekStart); err != nil {
			*errp = fmt.Errorf("%s: %w", f.name, err)
			return
		}
		h := sha256.New()
		sc := exportScanner(io.TeeReader(io.LimitReader(f.src, MaxExportBytes+1), h))
		for n := 1; sc.Scan(); n++ {
			line := sc.Bytes()
			if n == 1 || len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			table, row, err := f.decodeRow(n, line)
			if err != nil {
				*errp = err
				return
			}
			if !yield(exportRow{line: n, table: table}, row) {
				return
			}
		}
		if err := sc.Err(); err != nil || !bytes.Equal(h.Sum(nil), f.sum[:]) {
			*errp = fmt.Errorf("%s: файл изменился во время загрузки: ничего не записано; повторите перенос", f.name)
		}
	}
}

// exportScanner scans the lines of an export.
func exportScanner(r io.Reader) *bufio.Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20) // a plan's JSON is one line
	return sc
}

// LoadFile is Load of a file ReadExport read.
func (s *Store) LoadFile(ctx context.Context, f *ExportFile, opts LoadOptions) (Loaded, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	name := f.name
	var out Loaded
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		out = Loaded{Rows: map[string]int{}}
		rn := s.run(tx)
		if s.d.keyLock != "" {
			if _, err := rn.ExecContext(ctx, s.d.keyLock, lockKey("import-store")); err != nil {
				return err
			}
		}
		empty, err := s.isEmpty(ctx, rn)
		if err != nil {
			return err
		}
		im := &importer{s: s, r: rn, ctx: ctx, name: name, opts: opts, out: &out, ids: map[string]map[int64]int64{}}
		if empty {
			return im.loadAsIs(f)
		}
		out.Merged = true
		return im.merge(f)
	})
	return out, err
}

// exportRow is a line of the file read back.
type exportRow struct {
	line       int
	table      string
	start, end int // the line in ExportFile.data
}

// errRepeatedRow is a row of an export whose key a row loaded before it
// has: the file was edited or two files joined.
var errRepeatedRow = errors.New("запись с таким ключом уже есть: строка повторяет другую строку выгрузки или запись базы")

// readExport reads and checks the whole file: its header, each line's
// table and columns.
func readExport(r io.Reader, name string, keep bool) (*ExportFile, error) {
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(io.LimitReader(r, MaxExportBytes+1), h), 1<<16)
	// The header is refused from the first bytes: /dev/zero or a disk
	// image was read as a line of 64 MB (150 MB of memory) first.
	head, _ := br.Peek(1 << 10)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	if len(head) > 0 && head[0] != '{' {
		return nil, fmt.Errorf("%s:1: %w: ожидается заголовок {\"format\":%q,...}", name, ErrExportFormat, ExportFormat)
	}
	sc := exportScanner(br)
	f := &ExportFile{name: name}
	n, read := 0, 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		read += len(line) + 1
		if read > MaxExportBytes {
			return nil, fmt.Errorf("%s:%d: выгрузка больше %d МБ, а допускается не более %d МБ: %w", name, n, MaxExportBytes>>20, MaxExportBytes>>20, ErrExportFormat)
		}
		if n == 1 {
			// An export opened and saved again in Notepad begins with
			// a byte order mark, as a plan JSON may.
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
			var h exportHeader
			if err := json.Unmarshal(line, &h); err != nil || h.Format != ExportFormat {
				return nil, fmt.Errorf("%s:1: %w: ожидается заголовок {\"format\":%q,...}", name, ErrExportFormat, ExportFormat)
			}
			if h.Version != ExportVersion {
				return nil, fmt.Errorf("%s:1: версия формата выгрузки %d, а эта программа читает версию %d", name, h.Version, ExportVersion)
			}
			f.schema = h.Schema
			if h.Schema < 8 {
				// An export made before tokens expired: its tokens get
				// the grace the migration gives (LegacyTokenGrace).
				f.legacyExpiry = fmtTime(time.Now().Add(LegacyTokenGrace))
			}
			if h.Schema > SchemaVersion {
				return nil, fmt.Errorf("%s:1: выгрузка сделана более новой версией программы (схема %d, поддерживается до %d)", name, h.Schema, SchemaVersion)
			}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		table, row, err := f.decodeRow(n, line)
		if err != nil {
			return nil, err
		}
		if table == "municipalities" {
			f.muns = append(f.muns, row)
		}
		if keep {
			start := len(f.data)
			f.data = append(f.data, line...)
			f.lines = append(f.lines, exportRow{line: n, table: table, start: start, end: len(f.data)})
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s:%d: строка длиннее 64 МБ: файл не выгрузка базы roadmap", name, n+1)
		}
		return nil, fmt.Errorf("%s:%d: %v", name, n+1, err)
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: пустой файл: %w", name, ErrExportFormat)
	}
	copy(f.sum[:], h.Sum(nil))
	return f, nil
}

// exportTableByName are the tables of an export by name.
var exportTableByName = func() map[string]exportTable {
	m := map[string]exportTable{}
	for _, t := range exportTables {
		m[t.name] = t
	}
	return m
}()

// decodeRow decodes line n of an export, a row of a table, and checks
// it: the table's name, and its columns, each of its type.
func (f *ExportFile) decodeRow(n int, line []byte) (table string, row map[string]any, err error) {
	name := f.name
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var l struct {
		Table string         `json:"table"`
		Row   map[string]any `json:"row"`
	}
	if err := dec.Decode(&l); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return "", nil, fmt.Errorf("%s:%d:%d: строка не читается как JSON: ожидается {\"table\":…,\"row\":{…}}", name, n, se.Offset)
		}
		return "", nil, fmt.Errorf("%s:%d: строка не читается как JSON: ожидается {\"table\":…,\"row\":{…}}", name, n)
	}
	t, ok := exportTableByName[l.Table]
	if !ok {
		return "", nil, fmt.Errorf("%s:%d: неизвестная таблица %q", name, n, l.Table)
	}
	row = map[string]any{}
	for _, c := range t.columns() {
		v, ok := l.Row[c.name]
		if !ok && f.legacyExpiry != "" && t.name == "api_tokens" && c.name == "expires" {
			v, ok = f.legacyExpiry, true
			l.Row[c.name] = v
		}
		if !ok {
			return "", nil, fmt.Errorf("%s:%d: в строке таблицы %s нет столбца %s", name, n, t.name, c.name)
		}
		val, err := importValue(c, v)
		if err != nil {
			return "", nil, fmt.Errorf("%s:%d: %s.%s: %v", name, n, t.name, c.name, err)
		}
		row[c.name] = val
	}
	if len(l.Row) != len(row) {
		return "", nil, fmt.Errorf("%s:%d: в строке таблицы %s лишние столбцы", name, n, t.name)
	}
	return t.name, row, nil
}

// importValue is a JSON value as the column takes it.
func importValue(c col, v any) (any, error) {
	if v == nil {
		if c.kind == colText {
			return nil, errors.New("ожидается строка, а не null")
		}
		return nil, nil
	}
	switch c.kind {
	case colInt:
		n, ok := v.(json.Number)
		if !ok {
			return nil, errors.New("ожидается число")
		}
		return n.Int64()
	case colText:
		s, ok := v.(string)
		if !ok {
			return nil, errors.New("ожидается строка")
		}
		return s, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, errors.New("ожидается строка base64")
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("не base64: %v", err)
	}
	return b, nil
}

// isEmpty: no plans, users, links, submissions, edits or imports, and
// one unnamed municipality.
func (s *Store) isEmpty(ctx context.Context, r runner) (bool, error) {
	var n int64
	err := r.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM plans) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM links)
		+ (SELECT COUNT(*) FROM submissions) + (SELECT COUNT(*) FROM edits) + (SELECT COUNT(*) FROM imports)
		+ (SELECT COUNT(*) FROM municipalities WHERE name <> '') + (SELECT COUNT(*) FROM directory)`).Scan(&n)
	return n == 0, err
}

// importer loads the rows of one file.
type importer struct {
	s    *Store
	r    runner
	ctx  context.Context
	name string
	opts LoadOptions
	out  *Loaded
	// ids maps a table's numbers in the file to the store's (merge).
	ids map[string]map[int64]int64
}

// insertRow is the INSERT of row into table t, columns in name order,
// and its arguments.
func insertRow(t string, row map[string]any) (string, []any) {
	cols := make([]string, 0, len(row))
	for c := range row {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	args := make([]any, len(cols))
	for i, c := range cols {
		args[i] = row[c]
	}
	return `INSERT INTO ` + t + `(` + strings.Join(cols, ", ") + `) VALUES(` + inList(len(cols)) + `)`, args
}

func (im *importer) insert(t string, row map[string]any) error {
	q, args := insertRow(t, row)
	if _, err := im.r.ExecContext(im.ctx, q, args...); err != nil {
		if isUnique(err) {
			// The database's own words ("constraint failed: UNIQUE
			// constraint failed: organizations.name (1555)") are
			// English and name no line of the file.
			return errRepeatedRow
		}
		return err
	}
	im.out.Rows[t]++
	return nil
}

// loadAsIs loads the file into an empty store, numbers included.
func (im *importer) loadAsIs(f *ExportFile) error {
	// The empty store's own unnamed municipality, key and counters give
	// way to the file's.
	for _, q := range []string{`DELETE FROM municipalities`, `DELETE FROM secrets`, `DELETE FROM counters`, `DELETE FROM organizations`} {
		if _, err := im.r.ExecContext(im.ctx, q); err != nil {
			return err
		}
	}
	muns := 0
	superseded := map[any]any{} // set once every submission is in
	var rowsErr error
	for l, row := range f.rows(&rowsErr) {
		if l.table == "submissions" && row["superseded_by"] != nil {
			superseded[row["id"]], row["superseded_by"] = row["superseded_by"], nil
		}
		if l.table == "municipalities" {
			muns++
			if im.opts.Municipality != "" {
				if muns > 1 {
					return fmt.Errorf("%s:%d: в выгрузке несколько муниципалитетов, а --municipality называет один", im.name, l.line)
				}
				row["name"] = im.opts.Municipality
			}
		}
		if err := im.insert(l.table, row); err != nil {
			return fmt.Errorf("%s:%d: таблица %s: %w", im.name, l.line, l.table, err)
		}
	}
	if rowsErr != nil {
		return rowsErr
	}
	if muns == 0 {
		return fmt.Errorf("%s: в выгрузке нет муниципалитетов", im.name)
	}
	for id, by := range superseded {
		if _, err := im.r.ExecContext(im.ctx, `UPDATE submissions SET superseded_by = ? WHERE id = ?`, by, id); err != nil {
			return err
		}
	}
	// Numbers given by the next insert start after the loaded ones.
	for _, t := range exportTables {
		if !t.id || im.s.d.resetID == nil {
			continue
		}
		if _, err := im.r.ExecContext(im.ctx, im.s.d.resetID(t.name)); err != nil {
			return err
		}
	}
	im.s.defaultMun.Store(0) // the default municipality may have changed
	return nil
}

// merge loads a single department's file into a store that is not
// empty.
func (im *importer) merge(f *ExportFile) error {
	ctx, r := im.ctx, im.r
	if strings.TrimSpace(im.opts.Municipality) == "" {
		return fmt.Errorf("база не пуста: укажите, каким муниципалитетом станут данные выгрузки (--municipality НАЗВАНИЕ)")
	}
	fileMun := f.muns
	if len(fileMun) != 1 {
		return fmt.Errorf("%s: в выгрузке %d муниципалитетов, а в непустую базу переносится база одного департамента", im.name, len(fileMun))
	}
	name := strings.TrimSpace(im.opts.Municipality)
	var mun int64
	err := r.QueryRowContext(ctx, `SELECT id FROM municipalities WHERE name = ?`, name).Scan(&mun)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if mun, err = im.s.insertID(ctx, r, `INSERT INTO municipalities(name, created) VALUES(?,?)`, name, fmtTime(im.opts.Now)); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		var n int
		if err := r.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM plans WHERE municipality_id = ?) + (SELECT COUNT(*) FROM users WHERE municipality_id = ?)`,
			mun, mun).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("муниципалитет «%s» уже есть в базе, и в нем есть планы или пользователи: данные выгрузки переносятся в новый муниципалитет", name)
		}
	}
	oldMun, _ := fileMun[0]["id"].(int64)
	im.ids["municipalities"] = map[int64]int64{oldMun: mun}
	mapped := func(table string, v any) (any, error) {
		if v == nil {
			return nil, nil
		}
		id, ok := im.ids[table][v.(int64)]
		if !ok {
			return nil, fmt.Errorf("ссылка на отсутствующую строку %s %d", table, v)
		}
		return id, nil
	}
	// References to follow, by table and column.
	refs := map[string]map[string]string{
		"plans":       {"municipality_id": "municipalities"},
		"directory":   {"municipality_id": "municipalities"},
		"users":       {"municipality_id": "municipalities"},
		"api_tokens":  {"user_id": "users"},
		"links":       {"created_by": "users"},
		"submissions": {"user_id": "users", "link_id": "links"},
		"answers":     {"submission_id": "submissions"},
		"edits":       {"user_id": "users", "link_id": "links"},
		"imports":     {"municipality_id": "municipalities", "user_id": "users"},
	}
	ids := map[string]bool{}
	for _, t := range exportTables {
		ids[t.name] = t.id
	}
	superseded := map[int64]int64{} // submission (file number) -> superseding one (file number)
	var rowsErr error
	for l, row := range f.rows(&rowsErr) {
		fail := func(err error) error {
			return fmt.Errorf("%s:%d: таблица %s: %w", im.name, l.line, l.table, err)
		}
		switch l.table {
		case "municipalities":
			continue
		case "secrets":
			if row["name"] == manifestKeyName {
				if _, err := r.ExecContext(ctx, `UPDATE municipalities SET manifest_key = ? WHERE id = ?`, row["value"], mun); err != nil {
					return fail(err)
				}
			}
			continue
		case "counters":
			continue
		case "organizations":
			if _, err := r.ExecContext(ctx, `INSERT INTO organizations(name, short) VALUES(?,?) ON CONFLICT DO NOTHING`, row["name"], row["short"]); err != nil {
				return fail(err)
			}
			im.out.Rows[l.table]++
			continue
		case "plans":
			var title string
			err := r.QueryRowContext(ctx, `SELECT title FROM plans WHERE hash = ?`, row["hash"]).Scan(&title)
			if err == nil {
				return fmt.Errorf("%s:%d: план «%s» (%s) уже есть в базе: перенос прерван, ничего не записано", im.name, l.line, title, row["hash"])
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return fail(err)
			}
		case "users":
			var n int
			if err := r.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE login = ?`, row["login"]).Scan(&n); err != nil {
				return fail(err)
			}
			if n > 0 {
				return fmt.Errorf("%s:%d: пользователь %s уже есть в базе: переименуйте его в базе департамента (логины уникальны во всей базе региона); ничего не записано", im.name, l.line, row["login"])
			}
		case "submissions":
			if v := row["superseded_by"]; v != nil {
				superseded[row["id"].(int64)] = v.(int64)
			}
			row["superseded_by"] = nil // set once every submission has its number
		}
		for c, table := range refs[l.table] {
			v, err := mapped(table, row[c])
			if err != nil {
				return fail(err)
			}
			row[c] = v
		}
		if !ids[l.table] {
			if err := im.insert(l.table, row); err != nil {
				return fail(err)
			}
			continue
		}
		old := row["id"].(int64)
		delete(row, "id")
		q, args := insertRow(l.table, row)
		id, err := im.s.insertID(ctx, r, q, args...)
		if err != nil {
			if isUnique(err) {
				return fmt.Errorf("%s:%d: таблица %s: такая строка уже есть в базе (%v): ничего не записано", im.name, l.line, l.table, err)
			}
			return fail(err)
		}
		if im.ids[l.table] == nil {
			im.ids[l.table] = map[int64]int64{}
		}
		im.ids[l.table][old] = id
		im.out.Rows[l.table]++
	}
	if rowsErr != nil {
		return rowsErr
	}
	for sub, by := range superseded {
		if _, err := r.ExecContext(ctx, `UPDATE submissions SET superseded_by = ? WHERE id = ?`, im.ids["submissions"][by], im.ids["submissions"][sub]); err != nil {
			return err
		}
	}
	// What servers computed from the directories is computed again.
	_, err = r.ExecContext(ctx, `UPDATE counters SET value = value + 1 WHERE name = 'directory'`)
	return err
}
