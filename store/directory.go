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

// Directory lists the organisations in the directory, in its order.
func (s *Store) Directory(ctx context.Context) ([]DirOrg, error) {
	rows, err := s.run(nil).QueryContext(ctx, `SELECT name, short, email, org_groups, updated FROM organizations WHERE listed > 0 ORDER BY listed, name`)
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

// upsertOrg writes one organisation at a position of the directory.
func (s *Store) upsertOrg(ctx context.Context, tx *sql.Tx, o DirOrg, listed int, at time.Time) error {
	_, err := s.run(tx).ExecContext(ctx, `INSERT INTO organizations(name, short, email, org_groups, listed, updated) VALUES(?,?,?,?,?,?)
		ON CONFLICT(name) DO UPDATE SET short = excluded.short, email = excluded.email, org_groups = excluded.org_groups,
			listed = excluded.listed, updated = excluded.updated`,
		o.Name, o.Short, o.Email, strings.Join(o.Groups, groupSep), listed, fmtTime(at))
	return err
}

// ReplaceDirectory makes orgs the directory, in their order: the
// organisations not among them leave it (they stay in the store, with
// their answers and links).
func (s *Store) ReplaceDirectory(ctx context.Context, orgs []DirOrg, at time.Time) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.run(tx).ExecContext(ctx, `UPDATE organizations SET listed = 0, updated = ? WHERE listed > 0`, fmtTime(at)); err != nil {
			return err
		}
		for i, o := range orgs {
			if err := s.upsertOrg(ctx, tx, o, i+1, at); err != nil {
				return err
			}
		}
		return s.directoryChanged(ctx, tx)
	})
}

// SaveOrg adds an organisation at the end of the directory, or changes
// the short name, e-mail and groups of one in it (or brings one back into
// it) keeping its place.
func (s *Store) SaveOrg(ctx context.Context, o DirOrg, at time.Time) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var listed int
		err := s.run(tx).QueryRowContext(ctx, `SELECT listed FROM organizations WHERE name = ?`, o.Name).Scan(&listed)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if listed == 0 {
			if err := s.run(tx).QueryRowContext(ctx, `SELECT COALESCE(MAX(listed), 0) + 1 FROM organizations`).Scan(&listed); err != nil {
				return err
			}
		}
		if err := s.upsertOrg(ctx, tx, o, listed, at); err != nil {
			return err
		}
		return s.directoryChanged(ctx, tx)
	})
}

// UnlistOrg takes an organisation out of the directory; ErrNotFound when
// it is not in it.
func (s *Store) UnlistOrg(ctx context.Context, name string, at time.Time) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := s.run(tx).ExecContext(ctx, `UPDATE organizations SET listed = 0, updated = ? WHERE name = ? AND listed > 0`, fmtTime(at), name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.directoryChanged(ctx, tx)
	})
}
