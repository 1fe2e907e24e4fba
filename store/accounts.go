package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The accounts of the web server: department users, their sessions,
// login attempts and machine tokens. The store keeps what it is given:
// password hashes and the SHA-256 of session ids and tokens are made by
// the caller (internal/secret), so no secret in clear ever reaches it.

// ErrNotFound is returned when the object asked for does not exist (or,
// for sessions, tokens and links, is no longer valid).
var ErrNotFound = errors.New("не найдено")

// ErrExists is returned when a user with the login already exists.
var ErrExists = errors.New("уже существует")

// User is an account of the web server: a department's (of one
// municipality) or the region's (every municipality's, to read).
type User struct {
	ID       int64
	Login    string
	Name     string
	Created  time.Time
	Disabled bool
	Role     string // RoleDepartment or RoleRegion
	// Municipality is a department user's municipality (0 for the
	// region's users).
	Municipality int64
}

// Roles of users.
const (
	RoleDepartment = "department"
	RoleRegion     = "region"
)

// Region reports a user of the region.
func (u User) Region() bool { return u.Role == RoleRegion }

// Actor is who made a change: a department user, a school through its
// link, or (both zero) the command line.
type Actor struct {
	UserID int64
	LinkID int64
}

// nullID is an optional reference: NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// insertID runs an INSERT ... RETURNING id.
func (s *Store) insertID(ctx context.Context, q runner, query string, args ...any) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, query+` RETURNING id`, args...).Scan(&id)
	return id, err
}

// AddUser creates a department user of the default municipality
// (AddAccount).
func (s *Store) AddUser(ctx context.Context, login, name, passwordHash string, at time.Time) (int64, error) {
	return s.AddAccount(ctx, User{Login: login, Name: name, Created: at, Role: RoleDepartment}, passwordHash)
}

// AddAccount creates a user: u's login (kept in lower case, and new:
// ErrExists), name, creation time, role and, for a department user, its
// municipality (0: the default); a region's user has none.
func (s *Store) AddAccount(ctx context.Context, u User, passwordHash string) (int64, error) {
	login := strings.ToLower(strings.TrimSpace(u.Login))
	var mun any
	switch u.Role {
	case RoleDepartment, "":
		m, err := s.municipality(ctx, u.Municipality)
		if err != nil {
			return 0, err
		}
		u.Role, mun = RoleDepartment, m
	case RoleRegion:
		if u.Municipality != 0 {
			return 0, errors.New("пользователь региона не принадлежит муниципалитету")
		}
	default:
		return 0, fmt.Errorf("роль %q: ожидается %s или %s", u.Role, RoleDepartment, RoleRegion)
	}
	var id int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.insertID(ctx, s.run(tx), `INSERT INTO users(login, name, password, created, role, municipality_id) VALUES(?,?,?,?,?,?)
			ON CONFLICT (login) DO NOTHING`, login, u.Name, passwordHash, fmtTime(u.Created), u.Role, mun)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("пользователь %s: %w", login, ErrExists)
		}
		return err
	})
	return id, err
}

// SetPassword replaces a user's password hash. With endSessions, the
// user's open sessions end at the same time (a password changed because
// it leaked must log out whoever used it).
func (s *Store) SetPassword(ctx context.Context, userID int64, passwordHash string, endSessions bool, at time.Time) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := s.run(tx).ExecContext(ctx, `UPDATE users SET password = ? WHERE id = ?`, passwordHash, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if endSessions {
			_, err = s.run(tx).ExecContext(ctx, `UPDATE sessions SET ended = ? WHERE user_id = ? AND ended = ''`, fmtTime(at), userID)
		}
		return err
	})
}

// SetUserDisabled disables or enables a user: a disabled user's sessions
// and tokens stop working at once.
func (s *Store) SetUserDisabled(ctx context.Context, userID int64, disabled bool) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := s.run(tx).ExecContext(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, boolInt(disabled), userID)
		return err
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

const userCols = `u.id, u.login, u.name, u.created, u.disabled, u.role, COALESCE(u.municipality_id, 0)`

func scanUser(sc interface{ Scan(...any) error }, extra ...any) (User, error) {
	var u User
	var created string
	var disabled int
	err := sc.Scan(append([]any{&u.ID, &u.Login, &u.Name, &created, &disabled, &u.Role, &u.Municipality}, extra...)...)
	u.Created, u.Disabled = parseTime(created), disabled != 0
	return u, err
}

// UserByLogin returns the user and its password hash (ErrNotFound when
// there is no such login).
func (s *Store) UserByLogin(ctx context.Context, login string) (User, string, error) {
	var hash string
	u, err := scanUser(s.run(nil).QueryRowContext(ctx, `SELECT `+userCols+`, u.password FROM users u WHERE u.login = ?`,
		strings.ToLower(strings.TrimSpace(login))), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, "", ErrNotFound
	}
	return u, hash, err
}

// Users lists the users by login.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.run(nil).QueryContext(ctx, `SELECT `+userCols+` FROM users u ORDER BY u.login`)
	return collectRows(rows, err, func(r *sql.Rows) (User, error) { return scanUser(r) })
}

// AddSession records a session by the hash of its id.
func (s *Store) AddSession(ctx context.Context, hash string, userID int64, created, expires time.Time) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := s.run(tx).ExecContext(ctx, `INSERT INTO sessions(hash, user_id, created, expires) VALUES(?,?,?,?)`,
			hash, userID, fmtTime(created), fmtTime(expires))
		return err
	})
}

// SessionUser returns the user of a live session: not ended, not expired
// at now, its user not disabled; ErrNotFound otherwise.
func (s *Store) SessionUser(ctx context.Context, hash string, now time.Time) (User, error) {
	u, err := scanUser(s.run(nil).QueryRowContext(ctx, `SELECT `+userCols+` FROM sessions x JOIN users u ON u.id = x.user_id
		WHERE x.hash = ? AND x.ended = '' AND x.expires > ? AND u.disabled = 0`, hash, fmtTime(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	return u, err
}

// EndSession ends a session (logout); the row stays.
func (s *Store) EndSession(ctx context.Context, hash string, at time.Time) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := s.run(tx).ExecContext(ctx, `UPDATE sessions SET ended = ? WHERE hash = ? AND ended = ''`, fmtTime(at), hash)
		return err
	})
}

// AddLoginAttempt records one login attempt from an address.
func (s *Store) AddLoginAttempt(ctx context.Context, login, addr string, at time.Time, ok bool) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := s.run(tx).ExecContext(ctx, `INSERT INTO login_attempts(login, addr, at, ok) VALUES(?,?,?,?)`,
			strings.ToLower(strings.TrimSpace(login)), addr, fmtTime(at), boolInt(ok))
		return err
	})
}

// LoginFailures counts the failed attempts since the time given: for the
// login, those made after its last successful login (in the order they
// were recorded: two attempts may share a time stamp); for the address, all of
// them (a success with one account must not reset the count of an
// address trying many).
func (s *Store) LoginFailures(ctx context.Context, login, addr string, since time.Time) (byLogin, byAddr int, err error) {
	login = strings.ToLower(strings.TrimSpace(login))
	t := fmtTime(since)
	err = s.run(nil).QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM login_attempts WHERE login = ? AND ok = 0 AND at > ?
			AND id > COALESCE((SELECT MAX(id) FROM login_attempts WHERE login = ? AND ok = 1), 0)),
		(SELECT COUNT(*) FROM login_attempts WHERE addr = ? AND ok = 0 AND at > ?)`,
		login, t, login, addr, t).Scan(&byLogin, &byAddr)
	return byLogin, byAddr, err
}

// Token is a machine token of the JSON API (its hash is not returned).
type Token struct {
	ID      int64
	Name    string
	User    User
	Created time.Time
	// Expires is when the token stops working (every token has one).
	Expires time.Time
	Revoked time.Time
}

// Live reports whether the token works at now: not revoked, not expired.
func (t Token) Live(now time.Time) bool { return t.Revoked.IsZero() && now.Before(t.Expires) }

// Errors of TokenUser for a token that exists but no longer works.
var (
	ErrTokenExpired = errors.New("срок действия токена истек")
	ErrTokenRevoked = errors.New("токен отозван")
)

// AddToken records a machine token by its hash; it acts as the user
// until expires.
func (s *Store) AddToken(ctx context.Context, hash, name string, userID int64, at, expires time.Time) (int64, error) {
	if !expires.After(at) {
		return 0, errors.New("срок действия токена должен быть позже его выпуска")
	}
	var id int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.insertID(ctx, s.run(tx), `INSERT INTO api_tokens(hash, name, user_id, created, expires) VALUES(?,?,?,?,?)`,
			hash, name, userID, fmtTime(at), fmtTime(expires))
		return err
	})
	return id, err
}

// TokenUser returns the user a token acts as and the token, when it
// works at now: ErrNotFound when the token is unknown or its user
// disabled; ErrTokenRevoked or ErrTokenExpired (with the token, to say
// when) when it no longer works.
func (s *Store) TokenUser(ctx context.Context, hash string, now time.Time) (User, Token, error) {
	var t Token
	var created, expires, revoked string
	u, err := scanUser(s.run(nil).QueryRowContext(ctx, `SELECT `+userCols+`, t.id, t.name, t.created, t.expires, t.revoked
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND u.disabled = 0`, hash),
		&t.ID, &t.Name, &created, &expires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, Token{}, ErrNotFound
	}
	if err != nil {
		return User{}, Token{}, err
	}
	t.User, t.Created, t.Expires, t.Revoked = u, parseTime(created), parseTime(expires), parseTime(revoked)
	switch {
	case !t.Revoked.IsZero():
		return User{}, t, ErrTokenRevoked
	case !now.Before(t.Expires):
		return User{}, t, ErrTokenExpired
	}
	return u, t, nil
}

// Tokens lists every machine token, revoked and expired ones included.
func (s *Store) Tokens(ctx context.Context) ([]Token, error) {
	rows, err := s.run(nil).QueryContext(ctx, `SELECT `+userCols+`, t.id, t.name, t.created, t.expires, t.revoked
		FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id`)
	return collectRows(rows, err, func(r *sql.Rows) (Token, error) {
		var t Token
		var created, expires, revoked string
		var err error
		t.User, err = scanUser(r, &t.ID, &t.Name, &created, &expires, &revoked)
		t.Created, t.Expires, t.Revoked = parseTime(created), parseTime(expires), parseTime(revoked)
		return t, err
	})
}

// RevokeToken revokes a machine token (ErrNotFound when there is no live
// token with the id).
func (s *Store) RevokeToken(ctx context.Context, id int64, at time.Time) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := s.run(tx).ExecContext(ctx, `UPDATE api_tokens SET revoked = ? WHERE id = ? AND revoked = ''`, fmtTime(at), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.run(nil).QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}
