// Package store keeps plans and the answers collected from schools, so
// that every quarter's reports can be rebuilt from history: in one SQLite
// file for a department, or in a PostgreSQL database that a region's
// servers share (postgres.go). One implementation serves both engines;
// what differs is in the dialect (schema.go) and the opening.
//
// Nothing is ever overwritten: each collected file becomes a submission
// with its answers; a newer file from the same organisation for the same
// plan and quarter marks the older one superseded instead of replacing it.
// An amended plan (a new version registered with Amend) is a chain of
// versions; answers stay under the version they were collected for, and
// each version reads those of the others through the recorded maps of
// items (versions.go).
// The pure-Go drivers (modernc.org/sqlite, jackc/pgx) keep the tool a
// single static binary that officials can copy to any machine.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// Submission kinds, as written in the manifest of the workbook.
const (
	KindChecklist = "checklist"
	KindTracker   = "tracker"
)

// TrackerOrg is the organisation recorded for answers read from a tracker
// edited by the department, whose manifest names no organisation.
const TrackerOrg = "Департамент"

// Store is an open status database. It is safe for concurrent use, and
// several processes may share one database.
type Store struct {
	db   *sql.DB
	path string // the file, or the PostgreSQL URL without its password
	d    dialect
	// wsem lets one write transaction of this process run at a time on
	// SQLite (nil on PostgreSQL, where writers run side by side): an
	// SQLite file has one writer, and writers queued here start the moment
	// the lock is free, where writers queued in SQLite's busy handler poll
	// it with growing sleeps (tens of milliseconds under a web server's
	// load).
	wsem chan struct{}
	// rebound caches each query as rebound for the engine (PostgreSQL).
	rebound sync.Map
	// defaultMun is the id of the default municipality once read: it
	// never changes (municipalities are never deleted).
	defaultMun atomic.Int64
	// pc keeps what Progress computed (see progressCache).
	pc progressCache
	// stmts are the prepared statements of runner.
	stmts stmts
	// batch commits the web's saves together (see batched).
	batch batcher
	// noRowLock leaves out the row lock of a save (checkEdit): only for
	// the benchmark that measures what it costs
	// (BenchmarkSaveChecklistRows).
	noRowLock bool
}

// timeFormat stores times as sortable UTC text.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

// Open opens the store that --db names, creating it if needed, and
// brings its schema up to date: a PostgreSQL database for a URL
// postgres://... (IsPostgres), else the SQLite file at that path.
func Open(db string) (*Store, error) {
	if IsPostgres(db) {
		return openPostgres(db)
	}
	return openSQLite(db)
}

// openSQLite opens the SQLite file at path. WAL lets `status` read while
// `collect` writes; the busy timeout makes a second writer wait instead
// of failing at once. The file is exactly path, whatever characters it
// holds (see fileURI).
func openSQLite(path string) (*Store, error) {
	uri, err := fileURI(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := refuseForeign(path, uri); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	db, err := sql.Open("sqlite", uri+"?"+sqliteParams)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// A few connections kept open: WAL lets them read side by side, one
	// writes at a time anyway, and each new connection costs opening the
	// file, its pragmas and preparing the statements again. Without the
	// bound a web server's hundreds of requests open hundreds of
	// connections, and closes them again after each (two idle are kept by
	// default).
	conns := max(4, 2*runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	s := &Store{db: db, path: path, d: sqliteDialect, wsem: make(chan struct{}, 1)}
	if err := retryBusy(func() error { return migrate(context.Background(), db, sqliteDialect, len(migrations)) }); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// refuseForeign refuses a SQLite database of another program (its own
// tables, no schema version of ours), before a connection switches it to
// WAL and the migrations add the store's tables to it: `roadmap status
// --db their.db`, a read-only command, wrote twenty tables into a file it
// was given by mistake. The file's header says most cases at no cost:
// not a SQLite file (new, empty, or what SQLite itself will refuse), or
// one with a schema version (a store). Only a SQLite file at version 0 in
// its header is opened, read-only, to read the version again (a new
// store's is still in its WAL file) and look for tables.
func refuseForeign(path, uri string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // missing: created; unreadable: SQLite says why
	}
	var head [100]byte
	n, _ := io.ReadFull(f, head[:])
	f.Close()
	if n < len(head) || !bytes.HasPrefix(head[:], []byte("SQLite format 3\x00")) || binary.BigEndian.Uint32(head[60:64]) != 0 {
		return nil
	}
	db, err := sql.Open("sqlite", uri+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil
	}
	defer db.Close()
	// The version and the tables are read in one transaction, so from one
	// state of the file: another process's migration commits both at once,
	// and read one after the other they could fall on each side of it (no
	// version yet, then its tables: a store being made, refused as
	// another program's).
	tx, err := db.Begin()
	if err != nil {
		return nil
	}
	defer tx.Rollback()
	// The header's version is the checkpointed one: a store just made
	// has its schema and version in the WAL file still.
	var v int
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != 0 {
		return nil
	}
	rows, err := tx.Query(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name LIMIT 4`)
	if err != nil {
		return nil // SQLite's own error comes on the real open
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil {
			names = append(names, "«"+name+"»")
		}
	}
	if len(names) == 0 {
		return nil
	}
	if len(names) == 4 {
		names[3] = "…"
	}
	return fmt.Errorf("это база SQLite другой программы (в ней таблицы %s), а не база отметок roadmap: укажите в --db файл базы отметок или новый файл", strings.Join(names, ", "))
}

// openWait bounds how long Open retries a database another process is
// setting up: the busy timeout of the connection.
const openWait = 10 * time.Second

// retryBusy runs fn again while it fails with SQLITE_BUSY, for up to
// openWait. The busy timeout covers most waits, but not the switch of a
// new file to WAL: two connections doing it at once both hold a read lock
// and want the exclusive one, and SQLite fails one of them at once rather
// than deadlock. The switch is made once per file, so a retry finds it
// done.
func retryBusy(fn func() error) error {
	deadline := time.Now().Add(openWait)
	wait := 5 * time.Millisecond
	for {
		err := fn()
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(wait)
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// isBusy reports SQLITE_BUSY and its extended codes.
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// sqliteParams are the connection settings, applied by the driver to
// every connection in this order: the busy timeout first, so that the
// switch to WAL of a new file waits for another process doing the same;
// every transaction begins IMMEDIATE, taking the write lock at once (a
// deferred transaction upgrading its lock fails with "database is
// locked" instead of waiting).
const sqliteParams = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"

// fileURI makes the SQLite URI that names exactly the file at path. Pasted
// into a URI as it is, a path loses everything from a '?' or '#' on and
// has its %HH sequences decoded (`build -o "отчет #2"` wrote to
// "./отчет "), so the absolute path is percent-encoded byte by byte except
// for the characters that mean themselves in a URI path; SQLite decodes
// every %HH before opening the file. The authority is empty ("file:///"),
// so a path starting with "//" is not taken for a host name either.
func fileURI(path string) (string, error) {
	if path == "" {
		return "", errors.New("не указан файл базы")
	}
	if strings.IndexByte(path, 0) >= 0 {
		return "", errors.New("в имени файла базы символ NUL")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	abs = filepath.ToSlash(abs)
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs // C:/dir on Windows: file:///C:/dir
	}
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(abs); i++ {
		c := abs[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/-._~:", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String(), nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.stopBatcher()
	s.closeStmts()
	return s.db.Close()
}

// Path is the file the store was opened from, or its PostgreSQL URL
// without the password (Redact): what messages and logs name it by.
func (s *Store) Path() string { return s.path }

// Engine is "sqlite" or "postgres".
func (s *Store) Engine() string { return s.d.name }

// DB exposes the database for read-only checks in tests and tools.
func (s *Store) DB() *sql.DB { return s.db }

// SavePlan records the plan under its content hash, with its
// organisations, in the default municipality (SavePlanIn). Saving the
// same plan again changes nothing.
func (s *Store) SavePlan(p *plan.Plan) error { return s.SavePlanIn(context.Background(), 0, p) }

// SavePlanIn records the plan under its content hash, with its
// organisations, as municipality mun's (0: the default's). Saving the
// same plan again changes nothing; saving it for another municipality
// than the one it belongs to is ErrOtherMunicipality.
func (s *Store) SavePlanIn(ctx context.Context, mun int64, p *plan.Plan) error {
	hash := p.Hash()
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.savePlan(ctx, tx, p, hash, time.Now(), mun) })
}

// savePlan is SavePlanIn inside a transaction, hash being p.Hash()
// (computed by the caller, once: it walks the whole plan). A plan
// already saved is not encoded again: a large plan's JSON (12.8 MB for
// 5,000 items to 500 schools) was encoded and handed to the engine on
// every run of checklists only for the insert to do nothing.
func (s *Store) savePlan(ctx context.Context, tx *sql.Tx, p *plan.Plan, hash string, now time.Time, mun int64) error {
	mun, err := s.municipality(ctx, mun)
	if err != nil {
		return err
	}
	r := s.run(tx)
	var owner int64
	err = r.QueryRowContext(ctx, `SELECT municipality_id FROM plans WHERE hash = ?`, hash).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		var buf bytes.Buffer
		if err := plan.Write(&buf, p); err != nil {
			return err
		}
		// Another process may have saved it since: the insert then does
		// nothing, and the owner is read again.
		if _, err := r.ExecContext(ctx, `INSERT INTO plans(hash, title, period, json, added, municipality_id) VALUES(?,?,?,?,?,?) ON CONFLICT DO NOTHING`,
			hash, p.Title, p.Period.String(), buf.Bytes(), now.UTC().Format(timeFormat), mun); err != nil {
			return fmt.Errorf("сохранение плана: %w", err)
		}
		err = r.QueryRowContext(ctx, `SELECT municipality_id FROM plans WHERE hash = ?`, hash).Scan(&owner)
	}
	if err != nil {
		return fmt.Errorf("сохранение плана: %w", err)
	}
	if owner != mun {
		return ErrOtherMunicipality
	}
	for _, o := range p.Organizations {
		if _, err := r.ExecContext(ctx, `INSERT INTO organizations(name, short) VALUES(?,?) ON CONFLICT DO NOTHING`, o.Name, o.Short); err != nil {
			return fmt.Errorf("сохранение организации: %w", err)
		}
	}
	return nil
}

// ErrNoPlan is returned when no plan has the requested hash.
var ErrNoPlan = errors.New("план не найден в базе")

// Plan returns the plan saved under hash. The JSON is decoded where the
// driver put it (sql.RawBytes), not copied twice more on the way
// (database/sql's copy for a []byte, plan.Read's own): 12.8 MB each for
// a plan of 5,000 items to 500 schools, which collect reads on every run.
func (s *Store) Plan(hash string) (*plan.Plan, error) {
	rows, err := s.run(nil).QueryContext(context.Background(), `SELECT json FROM plans WHERE hash = ?`, hash)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", hash, ErrNoPlan)
	}
	var data sql.RawBytes // valid until rows.Next or rows.Close
	if err := rows.Scan(&data); err != nil {
		return nil, err
	}
	if len(data) > plan.MaxJSONBytes {
		return plan.Read(bytes.NewReader(data)) // the limit's error
	}
	return plan.Decode(data)
}

// PlanInfo describes a saved plan without decoding it.
type PlanInfo struct {
	Hash         string
	Title        string
	Period       string
	Added        time.Time
	Municipality int64
}

// PlansByTitle lists the saved plans with exactly this title, newest first:
// the versions of one roadmap.
func (s *Store) PlansByTitle(title string) ([]PlanInfo, error) {
	rows, err := s.run(nil).QueryContext(context.Background(), `SELECT `+planInfoCols+` FROM plans WHERE title = ? ORDER BY added DESC, hash`, title)
	return collectRows(rows, err, scanPlanInfo)
}

const planInfoCols = `hash, title, period, added, municipality_id`

// scanPlanInfo reads planInfoCols.
func scanPlanInfo(rows *sql.Rows) (PlanInfo, error) {
	var pi PlanInfo
	var added string
	err := rows.Scan(&pi.Hash, &pi.Title, &pi.Period, &added, &pi.Municipality)
	pi.Added = parseTime(added)
	return pi, err
}

// HasFile reports the path under which a file with this SHA-256 was
// collected, or "" when it never was.
func (s *Store) HasFile(sha string) (string, error) {
	var path string
	err := s.run(nil).QueryRowContext(context.Background(), `SELECT path FROM submissions WHERE sha256 = ?`, sha).Scan(&path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return path, err
}

// IntegrityCheck runs SQLite's integrity_check and returns its verdict
// ("ok" when the file is sound). PostgreSQL checks its own pages as it
// reads them: there the check is that the database answers.
func (s *Store) IntegrityCheck() (string, error) {
	if s.wsem == nil {
		if err := s.Ping(context.Background()); err != nil {
			return "", err
		}
		return "ok", nil
	}
	var res []string
	rows, err := s.db.Query(`PRAGMA integrity_check`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return "", err
		}
		res = append(res, r)
	}
	return strings.Join(res, "; "), rows.Err()
}

// withTx runs fn in one transaction (on SQLite an immediate one, the
// only write transaction of this process at the time: wsem); any error
// or a cancelled context rolls everything back. On PostgreSQL a
// transaction that deadlocked with another server's or could not be
// serialized is run again, up to maxAttempts times: fn must be
// repeatable, setting its results afresh on each run.
func (s *Store) withTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.wsem != nil {
		select {
		case s.wsem <- struct{}{}:
			defer func() { <-s.wsem }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for attempt := 1; ; attempt++ {
		err := s.tx(ctx, fn)
		if err == nil || !retryable(err) || attempt == maxAttempts {
			return err
		}
		select {
		case <-time.After(time.Duration(attempt*attempt) * 10 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// maxAttempts bounds the runs of a transaction that keeps deadlocking.
const maxAttempts = 5

// tx runs fn in one transaction.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
