package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
)

// DirOrg is an organisation of the directory the department keeps in the
// store: the schools that receive checklists and links.
type DirOrg struct {
	Name    string
	Short   string
	Email   string
	Groups  []string
	Updated time.Time
}

// groupSep joins groups in one column; the directory's files separate
// them the same way.
const groupSep = ";"

// Directory lists the organisations in the directory of the default
// municipality (a single department's), in its order.
func (s *Store) Directory(ctx context.Context) ([]DirOrg, error) { return s.DirectoryIn(ctx, 0) }

// DirectoryIn lists the organisations in a municipality's directory (0:
// the default municipality's), in its order.
func (s *Store) DirectoryIn(ctx context.Context, mun int64) ([]DirOrg, error) {
	mun, err := s.municipality(ctx, mun)
	if err != nil {
		return nil, err
	}
	rows, err := s.run(nil).QueryContext(ctx, `SELECT name, short, email, org_groups, updated FROM directory
		WHERE municipality_id = ? AND listed > 0 ORDER BY listed, name`, mun)
	return collectRows(rows, err, func(r *sql.Rows) (DirOrg, error) {
		var o DirOrg
		var groups, updated string
		err := r.Scan(&o.Name, &o.Short, &o.Email, &groups, &updated)
		o.Groups, o.Updated = splitGroups(groups), parseTime(updated)
		return o, err
	})
}

func splitGroups(s string) []string {
	var out []string
	for _, g := range strings.Split(s, groupSep) {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

// DirectoryVersion changes whenever the directory does, so that what is
// computed from it can be cached (across servers: it is read from the
// store, one row by its key).
func (s *Store) DirectoryVersion(ctx context.Context) (string, error) {
	var v int64
	err := s.run(nil).QueryRowContext(ctx, `SELECT value FROM counters WHERE name = 'directory'`).Scan(&v)
	return strconv.FormatInt(v, 10), err
}

// directoryChanged counts a change of the directory (DirectoryVersion).
func (s *Store) directoryChanged(ctx context.Context, tx *sql.Tx) error {
	_, err := s.run(tx).ExecContext(ctx, `UPDATE counters SET value = value + 1 WHERE name = 'directory'`)
	return err
}

// dirTx runs fn in a transaction that changes municipality mun's
// directory (0: the default's): changes of one directory take turns
// (servers side by side), and each counts as a change.
func (s *Store) dirTx(ctx context.Context, mun int64, fn func(r runner, mun int64) error) error {
	mun, err := s.municipality(ctx, mun)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		r := s.run(tx)
		if s.d.keyLock != "" {
			if _, err := r.ExecContext(ctx, s.d.keyLock, lockKey("directory", strconv.FormatInt(mun, 10))); err != nil {
				return err
			}
		}
		if err := fn(r, mun); err != nil {
			return err
		}
		return s.directoryChanged(ctx, tx)
	})
}

// upsertOrg writes one organisation at a position of a directory.
func upsertOrg(ctx context.Context, r runner, mun int64, o DirOrg, listed int, at time.Time) error {
	if _, err := r.ExecContext(ctx, `INSERT INTO organizations(name) VALUES(?) ON CONFLICT DO NOTHING`, o.Name); err != nil {
		return err
	}
	_, err := r.ExecContext(ctx, `INSERT INTO directory(municipality_id, name, short, email, org_groups, listed, updated) VALUES(?,?,?,?,?,?,?)
		ON CONFLICT(municipality_id, name) DO UPDATE SET short = excluded.short, email = excluded.email, org_groups = excluded.org_groups,
			listed = excluded.listed, updated = excluded.updated`,
		mun, o.Name, o.Short, o.Email, strings.Join(o.Groups, groupSep), listed, fmtTime(at))
	return err
}

// ReplaceDirectory replaces the default municipality's directory
// (ReplaceDirectoryIn).
func (s *Store) ReplaceDirectory(ctx context.Context, orgs []DirOrg, at time.Time) error {
	return s.ReplaceDirectoryIn(ctx, 0, orgs, at)
}

// ReplaceDirectoryIn makes orgs municipality mun's directory, in their
// order: the organisations not among them leave it (they stay in the
// store, with their answers and links).
func (s *Store) ReplaceDirectoryIn(ctx context.Context, mun int64, orgs []DirOrg, at time.Time) error {
	return s.dirTx(ctx, mun, func(r runner, mun int64) error {
		if _, err := r.ExecContext(ctx, `UPDATE directory SET listed = 0, updated = ? WHERE municipality_id = ? AND listed > 0`, fmtTime(at), mun); err != nil {
			return err
		}
		for i, o := range orgs {
			if err := upsertOrg(ctx, r, mun, o, i+1, at); err != nil {
				return err
			}
		}
		return nil
	})
}

// SaveOrg saves an organisation in the default municipality's
// directory (SaveOrgIn).
func (s *Store) SaveOrg(ctx context.Context, o DirOrg, at time.Time) error {
	return s.SaveOrgIn(ctx, 0, o, at)
}

// SaveOrgIn adds an organisation at the end of municipality mun's
// directory, or changes the short name, e-mail and groups of one in it
// (or brings one back into it) keeping its place.
func (s *Store) SaveOrgIn(ctx context.Context, mun int64, o DirOrg, at time.Time) error {
	return s.dirTx(ctx, mun, func(r runner, mun int64) error {
		var listed int
		err := r.QueryRowContext(ctx, `SELECT listed FROM directory WHERE municipality_id = ? AND name = ?`, mun, o.Name).Scan(&listed)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if listed == 0 {
			if err := r.QueryRowContext(ctx, `SELECT COALESCE(MAX(listed), 0) + 1 FROM directory WHERE municipality_id = ?`, mun).Scan(&listed); err != nil {
				return err
			}
		}
		return upsertOrg(ctx, r, mun, o, listed, at)
	})
}

// UnlistOrg takes an organisation out of the default municipality's
// directory (UnlistOrgIn).
func (s *Store) UnlistOrg(ctx context.Context, name string, at time.Time) error {
	return s.UnlistOrgIn(ctx, 0, name, at)
}

// UnlistOrgIn takes an organisation out of municipality mun's
// directory; ErrNotFound when it is not in it.
func (s *Store) UnlistOrgIn(ctx context.Context, mun int64, name string, at time.Time) error {
	return s.dirTx(ctx, mun, func(r runner, mun int64) error {
		res, err := r.ExecContext(ctx, `UPDATE directory SET listed = 0, updated = ? WHERE municipality_id = ? AND name = ? AND listed > 0`, fmtTime(at), mun, name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
