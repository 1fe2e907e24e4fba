package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/store"
)

// A GET changes nothing: a prefetch, a crawler or a link preview opening
// any page or download (the tracker, the checklists, the reports) must
// not record a document as issued, nor make a signing key. Documents are
// issued by the forms that say so (POST).
func TestGetChangesNothing(t *testing.T) { pgtest.Run(t, testGetChangesNothing) }

func testGetChangesNothing(t *testing.T, eng pgtest.Engine) {
	e := newEnv(t, eng)
	hash := e.acceptPlan(sarov)
	e.loadSchools()

	// Nothing issued yet: the tracker is made, unsigned, and nothing is
	// recorded or keyed.
	e.download("/plans/"+hash+"/tracker.xlsx?quarter=2022Q1", xlsxType, "_трекер_2022Q1.xlsx")
	for _, kind := range []string{store.KindTracker, store.KindChecklist} {
		if got, err := e.st.Issued(hash, kind); err != nil || len(got) != 0 {
			t.Fatalf("a GET of the tracker recorded an issue of %s: %v %v", kind, got, err)
		}
	}
	if key, err := e.st.HasManifestKey(); err != nil || key != nil {
		t.Fatalf("a GET of the tracker made a signing key: %v", err)
	}
	// The checklists zip is issued by a form; there is no GET of it.
	e.get(e.admin, "/plans/"+hash+"/q/2022Q1/checklists.zip", http.StatusNotFound)

	// A link issued to one school records its checklist, by the POST.
	e.post(e.admin, "/plans/"+hash+"/q/2022Q1/links", url.Values{"org": {"МБОУ Школа № 1"}}, http.StatusOK)
	got, err := e.st.Issued(hash, store.KindChecklist)
	if err != nil || len(got) != 1 || len(got["МБОУ Школа № 1"]) == 0 {
		t.Fatalf("issuing a link did not record its checklist: %v %v", got, err)
	}
	links := e.issueAll(hash, "2022Q1")
	one := links["МБОУ Школа № 1"]
	item := dueItems(e.get(e.newSchool(), one.path(), http.StatusOK))[0]
	e.saveRow(e.newSchool(), one, item, url.Values{"status": {"done"}, "key": {"getsafe-1"}}, http.StatusOK)

	before := exportStore(t, e.st)
	school := e.newSchool()
	for _, p := range []string{one.path(), one.path() + "/checklist.xlsx"} {
		e.get(school, p, http.StatusOK)
	}
	for _, p := range []string{
		"/", "/plans", "/plans/" + hash, "/plans/" + hash + "/q/2022Q1", "/plans/" + hash + "/q/2022Q1/rows",
		"/plans/" + hash + "/q/2022Q1/links", "/plans/" + hash + "/items/" + item, "/orgs", "/groups", "/workbooks", "/imports",
		"/plans/" + hash + "/tracker.xlsx?quarter=2022Q1", "/plans/" + hash + "/q/2022Q1/report.pdf",
		"/plans/" + hash + "/matrices.xlsx", "/plans/" + hash + "/matrices.pdf", "/plans/" + hash + "/q/2022Q1/status.csv",
		"/plans/" + hash + "/plan.json", "/plans/" + hash + "/items/" + item + "/history.csv",
	} {
		e.get(e.admin, p, http.StatusOK)
	}
	if after := exportStore(t, e.st); !bytes.Equal(before, after) {
		t.Errorf("GETs changed the store:\nbefore %d bytes, after %d bytes", len(before), len(after))
	}
}

// exportStore is everything the store holds, as `roadmap export` writes
// it.
func exportStore(t *testing.T, st *store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := st.Export(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
