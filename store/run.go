package store

import (
	"context"
	"database/sql"
	"sync"
)

// runner runs the store's queries, in a transaction or not: each query
// is rebound for the engine (dialect.rebind, the one place placeholders
// are translated). On SQLite each is prepared once per process, then
// reused: SQLite spends more time parsing a small query than running
// it, and a school's save runs five of them. On PostgreSQL the driver
// (pgx) prepares and caches each query on each connection itself.
type runner struct {
	s  *Store
	tx *sql.Tx // nil: the pool
	// inTx are the statements bound to tx, by query: database/sql keeps
	// every statement Tx.StmtContext returns until the transaction ends,
	// so one bound per exec took 500 MB to import a million rows.
	inTx map[string]*sql.Stmt
}

// run returns the runner of tx (nil = outside a transaction).
func (s *Store) run(tx *sql.Tx) runner {
	r := runner{s: s, tx: tx}
	if tx != nil {
		r.inTx = map[string]*sql.Stmt{}
	}
	return r
}

// testHookPrepare, when set, sees every query the runner runs (once per
// query text).
var testHookPrepare func(query string)

// stmts caches the prepared statements by their text.
type stmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	if st, ok := s.stmts.m[query]; ok {
		return st, nil
	}
	if testHookPrepare != nil {
		testHookPrepare(query)
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if s.stmts.m == nil {
		s.stmts.m = map[string]*sql.Stmt{}
	}
	s.stmts.m[query] = st
	return st, nil
}

// rebind is query in the engine's placeholders, computed once.
func (s *Store) rebind(query string) string {
	if !s.d.dollar {
		return query
	}
	if q, ok := s.rebound.Load(query); ok {
		return q.(string)
	}
	if testHookPrepare != nil {
		testHookPrepare(query)
	}
	q := s.d.rebind(query)
	s.rebound.Store(query, q)
	return q
}

// direct reports whether queries run unprepared (PostgreSQL).
func (r runner) direct() bool { return r.s.d.dollar }

// stmt is the prepared query for this runner: bound to the transaction
// (closed with it; the connection's prepared statement is reused).
func (r runner) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := r.inTx[query]; ok {
		return st, nil
	}
	st, err := r.s.prepared(ctx, query)
	if err != nil || r.tx == nil {
		return st, err
	}
	st = r.tx.StmtContext(ctx, st)
	if r.inTx != nil {
		r.inTx[query] = st
	}
	return st, nil
}

func (r runner) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if r.direct() {
		if r.tx != nil {
			return r.tx.ExecContext(ctx, r.s.rebind(query), args...)
		}
		return r.s.db.ExecContext(ctx, r.s.rebind(query), args...)
	}
	st, err := r.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (r runner) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if r.direct() {
		if r.tx != nil {
			return r.tx.QueryContext(ctx, r.s.rebind(query), args...)
		}
		return r.s.db.QueryContext(ctx, r.s.rebind(query), args...)
	}
	st, err := r.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (r runner) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if r.direct() {
		if r.tx != nil {
			return r.tx.QueryRowContext(ctx, r.s.rebind(query), args...)
		}
		return r.s.db.QueryRowContext(ctx, r.s.rebind(query), args...)
	}
	st, err := r.stmt(ctx, query)
	if err != nil {
		// The same query unprepared gives a *sql.Row carrying the error.
		if r.tx != nil {
			return r.tx.QueryRowContext(ctx, query, args...)
		}
		return r.s.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// closeStmts closes the prepared statements (Close).
func (s *Store) closeStmts() {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	for _, st := range s.stmts.m {
		st.Close()
	}
	s.stmts.m = nil
}

// collectRows reads every row of a query with scan.
func collectRows[T any](rows *sql.Rows, err error, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
