package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// A region in one store: municipalities, each with its plans, its
// directory of organisations and its department's users. A single
// department's store has one municipality, made by the migration (its
// name is empty until it is given one): every operation that names no
// municipality works on that one, the default (the first made).

// Municipality is one municipality of the region.
type Municipality struct {
	ID      int64
	Name    string // "" for a single department's, never named
	Created time.Time
}

// ErrOtherMunicipality is a plan saved for a municipality when the same
// plan (the same content) already belongs to another.
var ErrOtherMunicipality = errors.New("этот план уже зарегистрирован в базе для другого муниципалитета")

// Municipalities lists the municipalities by name.
func (s *Store) Municipalities(ctx context.Context) ([]Municipality, error) {
	rows, err := s.run(nil).QueryContext(ctx, `SELECT id, name, created FROM municipalities ORDER BY name, id`)
	return collectRows(rows, err, func(r *sql.Rows) (Municipality, error) {
		var m Municipality
		var created string
		err := r.Scan(&m.ID, &m.Name, &created)
		m.Created = parseTime(created)
		return m, err
	})
}

// MunicipalityNames names the store's municipalities by id ("" for a
// single department's, never named).
func (s *Store) MunicipalityNames(ctx context.Context) (map[int64]string, error) {
	ms, err := s.Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ms))
	for _, m := range ms {
		out[m.ID] = m.Name
	}
	return out, nil
}

// MunicipalityByName finds a municipality (ErrNotFound when there is none
// with the name).
func (s *Store) MunicipalityByName(ctx context.Context, name string) (Municipality, error) {
	var m Municipality
	var created string
	err := s.run(nil).QueryRowContext(ctx, `SELECT id, name, created FROM municipalities WHERE name = ?`, strings.TrimSpace(name)).
		Scan(&m.ID, &m.Name, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("муниципалитет «%s»: %w", name, ErrNotFound)
	}
	m.Created = parseTime(created)
	return m, err
}

// AddMunicipality returns the municipality named name, made if there is
// none yet (created tells which).
func (s *Store) AddMunicipality(ctx context.Context, name string, at time.Time) (m Municipality, created bool, err error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return m, false, errors.New("пустое название муниципалитета")
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		r := s.run(tx)
		var n int64
		n, err := s.insertID(ctx, r, `INSERT INTO municipalities(name, created) VALUES(?,?) ON CONFLICT (name) DO NOTHING`, name, fmtTime(at))
		created = err == nil
		if errors.Is(err, sql.ErrNoRows) {
			err = r.QueryRowContext(ctx, `SELECT id FROM municipalities WHERE name = ?`, name).Scan(&n)
		}
		m = Municipality{ID: n, Name: name, Created: at}
		return err
	})
	return m, created, err
}

// RenameMunicipality gives a municipality a new name (ErrExists when
// another has it).
func (s *Store) RenameMunicipality(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("пустое название муниципалитета")
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := s.run(tx).ExecContext(ctx, `UPDATE municipalities SET name = ? WHERE id = ?`, name, id)
		if isUnique(err) {
			return fmt.Errorf("муниципалитет «%s»: %w", name, ErrExists)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// municipality resolves 0 to the default municipality.
func (s *Store) municipality(ctx context.Context, id int64) (int64, error) {
	if id != 0 {
		return id, nil
	}
	if v := s.defaultMun.Load(); v != 0 {
		return v, nil
	}
	err := s.run(nil).QueryRowContext(ctx, `SELECT MIN(id) FROM municipalities`).Scan(&id)
	if err != nil {
		return 0, err
	}
	s.defaultMun.Store(id)
	return id, nil
}

// DefaultMunicipality is the municipality of whatever names none: the
// first made (a single department's).
func (s *Store) DefaultMunicipality(ctx context.Context) (int64, error) {
	return s.municipality(ctx, 0)
}

// PlanMunicipality is the municipality a plan belongs to (ErrNoPlan when
// the store has no such plan).
func (s *Store) PlanMunicipality(ctx context.Context, hash string) (int64, error) {
	var id int64
	err := s.run(nil).QueryRowContext(ctx, `SELECT municipality_id FROM plans WHERE hash = ?`, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%s: %w", hash, ErrNoPlan)
	}
	return id, err
}

// Replaced maps each plan that an amendment replaced to its successor
// (Amend): a region's summary shows the versions in force, not these.
func (s *Store) Replaced(ctx context.Context) (map[string]string, error) {
	return s.stringMap(ctx, `SELECT previous, plan_hash FROM amendments`)
}

// stringMap reads a query of two text columns into a map of the first to
// the second.
func (s *Store) stringMap(ctx context.Context, query string, args ...any) (map[string]string, error) {
	rows, err := s.run(nil).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}
