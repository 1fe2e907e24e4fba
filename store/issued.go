package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"
)

// The store signs the manifests of the workbooks it issues and remembers
// to whom it issued them, so that collection trusts only that: a manifest
// edited to name another school, a school that never received the plan,
// rows added for items it was not given are refused (package collect).
//
// The key is an HMAC key (plan.Manifest.Sign), made once per store from
// the system's random source and kept in the store itself: whoever may
// read the store may issue and collect anyway, and a workbook never holds
// more than the signature. The key cannot be hashed, since checking a
// signature needs the key.

// manifestKeyName is the key's row in secrets.
const manifestKeyName = "manifest-hmac"

// ManifestKey returns the store's key for signing manifests, made on
// first use (two processes making it at once agree on one).
func (s *Store) ManifestKey() ([]byte, error) {
	key, err := s.manifestKey()
	if err != nil || key != nil {
		return key, err
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	if _, err := s.run(nil).ExecContext(context.Background(), `INSERT INTO secrets(name, value) VALUES(?, ?) ON CONFLICT(name) DO NOTHING`, manifestKeyName, fresh); err != nil {
		return nil, fmt.Errorf("ключ подписи: %w", err)
	}
	return s.manifestKey()
}

// HasManifestKey returns the key when the store has one, nil when it has
// never signed anything.
func (s *Store) HasManifestKey() ([]byte, error) { return s.manifestKey() }

// ManifestKeyFor is the key that signs the workbooks of a plan: its
// municipality's own when it brought one (a department that joined the
// region with its store: Load), so that the workbooks it issued before
// still collect; else the store's (ManifestKey, made on first use).
func (s *Store) ManifestKeyFor(ctx context.Context, planHash string) ([]byte, error) {
	if key, err := s.municipalityKey(ctx, planHash); err != nil || key != nil {
		return key, err
	}
	return s.ManifestKey()
}

// HasManifestKeyFor is ManifestKeyFor without making a key: nil when
// the plan's workbooks were never signed by this store.
func (s *Store) HasManifestKeyFor(ctx context.Context, planHash string) ([]byte, error) {
	if key, err := s.municipalityKey(ctx, planHash); err != nil || key != nil {
		return key, err
	}
	return s.manifestKey()
}

// municipalityKey is the key the plan's municipality brought (nil when
// none, or no such plan).
func (s *Store) municipalityKey(ctx context.Context, planHash string) ([]byte, error) {
	var key []byte
	err := s.run(nil).QueryRowContext(ctx, `SELECT m.manifest_key FROM plans p JOIN municipalities m ON m.id = p.municipality_id WHERE p.hash = ?`, planHash).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return key, err
}

func (s *Store) manifestKey() ([]byte, error) {
	var key []byte
	err := s.run(nil).QueryRowContext(context.Background(), `SELECT value FROM secrets WHERE name = ?`, manifestKeyName).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return key, err
}

// RecordIssue remembers that the workbooks of kind ("checklist" or
// "tracker") of the plan went to these organisations with these items,
// for quarter. Issuing again adds to what was issued before: an
// organisation keeps every item it was ever given.
func (s *Store) RecordIssue(ctx context.Context, planHash, kind, quarter string, recipients map[string][]string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		r := s.run(tx)
		// Two issues of one plan at once (servers side by side) take
		// turns: each adds to what the other recorded.
		if s.d.keyLock != "" {
			if _, err := r.ExecContext(ctx, s.d.keyLock, lockKey("issue", planHash, kind)); err != nil {
				return err
			}
		}
		known, err := issued(ctx, r, planHash, kind)
		if err != nil {
			return err
		}
		now := fmtTime(time.Now())
		orgs := make([]string, 0, len(recipients))
		for org := range recipients {
			orgs = append(orgs, org)
		}
		sort.Strings(orgs)
		for _, org := range orgs {
			set := known[org]
			if set == nil {
				set = map[string]bool{}
			}
			for _, id := range recipients[org] {
				set[id] = true
			}
			ids := make([]string, 0, len(set))
			for id := range set {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			js, err := json.Marshal(ids)
			if err != nil {
				return err
			}
			if _, err := r.ExecContext(ctx, `INSERT INTO issued(plan_hash, kind, org, items, quarter, issued) VALUES(?,?,?,?,?,?)
				ON CONFLICT(plan_hash, kind, org) DO UPDATE SET items = excluded.items, quarter = excluded.quarter, issued = excluded.issued`,
				planHash, kind, org, string(js), quarter, now); err != nil {
				return fmt.Errorf("сведения о выпуске: %w", err)
			}
		}
		return nil
	})
}

// Issued returns to whom the store issued the plan's workbooks of kind,
// with the items of each: empty when it never issued them.
func (s *Store) Issued(planHash, kind string) (map[string]map[string]bool, error) {
	return issued(context.Background(), s.run(nil), planHash, kind)
}

func issued(ctx context.Context, q runner, planHash, kind string) (map[string]map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT org, items FROM issued WHERE plan_hash = ? AND kind = ?`, planHash, kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]bool{}
	for rows.Next() {
		var org, js string
		if err := rows.Scan(&org, &js); err != nil {
			return nil, err
		}
		var ids []string
		if err := json.Unmarshal([]byte(js), &ids); err != nil {
			return nil, fmt.Errorf("сведения о выпуске для «%s» повреждены: %w", org, err)
		}
		set := make(map[string]bool, len(ids))
		for _, id := range ids {
			set[id] = true
		}
		out[org] = set
	}
	return out, rows.Err()
}
