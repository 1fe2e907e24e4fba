package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/xlsxtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// fillChecklist writes answers (item id -> status label, evidence) into a
// checklist as a school would in Excel.
func fillChecklist(t *testing.T, data []byte, answers map[string][2]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	man := xlsxtest.ReadManifest(t, f, "_manifest")
	const sheet = "Чек-лист"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	idCol := xlsxtest.ColOf(t, rows[4], "ID")
	stCol := xlsxtest.ColOf(t, rows[4], man["columns.status"])
	evCol := xlsxtest.ColOf(t, rows[4], man["columns.evidence"])
	for i, r := range rows[5:] {
		if len(r) < idCol {
			continue
		}
		a, ok := answers[r[idCol-1]]
		if !ok {
			continue
		}
		st, _ := excelize.CoordinatesToCellName(stCol, i+6)
		ev, _ := excelize.CoordinatesToCellName(evCol, i+6)
		f.SetCellValue(sheet, st, a[0])
		f.SetCellValue(sheet, ev, a[1])
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// schoolItems reads the item ids of the rows on a school's page.
func schoolItems(body string) []string {
	var ids []string
	for _, part := range strings.Split(body, `data-item="`)[1:] {
		ids = append(ids, part[:strings.IndexByte(part, '"')])
	}
	return ids
}

// itemsOf is what an organisation receives (recipients of the plan).
func (e *env) itemsOf(hash, org string) map[string]bool {
	e.t.Helper()
	pe, err := e.srv.planEntry(context.Background(), hash)
	if err != nil {
		e.t.Fatal(err)
	}
	rs, err := e.srv.recipients(context.Background(), pe)
	if err != nil {
		e.t.Fatal(err)
	}
	return rs.items[org]
}

// A school sees and touches only its own part: another school's item,
// page or file is "not found".
func TestSchoolIsolation(t *testing.T) { pgtest.Run(t, testSchoolIsolation) }

func testSchoolIsolation(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	one, two := links["МБОУ Школа № 1"], links["МБОУ Школа № 2"]
	mine, theirs := e.itemsOf(hash, one.Org), e.itemsOf(hash, "Департамент образования")
	var foreign string
	for id := range theirs {
		if !mine[id] {
			foreign = id
			break
		}
	}
	if foreign == "" || len(mine) == 0 {
		t.Fatal("the test needs an item of another organisation")
	}
	c := e.newSchool()
	page := e.get(c, one.path(), http.StatusOK)
	mustContain(t, page, `id="school-name">МБОУ Школа № 1<`, "I квартал 2022 г.", "Ссылка действует по 20.04.2022")
	for _, id := range schoolItems(page) {
		if !mine[id] {
			t.Errorf("school 1's page shows item %s, not its own", id)
		}
	}
	// School 2 answers; school 1 never sees it.
	e.saveRow(e.newSchool(), two, firstOf(e.itemsOf(hash, two.Org)), url.Values{"status": {"done"}, "evidence": {"секрет школы 2"}, "key": {"twotwotwo"}}, http.StatusOK)
	all := e.get(c, one.path()+"?all=1", http.StatusOK)
	if strings.Contains(all, "секрет школы 2") || strings.Contains(all, "МБОУ Школа № 2") {
		t.Fatal("school 1's page shows school 2's answer")
	}
	// Another organisation's item, an item not in the plan, junk: 404.
	for _, item := range []string{foreign, "no-such-item", "../../plans"} {
		e.saveRow(c, one, item, url.Values{"status": {"done"}, "key": {"isolation1"}}, http.StatusNotFound)
	}
	// A token never issued, a cut one, one of another form: 404, and the
	// response says nothing of any school.
	for _, p := range []string{"/s/" + strings.Repeat("A", 43), "/s/" + strings.TrimPrefix(one.path(), "/s/")[:20], "/s/x", one.path() + "x"} {
		body := e.get(c, p, http.StatusNotFound)
		if strings.Contains(body, "Школа") {
			t.Fatalf("%s: the 404 names a school", p)
		}
	}
	// School 2's workbook uploaded through school 1's link is refused.
	wb := e.get(e.newSchool(), two.path()+"/checklist.xlsx", http.StatusOK)
	filled := fillChecklist(t, []byte(wb), map[string][2]string{firstOf(e.itemsOf(hash, two.Org)): {"Выполнено", "подложный ответ"}})
	body, _ := e.upload(c, one.path()+"/upload", "file", []file{{name: "школа2.xlsx", data: filled}}, nil, http.StatusOK)
	mustContain(t, body, "ОТКАЗ: чек-лист другой организации («МБОУ Школа № 2»)")
	var n int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM submissions`).Scan(&n)
	if n != 0 {
		t.Fatal("another school's workbook was stored")
	}
	// The checklist of a link is its organisation's.
	f, err := excelize.OpenReader(strings.NewReader(e.get(c, one.path()+"/checklist.xlsx", http.StatusOK)))
	if err != nil {
		t.Fatal(err)
	}
	if man := xlsxtest.ReadManifest(t, f, "_manifest"); man["org"] != one.Org || man["plan_hash"] != hash {
		t.Fatalf("school 1's checklist: %v", man)
	}
	// A school's link opens no department page and no API.
	e.get(c, "/plans/"+hash, http.StatusOK) // the login page
	e.apiJSON(c, http.MethodGet, "/api/v1/plans/"+hash+"/quarters/2022Q1/answers", "", http.StatusUnauthorized)
}

func firstOf(m map[string]bool) string {
	best := ""
	for id := range m {
		if best == "" || id < best {
			best = id
		}
	}
	return best
}

// A row is saved idempotently: a retry stores one answer, a key reused
// for another answer is refused, and the history keeps every change.
func TestSchoolSaves(t *testing.T) { pgtest.Run(t, testSchoolSaves) }

func testSchoolSaves(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	one := links["МБОУ Школа № 1"]
	item := firstOf(e.itemsOf(hash, one.Org))
	c := e.newSchool()
	save := func(key, status, evidence string, want int) savedJSON {
		body := e.saveRow(c, one, item, url.Values{"status": {status}, "evidence": {evidence}, "date": {"2022-02-10"}, "key": {key}}, want)
		var s savedJSON
		json.Unmarshal([]byte(body), &s)
		return s
	}
	first := save("key-0001", "in_progress", "план работы", http.StatusOK)
	if first.ID == 0 || first.Replayed || first.Org != one.Org || first.Quarter != "2022Q1" {
		t.Fatalf("first save: %+v", first)
	}
	// The connection dropped before the answer came back: the page sends
	// the same row with the same key again, twice.
	for range 2 {
		if again := save("key-0001", "in_progress", "план работы", http.StatusOK); !again.Replayed || again.ID != first.ID {
			t.Fatalf("retry: %+v", again)
		}
	}
	save("key-0001", "done", "другое", http.StatusConflict)
	e.now = e.now.Add(time.Hour)
	save("key-0002", "done", "приказ № 5 от 10.02.2022", http.StatusOK)
	e.now = e.now.Add(time.Hour)
	if s := save("key-0003", "done", "приказ № 5 от 10.02.2022", http.StatusOK); !s.Unchanged {
		t.Fatalf("an unchanged row: %+v", s)
	}
	// Refused values.
	save("key-0004", "готово", "", http.StatusBadRequest)
	e.saveRow(c, one, item, url.Values{"status": {"done"}, "date": {"10.02.2022"}, "key": {"key-0005"}}, http.StatusBadRequest)
	e.saveRow(c, one, item, url.Values{"status": {"done"}, "evidence": {strings.Repeat("я", 4001)}, "key": {"key-0006"}}, http.StatusBadRequest)
	e.saveRow(c, one, item, url.Values{"status": {"done"}}, http.StatusBadRequest) // no key
	e.saveRow(c, one, item, url.Values{"evidence": {strings.Repeat("x", saveLimit)}, "key": {"key-0007"}}, http.StatusRequestEntityTooLarge)

	var n int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM edits`).Scan(&n)
	if n != 2 {
		t.Fatalf("%d answers stored, want 2 (a retry, an unchanged and refused saves store nothing)", n)
	}
	h, _ := e.st.History(context.Background(), hash, item, one.Org)
	if len(h) != 2 || h[0].Status != plan.StatusInProgress || h[1].Status != plan.StatusDone || h[1].By.LinkID != one.ID {
		t.Fatalf("history: %+v", h)
	}
	// The page shows what is saved; the item's page and its CSV the history.
	page := e.get(c, one.path()+"?all=1", http.StatusOK)
	row := page[strings.Index(page, `id="row-`+item+`"`):]
	row = row[:strings.Index(row, "</form>")]
	mustContain(t, row, `<option value="done" selected>`, "приказ № 5 от 10.02.2022", `value="2022-02-10"`, "Сохранено 15.02.2022 11:00")
	itemPage := e.get(e.admin, "/plans/"+hash+"/items/"+url.PathEscape(item)+"?quarter=2022Q1", http.StatusOK)
	mustContain(t, itemPage, "История (2)", "по ссылке организации", "приказ № 5 от 10.02.2022", "план работы")
	csv := e.get(e.admin, "/plans/"+hash+"/items/"+url.PathEscape(item)+"/history.csv", http.StatusOK)
	if lines := strings.Split(strings.TrimSpace(csv), "\r\n"); len(lines) != 3 || !strings.Contains(lines[1], "Выполняется") ||
		!strings.Contains(lines[2], "Выполнено") || !strings.Contains(lines[2], "веб-форма (по ссылке организации)") {
		t.Fatalf("history.csv:\n%s", csv)
	}
}

// Without JavaScript a row's form posts and comes back to the page.
func TestSchoolSaveWithoutScript(t *testing.T) { pgtest.Run(t, testSchoolSaveWithoutScript) }

func testSchoolSaveWithoutScript(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	one := links["МБОУ Школа № 1"]
	item := firstOf(e.itemsOf(hash, one.Org))
	c := e.newSchool()
	page := e.get(c, one.path(), http.StatusOK)
	key := page[strings.Index(page, `id="row-`+item+`"`):]
	key = key[strings.Index(key, `name="key" value="`)+len(`name="key" value="`):]
	key = key[:strings.IndexByte(key, '"')]
	form := url.Values{"status": {"not_done"}, "comment": {"перенесли на апрель"}, "key": {key}}
	resp, err := noRedirect(c).PostForm(e.ts.URL+one.path()+"/items/"+url.PathEscape(item), form)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, one.path()+"?saved=") || !strings.HasSuffix(loc, "#row-"+url.QueryEscape(item)) {
		t.Fatalf("form save: %d to %q", resp.StatusCode, loc)
	}
	back := e.get(c, loc, http.StatusOK)
	row := back[strings.Index(back, `id="row-`+item+`"`):]
	mustContain(t, row[:strings.Index(row, "</form>")], `class="state saved"`, "перенесли на апрель", `<option value="not_done" selected>`)
	// The back button and the same form again: still one answer.
	e.post(c, one.path()+"/items/"+url.PathEscape(item), form, http.StatusOK)
	var n int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM edits`).Scan(&n)
	if n != 1 {
		t.Fatalf("%d answers after a resubmitted form", n)
	}
}

// A school's filled workbook uploaded through its link lands; a zip bomb
// is refused and the page still works.
func TestSchoolUpload(t *testing.T) { pgtest.Run(t, testSchoolUpload) }

func testSchoolUpload(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	one := links["МБОУ Школа № 1"]
	c := e.newSchool()
	items := e.itemsOf(hash, one.Org)
	item := firstOf(items)
	wb := e.get(c, one.path()+"/checklist.xlsx", http.StatusOK)
	filled := fillChecklist(t, []byte(wb), map[string][2]string{item: {"Выполнено", "отчет на сайте школы"}})
	body, _ := e.upload(c, one.path()+"/upload", "file", []file{{name: "мой отчет.xlsx", data: filled}}, nil, http.StatusOK)
	mustContain(t, body, "мой отчет.xlsx: собрано 1 ответ, МБОУ Школа № 1")
	// Done, the carried item leaves the quarter's list; all shows it.
	mustContain(t, e.get(c, one.path()+"?all=1", http.StatusOK), "отчет на сайте школы")
	h, _ := e.st.History(context.Background(), hash, item, one.Org)
	if len(h) != 1 || h[0].Kind != store.KindChecklist || h[0].By.LinkID != one.ID {
		t.Fatalf("history: %+v", h)
	}
	body, _ = e.upload(c, one.path()+"/upload", "file", []file{{name: "бомба.xlsx", data: zipBomb()}}, nil, http.StatusOK)
	mustContain(t, body, "ОТКАЗ: подозрение на zip-бомбу")
	e.get(c, one.path(), http.StatusOK)
}

// A revoked or expired link says so (410); a reissued one works.
func TestLinkLifecycle(t *testing.T) { pgtest.Run(t, testLinkLifecycle) }

func testLinkLifecycle(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	one := links["МБОУ Школа № 1"]
	c := e.newSchool()
	e.post(e.admin, "/links/"+itoa(one.ID)+"/revoke", nil, http.StatusOK)
	mustContain(t, e.get(c, one.path(), http.StatusGone), "ссылка отозвана")
	mustContain(t, e.get(e.admin, "/plans/"+hash+"/q/2022Q1/links", http.StatusOK), "отозвана 15.02.2022")
	e.saveRow(c, one, firstOf(e.itemsOf(hash, one.Org)), url.Values{"status": {"done"}, "key": {"afterrevoke"}}, http.StatusGone)
	page := e.post(e.admin, "/links/"+itoa(one.ID)+"/reissue", nil, http.StatusOK)
	mustContain(t, page, "Ссылка показывается один раз", "МБОУ Школа № 1")
	u := page[strings.Index(page, `readonly value="`)+len(`readonly value="`):]
	u = u[:strings.IndexByte(u, '"')]
	fresh := issuedLinkT{URL: u}
	e.get(c, fresh.path(), http.StatusOK)
	links2 := e.get(e.admin, "/plans/"+hash+"/q/2022Q1/links", http.StatusOK)
	mustContain(t, links2, "действует по 20.04.2022", "выдавалась раньше: 1")
	// After the reporting window (to the 20th of the month after the
	// quarter) the link no longer opens.
	e.now = time.Date(2022, 4, 20, 23, 59, 0, 0, time.UTC)
	e.get(c, fresh.path(), http.StatusOK)
	e.now = time.Date(2022, 4, 21, 0, 0, 0, 0, time.UTC)
	mustContain(t, e.get(c, fresh.path(), http.StatusGone), "срок действия ссылки истек")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
