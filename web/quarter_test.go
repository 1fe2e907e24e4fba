package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

// answered is the setup with answers from two schools: on the web from
// school 1, in a workbook from school 2.
func answered(t *testing.T, eng pgtest.Engine) (*env, string, map[string]issuedLinkT) {
	e, hash, links := setup(t, eng)
	one, two := links["МБОУ Школа № 1"], links["МБОУ Школа № 2"]
	c := e.newSchool()
	page := e.get(c, one.path(), http.StatusOK)
	ids := dueItems(page)
	for i, st := range []string{"done", "done", "not_done", "in_progress"} {
		e.saveRow(c, one, ids[i], url.Values{"status": {st}, "evidence": {"приказ " + ids[i]}, "key": {"dash-key-" + strconv.Itoa(i)}}, http.StatusOK)
	}
	wb := e.get(c, two.path()+"/checklist.xlsx", http.StatusOK)
	ids2 := dueItems(e.get(c, two.path(), http.StatusOK))
	filled := fillChecklist(t, []byte(wb), map[string][2]string{ids2[0]: {"Выполнено", "справка"}, ids2[1]: {"Перенесено", "карантин"}})
	e.upload(e.admin, "/workbooks", "files", []file{{name: "школа2.xlsx", data: filled}}, url.Values{"quarter": {"2022Q1"}}, http.StatusOK)
	return e, hash, links
}

// dueItems are the rows of a school's page due in the quarter itself
// (not carried forward from an earlier one).
func dueItems(page string) []string {
	var ids []string
	for _, part := range strings.Split(page, `data-item="`)[1:] {
		end := strings.Index(part, "</form>")
		if !strings.Contains(part[:end], "перенесено из прошлого квартала") {
			ids = append(ids, part[:strings.IndexByte(part, '"')])
		}
	}
	return ids
}

var countLink = regexp.MustCompile(`<a href="(/plans/[0-9a-f]{16}/q/2022Q1/rows[^"]*)"[^>]*>(\d+)</a>`)

// Every number of the dashboard is a link to exactly its rows.
func TestDashboardNumbersLinkToRows(t *testing.T) { pgtest.Run(t, testDashboardNumbersLinkToRows) }

func testDashboardNumbersLinkToRows(t *testing.T, eng pgtest.Engine) {
	e, hash, _ := answered(t, eng)
	dash := e.get(e.admin, "/plans/"+hash+"/q/2022Q1", http.StatusOK)
	mustContain(t, dash, `<svg class="chart"`, `id="total-done">`, `id="total-overdue"`, "Не ответили (")
	links := countLink.FindAllStringSubmatch(dash, -1)
	if len(links) < 40 {
		t.Fatalf("only %d numbers link to rows", len(links))
	}
	checked := map[string]bool{}
	for _, m := range links {
		href, want := html.UnescapeString(m[1]), m[2]
		if checked[href] {
			continue
		}
		checked[href] = true
		rows := e.get(e.admin, href, http.StatusOK)
		if !strings.Contains(rows, "Найдено мероприятий: "+want+".") && !strings.Contains(rows, "Найдено мероприятий: "+want+" —") {
			i := strings.Index(rows, "Найдено мероприятий")
			t.Errorf("%s: the dashboard says %s, the rows page %q", href, want, rows[i:i+60])
		}
	}
	// The totals add up: done from both schools is on the dashboard.
	tot := regexp.MustCompile(`id="total-done">(\d+)<`).FindStringSubmatch(dash)
	if tot == nil || tot[1] == "0" {
		t.Fatalf("no done activities on the dashboard")
	}
	// School 1's own rows, with its answers and not school 2's.
	rows := e.get(e.admin, "/plans/"+hash+"/q/2022Q1/rows?org="+url.QueryEscape("МБОУ Школа № 1")+"&answered=yes", http.StatusOK)
	mustContain(t, rows, "Найдено мероприятий: 4 — ответы организации «МБОУ Школа № 1»", "приказ ")
	if strings.Contains(rows, "справка") {
		t.Fatal("school 1's rows show school 2's answer")
	}
	// Who has not answered: neither school.
	silent := dash[strings.Index(dash, `id="silent"`):]
	silent = silent[:strings.Index(silent, "</ul>")]
	if strings.Contains(silent, ">МБОУ Школа № 1<") || strings.Contains(silent, ">МБОУ Школа № 2<") || !strings.Contains(silent, ">МБОУ Школа № 10<") {
		t.Fatalf("not answered:\n%s", silent)
	}
	// The chart's segments link to their rows.
	svg := dash[strings.Index(dash, "<svg"):strings.Index(dash, "</svg>")]
	if !strings.Contains(svg, "rows?section=") || !strings.Contains(svg, "&amp;status=done") || strings.Count(svg, "<rect") < 10 {
		t.Fatalf("chart:\n%s", svg)
	}
	// Drawn twice, wide for a screen and narrow for a phone, whose
	// section names are cut shorter to stay inside it.
	narrow := dash[strings.Index(dash, `id="chart-narrow"`):]
	narrow = narrow[:strings.Index(narrow, "</svg>")]
	if !strings.Contains(dash, `id="chart-wide" viewBox="0 0 760 `) || !strings.Contains(narrow, `viewBox="0 0 380 `) || !strings.Contains(narrow, "rows?section=") {
		t.Fatalf("the two charts:\n%s", narrow)
	}
	for _, m := range regexp.MustCompile(`dy="13">([^<]*)</text>`).FindAllStringSubmatch(narrow, -1) {
		if n := utf8.RuneCountInString(html.UnescapeString(m[1])); n > 44 {
			t.Errorf("the phone's chart names a section in %d characters: %q", n, m[1])
		}
	}
	// The group filter.
	g := e.get(e.admin, "/plans/"+hash+"/q/2022Q1?group="+url.QueryEscape("ОбОО"), http.StatusOK)
	orgs := g[strings.Index(g, `<table class="list" id="orgs">`):]
	orgs = orgs[:strings.Index(orgs, "</table>")]
	if strings.Count(orgs, `<td data-label="Организация">`) != 2 || !strings.Contains(orgs, "МБОУ Школа № 2") || strings.Contains(orgs, "ДДТ") {
		t.Fatalf("group ОбОО:\n%s", orgs)
	}
	// Filters that make no sense are refused, not ignored.
	e.get(e.admin, "/plans/"+hash+"/q/2022Q1/rows?status=готово", http.StatusBadRequest)
	e.get(e.admin, "/plans/"+hash+"/q/2022Q1/rows?org=nobody", http.StatusNotFound)
	e.get(e.admin, "/plans/"+hash+"/q/2022Q9", http.StatusNotFound)
}

// The plans list shows the progress of the current quarter.
func TestPlansListProgress(t *testing.T) { pgtest.Run(t, testPlansListProgress) }

func testPlansListProgress(t *testing.T, eng pgtest.Engine) {
	e, hash, _ := answered(t, eng)
	row := rowOf(t, e.get(e.admin, "/plans", http.StatusOK), "plan-"+hash)
	done := regexp.MustCompile(`rows\?status=done">(\d+)</a> из <a href="[^"]+">(\d+)</a>`).FindStringSubmatch(row)
	if done == nil || done[1] == "0" {
		t.Fatalf("plans list: %s", row)
	}
}
