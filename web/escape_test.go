package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

const (
	evilScript = `<script>alert(1)</script>`
	evilAttr   = `"><img src=x onerror=alert(2)>`
	evilURL    = `javascript:alert(3)`
	evilCSV    = `=HYPERLINK("http://evil.example","x")`
)

// hostilePlan is a roadmap whose every text is an attack.
func hostilePlan() *plan.Plan {
	num, snum := "1.1"+evilAttr, "1"+evilScript
	m := plan.MonthOf(2022, 2)
	return &plan.Plan{SchemaVersion: plan.SchemaVersion, Title: "План " + evilScript + evilAttr, Municipality: evilAttr,
		Period:   plan.Period{From: plan.MonthOf(2022, 1), To: plan.MonthOf(2022, 12)},
		Columns:  []plan.Column{{Header: "№" + evilAttr, Role: plan.RoleNumber, Field: plan.FieldNumber}, {Header: evilScript, Role: plan.RoleActivity, Field: plan.FieldActivity}},
		Sections: []plan.Section{{ID: "s1" + evilAttr, Number: &snum, Title: "Раздел " + evilScript + evilAttr, Level: 1, Line: 3}},
		Items: []plan.Item{{ID: `i1"><img src=x onerror=alert(9)>`, Number: &num, Section: "s1" + evilAttr, Level: 2, Line: 4,
			Activity:    plan.Text{Text: "Мероприятие " + evilScript + evilAttr},
			Deadline:    plan.Schedule{Text: "Февраль 2022 " + evilScript, Kind: plan.KindDated, Months: []plan.Month{m}},
			Responsible: []plan.Executor{{Text: "ОбОО", Org: "ОбОО", Group: true}, {Text: evilAttr, Org: evilAttr}},
			Result:      plan.Text{Text: evilScript}}},
		Organizations: []plan.Organization{{Name: "ОбОО", Group: true}, {Name: evilAttr}},
		Diagnostics:   plan.Diagnostics{{Pos: plan.Pos{File: evilScript, Line: 4}, Severity: plan.Warning, Code: evilAttr, Message: evilScript, Text: evilAttr}},
	}
}

// clean fails when a page holds any of the attacks unescaped.
func clean(t *testing.T, where, body string) {
	t.Helper()
	for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`, "<script>alert(1)", "onerror=alert(2)>"} {
		if i := strings.Index(body, bad); i >= 0 {
			t.Errorf("%s: unescaped %q: …%s…", where, bad, body[max(0, i-120):min(len(body), i+80)])
		}
	}
}

// A roadmap, a directory and answers full of <script> and "><img
// onerror> are shown escaped on every page.
func TestEverythingEscaped(t *testing.T) { pgtest.Run(t, testEverythingEscaped) }

func testEverythingEscaped(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	var buf bytes.Buffer
	if err := plan.Write(&buf, hostilePlan()); err != nil {
		t.Fatal(err)
	}
	_, resp := e.upload(e.admin, "/plans/upload", "files", []file{{name: evilScript + ".json", data: buf.Bytes()}}, nil, http.StatusOK)
	imp := resp.Request.URL.Path
	pages := map[string]string{"imports": e.get(e.admin, "/imports", http.StatusOK), "import": e.get(e.admin, imp, http.StatusOK)}
	mustContain(t, pages["import"], "&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;")
	e.post(e.admin, imp+"/accept", nil, http.StatusOK)
	hash := hostilePlan().Hash()
	dir := "name,short,email,groups\n" +
		`"` + strings.ReplaceAll(evilAttr, `"`, `""`) + `",` + evilScript + `,evil@example.ru,ОбОО` + "\n" +
		`"` + strings.ReplaceAll(evilCSV, `"`, `""`) + `",,,ОбОО` + "\n"
	e.upload(e.admin, "/orgs/upload", "file", []file{{name: "orgs.csv", data: []byte(dir)}}, nil, http.StatusOK)
	links := e.issueAll(hash, "2022Q1")
	evilOrg, ok := links[evilAttr]
	if !ok {
		t.Fatalf("no link for the hostile organisation: %v", links)
	}
	item := hostilePlan().Items[0].ID
	c := e.newSchool()
	e.saveRow(c, evilOrg, item, url.Values{"status": {"done"}, "evidence": {evilURL}, "comment": {evilScript + evilAttr}, "key": {"evil-key-1"}}, http.StatusOK)
	e.saveRow(e.newSchool(), links[evilCSV], item, url.Values{"status": {"not_done"}, "evidence": {`https://example.ru/"onmouseover=alert(4)`}, "key": {"evil-key-2"}}, http.StatusOK)

	q := "/plans/" + hash + "/q/2022Q1"
	for name, path := range map[string]string{
		"plans": "/plans", "plan": "/plans/" + hash, "dashboard": q, "rows": q + "/rows",
		"rows of the organisation": q + "/rows?org=" + url.QueryEscape(evilAttr), "links": q + "/links",
		"item": "/plans/" + hash + "/items/" + url.PathEscape(item), "orgs": "/orgs", "groups": "/groups",
		"organisation": "/orgs/edit?name=" + url.QueryEscape(evilAttr), "workbooks": "/workbooks",
	} {
		pages[name] = e.get(e.admin, path, http.StatusOK)
	}
	pages["school"] = e.get(c, evilOrg.path(), http.StatusOK)
	pages["school, all"] = e.get(c, evilOrg.path()+"?all=1", http.StatusOK)
	pages["reissued"] = e.post(e.admin, "/links/"+itoa(evilOrg.ID)+"/reissue", nil, http.StatusOK)
	report, _ := e.upload(e.admin, "/workbooks", "files", []file{{name: evilAttr + ".xlsx", data: []byte("PK\x03\x04" + evilAttr)}},
		url.Values{"quarter": {"2022Q1"}}, http.StatusOK)
	pages["collect report"] = report
	pages["bad organisation form"] = e.post(e.admin, "/orgs/save", url.Values{"name": {evilAttr}, "email": {evilScript}}, http.StatusBadRequest)
	pages["not found"] = e.get(e.admin, "/plans/"+hash+"/items/"+url.PathEscape(evilScript), http.StatusNotFound)
	for name, body := range pages {
		clean(t, name, body)
	}
	// The attacks are shown, as text, where the data is.
	for _, name := range []string{"plan", "dashboard", "rows", "item", "school", "orgs", "collect report"} {
		if !strings.Contains(pages[name], "&lt;script&gt;alert(1)&lt;/script&gt;") && !strings.Contains(pages[name], "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;") {
			t.Errorf("%s: the hostile text is not shown at all: the test checks nothing there", name)
		}
	}
	mustContain(t, pages["item"], "javascript:alert(3)", `href="https://example.ru/%22onmouseover=alert%284%29"`)
	if strings.Contains(pages["item"], `"onmouseover`) {
		t.Fatal("an attribute broke out of an evidence link")
	}
	// In the workbooks the hostile text is a string, never a formula: the
	// tracker (the organisation's name, its answer) and its checklist.
	for name, book := range map[string]string{
		"tracker":   e.get(e.admin, "/plans/"+hash+"/tracker.xlsx?quarter=2022Q1", http.StatusOK),
		"checklist": e.get(e.newSchool(), links[evilCSV].path()+"/checklist.xlsx", http.StatusOK),
	} {
		noFormulaWith(t, name, []byte(book), "HYPERLINK")
	}
	// The links' list for a mail merge: no cell starts a formula.
	e.now = e.now.Add(1)
	form := url.Values{"which": {"all"}, "format": {"csv"}}
	csv := e.post(e.admin, q+"/links", form, http.StatusOK)
	if strings.Contains(csv, ";=HYPERLINK") || !strings.Contains(csv, `'=HYPERLINK`) {
		t.Fatalf("links CSV:\n%s", csv)
	}
	// The history's CSV likewise.
	if _, err := e.st.SaveEdit(context.Background(), editOf(hash, evilCSV, item)); err != nil {
		t.Fatal(err)
	}
	hcsv := e.get(e.admin, "/plans/"+hash+"/items/"+url.PathEscape(item)+"/history.csv", http.StatusOK)
	if strings.Contains(hcsv, ";=") || strings.Contains(hcsv, "\n=") {
		t.Fatalf("history CSV:\n%s", hcsv)
	}
	// The quarter's status CSV likewise: the organisation's name and its
	// answer are there, neutralised.
	scsv := e.get(e.admin, q+"/status.csv", http.StatusOK)
	if !strings.Contains(scsv, "HYPERLINK") || strings.Contains(scsv, ";=") || strings.Contains(scsv, "\n=") || strings.Contains(scsv, ",=") {
		t.Fatalf("status CSV:\n%s", scsv)
	}
}

// noFormulaWith checks that text appears in the workbook only as a
// string: no cell holding it is a formula.
func noFormulaWith(t *testing.T, name string, book []byte, text string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	seen := false
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fo, _ := f.GetCellFormula(sh, ref)
				if strings.Contains(fo, text) {
					t.Errorf("%s: %s!%s is a formula: %s", name, sh, ref, fo)
				}
				seen = seen || strings.Contains(v, text)
			}
		}
	}
	if !seen {
		t.Errorf("%s: %q is nowhere in the workbook: the test checks nothing", name, text)
	}
}
