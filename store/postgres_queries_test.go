package store

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Every query the store's runner prepares, as rebound for PostgreSQL, is
// accepted by a real PostgreSQL server (parsed, planned and its
// parameters typed by PREPARE) against the schema of the migrations: the
// queries are written once for both engines, and this is what says they
// are. The queries are those the store tests run on SQLite.
func TestPostgresAcceptsQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	testHookPrepare = func(q string) {
		mu.Lock()
		seen[q] = true
		mu.Unlock()
	}
	for _, run := range []func(*testing.T){TestUsersAndSessions, TestLoginFailures, TestTokens, TestLinks, TestDirectory,
		TestEditsAndHistory, TestConcurrentRetries, TestImports, TestProgressCache, TestSavePlanIdempotent} {
		run(t)
	}
	testHookPrepare = nil
	var queries []string
	for q := range seen {
		if !strings.HasPrefix(q, "SAVEPOINT") && !strings.HasPrefix(q, "RELEASE") && !strings.HasPrefix(q, "ROLLBACK") {
			queries = append(queries, q)
		}
	}
	sort.Strings(queries)
	if len(queries) < 40 {
		t.Fatalf("only %d queries recorded", len(queries))
	}

	psql, sock, port := startPSQL(t)
	d := postgresDialect
	script := migrationScript()
	script.WriteString("COMMIT;\n")
	for i, q := range queries {
		fmt.Fprintf(script, "\\echo query %d\nPREPARE q%d AS %s;\n", i, i, d.rebind(q))
	}
	script.WriteString("SELECT 'all prepared';\n")
	out, err := runPSQL(t, psql, sock, port, script.String())
	if err != nil || !strings.Contains(string(out), "all prepared") {
		last := ""
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "query ") {
				last = l
			}
		}
		n, _ := strconv.Atoi(strings.TrimPrefix(last, "query "))
		t.Fatalf("PostgreSQL refuses %s:\n%s\n\n%v\n%s", last, d.rebind(queries[n]), err, out)
	}
	t.Logf("%d queries accepted", len(queries))
}
