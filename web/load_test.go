package web_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/cputime"
	"github.com/roadmap-tool/roadmap/internal/webtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/web"
)

// The load generator of issue 12: schools saving their rows through the
// school page's endpoint, all at once, against a server on SQLite in the
// same process. Sizes: LOAD_SCHOOLS (500) × LOAD_ROWS (80). LOAD_THINK_MS
// (0) is the mean pause of a school between two saves, a person filling
// in the next row: each pause is drawn between half and one and a half
// times it, and each school starts at a random moment within the first
// pause, so that 500 people are not in step. 0: a closed loop, every
// school saves again the moment the server answers (the server's
// saturation, 500 saves always in flight).
//
//	go test ./web -run '^$' -bench SchoolSaves -benchtime 1x                                      # closed loop
//	LOAD_ROWS=20 LOAD_THINK_MS=3000 go test ./web -run '^$' -bench SchoolSaves -benchtime 1x     # people, 500 × 20 (LOAD_ROWS unset: 500 × 80, 4.5 min)
//	go test ./web -run '^$' -bench Dashboard

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// percentile of sorted durations.
func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

// BenchmarkSchoolSaves: every school saves each of its rows once per
// iteration (each a change: the status alternates), concurrently, as
// the page's script does (a form post asking for JSON). Afterwards no
// answer may be lost or duplicated. It reports the latency of a save
// (p50, p99, max), saves per second and CPU time per save.
func BenchmarkSchoolSaves(b *testing.B) {
	schools, rows := envInt("LOAD_SCHOOLS", 500), envInt("LOAD_ROWS", 80)
	think := time.Duration(envInt("LOAD_THINK_MS", 0)) * time.Millisecond
	e := webtest.Start(b, web.Options{})
	f := e.NewFixture(b, schools, rows)
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: schools, MaxIdleConnsPerHost: schools}}
	var mu sync.Mutex
	var lat []time.Duration
	var failed []string
	b.ResetTimer()
	cpu0, t0 := cputime.Now(), time.Now()
	for i := 0; i < b.N; i++ {
		status := []string{"in_progress", "done"}[i%2]
		var wg sync.WaitGroup
		for s, school := range f.Schools {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := make([]time.Duration, 0, rows)
				rnd := rand.New(rand.NewPCG(uint64(s), uint64(i)))
				if think > 0 {
					time.Sleep(time.Duration(rnd.Int64N(int64(think))))
				}
				for r, it := range f.Plan.Items {
					if think > 0 && r > 0 {
						time.Sleep(think/2 + time.Duration(rnd.Int64N(int64(think))))
					}
					form := url.Values{"status": {status}, "evidence": {"приказ № " + it.ID}, "key": {fmt.Sprintf("load-%d-%d-%s", i, s, strings.ReplaceAll(it.ID, ".", "_"))}}
					took, err := timedSave(client, e.URL+school.Path+"/items/"+url.PathEscape(it.ID), form)
					mine = append(mine, took)
					if err != nil {
						mu.Lock()
						failed = append(failed, fmt.Sprintf("%s %s: %v", school.Org, it.ID, err))
						mu.Unlock()
					}
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	wall, cpu := time.Since(t0), cputime.Now()-cpu0
	b.StopTimer()
	if len(failed) > 0 {
		b.Fatalf("%d saves failed, first: %s", len(failed), failed[0])
	}
	// No answer lost or duplicated: one edit per save, and each school's
	// latest answer to each item is the last iteration's.
	var n int
	e.Store.DB().QueryRow(`SELECT COUNT(*) FROM edits`).Scan(&n)
	if want := b.N * schools * rows; n != want {
		b.Fatalf("%d answers stored, want %d", n, want)
	}
	prog, err := e.Store.Progress(f.Plan, store.Query{Quarter: "2022Q1"})
	if err != nil {
		b.Fatal(err)
	}
	last := plan.Status([]string{"in_progress", "done"}[(b.N-1)%2])
	for _, it := range f.Plan.Items {
		as := prog.Answers[it.ID]
		if len(as) != schools {
			b.Fatalf("item %s: %d answers, want %d", it.ID, len(as), schools)
		}
		for _, a := range as {
			if a.Status != last {
				b.Fatalf("item %s, %s: status %s, want %s", it.ID, a.Org, a.Status, last)
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
	b.ReportMetric(cpu.Seconds()/wall.Seconds(), "cpu-cores")
}

// BenchmarkDashboard renders the dashboard of a quarter with every school
// answered (a collected workbook per school, and some rows saved on the
// web since), through HTTP as a browser asks for it.
func BenchmarkDashboard(b *testing.B) {
	schools, rows := envInt("LOAD_SCHOOLS", 500), envInt("LOAD_ROWS", 80)
	e := webtest.Start(b, web.Options{})
	f := e.NewFixture(b, schools, rows)
	now := time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)
	var subs []store.NewSubmission
	for s, school := range f.Schools {
		sub := store.NewSubmission{Path: fmt.Sprintf("school%d.xlsx", s), SHA256: fmt.Sprintf("%064d", s), Org: school.Org, PlanHash: f.Hash,
			Quarter: "2022Q1", Kind: store.KindChecklist, Generated: now, Saved: now, Received: now}
		for r, it := range f.Plan.Items {
			sub.Answers = append(sub.Answers, store.Answer{Answer: plan.Answer{ItemID: it.ID, Org: school.Org,
				Status: plan.Statuses[(s+r)%len(plan.Statuses)], Evidence: "приказ"}, Row: r + 6})
		}
		subs = append(subs, sub)
	}
	if _, err := e.Store.Add(context.Background(), subs); err != nil {
		b.Fatal(err)
	}
	for s := 0; s < schools; s += 10 {
		e.Store.SaveEdit(context.Background(), store.Edit{PlanHash: f.Hash, Quarter: "2022Q1", Org: f.Schools[s].Org, ItemID: f.Plan.Items[0].ID,
			Status: plan.StatusDone, At: now.Add(time.Hour), Key: fmt.Sprintf("dash-%d", s)})
	}
	jar := &cookieJar{}
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(e.URL+"/login", url.Values{"login": {webtest.Login}, "password": {webtest.Password}})
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	path := e.URL + "/plans/" + f.Hash + "/q/2022Q1"
	get := func() int {
		resp, err := client.Get(path)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("dashboard: %d", resp.StatusCode)
		}
		return int(n)
	}
	size := get()
	b.ResetTimer()
	cpu0 := cputime.Now()
	for i := 0; i < b.N; i++ {
		get()
	}
	b.ReportMetric(float64((cputime.Now()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(size), "page-bytes")
}

// cookieJar keeps the session cookie (net/http/cookiejar would do; this
// keeps the benchmark free of its public-suffix rules for 127.0.0.1).
type cookieJar struct {
	mu sync.Mutex
	c  []*http.Cookie
}

func (j *cookieJar) SetCookies(_ *url.URL, cs []*http.Cookie) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.c = append(j.c, cs...)
}

func (j *cookieJar) Cookies(*url.URL) []*http.Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.c
}

// timedSave posts a school's save of a row as its page's script does and
// says how long the answer took; a status other than 200 is an error.
func timedSave(client *http.Client, rowURL string, form url.Values) (time.Duration, error) {
	req, _ := http.NewRequest(http.MethodPost, rowURL, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	resp, err := client.Do(req)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
	}
	return time.Since(start), err
}
