package web

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

func TestSlowUploadsLetGo(t *testing.T) { pgtest.Run(t, testSlowUploadsLetGo) }

// testSlowUploadsLetGo: more uploads than there are heavy slots, each
// sending a few bytes a second through a school's link, neither keep the
// other schools' checklists from downloading nor hold their slots for
// the five minutes of ReadTimeout: each is cut (408) once it falls
// behind the minimum rate, and the checklist is sent.
func testSlowUploadsLetGo(t *testing.T, eng pgtest.Engine) {
	defer func(g time.Duration, r int64) { bodyGrace, minBodyRate = g, r }(bodyGrace, minBodyRate)
	bodyGrace, minBodyRate = time.Second, 1<<10
	e, _, links := setup(t, eng)
	one, two := links["МБОУ Школа № 1"], links["МБОУ Школа № 2"]
	addr := strings.TrimPrefix(e.ts.URL, "http://")
	slow := cap(e.srv.heavy) + 1
	answers := make(chan string, slow)
	for range slow {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST %s/upload HTTP/1.1\r\nHost: %s\r\nSec-Fetch-Site: same-origin\r\n"+
			"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n"+
			"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\n", one.path(), addr)
		go func() {
			defer conn.Close()
			go func() { // a byte every 100 ms, until the server stops reading
				for range 600 {
					if _, err := conn.Write([]byte{'x'}); err != nil {
						return
					}
					time.Sleep(100 * time.Millisecond)
				}
			}()
			conn.SetReadDeadline(time.Now().Add(time.Minute))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				answers <- err.Error()
				return
			}
			answers <- fmt.Sprint(resp.StatusCode, " ", readBody(t, resp))
		}()
	}
	time.Sleep(300 * time.Millisecond) // the slow ones hold every slot
	start := time.Now()
	e.get(e.newSchool(), two.path()+"/checklist.xlsx", http.StatusOK)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("a checklist waited %v behind slow uploads", took)
	}
	for range slow {
		a := <-answers
		if !strings.HasPrefix(a, "408 ") || !strings.Contains(a, "данные приходили слишком медленно") {
			t.Errorf("a slow upload was answered %.300s", a)
		}
	}
}
