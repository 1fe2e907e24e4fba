package web

import (
	"io"
	"net/http"
	"time"
)

// A request's body must keep coming: after bodyGrace, at least
// minBodyRate bytes a second on average, else the connection's read
// fails. An upload holds one of the four heavy slots while it is read,
// so four clients sending a byte a second (any school's link can post a
// workbook) would otherwise keep every upload and document of every
// user waiting for the five minutes of the server's ReadTimeout, again
// and again. A school on a weak mobile line sends tens of kilobytes a
// second; a checklist is some tens of kilobytes.
var (
	bodyGrace   = 20 * time.Second
	minBodyRate = int64(2 << 10)
)

// steadyBody moves the connection's read deadline as the body arrives:
// from its first read (a request waiting for a heavy slot is not read
// yet, and is not the client's fault) to its end, when the deadline is
// lifted (the server watches the connection after the body, and a
// deadline passing then would cancel a request still being worked on).
type steadyBody struct {
	io.ReadCloser
	rc         *http.ResponseController
	start, end time.Time // end: the server's ReadTimeout from the first read, never passed
	n          int64
	done       bool
}

func newSteadyBody(w http.ResponseWriter, body io.ReadCloser) io.ReadCloser {
	return &steadyBody{ReadCloser: body, rc: http.NewResponseController(w)}
}

func (b *steadyBody) deadline() time.Time {
	d := b.start.Add(bodyGrace + time.Duration(b.n*int64(time.Second)/minBodyRate))
	if d.After(b.end) {
		return b.end
	}
	return d
}

func (b *steadyBody) Read(p []byte) (int, error) {
	if b.done {
		return b.ReadCloser.Read(p)
	}
	if b.start.IsZero() {
		b.start = time.Now()
		b.end = b.start.Add(readTimeout)
		if b.rc.SetReadDeadline(b.deadline()) != nil {
			b.done = true // not a connection of ours (a test's recorder): nothing to move
			return b.ReadCloser.Read(p)
		}
	}
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	switch {
	case err == io.EOF:
		b.done = true
		b.rc.SetReadDeadline(time.Time{})
	case n > 0:
		b.rc.SetReadDeadline(b.deadline())
	}
	return n, err
}
