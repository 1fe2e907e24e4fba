// Package pgtest gives tests a fresh PostgreSQL database each, so that the
// store's tests, collection's and the server's run on both engines.
//
// The server is the one ROADMAP_TEST_POSTGRES names (an administrator's
// URL, postgres://postgres@127.0.0.1:5432/postgres, as .ci/run exports
// it), or else a throwaway cluster this package starts once per test
// binary: initdb and postgres in a temporary folder, as the current user
// or, under root (PostgreSQL refuses to run as root), as the postgres
// user, on a free port of 127.0.0.1, without fsync. When neither works
// the tests that need it skip, and fail when CI is set (internal/tooltest's
// rule).
//
// Each database is a copy of a template made once per test binary by the
// package's prepare function (the store's migrations: see Main), which
// costs a file copy instead of a migration per test; it is dropped when
// its test ends. A package using the throwaway cluster calls Main from
// its TestMain so that the cluster stops and its folder is removed.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
)

// EnvVar names the server to use instead of a throwaway cluster.
const EnvVar = "ROADMAP_TEST_POSTGRES"

var (
	mu       sync.Mutex
	srv      *server
	srvErr   error
	prepare  func(url string) error
	template string // the prepared template's name, once made
	seq      atomic.Int64
)

// server is where the tests' databases are made.
type server struct {
	admin *url.URL // an administrator's URL (database postgres)
	db    *sql.DB  // connected to it
	// the throwaway cluster (nil cmd: a server from EnvVar)
	cmd  *exec.Cmd
	dir  string
	done chan struct{}
}

// Main runs the package's tests (m.Run) with prepare making the template
// every database is copied from (nil: empty databases), then stops the
// throwaway cluster if one was started; it returns m.Run's exit code:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, migrate)) }
func Main(m *testing.M, prep func(url string) error) int {
	prepare = prep
	code := m.Run()
	Stop()
	return code
}

// Stop stops the throwaway cluster and removes its folder (nothing for a
// server from EnvVar, whose databases each test dropped).
func Stop() {
	mu.Lock()
	defer mu.Unlock()
	if srv == nil {
		return
	}
	if template != "" {
		srv.db.Exec(`DROP DATABASE IF EXISTS ` + template + ` WITH (FORCE)`)
		template = ""
	}
	srv.db.Close()
	if srv.cmd != nil {
		srv.cmd.Process.Signal(syscall.SIGINT) // fast shutdown
		select {
		case <-srv.done:
		case <-time.After(30 * time.Second):
			srv.cmd.Process.Kill()
			<-srv.done
		}
		os.RemoveAll(srv.dir)
	}
	srv = nil
}

// New returns the URL of a new database for t, a copy of the template
// (see Main), dropped when t ends. It skips t (fails it under CI) when
// there is no PostgreSQL to run it on.
func New(t testing.TB) string {
	t.Helper()
	return newDB(t, true)
}

// NewEmpty is New without the template: an empty database, for tests of
// what a store does on a database it finds empty.
func NewEmpty(t testing.TB) string {
	t.Helper()
	return newDB(t, false)
}

func newDB(t testing.TB, fromTemplate bool) string {
	t.Helper()
	s, err := get()
	if err != nil {
		if os.Getenv("CI") != "" || os.Getenv(EnvVar) != "" {
			t.Fatalf("PostgreSQL: %v", err)
		}
		t.Skipf("PostgreSQL: %v (skipped; it fails when CI is set)", err)
	}
	tmpl := ""
	if fromTemplate {
		if tmpl, err = s.template(); err != nil {
			t.Fatalf("PostgreSQL: template database: %v", err)
		}
	}
	name := fmt.Sprintf("roadmap_test_%d_%d", os.Getpid(), seq.Add(1))
	// FILE_COPY copies the template's files: a third of the time of the
	// default, which writes them through the WAL.
	q := `CREATE DATABASE ` + name + ` STRATEGY FILE_COPY`
	if tmpl != "" {
		q += ` TEMPLATE ` + tmpl
	}
	if _, err := s.db.Exec(q); err != nil {
		t.Fatalf("PostgreSQL: %s: %v", q, err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if srv == s {
			s.db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		}
	})
	return s.url(name)
}

// url is the URL of database name on the server.
func (s *server) url(name string) string {
	u := *s.admin
	u.Path = "/" + name
	return u.String()
}

// template makes the template database once (under mu).
func (s *server) template() (string, error) {
	mu.Lock()
	defer mu.Unlock()
	if template != "" || prepare == nil {
		return template, nil
	}
	name := fmt.Sprintf("roadmap_template_%d", os.Getpid())
	if _, err := s.db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
		return "", err
	}
	if _, err := s.db.Exec(`CREATE DATABASE ` + name); err != nil {
		return "", err
	}
	if err := prepare(s.url(name)); err != nil {
		return "", err
	}
	// Nobody may stay connected to a template while it is copied.
	if _, err := s.db.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, name); err != nil {
		return "", err
	}
	template = name
	return name, nil
}

// URL is the administrator's URL of the test server (database postgres),
// for tests that make databases of their own; like New, it skips or fails
// t when there is none.
func URL(t testing.TB) string {
	t.Helper()
	s, err := get()
	if err != nil {
		if os.Getenv("CI") != "" || os.Getenv(EnvVar) != "" {
			t.Fatalf("PostgreSQL: %v", err)
		}
		t.Skipf("PostgreSQL: %v (skipped; it fails when CI is set)", err)
	}
	return s.admin.String()
}

// get connects to the server, starting the throwaway cluster the first
// time it is needed.
func get() (*server, error) {
	mu.Lock()
	defer mu.Unlock()
	if srv != nil || srvErr != nil {
		return srv, srvErr
	}
	if env := os.Getenv(EnvVar); env != "" {
		srv, srvErr = connect(env)
	} else {
		srv, srvErr = start()
	}
	return srv, srvErr
}

// connect opens the administrator's connection and checks it.
func connect(admin string) (*server, error) {
	u, err := url.Parse(admin)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, fmt.Errorf("%s: ожидается адрес postgres://пользователь@сервер:порт/postgres", EnvVar)
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		err = db.PingContext(ctx)
		if err == nil || ctx.Err() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %v", u.Redacted(), err)
	}
	return &server{admin: u, db: db}, nil
}

// binDir finds PostgreSQL's programs: on PATH, else the newest of
// Debian's /usr/lib/postgresql/*/bin.
func binDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", errors.New("не найден initdb (пакет postgresql) и не задан " + EnvVar)
}

// start runs a throwaway cluster.
func start() (*server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "roadmap-pgtest")
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*server, error) {
		os.RemoveAll(dir)
		return nil, err
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fail(errors.New("запуск от root, а пользователя postgres, от имени которого можно запустить сервер, нет"))
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return fail(err)
		}
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	command := func(name string, args ...string) *exec.Cmd {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
		// The server dies with the test binary, whatever ends it.
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL, Setpgid: true}
		return cmd
	}
	data := filepath.Join(dir, "data")
	if out, err := command("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions").CombinedOutput(); err != nil {
		return fail(fmt.Errorf("initdb: %v\n%s", err, out))
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fail(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	logf, err := os.Create(filepath.Join(dir, "log"))
	if err != nil {
		return fail(err)
	}
	defer logf.Close()
	cmd := command("postgres", "-D", data, "-p", strconv.Itoa(port), "-k", dir, "-c", "listen_addresses=127.0.0.1",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300",
		"-c", "shared_buffers=64MB", "-c", "max_locks_per_transaction=256")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return fail(err)
	}
	s := &server{cmd: cmd, dir: dir, done: make(chan struct{})}
	go func() { cmd.Wait(); close(s.done) }()
	c, err := connect(fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port))
	if err != nil {
		cmd.Process.Kill()
		<-s.done
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return fail(fmt.Errorf("%v\n%s", err, strings.TrimSpace(string(log))))
	}
	s.admin, s.db = c.admin, c.db
	return s, nil
}

// Engine is where a test's stores live.
type Engine struct {
	Name string // "sqlite" or "postgres"
	// New returns where a new store is (--db): a file to be made in t's
	// temporary folder, or a new database of the test server (a copy of
	// the template).
	New func(t testing.TB) string
	// Empty is New without the template.
	Empty func(t testing.TB) string
}

// Engines are the store's two engines, SQLite first.
var Engines = []Engine{
	{Name: "sqlite", New: tempFile, Empty: tempFile},
	{Name: "postgres", New: New, Empty: NewEmpty},
}

func tempFile(t testing.TB) string { return filepath.Join(t.TempDir(), "roadmap.db") }

// EnginesVar limits Run to the engines it names ("sqlite", "postgres",
// comma-separated), for a quick run on one; unset, Run takes both.
const EnginesVar = "ROADMAP_TEST_ENGINES"

// Run runs fn as a subtest on each engine ("sqlite", "postgres").
func Run(t *testing.T, fn func(t *testing.T, e Engine)) {
	t.Helper()
	only := os.Getenv(EnginesVar)
	for _, e := range Engines {
		if only != "" && !strings.Contains(","+only+",", ","+e.Name+",") {
			continue
		}
		t.Run(e.Name, func(t *testing.T) { fn(t, e) })
	}
}
