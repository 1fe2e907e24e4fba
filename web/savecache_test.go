package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

// A school's save trusts what it remembers of the link and of who
// receives what (its busiest request reads nothing else), and the store
// checks both in the save's own transaction: a revocation, an expiry or
// a new directory stops the very next save, with nothing stored.
func TestSaveChecksWhatItRemembers(t *testing.T) { pgtest.Run(t, testSaveChecksWhatItRemembers) }

func testSaveChecksWhatItRemembers(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	count := func() int {
		var n int
		if err := e.st.DB().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM edits`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	one, two := links["МБОУ Школа № 1"], links["МБОУ Школа № 2"]
	item := firstOf(e.itemsOf(hash, one.Org))
	c := e.newSchool()
	save := func(l issuedLinkT, key string, want int) string {
		return e.saveRow(c, l, item, url.Values{"status": {"in_progress"}, "evidence": {key}, "key": {key}}, want)
	}
	save(one, "remembered-1", http.StatusOK)
	save(two, "remembered-2", http.StatusOK)

	// Revoked: the link is still in memory, the save is refused.
	e.post(e.admin, "/links/"+itoa(one.ID)+"/revoke", nil, http.StatusOK)
	before := count()
	mustContain(t, save(one, "after-revoke", http.StatusGone), "ссылка отозвана")
	if n := count(); n != before {
		t.Errorf("a save by a revoked link stored %d answers", n-before)
	}

	// A new directory without school 2: it no longer receives the item.
	e.upload(e.admin, "/orgs/upload", "file", []file{{name: "schools.csv", data: []byte("name,short,email,groups\nМБОУ Школа № 1,Школа 1,,ОбОО\n")}}, nil, http.StatusOK)
	save(two, "after-directory", http.StatusNotFound)
	if n := count(); n != before {
		t.Errorf("a save of an item no longer the school's stored %d answers", n-before)
	}
	// Back in the directory: saved, under the new directory's version.
	e.loadSchools()
	save(two, "back-in-directory", http.StatusOK)

	// Expired while remembered.
	e.now = time.Date(2022, 4, 21, 0, 0, 0, 0, time.UTC)
	mustContain(t, save(two, "after-expiry", http.StatusGone), "срок действия ссылки истек")
}
