// Package web is the tool's second face: `roadmap serve`, the web app
// where a department runs the quarter and the schools answer. Like the
// command line it is a thin layer over the application core: it reads
// and writes the store (store), authenticates through access, reads
// uploads through produce and collect, and renders every document
// through produce; it never imports a writer or excelize and fpdf (the
// layering test checks it).
//
// Pages are rendered on the server from html/template (every value
// escaped in its context; nothing built from user data is ever trusted
// as HTML) and work without JavaScript; a little plain JS adds
// drag-and-drop upload and, on a school's page, saving each row as it
// changes with retries and a local copy. The JSON API (api*.go, under
// /api/v1, documented in openapi.yaml) offers the same operations to
// machines with tokens.
//
// Files: server.go (the server, its routes and their limits),
// middleware.go (logging, security headers, cross-origin protection,
// body limits, timeouts, authentication), render.go (templates and
// errors), one file per resource for the pages (plans.go, imports.go,
// quarter.go, links.go, workbooks.go, orgs.go, items.go, school.go,
// downloads.go, login.go) and for the API (api*.go).
package web
