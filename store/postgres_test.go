package store

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pgBin finds a PostgreSQL server's programs, or skips the test (fails
// it under CI).
func pgBin(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("PostgreSQL (initdb) not found")
	}
	t.Skip("PostgreSQL (initdb) not found")
	return ""
}

// startPostgres runs a throwaway server on a Unix socket in a temporary
// folder and returns the socket folder and port. PostgreSQL refuses to run
// as root, so under root it runs as the postgres user.
func startPostgres(t *testing.T) (sockDir string, port int) {
	t.Helper()
	bin := pgBin(t)
	dir, err := os.MkdirTemp("", "roadmap-pg")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var as []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skip("running as root and there is no postgres user to run PostgreSQL as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		os.Chown(dir, uid, -1)
		as = []string{"runuser", "-u", "postgres", "--"}
	}
	run := func(args ...string) {
		t.Helper()
		args = append(as, args...)
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	data := filepath.Join(dir, "data")
	run(filepath.Join(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync")
	run(filepath.Join(bin, "pg_ctl"), "-D", data, "-w", "-l", filepath.Join(dir, "log"),
		"-o", fmt.Sprintf("-k %s -p %d -c listen_addresses=''", dir, port), "start")
	t.Cleanup(func() {
		args := append(as, filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "stop")
		exec.Command(args[0], args[1:]...).Run()
	})
	return dir, port
}

// The migrations, as the PostgreSQL dialect fills them, run on a real
// server inside the migration transaction's lock, and give the schema the
// store's queries expect. (The Go side of the PostgreSQL store comes with
// its driver; this checks the one list of migrations now.)
func TestPostgresAcceptsMigrations(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	psql, sock, port := startPSQL(t)
	d := postgresDialect
	script := migrationScript()
	fmt.Fprintf(script, "%s;\nCOMMIT;\n%s;\n", d.setVersion(len(migrations)), d.version)
	script.WriteString(`INSERT INTO plans VALUES('h', 'План', '', '\x7b7d', 'now');
INSERT INTO organizations(name) VALUES('МБОУ Школа № 1');
INSERT INTO submissions(path, sha256, received, org, plan_hash, quarter, kind, generated)
	VALUES('a.xlsx', 'abc', 'r', 'МБОУ Школа № 1', 'h', '2022Q1', 'checklist', '') RETURNING id;
INSERT INTO plans VALUES('h2', 'План (в ред. от 01.03.2022)', '', '\x7b7d', 'now');
INSERT INTO amendments VALUES('h2', 'h', '2022Q2', 'now', '\x7b7d');
INSERT INTO carried_items VALUES('h2', '1.1', '1.2');
INSERT INTO secrets(name, value) VALUES('manifest-hmac', '\x0102') ON CONFLICT(name) DO NOTHING;
INSERT INTO secrets(name, value) VALUES('manifest-hmac', '\x0304') ON CONFLICT(name) DO NOTHING;
INSERT INTO issued(plan_hash, kind, org, items, quarter, issued) VALUES('h', 'checklist', 'МБОУ Школа № 1', '["1.1"]', '2022Q1', 'now')
	ON CONFLICT(plan_hash, kind, org) DO UPDATE SET items = excluded.items, quarter = excluded.quarter, issued = excluded.issued;
INSERT INTO issued(plan_hash, kind, org, items, quarter, issued) VALUES('h', 'checklist', 'МБОУ Школа № 1', '["1.1","1.2"]', '2022Q2', 'now')
	ON CONFLICT(plan_hash, kind, org) DO UPDATE SET items = excluded.items, quarter = excluded.quarter, issued = excluded.issued;
UPDATE submissions SET sha256 = sha256 || '~' || CAST(id AS TEXT) WHERE id = 1;
`)
	out, err := runPSQL(t, psql, sock, port, script.String())
	if err != nil {
		t.Fatalf("psql: %v\n%s", err, out)
	}
	if got := strings.Fields(string(out)); len(got) != 2 || got[0] != strconv.Itoa(len(migrations)) || got[1] != "1" {
		t.Fatalf("psql printed %q, want the schema version %d and the new submission's id 1", out, len(migrations))
	}
}

// runPSQL runs a script through psql on the throwaway server, within a
// minute.
func runPSQL(t *testing.T, psql, sock string, port int, script string) ([]byte, error) {
	t.Helper()
	cmd := exec.Command(psql, "-X", "-q", "-A", "-t", "-h", sock, "-p", strconv.Itoa(port), "-U", "postgres", "-d", "postgres")
	cmd.Stdin = strings.NewReader(script)
	cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=10")
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatal("psql hangs")
	}
	return out, err
}

// startPSQL starts a throwaway server and finds psql.
func startPSQL(t *testing.T) (psql, sock string, port int) {
	t.Helper()
	sock, port = startPostgres(t)
	psql = filepath.Join(pgBin(t), "psql")
	if _, err := os.Stat(psql); err != nil {
		if psql, err = exec.LookPath("psql"); err != nil {
			t.Skip("psql not found")
		}
	}
	return psql, sock, port
}

// migrationScript is the start of a psql script: every migration as the
// PostgreSQL dialect fills it, in the migration transaction under its
// lock (left open: the caller commits).
func migrationScript() *strings.Builder {
	d := postgresDialect
	var script strings.Builder
	fmt.Fprintf(&script, "\\set ON_ERROR_STOP 1\nBEGIN;\n%s;\n%s;\n", d.lock, d.prepare)
	for i := range migrations {
		script.WriteString(d.migrationSQL(i) + "\n")
	}
	return &script
}
