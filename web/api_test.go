package web

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"go.yaml.in/yaml/v3"

	"github.com/roadmap-tool/roadmap/access"
)

// robot is a machine with a token, as a regional system or a script.
type robot struct {
	e     *env
	token string
}

func (e *env) robot() robot {
	tok, _, err := access.New(e.st, access.Options{}).NewToken(context.Background(), testLogin, "региональная система", 0)
	if err != nil {
		e.t.Fatal(err)
	}
	return robot{e: e, token: tok}
}

func (r robot) call(method, path, body string, want int, headers ...string) string {
	r.e.t.Helper()
	return r.e.apiJSON(http.DefaultClient, method, path, body, want, append([]string{"Authorization", "Bearer " + r.token}, headers...)...)
}

func (r robot) decode(method, path, body string, want int, v any, headers ...string) {
	r.e.t.Helper()
	out := r.call(method, path, body, want, headers...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		r.e.t.Fatalf("%s %s: %v\n%s", method, path, err, out)
	}
}

// multipartBody builds a multipart body with the files in a field.
func multipartBody(field string, files []file) (string, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range files {
		w, _ := mw.CreateFormFile(field, f.name)
		w.Write(f.data)
	}
	mw.Close()
	return buf.String(), mw.FormDataContentType()
}

// Every call of the API, by a machine with a token.
func TestAPI(t *testing.T) { pgtest.Run(t, testAPI) }

func testAPI(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	r := e.robot()
	// Plans: the body itself, and a multipart form of several.
	var up []uploadedPlan
	sarovData, _ := os.ReadFile(sarov)
	r.decode(http.MethodPost, "/api/v1/plans?name=sarov.txt", string(sarovData), http.StatusOK, &up, "Content-Type", "text/plain")
	if len(up) != 1 || up[0].Plan == nil || up[0].Plan.Items != 79 || len(up[0].Diagnostics) != 13 {
		t.Fatalf("upload: %+v", up)
	}
	hash := up[0].Plan.Hash
	body, ctype := multipartBody("files", []file{readFile(t, derbent), {name: "junk.txt", data: []byte{0, 1, 2}}})
	r.decode(http.MethodPost, "/api/v1/plans", body, http.StatusOK, &up, "Content-Type", ctype)
	if len(up) != 2 || up[0].Plan == nil || up[1].Error == "" || up[1].Plan != nil {
		t.Fatalf("multipart upload: %+v", up)
	}
	r.call(http.MethodPost, "/api/v1/plans", "x", http.StatusBadRequest, "Content-Type", "text/plain")
	var plans []planJSON
	r.decode(http.MethodGet, "/api/v1/plans", "", http.StatusOK, &plans)
	if len(plans) != 2 {
		t.Fatalf("plans: %+v", plans)
	}
	var p struct {
		Items []struct{ ID string } `json:"items"`
	}
	r.decode(http.MethodGet, "/api/v1/plans/"+hash, "", http.StatusOK, &p)
	if len(p.Items) != 79 {
		t.Fatalf("plan JSON: %d items", len(p.Items))
	}
	r.call(http.MethodGet, "/api/v1/plans/ffffffffffffffff", "", http.StatusNotFound)

	// The directory.
	r.call(http.MethodPut, "/api/v1/organizations", `[{"name": "МБОУ Школа № 1", "short": "Школа 1", "email": "s1@example.ru", "groups": ["ОбОО"]},
		{"name": "МБОУ Школа № 2", "groups": ["ОбОО"]}]`, http.StatusOK)
	r.call(http.MethodPut, "/api/v1/organizations", `[{"name": "А"}, {"name": "а"}]`, http.StatusBadRequest)
	r.call(http.MethodPut, "/api/v1/organizations", `[{"name": "А", "phone": "1"}]`, http.StatusBadRequest)
	var orgs []orgJSON
	r.decode(http.MethodGet, "/api/v1/organizations", "", http.StatusOK, &orgs)
	if len(orgs) != 2 || orgs[0].Email != "s1@example.ru" {
		t.Fatalf("organisations: %+v", orgs)
	}

	// Links.
	q := "/api/v1/plans/" + hash + "/quarters/2022Q1"
	var issued []issuedJSON
	r.decode(http.MethodPost, q+"/links", `{"orgs": ["МБОУ Школа № 1"], "expires": "2022-04-30"}`, http.StatusCreated, &issued)
	if len(issued) != 1 || issued[0].Email != "s1@example.ru" || !strings.HasPrefix(issued[0].URL, "http://127.0.0.1/s/") {
		t.Fatalf("issued: %+v", issued)
	}
	r.decode(http.MethodPost, q+"/links", `{}`, http.StatusCreated, &issued)
	if len(issued) == 0 {
		t.Fatal("no links to the others")
	}
	for _, l := range issued {
		if l.Org == "МБОУ Школа № 1" {
			t.Fatal("a live link was replaced without being asked")
		}
	}
	var links []linkJSON
	r.decode(http.MethodGet, q+"/links", "", http.StatusOK, &links)
	if len(links) != len(issued)+1 {
		t.Fatalf("links: %d", len(links))
	}
	var revoked linkJSON
	r.decode(http.MethodPost, "/api/v1/links/"+itoa(links[0].ID)+"/revoke", "", http.StatusOK, &revoked)
	if revoked.Live || revoked.Revoked.IsZero() {
		t.Fatalf("revoked: %+v", revoked)
	}
	r.call(http.MethodPost, "/api/v1/links/99999/revoke", "", http.StatusNotFound)

	// Answers: saved idempotently, read back, in the history.
	item := firstOf(e.itemsOf(hash, "МБОУ Школа № 1"))
	save := `{"org": "МБОУ Школа № 1", "item": "` + item + `", "status": "done", "date": "2022-03-01", "evidence": "приказ № 3"}`
	var saved savedJSON
	r.decode(http.MethodPost, q+"/answers", save, http.StatusCreated, &saved, "Idempotency-Key", "robot-0001")
	r.decode(http.MethodPost, q+"/answers", save, http.StatusOK, &saved, "Idempotency-Key", "robot-0001")
	if !saved.Replayed {
		t.Fatalf("retry: %+v", saved)
	}
	r.call(http.MethodPost, q+"/answers", strings.Replace(save, "done", "not_done", 1), http.StatusConflict, "Idempotency-Key", "robot-0001")
	r.call(http.MethodPost, q+"/answers", save, http.StatusBadRequest) // no key
	r.call(http.MethodPost, q+"/answers", strings.Replace(save, "МБОУ Школа № 1", "Чужая", 1), http.StatusBadRequest, "Idempotency-Key", "robot-0002")
	r.call(http.MethodPost, q+"/answers", `{"org": "x", "item": "y", "extra": 1}`, http.StatusBadRequest, "Idempotency-Key", "robot-0003")
	var ans answersJSON
	r.decode(http.MethodGet, q+"/answers?org="+"МБОУ%20Школа%20№%201", "", http.StatusOK, &ans)
	if len(ans.Answers) != 1 || ans.Answers[0].Evidence != "приказ № 3" || ans.Answers[0].Quarter != "2022Q1" {
		t.Fatalf("answers: %+v", ans)
	}
	var hist []changeJSON
	r.decode(http.MethodGet, "/api/v1/plans/"+hash+"/items/"+item+"/history", "", http.StatusOK, &hist)
	if len(hist) != 1 || hist[0].User != "Иванова Ирина" || hist[0].Kind != "web" {
		t.Fatalf("history: %+v", hist)
	}
	var status struct {
		Quarter       string `json:"quarter"`
		Organizations []struct {
			Org     string `json:"org"`
			Answers int    `json:"answers"`
		} `json:"organizations"`
	}
	r.decode(http.MethodGet, q+"/status", "", http.StatusOK, &status)
	if status.Quarter != "2022Q1" || len(status.Organizations) != 1 || status.Organizations[0].Answers != 1 {
		t.Fatalf("status: %+v", status)
	}

	// Workbooks.
	wb := e.get(e.newSchool(), "/s/"+strings.TrimPrefix(issued[0].URL, "http://127.0.0.1/s/")+"/checklist.xlsx", http.StatusOK)
	first := firstOf(e.itemsOf(hash, issued[0].Org))
	body, ctype = multipartBody("files", []file{{name: "a.xlsx", data: fillChecklist(t, []byte(wb), map[string][2]string{first: {"Выполнено", "x"}})},
		{name: "b.xlsx", data: zipBomb()}})
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/api/v1/workbooks?quarter=2022Q1", strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Authorization", "Bearer "+r.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var rep collectJSON
	json.Unmarshal([]byte(readBody(t, resp)), &rep)
	if resp.StatusCode != http.StatusOK || rep.Collected != 1 || rep.Refused != 1 || rep.Files[0].Outcome != "collected" ||
		!strings.HasPrefix(rep.Files[1].Text, "ОТКАЗ: подозрение на zip-бомбу") {
		t.Fatalf("workbooks: %d %+v", resp.StatusCode, rep)
	}
	r.call(http.MethodPost, "/api/v1/workbooks", "", http.StatusBadRequest)
	spec := e.get(e.client(), "/api/openapi.yaml", http.StatusOK)
	mustContain(t, spec, "openapi: 3.0.3")
}

// openAPISpec is what the test reads of openapi.yaml.
type openAPISpec struct {
	OpenAPI string `yaml:"openapi"`
	Paths   map[string]map[string]struct {
		OperationID string                    `yaml:"operationId"`
		Summary     string                    `yaml:"summary"`
		Parameters  []map[string]any          `yaml:"parameters"`
		Responses   map[string]map[string]any `yaml:"responses"`
	} `yaml:"paths"`
	Components struct {
		Parameters map[string]map[string]any `yaml:"parameters"`
	} `yaml:"components"`
}

// openapi.yaml documents exactly the API routes the server registers,
// each with its path parameters, an id, a summary and its responses.
func TestOpenAPIMatchesRoutes(t *testing.T) { pgtest.Run(t, testOpenAPIMatchesRoutes) }

func testOpenAPIMatchesRoutes(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	var spec openAPISpec
	if err := yaml.Unmarshal(openAPI, &spec); err != nil {
		t.Fatal(err)
	}
	if spec.OpenAPI != "3.0.3" {
		t.Fatalf("openapi %q", spec.OpenAPI)
	}
	var documented, registered []string
	ids := map[string]bool{}
	param := regexp.MustCompile(`\{([^}]+)\}`)
	for path, ops := range spec.Paths {
		for method, op := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
			if op.OperationID == "" || op.Summary == "" || len(op.Responses) == 0 || ids[op.OperationID] {
				t.Errorf("%s %s: operationId %q (unique), summary and responses needed", method, path, op.OperationID)
			}
			ids[op.OperationID] = true
			if _, ok := op.Responses["401"]; !ok {
				t.Errorf("%s %s: no 401 response documented", method, path)
			}
			declared := map[string]bool{}
			for _, p := range op.Parameters {
				if ref, ok := p["$ref"].(string); ok {
					p = spec.Components.Parameters[strings.TrimPrefix(ref, "#/components/parameters/")]
				}
				if p["in"] == "path" {
					declared[p["name"].(string)] = true
				}
			}
			for _, m := range param.FindAllStringSubmatch(path, -1) {
				if !declared[m[1]] {
					t.Errorf("%s %s: path parameter %s not declared", method, path, m[1])
				}
			}
		}
	}
	for _, rt := range e.srv.Routes() {
		if strings.HasPrefix(rt.Pattern, "/api/v1/") {
			registered = append(registered, rt.Method+" "+rt.Pattern)
		}
	}
	sort.Strings(documented)
	sort.Strings(registered)
	if strings.Join(documented, "\n") != strings.Join(registered, "\n") {
		t.Fatalf("openapi.yaml documents:\n%s\n\nthe server registers:\n%s", strings.Join(documented, "\n"), strings.Join(registered, "\n"))
	}
}
