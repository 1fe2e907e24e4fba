package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

func TestBadRequestsInRussian(t *testing.T) { pgtest.Run(t, testBadRequestsInRussian) }

// testBadRequestsInRussian: a malformed JSON body, form or upload is
// told in Russian, naming the field as the client sent it, never in the
// decoder's English with the server's own type names.
func testBadRequestsInRussian(t *testing.T, eng pgtest.Engine) {
	e, hash, _ := setup(t, eng)
	answers := "/api/v1/plans/" + hash + "/quarters/2022Q1/answers"
	for _, tc := range []struct{ body, want string }{
		{`{"org": 5, "item": "1"}`, "поле org — ожидается строка, а не число"},
		{`{"org": "x", "item": ["1"]}`, "поле item — ожидается строка, а не список"},
		{`{"org": "x",}`, "ошибка синтаксиса у байта 13"},
		{`{"org": "x", "extra": 1}`, "неизвестное поле «extra»"},
		{`{"org": "x"`, "тело запроса пусто или оборвано"},
		{``, "тело запроса пусто или оборвано"},
		{`[1]`, "ожидается объект, а не список"},
	} {
		body := e.apiJSON(e.admin, http.MethodPost, answers, tc.body, http.StatusBadRequest, "Idempotency-Key", "bad-json")
		mustContain(t, body, tc.want)
		for _, leak := range []string{"Go ", "answerRequest", "json:", "struct"} {
			if strings.Contains(body, leak) {
				t.Errorf("%s: the answer shows %q: %s", tc.body, leak, body)
			}
		}
	}
	// A form in a broken encoding, a truncated upload.
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/orgs/save", strings.NewReader("name=%zz"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := e.admin.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusBadRequest || strings.Contains(body, "invalid") {
		t.Errorf("a form in a broken encoding: %d\n%s", resp.StatusCode, clipBody(body))
	}
	mustContain(t, body, "форма не читается")
	req, _ = http.NewRequest(http.MethodPost, e.ts.URL+"/workbooks", strings.NewReader("--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.xlsx\"\r\n\r\nPK"))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
	resp, err = e.admin.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body = readBody(t, resp)
	if resp.StatusCode != http.StatusBadRequest || strings.Contains(body, "multipart:") || strings.Contains(body, "EOF") {
		t.Errorf("a truncated upload: %d\n%s", resp.StatusCode, clipBody(body))
	}
	mustContain(t, body, "загрузка прервана или повреждена")
}
