package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/cputime"
	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// BenchmarkSaveChecklistRows measures what a school's checklist costs to
// save on the web, on PostgreSQL, with the lock that makes two saves of
// one row take turns (checkEdit) and without it. One op is the 80 rows of
// one school, saved by its link as the school's page saves them (the link
// and the directory's version checked in the save), one after another (a
// deputy head filling the page: each save its own transaction) or all at
// once (80 requests committed together by the batcher). Every save is a
// new answer, so none is skipped as unchanged.
//
// The ops alternate, with the lock and without, on one store: on a
// shared machine whose load moves by half from minute to minute, only
// ops side by side compare. Each kind reports its wall time (lock-ns/op,
// nolock-ns/op), this process's CPU (…-cpu-ns/op) and the PostgreSQL
// server's (…-pg-cpu-ns/op: its postmaster and backends, read from /proc;
// the test's own throwaway cluster, or whatever ROADMAP_TEST_POSTGRES
// names on this machine).
//
//	go test ./store -run '^$' -bench SaveChecklistRows -benchtime 40x -count 3
func BenchmarkSaveChecklistRows(b *testing.B) {
	const rows = 80
	for _, mode := range []string{"one-by-one", "at-once"} {
		b.Run(mode, func(b *testing.B) {
			st, err := Open(pgtest.New(b))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			p := testPlan("План", rows)
			if err := st.SavePlan(p); err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			at := time.Date(2022, 2, 1, 10, 0, 0, 0, time.UTC)
			ids, err := st.AddLinks(ctx, []NewLink{{Hash: "bench", Org: "МБОУ Школа № 1", PlanHash: p.Hash(), Quarter: "2022Q1",
				Created: at, Expires: at.Add(24 * 365 * time.Hour)}}, false)
			if err != nil {
				b.Fatal(err)
			}
			dir, err := st.DirectoryVersion(ctx)
			if err != nil {
				b.Fatal(err)
			}
			statuses := []plan.Status{plan.StatusDone, plan.StatusInProgress, plan.StatusNotDone}
			save := func(n, i int) error {
				_, err := st.SaveEdit(ctx, Edit{PlanHash: p.Hash(), Quarter: "2022Q1", Org: "МБОУ Школа № 1",
					ItemID: p.Items[i].ID, Status: statuses[(n+3)%3], At: at.Add(time.Duration(n) * time.Second),
					Key: fmt.Sprintf("k%d-%d", n, i), By: Actor{LinkID: ids[0]}, Directory: dir})
				return err
			}
			checklist := func(n int) {
				if mode == "one-by-one" {
					for i := range rows {
						if err := save(n, i); err != nil {
							b.Fatal(err)
						}
					}
					return
				}
				var wg sync.WaitGroup
				errs := make(chan error, rows)
				for i := range rows {
					wg.Add(1)
					go func() {
						defer wg.Done()
						errs <- save(n, i)
					}()
				}
				wg.Wait()
				close(errs)
				for err := range errs {
					if err != nil {
						b.Fatal(err)
					}
				}
			}
			// One round of each untimed: the connections, the prepared
			// statements and the server's caches are made.
			checklist(-2)
			st.noRowLock = true
			checklist(-1)
			server := postmasterOf(b, st)
			var wall, cpu, pg [2]time.Duration // [0] with the lock, [1] without
			var ops [2]int
			b.ResetTimer()
			for n := range b.N {
				k := n % 2
				st.noRowLock = k == 1
				t0, c0, p0 := time.Now(), cputime.Now(), serverCPU(server)
				checklist(n)
				wall[k] += time.Since(t0)
				cpu[k] += cputime.Now() - c0
				pg[k] += serverCPU(server) - p0
				ops[k]++
			}
			b.StopTimer()
			for k, name := range []string{"lock", "nolock"} {
				if ops[k] == 0 {
					continue
				}
				per := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(ops[k]) }
				b.ReportMetric(per(wall[k]), name+"-ns/op")
				b.ReportMetric(per(cpu[k]), name+"-cpu-ns/op")
				if server != 0 {
					b.ReportMetric(per(pg[k]), name+"-pg-cpu-ns/op")
				}
			}
		})
	}
}

// postmasterOf is the pid of the PostgreSQL server the store talks to
// (0 when it cannot be read: another machine, no /proc).
func postmasterOf(b *testing.B, st *Store) int {
	var backend int
	if err := st.DB().QueryRow(`SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		b.Fatal(err)
	}
	f, err := procStat(backend)
	if err != nil {
		return 0
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// serverCPU is the CPU time of the postmaster, of its children that
// ended (reaped: cutime, cstime) and of those running.
func serverCPU(postmaster int) time.Duration {
	if postmaster == 0 {
		return 0
	}
	ticks := 0
	add := func(fields ...string) {
		for _, v := range fields {
			n, _ := strconv.Atoi(v)
			ticks += n
		}
	}
	if f, err := procStat(postmaster); err == nil {
		add(f[11], f[12], f[13], f[14]) // utime, stime, cutime, cstime
	}
	pids, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range pids {
		pid, _ := strconv.Atoi(filepath.Base(p))
		if f, err := procStat(pid); err == nil && f[1] == strconv.Itoa(postmaster) {
			add(f[11], f[12])
		}
	}
	return time.Duration(ticks) * time.Second / 100 // USER_HZ
}

// procStat is /proc/PID/stat's fields after the command's name: [0] is
// the state, [1] the parent's pid, [11] utime ... (proc(5), from field 3).
func procStat(pid int) ([]string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, err
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil, errors.New("/proc stat without a command name")
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 15 {
		return nil, errors.New("/proc stat too short")
	}
	return f, nil
}
