package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/store"
)

// Two servers side by side on one PostgreSQL (issue 13, item 4): each
// with its own store (its own pool, as two `roadmap serve` processes
// have), sessions in the store, so that one login serves on both.

// secondServer starts another server on the store e's runs on.
func (e *env) secondServer(db string) *env {
	e.t.Helper()
	st, err := store.Open(db)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { st.Close() })
	e2 := &env{t: e.t, st: st, now: e.now, logs: &bytes.Buffer{}}
	clock := func() time.Time { return e2.now }
	e2.srv, err = New(st, Options{Logger: slog.New(slog.NewTextHandler(e2.logs, nil)), Now: clock, Location: time.UTC,
		BaseURL: "http://127.0.0.1", Version: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	e2.ts = httptest.NewServer(e2.srv.Handler())
	e.t.Cleanup(e2.ts.Close)
	e2.admin = e.admin // the cookie jar ignores ports: the session made on e serves on e2
	return e2
}

// twoServers starts two servers on one new PostgreSQL database, each
// with its own store.
func twoServers(t *testing.T) (*env, *env) {
	db := pgtest.Engines[1].New(t)
	e1 := newEnvOn(t, db)
	return e1, e1.secondServer(db)
}

// manySchoolsCSV is a directory of n schools of the group ОбОО.
func manySchoolsCSV(n int) string {
	var b strings.Builder
	b.WriteString("name,short,email,groups\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "МБОУ Школа № %d,Школа %d,school%d@example.ru,ОбОО\n", i, i, i)
	}
	return b.String()
}

// do sends a request and reads the answer, safe from any goroutine.
func do(c *http.Client, req *http.Request, want int) (string, error) {
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != want {
		return string(b), fmt.Errorf("%s %s: status %d, want %d: %s", req.Method, req.URL.Path, resp.StatusCode, want, clipBody(string(b)))
	}
	return string(b), nil
}

// uploadReq is a multipart upload of one workbook to /workbooks.
func uploadReq(base string, f file, quarter string) *http.Request {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("quarter", quarter)
	w, _ := mw.CreateFormFile("files", f.name)
	w.Write(f.data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/workbooks", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

// saveReq is a school's save of a row, as its page's script posts it.
func saveReq(base string, l issuedLinkT, item, status, key string) *http.Request {
	form := url.Values{"status": {status}, "evidence": {"приказ " + key}, "key": {key}}
	req, _ := http.NewRequest(http.MethodPost, base+l.path()+"/items/"+url.PathEscape(item), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	return req
}

// 1,000 saves and 200 workbook uploads at once, split between two
// servers on one PostgreSQL: every save stored once (100 of them sent
// again to the other server, as a browser retries, stored once still),
// every upload answered with its one file, each workbook collected by
// exactly one of the four uploads of it and reported as collected already
// by the three others; while a collection holds its transaction open,
// the dashboards and saves of both servers answer. With -short (the
// race detector's run in .ci/run) a fifth of it.
func TestTwoServers(t *testing.T) {
	e1, e2 := twoServers(t)
	hash := e1.acceptPlan(sarov)
	schools, perSchool := 50, 20
	if testing.Short() { // the race detector's run: 200 saves, 40 uploads
		schools = 10
	}
	e1.upload(e1.admin, "/orgs/upload", "file", []file{{name: "schools.csv", data: []byte(manySchoolsCSV(schools))}}, nil, http.StatusOK)
	links := e1.issueAll(hash, "2022Q1")
	if len(links) < schools {
		t.Fatalf("%d links issued, want %d", len(links), schools)
	}
	// What each school saves (its first 20 rows) and the workbook it
	// uploads (two rows after those), fetched through either server.
	type save struct {
		link       issuedLinkT
		org, item  string
		status     string
		key        string
		srv        *env
		retryOther bool
	}
	var saves []save
	var books []file
	school := e1.client()
	for i := 1; i <= schools; i++ {
		org := fmt.Sprintf("МБОУ Школа № %d", i)
		l, ok := links[org]
		if !ok {
			t.Fatalf("no link for %s", org)
		}
		srv := []*env{e1, e2}[i%2]
		ids := schoolItems(srv.get(school, l.path(), http.StatusOK))
		if len(ids) < perSchool+2 {
			t.Fatalf("%s has %d rows, want %d", org, len(ids), perSchool+2)
		}
		for j, id := range ids[:perSchool] {
			n := len(saves)
			saves = append(saves, save{link: l, org: org, item: id, status: []string{"done", "in_progress", "not_done", "postponed"}[n%4],
				key: fmt.Sprintf("twosave-%02d-%02d", i, j), srv: []*env{e1, e2}[n%2], retryOther: n%10 == 0})
		}
		wb := srv.get(school, l.path()+"/checklist.xlsx", http.StatusOK)
		books = append(books, file{name: fmt.Sprintf("школа%d.xlsx", i), data: fillChecklist(t, []byte(wb),
			map[string][2]string{ids[perSchool]: {"Выполнено", "приказ"}, ids[perSchool+1]: {"в работе", "план"}})})
	}

	// A long collection: a transaction holding the tables a collection
	// writes in EXCLUSIVE mode (more than any collection holds: it
	// admits only reads) until the dashboards and saves below answered.
	tx, err := e1.st.DB().BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`LOCK TABLE submissions, answers IN EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	blocked := make(chan error, 4)
	go func() {
		for _, e := range []*env{e1, e2} {
			for _, path := range []string{"/plans/" + hash + "/q/2022Q1", "/"} {
				req, _ := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
				_, err := do(e.admin, req, http.StatusOK)
				blocked <- err
			}
		}
		close(blocked)
	}()
	timeout := time.After(20 * time.Second)
	for done := false; !done; {
		select {
		case err, ok := <-blocked:
			if !ok {
				done = true
			} else if err != nil {
				t.Fatal(err)
			}
		case <-timeout:
			tx.Rollback()
			t.Fatal("a dashboard waited for a collection's transaction")
		}
	}
	if _, err := do(school, saveReq(e2.ts.URL, saves[0].link, saves[0].item, "in_progress", "during-collection"), http.StatusOK); err != nil {
		t.Fatal(err)
	}
	tx.Rollback()

	// Everything at once.
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	fail := func(err error) {
		mu.Lock()
		failures = append(failures, err.Error())
		mu.Unlock()
	}
	client := &http.Client{Jar: e1.admin.Jar, Transport: sameOrigin{e1.ts.URL}}
	for _, s := range saves {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := do(client, saveReq(s.srv.ts.URL, s.link, s.item, s.status, s.key), http.StatusOK); err != nil {
				fail(err)
				return
			}
			if s.retryOther { // the same save again, through the other server
				other := map[*env]*env{e1: e2, e2: e1}[s.srv]
				if _, err := do(client, saveReq(other.ts.URL, s.link, s.item, s.status, s.key), http.StatusOK); err != nil {
					fail(err)
				}
			}
		}()
	}
	reports := make([][]string, len(books)) // per workbook, its four reports
	for i, b := range books {
		for k := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body, err := do(client, uploadReq([]*env{e1, e2}[k%2].ts.URL, b, "2022Q1"), http.StatusOK)
				if err != nil {
					fail(err)
					return
				}
				mu.Lock()
				reports[i] = append(reports[i], body)
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("%d requests failed, first: %s", len(failures), failures[0])
	}

	// Every upload reported once: its one file; one collected it.
	totals := regexp.MustCompile(`id="collect-totals">Итого файлов: 1; собрано: (\d)`)
	for i, rs := range reports {
		collected := 0
		for _, body := range rs {
			m := totals.FindStringSubmatch(body)
			if m == nil || strings.Count(body, books[i].name+"</td>") != 1 {
				t.Fatalf("%s: the upload's report:\n%s", books[i].name, clipBody(body))
			}
			if m[1] == "1" {
				collected++
				mustContain(t, body, "собрано 2 ответа")
			} else {
				mustContain(t, body, "уже собран")
			}
		}
		if collected != 1 {
			t.Errorf("%s: collected by %d of its 4 uploads, want 1", books[i].name, collected)
		}
	}
	// No answer lost or duplicated.
	st := e1.st
	var subs, answers int
	st.DB().QueryRow(`SELECT COUNT(*), (SELECT COUNT(*) FROM answers) FROM submissions`).Scan(&subs, &answers)
	if subs != schools || answers != 2*schools {
		t.Fatalf("%d submissions with %d answers stored, want %d with %d", subs, answers, schools, 2*schools)
	}
	rows, err := st.DB().Query(`SELECT org, item_id, status, idem_key FROM edits WHERE idem_key LIKE 'twosave-%'`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for rows.Next() {
		var org, item, status, key string
		if err := rows.Scan(&org, &item, &status, &key); err != nil {
			t.Fatal(err)
		}
		if _, dup := got[key]; dup {
			t.Fatalf("save %s stored twice", key)
		}
		got[key] = org + "|" + item + "|" + status
	}
	rows.Close()
	if len(got) != len(saves) || len(saves) != schools*perSchool {
		t.Fatalf("%d saves stored, %d sent (want %d)", len(got), len(saves), schools*perSchool)
	}
	for _, s := range saves {
		if want := s.org + "|" + s.item + "|" + s.status; got[s.key] != want {
			t.Fatalf("save %s stored as %q, want %q", s.key, got[s.key], want)
		}
	}
	// Both servers show the same quarter: every school's rows answered.
	dash := []string{e1.get(e1.admin, "/plans/"+hash+"/q/2022Q1", http.StatusOK), e2.get(e2.admin, "/plans/"+hash+"/q/2022Q1", http.StatusOK)}
	cut := func(s string) string { // the page without what differs per request
		return regexp.MustCompile(`(?s)<(script|meta|input)[^>]*>`).ReplaceAllString(s, "")
	}
	if cut(dash[0]) != cut(dash[1]) {
		t.Fatal("the two servers show the quarter differently")
	}
}

// newEnvOn is newEnv on the store at db.
func newEnvOn(t *testing.T, db string) *env {
	return newEnv(t, pgtest.Engine{Name: "postgres", New: func(testing.TB) string { return db }})
}
