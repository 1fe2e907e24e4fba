package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

func TestQuarterOutsidePeriod(t *testing.T) { pgtest.Run(t, testQuarterOutsidePeriod) }

// testQuarterOutsidePeriod: the Sarov roadmap runs 2021-2022; a quarter
// before or after is no page of it. Its pages are not found, a link is
// not issued for it (it would work to the 20th after it) and an answer
// is not saved to it, through the pages or the API.
func testQuarterOutsidePeriod(t *testing.T, eng pgtest.Engine) {
	e, hash, _ := setup(t, eng)
	item := firstOf(e.itemsOf(hash, "МБОУ Школа № 1"))
	for _, q := range []string{"2020Q4", "2023Q1", "2099Q4"} {
		for _, p := range []string{"/q/" + q, "/q/" + q + "/rows", "/q/" + q + "/links", "/q/" + q + "/report.pdf", "/q/" + q + "/status.csv"} {
			e.get(e.admin, "/plans/"+hash+p, http.StatusNotFound)
		}
		mustContain(t, e.get(e.admin, "/plans/"+hash+"/tracker.xlsx?quarter="+q, http.StatusBadRequest), "не входит в период плана")
		mustContain(t, e.get(e.admin, "/plans/"+hash+"/items/"+url.PathEscape(item)+"?quarter="+q, http.StatusBadRequest), "не входит в период плана")
		e.post(e.admin, "/plans/"+hash+"/q/"+q+"/links", url.Values{"org": {"МБОУ Школа № 1"}}, http.StatusNotFound)
		e.apiJSON(e.admin, http.MethodPost, "/api/v1/plans/"+hash+"/quarters/"+q+"/links", `{"all": true}`, http.StatusNotFound)
		e.apiJSON(e.admin, http.MethodPost, "/api/v1/plans/"+hash+"/quarters/"+q+"/answers",
			`{"org": "МБОУ Школа № 1", "item": "`+item+`", "status": "done"}`, http.StatusNotFound, "Idempotency-Key", "out-"+q)
		body := e.post(e.admin, "/plans/"+hash+"/items/"+url.PathEscape(item)+"/answers",
			url.Values{"org": {"МБОУ Школа № 1"}, "quarter": {q}, "status": {"done"}, "key": {"form-" + q}}, http.StatusBadRequest)
		mustContain(t, body, "квартал «"+q+"» не входит в период плана (январь 2021 – декабрь 2022)")
		if ls, err := e.st.Links(context.Background(), hash, q); err != nil || len(ls) != 0 {
			t.Fatalf("links issued for %s, outside the plan's period: %d (%v)", q, len(ls), err)
		}
	}
	if h, _ := e.st.History(context.Background(), hash, item, ""); len(h) != 0 {
		t.Fatalf("answers saved outside the plan's period: %+v", h)
	}
	// The period's own quarters, its first and last, are pages.
	e.get(e.admin, "/plans/"+hash+"/q/2021Q1", http.StatusOK)
	e.get(e.admin, "/plans/"+hash+"/q/2022Q4", http.StatusOK)
}

func TestLinkExpiryBounds(t *testing.T) { pgtest.Run(t, testLinkExpiryBounds) }

// testLinkExpiryBounds: the links page's date field offers what issuing
// accepts, from today to a year after the quarter's expiry (the 20th of
// April for the first quarter of 2022), and issuing refuses a day later.
func testLinkExpiryBounds(t *testing.T, eng pgtest.Engine) {
	e, hash, _ := setup(t, eng)
	path := "/plans/" + hash + "/q/2022Q1/links"
	mustContain(t, e.get(e.admin, path, http.StatusOK), `value="2022-04-20" min="2022-02-15" max="2023-04-21"`)
	mustContain(t, e.post(e.admin, path, url.Values{"org": {"МБОУ Школа № 1"}, "expires": {"2023-04-21"}}, http.StatusOK), "действует по 21.04.2023")
	mustContain(t, e.post(e.admin, path, url.Values{"org": {"МБОУ Школа № 1"}, "expires": {"2023-04-22"}}, http.StatusBadRequest), "не дольше чем по 21.04.2023")
	mustContain(t, e.post(e.admin, path, url.Values{"org": {"МБОУ Школа № 1"}, "expires": {"2022-02-14"}}, http.StatusBadRequest), "уже прошел")
}
