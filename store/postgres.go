package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// A region's store runs on PostgreSQL: several servers write to it at
// once, each through its own pool of connections. Everything else (the
// queries, the migrations, the semantics) is the store's one
// implementation; what differs is here and in the dialect (schema.go).

// IsPostgres reports whether --db names a PostgreSQL database (a URL
// postgres://... or postgresql://...) rather than a SQLite file.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Redact is a --db value as it may be logged or shown: a PostgreSQL URL
// without its password; a path as it is.
func Redact(db string) string {
	if !IsPostgres(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://…" // unreadable: show nothing of it
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// Defaults of a PostgreSQL connection; the URL may set each of them
// (postgres://host/db?pool_max_conns=20&statement_timeout=120s): the
// timeouts are set per connection, as runtime parameters of its start.
const (
	// pgMaxConns bounds the connections of one process: PostgreSQL's
	// default max_connections of 100 serves several servers and the
	// command line beside them.
	pgMaxConns = 10
	// A query running longer than this is cancelled: the dashboard's
	// biggest reads take well under a second, and a statement never
	// waits for a collection (readers do not wait for writers).
	pgStatementTimeout = "60s"
	// A lock waited for longer than this fails the statement (and its
	// transaction, retried once the other has finished).
	pgLockTimeout = "30s"
	// A transaction left open by a stuck process is ended.
	pgIdleInTxTimeout = "5min"
)

// poolParams are the parameters of the URL that are ours, not
// PostgreSQL's: the pool of connections of this process (database/sql).
//
//	pool_max_conns          connections open at most (default 10)
//	pool_max_idle_conns     kept open while idle (default pool_max_conns)
//	pool_max_conn_lifetime  a connection is closed after it (0: never)
//	pool_max_conn_idle_time an idle connection is closed after it (5m)
type poolParams struct {
	maxConns, maxIdle int
	lifetime, idle    time.Duration
}

// takePoolParams reads and removes the pool's parameters from q.
func takePoolParams(q url.Values) (poolParams, error) {
	p := poolParams{maxConns: pgMaxConns, maxIdle: -1, idle: 5 * time.Minute}
	for _, n := range []struct {
		name string
		to   *int
	}{{"pool_max_conns", &p.maxConns}, {"pool_max_idle_conns", &p.maxIdle}} {
		if v := q.Get(n.name); v != "" {
			i, err := strconv.Atoi(v)
			if err != nil || i < 1 || i > 1000 {
				return p, fmt.Errorf("%s=%q: ожидается число от 1 до 1000", n.name, v)
			}
			*n.to = i
		}
		q.Del(n.name)
	}
	for _, n := range []struct {
		name string
		to   *time.Duration
	}{{"pool_max_conn_lifetime", &p.lifetime}, {"pool_max_conn_idle_time", &p.idle}} {
		if v := q.Get(n.name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				return p, fmt.Errorf("%s=%q: ожидается длительность (30s, 5m, 1h)", n.name, v)
			}
			*n.to = d
		}
		q.Del(n.name)
	}
	if p.maxIdle < 0 || p.maxIdle > p.maxConns {
		p.maxIdle = p.maxConns
	}
	return p, nil
}

// openPostgres opens the PostgreSQL database of dsn and brings its
// schema up to date. Parameters of our own in the URL: the pool's
// (poolParams). Any other parameter PostgreSQL knows (statement_timeout,
// lock_timeout, application_name ...) is set on every connection, with
// our defaults for the timeouts above.
func openPostgres(dsn string) (*Store, error) {
	name := Redact(dsn)
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: адрес базы не читается: ожидается postgres://пользователь:пароль@сервер:5432/база", name)
	}
	q := u.Query()
	pool, err := takePoolParams(q)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	u.RawQuery = q.Encode()
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, redactErr(err, dsn))
	}
	for k, v := range map[string]string{"statement_timeout": pgStatementTimeout, "lock_timeout": pgLockTimeout,
		"idle_in_transaction_session_timeout": pgIdleInTxTimeout, "application_name": "roadmap"} {
		if _, ok := cfg.RuntimeParams[k]; !ok {
			cfg.RuntimeParams[k] = v
		}
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(pool.maxConns)
	db.SetMaxIdleConns(pool.maxIdle)
	db.SetConnMaxLifetime(pool.lifetime)
	db.SetConnMaxIdleTime(pool.idle)
	s := &Store{db: db, path: name, d: postgresDialect}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := migrate(ctx, db, postgresDialect, len(migrations)); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %v", name, redactErr(err, dsn))
	}
	return s, nil
}

// redactErr keeps the password of dsn out of an error's text (pgx
// quotes the connection string in some of its errors).
func redactErr(err error, dsn string) error {
	msg := err.Error()
	if u, perr := url.Parse(dsn); perr == nil {
		if pw, ok := u.User.Password(); ok && pw != "" {
			msg = strings.ReplaceAll(msg, pw, "xxxxx")
		}
	}
	msg = strings.ReplaceAll(msg, dsn, Redact(dsn))
	return errors.New(msg)
}

// pgCode is the SQLSTATE of a PostgreSQL error ("" for others).
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// retryable reports an error after which the whole transaction may be
// run again: PostgreSQL found it deadlocked with another, or could not
// serialize it. Nothing of it was stored.
func retryable(err error) bool {
	switch pgCode(err) {
	case "40001", "40P01": // serialization_failure, deadlock_detected
		return true
	}
	return false
}

// isUnique reports a unique constraint violated (either engine).
func isUnique(err error) bool {
	if pgCode(err) == "23505" {
		return true
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// snapshot runs fn with a runner that reads one consistent state of the
// store: on PostgreSQL a read-only REPEATABLE READ transaction (it waits
// for no writer and no writer waits for it); on SQLite the pool (one
// writer at a time commits in the order of its ids, see cachedProgress).
func (s *Store) snapshot(ctx context.Context, fn func(runner) error) error {
	if s.d.name != postgresDialect.name {
		return fn(s.run(nil))
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(s.run(tx)); err != nil {
		return err
	}
	return tx.Commit()
}

// Health is what /healthz says of the store.
type Health struct {
	Engine  string  `json:"engine"` // "sqlite" or "postgres"
	Schema  int     `json:"schema"` // the schema version read from the database
	Latency float64 `json:"latency_ms"`
	// Connections of this process's pool: open, in use, the limit, and
	// how many requests have waited for a free one.
	Open    int   `json:"connections_open"`
	InUse   int   `json:"connections_in_use"`
	MaxOpen int   `json:"connections_max"`
	Waited  int64 `json:"connections_waited"`
}

// Health reads the schema version (a query that must answer) and the
// pool's state; an error when the database does not answer, or answers
// with a schema this build does not know.
func (s *Store) Health(ctx context.Context) (Health, error) {
	start := time.Now()
	h := Health{Engine: s.d.name}
	if err := s.db.QueryRowContext(ctx, s.d.version).Scan(&h.Schema); err != nil {
		return h, err
	}
	h.Latency = float64(time.Since(start).Microseconds()) / 1000
	st := s.db.Stats()
	h.Open, h.InUse, h.MaxOpen, h.Waited = st.OpenConnections, st.InUse, st.MaxOpenConnections, st.WaitCount
	if h.Schema != SchemaVersion {
		return h, fmt.Errorf("схема базы %d, а эта версия программы работает со схемой %d", h.Schema, SchemaVersion)
	}
	return h, nil
}
