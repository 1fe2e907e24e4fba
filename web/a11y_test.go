package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

func TestPagesAccessible(t *testing.T) { pgtest.Run(t, testPagesAccessible) }

// testPagesAccessible reads every page as a screen reader would name its
// parts: each field has a label (around it, by for=, or aria-label); ids
// are unique (a label for= or a fragment names one thing); and a button
// repeated on a page (Выдать on each organisation's line, Сохранить on
// each activity) says which line it acts on, else a reader hears
// "Выдать, Выдать, Выдать".
func testPagesAccessible(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	one := links["МБОУ Школа № 1"]
	item := firstOf(e.itemsOf(hash, one.Org))
	q := "/plans/" + hash + "/q/2022Q1"
	pages := map[string]string{
		"login": e.get(e.client(), "/login", http.StatusOK),
		"plans": e.get(e.admin, "/plans", http.StatusOK), "plan": e.get(e.admin, "/plans/"+hash, http.StatusOK),
		"dashboard": e.get(e.admin, q, http.StatusOK), "rows": e.get(e.admin, q+"/rows", http.StatusOK),
		"links": e.get(e.admin, q+"/links", http.StatusOK), "item": e.get(e.admin, "/plans/"+hash+"/items/"+url.PathEscape(item), http.StatusOK),
		"imports": e.get(e.admin, "/imports", http.StatusOK), "import": e.get(e.admin, "/imports/1", http.StatusOK),
		"orgs": e.get(e.admin, "/orgs", http.StatusOK), "org edit": e.get(e.admin, "/orgs/edit?name="+url.QueryEscape(one.Org), http.StatusOK),
		"groups": e.get(e.admin, "/groups", http.StatusOK), "workbooks": e.get(e.admin, "/workbooks", http.StatusOK),
		"tokens": e.get(e.admin, "/tokens", http.StatusOK), "token issued": e.post(e.admin, "/tokens", url.Values{"name": {"региональная система"}}, http.StatusOK),
		"school": e.get(e.newSchool(), one.path(), http.StatusOK), "school, all": e.get(e.newSchool(), one.path()+"?all=1", http.StatusOK),
		"reissued":  e.post(e.admin, q+"/links", url.Values{"org": {one.Org}}, http.StatusOK),
		"not found": e.get(e.admin, "/plans/0000000000000000", http.StatusNotFound),
	}
	for name, body := range pages {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]int{}
		doc.Find("[id]").Each(func(_ int, s *goquery.Selection) { ids[s.AttrOr("id", "")]++ })
		for id, n := range ids {
			if n > 1 {
				t.Errorf("%s: id %q on %d elements", name, id, n)
			}
		}
		doc.Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
			if typ := s.AttrOr("type", ""); typ == "hidden" || typ == "submit" {
				return
			}
			id := s.AttrOr("id", "")
			labelled := s.ParentsFiltered("label").Length() > 0 || s.AttrOr("aria-label", "") != "" || s.AttrOr("aria-labelledby", "") != "" ||
				id != "" && doc.Find(`label[for="`+id+`"]`).Length() > 0
			if !labelled {
				html, _ := goquery.OuterHtml(s)
				t.Errorf("%s: a field without a label: %.200s", name, html)
			}
		})
		// A column's heading, on a screen and before each cell on a
		// phone, starts with a capital ("нет данных:" stood among
		// "Выполнено:" and "Не начато:").
		doc.Find("th").Each(func(_ int, s *goquery.Selection) { checkHeading(t, name, strings.TrimSpace(s.Text())) })
		doc.Find("td[data-label]").Each(func(_ int, s *goquery.Selection) { checkHeading(t, name, s.AttrOr("data-label", "")) })
		named := map[string]int{}
		doc.Find("button, a.button").Each(func(_ int, s *goquery.Selection) { named[accessibleName(doc, s)]++ })
		for n, count := range named {
			if count > 1 {
				t.Errorf("%s: %d buttons are all named %q", name, count, n)
			}
		}
	}
}

// checkHeading fails a column heading that starts with a small letter.
func checkHeading(t *testing.T, page, h string) {
	t.Helper()
	if r, _ := utf8.DecodeRuneInString(h); unicode.IsLower(r) {
		t.Errorf("%s: the column heading %q starts with a small letter", page, h)
	}
}

// accessibleName is a button's name as a screen reader reads it: its
// aria-label, else its text, with what aria-describedby adds.
func accessibleName(doc *goquery.Document, s *goquery.Selection) string {
	n := s.AttrOr("aria-label", "")
	if n == "" {
		n = strings.Join(strings.Fields(s.Text()), " ")
	}
	for _, id := range strings.Fields(s.AttrOr("aria-describedby", "")) {
		n += " / " + strings.Join(strings.Fields(doc.Find(`[id="`+id+`"]`).Text()), " ")
	}
	return n
}
