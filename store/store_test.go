package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// testPlan builds a small plan with n items.
func testPlan(title string, n int) *plan.Plan {
	p := &plan.Plan{SchemaVersion: plan.SchemaVersion, Title: title,
		Period:        plan.Period{From: plan.MonthOf(2021, 1), To: plan.MonthOf(2022, 12)},
		Organizations: []plan.Organization{{Name: "МБОУ Школа № 1"}, {Name: "ОО", Short: "ОО", Group: true}}}
	for i := 1; i <= n; i++ {
		num := fmt.Sprintf("1.%d", i)
		p.Items = append(p.Items, plan.Item{ID: fmt.Sprintf("i%d", i), Number: &num, Level: 1,
			Activity: plan.Text{Text: fmt.Sprintf("Мероприятие %d", i)}})
	}
	return p
}

// openTemp opens a new store on the engine.
func openTemp(t *testing.T, e pgtest.Engine) *Store {
	t.Helper()
	st, err := Open(e.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func sub(p *plan.Plan, sha, org, quarter string, saved time.Time, status plan.Status, items ...string) NewSubmission {
	s := NewSubmission{Path: sha + ".xlsx", SHA256: sha, Org: org, PlanHash: p.Hash(), Quarter: quarter,
		Kind: KindChecklist, Saved: saved, Received: saved.Add(time.Hour), Generated: saved.Add(-time.Hour)}
	if org == TrackerOrg {
		s.Kind = KindTracker
	}
	for i, id := range items {
		s.Answers = append(s.Answers, Answer{Answer: plan.Answer{ItemID: id, Org: org, Status: status,
			Evidence: "приказ № " + sha}, Row: i + 3})
	}
	return s
}

func TestSavePlanIdempotent(t *testing.T) { pgtest.Run(t, testSavePlanIdempotent) }

func testSavePlanIdempotent(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	p := testPlan("План мероприятий на 2021-2022 годы", 3)
	for range 2 {
		if err := st.SavePlan(p); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.Plan(p.Hash())
	if err != nil {
		t.Fatal(err)
	}
	if got.Hash() != p.Hash() || len(got.Items) != 3 {
		t.Fatalf("plan round trip: hash %s items %d", got.Hash(), len(got.Items))
	}
	p2 := testPlan(p.Title, 4)
	if err := st.SavePlan(p2); err != nil {
		t.Fatal(err)
	}
	vs, err := st.PlansByTitle(p.Title)
	if err != nil || len(vs) != 2 {
		t.Fatalf("PlansByTitle = %v, %v; want 2 versions", vs, err)
	}
	if _, err := st.Plan("nope"); err == nil || !strings.Contains(err.Error(), "не найден") {
		t.Fatalf("missing plan error = %v", err)
	}
}

func TestMigrateFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	// A database as the first release wrote it.
	if _, err := db.Exec(sqliteDialect.migrationSQL(0) + `; PRAGMA user_version = 1;
		INSERT INTO plans VALUES('h1', 'План', '', '{}', '2022-01-01T00:00:00.000000000Z');
		INSERT INTO organizations(name) VALUES('МБОУ Школа № 1');
		INSERT INTO submissions(path, sha256, received, org, plan_hash, quarter, kind, generated)
			VALUES('a.xlsx', 'abc', '2022-04-02T00:00:00.000000000Z', 'МБОУ Школа № 1', 'h1', '2022Q1', 'checklist', '');
		INSERT INTO answers VALUES(1, 'i1', 'МБОУ Школа № 1', 'done', '', '', 'справка', '')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, _ := st.Version(); v != SchemaVersion {
		t.Fatalf("version after open = %d, want %d", v, SchemaVersion)
	}
	subs, err := st.Submissions("")
	if err != nil || len(subs) != 1 {
		t.Fatalf("submissions = %v, %v", subs, err)
	}
	if subs[0].Saved != subs[0].Received || subs[0].Answers != 1 {
		t.Errorf("migrated submission: saved %v received %v answers %d", subs[0].Saved, subs[0].Received, subs[0].Answers)
	}
	var row int
	if err := st.DB().QueryRow(`SELECT row FROM answers`).Scan(&row); err != nil || row != 0 {
		t.Errorf("answers.row after migration = %d, %v", row, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, _ := sql.Open("sqlite", "file:"+path)
	db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion+1))
	db.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "более новой версией") {
		t.Fatalf("Open of newer schema: %v", err)
	}
}

// A SQLite database of another program given as --db is refused, and
// left byte for byte as it was: every command (status, a read-only one,
// too) added the store's tables to it and switched it to WAL.
func TestForeignSQLiteRefused(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, ddl, want string }{
		{"journal.db", `CREATE TABLE pupils(name TEXT); INSERT INTO pupils VALUES('Иванов')`, "в ней таблицы «pupils»"},
		{"many.db", `CREATE TABLE a(x); CREATE TABLE b(x); CREATE VIEW c AS SELECT 1; CREATE TABLE d(x); CREATE TABLE e(x)`, "в ней таблицы «a», «b», «c», …"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			db, _ := sql.Open("sqlite", "file:"+path)
			if _, err := db.Exec(tc.ddl); err != nil {
				t.Fatal(err)
			}
			db.Close()
			before, _ := os.ReadFile(path)
			st, err := Open(path)
			if err == nil {
				st.Close()
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "не база отметок roadmap") {
				t.Errorf("Open: %v, want a refusal naming %s", err, tc.want)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the file was changed")
			}
			for _, side := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + side); err == nil {
					t.Errorf("%s left beside it", side)
				}
			}
		})
	}
	// An empty SQLite file (made by sqlite3 or another tool) and a store
	// still open as before.
	empty := filepath.Join(dir, "empty.db")
	db, _ := sql.Open("sqlite", "file:"+empty)
	db.Exec(`VACUUM`)
	db.Close()
	for _, path := range []string{empty, filepath.Join(dir, "new.db")} {
		st, err := Open(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		st.Close()
		if st, err = Open(path); err != nil {
			t.Fatalf("%s again: %v", path, err)
		}
		st.Close()
	}
}

func TestHistoryAndSupersede(t *testing.T) { pgtest.Run(t, testHistoryAndSupersede) }

func testHistoryAndSupersede(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	p := testPlan("План", 3)
	st.SavePlan(p)
	ctx := context.Background()
	t0 := time.Date(2022, 3, 20, 10, 0, 0, 0, time.UTC)
	const school, other = "МБОУ Школа № 1", "МБОУ Школа № 2"

	// Q1: school 1 reports in progress; school 2 done.
	res, err := st.Add(ctx, []NewSubmission{
		sub(p, "q1a", school, "2022Q1", t0, plan.StatusInProgress, "i1", "i2"),
		sub(p, "q1b", other, "2022Q1", t0, plan.StatusDone, "i1"),
	})
	if err != nil || res[0].ID == 0 || res[1].ID == 0 {
		t.Fatalf("Add Q1: %v %v", res, err)
	}
	// The same file again changes nothing.
	res, err = st.Add(ctx, []NewSubmission{sub(p, "q1a", school, "2022Q1", t0, plan.StatusInProgress, "i1")})
	if err != nil || res[0].DuplicateOf != "q1a.xlsx" {
		t.Fatalf("duplicate: %+v %v", res, err)
	}
	// Q2: a school sends twice; an older-saved file arriving later does
	// not win.
	res, err = st.Add(ctx, []NewSubmission{
		sub(p, "q2new", school, "2022Q2", t0.AddDate(0, 3, 2), plan.StatusDone, "i1"),
		sub(p, "q2old", school, "2022Q2", t0.AddDate(0, 3, 1), plan.StatusNotDone, "i1"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res[0].Supersedes) != 0 || res[1].SupersededBy == nil || res[1].SupersededBy.Path != "q2new.xlsx" {
		t.Fatalf("supersede: %+v / %+v", res[0], res[1])
	}
	// A newer file in a later run supersedes the stored one.
	res, err = st.Add(ctx, []NewSubmission{sub(p, "q2newest", school, "2022Q2", t0.AddDate(0, 3, 5), plan.StatusPostponed, "i1")})
	if err != nil || len(res[0].Supersedes) != 1 || res[0].Supersedes[0].Path != "q2new.xlsx" {
		t.Fatalf("later supersede: %+v %v", res, err)
	}

	tests := []struct {
		quarter string
		item    string
		want    string // org:status, ...
	}{
		{"2022Q1", "i1", "МБОУ Школа № 1:in_progress МБОУ Школа № 2:done"},
		{"2022Q1", "i2", "МБОУ Школа № 1:in_progress"},
		{"2022Q2", "i1", "МБОУ Школа № 1:postponed МБОУ Школа № 2:done"},
		{"2022Q2", "i2", "МБОУ Школа № 1:in_progress"},
		{"", "i1", "МБОУ Школа № 1:postponed МБОУ Школа № 2:done"},
		{"2021Q4", "i1", ""},
	}
	for _, tc := range tests {
		prog, err := st.Latest(p, tc.quarter)
		if err != nil {
			t.Fatal(err)
		}
		if got := describe(prog.Answers[tc.item]); got != tc.want {
			t.Errorf("Latest(%q)[%s] = %q, want %q", tc.quarter, tc.item, got, tc.want)
		}
	}
	subs, _ := st.Submissions(p.Hash())
	if len(subs) != 5 {
		t.Fatalf("history keeps %d submissions, want 5", len(subs))
	}
}

func TestPreferTracker(t *testing.T) { pgtest.Run(t, testPreferTracker) }

func testPreferTracker(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	p := testPlan("План", 3)
	st.SavePlan(p)
	t0 := time.Date(2022, 3, 20, 10, 0, 0, 0, time.UTC)
	_, err := st.Add(context.Background(), []NewSubmission{
		sub(p, "s", "МБОУ Школа № 1", "2022Q1", t0, plan.StatusInProgress, "i1"),
		sub(p, "t", TrackerOrg, "2022Q1", t0, plan.StatusDone, "i1", "i2"),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		prefer bool
		item   string
		want   string
	}{
		{false, "i1", "МБОУ Школа № 1:in_progress"},
		{false, "i2", "Департамент:done"},
		{true, "i1", "Департамент:done"},
		{true, "i2", "Департамент:done"},
	} {
		prog, err := st.Progress(p, Query{Quarter: "2022Q1", PreferTracker: tc.prefer})
		if err != nil {
			t.Fatal(err)
		}
		if got := describe(prog.Answers[tc.item]); got != tc.want {
			t.Errorf("prefer=%v %s = %q, want %q", tc.prefer, tc.item, got, tc.want)
		}
	}
}

// TestPreferStored checks that a tracker collected with Prefer overrides
// the schools for every reader, without asking at read time.
func TestPreferStored(t *testing.T) { pgtest.Run(t, testPreferStored) }

func testPreferStored(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	p := testPlan("План", 3)
	st.SavePlan(p)
	t0 := time.Date(2022, 3, 20, 10, 0, 0, 0, time.UTC)
	tr := sub(p, "t", TrackerOrg, "2022Q1", t0, plan.StatusDone, "i1")
	tr.Prefer = true
	if _, err := st.Add(context.Background(), []NewSubmission{sub(p, "s", "МБОУ Школа № 1", "2022Q1", t0, plan.StatusNotDone, "i1"), tr}); err != nil {
		t.Fatal(err)
	}
	prog, _ := st.Latest(p, "2022Q1")
	if got := describe(prog.Answers["i1"]); got != "Департамент:done" {
		t.Errorf("Latest with a preferred tracker = %q", got)
	}
}

func describe(as []plan.Answer) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, a.Org+":"+string(a.Status))
	}
	return strings.Join(parts, " ")
}

// dump renders the whole database content, to compare before and after.
func dump(t *testing.T, st *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT hash, title FROM plans ORDER BY hash`,
		`SELECT name FROM organizations ORDER BY name`,
		`SELECT id, path, sha256, org, quarter, COALESCE(superseded_by, 0) FROM submissions ORDER BY id`,
		`SELECT submission_id, item_id, org, status, evidence FROM answers ORDER BY submission_id, item_id`,
	} {
		rows, err := st.DB().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			rows.Scan(ptrs...)
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

const crashEnv = "STORE_TEST_CRASH_DB"

// TestCrashMidTransaction kills a process with SIGKILL while it is inside
// the collection transaction, then checks the store is exactly as before.
func TestCrashMidTransaction(t *testing.T) { pgtest.Run(t, testCrashMidTransaction) }

func testCrashMidTransaction(t *testing.T, e pgtest.Engine) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	path := e.New(t)
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p := testPlan("План", 200)
	st.SavePlan(p)
	t0 := time.Date(2022, 3, 20, 10, 0, 0, 0, time.UTC)
	if _, err := st.Add(context.Background(), []NewSubmission{sub(p, "before", "МБОУ Школа № 1", "2022Q1", t0, plan.StatusDone, "i1", "i2")}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, st)
	st.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashMidTransaction$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	mid := false
	for sc.Scan() {
		if sc.Text() == "MID-TRANSACTION" {
			mid = true
			break
		}
	}
	if !mid {
		cmd.Wait()
		t.Fatal("child never reached the middle of the transaction")
	}
	cmd.Process.Kill() // SIGKILL: no deferred rollback, no cleanup
	cmd.Wait()

	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if after := dump(t, st); after != before {
		t.Errorf("store changed by a killed collection:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if ok, err := st.IntegrityCheck(); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
}

func crashChild(path string) {
	st, err := Open(path)
	if err != nil {
		fmt.Println(err)
		os.Exit(3)
	}
	p := testPlan("План", 200)
	ids := make([]string, 200)
	for i := range ids {
		ids[i] = fmt.Sprintf("i%d", i+1)
	}
	paused := false
	testHookAnswers = func(n int) {
		if n >= 150 && !paused { // about half of the 300 answers below
			paused = true
			fmt.Println("MID-TRANSACTION")
			time.Sleep(time.Minute)
		}
	}
	t0 := time.Date(2022, 6, 20, 10, 0, 0, 0, time.UTC)
	st.Add(context.Background(), []NewSubmission{
		sub(p, "c1", "МБОУ Школа № 2", "2022Q2", t0, plan.StatusDone, ids[:100]...),
		sub(p, "c2", "МБОУ Школа № 3", "2022Q2", t0, plan.StatusDone, ids...),
	})
	os.Exit(4)
}

// A single department's store of schema 6 (before the region) opens with
// one municipality, unnamed, that has everything: its plans, its users,
// its uploads and its directory, moved to the directory's own table.
func TestMigrateFromVersion6(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v6.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(context.Background(), db, sqliteDialect, 6); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO plans VALUES('h1', 'План', '', '{}', '2022-01-01T00:00:00.000000000Z');
		INSERT INTO organizations(name, short, email, org_groups, listed, updated) VALUES
			('МБОУ Школа № 1', 'Школа 1', 's1@example.ru', 'ОбОО', 1, '2022-01-02T00:00:00.000000000Z'),
			('МБУ ДО ДДТ', 'ДДТ', '', 'ОДО', 0, '2022-01-03T00:00:00.000000000Z'),
			('ОО', 'ОО', '', '', 0, '');
		INSERT INTO users(login, name, password, created) VALUES('ivanova', 'Иванова', 'h', '');
		INSERT INTO imports(user_id, name, created) VALUES(1, 'a.txt', '');
		INSERT INTO edits(plan_hash, quarter, org, item_id, status, date, evidence, comment, at, idem_key)
			VALUES('h1', '2022Q1', 'МБОУ Школа № 1', 'i1', 'done', '', '', '', '', 'k')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	ms, err := st.Municipalities(ctx)
	if err != nil || len(ms) != 1 || ms[0].Name != "" {
		t.Fatalf("municipalities %+v, %v", ms, err)
	}
	if m, _ := st.PlanMunicipality(ctx, "h1"); m != ms[0].ID {
		t.Fatalf("the plan's municipality %d", m)
	}
	if u, _, _ := st.UserByLogin(ctx, "ivanova"); u.Municipality != ms[0].ID || u.Role != RoleDepartment {
		t.Fatalf("the user %+v", u)
	}
	if ims, _ := st.Imports(ctx, 0); len(ims) != 1 || ims[0].Municipality != ms[0].ID {
		t.Fatalf("imports %+v", ims)
	}
	d, err := st.Directory(ctx)
	if err != nil || len(d) != 1 || d[0].Name != "МБОУ Школа № 1" || d[0].Email != "s1@example.ru" || d[0].Short != "Школа 1" {
		t.Fatalf("directory %+v, %v", d, err)
	}
	var left int
	st.DB().QueryRow(`SELECT COUNT(*) FROM directory WHERE listed = 0`).Scan(&left)
	if left != 1 {
		t.Fatalf("%d organisations that left the directory kept, want 1 (ДДТ)", left)
	}
	var txn int64 = -1
	st.DB().QueryRow(`SELECT txn FROM edits`).Scan(&txn)
	if txn != 0 {
		t.Fatalf("edits.txn = %d", txn)
	}
}
