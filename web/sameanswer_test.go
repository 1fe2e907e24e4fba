package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// TestSameAnswerTwoServers: two people of one school (a phone and a
// computer, each with its own key) save the same answer to the same row
// at the same moment through two servers on one PostgreSQL; the history
// holds it once, as it does when the two saves come one after the other
// (the second is "unchanged"), and the answer in force is that one.
func TestSameAnswerTwoServers(t *testing.T) {
	e1, e2 := twoServers(t)
	hash := e1.acceptPlan(sarov)
	e1.loadSchools()
	links := e1.issueAll(hash, "2022Q1")
	one := links["МБОУ Школа № 1"]
	items := e1.itemsOf(hash, one.Org)
	rounds := 0
	for item := range items {
		if rounds == 20 {
			break
		}
		rounds++
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		for i, srv := range []*env{e1, e2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				form := url.Values{"status": {"done"}, "evidence": {"приказ № 5"}, "key": {fmt.Sprintf("device%dround%04d", i, rounds)}}
				req, _ := http.NewRequest(http.MethodPost, srv.ts.URL+one.path()+"/items/"+url.PathEscape(item), strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Accept", "application/json")
				_, err := do(srv.client(), req, http.StatusOK)
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		h, err := e1.st.History(context.Background(), hash, item, one.Org)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 1 {
			t.Errorf("%s: the same answer saved at once through two servers is in the history %d times", item, len(h))
		}
	}
}
