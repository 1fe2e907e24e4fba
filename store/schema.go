package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// migrations brings the schema from version i to i+1. Append only: a
// released migration never changes, so a database written by any earlier
// version opens with a later one.
//
// One list serves every engine the store runs on: the statements keep to
// SQL that SQLite and PostgreSQL both accept, and the few words that
// differ are written as {{word}} and filled in by the engine's dialect
// (an auto-numbered key, a byte string). Each migration is run with
// Exec as one multi-statement text, which both engines' drivers accept
// when no arguments are passed.
var migrations = []string{
	// 1: plans, organisations, submissions and their answers.
	`CREATE TABLE plans(
		hash   TEXT PRIMARY KEY,
		title  TEXT NOT NULL,
		period TEXT NOT NULL,
		json   {{blob}} NOT NULL,
		added  TEXT NOT NULL
	);
	CREATE INDEX plans_title ON plans(title);
	CREATE TABLE organizations(
		name  TEXT PRIMARY KEY,
		short TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE submissions(
		id            {{id}},
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

	// 4: versions of a plan (roadmap amend): each amendment names the
	// version it replaces (at most one successor each, so versions form
	// chains), the quarter from which it is in force, the comparison
	// accepted (plandiff JSON) and the map of old item ids to new ones
	// along which every version reads the answers collected under the
	// others. Answers themselves never move.
	`CREATE TABLE amendments(
		plan_hash TEXT PRIMARY KEY REFERENCES plans(hash),
		previous  TEXT NOT NULL UNIQUE REFERENCES plans(hash),
		effective TEXT NOT NULL,
		amended   TEXT NOT NULL,
		diff      {{blob}} NOT NULL,
		CHECK(plan_hash <> previous)
	);
	CREATE TABLE carried_items(
		plan_hash TEXT NOT NULL REFERENCES amendments(plan_hash),
		old_item  TEXT NOT NULL,
		new_item  TEXT NOT NULL,
		PRIMARY KEY(plan_hash, old_item),
		UNIQUE(plan_hash, new_item)
	);`,

	// 5: what the store issued, so that collection trusts only that: the
	// key that signs the workbooks' manifests (secrets), and to whom each
	// plan's checklists and trackers went, with the items each received
	// (issued; the union over every issue of the plan).
	`CREATE TABLE secrets(
		name  TEXT PRIMARY KEY,
		value {{blob}} NOT NULL
	);
	CREATE TABLE issued(
		plan_hash TEXT NOT NULL REFERENCES plans(hash),
		kind      TEXT NOT NULL,
		org       TEXT NOT NULL,
		items     TEXT NOT NULL,
		quarter   TEXT NOT NULL,
		issued    TEXT NOT NULL,
		PRIMARY KEY(plan_hash, kind, org)
	);`,

	// 6: the web server (roadmap serve). Department users with argon2id
	// password hashes; server-side sessions, machine tokens and school
	// links, each kept only as the SHA-256 of its secret; login attempts,
	// so that rate limits hold across servers; the organisation directory
	// (e-mail, groups, its order: listed = position + 1, 0 = not in it);
	// plans uploaded and waiting to be accepted; and the answers saved on
	// the web (edits), one row per change with who saved it and the
	// idempotency key of the save, beside the collected submissions, which
	// now say who uploaded them; counters that change with what servers
	// cache (the directory's version). Nothing here is ever deleted: sessions
	// end, links and tokens are revoked, organisations leave the
	// directory.
	`CREATE TABLE users(
		id       {{id}},
		login    TEXT NOT NULL UNIQUE,
		name     TEXT NOT NULL,
		password TEXT NOT NULL,
		created  TEXT NOT NULL,
		disabled INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE sessions(
		hash    TEXT PRIMARY KEY,
		user_id INTEGER NOT NULL REFERENCES users(id),
		created TEXT NOT NULL,
		expires TEXT NOT NULL,
		ended   TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE login_attempts(
		id    {{id}},
		login TEXT NOT NULL,
		addr  TEXT NOT NULL,
		at    TEXT NOT NULL,
		ok    INTEGER NOT NULL
	);
	CREATE INDEX login_attempts_login ON login_attempts(login, at);
	CREATE INDEX login_attempts_addr ON login_attempts(addr, at);
	CREATE TABLE api_tokens(
		id      {{id}},
		hash    TEXT NOT NULL UNIQUE,
		name    TEXT NOT NULL,
		user_id INTEGER NOT NULL REFERENCES users(id),
		created TEXT NOT NULL,
		revoked TEXT NOT NULL DEFAULT ''
	);
	ALTER TABLE organizations ADD COLUMN email TEXT NOT NULL DEFAULT '';
	ALTER TABLE organizations ADD COLUMN org_groups TEXT NOT NULL DEFAULT '';
	ALTER TABLE organizations ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE organizations ADD COLUMN updated TEXT NOT NULL DEFAULT '';
	CREATE TABLE links(
		id         {{id}},
		hash       TEXT NOT NULL UNIQUE,
		org        TEXT NOT NULL REFERENCES organizations(name),
		plan_hash  TEXT NOT NULL REFERENCES plans(hash),
		quarter    TEXT NOT NULL,
		created    TEXT NOT NULL,
		created_by INTEGER REFERENCES users(id),
		expires    TEXT NOT NULL,
		revoked    TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX links_key ON links(plan_hash, quarter, org);
	CREATE TABLE edits(
		id        {{id}},
		plan_hash TEXT NOT NULL REFERENCES plans(hash),
		quarter   TEXT NOT NULL,
		org       TEXT NOT NULL REFERENCES organizations(name),
		item_id   TEXT NOT NULL,
		status    TEXT NOT NULL,
		date      TEXT NOT NULL,
		evidence  TEXT NOT NULL,
		comment   TEXT NOT NULL,
		at        TEXT NOT NULL,
		user_id   INTEGER REFERENCES users(id),
		link_id   INTEGER REFERENCES links(id),
		idem_key  TEXT NOT NULL,
		UNIQUE(plan_hash, org, quarter, item_id, idem_key)
	);
	CREATE INDEX edits_org ON edits(plan_hash, org, item_id, quarter);
	CREATE TABLE counters(
		name  TEXT PRIMARY KEY,
		value INTEGER NOT NULL
	);
	INSERT INTO counters(name, value) VALUES('directory', 0);
	ALTER TABLE submissions ADD COLUMN user_id INTEGER REFERENCES users(id);
	ALTER TABLE submissions ADD COLUMN link_id INTEGER REFERENCES links(id);
	CREATE TABLE imports(
		id        {{id}},
		user_id   INTEGER REFERENCES users(id),
		name      TEXT NOT NULL,
		created   TEXT NOT NULL,
		plan_hash TEXT NOT NULL DEFAULT '',
		json      {{blob}},
		error     TEXT NOT NULL DEFAULT '',
		decision  TEXT NOT NULL DEFAULT '',
		decided   TEXT NOT NULL DEFAULT ''
	);`,

	// 7: a region in one store. Municipalities, each with its plans, its
	// directory of organisations and its department's users; users of the
	// region (role 'region', no municipality) read every municipality's.
	// The store of a single department has one municipality, made here
	// (its name is empty until it is given one), which receives
	// everything there was. The directory moves to its own table, keyed
	// by municipality: two municipalities may each have a "МБОУ СОШ № 1"
	// (answers are told apart by their plan, which belongs to one
	// municipality). A municipality joining with its own store keeps the
	// key that signed its workbooks (manifest_key). Each answer saved on
	// the web records the transaction that stored it (txn: PostgreSQL's
	// transaction id, 0 on SQLite), so that a server's cache of progress
	// finds the rows committed by other servers out of the order of
	// their ids (progressCache).
	`CREATE TABLE municipalities(
		id           {{id}},
		name         TEXT NOT NULL UNIQUE,
		created      TEXT NOT NULL,
		manifest_key {{blob}}
	);
	INSERT INTO municipalities(name, created) VALUES('', '');
	ALTER TABLE plans ADD COLUMN municipality_id INTEGER REFERENCES municipalities(id);
	UPDATE plans SET municipality_id = (SELECT MIN(id) FROM municipalities);
	CREATE INDEX plans_municipality ON plans(municipality_id);
	ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'department' CHECK(role IN ('department', 'region'));
	ALTER TABLE users ADD COLUMN municipality_id INTEGER REFERENCES municipalities(id);
	UPDATE users SET municipality_id = (SELECT MIN(id) FROM municipalities);
	ALTER TABLE imports ADD COLUMN municipality_id INTEGER REFERENCES municipalities(id);
	UPDATE imports SET municipality_id = (SELECT MIN(id) FROM municipalities);
	CREATE TABLE directory(
		municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
		name            TEXT NOT NULL REFERENCES organizations(name),
		short           TEXT NOT NULL,
		email           TEXT NOT NULL,
		org_groups      TEXT NOT NULL,
		listed          INTEGER NOT NULL,
		updated         TEXT NOT NULL,
		PRIMARY KEY(municipality_id, name)
	);
	INSERT INTO directory(municipality_id, name, short, email, org_groups, listed, updated)
		SELECT (SELECT MIN(id) FROM municipalities), name, short, email, org_groups, listed, updated
		FROM organizations WHERE updated <> '';
	ALTER TABLE organizations DROP COLUMN email;
	ALTER TABLE organizations DROP COLUMN org_groups;
	ALTER TABLE organizations DROP COLUMN listed;
	ALTER TABLE organizations DROP COLUMN updated;
	ALTER TABLE edits ADD COLUMN txn BIGINT NOT NULL DEFAULT {{txid}};
	CREATE INDEX edits_txn ON edits(txn);`,

	// 8: machine tokens expire. A token issued before has until
	// LegacyTokenGrace after this migration to be replaced (not at once:
	// a region's scripts would stop without warning; not never: a token
	// that never expires is the defect this fixes).
	`ALTER TABLE api_tokens ADD COLUMN expires TEXT NOT NULL DEFAULT '';
	UPDATE api_tokens SET expires = {{legacyTokenExpiry}} WHERE expires = '';`,
}

// legacyTokenGraceDays is LegacyTokenGrace in days, as the migration's
// SQL counts.
const legacyTokenGraceDays = 90

// LegacyTokenGrace is how long a machine token issued before tokens
// expired (schema 8) still works after the upgrade, or after an export
// of an older version is loaded.
const LegacyTokenGrace = legacyTokenGraceDays * 24 * time.Hour

// SchemaVersion is the schema version this build writes.
var SchemaVersion = len(migrations)

// dialect is what differs between the engines in creating and versioning
// the schema.
type dialect struct {
	name string
	// words fills the {{word}} placeholders of the migrations.
	words map[string]string
	// lock is run first inside the migration transaction so that two
	// processes migrating one database take turns ("" when beginning the
	// transaction already takes the write lock).
	lock string
	// prepare creates what keeps the version, if the engine needs a table.
	prepare string
	// version and setVersion read and write the schema version.
	version    string
	setVersion func(v int) string
	// dollar is true when the engine numbers its placeholders ($1, $2)
	// instead of taking "?" (see rebind).
	dollar bool
	// keyLock takes a lock, by its number, held to the end of the
	// transaction ("" when the engine has one writer at a time anyway).
	keyLock string
	// binary follows a text column in ORDER BY to compare it byte by
	// byte, the same on every engine (Export).
	binary string
	// resetID makes a table's next id follow its greatest (after rows
	// were loaded with their ids: Import); nil when the engine does so
	// itself.
	resetID func(table string) string
	// horizon is the oldest transaction that may still be running, as
	// the current snapshot sees it (progressCache); a number above every
	// transaction on an engine whose writers commit in the order of
	// their ids.
	horizon string
}

// rebind turns the "?" placeholders every query of the store is written
// with into the engine's own: "$1", "$2" ... for PostgreSQL. A "?" inside
// a quoted string or identifier is left alone.
func (d dialect) rebind(q string) string {
	if !d.dollar || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// SQLite keeps the version in the database header (PRAGMA user_version),
// and the driver begins every transaction with BEGIN IMMEDIATE (see
// Open), which takes the one write lock at once: a second process waits
// for it under the busy timeout and then finds the schema already there.
var sqliteDialect = dialect{
	name: "sqlite",
	words: map[string]string{"id": "INTEGER PRIMARY KEY", "blob": "BLOB", "txid": "0",
		"legacyTokenExpiry": fmt.Sprintf(`strftime('%%Y-%%m-%%dT%%H:%%M:%%S.000000000Z', 'now', '+%d days')`, legacyTokenGraceDays)},
	version:    `PRAGMA user_version`,
	setVersion: func(v int) string { return fmt.Sprintf(`PRAGMA user_version = %d`, v) },
	horizon:    `9223372036854775807`,
}

// PostgreSQL keeps the version in a table, and a transaction-scoped
// advisory lock (released by COMMIT or ROLLBACK) makes concurrent
// migrators take turns even before that table exists. The key is an
// arbitrary constant: the bytes of "roadmap" as a number.
var postgresDialect = dialect{
	name: "postgres",
	words: map[string]string{"id": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "blob": "BYTEA",
		"txid":              "(CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT))",
		"legacyTokenExpiry": fmt.Sprintf(`to_char((now() AT TIME ZONE 'UTC') + interval '%d days', 'YYYY-MM-DD"T"HH24:MI:SS".000000000Z"')`, legacyTokenGraceDays)},
	lock:    `SELECT pg_advisory_xact_lock(32210611432415600)`,
	prepare: `CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)`,
	version: `SELECT COALESCE(MAX(version), 0) FROM schema_version`,
	setVersion: func(v int) string {
		return fmt.Sprintf(`DELETE FROM schema_version; INSERT INTO schema_version VALUES(%d)`, v)
	},
	dollar:  true,
	keyLock: `SELECT pg_advisory_xact_lock(?)`,
	horizon: `CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT) AS BIGINT)`,
	binary:  ` COLLATE "C"`,
	resetID: func(t string) string {
		return fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), COALESCE((SELECT MAX(id) FROM %s), 0) + 1, false)`, t, t)
	},
}

// migrationSQL is migration i as the dialect's engine runs it.
func (d dialect) migrationSQL(i int) string {
	s := migrations[i]
	for w, v := range d.words {
		s = strings.ReplaceAll(s, "{{"+w+"}}", v)
	}
	return s
}

// migrate brings the schema up to version target in one transaction that
// holds the write lock from its first statement: the version is read and
// every missing migration applied under the same lock, so two processes
// creating one store at once both succeed (the second finds the work
// done), and a failed migration leaves the database as it was. A database
// already at the target is only read.
func migrate(ctx context.Context, db *sql.DB, d dialect, target int) error {
	if d.prepare == "" {
		var v int
		if err := db.QueryRowContext(ctx, d.version).Scan(&v); err != nil {
			return fmt.Errorf("чтение версии схемы: %w", err)
		}
		if v == target {
			return nil
		}
		if v > len(migrations) {
			return newerSchema(v)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("обновление схемы: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []string{d.lock, d.prepare} {
		if q == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("обновление схемы: %w", err)
		}
	}
	var v int
	if err := tx.QueryRowContext(ctx, d.version).Scan(&v); err != nil {
		return fmt.Errorf("чтение версии схемы: %w", err)
	}
	if v > len(migrations) {
		return newerSchema(v)
	}
	if v >= target {
		return nil
	}
	for ; v < target; v++ {
		if _, err := tx.ExecContext(ctx, d.migrationSQL(v)); err != nil {
			return fmt.Errorf("обновление схемы до версии %d: %w", v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, d.setVersion(target)); err != nil {
		return fmt.Errorf("обновление схемы до версии %d: %w", target, err)
	}
	return tx.Commit()
}

func newerSchema(v int) error {
	return fmt.Errorf("база создана более новой версией программы (схема %d, поддерживается до %d)", v, len(migrations))
}

// Version returns the schema version of the open database.
func (s *Store) Version() (int, error) {
	var v int
	err := s.db.QueryRow(s.d.version).Scan(&v)
	return v, err
}
