package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// rowOf returns the HTML of the element with the id (up to its closing
// tr), for assertions about one row of a table.
func rowOf(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element %s in the page", id)
	}
	j := strings.Index(body[i:], "</tr>")
	if j < 0 {
		j = len(body) - i
	}
	return body[i : i+j]
}

// Several exports uploaded at once are read, each shown with its outline
// and every diagnostic at its row, and accepted or discarded.
func TestUploadReviewAccept(t *testing.T) { pgtest.Run(t, testUploadReviewAccept) }

func testUploadReviewAccept(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	_, resp := e.upload(e.admin, "/plans/upload", "files", []file{readFile(t, sarov), readFile(t, derbent)}, nil, http.StatusOK)
	if resp.Request.URL.Path != "/imports" {
		t.Fatalf("two files went to %s", resp.Request.URL)
	}
	list := e.get(e.admin, "/imports", http.StatusOK)
	mustContain(t, list, "000_a1e155e70aa7bfd4.txt", "004_7e7c8821e6f4a4e0.txt", "Сарове", "Дербент")
	if !strings.Contains(rowOf(t, list, "import-1"), ">79<") {
		t.Fatalf("Sarov's line does not say 79 items:\n%s", rowOf(t, list, "import-1"))
	}

	page := e.get(e.admin, "/imports/1", http.StatusOK)
	mustContain(t, page, `id="import-items">79<`, "январь 2021 – декабрь 2022", `id="import-warnings">2 предупреждения<`,
		`id="import-accept"`, `id="import-discard"`)
	// Every item is in the outline, and each diagnostic at its row.
	p := readPlan(t, e, sarov)
	if n := strings.Count(page, ` id="line-`); n != len(p.Items)+len(p.Sections) {
		t.Fatalf("outline rows: %d, want %d items and sections", n, len(p.Items)+len(p.Sections))
	}
	mustContain(t, rowOf(t, page, "line-125"), "14.1", "записан без точки в конце")
	mustContain(t, rowOf(t, page, "line-13"), "распознан как «ОбОО»")
	// How the columns were read.
	cols := page[strings.Index(page, `id="import-columns"`):]
	mustContain(t, cols[:strings.Index(cols, "</table>")], "Сроки</td><td data-label=\"Прочитан как\">срок",
		"Ответственный исполнитель</td><td data-label=\"Прочитан как\">ответственные")
	// How the table was read, as roadmap lint --explain says it.
	mustContain(t, page, `id="import-explanation"`, "Как прочитана таблица 000_a1e155e70aa7bfd4.txt")
	derbentPage := e.get(e.admin, "/imports/2", http.StatusOK)
	mustContain(t, rowOf(t, derbentPage, "line-119"), "пропущен номер 2.5.5")

	// Accept one, discard the other.
	e.post(e.admin, "/imports/1/accept", nil, http.StatusOK)
	e.post(e.admin, "/imports/1/accept", nil, http.StatusConflict)
	e.post(e.admin, "/imports/2/discard", nil, http.StatusOK)
	if body := e.get(e.admin, "/imports", http.StatusOK); !strings.Contains(body, `id="no-imports"`) {
		t.Fatal("decided imports are still listed")
	}
	plans := e.get(e.admin, "/plans", http.StatusOK)
	hash := p.Hash()
	row := rowOf(t, plans, "plan-"+hash)
	mustContain(t, row, "январь 2021 – декабрь 2022", ">79<", "I квартал 2022 г.", "0</a> из <a")
	if strings.Contains(plans, "Дербент") {
		t.Fatal("the discarded plan is listed")
	}
	planPage := e.get(e.admin, "/plans/"+hash, http.StatusOK)
	mustContain(t, planPage, `id="plan-items">79<`, `id="dashboard-2022Q1"`, `id="download-tracker"`, "/plans/"+hash+"/items/1.1")
	e.get(e.admin, "/plans/0000000000000000", http.StatusNotFound)
	e.get(e.admin, "/imports/999", http.StatusNotFound)
	e.get(e.admin, "/imports/x", http.StatusNotFound)
}

// readPlan reads a seed as the server does.
func readPlan(t *testing.T, e *env, path string) *plan.Plan {
	t.Helper()
	f := readFile(t, path)
	body := e.get(e.admin, "/imports", http.StatusOK)
	_ = body
	var buf bytes.Buffer
	buf.Write(f.data)
	p, err := openForTest(f.name, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUnreadableUpload(t *testing.T) { pgtest.Run(t, testUnreadableUpload) }

func testUnreadableUpload(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	_, resp := e.upload(e.admin, "/plans/upload", "files", []file{{name: "фото.txt", data: bytes.Repeat([]byte{0, 1, 2, 0xff}, 1000)}}, nil, http.StatusOK)
	page := e.get(e.admin, resp.Request.URL.Path, http.StatusOK)
	mustContain(t, page, `id="import-error"`, "фото.txt")
	if strings.Contains(page, `id="import-accept"`) {
		t.Fatal("an unreadable file can be accepted")
	}
	e.post(e.admin, resp.Request.URL.Path+"/accept", nil, http.StatusBadRequest)
	e.post(e.admin, resp.Request.URL.Path+"/discard", nil, http.StatusOK)
	e.upload(e.admin, "/plans/upload", "files", nil, nil, http.StatusBadRequest)
}

// An upload over the limits is refused with a 413 and the server goes on.
func TestOversizedPlanUpload(t *testing.T) { pgtest.Run(t, testOversizedPlanUpload) }

func testOversizedPlanUpload(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	big := bytes.Repeat([]byte("а\tб\n"), planFileLimit/6+10)
	body, _ := e.upload(e.admin, "/plans/upload", "files", []file{{name: "огромный.txt", data: big}}, nil, http.StatusRequestEntityTooLarge)
	mustContain(t, body, "огромный.txt: файл больше 32 МБ")
	e.get(e.admin, "/healthz", http.StatusOK)
	if ims, _ := e.st.Imports(context.Background(), 0); len(ims) != 0 {
		t.Fatalf("an oversized upload was kept: %d", len(ims))
	}
}

// The plans' JSON through the API is the plan as accepted.
func TestPlanJSON(t *testing.T) { pgtest.Run(t, testPlanJSON) }

func testPlanJSON(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	hash := e.acceptPlan(sarov)
	var p plan.Plan
	if err := json.Unmarshal([]byte(e.get(e.admin, "/plans/"+hash+"/plan.json", http.StatusOK)), &p); err != nil {
		t.Fatal(err)
	}
	if p.Hash() != hash || len(p.Items) != 79 {
		t.Fatalf("plan.json: %s, %d items", p.Hash(), len(p.Items))
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(hash) {
		t.Fatal(hash)
	}
}
