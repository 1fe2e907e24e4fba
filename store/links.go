package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"
)

// Link is a school's personal link: one organisation, one plan, one
// quarter. Only the SHA-256 of its token is stored, so a link can be
// shown once, when it is issued, and never again: a lost link is revoked
// and a new one issued.
type Link struct {
	ID        int64
	Org       string
	PlanHash  string
	Quarter   string
	Created   time.Time
	CreatedBy int64
	Expires   time.Time
	Revoked   time.Time
}

// Live reports whether the link opens its page at now.
func (l Link) Live(now time.Time) bool { return l.Revoked.IsZero() && now.Before(l.Expires) }

// NewLink is a link to issue.
type NewLink struct {
	Hash      string
	Org       string
	PlanHash  string
	Quarter   string
	Created   time.Time
	CreatedBy int64
	Expires   time.Time
}

// AddLinks issues links in one transaction. With replace, the links
// still live for the same organisation, plan and quarter are revoked at
// the new links' creation time: a reissue. The ids come in the order of
// links.
func (s *Store) AddLinks(ctx context.Context, links []NewLink, replace bool) ([]int64, error) {
	ids := make([]int64, len(links))
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if replace && s.d.keyLock != "" {
			// Reissues of one plan's links at once (servers side by side)
			// take turns, so that one link of each school stays live.
			keys := map[int64]bool{}
			for _, l := range links {
				keys[lockKey("links", l.PlanHash, l.Quarter)] = true
			}
			ks := make([]int64, 0, len(keys))
			for k := range keys {
				ks = append(ks, k)
			}
			slices.Sort(ks)
			for _, k := range ks {
				if _, err := s.run(tx).ExecContext(ctx, s.d.keyLock, k); err != nil {
					return err
				}
			}
		}
		for i, l := range links {
			if _, err := s.run(tx).ExecContext(ctx, `INSERT INTO organizations(name) VALUES(?) ON CONFLICT DO NOTHING`, l.Org); err != nil {
				return err
			}
			if replace {
				if _, err := s.run(tx).ExecContext(ctx, `UPDATE links SET revoked = ? WHERE plan_hash = ? AND quarter = ? AND org = ? AND revoked = ''`,
					fmtTime(l.Created), l.PlanHash, l.Quarter, l.Org); err != nil {
					return err
				}
			}
			var err error
			ids[i], err = s.insertID(ctx, s.run(tx), `INSERT INTO links(hash, org, plan_hash, quarter, created, created_by, expires) VALUES(?,?,?,?,?,?,?)`,
				l.Hash, l.Org, l.PlanHash, l.Quarter, fmtTime(l.Created), nullID(l.CreatedBy), fmtTime(l.Expires))
			if err != nil {
				return err
			}
		}
		return nil
	})
	return ids, err
}

const linkCols = `id, org, plan_hash, quarter, created, COALESCE(created_by, 0), expires, revoked`

func scanLink(sc interface{ Scan(...any) error }) (Link, error) {
	var l Link
	var created, expires, revoked string
	err := sc.Scan(&l.ID, &l.Org, &l.PlanHash, &l.Quarter, &created, &l.CreatedBy, &expires, &revoked)
	l.Created, l.Expires, l.Revoked = parseTime(created), parseTime(expires), parseTime(revoked)
	return l, err
}

// LinkByHash returns the link whose token has this hash, live or not
// (the caller says why a dead link does not open); ErrNotFound when none.
func (s *Store) LinkByHash(ctx context.Context, hash string) (Link, error) {
	l, err := scanLink(s.run(nil).QueryRowContext(ctx, `SELECT `+linkCols+` FROM links WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return Link{}, ErrNotFound
	}
	return l, err
}

// Link returns the link with the id; ErrNotFound when none.
func (s *Store) Link(ctx context.Context, id int64) (Link, error) {
	l, err := scanLink(s.run(nil).QueryRowContext(ctx, `SELECT `+linkCols+` FROM links WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Link{}, ErrNotFound
	}
	return l, err
}

// Links lists every link issued for a plan and quarter, the newest of
// each organisation first.
func (s *Store) Links(ctx context.Context, planHash, quarter string) ([]Link, error) {
	rows, err := s.run(nil).QueryContext(ctx, `SELECT `+linkCols+` FROM links WHERE plan_hash = ? AND quarter = ? ORDER BY org, id DESC`, planHash, quarter)
	return collectRows(rows, err, func(r *sql.Rows) (Link, error) { return scanLink(r) })
}

// RevokeLink revokes a link; revoking a revoked link changes nothing.
// ErrNotFound when there is no link with the id.
func (s *Store) RevokeLink(ctx context.Context, id int64, at time.Time) (Link, error) {
	var l Link
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.run(tx).ExecContext(ctx, `UPDATE links SET revoked = ? WHERE id = ? AND revoked = ''`, fmtTime(at), id); err != nil {
			return err
		}
		var err error
		l, err = scanLink(s.run(tx).QueryRowContext(ctx, `SELECT `+linkCols+` FROM links WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return err
	})
	return l, err
}
