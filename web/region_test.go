package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/store"
)

// region is a store with two municipalities: Саров (the default one,
// renamed; its user is the env's admin) with the Sarov roadmap, and
// Дербент with the Derbent roadmap, its own user, directory, links and
// an import waiting; and a region's user.
type region struct {
	*env
	hashA, hashB string
	linksA       map[string]issuedLinkT
	linksB       map[string]issuedLinkT
	munA, munB   int64
	userB        *http.Client
	regional     *http.Client
	importB      int64
}

const derbentSchools = "name,short,email,groups\n" +
	"МБОУ СОШ № 1 г. Дербента,СОШ 1,sosh1@example.ru,ОбОО\n" +
	"МБОУ Школа № 2,Школа 2 (Дербент),derbent2@example.ru,ОбОО\n"

func newRegion(t *testing.T, eng pgtest.Engine) *region {
	t.Helper()
	e, hashA, linksA := setup(t, eng)
	ctx := context.Background()
	g := &region{env: e, hashA: hashA, linksA: linksA}
	var err error
	if g.munA, err = e.st.DefaultMunicipality(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.st.RenameMunicipality(ctx, g.munA, "г. Саров"); err != nil {
		t.Fatal(err)
	}
	m, _, err := e.st.AddMunicipality(ctx, "г. Дербент", e.now)
	if err != nil {
		t.Fatal(err)
	}
	g.munB = m.ID
	acc := access.New(e.st, access.Options{Now: func() time.Time { return e.now }})
	if _, err := acc.AddAccount(ctx, store.User{Login: "petrov", Name: "Петров", Municipality: g.munB}, testPassword); err != nil {
		t.Fatal(err)
	}
	if _, err := acc.AddAccount(ctx, store.User{Login: "minobr", Name: "Министерство", Role: store.RoleRegion}, testPassword); err != nil {
		t.Fatal(err)
	}
	g.userB, g.regional = e.client(), e.client()
	e.login(g.userB, "petrov", testPassword, http.StatusOK)
	e.login(g.regional, "minobr", testPassword, http.StatusOK)
	// Дербент's department sets itself up through the same pages.
	admin := e.admin
	e.admin = g.userB
	g.hashB = e.acceptPlan(derbent)
	e.upload(e.admin, "/orgs/upload", "file", []file{{name: "schools.csv", data: []byte(derbentSchools)}}, nil, http.StatusOK)
	g.linksB = e.issueAll(g.hashB, "2022Q1")
	_, resp := e.upload(e.admin, "/plans/upload", "files", []file{readFile(t, sarov)}, nil, http.StatusOK)
	id, ok := strings.CutPrefix(resp.Request.URL.Path, "/imports/")
	if !ok {
		t.Fatalf("upload went to %s", resp.Request.URL)
	}
	g.importB, _ = strconv.ParseInt(id, 10, 64)
	e.admin = admin
	if len(g.linksB) == 0 {
		t.Fatal("no links issued in Дербент")
	}
	return g
}

// A department's user asking for anything of another municipality gets
// "not found", on every route that names a plan, a quarter, an item, a
// link or an import: the route table is walked, so that a route added
// later is checked too.
func TestMunicipalityIsolation(t *testing.T) { pgtest.Run(t, testMunicipalityIsolation) }

func testMunicipalityIsolation(t *testing.T, eng pgtest.Engine) {
	g := newRegion(t, eng)
	e := g.env
	var linkB issuedLinkT
	for _, l := range g.linksB {
		linkB = l
	}
	pB, err := e.st.Plan(g.hashB)
	if err != nil {
		t.Fatal(err)
	}
	itemB := pB.Items[len(pB.Items)-1].ID
	_, tokenB, err := access.New(e.st, access.Options{}).NewToken(context.Background(), "petrov", "скрипт Дербента", 0)
	if err != nil {
		t.Fatal(err)
	}
	fill := func(pattern string) string {
		return strings.NewReplacer("{plan}", g.hashB, "{quarter}", "2022Q1", "{item}", url.PathEscape(itemB)).Replace(pattern)
	}
	checked := 0
	for _, rt := range e.srv.Routes() {
		p := rt.Pattern
		if !strings.ContainsAny(p, "{") || p == "/{$}" || strings.HasPrefix(p, "/s/") {
			continue
		}
		switch {
		case strings.Contains(p, "{plan}"):
			p = fill(p)
		case strings.HasPrefix(p, "/links/{id}") || strings.HasPrefix(p, "/api/v1/links/{id}"):
			p = strings.Replace(p, "{id}", strconv.FormatInt(linkB.ID, 10), 1)
		case strings.HasPrefix(p, "/imports/{id}"):
			p = strings.Replace(p, "{id}", strconv.FormatInt(g.importB, 10), 1)
		case strings.HasPrefix(p, "/tokens/{id}"):
			p = strings.Replace(p, "{id}", strconv.FormatInt(tokenB.ID, 10), 1)
		default:
			t.Fatalf("route %s %s names an object this test does not know: add it here", rt.Method, rt.Pattern)
		}
		req, _ := http.NewRequest(rt.Method, e.ts.URL+p, strings.NewReader(`{"all": true}`))
		if rt.Method == http.MethodPost {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if strings.HasPrefix(p, "/api/") {
				req.Header.Set("Content-Type", "application/json")
			}
		}
		resp, err := e.admin.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s as Саров's user: %d, want 404\n%s", rt.Method, p, resp.StatusCode, clipBody(body))
		}
		checked++
	}
	if checked < 25 {
		t.Fatalf("only %d routes checked", checked)
	}
	// Nothing of Дербент was changed by those requests.
	if l, _ := e.st.Link(context.Background(), linkB.ID); !l.Revoked.IsZero() {
		t.Fatal("Саров's user revoked Дербент's link")
	}
	if im, _ := e.st.Import(context.Background(), g.importB); im.Decision != "" {
		t.Fatal("Саров's user decided Дербент's import")
	}
	if ts, _ := e.st.Tokens(context.Background()); len(ts) != 1 || !ts[0].Revoked.IsZero() {
		t.Fatalf("Саров's user revoked Дербент's token: %+v", ts)
	}

	// The lists show only Саров's.
	plans := e.get(e.admin, "/plans", http.StatusOK)
	mustContain(t, plans, g.hashA)
	if strings.Contains(plans, g.hashB) {
		t.Fatal("Дербент's plan in Саров's list")
	}
	api := e.apiJSON(e.admin, http.MethodGet, "/api/v1/plans", "", http.StatusOK)
	if !strings.Contains(api, g.hashA) || strings.Contains(api, g.hashB) {
		t.Fatalf("API plans of Саров's user: %s", api)
	}
	orgs := e.get(e.admin, "/orgs", http.StatusOK)
	mustContain(t, orgs, "school1@example.ru")
	if strings.Contains(orgs, "derbent2@example.ru") {
		t.Fatal("Дербент's directory shown to Саров's user")
	}
	// "МБОУ Школа № 2" is in both directories: each keeps its own entry.
	apiOrgs := e.apiJSON(g.userB, http.MethodGet, "/api/v1/organizations", "", http.StatusOK)
	if !strings.Contains(apiOrgs, "derbent2@example.ru") || strings.Contains(apiOrgs, "school2@example.ru") {
		t.Fatalf("Дербент's directory: %s", apiOrgs)
	}
	if imports := e.get(e.admin, "/imports", http.StatusOK); strings.Contains(imports, "/imports/"+strconv.FormatInt(g.importB, 10)) {
		t.Fatal("Дербент's import listed for Саров's user")
	}
	e.get(e.admin, "/region", http.StatusNotFound)
	e.get(e.admin, "/region/summary.pdf", http.StatusNotFound)

	// A workbook of Дербент's plan uploaded by Саров's user is refused as
	// one of a plan the store does not have.
	book := []byte(e.get(e.newSchool(), linkB.path()+"/checklist.xlsx", http.StatusOK))
	body, _ := e.upload(e.admin, "/workbooks", "files", []file{{name: "derbent.xlsx", data: book}}, nil, http.StatusOK)
	mustContain(t, body, "которого нет в базе")
	var n int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM submissions`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d submissions stored from another municipality's workbook", n)
	}
	// Дербент's own user collects it.
	body, _ = e.upload(g.userB, "/workbooks", "files", []file{{name: "derbent.xlsx", data: book}}, nil, http.StatusOK)
	if strings.Contains(body, "которого нет в базе") {
		t.Fatalf("Дербент's user could not collect its own workbook:\n%s", clipBody(body))
	}
}

// A region's user reads every municipality's plans and gets the region's
// dashboard and its summary as a PDF and a workbook; it changes nothing.
func TestRegionUser(t *testing.T) { pgtest.Run(t, testRegionUser) }

func testRegionUser(t *testing.T, eng pgtest.Engine) {
	g := newRegion(t, eng)
	e := g.env
	one := g.linksA["МБОУ Школа № 1"]
	item := dueItems(e.get(e.newSchool(), one.path(), http.StatusOK))[0]
	e.saveRow(e.newSchool(), one, item, url.Values{"status": {"done"}, "key": {"region-0001"}}, http.StatusOK)

	resp, err := g.regional.Get(e.ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page := readBody(t, resp)
	if resp.Request.URL.Path != "/region" {
		t.Fatalf("a region's user's home is %s", resp.Request.URL.Path)
	}
	mustContain(t, page, "г. Саров", "г. Дербент", "Итого по региону", g.hashA, g.hashB)
	// Саров's plan: one row done in 2022Q1.
	row := page[strings.Index(page, `id="region-plan-`+g.hashA+`"`):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, ">1 из ") {
		t.Fatalf("Саров's row lacks the answer saved:\n%s", row)
	}
	for _, h := range []string{g.hashA, g.hashB} {
		e.get(g.regional, "/plans/"+h, http.StatusOK)
		e.get(g.regional, "/plans/"+h+"/q/2022Q1", http.StatusOK)
	}
	plans := e.get(g.regional, "/plans", http.StatusOK)
	mustContain(t, plans, g.hashA, g.hashB, "г. Дербент")
	if strings.Contains(plans, `id="plans-upload"`) {
		t.Fatal("the region's user is offered the upload")
	}
	e.get(g.regional, "/orgs", http.StatusOK)
	mustContain(t, e.get(g.regional, fmt.Sprintf("/orgs?m=%d", g.munB), http.StatusOK), "derbent2@example.ru")

	// The summary: PDF read by poppler, the workbook read back.
	old := e.admin
	e.admin = g.regional
	pdf := e.download("/region/summary.pdf?year=2022", pdfType, "Сводка_региона_2022.pdf")
	xl := e.download("/region/summary.xlsx?year=2022", xlsxType, "Сводка_региона_2022.xlsx")
	e.admin = old
	text := pdfText(t, pdf)
	mustContain(t, text, "Сводка региона за 2022 год", "г. Саров", "г. Дербент", "Итого по региону", "I кв. 2022")
	f, err := excelize.OpenReader(bytes.NewReader(xl))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Сводка региона")
	if err != nil {
		t.Fatal(err)
	}
	var sarovTotal []string
	for _, r := range rows {
		if len(r) > 1 && r[0] == "г. Саров" && r[1] == "Итого по муниципалитету" {
			sarovTotal = r
		}
	}
	if len(sarovTotal) < 6 || sarovTotal[2] != "1" {
		t.Fatalf("Саров's total in the workbook: %q (want 1 done in I кв.)", sarovTotal)
	}

	// It changes nothing: every form and API call is refused.
	for _, c := range []struct{ method, path string }{
		{http.MethodPost, "/plans/" + g.hashA + "/items/" + url.PathEscape(item) + "/answers"},
		{http.MethodPost, "/plans/" + g.hashA + "/q/2022Q1/links"},
		{http.MethodPost, "/orgs/save"},
		{http.MethodPost, "/api/v1/plans/" + g.hashB + "/quarters/2022Q1/links"},
		{http.MethodPut, "/api/v1/organizations"},
	} {
		req, _ := http.NewRequest(c.method, e.ts.URL+c.path, strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := g.regional.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s %s as the region's user: %d, want 403\n%s", c.method, c.path, resp.StatusCode, clipBody(body))
		}
	}
	// A department's user has no region pages.
	e.get(g.userB, "/region", http.StatusNotFound)
	var js []map[string]any
	json.Unmarshal([]byte(e.apiJSON(g.regional, http.MethodGet, "/api/v1/plans", "", http.StatusOK)), &js)
	if len(js) != 2 {
		t.Fatalf("the region's user sees %d plans through the API, want 2", len(js))
	}
}
