package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

func TestStoreErrorsNotShown(t *testing.T) { pgtest.Run(t, testStoreErrorsNotShown) }

// testStoreErrorsNotShown: when the store fails, the page says an error
// happened and was logged; what the database said (its SQL, its tables)
// goes to the log only. The store fails here where links are written (a
// trigger refuses every new link); a date the department chose that
// cannot be is still told as such.
func testStoreErrorsNotShown(t *testing.T, eng pgtest.Engine) {
	e, hash, _ := setup(t, eng)
	const secret = "INSERT INTO links: таблица недоступна"
	ddl := []string{`CREATE TRIGGER refuse_links BEFORE INSERT ON links BEGIN SELECT RAISE(ABORT, '` + secret + `'); END`}
	if e.st.Engine() == "postgres" {
		ddl = []string{
			`CREATE FUNCTION refuse_links() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '` + secret + `'; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER refuse_links BEFORE INSERT ON links FOR EACH ROW EXECUTE FUNCTION refuse_links()`,
		}
	}
	path := "/plans/" + hash + "/q/2022Q1/links"
	// A date too far: the department's mistake, shown (before the store is
	// asked).
	body := e.post(e.admin, path, url.Values{"org": {"МБОУ Школа № 1"}, "expires": {"2122-04-20"}}, http.StatusBadRequest)
	mustContain(t, body, "срок действия ссылок (21.04.2122) слишком далек")
	for _, q := range ddl {
		if _, err := e.st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	body = e.post(e.admin, path, url.Values{"org": {"МБОУ Школа № 1"}}, http.StatusInternalServerError)
	mustContain(t, body, "внутренняя ошибка сервера")
	body += e.apiJSON(e.admin, http.MethodPost, "/api/v1"+strings.Replace(path, "/q/", "/quarters/", 1), `{"all": true}`, http.StatusInternalServerError)
	if strings.Contains(body, "INSERT") || strings.Contains(body, "таблица") {
		t.Fatalf("the store's error is shown:\n%s", body)
	}
	if !strings.Contains(e.logs.String(), secret) {
		t.Fatalf("the store's error is not logged:\n%s", e.logs)
	}
}
