// Package access says who is asking, for both faces of the tool: the
// department's users (passwords, sessions, the rate limit on logins),
// machines (API tokens acting as a user) and schools (personal links to
// one organisation's part of one plan for one quarter).
//
// Every secret is random (internal/secret) and stored only as a hash:
// argon2id for passwords, SHA-256 for session ids, tokens and links. The
// state lives in the store, not in a server's memory, so that several
// servers behind one load balancer share sessions and rate limits.
package access

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/internal/secret"
	"github.com/roadmap-tool/roadmap/internal/usage"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// Options tune the service; the zero value takes the defaults.
type Options struct {
	// SessionTTL is how long a session lasts from login (12 hours: a
	// working day, so that a computer left logged in overnight is not).
	SessionTTL time.Duration
	// MaxFailures failed logins of one login within Window lock it until
	// the window has passed (5 in 15 minutes); MaxAddrFailures do the same
	// for one address whatever the login (30).
	MaxFailures     int
	MaxAddrFailures int
	Window          time.Duration
	// Now is the clock (tests fix it); nil = time.Now.
	Now func() time.Time
}

// Service authenticates users, machines and schools against a store.
type Service struct {
	st    *store.Store
	o     Options
	links linkCache
}

// linkCache keeps the links found by their token's hash, for
// OpenLinkCached. It only ever holds what the store said of a live link;
// it is emptied when full.
type linkCache struct {
	mu sync.Mutex
	m  map[string]store.Link
}

// maxCachedLinks bounds the cache: a region's schools for a few plans.
const maxCachedLinks = 50000

// New returns the service over st.
func New(st *store.Store, o Options) *Service {
	if o.SessionTTL == 0 {
		o.SessionTTL = 12 * time.Hour
	}
	if o.MaxFailures == 0 {
		o.MaxFailures = 5
	}
	if o.MaxAddrFailures == 0 {
		o.MaxAddrFailures = 30
	}
	if o.Window == 0 {
		o.Window = 15 * time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{st: st, o: o}
}

// Errors of logging in and of opening a link, in the words a user reads.
var (
	ErrBadLogin = errors.New("неверный логин или пароль")
	ErrNoLink   = errors.New("ссылка не найдена: проверьте, что она скопирована целиком, или попросите новую в управлении образования")
	ErrRevoked  = errors.New("ссылка отозвана: попросите новую в управлении образования")
	ErrExpired  = errors.New("срок действия ссылки истек: отчетный период закончился; если нужно внести ответы, попросите новую ссылку в управлении образования")
)

// LimitedError is a login refused by the rate limit.
type LimitedError struct{ Wait time.Duration }

func (e *LimitedError) Error() string {
	return fmt.Sprintf("слишком много неудачных попыток входа: повторите через %d мин.", max(1, int(e.Wait.Round(time.Minute)/time.Minute)))
}

// CheckLogin says what a login may be: 2-64 Latin letters, digits, '.',
// '_' or '-'; it is kept in lower case.
func CheckLogin(login string) error {
	// The characters first: a Cyrillic login of 40 letters was told it
	// was longer than 64 (bytes). The login is shown cut to its first 64
	// characters, so that the message stays one short line.
	for _, c := range login {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return fmt.Errorf("логин %s: допускаются латинские буквы, цифры, точка, дефис и подчеркивание", shownLogin(login))
		}
	}
	if len(login) < 2 || len(login) > 64 {
		return fmt.Errorf("логин %s: ожидается от 2 до 64 символов, указано %d", shownLogin(login), len(login))
	}
	return nil
}

// shownLogin quotes a login for a message, cut after 64 characters.
func shownLogin(login string) string {
	if r := []rune(login); len(r) > 64 {
		return strconv.Quote(string(r[:64])) + "…"
	}
	return strconv.Quote(login)
}

// MinPassword is the shortest password accepted.
const MinPassword = 10

// CheckPassword says whether a password may be set.
func CheckPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPassword {
		return fmt.Errorf("пароль слишком короткий: нужно не меньше %d символов", MinPassword)
	}
	if len(pw) > 1024 {
		return errors.New("пароль длиннее 1024 байт")
	}
	return nil
}

// AddUser creates a department user of the default municipality (a
// single department's) with a password.
func (a *Service) AddUser(ctx context.Context, login, name, password string) (store.User, error) {
	return a.AddAccount(ctx, store.User{Login: login, Name: name, Role: store.RoleDepartment}, password)
}

// Roles of users, as `roadmap users add --role` names them.
const (
	RoleDepartment = store.RoleDepartment
	RoleRegion     = store.RoleRegion
)

// NewUser is a user to add (Register), as `roadmap users add` is
// given it.
type NewUser struct {
	Login, Name string
	Role        string // RoleDepartment or RoleRegion
	// Municipality is a department's user's, by name ("" = the default
	// one); a region's user belongs to none.
	Municipality string
}

// Check refuses a user that cannot be added, before a password is asked
// for or a store opened: a login that is not one, a role there is not, a
// region's user with a municipality. The error is a *usage.Error, naming
// the flag at fault.
func (u NewUser) Check() error {
	if err := CheckLogin(u.Login); err != nil {
		return &usage.Error{Msg: err.Error()}
	}
	switch {
	case u.Role != RoleDepartment && u.Role != RoleRegion:
		return usage.Errorf("--role %q: ожидается department (специалист муниципалитета) или region (пользователь региона)", u.Role)
	case u.Role == RoleRegion && strings.TrimSpace(u.Municipality) != "":
		return usage.Errorf("пользователь региона не принадлежит муниципалитету: уберите --municipality")
	}
	return nil
}

// Register adds a user (Check) with a password; a department's user
// belongs to the municipality named (made when the store has none of
// that name: its name is returned in made).
func (a *Service) Register(ctx context.Context, nu NewUser, password string) (u store.User, made string, err error) {
	if err := nu.Check(); err != nil {
		return store.User{}, "", err
	}
	u = store.User{Login: nu.Login, Name: nu.Name, Role: nu.Role}
	if municipality := strings.TrimSpace(nu.Municipality); municipality != "" {
		m, created, err := a.st.AddMunicipality(ctx, municipality, a.o.Now())
		if err != nil {
			return store.User{}, "", err
		}
		if created {
			made = m.Name
		}
		u.Municipality = m.ID
	}
	u, err = a.AddAccount(ctx, u, password)
	return u, made, err
}

// AddAccount creates a user with a password: u's login, name, role and,
// for a department's user, municipality (0: the default).
func (a *Service) AddAccount(ctx context.Context, u store.User, password string) (store.User, error) {
	login := strings.TrimSpace(u.Login)
	if err := CheckLogin(login); err != nil {
		return store.User{}, err
	}
	if err := CheckPassword(password); err != nil {
		return store.User{}, err
	}
	u.Name = strings.TrimSpace(u.Name)
	if u.Name == "" {
		u.Name = login
	}
	hash, err := secret.HashPassword(password)
	if err != nil {
		return store.User{}, err
	}
	u.Login, u.Created = strings.ToLower(login), a.o.Now()
	if u.Role == "" {
		u.Role = store.RoleDepartment
	}
	if u.Role == store.RoleDepartment && u.Municipality == 0 {
		if u.Municipality, err = a.st.DefaultMunicipality(ctx); err != nil {
			return store.User{}, err
		}
	}
	if u.ID, err = a.st.AddAccount(ctx, u, hash); err != nil {
		return store.User{}, err
	}
	return u, nil
}

// SetPassword changes a user's password and ends the user's sessions.
func (a *Service) SetPassword(ctx context.Context, login, password string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	u, _, err := a.st.UserByLogin(ctx, login)
	if err != nil {
		return userError(login, err)
	}
	hash, err := secret.HashPassword(password)
	if err != nil {
		return err
	}
	return a.st.SetPassword(ctx, u.ID, hash, true, a.o.Now())
}

// Login checks a password and opens a session: it returns the session id
// to put in a cookie (only its hash is stored). Too many failures refuse
// the attempt before the password is even checked (*LimitedError), and
// every attempt is recorded, a refused one as a failure. A wrong login
// and a wrong password take the same time and give the same error.
func (a *Service) Login(ctx context.Context, login, password, addr string) (string, store.User, error) {
	now := a.o.Now()
	login = strings.ToLower(strings.TrimSpace(login))
	if len(login) > 64 || len(password) > 1024 {
		return "", store.User{}, ErrBadLogin
	}
	byLogin, byAddr, err := a.st.LoginFailures(ctx, login, addr, now.Add(-a.o.Window))
	if err != nil {
		return "", store.User{}, err
	}
	if byLogin >= a.o.MaxFailures || byAddr >= a.o.MaxAddrFailures {
		if err := a.st.AddLoginAttempt(ctx, login, addr, now, false); err != nil {
			return "", store.User{}, err
		}
		return "", store.User{}, &LimitedError{Wait: a.o.Window}
	}
	u, hash, err := a.st.UserByLogin(ctx, login)
	ok := false
	switch {
	case errors.Is(err, store.ErrNotFound):
		secret.Waste(password)
	case err != nil:
		return "", store.User{}, err
	default:
		ok, err = secret.CheckPassword(hash, password)
		if err != nil {
			return "", store.User{}, fmt.Errorf("пользователь %s: %w", login, err)
		}
		ok = ok && !u.Disabled
	}
	if err := a.st.AddLoginAttempt(ctx, login, addr, now, ok); err != nil {
		return "", store.User{}, err
	}
	if !ok {
		return "", store.User{}, ErrBadLogin
	}
	if secret.NeedsRehash(hash) {
		if h, err := secret.HashPassword(password); err == nil {
			a.st.SetPassword(ctx, u.ID, h, false, now)
		}
	}
	id, idHash, err := secret.NewToken()
	if err != nil {
		return "", store.User{}, err
	}
	if err := a.st.AddSession(ctx, idHash, u.ID, now, now.Add(a.o.SessionTTL)); err != nil {
		return "", store.User{}, err
	}
	return id, u, nil
}

// Session returns the user of a live session (store.ErrNotFound when the
// id is unknown, ended or expired).
func (a *Service) Session(ctx context.Context, id string) (store.User, error) {
	if !secret.LooksLikeToken(id) {
		return store.User{}, store.ErrNotFound
	}
	return a.st.SessionUser(ctx, secret.Hash(id), a.o.Now())
}

// Logout ends a session.
func (a *Service) Logout(ctx context.Context, id string) error {
	if !secret.LooksLikeToken(id) {
		return nil
	}
	return a.st.EndSession(ctx, secret.Hash(id), a.o.Now())
}

// TokenPrefix starts every machine token, so that one pasted by mistake
// into a chat or a repository is recognised for what it is.
const TokenPrefix = "rmt_"

// DefaultTokenTTL is how long a machine token works when its issuer
// does not say (90 days: a quarter, so that a token forgotten in a
// script or a leaked one stops by itself); MaxTokenTTL the longest it may
// be given (two years).
const (
	DefaultTokenTTL = 90 * 24 * time.Hour
	MaxTokenTTL     = 2 * 365 * 24 * time.Hour
)

// NewToken makes a machine token acting as the user with the login,
// working for ttl (0: DefaultTokenTTL; at most MaxTokenTTL), returned
// once; only its hash is stored.
func (a *Service) NewToken(ctx context.Context, login, name string, ttl time.Duration) (string, store.Token, error) {
	if ttl == 0 {
		ttl = DefaultTokenTTL
	}
	if ttl < 0 || ttl > MaxTokenTTL {
		return "", store.Token{}, fmt.Errorf("срок действия токена: ожидается срок в будущем, не дольше %d дней", int(MaxTokenTTL/(24*time.Hour)))
	}
	u, _, err := a.st.UserByLogin(ctx, login)
	if err != nil {
		return "", store.Token{}, userError(login, err)
	}
	tok, _, err := secret.NewToken()
	if err != nil {
		return "", store.Token{}, err
	}
	tok = TokenPrefix + tok
	now := a.o.Now()
	t := store.Token{Name: strings.TrimSpace(name), User: u, Created: now, Expires: now.Add(ttl)}
	t.ID, err = a.st.AddToken(ctx, secret.Hash(tok), t.Name, u.ID, t.Created, t.Expires)
	return tok, t, err
}

// TokenError is a machine token that exists but no longer works: its
// message says since when, for the 401 of the API.
type TokenError struct {
	Token store.Token
	Err   error // store.ErrTokenExpired or store.ErrTokenRevoked
}

func (e *TokenError) Error() string {
	if errors.Is(e.Err, store.ErrTokenRevoked) {
		return fmt.Sprintf("токен API %d отозван %s: выпустите новый", e.Token.ID, e.Token.Revoked.Local().Format("02.01.2006"))
	}
	return fmt.Sprintf("срок действия токена API %d истек %s: выпустите новый", e.Token.ID, e.Token.Expires.Local().Format("02.01.2006 15:04"))
}

func (e *TokenError) Unwrap() error { return e.Err }

// TokenUser returns the user a machine token acts as: store.ErrNotFound
// for an unknown token, a *TokenError for a revoked or expired one.
func (a *Service) TokenUser(ctx context.Context, tok string) (store.User, error) {
	if !strings.HasPrefix(tok, TokenPrefix) || !secret.LooksLikeToken(tok[len(TokenPrefix):]) {
		return store.User{}, store.ErrNotFound
	}
	u, t, err := a.st.TokenUser(ctx, secret.Hash(tok), a.o.Now())
	if errors.Is(err, store.ErrTokenExpired) || errors.Is(err, store.ErrTokenRevoked) {
		return store.User{}, &TokenError{Token: t, Err: err}
	}
	return u, err
}

// LinkExpiry is when the links for a quarter stop working: quarterly
// reports are due by the 10th-20th of the month after the quarter, so a
// link works to the end of the 20th of that month (in loc, the
// department's time zone) and no longer.
func LinkExpiry(q plan.Quarter, loc *time.Location) time.Time {
	next := q.Next().First()
	return time.Date(next.Year(), time.Month(next.Num()), 21, 0, 0, 0, 0, loc)
}

// Issued is a link just issued: the only time its token is known.
type Issued struct {
	store.Link
	Token string
}

// MaxLinkLife is how long past its quarter's expiry (LinkExpiry), or
// past its issue for a quarter whose expiry has passed, a link may be
// made to work: a link is as good as a password while it works, and a
// mistyped year would keep it working for decades.
const MaxLinkLife = 366 * 24 * time.Hour

// ExpiryError is an expiry asked for the links that cannot be: already
// past, or beyond MaxLinkLife. Its text is for the person who chose the
// date.
type ExpiryError struct {
	Expires, Latest time.Time // Latest: zero when the expiry is past
}

func (e *ExpiryError) Error() string {
	if e.Latest.IsZero() {
		return fmt.Sprintf("срок действия ссылок (%s) уже прошел", e.Expires.Format("02.01.2006 15:04"))
	}
	return fmt.Sprintf("срок действия ссылок (%s) слишком далек: ссылки за квартал могут действовать не дольше чем по %s",
		e.Expires.Format("02.01.2006"), e.Latest.Add(-time.Second).Format("02.01.2006"))
}

// IssueLinks issues a link to each organisation for a plan and quarter,
// expiring at expires (zero: LinkExpiry in loc, the department's time
// zone; nil loc: the server's). With replace, the links still live for
// the same organisations are revoked: a reissue. An expiry already past
// or too far is an *ExpiryError.
func (a *Service) IssueLinks(ctx context.Context, planHash string, q plan.Quarter, orgs []string, by int64, expires time.Time, replace bool, loc *time.Location) ([]Issued, error) {
	now := a.o.Now()
	if loc == nil {
		loc = time.Local
	}
	if expires.IsZero() {
		expires = LinkExpiry(q, loc)
	}
	if !expires.After(now) {
		return nil, &ExpiryError{Expires: expires}
	}
	if latest := LatestExpiry(q, loc, now); expires.After(latest) {
		return nil, &ExpiryError{Expires: expires, Latest: latest}
	}
	out := make([]Issued, len(orgs))
	news := make([]store.NewLink, len(orgs))
	for i, org := range orgs {
		tok, hash, err := secret.NewToken()
		if err != nil {
			return nil, err
		}
		news[i] = store.NewLink{Hash: hash, Org: org, PlanHash: planHash, Quarter: q.String(), Created: now, CreatedBy: by, Expires: expires}
		out[i] = Issued{Token: tok, Link: store.Link{Org: org, PlanHash: planHash, Quarter: q.String(), Created: now, CreatedBy: by, Expires: expires}}
	}
	ids, err := a.st.AddLinks(ctx, news, replace)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].ID = ids[i]
	}
	return out, nil
}

// LatestExpiry is the latest expiry a link for quarter q issued at now
// may have: MaxLinkLife after the quarter's expiry, or after now for a
// quarter whose expiry has passed.
func LatestExpiry(q plan.Quarter, loc *time.Location, now time.Time) time.Time {
	from := LinkExpiry(q, loc)
	if now.After(from) {
		from = now
	}
	return from.Add(MaxLinkLife)
}

// OpenLink returns the link of a token while it is live: ErrNoLink for
// a token that was never issued, ErrRevoked and ErrExpired for the
// others (the link is returned with them, for the log).
func (a *Service) OpenLink(ctx context.Context, tok string) (store.Link, error) {
	if !secret.LooksLikeToken(tok) {
		return store.Link{}, ErrNoLink
	}
	l, err := a.st.LinkByHash(ctx, secret.Hash(tok))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return store.Link{}, ErrNoLink
	case err != nil:
		return store.Link{}, err
	case !l.Revoked.IsZero():
		return l, ErrRevoked
	case !a.o.Now().Before(l.Expires):
		return l, ErrExpired
	}
	return l, nil
}

// OpenLinkCached is OpenLink for a request whose effect is checked
// again where it is stored: a school's save (store.SaveEdit refuses, in
// its own transaction, a link revoked or expired since). It answers
// from memory a token it has found live before, so that a school saving
// row after row costs no lookup of its link; a revocation still stops
// the next save at once, by the store's check, though this may say the
// link is live.
func (a *Service) OpenLinkCached(ctx context.Context, tok string) (store.Link, error) {
	if !secret.LooksLikeToken(tok) {
		return store.Link{}, ErrNoLink
	}
	hash := secret.Hash(tok)
	a.links.mu.Lock()
	l, ok := a.links.m[hash]
	a.links.mu.Unlock()
	if ok && a.o.Now().Before(l.Expires) {
		return l, nil
	}
	l, err := a.OpenLink(ctx, tok)
	if err == nil {
		a.links.mu.Lock()
		if a.links.m == nil || len(a.links.m) >= maxCachedLinks {
			a.links.m = map[string]store.Link{}
		}
		a.links.m[hash] = l
		a.links.mu.Unlock()
	}
	return l, err
}

// Users lists the users.
func (a *Service) Users(ctx context.Context) ([]store.User, error) { return a.st.Users(ctx) }

// Municipalities names the store's municipalities by id ("" for a single
// department's, never named).
func (a *Service) Municipalities(ctx context.Context) (map[int64]string, error) {
	return a.st.MunicipalityNames(ctx)
}

// Tokens lists the machine tokens, revoked and expired ones included.
func (a *Service) Tokens(ctx context.Context) ([]store.Token, error) { return a.st.Tokens(ctx) }

// RevokeToken revokes a machine token by its number.
func (a *Service) RevokeToken(ctx context.Context, id int64) error {
	if err := a.st.RevokeToken(ctx, id, a.o.Now()); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return notFound(fmt.Sprintf("токен %d не найден или уже отозван (список: roadmap users tokens)", id))
		}
		return fmt.Errorf("токен %d: %w", id, err)
	}
	return nil
}

// SetDisabled disables a user (its sessions and tokens stop working at
// once) or enables it again.
func (a *Service) SetDisabled(ctx context.Context, login string, disabled bool) error {
	u, _, err := a.st.UserByLogin(ctx, login)
	if err != nil {
		return userError(login, err)
	}
	return a.st.SetUserDisabled(ctx, u.ID, disabled)
}

// userError says which user a look-up failed for: "пользователь petrov
// не найден" for one that does not exist (still store.ErrNotFound to
// errors.Is), the store's error after the login otherwise.
func userError(login string, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound("пользователь " + login + " не найден")
	}
	return fmt.Errorf("пользователь %s: %w", login, err)
}

// notFound is store.ErrNotFound (to errors.Is) said in a sentence of
// its own: "пользователь petrov не найден", not "...: не найдено".
type notFound string

func (e notFound) Error() string { return string(e) }
func (e notFound) Unwrap() error { return store.ErrNotFound }
