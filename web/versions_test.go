package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/seedtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// amendedSarov is the Sarov roadmap as amended: item 1.2 taken out (the
// items after it renumbered), the deadline of 1.5 (now 1.4) moved to
// March 2022.
func amendedSarov(t *testing.T) file {
	return file{name: "Саров_в_ред_01.04.2022.txt", data: seedtest.Amend(t, sarov, "в ред. приказа от 01.04.2022 № 12", 2,
		"Организационные мероприятия по реализации ФП «Социальная активность» ПНПО\tВ течение всего периода",
		"Организационные мероприятия по реализации ФП «Социальная активность» ПНПО\tМарт 2022 г.")}
}

// A new version of an accepted roadmap is compared before it is
// accepted: the change sheet on the page and to download, the answers
// that will count for it and those that stay with the old version; once
// accepted (from a quarter), the plan's page shows its versions and which
// was in force in each quarter, the list of plans only the version in
// force, and the answers given before count for the new version.
func TestNewVersion(t *testing.T) { pgtest.Run(t, testNewVersion) }

func testNewVersion(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	school := links["МБОУ Школа № 1"]
	for _, item := range []string{"1.2", "1.5"} {
		e.saveRow(e.client(), school, item, url.Values{"status": {"done"}, "evidence": {"приказ по " + item}, "key": {"version-key-" + strings.ReplaceAll(item, ".", "-")}}, http.StatusOK)
	}
	// The upload from the plan's page goes to the comparison.
	page := e.get(e.admin, "/plans/"+hash, http.StatusOK)
	mustContain(t, page, `id="version-upload"`, `id="versions"`, "первоначальная")
	body, resp := e.upload(e.admin, "/plans/"+hash+"/versions", "file", []file{amendedSarov(t)}, nil, http.StatusOK)
	base := resp.Request.URL.Path
	if !strings.HasPrefix(base, "/plans/"+hash+"/versions/") {
		t.Fatalf("the upload of a new version went to %s", base)
	}
	mustContain(t, body, "Будет зарегистрирована <b>редакция 2</b> (в ред. приказа от 01.04.2022 № 12)",
		"исключено 1.", `id="diff-removed"`, "Организационные мероприятия по внедрению ставок советников",
		`id="version-kept"`, "1.2. Организационные мероприятия по внедрению ставок советников по воспитанию в рамках реализации проекта «Навигаторы детства» — 1 ответ",
		`id="diff-changed"`, "<del>В течение всего периода</del> → <ins>Март 2022 г.</ins>", `id="diff-renumbered"`,
		`id="version-carried">Ответы организаций по сопоставленным мероприятиям перейдут в новую редакцию: <b>1</b>`,
		`<option value="2022Q1" selected>`)
	// Nothing is registered by looking.
	if chain, err := e.st.Chain(hash); err != nil || len(chain) != 1 {
		t.Fatalf("the comparison registered a version: %d, %v", len(chain), err)
	}
	// The change sheet, as roadmap diff writes it.
	text := pdfText(t, e.download(base+"/changes.pdf", pdfType, "_лист_изменений.pdf"))
	for _, want := range []string{"Лист изменений", "Исключенные мероприятия", "Март 2022"} {
		if !strings.Contains(text, want) {
			t.Errorf("the change sheet PDF lacks %q", want)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(e.download(base+"/changes.xlsx", xlsxType, "_лист_изменений.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetCellValue("Лист изменений", "A1"); !strings.Contains(v, "Лист изменений") {
		t.Errorf("the change sheet workbook starts %q", v)
	}

	// Accepted from the second quarter.
	resp2, err := e.admin.PostForm(e.ts.URL+base+"/accept", url.Values{"quarter": {"2022Q2"}})
	if err != nil {
		t.Fatal(err)
	}
	page = readBody(t, resp2)
	newHash, _ := strings.CutPrefix(resp2.Request.URL.Path, "/plans/")
	if resp2.StatusCode != http.StatusOK || len(newHash) != 16 || newHash == hash {
		t.Fatalf("accept: %d at %s\n%s", resp2.StatusCode, resp2.Request.URL, clipBody(page))
	}
	mustContain(t, page, `id="amended"`, "действует с II квартала 2022 г.", `id="version-2"`, "в ред. приказа от 01.04.2022 № 12",
		"с II квартала 2022 г.", "по I квартал 2022 г.", "(действующая)", "добавлено 0, исключено 1, изменено 1",
		`<a href="/plans/`+hash+`/q/2022Q1" id="dashboard-2022Q1">`, `<a href="/plans/`+newHash+`/q/2022Q2" id="dashboard-2022Q2">`)
	if strings.Contains(page, `id="plan-replaced"`) {
		t.Error("the version in force says it is replaced")
	}
	old := e.get(e.admin, "/plans/"+hash, http.StatusOK)
	mustContain(t, old, `id="plan-replaced"`, `href="/plans/`+newHash+`" id="current-version">редакция 2`)
	if strings.Contains(old, `id="version-upload"`) {
		t.Error("a replaced version offers to upload its successor")
	}
	plans := e.get(e.admin, "/plans", http.StatusOK)
	if !strings.Contains(plans, `id="plan-`+newHash+`"`) || strings.Contains(plans, `id="plan-`+hash+`"`) {
		t.Error("the list of plans does not show only the version in force")
	}
	if strings.Contains(plans, `id="pending"`) {
		t.Error("the accepted version still waits for a decision")
	}
	// The answer to 1.5 counts for the new version's 1.4; the answer to
	// the removed 1.2 stays with the old version.
	np, err := e.st.Plan(newHash)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := e.st.Progress(np, store.Query{Quarter: "2022Q2", Org: school.Org})
	if err != nil {
		t.Fatal(err)
	}
	if as := prog.Answers[itemByNumber(t, np, "1.4.")]; len(as) != 1 || as[0].Evidence != "приказ по 1.5" {
		t.Errorf("the new version's 1.4 has the answers %+v, want the one given to 1.5", as)
	}
	op, _ := e.st.Plan(hash)
	oprog, err := e.st.Progress(op, store.Query{Quarter: "2022Q1", Org: school.Org})
	if err != nil {
		t.Fatal(err)
	}
	if as := oprog.Answers[itemByNumber(t, op, "1.2.")]; len(as) != 1 {
		t.Errorf("the old version's 1.2 has %d answers, want its one", len(as))
	}

	// Decided once; a replaced version has no successor to take.
	e.post(e.admin, base+"/accept", url.Values{"quarter": {"2022Q2"}}, http.StatusConflict)
	_, resp = e.upload(e.admin, "/plans/"+hash+"/versions", "file", []file{amendedSarov(t)}, nil, http.StatusOK)
	mustContain(t, e.get(e.admin, resp.Request.URL.Path, http.StatusOK), `id="version-refused"`, "эта редакция уже заменена более новой")
}

// itemByNumber is the id of the item printed with the number.
func itemByNumber(t *testing.T, p *plan.Plan, num string) string {
	t.Helper()
	for _, it := range p.Items {
		if it.Num() == num {
			return it.ID
		}
	}
	t.Fatalf("no item %s", num)
	return ""
}

// An unrelated roadmap is not a new version; a file chosen on its import
// page as a new version goes to the same comparison; none of it is open
// to a school's link or to another site.
func TestNewVersionRefused(t *testing.T) { pgtest.Run(t, testNewVersionRefused) }

func testNewVersionRefused(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	_, resp := e.upload(e.admin, "/plans/"+hash+"/versions", "file", []file{readFile(t, derbent)}, nil, http.StatusOK)
	page := e.get(e.admin, resp.Request.URL.Path, http.StatusOK)
	mustContain(t, page, `id="version-refused"`, "это другой план, а не новая редакция", `id="version-discard"`)
	if strings.Contains(page, `id="version-accept"`) {
		t.Error("an unrelated plan can be accepted as a new version")
	}
	e.post(e.admin, resp.Request.URL.Path+"/accept", nil, http.StatusConflict)

	// From the imports: the file is offered as a version of the plan.
	_, resp = e.upload(e.admin, "/plans/upload", "files", []file{amendedSarov(t)}, nil, http.StatusOK)
	imp := resp.Request.URL.Path
	mustContain(t, e.get(e.admin, imp, http.StatusOK), `id="as-version-form"`, `<option value="`+hash+`">`)
	body := e.get(e.admin, imp+"/as-version?plan="+hash, http.StatusOK)
	mustContain(t, body, "Будет зарегистрирована <b>редакция 2</b>")
	e.get(e.admin, imp+"/as-version?plan=0123456789abcdef", http.StatusNotFound)

	// A school's link opens none of it; another site cannot post it.
	school := e.client()
	e.get(school, links["МБОУ Школа № 1"].path(), http.StatusOK)
	resp3, err := school.Get(e.ts.URL + "/plans/" + hash + "/versions/1")
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp3)
	if resp3.Request.URL.Path != "/login" {
		t.Errorf("a school reached %s", resp3.Request.URL)
	}
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/plans/"+hash+"/versions/2/accept", strings.NewReader("quarter=2022Q2"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp4, err := e.admin.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp4)
	if resp4.StatusCode != http.StatusForbidden {
		t.Errorf("a cross-site accept: %d, want 403", resp4.StatusCode)
	}
	if chain, _ := e.st.Chain(hash); len(chain) != 1 {
		t.Errorf("a refused version was registered: %d versions", len(chain))
	}
}
