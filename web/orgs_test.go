package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

func TestOrganisations(t *testing.T) { pgtest.Run(t, testOrganisations) }

func testOrganisations(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	mustContain(t, e.get(e.admin, "/orgs", http.StatusOK), `id="no-orgs"`)
	// A directory as Russian Excel saves it: ';', a BOM.
	csv := "\ufeffname;short;email;groups\nМБОУ Школа № 1;Школа 1;s1@example.ru;ОбОО\nМБДОУ Детский сад № 5;Детсад 5;;ДОУ\n"
	_, resp := e.upload(e.admin, "/orgs/upload", "file", []file{{name: "orgs.csv", data: []byte(csv)}}, nil, http.StatusOK)
	page := e.get(e.admin, resp.Request.URL.RequestURI(), http.StatusOK)
	mustContain(t, page, "Справочник заменен: организаций — 2.", "МБОУ Школа № 1", "s1@example.ru", "МБДОУ Детский сад № 5")
	// Errors name the file and the line; nothing changes.
	for _, bad := range []struct{ name, data, want string }{
		{"dup.csv", "name\nШкола № 1\nшкола №1\n", "dup.csv:3: организация"},
		{"mail.csv", "name,email\nШкола,не адрес\n", "адрес электронной почты"},
		{"empty.csv", "", "пустой файл"},
		{"list.yaml", "name: x\n", "list.yaml:1: ожидается список организаций"},
	} {
		body, _ := e.upload(e.admin, "/orgs/upload", "file", []file{{name: bad.name, data: []byte(bad.data)}}, nil, http.StatusBadRequest)
		mustContain(t, body, bad.want)
	}
	if d, _ := e.st.Directory(context.Background()); len(d) != 2 {
		t.Fatalf("a refused file changed the directory: %+v", d)
	}
	// Add one, change one, take one out.
	mustContain(t, e.get(e.admin, "/orgs/edit", http.StatusOK), `id="org-name"`)
	e.post(e.admin, "/orgs/save", url.Values{"new": {"1"}, "name": {"МБУ ДО ДДТ"}, "short": {"ДДТ"}, "groups": {"ОДО"}}, http.StatusOK)
	form := e.get(e.admin, "/orgs/edit?name="+url.QueryEscape("МБОУ Школа № 1"), http.StatusOK)
	mustContain(t, form, `value="s1@example.ru"`, `value="ОбОО"`)
	e.post(e.admin, "/orgs/save", url.Values{"name": {"МБОУ Школа № 1"}, "short": {"Школа 1"}, "email": {"new@example.ru"}, "groups": {"ОбОО; ОО"}}, http.StatusOK)
	body := e.post(e.admin, "/orgs/save", url.Values{"name": {"МБОУ Школа № 1"}, "email": {"не адрес"}}, http.StatusBadRequest)
	mustContain(t, body, `id="org-error"`, "не читается")
	body = e.post(e.admin, "/orgs/save", url.Values{"new": {"1"}, "name": {"мбоу школа №1"}}, http.StatusBadRequest)
	mustContain(t, body, "уже указана")
	e.post(e.admin, "/orgs/remove", url.Values{"name": {"МБДОУ Детский сад № 5"}}, http.StatusOK)
	e.post(e.admin, "/orgs/remove", url.Values{"name": {"никто"}}, http.StatusNotFound)
	d, _ := e.st.Directory(context.Background())
	if len(d) != 2 || d[0].Email != "new@example.ru" || len(d[0].Groups) != 2 || d[1].Name != "МБУ ДО ДДТ" {
		t.Fatalf("directory: %+v", d)
	}
	e.get(e.admin, "/orgs/edit?name="+url.QueryEscape("МБДОУ Детский сад № 5"), http.StatusNotFound)
	groups := e.get(e.admin, "/groups", http.StatusOK)
	mustContain(t, groups, "<h2>ОбОО</h2>", "<h2>ОДО</h2>", "<li>МБУ ДО ДДТ</li>")
	oo := groups[strings.Index(groups, "<h2>ОО"):]
	mustContain(t, oo[:strings.Index(oo, "</ul>")], "МБОУ Школа № 1", "МБУ ДО ДДТ")
}
