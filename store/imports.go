package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// An import is a roadmap uploaded on the web and read, waiting for the
// department to look at its outline and diagnostics and accept it (it
// becomes a plan of the store) or discard it. It is kept in the store,
// not in a server's memory, so that any server can show and decide it.

// Import decisions.
const (
	Accepted  = "accepted"
	Discarded = "discarded"
)

// Import is an uploaded roadmap.
type Import struct {
	ID           int64
	Municipality int64 // whose plan it becomes
	UserID       int64
	Name         string // the uploaded file's name
	Created      time.Time
	PlanHash     string // "" when the file could not be read
	JSON         []byte // the plan JSON read from it; nil when it could not be read
	Error        string // why it could not be read
	Decision     string // "", Accepted or Discarded
	Decided      time.Time
}

// ErrDecided is a decision on an import already decided.
var ErrDecided = errors.New("решение по загруженному файлу уже принято")

// AddImport records a roadmap uploaded for municipality mun (0: the
// default): its plan (nil with the reason when it could not be read).
func (s *Store) AddImport(ctx context.Context, mun, userID int64, name string, p *plan.Plan, readErr string, at time.Time) (int64, error) {
	mun, err := s.municipality(ctx, mun)
	if err != nil {
		return 0, err
	}
	var data []byte
	hash := ""
	if p != nil {
		var buf bytes.Buffer
		if err := plan.Write(&buf, p); err != nil {
			return 0, err
		}
		data, hash = buf.Bytes(), p.Hash()
	}
	var id int64
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.insertID(ctx, s.run(tx), `INSERT INTO imports(municipality_id, user_id, name, created, plan_hash, json, error) VALUES(?,?,?,?,?,?,?)`,
			mun, nullID(userID), name, fmtTime(at), hash, data, readErr)
		return err
	})
	return id, err
}

const importCols = `id, municipality_id, COALESCE(user_id, 0), name, created, plan_hash, json, error, decision, decided`

func scanImport(sc interface{ Scan(...any) error }) (Import, error) {
	var im Import
	var created, decided string
	err := sc.Scan(&im.ID, &im.Municipality, &im.UserID, &im.Name, &created, &im.PlanHash, &im.JSON, &im.Error, &im.Decision, &decided)
	im.Created, im.Decided = parseTime(created), parseTime(decided)
	return im, err
}

// Import returns the import with the id; ErrNotFound when none.
func (s *Store) Import(ctx context.Context, id int64) (Import, error) {
	im, err := scanImport(s.run(nil).QueryRowContext(ctx, `SELECT `+importCols+` FROM imports WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Import{}, ErrNotFound
	}
	return im, err
}

// Imports lists municipality mun's imports (0: the default's) not
// decided yet, oldest first.
func (s *Store) Imports(ctx context.Context, mun int64) ([]Import, error) {
	mun, err := s.municipality(ctx, mun)
	if err != nil {
		return nil, err
	}
	rows, err := s.run(nil).QueryContext(ctx, `SELECT `+importCols+` FROM imports WHERE decision = '' AND municipality_id = ? ORDER BY id`, mun)
	return collectRows(rows, err, func(r *sql.Rows) (Import, error) { return scanImport(r) })
}

// DecideImport accepts an import (its plan is saved, as SavePlan does,
// in the same transaction) or discards it. Each import is decided once
// (ErrDecided); an unreadable one can only be discarded.
func (s *Store) DecideImport(ctx context.Context, id int64, decision string, at time.Time) (Import, error) {
	if decision != Accepted && decision != Discarded {
		return Import{}, fmt.Errorf("решение %q: ожидается %s или %s", decision, Accepted, Discarded)
	}
	var im Import
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if s.d.keyLock != "" { // two servers deciding at once take turns
			if _, err := s.run(tx).ExecContext(ctx, s.d.keyLock, lockKey("import", strconv.FormatInt(id, 10))); err != nil {
				return err
			}
		}
		var err error
		im, err = scanImport(s.run(tx).QueryRowContext(ctx, `SELECT `+importCols+` FROM imports WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if im.Decision != "" {
			return ErrDecided
		}
		if decision == Accepted {
			if im.JSON == nil {
				return fmt.Errorf("%s: файл не прочитан, принять нечего", im.Name)
			}
			p, err := plan.Read(bytes.NewReader(im.JSON))
			if err != nil {
				return err
			}
			if err := s.savePlan(ctx, tx, p, p.Hash(), at, im.Municipality); err != nil {
				return err
			}
		}
		im.Decision, im.Decided = decision, at
		_, err = s.run(tx).ExecContext(ctx, `UPDATE imports SET decision = ?, decided = ? WHERE id = ?`, decision, fmtTime(at), id)
		return err
	})
	return im, err
}

// Plans lists every saved plan, newest first.
func (s *Store) Plans(ctx context.Context) ([]PlanInfo, error) {
	rows, err := s.run(nil).QueryContext(ctx, `SELECT `+planInfoCols+` FROM plans ORDER BY added DESC, hash`)
	return collectRows(rows, err, scanPlanInfo)
}
