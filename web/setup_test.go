package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

// schools is the directory the tests load: two schools of the group
// ОбОО (the Sarov roadmap addresses many activities to ОбОО and ОО).
const schoolsCSV = "name,short,email,groups\n" +
	"МБОУ Школа № 1,Школа 1,school1@example.ru,ОбОО\n" +
	"МБОУ Школа № 2,Школа 2,school2@example.ru,ОбОО\n" +
	"МБУ ДО ДДТ,ДДТ,,ОДО\n"

// acceptPlan uploads an export and accepts it; it returns the plan's hash.
func (e *env) acceptPlan(path string) string {
	e.t.Helper()
	_, resp := e.upload(e.admin, "/plans/upload", "files", []file{readFile(e.t, path)}, nil, http.StatusOK)
	if !strings.HasPrefix(resp.Request.URL.Path, "/imports/") {
		e.t.Fatalf("upload of one file went to %s", resp.Request.URL)
	}
	resp2, err := e.admin.PostForm(e.ts.URL+resp.Request.URL.Path+"/accept", nil)
	if err != nil {
		e.t.Fatal(err)
	}
	readBody(e.t, resp2)
	hash, ok := strings.CutPrefix(resp2.Request.URL.Path, "/plans/")
	if resp2.StatusCode != http.StatusOK || !ok || len(hash) != 16 {
		e.t.Fatalf("accept: %d at %s", resp2.StatusCode, resp2.Request.URL)
	}
	return hash
}

// loadSchools replaces the directory with schoolsCSV.
func (e *env) loadSchools() {
	e.t.Helper()
	e.upload(e.admin, "/orgs/upload", "file", []file{{name: "schools.csv", data: []byte(schoolsCSV)}}, nil, http.StatusOK)
}

// issued is a link issued through the API.
type issuedLinkT struct {
	ID    int64  `json:"id"`
	Org   string `json:"org"`
	Email string `json:"email"`
	URL   string `json:"url"`
}

// token is the link's token; path its page's path.
func (l issuedLinkT) path() string {
	u, _ := url.Parse(l.URL)
	return u.Path
}

// issueAll issues a link to every recipient of the plan for the quarter,
// through the API with the admin's session.
func (e *env) issueAll(hash, q string) map[string]issuedLinkT {
	e.t.Helper()
	body := e.apiJSON(e.admin, http.MethodPost, "/api/v1/plans/"+hash+"/quarters/"+q+"/links", `{"all": true}`, http.StatusCreated)
	var ls []issuedLinkT
	if err := json.Unmarshal([]byte(body), &ls); err != nil {
		e.t.Fatal(err, body)
	}
	out := map[string]issuedLinkT{}
	for _, l := range ls {
		out[l.Org] = l
	}
	return out
}

// apiJSON sends a JSON request and checks the status.
func (e *env) apiJSON(c *http.Client, method, path, body string, want int, headers ...string) string {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	got := readBody(e.t, resp)
	if resp.StatusCode != want {
		e.t.Fatalf("%s %s: status %d, want %d\n%s", method, path, resp.StatusCode, want, clipBody(got))
	}
	return got
}

// saveRow posts a school's row as its script does (JSON answer).
func (e *env) saveRow(c *http.Client, link issuedLinkT, item string, form url.Values, want int) string {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+link.path()+"/items/"+url.PathEscape(item), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	body := readBody(e.t, resp)
	if resp.StatusCode != want {
		e.t.Fatalf("save %s: status %d, want %d\n%s", item, resp.StatusCode, want, clipBody(body))
	}
	return body
}

// setup is a server with the Sarov roadmap accepted, the directory
// loaded and links issued for 2022Q1.
func setup(t *testing.T, eng pgtest.Engine) (*env, string, map[string]issuedLinkT) {
	e := newEnv(t, eng)
	hash := e.acceptPlan(sarov)
	e.loadSchools()
	return e, hash, e.issueAll(hash, "2022Q1")
}

var _ = context.Background
var _ = time.Second

// newSchool is a school's browser: no session, only its link.
func (e *env) newSchool() *http.Client { return e.client() }
