package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

func TestUploadFieldLimits(t *testing.T) { pgtest.Run(t, testUploadFieldLimits) }

// testUploadFieldLimits: an upload is files and a few small fields; one
// stuffed with thousands of fields, other form names or a field longer
// than a form's is refused as a whole, and collects nothing, before its
// parts fill the memory (each field is kept; a 200 MB upload of empty
// fields is millions of them).
func testUploadFieldLimits(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	one := links["МБОУ Школа № 1"]
	c := e.newSchool()
	item := firstOf(e.itemsOf(hash, one.Org))
	wb := e.get(c, one.path()+"/checklist.xlsx", http.StatusOK)
	filled := fillChecklist(t, []byte(wb), map[string][2]string{item: {"Выполнено", "отчет на сайте школы"}})
	many := url.Values{}
	for i := range maxUploadParts {
		many.Set(fmt.Sprintf("f%d", i), "x")
	}
	for _, tc := range []struct {
		name   string
		fields url.Values
		want   string
	}{
		{"many fields", many, "слишком много частей"},
		{"a long field", url.Values{"quarter": {strings.Repeat("я", 3<<10)}}, "поле quarter длиннее"},
	} {
		body, _ := e.upload(c, one.path()+"/upload", "file", []file{{name: "отчет.xlsx", data: filled}}, tc.fields, http.StatusBadRequest)
		mustContain(t, body, tc.want)
		if h, _ := e.st.History(context.Background(), hash, item, one.Org); len(h) != 0 {
			t.Fatalf("%s: the refused upload was collected: %+v", tc.name, h)
		}
	}
	// Files under another form name count as parts too.
	var files []file
	for range maxUploadParts + 1 {
		files = append(files, file{name: "x.txt", data: []byte("x")})
	}
	body, _ := e.upload(e.admin, "/plans/upload", "other", files, nil, http.StatusBadRequest)
	mustContain(t, body, "слишком много частей")
	// Within the limits the same upload is collected.
	body, _ = e.upload(c, one.path()+"/upload", "file", []file{{name: "отчет.xlsx", data: filled}}, url.Values{"note": {"x"}}, http.StatusOK)
	mustContain(t, body, "отчет.xlsx: собрано 1 ответ")
}
