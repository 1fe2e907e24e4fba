package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
	"github.com/roadmap-tool/roadmap/internal/xlsxtest"
)

// download fetches a document and checks its type and name.
func (e *env) download(path, ctype, nameHas string) []byte {
	e.t.Helper()
	return e.fetchDocument(http.MethodGet, path, ctype, nameHas)
}

// issueDocument sends a form that issues a document and checks the
// document's type and name.
func (e *env) issueDocument(path, ctype, nameHas string) []byte {
	e.t.Helper()
	return e.fetchDocument(http.MethodPost, path, ctype, nameHas)
}

func (e *env) fetchDocument(method, path, ctype, nameHas string) []byte {
	e.t.Helper()
	var resp *http.Response
	var err error
	if method == http.MethodPost {
		resp, err = e.admin.PostForm(e.ts.URL+path, url.Values{})
	} else {
		resp, err = e.admin.Get(e.ts.URL + path)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), ctype) ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		e.t.Fatalf("%s: %d %v\n%s", path, resp.StatusCode, resp.Header, clipBody(string(data)))
	}
	if d, _ := url.QueryUnescape(resp.Header.Get("Content-Disposition")); !strings.Contains(d, nameHas) {
		e.t.Fatalf("%s: file name %q lacks %q", path, d, nameHas)
	}
	return data
}

// The documents downloaded from the pages hold the answers saved on the
// web: the tracker, the quarterly PDF, the matrices, the status CSV.
func TestDownloads(t *testing.T) { pgtest.Run(t, testDownloads) }

func testDownloads(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	one := links["МБОУ Школа № 1"]
	item := dueItems(e.get(e.newSchool(), one.path(), http.StatusOK))[0]
	e.saveRow(e.newSchool(), one, item, url.Values{"status": {"done"}, "evidence": {"Приказ № 77 от 01.02.2022"}, "key": {"download-1"}}, http.StatusOK)

	// The tracker with answers.
	data := e.download("/plans/"+hash+"/tracker.xlsx?quarter=2022Q1", xlsxType, "_трекер_2022Q1.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, r := range rows {
			if strings.Contains(strings.Join(r, "|"), "Приказ № 77 от 01.02.2022") {
				found = true
			}
		}
	}
	if !found {
		t.Fatal("the tracker lacks the answer saved on the web")
	}
	// The quarterly report, read by poppler.
	pdf := e.download("/plans/"+hash+"/q/2022Q1/report.pdf", pdfType, "_отчет_2022Q1.pdf")
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	text := pdfText(t, pdf)
	if !strings.Contains(text, "Приказ № 77") || !strings.Contains(text, "I квартал 2022") {
		t.Fatalf("the report lacks the answer:\n%s", text[:min(len(text), 2000)])
	}
	// Matrices in both formats, the status, the plan.
	if _, err := excelize.OpenReader(bytes.NewReader(e.download("/plans/"+hash+"/matrices.xlsx?quarter=2022Q1", xlsxType, "_матрицы.xlsx"))); err != nil {
		t.Fatal(err)
	}
	if m := e.download("/plans/"+hash+"/matrices.pdf", pdfType, "_матрицы.pdf"); !bytes.HasPrefix(m, []byte("%PDF")) {
		t.Fatal("matrices.pdf is not a PDF")
	}
	status := string(e.download("/plans/"+hash+"/q/2022Q1/status.csv", "text/csv", "_состояние_2022Q1.csv"))
	mustContain(t, status, "МБОУ Школа № 1")
	e.get(e.admin, "/plans/"+hash+"/tracker.xlsx?quarter=весна", http.StatusBadRequest)
}

// pdfText is the text of a PDF as pdftotext reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool := tooltest.Need(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, pdf, 0o644)
	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// Issuing links gives a zip with each organisation's checklist and the
// list of links for a mail merge; each link opens its organisation's
// page.
func TestIssueZip(t *testing.T) { pgtest.Run(t, testIssueZip) }

func testIssueZip(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	hash := e.acceptPlan(sarov)
	e.loadSchools()
	resp, err := e.admin.PostForm(e.ts.URL+"/plans/"+hash+"/q/2022Q1/links", url.Values{"which": {"missing"}, "format": {"zip"}, "expires": {"2022-04-30"}})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("issue: %d %v\n%s", resp.StatusCode, resp.Header, clipBody(string(data)))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	list := files["ссылки.csv"]
	if !bytes.HasPrefix(list, []byte("\ufeff")) || files["checklists.csv"] == nil {
		t.Fatalf("zip holds %d files; links list %q", len(files), list)
	}
	r := csv.NewReader(bytes.NewReader(list[3:]))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], "|") != "Организация|Краткое название|Электронная почта|Ссылка|Действует до|Файл чек-листа" || len(recs) != 14 {
		t.Fatalf("links list: %q", recs)
	}
	for _, rec := range recs[1:] {
		org, email, link, until, wb := rec[0], rec[2], rec[3], rec[4], rec[5]
		if org == "МБОУ Школа № 1" && email != "school1@example.ru" {
			t.Errorf("%s: e-mail %q", org, email)
		}
		if until != "30.04.2022" {
			t.Errorf("%s: valid until %q", org, until)
		}
		u, _ := url.Parse(link)
		page := e.get(e.newSchool(), u.Path, http.StatusOK)
		mustContain(t, page, `id="school-name">`+htmlText(org)+`<`, "Ссылка действует по 30.04.2022")
		f, err := excelize.OpenReader(bytes.NewReader(files[wb]))
		if err != nil {
			t.Fatalf("%s: %v", wb, err)
		}
		if man := xlsxtest.ReadManifest(t, f, "_manifest"); man["org"] != org {
			t.Errorf("%s holds the checklist of %q, not %q", wb, man["org"], org)
		}
	}
	// Nothing new for those who have a link; the checklists alone.
	body := e.post(e.admin, "/plans/"+hash+"/q/2022Q1/links", url.Values{"which": {"missing"}}, http.StatusOK)
	mustContain(t, body, "новых не выдано")
	if z := e.issueDocument("/plans/"+hash+"/q/2022Q1/checklists.zip", "application/zip", "_чек-листы_2022Q1.zip"); !bytes.HasPrefix(z, []byte("PK")) {
		t.Fatal("checklists.zip")
	}
	// A date already past is refused.
	e.post(e.admin, "/plans/"+hash+"/q/2022Q1/links", url.Values{"which": {"all"}, "expires": {"2022-01-01"}}, http.StatusBadRequest)
	e.post(e.admin, "/plans/"+hash+"/q/2022Q1/links", url.Values{"org": {"Неизвестная"}}, http.StatusBadRequest)
}

// htmlText is how html/template writes a text.
func htmlText(s string) string {
	return strings.NewReplacer("«", "«", `"`, "&#34;", "<", "&lt;", ">", "&gt;", "&", "&amp;").Replace(s)
}
