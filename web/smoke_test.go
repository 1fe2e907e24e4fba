package web

import (
	"net/http"
	"testing"
)

func TestSmoke(t *testing.T) {
	e := newEnv(t)
	body, resp := e.upload(e.admin, "/plans/upload", "files", []file{readFile(t, sarov)}, nil, http.StatusOK)
	t.Log(resp.Request.URL.Path)
	mustContain(t, body, "79")
	t.Log(clipBody(body))
}
