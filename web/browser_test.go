package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/roadmap-tool/roadmap/internal/browsertest"
	"github.com/roadmap-tool/roadmap/internal/seedtest"
	"github.com/roadmap-tool/roadmap/internal/tooltest"
	"github.com/roadmap-tool/roadmap/internal/webtest"
	"github.com/roadmap-tool/roadmap/web"
)

// The quarter as the people of issue 12 live it, in a real browser
// (chromium, headless): a department specialist on a desktop, a school's
// deputy head on a phone whose connection comes and goes. Screenshots of
// every page, at desktop and phone widths, go to ROADMAP_SCREENSHOTS (a
// folder; a temporary one when unset): the README's come from there.

const (
	sarovSeed = "../seeds/000_a1e155e70aa7bfd4.txt"
	// the directory the department uploads: five schools of the group
	// ОбОО and a house of children's creativity.
	directoryCSV = "name,short,email,groups\n" +
		"МБОУ «Средняя школа № 1»,Школа № 1,school1@example.ru,ОбОО\n" +
		"МБОУ «Средняя школа № 2»,Школа № 2,school2@example.ru,ОбОО\n" +
		"МБОУ «Лицей № 3»,Лицей № 3,lyceum3@example.ru,ОбОО\n" +
		"МБОУ «Гимназия № 4»,Гимназия № 4,,ОбОО\n" +
		"МБОУ «Средняя школа № 5»,Школа № 5,school5@example.ru,ОбОО\n" +
		"МБУ ДО «Дом детского творчества»,ДДТ,ddt@example.ru,ОДО\n"
	theSchool = "МБОУ «Средняя школа № 1»"
)

// desktop and phone are the two windows: a department's monitor and a
// school's phone (390×844, a phone's browser as the server sees it).
var (
	desktop = phoneless{width: 1280, height: 900}
	phone   = device.Info{Name: "phone", Width: 390, Height: 844, Scale: 2, Mobile: true, Touch: true,
		UserAgent: "Mozilla/5.0 (Linux; Android 13; SM-A525F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"}
)

type phoneless struct{ width, height int64 }

func (d phoneless) Device() device.Info {
	return device.Info{Name: "desktop", Width: d.width, Height: d.height, Scale: 1,
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"}
}

type phoneDevice struct{}

func (phoneDevice) Device() device.Info { return phone }

// session is one person's tab.
type session struct {
	t    *testing.T
	ctx  context.Context
	dir  string // downloads
	shot string // screenshots
	name string
}

func (s *session) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		s.t.Fatalf("%s: %s: %v", s.name, what, err)
	}
}

func (s *session) text(sel string) string {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		s.t.Fatalf("%s: the text of %s: %v", s.name, sel, err)
	}
	return strings.TrimSpace(v)
}

func eval[T any](s *session, js string) T {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		s.t.Fatalf("%s: %s: %v", s.name, js, err)
	}
	return v
}

// waitFor waits until the JavaScript condition holds.
func (s *session) waitFor(what, cond string, timeout time.Duration) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, timeout+5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		state := eval[string](s, `Array.from(document.querySelectorAll(".state")).map(e => e.id + ": " + e.textContent).join("\n")`)
		s.t.Fatalf("%s: waiting for %s: %v\n%s", s.name, what, err, state)
	}
}

// screenshot saves the whole page as NAME.png.
func (s *session) screenshot(name string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, time.Minute)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Fatalf("%s: screenshot %s: %v", s.name, name, err)
	}
	if err := os.WriteFile(filepath.Join(s.shot, name+".png"), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// viewport saves what the window shows as NAME.png.
func (s *session) viewport(name string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, time.Minute)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		s.t.Fatalf("%s: screenshot %s: %v", s.name, name, err)
	}
	if err := os.WriteFile(filepath.Join(s.shot, name+".png"), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// download clicks sel and returns the file the browser saved.
func (s *session) download(sel string) ([]byte, string) {
	s.t.Helper()
	data, name, err := browsertest.Download(s.ctx, s.dir, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		s.t.Fatalf("%s: download by %s: %v", s.name, sel, err)
	}
	return data, name
}

// setOffline cuts the tab's network (navigator.onLine follows) or brings
// it back.
func (s *session) setOffline(off bool) {
	s.t.Helper()
	cond := []*network.Conditions{}
	if off {
		cond = append(cond, &network.Conditions{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
	}
	if _, err := chromedp.Call(s.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: cond}); err != nil {
		s.t.Fatalf("%s: network conditions: %v", s.name, err)
	}
	if _, err := chromedp.Call(s.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		s.t.Fatalf("%s: network state: %v", s.name, err)
	}
}

// byID selects an element by an id that may hold dots (item ids do).
func byID(id string) chromedp.CSS { return chromedp.CSS(`[id="` + id + `"]`) }

// choose picks an option of a select as a person does: the value
// changes and the page hears "change".
func choose(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q; e.dispatchEvent(new Event("change", {bubbles: true})); })()`, id, value))
}

func TestBrowserQuarter(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser session of a minute or two: not with -short")
	}
	pdftotext := tooltest.Need(t, "pdftotext")
	shots := os.Getenv("ROADMAP_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	b := browsertest.Start(t)
	msk := time.FixedZone("MSK", 3*3600)
	now := time.Date(2022, 2, 15, 10, 0, 0, 0, msk)
	e, faults := webtest.StartFaulty(t, web.Options{Now: func() time.Time { return now }, Location: msk, Version: "test"})

	// The department: log in, upload the Sarov roadmap, read it, accept.
	dept := &session{t: t, dir: filepath.Join(t.TempDir(), "downloads"), shot: shots, name: "управление"}
	dept.ctx = b.Tab(t, dept.dir)
	dept.do("desktop", chromedp.Emulate(desktop), chromedp.Navigate(e.URL+"/plans"))
	if loc := eval[string](dept, `location.pathname`); loc != "/login" {
		t.Fatalf("a page without a session went to %s, want /login", loc)
	}
	dept.screenshot("login")
	dept.do("log in", chromedp.SendKeys(chromedp.CSS("#login"), webtest.Login), chromedp.SendKeys(chromedp.CSS("#password"), webtest.Password),
		chromedp.Click(chromedp.CSS("#login-submit")), chromedp.WaitVisible(chromedp.CSS("#plans-upload")))
	dept.screenshot("plans-empty")
	seed, _ := filepath.Abs(sarovSeed)
	dept.do("upload the roadmap", chromedp.SetUploadFiles(chromedp.CSS("#plans-files"), []string{seed}),
		chromedp.Click(chromedp.CSS("#plans-upload-submit")), chromedp.WaitVisible(chromedp.CSS("#import-summary")))
	if n := dept.text("#import-items"); n != "79" {
		t.Errorf("the import shows %s items, want 79", n)
	}
	diags := eval[int](dept, `document.querySelectorAll("#outline ul.diags li").length`)
	if diags == 0 {
		t.Error("the outline shows no diagnostic at its rows")
	}
	if w := dept.text("#import-warnings"); w != "2 предупреждения" {
		t.Errorf("import summary: %q", w)
	}
	dept.screenshot("import")
	// the outline around its first diagnostic, as the README shows it
	dept.do("scroll to a diagnostic", chromedp.Evaluate[chromedp.Void](`document.querySelector("#outline ul.diags").closest("tr").scrollIntoView({block: "center"})`))
	dept.viewport("import-diagnostics")
	dept.do("accept", chromedp.Click(chromedp.CSS("#import-accept")), chromedp.WaitVisible(chromedp.CSS("#plan-title")))
	planPath := eval[string](dept, `location.pathname`)
	if n := dept.text("#plan-items"); n != "79" {
		t.Errorf("the plan's page shows %s items, want 79", n)
	}
	dept.screenshot("plan")

	// The directory of organisations, uploaded as a CSV file.
	dirCSV := filepath.Join(t.TempDir(), "школы.csv")
	if err := os.WriteFile(dirCSV, []byte(directoryCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	dept.do("upload the directory", chromedp.Click(chromedp.CSS("#nav-orgs")), chromedp.WaitVisible(chromedp.CSS("#orgs-upload")),
		chromedp.SetUploadFiles(chromedp.CSS("#orgs-file"), []string{dirCSV}), chromedp.Click(chromedp.CSS("#orgs-upload-submit")),
		chromedp.WaitVisible(chromedp.CSS("#orgs")))
	if n := eval[int](dept, `document.querySelectorAll("#orgs tbody tr").length`); n != 6 {
		t.Errorf("the directory shows %d organisations, want 6", n)
	}
	dept.screenshot("orgs")

	// Links for the first quarter of 2022, as a list for a mail merge.
	dept.do("links page", chromedp.Navigate(e.URL+planPath+"/q/2022Q1/links"), chromedp.WaitVisible(chromedp.CSS("#issue-form")))
	dept.screenshot("links-before")
	dept.do("the list only", chromedp.Click(chromedp.CSS("#format-csv")))
	data, name := dept.download("#issue-submit")
	if !strings.HasSuffix(name, "_ссылки.csv") {
		t.Errorf("the list of links is named %q", name)
	}
	links := readLinks(t, data)
	recipients := eval[int](dept, `document.querySelectorAll("#links tbody tr").length`)
	if len(links) != recipients {
		t.Errorf("%d links issued, want one per organisation of the page (%d)", len(links), recipients)
	}
	for _, school := range []string{"МБОУ «Средняя школа № 1»", "МБОУ «Средняя школа № 2»", "МБОУ «Лицей № 3»", "МБОУ «Гимназия № 4»", "МБОУ «Средняя школа № 5»"} {
		if links[school] == "" {
			t.Errorf("no link for %s, a school of ОбОО", school)
		}
	}
	link := links[theSchool]
	if !strings.HasPrefix(link, e.URL+"/s/") {
		t.Fatalf("the link of %s: %q", theSchool, link)
	}
	dept.do("links issued", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#links")))
	if n := eval[int](dept, `Array.from(document.querySelectorAll("#links tbody tr")).filter(r => r.textContent.includes("действует по")).length`); n != recipients {
		t.Errorf("the links page shows %d live links, want %d", n, recipients)
	}
	dept.screenshot("links")
	listed := eval[string](dept, fmt.Sprintf(`Array.from(document.querySelectorAll("#links tbody tr")).filter(tr => tr.textContent.includes(%q)).map(tr => tr.querySelector('td[data-label="Мероприятий"]').textContent.trim()).join()`, theSchool))

	// A school opens its link on a phone and fills in three rows.
	school := &session{t: t, ctx: b.Tab(t, ""), shot: shots, name: "школа"}
	school.do("phone", chromedp.Emulate(phoneDevice{}), chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#school-name")))
	if got := school.text("#school-name"); got != theSchool {
		t.Errorf("the school page is headed %q, want %q", got, theSchool)
	}
	if w := eval[int](school, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the school's page is %d px wide on a phone of 390: it scrolls sideways", w)
	}
	items := eval[[]string](school, `Array.from(document.querySelectorAll("form.row[data-item]")).slice(0, 3).map(f => f.dataset.item)`)
	if len(items) != 3 {
		t.Fatalf("the school's page shows %d rows, want at least 3", len(items))
	}
	school.viewport("school-phone")
	// The department's list of links counts the activities the school's
	// page shows (those carried into the quarter included).
	if shown := eval[int](school, `document.querySelectorAll("form.row[data-item]").length`); listed != strconv.Itoa(shown) {
		t.Errorf("the list of links counts %q activities of %s, its page shows %d", listed, theSchool, shown)
	}
	saved := func(item string) string {
		return fmt.Sprintf(`document.getElementById("state-%s").textContent.startsWith("Сохранено")`, item)
	}
	evidence := []string{"Приказ № 15 от 10.02.2022 «О проведении месячника»", "Справка о проведении, 12.02.2022", "https://school1.example.ru/news/42"}
	for i, item := range items[:2] {
		school.do("row "+item, choose("status-"+item, "done"), chromedp.SendKeys(byID("evidence-"+item), evidence[i]))
		school.waitFor("row "+item+" saved", saved(item), 15*time.Second)
	}
	school.do("scroll to the first row", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById("row-%s").scrollIntoView({block: "start"})`, items[0])))
	school.viewport("school-phone-saved")

	// The third row: its status is saved, then its evidence reaches the
	// server and is stored, and the reply is lost on its way back; the
	// connection stays down.
	third := items[2]
	school.do("row "+third+" status", choose("status-"+third, "in_progress"))
	school.waitFor("row "+third+" status saved", saved(third), 15*time.Second)
	dropped := faults.DropReplies("/s/", 1)
	school.do("row "+third+" evidence", chromedp.SendKeys(byID("evidence-"+third), evidence[2]))
	select {
	case <-dropped:
	case <-time.After(20 * time.Second):
		t.Fatal("the third row's save never reached the server")
	}
	school.setOffline(true)
	school.waitFor("the third row waits", fmt.Sprintf(`document.getElementById("state-%s").textContent.includes("Нет связи")`, third), 15*time.Second)
	// More typed while offline: a comment on the second row.
	school.do("comment offline", chromedp.SendKeys(byID("comment-"+items[1]), "Проведено для 5–9 классов"))
	school.waitFor("the second row waits", fmt.Sprintf(`!document.getElementById("state-%s").textContent.startsWith("Сохранено")`, items[1]), 10*time.Second)
	if got := school.text("#sync"); !strings.Contains(got, "2") {
		t.Errorf("offline, the page's summary says %q; want the 2 rows waiting", got)
	}
	kept := eval[int](school, `Object.keys(localStorage).filter(k => k.startsWith("roadmap:")).length`)
	if kept != 2 {
		t.Errorf("offline, %d rows are kept on the device, want 2", kept)
	}
	school.do("scroll to the third row", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById("row-%s").scrollIntoView({block: "center"})`, third)))
	school.viewport("school-phone-offline")

	// Back online: both are sent, the third replayed under its key.
	faults.SetDown(false)
	school.setOffline(false)
	for _, item := range []string{items[1], third} {
		school.waitFor("row "+item+" saved once back online", saved(item), 20*time.Second)
	}
	school.waitFor("the summary says all is saved", `document.getElementById("sync").textContent.includes("сохранены")`, 5*time.Second)
	if kept := eval[int](school, `Object.keys(localStorage).filter(k => k.startsWith("roadmap:")).length`); kept != 0 {
		t.Errorf("after saving, %d rows are still kept on the device", kept)
	}
	edits := func(item string) []string {
		t.Helper()
		rows, err := e.Store.DB().Query(`SELECT evidence || ' | ' || comment FROM edits WHERE org = ? AND item_id = ? ORDER BY id`, theSchool, item)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	// Each change of a row is one answer of the history: its status, then
	// its evidence, then (the second row) its comment, never one twice.
	if got := edits(third); len(got) != 2 || got[1] != evidence[2]+" | " {
		t.Errorf("the third row, whose save was lost on its way back and retried, is stored as %q; want its status, then its evidence once", got)
	}
	if got := edits(items[1]); len(got) != 3 || got[2] != evidence[1]+" | Проведено для 5–9 классов" {
		t.Errorf("the second row, changed offline, is stored as %q; want its status, evidence, then the comment", got)
	}

	// A reload while offline: what was typed is still there after it.
	school.setOffline(true)
	faults.SetDown(true)
	school.do("comment before the reload", chromedp.SendKeys(byID("comment-"+items[0]), "Итоги подведены на педсовете"))
	school.waitFor("the first row waits", fmt.Sprintf(`document.getElementById("state-%s").textContent.includes("Нет связи")`, items[0]), 15*time.Second)
	ctx, cancel := context.WithTimeout(school.ctx, 20*time.Second)
	chromedp.Do(ctx, chromedp.Reload()) // the browser's own "no connection" page
	cancel()
	faults.SetDown(false)
	school.setOffline(false)
	school.do("reopen", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#school-name")))
	if got := eval[string](school, fmt.Sprintf(`document.getElementById("comment-%s").value`, items[0])); got != "Итоги подведены на педсовете" {
		t.Errorf("after a reload offline the comment reads %q", got)
	}
	school.waitFor("the first row saved after the reload", saved(items[0]), 20*time.Second)
	if got := edits(items[0]); len(got) != 3 || got[2] != evidence[0]+" | Итоги подведены на педсовете" {
		t.Errorf("the first row, typed before a reload offline, is stored as %q", got)
	}

	// The department's dashboard shows the answers.
	dept.do("dashboard", chromedp.Navigate(e.URL+planPath+"/q/2022Q1"), chromedp.WaitVisible(chromedp.CSS("#totals")))
	if got := dept.text("#total-done"); got != "2" {
		t.Errorf("the dashboard counts %s done, want 2", got)
	}
	if silent := dept.text("#silent-list"); strings.Contains(silent, theSchool) || !strings.Contains(silent, "МБОУ «Средняя школа № 2»") {
		t.Errorf("the dashboard's list of organisations that did not answer: %s", silent)
	}
	dept.screenshot("dashboard")
	dept.do("the school's rows", chromedp.Navigate(e.URL+planPath+"/q/2022Q1/rows?org="+url.QueryEscape(theSchool)+"&answered=yes"), chromedp.WaitVisible(chromedp.CSS("#rows")))
	body := dept.text("#rows")
	for _, ev := range evidence {
		if !strings.Contains(body, ev) {
			t.Errorf("the school's rows do not show %q", ev)
		}
	}
	dept.screenshot("rows")
	dept.do("back to the dashboard", chromedp.Navigate(e.URL+planPath+"/q/2022Q1"), chromedp.WaitVisible(chromedp.CSS("#download-report")))
	pdf, name := dept.download("#download-report")
	if !strings.HasSuffix(name, ".pdf") {
		t.Errorf("the report is named %q", name)
	}
	text := pdfText(t, pdftotext, pdf)
	os.WriteFile(filepath.Join(shots, "report.txt"), []byte(text), 0o644)
	for _, want := range append(evidence[:2:2], "Итоги подведены на педсовете", "Выполнено", "I квартал 2022") {
		if !strings.Contains(text, want) {
			t.Errorf("the quarterly PDF does not hold %q", want)
		}
	}

	// A new version of the roadmap: item 1.2 (which the school answered)
	// taken out, a deadline changed. Compared, its change sheet
	// downloaded, accepted from the second quarter.
	amended := filepath.Join(t.TempDir(), "Саров_в_ред_01.04.2022.txt")
	if err := os.WriteFile(amended, seedtest.Amend(t, sarovSeed, "в ред. приказа от 01.04.2022 № 12", 2,
		"Организационные мероприятия по реализации ФП «Социальная активность» ПНПО\tВ течение всего периода",
		"Организационные мероприятия по реализации ФП «Социальная активность» ПНПО\tМарт 2022 г."), 0o644); err != nil {
		t.Fatal(err)
	}
	dept.do("upload a new version", chromedp.Navigate(e.URL+planPath), chromedp.WaitVisible(chromedp.CSS("#version-upload")),
		chromedp.SetUploadFiles(chromedp.CSS("#version-file"), []string{amended}), chromedp.Click(chromedp.CSS("#version-upload-submit")),
		chromedp.WaitVisible(chromedp.CSS("#version-summary")))
	if got := dept.text("#version-diff-summary"); !strings.Contains(got, "исключено 1") {
		t.Errorf("the comparison says %q", got)
	}
	if got := dept.text("#version-kept"); !strings.Contains(got, "1.2.") || !strings.Contains(got, "3 ответа") {
		t.Errorf("the answers kept with the old version: %q; want 1.2 with the school's 3", got)
	}
	dept.screenshot("version")
	sheet, name := dept.download("#changes-pdf")
	if text := pdfText(t, pdftotext, sheet); !strings.Contains(text, "Лист изменений") || !strings.Contains(text, "Март 2022") || !strings.HasSuffix(name, "_лист_изменений.pdf") {
		t.Errorf("the change sheet %s reads: %.300s", name, text)
	}
	dept.do("accept the new version", chromedp.SetValue(chromedp.CSS("#version-quarter"), "2022Q2"), chromedp.Click(chromedp.CSS("#version-accept")),
		chromedp.WaitVisible(chromedp.CSS("#amended")))
	if got := dept.text("#versions"); !strings.Contains(got, "в ред. приказа от 01.04.2022 № 12") || !strings.Contains(got, "с II квартала 2022 г.") {
		t.Errorf("the versions of the plan: %s", got)
	}
	if got := dept.text("#quarter-2022Q1"); !strings.Contains(got, "1") {
		t.Errorf("the first quarter of 2022: %s", got)
	}
	dept.screenshot("plan-versions")

	// The pages the story above does not pass through, to look at: each
	// renders in full (its <main>) and says what it should.
	for _, p := range []struct{ name, path, want string }{
		{"plans", "/plans", "Дорожные карты"},
		{"imports", "/imports", "Загруженные"},
		{"item", planPath + "/items/" + url.PathEscape(items[0]), theSchool},
		{"workbooks", "/workbooks", "чек-лист"},
		{"org-edit", "/orgs/edit?name=" + url.QueryEscape(theSchool), theSchool},
		{"groups", "/groups", "Групп"},
		{"not-found", "/plans/" + strings.Repeat("0", 64), "не найден"},
	} {
		dept.do(p.name, chromedp.Navigate(e.URL+p.path), chromedp.WaitVisible(chromedp.CSS("#main")))
		if got := dept.text("#main"); !strings.Contains(got, p.want) {
			t.Errorf("%s: the page does not say %q:\n%s", p.path, p.want, got)
		}
		dept.screenshot("page-" + p.name)
	}
	// The error's words, written to go into sentences, start one alone.
	if got := dept.text("#error-message"); !strings.HasPrefix(got, "Страница не найдена") {
		t.Errorf("the page not found says %q, want it to start with a capital", got)
	}

	// The same pages on a phone, to look at.
	phoneDept := &session{t: t, ctx: b.Tab(t, ""), shot: shots, name: "управление с телефона"}
	phoneDept.do("log in on a phone", chromedp.Emulate(phoneDevice{}), chromedp.Navigate(e.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#login"), webtest.Login), chromedp.SendKeys(chromedp.CSS("#password"), webtest.Password),
		chromedp.Click(chromedp.CSS("#login-submit")), chromedp.WaitVisible(chromedp.CSS("#plans")))
	for _, p := range []struct{ name, path string }{{"plans", "/plans"}, {"dashboard", planPath + "/q/2022Q1"}, {"links", planPath + "/q/2022Q1/links"}, {"plan", planPath}} {
		phoneDept.do(p.name, chromedp.Navigate(e.URL+p.path), chromedp.WaitVisible(chromedp.CSS("#main")))
		if w := eval[int](phoneDept, `document.documentElement.scrollWidth`); w > 390 {
			t.Log(eval[string](phoneDept, `Array.from(document.querySelectorAll("*")).filter(e => e.getBoundingClientRect().right > 390).slice(0, 8).map(e => e.tagName + "#" + e.id + "." + e.className + " " + e.getBoundingClientRect().right).join("; ")`))
			t.Errorf("%s is %d px wide on a phone of 390: it scrolls sideways", p.path, w)
		}
		if p.name == "dashboard" {
			if !eval[bool](phoneDept, `(() => { const n = document.getElementById("chart-narrow").getBoundingClientRect(), w = document.getElementById("chart-wide").getBoundingClientRect(); return n.width > 300 && n.right <= 390 && w.width == 0; })()`) {
				t.Error("on a phone the dashboard does not show its narrow chart, whole, instead of the wide one")
			}
		}
		phoneDept.screenshot(p.name + "-phone")
	}
}

// readLinks reads the list of links (Excel's CSV: a BOM, ';').
func readLinks(t *testing.T, data []byte) map[string]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil || len(recs) < 1 {
		t.Fatalf("the list of links: %v\n%s", err, data)
	}
	out := map[string]string{}
	for _, rec := range recs[1:] {
		out[rec[0]] = rec[3]
	}
	return out
}

// pdfText is a PDF's text as pdftotext reads it.
func pdfText(t *testing.T, pdftotext string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
