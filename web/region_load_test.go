package web_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/cputime"
	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/internal/webtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/web"
)

// The region's load (issue 13): LOAD_SCHOOLS (3,000) schools, each
// saving its LOAD_ROWS (80) rows as fast as the servers answer, through
// one server on SQLite, and through two servers on one PostgreSQL (the
// schools split between them, each server with its own pool), every
// server in this process. The PostgreSQL server is the test server
// (internal/pgtest: ROADMAP_TEST_POSTGRES, or a throwaway cluster).
//
//	go test ./web -run '^$' -bench RegionSaves -benchtime 1x
//
// Besides latency and throughput it reports the CPU time per save of
// this process (servers and client) and, when the PostgreSQL server runs
// on this machine, of PostgreSQL's processes (pg-cpu-ns/save).
func BenchmarkRegionSaves(b *testing.B) {
	schools, rows := envInt("LOAD_SCHOOLS", 3000), envInt("LOAD_ROWS", 80)
	b.Run("sqlite-1-server", func(b *testing.B) {
		e := webtest.StartOn(b, filepath.Join(b.TempDir(), "roadmap.db"), web.Options{})
		regionSaves(b, []*webtest.Env{e}, schools, rows, nil)
	})
	b.Run("postgres-2-servers", func(b *testing.B) {
		db := pgtest.Engines[1].New(b)
		e1 := webtest.StartOn(b, db, web.Options{})
		e2 := webtest.StartOn(b, db, web.Options{})
		regionSaves(b, []*webtest.Env{e1, e2}, schools, rows, postgresCPU(b, e1.Store.DB()))
	})
}

// regionSaves: school s saves through servers[s % len(servers)]; each
// iteration every school saves each of its rows once (a change: the
// status alternates). Afterwards no answer may be lost or duplicated,
// as every server sees it. serverCPU, when not nil, is the CPU time so
// far of the database server's processes.
func regionSaves(b *testing.B, servers []*webtest.Env, schools, rows int, serverCPU func() time.Duration) {
	f := servers[0].NewFixture(b, schools, rows)
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: schools, MaxIdleConnsPerHost: schools}}
	var mu sync.Mutex
	lat := make([]time.Duration, 0, b.N*schools*rows)
	var failed []string
	b.ResetTimer()
	cpu0, t0 := cputime.Now(), time.Now()
	var srv0 time.Duration
	if serverCPU != nil {
		srv0 = serverCPU()
	}
	for i := 0; i < b.N; i++ {
		status := []string{"in_progress", "done"}[i%2]
		var wg sync.WaitGroup
		for s, school := range f.Schools {
			base := servers[s%len(servers)].URL
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := make([]time.Duration, 0, rows)
				var errs []string
				for _, it := range f.Plan.Items {
					form := url.Values{"status": {status}, "key": {fmt.Sprintf("region-%d-%d-%s", i, s, strings.ReplaceAll(it.ID, ".", "_"))}}
					took, err := timedSave(client, base+school.Path+"/items/"+url.PathEscape(it.ID), form)
					mine = append(mine, took)
					if err != nil {
						errs = append(errs, fmt.Sprintf("%s %s: %v", school.Org, it.ID, err))
					}
				}
				mu.Lock()
				lat, failed = append(lat, mine...), append(failed, errs...)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	wall, cpu := time.Since(t0), cputime.Now()-cpu0
	var srv time.Duration
	if serverCPU != nil {
		srv = serverCPU() - srv0
	}
	b.StopTimer()
	if len(failed) > 0 {
		b.Fatalf("%d saves failed, first: %s", len(failed), failed[0])
	}
	var n int
	servers[0].Store.DB().QueryRow(`SELECT COUNT(*) FROM edits`).Scan(&n)
	if want := b.N * schools * rows; n != want {
		b.Fatalf("%d answers stored, want %d", n, want)
	}
	last := plan.Status([]string{"in_progress", "done"}[(b.N-1)%2])
	for _, e := range servers {
		prog, err := e.Store.Progress(f.Plan, store.Query{Quarter: "2022Q1"})
		if err != nil {
			b.Fatal(err)
		}
		for _, it := range f.Plan.Items {
			as := prog.Answers[it.ID]
			if len(as) != schools {
				b.Fatalf("%s: item %s: %d answers, want %d", e.URL, it.ID, len(as), schools)
			}
			for _, a := range as {
				if a.Status != last {
					b.Fatalf("%s: item %s, %s: status %s, want %s", e.URL, it.ID, a.Org, a.Status, last)
				}
			}
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	saves := float64(len(lat))
	b.ReportMetric(float64(percentile(lat, 0.5).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(percentile(lat, 0.99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(saves/wall.Seconds(), "saves/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/saves, "cpu-ns/save")
	if serverCPU != nil {
		b.ReportMetric(float64(srv.Nanoseconds())/saves, "pg-cpu-ns/save")
	}
}

// postgresCPU is the CPU time so far of the PostgreSQL server db talks
// to (its postmaster, the backends it has reaped and those running), or
// nil when the server is not a process of this machine that /proc shows.
func postgresCPU(b *testing.B, db *sql.DB) func() time.Duration {
	var pid int
	if err := db.QueryRow(`SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		b.Fatal(err)
	}
	backend, ok := procStat(pid)
	if !ok {
		b.Logf("PostgreSQL is not on this machine: its CPU time is not measured")
		return nil
	}
	postmaster := backend.ppid
	return func() time.Duration {
		pm, _ := procStat(postmaster)
		total := pm.cpu + pm.children
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			if p, err := strconv.Atoi(e.Name()); err == nil {
				if st, ok := procStat(p); ok && st.ppid == postmaster {
					total += st.cpu
				}
			}
		}
		return total
	}
}

// stat is what the benchmark reads of /proc/PID/stat.
type stat struct {
	ppid          int
	cpu, children time.Duration // user+system of the process, of its reaped children
}

// procStat reads /proc/PID/stat (Linux: times in ticks of 1/100 s).
func procStat(pid int) (stat, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return stat{}, false
	}
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 15 {
		return stat{}, false
	}
	n := func(i int) int64 { v, _ := strconv.ParseInt(f[i], 10, 64); return v }
	tick := 10 * time.Millisecond
	return stat{ppid: int(n(1)), cpu: time.Duration(n(11)+n(12)) * tick, children: time.Duration(n(13)+n(14)) * tick}, true
}
