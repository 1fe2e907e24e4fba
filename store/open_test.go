package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// The store is created exactly at the path given, whatever its characters:
// nothing else appears in the folder or in the working directory.
func TestOpenPathsWithURICharacters(t *testing.T) {
	names := []string{
		"отчет #2.db", "a?mode=ro.db", "100%.db", "%41%42.db", "with space.db", "база данных.db",
		"a&b=c.db", "x;y,z+w.db", "a#b?c%d е.db", "?.db", "#", "%", "file:x.db", "'quote\".db", "tab\tname.db",
		"..db", "name.db?_pragma=journal_mode(DELETE)",
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			sub := filepath.Join(dir, "папка #1 ?%")
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			wd, _ := os.Getwd()
			cwd := t.TempDir()
			os.Chdir(cwd)
			defer os.Chdir(wd)
			for _, path := range []string{filepath.Join(sub, name), name} {
				st, err := Open(path)
				if err != nil {
					t.Fatalf("Open(%q): %v", path, err)
				}
				p := testPlan("План", 1)
				if err := st.SavePlan(p); err != nil {
					t.Fatal(err)
				}
				st.Close()
				fi, err := os.Stat(path)
				if err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
					t.Fatalf("%q: the database is not there: %v", path, err)
				}
				// Reopened, the plan is found: it is the same file.
				st, err = Open(path)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := st.Plan(p.Hash()); err != nil {
					t.Fatalf("%q reopened: %v", path, err)
				}
				st.Close()
			}
			for _, d := range []string{sub, cwd} {
				ents, _ := os.ReadDir(d)
				for _, e := range ents {
					n := e.Name()
					if n != name && n != name+"-wal" && n != name+"-shm" {
						t.Errorf("stray file %q in %s", n, d)
					}
				}
			}
		})
	}
}

func TestFileURI(t *testing.T) {
	u, err := fileURI("/tmp/отчет #2/a?b%c d.db")
	if err != nil {
		t.Fatal(err)
	}
	want := "file:///tmp/%D0%BE%D1%82%D1%87%D0%B5%D1%82%20%232/a%3Fb%25c%20d.db"
	if u != want {
		t.Fatalf("fileURI = %s\nwant      %s", u, want)
	}
	if _, err := fileURI(""); err == nil {
		t.Fatal("empty path accepted")
	}
}

const createEnv = "ROADMAP_STORE_CREATE"

// Two processes creating one store at once both succeed, 20 times over:
// the migrations run in one transaction that holds the write lock (on
// PostgreSQL an advisory lock: two servers starting at once).
func TestConcurrentCreate(t *testing.T) { pgtest.Run(t, testConcurrentCreate) }

func testConcurrentCreate(t *testing.T, e pgtest.Engine) {
	if path := os.Getenv(createEnv); path != "" {
		st, err := Open(path)
		if err != nil {
			fmt.Print(err)
			os.Exit(3)
		}
		if err := st.SavePlan(testPlan("План", 3)); err != nil {
			fmt.Print(err)
			os.Exit(4)
		}
		st.Close()
		os.Exit(0)
	}
	pairs := 20
	if e.Name == "postgres" {
		pairs = 8 // each a new database
	}
	if testing.Short() {
		pairs = 5
	}
	for i := range pairs {
		path := e.Empty(t)
		var wg sync.WaitGroup
		errs := make([]string, 2)
		for k := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentCreate$")
				cmd.Env = append(os.Environ(), createEnv+"="+path)
				if out, err := cmd.CombinedOutput(); err != nil {
					errs[k] = fmt.Sprintf("%v: %s", err, out)
				}
			}()
		}
		wg.Wait()
		for k, e := range errs {
			if e != "" {
				t.Errorf("pair %d, process %d: %s", i, k, e)
			}
		}
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := st.Version(); v != SchemaVersion {
			t.Errorf("pair %d: version %d", i, v)
		}
		st.Close()
	}
}

// The same within one process: separate connections to one new store.
func TestConcurrentCreateConnections(t *testing.T) { pgtest.Run(t, testConcurrentCreateConnections) }

func testConcurrentCreateConnections(t *testing.T, e pgtest.Engine) {
	n := 20
	if e.Name == "postgres" {
		n = 8
	}
	for i := range n {
		path := e.Empty(t)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for k := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st, err := Open(path)
				if err != nil {
					errs[k] = err
					return
				}
				errs[k] = st.SavePlan(testPlan("План", 2))
				st.Close()
			}()
		}
		wg.Wait()
		for k, err := range errs {
			if err != nil {
				t.Errorf("file %d, opener %d: %v", i, k, err)
			}
		}
	}
}

// A failed migration changes nothing: the version stays and no table of
// the failed step is left.
func TestFailedMigrationRollsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	saved := migrations
	defer func() { migrations = saved }()
	migrations = append(append([]string(nil), saved...), `CREATE TABLE extra(x INTEGER); THIS IS NOT SQL`)
	err = migrate(context.Background(), st.db, sqliteDialect, len(migrations))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("до версии %d", len(migrations))) {
		t.Fatalf("migrate: %v", err)
	}
	if v, _ := st.Version(); v != len(saved) {
		t.Fatalf("version %d after a failed migration, want %d", v, len(saved))
	}
	var n int
	st.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'extra'`).Scan(&n)
	if n != 0 {
		t.Fatal("table of the failed migration left behind")
	}
}

// Every migration has its placeholders filled for both engines.
func TestDialectsFillEveryPlaceholder(t *testing.T) {
	for _, d := range []dialect{sqliteDialect, postgresDialect} {
		for i := range migrations {
			if s := d.migrationSQL(i); strings.Contains(s, "{{") {
				t.Errorf("%s, migration %d: unfilled placeholder in %s", d.name, i+1, s)
			}
		}
	}
	if got := sqliteDialect.migrationSQL(0); !strings.Contains(got, "id            INTEGER PRIMARY KEY,") || !strings.Contains(got, "json   BLOB NOT NULL") {
		t.Errorf("SQLite migration 1 changed:\n%s", got)
	}
	_ = plan.SchemaVersion
}

// The pool's limits and the timeouts of a PostgreSQL store come from its
// URL, with defaults: each timeout set on every connection as it starts,
// and a statement over statement_timeout cancelled.
func TestPostgresPoolAndTimeouts(t *testing.T) {
	base := pgtest.Engines[1].New(t)
	with := func(params string) string {
		if strings.Contains(base, "?") {
			return base + "&" + params
		}
		return base + "?" + params
	}
	show := func(st *Store, name string) string {
		t.Helper()
		var v string
		if err := st.DB().QueryRow(`SHOW ` + name).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	def := openAt(t, base)
	if got := def.DB().Stats().MaxOpenConnections; got != pgMaxConns {
		t.Errorf("default pool: %d connections, want %d", got, pgMaxConns)
	}
	for name, want := range map[string]string{"statement_timeout": "1min", "lock_timeout": "30s", "idle_in_transaction_session_timeout": "5min", "application_name": "roadmap"} {
		if got := show(def, name); got != want {
			t.Errorf("default %s = %s, want %s", name, got, want)
		}
	}
	st := openAt(t, with("pool_max_conns=3&pool_max_idle_conns=2&pool_max_conn_lifetime=1h&statement_timeout=200ms"))
	if got := st.DB().Stats().MaxOpenConnections; got != 3 {
		t.Errorf("pool_max_conns=3: %d connections", got)
	}
	// Every connection of the pool has the timeout, not only the first.
	ctx := context.Background()
	var conns []*sql.Conn
	for range 3 {
		c, err := st.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var v string
		if err := c.QueryRowContext(ctx, `SHOW statement_timeout`).Scan(&v); err != nil || v != "200ms" {
			t.Errorf("connection %d: statement_timeout %q, %v", i, v, err)
		}
		c.Close()
	}
	if _, err := st.DB().Exec(`SELECT pg_sleep(2)`); pgCode(err) != "57014" {
		t.Errorf("a statement over the timeout: %v, want it cancelled (57014)", err)
	}
	for _, c := range []struct{ params, want string }{
		{"pool_max_conns=0", `pool_max_conns="0": ожидается число от 1 до 1000`},
		{"pool_max_idle_conns=много", `pool_max_idle_conns="много": ожидается число`},
		{"pool_max_conn_lifetime=час", `pool_max_conn_lifetime="час": ожидается длительность`},
	} {
		if _, err := Open(with(c.params)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.params, err, c.want)
		}
	}
}
