package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

func TestErrorPageWayBack(t *testing.T) { pgtest.Run(t, testErrorPageWayBack) }

// testErrorPageWayBack: an error page offers the way back to where its
// reader works: a school's to its page (its only one: a file it could
// not upload left it with the browser's Back button alone), a
// department's to its plans.
func testErrorPageWayBack(t *testing.T, eng pgtest.Engine) {
	e, _, links := setup(t, eng)
	one := links["МБОУ Школа № 1"]
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+one.path()+"/upload", strings.NewReader("не форма"))
	req.Header.Set("Content-Type", "text/plain")
	resp, err := e.newSchool().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("a school's upload that is no form: %d", resp.StatusCode)
	}
	mustContain(t, body, `<a href="`+one.path()+`" id="error-back">К странице организации</a>`, "ожидается форма с файлами")
	mustContain(t, e.get(e.admin, "/plans/0000000000000000", http.StatusNotFound), `<a href="/" id="error-back">К дорожным картам</a>`)
	if body := e.get(e.client(), "/nowhere", http.StatusNotFound); strings.Contains(body, "error-back") {
		t.Fatalf("a stranger is offered a way into the server:\n%s", body)
	}
}
