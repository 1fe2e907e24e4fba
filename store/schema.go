package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations brings the schema from version i to i+1 (PRAGMA user_version
// holds the version). Append only: a released migration never changes, so
// a database written by any earlier version opens with a later one.
var migrations = []string{
	// 1: plans, organisations, submissions and their answers.
	`CREATE TABLE plans(
		hash   TEXT PRIMARY KEY,
		title  TEXT NOT NULL,
		period TEXT NOT NULL,
		json   BLOB NOT NULL,
		added  TEXT NOT NULL
	);
	CREATE INDEX plans_title ON plans(title);
	CREATE TABLE organizations(
		name  TEXT PRIMARY KEY,
		short TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE submissions(
		id            INTEGER PRIMARY KEY,
		path          TEXT NOT NULL,
		sha256        TEXT NOT NULL UNIQUE,
		received      TEXT NOT NULL,
		org           TEXT NOT NULL REFERENCES organizations(name),
		plan_hash     TEXT NOT NULL REFERENCES plans(hash),
		quarter       TEXT NOT NULL,
		kind          TEXT NOT NULL CHECK(kind IN ('checklist', 'tracker')),
		generated     TEXT NOT NULL,
		superseded_by INTEGER REFERENCES submissions(id)
	);
	CREATE TABLE answers(
		submission_id INTEGER NOT NULL REFERENCES submissions(id),
		item_id       TEXT NOT NULL,
		org           TEXT NOT NULL,
		status        TEXT NOT NULL,
		raw           TEXT NOT NULL,
		date          TEXT NOT NULL,
		evidence      TEXT NOT NULL,
		comment       TEXT NOT NULL
	);
	CREATE INDEX answers_submission ON answers(submission_id);`,

	// 2: the time the workbook was last saved (docProps/core.xml, else the
	// file's modification time) decides which of two files from the same
	// school is newer; the source row lets messages point at the cell.
	`ALTER TABLE submissions ADD COLUMN saved TEXT NOT NULL DEFAULT '';
	UPDATE submissions SET saved = received;
	ALTER TABLE answers ADD COLUMN row INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX submissions_key ON submissions(plan_hash, org, quarter, kind);`,

	// 3: a tracker collected with --prefer tracker overrides the schools'
	// answers for the items it answers, for every later reader.
	`ALTER TABLE submissions ADD COLUMN prefer INTEGER NOT NULL DEFAULT 0;`,
}

// SchemaVersion is the schema version this build writes.
var SchemaVersion = len(migrations)

// migrate applies the migrations up to version target, each in its own
// transaction together with the version bump.
func (s *Store) migrate(target int) error {
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("чтение версии схемы: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("база создана более новой версией программы (схема %d, поддерживается до %d)", v, len(migrations))
	}
	for ; v < target; v++ {
		err := s.withTx(context.Background(), func(tx *sql.Tx) error {
			if _, err := tx.Exec(migrations[v]); err != nil {
				return err
			}
			_, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("обновление схемы до версии %d: %w", v+1, err)
		}
	}
	return nil
}

// Version returns the schema version of the open database.
func (s *Store) Version() (int, error) {
	var v int
	err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	return v, err
}
